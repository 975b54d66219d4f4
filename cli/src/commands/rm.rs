//! `upy rm [-r] :PATH...`: remove files (and, with -r, directories) on the board.

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::{fail, Status};

/// Arguments of `upy rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Files (or, with -r, directories) on the board
    #[arg(required = true)]
    pub paths: Vec<String>,

    /// Remove directories and everything in them
    #[arg(short, long)]
    pub recursive: bool,
}

pub fn run(args: RmArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let paths: Vec<String> = args
        .paths
        .iter()
        .map(|p| board_path(p).to_string())
        .collect();
    if args.recursive {
        for path in &paths {
            if upy_protocol::fs::normalize(path).board()? == "/" {
                return Err(fail(
                    Status::Failure,
                    "refusing to remove the board's root; remove its entries instead (`upy rm -r :lib :main.py`)",
                ));
            }
        }
        session.fs().remove_many(&paths).board()?;
    } else {
        for path in &paths {
            match session.fs().remove(path) {
                Err(upy_protocol::Error::RemoteIsADirectory { path }) => {
                    return Err(fail(
                        Status::Failure,
                        format!(
                            "{path} is a directory on the board: use `upy rm -r` or `upy rmdir`"
                        ),
                    ))
                }
                other => other.board()?,
            }
        }
    }
    Ok(Status::Success)
}
