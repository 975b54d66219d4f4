//! `upy sha256sum :PATH...`: SHA-256 of files on the board, in `sha256sum` format.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy sha256sum`.
#[derive(Debug, Args)]
pub struct Sha256sumArgs {
    /// Files on the board (hashed on the board when it has hashlib)
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: Sha256sumArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut out = std::io::stdout().lock();
    for path in &args.paths {
        let hash = session.fs().sha256(board_path(path)).board()?;
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{hex}  :{}", board_path(path).trim_start_matches('/'))?;
    }
    Ok(Status::Success)
}
