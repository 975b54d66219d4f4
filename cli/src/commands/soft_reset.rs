//! `upy soft-reset`: clear the board's interpreter and stay connected, as mpremote's
//! `soft-reset` does: the heap is emptied and `boot.py` runs, `main.py` does not (use
//! `upy reset` to run it).

use anyhow::Result;
use clap::Args;

use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy soft-reset`.
#[derive(Debug, Args)]
pub struct SoftResetArgs {}

pub fn run(_args: SoftResetArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    session.soft_reset().board()?;
    Ok(Status::Success)
}
