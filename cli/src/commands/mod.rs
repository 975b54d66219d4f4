//! One module per subcommand, each with its `…Args` and a `run` function.

pub mod completions;
pub mod devs;
pub mod sync;

use anyhow::Result;

use crate::args::{Cli, Command, GlobalArgs};
use crate::exit::Status;
use crate::printer::Printer;

/// What every command gets besides its own arguments.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
}

/// Dispatches to the subcommand.
pub fn run(cli: Cli, printer: Printer) -> Result<Status> {
    let ctx = Context {
        global: cli.global,
        printer,
    };
    match cli.command {
        Command::Devs(args) => devs::run(args, &ctx),
        Command::Completions(args) => completions::run(args),
        Command::Sync(args) => sync::run(args, &ctx),
    }
}
