//! Inline assemblers for functions decorated `@micropython.asm_thumb` (and, per instruction
//! set, `asm_xtensa`, `asm_rv32`), as py/emitinline*.c, and the walk over the function body
//! that drives them, as `compile_scope_inline_asm` in py/compile.c.
//!
//! The body of such a function is a list of calls, one per instruction: `op(arg, ...)`,
//! plus the pseudo-instructions `label(name)`, `align(n)` and `data(size, value, ...)`.
//! Arguments are parse-tree nodes read in place: a register or label is an identifier, an
//! immediate is an int (folded constants included), a register list is a set display
//! (`{r0, r1}`), an address is a two-item list (`[r1, 4]`).
//!
//! The walk runs in MicroPython's passes: [`scope_pass`] only checks the shape of the body
//! and counts labels; [`assemble`] then runs the code-size pass (twice where the instruction
//! set needs it) and the emit pass on an [`InlineAssembler`].
//!
//! Errors follow the C code's bookkeeping: a compiler error is kept if one is already
//! pending, an instruction error replaces it, and the reported line is the one of the
//! instruction that was being assembled.

pub mod rv32;
pub mod thumb;
pub mod xtensa;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::asm::{AsmBase, AsmPass};
use crate::parse_tree::{ConstObject, Node, QstrPool, Rule};
use crate::qstr::Qstr;

/// `MP_NATIVE_TYPE_*` of the return annotation.
pub mod type_sig {
    /// `object`
    pub const OBJ: u32 = 0;
    /// `bool`
    pub const BOOL: u32 = 1;
    /// `int` (the default)
    pub const INT: u32 = 2;
    /// `uint`
    pub const UINT: u32 = 3;
}

/// A rejected inline-assembler function: the exception type, message and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}: {message}")]
pub struct InlineAsmError {
    /// The exception type: `SyntaxError`, `RuntimeError` where MicroPython raises one out of
    /// the assembler (line 0), or `MemoryError` for code too large to allocate.
    pub kind: &'static str,
    /// The message, worded as mpy-cross words it.
    pub message: String,
    /// The 1-based source line (0 if unknown).
    pub line: u32,
}

/// The machine code of one inline-assembler function and what its raw code records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmFunction {
    /// The code, entry and exit included.
    pub code: Vec<u8>,
    /// Number of positional parameters (registers r0.. / a2..).
    pub n_pos_args: usize,
    /// The return type (a [`type_sig`] constant).
    pub type_sig: u32,
}

/// One instruction set's inline assembler (`emit_inline_asm_method_table_t`).
pub trait InlineAssembler {
    /// Whether the code-size pass runs twice (Xtensa sizes its literal table that way).
    const EXTRA_SIZE_PASS: bool = false;

    /// Starts a pass: resets labels in the code-size pass, emits the function entry.
    fn start_pass(&mut self, pass: AsmPass);
    /// Emits the function exit.
    fn end_pass(&mut self, type_sig: u32);
    /// Checks the parameters (code-size pass) and returns how many there are.
    fn count_params(&mut self, params: &[Node], pool: &QstrPool) -> Result<usize, String>;
    /// Places label number `label_num` named `name`; false if the name is already used (or
    /// the label cannot be placed: see [`InlineAssembler::take_label_error`]).
    fn label(&mut self, label_num: usize, name: Qstr) -> bool;
    /// Why the last [`InlineAssembler::label`] failed, when it was not a redefinition.
    fn take_label_error(&mut self) -> Option<String> {
        None
    }
    /// A `RuntimeError` the last instruction raised: MicroPython raises it straight out of
    /// the compiler, so it replaces any other error and has no line.
    fn take_runtime_error(&mut self) -> Option<String> {
        None
    }
    /// Assembles one instruction. An `Err` is the last error the instruction ran into
    /// (code may still have been emitted, as in the C code).
    fn op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> Result<(), String>;
    /// The code buffer (for `align` and `data`).
    fn base_mut(&mut self) -> &mut AsmBase;
}

