//! `upy resume`: go on with the board as it is.
//!
//! mpremote soft-resets a board the first time it enters the raw REPL unless told `resume`;
//! upy never resets on connecting, so the word only keeps mpremote's command lines working
//! (`upy resume exec "print(x)"` sees the variables a running program left).

use anyhow::Result;
use clap::Args;

use crate::commands::Context;
use crate::connect::connect;
use crate::exit::Status;

/// Arguments of `upy resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {}

pub fn run(_args: ResumeArgs, ctx: &Context) -> Result<Status> {
    // Connecting now keeps the promise for what follows: one session, no reset.
    let _session = connect(ctx)?;
    Ok(Status::Success)
}
