//! One module per subcommand, each with its `…Args` and a `run` function.

pub mod cat;
pub mod compile;
pub mod completions;
pub mod cp;
pub mod devs;
pub mod df;
pub mod edit;
pub mod eval;
pub mod exec;
pub mod firmware;
pub mod firmware_update;
pub mod flash;
pub mod identify;
pub mod info;
pub mod ls;
pub mod mip;
pub mod mkdir;
pub mod mount;
pub mod mv;
pub mod remote;
pub mod repl;
pub mod reset;
pub mod resume;
pub mod rm;
pub mod rmdir;
pub mod romfs;
pub mod rtc;
pub mod run;
pub mod sha256sum;
pub mod soft_reset;
pub mod sync;
pub mod touch;
pub mod tree;

use std::cell::RefCell;

use anyhow::Result;

use crate::args::{Command, GlobalArgs};
use crate::exit::Status;
use crate::printer::Printer;

/// What every command gets besides its own arguments.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
    /// The board session shared by the commands of a chain (see `connect`).
    pub(crate) board: RefCell<Option<upy_protocol::Session>>,
    /// Where `mount` mounted a local folder, to unmount when the chain ends.
    pub(crate) mount_point: RefCell<Option<String>>,
}

impl Context {
    pub fn new(global: GlobalArgs, printer: Printer) -> Context {
        Context {
            global,
            printer,
            board: RefCell::new(None),
            mount_point: RefCell::new(None),
        }
    }
}

/// Runs a chain of commands (`upy cp main.py : + exec "import main"`) over one connection,
/// stopping at the first that does not succeed.
pub fn run_chain(ctx: &Context, mut commands: Vec<Command>) -> Result<Status> {
    // A mount is for something to run: on its own it opens the REPL, as mpremote's does.
    if let Some(Command::Mount(args)) = commands.last() {
        if !args.watch {
            commands.push(Command::Repl(repl::ReplArgs::default()));
        }
    }
    let mut outcome = Ok(Status::Success);
    for command in commands {
        outcome = run(command, ctx);
        if !matches!(outcome, Ok(Status::Success)) {
            break;
        }
    }
    mount::unmount_at_end(ctx);
    outcome
}

/// Dispatches to the subcommand.
pub fn run(command: Command, ctx: &Context) -> Result<Status> {
    match command {
        Command::Devs(args) => devs::run(args, ctx),
        Command::Completions(args) => completions::run(args),
        Command::Exec(args) => exec::run(args, ctx),
        Command::Eval(args) => eval::run(args, ctx),
        Command::Run(args) => run::run(args, ctx),
        Command::Ls(args) => ls::run(args, ctx),
        Command::Tree(args) => tree::run(args, ctx),
        Command::Cat(args) => cat::run(args, ctx),
        Command::Cp(args) => cp::run(args, ctx),
        Command::Rm(args) => rm::run(args, ctx),
        Command::Mkdir(args) => mkdir::run(args, ctx),
        Command::Rmdir(args) => rmdir::run(args, ctx),
        Command::Df(args) => df::run(args, ctx),
        Command::Sha256sum(args) => sha256sum::run(args, ctx),
        Command::Reset(args) => reset::run(args, ctx),
        Command::Info(args) => info::run(args, ctx),
        Command::Repl(args) => repl::run(args, ctx),
        Command::Flash(args) => flash::run(args, ctx),
        Command::Firmware(args) => firmware::run(args, ctx),
        Command::Compile(args) => compile::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Mv(args) => mv::run(args, ctx),
        Command::Touch(args) => touch::run(args, ctx),
        Command::Edit(args) => edit::run(args, ctx),
        Command::Rtc(args) => rtc::run(args, ctx),
        Command::Resume(args) => resume::run(args, ctx),
        Command::SoftReset(args) => soft_reset::run(args, ctx),
        Command::Romfs(args) => romfs::run(args, ctx),
        Command::Mount(args) => mount::run(args, ctx),
        Command::Mip(args) => mip::run(args, ctx),
    }
}
