//! The table-driven parser, mirroring py/parse.c.
//!
//! Like MicroPython's, it keeps an explicit rule stack and result stack (no
//! recursion, so deep nesting cannot overflow the native stack), backtracks
//! only where parse.c does, and simplifies the tree while reducing: collapsing
//! single-child rules, dropping parentheses, folding constants, substituting
//! `const()` names and building constant tuples. Keeping the same algorithm is
//! what makes the tree, and so the bytecode and the error lines, identical.

use std::collections::HashMap;

use num_bigint::BigInt;

use crate::error::{CompileError, ErrorKind};
use crate::float::{parse_float_literal, DecimalLiteral};
use crate::fold;
use crate::grammar::{rule_def, Act, Arg};
use crate::lexer::Lexer;
use crate::options::CompileOptions;
use crate::parse_tree::{ConstObject, Node, ParseTree, Qstr, QstrPool, Rule};
use crate::qstr::MAX_QSTR_LEN;
use crate::token::TokenKind;

/// mpy-cross's default heap (`-X heapsize`), which bounds how deep the parser's
/// rule stack can grow.
const DEFAULT_HEAP_BYTES: usize = 2 * 1024 * 1024;
/// Size of one rule-stack entry and the stack's growth step in entries, as in parse.c.
const RULE_FRAME_BYTES: usize = 16;
const RULE_STACK_INCREMENT: usize = 16;

/// How many rule-stack entries fit before growing the stack exhausts a heap of
/// `heap` bytes. Observed with mpy-cross: a block of `heap - heap/128 - 2048`
/// bytes or more cannot be allocated (the rest holds the GC's tables).
fn rule_stack_capacity(heap: usize) -> usize {
    let limit = heap.saturating_sub(heap / 128 + 2048);
    let step = RULE_FRAME_BYTES * RULE_STACK_INCREMENT;
    (limit.saturating_sub(1) / step) * RULE_STACK_INCREMENT
}

/// Strings up to this many bytes are always interned (`MICROPY_ALLOC_PARSE_INTERN_STRING_LEN`).
const INTERN_STRING_MAX_LEN: usize = 10;

/// Parses `source` into MicroPython's parse tree.
///
/// `name` is the source name (interned first, as mpy-cross does, so a string
/// literal equal to it becomes a qstr).
///
/// ```
/// use mpy_compiler::{parse, CompileOptions};
///
/// let tree = parse("x = 1 + 2 * 3\n", "x.py", &CompileOptions::default())?;
/// assert_eq!(tree.dump(), "expr_stmt@1 (n=2)\n  id(x)\n  int(7)\n");
/// # Ok::<(), mpy_compiler::CompileError>(())
/// ```
pub fn parse(
    source: &str,
    name: &str,
    options: &CompileOptions,
) -> Result<ParseTree, CompileError> {
    parse_bytes(source.as_bytes(), name, options)
}

/// Parses source bytes that need not be UTF-8 (mpy-cross reads files as bytes;
/// identifiers and string literals keep their bytes as they are).
pub fn parse_bytes(
    source: &[u8],
    name: &str,
    options: &CompileOptions,
) -> Result<ParseTree, CompileError> {
    let mut pool = QstrPool::new();
    for source_name in std::iter::once(name).chain(options.source_name.as_deref()) {
        if source_name.len() > MAX_QSTR_LEN {
            return Err(name_too_long());
        }
        pool.intern_str(source_name);
    }
    parse_with_pool(source, pool, options)
}

/// Parses with a caller-prepared qstr pool.
pub fn parse_with_pool(
    source: &[u8],
    pool: QstrPool,
    options: &CompileOptions,
) -> Result<ParseTree, CompileError> {
    let lexer = Lexer::new(source, options.debug())?;
    let mut parser = Parser {
        lex: lexer,
        rules: Vec::with_capacity(64),
        max_rule_frames: rule_stack_capacity(options.heap_size.unwrap_or(DEFAULT_HEAP_BYTES)),
        results: Vec::with_capacity(64),
        pool,
        consts: HashMap::new(),
        small_int_bits: options.small_int_bits,
        out_of_memory: false,
    };
    let root = parser.run()?;
    Ok(ParseTree {
        root,
        pool: parser.pool,
    })
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    rule: Rule,
    line: u32,
    arg_index: usize,
}

