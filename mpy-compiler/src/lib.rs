//! Compile MicroPython source to .mpy v6.3 bytecode, byte-identical to mpy-cross 1.29.0.
#![deny(missing_docs)]

mod compile;
mod emit;
mod mpy;
mod opcode;
#[path = "compile/provisional_tree.rs"]
#[allow(missing_docs, dead_code)]
mod parse_tree;
mod scope;
