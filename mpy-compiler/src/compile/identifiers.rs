//! The identifiers of a scope, from declaration to slot (from `py/compile.c`).
//!
//! In the scope pass, parameters are declared and every load, store or delete of a name adds
//! it to the scope; between the passes `compute_scope_things` numbers locals, cells and free
//! variables; in the later passes the same loads, stores and deletes are emitted by the kind
//! each name ended up with. The prelude records the outcome (argument names, cells). Kept
//! together because these steps share the numbering rules that mpy-cross's layout follows.

use super::tree::*;
use super::{Compiler, Pass};
use crate::emit::native;
use crate::emit::{Access, IdOp, PreludeInfo};
use crate::parse_tree::{Node, Qstr, Rule};
use crate::scope::{id_flag, scope_flag, EmitKind, IdKind, ScopeKind};

impl<'t, 'p> Compiler<'t, 'p> {
    // ----- loads, stores and deletes -----

    pub(super) fn id_for_modification(&mut self, scope: usize, qstr: Qstr) -> usize {
        let s = &mut self.scopes[scope];
        let i = s.find_or_add(qstr, IdKind::GlobalImplicit);
        if s.ids[i].kind == IdKind::GlobalImplicit {
            s.ids[i].kind = if s.kind.is_func_like() {
                IdKind::Local
            } else {
                IdKind::GlobalImplicitAssigned
            };
        }
        i
    }

    fn id_op(&mut self, kind: IdOp, qstr: Qstr) {
        let Some(i) = self.scope().find(qstr) else {
            return;
        };
        let id = self.scope().ids[i];
        let access = match id.kind {
            IdKind::GlobalImplicit | IdKind::GlobalImplicitAssigned | IdKind::Undecided => {
                Access::Name
            }
            IdKind::GlobalExplicit => Access::Global,
            IdKind::Local => Access::Fast(id.local_num as usize),
            IdKind::Cell | IdKind::Free => Access::Deref(id.local_num as usize),
        };
        self.emit_id_op(kind, qstr, access);
    }

    pub(super) fn emit_load_const_str(&mut self, qstr: Qstr) {
        let text = if self.emit.native.is_some() {
            self.pool.get(qstr).to_vec()
        } else {
            Vec::new()
        };
        self.emit.load_const_str(qstr, &text);
    }

    fn emit_id_op(&mut self, kind: IdOp, qstr: Qstr, access: Access) {
        let name = if self.emit.native.is_some() {
            self.pool.text(qstr).into_owned()
        } else {
            String::new()
        };
        self.emit.id_op(kind, qstr, &name, access);
    }

    pub(super) fn load_id(&mut self, qstr: Qstr) {
        if self.pass == Pass::Scope {
            self.scope_mut().find_or_add(qstr, IdKind::GlobalImplicit);
        } else {
            self.id_op(IdOp::Load, qstr);
        }
    }

    pub(super) fn store_id(&mut self, qstr: Qstr) {
        if self.pass == Pass::Scope {
            self.id_for_modification(self.cur, qstr);
        } else {
            self.id_op(IdOp::Store, qstr);
        }
    }

    pub(super) fn delete_id(&mut self, qstr: Qstr) {
        if self.pass == Pass::Scope {
            self.id_for_modification(self.cur, qstr);
        } else {
            self.id_op(IdOp::Delete, qstr);
        }
    }

    pub(super) fn load_global(&mut self, qstr: Qstr) {
        self.emit_id_op(IdOp::Load, qstr, Access::Global);
    }

    pub(super) fn load_fast(&mut self, qstr: Qstr, local_num: usize) {
        self.emit_id_op(IdOp::Load, qstr, Access::Fast(local_num));
    }

    // ----- parameters -----

    pub(super) fn compile_scope_param(&mut self, node: &Node, is_func: bool) {
        let (name_rule, star_rule) = if is_func {
            (Rule::TypedargslistName, Rule::TypedargslistStar)
        } else {
            (Rule::VarargslistName, Rule::VarargslistStar)
        };
        if self.scope().scope_flags & scope_flag::VARKEYWORDS != 0 {
            self.syntax_error(node, "invalid syntax");
            return;
        }
        let mut param_name = None;
        let mut param_flag = id_flag::IS_PARAM;
        if let Some(name) = id(node) {
            param_name = Some(name);
            self.count_param();
        } else if is_kind(node, name_rule) {
            param_name = id(child(node, 0));
            self.count_param();
        } else if is_kind(node, star_rule) {
            if self.have_star {
                self.syntax_error(node, "invalid syntax");
                return;
            }
            self.have_star = true;
            param_flag = id_flag::IS_PARAM | id_flag::IS_STAR_PARAM;
            let star = child(node, 0);
            if let Some(name) = id(star) {
                self.scope_mut().scope_flags |= scope_flag::VARARGS;
                param_name = Some(name);
            } else if !is_null(star) {
                // Named star with an annotation (`tfpdef`).
                self.scope_mut().scope_flags |= scope_flag::VARARGS;
                param_name = id(child(star, 0));
            }
        } else {
            // `**kwargs`, possibly annotated.
            param_name = id(child(node, 0));
            param_flag = id_flag::IS_PARAM | id_flag::IS_DBL_STAR_PARAM;
            self.scope_mut().scope_flags |= scope_flag::VARKEYWORDS;
        }
        if let Some(name) = param_name {
            let i = self.scope_mut().find_or_add(name, IdKind::Undecided);
            if self.scope().ids[i].kind != IdKind::Undecided {
                self.syntax_error(node, "argument name reused");
                return;
            }
            let mut flags = param_flag;
            if is_func && self.scope().emit == EmitKind::Viper && is_kind(node, name_rule) {
                let vt = self.viper_type_annotation(child(node, 1));
                flags |= vt << id_flag::VIPER_TYPE_POS;
            }
            let id = &mut self.scope_mut().ids[i];
            id.kind = IdKind::Local;
            id.flags = flags;
        }
    }

