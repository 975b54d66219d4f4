//! `upy mount`: the board imports and opens files in a host folder, over the same link.
//!
//! The board gets a small filesystem class (`board.py`) mounted at a point such as `/remote`.
//! Each of its calls becomes one request written to the board's stdout; the host answers on the
//! board's stdin. The host side is a [`Transport`] wrapped around the board's own
//! ([`Session::mount`] installs it), so every command of a chain (`exec`, `run`, `repl`) serves
//! the mount while it reads the board's output, and nothing else has to know.
//!
//! The wire, designed to leave no byte ambiguous:
//! - A request is `0x18`, a 4-byte token chosen per mount, an op byte, a 16-bit length and that
//!   many argument bytes (a `write` adds a 32-bit length and the data). Program output that
//!   merely contains `0x18` passes through untouched: only the exact token starts a request.
//! - The answer is `0x18`, then a header in 28 hex digits (errno, window bits with 0 for raw,
//!   a value, the payload length, a second value), then the payload in units the board
//!   acknowledges with `0x06` (at most two in flight, so a small UART buffer never overflows).
//!   In the payload 0x03 travels as `0x10 0x13` and 0x10 as `0x10 0x20`: no answer byte is ever
//!   a Ctrl-C, so the board keeps Ctrl-C on throughout and it still interrupts the program
//!   (upy itself never sends one in the middle of an answer: writes wait for the wire).
//!
//! Speed comes from sending fewer bytes and fewer round trips: a file opened for reading
//! arrives whole in the answer to `open` (deflated when the board has `deflate`); a folder
//! listing carries every entry's kind and size, which the board keeps for 300 ms so the dozen
//! `stat` calls of an import cost one request; and `.py` modules are served as `.mpy` compiled
//! on the host (see [`ModuleCompiler`]), which also saves the board its compile.
//!
//! Robustness: a soft reset clears the board's heap and with it the mount; the transport sees
//! the reboot go by and mounts again before handing the prompt up. Writes land via a temporary
//! file renamed on close (see `host`).

mod host;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use std::{io, thread};

pub use host::{BoardChanges, ModuleCompiler, MountOptions};

use crate::error::{Error, Result};
use crate::raw_repl;
use crate::session::{PasteSupport, Session};
use crate::transport::Transport;
use host::{errno, Host};

/// The board-side filesystem class.
const BOARD_CODE: &str = include_str!("board.py");

/// Request ops (the numbers `board.py` sends).
mod op {
    pub const OPEN: u8 = 2;
    pub const LIST: u8 = 5;
    pub const READ: u8 = 6;
    pub const WRITE: u8 = 7;
    pub const CLOSE: u8 = 8;
    pub const REMOVE: u8 = 9;
    pub const RENAME: u8 = 10;
    pub const MKDIR: u8 = 11;
    pub const RMDIR: u8 = 12;
}

/// First byte of a request and of an answer.
const START: u8 = 0x18;
/// Starts a two-byte escape in an answer's payload.
const ESCAPE: u8 = 0x10;
/// The board's acknowledgement of one unit of an answer.
const ACK: u8 = 0x06;
/// How long the board may take to send the rest of a request or acknowledge a unit.
const REQUEST_PATIENCE: Duration = Duration::from_secs(5);

/// What [`Session::mount`] learned about the board.
#[derive(Debug, Clone)]
pub struct Mounted {
    /// Where the folder appears on the board.
    pub point: String,
    /// Whether answers travel deflated.
    pub deflated: bool,
    /// Largest block a read answer carries.
    pub block: usize,
    /// The files the board changes through the mount.
    pub changes: BoardChanges,
}

