//! `upy rmdir :PATH...`: remove empty directories on the board.

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy rmdir`.
#[derive(Debug, Args)]
pub struct RmdirArgs {
    /// Empty directories on the board
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: RmdirArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    for path in &args.paths {
        session.fs().rmdir(board_path(path)).board()?;
    }
    Ok(Status::Success)
}
