//! `upy completions SHELL`: shell completions generated from the clap model.

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

use crate::args;
use crate::exit::Status;

/// Arguments of `upy completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<Status> {
    let mut command = args::command();
    clap_complete::generate(args.shell, &mut command, "upy", &mut std::io::stdout());
    Ok(Status::Success)
}