/// The int value of an argument (`mp_parse_node_get_int_maybe`), truncated to 64 bits.
pub(crate) fn int_value(node: &Node) -> Option<i64> {
    match node {
        Node::SmallInt(value) => Some(*value),
        Node::Const(ConstObject::Int(big), _) => Some(truncate(big)),
        _ => None,
    }
}

fn truncate(big: &BigInt) -> i64 {
    let low = big & BigInt::from(u64::MAX);
    low.to_u64().unwrap_or(0) as i64
}

/// The text of an identifier argument, "" for anything else (`get_arg_str`).
pub(crate) fn arg_str<'a>(node: &Node, pool: &'a QstrPool) -> std::borrow::Cow<'a, str> {
    match node {
        Node::Id(q) => pool.text(*q),
        _ => std::borrow::Cow::Borrowed(""),
    }
}

/// Error state of one walk over the body, as compile.c keeps it.
#[derive(Default)]
struct ErrorState {
    message: Option<String>,
    line: u32,
}

impl ErrorState {
    /// `compile_syntax_error`: only the first compiler error counts; its line comes from
    /// the node if it has one and no line is known yet.
    fn syntax(&mut self, node: &Node, message: &str) {
        if self.message.is_none() {
            self.message = Some(message.to_string());
            if self.line == 0 {
                self.line = node.line().unwrap_or(0);
            }
        }
    }

    /// The outcome; an error without a line is charged to the function's own line, as the
    /// compiler does for any scope.
    fn into_result(self, funcdef: &Node) -> Result<(), InlineAsmError> {
        match self.message {
            None => Ok(()),
            Some(message) => Err(InlineAsmError {
                kind: "SyntaxError",
                message,
                line: match self.line {
                    0 => funcdef.line().unwrap_or(0),
                    line => line,
                },
            }),
        }
    }
}

/// The decorated function's parts: parameters, return annotation, body statements.
struct FunctionParts<'t> {
    funcdef: &'t Node,
    params: &'t [Node],
    annotation: &'t Node,
    body: &'t [Node],
}

fn function_parts(funcdef: &Node) -> Option<FunctionParts<'_>> {
    if !funcdef.is_struct(Rule::Funcdef) {
        return None;
    }
    let nodes = funcdef.children();
    Some(FunctionParts {
        funcdef,
        params: nodes.get(1)?.extract_list(Rule::Typedargslist),
        annotation: nodes.get(2)?,
        body: nodes.get(3)?.extract_list(Rule::SuiteBlockStmts),
    })
}

/// One instruction statement: its name, argument nodes and the node errors are charged to.
struct Instruction<'t> {
    name: Qstr,
    args: &'t [Node],
    trailer: &'t Node,
}

/// `op(args)` as a statement, or `None` if the statement is not of that shape.
fn instruction(stmt: &Node) -> Option<Instruction<'_>> {
    if !stmt.is_struct(Rule::ExprStmt) {
        return None;
    }
    let expr = stmt.children().first()?;
    if !stmt.children().get(1).is_none_or(Node::is_null) || !expr.is_struct(Rule::AtomExprNormal) {
        return None;
    }
    let Node::Id(name) = expr.children().first()? else {
        return None;
    };
    let trailer = expr.children().get(1)?;
    if !trailer.is_struct(Rule::TrailerParen) {
        return None;
    }
    let args = trailer
        .children()
        .first()
        .map_or(&[][..], |n| n.extract_list(Rule::Arglist));
    Some(Instruction {
        name: *name,
        args,
        trailer,
    })
}

/// The pass of the walk: the scope pass has no assembler.
enum Walk<'a, A> {
    Scope,
    Code(AsmPass, &'a mut A),
}

