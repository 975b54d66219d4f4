//! The batch upload: one board program applies a list of [`Operation`]s (make folder, remove
//! file, remove folder, write file) in order, reporting each as it completes.
//!
//! Every upload in upy goes through here: a single file is a batch of one, `cp` of a tree is
//! its folders then its files, `sync` is its plan, `mip` a package's files. Three ways carry a
//! batch, chosen by what the board can do and how much there is to send:
//! - **streamed**: the operations are named in the code that starts `_up`, and the content
//!   of every file follows as one stream of frames on the board's stdin (see the
//!   [module](super) notes), so deflate blocks span small files. The host does not wait
//!   between files: acknowledgements, per-operation completions (0x17) and the end of the
//!   program arrive on one byte stream. After a failure the host ends the stream with
//!   "abort" at the next frame boundary, and the board reports the failure only once it has
//!   read every frame sent, so the stream and the raw REPL never get out of step.
//! - **inline**: a small batch on a board known to stream carries its content as bytes
//!   literals in the code (`_ib`), saving the receiver's definition and a round trip per
//!   file; the board runs the same operations (`_op`) and answers the same way. A batch of
//!   writes only, on a board with `os.rename`, `os.stat` and `hashlib`, runs `_qw` instead: a
//!   few hundred bytes of code that needs none of the general helpers, which a soft reset
//!   clears (so every `sync --watch` save would otherwise send them again).
//! - **step by step**: boards without raw binary stdin (MicroPython 1.9, the micro:bit) get
//!   one exec per operation, file content as base64 or bytes literals inside code.
//!
//! Each file is written under a temporary name, checked against the first 16 bytes of its
//! SHA-256 where the board has `hashlib`, and renamed over the target: a failure or a cut link
//! leaves every file either old or new. The first failure stops the batch; the operations
//! before it are done, and [`Progress::on_operation_done`] has told the caller which.

use std::collections::VecDeque;
use std::fmt::Write as _;

use sha2::Digest as _;

use super::upload::{block_frames, block_size, frame_header, unit_for, ABORT, MAX_FRAME_WIRE};
use super::{
    deflate_code, device_section, map_os_error, normalize, py_bytes, py_str, Fs, Helpers, Progress,
};
use crate::error::{Error, Result};
use crate::raw_repl::CTRL_D;
use crate::session::PasteSupport;

/// The board stored a unit.
const ACK: u8 = 0x06;
/// The board failed (it keeps reading until the stream ends, then raises).
const NAK: u8 = 0x15;
/// The board completed an operation.
const DONE: u8 = 0x17;
/// Bytes of a file's SHA-256 the board checks.
pub(crate) const DIGEST_PREFIX: usize = 16;
/// Most file bytes a batch may carry inline.
const INLINE_BYTES: usize = 1536;
/// Most operations a batch may have to go inline.
const INLINE_OPERATIONS: usize = 24;

/// One step of a batch upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation<'a> {
    /// Make a folder; an existing folder is fine (a file there is an error). Parents must
    /// exist or come earlier in the batch.
    MakeDir(String),
    /// Remove a file.
    RemoveFile(String),
    /// Remove an empty folder.
    RemoveDir(String),
    /// Write a whole file (temporary name, checked, renamed into place).
    Write {
        /// Board path.
        path: String,
        /// The new content.
        data: &'a [u8],
        /// SHA-256 of `data`; the board checks what it wrote against it.
        sha256: [u8; 32],
    },
}

