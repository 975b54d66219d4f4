//! A conversation with one board: entering the raw REPL, running code, interrupting, resetting.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{DeviceException, Error, Result};
use crate::raw_repl::{self, ReplyParser, CTRL_A, CTRL_B, CTRL_C, CTRL_D};
use crate::transport::{SerialOptions, SerialTransport, Transport};

mod noise;
mod send;

use noise::{describe_sample, Noise};
use send::PACED_CHUNK;

/// How long the board may stay silent while an answer is due, unless changed.
pub const DEFAULT_ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to keep trying to get control of a board whose output keeps streaming in.
const ENTRY_LIMIT: Duration = Duration::from_secs(30);
/// The largest frame a board-side upload program reads at once (the fs layer sizes its frames
/// within it); raw REPL entry pads a frame this long to abort an upload left behind.
pub(crate) const MAX_UPLOAD_FRAME: usize = 32 * 1024;

/// Whether the board speaks raw-paste, learned on first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteSupport {
    /// Not asked yet.
    Unknown,
    /// Supported, with this window increment.
    Supported(usize),
    /// Refused or unknown to the firmware: code goes paced through the plain raw REPL.
    Unsupported,
}

/// One open connection to a board, speaking the raw REPL.
///
/// Code runs with [`Session::exec`] (stdout streamed to a callback; an exception on the board
/// becomes [`Error::Exception`]). The session enters the raw REPL on first use and leaves it
/// (back to the friendly REPL) when dropped.
pub struct Session {
    transport: Box<dyn Transport>,
    port: String,
    pending: Vec<u8>,
    in_raw_repl: bool,
    paste: PasteSupport,
    paced_chunk: usize,
    answer_timeout: Duration,
    cancel: Option<Arc<AtomicBool>>,
    /// Device-side helper functions are defined in the raw REPL's globals (see `fs`).
    pub(crate) helpers_loaded: u8,
    /// Code that deletes those helpers again, set by the layer that defined them.
    pub(crate) helper_cleanup: Option<&'static str>,
    pub(crate) cached_info: Option<crate::facts::DeviceInfo>,
    /// The last facts learnt before a soft reset: the firmware (and so what uploads may use)
    /// is the same afterwards, only the free memory has changed.
    pub(crate) info_before_reset: Option<crate::facts::DeviceInfo>,
    /// Set once an upload found that the board streams raw input and inflates deflate, with
    /// the heap it had free then (None: unknown); the firmware keeps these across soft resets.
    pub(crate) stream_memory: Option<Option<u64>>,
    /// Set by the same upload: whether the board has `os.rename`, `os.stat` and `hashlib`,
    /// so that small batches of writes need no helpers (kept across soft resets too).
    pub(crate) quick_writes: Option<bool>,
    pub(crate) raw_uploads: bool,
    /// Whether the board inflates deflated helper code (None: not known yet).
    pub(crate) inflates_code: Option<bool>,
    /// Set while a mount serves the board's file requests (see `mount`).
    pub(crate) mount_active: Option<Arc<std::sync::atomic::AtomicBool>>,
}

impl Session {
    /// Opens a serial port (see [`SerialOptions`]); the raw REPL is entered on first use.
    pub fn open(port: &str, options: &SerialOptions) -> Result<Session> {
        let transport = SerialTransport::open(port, options)?;
        Ok(Session::new(Box::new(transport)))
    }

    /// Wraps an already open transport.
    pub fn new(transport: Box<dyn Transport>) -> Session {
        let port = transport.name().to_string();
        Session {
            transport,
            port,
            pending: Vec::new(),
            in_raw_repl: false,
            paste: PasteSupport::Unknown,
            paced_chunk: PACED_CHUNK,
            answer_timeout: DEFAULT_ANSWER_TIMEOUT,
            cancel: None,
            helpers_loaded: 0,
            helper_cleanup: None,
            cached_info: None,
            info_before_reset: None,
            stream_memory: None,
            quick_writes: None,
            raw_uploads: true,
            inflates_code: None,
            mount_active: None,
        }
    }

    /// The port name, for messages.
    pub fn port(&self) -> &str {
        &self.port
    }

    /// How long the board may stay silent while an answer is due (not while user code runs).
    pub fn set_answer_timeout(&mut self, timeout: Duration) {
        self.answer_timeout = timeout;
    }

