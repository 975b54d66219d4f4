//! `upy df`: size and free space of the board's filesystem.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy df`.
#[derive(Debug, Args)]
pub struct DfArgs {
    /// A path on the filesystem to measure
    #[arg(default_value = ":")]
    pub path: String,
}

pub fn run(args: DfArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut out = std::io::stdout().lock();
    let space = session.fs().df(board_path(&args.path)).board()?;
    let used = space.total.saturating_sub(space.free);
    let percent = used
        .saturating_mul(100)
        .checked_div(space.total)
        .unwrap_or(0);
    writeln!(
        out,
        "{:>12} {:>12} {:>12} {:>5}",
        "size", "used", "free", "use%"
    )?;
    writeln!(
        out,
        "{:>12} {:>12} {:>12} {:>4}%",
        space.total, used, space.free, percent
    )?;
    Ok(Status::Success)
}