/// State shared by every handle on a mounted transport (the REPL reads on one and writes on
/// another).
struct Shared {
    host: Mutex<Host>,
    /// Held while a request is served or the mount restored, so no other write (a key typed
    /// in the REPL) lands in the middle of an answer.
    wire: Mutex<()>,
    marker: [u8; 5],
    /// Code that defines the board side and mounts it, for a remount after a soft reset.
    setup: String,
    unit: usize,
    block: usize,
    deflate: bool,
    /// Cleared by [`Session::unmount`]: the transport then passes bytes through untouched.
    active: Arc<AtomicBool>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Session {
    /// Mounts the local folder of `options` at `point` on the board (replacing whatever was
    /// mounted there), makes it the current folder and puts it first on `sys.path`. From now on
    /// the session serves the board's file requests whenever it reads.
    pub fn mount(&mut self, options: MountOptions, point: &str) -> Result<Mounted> {
        let root = options.root.clone();
        let host = Host::new(options).map_err(|source| Error::LocalFolder {
            path: root.display().to_string(),
            source,
        })?;
        let info = self.info()?;
        if !(info.features.stdin_buffer && info.features.stdout_buffer) {
            return Err(Error::Unsupported {
                feature: "mounting a host folder (it needs sys.stdin.buffer and sys.stdout.buffer)",
            });
        }
        let unit = match self.paste_support() {
            PasteSupport::Supported(window) => window.clamp(16, 1024),
            _ => 64,
        };
        let budget = info
            .mem_free
            .map_or(8 * 1024, |free| (free / 8).min(32 * 1024));
        let block = 1usize << (63 - budget.max(1024).leading_zeros());
        let token = token();
        let point = format!("/{}", point.trim_matches('/'));
        let setup = format!(
            "{BOARD_CODE}try:os.umount({point:?})\nexcept OSError:pass\n_uc=_UC(b'{token}',{unit})\nos.mount(_UV(_uc),{point:?})\nos.chdir({point:?})\nfor _p in ({point:?}+'/lib',{point:?}):\n if _p in sys.path:sys.path.remove(_p)\n sys.path.insert(0,_p)\nprint('deflate' if _Z else 'plain')\n",
        );
        let changes = host.changes();
        let answer = self.exec_capture(&setup)?;
        let deflate = String::from_utf8_lossy(&answer).contains("deflate");
        let mut marker = [START; 5];
        marker[1..].copy_from_slice(token.as_bytes());
        let shared = Arc::new(Shared {
            host: Mutex::new(host),
            wire: Mutex::new(()),
            marker,
            setup,
            unit,
            block,
            deflate,
            active: Arc::new(AtomicBool::new(true)),
        });
        self.mount_active = Some(Arc::clone(&shared.active));
        self.wrap_transport(|inner| Box::new(MountTransport::new(inner, shared)));
        Ok(Mounted {
            point,
            deflated: deflate,
            block,
            changes,
        })
    }
}

impl Session {
    /// Takes a mount made by [`Session::mount`] away: back to `/`, the folder off `sys.path`.
    pub fn unmount(&mut self, point: &str) -> Result<()> {
        let code = format!(
            "import os,sys\nif os.getcwd().startswith({point:?}):os.chdir('/')\nfor _p in ({point:?},{point:?}+'/lib'):\n if _p in sys.path:sys.path.remove(_p)\ntry:os.umount({point:?})\nexcept OSError:pass\n"
        );
        if let Some(active) = self.mount_active.take() {
            active.store(false, Ordering::SeqCst);
        }
        self.exec_capture(&code)?;
        Ok(())
    }
}

/// A per-mount token: the process id and the clock, spelled in letters.
fn token() -> String {
    let seed = std::process::id() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
    (0..4)
        .map(|i| (b'A' + ((seed >> (i * 5)) % 26) as u8) as char)
        .collect()
}

/// The board's transport with the mount served in its read path.
pub(crate) struct MountTransport {
    inner: Box<dyn Transport>,
    shared: Arc<Shared>,
    /// Received bytes not yet judged: a request marker may be arriving.
    held: Vec<u8>,
    /// Bytes judged to be the board's own output, to hand up.
    ready: Vec<u8>,
    /// Output since a soft reboot went by, until the prompt after it (bounded).
    since_reboot: Option<Vec<u8>>,
    /// The last bytes handed up, to see a reboot line split across reads.
    recent: Vec<u8>,
}

impl MountTransport {
    fn new(inner: Box<dyn Transport>, shared: Arc<Shared>) -> MountTransport {
        MountTransport {
            inner,
            shared,
            held: Vec::new(),
            ready: Vec::new(),
            since_reboot: None,
            recent: Vec::new(),
        }
    }

    /// Sorts `held` into output and requests, serving each complete request.
    fn digest(&mut self) -> io::Result<()> {
        let marker = self.shared.marker;
        loop {
            let Some(start) = self.held.iter().position(|&b| b == START) else {
                let output = std::mem::take(&mut self.held);
                self.hand_up(&output)?;
                return Ok(());
            };
            let before: Vec<u8> = self.held.drain(..start).collect();
            self.hand_up(&before)?;
            if self.held.len() < marker.len() {
                if marker.starts_with(&self.held) {
                    return Ok(());
                }
            } else if self.held[..marker.len()] == marker {
                self.held.drain(..marker.len());
                self.serve()?;
                continue;
            }
            let first = self.held.remove(0);
            self.hand_up(&[first])?;
        }
    }

