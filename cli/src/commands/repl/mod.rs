//! `upy repl`: this terminal connected to the board's friendly REPL.
//!
//! - `link` finds and opens the serial port (the only part that knows `serialport`);
//! - `terminal` puts the local terminal in raw mode and always restores it;
//! - `output` shows the board's bytes as they arrive and records them (`--capture`);
//! - `keys` decides which keys upy keeps (exit, suspend, paste) and prepares pasted code;
//! - `session` runs the threads, reconnects, and types `--exec`/`--paste` code in paste mode.
//!
//! Everything is checked (port, files) before the terminal changes mode, so a failure to start
//! leaves the terminal untouched.

mod keys;
mod link;
mod output;
mod session;
mod terminal;

use std::fs::File;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use clap::Args;

use crate::commands::Context;
use crate::exit::{fail, Status};
use link::Link;
use output::{Display, Output};
use session::{Session, SessionOptions};
use terminal::RawTerminal;

/// The keys and the scripted use, shown under `upy repl --help`.
const KEYS_HELP: &str = "\
Keys go to the board as typed: Ctrl-C interrupts, Ctrl-D soft-resets, Ctrl-E enters paste mode,
Tab completes, arrows recall history. upy keeps Ctrl-] and Ctrl-X (exit), Ctrl-Z (suspend upy;
`fg` resumes) and, with --paste, Ctrl-T (paste the file again, read afresh).

When stdin is not a terminal, its bytes are forwarded and upy exits once input has ended and the
board is back at its prompt (or quiet for 3 s). Exit status: 0 done, 3 no port (missing, busy,
not permitted), 4 board lost (with --no-reconnect, or before piped output ended) or giving no
prompt for --exec/--paste.";

/// Arguments of `upy repl`.
#[derive(Debug, Default, Args)]
#[command(after_help = KEYS_HELP)]
pub struct ReplArgs {
    /// Record everything the board prints to FILE (created or truncated)
    #[arg(long, value_name = "FILE")]
    pub capture: Option<PathBuf>,

    /// Send FILE through the board's paste mode when connected; Ctrl-T sends it again
    #[arg(long, value_name = "FILE")]
    pub paste: Option<PathBuf>,

    /// Run CODE on the board (through paste mode) before handing over the keyboard
    #[arg(long, value_name = "CODE")]
    pub exec: Option<String>,

    /// Exit when the board disconnects instead of waiting for it to come back
    #[arg(long)]
    pub no_reconnect: bool,
}

pub fn run(args: ReplArgs, ctx: &Context) -> Result<Status> {
    let port = crate::ports::resolve(&ctx.global.port)?;
    let exec = match &args.exec {
        Some(code) => Some(keys::paste_payload(code.as_bytes()).map_err(|bad| {
            fail(
                Status::Failure,
                format!(
                    "--exec code holds byte {:#04x} at offset {}, which would end paste mode",
                    bad.byte, bad.offset
                ),
            )
        })?),
        None => None,
    };
    if let Some(path) = &args.paste {
        std::fs::metadata(path).map_err(|e| {
            fail(
                Status::Failure,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
    }
    let capture = match &args.capture {
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("cannot create the capture file {}", path.display()))?;
            Some((path.clone(), file))
        }
        None => None,
    };
    let link = match crate::connect::take_open_session(ctx) {
        Some(session) => Link::from_session(session),
        None => Link::open(&port, ctx.global.baud),
    }
    .map_err(crate::connect::board_error)?;

    let interactive = std::io::stdin().is_terminal();
    let terminal = if interactive {
        Some(RawTerminal::enable().context("could not put the terminal in raw mode")?)
    } else {
        None
    };
    let stdout_terminal = std::io::stdout().is_terminal();
    let stderr_terminal = std::io::stderr().is_terminal();
    let display = Display {
        fix_newlines: interactive && stdout_terminal,
        raw_stderr: interactive && stderr_terminal,
        shared_screen: stdout_terminal && stderr_terminal,
        quiet: ctx.global.quiet,
    };
    let output = Arc::new(Output::new(display, capture));
    let mut greeting = format!("connected to {port}; Ctrl-] or Ctrl-X exits");
    if let Some(path) = &args.paste {
        greeting.push_str(&format!(", Ctrl-T pastes {} again", path.display()));
    }
    output.notice(&greeting);

    let options = SessionOptions {
        port,
        baud: ctx.global.baud,
        reconnect: !args.no_reconnect,
        exec,
        paste_file: args.paste,
    };
    Session::new(options, link, output, terminal).run()
}
