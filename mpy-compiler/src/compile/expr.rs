//! Expressions, calls, literals and comprehensions (the expression half of `py/compile.c`).

use super::stmt::has_comp_for;
use super::tree::*;
use super::{AssignKind, Compiler};
use crate::emit::{Build, CompKind, Constant, Pass, STAR_FLAG_DOUBLE, STAR_FLAG_SINGLE};
use crate::opcode::{BinaryOp, UnaryOp};
use crate::parse_tree::{ConstObject, Node, Rule, TokenKind};
use crate::scope::{scope_flag, IdKind, ScopeKind};

impl<'t, 'p> Compiler<'t, 'p> {
    pub(super) fn compile_token(&mut self, token: TokenKind) {
        match token {
            TokenKind::KwNone => self.emit.load_const_none(),
            TokenKind::KwTrue => self.emit.load_const_bool(true),
            TokenKind::KwFalse => self.emit.load_const_bool(false),
            TokenKind::Ellipsis => self.emit.load_const_ellipsis(),
            // A newline token can survive in file_input; it compiles to nothing.
            _ => {}
        }
    }

    pub(super) fn constant_of(&self, obj: &ConstObject) -> Constant {
        match obj {
            ConstObject::Str(s) => Constant::Str(s.clone()),
            ConstObject::Bytes(b) => Constant::Bytes(b.clone()),
            ConstObject::Int(value) => Constant::Int(value.to_string()),
            ConstObject::Float(f) => Constant::Float {
                // Only math.nan folds to the canonical positive quiet NaN; arithmetic and
                // negation give other bit patterns.
                repr: if f.to_bits() == f64::NAN.to_bits() {
                    crate::emit::SHARED_NAN.to_string()
                } else {
                    crate::float::repr(*f)
                },
                is_nan: f.is_nan(),
            },
            ConstObject::Complex(re, im) => Constant::Complex(complex_repr(*re, *im)),
            ConstObject::Tuple(items) => {
                Constant::Tuple(items.iter().map(|i| self.constant_of(i)).collect())
            }
            ConstObject::None => Constant::None,
            ConstObject::True => Constant::True,
            ConstObject::False => Constant::False,
            ConstObject::Ellipsis => Constant::Ellipsis,
        }
    }

    /// Whether saving an int constant would need more than half of mpy-cross's heap (the
    /// number plus its decimal text): mpy-cross fails those with a MemoryError (observed:
    /// `1 << 3000000` fails in the default 2 MiB heap), after minutes of printing.
    pub(super) fn too_big_for_heap(&self, obj: &ConstObject) -> bool {
        match obj {
            ConstObject::Int(value) => {
                let bits = value.bits();
                let digits = bits.saturating_mul(30_103) / 100_000;
                bits / 8 + digits > self.options.heap_size as u64 / 2
            }
            ConstObject::Tuple(items) => items.iter().any(|i| self.too_big_for_heap(i)),
            _ => false,
        }
    }

    pub(super) fn compile_generic_tuple(&mut self, node: &'t Node) {
        let items = nodes(node);
        for item in items {
            self.compile_node(item);
        }
        self.emit.build(items.len(), Build::Tuple);
    }

    pub(super) fn compile_test_if_expr(&mut self, node: &'t Node) {
        let if_else = child(node, 1);
        let l_fail = self.next_label();
        let l_end = self.next_label();
        self.c_if_cond(child(if_else, 0), false, l_fail);
        self.compile_node(child(node, 0));
        self.emit.jump(l_end);
        self.emit.label_assign(l_fail);
        self.emit.adjust_stack_size(-1);
        self.compile_node(child(if_else, 1));
        self.emit.label_assign(l_end);
    }

    pub(super) fn compile_lambdef(&mut self, node: &'t Node) {
        if self.pass == Pass::Scope {
            let name = self.names.lambda;
            self.new_scope(ScopeKind::Lambda, node, name);
        }
        if let Some(scope) = self.scope_for(node) {
            self.compile_funcdef_lambdef(scope, child(node, 0), Rule::Varargslist);
        }
    }

