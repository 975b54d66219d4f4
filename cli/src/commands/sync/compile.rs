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

/// The `-march` for a board whose `sys.implementation._mpy` is `sys_mpy`: its native
/// architecture, so `@micropython.native`, `viper` and `asm_*` functions compile for it; none
/// for a board without native code (those functions are then compile errors, as mpy-cross
/// without `-march` reports them).
pub fn board_march(sys_mpy: u32) -> Option<&'static str> {
    upy_protocol::MpyFormat::from_sys_mpy(sys_mpy)
        .arch_name()
        .filter(|name| *name != "none")
}

/// Compiles `source` (the file `file`, stored in the `.mpy` as `name`) at `optimize` level,
/// with native code for `march` when given.
pub fn compile_source(
    source: &[u8],
    file: &str,
    name: &str,
    optimize: u8,
    march: Option<&str>,
) -> Result<Vec<u8>, CompileFailure> {
    let options = mpy_compiler::CompileOptions {
        opt_level: optimize,
        march: march.map(str::to_string),
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

    #[test]
    fn native_functions_compile_for_the_boards_arch() {
        // The unix port on x86-64 reports 0x0a06 (x64), an ESP32 0x2806 (xtensawin).
        assert_eq!(board_march(0x0a06), Some("x64"));
        assert_eq!(board_march(0x2806), Some("xtensawin"));
        assert_eq!(board_march(0x0306), None);
        let source = b"@micropython.native\ndef f(x):\n    return x + 1\n";
        let mpy = compile_source(source, "m.py", "m.py", 0, board_march(0x2806)).unwrap();
        assert_eq!(mpy[2] >> 2, 10, "header names xtensawin");
        let err = compile_source(source, "m.py", "m.py", 0, board_march(0x0306)).unwrap_err();
        assert!(err.message.contains("invalid arch"), "{err}");
    }
}
