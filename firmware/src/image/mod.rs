//! Firmware image formats: what a file is, which chip it is for, and which bytes go where.
//!
//! [`Image::load`] sniffs the content (never the file name): an ESP application or merged image
//! starts with 0xE9, UF2 files are 512-byte blocks with two magic words, Intel HEX is text lines
//! starting with `:`, ELF starts with `\x7fELF`. Every format turns into [`Segment`]s, the
//! address/bytes pairs a flasher writes.

pub mod bin;
pub mod ihex;
pub mod uf2;

use std::path::{Path, PathBuf};

use crate::chip::Chip;
use crate::error::{Error, Result};

/// A run of bytes to be written at an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The first address.
    pub address: u32,
    /// The bytes.
    pub data: Vec<u8>,
}

impl Segment {
    /// One past the last address.
    pub fn end(&self) -> u64 {
        u64::from(self.address) + self.data.len() as u64
    }
}

/// Which format an image is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// An ESP application or merged image (raw flash contents).
    EspBin,
    /// USB Flashing Format.
    Uf2,
    /// Intel HEX text.
    IntelHex,
    /// An ELF executable (flashed through a debug probe).
    Elf,
    /// Bytes without a format, placed at an address the user gives (debug probes only).
    Raw,
}

impl ImageKind {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            ImageKind::EspBin => "ESP .bin",
            ImageKind::Uf2 => "UF2",
            ImageKind::IntelHex => "Intel HEX",
            ImageKind::Elf => "ELF",
            ImageKind::Raw => "raw binary",
        }
    }
}

/// A parsed, validated firmware image.
#[derive(Debug, Clone)]
pub struct Image {
    /// Where it was read from.
    pub path: PathBuf,
    /// The raw file.
    pub bytes: Vec<u8>,
    /// Its format.
    pub kind: ImageKind,
    /// The chip it names, when the format carries that.
    pub chip: Option<Chip>,
    /// The ESP header, for ESP images.
    pub esp: Option<bin::EspHeader>,
    /// The UF2 family id, for UF2 images.
    pub uf2_family: Option<u32>,
}

impl Image {
    /// Reads and validates `path`.
    pub fn load(path: &Path) -> Result<Image> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Image::from_bytes(path, bytes)
    }

    /// Validates `bytes` read from `path`.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Image> {
        let what = path.display().to_string();
        let kind = sniff(&bytes).ok_or_else(|| Error::UnknownImageFormat {
            path: path.to_path_buf(),
        })?;
        let mut image = Image {
            path: path.to_path_buf(),
            bytes,
            kind,
            chip: None,
            esp: None,
            uf2_family: None,
        };
        match kind {
            ImageKind::EspBin => {
                let header = bin::EspHeader::parse(&image.bytes, &what)?;
                image.chip = Some(header.chip);
                image.esp = Some(header);
            }
            ImageKind::Uf2 => {
                let uf2 = uf2::Uf2Image::parse(&image.bytes, &what)?;
                image.uf2_family = uf2.family;
                image.chip = uf2.family.and_then(uf2::family_chip);
            }
            ImageKind::IntelHex => {
                ihex::parse(&image.bytes, &what)?;
            }
            ImageKind::Elf => {
                if image.bytes.len() < 52 {
                    return Err(Error::corrupt(what, "ELF header is truncated"));
                }
            }
            ImageKind::Raw => {}
        }
        Ok(image)
    }

    /// Reads `path` as bytes without a format, to be placed at an address given separately.
    pub fn load_raw(path: &Path) -> Result<Image> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if bytes.is_empty() {
            return Err(Error::corrupt(
                path.display().to_string(),
                "the file is empty",
            ));
        }
        Ok(Image {
            path: path.to_path_buf(),
            bytes,
            kind: ImageKind::Raw,
            chip: None,
            esp: None,
            uf2_family: None,
        })
    }

    /// The bytes to write and where, for a flasher that writes addresses directly.
    /// ESP and raw images have no addresses of their own: `base` places them.
    pub fn segments(&self, base: u32) -> Result<Vec<Segment>> {
        let what = self.path.display().to_string();
        match self.kind {
            ImageKind::EspBin | ImageKind::Raw => Ok(vec![Segment {
                address: base,
                data: self.bytes.clone(),
            }]),
            ImageKind::Uf2 => Ok(uf2::Uf2Image::parse(&self.bytes, &what)?.segments()),
            ImageKind::IntelHex => ihex::parse(&self.bytes, &what),
            ImageKind::Elf => Err(Error::Unsupported(format!(
                "{what}: ELF images are flashed through a debug probe (`--probe`)"
            ))),
        }
    }
}

/// Lays segments out as one binary from the lowest to the highest address, gaps filled with
/// 0xFF (erased flash); returns the start address and the bytes. `None` when there is no data
/// or the span exceeds `max_span` bytes.
pub fn flatten(segments: &[Segment], max_span: u64) -> Option<(u32, Vec<u8>)> {
    let start = segments.iter().map(|s| s.address).min()?;
    let end = segments.iter().map(|s| s.end()).max()?;
    let span = end - u64::from(start);
    if span > max_span {
        return None;
    }
    let mut bytes = vec![0xFF; span as usize];
    for segment in segments {
        let at = (segment.address - start) as usize;
        bytes[at..at + segment.data.len()].copy_from_slice(&segment.data);
    }
    Some((start, bytes))
}

/// Decides the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.len() >= 512 && uf2::is_uf2_block(&bytes[..512]) {
        return Some(ImageKind::Uf2);
    }
    if bytes.starts_with(b"\x7fELF") {
        return Some(ImageKind::Elf);
    }
    let text_start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[text_start..];
    let rest = rest.strip_prefix(b"\xef\xbb\xbf").unwrap_or(rest);
    if rest.first() == Some(&b':') {
        return Some(ImageKind::IntelHex);
    }
    if bytes.first() == Some(&bin::ESP_IMAGE_MAGIC) {
        return Some(ImageKind::EspBin);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_content_is_refused() {
        let err = Image::from_bytes(Path::new("x.bin"), b"hello world".to_vec()).unwrap_err();
        assert!(matches!(err, Error::UnknownImageFormat { .. }), "{err}");
        let err = Image::from_bytes(Path::new("empty.bin"), Vec::new()).unwrap_err();
        assert!(matches!(err, Error::UnknownImageFormat { .. }), "{err}");
    }

    #[test]
    fn flatten_fills_gaps_with_erased_bytes() {
        let segments = [
            Segment {
                address: 0x10,
                data: vec![1, 2],
            },
            Segment {
                address: 0x14,
                data: vec![3],
            },
        ];
        assert_eq!(
            flatten(&segments, 100),
            Some((0x10, vec![1, 2, 0xFF, 0xFF, 3]))
        );
        assert_eq!(flatten(&segments, 3), None);
        assert_eq!(flatten(&[], 100), None);
    }

    #[test]
    fn hex_is_recognised_after_whitespace() {
        assert_eq!(sniff(b"\r\n:00000001FF\r\n"), Some(ImageKind::IntelHex));
    }
}
