//! Subscripts and integer arithmetic, where viper code works on machine values: pointer
//! loads and stores of 8, 16 and 32 bits and integer operators and comparisons in registers.

use std::hash::Hash;

use super::{fun, vtype, NativeEmitter, Slot};
use crate::asm::{Assembler, Compare};
use crate::opcode::BinaryOp;

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    /// Subscript load; viper pointers load from memory.
    pub fn load_subscr(&mut self) {
        let vt_base = self.peek_vtype(1);
        if vt_base == vtype::PYOBJ {
            let vt_index = self.peek_vtype(0);
            if vt_index == vtype::PYOBJ {
                self.pre_pop_reg(A::REG_ARG_2);
            } else {
                self.pre_pop_reg(A::REG_ARG_1);
                self.call_with_imm_arg(
                    fun::CONVERT_NATIVE_TO_OBJ,
                    i64::from(vt_index),
                    A::REG_ARG_2,
                );
                self.asm.mov_reg_reg(A::REG_ARG_2, A::REG_RET);
            }
            self.pre_pop_reg(A::REG_ARG_1);
            // MP_OBJ_SENTINEL
            self.call_with_imm_arg(fun::OBJ_SUBSCR, 4, A::REG_ARG_3);
            self.post_push_reg(vtype::PYOBJ, A::REG_RET);
            return;
        }
        let top = self.peek(0);
        if let (vtype::INT, Slot::Imm(index)) = (top.vtype, top.slot) {
            self.pre_pop_discard();
            let (vt_base, reg_base) =
                self.pre_pop_reg_flexible(A::REG_ARG_1, Some(A::REG_ARG_2), Some(A::REG_ARG_2));
            self.need_reg_single(A::REG_RET, 0);
            match vt_base {
                vtype::PTR8 => self.asm.load8_reg_reg_offset(A::REG_RET, reg_base, index),
                vtype::PTR16 => self.asm.load16_reg_reg_offset(A::REG_RET, reg_base, index),
                vtype::PTR32 => self.asm.load32_reg_reg_offset(A::REG_RET, reg_base, index),
                other => self.viper_error(format!("can't load from '{}'", vtype::name(other))),
            }
        } else {
            let (vt_index, reg_index) =
                self.pre_pop_reg_flexible(A::REG_ARG_2, Some(A::REG_ARG_1), Some(A::REG_ARG_1));
            let vt_base = self.pre_pop_reg(A::REG_ARG_1);
            self.need_reg_single(A::REG_RET, 0);
            if vt_index != vtype::INT && vt_index != vtype::UINT {
                self.viper_error(format!("can't load with '{}' index", vtype::name(vt_index)));
            }
            match vt_base {
                vtype::PTR8 => self
                    .asm
                    .load8_reg_reg_reg(A::REG_RET, A::REG_ARG_1, reg_index),
                vtype::PTR16 => self
                    .asm
                    .load16_reg_reg_reg(A::REG_RET, A::REG_ARG_1, reg_index),
                vtype::PTR32 => self
                    .asm
                    .load32_reg_reg_reg(A::REG_RET, A::REG_ARG_1, reg_index),
                other => self.viper_error(format!("can't load from '{}'", vtype::name(other))),
            }
        }
        self.post_push_reg(vtype::INT, A::REG_RET);
    }

    /// Subscript store; viper pointers store to memory.
    pub fn store_subscr(&mut self) {
        let vt_base = self.peek_vtype(1);
        if vt_base == vtype::PYOBJ {
            let vt_index = self.peek_vtype(0);
            let vt_value = self.peek_vtype(2);
            if vt_index != vtype::PYOBJ || vt_value != vtype::PYOBJ {
                self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_1, 3);
                self.adjust_stack(3);
            }
            self.pre_pop_reg(A::REG_ARG_2);
            self.pre_pop_reg(A::REG_ARG_1);
            self.pre_pop_reg(A::REG_ARG_3);
            self.call(fun::OBJ_SUBSCR);
            return;
        }
        let top = self.peek(0);
        if let (vtype::INT, Slot::Imm(index)) = (top.vtype, top.slot) {
            self.pre_pop_discard();
            let (vt_base, reg_base) =
                self.pre_pop_reg_flexible(A::REG_ARG_1, Some(A::REG_ARG_2), Some(A::REG_ARG_3));
            let (vt_value, reg_value) = if A::STORE_VALUE_IN_FIXED_REG {
                (self.pre_pop_reg(A::REG_ARG_3), A::REG_ARG_3)
            } else {
                self.pre_pop_reg_flexible(A::REG_ARG_3, Some(reg_base), Some(A::REG_ARG_2))
            };
            self.check_storable(vt_value);
            match vt_base {
                vtype::PTR8 => self.asm.store8_reg_reg_offset(reg_value, reg_base, index),
                vtype::PTR16 => self.asm.store16_reg_reg_offset(reg_value, reg_base, index),
                vtype::PTR32 => self.asm.store32_reg_reg_offset(reg_value, reg_base, index),
                other => self.viper_error(format!("can't store to '{}'", vtype::name(other))),
            }
        } else {
            let (vt_index, reg_index) =
                self.pre_pop_reg_flexible(A::REG_ARG_2, Some(A::REG_ARG_1), Some(A::REG_ARG_3));
            let vt_base = self.pre_pop_reg(A::REG_ARG_1);
            if vt_index != vtype::INT && vt_index != vtype::UINT {
                self.viper_error(format!(
                    "can't store with '{}' index",
                    vtype::name(vt_index)
                ));
            }
            let (vt_value, reg_value) = if A::STORE_VALUE_IN_FIXED_REG {
                (self.pre_pop_reg(A::REG_ARG_3), A::REG_ARG_3)
            } else {
                self.pre_pop_reg_flexible(A::REG_ARG_3, Some(A::REG_ARG_1), Some(reg_index))
            };
            self.check_storable(vt_value);
            match vt_base {
                vtype::PTR8 => self
                    .asm
                    .store8_reg_reg_reg(reg_value, A::REG_ARG_1, reg_index),
                vtype::PTR16 => self
                    .asm
                    .store16_reg_reg_reg(reg_value, A::REG_ARG_1, reg_index),
                vtype::PTR32 => self
                    .asm
                    .store32_reg_reg_reg(reg_value, A::REG_ARG_1, reg_index),
                other => self.viper_error(format!("can't store to '{}'", vtype::name(other))),
            }
        }
    }

    pub(super) fn check_storable(&mut self, vt_value: u8) {
        if vt_value != vtype::BOOL && vt_value != vtype::INT && vt_value != vtype::UINT {
            self.viper_error(format!("can't store '{}'", vtype::name(vt_value)));
        }
    }

    pub(super) fn viper_int_binary_op(&mut self, op: BinaryOp) {
        let mut code = op as u8;
        if (BinaryOp::InplaceOr as u8..=BinaryOp::InplacePower as u8).contains(&code) {
            code = code - BinaryOp::InplaceOr as u8 + BinaryOp::Or as u8;
        }
        let is = |o: BinaryOp| code == o as u8;
        if let Some(count_reg) = A::SHIFT_COUNT_REG {
            if is(BinaryOp::Lshift) || is(BinaryOp::Rshift) {
                self.pre_pop_reg(count_reg);
                let vt_lhs = self.pre_pop_reg(A::REG_RET);
                if is(BinaryOp::Lshift) {
                    self.asm.lsl_reg_reg(A::REG_RET, count_reg);
                } else if vt_lhs == vtype::UINT {
                    self.asm.lsr_reg_reg(A::REG_RET, count_reg);
                } else {
                    self.asm.asr_reg_reg(A::REG_RET, count_reg);
                }
                self.post_push_reg(vt_lhs, A::REG_RET);
                return;
            }
        }
        if is(BinaryOp::FloorDivide) || is(BinaryOp::Modulo) {
            self.pre_pop_reg(A::REG_ARG_2);
            let vt_lhs = self.pre_pop_reg(A::REG_ARG_1);
            if vt_lhs != vtype::INT {
                self.viper_error("div/mod not implemented for uint".into());
            }
            self.call(if is(BinaryOp::FloorDivide) {
                fun::SMALL_INT_FLOOR_DIVIDE
            } else {
                fun::SMALL_INT_MODULO
            });
            self.post_push_reg(vtype::INT, A::REG_RET);
            return;
        }
        let (vt_rhs, reg_rhs) =
            self.pre_pop_reg_flexible(A::REG_ARG_3, Some(A::REG_RET), Some(A::REG_ARG_2));
        let vt_lhs = self.pre_pop_reg(A::REG_ARG_2);
        let lhs = A::REG_ARG_2;
        if A::SHIFT_COUNT_REG.is_none() && (is(BinaryOp::Lshift) || is(BinaryOp::Rshift)) {
            if is(BinaryOp::Lshift) {
                self.asm.lsl_reg_reg(lhs, reg_rhs);
            } else if vt_lhs == vtype::UINT {
                self.asm.lsr_reg_reg(lhs, reg_rhs);
            } else {
                self.asm.asr_reg_reg(lhs, reg_rhs);
            }
            self.post_push_reg(vt_lhs, lhs);
            return;
        }
        let compare = [
            (BinaryOp::Less, Compare::Less),
            (BinaryOp::More, Compare::More),
            (BinaryOp::Equal, Compare::Equal),
            (BinaryOp::LessEqual, Compare::LessEqual),
            (BinaryOp::MoreEqual, Compare::MoreEqual),
            (BinaryOp::NotEqual, Compare::NotEqual),
        ]
        .into_iter()
        .find(|&(o, _)| is(o))
        .map(|(_, c)| c);
        if is(BinaryOp::Or) {
            self.asm.or_reg_reg(lhs, reg_rhs);
        } else if is(BinaryOp::Xor) {
            self.asm.xor_reg_reg(lhs, reg_rhs);
        } else if is(BinaryOp::And) {
            self.asm.and_reg_reg(lhs, reg_rhs);
        } else if is(BinaryOp::Add) {
            self.asm.add_reg_reg(lhs, reg_rhs);
        } else if is(BinaryOp::Subtract) {
            self.asm.sub_reg_reg(lhs, reg_rhs);
        } else if is(BinaryOp::Multiply) {
            self.asm.mul_reg_reg(lhs, reg_rhs);
        } else if let Some(cmp) = compare {
            if vt_lhs != vt_rhs {
                self.viper_error("comparison of int and uint".into());
            }
            self.need_reg_single(A::REG_RET, 0);
            self.asm
                .set_reg_compare(cmp, vt_lhs == vtype::UINT, A::REG_RET, lhs, reg_rhs);
            self.post_push_reg(vtype::BOOL, A::REG_RET);
            return;
        } else {
            self.adjust_stack(1);
            // mpy-cross names the operator through a table it builds without these
            // entries, so the name comes out empty.
            self.viper_error("binary op  not implemented".into());
            return;
        }
        self.post_push_reg(vt_lhs, lhs);
    }
}
