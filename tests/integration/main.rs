//! Integration tests: one binary, a module per command, all against real MicroPython.

mod simboard;
mod util;

mod cli;
mod fixture;
mod sync;
