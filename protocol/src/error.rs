//! The crate's one error type.

use std::io;
use std::time::Duration;

/// Everything that can go wrong talking to a board.
///
/// Variants are named for what happened and carry where it happened (port, remote path), so the
/// caller can print a message and pick an exit status without parsing text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The serial port does not exist.
    #[error("no serial port {port}")]
    PortNotFound {
        /// The port name as given.
        port: String,
    },
    /// Another program holds the port open.
    #[error("serial port {port} is busy (another program has it open)")]
    PortBusy {
        /// The port name as given.
        port: String,
    },
    /// The user may not open the port.
    #[error("permission denied opening {port}")]
    PortPermissionDenied {
        /// The port name as given.
        port: String,
    },
    /// Opening or configuring the port failed for another reason.
    #[error("could not open serial port {port}: {detail}")]
    PortOpen {
        /// The port name as given.
        port: String,
        /// What the operating system said.
        detail: String,
    },
    /// Reading or writing the port failed: the board was unplugged or the link broke.
    #[error("lost the connection to the board on {port}: {source}")]
    Disconnected {
        /// The port name.
        port: String,
        /// The underlying I/O error.
        #[source]
        source: io::Error,
    },
    /// The board sent nothing for too long while an answer was due.
    #[error("the board on {port} stopped answering (nothing for {:.1} s while waiting for {waiting_for})", timeout.as_secs_f32())]
    NotAnswering {
        /// The port name.
        port: String,
        /// What the board was expected to send.
        waiting_for: &'static str,
        /// How long it stayed silent.
        timeout: Duration,
    },
    /// The port answers, but not like a MicroPython REPL.
    #[error("the device on {port} does not look like a MicroPython board (it never showed a MicroPython prompt; it sent {received})")]
    NotMicroPython {
        /// The port name.
        port: String,
        /// A short readable sample of what the device sent (text, or bytes in hex).
        received: String,
    },
    /// The board sent bytes the protocol does not allow at this point.
    #[error("unexpected reply from the board while {context}: {received:?}")]
    UnexpectedReply {
        /// What the session was doing.
        context: &'static str,
        /// The bytes that surprised it, lossily decoded.
        received: String,
    },
    /// Code to run contains a raw byte 0x01..0x05, which the raw REPL takes as a command.
    #[error("the code contains the control byte 0x{byte:02x} at offset {offset}; write it as an escape (\\x{byte:02x}) instead")]
    UnsendableCode {
        /// The byte.
        byte: u8,
        /// Where it is in the code.
        offset: usize,
    },
    /// Code run on the board raised an exception.
    #[error("{0}")]
    Exception(#[from] DeviceException),
    /// A path on the board does not exist.
    #[error("no such file or directory on the board: {path}")]
    RemoteNotFound {
        /// The remote path.
        path: String,
    },
    /// A path on the board already exists.
    #[error("already exists on the board: {path}")]
    RemoteExists {
        /// The remote path.
        path: String,
    },
    /// A directory was needed, but the path is a file.
    #[error("not a directory on the board: {path}")]
    RemoteNotADirectory {
        /// The remote path.
        path: String,
    },
    /// A file was needed, but the path is a directory.
    #[error("is a directory on the board: {path}")]
    RemoteIsADirectory {
        /// The remote path.
        path: String,
    },
    /// `rmdir` of a directory that still has entries.
    #[error("directory not empty on the board: {path}")]
    RemoteDirectoryNotEmpty {
        /// The remote path.
        path: String,
    },
    /// The board's filesystem ran out of space; the previous file content was kept.
    #[error(
        "the board's filesystem is full while writing {path} (the previous file, if any, was kept)"
    )]
    FilesystemFull {
        /// The remote path being written.
        path: String,
    },
    /// A remote path climbs above the board's root with `..`.
    #[error("remote path {path} is outside the board's root")]
    PathOutsideRoot {
        /// The path as given.
        path: String,
    },
    /// Data read back from the board does not match what was expected.
    #[error("transfer of {path} was corrupted ({detail})")]
    TransferCorrupted {
        /// The remote path.
        path: String,
        /// What did not match.
        detail: String,
    },
    /// The board lacks a feature the operation needs and no fallback exists.
    #[error("the board does not support {feature}")]
    Unsupported {
        /// The missing feature.
        feature: &'static str,
    },
    /// A local folder to serve (a mount) cannot be used.
    #[error("cannot serve the local folder {path}: {source}")]
    LocalFolder {
        /// The folder as given.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The caller asked to stop (Ctrl-C); the board was interrupted.
    #[error("interrupted")]
    Interrupted,
}

/// An exception raised by code on the board, with its traceback.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct DeviceException {
    /// The exception class name, e.g. `OSError`, `NameError`.
    pub kind: String,
    /// The text after the class name on the last line, e.g. `[Errno 2] ENOENT`.
    pub message: String,
    /// The errno of an `OSError`, when the message carries one.
    pub errno: Option<i32>,
    /// The whole text the board printed, traceback included.
    pub traceback: String,
}

impl DeviceException {
    /// Parses the exception text the raw REPL sends after the first `\x04`.
    pub fn parse(text: &[u8]) -> DeviceException {
        let traceback = String::from_utf8_lossy(text).replace("\r\n", "\n");
        let last = traceback
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("")
            .trim();
        let (kind, message) = match last.split_once(':') {
            Some((kind, message)) if is_class_name(kind) => (kind.to_string(), message.trim()),
            _ if is_class_name(last) => (last.to_string(), ""),
            _ => ("Exception".to_string(), last),
        };
        let errno = if kind == "OSError" {
            parse_errno(message)
        } else {
            None
        };
        DeviceException {
            kind,
            message: message.to_string(),
            errno,
            traceback: traceback.trim_end().to_string(),
        }
    }
}

fn is_class_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// `[Errno 2] ENOENT` and plain `2` (old firmware prints `OSError: 2`).
fn parse_errno(message: &str) -> Option<i32> {
    let rest = message.strip_prefix("[Errno ").unwrap_or(message);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// The errno values MicroPython uses on every port.
pub(crate) mod errno {
    pub const ENOENT: i32 = 2;
    pub const EEXIST: i32 = 17;
    pub const ENOTDIR: i32 = 20;
    pub const EISDIR: i32 = 21;
    pub const ENOSPC: i32 = 28;
    pub const ENOTEMPTY: i32 = 39;
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_oserror_with_errno() {
        let text = b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n";
        let exc = DeviceException::parse(text);
        assert_eq!(exc.kind, "OSError");
        assert_eq!(exc.message, "[Errno 2] ENOENT");
        assert_eq!(exc.errno, Some(2));
        assert!(exc.traceback.starts_with("Traceback"));
    }

    #[test]
    fn parses_old_firmware_errno_and_bare_class() {
        assert_eq!(DeviceException::parse(b"OSError: 28\n").errno, Some(28));
        let exc = DeviceException::parse(b"Traceback...\nKeyboardInterrupt: \n");
        assert_eq!(exc.kind, "KeyboardInterrupt");
        let exc = DeviceException::parse(b"KeyboardInterrupt\n");
        assert_eq!(exc.kind, "KeyboardInterrupt");
        assert_eq!(exc.message, "");
    }

    #[test]
    fn keeps_message_with_colons() {
        let exc = DeviceException::parse(b"NameError: name 'x' isn't defined: really\n");
        assert_eq!(exc.kind, "NameError");
        assert_eq!(exc.message, "name 'x' isn't defined: really");
        assert_eq!(exc.errno, None);
    }
}
