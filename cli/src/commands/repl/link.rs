//! The board's port as the terminal uses it: the protocol crate's transport, split into a
//! reading half (for the output thread) and a writing half (for the keys).

use std::io;
use std::time::Duration;

use upy_protocol::{SerialOptions, SerialTransport, Transport};

/// How long a read waits before reporting nothing, which lets the reader notice a stop.
const READ_TIMEOUT: Duration = Duration::from_millis(100);

/// An open port to the board.
pub struct Link {
    transport: Box<dyn Transport>,
}

impl Link {
    /// Opens `path` with the protocol's policy (DTR/RTS left alone, exclusive access).
    pub fn open(path: &str, baud: u32) -> Result<Link, upy_protocol::Error> {
        let options = SerialOptions {
            baud,
            ..SerialOptions::default()
        };
        let transport = SerialTransport::open(path, &options)?;
        Ok(Link {
            transport: Box::new(transport),
        })
    }

    /// Takes over an open session's port (an earlier command of a chain), back in the
    /// friendly REPL.
    pub fn from_session(mut session: upy_protocol::Session) -> Result<Link, upy_protocol::Error> {
        session.exit_raw_repl()?;
        let (transport, _unread) = session.into_parts();
        Ok(Link { transport })
    }

    /// A second handle on the same port for the reading thread.
    pub fn reader(&self) -> io::Result<LinkReader> {
        Ok(LinkReader {
            transport: self.transport.try_clone()?,
        })
    }

    /// Writes all of `bytes` (the transport waits a while for a board slow to read).
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.transport.write_all(bytes)
    }
}

/// The reading half of a [`Link`].
pub struct LinkReader {
    transport: Box<dyn Transport>,
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
        match self.transport.read(buf, READ_TIMEOUT) {
            Ok(0) => Received::Nothing,
            Ok(n) => Received::Data(n),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Received::Nothing,
            Err(e) => Received::Lost(e),
        }
    }
}
