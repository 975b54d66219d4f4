//! Exit codes and the one place where errors are printed.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | the operation failed for a reason the user can fix (bad path, board refused, compile error) |
//! | 2 | usage error (bad arguments; clap's own code) |
//! | 3 | no board: no such port, or `--port auto` found none or several |
//! | 4 | the board was disconnected mid-command |
//! | 5 | code run on the board raised an exception |
//! | 6 | the port is busy: another program has it open |
//! | 7 | permission denied on the port (join the `dialout` group) |
//! | 8 | the device does not answer like a MicroPython board (no raw REPL) |
//! | 9 | the board stopped answering |
//! | 10 | a file or directory is missing (on the board or locally) |
//! | 11 | the board's filesystem is full (its old file was kept) |
//! | 12 | a local path cannot be read or written |
//! | 13 | a remote path is outside the board's root |
//! | 14 | a package, version or package file is not in the index or at its URL |
//! | 15 | a download does not match its hash (nothing was written to the board) |
//! | 16 | the package server cannot be reached and the download cache lacks what is needed |
//! | 20 | several boards were given and at least one failed (the summary gives each board's code) |
//! | 130 | interrupted by Ctrl-C |

use std::process::ExitCode;

/// What a command returns on success or on a handled failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    Failure,
    NoDevice,
    DeviceLost,
    DeviceException,
    PortBusy,
    PortPermissionDenied,
    NotMicroPython,
    NotAnswering,
    NotFound,
    FilesystemFull,
    LocalPath,
    OutsideRoot,
    PackageNotFound,
    HashMismatch,
    NetworkUnreachable,
    Interrupted,
    BoardsFailed,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failure => 1,
            Status::NoDevice => 3,
            Status::DeviceLost => 4,
            Status::DeviceException => 5,
            Status::PortBusy => 6,
            Status::PortPermissionDenied => 7,
            Status::NotMicroPython => 8,
            Status::NotAnswering => 9,
            Status::NotFound => 10,
            Status::FilesystemFull => 11,
            Status::LocalPath => 12,
            Status::OutsideRoot => 13,
            Status::PackageNotFound => 14,
            Status::HashMismatch => 15,
            Status::NetworkUnreachable => 16,
            Status::Interrupted => 130,
            Status::BoardsFailed => 20,
        }
    }
}

/// A few words for an exit code, as the several-boards summary shows it.
pub fn meaning(code: i32) -> &'static str {
    match code {
        0 => "ok",
        1 => "failed",
        2 => "usage error",
        3 => "no board",
        4 => "board disconnected",
        5 => "exception on the board",
        6 => "port busy",
        7 => "permission denied",
        8 => "not MicroPython",
        9 => "board not answering",
        10 => "not found",
        11 => "filesystem full",
        12 => "local path error",
        13 => "path outside the root",
        130 => "interrupted",
        _ => "failed",
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// An error carrying the exit status it should produce.
#[derive(Debug)]
pub struct StatusError {
    pub status: Status,
    pub message: String,
}

impl std::fmt::Display for StatusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StatusError {}

/// Builds an error that ends the command with `status`.
pub fn fail(status: Status, message: impl Into<String>) -> anyhow::Error {
    StatusError {
        status,
        message: message.into(),
    }
    .into()
}

/// Prints the error chain once and picks the exit status.
pub fn report(err: &anyhow::Error) -> Status {
    if is_broken_pipe(err) {
        return Status::Success;
    }
    let status = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<StatusError>().map(|e| e.status))
        .unwrap_or(Status::Failure);
    let mut text = format!("error: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    eprintln!("{text}");
    status
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