    fn compile_namedexpr_helper(&mut self, name_node: &'t Node, value: &'t Node) {
        let target = id(name_node);
        if target.is_none() {
            self.syntax_error(name_node, "can't assign to expression");
        }
        self.compile_node(value);
        self.emit.dup_top();
        let Some(target) = target else {
            return;
        };
        if self.pass == Pass::Scope && self.scope().kind.is_comp_like() {
            let Some(parent) = self.scope().parent else {
                return;
            };
            let pi = self.id_for_modification(parent, target);
            if self.scopes[parent].ids[pi].kind == IdKind::GlobalExplicit {
                self.scope_mut().find_or_add(target, IdKind::GlobalExplicit);
            } else {
                let i = self.scope_mut().find_or_add(target, IdKind::Undecided);
                let is_global = self.scopes[parent].parent.is_none();
                if !is_global && self.scope().ids[i].kind == IdKind::GlobalImplicit {
                    self.scope_mut().ids[i].kind = IdKind::Undecided;
                }
                self.declare_global_or_nonlocal(name_node, i, is_global);
            }
        }
        self.store_id(target);
    }

    pub(super) fn compile_namedexpr(&mut self, node: &'t Node) {
        self.compile_namedexpr_helper(child(node, 0), child(node, 1));
    }

    pub(super) fn compile_or_and_test(&mut self, node: &'t Node, rule: Rule) {
        let cond = rule == Rule::OrTest;
        let l_end = self.next_label();
        let items = nodes(node);
        for (i, item) in items.iter().enumerate() {
            self.compile_node(item);
            if i + 1 < items.len() {
                self.emit.jump_if_or_pop(cond, l_end);
            }
        }
        self.emit.label_assign(l_end);
    }

    pub(super) fn compile_comparison(&mut self, node: &'t Node) {
        let items = nodes(node);
        let n = items.len();
        self.compile_node(child(node, 0));
        let multi = n > 3;
        let l_fail = if multi { self.next_label() } else { 0 };
        let mut i = 1;
        while i + 1 < n {
            self.compile_node(&items[i + 1]);
            if i + 2 < n {
                self.emit.dup_top();
                self.emit.rot_three();
            }
            let op = match &items[i] {
                Node::Token(token) => comparison_op(*token),
                other if is_kind(other, Rule::CompOpNotIn) => Some(BinaryOp::NotIn),
                other if is_null(child(other, 0)) => Some(BinaryOp::Is),
                _ => Some(BinaryOp::IsNot),
            };
            if let Some(op) = op {
                self.emit.binary_op(op);
            }
            if i + 2 < n {
                self.emit.jump_if_or_pop(false, l_fail);
            }
            i += 2;
        }
        if multi {
            let l_end = self.next_label();
            self.emit.jump(l_end);
            self.emit.label_assign(l_fail);
            self.emit.adjust_stack_size(1);
            self.emit.rot_two();
            self.emit.pop_top();
            self.emit.label_assign(l_end);
        }
    }

    pub(super) fn compile_binary_op(&mut self, node: &'t Node, rule: Rule) {
        let op = match rule {
            Rule::Expr => BinaryOp::Or,
            Rule::XorExpr => BinaryOp::Xor,
            _ => BinaryOp::And,
        };
        let items = nodes(node);
        self.compile_node(child(node, 0));
        for item in items.iter().skip(1) {
            self.compile_node(item);
            self.emit.binary_op(op);
        }
    }

    pub(super) fn compile_term(&mut self, node: &'t Node) {
        let items = nodes(node);
        self.compile_node(child(node, 0));
        let mut i = 1;
        while i + 1 < items.len() {
            self.compile_node(&items[i + 1]);
            if let Node::Token(token) = &items[i] {
                if let Some(op) = term_op(*token) {
                    self.emit.binary_op(op);
                }
            }
            i += 2;
        }
    }

