//! Statements, assignments, definitions and control flow (the statement half of
//! `py/compile.c`).

use super::tree::*;
use super::{AssignKind, Compiler, INVALID_LABEL};
use crate::emit::{Block, Build, BREAK_FROM_FOR};
use crate::opcode::BinaryOp;
use crate::parse_tree::{Node, Qstr, Rule, TokenKind};
use crate::scope::{self, scope_flag, IdKind, ScopeKind};

impl<'t, 'p> Compiler<'t, 'p> {
    // ----- conditions -----

    pub(super) fn c_if_cond(&mut self, node: &'t Node, jump_if: bool, label: usize) {
        if self.is_const_false(node) {
            if !jump_if {
                self.emit.jump(label);
            }
            return;
        }
        if self.is_const_true(node) {
            if jump_if {
                self.emit.jump(label);
            }
            return;
        }
        match kind(node) {
            Some(rule @ (Rule::OrTest | Rule::AndTest)) => {
                let children = nodes(node);
                let n = children.len();
                // `or` jumping on false and `and` jumping on true need a local skip label.
                let needs_skip = (rule == Rule::OrTest) != jump_if;
                if needs_skip && n > 0 {
                    let label2 = self.next_label();
                    for c in &children[..n - 1] {
                        self.c_if_cond(c, !jump_if, label2);
                    }
                    self.c_if_cond(&children[n - 1], jump_if, label);
                    self.emit.label_assign(label2);
                } else {
                    for c in children {
                        self.c_if_cond(c, jump_if, label);
                    }
                }
                return;
            }
            Some(Rule::NotTest2) => {
                self.c_if_cond(child(node, 0), !jump_if, label);
                return;
            }
            _ => {}
        }
        self.compile_node(node);
        self.emit.pop_jump_if(jump_if, label);
    }

    // ----- assignment -----

    fn c_assign_atom_expr(&mut self, node: &'t Node, assign: AssignKind) {
        if assign != AssignKind::AugStore {
            self.compile_node(child(node, 0));
        }
        let mut last = child(node, 1);
        if is_struct(last) {
            if is_kind(last, Rule::AtomExprTrailers) {
                let trailers = nodes(last);
                let n = trailers.len();
                if assign != AssignKind::AugStore && n > 0 {
                    for t in &trailers[..n - 1] {
                        self.compile_node(t);
                    }
                }
                last = trailers.last().unwrap_or(last);
            }
            if is_kind(last, Rule::TrailerBracket) {
                if assign == AssignKind::AugStore {
                    self.emit.rot_three();
                    self.emit.store_subscr();
                } else {
                    self.compile_node(child(last, 0));
                    if assign == AssignKind::AugLoad {
                        self.emit.dup_top_two();
                        self.emit.load_subscr();
                    } else {
                        self.emit.store_subscr();
                    }
                }
                return;
            } else if is_kind(last, Rule::TrailerPeriod) {
                let attr = id(child(last, 0));
                if let Some(attr) = attr {
                    if assign == AssignKind::AugLoad {
                        self.emit.dup_top();
                        self.emit.load_attr(attr);
                    } else {
                        if assign == AssignKind::AugStore {
                            self.emit.rot_two();
                        }
                        self.emit.store_attr(attr);
                    }
                }
                return;
            }
        }
        self.syntax_error(node, "can't assign to expression");
    }

    fn c_assign_tuple(&mut self, items: &'t [Node]) {
        let mut star_index = None;
        for (i, item) in items.iter().enumerate() {
            if is_kind(item, Rule::StarExpr) {
                if star_index.is_none() {
                    self.emit.unpack_ex(i, items.len() - i - 1);
                    star_index = Some(i);
                } else {
                    self.syntax_error(item, "multiple *x in assignment");
                    return;
                }
            }
        }
        if star_index.is_none() {
            self.emit.unpack_sequence(items.len());
        }
        for (i, item) in items.iter().enumerate() {
            if Some(i) == star_index {
                self.c_assign(child(item, 0), AssignKind::Store);
            } else {
                self.c_assign(item, AssignKind::Store);
            }
        }
    }

