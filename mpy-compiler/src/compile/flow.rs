//! Compound statements: if, while, for, try, with and their async forms (from
//! `py/compile.c`).

use super::tree::*;
use super::{AssignKind, Compiler};
use crate::emit::{Block, BREAK_FROM_FOR};
use crate::opcode::BinaryOp;
use crate::parse_tree::{Node, Qstr, Rule};
use crate::scope::scope_flag;

impl<'t, 'p> Compiler<'t, 'p> {
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
        self.emit.pop_except_jump(success_label, false);
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
            self.emit.pop_except_jump(l2, true);
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
        self.reserve_labels_for_native(3);
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
        self.reserve_labels_for_native(3);
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
        self.emit.pop_except_jump(try_else_label, false);

        self.emit.label_assign(try_exception_label);
        self.emit.start_except_handler();
        self.emit.dup_top();
        let stop = self.names.stop_async_iteration;
        self.load_global(stop);
        self.emit.binary_op(BinaryOp::ExceptionMatch);
        self.emit.pop_jump_if(false, try_finally_label);
        self.emit.pop_top();
        self.emit.pop_except_jump(while_else_label, true);

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
