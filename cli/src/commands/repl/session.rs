//! One REPL session: keys to the board, the board's output to the screen, and what happens when
//! the board goes away.
//!
//! Three threads: one reads stdin, one reads the port and writes straight to stdout (so output
//! has no added latency), and the session thread owns the port's writing half and reacts to
//! [`Event`]s from both. When the port is lost, the session says so and keeps trying to open it
//! again (unless told not to), while still listening for the exit key.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::keys::{self, ForbiddenByte, KeyMap, LocalKey};
use super::link::{Link, Received};
use super::output::{Output, Seen};
use super::terminal::RawTerminal;
use crate::exit::{fail, Status};

/// How often a lost port is tried again.
const RECONNECT_INTERVAL: Duration = Duration::from_millis(200);
/// Pasted code goes in pieces this big, each echoed back before the next, so boards with small
/// input buffers (the micro:bit keeps about 64 bytes) are not overrun.
const PASTE_CHUNK: usize = 32;
/// How long to wait for the board to echo one piece before sending the next anyway.
const ECHO_PATIENCE: Duration = Duration::from_secs(1);
/// How long to wait for a prompt (`>>> `, `=== `) after a key that should bring one.
const PROMPT_PATIENCE: Duration = Duration::from_secs(3);
/// When input has ended: the board is done once it shows its prompt and stays quiet this long...
const SETTLE_AT_PROMPT: Duration = Duration::from_millis(200);
/// ...or, whatever it shows, once it stays quiet this long.
const SETTLE_ANYWAY: Duration = Duration::from_secs(3);

const FRIENDLY_PROMPT: &[u8] = b">>> ";
const PASTE_PROMPT: &[u8] = b"=== ";
const RAW_PROMPT: &[u8] = b"\r\n>";
const CTRL_B: &[u8] = b"\x02";
const CTRL_C: &[u8] = b"\x03";
const CTRL_D: &[u8] = b"\x04";
const CTRL_E: &[u8] = b"\x05";

/// What the session is told by the other threads.
enum Event {
    Input(Vec<u8>),
    InputEnded,
    InputFailed(io::Error),
    LinkLost { generation: u64, error: io::Error },
    StdoutFailed(io::Error),
}

/// How the session was asked to run.
pub struct SessionOptions {
    pub port: String,
    pub baud: u32,
    pub reconnect: bool,
    /// `--exec` code, already prepared for paste mode.
    pub exec: Option<Vec<u8>>,
    pub paste_file: Option<PathBuf>,
}

/// A connected session.
pub struct Session {
    options: SessionOptions,
    output: Arc<Output>,
    link: Option<Link>,
    /// Tells the current reading thread to stop; replaced on every connection.
    reader_stop: Arc<AtomicBool>,
    /// Numbers connections, so a late report from an old reading thread is ignored.
    generation: u64,
    events: Receiver<Event>,
    sender: Sender<Event>,
    keys: KeyMap,
    input_ended: bool,
    dropped_input_noted: bool,
    next_reconnect: Instant,
    /// Dropped after `output` is closed (see `Drop`), which restores the terminal.
    terminal: Option<RawTerminal>,
}

impl Session {
    pub fn new(
        options: SessionOptions,
        link: Link,
        output: Arc<Output>,
        terminal: Option<RawTerminal>,
    ) -> Session {
        let (sender, events) = mpsc::channel();
        let keys = KeyMap {
            suspend: terminal.as_ref().is_some_and(RawTerminal::can_suspend),
            paste: options.paste_file.is_some(),
        };
        Session {
            options,
            output,
            link: Some(link),
            reader_stop: Arc::new(AtomicBool::new(false)),
            generation: 0,
            events,
            sender,
            keys,
            input_ended: false,
            dropped_input_noted: false,
            next_reconnect: Instant::now(),
            terminal,
        }
    }

