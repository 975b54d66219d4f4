//! `upy eval EXPR`: print the value of a Python expression evaluated on the board.

use anyhow::Result;
use clap::Args;

use crate::commands::remote::{forward_ctrl_c, run_streamed};
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::Status;

/// Arguments of `upy eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A Python expression; its `repr` is printed
    pub expression: String,
}

pub fn run(args: EvalArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    forward_ctrl_c(&mut session);
    run_streamed(&mut session, &format!("print(repr({}))", args.expression))
}
