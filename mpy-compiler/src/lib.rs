//! Compile MicroPython source to .mpy v6.3 bytecode, byte-identical to mpy-cross 1.29.0.
//!
//! The passes mirror MicroPython's own: a lexer (py/lexer.c) feeds a table-driven
//! parser (py/parse.c over the rules of py/grammar.h) that folds constants as it
//! reduces rules; the resulting [`parse_tree::ParseTree`] is MicroPython's parse tree,
//! shape for shape, and is the contract between the front end (lexer, parser,
//! folding) and the back end (scopes, compiler, emitter, .mpy writer).
//!
//! The back end walks every scope four times as py/compile.c does (scope, stack size,
//! code size, emit), driving the bytecode emitter (`emit`, as py/emitbc.c); `mpy` then
//! writes the module's qstr table, constant table and nested raw code.
//!
//! Scopes decorated `@micropython.native` / `viper` (or all of them, with `-X emit=`) take the
//! same passes through the native emitter (`emit::native`, as py/emitnative.c), which the
//! bytecode emitter's operations hand over to while such a scope is compiled. It is generic
//! over [`asm::Assembler`], the `ASM_*` interface of py/asmbase.h; each instruction set is one
//! module of `asm` (x64, x86, Thumb, Xtensa, RV32), and `AnyNative` picks one per `-march`.
//! `@micropython.asm_*` scopes go to `inline_asm` instead. Where mpy-cross 1.29.0 dies on an
//! assertion, the native emitter reports an error at that statement.
//!
//! ```
//! let options = mpy_compiler::CompileOptions::default();
//! let mpy = mpy_compiler::compile("print('hi')\n", "hi.py", &options).unwrap();
//! assert_eq!(&mpy[..2], b"M\x06");
//! ```
#![deny(missing_docs)]

pub mod asm;
mod compile;
mod emit;
pub mod error;
pub mod float;
mod fold;
mod grammar;
pub mod inline_asm;
mod lexer;
mod mpy;
mod opcode;
pub mod options;
pub mod parse_tree;
pub mod parser;
pub mod qstr;
mod qstr_tables;
pub(crate) mod scope;
pub mod token;

pub use error::{CompileError, ErrorKind};
pub use options::{parse_arch_flags, CompileOptions, EmitMode};
pub use parser::{parse, parse_bytes};

pub use compile::NativeArch;
use compile::{compile_module, BackendOptions};
use mpy::QstrEntry;
use parse_tree::ParseTree;

/// Compiles `source` to the bytes of a `.mpy` file; `name` is the source file name stored in
/// it (mpy-cross stores the path it was given), unless `options.source_name` (mpy-cross's `-s`)
/// overrides it.
pub fn compile(
    source: &str,
    name: &str,
    options: &CompileOptions,
) -> Result<Vec<u8>, CompileError> {
    compile_bytes(source.as_bytes(), name, options)
}

/// Like [`compile`], for source that may not be valid UTF-8 (mpy-cross reads raw bytes).
pub fn compile_bytes(
    source: &[u8],
    name: &str,
    options: &CompileOptions,
) -> Result<Vec<u8>, CompileError> {
    let run = || compile_bytes_on_this_thread(source, name, options);
    // Parsing, compiling and dropping the tree recurse as deep as the source nests; a thread
    // with a generous stack keeps pathological nesting an error instead of a crash. The
    // memory is only reserved, not touched, unless the input needs it.
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .stack_size(COMPILE_STACK_BYTES)
            .spawn_scoped(scope, run)
        {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(CompileError::new(
                    ErrorKind::MemoryError,
                    "memory allocation failed",
                    0,
                ))
            }),
            Err(_) => run(),
        }
    })
}

/// Like [`compile_bytes`], but runs on the calling thread, saving a thread start per file.
/// The caller's stack must be [`COMPILE_STACK_BYTES`] for deeply nested input to end in an
/// error rather than a stack overflow (spawn worker threads with that stack size).
pub fn compile_bytes_on_this_thread(
    source: &[u8],
    name: &str,
    options: &CompileOptions,
) -> Result<Vec<u8>, CompileError> {
    let tree = parse_bytes(source, name, options)?;
    compile_tree(
        tree,
        options.source_name.as_deref().unwrap_or(name),
        options,
    )
}

/// Stack size that lets any input nesting up to the compiler's limits compile.
pub const COMPILE_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Compiles an already parsed module.
pub fn compile_tree(
    tree: ParseTree,
    name: &str,
    options: &CompileOptions,
) -> Result<Vec<u8>, CompileError> {
    let ParseTree { root, mut pool } = tree;
    let source_file = pool.intern_str(name);
    // mpy-cross keeps arch flags only for the target that defines them.
    let arch_flags = if options.march.as_deref() == Some("rv32imc") {
        options.arch_flags
    } else {
        0
    };
    let backend = BackendOptions {
        optimize: options.opt_level,
        source_lines: options.line_info(),
        small_int_bits: options.small_int_bits,
        heap_size: options.heap_size.unwrap_or(compile::DEFAULT_HEAP_BYTES),
        native_arch: options
            .march
            .as_deref()
            .and_then(compile::NativeArch::from_name)
            .map(|arch| compile::NativeArch { arch_flags, ..arch }),
        default_emit: match options.emit {
            EmitMode::Bytecode => scope::EmitKind::Bytecode,
            EmitMode::Native => scope::EmitKind::Native,
            EmitMode::Viper => scope::EmitKind::Viper,
        },
    };
    let module = compile_module(&root, &mut pool, source_file, backend).map_err(|e| {
        let kind = match e.kind {
            "MemoryError" => ErrorKind::MemoryError,
            "NotImplementedError" => ErrorKind::NotImplementedError,
            // "bytecode overflow": a jump over more than 16 KiB of code.
            "RuntimeError" => ErrorKind::RuntimeError,
            "ViperTypeError" => ErrorKind::ViperTypeError,
            _ => ErrorKind::SyntaxError,
        };
        CompileError::new(kind, e.message, e.line)
    })?;
    let qstrs = module.qstrs.iter().map(|&q| match q.static_id() {
        Some(id) => QstrEntry::Static(id as u16),
        None => QstrEntry::Bytes(pool.get(q)),
    });
    let native_arch = module
        .raw_codes
        .iter()
        .any(|raw| raw.kind != emit::CodeKind::Bytecode)
        .then(|| options.march.as_deref().and_then(mpy::arch_code))
        .flatten();
    Ok(mpy::write_mpy(
        options.small_int_bits,
        native_arch,
        arch_flags,
        qstrs,
        &module.constants,
        &module.raw_codes,
        0,
    ))
}