    /// Runs until the exit key, the end of piped input, or an unrecoverable loss of the board.
    pub fn run(mut self) -> Result<Status> {
        if let Some(link) = self.link.take() {
            self.attach(link)?;
        }
        spawn_stdin_reader(self.sender.clone());
        self.run_startup_code()?;
        loop {
            let wait = if self.link.is_none() || self.input_ended {
                Duration::from_millis(50)
            } else {
                Duration::from_secs(1)
            };
            match self.events.recv_timeout(wait) {
                Ok(Event::Input(bytes)) => {
                    if let Some(status) = self.on_input(&bytes)? {
                        return Ok(status);
                    }
                }
                Ok(Event::InputEnded) => {
                    // A terminal that hangs up is gone with its user; a pipe that ends means
                    // "show me the answers, then stop".
                    if self.terminal.is_some() {
                        return Ok(Status::Success);
                    }
                    self.input_ended = true;
                }
                Ok(Event::InputFailed(error)) => {
                    return Err(anyhow::Error::new(error).context("could not read the keyboard"))
                }
                Ok(Event::LinkLost { generation, error }) => {
                    if generation == self.generation && self.link.is_some() {
                        self.on_link_lost(&error)?;
                    }
                }
                Ok(Event::StdoutFailed(error)) => {
                    return if error.kind() == io::ErrorKind::BrokenPipe {
                        Ok(Status::Success)
                    } else {
                        Err(anyhow::Error::new(error).context("could not write to stdout"))
                    };
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {}
            }
            if self.link.is_none() {
                if self.input_ended {
                    return Err(fail(
                        Status::DeviceLost,
                        format!(
                            "the board on {} went away before its output ended",
                            self.options.port
                        ),
                    ));
                }
                self.try_reconnect();
            }
            if self.input_ended && self.output_settled() {
                return Ok(Status::Success);
            }
        }
    }

    /// Starts a reading thread on `link` and makes it the current connection.
    fn attach(&mut self, link: Link) -> Result<()> {
        let reader = match link.reader() {
            Ok(reader) => reader,
            Err(error) => {
                self.link = None;
                return self.on_link_lost(&error);
            }
        };
        self.reader_stop.store(true, Ordering::SeqCst);
        self.reader_stop = Arc::new(AtomicBool::new(false));
        self.generation += 1;
        spawn_port_reader(
            reader,
            self.generation,
            Arc::clone(&self.reader_stop),
            Arc::clone(&self.output),
            self.sender.clone(),
        );
        self.link = Some(link);
        Ok(())
    }

    fn on_link_lost(&mut self, error: &io::Error) -> Result<()> {
        self.link = None;
        self.reader_stop.store(true, Ordering::SeqCst);
        let port = &self.options.port;
        if !self.options.reconnect {
            return Err(fail(
                Status::DeviceLost,
                format!("lost the board on {port} ({error}): it was reset or unplugged"),
            ));
        }
        self.output.warn(&format!(
            "lost the board on {port} (reset or unplugged); waiting for it to come back, \
             Ctrl-] quits"
        ));
        self.dropped_input_noted = false;
        self.next_reconnect = Instant::now() + RECONNECT_INTERVAL;
        Ok(())
    }

    fn try_reconnect(&mut self) {
        if Instant::now() < self.next_reconnect {
            return;
        }
        self.next_reconnect = Instant::now() + RECONNECT_INTERVAL;
        // Any failure (still missing, not yet permitted, busy while the system settles) is
        // simply tried again.
        if let Ok(link) = Link::open(&self.options.port, self.options.baud) {
            if self.attach(link).is_ok() && self.link.is_some() {
                self.output
                    .warn(&format!("reconnected to {}", self.options.port));
            }
        }
    }

    /// Sends input on to the board, acting on local keys.
    fn on_input(&mut self, mut input: &[u8]) -> Result<Option<Status>> {
        loop {
            let (forward, local) = self.keys.split(input);
            self.send(forward)?;
            let Some((key, rest)) = local else {
                return Ok(None);
            };
            match key {
                LocalKey::Exit => return Ok(Some(Status::Success)),
                LocalKey::Suspend => {
                    if let Some(terminal) = &self.terminal {
                        terminal.suspend();
                    }
                }
                LocalKey::Paste => self.paste_file_again()?,
            }
            input = rest;
        }
    }

    /// Writes to the board; a failed write counts as losing it.
    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let Some(link) = &mut self.link else {
            if !self.dropped_input_noted {
                self.dropped_input_noted = true;
                self.output
                    .warn("not connected: input is dropped until the board is back");
            }
            return Ok(());
        };
        match link.write_all(bytes) {
            Ok(()) => {
                self.output.touch();
                Ok(())
            }
            Err(error) if error.kind() == io::ErrorKind::TimedOut => {
                self.output.warn(&format!(
                    "the board is not taking input: {} bytes dropped",
                    bytes.len()
                ));
                Ok(())
            }
            Err(error) => self.on_link_lost(&error),
        }
    }

    /// `--exec` then `--paste`, once the board has finished whatever it printed on connect.
    fn run_startup_code(&mut self) -> Result<()> {
        if self.options.exec.is_none() && self.options.paste_file.is_none() {
            return Ok(());
        }
        self.output.wait_until(SETTLE_ANYWAY, |seen| {
            (seen.tail.ends_with(FRIENDLY_PROMPT) && seen.quiet_for >= SETTLE_AT_PROMPT)
                || seen.quiet_for >= Duration::from_millis(300)
        });
        if let Some(payload) = self.options.exec.take() {
            if let Err(reason) = self.paste(&payload)? {
                return Err(fail(
                    Status::DeviceLost,
                    format!("{reason}; --exec code not run"),
                ));
            }
        }
        if let Some(path) = self.options.paste_file.clone() {
            let code = std::fs::read(&path)
                .with_context(|| format!("could not read {}", path.display()))?;
            let payload = keys::paste_payload(&code)
                .map_err(|bad| fail(Status::Failure, forbidden_byte_message(&path, &bad)))?;
            if let Err(reason) = self.paste(&payload)? {
                return Err(fail(
                    Status::DeviceLost,
                    format!("{reason}; {} not run", path.display()),
                ));
            }
        }
        Ok(())
    }

