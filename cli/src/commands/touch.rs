//! `upy touch :PATH...`: create empty files on the board (existing ones are left as they are).

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy touch`.
#[derive(Debug, Args)]
pub struct TouchArgs {
    /// Files on the board (`:` optional); one that exists keeps its content
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: TouchArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    for path in &args.paths {
        session.fs().touch(board_path(path)).board()?;
    }
    Ok(Status::Success)
}