struct Parser<'a> {
    lex: Lexer<'a>,
    rules: Vec<Frame>,
    /// Deeper nesting than this exhausts mpy-cross's heap (and would make trees
    /// too deep to walk recursively).
    max_rule_frames: usize,
    results: Vec<Node>,
    pool: QstrPool,
    consts: HashMap<Qstr, ConstObject>,
    small_int_bits: u8,
    out_of_memory: bool,
}

/// Stands in for the first child that a `testlist_comp_3c` node took over
/// from its enclosing `testlist_comp` until that node is reduced.
const STOLEN_ARG_PLACEHOLDER: Node = Node::Token(TokenKind::Invalid);

enum Flow {
    Continue,
    SyntaxError,
}

impl Parser<'_> {
    fn push_rule(&mut self, rule: Rule, line: u32, arg_index: usize) {
        if self.rules.len() >= self.max_rule_frames {
            self.out_of_memory = true;
            return;
        }
        self.rules.push(Frame {
            rule,
            line,
            arg_index,
        });
    }

    fn peek(&self, pos: usize) -> &Node {
        self.results
            .len()
            .checked_sub(pos + 1)
            .and_then(|i| self.results.get(i))
            .unwrap_or(&Node::Null)
    }

    fn pop(&mut self) -> Node {
        self.results.pop().unwrap_or(Node::Null)
    }

    fn pop_many(&mut self, count: usize) -> Vec<Node> {
        let at = self.results.len().saturating_sub(count);
        self.results.split_off(at)
    }

    fn peek_rule(&self, pos: usize) -> Option<Rule> {
        self.rules
            .len()
            .checked_sub(pos + 1)
            .and_then(|i| self.rules.get(i))
            .map(|f| f.rule)
    }

    fn run(&mut self) -> Result<Node, CompileError> {
        self.push_rule(Rule::FileInput, self.lex.line_of_token, 0);
        let mut backtrack = false;
        while let Some(frame) = self.rules.pop() {
            let flow = match rule_def(frame.rule).act {
                Act::Or => self.step_or(frame, &mut backtrack)?,
                Act::And | Act::AndIdent | Act::AndBlank => self.step_and(frame, &mut backtrack)?,
                Act::List | Act::OneOrMore | Act::ListWithEnd => {
                    self.step_list(frame, &mut backtrack)?
                }
            };
            if let Flow::SyntaxError = flow {
                return Err(self.syntax_error());
            }
            if self.out_of_memory {
                let bytes = (self.max_rule_frames + RULE_STACK_INCREMENT) * RULE_FRAME_BYTES;
                return Err(CompileError::new(
                    ErrorKind::MemoryError,
                    format!("memory allocation failed, allocating {bytes} bytes"),
                    0,
                ));
            }
        }
        if self.lex.kind != TokenKind::End || self.results.is_empty() {
            return Err(self.syntax_error());
        }
        Ok(self.pop())
    }

    fn syntax_error(&self) -> CompileError {
        let (kind, message) = match self.lex.kind {
            TokenKind::Indent => (ErrorKind::IndentationError, "unexpected indent"),
            TokenKind::DedentMismatch => (
                ErrorKind::IndentationError,
                "unindent doesn't match any outer indent level",
            ),
            TokenKind::MalformedFstring => (ErrorKind::SyntaxError, "malformed f-string"),
            _ => (ErrorKind::SyntaxError, "invalid syntax"),
        };
        let pos = self.lex.position();
        CompileError::new(kind, message, pos.line).at(pos.column, pos.offset..pos.offset + 1)
    }

    fn step_or(&mut self, frame: Frame, backtrack: &mut bool) -> Result<Flow, CompileError> {
        let args = rule_def(frame.rule).args;
        let mut i = frame.arg_index;
        if i > 0 && !*backtrack {
            return Ok(Flow::Continue);
        }
        *backtrack = false;
        while i < args.len() {
            match args[i] {
                Arg::Tok(kind) => {
                    if self.lex.kind == kind {
                        self.push_result_token(frame.rule)?;
                        self.lex.advance()?;
                        return Ok(Flow::Continue);
                    }
                }
                Arg::Rule(child) | Arg::OptRule(child) => {
                    if i + 1 < args.len() {
                        self.push_rule(frame.rule, frame.line, i + 1);
                    }
                    self.push_rule(child, self.lex.line_of_token, 0);
                    return Ok(Flow::Continue);
                }
            }
            i += 1;
        }
        *backtrack = true;
        Ok(Flow::Continue)
    }

    fn step_and(&mut self, frame: Frame, backtrack: &mut bool) -> Result<Flow, CompileError> {
        let def = rule_def(frame.rule);
        let args = def.args;
        let mut i = frame.arg_index;
        if *backtrack {
            let previous = i.checked_sub(1).and_then(|p| args.get(p));
            if let Some(Arg::OptRule(_)) = previous {
                self.results.push(Node::Null);
                *backtrack = false;
            } else if i > 1 {
                return Ok(Flow::SyntaxError);
            } else {
                return Ok(Flow::Continue);
            }
        }
        while i < args.len() {
            match args[i] {
                Arg::Tok(kind) => {
                    if self.lex.kind == kind {
                        if kind == TokenKind::Name {
                            self.push_result_token(frame.rule)?;
                        }
                        self.lex.advance()?;
                    } else if i > 0 {
                        return Ok(Flow::SyntaxError);
                    } else {
                        *backtrack = true;
                        return Ok(Flow::Continue);
                    }
                }
                Arg::Rule(child) | Arg::OptRule(child) => {
                    self.push_rule(frame.rule, frame.line, i + 1);
                    self.push_rule(child, self.lex.line_of_token, 0);
                    return Ok(Flow::Continue);
                }
            }
            i += 1;
        }

        // docstrings and other lone constant statements are discarded
        if frame.rule == Rule::ExprStmt && self.peek(0).is_null() {
            let p = self.peek(1);
            let lone_constant = matches!(
                p,
                Node::SmallInt(_) | Node::Str(_) | Node::Token(_) | Node::Const(..)
            );
            if lone_constant {
                self.pop();
                self.pop();
                self.push_result_rule(frame.line, Rule::PassStmt, 0)?;
                return Ok(Flow::Continue);
            }
        }

        let mut count = 0;
        let mut not_null = 0;
        for arg in args.iter().rev() {
            match arg {
                Arg::Tok(TokenKind::Name) => {
                    count += 1;
                    not_null += 1;
                }
                Arg::Tok(_) => {}
                Arg::Rule(_) | Arg::OptRule(_) => {
                    if !self.peek(count).is_null() {
                        not_null += 1;
                    }
                    count += 1;
                }
            }
        }
        if not_null == 1 && def.act == Act::AndIdent {
            let mut kept = Node::Null;
            for node in self.pop_many(count) {
                if !node.is_null() {
                    kept = node;
                }
            }
            self.results.push(kept);
        } else {
            if def.act == Act::AndBlank {
                self.results.push(Node::Null);
                count += 1;
            }
            self.push_result_rule(frame.line, frame.rule, count)?;
        }
        Ok(Flow::Continue)
    }

    fn step_list(&mut self, frame: Frame, backtrack: &mut bool) -> Result<Flow, CompileError> {
        let def = rule_def(frame.rule);
        let args = def.args;
        let n = def.act.list_kind();
        let mut i = frame.arg_index;
        if !*backtrack {
            loop {
                let arg = args[i & 1 & n];
                match arg {
                    Arg::Tok(kind) => {
                        i += 1;
                        if self.lex.kind == kind {
                            if (i - 1) & 1 & n == 0 {
                                self.push_result_token(frame.rule)?;
                            }
                            self.lex.advance()?;
                        } else {
                            *backtrack = true;
                            break;
                        }
                    }
                    Arg::Rule(child) | Arg::OptRule(child) => {
                        self.push_rule(frame.rule, frame.line, i + 1);
                        self.push_rule(child, self.lex.line_of_token, 0);
                        return Ok(Flow::Continue);
                    }
                }
            }
        }
        // an item or separator failed to match: decide whether the list ends here
        let mut had_trailing_sep = false;
        if n == 2 {
            if i == 1 {
                return Ok(Flow::Continue);
            }
            *backtrack = false;
        } else if i == 1 {
            return Ok(Flow::Continue);
        } else if i & 1 == 1 {
            if n == 3 {
                had_trailing_sep = true;
                *backtrack = false;
            } else {
                return Ok(Flow::SyntaxError);
            }
        } else {
            *backtrack = false;
        }

        let mut count = i - 1;
        if n & 1 == 1 && matches!(args.get(1), Some(Arg::Tok(_))) {
            count = count.div_ceil(2);
        }
        if count != 1 || had_trailing_sep {
            self.push_result_rule(frame.line, frame.rule, count)?;
        }
        Ok(Flow::Continue)
    }

    fn push_result_token(&mut self, rule: Rule) -> Result<(), CompileError> {
        let line = self.lex.line_of_token;
        let node = match self.lex.kind {
            TokenKind::Name => {
                if self.lex.text.len() > MAX_QSTR_LEN {
                    return Err(name_too_long());
                }
                let id = self.pool.intern(&self.lex.text);
                match self.consts.get(&id) {
                    Some(value) if rule == Rule::Atom => self.const_node(value.clone(), line),
                    _ => Node::Id(id),
                }
            }
            TokenKind::Integer => {
                let value = parse_integer(&self.lex.text).map_err(|message| {
                    let pos = self.lex.position();
                    CompileError::syntax(message, line).at(pos.column, pos.offset..pos.offset + 1)
                })?;
                fold::int_node(value, self.small_int_bits, line)
            }
            TokenKind::FloatOrImag => match parse_float_literal(&self.lex.text) {
                Some(DecimalLiteral::Float(f)) => Node::Const(ConstObject::Float(f), line),
                Some(DecimalLiteral::Imaginary(f)) => {
                    Node::Const(ConstObject::Complex(0.0, f), line)
                }
                None => {
                    let pos = self.lex.position();
                    return Err(CompileError::syntax("invalid syntax for number", line)
                        .at(pos.column, pos.offset..pos.offset + 1));
                }
            },
            TokenKind::String => {
                let text = &self.lex.text;
                let interned = if text.len() <= INTERN_STRING_MAX_LEN {
                    Some(self.pool.intern(text))
                } else {
                    self.pool.find(text)
                };
                match interned {
                    Some(q) => Node::Str(q),
                    None => Node::Const(ConstObject::Str(text.clone()), line),
                }
            }
            TokenKind::Bytes => Node::Const(ConstObject::Bytes(self.lex.text.clone()), line),
            kind => Node::Token(kind),
        };
        self.results.push(node);
        Ok(())
    }

    /// A node for a `const()` value (`make_node_const_object_optimised`).
    fn const_node(&self, value: ConstObject, line: u32) -> Node {
        match value {
            ConstObject::Int(i) => fold::int_node(i, self.small_int_bits, line),
            other => Node::Const(other, line),
        }
    }

    fn push_result_rule(
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

/// The error interning an over-long identifier raises (reported without a line).
fn name_too_long() -> CompileError {
    CompileError::new(ErrorKind::RuntimeError, "name too long", 0)
}

/// Parses an integer token (`mp_parse_num_integer` with base 0); the error is
/// MicroPython's message.
fn parse_integer(text: &[u8]) -> Result<BigInt, String> {
    let (mut base, prefix) = match text {
        [b'0', c, ..] if text.len() > 1 => match c | 0x20 {
            b'x' => (16, 2),
            b'o' => (8, 2),
            b'b' => (2, 2),
            // a leading zero allows only more zeros ("base 1")
            _ => (1, 0),
        },
        _ => (10, 0),
    };
    let digits = &text[prefix..];
    let mut value = BigInt::from(0);
    let mut consumed = 0;
    for &c in digits {
        let digit = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'_' => {
                consumed += 1;
                continue;
            }
            _ => {
                let lower = c | 0x20;
                if lower.is_ascii_lowercase() {
                    u32::from(lower - b'a') + 10
                } else {
                    break;
                }
            }
        };
        if digit >= base {
            break;
        }
        value = value * base + digit;
        consumed += 1;
    }
    if consumed == 0 || consumed != digits.len() {
        if base == 1 {
            base = 0;
        }
        return Err(format!(
            "invalid syntax for integer with base {base}: '{}'",
            String::from_utf8_lossy(digits)
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_literals_and_their_errors() {
        assert_eq!(parse_integer(b"0x1F"), Ok(BigInt::from(31)));
        assert_eq!(parse_integer(b"00"), Ok(BigInt::from(0)));
        assert_eq!(
            parse_integer(b"09"),
            Err("invalid syntax for integer with base 0: '09'".to_string())
        );
        assert_eq!(
            parse_integer(b"0x"),
            Err("invalid syntax for integer with base 16: ''".to_string())
        );
        assert_eq!(
            parse_integer(b"0b12"),
            Err("invalid syntax for integer with base 2: '12'".to_string())
        );
        assert_eq!(
            parse_integer(b"1abc"),
            Err("invalid syntax for integer with base 10: '1abc'".to_string())
        );
    }
}
