//! Helpers shared by the file commands: `:path` arguments, local file errors, progress bars,
//! and running code with streamed output and Ctrl-C.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::Result;
use indicatif::ProgressBar;
use upy_protocol::fs::Progress;
use upy_protocol::{Error, Session};

use crate::connect::board_error;
use crate::exit::{fail, Status};
use crate::printer::Printer;

/// The board path in `arg` if it is marked as remote with a leading `:`.
pub fn remote_path(arg: &str) -> Option<&str> {
    arg.strip_prefix(':')
}

/// A board path for commands whose arguments are always on the board (`:` optional).
pub fn board_path(arg: &str) -> &str {
    arg.strip_prefix(':').unwrap_or(arg)
}

/// Reads a local file, with the exit status for missing (10) or unreadable (12) paths.
pub fn read_local(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|err| local_error(path, "read", &err))
}

/// The error for a local path that could not be used.
pub fn local_error(path: &Path, action: &str, err: &std::io::Error) -> anyhow::Error {
    let status = if err.kind() == std::io::ErrorKind::NotFound {
        Status::NotFound
    } else {
        Status::LocalPath
    };
    let hint = match err.kind() {
        std::io::ErrorKind::PermissionDenied => ": check its permissions",
        std::io::ErrorKind::NotFound => ": check the path",
        _ => "",
    };
    fail(
        status,
        format!("cannot {action} local path {}: {err}{hint}", path.display()),
    )
}

/// A progress bar per file, drawn only when the printer allows it.
pub struct Bars {
    printer: Printer,
    bar: Option<ProgressBar>,
}

impl Bars {
    pub fn new(printer: Printer) -> Bars {
        Bars { printer, bar: None }
    }
}

impl Progress for Bars {
    fn on_file_start(&mut self, path: &str, size: u64) {
        self.bar = Some(self.printer.bytes_bar(size, path));
    }
    fn on_bytes(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
    fn on_file_done(&mut self, _path: &str) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Makes Ctrl-C interrupt the code running on the board (a second Ctrl-C quits at once).
pub fn forward_ctrl_c(session: &mut Session) {
    let flag = Arc::new(AtomicBool::new(false));
    // Registering can only fail for forbidden signals; without it Ctrl-C just ends upy.
    let _ = signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGINT,
        130,
        Arc::clone(&flag),
    );
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&flag));
    session.set_cancel_flag(flag);
}

/// Runs code with its output streamed to stdout; an exception's traceback goes to stderr and
/// gives exit status 5, Ctrl-C gives 130.
pub fn run_streamed(session: &mut Session, code: &str) -> Result<Status> {
    let mut stdout = std::io::stdout().lock();
    let mut write_error = None;
    let result = session.exec(code, &mut |bytes| {
        if write_error.is_none() {
            if let Err(err) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                write_error = Some(err);
            }
        }
    });
    if let Some(err) = write_error {
        return Err(err.into());
    }
    match result {
        Ok(()) => Ok(Status::Success),
        Err(Error::Exception(exception)) => {
            let _ = stdout.flush();
            eprintln!("{}", exception.traceback);
            Ok(Status::DeviceException)
        }
        Err(Error::Interrupted) => {
            eprintln!("interrupted");
            Ok(Status::Interrupted)
        }
        Err(err) => Err(board_error(err)),
    }
}
