//! Remote paths: normalised on the host so code on the board never climbs above its root.

use crate::error::{Error, Result};

/// Normalises a board path to an absolute `/a/b` form: a leading `:` is dropped, `.` and empty
/// components vanish, `..` steps up, and stepping above `/` is an error.
pub fn normalize(path: &str) -> Result<String> {
    let trimmed = path.strip_prefix(':').unwrap_or(path);
    let mut parts: Vec<&str> = Vec::new();
    for part in trimmed.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Error::PathOutsideRoot {
                        path: path.to_string(),
                    });
                }
            }
            other => parts.push(other),
        }
    }
    Ok(format!("/{}", parts.join("/")))
}

/// Joins a normalised directory and a relative name (which may contain `/`).
pub fn join(dir: &str, name: &str) -> Result<String> {
    normalize(&format!("{}/{}", dir.trim_end_matches('/'), name))
}

/// The parent of a normalised path (`/` for top-level entries and for `/` itself).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(index) => &path[..index],
    }
}

/// The last component of a normalised path (empty for `/`).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// A Python bytes literal for `data` using only printable ASCII (safe inside raw REPL code).
pub fn py_bytes(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() + data.len() / 8 + 3);
    out.push_str("b'");
    for &byte in data {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            b'\n' => out.push_str("\\n"),
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push('\'');
    out
}

/// A Python string literal for `text`, safe inside raw REPL code (no raw control bytes).
pub fn py_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A board path as device code should use it: through `_a`, which drops the leading `/` on
/// flat filesystems (micro:bit) whose `open` does not know directories.
pub(crate) fn dev_path(path: &str) -> String {
    format!("_a({})", py_str(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize(":").unwrap(), "/");
        assert_eq!(normalize("").unwrap(), "/");
        assert_eq!(normalize(":main.py").unwrap(), "/main.py");
        assert_eq!(normalize("/lib//x/./y/../z.py").unwrap(), "/lib/x/z.py");
        assert_eq!(normalize("a/..").unwrap(), "/");
    }

    #[test]
    fn refuses_paths_above_root() {
        assert!(matches!(
            normalize(":../etc/passwd"),
            Err(Error::PathOutsideRoot { .. })
        ));
        assert!(matches!(
            normalize("/a/../../b"),
            Err(Error::PathOutsideRoot { .. })
        ));
    }

    #[test]
    fn parent_join_and_name() {
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(parent("/"), "/");
        assert_eq!(join("/", "x/y").unwrap(), "/x/y");
        assert_eq!(join("/a/", "b").unwrap(), "/a/b");
        assert_eq!(file_name("/a/b.py"), "b.py");
    }

    #[test]
    fn quotes_python_strings() {
        assert_eq!(py_str("a'b\\c"), r"'a\'b\\c'");
        assert_eq!(py_str("x\u{1}\n"), r"'x\x01\n'");
        assert_eq!(py_str("é"), "'é'");
        assert!(crate::raw_repl::is_sendable_code(
            py_str("\u{4}").as_bytes()
        ));
    }
}
