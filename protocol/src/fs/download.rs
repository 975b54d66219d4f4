//! Downloads: the board prints a `size mode` line, then the file. `_dz` (boards with binary
//! output and `deflate`) sends raw bytes through `sys.stdout.buffer` (mode 0) or, where
//! `deflate.DeflateIO` can write, frames of independently deflated 4 KB pieces with a
//! 256-byte window (mode 3: the board's compressor searches its whole window for every byte,
//! so the window stays small), each piece sent raw when it would not shrink. `_dn` (older and
//! smaller boards) sends raw bytes, or base64 (1) or hex (2) lines without binary output.

use base64::Engine as _;

use super::path::dev_path;
use super::{map_os_error, normalize, Fs, Helpers, Progress};
use crate::error::{Error, Result};
use crate::raw_repl::CTRL_D;

/// Below this much free heap, helpers are defined a function at a time.
const SMALL_HEAP: u64 = 24 * 1024;
/// Largest frame of a compressed download (the board reads at most 4 KB at a time).
const MAX_DOWNLOAD_FRAME: usize = 64 * 1024;

impl Fs<'_> {
    /// Reads a whole file.
    pub fn read(&mut self, path: &str, progress: &mut dyn Progress) -> Result<Vec<u8>> {
        let path = normalize(path)?;
        let info = self.session.info()?;
        let chunk = info
            .mem_free
            .map_or(256, |free| (free / 32) as usize)
            .clamp(64, 4096);
        let small = info.mem_free.is_none_or(|free| free < SMALL_HEAP);
        let features = info.features;
        // Binary output and deflate: `_dz`, which compresses when the firmware can.
        let (needs, function) = if features.stdout_buffer && features.deflate && !small {
            ([Helpers::CompressedDownload], "_dz")
        } else {
            ([Helpers::Download], "_dn")
        };
        if small && info.mem_free.is_some() {
            self.load_helpers_piecewise(&needs)?;
        }
        let code = format!(
            "{}{function}({},{chunk})",
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
        let data = if mode == "3" {
            let data = self.read_deflated_frames(&path, size, progress)?;
            self.session
                .finish(&mut |_| {}, Some(timeout))
                .map_err(|err| map_os_error(err, &path))?;
            data
        } else if mode == "0" {
            let data = self.read_raw_content(size, progress)?;
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

    /// The content of a raw download: `size` bytes.
    fn read_raw_content(&mut self, size: u64, progress: &mut dyn Progress) -> Result<Vec<u8>> {
        // The size comes from the board: grow as bytes arrive instead of trusting it with one
        // allocation.
        let mut data = Vec::with_capacity(size.min(1 << 20) as usize);
        let mut piece = [0u8; 4096];
        while (data.len() as u64) < size {
            if self.session.cancel_requested() {
                // Ctrl-C reaches the board (it did not turn keyboard interrupts off); what is
                // still on its way is dropped when the next session starts.
                self.session.resynchronize();
                return Err(Error::Interrupted);
            }
            let want = (size - data.len() as u64).min(piece.len() as u64) as usize;
            self.session
                .read_exact_into(&mut piece[..want], "file content")?;
            data.extend_from_slice(&piece[..want]);
            progress.on_bytes(want as u64);
        }
        Ok(data)
    }

    /// The content of a compressed download: frames of a 4-byte header (24-bit length, then
    /// the window bits it was deflated with, 0 for raw bytes) and the payload, up to an empty
    /// header. A header the board cannot have sent (an exception's text instead) stops the
    /// transfer.
    fn read_deflated_frames(
        &mut self,
        path: &str,
        size: u64,
        progress: &mut dyn Progress,
    ) -> Result<Vec<u8>> {
        let mut data = Vec::with_capacity(size.min(1 << 20) as usize);
        let mut payload = Vec::new();
        loop {
            if self.session.cancel_requested() {
                self.session.resynchronize();
                return Err(Error::Interrupted);
            }
            let mut header = [0u8; 4];
            self.session
                .read_exact_into(&mut header, "a compressed frame header")?;
            let len = u32::from_le_bytes([header[0], header[1], header[2], 0]) as usize;
            let wbits = header[3];
            if len == 0 && wbits == 0 {
                return Ok(data);
            }
            if len > MAX_DOWNLOAD_FRAME || !(wbits == 0 || (8..=15).contains(&wbits)) {
                self.session.resynchronize();
                return Err(self.corrupted_download(path, &header));
            }
            payload.resize(len, 0);
            self.session
                .read_exact_into(&mut payload, "compressed file content")?;
            let before = data.len();
            if wbits == 0 {
                data.extend_from_slice(&payload);
            } else {
                let block = miniz_oxide::inflate::decompress_to_vec_with_limit(
                    &payload,
                    MAX_DOWNLOAD_FRAME,
                )
                .map_err(|_| Error::TransferCorrupted {
                    path: path.to_string(),
                    detail: "a compressed block from the board does not inflate".to_string(),
                })?;
                data.extend_from_slice(&block);
            }
            if data.len() as u64 > size {
                self.session.resynchronize();
                return Err(Error::TransferCorrupted {
                    path: path.to_string(),
                    detail: format!("more than the {size} bytes announced"),
                });
            }
            progress.on_bytes((data.len() - before) as u64);
        }
    }

    fn corrupted_download(&self, path: &str, header: &[u8]) -> Error {
        Error::TransferCorrupted {
            path: path.to_string(),
            detail: format!(
                "unexpected bytes from the board instead of a frame: {:?}",
                String::from_utf8_lossy(header)
            ),
        }
    }

    /// Reads the download header line; None when the reply ended first (an exception).
    pub(crate) fn read_header_line(&mut self) -> Result<Option<String>> {
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
    fn decodes_base64_and_hex_lines() {
        assert_eq!(
            decode_lines(b"AAEC\r\n/w==\n", true),
            Some(vec![0, 1, 2, 255])
        );
        assert_eq!(decode_lines(b"0001ff\r\n", false), Some(vec![0, 1, 255]));
        assert_eq!(decode_lines(b"0g\n", false), None);
    }
}
