//! Reducing a finished rule into a result node, as parse.c's `push_result_rule` does, with
//! every simplification it makes on the way: dropping parentheses, collapsing
//! `testlist_comp`, folding logical and arithmetic constants and `math` constants,
//! recording `NAME = const(value)`, and building constant tuples. These decide the tree's
//! shape (and so the bytecode), apart from how the grammar is walked.

use super::Parser;
use crate::error::CompileError;
use crate::fold;
use crate::parse_tree::{ConstObject, Node, Rule};
use crate::token::TokenKind;

/// Stands in for the first child that a `testlist_comp_3c` node took over
/// from its enclosing `testlist_comp` until that node is reduced.
const STOLEN_ARG_PLACEHOLDER: Node = Node::Token(TokenKind::Invalid);

impl Parser<'_> {
    pub(super) fn push_result_rule(
        &mut self,
        line: u32,
        rule: Rule,
        mut num_args: usize,
    ) -> Result<(), CompileError> {
        match rule {
            Rule::AtomParen => {
                let inner = self.peek(0);
                if !(inner.is_null() || inner.is_struct(Rule::TestlistComp)) {
                    // parentheses around a single expression are just the expression
                    return Ok(());
                }
            }
            Rule::TestlistComp => {
                match self.peek(0).rule() {
                    Some(Rule::TestlistComp3b) => {
                        // one item with a trailing comma
                        self.pop();
                        num_args -= 1;
                    }
                    Some(Rule::TestlistComp3c) => {
                        // many items: the 3c node becomes the testlist_comp node
                        let node = self.pop();
                        self.pop();
                        if let Node::Struct { line, children, .. } = node {
                            self.results.push(Node::Struct {
                                rule: Rule::TestlistComp,
                                line,
                                children,
                            });
                        }
                        return Ok(());
                    }
                    _ => {}
                }
            }
            Rule::TestlistComp3c => {
                // take over the first item of the enclosing testlist_comp
                num_args += 1;
            }
            _ => {}
        }

        if self.fold_logical_constants(rule, &mut num_args) {
            return Ok(());
        }
        if self.fold_constants(rule, num_args)? {
            return Ok(());
        }
        if self.build_tuple(line, rule, num_args) {
            return Ok(());
        }

        let children = self.pop_many(num_args);
        if rule == Rule::TestlistComp3c {
            self.results.push(STOLEN_ARG_PLACEHOLDER);
        }
        self.results.push(Node::Struct {
            rule,
            line,
            children,
        });
        Ok(())
    }

    fn fold_logical_constants(&mut self, rule: Rule, num_args: &mut usize) -> bool {
        match rule {
            Rule::OrTest | Rule::AndTest => {
                let is_or = rule == Rule::OrTest;
                let total = *num_args;
                let len = self.results.len();
                if total == 0 || total > len {
                    return false;
                }
                let base = len - total;
                let mut copy_to = total;
                for j in 0..total {
                    let i = total - 1 - j;
                    let node = std::mem::replace(&mut self.results[base + j], Node::Null);
                    let (stop, keep) = if is_or {
                        (
                            fold::is_const_bool(&node, true, &self.pool),
                            !fold::is_const_bool(&node, false, &self.pool),
                        )
                    } else {
                        (
                            fold::is_const_bool(&node, false, &self.pool),
                            !fold::is_const_bool(&node, true, &self.pool),
                        )
                    };
                    self.results[len - copy_to] = node;
                    if i == 0 || stop {
                        break;
                    }
                    if keep {
                        copy_to -= 1;
                    }
                }
                let to_pop = copy_to - 1;
                self.results.truncate(len - to_pop);
                *num_args -= to_pop;
                *num_args == 1
            }
            Rule::NotTest2 => {
                let replacement = if fold::is_const_bool(self.peek(0), false, &self.pool) {
                    TokenKind::KwTrue
                } else if fold::is_const_bool(self.peek(0), true, &self.pool) {
                    TokenKind::KwFalse
                } else {
                    return false;
                };
                self.pop();
                self.results.push(Node::Token(replacement));
                true
            }
            _ => false,
        }
    }

    fn fold_constants(&mut self, rule: Rule, num_args: usize) -> Result<bool, CompileError> {
        let value = match rule {
            Rule::Expr | Rule::XorExpr | Rule::AndExpr | Rule::Power => {
                let op = match rule {
                    Rule::Expr => crate::token::BinaryOp::Or,
                    Rule::XorExpr => crate::token::BinaryOp::Xor,
                    Rule::AndExpr => crate::token::BinaryOp::And,
                    _ => crate::token::BinaryOp::Power,
                };
                if num_args == 0 {
                    return Ok(false);
                }
                let Some(mut acc) = fold::number_of(self.peek(num_args - 1)) else {
                    return Ok(false);
                };
                for i in (0..num_args - 1).rev() {
                    let Some(rhs) = fold::number_of(self.peek(i)) else {
                        return Ok(false);
                    };
                    let Some(result) = fold::binary_op(op, &acc, &rhs) else {
                        return Ok(false);
                    };
                    acc = result;
                }
                acc
            }
            Rule::ShiftExpr | Rule::ArithExpr | Rule::Term => {
                if num_args == 0 {
                    return Ok(false);
                }
                let Some(mut acc) = fold::number_of(self.peek(num_args - 1)) else {
                    return Ok(false);
                };
                let mut i = num_args as isize - 2;
                while i >= 1 {
                    let Some(rhs) = fold::number_of(self.peek(i as usize - 1)) else {
                        return Ok(false);
                    };
                    let Node::Token(tok) = self.peek(i as usize) else {
                        return Ok(false);
                    };
                    let Some(op) = tok.binary_op() else {
                        return Ok(false);
                    };
                    let Some(result) = fold::binary_op(op, &acc, &rhs) else {
                        return Ok(false);
                    };
                    acc = result;
                    i -= 2;
                }
                acc
            }
            Rule::Factor2 => {
                let Some(operand) = fold::number_of(self.peek(0)) else {
                    return Ok(false);
                };
                let Node::Token(tok) = self.peek(1) else {
                    return Ok(false);
                };
                let negating_host_big_int =
                    *tok == TokenKind::OpMinus && fold::is_host_small_int_limit(&operand);
                let Some(result) = fold::unary_op(*tok, operand) else {
                    return Ok(false);
                };
                if negating_host_big_int {
                    // mpy-cross negates the big int 2**62 into a big int object
                    // holding -2**62, which stays an object even where it fits
                    if let fold::Number::Int(value) = result {
                        self.pop_many(num_args);
                        self.results.push(Node::Const(ConstObject::Int(value), 0));
                        return Ok(true);
                    }
                }
                result
            }
            Rule::ExprStmt => return self.fold_const_assignment(),
            Rule::AtomExprNormal => {
                let (
                    Node::Id(base),
                    Node::Struct {
                        rule: Rule::TrailerPeriod,
                        children,
                        ..
                    },
                ) = (self.peek(1), self.peek(0))
                else {
                    return Ok(false);
                };
                let Some(Node::Id(attr)) = children.first() else {
                    return Ok(false);
                };
                if self.pool.get(*base) != b"math" {
                    return Ok(false);
                }
                let Some(value) = fold::math_constant(self.pool.get(*attr)) else {
                    return Ok(false);
                };
                fold::Number::Float(value)
            }
            _ => return Ok(false),
        };
        self.pop_many(num_args);
        self.results
            .push(fold::number_node(value, self.small_int_bits, 0));
        Ok(true)
    }

    /// `NAME = const(value)` (also annotated): records the constant, and for
    /// a private `_NAME` replaces the whole statement with `pass`.
    fn fold_const_assignment(&mut self) -> Result<bool, CompileError> {
        let rhs = self.peek(0);
        if rhs.is_null()
            || rhs.is_struct(Rule::ExprStmtAugassign)
            || rhs.is_struct(Rule::ExprStmtAssignList)
        {
            return Ok(false);
        }
        let Node::Id(id) = *self.peek(1) else {
            return Ok(false);
        };
        let mut call = rhs;
        if call.is_struct(Rule::Annassign) {
            call = call.children().get(1).unwrap_or(&Node::Null);
        }
        let Node::Struct {
            rule: Rule::AtomExprNormal,
            line: call_line,
            children,
        } = call
        else {
            return Ok(false);
        };
        let is_const_call = matches!(children.first(), Some(Node::Id(q)) if self.pool.get(*q) == b"const")
            && children
                .get(1)
                .is_some_and(|t| t.is_struct(Rule::TrailerParen));
        if !is_const_call {
            return Ok(false);
        }
        let value_node = children
            .get(1)
            .and_then(|t| t.children().first())
            .cloned()
            .unwrap_or(Node::Null);
        if !fold::is_const(&value_node) {
            return Err(CompileError::syntax("not a constant", *call_line));
        }
        let value = fold::const_object(&value_node, &self.pool);
        self.consts.insert(id, value);
        if self.pool.get(id).first() == Some(&b'_') {
            self.pop();
            self.pop();
            self.push_result_rule(0, Rule::PassStmt, 0)?;
            return Ok(true);
        }
        self.pop();
        self.results.push(value_node);
        Ok(false)
    }

    fn build_tuple(&mut self, line: u32, rule: Rule, num_args: usize) -> bool {
        match rule {
            Rule::TestlistComp if self.peek_rule(0) == Some(Rule::AtomParen) => {
                self.build_tuple_from_stack(line, num_args)
            }
            Rule::TestlistComp3c
                if self.peek_rule(2) == Some(Rule::AtomParen)
                    && self.build_tuple_from_stack(line, num_args) =>
            {
                // the tuple replaces the pending testlist_comp_3b and testlist_comp rules
                let keep = self.rules.len().saturating_sub(2);
                self.rules.truncate(keep);
                true
            }
            Rule::TestlistStarExpr | Rule::Testlist | Rule::Subscriptlist => {
                self.build_tuple_from_stack(line, num_args)
            }
            _ => false,
        }
    }

    fn build_tuple_from_stack(&mut self, line: u32, num_args: usize) -> bool {
        if num_args > self.results.len() {
            return false;
        }
        if !(0..num_args).all(|i| fold::is_const(self.peek(i))) {
            return false;
        }
        let items = self
            .pop_many(num_args)
            .iter()
            .map(|node| fold::const_object(node, &self.pool))
            .collect();
        self.results
            .push(Node::Const(ConstObject::Tuple(items), line));
        true
    }
}
