//! `upy`: one fast toolchain for MicroPython boards.
//!
//! The binary is glue: it parses arguments (`args`), resolves settings, dispatches to one
//! module per subcommand (`commands`), and maps errors to exit codes (`exit`). With several
//! boards it runs itself once per board (`boards`).

mod args;
mod boards;
mod commands;
mod connect;
mod exit;
mod ports;
mod printer;
mod settings;

use std::process::ExitCode;

fn main() -> ExitCode {
    let (mut global, chain) = args::parse_chain(std::env::args_os());
    let worker = boards::worker_port().is_some();
    match boards::plan(&mut global, &chain) {
        Ok(boards::Plan::One) => {}
        Ok(boards::Plan::Many(targets)) => {
            let printer = printer::Printer::new(global.quiet, global.no_progress);
            return boards::run_each(&targets, &printer).into();
        }
        Err(err) => return exit::report(&err).into(),
    }
    let printer = if worker {
        boards::events::start_reporting();
        printer::Printer::for_worker(global.quiet)
    } else {
        printer::Printer::new(global.quiet, global.no_progress)
    };
    let ctx = commands::Context::new(global, printer);
    let result = commands::run_chain(&ctx, chain);
    // The session (if any) leaves the raw REPL before the status is reported.
    drop(ctx);
    if worker {
        boards::events::finish();
    }
    match result {
        Ok(code) => code.into(),
        Err(err) => exit::report(&err).into(),
    }
}
