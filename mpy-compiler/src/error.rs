//! The error a failed compile returns, shaped like the exception mpy-cross raises.

use std::fmt;

/// The Python exception type mpy-cross reports for a rejected source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `SyntaxError`
    SyntaxError,
    /// `IndentationError`
    IndentationError,
    /// `ValueError` (for example a malformed number literal)
    ValueError,
    /// `NotImplementedError`
    NotImplementedError,
    /// `MemoryError` (the compiler's heap would be exhausted)
    MemoryError,
    /// `OverflowError`
    OverflowError,
    /// `RuntimeError` (for example a name longer than a qstr can hold)
    RuntimeError,
    /// `ViperTypeError` (a type mismatch in a `@micropython.viper` function)
    ViperTypeError,
}

impl ErrorKind {
    /// The exception name as MicroPython prints it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::RuntimeError => "RuntimeError",
            ErrorKind::ViperTypeError => "ViperTypeError",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A source rejected by the compiler: exception type, message and location as
/// mpy-cross reports them (`File "x.py", line N` then `Kind: message`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}: {message}")]
pub struct CompileError {
    /// The exception type.
    pub kind: ErrorKind,
    /// The exception message, exactly as mpy-cross prints it.
    pub message: String,
    /// The 1-based line mpy-cross names (0 when it names none).
    pub line: u32,
    /// The 1-based column of the offending token, for drawing a caret (0 if unknown).
    pub column: u32,
    /// Byte range of the offending token in the source, if known.
    pub span: Option<std::ops::Range<usize>>,
}

impl CompileError {
    /// An error at `line` with no column information.
    pub fn new(kind: ErrorKind, message: impl Into<String>, line: u32) -> Self {
        CompileError {
            kind,
            message: message.into(),
            line,
            column: 0,
            span: None,
        }
    }

    /// A `SyntaxError` at `line`.
    pub fn syntax(message: impl Into<String>, line: u32) -> Self {
        Self::new(ErrorKind::SyntaxError, message, line)
    }

    /// Adds the column and byte range of the offending token.
    pub fn at(mut self, column: u32, span: std::ops::Range<usize>) -> Self {
        self.column = column;
        self.span = Some(span);
        self
    }
}