    pub(super) fn compile_factor_2(&mut self, node: &'t Node) {
        self.compile_node(child(node, 1));
        let op = match child(node, 0) {
            Node::Token(TokenKind::OpTilde) => UnaryOp::Invert,
            Node::Token(TokenKind::OpMinus) => UnaryOp::Negative,
            _ => UnaryOp::Positive,
        };
        self.emit.unary_op(op);
    }

    pub(super) fn compile_atom_expr_await(&mut self, node: &'t Node) {
        if !matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Lambda) {
            self.syntax_error(node, "'await' outside function");
            return;
        }
        self.compile_atom_expr_normal(node);
        self.compile_yield_from();
    }

    pub(super) fn compile_atom_expr_normal(&mut self, node: &'t Node) {
        let subject = child(node, 0);
        self.compile_node(subject);
        let first = child(node, 1);
        if is_null(first) {
            return;
        }
        let trailers: &'t [Node] = if is_kind(first, Rule::AtomExprTrailers) {
            nodes(first)
        } else {
            std::slice::from_ref(first)
        };
        let mut i = 0;
        if self.scope().kind == ScopeKind::Function
            && id(subject) == Some(self.names.super_)
            && trailers
                .first()
                .is_some_and(|t| is_kind(t, Rule::TrailerParen))
            && is_null(child(&trailers[0], 0))
        {
            let class = self.names.dunder_class;
            self.load_id(class);
            let self_param = self
                .scope()
                .ids
                .iter()
                .find(|id| id.flags & crate::scope::id_flag::IS_PARAM != 0)
                .map(|id| id.qstr);
            let Some(self_param) = self_param else {
                self.syntax_error(&trailers[0], "super() can't find self");
                return;
            };
            self.load_id(self_param);
            if trailers.len() >= 3
                && is_kind(&trailers[1], Rule::TrailerPeriod)
                && is_kind(&trailers[2], Rule::TrailerParen)
            {
                if let Some(method) = id(child(&trailers[1], 0)) {
                    self.emit.load_method(method, true);
                }
                self.compile_trailer_paren_helper(child(&trailers[2], 0), true, 0);
                i = 3;
            } else {
                self.emit.call_function(2, 0, 0);
                i = 1;
            }
        }
        while i < trailers.len() {
            if i + 1 < trailers.len()
                && is_kind(&trailers[i], Rule::TrailerPeriod)
                && is_kind(&trailers[i + 1], Rule::TrailerParen)
            {
                if let Some(method) = id(child(&trailers[i], 0)) {
                    self.emit.load_method(method, false);
                }
                self.compile_trailer_paren_helper(child(&trailers[i + 1], 0), true, 0);
                i += 2;
            } else {
                self.compile_node(&trailers[i]);
                i += 1;
            }
        }
    }

    pub(super) fn compile_trailer_paren_helper(
        &mut self,
        arglist: &'t Node,
        is_method_call: bool,
        n_positional_extra: usize,
    ) {
        let args = extract_list(arglist, Rule::Arglist);
        let mut n_positional = n_positional_extra;
        let mut n_keyword = 0;
        let mut star_flags = 0;
        let mut star_args: u64 = 0;
        for (i, arg) in args.iter().enumerate() {
            match kind(arg) {
                Some(Rule::ArglistStar) => {
                    if star_flags & STAR_FLAG_DOUBLE != 0 {
                        self.syntax_error(arg, "* arg after **");
                        return;
                    }
                    if n_keyword > 0 {
                        self.syntax_error(arg, "* arg after kwarg");
                        return;
                    }
                    if i + 1 >= usize::from(self.options.small_int_bits) || i >= 63 {
                        self.syntax_error(arg, "too many args");
                        return;
                    }
                    star_flags |= STAR_FLAG_SINGLE;
                    star_args |= 1 << i;
                    self.compile_node(child(arg, 0));
                    n_positional += 1;
                    continue;
                }
                Some(Rule::ArglistDblStar) => {
                    star_flags |= STAR_FLAG_DOUBLE;
                    self.emit.load_null();
                    self.compile_node(child(arg, 0));
                    n_keyword += 1;
                    continue;
                }
                Some(Rule::Argument) => {
                    let second = child(arg, 1);
                    if is_kind(second, Rule::Argument3) {
                        self.compile_namedexpr_helper(child(arg, 0), child(second, 0));
                        n_positional += 1;
                    } else if !is_kind(second, Rule::CompFor) {
                        let Some(keyword) = id(child(arg, 0)) else {
                            self.syntax_error(arg, "LHS of keyword arg must be an id");
                            return;
                        };
                        self.emit_load_const_str(keyword);
                        self.compile_node(second);
                        n_keyword += 1;
                    } else {
                        self.compile_comprehension(arg, ScopeKind::GenExpr);
                        n_positional += 1;
                    }
                    continue;
                }
                _ => {}
            }
            if star_flags & STAR_FLAG_DOUBLE != 0 {
                self.syntax_error(arg, "positional arg after **");
                return;
            }
            if n_keyword > 0 {
                self.syntax_error(arg, "positional arg after keyword arg");
                return;
            }
            self.compile_node(arg);
            n_positional += 1;
        }
        if star_flags != 0 {
            self.emit.load_const_small_int(star_args as i64);
        }
        if is_method_call {
            self.emit.call_method(n_positional, n_keyword, star_flags);
        } else {
            self.emit.call_function(n_positional, n_keyword, star_flags);
        }
    }

    /// Compiles a comprehension `node` (expression, `comp_for`) as a call of a new scope.
    pub(super) fn compile_comprehension(&mut self, node: &'t Node, scope_kind: ScopeKind) {
        let comp_for = child(node, 1);
        if self.pass == Pass::Scope {
            let name = match scope_kind {
                ScopeKind::ListComp => self.names.listcomp,
                ScopeKind::DictComp => self.names.dictcomp,
                ScopeKind::SetComp => self.names.setcomp,
                _ => self.names.genexpr,
            };
            self.new_scope(scope_kind, node, name);
        }
        let Some(scope) = self.scope_for(node) else {
            return;
        };
        self.close_over_variables_etc(scope, 0, 0);
        self.compile_node(child(comp_for, 1));
        if scope_kind == ScopeKind::GenExpr {
            self.emit.get_iter(false);
        }
        self.emit.call_function(1, 0, 0);
    }

    /// The body of a comprehension scope.
    pub(super) fn compile_comprehension_scope(&mut self, node: &'t Node) {
        let comp_for = child(node, 1);
        let arg = self.names.empty;
        if self.pass == Pass::Scope {
            self.scope_mut().find_or_add(arg, IdKind::Local);
            self.scope_mut().num_pos_args = 1;
        }
        if let Some(line) = line(node) {
            self.emit.set_source_line(line);
        }
        let kind = self.scope().kind;
        match kind {
            ScopeKind::ListComp => self.emit.build(0, Build::List),
            ScopeKind::DictComp => self.emit.build(0, Build::Map),
            ScopeKind::SetComp => self.emit.build(0, Build::Set),
            _ => {}
        }
        if kind == ScopeKind::GenExpr {
            self.emit.load_null();
            self.load_id(arg);
            self.emit.load_null();
            self.emit.load_null();
        } else {
            self.load_id(arg);
            self.emit.get_iter(true);
        }
        self.compile_scope_comp_iter(comp_for, child(node, 0), 0);
        if kind == ScopeKind::GenExpr {
            self.emit.load_const_none();
        }
        self.emit.return_value();
    }

    fn compile_scope_comp_iter(
        &mut self,
        comp_for: &'t Node,
        inner_expr: &'t Node,
        for_depth: usize,
    ) {
        let l_top = self.next_label();
        let l_end = self.next_label();
        self.emit.label_assign(l_top);
        self.emit.for_iter(l_end);
        self.c_assign(child(comp_for, 0), AssignKind::Store);
        let mut iter = child(comp_for, 2);
        loop {
            if is_null(iter) {
                self.compile_node(inner_expr);
                match self.scope().kind {
                    ScopeKind::GenExpr => {
                        self.emit.yield_op(false);
                        self.reserve_labels_for_native(1);
                        self.scope_mut().scope_flags |= scope_flag::GENERATOR;
                        self.emit.pop_top();
                    }
                    kind => {
                        let comp_kind = match kind {
                            ScopeKind::DictComp => CompKind::Dict,
                            ScopeKind::SetComp => CompKind::Set,
                            _ => CompKind::List,
                        };
                        self.emit.store_comp(comp_kind, 4 * for_depth + 5);
                    }
                }
                break;
            } else if is_kind(iter, Rule::CompIf) {
                self.c_if_cond(child(iter, 0), false, l_top);
                iter = child(iter, 1);
            } else {
                self.compile_node(child(iter, 1));
                self.emit.get_iter(true);
                self.compile_scope_comp_iter(iter, inner_expr, for_depth + 1);
                break;
            }
        }
        self.emit.jump(l_top);
        self.emit.label_assign(l_end);
        self.emit.for_iter_end();
    }

    pub(super) fn compile_atom_paren(&mut self, node: &'t Node) {
        let inner = child(node, 0);
        if is_null(inner) {
            self.emit.build(0, Build::Tuple);
        } else if has_comp_for(inner) {
            self.compile_comprehension(inner, ScopeKind::GenExpr);
        } else {
            self.compile_generic_tuple(inner);
        }
    }

    pub(super) fn compile_atom_bracket(&mut self, node: &'t Node) {
        let inner = child(node, 0);
        if is_null(inner) {
            self.emit.build(0, Build::List);
        } else if is_kind(inner, Rule::TestlistComp) {
            if has_comp_for(inner) {
                self.compile_comprehension(inner, ScopeKind::ListComp);
            } else {
                self.compile_generic_all_nodes(inner);
                self.emit.build(nodes(inner).len(), Build::List);
            }
        } else {
            self.compile_node(inner);
            self.emit.build(1, Build::List);
        }
    }

    pub(super) fn compile_atom_brace_helper(&mut self, node: &'t Node, create_map: bool) {
        let inner = child(node, 0);
        if is_null(inner) {
            if create_map {
                self.emit.build(0, Build::Map);
            }
            return;
        }
        match kind(inner) {
            Some(Rule::DictorsetmakerItem) => {
                if create_map {
                    self.emit.build(1, Build::Map);
                }
                self.compile_node(inner);
                self.emit.store_map();
            }
            Some(Rule::Dictorsetmaker) => {
                let first = child(inner, 0);
                let tail = child(inner, 1);
                if is_kind(tail, Rule::DictorsetmakerList) {
                    let rest = extract_list(child(tail, 0), Rule::DictorsetmakerList2);
                    let is_dict = is_kind(first, Rule::DictorsetmakerItem);
                    if is_dict {
                        if create_map {
                            self.emit.build(1 + rest.len(), Build::Map);
                        }
                        self.compile_node(first);
                        self.emit.store_map();
                    } else {
                        self.compile_node(first);
                    }
                    for item in rest {
                        let is_key_value = is_kind(item, Rule::DictorsetmakerItem);
                        self.compile_node(item);
                        if is_dict {
                            if !is_key_value {
                                self.syntax_error(inner, "expecting key:value for dict");
                                return;
                            }
                            self.emit.store_map();
                        } else if is_key_value {
                            self.syntax_error(inner, "expecting just a value for set");
                            return;
                        }
                    }
                    if !is_dict {
                        self.emit.build(1 + rest.len(), Build::Set);
                    }
                } else if is_kind(first, Rule::DictorsetmakerItem) {
                    self.compile_comprehension(inner, ScopeKind::DictComp);
                } else {
                    self.compile_comprehension(inner, ScopeKind::SetComp);
                }
            }
            _ => {
                self.compile_node(inner);
                self.emit.build(1, Build::Set);
            }
        }
    }

    pub(super) fn compile_subscript(&mut self, node: &'t Node, rule: Rule) {
        let mut node = node;
        if rule == Rule::Subscript2 {
            self.compile_node(child(node, 0));
            node = child(node, 1);
        } else {
            self.emit.load_const_none();
        }
        let inner = child(node, 0);
        if is_null(inner) {
            self.emit.load_const_none();
            self.emit.build(2, Build::Slice);
        } else if is_kind(inner, Rule::Subscript3c) {
            self.emit.load_const_none();
            let step = child(inner, 0);
            if is_null(step) {
                self.emit.build(2, Build::Slice);
            } else {
                self.compile_node(step);
                self.emit.build(3, Build::Slice);
            }
        } else if is_kind(inner, Rule::Subscript3d) {
            self.compile_node(child(inner, 0));
            let sliceop = child(inner, 1);
            let step = child(sliceop, 0);
            if is_null(step) {
                self.emit.build(2, Build::Slice);
            } else {
                self.compile_node(step);
                self.emit.build(3, Build::Slice);
            }
        } else {
            self.compile_node(inner);
            self.emit.build(2, Build::Slice);
        }
    }

    pub(super) fn compile_yield_expr(&mut self, node: &'t Node) {
        if !matches!(self.scope().kind, ScopeKind::Function | ScopeKind::Lambda) {
            self.syntax_error(node, "'yield' outside function");
            return;
        }
        let arg = child(node, 0);
        if is_null(arg) {
            self.emit.load_const_none();
            self.emit.yield_op(false);
            self.reserve_labels_for_native(1);
            self.scope_mut().scope_flags |= scope_flag::GENERATOR;
        } else if is_kind(arg, Rule::YieldArgFrom) {
            self.compile_node(child(arg, 0));
            self.compile_yield_from();
        } else {
            self.compile_node(arg);
            self.emit.yield_op(false);
            self.reserve_labels_for_native(1);
            self.scope_mut().scope_flags |= scope_flag::GENERATOR;
        }
    }
}

