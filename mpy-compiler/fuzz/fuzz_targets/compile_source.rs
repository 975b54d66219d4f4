//! Feeds arbitrary bytes to the compiler: it must return bytes or an error, never panic.
//!
//! Run with `scripts/fuzz-compiler` (stable toolchain) or `cargo fuzz run compile_source`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_compiler::{compile_bytes_on_this_thread, CompileOptions};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so -O levels and small-int widths are covered too.
    let selector = data.first().copied().unwrap_or(0);
    let options = CompileOptions {
        opt_level: selector & 3,
        small_int_bits: if selector & 4 != 0 { 63 } else { 31 },
        source_lines: selector & 8 == 0,
        ..CompileOptions::default()
    };
    // The fuzz script raises the stack limit, so no thread is needed per input.
    if let Ok(mpy) = compile_bytes_on_this_thread(data, "fuzz.py", &options) {
        assert!(mpy.starts_with(b"M\x06"));
    }
});
