//! The serial link to the board as sync needs it: raw REPL entry that tolerates a busy board,
//! raw-paste execution with its flow control (plain raw REPL on old firmware), a program that
//! keeps reading the board's stdin while the host streams to it, and the friendly-REPL soft
//! reset that runs `main.py`.
//!
//! It runs on the protocol crate's [`Transport`] (which opens ports without toggling DTR/RTS, so
//! ESP boards are not reset, and never waits for the wire after a write). Sync streams data into
//! a running program and reads its acknowledgements byte by byte while it runs; the protocol's
//! `Session` runs code call-and-return only, so starting a program and finishing it later are
//! done here.

use std::time::{Duration, Instant};

use upy_protocol::{SerialOptions, SerialTransport, Transport};

const RAW_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";
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
        source: upy_protocol::Error,
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
    /// The raw REPL banner never came.
    #[error("could not enter the raw REPL on {port} (last output: {seen:?})")]
    RawReplRefused {
        /// The port.
        port: String,
        /// The tail of what the board printed instead.
        seen: String,
    },
    /// The board did not take the code.
    #[error("the board on {port} refused the code (answered {answer:?})")]
    CodeRefused {
        /// The port.
        port: String,
        /// What it said.
        answer: String,
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
    port: Box<dyn Transport>,
    name: String,
    pending: Vec<u8>,
    raw_paste: Option<bool>,
}

impl Link {
    /// Opens `name` at `baud`.
    pub fn open(name: &str, baud: u32) -> Result<Link, LinkError> {
        let options = SerialOptions {
            baud,
            ..SerialOptions::default()
        };
        let port = SerialTransport::open(name, &options).map_err(|source| LinkError::Open {
            port: name.to_string(),
            source,
        })?;
        Ok(Link {
            port: Box::new(port),
            name: name.to_string(),
            pending: Vec::new(),
            raw_paste: None,
        })
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

    /// Writes all of `data`.
    pub fn write(&mut self, data: &[u8]) -> Result<(), LinkError> {
        let result = self.port.write_all(data);
        result.map_err(|_| self.disconnected())
    }

    /// Reads what is available within one short slice of time into the pending buffer;
    /// returns how many bytes came.
    pub fn poll(&mut self) -> Result<usize, LinkError> {
        self.read_within(READ_SLICE)
    }

    fn read_within(&mut self, timeout: Duration) -> Result<usize, LinkError> {
        let mut buf = [0u8; 4096];
        match self.port.read(&mut buf, timeout) {
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                Ok(n)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(0),
            Err(_) => Err(self.disconnected()),
        }
    }

    /// Takes everything received so far.
    pub fn take_pending(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }

    /// Reads one byte, waiting up to `timeout`.
    pub fn read_byte(&mut self, timeout: Duration, doing: &'static str) -> Result<u8, LinkError> {
        let deadline = Instant::now() + timeout;
        loop {
            if !self.pending.is_empty() {
                return Ok(self.pending.remove(0));
            }
            if Instant::now() >= deadline {
                return Err(self.timeout(doing));
            }
            self.poll()?;
        }
    }

    /// Whether bytes are waiting (without blocking).
    fn has_input(&mut self) -> Result<bool, LinkError> {
        if !self.pending.is_empty() {
            return Ok(true);
        }
        Ok(self.read_within(Duration::ZERO)? > 0)
    }

    /// Reads until `needle` arrived; returns what came before it and keeps what follows.
    /// `on_data` sees the bytes as they arrive, for streaming output.
    pub fn read_until(
        &mut self,
        needle: &[u8],
        timeout: Option<Duration>,
        doing: &'static str,
        mut on_data: impl FnMut(&[u8]),
    ) -> Result<Vec<u8>, LinkError> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut shown = 0;
        loop {
            if let Some(at) = find(&self.pending, needle) {
                if at > shown {
                    on_data(&self.pending[shown..at]);
                }
                let rest = self.pending.split_off(at + needle.len());
                let mut before = std::mem::replace(&mut self.pending, rest);
                before.truncate(at);
                return Ok(before);
            }
            // Hold back a possible partial needle at the end.
            let safe = self.pending.len().saturating_sub(needle.len() - 1);
            if safe > shown {
                on_data(&self.pending[shown..safe]);
                shown = safe;
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(self.timeout(doing));
            }
            self.poll()?;
        }
    }

    /// Reads and drops input until the board has been quiet for `quiet` (at most `limit`).
    fn drain(&mut self, quiet: Duration, limit: Duration) -> Result<Vec<u8>, LinkError> {
        let start = Instant::now();
        let mut last = Instant::now();
        while last.elapsed() < quiet && start.elapsed() < limit {
            if self.poll()? > 0 {
                last = Instant::now();
            }
        }
        Ok(self.take_pending())
    }

