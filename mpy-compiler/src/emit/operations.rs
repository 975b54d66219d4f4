//! The emitter's operations: one method per instruction (or family of instructions) the
//! compiler asks for, from imports and constants to calls, jumps and exception handlers.
//!
//! Each writes its opcode and stack effect through the buffer machinery of the parent module
//! (passes, labels, line table), or, while a native or viper scope is being compiled, hands
//! the same operation to the native emitter with `to_native!`. Keeping the two back ends behind
//! one set of methods is what lets the compiler drive either without knowing which it has.

use std::hash::Hash;

use super::{native, Access, Block, Build, CompKind, Constant, Emitter, IdOp, BREAK_FROM_FOR};
use crate::opcode::{self as op, BinaryOp, UnaryOp};

impl<Q: Copy + Eq + Hash, S: Copy> Emitter<Q, S> {
    /// `IMPORT_NAME` / `IMPORT_FROM`.
    pub fn import_name(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.import_name(t, qstr));
        self.write_qstr(-1, op::IMPORT_NAME, qstr);
    }

    /// `IMPORT_FROM`.
    pub fn import_from(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.import_from(t, qstr));
        self.write_qstr(1, op::IMPORT_FROM, qstr);
    }

    /// `IMPORT_STAR`.
    pub fn import_star(&mut self) {
        to_native!(self, |n, t| n.import_star());
        self.write(-1, &[op::IMPORT_STAR]);
    }

    /// `None`, `True` or `False`.
    pub fn load_const_none(&mut self) {
        to_native!(self, |n, t| n.load_const_none());
        self.write(1, &[op::LOAD_CONST_NONE]);
    }

    /// `True` or `False`.
    pub fn load_const_bool(&mut self, value: bool) {
        to_native!(self, |n, t| n.load_const_bool(value));
        self.write(
            1,
            &[if value {
                op::LOAD_CONST_TRUE
            } else {
                op::LOAD_CONST_FALSE
            }],
        );
    }

    /// `...`
    pub fn load_const_ellipsis(&mut self) {
        to_native!(self, |n, t| n.load_const_obj(t, &Constant::Ellipsis, 0));
        self.load_const_obj(&Constant::Ellipsis, 0);
    }

    /// A small integer.
    pub fn load_const_small_int(&mut self, value: i64) {
        to_native!(self, |n, t| n.load_const_small_int(value));
        let low = -op::LOAD_CONST_SMALL_INT_MULTI_EXCESS;
        let high = op::LOAD_CONST_SMALL_INT_MULTI_NUM - op::LOAD_CONST_SMALL_INT_MULTI_EXCESS;
        if (low..high).contains(&value) {
            let byte = op::LOAD_CONST_SMALL_INT_MULTI as i64
                + op::LOAD_CONST_SMALL_INT_MULTI_EXCESS
                + value;
            self.write(1, &[byte as u8]);
        } else {
            self.adjust_stack_size(1);
            if !self.suppress {
                self.bytecode.push(op::LOAD_CONST_SMALL_INT);
                op::push_signed_vint(&mut self.bytecode, value);
            }
        }
    }

    /// A string that is a qstr.
    pub fn load_const_str(&mut self, qstr: Q, text: &[u8]) {
        to_native!(self, |n, t| n.load_const_str(t, text));
        self.write_qstr(1, op::LOAD_CONST_STRING, qstr);
    }

    /// A constant from the object table; `origin` identifies the object (see
    /// [`ModuleTables::use_constant`]).
    pub fn load_const_obj(&mut self, constant: &Constant, origin: usize) {
        to_native!(self, |n, t| n.load_const_obj(t, constant, origin));
        let index = self.tables.use_constant(constant, origin);
        self.write_uint(1, op::LOAD_CONST_OBJ, index);
    }

    /// `LOAD_NULL`.
    pub fn load_null(&mut self) {
        to_native!(self, |n, t| n.load_null());
        self.write(1, &[op::LOAD_NULL]);
    }

    /// Load, store or delete an identifier.
    pub fn id_op(&mut self, kind: IdOp, qstr: Q, name: &str, access: Access) {
        to_native!(self, |n, t| n.id_op(t, kind, qstr, name, access));
        match (kind, access) {
            (IdOp::Load, Access::Fast(n)) if n <= 15 => {
                self.write(1, &[op::LOAD_FAST_MULTI + n as u8])
            }
            (IdOp::Load, Access::Fast(n)) => self.write_uint(1, op::LOAD_FAST_N, n),
            (IdOp::Load, Access::Deref(n)) => self.write_uint(1, op::LOAD_DEREF, n),
            (IdOp::Load, Access::Name) => self.write_qstr(1, op::LOAD_NAME, qstr),
            (IdOp::Load, Access::Global) => self.write_qstr(1, op::LOAD_GLOBAL, qstr),
            (IdOp::Store, Access::Fast(n)) if n <= 15 => {
                self.write(-1, &[op::STORE_FAST_MULTI + n as u8])
            }
            (IdOp::Store, Access::Fast(n)) => self.write_uint(-1, op::STORE_FAST_N, n),
            (IdOp::Store, Access::Deref(n)) => self.write_uint(-1, op::STORE_DEREF, n),
            (IdOp::Store, Access::Name) => self.write_qstr(-1, op::STORE_NAME, qstr),
            (IdOp::Store, Access::Global) => self.write_qstr(-1, op::STORE_GLOBAL, qstr),
            (IdOp::Delete, Access::Fast(n)) => self.write_uint(0, op::DELETE_FAST, n),
            (IdOp::Delete, Access::Deref(n)) => self.write_uint(0, op::DELETE_DEREF, n),
            (IdOp::Delete, Access::Name) => self.write_qstr(0, op::DELETE_NAME, qstr),
            (IdOp::Delete, Access::Global) => self.write_qstr(0, op::DELETE_GLOBAL, qstr),
        }
    }

    /// `LOAD_METHOD` or `LOAD_SUPER_METHOD`.
    pub fn load_method(&mut self, qstr: Q, is_super: bool) {
        to_native!(self, |n, t| n.load_method(t, qstr, is_super));
        if is_super {
            self.write_qstr(-1, op::LOAD_SUPER_METHOD, qstr);
        } else {
            self.write_qstr(1, op::LOAD_METHOD, qstr);
        }
    }

    /// `LOAD_BUILD_CLASS`.
    pub fn load_build_class(&mut self) {
        to_native!(self, |n, t| n.load_build_class());
        self.write(1, &[op::LOAD_BUILD_CLASS]);
    }

    /// Subscript load.
    pub fn load_subscr(&mut self) {
        to_native!(self, |n, t| n.load_subscr());
        self.write(-1, &[op::LOAD_SUBSCR]);
    }

    /// Subscript store.
    pub fn store_subscr(&mut self) {
        to_native!(self, |n, t| n.store_subscr());
        self.write(-3, &[op::STORE_SUBSCR]);
    }

    /// Subscript delete (a store of NULL).
    pub fn delete_subscr(&mut self) {
        to_native!(self, |n, t| n.delete_subscr());
        self.load_null();
        self.rot_three();
        self.store_subscr();
    }

    /// Attribute load.
    pub fn load_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.load_attr(t, qstr));
        self.write_qstr(0, op::LOAD_ATTR, qstr);
    }

    /// Attribute store.
    pub fn store_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.store_attr(t, qstr));
        self.write_qstr(-2, op::STORE_ATTR, qstr);
    }

    /// Attribute delete (a store of NULL).
    pub fn delete_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.delete_attr(t, qstr));
        self.load_null();
        self.rot_two();
        self.store_attr(qstr);
    }

    /// `DUP_TOP`.
    pub fn dup_top(&mut self) {
        to_native!(self, |n, t| n.dup_top());
        self.write(1, &[op::DUP_TOP]);
    }

    /// `DUP_TOP_TWO`.
    pub fn dup_top_two(&mut self) {
        to_native!(self, |n, t| n.dup_top_two());
        self.write(2, &[op::DUP_TOP_TWO]);
    }

    /// `POP_TOP`.
    pub fn pop_top(&mut self) {
        to_native!(self, |n, t| n.pop_top());
        self.write(-1, &[op::POP_TOP]);
    }

    /// `ROT_TWO`.
    pub fn rot_two(&mut self) {
        to_native!(self, |n, t| n.rot_two());
        self.write(0, &[op::ROT_TWO]);
    }

    /// `ROT_THREE`.
    pub fn rot_three(&mut self) {
        to_native!(self, |n, t| n.rot_three());
        self.write(0, &[op::ROT_THREE]);
    }

    /// Unconditional jump; what follows is dead until the next label.
    pub fn jump(&mut self, label: usize) {
        to_native!(self, |n, t| n.jump(label));
        self.write_label(0, op::JUMP, label);
        self.suppress = true;
    }

    /// `POP_JUMP_IF_TRUE` / `POP_JUMP_IF_FALSE`.
    pub fn pop_jump_if(&mut self, cond: bool, label: usize) {
        to_native!(self, |n, t| n.pop_jump_if(cond, label));
        let opcode = if cond {
            op::POP_JUMP_IF_TRUE
        } else {
            op::POP_JUMP_IF_FALSE
        };
        self.write_label(-1, opcode, label);
    }

    /// `JUMP_IF_TRUE_OR_POP` / `JUMP_IF_FALSE_OR_POP`.
    pub fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        to_native!(self, |n, t| n.jump_if_or_pop(cond, label));
        let opcode = if cond {
            op::JUMP_IF_TRUE_OR_POP
        } else {
            op::JUMP_IF_FALSE_OR_POP
        };
        self.write_label(-1, opcode, label);
    }

    /// A jump out of `except_depth` exception blocks (break/continue).
    pub fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        to_native!(self, |n, t| n.unwind_jump(label, except_depth));
        let from_for = label & BREAK_FROM_FOR != 0;
        let target = label & !BREAK_FROM_FOR;
        if except_depth == 0 {
            if from_for {
                for _ in 0..op::ITER_BUF_SLOTS {
                    self.write_raw_byte(op::POP_TOP);
                }
            }
            self.write_label(0, op::JUMP, target);
        } else {
            self.write_label(0, op::UNWIND_JUMP, target);
            self.write_raw_byte((if from_for { 0x80 } else { 0 }) | except_depth as u8);
        }
        self.suppress = true;
    }

    /// `SETUP_WITH` / `SETUP_EXCEPT` / `SETUP_FINALLY`.
    pub fn setup_block(&mut self, label: usize, kind: Block) {
        if let Some(any) = self.native.as_mut() {
            let tables = &mut self.tables;
            let names = self.with_method_names;
            native::with_native!(any, n => match (kind, names) {
                (Block::With, Some((exit, enter))) => n.setup_with(tables, label, exit, enter),
                (Block::With, None) => n.unsupported("with statements", 2),
                _ => n.setup_except_or_finally(label, kind == Block::Finally),
            });
            return;
        }
        let (stack_adj, opcode) = match kind {
            Block::With => (2, op::SETUP_WITH),
            Block::Except => (0, op::SETUP_EXCEPT),
            Block::Finally => (0, op::SETUP_FINALLY),
        };
        self.write_label(stack_adj, opcode, label);
    }

    /// End of a `with` block.
    pub fn with_cleanup(&mut self, label: usize) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.with_cleanup(label, slot));
        self.load_const_none();
        self.label_assign(label);
        self.write(2, &[op::WITH_CLEANUP]);
        self.adjust_stack_size(-4);
    }

    /// Normal exit of an `async with` body into its finally handler.
    pub fn async_with_setup_finally(
        &mut self,
        label_aexit_no_exc: usize,
        label_finally_block: usize,
        label_ret_unwind_jump: usize,
        base_exception: Q,
    ) {
        to_native!(self, |n, t| n.async_with_setup_finally(
            label_aexit_no_exc,
            label_finally_block,
            label_ret_unwind_jump
        ));
        self.load_const_none();
        self.rot_two();
        self.jump(label_aexit_no_exc);
        self.label_assign(label_finally_block);
        self.dup_top();
        self.id_op(IdOp::Load, base_exception, "BaseException", Access::Global);
        self.binary_op(BinaryOp::ExceptionMatch);
        self.pop_jump_if(false, label_ret_unwind_jump);
    }

    /// `END_FINALLY`.
    pub fn end_finally(&mut self) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.end_finally(slot));
        self.write(-1, &[op::END_FINALLY]);
    }

    /// `GET_ITER` or `GET_ITER_STACK`.
    pub fn get_iter(&mut self, use_stack: bool) {
        to_native!(self, |n, t| n.get_iter(use_stack));
        if use_stack {
            self.write(op::ITER_BUF_SLOTS as i64 - 1, &[op::GET_ITER_STACK]);
        } else {
            self.write(0, &[op::GET_ITER]);
        }
    }

    /// `FOR_ITER`.
    pub fn for_iter(&mut self, label: usize) {
        to_native!(self, |n, t| n.for_iter(label));
        self.write_label(1, op::FOR_ITER, label);
    }

    /// End of a `for` loop: the iterator slots leave the stack.
    pub fn for_iter_end(&mut self) {
        to_native!(self, |n, t| n.for_iter_end());
        self.adjust_stack_size(-(op::ITER_BUF_SLOTS as i64));
    }

    /// `POP_EXCEPT_JUMP`.
    pub fn pop_except_jump(&mut self, label: usize, within_exc_handler: bool) {
        to_native!(self, |n, t| n.pop_except_jump(label, within_exc_handler));
        self.write_label(0, op::POP_EXCEPT_JUMP, label);
        self.suppress = true;
    }

    /// A unary operator.
    pub fn unary_op(&mut self, op_kind: UnaryOp) {
        to_native!(self, |n, t| n.unary_op(op_kind));
        self.write(0, &[op::UNARY_OP_MULTI + op_kind as u8]);
    }

    /// A binary operator (`not in` and `is not` add a `not`).
    pub fn binary_op(&mut self, op_kind: BinaryOp) {
        to_native!(self, |n, t| n.binary_op(op_kind));
        let (base, invert) = match op_kind {
            BinaryOp::NotIn => (BinaryOp::In, true),
            BinaryOp::IsNot => (BinaryOp::Is, true),
            other => (other, false),
        };
        self.write(-1, &[op::BINARY_OP_MULTI + base as u8]);
        if invert {
            self.write(0, &[op::UNARY_OP_MULTI + UnaryOp::Not as u8]);
        }
    }

    /// `BUILD_*`.
    pub fn build(&mut self, n_args: usize, kind: Build) {
        to_native!(self, |n, t| n.build(n_args, kind));
        let opcode = match kind {
            Build::Tuple => op::BUILD_TUPLE,
            Build::List => op::BUILD_LIST,
            Build::Map => op::BUILD_MAP,
            Build::Set => op::BUILD_SET,
            Build::Slice => op::BUILD_SLICE,
        };
        let stack_adj = if kind == Build::Map {
            1
        } else {
            1 - n_args as i64
        };
        self.write_uint(stack_adj, opcode, n_args);
    }

    /// `STORE_MAP`.
    pub fn store_map(&mut self) {
        to_native!(self, |n, t| n.store_map());
        self.write(-2, &[op::STORE_MAP]);
    }

    /// `STORE_COMP` into the collection `collection_stack_index` slots down.
    pub fn store_comp(&mut self, kind: CompKind, collection_stack_index: usize) {
        to_native!(self, |n, t| n.store_comp(kind, collection_stack_index));
        let (n, t) = match kind {
            CompKind::List => (0, 0),
            CompKind::Dict => (1, 1),
            CompKind::Set => (0, 2),
        };
        self.write_uint(
            -1 - n as i64,
            op::STORE_COMP,
            ((collection_stack_index + n) << 2) | t,
        );
    }

    /// `UNPACK_SEQUENCE`.
    pub fn unpack_sequence(&mut self, n_args: usize) {
        to_native!(self, |n, t| n.unpack_sequence(n_args));
        self.write_uint(n_args as i64 - 1, op::UNPACK_SEQUENCE, n_args);
    }

    /// `UNPACK_EX`.
    pub fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        to_native!(self, |n, t| n.unpack_ex(n_left, n_right));
        self.write_uint(
            (n_left + n_right) as i64,
            op::UNPACK_EX,
            n_left | (n_right << 8),
        );
    }

    fn child_index(&mut self, child: S) -> usize {
        self.children.push(child);
        self.children.len() - 1
    }

    /// `MAKE_FUNCTION` / `MAKE_FUNCTION_DEFARGS`.
    pub fn make_function(&mut self, child: S, has_defaults: bool) {
        if let Some(any) = self.native.as_mut() {
            let index = native::with_native!(any, n => n.make_function(has_defaults));
            self.record_native_child(index, child);
            return;
        }
        let index = self.child_index(child);
        if has_defaults {
            self.write_uint(-1, op::MAKE_FUNCTION_DEFARGS, index);
        } else {
            self.write_uint(1, op::MAKE_FUNCTION, index);
        }
    }

    /// `MAKE_CLOSURE` / `MAKE_CLOSURE_DEFARGS`.
    pub fn make_closure(&mut self, child: S, n_closed_over: usize, has_defaults: bool) {
        if let Some(any) = self.native.as_mut() {
            let index = native::with_native!(any, n => n.make_closure(n_closed_over, has_defaults));
            self.record_native_child(index, child);
            return;
        }
        let index = self.child_index(child);
        if has_defaults {
            self.write_uint(
                -2 - n_closed_over as i64 + 1,
                op::MAKE_CLOSURE_DEFARGS,
                index,
            );
        } else {
            self.write_uint(1 - n_closed_over as i64, op::MAKE_CLOSURE, index);
        }
        self.write_raw_byte(n_closed_over as u8);
    }

    fn call_helper(&mut self, base_adj: i64, opcode: u8, n_pos: usize, n_kw: usize, star: u32) {
        let arg = (n_kw << 8) | n_pos;
        if star != 0 {
            self.write_uint(
                base_adj - n_pos as i64 - 2 * n_kw as i64 - 1,
                opcode + 1,
                arg,
            );
        } else {
            self.write_uint(base_adj - n_pos as i64 - 2 * n_kw as i64, opcode, arg);
        }
    }

    /// `CALL_FUNCTION` / `CALL_FUNCTION_VAR_KW`.
    pub fn call_function(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        to_native!(self, |n, t| n.call_function(
            n_positional,
            n_keyword,
            star_flags
        ));
        self.call_helper(0, op::CALL_FUNCTION, n_positional, n_keyword, star_flags);
    }

    /// `CALL_METHOD` / `CALL_METHOD_VAR_KW`.
    pub fn call_method(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        to_native!(self, |n, t| n.call_method(
            n_positional,
            n_keyword,
            star_flags
        ));
        self.call_helper(-1, op::CALL_METHOD, n_positional, n_keyword, star_flags);
    }

    /// `RETURN_VALUE`.
    pub fn return_value(&mut self) {
        to_native!(self, |n, t| n.return_value());
        self.write(-1, &[op::RETURN_VALUE]);
        self.suppress = true;
    }

    /// `RAISE_LAST` / `RAISE_OBJ` / `RAISE_FROM`.
    pub fn raise_varargs(&mut self, n_args: usize) {
        to_native!(self, |n, t| n.raise_varargs(n_args));
        self.write(-(n_args as i64), &[op::RAISE_LAST + n_args as u8]);
        self.suppress = true;
    }

    /// `YIELD_VALUE` (`from` false) or `YIELD_FROM`.
    pub fn yield_op(&mut self, from: bool) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.yield_op(from, slot));
        if from {
            self.write(-1, &[op::YIELD_FROM]);
        } else {
            self.write(0, &[op::YIELD_VALUE]);
        }
    }

    /// Entering an exception handler: the exception plus unwind state are on the stack.
    pub fn start_except_handler(&mut self) {
        to_native!(self, |n, t| n.start_except_handler());
        self.adjust_stack_size(4);
    }

    /// Leaving an exception handler.
    pub fn end_except_handler(&mut self) {
        if self.native.is_some() {
            // Native handlers leave nothing extra on the stack.
            return;
        }
        self.adjust_stack_size(-3);
    }
}
