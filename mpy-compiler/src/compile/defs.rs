//! Function, lambda and class definitions, decorators and closures (from `py/compile.c`).

use super::tree::*;
use super::Compiler;
use crate::emit::Build;
use crate::parse_tree::{Node, Qstr, Rule};
use crate::scope::EmitKind;
use crate::scope::{scope_flag, IdKind, ScopeKind};

impl<'t, 'p> Compiler<'t, 'p> {
    // ----- functions and classes -----

    /// Loads closed-over variables and makes the function or closure for `child_scope`.
    pub(super) fn close_over_variables_etc(
        &mut self,
        child_scope: usize,
        n_pos_defaults: usize,
        n_kw_defaults: usize,
    ) {
        if n_kw_defaults > 0 {
            self.scopes[child_scope].scope_flags |= scope_flag::DEFKWARGS;
        }
        self.scopes[child_scope].num_def_pos_args = n_pos_defaults;
        // A new function keeps a reference to the current globals and comes from the
        // constant table.
        self.scope_mut().scope_flags |= crate::emit::native::native_flag::REFGLOBALS
            | crate::emit::native::native_flag::HASCONSTS;

        let mut nfree = 0;
        if self.scope().kind != ScopeKind::Module {
            let outer: Vec<_> = self
                .scope()
                .ids
                .iter()
                .filter(|id| matches!(id.kind, IdKind::Cell | IdKind::Free))
                .copied()
                .collect();
            for id in outer {
                let count = self.scopes[child_scope]
                    .ids
                    .iter()
                    .filter(|id2| id2.kind == IdKind::Free && id2.qstr == id.qstr)
                    .count();
                for _ in 0..count {
                    self.load_fast(id.qstr, id.local_num as usize);
                    nfree += 1;
                }
            }
        }
        let has_defaults = n_pos_defaults != 0 || n_kw_defaults != 0;
        if nfree == 0 {
            self.emit.make_function(child_scope, has_defaults);
        } else {
            self.emit.make_closure(child_scope, nfree, has_defaults);
        }
    }

    fn compile_funcdef_lambdef_param(&mut self, node: &'t Node) {
        let rule = kind(node);
        if matches!(rule, Some(Rule::TypedargslistStar | Rule::VarargslistStar)) {
            self.have_star = true;
            return;
        }
        if matches!(
            rule,
            Some(Rule::TypedargslistDblStar | Rule::VarargslistDblStar)
        ) {
            return;
        }
        let (pn_id, pn_equal) = match rule {
            None => (node, &Node::Null),
            Some(Rule::TypedargslistName) => (child(node, 0), child(node, 2)),
            _ => (child(node, 0), child(node, 1)),
        };
        if is_null(pn_equal) {
            if !self.have_star && self.num_default_params != 0 {
                self.syntax_error(node, "non-default argument follows default argument");
            }
            return;
        }
        if self.have_star {
            self.num_dict_params += 1;
            if self.num_dict_params == 1 {
                if self.num_default_params > 0 {
                    self.emit.build(self.num_default_params, Build::Tuple);
                } else {
                    self.emit.load_null();
                }
                self.emit.build(0, Build::Map);
            }
            self.compile_node(pn_equal);
            if let Some(name) = id(pn_id) {
                self.emit_load_const_str(name);
            }
            self.emit.store_map();
        } else {
            self.num_default_params += 1;
            self.compile_node(pn_equal);
        }
    }

    pub(super) fn compile_funcdef_lambdef(
        &mut self,
        child_scope: usize,
        params: &'t Node,
        list_rule: Rule,
    ) {
        let saved = (
            self.have_star,
            self.num_dict_params,
            self.num_default_params,
        );
        self.have_star = false;
        self.num_dict_params = 0;
        self.num_default_params = 0;
        for param in extract_list(params, list_rule) {
            self.compile_funcdef_lambdef_param(param);
        }
        if self.error.is_some() {
            return;
        }
        if self.num_default_params > 0 && self.num_dict_params == 0 {
            self.emit.build(self.num_default_params, Build::Tuple);
            self.emit.load_null();
        }
        self.close_over_variables_etc(child_scope, self.num_default_params, self.num_dict_params);
        (
            self.have_star,
            self.num_dict_params,
            self.num_default_params,
        ) = saved;
    }

    /// Leaves the function object on the stack and returns its name.
    fn compile_funcdef_helper(&mut self, node: &'t Node) -> Option<Qstr> {
        if self.pass == crate::emit::Pass::Scope {
            let name = id(child(node, 0)).unwrap_or(self.names.empty);
            self.new_scope(ScopeKind::Function, node, name);
        }
        let fscope = self.scope_for(node)?;
        self.compile_funcdef_lambdef(fscope, child(node, 1), Rule::Typedargslist);
        Some(self.scopes[fscope].simple_name)
    }

