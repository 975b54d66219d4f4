//! Opening the board named by `--port`, and turning protocol errors into messages that say
//! what to do, each with its exit status.

use anyhow::Result;
use upy_protocol::{Error, SerialOptions, Session};

use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::ports;

/// Resolves `--port` (`auto` picks the only likely board) and opens a session. The raw REPL is
/// entered on first use.
pub fn connect(ctx: &Context) -> Result<Session> {
    let port = ports::resolve(&ctx.global.port)?;
    let options = SerialOptions {
        baud: ctx.global.baud,
        reset_on_open: ctx.global.reset_on_open,
    };
    Session::open(&port, &options).map_err(board_error)
}

/// The exit status and advice for a protocol error.
pub fn board_error(err: Error) -> anyhow::Error {
    let (status, message) = match &err {
        Error::PortNotFound { port } => (
            Status::NoDevice,
            format!("no serial port {port}: check the cable, or run `upy devs` to list ports"),
        ),
        Error::PortBusy { port } => (
            Status::PortBusy,
            format!(
                "serial port {port} is busy: close the other program using it (a terminal, \
                 mpremote, Thonny, another upy) and try again"
            ),
        ),
        Error::PortPermissionDenied { port } => (
            Status::PortPermissionDenied,
            format!(
                "permission denied opening {port}: add yourself to the dialout group \
                 (`sudo usermod -aG dialout $USER`), then log out and in again"
            ),
        ),
        Error::PortOpen { .. } => (Status::NoDevice, err.to_string()),
        Error::Disconnected { port, .. } => (
            Status::DeviceLost,
            format!(
                "the board on {port} was disconnected mid-command: plug it in again and retry \
                 (files being written keep their previous content)"
            ),
        ),
        Error::NotAnswering { .. } => (
            Status::NotAnswering,
            format!(
                "{err}: press the board's reset button or re-plug it, then retry; check --baud"
            ),
        ),
        Error::NotMicroPython { port, .. } => (
            Status::NotMicroPython,
            format!(
                "{err}\nIs MicroPython flashed on the board at {port}, and is --baud right \
                 (usually 115200)? `upy flash` installs MicroPython."
            ),
        ),
        Error::Exception(exception) => (Status::DeviceException, exception.traceback.clone()),
        Error::RemoteNotFound { .. } => (Status::NotFound, err.to_string()),
        Error::FilesystemFull { .. } => (
            Status::FilesystemFull,
            format!("{err}; free space with `upy rm` (see `upy df`)"),
        ),
        Error::PathOutsideRoot { .. } => (
            Status::OutsideRoot,
            format!("{err}: board paths start at `:` or `:/` and cannot climb above it with `..`"),
        ),
        Error::Interrupted => (Status::Interrupted, "interrupted".to_string()),
        _ => (Status::Failure, err.to_string()),
    };
    fail(status, message)
}

/// Extension to map protocol results in one call.
pub trait BoardResult<T> {
    /// Converts the error with [`board_error`].
    fn board(self) -> Result<T>;
}

impl<T> BoardResult<T> for std::result::Result<T, Error> {
    fn board(self) -> Result<T> {
        self.map_err(board_error)
    }
}
