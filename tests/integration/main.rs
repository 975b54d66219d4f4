//! Integration tests: one binary, a module per command, all against real MicroPython.

mod simboard;
mod util;

mod batch;
mod boards;
mod cat;
mod chain;
mod cli;
mod compile;
mod cp;
mod df;
mod download;
mod eval;
mod exec;
mod files;
mod fixture;
mod flash;
mod flash_catalog;
mod info;
mod ls;
mod mip;
mod mkdir;
mod mount;
mod repl;
mod reset;
mod rm;
mod rmdir;
mod romfs;
mod run;
mod session;
mod sha256sum;
mod sync;
mod sync_romfs;
mod tree;
mod wasmboard;
