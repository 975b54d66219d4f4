//! `--compile`: `.py` to `.mpy` with the project's compiler before sending.
//!
//! `main.py` and `boot.py` stay source (the board runs them by those names). The compiler is
//! reached through [`compile_source`] only, so the rest of sync does not depend on its API.

/// A file the compiler rejected.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct CompileFailure {
    /// The local file.
    pub file: String,
    /// 1-based line (0: unknown).
    pub line: u32,
    /// The compiler's message (`SyntaxError: …`).
    pub message: String,
}

/// Whether a board file name is compiled when `--compile` is on.
pub fn is_compiled(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with(".py") && name != "main.py" && name != "boot.py"
}

/// The `.mpy` name of a compiled `.py` file.
pub fn mpy_name(rel: &str) -> String {
    format!("{}.mpy", rel.trim_end_matches(".py"))
}

/// The `.mpy` format a compiled file has: (version, sub-version), read from its header.
pub fn mpy_format(data: &[u8]) -> Option<(u8, u8)> {
    match data {
        [b'M', version, flags, ..] => Some((*version, flags & 3)),
        _ => None,
    }
}

/// Compiles `source` (the file `file`, stored in the `.mpy` as `name`) at `optimize` level.
pub fn compile_source(
    source: &[u8],
    file: &str,
    name: &str,
    optimize: u8,
) -> Result<Vec<u8>, CompileFailure> {
    let options = mpy_compiler::CompileOptions {
        opt_level: optimize,
        ..mpy_compiler::CompileOptions::default()
    };
    mpy_compiler::compile_bytes(source, name, &options).map_err(|e| CompileFailure {
        file: file.to_string(),
        line: e.line,
        message: format!("{}: {}", e.kind, e.message),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_and_boot_stay_source() {
        assert!(is_compiled("lib/util.py"));
        assert!(!is_compiled("main.py"));
        assert!(!is_compiled("boot.py"));
        assert!(!is_compiled("data.json"));
        assert_eq!(mpy_name("lib/util.py"), "lib/util.mpy");
        assert_eq!(mpy_format(b"M\x06\x03\x1f"), Some((6, 3)));
    }
}
