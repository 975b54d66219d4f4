//! Exception handlers, `with`, unwinding jumps and generators in native code.
//!
//! A handler is an entry of the emitter's exception stack; the machine code keeps the address
//! of the current one in the `nlr_buf_t` slot of `REG_LOCAL_1`, and the global handler jumps
//! there when an exception arrives. `label_slot` is the compiler's next free label at the
//! time of the operation: the labels from it on are reserved for the emitter.

use std::hash::Hash;

use super::{
    fun, vtype, NativeEmitter, MP_VM_RETURN_NORMAL, MP_VM_RETURN_YIELD, OFFSETOF_CODE_STATE_SP,
    UNWIND_LABEL_DO_FINAL_UNWIND, UNWIND_LABEL_UNUSED,
};
use crate::asm::Assembler;
use crate::emit::{ModuleTables, BREAK_FROM_FOR};

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    /// `setup_block` for `try`/`except` and `try`/`finally`.
    pub fn setup_except_or_finally(&mut self, label: usize, is_finally: bool) {
        self.need_stack_settled();
        self.push_exc_stack(label, is_finally);
    }

    /// `setup_block` for `with`: calls `__enter__` and keeps `__exit__` on the stack.
    pub fn setup_with(
        &mut self,
        tables: &mut ModuleTables<Q>,
        label: usize,
        exit_name: Q,
        enter_name: Q,
    ) {
        let vt = self.access_stack(1, A::REG_ARG_1);
        self.expect_object(vt, "with");
        self.get_stack_pointer_to_reg_for_push(A::REG_ARG_3, 2);
        self.call_with_qstr_arg(tables, fun::LOAD_METHOD, exit_name, A::REG_ARG_2);
        self.pre_pop_reg(A::REG_ARG_3);
        self.pre_pop_reg(A::REG_ARG_2);
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.post_push_reg(vt, A::REG_ARG_2);
        self.post_push_reg(vt, A::REG_ARG_3);
        self.get_stack_pointer_to_reg_for_push(A::REG_ARG_3, 2);
        self.call_with_qstr_arg(tables, fun::LOAD_METHOD, enter_name, A::REG_ARG_2);
        self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 2);
        self.call_with_2_imm_args(fun::CALL_METHOD_N_KW, 0, A::REG_ARG_1, 0, A::REG_ARG_2);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        self.need_stack_settled();
        self.push_exc_stack(label, true);
        self.dup_top();
    }

    /// `with_cleanup`: calls `__exit__`, with the exception if there is one.
    pub fn with_cleanup(&mut self, label: usize, label_slot: usize) {
        self.leave_exc_stack(false);
        self.adjust_stack(-1);
        self.label_assign_native(label_slot + 2);
        for _ in 0..3 {
            self.post_push_imm(vtype::PTR_NONE, 0);
        }
        self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 5);
        self.call_with_2_imm_args(fun::CALL_METHOD_N_KW, 3, A::REG_ARG_1, 0, A::REG_ARG_2);
        self.jump(label_slot);
        // Not a finally label: the exception is already in its slot.
        self.asm.label_assign(label);
        self.leave_exc_stack(true);
        self.adjust_stack_size(2);
        self.asm
            .mov_reg_local(A::REG_ARG_1, Self::local_idx_exc_val());
        self.asm
            .jump_if_reg_zero(A::REG_ARG_1, label_slot + 2, false);
        self.asm.load_reg_reg_offset(A::REG_ARG_2, A::REG_ARG_1, 0);
        self.post_push_reg(vtype::PYOBJ, A::REG_ARG_2);
        self.post_push_reg(vtype::PYOBJ, A::REG_ARG_1);
        self.post_push_imm(vtype::PTR_NONE, 0);
        self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 5);
        self.call_with_2_imm_args(fun::CALL_METHOD_N_KW, 3, A::REG_ARG_1, 0, A::REG_ARG_2);
        if A::REG_ARG_1 != A::REG_RET {
            self.asm.mov_reg_reg(A::REG_ARG_1, A::REG_RET);
        }
        self.call(fun::OBJ_IS_TRUE);
        self.asm.jump_if_reg_zero(A::REG_RET, label_slot + 1, true);
        self.label_assign_native(label_slot);
        self.asm
            .mov_local_null(Self::local_idx_exc_val(), A::REG_TEMP0);
        self.label_assign_native(label_slot + 1);
        self.adjust_stack(1);
    }

    /// `end_finally`: re-raises a pending exception, then finishes an unwinding jump.
    pub fn end_finally(&mut self, label_slot: usize) {
        self.pre_pop_discard();
        self.asm
            .mov_reg_local(A::REG_ARG_1, Self::local_idx_exc_val());
        self.call(fun::NATIVE_RAISE);
        let Some(e) = self.pop_exc_stack() else {
            return;
        };
        if e.unwind_label != UNWIND_LABEL_UNUSED {
            self.asm
                .mov_reg_local(A::REG_RET, Self::local_idx_exc_handler_unwind());
            self.asm.jump_if_reg_zero(A::REG_RET, label_slot, false);
            if e.unwind_label == UNWIND_LABEL_DO_FINAL_UNWIND {
                self.asm.jump_reg(A::REG_RET);
            } else {
                self.jump(e.unwind_label);
            }
            self.label_assign_native(label_slot);
        }
    }

    /// `pop_except_jump`
    pub fn pop_except_jump(&mut self, label: usize, within_exc_handler: bool) {
        if within_exc_handler {
            self.asm
                .mov_local_null(Self::local_idx_exc_val(), A::REG_TEMP0);
        } else {
            self.leave_exc_stack(false);
        }
        self.jump(label);
    }

    /// `start_except_handler`: the exception is pushed.
    pub fn start_except_handler(&mut self) {
        self.leave_exc_stack(true);
        self.asm
            .mov_reg_local(A::REG_TEMP0, Self::local_idx_exc_val());
        self.post_push_reg(vtype::PYOBJ, A::REG_TEMP0);
    }

    /// `unwind_jump`: a jump out of `except_depth` handlers, through any finally blocks.
    pub fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        let mut label = label;
        if except_depth > 0 {
            let top = self.exc_stack.len();
            let mut first_finally = None;
            let mut prev_finally: Option<usize> = None;
            let mut i = top;
            for _ in 0..except_depth {
                let Some(index) = i.checked_sub(1) else {
                    break;
                };
                i = index;
                let e = self.exc_stack[index];
                if e.is_finally && e.is_active {
                    if first_finally.is_none() {
                        first_finally = Some(index);
                    }
                    if let Some(prev) = prev_finally {
                        self.exc_stack[prev].unwind_label = e.label;
                    }
                    prev_finally = Some(index);
                }
            }
            // `i` is now one above the handler that stays current.
            match prev_finally {
                None => {
                    match i.checked_sub(1) {
                        None => self.asm.clr_reg(A::REG_RET),
                        Some(outer) => {
                            let outer_label = self.exc_stack[outer].label;
                            self.asm.mov_reg_pcrel(A::REG_RET, outer_label);
                        }
                    }
                    self.asm
                        .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
                }
                Some(prev) => {
                    self.exc_stack[prev].unwind_label = UNWIND_LABEL_DO_FINAL_UNWIND;
                    self.asm.mov_reg_pcrel(A::REG_RET, label & !BREAK_FROM_FOR);
                    self.asm
                        .mov_local_reg(Self::local_idx_exc_handler_unwind(), A::REG_RET);
                    self.asm.mov_reg_imm(A::REG_RET, 0);
                    self.asm
                        .mov_local_reg(Self::local_idx_exc_val(), A::REG_RET);
                    if let Some(first) = first_finally {
                        label = self.exc_stack[first].label;
                    }
                }
            }
        }
        self.jump(label & !BREAK_FROM_FOR);
    }

    /// `return_value` of a generator: the value stays on its stack for the caller.
    pub(super) fn generator_return(&mut self) {
        self.get_stack_pointer_to_reg_for_pop(A::REG_TEMP0, 1);
        self.mov_state_reg(OFFSETOF_CODE_STATE_SP, A::REG_TEMP0);
        self.asm.mov_reg_imm(A::REG_TEMP0, MP_VM_RETURN_NORMAL);
        self.asm
            .mov_local_reg(Self::local_idx_ret_val(), A::REG_TEMP0);
        let exit = self.exit_label;
        let depth = self.exc_stack.len();
        self.unwind_jump(exit, depth);
    }

    /// `yield` (`from` false) or `yield from`.
    pub fn yield_op(&mut self, from: bool, label_slot: usize) {
        if self.viper {
            self.raise("native yield");
            return;
        }
        self.scope.scope_flags |= super::GENERATOR;
        self.need_stack_settled();
        if from {
            self.jump(label_slot + 2);
            self.label_assign_native(label_slot + 1);
        }
        self.get_stack_pointer_to_reg_for_pop(A::REG_TEMP0, 1);
        self.mov_state_reg(OFFSETOF_CODE_STATE_SP, A::REG_TEMP0);
        self.asm.mov_reg_imm(A::REG_TEMP0, MP_VM_RETURN_YIELD);
        self.asm
            .mov_local_reg(Self::local_idx_ret_val(), A::REG_TEMP0);
        self.asm.mov_reg_pcrel(A::REG_TEMP0, label_slot);
        let gen_pc = self.local_idx_gen_pc();
        self.mov_state_reg(gen_pc, A::REG_TEMP0);
        let exit = self.exit_label;
        self.asm.jump(exit);
        self.asm.label_assign(label_slot);
        if let Some(e) = self.exc_stack.iter().rev().find(|e| e.is_active).copied() {
            self.asm.mov_reg_pcrel(A::REG_RET, e.label);
            self.asm
                .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
        }
        self.adjust_stack_size(1);
        if !from {
            self.asm
                .mov_reg_local(A::REG_ARG_1, Self::local_idx_throw_val());
            self.asm
                .mov_local_null(Self::local_idx_throw_val(), A::REG_ARG_2);
            self.call(fun::NATIVE_RAISE);
        } else {
            self.label_assign_native(label_slot + 2);
            self.asm
                .mov_reg_local(A::REG_ARG_3, Self::local_idx_throw_val());
            self.asm.mov_reg_imm(A::REG_ARG_2, 0);
            self.asm
                .mov_local_reg(Self::local_idx_throw_val(), A::REG_ARG_2);
            self.pre_pop_reg(A::REG_ARG_2);
            self.access_stack(1, A::REG_ARG_1);
            self.post_push_reg(vtype::PYOBJ, A::REG_ARG_3);
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 1);
            self.call(fun::NATIVE_YIELD_FROM);
            self.asm
                .jump_if_reg_nonzero(A::REG_RET, label_slot + 1, true);
            self.adjust_stack_size(1);
            self.fold_stack_top(A::REG_ARG_1);
        }
    }

    /// The normal exit of an `async with` body into its finally handler.
    pub fn async_with_setup_finally(
        &mut self,
        label_aexit_no_exc: usize,
        label_finally_block: usize,
        label_ret_unwind_jump: usize,
    ) {
        self.adjust_stack_size(1);
        self.rot_two();
        self.load_const_none();
        self.rot_two();
        self.jump(label_aexit_no_exc);
        self.adjust_stack_size(-1);
        self.label_assign_native(label_finally_block);
        self.pre_pop_discard();
        self.asm
            .mov_reg_local(A::REG_ARG_1, Self::local_idx_exc_val());
        self.post_push_reg(vtype::PYOBJ, A::REG_ARG_1);
        self.asm
            .jump_if_reg_zero(A::REG_ARG_1, label_ret_unwind_jump, false);
    }
}