/// Walks the function body once; returns the number of labels and the parameter count.
fn walk<A: InlineAssembler>(
    funcdef: &Node,
    pool: &QstrPool,
    mut walk: Walk<'_, A>,
    n_pos_args: &mut usize,
    type_sig_out: &mut u32,
) -> Result<usize, InlineAsmError> {
    let mut errors = ErrorState::default();
    let mut next_label = 0usize;
    // Bytes of `data` and `align` too large to hold, counted toward the code size only.
    let mut unwritten = 0usize;
    let Some(parts) = function_parts(funcdef) else {
        errors.syntax(funcdef, "inline assembler must be a function");
        errors.into_result(funcdef)?;
        return Ok(0);
    };
    if let Walk::Code(pass, asm) = &mut walk {
        asm.start_pass(*pass);
        if *pass == AsmPass::Compute {
            match asm.count_params(parts.params, pool) {
                Ok(n) => *n_pos_args = n,
                Err(message) => {
                    *n_pos_args = 0;
                    errors.message = Some(message);
                    errors.line = parts.funcdef.line().unwrap_or(0);
                    return errors.into_result(funcdef).map(|_| 0);
                }
            }
        }
    }

    let mut type_sig = type_sig::INT;
    match parts.annotation {
        Node::Null => {}
        Node::Id(q) => {
            type_sig = match &*pool.text(*q) {
                "object" => type_sig::OBJ,
                "bool" => type_sig::BOOL,
                "int" => type_sig::INT,
                "uint" => type_sig::UINT,
                _ => {
                    errors.syntax(parts.annotation, "unknown type");
                    return errors.into_result(funcdef).map(|_| 0);
                }
            };
        }
        other => errors.syntax(other, "return annotation must be an identifier"),
    }
    *type_sig_out = type_sig;

    for stmt in parts.body {
        if stmt.is_struct(Rule::PassStmt) {
            continue;
        }
        let Some(ins) = instruction(stmt) else {
            errors.syntax(stmt, "expecting an assembler instruction");
            return errors.into_result(funcdef).map(|_| 0);
        };
        let name = pool.text(ins.name);
        match &*name {
            "label" => {
                let [Node::Id(label_name)] = ins.args else {
                    errors.syntax(stmt, "'label' requires 1 argument");
                    return errors.into_result(funcdef).map(|_| 0);
                };
                let label_num = next_label;
                next_label += 1;
                if let Walk::Code(_, asm) = &mut walk {
                    if !asm.label(label_num, *label_name) {
                        let message = asm.take_label_error();
                        errors.syntax(stmt, message.as_deref().unwrap_or("label redefined"));
                        return errors.into_result(funcdef).map(|_| 0);
                    }
                }
            }
            "align" => {
                let [Node::SmallInt(align)] = ins.args else {
                    errors.syntax(stmt, "'align' requires 1 argument");
                    return errors.into_result(funcdef).map(|_| 0);
                };
                if let Walk::Code(_, asm) = &mut walk {
                    unwritten += align_code(asm.base_mut(), *align);
                }
            }
            "data" => {
                let (Some(Node::SmallInt(size)), true) = (ins.args.first(), ins.args.len() >= 2)
                else {
                    errors.syntax(stmt, "'data' requires at least 2 arguments");
                    return errors.into_result(funcdef).map(|_| 0);
                };
                if let Walk::Code(_, asm) = &mut walk {
                    // The size reaches mpy-cross as an unsigned int.
                    let size = *size as u32 as usize;
                    for arg in &ins.args[1..] {
                        let Some(value) = int_value(arg) else {
                            errors.syntax(stmt, "'data' requires integer arguments");
                            return errors.into_result(funcdef).map(|_| 0);
                        };
                        if size > HEAP_BYTES {
                            unwritten += size;
                        } else {
                            asm.base_mut().data(size, value as u64);
                        }
                    }
                }
            }
            _ => {
                if let Walk::Code(_, asm) = &mut walk {
                    let outcome = asm.op(&name, ins.args, pool);
                    if let Some(message) = asm.take_runtime_error() {
                        return Err(InlineAsmError {
                            kind: "RuntimeError",
                            message,
                            line: 0,
                        });
                    }
                    if let Err(message) = outcome {
                        errors.message = Some(message);
                    }
                }
            }
        }
        if errors.message.is_some() {
            errors.line = ins.trailer.line().unwrap_or(0);
            return errors.into_result(funcdef).map(|_| 0);
        }
    }

    if let Walk::Code(pass, asm) = &mut walk {
        asm.end_pass(type_sig);
        let size = asm.base_mut().code_pos().saturating_add(unwritten);
        if *pass == AsmPass::Compute && errors.message.is_none() && size > HEAP_BYTES {
            // mpy-cross fails to allocate the code buffer for the emit pass.
            return Err(InlineAsmError {
                kind: "MemoryError",
                message: format!("memory allocation failed, allocating {size} bytes"),
                line: 0,
            });
        }
    }
    if errors.message.is_some() {
        errors.line = parts.funcdef.line().unwrap_or(0);
    }
    errors.into_result(funcdef).map(|_| next_label)
}