    pub(super) fn c_assign(&mut self, node: &'t Node, assign: AssignKind) {
        if let Some(name) = id(node) {
            match assign {
                AssignKind::Store | AssignKind::AugStore => self.store_id(name),
                AssignKind::AugLoad => self.load_id(name),
            }
            return;
        }
        let cannot = match kind(node) {
            Some(Rule::AtomExprNormal) => {
                self.c_assign_atom_expr(node, assign);
                false
            }
            Some(Rule::TestlistStarExpr | Rule::Exprlist) => {
                if assign != AssignKind::Store {
                    true
                } else {
                    self.c_assign_tuple(nodes(node));
                    false
                }
            }
            Some(Rule::AtomParen) => {
                let inner = child(node, 0);
                if is_null(inner) || assign != AssignKind::Store {
                    true
                } else {
                    self.c_assign_testlist_comp(inner)
                }
            }
            Some(Rule::AtomBracket) => {
                let inner = child(node, 0);
                if assign != AssignKind::Store {
                    true
                } else if is_null(inner) {
                    self.c_assign_tuple(&[]);
                    false
                } else if is_kind(inner, Rule::TestlistComp) {
                    self.c_assign_testlist_comp(inner)
                } else {
                    self.c_assign_tuple(std::slice::from_ref(inner));
                    false
                }
            }
            _ => true,
        };
        if cannot {
            self.syntax_error(node, "can't assign to expression");
        }
    }

    /// Assigns to the items of a `testlist_comp`; true when it is a comprehension instead.
    fn c_assign_testlist_comp(&mut self, node: &'t Node) -> bool {
        if has_comp_for(node) {
            return true;
        }
        self.c_assign_tuple(nodes(node));
        false
    }

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
                self.emit.load_const_str(name);
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
        self.emit.load_const_str(name);
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

    /// Handles `@micropython.xxx`; true if the decorator was one of those.
    fn compile_built_in_decorator(&mut self, name_nodes: &'t [Node]) -> bool {
        if name_nodes.first().and_then(id) != Some(self.names.micropython) {
            return false;
        }
        if name_nodes.len() != 2 {
            self.syntax_error(&name_nodes[0], "invalid micropython decorator");
            return true;
        }
        let attr = id(&name_nodes[1]);
        if attr == Some(self.names.bytecode) {
            // Bytecode is what is emitted anyway.
        } else if attr.is_some_and(|a| self.names.native_decorators.contains(&a)) {
            // No native architecture is selected, as with mpy-cross without -march.
            self.syntax_error(&name_nodes[1], "invalid arch");
        } else {
            self.syntax_error(&name_nodes[1], "invalid micropython decorator");
        }
        true
    }