    /// A flag another thread (a Ctrl-C handler) sets to interrupt running code; the running
    /// call then returns [`Error::Interrupted`] after the board has stopped.
    pub fn set_cancel_flag(&mut self, flag: Arc<AtomicBool>) {
        self.cancel = Some(flag);
    }

    /// Whether the board takes raw-paste (as far as known).
    pub fn paste_support(&self) -> PasteSupport {
        self.paste
    }

    /// Forces paced raw REPL writes of `chunk` bytes per 10 ms instead of raw-paste (for boards
    /// whose raw-paste is unreliable).
    pub fn force_paced(&mut self, chunk: usize) {
        self.paste = PasteSupport::Unsupported;
        self.paced_chunk = chunk.max(1);
    }

    /// Whether uploads may stream raw bytes through `sys.stdin.buffer` (default: yes, where the
    /// board can). Off, file content travels base64 (or deflate + base64) inside code: slower,
    /// for links that do not pass every byte value.
    pub fn set_raw_uploads(&mut self, allowed: bool) {
        self.raw_uploads = allowed;
    }

    /// The underlying transport, for raw byte access (the interactive REPL). Leave the raw REPL
    /// first with [`Session::exit_raw_repl`] if the friendly REPL is wanted.
    pub fn transport_mut(&mut self) -> &mut dyn Transport {
        self.transport.as_mut()
    }

    /// Puts a layer around the transport (a mount serving the board's file requests), keeping
    /// the session's state.
    pub(crate) fn wrap_transport(
        &mut self,
        wrap: impl FnOnce(Box<dyn Transport>) -> Box<dyn Transport>,
    ) {
        let placeholder: Box<dyn Transport> = Box::new(ClosedTransport);
        let inner = std::mem::replace(&mut self.transport, placeholder);
        self.transport = wrap(inner);
    }

    /// Gives up the session, returning the transport as it is (no exit from the raw REPL) and
    /// any bytes already read from it but not consumed.
    pub fn into_parts(mut self) -> (Box<dyn Transport>, Vec<u8>) {
        self.in_raw_repl = false;
        let pending = std::mem::take(&mut self.pending);
        let placeholder: Box<dyn Transport> = Box::new(ClosedTransport);
        let transport = std::mem::replace(&mut self.transport, placeholder);
        (transport, pending)
    }

    /// Whether the session believes the board is in the raw REPL.
    pub fn in_raw_repl(&self) -> bool {
        self.in_raw_repl
    }

    // ---- entering and leaving -------------------------------------------------------------

    /// Gets the board into the raw REPL, whatever it was doing: a busy `main.py`, a program
    /// printing without pause, a banner after a reset. Interrupts (twice, for programs that
    /// catch one KeyboardInterrupt), drains, asks for the raw REPL and retries with longer
    /// waits when noise hides the banner.
    pub fn enter_raw_repl(&mut self) -> Result<()> {
        let started = Instant::now();
        let mut noise = Noise::new();
        // Fast path for a board idle at a prompt or running interruptible code: one write, one
        // banner. Noise before the banner is fine; the slow attempts below handle the rest.
        self.write(&[b'\r', CTRL_C, CTRL_C, CTRL_A])?;
        if self.wait_for_banner(Duration::from_millis(400), &mut noise)? {
            self.in_raw_repl = true;
            self.helpers_loaded = 0;
            return Ok(());
        }
        // The third wait outlasts the 2 s a board-side upload helper waits for data, should a
        // previous upy have been killed mid-transfer (it then takes our bytes as file data).
        let waits = [600, 1500, 2500, 2500];
        let mut attempt = 0;
        let mut filler_sent = false;
        loop {
            let mut wait = Duration::from_millis(waits[attempt.min(waits.len() - 1)]);
            let quiet = noise
                .last
                .is_none_or(|last| last.elapsed() > Duration::from_millis(1000));
            if attempt >= 2 && quiet && !filler_sent {
                filler_sent = true;
                // A silent board may still be inside an upload from a killed upy: it reads
                // whole units and takes everything as file data. Finish its frame with 0xFF
                // bytes: the next header it reads then says "abort" (window bits 255), so it
                // drops the file and returns to its prompt. (Not for a chatty board: it is not
                // reading, and the filler would only delay the Ctrl-C behind it.)
                self.write(&vec![0xFF; MAX_UPLOAD_FRAME + 8])?;
                // Our Ctrl-A queues behind the filler, which takes ~3 s at 115200 baud.
                wait += Duration::from_millis(3000);
            }
            self.write(b"\r")?;
            self.write(&[CTRL_C])?;
            self.drain_for(Duration::from_millis(30), &mut noise)?;
            self.write(&[CTRL_C])?;
            // A stubborn program may catch the first interrupts and keep printing.
            self.drain_for(Duration::from_millis(100), &mut noise)?;
            self.write(&[CTRL_C, CTRL_C])?;
            self.drain_quiet(
                Duration::from_millis(40),
                Duration::from_millis(400),
                &mut noise,
            )?;
            self.pending.clear();
            self.write(&[b'\r', CTRL_A])?;
            if self.wait_for_banner(wait, &mut noise)? {
                self.in_raw_repl = true;
                self.helpers_loaded = 0;
                // Earlier Ctrl-As may still have banners on their way, behind a backlog of the
                // program's output: run a marker and skip everything before its output.
                self.pending.clear();
                self.synchronize()?;
                return Ok(());
            }
            attempt += 1;
            if noise.looks_foreign() {
                break;
            }
            // Past the planned attempts, keep going only while output is still streaming in (a
            // long backlog of a chatty program ahead of the banner), within a limit.
            let streaming = noise
                .last
                .is_some_and(|last| last.elapsed() < Duration::from_millis(300));
            if attempt >= waits.len() && (!streaming || started.elapsed() > ENTRY_LIMIT) {
                break;
            }
        }
        // Nothing but an upload helper's acknowledgements is a board still busy, not a stranger.
        if noise.telling == 0 {
            return Err(Error::NotAnswering {
                port: self.port.clone(),
                waiting_for: "the raw REPL prompt",
                timeout: started.elapsed(),
            });
        }
        Err(Error::NotMicroPython {
            port: self.port.clone(),
            received: describe_sample(&noise.tail[noise.tail.len().saturating_sub(96)..]),
        })
    }

