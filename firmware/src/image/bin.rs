//! ESP application and merged images: the header that tells which chip an image is for.
//!
//! Layout: byte 0 is the magic 0xE9, byte 1 the segment count, bytes 2-3 flash mode and
//! size/frequency, bytes 4-7 the entry point. ESP32-class images then carry a 16-byte
//! extended header whose bytes 12-13 are the chip id (0 ESP32, 2 S2, 5 C3, 9 S3, 13 C6); the
//! ESP8266's older format has none, and its entry point lies in its IRAM at 0x4010_0000.
//! A merged image (bootloader, partition table and application in one file, as MicroPython
//! ships) starts with the bootloader's header, so the same check applies.

use crate::chip::Chip;
use crate::error::{Error, Result};

/// The first byte of every ESP image.
pub const ESP_IMAGE_MAGIC: u8 = 0xE9;
const MAX_SEGMENTS: u8 = 16;
const ESP8266_IRAM: std::ops::Range<u32> = 0x4010_0000..0x4011_0000;

/// What an ESP image header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EspHeader {
    /// The chip the image was built for.
    pub chip: Chip,
    /// Number of segments of the first image.
    pub segment_count: u8,
    /// Entry point.
    pub entry: u32,
    /// Flash size code from the header (high nibble of byte 3).
    pub flash_size_code: u8,
}

impl EspHeader {
    /// Parses and validates the header and the first image's segment table.
    pub fn parse(bytes: &[u8], what: &str) -> Result<EspHeader> {
        if bytes.len() < 24 {
            return Err(Error::corrupt(what, "shorter than an ESP image header"));
        }
        if bytes[0] != ESP_IMAGE_MAGIC {
            return Err(Error::corrupt(
                what,
                format!("magic byte is 0x{:02x}, not 0xe9", bytes[0]),
            ));
        }
        let segment_count = bytes[1];
        if segment_count == 0 || segment_count > MAX_SEGMENTS {
            return Err(Error::corrupt(
                what,
                format!("header claims {segment_count} segments (1 to 16 expected)"),
            ));
        }
        let entry = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
        let (chip, segments_at) = if ESP8266_IRAM.contains(&entry) {
            (Chip::Esp8266, 8)
        } else {
            let id = u16::from_le_bytes([bytes[12], bytes[13]]);
            let chip = Chip::from_esp_image_chip_id(id).ok_or_else(|| {
                Error::corrupt(what, format!("unknown chip id {id} in the image header"))
            })?;
            (chip, 24)
        };
        check_segments(bytes, segments_at, segment_count, what)?;
        Ok(EspHeader {
            chip,
            segment_count,
            entry,
            flash_size_code: bytes[3] >> 4,
        })
    }
}

fn check_segments(bytes: &[u8], mut at: usize, count: u8, what: &str) -> Result<()> {
    for index in 0..count {
        let header = bytes.get(at..at + 8).ok_or_else(|| {
            Error::corrupt(
                what,
                format!("segment {index} header at 0x{at:x} is past the end"),
            )
        })?;
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        at = at
            .checked_add(8 + length)
            .filter(|end| *end <= bytes.len())
            .ok_or_else(|| {
                Error::corrupt(
                    what,
                    format!("segment {index} (0x{length:x} bytes) runs past the end of the file"),
                )
            })?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal valid image: one segment of `payload` bytes.
    pub(crate) fn sample(chip: Chip, payload: usize) -> Vec<u8> {
        let mut image = vec![ESP_IMAGE_MAGIC, 1, 2, 0x20];
        if chip == Chip::Esp8266 {
            image.extend_from_slice(&0x4010_0004u32.to_le_bytes());
        } else {
            image.extend_from_slice(&0x4008_0000u32.to_le_bytes());
            let mut extended = [0u8; 16];
            let id = chip.esp_image_chip_id().unwrap_or(0xffff);
            extended[4..6].copy_from_slice(&id.to_le_bytes());
            image.extend_from_slice(&extended);
        }
        image.extend_from_slice(&0x3FFB_0000u32.to_le_bytes());
        image.extend_from_slice(&(payload as u32).to_le_bytes());
        image.extend(std::iter::repeat_n(0xA5, payload));
        image
    }

    #[test]
    fn chip_comes_from_the_extended_header() {
        for chip in [
            Chip::Esp32,
            Chip::Esp32s3,
            Chip::Esp32c3,
            Chip::Esp32s2,
            Chip::Esp32c6,
        ] {
            let header = EspHeader::parse(&sample(chip, 64), "t").unwrap();
            assert_eq!(header.chip, chip);
        }
    }

    #[test]
    fn esp8266_is_known_by_its_entry_point() {
        let header = EspHeader::parse(&sample(Chip::Esp8266, 64), "t").unwrap();
        assert_eq!(header.chip, Chip::Esp8266);
    }

    #[test]
    fn truncated_segment_is_corrupt() {
        let mut image = sample(Chip::Esp32, 64);
        image.truncate(image.len() - 1);
        let err = EspHeader::parse(&image, "t").unwrap_err();
        assert!(err.to_string().contains("runs past the end"), "{err}");
    }

    #[test]
    fn unknown_chip_id_is_corrupt() {
        let mut image = sample(Chip::Esp32, 64);
        image[12] = 0x77;
        assert!(EspHeader::parse(&image, "t").is_err());
    }
}
