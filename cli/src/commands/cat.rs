//! `upy cat :PATH...`: print files from the board.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use upy_protocol::fs::NoProgress;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy cat`.
#[derive(Debug, Args)]
pub struct CatArgs {
    /// Files on the board; their bytes go to stdout unchanged
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: CatArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut stdout = std::io::stdout().lock();
    for path in &args.paths {
        let data = session
            .fs()
            .read(board_path(path), &mut NoProgress)
            .board()?;
        stdout.write_all(&data)?;
    }
    stdout.flush()?;
    Ok(Status::Success)
}
