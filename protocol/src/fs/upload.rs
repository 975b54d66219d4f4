//! Moving file content: streamed raw uploads with acknowledgements, downloads, and the slower
//! encodings for boards without raw binary input.

use std::collections::VecDeque;

use base64::Engine as _;

use super::path::dev_path;
use super::{deflate_code, map_os_error, normalize, py_bytes, Fs, Helpers, Progress, TEMP_SUFFIX};
use crate::error::{Error, Result};
use crate::raw_repl::CTRL_D;
use crate::session::PasteSupport;

/// The board stored a unit.
const ACK: u8 = 0x06;
/// The board failed (it keeps reading until the stream ends, then raises).
const NAK: u8 = 0x15;
/// The board renamed the file into place.
const COMMITTED: u8 = 0x17;
/// Upper bound of a frame's payload: deflate blocks are at most 32 KB and only used when they
/// shrink the data; raw frames are 4 KB.
pub(crate) const MAX_FRAME_WIRE: usize = crate::session::MAX_UPLOAD_FRAME;
/// Largest payload the board-side helper accepts in one frame: a deflate block of
/// `MAX_FRAME_WIRE` bytes that did not shrink, with room for deflate's own framing. A larger
/// length (or window bits outside 8..=15) can only be bytes of something else read as a header,
/// such as a killed upy's half-sent frame followed by the next session's Ctrl-C: the helper
/// drops the file at once instead of waiting for megabytes that never come.
const MAX_FRAME_PAYLOAD: usize = MAX_FRAME_WIRE + 1024;
/// Window bits value in an empty frame header that tells the board to drop the file.
const ABORT: u8 = 255;
/// Below this much free heap, helpers are defined a function at a time.
const SMALL_HEAP: u64 = 24 * 1024;
/// Payload bytes per frame when not compressing.
const RAW_FRAME: usize = 4096;

/// One file to write.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// Remote path.
    pub path: &'a str,
    /// The whole new content.
    pub data: &'a [u8],
}

/// One frame of an upload stream and how many content bytes it stands for.
struct Frame {
    payload: Vec<u8>,
    content_bytes: u64,
}

/// An upload prepared for the wire: frames, and the window bits the board needs to inflate
/// them (0: raw).
struct Prepared {
    wbits: u8,
    frames: Vec<Frame>,
}

/// Splits `data` into raw frames, or deflate blocks of `block` bytes when that is at most 90% of
/// the raw size. Each block is compressed on its own, so the board inflates it with a window no
/// larger than the block.
fn prepare(data: &[u8], deflate_block: Option<usize>) -> Prepared {
    if let Some(block) = deflate_block {
        if data.len() > 256 {
            let frames: Vec<Frame> = data
                .chunks(block)
                .map(|chunk| Frame {
                    payload: miniz_oxide::deflate::compress_to_vec(chunk, 10),
                    content_bytes: chunk.len() as u64,
                })
                .collect();
            let wire: usize = frames.iter().map(|f| f.payload.len() + 3).sum();
            if wire * 10 <= data.len() * 9 {
                debug_assert!(frames.iter().all(|f| f.payload.len() <= MAX_FRAME_PAYLOAD));
                return Prepared {
                    wbits: block.trailing_zeros() as u8,
                    frames,
                };
            }
        }
    }
    Prepared {
        wbits: 0,
        frames: data
            .chunks(RAW_FRAME)
            .map(|chunk| Frame {
                payload: chunk.to_vec(),
                content_bytes: chunk.len() as u64,
            })
            .collect(),
    }
}

/// Deflate block size for a board with `mem_free` bytes of heap: a power of two from 1 KB to
/// 32 KB, using at most an eighth of the heap (the board holds a compressed block and a window
/// as large as the block). Larger blocks compress better.
fn deflate_block_for(mem_free: u64) -> Option<usize> {
    if mem_free < 16 * 1024 {
        return None;
    }
    let budget = (mem_free / 8).min(MAX_FRAME_WIRE as u64);
    let block = 1u64 << (63 - budget.leading_zeros());
    Some(block.max(1024) as usize)
}

