//! `upy mkdir [-p] :PATH...`: create directories on the board.

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy mkdir`.
#[derive(Debug, Args)]
pub struct MkdirArgs {
    /// Directories to create on the board
    #[arg(required = true)]
    pub paths: Vec<String>,

    /// Create missing parents too; an existing directory is not an error (`-p` is `--port`)
    #[arg(long)]
    pub parents: bool,
}

pub fn run(args: MkdirArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    for path in &args.paths {
        session.fs().mkdir(board_path(path), args.parents).board()?;
    }
    Ok(Status::Success)
}