fn comparison_op(token: TokenKind) -> Option<BinaryOp> {
    Some(match token {
        TokenKind::OpLess => BinaryOp::Less,
        TokenKind::OpMore => BinaryOp::More,
        TokenKind::OpDblEqual => BinaryOp::Equal,
        TokenKind::OpLessEqual => BinaryOp::LessEqual,
        TokenKind::OpMoreEqual => BinaryOp::MoreEqual,
        TokenKind::OpNotEqual => BinaryOp::NotEqual,
        TokenKind::KwIn => BinaryOp::In,
        _ => return None,
    })
}

fn term_op(token: TokenKind) -> Option<BinaryOp> {
    Some(match token {
        TokenKind::OpDblLess => BinaryOp::Lshift,
        TokenKind::OpDblMore => BinaryOp::Rshift,
        TokenKind::OpPlus => BinaryOp::Add,
        TokenKind::OpMinus => BinaryOp::Subtract,
        TokenKind::OpStar => BinaryOp::Multiply,
        TokenKind::OpAt => BinaryOp::MatMultiply,
        TokenKind::OpDblSlash => BinaryOp::FloorDivide,
        TokenKind::OpSlash => BinaryOp::TrueDivide,
        TokenKind::OpPercent => BinaryOp::Modulo,
        _ => return None,
    })
}

/// The repr of a complex constant as MicroPython prints it: both parts in `%g` style (a float
/// repr without the forced `.0`), `3j` when the real part is zero, else `(1+2j)`.
fn complex_repr(re: f64, im: f64) -> String {
    fn g(f: f64) -> String {
        let text = crate::float::repr(f);
        match text.strip_suffix(".0") {
            Some(stripped) => stripped.to_string(),
            None => text,
        }
    }
    if re == 0.0 {
        format!("{}j", g(im))
    } else {
        let imag = g(im);
        let sign = if imag.starts_with('-') { "" } else { "+" };
        format!("({}{sign}{imag}j)", g(re))
    }
}
