//! Feeds arbitrary bytes to the native and viper emitters of every `-march` target: each input
//! is compiled three times (decorated functions only, `-X emit=native`, `-X emit=viper`) and
//! must give bytes or an error, never a panic, an overflow or a hang.
//!
//! Run with `scripts/fuzz-compiler --native` (stable toolchain) or
//! `cargo fuzz run compile_native`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_compiler::{compile_bytes_on_this_thread, CompileOptions, EmitMode};

/// Every architecture mpy-cross 1.29.0 emits native code for.
const ARCHES: [&str; 11] = [
    "x64",
    "x86",
    "armv6",
    "armv6m",
    "armv7m",
    "armv7em",
    "armv7emsp",
    "armv7emdp",
    "xtensa",
    "xtensawin",
    "rv32imc",
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the target and the options, so every arch is reached from every
    // corpus entry once the fuzzer mutates that byte.
    let selector = data.first().copied().unwrap_or(0);
    let march = ARCHES[usize::from(selector & 0x0f) % ARCHES.len()];
    let arch_flags = if march == "rv32imc" {
        u32::from(selector >> 4) & 3
    } else {
        0
    };
    for emit in [EmitMode::Bytecode, EmitMode::Native, EmitMode::Viper] {
        let options = CompileOptions {
            opt_level: if selector & 0x40 != 0 { 3 } else { 0 },
            small_int_bits: if selector & 0x80 != 0 { 63 } else { 31 },
            march: Some(march.to_string()),
            arch_flags,
            emit,
            ..CompileOptions::default()
        };
        // The fuzz script raises the stack limit, so no thread is needed per input.
        if let Ok(mpy) = compile_bytes_on_this_thread(data, "fuzz.py", &options) {
            assert!(mpy.starts_with(b"M\x06"));
        }
    }
});