    fn count_param(&mut self) {
        if self.have_star {
            self.scope_mut().num_kwonly_args += 1;
        } else {
            self.scope_mut().num_pos_args += 1;
        }
    }

    // ----- numbering -----

    pub(super) fn compute_scope_things(&mut self, index: usize) {
        let s = &mut self.scopes[index];
        // The *args parameter goes after all other parameters (except **kwargs).
        if s.scope_flags & scope_flag::VARARGS != 0 {
            let mut last_param: Option<usize> = None;
            for i in (0..s.ids.len()).rev() {
                if s.ids[i].flags & id_flag::IS_STAR_PARAM != 0 {
                    if let Some(p) = last_param {
                        s.ids.swap(i, p);
                    }
                    break;
                } else if last_param.is_none() && s.ids[i].flags == id_flag::IS_PARAM {
                    last_param = Some(i);
                }
            }
        }

        s.num_locals = 0;
        let class_qstr = self.names.dunder_class;
        for id in s.ids.iter_mut() {
            if s.kind == ScopeKind::Class && id.qstr == class_qstr {
                continue;
            }
            if s.kind.is_func_like() && id.kind == IdKind::GlobalImplicit {
                id.kind = IdKind::GlobalExplicit;
            }
            if id.kind == IdKind::GlobalExplicit {
                let is_cast = s.emit == EmitKind::Viper
                    && native::vtype::from_name(self.pool.get(id.qstr))
                        .is_some_and(|t| t >= native::vtype::INT);
                if !is_cast {
                    s.scope_flags |= native::native_flag::REFGLOBALS;
                }
            }
            if id.kind == IdKind::Local || id.flags & id_flag::IS_PARAM != 0 {
                id.local_num = s.num_locals as u16;
                s.num_locals += 1;
            }
        }
        for id in s.ids.iter_mut() {
            if id.kind == IdKind::Cell && id.flags & id_flag::IS_PARAM == 0 {
                id.local_num = s.num_locals as u16;
                s.num_locals += 1;
            }
        }

        let Some(parent) = self.scopes[index].parent else {
            return;
        };
        let parent_vars: Vec<Qstr> = self.scopes[parent]
            .ids
            .iter()
            .filter(|id| matches!(id.kind, IdKind::Cell | IdKind::Free))
            .map(|id| id.qstr)
            .collect();
        let s = &mut self.scopes[index];
        let mut num_free = 0u16;
        for qstr in parent_vars {
            for id in s.ids.iter_mut() {
                if id.kind == IdKind::Free && id.qstr == qstr {
                    id.local_num = num_free;
                    num_free = num_free.wrapping_add(1);
                }
            }
        }
        if num_free > 0 {
            for id in s.ids.iter_mut() {
                if id.kind != IdKind::Free || id.flags & id_flag::IS_PARAM != 0 {
                    id.local_num = id.local_num.wrapping_add(num_free);
                }
            }
            s.num_pos_args += num_free as usize;
            s.num_locals += num_free as usize;
        }
    }

    // ----- prelude -----

    pub(super) fn prelude(&self, index: usize) -> PreludeInfo<Qstr> {
        let s = &self.scopes[index];
        let n_args = s.num_pos_args + s.num_kwonly_args;
        let arg_names = (0..n_args)
            .map(|i| {
                s.ids
                    .iter()
                    .find(|id| id.flags & id_flag::IS_PARAM != 0 && id.local_num as usize == i)
                    .map_or(self.names.star, |id| id.qstr)
            })
            .collect();
        let cells = s
            .ids
            .iter()
            .filter(|id| id.kind == IdKind::Cell)
            .map(|id| id.local_num as u8)
            .collect();
        PreludeInfo {
            n_state: s.num_locals + s.stack_size,
            n_exc_stack: s.exc_stack_size,
            scope_flags: s.scope_flags,
            num_pos_args: s.num_pos_args,
            num_kwonly_args: s.num_kwonly_args,
            num_def_pos_args: s.num_def_pos_args,
            simple_name: s.simple_name,
            arg_names,
            cells,
        }
    }
}