impl<'a> Operation<'a> {
    /// Writes `data` to `path`, hashing it here.
    pub fn write(path: impl Into<String>, data: &'a [u8]) -> Operation<'a> {
        Operation::Write {
            path: path.into(),
            data,
            sha256: sha2::Sha256::digest(data).into(),
        }
    }

    /// The board path the operation is about.
    pub fn path(&self) -> &str {
        match self {
            Operation::MakeDir(path) | Operation::RemoveFile(path) | Operation::RemoveDir(path) => {
                path
            }
            Operation::Write { path, .. } => path,
        }
    }

    /// The file content it carries (empty for the others).
    pub fn data(&self) -> &[u8] {
        match self {
            Operation::Write { data, .. } => data,
            _ => &[],
        }
    }

    fn kind(&self) -> char {
        match self {
            Operation::MakeDir(_) => 'd',
            Operation::RemoveFile(_) => 'r',
            Operation::RemoveDir(_) => 'R',
            Operation::Write { .. } => 'f',
        }
    }
}

/// An operation's name on the board: its kind letter, then the normalised path.
fn board_name(kind: char, path: &str) -> String {
    py_str(&format!("{kind}{path}"))
}

/// What the board has told so far while a batch runs.
struct Tally<'p> {
    /// File content travels in the code: a file's progress is all reported when it is done.
    inline: bool,
    done: usize,
    failed: bool,
    in_flight: VecDeque<(usize, u64)>,
    in_flight_bytes: usize,
    progress: &'p mut dyn Progress,
}

/// How reading the board's answers went.
enum Answer {
    /// A byte of the protocol.
    Read,
    /// The program ended (its reply, and any exception, follow).
    Ended,
}

