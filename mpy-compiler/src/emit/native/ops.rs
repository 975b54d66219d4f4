//! The operations the compiler drives, as `emit_native_*` implements them.

use std::hash::Hash;

use super::{fun, vtype, NativeEmitter, Slot, StackEntry};
use crate::asm::Assembler;
use crate::emit::{Access, Build, CompKind, Constant, IdOp, ModuleTables};
use crate::opcode::{BinaryOp, UnaryOp};

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    /// Places `label`; everything pending is written to the C stack first.
    pub fn label_assign(&mut self, label: usize) {
        self.label_assign_native(label);
    }

    /// `import_name`
    pub fn import_name(&mut self, tables: &mut ModuleTables<Q>, qstr: Q) {
        let viper = self.viper;
        self.viper = false;
        let vt_fromlist = self.pre_pop_reg(A::REG_ARG_2);
        let vt_level = self.pre_pop_reg(A::REG_ARG_3);
        self.viper = viper;
        self.expect_object(vt_fromlist, "import");
        self.expect_object(vt_level, "import");
        self.call_with_qstr_arg(tables, fun::IMPORT_NAME, qstr, A::REG_ARG_1);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `import_from`
    pub fn import_from(&mut self, tables: &mut ModuleTables<Q>, qstr: Q) {
        let vt = self.access_stack(1, A::REG_ARG_1);
        self.expect_object(vt, "import");
        self.call_with_qstr_arg(tables, fun::IMPORT_FROM, qstr, A::REG_ARG_2);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `import_star`
    pub fn import_star(&mut self) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "import");
        self.call(fun::IMPORT_ALL);
    }

    /// `None`
    pub fn load_const_none(&mut self) {
        self.post_push_imm(vtype::PTR_NONE, 0);
    }

    /// `True` / `False`
    pub fn load_const_bool(&mut self, value: bool) {
        self.post_push_imm(vtype::BOOL, i64::from(value));
    }

    /// A small int.
    pub fn load_const_small_int(&mut self, value: i64) {
        self.post_push_imm(vtype::INT, value);
    }

    /// A qstr as a `str` object (loaded from the constant table).
    pub fn load_const_str(&mut self, tables: &mut ModuleTables<Q>, text: &[u8]) {
        self.need_reg_single(A::REG_TEMP0, 0);
        self.load_reg_with_object(tables, A::REG_TEMP0, &Constant::Str(text.to_vec()), 0);
        self.post_push_reg(vtype::PYOBJ, A::REG_TEMP0);
    }

    /// A constant object.
    pub fn load_const_obj(
        &mut self,
        tables: &mut ModuleTables<Q>,
        constant: &Constant,
        origin: usize,
    ) {
        self.need_reg_single(A::REG_TEMP0, 0);
        self.load_reg_with_object(tables, A::REG_TEMP0, constant, origin);
        self.post_push_reg(vtype::PYOBJ, A::REG_TEMP0);
    }

    /// `LOAD_NULL`
    pub fn load_null(&mut self) {
        self.post_push_imm(vtype::PYOBJ, 0);
    }

    fn load_fast(&mut self, name: &str, local_num: usize) {
        let vt = self
            .local_vtype
            .get(local_num)
            .copied()
            .unwrap_or(vtype::PYOBJ);
        if vt == vtype::UNBOUND {
            self.viper_error(format!("local '{name}' used before type known"));
        }
        if self.local_in_reg(local_num) {
            self.post_push_reg(vt, Self::reg_local(local_num));
        } else {
            self.need_reg_single(A::REG_TEMP0, 0);
            let idx = self.local_idx_local_var(local_num);
            self.mov_reg_state(A::REG_TEMP0, idx);
            self.post_push_reg(vt, A::REG_TEMP0);
        }
    }

    fn store_fast(&mut self, name: &str, local_num: usize) {
        let vt = if self.local_in_reg(local_num) {
            self.pre_pop_reg(Self::reg_local(local_num))
        } else {
            let vt = self.pre_pop_reg(A::REG_TEMP0);
            let idx = self.local_idx_local_var(local_num);
            self.mov_state_reg(idx, A::REG_TEMP0);
            vt
        };
        let Some(&current) = self.local_vtype.get(local_num) else {
            return;
        };
        if current == vtype::UNBOUND {
            self.local_vtype[local_num] = vt;
        } else if current != vt {
            self.viper_error(format!(
                "local '{name}' has type '{}' but source is '{}'",
                vtype::name(current),
                vtype::name(vt)
            ));
        }
    }

    /// Load, store or delete an identifier; `name` is its text (for viper type errors and the
    /// built-in casts).
    pub fn id_op(
        &mut self,
        tables: &mut ModuleTables<Q>,
        kind: IdOp,
        qstr: Q,
        name: &str,
        access: Access,
    ) {
        match (kind, access) {
            (IdOp::Load, Access::Fast(n)) => self.load_fast(name, n),
            (IdOp::Load, Access::Deref(n)) => {
                self.need_reg_single(A::REG_RET, 0);
                self.load_fast(name, n);
                let (_, reg_base) = self.pre_pop_reg_flexible(A::REG_RET, None, None);
                self.asm.load_reg_reg_offset(A::REG_RET, reg_base, 1);
                self.post_push_reg(vtype::PYOBJ, A::REG_RET);
            }
            (IdOp::Load, Access::Name | Access::Global) => {
                let global = access == Access::Global;
                if global && self.viper {
                    if let Some(native_type) = vtype::from_name(name.as_bytes()) {
                        if native_type >= vtype::BOOL {
                            self.post_push_imm(vtype::BUILTIN_CAST, i64::from(native_type));
                            return;
                        }
                    }
                }
                let f = fun::LOAD_NAME + usize::from(global);
                self.call_with_qstr_arg(tables, f, qstr, A::REG_ARG_1);
                self.post_push_reg(vtype::PYOBJ, A::REG_RET);
            }
            (IdOp::Store, Access::Fast(n)) => self.store_fast(name, n),
            (IdOp::Store, Access::Deref(n)) => {
                self.need_reg_single(A::REG_TEMP0, 0);
                self.need_reg_single(A::REG_TEMP1, 0);
                self.load_fast(name, n);
                let (_, reg_base) = self.pre_pop_reg_flexible(A::REG_TEMP0, None, None);
                let (_, reg_src) =
                    self.pre_pop_reg_flexible(A::REG_TEMP1, Some(reg_base), Some(reg_base));
                self.asm.store_reg_reg_offset(reg_src, reg_base, 1);
            }
            (IdOp::Store, Access::Name) => {
                let vt = self.pre_pop_reg(A::REG_ARG_2);
                self.expect_object(vt, "storing a name");
                self.call_with_qstr_arg(tables, fun::STORE_NAME, qstr, A::REG_ARG_1);
            }
            (IdOp::Store, Access::Global) => {
                let vt = self.peek_vtype(0);
                if vt == vtype::PYOBJ {
                    self.pre_pop_reg(A::REG_ARG_2);
                } else {
                    self.pre_pop_reg(A::REG_ARG_1);
                    self.call_with_imm_arg(fun::CONVERT_NATIVE_TO_OBJ, i64::from(vt), A::REG_ARG_2);
                    self.asm.mov_reg_reg(A::REG_ARG_2, A::REG_RET);
                }
                self.call_with_qstr_arg(tables, fun::STORE_NAME + 1, qstr, A::REG_ARG_1);
            }
            (IdOp::Delete, Access::Fast(n)) => {
                self.load_const_none();
                self.store_fast(name, n);
            }
            (IdOp::Delete, Access::Deref(_)) => {}
            (IdOp::Delete, Access::Name | Access::Global) => {
                let f = fun::DELETE_NAME + usize::from(access == Access::Global);
                self.call_with_qstr_arg(tables, f, qstr, A::REG_ARG_1);
            }
        }
    }

    /// `load_attr`
    pub fn load_attr(&mut self, tables: &mut ModuleTables<Q>, qstr: Q) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "attribute access");
        self.call_with_qstr_arg(tables, fun::LOAD_ATTR, qstr, A::REG_ARG_2);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `store_attr`
    pub fn store_attr(&mut self, tables: &mut ModuleTables<Q>, qstr: Q) {
        let vt_val = self.peek_vtype(1);
        let vt_base = if vt_val == vtype::PYOBJ {
            let vt_base = self.pre_pop_reg(A::REG_ARG_1);
            self.pre_pop_reg(A::REG_ARG_3);
            vt_base
        } else {
            let vt = self.access_stack(2, A::REG_ARG_1);
            self.call_with_imm_arg(fun::CONVERT_NATIVE_TO_OBJ, i64::from(vt), A::REG_ARG_2);
            self.asm.mov_reg_reg(A::REG_ARG_3, A::REG_RET);
            let vt_base = self.pre_pop_reg(A::REG_ARG_1);
            self.adjust_stack(-1);
            vt_base
        };
        self.expect_object(vt_base, "attribute access");
        self.call_with_qstr_arg(tables, fun::STORE_ATTR, qstr, A::REG_ARG_2);
    }

    /// `delete_attr`
    pub fn delete_attr(&mut self, tables: &mut ModuleTables<Q>, qstr: Q) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "attribute access");
        self.asm.clr_reg(A::REG_ARG_3);
        self.call_with_qstr_arg(tables, fun::STORE_ATTR, qstr, A::REG_ARG_2);
    }

    /// `load_method`
    pub fn load_method(&mut self, tables: &mut ModuleTables<Q>, qstr: Q, is_super: bool) {
        if is_super {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_2, 3);
            self.get_stack_pointer_to_reg_for_push(A::REG_ARG_2, 2);
            self.call_with_qstr_arg(tables, fun::LOAD_SUPER_METHOD, qstr, A::REG_ARG_1);
        } else {
            let vt = self.pre_pop_reg(A::REG_ARG_1);
            self.expect_object(vt, "attribute access");
            self.get_stack_pointer_to_reg_for_push(A::REG_ARG_3, 2);
            self.call_with_qstr_arg(tables, fun::LOAD_METHOD, qstr, A::REG_ARG_2);
        }
    }

    /// `load_build_class`
    pub fn load_build_class(&mut self) {
        self.call(fun::LOAD_BUILD_CLASS);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// Subscript delete.
    pub fn delete_subscr(&mut self) {
        let vt_index = self.pre_pop_reg(A::REG_ARG_2);
        let vt_base = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt_index, "del");
        self.expect_object(vt_base, "del");
        self.call_with_imm_arg(fun::OBJ_SUBSCR, 0, A::REG_ARG_3);
    }

    /// `dup_top`
    pub fn dup_top(&mut self) {
        let (vt, reg) = self.pre_pop_reg_flexible(A::REG_TEMP0, None, None);
        self.post_push_reg(vt, reg);
        self.post_push_reg(vt, reg);
    }

    /// `dup_top_two`
    pub fn dup_top_two(&mut self) {
        let vt0 = self.pre_pop_reg(A::REG_TEMP0);
        let vt1 = self.pre_pop_reg(A::REG_TEMP1);
        self.post_push_reg(vt1, A::REG_TEMP1);
        self.post_push_reg(vt0, A::REG_TEMP0);
        self.post_push_reg(vt1, A::REG_TEMP1);
        self.post_push_reg(vt0, A::REG_TEMP0);
    }

    /// `pop_top`
    pub fn pop_top(&mut self) {
        self.pre_pop_discard();
    }

    /// `rot_two`
    pub fn rot_two(&mut self) {
        let vt0 = self.pre_pop_reg(A::REG_TEMP0);
        let vt1 = self.pre_pop_reg(A::REG_TEMP1);
        self.post_push_reg(vt0, A::REG_TEMP0);
        self.post_push_reg(vt1, A::REG_TEMP1);
    }

    /// `rot_three`
    pub fn rot_three(&mut self) {
        let vt0 = self.pre_pop_reg(A::REG_TEMP0);
        let vt1 = self.pre_pop_reg(A::REG_TEMP1);
        let vt2 = self.pre_pop_reg(A::REG_TEMP2);
        self.post_push_reg(vt0, A::REG_TEMP0);
        self.post_push_reg(vt2, A::REG_TEMP2);
        self.post_push_reg(vt1, A::REG_TEMP1);
    }

    /// `jump`
    pub fn jump(&mut self, label: usize) {
        self.need_stack_settled();
        self.asm.jump(label);
        self.asm.suppress_code();
    }

    fn jump_helper(&mut self, cond: bool, label: usize, pop: bool) {
        let mut vt = self.peek_vtype(0);
        if vt == vtype::PYOBJ {
            self.pre_pop_reg(A::REG_ARG_1);
            if !pop {
                self.adjust_stack(1);
            }
            self.call(fun::OBJ_IS_TRUE);
        } else {
            vt = self.pre_pop_reg(A::REG_RET);
            if !pop {
                self.adjust_stack(1);
            }
            if !(vt == vtype::BOOL || vt == vtype::INT || vt == vtype::UINT) {
                self.viper_error(format!(
                    "can't implicitly convert '{}' to 'bool'",
                    vtype::name(vt)
                ));
            }
        }
        if !pop {
            self.saved_stack_vtype = vt;
        }
        self.need_stack_settled();
        if cond {
            self.asm
                .jump_if_reg_nonzero(A::REG_RET, label, vt == vtype::PYOBJ);
        } else {
            self.asm
                .jump_if_reg_zero(A::REG_RET, label, vt == vtype::PYOBJ);
        }
        if !pop {
            self.adjust_stack(-1);
        }
    }

    /// `pop_jump_if`
    pub fn pop_jump_if(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, true);
    }

    /// `jump_if_or_pop`
    pub fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        self.jump_helper(cond, label, false);
    }

    /// `get_iter`
    pub fn get_iter(&mut self, use_stack: bool) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "iteration");
        if use_stack {
            self.get_stack_pointer_to_reg_for_push(
                A::REG_ARG_2,
                crate::opcode::ITER_BUF_SLOTS as usize,
            );
            self.call(fun::NATIVE_GETITER);
        } else {
            self.asm.mov_reg_imm(A::REG_ARG_2, 0);
            self.call(fun::NATIVE_GETITER);
            self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        }
    }

    /// `for_iter`
    pub fn for_iter(&mut self, label: usize) {
        let slots = crate::opcode::ITER_BUF_SLOTS as usize;
        self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_1, slots);
        self.adjust_stack(slots as i64);
        self.call(fun::NATIVE_ITERNEXT);
        self.asm.jump_if_reg_zero(A::REG_RET, label, false);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `for_iter_end`
    pub fn for_iter_end(&mut self) {
        self.adjust_stack(-(crate::opcode::ITER_BUF_SLOTS as i64));
    }

    /// A unary operator.
    pub fn unary_op(&mut self, op: UnaryOp) {
        let vt = self.peek_vtype(0);
        if vt == vtype::INT || vt == vtype::UINT {
            match op {
                UnaryOp::Positive => {}
                UnaryOp::Negative => {
                    let vt = self.pre_pop_reg(A::REG_RET);
                    self.asm.neg_reg(A::REG_RET);
                    self.post_push_reg(vt, A::REG_RET);
                }
                UnaryOp::Invert => {
                    let vt = self.pre_pop_reg(A::REG_RET);
                    if A::HAS_NOT_REG {
                        self.asm.not_reg(A::REG_RET);
                    } else {
                        let reg = if A::REG_RET != A::REG_ARG_1 {
                            A::REG_ARG_1
                        } else {
                            A::REG_ARG_2
                        };
                        self.asm.mov_reg_imm(reg, -1);
                        self.asm.xor_reg_reg(A::REG_RET, reg);
                    }
                    self.post_push_reg(vt, A::REG_RET);
                }
                _ => self.viper_error("'not' not implemented".into()),
            }
        } else if vt == vtype::PYOBJ {
            self.pre_pop_reg(A::REG_ARG_2);
            self.call_with_imm_arg(fun::UNARY_OP, op as i64, A::REG_ARG_1);
            self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        } else {
            self.viper_error(format!("can't do unary op of '{}'", vtype::name(vt)));
        }
    }

    /// A binary operator.
    pub fn binary_op(&mut self, op: BinaryOp) {
        let vt_lhs = self.peek_vtype(1);
        let vt_rhs = self.peek_vtype(0);
        let is_int = |v: u8| v == vtype::INT || v == vtype::UINT;
        if is_int(vt_lhs) && is_int(vt_rhs) {
            self.viper_int_binary_op(op);
        } else if vt_lhs == vtype::PYOBJ && vt_rhs == vtype::PYOBJ {
            self.pre_pop_reg(A::REG_ARG_3);
            self.pre_pop_reg(A::REG_ARG_2);
            let (op, invert) = match op {
                BinaryOp::NotIn => (BinaryOp::In, true),
                BinaryOp::IsNot => (BinaryOp::Is, true),
                other => (other, false),
            };
            self.call_with_imm_arg(fun::BINARY_OP, op as i64, A::REG_ARG_1);
            if invert {
                self.asm.mov_reg_reg(A::REG_ARG_2, A::REG_RET);
                self.call_with_imm_arg(fun::UNARY_OP, UnaryOp::Not as i64, A::REG_ARG_1);
            }
            self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        } else {
            self.adjust_stack(-1);
            self.viper_error(format!(
                "can't do binary op between '{}' and '{}'",
                vtype::name(vt_lhs),
                vtype::name(vt_rhs)
            ));
        }
    }

    /// `BUILD_*`
    pub fn build(&mut self, n_args: usize, kind: Build) {
        if kind == Build::Slice {
            let vts = if n_args == 2 {
                let stop = self.pre_pop_reg(A::REG_ARG_2);
                let start = self.pre_pop_reg(A::REG_ARG_1);
                self.mov_reg_const(A::REG_ARG_3, fun::CONST_NONE_OBJ);
                [start, stop, vtype::PYOBJ]
            } else {
                let step = self.pre_pop_reg(A::REG_ARG_3);
                let stop = self.pre_pop_reg(A::REG_ARG_2);
                let start = self.pre_pop_reg(A::REG_ARG_1);
                [start, stop, step]
            };
            for vt in vts {
                self.expect_object(vt, "a slice");
            }
            self.call(fun::NEW_SLICE);
            self.post_push_reg(vtype::PYOBJ, A::REG_RET);
            return;
        }
        let offset = match kind {
            Build::Tuple => 0,
            Build::List => 1,
            Build::Map => 2,
            _ => 3,
        };
        if kind != Build::Map {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_2, n_args);
        }
        self.call_with_imm_arg(fun::BUILD_TUPLE + offset, n_args as i64, A::REG_ARG_1);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `store_map`
    pub fn store_map(&mut self) {
        let vt_key = self.pre_pop_reg(A::REG_ARG_2);
        let vt_value = self.pre_pop_reg(A::REG_ARG_3);
        let vt_map = self.pre_pop_reg(A::REG_ARG_1);
        for vt in [vt_key, vt_value, vt_map] {
            self.expect_object(vt, "a dict entry");
        }
        self.call(fun::STORE_MAP);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `store_comp`
    pub fn store_comp(&mut self, kind: CompKind, collection_index: usize) {
        let f = match kind {
            CompKind::List => {
                let vt = self.pre_pop_reg(A::REG_ARG_2);
                self.expect_object(vt, "a comprehension");
                fun::LIST_APPEND
            }
            CompKind::Set => {
                let vt = self.pre_pop_reg(A::REG_ARG_2);
                self.expect_object(vt, "a comprehension");
                fun::STORE_SET
            }
            CompKind::Dict => {
                let vt_key = self.pre_pop_reg(A::REG_ARG_2);
                let vt_value = self.pre_pop_reg(A::REG_ARG_3);
                self.expect_object(vt_key, "a comprehension");
                self.expect_object(vt_value, "a comprehension");
                fun::STORE_MAP
            }
        };
        let vt = self.access_stack(collection_index, A::REG_ARG_1);
        self.expect_object(vt, "a comprehension");
        self.call(f);
    }

    /// `unpack_sequence`
    pub fn unpack_sequence(&mut self, n_args: usize) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "unpacking");
        self.get_stack_pointer_to_reg_for_push(A::REG_ARG_3, n_args);
        self.call_with_imm_arg(fun::UNPACK_SEQUENCE, n_args as i64, A::REG_ARG_2);
    }

    /// `unpack_ex`
    pub fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        self.expect_object(vt, "unpacking");
        self.get_stack_pointer_to_reg_for_push(A::REG_ARG_3, n_left + n_right + 1);
        self.call_with_imm_arg(
            fun::UNPACK_EX,
            (n_left | (n_right << 8)) as i64,
            A::REG_ARG_2,
        );
    }

    /// `make_function`; returns the child-table index used.
    pub fn make_function(&mut self, has_defaults: bool) -> usize {
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_ARG_2, fun_obj);
        self.asm.load_reg_reg_offset(
            A::REG_ARG_2,
            A::REG_ARG_2,
            super::OFFSETOF_OBJ_FUN_BC_CONTEXT,
        );
        if has_defaults {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 2);
            self.need_reg_all();
        } else {
            self.need_reg_all();
            self.asm.mov_reg_imm(A::REG_ARG_3, 0);
        }
        let index = self.children;
        self.load_reg_with_child(A::REG_ARG_1);
        self.asm.call_ind(fun::MAKE_FUNCTION_FROM_PROTO_FUN);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        index
    }

    /// `make_closure`; returns the child-table index used.
    pub fn make_closure(&mut self, n_closed_over: usize, has_defaults: bool) -> usize {
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_ARG_2, fun_obj);
        self.asm.load_reg_reg_offset(
            A::REG_ARG_2,
            A::REG_ARG_2,
            super::OFFSETOF_OBJ_FUN_BC_CONTEXT,
        );
        if has_defaults {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 2 + n_closed_over);
            self.adjust_stack(2 + n_closed_over as i64);
            self.need_reg_all();
        } else {
            self.need_reg_all();
            self.asm.mov_reg_imm(A::REG_ARG_3, 0);
        }
        let index = self.children;
        self.load_reg_with_child(A::REG_ARG_1);
        self.asm.call_ind(fun::MAKE_FUNCTION_FROM_PROTO_FUN);
        if A::REG_ARG_1 != A::REG_RET {
            self.asm.mov_reg_reg(A::REG_ARG_1, A::REG_RET);
        }
        self.asm.mov_reg_imm(A::REG_ARG_2, n_closed_over as i64);
        self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, n_closed_over);
        if has_defaults {
            self.adjust_stack(-2);
        }
        self.asm.call_ind(fun::NEW_CLOSURE);
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
        index
    }

    /// `call_function`; viper casts (`int(x)`, `ptr8(buf)`) become conversions.
    pub fn call_function(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        let vt_fun = self.peek_vtype(n_positional + 2 * n_keyword);
        if vt_fun == vtype::BUILTIN_CAST {
            if n_positional != 1 || n_keyword != 0 || star_flags != 0 {
                // mpy-cross asserts a cast has exactly one argument.
                self.expect_object(vtype::BUILTIN_CAST, "a cast with other than one argument");
                return;
            }
            let StackEntry { slot, .. } = self.peek(1);
            let vt_cast = match slot {
                Slot::Imm(v) => v as u8,
                _ => vtype::PYOBJ,
            };
            match self.peek_vtype(0) {
                vtype::PYOBJ => {
                    self.pre_pop_reg(A::REG_ARG_1);
                    self.pre_pop_discard();
                    self.call_with_imm_arg(
                        fun::CONVERT_OBJ_TO_NATIVE,
                        i64::from(vt_cast),
                        A::REG_ARG_2,
                    );
                    self.post_push_reg(vt_cast, A::REG_RET);
                }
                vtype::BOOL..=vtype::PTR32 | vtype::PTR_NONE => {
                    self.fold_stack_top(A::REG_ARG_1);
                    self.post_top_set_vtype(vt_cast);
                }
                _ => self.raise("casting"),
            }
            return;
        }
        self.expect_object(vt_fun, "a call");
        let packed = (n_positional | (n_keyword << 8)) as i64;
        if star_flags != 0 {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, n_positional + 2 * n_keyword + 2);
            self.call_with_2_imm_args(
                fun::CALL_METHOD_N_KW_VAR,
                0,
                A::REG_ARG_1,
                packed,
                A::REG_ARG_2,
            );
        } else {
            if n_positional != 0 || n_keyword != 0 {
                self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, n_positional + 2 * n_keyword);
            }
            self.pre_pop_reg(A::REG_ARG_1);
            self.call_with_imm_arg(fun::NATIVE_CALL_FUNCTION_N_KW, packed, A::REG_ARG_2);
        }
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `call_method`
    pub fn call_method(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        if star_flags != 0 {
            let packed = (n_positional | (n_keyword << 8)) as i64;
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, n_positional + 2 * n_keyword + 3);
            self.call_with_2_imm_args(
                fun::CALL_METHOD_N_KW_VAR,
                1,
                A::REG_ARG_1,
                packed,
                A::REG_ARG_2,
            );
        } else {
            self.get_stack_pointer_to_reg_for_pop(A::REG_ARG_3, 2 + n_positional + 2 * n_keyword);
            self.call_with_2_imm_args(
                fun::CALL_METHOD_N_KW,
                n_positional as i64,
                A::REG_ARG_1,
                n_keyword as i64,
                A::REG_ARG_2,
            );
        }
        self.post_push_reg(vtype::PYOBJ, A::REG_RET);
    }

    /// `return_value`
    pub fn return_value(&mut self) {
        if self.is_generator() {
            self.generator_return();
            return;
        }
        if self.viper {
            let return_vtype = (self.flags() >> super::native_flag::VIPERRET_POS) as u8 & 0x7;
            if self.peek_vtype(0) == vtype::PTR_NONE {
                self.pre_pop_discard();
                if return_vtype == vtype::PYOBJ {
                    self.mov_reg_const(A::REG_PARENT_RET, fun::CONST_NONE_OBJ);
                } else {
                    self.asm.mov_reg_imm(A::REG_ARG_1, 0);
                }
            } else {
                let reg = if return_vtype == vtype::PYOBJ {
                    A::REG_PARENT_RET
                } else {
                    A::REG_ARG_1
                };
                let vt = self.pre_pop_reg(reg);
                if vt != return_vtype {
                    self.viper_error(format!(
                        "return expected '{}' but got '{}'",
                        vtype::name(return_vtype),
                        vtype::name(vt)
                    ));
                }
            }
            if return_vtype != vtype::PYOBJ {
                self.call_with_imm_arg(
                    fun::CONVERT_NATIVE_TO_OBJ,
                    i64::from(return_vtype),
                    A::REG_ARG_2,
                );
                if A::REG_RET != A::REG_PARENT_RET {
                    self.asm.mov_reg_reg(A::REG_PARENT_RET, A::REG_RET);
                }
            }
        } else {
            self.pre_pop_reg(A::REG_PARENT_RET);
        }
        if self.need_global_exc_handler() {
            self.asm
                .mov_local_reg(Self::local_idx_ret_val(), A::REG_PARENT_RET);
        }
        let exit = self.exit_label;
        let depth = self.exc_stack.len();
        self.unwind_jump(exit, depth);
    }

    /// `raise_varargs`
    pub fn raise_varargs(&mut self, n_args: usize) {
        if n_args != 1 {
            self.raise("native raise");
            self.adjust_stack(-(n_args as i64));
            return;
        }
        let vt = self.pre_pop_reg(A::REG_ARG_1);
        if vt != vtype::PYOBJ {
            self.viper_error("must raise an object".into());
        }
        self.call(fun::NATIVE_RAISE);
        self.asm.suppress_code();
    }

    /// Operations this emitter does not implement yet.
    pub fn unsupported(&mut self, what: &str, stack_delta: i64) {
        self.not_implemented(what);
        self.adjust_stack_size(stack_delta);
    }
}
