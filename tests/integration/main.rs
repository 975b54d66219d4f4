//! Integration tests: one binary, a module per command.

mod compile;
