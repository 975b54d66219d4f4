//! `upy reset [--soft|--hard]`: restart the board.

use anyhow::Result;
use clap::Args;

use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Soft reset (the default): restart the interpreter, keep the hardware; boot.py and
    /// main.py run
    #[arg(long, conflicts_with = "hard")]
    pub soft: bool,

    /// Hard reset with machine.reset(): like pressing the reset button (USB may re-enumerate)
    #[arg(long)]
    pub hard: bool,
}

pub fn run(args: ResetArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    if args.hard {
        session.hard_reset().board()?;
        session.discard();
        ctx.printer.status("Hard reset: the board is restarting");
    } else {
        session.soft_reset_and_run_main().board()?;
        ctx.printer
            .status("Soft reset: boot.py and main.py are running");
    }
    Ok(Status::Success)
}