    /// Passes output up, watching it for a soft reboot and the prompt after it.
    fn hand_up(&mut self, output: &[u8]) -> io::Result<()> {
        if output.is_empty() {
            return Ok(());
        }
        self.ready.extend_from_slice(output);
        self.recent.extend_from_slice(output);
        if let Some(end) = raw_repl::find_end(&self.recent, raw_repl::SOFT_REBOOT) {
            let after = self.recent[end..].to_vec();
            self.since_reboot = Some(after);
            self.recent.clear();
            lock(&self.shared.host).forget_open_files();
        } else {
            if let Some(since) = self.since_reboot.as_mut() {
                since.extend_from_slice(output);
                if since.len() > 4096 {
                    since.drain(..since.len() - 64);
                }
            }
            let keep = self.recent.len().saturating_sub(32);
            self.recent.drain(..keep);
        }
        let prompt = self.since_reboot.as_ref().and_then(|since| {
            if raw_repl::find_raw_banner_end(since).is_some() {
                Some(false)
            } else if since.ends_with(b">>> ") {
                Some(true)
            } else {
                None
            }
        });
        if let Some(friendly) = prompt {
            self.since_reboot = None;
            self.remount(friendly)?;
        }
        Ok(())
    }

    /// Takes `n` bytes of a request: held ones first, then from the board.
    fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut out: Vec<u8> = self.held.drain(..n.min(self.held.len())).collect();
        let started = Instant::now();
        let mut buf = vec![0u8; 4096];
        while out.len() < n {
            let want = (n - out.len()).min(buf.len());
            let got = self
                .inner
                .read(&mut buf[..want], Duration::from_millis(100))?;
            if got == 0 && started.elapsed() > REQUEST_PATIENCE {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the board stopped in the middle of a mount request",
                ));
            }
            out.extend_from_slice(&buf[..got]);
        }
        Ok(out)
    }

    fn serve(&mut self) -> io::Result<()> {
        let shared = Arc::clone(&self.shared);
        let _wire = lock(&shared.wire);
        let head = self.take(3)?;
        let length = u16::from_le_bytes([head[1], head[2]]) as usize;
        let args = self.take(length)?;
        let data = if head[0] == op::WRITE {
            let size = self.take(4)?;
            let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
            self.take(size)?
        } else {
            Vec::new()
        };
        let answer = answer(&mut lock(&shared.host), head[0], &args, &data, shared.block);
        self.send(answer)
    }

    fn send(&mut self, answer: Answer) -> io::Result<()> {
        let (bits, payload) = match answer.payload.len() {
            len if self.shared.deflate && len >= 64 => {
                let packed = miniz_oxide::deflate::compress_to_vec(&answer.payload, 9);
                let bits = (usize::BITS - (len - 1).leading_zeros()).clamp(8, 15) as u8;
                if packed.len() * 10 <= len * 9 && len <= 1 << 15 {
                    (bits, packed)
                } else {
                    (0, answer.payload)
                }
            }
            _ => (0, answer.payload),
        };
        let payload = escape(&payload);
        let header = format!(
            "\x18{:02x}{bits:02x}{:08x}{:08x}{:08x}",
            answer.errno,
            answer.value,
            payload.len(),
            answer.extra
        );
        self.inner.write_all(header.as_bytes())?;
        let mut in_flight = 0;
        for unit in payload.chunks(self.shared.unit) {
            if in_flight == 2 {
                self.wait_ack()?;
                in_flight -= 1;
            }
            self.inner.write_all(unit)?;
            in_flight += 1;
        }
        for _ in 0..in_flight {
            self.wait_ack()?;
        }
        Ok(())
    }

    fn wait_ack(&mut self) -> io::Result<()> {
        let byte = self.take(1)?;
        if byte[0] == ACK {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the board answered {:#04x} inside a mount request", byte[0]),
            ))
        }
    }

    /// Mounts again after a soft reset, at the prompt that follows it (friendly or raw),
    /// hiding the exchange; the prompt already seen is handed up afterwards.
    fn remount(&mut self, friendly: bool) -> io::Result<()> {
        let shared = Arc::clone(&self.shared);
        if !shared.active.load(Ordering::SeqCst) {
            return Ok(());
        }
        let _wire = lock(&shared.wire);
        if friendly {
            self.inner.write_all(b"\r\x01")?;
            self.swallow_until(raw_repl::find_raw_banner_end)?;
        }
        // The plain raw REPL has no flow control: paced as old firmware needs.
        for chunk in shared.setup.as_bytes().chunks(128) {
            self.inner.write_all(chunk)?;
            thread::sleep(Duration::from_millis(8));
        }
        self.inner.write_all(&[raw_repl::CTRL_D])?;
        self.swallow_until(|data| raw_repl::find_end(data, b"\x04>"))?;
        if friendly {
            self.inner.write_all(&[raw_repl::CTRL_B])?;
            self.swallow_until(|data| raw_repl::find_end(data, b">>> "))?;
        }
        Ok(())
    }

    /// Reads and drops the board's output up to what `found` finds (within a few seconds).
    fn swallow_until(&mut self, found: impl Fn(&[u8]) -> Option<usize>) -> io::Result<()> {
        let mut seen = std::mem::take(&mut self.held);
        let started = Instant::now();
        let mut buf = [0u8; 512];
        loop {
            if let Some(end) = found(&seen) {
                self.held = seen.split_off(end);
                return Ok(());
            }
            if started.elapsed() > REQUEST_PATIENCE {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the board did not take the mount back after a soft reset",
                ));
            }
            let got = self.inner.read(&mut buf, Duration::from_millis(100))?;
            seen.extend_from_slice(&buf[..got]);
        }
    }
}

