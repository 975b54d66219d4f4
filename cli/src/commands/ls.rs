//! `upy ls [-l] [-r] [:PATH]`: list a directory on the board.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use upy_protocol::fs::EntryKind;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Directory on the board (`:` or `:/` is the root)
    #[arg(default_value = ":")]
    pub path: String,

    /// Long format: size in bytes before each name
    #[arg(short, long)]
    pub long: bool,

    /// List subdirectories recursively, with paths relative to PATH
    #[arg(short, long)]
    pub recursive: bool,
}

pub fn run(args: LsArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut out = std::io::stdout().lock();
    let path = board_path(&args.path);
    let entries = if args.recursive {
        session.fs().walk(path, false).board()?
    } else {
        session.fs().ls(path).board()?
    };
    for entry in entries {
        let suffix = if entry.kind == EntryKind::Dir {
            "/"
        } else {
            ""
        };
        if args.long {
            writeln!(out, "{:>10} {}{suffix}", entry.size, entry.name)?;
        } else {
            writeln!(out, "{}{suffix}", entry.name)?;
        }
    }
    Ok(Status::Success)
}
