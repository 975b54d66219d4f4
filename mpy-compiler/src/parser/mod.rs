//! The table-driven parser, mirroring py/parse.c.
//!
//! Like MicroPython's, it keeps an explicit rule stack and result stack (no
//! recursion, so deep nesting cannot overflow the native stack), backtracks
//! only where parse.c does, and simplifies the tree while reducing: collapsing
//! single-child rules, dropping parentheses, folding constants, substituting
//! `const()` names and building constant tuples. Keeping the same algorithm is
//! what makes the tree, and so the bytecode and the error lines, identical.
//!
//! This module holds the entry points, the two stacks and the walk over the grammar table
//! (one step per `or`, `and` and list rule). What a matched token or a finished rule
//! becomes is apart: `tokens` turns the current token into a leaf (literals, names,
//! interned strings), `reduce` builds a rule's node and makes the simplifications.

mod reduce;
mod tokens;

use std::collections::HashMap;

use crate::error::{CompileError, ErrorKind};
use crate::grammar::{rule_def, Act, Arg};
use crate::lexer::Lexer;
use crate::options::CompileOptions;
use crate::parse_tree::{ConstObject, Node, ParseTree, Qstr, QstrPool, Rule};
use crate::qstr::MAX_QSTR_LEN;
use crate::token::TokenKind;
use tokens::name_too_long;

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
}