impl Transport for MountTransport {
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        let started = Instant::now();
        loop {
            if !self.ready.is_empty() {
                let n = self.ready.len().min(buf.len());
                buf[..n].copy_from_slice(&self.ready[..n]);
                self.ready.drain(..n);
                return Ok(n);
            }
            if !self.shared.active.load(Ordering::SeqCst) && self.held.is_empty() {
                return self.inner.read(buf, timeout);
            }
            let left = timeout.saturating_sub(started.elapsed());
            // A possible marker at the end of `held` is output unless more comes soon.
            let wait = if self.held.is_empty() {
                left
            } else {
                left.min(Duration::from_millis(100))
            };
            let mut chunk = vec![0u8; buf.len().max(256)];
            let got = self.inner.read(&mut chunk, wait)?;
            if got == 0 {
                if self.held.is_empty() {
                    return Ok(0);
                }
                let output = std::mem::take(&mut self.held);
                self.hand_up(&output)?;
                continue;
            }
            self.held.extend_from_slice(&chunk[..got]);
            if self.shared.active.load(Ordering::SeqCst) {
                self.digest()?;
            } else {
                let output = std::mem::take(&mut self.held);
                self.ready.extend_from_slice(&output);
            }
            if self.ready.is_empty() && started.elapsed() >= timeout {
                return Ok(0);
            }
        }
    }

    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        let _wire = lock(&self.shared.wire);
        self.inner.write_all(data)
    }

    fn set_dtr(&mut self, level: bool) -> io::Result<()> {
        self.inner.set_dtr(level)
    }

    fn set_rts(&mut self, level: bool) -> io::Result<()> {
        self.inner.set_rts(level)
    }

    fn discard_input(&mut self) -> io::Result<()> {
        self.held.clear();
        self.ready.clear();
        self.inner.discard_input()
    }

    fn try_clone(&self) -> io::Result<Box<dyn Transport>> {
        Ok(Box::new(MountTransport::new(
            self.inner.try_clone()?,
            Arc::clone(&self.shared),
        )))
    }

    fn name(&self) -> &str {
        self.inner.name()
    }
}

/// Escapes the board's interrupt character (and the escape byte), so an answer of any bytes
/// never reads as Ctrl-C, whatever the board's `kbd_intr` and however its terminal is set up.
fn escape(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 64);
    for &byte in data {
        match byte {
            raw_repl::CTRL_C => out.extend_from_slice(&[ESCAPE, 0x13]),
            ESCAPE => out.extend_from_slice(&[ESCAPE, 0x20]),
            other => out.push(other),
        }
    }
    out
}

