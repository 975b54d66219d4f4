//! `upy mv :FROM :TO`: rename or move a file or folder on the board.

use anyhow::Result;
use clap::Args;
use upy_protocol::fs::{self, EntryKind};

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy mv`.
#[derive(Debug, Args)]
pub struct MvArgs {
    /// The file or folder to move (`:` optional: both paths are on the board)
    pub from: String,
    /// The new path; an existing folder receives FROM under its own name
    pub to: String,
}

pub fn run(args: MvArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let from = board_path(&args.from);
    let mut to = board_path(&args.to).to_string();
    let target = session.fs().stat(&to).board()?;
    if target.is_some_and(|entry| entry.kind == EntryKind::Dir) {
        let from_normal = fs::normalize(from).board()?;
        to = fs::join(&to, fs::file_name(&from_normal)).board()?;
    }
    session.fs().rename(from, &to).board()?;
    Ok(Status::Success)
}
