//! Compile MicroPython source to .mpy v6.3 bytecode, byte-identical to mpy-cross 1.29.0.
#![deny(missing_docs)]

mod emit;
mod mpy;
mod opcode;
