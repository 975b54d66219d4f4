//! The Python stack as the native emitter tracks it: each slot is on the C stack, in a
//! register or a pending immediate, and is written out only when code needs it there;
//! plus the helpers that call runtime functions and load constants.

use std::hash::Hash;

use super::*;

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    pub(super) fn ensure_stack(&mut self, size: usize) {
        if self.stack_size < size {
            self.stack.resize(
                size,
                StackEntry {
                    vtype: vtype::UNBOUND,
                    slot: Slot::Value,
                },
            );
        }
    }

    pub(super) fn adjust_stack(&mut self, delta: i64) {
        let new_size = (self.stack_size as i64 + delta).max(0) as usize;
        self.ensure_stack(new_size);
        self.stack_size = new_size;
        if self.pass > Pass::Scope && new_size > self.scope.stack_size {
            self.scope.stack_size = new_size;
        }
    }

    /// `emit_native_adjust_stack_size`
    pub fn adjust_stack_size(&mut self, delta: i64) {
        let old = self.stack_size;
        self.adjust_stack(delta);
        if delta > 0 {
            for i in 0..delta as usize {
                self.stack[old + i] = StackEntry {
                    vtype: if delta == 1 {
                        self.saved_stack_vtype
                    } else {
                        vtype::PYOBJ
                    },
                    slot: Slot::Value,
                };
            }
        }
    }

    pub(super) fn peek(&self, depth: usize) -> StackEntry {
        let len = self.stack_size;
        self.stack
            .get(len.wrapping_sub(1 + depth))
            .copied()
            .unwrap_or(StackEntry {
                vtype: vtype::PYOBJ,
                slot: Slot::Value,
            })
    }

    pub(super) fn peek_vtype(&self, depth: usize) -> u8 {
        if self.viper {
            self.peek(depth).vtype
        } else {
            vtype::PYOBJ
        }
    }

    pub(super) fn mov_state_reg(&mut self, local_num: usize, reg_src: Reg) {
        if self.is_generator() {
            self.asm
                .store_reg_reg_offset(reg_src, Self::reg_generator_state(), local_num);
        } else {
            self.asm.mov_local_reg(local_num, reg_src);
        }
    }

    pub(super) fn mov_reg_state(&mut self, reg_dest: Reg, local_num: usize) {
        if self.is_generator() {
            self.asm
                .load_reg_reg_offset(reg_dest, Self::reg_generator_state(), local_num);
        } else {
            self.asm.mov_reg_local(reg_dest, local_num);
        }
    }

    pub(super) fn mov_reg_state_addr(&mut self, reg_dest: Reg, local_num: usize) {
        if self.is_generator() {
            self.asm
                .mov_reg_imm(reg_dest, (local_num * A::WORD_SIZE) as i64);
            self.asm.add_reg_reg(reg_dest, Self::reg_generator_state());
        } else {
            self.asm.mov_reg_local_addr(reg_dest, local_num);
        }
    }

    pub(super) fn mov_reg_const(&mut self, reg_dest: Reg, const_val: usize) {
        self.asm
            .load_reg_reg_offset(reg_dest, A::REG_FUN_TABLE, const_val);
    }

    pub(super) fn mov_reg_qstr(&mut self, tables: &mut ModuleTables<Q>, reg: Reg, qstr: Q) {
        let index = tables.use_qstr(qstr);
        self.asm
            .load16_reg_reg_offset(reg, Self::reg_qstr_table(), index as i64);
    }

    /// `need_reg_single`: spills any other stack slot living in `reg_needed`.
    pub(super) fn need_reg_single(&mut self, reg_needed: Reg, skip_stack_pos: usize) {
        let skip = self.stack_size.wrapping_sub(skip_stack_pos);
        for i in 0..self.stack_size {
            if i != skip {
                if let Slot::Reg(r) = self.stack[i].slot {
                    if r == reg_needed {
                        self.stack[i].slot = Slot::Value;
                        self.mov_state_reg(self.stack_start + i, r);
                    }
                }
            }
        }
    }

    pub(super) fn need_reg_all(&mut self) {
        for i in 0..self.stack_size {
            if let Slot::Reg(r) = self.stack[i].slot {
                self.stack[i].slot = Slot::Value;
                self.mov_state_reg(self.stack_start + i, r);
            }
        }
    }

    pub(super) fn load_reg_stack_imm(
        &mut self,
        reg_dest: Reg,
        entry: StackEntry,
        imm: i64,
        to_obj: bool,
    ) -> u8 {
        if !to_obj && self.viper {
            self.asm.mov_reg_imm(reg_dest, imm);
            return entry.vtype;
        }
        match entry.vtype {
            vtype::PYOBJ => self.asm.mov_reg_imm(reg_dest, imm),
            vtype::BOOL => self.mov_reg_const(reg_dest, fun::CONST_FALSE_OBJ + imm as usize),
            vtype::INT | vtype::UINT => self.asm.mov_reg_imm(reg_dest, imm.wrapping_shl(1) | 1),
            vtype::PTR_NONE => self.mov_reg_const(reg_dest, fun::CONST_NONE_OBJ),
            _ => self.raise("conversion to object"),
        }
        vtype::PYOBJ
    }

    pub(super) fn need_stack_settled(&mut self) {
        self.need_reg_all();
        for i in 0..self.stack_size {
            if let Slot::Imm(imm) = self.stack[i].slot {
                self.stack[i].slot = Slot::Value;
                let entry = self.stack[i];
                self.stack[i].vtype = self.load_reg_stack_imm(A::REG_TEMP1, entry, imm, false);
                self.mov_state_reg(self.stack_start + i, A::REG_TEMP1);
            }
        }
    }

    /// `emit_access_stack`: loads stack position `pos` (1 is the top) into `reg_dest`.
    pub(super) fn access_stack(&mut self, pos: usize, reg_dest: Reg) -> u8 {
        self.need_reg_single(reg_dest, pos);
        let index = self.stack_size.wrapping_sub(pos);
        let Some(entry) = self.stack.get(index).copied() else {
            return vtype::PYOBJ;
        };
        match entry.slot {
            Slot::Value => {
                self.mov_reg_state(reg_dest, self.stack_start + index);
                entry.vtype
            }
            Slot::Reg(r) => {
                if r != reg_dest {
                    self.asm.mov_reg_reg(reg_dest, r);
                }
                entry.vtype
            }
            Slot::Imm(imm) => self.load_reg_stack_imm(reg_dest, entry, imm, false),
        }
    }

    pub(super) fn fold_stack_top(&mut self, reg_dest: Reg) {
        let len = self.stack_size;
        if len < 2 {
            return;
        }
        self.stack[len - 2] = self.stack[len - 1];
        if self.stack[len - 2].slot == Slot::Value {
            self.mov_reg_state(reg_dest, self.stack_start + len - 1);
            self.stack[len - 2].slot = Slot::Reg(reg_dest);
        }
        self.adjust_stack(-1);
    }

    /// `emit_pre_pop_reg_flexible`: returns the vtype and the register holding the top.
    pub(super) fn pre_pop_reg_flexible(
        &mut self,
        reg_dest: Reg,
        not_r1: Option<Reg>,
        not_r2: Option<Reg>,
    ) -> (u8, Reg) {
        let top = self.peek(0);
        let result = match top.slot {
            Slot::Reg(r) if Some(r) != not_r1 && Some(r) != not_r2 => {
                self.need_reg_single(r, 1);
                (top.vtype, r)
            }
            _ => (self.access_stack(1, reg_dest), reg_dest),
        };
        self.adjust_stack(-1);
        result
    }

    pub(super) fn pre_pop_discard(&mut self) {
        self.adjust_stack(-1);
    }

    pub(super) fn pre_pop_reg(&mut self, reg_dest: Reg) -> u8 {
        let vt = self.access_stack(1, reg_dest);
        self.adjust_stack(-1);
        vt
    }

    pub(super) fn post_top_set_vtype(&mut self, vt: u8) {
        if let Some(top) = self.stack_size.checked_sub(1) {
            self.stack[top].vtype = vt;
        }
    }

    pub(super) fn post_push(&mut self, entry: StackEntry) {
        self.ensure_stack(self.stack_size + 1);
        self.stack[self.stack_size] = entry;
        self.adjust_stack(1);
    }

    pub(super) fn post_push_reg(&mut self, vt: u8, reg: Reg) {
        self.post_push(StackEntry {
            vtype: vt,
            slot: Slot::Reg(reg),
        });
    }

    pub(super) fn post_push_imm(&mut self, vt: u8, imm: i64) {
        self.post_push(StackEntry {
            vtype: vt,
            slot: Slot::Imm(imm),
        });
    }

    pub(super) fn call(&mut self, fun_kind: usize) {
        self.need_reg_all();
        self.asm.call_ind(fun_kind);
    }

    pub(super) fn call_with_imm_arg(&mut self, fun_kind: usize, arg: i64, arg_reg: Reg) {
        self.need_reg_all();
        self.asm.mov_reg_imm(arg_reg, arg);
        self.asm.call_ind(fun_kind);
    }

    pub(super) fn call_with_2_imm_args(
        &mut self,
        fun_kind: usize,
        arg1: i64,
        reg1: Reg,
        arg2: i64,
        reg2: Reg,
    ) {
        self.need_reg_all();
        self.asm.mov_reg_imm(reg1, arg1);
        self.asm.mov_reg_imm(reg2, arg2);
        self.asm.call_ind(fun_kind);
    }

    pub(super) fn call_with_qstr_arg(
        &mut self,
        tables: &mut ModuleTables<Q>,
        fun_kind: usize,
        qstr: Q,
        arg_reg: Reg,
    ) {
        self.need_reg_all();
        self.mov_reg_qstr(tables, arg_reg, qstr);
        self.asm.call_ind(fun_kind);
    }

    /// `emit_get_stack_pointer_to_reg_for_pop`: boxes the top `n_pop` values onto the C stack
    /// and points `reg_dest` at the first of them.
    pub(super) fn get_stack_pointer_to_reg_for_pop(&mut self, reg_dest: Reg, n_pop: usize) {
        self.need_reg_all();
        let len = self.stack_size;
        for i in 0..n_pop.min(len) {
            let index = len - 1 - i;
            if let Slot::Imm(imm) = self.stack[index].slot {
                self.stack[index].slot = Slot::Value;
                let entry = self.stack[index];
                self.stack[index].vtype = self.load_reg_stack_imm(reg_dest, entry, imm, true);
                self.mov_state_reg(self.stack_start + index, reg_dest);
            }
        }
        for i in 0..n_pop.min(len) {
            let index = len - 1 - i;
            let vt = self.stack[index].vtype;
            if vt != vtype::PYOBJ {
                let local_num = self.stack_start + index;
                self.mov_reg_state(A::REG_ARG_1, local_num);
                self.call_with_imm_arg(fun::CONVERT_NATIVE_TO_OBJ, i64::from(vt), A::REG_ARG_2);
                self.mov_state_reg(local_num, A::REG_RET);
                self.stack[index].vtype = vtype::PYOBJ;
            }
        }
        self.adjust_stack(-(n_pop as i64));
        let addr = self.stack_start + self.stack_size;
        self.mov_reg_state_addr(reg_dest, addr);
    }

    pub(super) fn get_stack_pointer_to_reg_for_push(&mut self, reg_dest: Reg, n_push: usize) {
        self.need_reg_all();
        let addr = self.stack_start + self.stack_size;
        self.ensure_stack(self.stack_size + n_push);
        for i in 0..n_push {
            self.stack[self.stack_size + i] = StackEntry {
                vtype: vtype::PYOBJ,
                slot: Slot::Value,
            };
        }
        self.mov_reg_state_addr(reg_dest, addr);
        self.adjust_stack(n_push as i64);
    }

    pub(super) fn load_reg_with_object(
        &mut self,
        tables: &mut ModuleTables<Q>,
        reg: Reg,
        constant: &Constant,
        origin: usize,
    ) {
        self.scope.scope_flags |= native_flag::HASCONSTS;
        let table_off = tables.use_constant(constant, origin);
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_TEMP0, fun_obj);
        self.asm
            .load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.asm.load_reg_reg_offset(
            A::REG_TEMP0,
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        self.asm.load_reg_reg_offset(reg, A::REG_TEMP0, table_off);
    }

    pub(super) fn load_reg_with_child(&mut self, reg: Reg) {
        let table_off = self.alloc_child();
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_TEMP0, fun_obj);
        self.asm
            .load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
        self.asm.load_reg_reg_offset(reg, A::REG_TEMP0, table_off);
    }

    /// `emit_native_label_assign`: at the start of a finally handler the exception on the
    /// stack goes to its slot and the handler is left.
    pub(super) fn label_assign_native(&mut self, label: usize) {
        let is_finally = self
            .exc_stack
            .last()
            .is_some_and(|e| e.is_finally && e.label == label);
        if is_finally {
            self.access_stack(1, A::REG_TEMP0);
            self.asm
                .mov_local_reg(Self::local_idx_exc_val(), A::REG_TEMP0);
        }
        self.need_stack_settled();
        self.asm.label_assign(label);
        if is_finally {
            self.leave_exc_stack(false);
        }
    }

    pub(super) fn push_exc_stack(&mut self, label: usize, is_finally: bool) {
        self.exc_stack.push(ExcEntry {
            label,
            is_finally,
            unwind_label: UNWIND_LABEL_UNUSED,
            is_active: true,
        });
        self.asm.mov_reg_pcrel(A::REG_RET, label);
        self.asm
            .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
    }

    /// Deactivates the innermost handler and makes the next active one current.
    pub(super) fn leave_exc_stack(&mut self, start_of_handler: bool) {
        let Some(last) = self.exc_stack.len().checked_sub(1) else {
            return;
        };
        self.exc_stack[last].is_active = false;
        match self.exc_stack[..last].iter().rev().find(|e| e.is_active) {
            None => {
                if start_of_handler {
                    // The global handler has already cleared the PC.
                    return;
                }
                self.asm.clr_reg(A::REG_RET);
            }
            Some(e) => {
                let label = e.label;
                self.asm.mov_reg_pcrel(A::REG_RET, label);
            }
        }
        self.asm
            .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
    }

    pub(super) fn pop_exc_stack(&mut self) -> Option<ExcEntry> {
        self.exc_stack.pop()
    }
}
