//! The serial link to the board: finding the port, opening it, and splitting it into a reading
//! half (for the output thread) and a writing half (for the keys).
//!
//! This is the only part of the REPL that knows about `serialport`; it is kept small so that a
//! shared transport can replace it without touching the session.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use serialport::SerialPort;

use crate::exit::{fail, Status};

/// How long a read waits before returning `TimedOut`, which lets the reader notice a stop.
const READ_TIMEOUT: Duration = Duration::from_millis(100);

/// How long a write may wait for a board that does not take input before the bytes are dropped.
const WRITE_PATIENCE: Duration = Duration::from_secs(2);

/// An open serial port to the board.
pub struct Link {
    port: Box<dyn SerialPort>,
}

/// Why a port could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The path does not exist (unplugged, or a typo).
    Missing,
    /// Another program holds the port.
    Busy,
    /// The user may not open the port.
    PermissionDenied,
    /// Anything else the system reported.
    Other(String),
}

impl OpenError {
    /// The message and exit status for the user.
    pub fn into_failure(self, path: &str) -> anyhow::Error {
        let message = match self {
            OpenError::Missing => format!(
                "no serial port {path}: is the board plugged in? `upy devs` lists the ports"
            ),
            OpenError::Busy => format!(
                "{path} is busy: another program (a terminal, mpremote, another upy) has it open"
            ),
            OpenError::PermissionDenied => format!(
                "permission denied opening {path}: on Linux, add yourself to the `dialout` group"
            ),
            OpenError::Other(reason) => format!("could not open {path}: {reason}"),
        };
        fail(Status::NoDevice, message)
    }
}

impl Link {
    /// Opens `path` without touching DTR/RTS, so boards with auto-reset circuits are not reset.
    pub fn open(path: &str, baud: u32) -> Result<Link, OpenError> {
        let port = serialport::new(path, baud)
            .preserve_dtr_on_open()
            .timeout(READ_TIMEOUT)
            .open()
            .map_err(classify)?;
        Ok(Link { port })
    }

    /// A second handle on the same port for the reading thread.
    pub fn reader(&self) -> io::Result<LinkReader> {
        let port = self.port.try_clone().map_err(io::Error::other)?;
        Ok(LinkReader { port })
    }

    /// Writes all of `bytes`, waiting up to a couple of seconds for a board that is slow to read.
    pub fn write_all(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        let started = Instant::now();
        while !bytes.is_empty() {
            match self.port.write(bytes) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    if started.elapsed() > WRITE_PATIENCE {
                        return Err(e);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The reading half of a [`Link`].
pub struct LinkReader {
    port: Box<dyn SerialPort>,
}

/// What one read brought.
pub enum Received {
    /// Bytes from the board.
    Data(usize),
    /// Nothing within the read timeout.
    Nothing,
    /// The port is gone (unplugged, reset, or closed by the other side).
    Lost(io::Error),
}

impl LinkReader {
    pub fn read(&mut self, buf: &mut [u8]) -> Received {
        match self.port.read(buf) {
            Ok(0) => Received::Lost(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the port closed",
            )),
            Ok(n) => Received::Data(n),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                        | io::ErrorKind::WouldBlock
                ) =>
            {
                Received::Nothing
            }
            Err(e) => Received::Lost(e),
        }
    }
}

fn classify(error: serialport::Error) -> OpenError {
    match error.kind() {
        // serialport reports both a TIOCEXCL refusal and a held lock as "no device".
        serialport::ErrorKind::NoDevice => OpenError::Busy,
        serialport::ErrorKind::Io(io::ErrorKind::NotFound) => OpenError::Missing,
        serialport::ErrorKind::Io(io::ErrorKind::PermissionDenied) => OpenError::PermissionDenied,
        _ => OpenError::Other(error.description),
    }
}