/// One answer before it goes on the wire.
struct Answer {
    errno: u8,
    value: u32,
    extra: u32,
    payload: Vec<u8>,
}

impl Answer {
    fn done() -> Answer {
        Answer::value(0, 0, Vec::new())
    }

    fn value(value: u32, extra: u32, payload: Vec<u8>) -> Answer {
        Answer {
            errno: 0,
            value,
            extra,
            payload,
        }
    }

    fn refused(errno: u8) -> Answer {
        Answer {
            errno,
            value: 0,
            extra: 0,
            payload: Vec::new(),
        }
    }
}

/// Carries out one request.
fn answer(host: &mut Host, op: u8, args: &[u8], data: &[u8], block: usize) -> Answer {
    let Ok(args) = std::str::from_utf8(args) else {
        return Answer::refused(errno::EINVAL);
    };
    let mut fields = args.split('\0');
    let first = fields.next().unwrap_or("");
    let second = fields.next().unwrap_or("");
    let numbers = || -> Option<(u32, usize)> {
        let mut parts = first.split(' ');
        let handle = parts.next()?.parse().ok()?;
        let offset = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        Some((handle, offset))
    };
    let outcome = match op {
        op::OPEN => host.open(first, second).map(|(handle, content)| {
            let size = content.len() as u32;
            let head = content[..content.len().min(block)].to_vec();
            Answer::value(handle, size, head)
        }),
        op::LIST => host.list(first).map(|listing| Answer::value(0, 0, listing)),
        op::READ => match numbers() {
            Some((handle, offset)) => host
                .read(handle, offset, block)
                .map(|bytes| Answer::value(0, 0, bytes.to_vec())),
            None => Err(errno::EINVAL),
        },
        op::WRITE => match numbers() {
            Some((handle, _)) => host.write(handle, data).map(|()| Answer::done()),
            None => Err(errno::EINVAL),
        },
        op::CLOSE => match numbers() {
            Some((handle, _)) => host.close(handle).map(|()| Answer::done()),
            None => Err(errno::EINVAL),
        },
        op::REMOVE => host.remove(first).map(|()| Answer::done()),
        op::RENAME => host.rename(first, second).map(|()| Answer::done()),
        op::MKDIR => host.mkdir(first).map(|()| Answer::done()),
        op::RMDIR => host.rmdir(first).map(|()| Answer::done()),
        _ => Err(errno::EINVAL),
    };
    outcome.unwrap_or_else(Answer::refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_code_and_host_agree_on_the_ops() {
        for (op, call) in [
            (op::OPEN, "s.c.q(2,"),
            (op::LIST, "s.q(5,"),
            (op::READ, "s.c.q(6,"),
            (op::WRITE, "s.c.q(7,"),
            (op::CLOSE, "s.c.q(8,"),
            (op::REMOVE, "s.c.q(9,"),
            (op::RENAME, "s.c.q(10,"),
            (op::MKDIR, "s.c.q(11,"),
            (op::RMDIR, "s.c.q(12,"),
        ] {
            assert!(
                BOARD_CODE.contains(call),
                "op {op} ({call}) not in board.py"
            );
        }
        assert!(!BOARD_CODE.bytes().any(|b| (1..=5).contains(&b)));
    }

    #[test]
    fn answers_never_carry_a_raw_ctrl_c() {
        let data: Vec<u8> = (0..=255u8).chain([0x10, 0x13, 0x10, 0x20, 0x03]).collect();
        let wire = escape(&data);
        assert!(!wire.contains(&raw_repl::CTRL_C));
        // Decoded the way board.py does it.
        let text = String::from(BOARD_CODE);
        assert!(text.contains(r"replace(b'\x10\x13',b'\x03').replace(b'\x10\x20',b'\x10')"));
        let mut decoded = Vec::new();
        let mut bytes = wire.iter();
        while let Some(&b) = bytes.next() {
            decoded.push(match (b, b == ESCAPE) {
                (_, true) => match bytes.next() {
                    Some(0x13) => 0x03,
                    Some(0x20) => ESCAPE,
                    other => panic!("bad escape {other:?}"),
                },
                (b, false) => b,
            });
        }
        assert_eq!(decoded, data);
    }

    #[test]
    fn tokens_are_letters() {
        let token = token();
        assert_eq!(token.len(), 4);
        assert!(token.bytes().all(|b| b.is_ascii_uppercase()));
    }
}
