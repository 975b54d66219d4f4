//! One module per subcommand, each with its `…Args` and a `run` function.

pub mod cat;
pub mod compile;
pub mod completions;
pub mod cp;
pub mod devs;
pub mod df;
pub mod eval;
pub mod exec;
pub mod firmware;
pub mod flash;
pub mod info;
pub mod ls;
pub mod mkdir;
pub mod remote;
pub mod repl;
pub mod reset;
pub mod rm;
pub mod rmdir;
pub mod romfs;
pub mod run;
pub mod sha256sum;
pub mod sync;
pub mod tree;

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
        Command::Exec(args) => exec::run(args, &ctx),
        Command::Eval(args) => eval::run(args, &ctx),
        Command::Run(args) => run::run(args, &ctx),
        Command::Ls(args) => ls::run(args, &ctx),
        Command::Tree(args) => tree::run(args, &ctx),
        Command::Cat(args) => cat::run(args, &ctx),
        Command::Cp(args) => cp::run(args, &ctx),
        Command::Rm(args) => rm::run(args, &ctx),
        Command::Mkdir(args) => mkdir::run(args, &ctx),
        Command::Rmdir(args) => rmdir::run(args, &ctx),
        Command::Df(args) => df::run(args, &ctx),
        Command::Sha256sum(args) => sha256sum::run(args, &ctx),
        Command::Reset(args) => reset::run(args, &ctx),
        Command::Info(args) => info::run(args, &ctx),
        Command::Repl(args) => repl::run(args, &ctx),
        Command::Flash(args) => flash::run(args, &ctx),
        Command::Firmware(args) => firmware::run(args, &ctx),
        Command::Compile(args) => compile::run(args, &ctx),
        Command::Sync(args) => sync::run(args, &ctx),
        Command::Romfs(args) => romfs::run(args, &ctx),
    }
}