    fn compile_classdef_helper(&mut self, node: &'t Node) -> Option<Qstr> {
        if self.pass == crate::emit::Pass::Scope {
            let name = id(child(node, 0)).unwrap_or(self.names.empty);
            self.new_scope(ScopeKind::Class, node, name);
        }
        self.emit.load_build_class();
        let cscope = self.scope_for(node)?;
        self.close_over_variables_etc(cscope, 0, 0);
        let name = self.scopes[cscope].simple_name;
        self.emit_load_const_str(name);
        let mut parents = child(node, 1);
        if is_kind(parents, Rule::Classdef2) {
            parents = &Node::Null;
        }
        self.compile_trailer_paren_helper(parents, false, 2);
        Some(name)
    }

    pub(super) fn compile_funcdef(&mut self, node: &'t Node) {
        if let Some(name) = self.compile_funcdef_helper(node) {
            self.store_id(name);
        }
    }

    pub(super) fn compile_classdef(&mut self, node: &'t Node) {
        if let Some(name) = self.compile_classdef_helper(node) {
            self.store_id(name);
        }
    }

    /// Handles `@micropython.xxx`: `None` if the decorator is not one of those, else how the
    /// decorated function is to be compiled.
    fn compile_built_in_decorator(&mut self, name_nodes: &'t [Node]) -> Option<EmitKind> {
        if name_nodes.first().and_then(id) != Some(self.names.micropython) {
            return None;
        }
        let current = self.scope().emit;
        if name_nodes.len() != 2 {
            self.syntax_error(&name_nodes[0], "invalid micropython decorator");
            return Some(current);
        }
        let attr = id(&name_nodes[1]);
        if attr == Some(self.names.bytecode) {
            return Some(EmitKind::Bytecode);
        }
        let Some(kind) =
            attr.and_then(|a| self.names.native_decorators.iter().position(|&d| d == a))
        else {
            self.syntax_error(&name_nodes[1], "invalid micropython decorator");
            return Some(current);
        };
        let is_asm = kind >= 2;
        let supported = self.options.native_arch.is_some_and(|arch| {
            if is_asm {
                arch.inline_asm
            } else {
                arch.native_emitter
            }
        });
        if !supported {
            // As mpy-cross without -march, or for a target without that emitter.
            self.syntax_error(&name_nodes[1], "invalid arch");
            return Some(current);
        }
        Some(match kind {
            0 => EmitKind::Native,
            1 => EmitKind::Viper,
            _ => {
                let march = self.options.native_arch.map_or("", |a| a.name);
                if !super::asm_scope::has_inline_assembler(march) {
                    self.inline_asm_unavailable(&name_nodes[1]);
                }
                EmitKind::Asm
            }
        })
    }

    /// Hook for the inline assemblers (`@micropython.asm_thumb`, `asm_xtensa`, `asm_rv32`):
    /// until they exist such a function is refused.
    fn inline_asm_unavailable(&mut self, decorator: &Node) {
        if self.error.is_none() {
            self.error = Some((
                "NotImplementedError",
                "inline assembler is not supported by this compiler; compile this file with mpy-cross"
                    .into(),
            ));
            self.set_error_line(decorator);
        }
    }

    pub(super) fn compile_decorated(&mut self, node: &'t Node) {
        let decorators = extract_list(child(node, 0), Rule::Decorators);
        let mut num_built_in = 0;
        let mut emit_kind = self.scope().emit;
        for decorator in decorators {
            let name_nodes = extract_list(child(decorator, 0), Rule::DottedName);
            if let Some(kind) = self.compile_built_in_decorator(name_nodes) {
                emit_kind = kind;
                num_built_in += 1;
            } else {
                if let Some(first) = name_nodes.first() {
                    self.compile_node(first);
                }
                for name in name_nodes.iter().skip(1) {
                    if let Some(attr) = id(name) {
                        self.emit.load_attr(attr);
                    }
                }
                let args = child(decorator, 1);
                if !is_null(args) {
                    self.compile_node(args);
                }
            }
        }

        let body = child(node, 1);
        let scope_node = match kind(body) {
            Some(Rule::AsyncFuncdef) => child(body, 0),
            _ => body,
        };
        self.pending_emit = Some((scope_node as *const Node, emit_kind));
        let body_name = match kind(body) {
            Some(Rule::Funcdef) => self.compile_funcdef_helper(body),
            Some(Rule::AsyncFuncdef) => {
                let funcdef = child(body, 0);
                let name = self.compile_funcdef_helper(funcdef);
                if let Some(fscope) = self.scope_for(funcdef) {
                    self.scopes[fscope].scope_flags |= scope_flag::GENERATOR;
                }
                name
            }
            _ => self.compile_classdef_helper(body),
        };
        for _ in 0..decorators.len() - num_built_in {
            self.emit.call_function(1, 0, 0);
        }
        if let Some(name) = body_name {
            self.store_id(name);
        }
    }
}
