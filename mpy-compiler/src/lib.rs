//! Compile MicroPython source to .mpy v6.3 bytecode, byte-identical to mpy-cross 1.29.0.
//!
//! The passes mirror MicroPython's own: the front end lexes and parses into MicroPython's
//! parse tree (constants already folded), `scope` and `compile` walk every scope four times
//! (scope, stack size, code size, emit) driving the bytecode emitter in `emit`, and `mpy`
//! writes the module's qstr table, constant table and nested raw code.
//!
//! ```no_run
//! let options = mpy_compiler::CompileOptions::default();
//! let mpy = mpy_compiler::compile("print('hi')\n", "hi.py", &options).unwrap();
//! assert_eq!(&mpy[..2], b"M\x06");
//! ```
#![deny(missing_docs)]

mod compile;
mod emit;
mod mpy;
mod opcode;
#[path = "compile/provisional_tree.rs"]
#[allow(missing_docs, dead_code)]
mod parse_tree;
mod scope;

#[path = "compile/provisional_api.rs"]
mod api;

pub use api::{CompileError, CompileOptions, ErrorKind};

use compile::{compile_module, BackendOptions};
use mpy::QstrEntry;

/// Compiles `source` to the bytes of a `.mpy` file; `name` is the source file name stored in
/// it (mpy-cross stores the path it was given, or its `-s` argument).
pub fn compile(
    source: &str,
    name: &str,
    options: &CompileOptions,
) -> Result<Vec<u8>, CompileError> {
    let tree = parse_tree::parse(source, name, options)?;
    let parse_tree::ParseTree { root, mut pool } = tree;
    let source_file = pool.intern(name);
    let backend = BackendOptions {
        optimize: options.optimize,
        source_lines: options.source_lines,
        small_int_bits: options.small_int_bits,
    };
    let module =
        compile_module(&root, &mut pool, source_file, backend).map_err(|e| CompileError {
            kind: if e.kind == "RuntimeError" {
                ErrorKind::RuntimeError
            } else {
                ErrorKind::SyntaxError
            },
            message: e.message.to_string(),
            line: e.line,
            column: None,
        })?;
    let qstrs = module.qstrs.iter().map(|&q| match pool.static_id(q) {
        Some(id) => QstrEntry::Static(id),
        None => QstrEntry::Bytes(pool.get(q).as_bytes()),
    });
    Ok(mpy::write_mpy(
        options.small_int_bits,
        qstrs,
        &module.constants,
        &module.raw_codes,
        0,
    ))
}