    pub(super) fn compile_decorated(&mut self, node: &'t Node) {
        let decorators = extract_list(child(node, 0), Rule::Decorators);
        let mut num_built_in = 0;
        for decorator in decorators {
            let name_nodes = extract_list(child(decorator, 0), Rule::DottedName);
            if self.compile_built_in_decorator(name_nodes) {
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

    // ----- simple statements -----

    pub(super) fn compile_expr_stmt(&mut self, node: &'t Node) {
        let lhs = child(node, 0);
        let rhs = child(node, 1);
        if is_null(rhs) {
            let lonely_constant = matches!(
                lhs,
                Node::SmallInt(_) | Node::Str(_) | Node::Token(_) | Node::Const(..)
            );
            if !lonely_constant {
                self.compile_node(lhs);
                self.emit.pop_top();
            }
            return;
        }
        let mut value = rhs;
        match kind(rhs) {
            Some(Rule::Annassign) => {
                if is_null(child(rhs, 1)) {
                    if self.scope().kind == ScopeKind::Function {
                        if let Some(name) = id(lhs) {
                            self.scope_mut().find_or_add(name, IdKind::Local);
                        }
                    }
                    return;
                }
                value = child(rhs, 1);
            }
            Some(Rule::ExprStmtAugassign) => {
                self.c_assign(lhs, AssignKind::AugLoad);
                self.compile_node(child(rhs, 1));
                if let Node::Token(token) = child(rhs, 0) {
                    if let Some(op) = inplace_op(*token) {
                        self.emit.binary_op(op);
                    }
                }
                self.c_assign(lhs, AssignKind::AugStore);
                return;
            }
            Some(Rule::ExprStmtAssignList) => {
                let items = nodes(rhs);
                let n = items.len().saturating_sub(1);
                self.compile_node(child(rhs, n));
                if n > 0 {
                    self.emit.dup_top();
                }
                self.c_assign(lhs, AssignKind::Store);
                for (i, item) in items[..n].iter().enumerate() {
                    if i + 1 < n {
                        self.emit.dup_top();
                    }
                    self.c_assign(item, AssignKind::Store);
                }
                return;
            }
            _ => {}
        }
        // Plain assignment, with the tuple-swap optimisation for `a, b = c, d`.
        if is_kind(value, Rule::TestlistStarExpr) && is_kind(lhs, Rule::TestlistStarExpr) {
            let targets = nodes(lhs);
            let values = nodes(value);
            let n = targets.len();
            if n == values.len()
                && (n == 2 || n == 3)
                && !targets.iter().any(|t| is_kind(t, Rule::StarExpr))
            {
                self.compile_node(&values[0]);
                self.compile_node(&values[1]);
                if n == 3 {
                    self.compile_node(&values[2]);
                    self.emit.rot_three();
                }
                self.emit.rot_two();
                for target in targets {
                    self.c_assign(target, AssignKind::Store);
                }
                return;
            }
        }
        self.compile_node(value);
        self.c_assign(lhs, AssignKind::Store);
    }

    fn c_del_stmt(&mut self, node: &'t Node) {
        if let Some(name) = id(node) {
            self.delete_id(name);
            return;
        }
        if is_kind(node, Rule::AtomExprNormal) {
            self.compile_node(child(node, 0));
            let mut last = child(node, 1);
            if is_struct(last) {
                if is_kind(last, Rule::AtomExprTrailers) {
                    let trailers = nodes(last);
                    let n = trailers.len();
                    if n > 0 {
                        for t in &trailers[..n - 1] {
                            self.compile_node(t);
                        }
                    }
                    last = trailers.last().unwrap_or(last);
                }
                if is_kind(last, Rule::TrailerBracket) {
                    self.compile_node(child(last, 0));
                    self.emit.delete_subscr();
                    return;
                } else if is_kind(last, Rule::TrailerPeriod) {
                    if let Some(attr) = id(child(last, 0)) {
                        self.emit.delete_attr(attr);
                    }
                    return;
                }
            }
        } else if is_kind(node, Rule::AtomParen) {
            let inner = child(node, 0);
            if !is_null(inner) && !has_comp_for(inner) {
                for item in nodes(inner) {
                    self.c_del_stmt(item);
                }
                return;
            }
            // The reference compiler reports the inner node here (it reuses its variable).
            self.syntax_error(inner, "can't delete expression");
            return;
        }
        self.syntax_error(node, "can't delete expression");
    }

    pub(super) fn compile_del_stmt(&mut self, node: &'t Node) {
        for item in extract_list(child(node, 0), Rule::Exprlist) {
            self.c_del_stmt(item);
        }
    }

    pub(super) fn compile_break_cont_stmt(&mut self, node: &'t Node, rule: Rule) {
        let label = if rule == Rule::BreakStmt {
            self.break_label
        } else {
            self.continue_label
        };
        if label == INVALID_LABEL {
            self.syntax_error(node, "'break'/'continue' outside loop");
        }
        let depth = self
            .cur_except_level
            .saturating_sub(self.break_continue_except_level);
        self.emit.unwind_jump(label, depth);
    }

    pub(super) fn compile_return_stmt(&mut self, node: &'t Node) {
        if self.scope().kind != ScopeKind::Function {
            self.syntax_error(node, "'return' outside function");
            return;
        }
        let value = child(node, 0);
        if is_null(value) {
            self.emit.load_const_none();
        } else if is_kind(value, Rule::TestIfExpr) {
            let if_else = child(value, 1);
            let l_fail = self.next_label();
            self.c_if_cond(child(if_else, 0), false, l_fail);
            self.compile_node(child(value, 0));
            self.emit.return_value();
            self.emit.label_assign(l_fail);
            self.compile_node(child(if_else, 1));
        } else {
            self.compile_node(value);
        }
        self.emit.return_value();
    }

    pub(super) fn compile_raise_stmt(&mut self, node: &'t Node) {
        let arg = child(node, 0);
        if is_null(arg) {
            self.emit.raise_varargs(0);
        } else if is_kind(arg, Rule::RaiseStmtArg) {
            self.compile_node(child(arg, 0));
            self.compile_node(child(arg, 1));
            self.emit.raise_varargs(2);
        } else {
            self.compile_node(arg);
            self.emit.raise_varargs(1);
        }
    }

    // ----- imports -----

    /// Emits `IMPORT_NAME` for a (dotted) module name; returns the name to bind.
    fn do_import_name(&mut self, node: &'t Node) -> Qstr {
        let mut node = node;
        let mut alias = None;
        if is_kind(node, Rule::DottedAsName) {
            alias = id(child(node, 1));
            node = child(node, 0);
        }
        if is_null(node) {
            let empty = self.names.empty;
            self.emit.import_name(empty);
            return alias.unwrap_or(empty);
        }
        if let Some(name) = id(node) {
            self.emit.import_name(name);
            return alias.unwrap_or(name);
        }
        let parts: Vec<Qstr> = nodes(node).iter().filter_map(id).collect();
        let Some(&base) = parts.first() else {
            return self.names.empty;
        };
        let full: Vec<&[u8]> = parts.iter().map(|q| self.pool.get(*q)).collect();
        let full = full.join(&b'.');
        let full = self.pool.intern(&full);
        self.emit.import_name(full);
        if alias.is_some() {
            for &part in &parts[1..] {
                self.emit.load_attr(part);
            }
        }
        alias.unwrap_or(base)
    }

    pub(super) fn compile_import_name(&mut self, node: &'t Node) {
        for item in extract_list(child(node, 0), Rule::DottedAsNames) {
            self.emit.load_const_small_int(0);
            self.emit.load_const_none();
            let name = self.do_import_name(item);
            self.store_id(name);
        }
    }

    pub(super) fn compile_import_from(&mut self, node: &'t Node) {
        let mut source = child(node, 0);
        let mut level = 0;
        let mut relative = None;
        if matches!(source, Node::Token(_)) || is_kind(source, Rule::OneOrMorePeriodOrEllipsis) {
            relative = Some(source);
            source = &Node::Null;
        } else if is_kind(source, Rule::ImportFrom2b) {
            relative = Some(child(source, 0));
            source = child(source, 1);
        }
        if let Some(dots) = relative {
            for dot in extract_list(dots, Rule::OneOrMorePeriodOrEllipsis) {
                level += if is_token(dot, TokenKind::DelPeriod) {
                    1
                } else {
                    3
                };
            }
        }

        let what = child(node, 1);
        if is_token(what, TokenKind::OpStar) {
            if self.scope().kind != ScopeKind::Module {
                self.syntax_error(node, "import * not at module level");
                return;
            }
            self.emit.load_const_small_int(level);
            let star = self.names.star;
            self.emit.load_const_str(star);
            self.emit.build(1, Build::Tuple);
            self.do_import_name(source);
            self.emit.import_star();
        } else {
            self.emit.load_const_small_int(level);
            let items = extract_list(what, Rule::ImportAsNames);
            for item in items {
                if let Some(name) = id(child(item, 0)) {
                    self.emit.load_const_str(name);
                }
            }
            self.emit.build(items.len(), Build::Tuple);
            self.do_import_name(source);
            for item in items {
                let Some(name) = id(child(item, 0)) else {
                    continue;
                };
                self.emit.import_from(name);
                let target = id(child(item, 1)).unwrap_or(name);
                self.store_id(target);
            }
            self.emit.pop_top();
        }
    }

    // ----- global / nonlocal -----

    fn declare_global(&mut self, node: &'t Node, id_index: usize) {
        let info = self.scope().ids[id_index];
        if info.kind != IdKind::Undecided && info.kind != IdKind::GlobalExplicit {
            self.syntax_error(node, "identifier redefined as global");
            return;
        }
        self.scope_mut().ids[id_index].kind = IdKind::GlobalExplicit;
        if let Some((s, i)) = scope::find_global(&self.scopes, self.cur, info.qstr) {
            self.scopes[s].ids[i].kind = IdKind::GlobalExplicit;
        }
    }

    fn declare_nonlocal(&mut self, node: &'t Node, id_index: usize) {
        let kind = self.scope().ids[id_index].kind;
        if kind == IdKind::Undecided {
            self.scope_mut().ids[id_index].kind = IdKind::GlobalImplicit;
            scope::check_to_close_over(&mut self.scopes, self.cur, id_index);
            if self.scope().ids[id_index].kind == IdKind::GlobalImplicit {
                self.syntax_error(node, "no binding for nonlocal found");
            }
        } else if kind != IdKind::Free {
            self.syntax_error(node, "identifier redefined as nonlocal");
        }
    }

    pub(super) fn declare_global_or_nonlocal(
        &mut self,
        node: &'t Node,
        id_index: usize,
        is_global: bool,
    ) {
        if is_global {
            self.declare_global(node, id_index);
        } else {
            self.declare_nonlocal(node, id_index);
        }
    }

    pub(super) fn compile_global_nonlocal_stmt(&mut self, node: &'t Node, rule: Rule) {
        if self.pass != crate::emit::Pass::Scope {
            return;
        }
        let is_global = rule == Rule::GlobalStmt;
        if !is_global && self.scope().kind == ScopeKind::Module {
            self.syntax_error(node, "can't declare nonlocal in outer code");
            return;
        }
        for name in extract_list(child(node, 0), Rule::NameList) {
            let Some(qstr) = id(name) else {
                continue;
            };
            let i = self.scope_mut().find_or_add(qstr, IdKind::Undecided);
            self.declare_global_or_nonlocal(node, i, is_global);
        }
    }

    pub(super) fn compile_assert_stmt(&mut self, node: &'t Node) {
        if self.options.optimize != 0 {
            return;
        }
        let l_end = self.next_label();
        self.c_if_cond(child(node, 0), true, l_end);
        let assertion_error = self.names.assertion_error;
        self.load_global(assertion_error);
        let message = child(node, 1);
        if !is_null(message) {
            self.compile_node(message);
            self.emit.call_function(1, 0, 0);
        }
        self.emit.raise_varargs(1);
        self.emit.label_assign(l_end);
    }

    // ----- compound statements -----

    pub(super) fn compile_if_stmt(&mut self, node: &'t Node) {
        let l_end = self.next_label();
        let cond = child(node, 0);
        let mut done = false;
        if !self.is_const_false(cond) {
            let l_fail = self.next_label();
            self.c_if_cond(cond, false, l_fail);
            self.compile_node(child(node, 1));
            if self.is_const_true(cond) {
                done = true;
            } else {
                if !(is_null(child(node, 2)) && is_null(child(node, 3))) {
                    self.emit.jump(l_end);
                }
                self.emit.label_assign(l_fail);
            }
        }
        if !done {
            for elif in extract_list(child(node, 2), Rule::IfStmtElifList) {
                let cond = child(elif, 0);
                if self.is_const_false(cond) {
                    continue;
                }
                let l_fail = self.next_label();
                self.c_if_cond(cond, false, l_fail);
                self.compile_node(child(elif, 1));
                if self.is_const_true(cond) {
                    done = true;
                    break;
                }
                self.emit.jump(l_end);
                self.emit.label_assign(l_fail);
            }
        }
        if !done {
            self.compile_node(child(node, 3));
        }
        self.emit.label_assign(l_end);
    }

    /// Starts a loop: returns (break, continue, saved state).
    fn start_break_continue_block(&mut self) -> (usize, usize, (usize, usize, usize)) {
        let saved = (
            self.break_label,
            self.continue_label,
            self.break_continue_except_level,
        );
        let break_label = self.next_label();
        let continue_label = self.next_label();
        self.break_label = break_label;
        self.continue_label = continue_label;
        self.break_continue_except_level = self.cur_except_level;
        (break_label, continue_label, saved)
    }

    fn end_break_continue_block(&mut self, saved: (usize, usize, usize)) {
        (
            self.break_label,
            self.continue_label,
            self.break_continue_except_level,
        ) = saved;
    }

    pub(super) fn compile_while_stmt(&mut self, node: &'t Node) {
        let (break_label, continue_label, saved) = self.start_break_continue_block();
        let cond = child(node, 0);
        if !self.is_const_false(cond) {
            let top_label = self.next_label();
            if !self.is_const_true(cond) {
                self.emit.jump(continue_label);
            }
            self.emit.label_assign(top_label);
            self.compile_node(child(node, 1));
            self.emit.label_assign(continue_label);
            self.c_if_cond(cond, true, top_label);
        }
        self.end_break_continue_block(saved);
        self.compile_node(child(node, 2));
        self.emit.label_assign(break_label);
    }

    #[allow(clippy::too_many_arguments)]
    fn compile_for_stmt_optimised_range(
        &mut self,
        var: &'t Node,
        start: &'t Node,
        end: &'t Node,
        step: &'t Node,
        body: &'t Node,
        else_: &'t Node,
    ) {
        let (break_label, continue_label, saved) = self.start_break_continue_block();
        let top_label = self.next_label();
        let entry_label = self.next_label();
        let end_on_stack = small_int(end).is_none();
        if end_on_stack {
            self.compile_node(end);
        }
        self.compile_node(start);
        self.emit.jump(entry_label);
        self.emit.label_assign(top_label);
        self.emit.dup_top();
        self.c_assign(var, AssignKind::Store);
        self.compile_node(body);
        self.emit.label_assign(continue_label);
        self.compile_node(step);
        self.emit.binary_op(BinaryOp::InplaceAdd);
        self.emit.label_assign(entry_label);
        if end_on_stack {
            self.emit.dup_top_two();
            self.emit.rot_two();
        } else {
            self.emit.dup_top();
            self.compile_node(end);
        }
        if small_int(step).unwrap_or(0) >= 0 {
            self.emit.binary_op(BinaryOp::Less);
        } else {
            self.emit.binary_op(BinaryOp::More);
        }
        self.emit.pop_jump_if(true, top_label);
        self.end_break_continue_block(saved);

        let mut end_label = 0;
        if !is_null(else_) {
            self.emit.pop_top();
            if end_on_stack {
                self.emit.pop_top();
            }
            self.compile_node(else_);
            end_label = self.next_label();
            self.emit.jump(end_label);
            self.emit.adjust_stack_size(1 + i64::from(end_on_stack));
        }
        self.emit.label_assign(break_label);
        self.emit.pop_top();
        if end_on_stack {
            self.emit.pop_top();
        }
        if !is_null(else_) {
            self.emit.label_assign(end_label);
        }
    }

    pub(super) fn compile_for_stmt(&mut self, node: &'t Node) {
        let var = child(node, 0);
        let iter = child(node, 1);
        if id(var).is_some() && is_kind(iter, Rule::AtomExprNormal) {
            let callee = child(iter, 0);
            let trailer = child(iter, 1);
            if id(callee) == Some(self.names.range) && is_kind(trailer, Rule::TrailerParen) {
                let args = extract_list(child(trailer, 0), Rule::Arglist);
                static ZERO: Node = Node::SmallInt(0);
                static ONE: Node = Node::SmallInt(1);
                let picked = match args.len() {
                    1 => Some((&ZERO, &args[0], &ONE)),
                    2 => Some((&args[0], &args[1], &ONE)),
                    3 => {
                        let step = &args[2];
                        match small_int(step) {
                            Some(v) if v != 0 => Some((&args[0], &args[1], step)),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let is_plain = |n: &Node| {
                    !matches!(
                        kind(n),
                        Some(Rule::ArglistStar | Rule::ArglistDblStar | Rule::Argument)
                    )
                };
                if let Some((start, end, step)) = picked {
                    if is_plain(start) && is_plain(end) {
                        self.compile_for_stmt_optimised_range(
                            var,
                            start,
                            end,
                            step,
                            child(node, 2),
                            child(node, 3),
                        );
                        return;
                    }
                }
            }
        }

        let (break_label, continue_label, saved) = self.start_break_continue_block();
        self.break_label |= BREAK_FROM_FOR;
        let pop_label = self.next_label();
        self.compile_node(iter);
        self.emit.get_iter(true);
        self.emit.label_assign(continue_label);
        self.emit.for_iter(pop_label);
        self.c_assign(var, AssignKind::Store);
        self.compile_node(child(node, 2));
        self.emit.jump(continue_label);
        self.emit.label_assign(pop_label);
        self.emit.for_iter_end();
        self.end_break_continue_block(saved);
        self.compile_node(child(node, 3));
        self.emit.label_assign(break_label);
    }

    fn compile_try_except(&mut self, body: &'t Node, excepts: &'t [Node], else_: &'t Node) {
        let l1 = self.next_label();
        let success_label = self.next_label();
        self.increase_except_level(l1, Block::Except);
        self.compile_node(body);
        self.emit.pop_except_jump(success_label);
        self.emit.label_assign(l1);
        self.emit.start_except_handler();
        let l2 = self.next_label();

        for (i, except) in excepts.iter().enumerate() {
            let mut exception_local = None;
            let end_finally_label = self.next_label();
            let matcher = child(except, 0);
            if is_null(matcher) {
                if i + 1 != excepts.len() {
                    self.syntax_error(except, "default 'except' must be last");
                    self.decrease_except_level();
                    return;
                }
            } else {
                let mut expr = matcher;
                if is_kind(matcher, Rule::TryStmtAsName) {
                    expr = child(matcher, 0);
                    exception_local = id(child(matcher, 1));
                }
                self.emit.dup_top();
                self.compile_node(expr);
                self.emit.binary_op(BinaryOp::ExceptionMatch);
                self.emit.pop_jump_if(false, end_finally_label);
            }
            match exception_local {
                None => self.emit.pop_top(),
                Some(name) => self.store_id(name),
            }
            let mut l3 = 0;
            if exception_local.is_some() {
                l3 = self.next_label();
                self.increase_except_level(l3, Block::Finally);
            }
            self.compile_node(child(except, 1));
            if let Some(name) = exception_local {
                self.emit.load_const_none();
                self.emit.label_assign(l3);
                self.emit.adjust_stack_size(1);
                self.emit.load_const_none();
                self.store_id(name);
                self.delete_id(name);
                self.emit.adjust_stack_size(-1);
                self.decrease_except_level();
            }
            self.emit.pop_except_jump(l2);
            self.emit.label_assign(end_finally_label);
            self.emit.adjust_stack_size(1);
        }

        self.decrease_except_level();
        self.emit.end_except_handler();
        self.emit.label_assign(success_label);
        self.compile_node(else_);
        self.emit.label_assign(l2);
    }

    fn compile_try_finally(
        &mut self,
        body: &'t Node,
        excepts: &'t [Node],
        else_: &'t Node,
        finally: &'t Node,
    ) {
        let l_finally_block = self.next_label();
        self.increase_except_level(l_finally_block, Block::Finally);
        if excepts.is_empty() {
            self.emit.adjust_stack_size(3);
            self.compile_node(body);
            self.emit.adjust_stack_size(-3);
        } else {
            self.compile_try_except(body, excepts, else_);
        }
        self.emit.load_const_none();
        self.emit.label_assign(l_finally_block);
        self.emit.adjust_stack_size(1);
        self.compile_node(finally);
        self.emit.adjust_stack_size(-1);
        self.decrease_except_level();
    }

    pub(super) fn compile_try_stmt(&mut self, node: &'t Node) {
        let body = child(node, 0);
        let rest = child(node, 1);
        match kind(rest) {
            Some(Rule::TryStmtFinally) => {
                self.compile_try_finally(body, &[], &Node::Null, child(rest, 0));
            }
            Some(Rule::TryStmtExceptAndMore) => {
                let excepts = extract_list(child(rest, 0), Rule::TryStmtExceptList);
                let finally = child(rest, 2);
                if is_null(finally) {
                    self.compile_try_except(body, excepts, child(rest, 1));
                } else {
                    self.compile_try_finally(body, excepts, child(rest, 1), child(finally, 0));
                }
            }
            _ => {
                let excepts = extract_list(rest, Rule::TryStmtExceptList);
                self.compile_try_except(body, excepts, &Node::Null);
            }
        }
    }

    fn compile_with_stmt_helper(&mut self, items: &'t [Node], body: &'t Node) {
        let Some((first, rest)) = items.split_first() else {
            self.compile_node(body);
            return;
        };
        let l_end = self.next_label();
        if is_kind(first, Rule::WithItem) {
            self.compile_node(child(first, 0));
            self.increase_except_level(l_end, Block::With);
            self.c_assign(child(first, 1), AssignKind::Store);
        } else {
            self.compile_node(first);
            self.increase_except_level(l_end, Block::With);
            self.emit.pop_top();
        }
        self.compile_with_stmt_helper(rest, body);
        self.emit.with_cleanup(l_end);
        self.decrease_except_level();
    }

    pub(super) fn compile_with_stmt(&mut self, node: &'t Node) {
        let items = extract_list(child(node, 0), Rule::WithStmtList);
        self.compile_with_stmt_helper(items, child(node, 1));
    }

    // ----- async -----

    pub(super) fn compile_yield_from(&mut self) {
        self.emit.get_iter(false);
        self.emit.load_const_none();
        self.emit.yield_op(true);
        self.scope_mut().scope_flags |= scope_flag::GENERATOR;
    }

    fn compile_await_object_method(&mut self, method: Qstr) {
        self.emit.load_method(method, false);
        self.emit.call_method(0, 0, 0);
        self.compile_yield_from();
    }

    fn compile_async_for_stmt(&mut self, node: &'t Node) {
        let while_else_label = self.next_label();
        let try_exception_label = self.next_label();
        let try_else_label = self.next_label();
        let try_finally_label = self.next_label();

        self.compile_node(child(node, 1));
        let aiter = self.names.aiter;
        self.emit.load_method(aiter, false);
        self.emit.call_method(0, 0, 0);

        let (break_label, continue_label, saved) = self.start_break_continue_block();
        self.emit.label_assign(continue_label);
        self.increase_except_level(try_exception_label, Block::Except);
        self.emit.dup_top();
        let anext = self.names.anext;
        self.compile_await_object_method(anext);
        self.c_assign(child(node, 0), AssignKind::Store);
        self.emit.pop_except_jump(try_else_label);

        self.emit.label_assign(try_exception_label);
        self.emit.start_except_handler();
        self.emit.dup_top();
        let stop = self.names.stop_async_iteration;
        self.load_global(stop);
        self.emit.binary_op(BinaryOp::ExceptionMatch);
        self.emit.pop_jump_if(false, try_finally_label);
        self.emit.pop_top();
        self.emit.pop_except_jump(while_else_label);

        self.emit.label_assign(try_finally_label);
        self.emit.adjust_stack_size(1);
        self.decrease_except_level();
        self.emit.end_except_handler();

        self.emit.label_assign(try_else_label);
        self.compile_node(child(node, 2));
        self.emit.jump(continue_label);
        self.end_break_continue_block(saved);

        self.emit.label_assign(while_else_label);
        self.compile_node(child(node, 3));
        self.emit.label_assign(break_label);
        self.emit.pop_top();
    }

    fn compile_async_with_stmt_helper(&mut self, items: &'t [Node], body: &'t Node) {
        let Some((first, rest)) = items.split_first() else {
            self.compile_node(body);
            return;
        };
        let l_finally_block = self.next_label();
        let l_aexit_no_exc = self.next_label();
        let l_ret_unwind_jump = self.next_label();
        let l_end = self.next_label();
        let aenter = self.names.aenter;
        let aexit = self.names.aexit;

        if is_kind(first, Rule::WithItem) {
            self.compile_node(child(first, 0));
            self.emit.dup_top();
            self.compile_await_object_method(aenter);
            self.c_assign(child(first, 1), AssignKind::Store);
        } else {
            self.compile_node(first);
            self.emit.dup_top();
            self.compile_await_object_method(aenter);
            self.emit.pop_top();
        }

        self.increase_except_level(l_finally_block, Block::Finally);
        self.emit.adjust_stack_size(3);
        self.compile_async_with_stmt_helper(rest, body);
        self.emit.adjust_stack_size(-3);

        let base_exception = self.names.base_exception;
        self.emit.async_with_setup_finally(
            l_aexit_no_exc,
            l_finally_block,
            l_ret_unwind_jump,
            base_exception,
        );

        self.emit.dup_top();
        self.emit.rot_three();
        self.emit.rot_two();
        self.emit.load_method(aexit, false);
        self.emit.rot_three();
        self.emit.rot_three();
        self.emit.dup_top();
        let class = self.names.dunder_class;
        self.emit.load_attr(class);
        self.emit.rot_two();
        self.emit.load_const_none();
        self.emit.call_method(3, 0, 0);
        self.compile_yield_from();
        self.emit.pop_jump_if(false, l_end);
        self.emit.pop_top();
        self.emit.load_const_none();
        self.emit.jump(l_end);
        self.emit.adjust_stack_size(2);

        self.emit.label_assign(l_ret_unwind_jump);
        self.emit.rot_three();
        self.emit.rot_three();
        self.emit.label_assign(l_aexit_no_exc);
        self.emit.load_method(aexit, false);
        self.emit.load_const_none();
        self.emit.dup_top();
        self.emit.dup_top();
        self.emit.call_method(3, 0, 0);
        self.compile_yield_from();
        self.emit.pop_top();
        self.emit.adjust_stack_size(-1);

        self.emit.label_assign(l_end);
        self.decrease_except_level();
    }

    pub(super) fn compile_async_stmt(&mut self, node: &'t Node) {
        let inner = child(node, 0);
        if is_kind(inner, Rule::Funcdef) {
            self.compile_funcdef(inner);
            if let Some(fscope) = self.scope_for(inner) {
                self.scopes[fscope].scope_flags |= scope_flag::GENERATOR;
            }
            return;
        }
        if self.scope().scope_flags & scope_flag::GENERATOR == 0 {
            self.syntax_error(inner, "async for/with outside async function");
            return;
        }
        if is_kind(inner, Rule::ForStmt) {
            self.compile_async_for_stmt(inner);
        } else {
            let items = extract_list(child(inner, 0), Rule::WithStmtList);
            self.compile_async_with_stmt_helper(items, child(inner, 1));
        }
    }
}

/// True if a `testlist_comp` node is a comprehension (`x for ...`).
pub(super) fn has_comp_for(node: &Node) -> bool {
    nodes(node).len() == 2 && is_kind(child(node, 1), Rule::CompFor)
}

fn inplace_op(token: TokenKind) -> Option<BinaryOp> {
    use TokenKind::*;
    let index = match token {
        DelPipeEqual => 0,
        DelCaretEqual => 1,
        DelAmpersandEqual => 2,
        DelDblLessEqual => 3,
        DelDblMoreEqual => 4,
        DelPlusEqual => 5,
        DelMinusEqual => 6,
        DelStarEqual => 7,
        DelAtEqual => 8,
        DelDblSlashEqual => 9,
        DelSlashEqual => 10,
        DelPercentEqual => 11,
        DelDblStarEqual => 12,
        _ => return None,
    };
    Some(BinaryOp::INPLACE[index])
}
