//! The board link as sync needs it, on the protocol crate's [`Session`]: the session owns the
//! port, the raw REPL state machine, raw-paste and the reader; sync adds a byte buffer for what
//! the board prints between syncs in `--watch`, and maps the protocol's errors onto the few
//! cases sync reports. Transfers go through the session's `fs().apply`, not through here.

use std::time::Duration;

use upy_protocol::{Error as ProtocolError, SerialOptions, Session};

const READ_SLICE: Duration = Duration::from_millis(5);

/// What can go wrong on the link.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The port could not be opened (missing, busy, not permitted).
    #[error("{source}")]
    Open {
        /// The port.
        port: String,
        /// Why.
        source: ProtocolError,
    },
    /// The port went away (unplugged, board reset its USB).
    #[error("{port} was disconnected")]
    Disconnected {
        /// The port.
        port: String,
    },
    /// The board did not answer in time.
    #[error("the board on {port} did not answer while {doing}")]
    Timeout {
        /// The port.
        port: String,
        /// What was being waited for.
        doing: &'static str,
    },
    /// The raw REPL could not be entered: the board is not MicroPython or is not answering.
    #[error("{source}")]
    RawReplRefused {
        /// The port.
        port: String,
        /// What the session found.
        source: ProtocolError,
    },
    /// The board did not take the code.
    #[error("the board on {port} refused the code ({reason})")]
    CodeRefused {
        /// The port.
        port: String,
        /// What went wrong.
        reason: String,
    },
    /// Code run on the board raised an exception.
    #[error("code on the board raised an exception:\n{traceback}")]
    Exception {
        /// The board's traceback.
        traceback: String,
    },
}

/// Output of a finished program.
#[derive(Debug, Default, Clone)]
pub struct ExecOutput {
    /// What it printed.
    pub stdout: Vec<u8>,
}

/// An open connection to a board.
pub struct Link {
    session: Session,
    name: String,
    pending: Vec<u8>,
}

impl Link {
    /// Opens `name` at `baud`, waiting briefly for a port that has just reappeared.
    pub fn open(name: &str, baud: u32) -> Result<Link, LinkError> {
        let options = SerialOptions {
            baud,
            ..SerialOptions::default()
        };
        let transport = upy_protocol::transport::open_when_ready(name, &options, OPEN_PATIENCE)
            .map_err(|source| LinkError::Open {
                port: name.to_string(),
                source,
            })?;
        Ok(Link::from_session(Session::new(Box::new(transport))))
    }

    /// Works on an open session (one an earlier command of a chain left).
    pub fn from_session(session: Session) -> Link {
        Link {
            name: session.port().to_string(),
            session,
            pending: Vec::new(),
        }
    }

    /// Gives the session back, for the commands after this one.
    pub fn into_session(self) -> Session {
        self.session
    }

    /// The session, for the transfer (its batch upload) and a romfs deploy.
    pub fn session(&mut self) -> &mut Session {
        self.pending.clear();
        &mut self.session
    }

    /// The port's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn disconnected(&self) -> LinkError {
        LinkError::Disconnected {
            port: self.name.clone(),
        }
    }

    fn timeout(&self, doing: &'static str) -> LinkError {
        LinkError::Timeout {
            port: self.name.clone(),
            doing,
        }
    }

    /// The session's error as sync reports it.
    fn classify(&self, err: ProtocolError) -> LinkError {
        match err {
            ProtocolError::Disconnected { .. } => self.disconnected(),
            ProtocolError::NotAnswering { waiting_for, .. } => self.timeout(waiting_for),
            ProtocolError::Exception(exception) => LinkError::Exception {
                traceback: exception.traceback.trim_end().to_string(),
            },
            err @ ProtocolError::NotMicroPython { .. } => LinkError::RawReplRefused {
                port: self.name.clone(),
                source: err,
            },
            other => LinkError::CodeRefused {
                port: self.name.clone(),
                reason: other.to_string(),
            },
        }
    }

    /// Writes all of `data`.
    pub fn write(&mut self, data: &[u8]) -> Result<(), LinkError> {
        let result = self.session.write_raw(data);
        result.map_err(|err| self.classify(err))
    }

    /// Reads what is available within one short slice of time into the pending buffer;
    /// returns how many bytes came.
    pub fn poll(&mut self) -> Result<usize, LinkError> {
        self.read_within(READ_SLICE)
    }

    fn read_within(&mut self, timeout: Duration) -> Result<usize, LinkError> {
        let mut buf = [0u8; 4096];
        match self.session.read_raw(&mut buf, timeout) {
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                Ok(n)
            }
            Err(err) => Err(self.classify(err)),
        }
    }

    /// Hands bytes read ahead back to the session before it reads a reply itself.
    fn return_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.session.unread(&pending);
    }

    /// Takes everything received so far.
    pub fn take_pending(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }

    /// Stops whatever runs and enters the raw REPL (the session retries with longer waits and
    /// recognises a device that is not MicroPython).
    pub fn enter_raw(&mut self) -> Result<(), LinkError> {
        self.pending.clear();
        self.session.enter_raw_repl().map_err(|err| match err {
            err @ ProtocolError::NotAnswering { .. } => LinkError::RawReplRefused {
                port: self.name.clone(),
                source: err,
            },
            other => self.classify(other),
        })
    }

    /// Sends `code` to the raw REPL and waits until it has started; afterwards the program's
    /// output and the end of it are read with [`Link::finish`], and what is written goes to
    /// its stdin.
    pub fn start(&mut self, code: &[u8]) -> Result<(), LinkError> {
        self.pending.clear();
        let code = String::from_utf8_lossy(code);
        let result = self.session.start_program(&code);
        result.map_err(|err| self.classify(err))
    }

    /// Reads the running program's output to its end; a traceback becomes an error.
    pub fn finish(
        &mut self,
        timeout: Option<Duration>,
        mut on_output: impl FnMut(&[u8]),
    ) -> Result<ExecOutput, LinkError> {
        self.return_pending();
        let mut stdout = Vec::new();
        let result = self.session.finish_program(
            &mut |bytes| {
                stdout.extend_from_slice(bytes);
                on_output(bytes);
            },
            timeout,
        );
        result.map_err(|err| self.classify(err))?;
        Ok(ExecOutput { stdout })
    }

    /// Runs `code` to its end and returns what it printed.
    pub fn exec(&mut self, code: &[u8], timeout: Duration) -> Result<ExecOutput, LinkError> {
        self.start(code)?;
        self.finish(Some(timeout), |_| {})
    }

    /// Leaves the raw REPL and soft-resets from the friendly REPL, so the board boots and runs
    /// `boot.py` and `main.py`. Waits for the reboot line; what follows is the program's.
    pub fn soft_reset_and_run_main(&mut self) -> Result<(), LinkError> {
        self.return_pending();
        let result = self.session.soft_reset_and_run_main();
        result.map_err(|err| self.classify(err))
    }

    /// Back to the friendly REPL, leaving the board as it is.
    pub fn leave_raw(&mut self) -> Result<(), LinkError> {
        let result = self.session.exit_raw_repl();
        result.map_err(|err| self.classify(err))
    }
}

/// How long opening waits for a port that is missing or busy for a moment after a replug (a
/// board re-enumerating after a reset or a cable put back takes a second or two).
const OPEN_PATIENCE: Duration = Duration::from_secs(3);
