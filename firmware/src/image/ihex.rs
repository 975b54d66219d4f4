//! Intel HEX: text records (`:LLAAAATT<data>CC`) with byte count, address, type and a
//! two's-complement checksum; extended segment (02) and linear (04) address records set the
//! upper address bits. Parsed into merged, sorted address ranges.

use crate::error::{Error, Result};
use crate::image::Segment;

/// Parses Intel HEX text into contiguous segments.
pub fn parse(bytes: &[u8], what: &str) -> Result<Vec<Segment>> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Error::corrupt(what, format!("not text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut upper: u32 = 0;
    let mut chunks: Vec<(u32, Vec<u8>)> = Vec::new();
    let mut ended = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if ended {
            return Err(Error::corrupt(
                what,
                format!("line {line_no}: data after the end record"),
            ));
        }
        let record = decode_record(line)
            .map_err(|reason| Error::corrupt(what, format!("line {line_no}: {reason}")))?;
        let (offset, kind, data) = record;
        match kind {
            0x00 => chunks.push((upper.wrapping_add(u32::from(offset)), data)),
            0x01 => ended = true,
            0x02 if data.len() == 2 => {
                upper = u32::from(u16::from_be_bytes([data[0], data[1]])) << 4
            }
            0x04 if data.len() == 2 => {
                upper = u32::from(u16::from_be_bytes([data[0], data[1]])) << 16
            }
            0x03 | 0x05 if data.len() == 4 => {}
            _ => {
                return Err(Error::corrupt(
                    what,
                    format!(
                        "line {line_no}: record type {kind:02X} with {} data bytes",
                        data.len()
                    ),
                ))
            }
        }
    }
    if !ended {
        return Err(Error::corrupt(what, "no end-of-file record (truncated?)"));
    }
    chunks.sort_by_key(|(address, _)| *address);
    let mut segments: Vec<Segment> = Vec::new();
    for (address, data) in chunks {
        match segments.last_mut() {
            Some(last) if last.end() == u64::from(address) => last.data.extend_from_slice(&data),
            Some(last) if last.end() > u64::from(address) => {
                return Err(Error::corrupt(
                    what,
                    format!("records overlap at 0x{address:08x}"),
                ));
            }
            _ => segments.push(Segment { address, data }),
        }
    }
    Ok(segments)
}

fn decode_record(line: &str) -> std::result::Result<(u16, u8, Vec<u8>), String> {
    let hex = line
        .strip_prefix(':')
        .ok_or_else(|| "does not start with ':'".to_string())?;
    if !hex.is_ascii() {
        return Err("contains non-ASCII characters".into());
    }
    if !hex.len().is_multiple_of(2) || hex.len() < 10 {
        return Err("record is too short or has an odd number of digits".into());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|_| "not hexadecimal".to_string())?;
    let count = usize::from(bytes[0]);
    if bytes.len() != count + 5 {
        return Err(format!(
            "byte count {count} does not match the record length"
        ));
    }
    let sum = bytes.iter().fold(0u8, |acc, b| acc.wrapping_add(*b));
    if sum != 0 {
        return Err("checksum mismatch".into());
    }
    let offset = u16::from_be_bytes([bytes[1], bytes[2]]);
    Ok((offset, bytes[3], bytes[4..4 + count].to_vec()))
}

/// Writes segments as Intel HEX text (16 data bytes a record, linear address records).
pub fn write(segments: &[Segment]) -> String {
    fn record(out: &mut String, kind: u8, offset: u16, data: &[u8]) {
        let mut bytes = vec![data.len() as u8, (offset >> 8) as u8, offset as u8, kind];
        bytes.extend_from_slice(data);
        let sum = bytes.iter().fold(0u8, |acc, b| acc.wrapping_add(*b));
        bytes.push(sum.wrapping_neg());
        out.push(':');
        for b in bytes {
            out.push_str(&format!("{b:02X}"));
        }
        out.push('\n');
    }
    let mut out = String::new();
    let mut upper = None;
    for segment in segments {
        for (i, chunk) in segment.data.chunks(16).enumerate() {
            let address = segment.address.wrapping_add((i * 16) as u32);
            // A record must not cross a 64 KiB boundary: split it there.
            let room = (0x1_0000 - (address & 0xFFFF)) as usize;
            let parts = if chunk.len() > room {
                vec![&chunk[..room], &chunk[room..]]
            } else {
                vec![chunk]
            };
            let mut at = address;
            for part in parts {
                if upper != Some(at >> 16) {
                    upper = Some(at >> 16);
                    record(&mut out, 0x04, 0, &((at >> 16) as u16).to_be_bytes());
                }
                record(&mut out, 0x00, at as u16, part);
                at = at.wrapping_add(part.len() as u32);
            }
        }
    }
    record(&mut out, 0x01, 0, &[]);
    out
}

/// Total bytes of data in the segments.
pub fn data_len(segments: &[Segment]) -> usize {
    segments.iter().map(|s| s.data.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = ":020000040800F2\n:0400000001020304F2\n:0400040005060708DE\n:020000040801F1\n:02000000AABB99\n:00000001FF\n";

    #[test]
    fn records_merge_into_ranges() {
        let segments = parse(SAMPLE.as_bytes(), "t").unwrap();
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].address, 0x0800_0000);
        assert_eq!(segments[0].data, [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(segments[1].address, 0x0801_0000);
        assert_eq!(segments[1].data, [0xAA, 0xBB]);
    }

    #[test]
    fn bad_checksum_names_the_line() {
        let bad = SAMPLE.replace("F2\n:04", "F3\n:04");
        let err = parse(bad.as_bytes(), "t").unwrap_err();
        assert!(err.to_string().contains("line 1: checksum"), "{err}");
    }

    #[test]
    fn written_hex_parses_back() {
        let segments = vec![
            Segment {
                address: 0x0800_FFF8,
                data: (0..40u8).collect(),
            },
            Segment {
                address: 0x2000_0000,
                data: vec![7; 3],
            },
        ];
        assert_eq!(parse(write(&segments).as_bytes(), "t").unwrap(), segments);
    }

    #[test]
    fn non_ascii_records_are_errors_not_panics() {
        assert!(parse(":0é00000001020304F2\n".as_bytes(), "t").is_err());
        assert!(parse(":\n".as_bytes(), "t").is_err());
    }

    #[test]
    fn missing_end_record_is_truncation() {
        let cut = &SAMPLE[..SAMPLE.len() - 12];
        assert!(parse(cut.as_bytes(), "t")
            .unwrap_err()
            .to_string()
            .contains("truncated"));
    }
}
