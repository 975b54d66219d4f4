//! The board named by `--port`: one session per command line, shared by every command of a
//! chain (`upy cp a.py : + exec "import a"`), and protocol errors turned into messages that say
//! what to do, each with its exit status.

use std::ops::{Deref, DerefMut};
use std::time::Duration;

use anyhow::Result;
use upy_protocol::{Error, SerialOptions, Session};

use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::ports;

/// How long opening waits for a port that is missing or busy for a moment (just replugged, or
/// released by a program that is closing it).
const OPEN_PATIENCE: Duration = Duration::from_millis(1500);

/// The chain's session, borrowed by one command; it goes back to the chain when dropped, so the
/// next command talks to the same interpreter without reconnecting or resetting.
pub struct Board<'a> {
    ctx: &'a Context,
    session: Option<Session>,
}

impl Board<'_> {
    /// Ends the session for good (after a hard reset the board is gone from under it); a later
    /// command of the chain connects afresh.
    pub fn discard(mut self) {
        self.session = None;
    }
}

impl Deref for Board<'_> {
    type Target = Session;
    fn deref(&self) -> &Session {
        self.session
            .as_ref()
            .expect("a board holds its session until dropped")
    }
}

impl DerefMut for Board<'_> {
    fn deref_mut(&mut self) -> &mut Session {
        self.session
            .as_mut()
            .expect("a board holds its session until dropped")
    }
}

impl Drop for Board<'_> {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            return_session(self.ctx, session);
        }
    }
}

/// Hands a session back to the chain for the commands after this one.
pub fn return_session(ctx: &Context, session: Session) {
    *ctx.board.borrow_mut() = Some(session);
}

/// The chain's session: the one an earlier command opened, or a new one on `--port` (`auto`
/// picks the only likely board). The raw REPL is entered on first use.
pub fn connect(ctx: &Context) -> Result<Board<'_>> {
    let session = match ctx.board.borrow_mut().take() {
        Some(session) => session,
        None => open(ctx)?,
    };
    Ok(Board {
        ctx,
        session: Some(session),
    })
}

/// The session an earlier command of the chain left open, if any.
pub fn take_open_session(ctx: &Context) -> Option<Session> {
    ctx.board.borrow_mut().take()
}

fn open(ctx: &Context) -> Result<Session> {
    let port = ports::resolve(&ctx.global.port)?;
    let options = SerialOptions {
        baud: ctx.global.baud,
        reset_on_open: ctx.global.reset_on_open,
    };
    let transport = upy_protocol::transport::open_when_ready(&port, &options, OPEN_PATIENCE)
        .map_err(board_error)?;
    Ok(Session::new(Box::new(transport)))
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
