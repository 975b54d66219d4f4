//! Provisional option and error types, shaped as agreed in the front-end/back-end split, so the
//! public API and the CLI build until the front end's `options` and `error` modules are merged.

use std::fmt;

/// Compiler settings with mpy-cross's meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileOptions {
    /// `-O` level 0..=3.
    pub optimize: u8,
    /// `-msmall-int-bits=N`.
    pub small_int_bits: u8,
    /// `-X source-lines` (true) or `-X no-source-lines` (false).
    pub source_lines: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            optimize: 0,
            small_int_bits: 31,
            source_lines: true,
        }
    }
}

/// The Python exception type of a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError`.
    IndentationError,
    /// `RuntimeError` (bytecode too large).
    RuntimeError,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::RuntimeError => "RuntimeError",
        })
    }
}

/// Why a source file could not be compiled, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// Exception type.
    pub kind: ErrorKind,
    /// Message, worded as MicroPython words it.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column when known.
    pub column: Option<u32>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for CompileError {}