/// A frame header: payload length (24-bit little-endian) and the window bits to inflate it
/// with (0: raw bytes).
fn frame_header(len: usize, wbits: u8) -> [u8; 4] {
    let bytes = (len as u32).to_le_bytes();
    [bytes[0], bytes[1], bytes[2], wbits]
}

/// Bytes per acknowledged unit: the board's raw-paste window increment, which its input buffer
/// holds twice over.
fn unit_for(window: Option<usize>) -> usize {
    window.unwrap_or(64).clamp(16, 1024)
}

/// `_up` arguments for each file: board path and temporary path.
fn upload_calls(paths: &[String]) -> String {
    paths
        .iter()
        .map(|path| {
            format!(
                "({},{}),",
                dev_path(path),
                dev_path(&format!("{path}{TEMP_SUFFIX}"))
            )
        })
        .collect()
}

/// How a stream ended.
enum StreamEnd {
    Committed,
    /// The board reported a failure or stopped following the protocol; its reply explains.
    Failed,
}

impl Fs<'_> {
    /// Writes one file (see [`Fs::write_many`]).
    pub fn write(&mut self, path: &str, data: &[u8], progress: &mut dyn Progress) -> Result<()> {
        self.write_many(&[Upload { path, data }], progress)
    }

    /// Writes several files in one round trip. Each goes to a temporary name and is renamed
    /// over the target once complete, so an interrupted transfer leaves the old content. Parent
    /// directories must exist ([`Fs::mkdirs`]). Stops at the first failure; files before it are
    /// written.
    pub fn write_many(&mut self, files: &[Upload<'_>], progress: &mut dyn Progress) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let paths = files
            .iter()
            .map(|f| normalize(f.path))
            .collect::<Result<Vec<_>>>()?;
        let raw = self.session.raw_uploads;
        if raw
            && self.session.cached_info.is_none()
            && self.optimistic_upload(files, &paths, progress)?
        {
            return Ok(());
        }
        let info = self.session.info()?;
        if raw && info.can_stream_raw_input() {
            let needs = [Helpers::Upload];
            let prelude = self.prelude_for(&needs);
            let calls = upload_calls(&paths);
            let started = self.session.start_with(|window| {
                format!(
                    "{prelude}for a in ({calls}):_up(a[0],{},a[1])",
                    unit_for(window)
                )
                .into_bytes()
            });
            self.mark_loaded(&needs, &started);
            started?;
            self.stream_files(files, &paths, &info, progress)
        } else {
            for file in files {
                self.write_in_code(file, &info, progress)?;
            }
            Ok(())
        }
    }

    /// First contact in a session: one exec asks the board about itself, defines the upload
    /// helpers (deflated) and starts receiving, saving a round trip and the probe's own bytes.
    /// Returns false, having learnt the board's features, when it lacks what streaming needs.
    fn optimistic_upload(
        &mut self,
        files: &[Upload<'_>],
        paths: &[String],
        progress: &mut dyn Progress,
    ) -> Result<bool> {
        let helpers = self.missing_helper_source(&[Helpers::Upload]);
        // The probe travels deflated with the helpers; a board without deflate answers `-` and
        // gets the plain probe next.
        let packed = deflate_code(&format!("{}{helpers}", crate::info::INFO_SNIPPET));
        let calls = upload_calls(paths);
        let started = self.session.start_with(|window| {
            if window.is_none() {
                // Old firmware: no raw-paste, small heap; the plain probe comes next.
                return b"print('-')".to_vec();
            }
            format!(
                "try:\n import sys,deflate,binascii,io,micropython;sys.stdin.buffer;micropython.kbd_intr\n {packed}\n _ok=1\nexcept (ImportError,AttributeError):_ok=0\nprint('\\x06' if _ok else '-')\nif _ok:\n for a in ({calls}):_up(a[0],{},a[1])",
                unit_for(window),
            )
            .into_bytes()
        });
        started?;
        let mut lines = Vec::new();
        while lines.len() < 6 {
            match self.read_header_line()? {
                Some(line) if lines.is_empty() && line == "-" => {
                    let timeout = self.session.answer_timeout();
                    self.session.finish(&mut |_| {}, Some(timeout))?;
                    return Ok(false);
                }
                Some(line) => lines.push(line),
                None => {
                    let timeout = self.session.answer_timeout();
                    let result = self.session.finish(&mut |_| {}, Some(timeout));
                    return match result {
                        // Too much code at once for this heap: go the step-by-step way.
                        Err(Error::Exception(exc)) if exc.kind == "MemoryError" => Ok(false),
                        Err(err) => Err(map_os_error(err, &paths[0])),
                        Ok(()) => Err(self.session.unexpected("probing the board", b"")),
                    };
                }
            }
        }
        let info = crate::info::DeviceInfo::parse(lines[..5].join("\n").as_bytes());
        self.session.cached_info = Some(info.clone());
        if lines[5] != "\x06" {
            let timeout = self.session.answer_timeout();
            self.session.finish(&mut |_| {}, Some(timeout))?;
            return Ok(false);
        }
        self.session.helpers_loaded |= Helpers::Core as u8 | Helpers::Upload as u8;
        self.session.helper_cleanup = Some(super::HELPER_CLEANUP);
        self.stream_files(files, paths, &info, progress)?;
        Ok(true)
    }

    /// Streams each file to the running `_up` calls, then reads the end of the reply.
    fn stream_files(
        &mut self,
        files: &[Upload<'_>],
        paths: &[String],
        info: &crate::info::DeviceInfo,
        progress: &mut dyn Progress,
    ) -> Result<()> {
        let unit = unit_for(match self.session.paste_support() {
            PasteSupport::Supported(window) => Some(window),
            _ => None,
        });
        let window = 2 * unit;
        let deflate_block = if info.features.deflate {
            info.mem_free.and_then(deflate_block_for)
        } else {
            None
        };
        for (file, path) in files.iter().zip(paths) {
            let plan = prepare(file.data, deflate_block);
            progress.on_file_start(path, file.data.len() as u64);
            match self.send_stream(&plan, unit, window, progress)? {
                StreamEnd::Committed => progress.on_file_done(path),
                StreamEnd::Failed => {
                    let timeout = self.session.answer_timeout();
                    let result = self.session.finish(&mut |_| {}, Some(timeout));
                    self.session.resynchronize();
                    let err = match result {
                        Err(_) if self.session.cancel_requested() => Error::Interrupted,
                        Err(err) => map_os_error(err, path),
                        Ok(()) => self
                            .session
                            .unexpected("uploading (the board ended the transfer early)", b""),
                    };
                    return Err(err);
                }
            }
        }
        let timeout = self.session.answer_timeout();
        self.session
            .finish(&mut |_| {}, Some(timeout))
            .map_err(|err| map_os_error(err, paths.last().map_or("", |p| p.as_str())))
    }

    /// Sends one file's frames with at most `window` unacknowledged bytes, then the end mark,
    /// and waits for the board to commit the file.
    fn send_stream(
        &mut self,
        plan: &Prepared,
        unit: usize,
        window: usize,
        progress: &mut dyn Progress,
    ) -> Result<StreamEnd> {
        // In flight: (unit length, content bytes credited when acknowledged).
        let mut in_flight: VecDeque<(usize, u64)> = VecDeque::new();
        let mut in_flight_bytes = 0usize;
        let mut failed = false;
        let terminator = Frame {
            payload: Vec::new(),
            content_bytes: 0,
        };
        let mut cancelled = false;
        for frame in plan.frames.iter().chain(std::iter::once(&terminator)) {
            let is_end = frame.payload.is_empty();
            cancelled |= self.session.cancel_requested();
            if (failed || cancelled) && !is_end {
                continue;
            }
            let header = if cancelled {
                frame_header(0, ABORT)
            } else {
                frame_header(frame.payload.len(), plan.wbits)
            };
            let mut pieces: Vec<(&[u8], u64)> = vec![(&header[..], 0)];
            let count = frame.payload.chunks(unit).count();
            for (i, piece) in frame.payload.chunks(unit).enumerate() {
                let credit = if i + 1 == count {
                    frame.content_bytes
                } else {
                    0
                };
                pieces.push((piece, credit));
            }
            for (piece, credit) in pieces {
                while !in_flight.is_empty() && in_flight_bytes + piece.len() > window {
                    match self.await_ack(&mut in_flight, &mut in_flight_bytes, progress)? {
                        Some(ok) => failed |= !ok,
                        None => return Ok(StreamEnd::Failed),
                    }
                }
                self.session.write(piece)?;
                in_flight.push_back((piece.len(), credit));
                in_flight_bytes += piece.len();
            }
        }
        while !in_flight.is_empty() {
            match self.await_ack(&mut in_flight, &mut in_flight_bytes, progress)? {
                Some(ok) => failed |= !ok,
                None => return Ok(StreamEnd::Failed),
            }
        }
        if failed {
            return Ok(StreamEnd::Failed);
        }
        let mut byte = [0u8; 1];
        let timeout = self.session.answer_timeout();
        if self.session.read_flow_byte(&mut byte, timeout)? == 0 {
            return Err(self.session.not_answering("the board to store a file"));
        }
        if byte[0] == COMMITTED {
            Ok(StreamEnd::Committed)
        } else {
            self.session.push_back(byte[0]);
            Ok(StreamEnd::Failed)
        }
    }

    /// Reads one acknowledgement: Some(true) stored, Some(false) failed, None when the board
    /// left the protocol (its reply follows).
    fn await_ack(
        &mut self,
        in_flight: &mut VecDeque<(usize, u64)>,
        in_flight_bytes: &mut usize,
        progress: &mut dyn Progress,
    ) -> Result<Option<bool>> {
        let mut byte = [0u8; 1];
        let timeout = self.session.answer_timeout();
        if self.session.read_flow_byte(&mut byte, timeout)? == 0 {
            return Err(self.session.not_answering("an upload acknowledgement"));
        }
        match byte[0] {
            ACK | NAK => {
                if let Some((len, credit)) = in_flight.pop_front() {
                    *in_flight_bytes -= len;
                    if credit > 0 {
                        progress.on_bytes(credit);
                    }
                }
                Ok(Some(byte[0] == ACK))
            }
            other => {
                // The code died mid-stream; what we still send would land in the raw REPL as
                // code. Clear that line and make the next call re-enter cleanly.
                self.session.push_back(other);
                if other != CTRL_D {
                    return Err(self.session.unexpected("uploading", &[other]));
                }
                Ok(None)
            }
        }
    }

    /// Upload for boards without raw binary input: the content travels inside code, as base64
    /// (deflated when smaller) or, without `binascii`, as bytes literals.
    fn write_in_code(
        &mut self,
        file: &Upload<'_>,
        info: &crate::info::DeviceInfo,
        progress: &mut dyn Progress,
    ) -> Result<()> {
        let path = normalize(file.path)?;
        let target = if info.features.os_rename {
            format!("{path}{TEMP_SUFFIX}")
        } else {
            path.clone()
        };
        // Code per exec: the board compiles it in RAM, so keep it a small share of the heap.
        let budget = info
            .mem_free
            .map_or(512, |free| (free / 10) as usize)
            .clamp(200, 8192);
        let encoded_per_chunk = if info.features.binascii {
            budget * 3 / 4 - 16
        } else {
            budget / 4 - 16
        }
        .max(32);
        progress.on_file_start(&path, file.data.len() as u64);
        let open = format!(
            "k=_k({p})\nif k and k[0]=='d':raise OSError(21)\nf=open({t},'wb')\nw=f.write\n{imp}",
            p = dev_path(&path),
            t = dev_path(&target),
            imp = match (info.features.binascii, info.features.deflate) {
                (true, true) => "from binascii import a2b_base64 as a\nimport deflate,io\ndef z(b,n):return deflate.DeflateIO(io.BytesIO(a(b)),deflate.RAW,n).read()\n",
                (true, false) => "from binascii import a2b_base64 as a\n",
                _ => "",
            },
        );
        self.run(&[], &open, &path)?;
        let mut result = Ok(());
        for chunk in file.data.chunks(encoded_per_chunk) {
            let literal = if info.features.binascii {
                let plain = base64::engine::general_purpose::STANDARD.encode(chunk);
                let packed = info
                    .features
                    .deflate
                    .then(|| miniz_oxide::deflate::compress_to_vec(chunk, 10))
                    .map(|packed| base64::engine::general_purpose::STANDARD.encode(packed))
                    .filter(|packed| packed.len() < plain.len());
                match packed {
                    // Smallest of base64 and deflate+base64; the window covers the whole chunk.
                    Some(packed) => format!(
                        "w(z('{packed}',{}))",
                        chunk
                            .len()
                            .next_power_of_two()
                            .trailing_zeros()
                            .clamp(9, 15)
                    ),
                    None => format!("w(a('{plain}'))"),
                }
            } else {
                format!("w({})", py_bytes(chunk))
            };
            if let Err(err) = self.run(&[], &literal, &path) {
                result = Err(err);
                break;
            }
            progress.on_bytes(chunk.len() as u64);
        }
        if result.is_ok() {
            let mut close = "f.close()\n".to_string();
            if target != path {
                close.push_str(&format!("_mv({},{})", dev_path(&target), dev_path(&path)));
            }
            result = self.run(&[], &close, &path).map(|_| ());
        }
        if result.is_err() {
            let cleanup = format!(
                "try:f.close()\nexcept Exception:pass\ntry:os.remove({})\nexcept Exception:pass",
                dev_path(&target)
            );
            let _ = self.run(&[], &cleanup, &path);
        } else {
            progress.on_file_done(&path);
        }
        result
    }

    /// Reads a whole file.
    pub fn read(&mut self, path: &str, progress: &mut dyn Progress) -> Result<Vec<u8>> {
        let path = normalize(path)?;
        let info = self.session.info()?;
        let chunk = info
            .mem_free
            .map_or(256, |free| (free / 32) as usize)
            .clamp(64, 4096);
        let needs = [Helpers::Download];
        if info.mem_free.is_some_and(|free| free < SMALL_HEAP) {
            self.load_helpers_piecewise(&needs)?;
        }
        let code = format!(
            "{}_dn({},{chunk})",
            self.prelude_for(&needs),
            dev_path(&path)
        );
        let started = self.session.start(code.as_bytes());
        self.mark_loaded(&needs, &started);
        started?;
        let header = match self.read_header_line()? {
            Some(header) => header,
            None => {
                let timeout = self.session.answer_timeout();
                let result = self.session.finish(&mut |_| {}, Some(timeout));
                return Err(match result {
                    Err(err) => map_os_error(err, &path),
                    Ok(()) => self.session.unexpected("reading a file", b""),
                });
            }
        };
        let mut fields = header.split_whitespace();
        let (Some(Ok(size)), Some(mode)) = (fields.next().map(str::parse::<u64>), fields.next())
        else {
            return Err(self
                .session
                .unexpected("reading a file header", header.as_bytes()));
        };
        progress.on_file_start(&path, size);
        let timeout = self.session.answer_timeout();
        let data = if mode == "0" {
            // The size comes from the board: grow as bytes arrive instead of trusting it with
            // one allocation.
            let mut data = Vec::with_capacity(size.min(1 << 20) as usize);
            let mut piece = [0u8; 4096];
            while (data.len() as u64) < size {
                if self.session.cancel_requested() {
                    // Ctrl-C reaches the board (it did not turn keyboard interrupts off); what
                    // is still on its way is dropped when the next session starts.
                    self.session.resynchronize();
                    return Err(Error::Interrupted);
                }
                let want = (size - data.len() as u64).min(piece.len() as u64) as usize;
                self.session
                    .read_exact_into(&mut piece[..want], "file content")?;
                data.extend_from_slice(&piece[..want]);
                progress.on_bytes(want as u64);
            }
            self.session
                .finish(&mut |_| {}, Some(timeout))
                .map_err(|err| map_os_error(err, &path))?;
            data
        } else {
            let mut text = Vec::new();
            self.session
                .finish(&mut |bytes| text.extend_from_slice(bytes), Some(timeout))
                .map_err(|err| map_os_error(err, &path))?;
            let decoded =
                decode_lines(&text, mode == "1").ok_or_else(|| Error::TransferCorrupted {
                    path: path.clone(),
                    detail: "undecodable text from the board".to_string(),
                })?;
            progress.on_bytes(decoded.len() as u64);
            decoded
        };
        if data.len() as u64 != size {
            return Err(Error::TransferCorrupted {
                path,
                detail: format!("expected {size} bytes, got {}", data.len()),
            });
        }
        progress.on_file_done(&path);
        Ok(data)
    }

    /// Reads the download header line; None when the reply ended first (an exception).
    fn read_header_line(&mut self) -> Result<Option<String>> {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            let timeout = self.session.answer_timeout();
            if self.session.read_flow_byte(&mut byte, timeout)? == 0 {
                return Err(self.session.not_answering("a file header"));
            }
            match byte[0] {
                b'\n' => return Ok(Some(String::from_utf8_lossy(&line).trim_end().to_string())),
                CTRL_D => {
                    self.session.push_back(CTRL_D);
                    return Ok(None);
                }
                other => line.push(other),
            }
            if line.len() > 200 {
                return Err(self.session.unexpected("reading a file header", &line));
            }
        }
    }
}

fn decode_lines(text: &[u8], base64: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for line in String::from_utf8_lossy(text).lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if base64 {
            out.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(line)
                    .ok()?,
            );
        } else {
            if line.len() % 2 != 0 {
                return None;
            }
            for i in (0..line.len()).step_by(2) {
                out.push(u8::from_str_radix(line.get(i..i + 2)?, 16).ok()?);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_helper_accepts_every_frame_the_host_makes_and_nothing_larger() {
        assert!(super::super::DEVICE_CODE.contains(&format!(
            "z and not 7<z<16 or m>{MAX_FRAME_PAYLOAD}:e=OSError(4)"
        )));
        // Half compressible, half random: deflated, with blocks that barely shrink.
        let mut data = b"sensor = read()\n".repeat(4096);
        let mut x = 7u32;
        data.extend((0..65536).map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        }));
        for block in [None, Some(1024), Some(MAX_FRAME_WIRE)] {
            let plan = prepare(&data, block);
            assert!(plan.wbits == 0 || (8..=15).contains(&plan.wbits));
            assert!(plan
                .frames
                .iter()
                .all(|frame| frame.payload.len() <= MAX_FRAME_PAYLOAD));
        }
    }

    #[test]
    fn compressible_data_is_deflated_in_independent_blocks() {
        let data = b"print('hello world')\n".repeat(2000);
        let plan = prepare(&data, Some(4096));
        assert_eq!(plan.wbits, 12);
        assert_eq!(plan.frames.len(), data.len().div_ceil(4096));
        let mut restored = Vec::new();
        for frame in &plan.frames {
            let block = miniz_oxide::inflate::decompress_to_vec(&frame.payload).unwrap();
            assert_eq!(block.len() as u64, frame.content_bytes);
            restored.extend(block);
        }
        assert_eq!(restored, data);
    }

    #[test]
    fn incompressible_data_goes_raw() {
        let mut state = 0x1234_5678u32;
        let data: Vec<u8> = (0..20_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let plan = prepare(&data, Some(4096));
        assert_eq!(plan.wbits, 0);
        let joined: Vec<u8> = plan.frames.iter().flat_map(|f| f.payload.clone()).collect();
        assert_eq!(joined, data);
    }

    #[test]
    fn block_size_follows_free_memory() {
        assert_eq!(deflate_block_for(8 * 1024), None);
        assert_eq!(deflate_block_for(20 * 1024), Some(2048));
        assert_eq!(deflate_block_for(2_000_000), Some(32768));
    }

    #[test]
    fn frame_header_is_little_endian_24_bit() {
        assert_eq!(frame_header(0x012345, 14), [0x45, 0x23, 0x01, 14]);
        assert_eq!(frame_header(0, 0), [0, 0, 0, 0]);
    }

    #[test]
    fn bytes_literal_is_sendable_and_decodes() {
        let data: Vec<u8> = (0..=255).collect();
        let literal = py_bytes(&data);
        assert!(crate::raw_repl::is_sendable_code(literal.as_bytes()));
        assert!(literal.starts_with("b'\\x00\\x01"));
    }

    #[test]
    fn decodes_base64_and_hex_lines() {
        assert_eq!(
            decode_lines(b"AAEC\r\n/w==\n", true),
            Some(vec![0, 1, 2, 255])
        );
        assert_eq!(decode_lines(b"0001ff\r\n", false), Some(vec![0, 1, 255]));
        assert_eq!(decode_lines(b"0g\n", false), None);
    }
}