impl Fs<'_> {
    /// Writes one file: a batch of one [`Operation::write`] (see [`Fs::apply`]).
    pub fn write(&mut self, path: &str, data: &[u8], progress: &mut dyn Progress) -> Result<()> {
        self.apply(&[Operation::write(path, data)], progress)
    }

    /// Applies `operations` in order in one board program (see the [`fs`](super) notes).
    /// Stops at the first failure, whose error names that operation's path; the operations
    /// before it are done and were reported to [`Progress::on_operation_done`].
    pub fn apply(
        &mut self,
        operations: &[Operation<'_>],
        progress: &mut dyn Progress,
    ) -> Result<()> {
        if operations.is_empty() {
            return Ok(());
        }
        let names = operations
            .iter()
            .map(|op| {
                let path = normalize(op.path())?;
                if path == "/" && !matches!(op, Operation::MakeDir(_)) {
                    return Err(Error::PathOutsideRoot { path });
                }
                Ok(board_name(op.kind(), &path))
            })
            .collect::<Result<Vec<_>>>()?;
        let total = operations.iter().map(|op| op.data().len() as u64).sum();
        progress.on_batch_start(operations.len(), total);
        let raw = self.session.raw_uploads;
        let facts = self.stream_facts();
        if raw && matches!(facts, Some((true, _))) {
            if let Some(code) = self.quick_code(operations) {
                return self.run_inline(operations, &code, &[], progress);
            }
            if let Some(code) = inline_code(operations, &names) {
                let needs = [Helpers::Op];
                let full = format!("{}{code}", self.prelude_for(&needs));
                return self.run_inline(operations, &full, &needs, progress);
            }
        }
        if raw && facts.is_none() {
            if let Some(result) = self.optimistic_batch(operations, &names, progress) {
                return result;
            }
        }
        let (streams, deflate_block) = match facts {
            Some(facts) => facts,
            None => stream_facts_of(&self.session.info()?),
        };
        if raw && streams {
            let needs = stream_helpers(operations);
            let prelude = self.prelude_for(needs);
            let list = stream_list(operations, &names);
            let started = self.session.start_with(|window| {
                format!("{prelude}_up(({list}),{})", unit_for(window)).into_bytes()
            });
            self.mark_loaded(needs, &started);
            started?;
            self.stream_batch(operations, deflate_block, progress)
        } else {
            let info = self.session.info()?;
            self.apply_step_by_step(operations, &info, progress)
        }
    }

    /// Whether the board takes streamed uploads, and the deflate block it affords, as far as
    /// known. What the firmware can do survives a soft reset (as in `sync --watch`), so facts
    /// from before one still hold: no probe then.
    fn stream_facts(&self) -> Option<(bool, Option<usize>)> {
        let session = &*self.session;
        match session
            .cached_info
            .as_ref()
            .or(session.info_before_reset.as_ref())
        {
            Some(info) => Some(stream_facts_of(info)),
            None => session
                .stream_memory
                .map(|free| (true, free.and_then(deflate_block_for))),
        }
    }

    /// First contact in a session: one exec checks that the board streams (raw stdin,
    /// `kbd_intr`, `deflate`), defines the helpers (deflated), tells its free memory and
    /// starts the batch, saving a round trip and the full probe's bytes. None when the board
    /// lacks what streaming needs (the caller then probes it).
    fn optimistic_batch(
        &mut self,
        operations: &[Operation<'_>],
        names: &[String],
        progress: &mut dyn Progress,
    ) -> Option<Result<()>> {
        let needs = stream_helpers(operations);
        let packed = deflate_code(&self.missing_helper_source(needs));
        let list = stream_list(operations, names);
        let started = self.session.start_with(|window| {
            if window.is_none() {
                // Old firmware: no raw-paste, small heap; the full probe comes next.
                return b"print('-')".to_vec();
            }
            format!(
                "try:\n import sys,gc,deflate,binascii,io,micropython;sys.stdin.buffer;micropython.kbd_intr\n {packed}\n try:import hashlib;_q=hasattr(hashlib,'sha256') and hasattr(os,'rename') and hasattr(os,'stat')\n except ImportError:_q=0\n gc.collect();_ok=gc.mem_free()\nexcept (ImportError,AttributeError):_ok=0\nprint('%d %d'%(_ok,_q) if _ok else '-')\nif _ok:_up(({list}),{})",
                unit_for(window),
            )
            .into_bytes()
        });
        if let Err(err) = started {
            return Some(Err(err));
        }
        let line = match self.read_header_line() {
            Ok(line) => line,
            Err(err) => return Some(Err(err)),
        };
        let (free, quick) = match line {
            Some(line) if line == "-" => return self.end_quietly().err().map(Err),
            Some(line) => match parse_probe_line(&line) {
                Some(facts) => facts,
                None => {
                    return Some(Err(self
                        .session
                        .unexpected("probing the board", line.as_bytes())))
                }
            },
            None => {
                let timeout = self.session.answer_timeout();
                return match self.session.finish(&mut |_| {}, Some(timeout)) {
                    // Too much code at once for this heap: go the step-by-step way.
                    Err(Error::Exception(exc)) if exc.kind == "MemoryError" => None,
                    Err(err) => Some(Err(map_os_error(err, operations[0].path()))),
                    Ok(()) => Some(Err(self.session.unexpected("probing the board", b""))),
                };
            }
        };
        self.session.stream_memory = Some(free);
        self.session.quick_writes = Some(quick);
        self.session.inflates_code = Some(true);
        for &group in [Helpers::Core].iter().chain(needs) {
            self.session.helpers_loaded |= group as u8;
        }
        self.session.helper_cleanup = Some(super::HELPER_CLEANUP);
        Some(self.stream_batch(operations, free.and_then(deflate_block_for), progress))
    }

    /// Reads the end of a program whose output does not matter.
    fn end_quietly(&mut self) -> Result<()> {
        let timeout = self.session.answer_timeout();
        self.session.finish(&mut |_| {}, Some(timeout))
    }

    /// Feeds the running `_up` the content stream (every file's bytes, each followed by its
    /// digest prefix) in frames within the flow window, then reads the end of the program.
    fn stream_batch(
        &mut self,
        operations: &[Operation<'_>],
        deflate_block: Option<usize>,
        progress: &mut dyn Progress,
    ) -> Result<()> {
        let unit = unit_for(match self.session.paste_support() {
            PasteSupport::Supported(window) => Some(window),
            _ => None,
        });
        let window = 2 * unit;
        let stream = ContentStream::new(operations);
        let mut tally = Tally {
            inline: false,
            done: 0,
            failed: false,
            in_flight: VecDeque::new(),
            in_flight_bytes: 0,
            progress,
        };
        let mut cancelled = false;
        let mut ended = false;
        let mut offset = 0usize;
        let mut next_file = 0usize;
        let frames = stream
            .bytes
            .chunks(block_size(deflate_block))
            .flat_map(|block| block_frames(block, deflate_block));
        'frames: for frame in frames {
            cancelled |= self.session.cancel_requested();
            if tally.failed || cancelled {
                break;
            }
            let end = offset + frame.content_bytes as usize;
            while let Some(&(index, start)) = stream.starts.get(next_file) {
                if start >= end {
                    break;
                }
                let op = &operations[index];
                tally
                    .progress
                    .on_file_start(op.path(), op.data().len() as u64);
                next_file += 1;
            }
            let credit = stream.content_within(offset, end);
            offset = end;
            let header = frame_header(frame.payload.len(), frame.wbits);
            if self.send_piece(&header, 0, window, operations, &mut tally)? {
                ended = true;
                break;
            }
            let count = frame.payload.chunks(unit).count();
            for (i, piece) in frame.payload.chunks(unit).enumerate() {
                let credit = if i + 1 == count { credit } else { 0 };
                if self.send_piece(piece, credit, window, operations, &mut tally)? {
                    ended = true;
                    break 'frames;
                }
            }
        }
        if !ended {
            // One terminator: "end" after the whole stream, "abort" when stopping early.
            let terminator = if tally.failed || cancelled {
                frame_header(0, ABORT)
            } else {
                frame_header(0, 0)
            };
            ended = self.send_piece(&terminator, 0, window, operations, &mut tally)?;
        }
        if !ended {
            // Everything is sent: the remaining answers, up to the end of the program.
            while let Answer::Read = self.read_answer(operations, &mut tally)? {}
        }
        let timeout = self.session.answer_timeout();
        let result = self.session.finish(&mut |_| {}, Some(timeout));
        if ended && !tally.in_flight.is_empty() {
            // The program died with frames on their way: they reached the raw REPL as code.
            self.session.resynchronize();
        }
        self.conclude(result, operations, tally.done, cancelled)
    }

    /// Sends one piece once the flow window has room; true when the board program ended
    /// instead (its reply follows).
    fn send_piece(
        &mut self,
        piece: &[u8],
        credit: u64,
        window: usize,
        operations: &[Operation<'_>],
        tally: &mut Tally<'_>,
    ) -> Result<bool> {
        while !tally.in_flight.is_empty() && tally.in_flight_bytes + piece.len() > window {
            if let Answer::Ended = self.read_answer(operations, tally)? {
                return Ok(true);
            }
        }
        self.session.write(piece)?;
        tally.in_flight.push_back((piece.len(), credit));
        tally.in_flight_bytes += piece.len();
        Ok(false)
    }

    /// Reads and accounts for one byte of the board's answers.
    fn read_answer(
        &mut self,
        operations: &[Operation<'_>],
        tally: &mut Tally<'_>,
    ) -> Result<Answer> {
        let mut byte = [0u8; 1];
        let timeout = self.session.answer_timeout();
        if self.session.read_flow_byte(&mut byte, timeout)? == 0 {
            return Err(self.session.not_answering("the board to store files"));
        }
        match byte[0] {
            ACK | NAK => {
                if let Some((len, credit)) = tally.in_flight.pop_front() {
                    tally.in_flight_bytes -= len;
                    if credit > 0 {
                        tally.progress.on_bytes(credit);
                    }
                }
                tally.failed |= byte[0] == NAK;
                Ok(Answer::Read)
            }
            DONE => {
                if let Some(Operation::Write { path, data, .. }) = operations.get(tally.done) {
                    if tally.inline {
                        tally.progress.on_file_start(path, data.len() as u64);
                        tally.progress.on_bytes(data.len() as u64);
                    }
                    tally.progress.on_file_done(path);
                }
                tally.progress.on_operation_done(tally.done);
                tally.done += 1;
                Ok(Answer::Read)
            }
            CTRL_D => {
                self.session.push_back(CTRL_D);
                Ok(Answer::Ended)
            }
            other => {
                self.session.push_back(other);
                self.session.resynchronize();
                Err(self.session.unexpected("uploading", &[other]))
            }
        }
    }

    /// The batch's result from the end of its program: the error names the operation that
    /// failed, the first one not reported done.
    fn conclude(
        &mut self,
        result: Result<()>,
        operations: &[Operation<'_>],
        done: usize,
        cancelled: bool,
    ) -> Result<()> {
        let failed_path = operations
            .get(done)
            .or(operations.last())
            .map_or("", |op| op.path());
        match result {
            Ok(()) if done >= operations.len() => Ok(()),
            Ok(()) => Err(self
                .session
                .unexpected("uploading (the board ended the batch early)", b"")),
            Err(_) if cancelled || self.session.cancel_requested() => Err(Error::Interrupted),
            Err(Error::Exception(exc))
                if exc.kind == "ValueError" && exc.message.contains("hash mismatch") =>
            {
                Err(Error::TransferCorrupted {
                    path: failed_path.to_string(),
                    detail: "what the board wrote does not match its SHA-256".to_string(),
                })
            }
            Err(err) => Err(map_os_error(err, failed_path)),
        }
    }

    /// The program for a small batch of writes that needs no helpers: a few hundred bytes
    /// instead of the general helpers (~0.9 KB deflated), which matters on the first upload
    /// after a soft reset (every `sync --watch` save). Only for boards known to have
    /// `os.rename`, `os.stat` and `hashlib`, and only while the general helpers are not
    /// defined anyway.
    fn quick_code(&self, operations: &[Operation<'_>]) -> Option<String> {
        let session = &*self.session;
        if session.helpers_loaded & Helpers::Op as u8 != 0 {
            return None;
        }
        let from_info = || {
            let info = (session.cached_info.as_ref()).or(session.info_before_reset.as_ref())?;
            let features = info.features;
            Some(features.os_rename && features.os_stat && features.sha256)
        };
        if !session.quick_writes.or_else(from_info)? {
            return None;
        }
        let mut bytes = 0;
        let mut list = String::new();
        for op in operations {
            let Operation::Write { data, sha256, .. } = op else {
                return None;
            };
            bytes += data.len();
            let path = normalize(op.path()).ok()?;
            let _ = write!(
                list,
                "({},{},{}),",
                py_str(&path),
                py_bytes(data),
                py_bytes(&sha256[..DIGEST_PREFIX])
            );
        }
        if operations.len() > INLINE_OPERATIONS || bytes > INLINE_BYTES {
            return None;
        }
        Some(format!("{}_qw(({list}))", device_section("quick")))
    }

    /// A small batch with its content inside the code, after the helper groups it `needs`.
    fn run_inline(
        &mut self,
        operations: &[Operation<'_>],
        code: &str,
        needs: &[Helpers],
        progress: &mut dyn Progress,
    ) -> Result<()> {
        let started = self.session.start(code.as_bytes());
        if !needs.is_empty() {
            self.mark_loaded(needs, &started);
        }
        started?;
        let mut tally = Tally {
            inline: true,
            done: 0,
            failed: false,
            in_flight: VecDeque::new(),
            in_flight_bytes: 0,
            progress,
        };
        while let Answer::Read = self.read_answer(operations, &mut tally)? {}
        let timeout = self.session.answer_timeout();
        let result = self.session.finish(&mut |_| {}, Some(timeout));
        self.conclude(result, operations, tally.done, false)
    }

    /// One exec per operation, for boards without raw binary stdin.
    fn apply_step_by_step(
        &mut self,
        operations: &[Operation<'_>],
        info: &crate::facts::DeviceInfo,
        progress: &mut dyn Progress,
    ) -> Result<()> {
        for (index, op) in operations.iter().enumerate() {
            match op {
                Operation::MakeDir(path) => self.mkdir(path, true)?,
                Operation::RemoveFile(path) => self.remove(path)?,
                Operation::RemoveDir(path) => self.rmdir(path)?,
                Operation::Write { path, data, .. } => {
                    self.write_in_code(path, data, info, progress)?
                }
            }
            progress.on_operation_done(index);
        }
        Ok(())
    }
}

/// The first upload's probe line: free heap (negative: unknown), then 1 when the board can
/// take quick writes.
fn parse_probe_line(line: &str) -> Option<(Option<u64>, bool)> {
    let (free, quick) = line.split_once(' ')?;
    let free = free.parse::<i64>().ok()?;
    let quick = match quick {
        "1" => true,
        "0" => false,
        _ => return None,
    };
    Some((u64::try_from(free).ok(), quick))
}

/// Whether a board streams uploads, and its deflate block, from what it told about itself.
fn stream_facts_of(info: &crate::facts::DeviceInfo) -> (bool, Option<usize>) {
    let block = if info.features.deflate {
        info.mem_free.and_then(deflate_block_for)
    } else {
        None
    };
    (info.can_stream_raw_input(), block)
}

/// Deflate block size for a board with `mem_free` bytes of heap: a power of two from 1 KB to
/// 32 KB, using at most an eighth of the heap (the board holds a compressed block and a window
/// as large as the block). Larger blocks compress better.
pub(crate) fn deflate_block_for(mem_free: u64) -> Option<usize> {
    if mem_free < 16 * 1024 {
        return None;
    }
    let budget = (mem_free / 8).min(MAX_FRAME_WIRE as u64);
    let block = 1u64 << (63 - budget.leading_zeros());
    Some(block.max(1024) as usize)
}

/// The bytes a streamed batch sends: each file's content followed by the first bytes of its
/// SHA-256, all files in one stream so that deflate blocks span small files (whose common
/// words then compress across them).
struct ContentStream {
    bytes: Vec<u8>,
    /// (operation index, stream offset) of each file's content.
    starts: Vec<(usize, usize)>,
    /// (stream offset, length) of each file's content, digests left out.
    contents: Vec<(usize, usize)>,
}

impl ContentStream {
    fn new(operations: &[Operation<'_>]) -> ContentStream {
        let size = operations
            .iter()
            .map(|op| op.data().len() + DIGEST_PREFIX)
            .sum();
        let mut stream = ContentStream {
            bytes: Vec::with_capacity(size),
            starts: Vec::new(),
            contents: Vec::new(),
        };
        for (index, op) in operations.iter().enumerate() {
            if let Operation::Write { data, sha256, .. } = op {
                let start = stream.bytes.len();
                stream.starts.push((index, start));
                stream.contents.push((start, data.len()));
                stream.bytes.extend_from_slice(data);
                stream.bytes.extend_from_slice(&sha256[..DIGEST_PREFIX]);
            }
        }
        stream
    }

    /// File content bytes (not digests) between two stream offsets.
    fn content_within(&self, from: usize, to: usize) -> u64 {
        self.contents
            .iter()
            .map(|&(start, len)| {
                let low = start.max(from);
                let high = (start + len).min(to);
                high.saturating_sub(low) as u64
            })
            .sum()
    }
}

/// The helper groups a streamed batch needs: `_op` only when there is more than files to
/// write (the helpers cross the link on every connection).
fn stream_helpers(operations: &[Operation<'_>]) -> &'static [Helpers] {
    if operations
        .iter()
        .all(|op| matches!(op, Operation::Write { .. }))
    {
        &[Helpers::Upload]
    } else {
        &[Helpers::Op, Helpers::Upload]
    }
}

/// The operations as `_up` takes them: names, files as (name, size).
fn stream_list(operations: &[Operation<'_>], names: &[String]) -> String {
    let mut list = String::new();
    for (op, name) in operations.iter().zip(names) {
        let _ = match op {
            Operation::Write { data, .. } => write!(list, "({name},{}),", data.len()),
            _ => write!(list, "{name},"),
        };
    }
    list
}

/// The `_ib` call for a batch small enough to carry its content in the code, or None.
fn inline_code(operations: &[Operation<'_>], names: &[String]) -> Option<String> {
    let bytes: usize = operations.iter().map(|op| op.data().len()).sum();
    if operations.len() > INLINE_OPERATIONS || bytes > INLINE_BYTES {
        return None;
    }
    let mut code = String::from("_ib((");
    for (op, name) in operations.iter().zip(names) {
        let _ = match op {
            Operation::Write { data, sha256, .. } => write!(
                code,
                "({name},{},{}),",
                py_bytes(data),
                py_bytes(&sha256[..DIGEST_PREFIX])
            ),
            _ => write!(code, "{name},"),
        };
    }
    code.push_str("))");
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_size_follows_free_memory() {
        assert_eq!(deflate_block_for(8 * 1024), None);
        assert_eq!(deflate_block_for(20 * 1024), Some(2048));
        assert_eq!(deflate_block_for(2_000_000), Some(32768));
    }

    #[test]
    fn operations_are_named_by_kind_and_path() {
        assert_eq!(board_name('d', "/lib"), "'d/lib'");
        assert_eq!(board_name('f', "/it's.py"), "'f/it\\'s.py'");
        let op = Operation::write("/a.py", b"x");
        assert_eq!(op.kind(), 'f');
        assert_eq!(op.path(), "/a.py");
        assert_eq!(op.data(), b"x");
    }

    #[test]
    fn small_batches_go_inline_with_sendable_code_and_large_ones_do_not() {
        let all: Vec<u8> = (0..=255).collect();
        let ops = [
            Operation::MakeDir("/lib".into()),
            Operation::write("/lib/all.bin", &all),
        ];
        let names = ["'d/lib'".to_string(), "'f/lib/all.bin'".to_string()];
        let code = inline_code(&ops, &names).expect("inline");
        assert!(code.starts_with("_ib(('d/lib',('f/lib/all.bin',b'\\x00"));
        assert!(crate::raw_repl::is_sendable_code(code.as_bytes()));
        let big = vec![b'x'; INLINE_BYTES + 1];
        let ops = [Operation::write("/big", &big)];
        assert!(inline_code(&ops, &["'f/big'".to_string()]).is_none());
    }

    #[test]
    fn the_content_stream_puts_each_digest_after_its_file_and_credits_only_content() {
        let ops = [
            Operation::write("/a", b"aaaa"),
            Operation::MakeDir("/d".into()),
            Operation::write("/empty", b""),
            Operation::write("/b", b"bb"),
        ];
        let stream = ContentStream::new(&ops);
        let digest = |op: &Operation<'_>| match op {
            Operation::Write { sha256, .. } => sha256[..DIGEST_PREFIX].to_vec(),
            _ => unreachable!(),
        };
        let mut expected = b"aaaa".to_vec();
        expected.extend(digest(&ops[0]));
        expected.extend(digest(&ops[2]));
        expected.extend(b"bb");
        expected.extend(digest(&ops[3]));
        assert_eq!(stream.bytes, expected);
        assert_eq!(stream.starts, vec![(0, 0), (2, 20), (3, 36)]);
        assert_eq!(stream.content_within(0, stream.bytes.len()), 6);
        assert_eq!(stream.content_within(2, 37), 3);
        assert_eq!(stream.content_within(4, 36), 0);
        let names = ["'f/a'", "'d/d'", "'f/empty'", "'f/b'"].map(String::from);
        assert_eq!(
            stream_list(&ops, &names),
            "('f/a',4),'d/d',('f/empty',0),('f/b',2),"
        );
    }

    #[test]
    fn the_board_programs_use_the_hosts_temporary_suffix_and_digest_length() {
        let code = super::super::DEVICE_CODE;
        assert_eq!(
            code.matches(&format!("p+'{}'", super::super::TEMP_SUFFIX))
                .count(),
            3
        );
        assert!(code.contains(&format!("n=o[1]+{DIGEST_PREFIX}")));
        assert!(code.contains(&format!(
            "if n<{DIGEST_PREFIX}:u=max(0,len(d)-{DIGEST_PREFIX}+n)"
        )));
        assert!(code.contains(&format!("digest()[:{DIGEST_PREFIX}]")));
    }
}
