//! `upy edit :PATH`: edit a board file in the local editor.
//!
//! The file is fetched into a private temporary folder under its own name (so the editor picks
//! the right syntax), `$VISUAL` or `$EDITOR` runs on it, and only if the content changed is it
//! written back, through the same temp-name-then-rename upload as `upy cp`: an editor that
//! fails or a cable pulled mid-write leaves the board's file as it was.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result};
use clap::Args;
use upy_protocol::fs::{self, NoProgress};

use crate::commands::remote::{board_path, Bars};
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::{fail, Status};

/// Arguments of `upy edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// File on the board (`:` optional); a missing one is created when the edit saves text
    pub path: String,
}

pub fn run(args: EditArgs, ctx: &Context) -> Result<Status> {
    let remote = fs::normalize(board_path(&args.path)).board()?;
    let editor = editor_command()?;
    let mut session = connect(ctx)?;
    let original = match session.fs().read(&remote, &mut NoProgress) {
        Ok(data) => Some(data),
        Err(upy_protocol::Error::RemoteNotFound { .. }) => None,
        Err(err) => return Err(crate::connect::board_error(err)),
    };
    let folder = tempfile::tempdir().context("could not create a temporary folder")?;
    let name = match fs::file_name(&remote) {
        "" => "board-file",
        name => name,
    };
    let local = folder.path().join(name);
    std::fs::write(&local, original.as_deref().unwrap_or_default())
        .with_context(|| format!("could not write {}", local.display()))?;
    run_editor(&editor, &local)?;
    let edited = std::fs::read(&local)
        .with_context(|| format!("could not read the edited {}", local.display()))?;
    if original.as_deref() == Some(edited.as_slice()) || (original.is_none() && edited.is_empty()) {
        ctx.printer.status(format!("{remote}: unchanged"));
        return Ok(Status::Success);
    }
    session
        .fs()
        .write(&remote, &edited, &mut Bars::new(ctx.printer))
        .board()?;
    ctx.printer
        .status(format!("{remote}: saved ({} bytes)", edited.len()));
    Ok(Status::Success)
}

/// The editor command line: `$VISUAL`, else `$EDITOR`, else `vi`; it may carry arguments
/// (`code --wait`).
fn editor_command() -> Result<Vec<String>> {
    let text = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Err(fail(Status::Failure, "no editor: set $EDITOR"));
    }
    Ok(words)
}

fn run_editor(editor: &[String], file: &Path) -> Result<()> {
    let status = Command::new(&editor[0])
        .args(&editor[1..])
        .arg(file)
        .status()
        .map_err(|err| {
            fail(
                Status::Failure,
                format!(
                    "could not start the editor `{}`: {err}; set $VISUAL or $EDITOR",
                    editor[0]
                ),
            )
        })?;
    if !status.success() {
        return Err(fail(
            Status::Failure,
            format!(
                "the editor `{}` failed ({status}); the board's file is unchanged",
                editor.join(" ")
            ),
        ));
    }
    Ok(())
}
