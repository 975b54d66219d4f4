//! Integration tests: one binary, a module per command, all against real MicroPython.

mod simboard;
mod util;

mod cat;
mod cli;
mod cp;
mod df;
mod eval;
mod exec;
mod fixture;
mod info;
mod ls;
mod mkdir;
mod repl;
mod reset;
mod rm;
mod rmdir;
mod run;
mod sha256sum;
mod sync;
mod tree;
