//! Compile MicroPython source to .mpy v6.3 bytecode, byte-identical to mpy-cross 1.29.0.
//!
//! The passes mirror MicroPython's own: a lexer (py/lexer.c) feeds a table-driven
//! parser (py/parse.c over the rules of py/grammar.h) that folds constants as it
//! reduces rules; the resulting [`parse_tree::ParseTree`] is MicroPython's parse tree,
//! shape for shape, and is the contract between the front end (lexer, parser,
//! folding) and the back end (scopes, compiler, emitter, .mpy writer).
#![deny(missing_docs)]

pub mod error;
pub mod float;
mod fold;
mod grammar;
mod lexer;
pub mod options;
pub mod parse_tree;
pub mod parser;
pub mod qstr;
mod qstr_tables;
pub mod token;

pub use error::{CompileError, ErrorKind};
pub use options::CompileOptions;
pub use parser::{parse, parse_bytes};
