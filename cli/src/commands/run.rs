//! `upy run FILE`: run a local Python file on the board without copying it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::commands::remote::{forward_ctrl_c, read_local, run_streamed};
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::{fail, Status};

/// Arguments of `upy run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Local Python file; its output streams here, Ctrl-C interrupts it on the board
    pub file: PathBuf,
}

pub fn run(args: RunArgs, ctx: &Context) -> Result<Status> {
    let source = read_local(&args.file)?;
    let code = String::from_utf8(source).map_err(|_| {
        fail(
            Status::LocalPath,
            format!("{} is not UTF-8 text", args.file.display()),
        )
    })?;
    let mut session = connect(ctx)?;
    forward_ctrl_c(&mut session);
    run_streamed(&mut session, &code)
}
