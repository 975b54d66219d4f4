//! Where the board's output goes: straight to stdout as it arrives, to the capture file, and
//! into a short memory of recent output that the session waits on (prompts, echo, quiet).
//!
//! upy's own notices share the lock, so they never land in the middle of a board write, and
//! start on a fresh line.

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How much recent output is remembered for prompt detection.
const TAIL_LEN: usize = 256;

/// How stdout and stderr are shown.
#[derive(Debug, Clone, Copy)]
pub struct Display {
    /// stdout is the raw-mode terminal: a bare LF would not return the cursor, so it becomes
    /// CR LF (boards send CR LF already; the unix port sends LF alone).
    pub fix_newlines: bool,
    /// stderr is the raw-mode terminal: notices need CR LF too.
    pub raw_stderr: bool,
    /// stdout and stderr are the same screen: a notice after a partial line starts a new one.
    pub shared_screen: bool,
    /// `--quiet`: informational notices are not shown.
    pub quiet: bool,
}

/// The board's output and what the session knows about it.
pub struct Output {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    display: Display,
    stdout: io::Stdout,
    /// The last byte shown on stdout, to know whether a notice needs a line break first.
    last_shown: u8,
    capture: Option<(PathBuf, File)>,
    tail: Vec<u8>,
    received: u64,
    last_activity: Instant,
    closed: bool,
}

/// What a waiting session can look at.
pub struct Seen<'a> {
    pub tail: &'a [u8],
    pub received: u64,
    pub quiet_for: Duration,
}

impl Output {
    pub fn new(display: Display, capture: Option<(PathBuf, File)>) -> Output {
        Output {
            state: Mutex::new(State {
                display,
                stdout: io::stdout(),
                last_shown: b'\n',
                capture,
                tail: Vec::with_capacity(TAIL_LEN * 2),
                received: 0,
                last_activity: Instant::now(),
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state inconsistent in a way that
        // matters more than losing the output, so a poisoned lock is simply taken over.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Shows and records bytes from the board. An error means stdout is gone.
    pub fn board(&self, bytes: &[u8]) -> io::Result<()> {
        let mut state = self.lock();
        if state.closed || bytes.is_empty() {
            return Ok(());
        }
        state.received += bytes.len() as u64;
        state.last_activity = Instant::now();
        state.tail.extend_from_slice(bytes);
        if state.tail.len() > TAIL_LEN {
            let excess = state.tail.len() - TAIL_LEN;
            state.tail.drain(..excess);
        }
        self.changed.notify_all();
        if let Some((path, file)) = &mut state.capture {
            if let Err(e) = file.write_all(bytes) {
                let message = format!("stopped capturing to {}: {e}", path.display());
                state.capture = None;
                state.notice_locked(&message, true);
            }
        }
        let shown = if state.display.fix_newlines {
            crlf(state.last_shown, bytes)
        } else {
            bytes.to_vec()
        };
        state.last_shown = bytes[bytes.len() - 1];
        let mut out = state.stdout.lock();
        out.write_all(&shown)?;
        out.flush()
    }

    /// An informational line on stderr, hidden by `--quiet`.
    pub fn notice(&self, message: &str) {
        self.lock().notice_locked(message, false);
    }

    /// A line on stderr that is shown even with `--quiet`.
    pub fn warn(&self, message: &str) {
        self.lock().notice_locked(message, true);
    }

    /// Stops showing board output (the session is ending and the terminal is being restored).
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        // The shell's prompt should not start after the board's `>>> `.
        if state.display.fix_newlines && state.last_shown != b'\n' {
            let mut out = state.stdout.lock();
            let _ = out.write_all(b"\r\n").and_then(|()| out.flush());
        }
        if let Some((_, file)) = &mut state.capture {
            let _ = file.flush();
        }
    }

    /// Waits until `done` holds for what was seen, or `timeout` passes; tells which.
    pub fn wait_until(&self, timeout: Duration, done: impl Fn(&Seen) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            let seen = Seen {
                tail: &state.tail,
                received: state.received,
                quiet_for: state.last_activity.elapsed(),
            };
            if done(&seen) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            // Short slices so conditions on quiet time are re-checked without new output.
            let slice = (deadline - now).min(Duration::from_millis(50));
            state = match self.changed.wait_timeout(state, slice) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    /// How many bytes the board has sent so far.
    pub fn received(&self) -> u64 {
        self.lock().received
    }

    /// Counts the current moment as activity (input was sent; its answer is still to come).
    pub fn touch(&self) {
        self.lock().last_activity = Instant::now();
    }

    /// Forgets the remembered output, so later waits see only what comes next.
    pub fn forget_tail(&self) {
        self.lock().tail.clear();
    }
}

impl State {
    fn notice_locked(&mut self, message: &str, always: bool) {
        if self.display.quiet && !always {
            return;
        }
        let newline = if self.display.raw_stderr {
            "\r\n"
        } else {
            "\n"
        };
        // Board output that stopped mid-line would otherwise run into the notice.
        let lead = if self.display.shared_screen && self.last_shown != b'\n' {
            self.last_shown = b'\n';
            newline
        } else {
            ""
        };
        let _ = self.stdout.lock().flush();
        let mut err = io::stderr().lock();
        let _ = write!(err, "{lead}upy: {message}{newline}");
        let _ = err.flush();
    }
}

/// Turns every LF not preceded by CR into CR LF; `before` is the byte shown just before `bytes`.
fn crlf(mut before: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    for &byte in bytes {
        if byte == b'\n' && before != b'\r' {
            out.push(b'\r');
        }
        out.push(byte);
        before = byte;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::crlf;

    #[test]
    fn bare_line_feeds_get_a_carriage_return() {
        assert_eq!(crlf(b'x', b"a\nb\r\nc\n"), b"a\r\nb\r\nc\r\n");
    }

    #[test]
    fn a_crlf_split_across_reads_stays_one_line_break() {
        assert_eq!(crlf(b'\r', b"\nx"), b"\nx");
        assert_eq!(crlf(b'a', b"\n"), b"\r\n");
    }

    #[test]
    fn invalid_utf8_passes_through() {
        assert_eq!(crlf(b'a', b"\xff\xfe\n"), b"\xff\xfe\r\n");
    }
}