    /// Stops whatever runs and enters the raw REPL, retrying with longer waits.
    pub fn enter_raw(&mut self) -> Result<(), LinkError> {
        let mut seen = Vec::new();
        for attempt in 0..4u32 {
            self.write(b"\r\x03")?;
            std::thread::sleep(Duration::from_millis(10 + 40 * u64::from(attempt)));
            self.write(b"\x03")?;
            seen = self.drain(
                Duration::from_millis(15 + 50 * u64::from(attempt)),
                Duration::from_millis(300 + 500 * u64::from(attempt)),
            )?;
            self.write(b"\r\x01")?;
            let wait = Duration::from_millis(800 + 1200 * u64::from(attempt));
            match self.read_until(RAW_BANNER, Some(wait), "entering the raw REPL", |_| {}) {
                Ok(_) => {
                    // A second banner may follow when the first Ctrl-A met a raw REPL already.
                    let extra = self.drain(Duration::from_millis(3), Duration::from_millis(20))?;
                    if let Some(at) = find_last(&extra, RAW_BANNER) {
                        self.pending = extra[at + RAW_BANNER.len()..].to_vec();
                    } else {
                        self.pending = extra;
                    }
                    return Ok(());
                }
                Err(LinkError::Timeout { .. }) => {
                    seen.extend(self.take_pending());
                }
                Err(other) => return Err(other),
            }
        }
        let tail = String::from_utf8_lossy(&seen[seen.len().saturating_sub(120)..]).into_owned();
        Err(LinkError::RawReplRefused {
            port: self.name.clone(),
            seen: tail,
        })
    }

    /// Sends `code` to the raw REPL and waits until it has started; afterwards the program's
    /// output and the end of it are read with [`Link::finish`], and what is written goes to
    /// its stdin.
    pub fn start(&mut self, code: &[u8]) -> Result<(), LinkError> {
        if self.raw_paste != Some(false) && self.start_raw_paste(code)? {
            return Ok(());
        }
        for chunk in code.chunks(256) {
            self.write(chunk)?;
            std::thread::sleep(Duration::from_millis(10));
        }
        self.write(b"\x04")?;
        let answer = [
            self.read_byte(Duration::from_secs(5), "sending code")?,
            self.read_byte(Duration::from_secs(5), "sending code")?,
        ];
        if &answer != b"OK" {
            return Err(LinkError::CodeRefused {
                port: self.name.clone(),
                answer: String::from_utf8_lossy(&answer).into_owned(),
            });
        }
        Ok(())
    }

    /// Raw-paste mode; `Ok(false)` when the firmware does not have it.
    fn start_raw_paste(&mut self, code: &[u8]) -> Result<bool, LinkError> {
        const WAIT: Duration = Duration::from_secs(5);
        self.write(b"\x05A\x01")?;
        let answer = [
            self.read_byte(WAIT, "starting raw-paste")?,
            self.read_byte(WAIT, "starting raw-paste")?,
        ];
        match &answer {
            b"R\x01" => {}
            b"R\x00" => {
                self.raw_paste = Some(false);
                return Ok(false);
            }
            _ => {
                // Old firmware took the bytes as a raw REPL reset and printed its banner.
                self.read_until(b">", Some(WAIT), "starting raw-paste", |_| {})?;
                self.raw_paste = Some(false);
                return Ok(false);
            }
        }
        self.raw_paste = Some(true);
        let increment = u16::from_le_bytes([
            self.read_byte(WAIT, "starting raw-paste")?,
            self.read_byte(WAIT, "starting raw-paste")?,
        ]) as usize;
        let mut window = increment;
        let mut sent = 0;
        while sent < code.len() {
            while window == 0 || self.has_input()? {
                match self.read_byte(WAIT, "sending code")? {
                    0x01 => window += increment,
                    0x04 => {
                        self.write(b"\x04")?;
                        return Err(LinkError::CodeRefused {
                            port: self.name.clone(),
                            answer: "end of input requested".into(),
                        });
                    }
                    other => {
                        return Err(LinkError::CodeRefused {
                            port: self.name.clone(),
                            answer: format!("{:?}", other as char),
                        })
                    }
                }
            }
            let n = window.min(code.len() - sent);
            self.write(&code[sent..sent + n])?;
            sent += n;
            window -= n;
        }
        self.write(b"\x04")?;
        // The board acknowledges the end of input with 0x04, maybe after more window bytes.
        self.read_until(b"\x04", Some(WAIT), "compiling code", |_| {})?;
        Ok(true)
    }

    /// Reads the running program's output to its end; a traceback becomes an error.
    pub fn finish(
        &mut self,
        timeout: Option<Duration>,
        on_output: impl FnMut(&[u8]),
    ) -> Result<ExecOutput, LinkError> {
        let stdout = self.read_until(b"\x04", timeout, "running code", on_output)?;
        let error = self.read_until(
            b"\x04",
            Some(Duration::from_secs(5)),
            "running code",
            |_| {},
        )?;
        self.read_until(b">", Some(Duration::from_secs(5)), "running code", |_| {})?;
        if !error.is_empty() {
            return Err(LinkError::Exception {
                traceback: String::from_utf8_lossy(&error).trim_end().to_string(),
            });
        }
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
        self.write(b"\x02")?;
        self.read_until(
            b">>> ",
            Some(Duration::from_secs(5)),
            "leaving the raw REPL",
            |_| {},
        )?;
        self.write(b"\x04")?;
        self.read_until(
            b"soft reboot\r\n",
            Some(Duration::from_secs(10)),
            "soft-resetting",
            |_| {},
        )?;
        Ok(())
    }

    /// Back to the friendly REPL, leaving the board as it is.
    pub fn leave_raw(&mut self) -> Result<(), LinkError> {
        self.write(b"\x02")
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_and_last() {
        assert_eq!(find(b"abcabc", b"bc"), Some(1));
        assert_eq!(find_last(b"abcabc", b"bc"), Some(4));
        assert_eq!(find(b"a", b"bc"), None);
    }
}
