//! The byte stream to a board: a trait, and its serial-port implementation.

use std::io::{self, Read, Write};
use std::time::Duration;

use serialport::SerialPort;

use crate::error::{Error, Result};

/// How long a write may wait for a board that does not take input.
const WRITE_PATIENCE: Duration = Duration::from_secs(2);

/// A bidirectional byte stream to a board.
///
/// The session needs only these calls, so tests and other links (a TCP bridge, a WebREPL) can
/// implement it. Reads wait at most `timeout` and return `Ok(0)` when nothing arrived.
pub trait Transport: Send {
    /// Reads what is available, waiting up to `timeout` for the first byte; `Ok(0)` on timeout.
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize>;
    /// Writes every byte (blocking until the OS has taken them).
    fn write_all(&mut self, data: &[u8]) -> io::Result<()>;
    /// Sets the DTR line; ptys and some adapters refuse, which callers treat as harmless.
    fn set_dtr(&mut self, level: bool) -> io::Result<()>;
    /// Sets the RTS line; ptys and some adapters refuse, which callers treat as harmless.
    fn set_rts(&mut self, level: bool) -> io::Result<()>;
    /// Drops bytes received but not yet read.
    fn discard_input(&mut self) -> io::Result<()>;
    /// A second handle on the same stream, so one thread can read while another writes
    /// (the interactive REPL does this).
    fn try_clone(&self) -> io::Result<Box<dyn Transport>>;
    /// The port name, for messages.
    fn name(&self) -> &str;
}

/// How to open a serial port.
#[derive(Debug, Clone)]
pub struct SerialOptions {
    /// Baud rate; USB-CDC boards ignore it.
    pub baud: u32,
    /// Pulse DTR/RTS after opening to hard-reset boards with an auto-reset circuit (ESP32,
    /// ESP8266). Off by default: opening the port then leaves a running board alone.
    pub reset_on_open: bool,
}

impl Default for SerialOptions {
    fn default() -> Self {
        SerialOptions {
            baud: 115_200,
            reset_on_open: false,
        }
    }
}

/// A serial port (or pty) as a [`Transport`].
pub struct SerialTransport {
    port: Box<dyn SerialPort>,
    name: String,
}

impl SerialTransport {
    /// Opens `port` without touching DTR/RTS (unless `options.reset_on_open`), in exclusive mode.
    pub fn open(port: &str, options: &SerialOptions) -> Result<SerialTransport> {
        let opened = serialport::new(port, options.baud)
            .timeout(Duration::from_millis(100))
            .preserve_dtr_on_open()
            .open()
            .map_err(|err| open_error(port, err))?;
        let mut transport = SerialTransport {
            port: opened,
            name: port.to_string(),
        };
        if options.reset_on_open {
            transport.pulse_reset();
        }
        Ok(transport)
    }

    /// The classic auto-reset sequence: hold EN low through RTS with DTR released, then let go.
    /// Errors are ignored: ptys and adapters without modem lines cannot be reset this way.
    pub fn pulse_reset(&mut self) {
        let _ = self.port.write_data_terminal_ready(false);
        let _ = self.port.write_request_to_send(true);
        std::thread::sleep(Duration::from_millis(100));
        let _ = self.port.write_request_to_send(false);
    }
}

/// The operating system's own serial port type, for libraries that need it rather than a
/// [`Transport`] (espflash's connection, the ESP ROM client).
#[cfg(unix)]
pub type NativePort = serialport::TTYPort;
/// The operating system's own serial port type, for libraries that need it rather than a
/// [`Transport`] (espflash's connection, the ESP ROM client).
#[cfg(windows)]
pub type NativePort = serialport::COMPort;

/// Opens `port` as the OS's native port type with the same policy and errors as
/// [`SerialTransport::open`]: exclusive, DTR/RTS left alone, reads waiting `read_timeout`.
pub fn open_native(port: &str, baud: u32, read_timeout: Duration) -> Result<NativePort> {
    serialport::new(port, baud)
        .timeout(read_timeout)
        .preserve_dtr_on_open()
        .open_native()
        .map_err(|err| open_error(port, err))
}

/// Opens `port`, waiting up to `patience` for a port that is missing, busy or not yet
/// permitted, as one is for a moment after it reappears (the OS creates the device before
/// udev hands it to its group, and the board's USB stack may refuse the first open).
pub fn open_when_ready(
    port: &str,
    options: &SerialOptions,
    patience: Duration,
) -> Result<SerialTransport> {
    let deadline = std::time::Instant::now() + patience;
    loop {
        match SerialTransport::open(port, options) {
            Err(
                err @ (Error::PortNotFound { .. }
                | Error::PortBusy { .. }
                | Error::PortPermissionDenied { .. }
                | Error::PortOpen { .. }),
            ) => {
                if std::time::Instant::now() >= deadline {
                    return Err(err);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn open_error(port: &str, err: serialport::Error) -> Error {
    let port = port.to_string();
    match err.kind() {
        serialport::ErrorKind::NoDevice => Error::PortBusy { port },
        serialport::ErrorKind::Io(io::ErrorKind::NotFound) => Error::PortNotFound { port },
        serialport::ErrorKind::Io(io::ErrorKind::PermissionDenied) => {
            Error::PortPermissionDenied { port }
        }
        serialport::ErrorKind::Io(io::ErrorKind::WouldBlock) => Error::PortBusy { port },
        _ if !std::path::Path::new(&port).exists() && cfg!(unix) => Error::PortNotFound { port },
        _ => Error::PortOpen {
            port,
            detail: err.to_string(),
        },
    }
}

impl Transport for SerialTransport {
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        if self.port.timeout() != timeout {
            self.port
                .set_timeout(timeout)
                .map_err(|err| io::Error::other(err.to_string()))?;
        }
        loop {
            return match self.port.read(buf) {
                Ok(0) => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the port was closed",
                )),
                Ok(n) => Ok(n),
                Err(err) if err.kind() == io::ErrorKind::TimedOut => Ok(0),
                // A signal (Ctrl-C, handled by the caller's flag) is not silence from the board.
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => Err(err),
            };
        }
    }

    fn write_all(&mut self, mut data: &[u8]) -> io::Result<()> {
        // No flush: on a tty it is tcdrain, which would wait for the wire after every write.
        // A board that stops reading (its input buffer full) gets a while before the write fails.
        let started = std::time::Instant::now();
        while !data.is_empty() {
            match self.port.write(data) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => data = &data[n..],
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) if err.kind() == io::ErrorKind::TimedOut => {
                    if started.elapsed() > WRITE_PATIENCE {
                        return Err(err);
                    }
                }
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    fn set_dtr(&mut self, level: bool) -> io::Result<()> {
        self.port
            .write_data_terminal_ready(level)
            .map_err(|err| io::Error::other(err.to_string()))
    }

    fn set_rts(&mut self, level: bool) -> io::Result<()> {
        self.port
            .write_request_to_send(level)
            .map_err(|err| io::Error::other(err.to_string()))
    }

    fn discard_input(&mut self) -> io::Result<()> {
        self.port
            .clear(serialport::ClearBuffer::Input)
            .map_err(|err| io::Error::other(err.to_string()))
    }

    fn try_clone(&self) -> io::Result<Box<dyn Transport>> {
        let port = self
            .port
            .try_clone()
            .map_err(|err| io::Error::other(err.to_string()))?;
        Ok(Box::new(SerialTransport {
            port,
            name: self.name.clone(),
        }))
    }

    fn name(&self) -> &str {
        &self.name
    }
}
