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

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let printer = printer::Printer::new(cli.global.quiet, cli.global.no_progress);
    match commands::run(cli, printer) {
        Ok(code) => code.into(),
        Err(err) => exit::report(&err).into(),
    }
}
