//! `upy exec CODE`: run Python code on the board, streaming its output.

use anyhow::Result;
use clap::Args;

use crate::commands::remote::{forward_ctrl_c, run_streamed};
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::Status;

/// Arguments of `upy exec`.
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Python code to run on the board (statements; use `upy eval` for an expression's value)
    pub code: String,
}

pub fn run(args: ExecArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    forward_ctrl_c(&mut session);
    run_streamed(&mut session, &args.code)
}