    /// Runs a marker in the raw REPL and discards everything the board sent before its output.
    fn synchronize(&mut self) -> Result<()> {
        self.write(b"print('upy'+'sync')")?;
        self.write(&[CTRL_D])?;
        self.read_until(b"upysync", "the raw REPL to run a marker")?;
        self.read_until(b"\x04>", "the raw REPL prompt after a marker")?;
        self.pending.clear();
        Ok(())
    }

    fn ensure_raw_repl(&mut self) -> Result<()> {
        if !self.in_raw_repl {
            self.enter_raw_repl()?;
        }
        Ok(())
    }

    /// Leaves the raw REPL for the friendly REPL (`>>> `).
    pub fn exit_raw_repl(&mut self) -> Result<()> {
        if self.in_raw_repl {
            self.write(&[b'\r', CTRL_B])?;
            self.in_raw_repl = false;
            self.helpers_loaded = 0;
        }
        Ok(())
    }

    fn wait_for_banner(&mut self, wait: Duration, noise: &mut Noise) -> Result<bool> {
        let deadline = Instant::now() + wait;
        let mut buf = [0u8; 512];
        let mut window: Vec<u8> = Vec::new();
        while Instant::now() < deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            let n = self.read_some(&mut buf, left.min(Duration::from_millis(50)))?;
            if n == 0 {
                continue;
            }
            noise.push(&buf[..n]);
            window.extend_from_slice(&buf[..n]);
            if let Some(end) = raw_repl::find_raw_banner_end(&window) {
                self.pending = window[end..].to_vec();
                return Ok(true);
            }
            if noise.looks_foreign() {
                return Ok(false);
            }
            if window.len() > 4096 {
                window.drain(..window.len() - 64);
            }
        }
        Ok(false)
    }

    // ---- running code ---------------------------------------------------------------------

    /// Runs `code` on the board, passing its stdout to `on_stdout` as it arrives. Waits as long
    /// as the code runs; an exception raised on the board becomes [`Error::Exception`].
    pub fn exec(&mut self, code: &str, on_stdout: &mut dyn FnMut(&[u8])) -> Result<()> {
        self.start(code.as_bytes())?;
        self.finish(on_stdout, None)
    }

    /// Runs `code` and returns its stdout; the board must answer within the answer timeout.
    pub fn exec_capture(&mut self, code: &str) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.start(code.as_bytes())?;
        let timeout = self.answer_timeout;
        self.finish(&mut |bytes| out.extend_from_slice(bytes), Some(timeout))?;
        Ok(out)
    }

    /// Evaluates a Python expression on the board and returns its `repr`.
    pub fn eval(&mut self, expression: &str) -> Result<String> {
        let out = self.exec_capture(&format!("print(repr({expression}))"))?;
        Ok(String::from_utf8_lossy(&out).trim_end().to_string())
    }

    /// Starts `code` and returns as soon as the board runs it, without reading its output: for
    /// programs that talk to the host while they run (reading data the host streams with
    /// [`Session::write_raw`], acknowledging with bytes read by [`Session::read_raw`]). End with
    /// [`Session::finish_program`].
    pub fn start_program(&mut self, code: &str) -> Result<()> {
        self.start(code.as_bytes())
    }

    /// Writes bytes to a program started with [`Session::start_program`].
    pub fn write_raw(&mut self, data: &[u8]) -> Result<()> {
        self.write(data)
    }

    /// Reads what a running program printed (bytes already buffered first); `Ok(0)` when
    /// nothing came within `timeout`.
    pub fn read_raw(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        if !self.pending.is_empty() {
            let n = self.pending.len().min(buf.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        self.read_some(buf, timeout)
    }

    /// Puts bytes read with [`Session::read_raw`] but not consumed back in front of the input,
    /// so that [`Session::finish_program`] sees them.
    pub fn unread(&mut self, data: &[u8]) {
        if !data.is_empty() {
            let mut joined = data.to_vec();
            joined.append(&mut self.pending);
            self.pending = joined;
        }
    }

    /// Reads the rest of a started program's reply: its remaining output (to `on_stdout`),
    /// then its exception if any, then the prompt. `silence_limit`: how long the board may stay
    /// quiet (None: as long as it runs).
    pub fn finish_program(
        &mut self,
        on_stdout: &mut dyn FnMut(&[u8]),
        silence_limit: Option<Duration>,
    ) -> Result<()> {
        self.finish(on_stdout, silence_limit)
    }

    /// Reads the rest of the reply: stdout (streamed), the exception text, the prompt.
    /// `silence_limit` bounds how long the board may stay quiet (None: wait while code runs).
    pub(crate) fn finish(
        &mut self,
        on_stdout: &mut dyn FnMut(&[u8]),
        silence_limit: Option<Duration>,
    ) -> Result<()> {
        let mut parser = ReplyParser::new();
        let pending = std::mem::take(&mut self.pending);
        let used = parser.feed(&pending, on_stdout);
        self.pending = pending[used..].to_vec();
        let mut buf = vec![0u8; 4096];
        let mut last_byte = Instant::now();
        let mut interrupted = false;
        while !parser.is_done() {
            if !interrupted && self.cancel_requested() {
                self.write(&[b'\r', CTRL_C])?;
                interrupted = true;
            }
            let n = self.read_some(&mut buf, Duration::from_millis(100))?;
            if n == 0 {
                if let Some(limit) = silence_limit {
                    if last_byte.elapsed() > limit {
                        return Err(self.not_answering("the end of the code's output"));
                    }
                }
                continue;
            }
            last_byte = Instant::now();
            let used = parser.feed(&buf[..n], on_stdout);
            if used < n {
                self.pending.extend_from_slice(&buf[used..n]);
            }
        }
        if parser.exception().is_empty() {
            return Ok(());
        }
        let exception = DeviceException::parse(parser.exception());
        if interrupted && exception.kind == "KeyboardInterrupt" {
            return Err(Error::Interrupted);
        }
        Err(Error::Exception(exception))
    }

    pub(crate) fn cancel_requested(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
    }

    /// Sends Ctrl-C: interrupts code the board is running.
    pub fn interrupt(&mut self) -> Result<()> {
        self.write(&[CTRL_C])
    }

    // ---- resets ---------------------------------------------------------------------------

    /// Soft reset from the raw REPL: the heap is cleared, `boot.py` runs, `main.py` does not,
    /// and the session stays in the raw REPL.
    pub fn soft_reset(&mut self) -> Result<()> {
        self.ensure_raw_repl()?;
        self.drain_stale()?;
        self.write(&[CTRL_D])?;
        self.helpers_loaded = 0;
        self.forget_info_on_soft_reset();
        self.read_until(raw_repl::SOFT_REBOOT, "the soft reboot line")?;
        self.read_until_banner("the raw REPL prompt after a soft reset")?;
        Ok(())
    }

    /// Soft reset as if the board had just booted: leaves the raw REPL and presses Ctrl-D in
    /// the friendly REPL, so `boot.py` and `main.py` run. Returns once the reboot has begun;
    /// the session then is in the friendly REPL.
    pub fn soft_reset_and_run_main(&mut self) -> Result<()> {
        self.ensure_raw_repl()?;
        self.drain_stale()?;
        // The Ctrl-D waits in the board's input while it prints the friendly banner: sent
        // together, they save a round trip on every reload.
        self.write(&[b'\r', CTRL_B, CTRL_D])?;
        self.in_raw_repl = false;
        self.helpers_loaded = 0;
        self.read_until(raw_repl::SOFT_REBOOT, "the soft reboot line")?;
        self.forget_info_on_soft_reset();
        Ok(())
    }

    /// A soft reset changes the board's memory, not its firmware.
    fn forget_info_on_soft_reset(&mut self) {
        if let Some(info) = self.cached_info.take() {
            self.info_before_reset = Some(info);
        }
    }

    /// Hard reset with `machine.reset()`. The board reboots and may drop off the bus; the
    /// session must not be used afterwards.
    pub fn hard_reset(&mut self) -> Result<()> {
        self.ensure_raw_repl()?;
        let probe = self.exec_capture("import machine\nprint(hasattr(machine,'reset'))")?;
        if !String::from_utf8_lossy(&probe).contains("True") {
            return Err(Error::Unsupported {
                feature: "hard reset (machine.reset)",
            });
        }
        self.start(b"machine.reset()")?;
        self.in_raw_repl = false;
        self.helpers_loaded = 0;
        self.cached_info = None;
        self.info_before_reset = None;
        self.stream_memory = None;
        self.quick_writes = None;
        Ok(())
    }

    /// Old firmware or a small heap: worth sparing the board's memory.
    fn is_small_board(&self) -> bool {
        self.paste == PasteSupport::Unsupported
            || self
                .cached_info
                .as_ref()
                .and_then(|info| info.mem_free)
                .is_some_and(|free| free < 64 * 1024)
    }

    /// The answer timeout in force.
    pub fn answer_timeout(&self) -> Duration {
        self.answer_timeout
    }

    /// After a transfer ended abnormally: clear whatever reached the raw REPL's line and make
    /// the next call enter the raw REPL afresh.
    pub(crate) fn resynchronize(&mut self) {
        let _ = self.write(&[CTRL_C]);
        self.in_raw_repl = false;
        self.helpers_loaded = 0;
    }

    /// Returns a byte to the front of the unread input.
    pub(crate) fn push_back(&mut self, byte: u8) {
        self.pending.insert(0, byte);
    }

    // ---- byte-level helpers ---------------------------------------------------------------

    pub(crate) fn write(&mut self, data: &[u8]) -> Result<()> {
        self.transport
            .write_all(data)
            .map_err(|err| lost(&self.port, err))
    }

    fn read_some(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        self.transport
            .read(buf, timeout)
            .map_err(|err| lost(&self.port, err))
    }

    /// Reads one flow-control byte, serving `pending` first.
    pub(crate) fn read_flow_byte(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if !self.pending.is_empty() {
            buf[0] = self.pending.remove(0);
            return Ok(1);
        }
        let mut one = [0u8; 1];
        let n = self.read_some(&mut one, timeout)?;
        if n == 1 {
            buf[0] = one[0];
        }
        Ok(n)
    }

    /// Reads exactly `N` bytes within the answer timeout.
    pub(crate) fn read_exact_array<const N: usize>(
        &mut self,
        waiting_for: &'static str,
    ) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        self.read_exact_into(&mut out, waiting_for)?;
        Ok(out)
    }

    /// Fills `out` completely; the board may pause at most the answer timeout between bytes.
    pub(crate) fn read_exact_into(
        &mut self,
        out: &mut [u8],
        waiting_for: &'static str,
    ) -> Result<()> {
        let mut filled = 0;
        let from_pending = self.pending.len().min(out.len());
        if from_pending > 0 {
            out[..from_pending].copy_from_slice(&self.pending[..from_pending]);
            self.pending.drain(..from_pending);
            filled = from_pending;
        }
        let mut last_byte = Instant::now();
        while filled < out.len() {
            let n = self.read_some(&mut out[filled..], Duration::from_millis(100))?;
            if n == 0 {
                if last_byte.elapsed() > self.answer_timeout {
                    return Err(self.not_answering(waiting_for));
                }
                continue;
            }
            last_byte = Instant::now();
            filled += n;
        }
        Ok(())
    }

    /// Reads until `needle` has been seen; bytes after it stay pending.
    pub(crate) fn read_until(&mut self, needle: &[u8], waiting_for: &'static str) -> Result<()> {
        self.read_until_found(|data| raw_repl::find_end(data, needle), waiting_for)
    }

    fn read_until_banner(&mut self, waiting_for: &'static str) -> Result<()> {
        self.read_until_found(raw_repl::find_raw_banner_end, waiting_for)
    }

    /// Reads until `find` reports the end of what it looks for; bytes after it stay pending.
    fn read_until_found(
        &mut self,
        find: impl Fn(&[u8]) -> Option<usize>,
        waiting_for: &'static str,
    ) -> Result<()> {
        let mut data = std::mem::take(&mut self.pending);
        let mut buf = [0u8; 1024];
        let mut last_byte = Instant::now();
        loop {
            if let Some(end) = find(&data) {
                self.pending = data[end..].to_vec();
                return Ok(());
            }
            let n = self.read_some(&mut buf, Duration::from_millis(100))?;
            if n == 0 {
                if last_byte.elapsed() > self.answer_timeout {
                    return Err(self.not_answering(waiting_for));
                }
                continue;
            }
            last_byte = Instant::now();
            data.extend_from_slice(&buf[..n]);
        }
    }

    /// Reads for `duration`, keeping what arrives in `noise`.
    fn drain_for(&mut self, duration: Duration, noise: &mut Noise) -> Result<()> {
        let deadline = Instant::now() + duration;
        let mut buf = [0u8; 1024];
        while Instant::now() < deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            let n = self.read_some(&mut buf, left)?;
            noise.push(&buf[..n]);
        }
        Ok(())
    }

    /// Reads until the line has been quiet for `quiet`, or `limit` has passed.
    fn drain_quiet(&mut self, quiet: Duration, limit: Duration, noise: &mut Noise) -> Result<()> {
        let deadline = Instant::now() + limit;
        let mut buf = [0u8; 1024];
        while Instant::now() < deadline {
            let n = self.read_some(&mut buf, quiet)?;
            if n == 0 {
                break;
            }
            noise.push(&buf[..n]);
        }
        Ok(())
    }

    /// Drops bytes left over from earlier exchanges (the board is idle at its prompt now).
    fn drain_stale(&mut self) -> Result<()> {
        self.pending.clear();
        let mut buf = [0u8; 256];
        while self.read_some(&mut buf, Duration::ZERO)? > 0 {}
        Ok(())
    }

    pub(crate) fn not_answering(&self, waiting_for: &'static str) -> Error {
        Error::NotAnswering {
            port: self.port.clone(),
            waiting_for,
            timeout: self.answer_timeout,
        }
    }

    pub(crate) fn unexpected(&self, context: &'static str, received: &[u8]) -> Error {
        Error::UnexpectedReply {
            context,
            received: String::from_utf8_lossy(received).into_owned(),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(cleanup) = self.helper_cleanup {
            if self.in_raw_repl && self.helpers_loaded != 0 && self.is_small_board() {
                // Helper functions live in the board's globals until a reset; on a board with a
                // few KB of heap they would starve the user's program.
                self.answer_timeout = Duration::from_secs(1);
                let _ = self.exec_capture(cleanup);
            }
        }
        if self.in_raw_repl {
            let _ = self.transport.write_all(&[b'\r', CTRL_B]);
        }
    }
}

fn lost(port: &str, source: io::Error) -> Error {
    Error::Disconnected {
        port: port.to_string(),
        source,
    }
}

/// Stands in for the transport after [`Session::into_parts`].
struct ClosedTransport;

impl Transport for ClosedTransport {
    fn read(&mut self, _buf: &mut [u8], _timeout: Duration) -> io::Result<usize> {
        Err(io::Error::new(
            io::ErrorKind::NotConnected,
            "session closed",
        ))
    }
    fn write_all(&mut self, _data: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::NotConnected,
            "session closed",
        ))
    }
    fn set_dtr(&mut self, _level: bool) -> io::Result<()> {
        Ok(())
    }
    fn set_rts(&mut self, _level: bool) -> io::Result<()> {
        Ok(())
    }
    fn discard_input(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn try_clone(&self) -> io::Result<Box<dyn Transport>> {
        Err(io::Error::new(
            io::ErrorKind::NotConnected,
            "session closed",
        ))
    }
    fn name(&self) -> &str {
        "closed"
    }
}
