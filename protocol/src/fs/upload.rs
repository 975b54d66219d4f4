//! Moving file content to the board: the frames of streamed uploads (driven by [`super::batch`])
//! and the slower encodings for boards without raw binary input. Downloads: [`super::download`].

use base64::Engine as _;

use super::path::dev_path;
use super::{normalize, py_bytes, Fs, Progress, TEMP_SUFFIX};
use crate::error::Result;

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
pub(crate) const ABORT: u8 = 255;
/// Payload bytes per frame when not compressing.
const RAW_FRAME: usize = 4096;

/// One frame of an upload stream: its payload, the window bits to inflate it with (0: raw
/// bytes) and how many content bytes it stands for.
pub(crate) struct Frame {
    pub(crate) payload: Vec<u8>,
    pub(crate) wbits: u8,
    pub(crate) content_bytes: u64,
}

/// How much of the stream one call of [`block_frames`] takes.
pub(crate) fn block_size(deflate_block: Option<usize>) -> usize {
    deflate_block.unwrap_or(RAW_FRAME)
}

/// The frames for one block of the stream: deflated on its own (so the board inflates it with
/// a window no larger than the block) when that is at most 90% of its size, raw otherwise.
/// Made just before they are sent, so the board never waits for a whole batch to compress.
pub(crate) fn block_frames(block: &[u8], deflate_block: Option<usize>) -> Vec<Frame> {
    if let Some(size) = deflate_block {
        let packed = miniz_oxide::deflate::compress_to_vec(block, 10);
        if (packed.len() + 4) * 10 <= block.len() * 9 {
            debug_assert!(packed.len() <= MAX_FRAME_PAYLOAD);
            return vec![Frame {
                payload: packed,
                wbits: size.trailing_zeros() as u8,
                content_bytes: block.len() as u64,
            }];
        }
    }
    block
        .chunks(RAW_FRAME)
        .map(|chunk| Frame {
            payload: chunk.to_vec(),
            wbits: 0,
            content_bytes: chunk.len() as u64,
        })
        .collect()
}

/// A frame header: payload length (24-bit little-endian) and the window bits to inflate it
/// with (0: raw bytes).
pub(crate) fn frame_header(len: usize, wbits: u8) -> [u8; 4] {
    let bytes = (len as u32).to_le_bytes();
    [bytes[0], bytes[1], bytes[2], wbits]
}

/// Bytes per acknowledged unit: the board's raw-paste window increment, which its input buffer
/// holds twice over.
pub(crate) fn unit_for(window: Option<usize>) -> usize {
    window.unwrap_or(64).clamp(16, 1024)
}

impl Fs<'_> {
    /// Upload for boards without raw binary input: the content travels inside code, as base64
    /// (deflated when smaller) or, without `binascii`, as bytes literals.
    pub(crate) fn write_in_code(
        &mut self,
        path: &str,
        data: &[u8],
        info: &crate::facts::DeviceInfo,
        progress: &mut dyn Progress,
    ) -> Result<()> {
        let path = normalize(path)?;
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
        progress.on_file_start(&path, data.len() as u64);
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
        for chunk in data.chunks(encoded_per_chunk) {
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
                        "w(z(b'{packed}',{}))",
                        chunk
                            .len()
                            .next_power_of_two()
                            .trailing_zeros()
                            .clamp(9, 15)
                    ),
                    None => format!("w(a(b'{plain}'))"),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_helper_accepts_every_frame_the_host_makes_and_nothing_larger() {
        assert!(super::super::DEVICE_CODE.contains(&format!(
            "z and not 7<z<16 or m>{MAX_FRAME_PAYLOAD}:e=e or OSError(4)"
        )));
        // Half compressible, half random: deflated, with blocks that barely shrink.
        let mut data = b"sensor = read()\n".repeat(4096);
        let mut x = 7u32;
        data.extend((0..65536).map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        }));
        for block in [None, Some(1024), Some(MAX_FRAME_WIRE)] {
            for chunk in data.chunks(block_size(block)) {
                for frame in block_frames(chunk, block) {
                    assert!(frame.wbits == 0 || (8..=15).contains(&frame.wbits));
                    assert!(frame.payload.len() <= MAX_FRAME_PAYLOAD);
                }
            }
        }
    }

    #[test]
    fn compressible_data_is_deflated_in_independent_blocks() {
        let data = b"print('hello world')\n".repeat(2000);
        let frames: Vec<Frame> = data
            .chunks(block_size(Some(4096)))
            .flat_map(|chunk| block_frames(chunk, Some(4096)))
            .collect();
        assert!(frames.iter().all(|frame| frame.wbits == 12));
        assert_eq!(frames.len(), data.len().div_ceil(4096));
        let mut restored = Vec::new();
        for frame in &frames {
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
        let frames: Vec<Frame> = data
            .chunks(block_size(Some(4096)))
            .flat_map(|chunk| block_frames(chunk, Some(4096)))
            .collect();
        assert!(frames.iter().all(|frame| frame.wbits == 0));
        let joined: Vec<u8> = frames.iter().flat_map(|f| f.payload.clone()).collect();
        assert_eq!(joined, data);
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
}
