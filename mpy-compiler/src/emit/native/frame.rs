//! Entry and exit code of native and viper functions and the prelude after native code
//! (`emit_native_start_pass`, `emit_native_global_exc_entry`/`exit`, `emit_native_end_pass`).
//!
//! The entry loads `mp_fun_table` and the qstr table through the function object, sets up
//! the code state (native) or converts the arguments to their viper types, and, when the
//! function swaps globals, has exception handlers or is a generator, wraps the body in an
//! nlr context whose handler restores the globals and re-raises or resumes at the handler.

use std::hash::Hash;

use super::*;
use crate::asm::AsmPass;
use crate::emit::{encode_prelude_size, encode_signature};

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    /// `emit_native_start_pass`: resets the per-pass state and writes the entry code.
    pub fn start_pass(&mut self, pass: Pass, tables: &mut ModuleTables<Q>) {
        self.pass = pass;
        self.viper = self.scope.viper;
        self.stack_size = 0;
        self.exc_stack.clear();
        for entry in &mut self.stack {
            *entry = StackEntry {
                vtype: vtype::UNBOUND,
                slot: Slot::Value,
            };
        }
        self.children = 0;

        let num_locals = self.scope.num_locals;
        self.local_vtype.clear();
        self.local_vtype.resize(
            num_locals.max(1),
            if self.viper {
                vtype::UNBOUND
            } else {
                vtype::PYOBJ
            },
        );
        let mut num_args = self.scope.num_pos_args + self.scope.num_kwonly_args;
        if self.flags() & 0x04 != 0 {
            num_args += 1;
        }
        if self.flags() & 0x02 != 0 {
            num_args += 1;
        }
        for i in 0..num_args.min(self.local_vtype.len()) {
            self.local_vtype[i] = vtype::PYOBJ;
        }
        if self.viper {
            for &(local, vt) in &self.scope.param_vtypes {
                if let Some(slot) = self.local_vtype.get_mut(local) {
                    *slot = vt;
                }
            }
        }

        self.asm.base_mut().start_pass(if pass == Pass::Emit {
            AsmPass::Emit
        } else {
            AsmPass::Compute
        });

        self.code_state_start = 0;
        if self.need_global_exc_handler() {
            self.code_state_start = Self::sizeof_nlr_buf() + 1;
            if self.is_generator() {
                self.code_state_start += 2;
            } else if self.scope.exc_stack_size > 0 {
                self.code_state_start += 1;
            }
        }

        let fun_table_off = tables.use_constant(&Constant::FunTable, 0);

        if self.viper {
            self.viper_entry(fun_table_off);
        } else {
            self.native_entry(fun_table_off);
        }
    }

    pub(super) fn viper_entry(&mut self, fun_table_off: usize) {
        let num_locals = self.scope.num_locals;
        let num_pos_args = self.scope.num_pos_args;
        self.n_state = num_locals + self.scope.stack_size;
        let mut num_locals_in_regs = 0;
        if self.can_use_regs_for_locals() {
            num_locals_in_regs = num_locals.min(MAX_REGS_FOR_LOCAL_VARS);
            if num_pos_args > MAX_REGS_FOR_LOCAL_VARS {
                num_locals_in_regs -= 1;
            }
        }
        self.stack_start = if self.need_global_exc_handler() {
            self.code_state_start + 2
        } else if self.flags() & native_flag::HASCONSTS != 0 {
            self.code_state_start + 1
        } else {
            self.code_state_start
        };

        let a = &mut self.asm;
        a.entry(self.stack_start + self.n_state - num_locals_in_regs);
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(0, A::REG_PARENT_ARG_1);
        }
        self.load_tables_from_fun_obj(fun_table_off);
        if self.need_fun_obj() {
            let idx = self.local_idx_fun_obj();
            self.asm.mov_local_reg(idx, A::REG_PARENT_ARG_1);
        }
        let a = &mut self.asm;
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(1, A::REG_ARG_1);
            a.mov_arg_to_reg(2, A::REG_ARG_2);
            a.mov_arg_to_reg(3, Self::reg_local_last());
        } else {
            a.mov_reg_reg(A::REG_ARG_1, A::REG_PARENT_ARG_2);
            a.mov_reg_reg(A::REG_ARG_2, A::REG_PARENT_ARG_3);
            a.mov_reg_reg(Self::reg_local_last(), A::REG_PARENT_ARG_4);
        }
        // Labels 4 and 5 of the scope are reserved for the argument check.
        a.jump_if_reg_nonzero(A::REG_ARG_2, 4, true);
        a.mov_reg_imm(A::REG_ARG_3, num_pos_args as i64);
        a.jump_if_reg_eq(A::REG_ARG_1, A::REG_ARG_3, 5);
        a.label_assign(4);
        // MP_OBJ_FUN_MAKE_SIG(n, n, false)
        let sig = ((num_pos_args as i64) << 17) | ((num_pos_args as i64) << 1);
        a.mov_reg_imm(A::REG_ARG_3, sig);
        a.call_ind(fun::ARG_CHECK_NUM_SIG);
        a.label_assign(5);

        for i in 0..num_pos_args {
            let mut r = A::REG_ARG_1;
            self.asm
                .load_reg_reg_offset(A::REG_ARG_1, Self::reg_local_last(), i);
            let vt = self.local_vtype.get(i).copied().unwrap_or(vtype::PYOBJ);
            if vt != vtype::PYOBJ {
                self.call_with_imm_arg(fun::CONVERT_OBJ_TO_NATIVE, i64::from(vt), A::REG_ARG_2);
                r = A::REG_RET;
            }
            if i < MAX_REGS_FOR_LOCAL_VARS
                && self.can_use_regs_for_locals()
                && (i != MAX_REGS_FOR_LOCAL_VARS - 1 || num_pos_args == MAX_REGS_FOR_LOCAL_VARS)
            {
                self.asm.mov_reg_reg(Self::reg_local(i), r);
            } else {
                let idx = self.local_idx_local_var(i);
                self.mov_state_reg(idx, r);
            }
        }
        if num_pos_args > MAX_REGS_FOR_LOCAL_VARS && self.can_use_regs_for_locals() {
            let idx = self.local_idx_local_var(MAX_REGS_FOR_LOCAL_VARS - 1);
            self.asm.mov_reg_local(Self::reg_local_last(), idx);
        }
        self.global_exc_entry();
    }

    /// From the function object in `REG_PARENT_ARG_1`: the module context, its qstr table
    /// into the qstr-table register and the function table (`mp_fun_table`) into
    /// `REG_FUN_TABLE`, as the viper and native entries both begin.
    fn load_tables_from_fun_obj(&mut self, fun_table_off: usize) {
        let a = &mut self.asm;
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_PARENT_ARG_1,
            OFFSETOF_OBJ_FUN_BC_CONTEXT,
        );
        a.load_reg_reg_offset(
            Self::reg_qstr_table(),
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
        );
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        a.load_reg_reg_offset(A::REG_FUN_TABLE, A::REG_FUN_TABLE, fun_table_off);
    }

    pub(super) fn native_entry(&mut self, fun_table_off: usize) {
        self.n_state = self.scope.num_locals + self.scope.stack_size;
        self.asm.data(A::WORD_SIZE, self.prelude_ptr_index as u64);
        if self.is_generator() {
            self.native_generator_entry(fun_table_off);
            return;
        }
        self.stack_start = self.code_state_start + SIZEOF_CODE_STATE;
        let a = &mut self.asm;
        a.entry(self.stack_start + self.n_state);
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(0, A::REG_PARENT_ARG_1);
            a.mov_arg_to_reg(1, A::REG_PARENT_ARG_2);
            a.mov_arg_to_reg(2, A::REG_PARENT_ARG_3);
            a.mov_arg_to_reg(3, A::REG_PARENT_ARG_4);
        }
        self.load_tables_from_fun_obj(fun_table_off);
        let fun_obj = self.local_idx_fun_obj();
        self.asm.mov_local_reg(fun_obj, A::REG_PARENT_ARG_1);
        let n_state_idx = self.code_state_start + OFFSETOF_CODE_STATE_N_STATE;
        self.asm.mov_reg_imm(A::REG_ARG_1, self.n_state as i64);
        self.mov_state_reg(n_state_idx, A::REG_ARG_1);
        let a = &mut self.asm;
        a.mov_reg_local_addr(A::REG_ARG_1, self.code_state_start);
        if A::REG_ARG_2 != A::REG_PARENT_ARG_2 {
            a.mov_reg_reg(A::REG_ARG_2, A::REG_PARENT_ARG_2);
        }
        if A::REG_ARG_3 != A::REG_PARENT_ARG_3 {
            a.mov_reg_reg(A::REG_ARG_3, A::REG_PARENT_ARG_3);
        }
        if A::REG_ARG_4 != A::REG_PARENT_ARG_4 {
            a.mov_reg_reg(A::REG_ARG_4, A::REG_PARENT_ARG_4);
        }
        a.call_setup_code_state(fun::SETUP_CODE_STATE);
        self.global_exc_entry();

        if self.can_use_regs_for_locals() {
            for i in 0..MAX_REGS_FOR_LOCAL_VARS.min(self.scope.num_locals) {
                let idx = self.local_idx_local_var(i);
                self.asm.mov_reg_local(Self::reg_local(i), idx);
            }
        }
        for &cell in &self.scope.cells {
            if let Some(vt) = self.local_vtype.get_mut(usize::from(cell)) {
                *vt = vtype::PYOBJ;
            }
        }
    }

    pub(super) fn native_generator_entry(&mut self, fun_table_off: usize) {
        self.asm.data(A::WORD_SIZE, self.start_offset as u64);
        self.asm.entry(self.code_state_start);
        // From here the state lives where REG_GENERATOR_STATE points.
        self.code_state_start = 0;
        self.stack_start = SIZEOF_CODE_STATE;
        let gen = Self::reg_generator_state();
        if A::ARGS_ON_STACK {
            self.asm.mov_arg_to_reg(0, gen);
            self.asm.mov_arg_to_reg(1, A::REG_PARENT_ARG_2);
        } else {
            self.asm.mov_reg_reg(gen, A::REG_PARENT_ARG_1);
        }
        self.asm
            .mov_local_reg(Self::local_idx_throw_val(), A::REG_PARENT_ARG_2);
        let fun_obj = self.local_idx_fun_obj();
        let a = &mut self.asm;
        a.load_reg_reg_offset(A::REG_TEMP0, gen, fun_obj);
        a.load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        a.load_reg_reg_offset(
            Self::reg_qstr_table(),
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
        );
        a.load_reg_reg_offset(
            A::REG_TEMP0,
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        a.load_reg_reg_offset(A::REG_FUN_TABLE, A::REG_TEMP0, fun_table_off);
        self.global_exc_entry();
        for &cell in &self.scope.cells {
            if let Some(vt) = self.local_vtype.get_mut(usize::from(cell)) {
                *vt = vtype::PYOBJ;
            }
        }
    }

    pub(super) fn global_exc_entry(&mut self) {
        // Labels 0..4 of the scope: exit, nlr, start, global except.
        self.exit_label = 0;
        if !self.need_global_exc_handler() {
            return;
        }
        let (nlr_label, start_label, global_except_label) = (1, 2, 3);
        let generator = self.is_generator();
        if !generator {
            let fun_obj = self.local_idx_fun_obj();
            self.mov_reg_state(A::REG_ARG_1, fun_obj);
            self.asm
                .load_reg_reg_offset(A::REG_ARG_1, A::REG_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            self.asm.load_reg_reg_offset(
                A::REG_ARG_1,
                A::REG_ARG_1,
                OFFSETOF_MODULE_CONTEXT_GLOBALS,
            );
            self.call(fun::NATIVE_SWAP_GLOBALS);
            let old_globals = self.local_idx_old_globals();
            self.mov_state_reg(old_globals, A::REG_RET);
        }
        if self.scope.exc_stack_size == 0 {
            if !generator {
                // Globals unchanged: no nlr context needed.
                self.asm.jump_if_reg_zero(A::REG_RET, start_label, false);
            }
            self.asm.mov_reg_local_addr(A::REG_ARG_1, 0);
            self.call(fun::NLR_PUSH);
            if A::NLR_SETJMP {
                self.asm.mov_reg_local_addr(A::REG_ARG_1, 2);
                self.call(fun::SETJMP);
            }
            self.asm.jump_if_reg_zero(A::REG_RET, start_label, true);
        } else {
            self.asm.mov_local_null(
                Self::local_idx_exc_handler_unwind(),
                A::REG_ZERO.unwrap_or(A::REG_TEMP0),
            );
            let zero = A::REG_ZERO.unwrap_or(A::REG_TEMP0);
            self.asm.mov_local_reg(Self::local_idx_exc_val(), zero);
            self.asm.mov_reg_pcrel(A::REG_LOCAL_1, start_label);
            self.label_assign_native(nlr_label);
            self.asm.mov_reg_local_addr(A::REG_ARG_1, 0);
            self.call(fun::NLR_PUSH);
            if A::NLR_SETJMP {
                self.asm.mov_reg_local_addr(A::REG_ARG_1, 2);
                self.call(fun::SETJMP);
            }
            self.asm
                .jump_if_reg_nonzero(A::REG_RET, global_except_label, true);
            self.asm.mov_local_null(
                Self::local_idx_exc_handler_pc(),
                A::REG_ZERO.unwrap_or(A::REG_TEMP0),
            );
            self.asm.jump_reg(A::REG_LOCAL_1);
            self.label_assign_native(global_except_label);
            self.asm
                .mov_reg_local(A::REG_LOCAL_1, Self::local_idx_exc_handler_pc());
            self.asm
                .jump_if_reg_nonzero(A::REG_LOCAL_1, nlr_label, false);
        }
        if !generator {
            let old_globals = self.local_idx_old_globals();
            self.mov_reg_state(A::REG_ARG_1, old_globals);
            self.call(fun::NATIVE_SWAP_GLOBALS);
        }
        if generator {
            self.asm
                .mov_reg_local(A::REG_TEMP0, Self::local_idx_exc_val());
            self.asm.store_reg_reg_offset(
                A::REG_TEMP0,
                Self::reg_generator_state(),
                OFFSETOF_CODE_STATE_STATE,
            );
            self.asm
                .mov_reg_imm(A::REG_PARENT_RET, MP_VM_RETURN_EXCEPTION);
            self.asm.exit();
        } else {
            self.asm
                .mov_reg_local(A::REG_ARG_1, Self::local_idx_exc_val());
            self.call(fun::NATIVE_RAISE);
        }
        self.label_assign_native(start_label);
        if generator {
            let gen_pc = self.local_idx_gen_pc();
            self.mov_reg_state(A::REG_TEMP0, gen_pc);
            self.asm.jump_reg(A::REG_TEMP0);
            self.start_offset = self.asm.code_pos();
            self.asm
                .mov_reg_local(A::REG_ARG_1, Self::local_idx_throw_val());
            self.asm
                .mov_local_null(Self::local_idx_throw_val(), A::REG_ARG_2);
            self.call(fun::NATIVE_RAISE);
        }
    }

    pub(super) fn global_exc_exit(&mut self) {
        let exit_label = self.exit_label;
        self.label_assign_native(exit_label);
        if self.need_global_exc_handler() {
            let generator = self.is_generator();
            let plain = self.scope.exc_stack_size == 0;
            if !generator {
                let old_globals = self.local_idx_old_globals();
                self.mov_reg_state(A::REG_ARG_1, old_globals);
                if plain {
                    self.asm
                        .jump_if_reg_zero(A::REG_ARG_1, exit_label + 1, false);
                }
                self.call(fun::NATIVE_SWAP_GLOBALS);
            }
            self.call(fun::NLR_POP);
            if !generator && plain {
                self.label_assign_native(exit_label + 1);
            }
            self.asm
                .mov_reg_local(A::REG_PARENT_RET, Self::local_idx_ret_val());
        }
        self.asm.exit();
    }

    /// `emit_native_end_pass`: exit code, then (native Python) the prelude; on the emit pass
    /// returns the finished code.
    pub fn end_pass(&mut self, tables: &mut ModuleTables<Q>) -> Option<NativeCode> {
        self.global_exc_exit();
        if !self.viper {
            self.prelude_offset = self.asm.code_pos();
            self.prelude_ptr_index = self.children;
            let mut prelude = Vec::new();
            let flags = self.flags() & 0x0f;
            encode_signature(
                &mut prelude,
                self.n_state,
                0,
                flags,
                self.scope.num_pos_args,
                self.scope.num_kwonly_args,
                self.scope.num_def_pos_args,
            );
            encode_prelude_size(&mut prelude, self.n_info, self.n_cell);
            self.asm.base_mut().write(&prelude);
            let info_start = self.asm.code_pos();
            let mut info = Vec::new();
            crate::opcode::push_vuint(&mut info, tables.use_qstr(self.scope.simple_name) as u64);
            for &arg in &self.scope.arg_names {
                crate::opcode::push_vuint(&mut info, tables.use_qstr(arg) as u64);
            }
            self.asm.base_mut().write(&info);
            self.n_info = self.asm.code_pos() - info_start;
            let cells = self.scope.cells.clone();
            self.asm.base_mut().write(&cells);
            self.n_cell = cells.len();
        }
        self.asm.end_pass();
        if let Some((kind, message)) = self.asm.encoding_error() {
            self.raise_kind(kind, message);
        }
        if self.pass != Pass::Emit {
            return None;
        }
        let size = self.asm.code_pos();
        let mut data = self.asm.base_mut().take_code();
        data.resize(size, 0);
        Some(NativeCode {
            data,
            prelude_offset: (!self.viper).then_some(self.prelude_offset),
        })
    }
}
