//! `upy`: one fast toolchain for MicroPython boards.
//!
//! The binary is glue: it parses arguments (`args`), resolves settings, dispatches to one
//! module per subcommand (`commands`), and maps errors to exit codes (`exit`).

mod args;
mod commands;
mod connect;
mod exit;
mod ports;
mod printer;
mod settings;

use std::process::ExitCode;

fn main() -> ExitCode {
    let (global, chain) = args::parse_chain(std::env::args_os());
    let printer = printer::Printer::new(global.quiet, global.no_progress);
    let ctx = commands::Context::new(global, printer);
    let result = commands::run_chain(&ctx, chain);
    // The session (if any) leaves the raw REPL before the status is reported.
    drop(ctx);
    match result {
        Ok(code) => code.into(),
        Err(err) => exit::report(&err).into(),
    }
}
