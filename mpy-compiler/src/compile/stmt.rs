//! Simple statements: conditions, assignment, del, return, raise, imports, global and
//! nonlocal, assert (from `py/compile.c`).

use super::tree::*;
use super::{AssignKind, Compiler, INVALID_LABEL};
use crate::emit::Build;
use crate::opcode::BinaryOp;
use crate::parse_tree::{Node, Qstr, Rule, TokenKind};
use crate::scope::{self, IdKind, ScopeKind};

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
            self.emit_load_const_str(star);
            self.emit.build(1, Build::Tuple);
            self.do_import_name(source);
            self.emit.import_star();
        } else {
            self.emit.load_const_small_int(level);
            let items = extract_list(what, Rule::ImportAsNames);
            for item in items {
                if let Some(name) = id(child(item, 0)) {
                    self.emit_load_const_str(name);
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