    /// Ctrl-T: reads the `--paste` file afresh and pastes it; problems are reported and the
    /// session goes on.
    fn paste_file_again(&mut self) -> Result<()> {
        let Some(path) = self.options.paste_file.clone() else {
            return Ok(());
        };
        let code = match std::fs::read(&path) {
            Ok(code) => code,
            Err(error) => {
                self.output
                    .warn(&format!("could not read {}: {error}", path.display()));
                return Ok(());
            }
        };
        match keys::paste_payload(&code) {
            Ok(payload) => {
                if let Err(reason) = self.paste(&payload)? {
                    self.output
                        .warn(&format!("{reason}; {} not sent", path.display()));
                }
            }
            Err(bad) => self.output.warn(&format!(
                "{}; not sent",
                forbidden_byte_message(&path, &bad)
            )),
        }
        Ok(())
    }

    /// Types `payload` through the friendly REPL's paste mode, as a user would: Ctrl-C to get a
    /// clean prompt, Ctrl-E, the code (paced by its echo), Ctrl-D to run it. Tells why, when the
    /// board did not let it through.
    fn paste(&mut self, payload: &[u8]) -> Result<Result<(), &'static str>> {
        self.output.forget_tail();
        self.send(CTRL_C)?;
        if !self.wait_for_prompt(FRIENDLY_PROMPT) {
            // A board left in the raw REPL by another tool answers with its own prompt.
            if self
                .output
                .wait_until(Duration::ZERO, |seen| seen.tail.ends_with(RAW_PROMPT))
            {
                self.output.forget_tail();
                self.send(CTRL_B)?;
            }
            if !self.wait_for_prompt(FRIENDLY_PROMPT) {
                return Ok(Err("the board showed no `>>>` prompt after Ctrl-C"));
            }
        }
        self.output.forget_tail();
        self.send(CTRL_E)?;
        if !self.wait_for_prompt(PASTE_PROMPT) {
            return Ok(Err("the board did not enter paste mode"));
        }
        // Counted from the start, so an echo that ran ahead on one piece is not credited twice.
        let mut expected = self.output.received();
        for piece in payload.chunks(PASTE_CHUNK) {
            self.send(piece)?;
            if self.link.is_none() {
                return Ok(Err("the board went away"));
            }
            expected += keys::paste_echo_len(piece);
            let echoed = self
                .output
                .wait_until(ECHO_PATIENCE, |seen| seen.received >= expected);
            if !echoed {
                // An echo unlike the usual one: resume counting from what has arrived.
                expected = self.output.received();
            }
        }
        self.send(CTRL_D)?;
        Ok(Ok(()))
    }

    fn wait_for_prompt(&self, prompt: &[u8]) -> bool {
        self.link.is_some()
            && self
                .output
                .wait_until(PROMPT_PATIENCE, |seen| seen.tail.ends_with(prompt))
    }

    fn output_settled(&self) -> bool {
        self.output.wait_until(Duration::ZERO, |seen: &Seen| {
            (seen.tail.ends_with(FRIENDLY_PROMPT) && seen.quiet_for >= SETTLE_AT_PROMPT)
                || seen.quiet_for >= SETTLE_ANYWAY
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.reader_stop.store(true, Ordering::SeqCst);
        // No board output may reach the screen once the terminal is back in the shell's hands.
        self.output.close();
        drop(self.terminal.take());
    }
}

fn forbidden_byte_message(path: &Path, bad: &ForbiddenByte) -> String {
    format!(
        "{} holds byte {:#04x} at offset {}, which would end paste mode",
        path.display(),
        bad.byte,
        bad.offset
    )
}

fn spawn_stdin_reader(sender: Sender<Event>) {
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut buf = [0u8; 1024];
        loop {
            let event = match stdin.read(&mut buf) {
                Ok(0) => Event::InputEnded,
                Ok(n) => Event::Input(buf[..n].to_vec()),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => Event::InputFailed(error),
            };
            let last = !matches!(event, Event::Input(_));
            if sender.send(event).is_err() || last {
                return;
            }
        }
    });
}

fn spawn_port_reader(
    mut reader: super::link::LinkReader,
    generation: u64,
    stop: Arc<AtomicBool>,
    output: Arc<Output>,
    sender: Sender<Event>,
) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while !stop.load(Ordering::SeqCst) {
            match reader.read(&mut buf) {
                Received::Data(n) => {
                    if let Err(error) = output.board(&buf[..n]) {
                        let _ = sender.send(Event::StdoutFailed(error));
                        return;
                    }
                }
                Received::Nothing => {}
                Received::Lost(error) => {
                    let _ = sender.send(Event::LinkLost { generation, error });
                    return;
                }
            }
        }
    });
}