/// `mp_asm_base_align` with the C code's unsigned arithmetic: the offset moves up to the
/// computed one and the gap reads as zeros. Returns the bytes of a gap too large to hold
/// (the function then cannot be allocated anyway). A value that would move the offset back
/// (`align(0)`) is ignored.
fn align_code(base: &mut AsmBase, align: i64) -> usize {
    let align = u64::from(align as u32);
    let offset = base.code_pos() as u64;
    let mask = !u64::from((align as u32).wrapping_sub(1));
    let aligned = offset.wrapping_add(align).wrapping_sub(1) & mask;
    let gap = aligned.saturating_sub(offset) as usize;
    if gap > HEAP_BYTES {
        return gap;
    }
    if gap > 0 {
        base.write(&vec![0; gap]);
    }
    0
}

/// mpy-cross's default heap: machine code larger than this cannot be allocated.
const HEAP_BYTES: usize = 2 * 1024 * 1024;

/// The scope pass over an inline-assembler function: checks that every statement is an
/// instruction and returns how many labels the function uses.
pub fn scope_pass(funcdef: &Node, pool: &QstrPool) -> Result<usize, InlineAsmError> {
    let (mut n, mut sig) = (0, 0);
    walk::<thumb::InlineThumb>(funcdef, pool, Walk::Scope, &mut n, &mut sig)
}

/// Assembles an inline-assembler function: the code-size pass (twice if the instruction set
/// asks for it), then the emit pass.
pub fn assemble<A: InlineAssembler>(
    funcdef: &Node,
    pool: &QstrPool,
    asm: &mut A,
) -> Result<AsmFunction, InlineAsmError> {
    let (mut n_pos_args, mut type_sig) = (0, type_sig::INT);
    let first = walk(
        funcdef,
        pool,
        Walk::Code(AsmPass::Compute, asm),
        &mut n_pos_args,
        &mut type_sig,
    );
    if let Err(mut error) = first {
        // mpy-cross runs the extra code-size pass even after an error; it stops that pass
        // at once and charges the error to the function's own line.
        if A::EXTRA_SIZE_PASS && error.kind == "SyntaxError" {
            error.line = funcdef.line().unwrap_or(error.line);
        }
        return Err(error);
    }
    if A::EXTRA_SIZE_PASS {
        walk(
            funcdef,
            pool,
            Walk::Code(AsmPass::Compute, asm),
            &mut n_pos_args,
            &mut type_sig,
        )?;
    }
    let mut unused_params = 0;
    walk(
        funcdef,
        pool,
        Walk::Code(AsmPass::Emit, asm),
        &mut unused_params,
        &mut type_sig,
    )?;
    Ok(AsmFunction {
        code: asm.base_mut().take_code(),
        n_pos_args,
        type_sig,
    })
}
