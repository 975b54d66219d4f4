//! x86-64 machine code from upy runs on the real MicroPython unix port.
//!
//! Each native/viper test program of `tests/data/native` is compiled by upy with
//! `-march=x64`, imported as a `.mpy` by the unix port of the project's venv, and must print
//! what the same interpreter prints running the source.

use std::fs;
use std::path::Path;
use std::process::Command;

use mpy_compiler::{compile, CompileOptions};

mod common;
use common::*;

/// Output and exit status of `micropython ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(venv_tool("micropython"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("micropython runs");
    format!(
        "{}{}status {:?}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        output.status.code()
    )
}

#[test]
fn x64_native_and_viper_modules_run_like_their_source() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/native");
    let files = py_files(&data);
    let options = CompileOptions {
        march: Some("x64".into()),
        ..CompileOptions::default()
    };
    let work = tempdir();
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{stem}.py");
        let source = fs::read_to_string(path).expect("source readable");
        // Files that are meant not to compile (viper type errors) have nothing to run.
        let Ok(mpy) = compile(&source, &name, &options) else {
            continue;
        };
        let src_dir = work.join("src").join(&stem);
        let mpy_dir = work.join("mpy").join(&stem);
        fs::create_dir_all(&src_dir).unwrap();
        fs::create_dir_all(&mpy_dir).unwrap();
        fs::write(src_dir.join(&name), &source).unwrap();
        fs::write(mpy_dir.join(format!("{stem}.mpy")), &mpy).unwrap();
        let from_source = run(&src_dir, &[&name]);
        let from_mpy = run(&mpy_dir, &["-c", &format!("import {stem}")]);
        ran += 1;
        if from_source != from_mpy {
            failures.push(format!(
                "{name}: from source:\n{from_source}\nfrom .mpy:\n{from_mpy}"
            ));
        }
    }
    let _ = fs::remove_dir_all(&work);
    assert!(ran >= 4, "only {ran} programs ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} modules behave differently from their source:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
