//! UF2, the USB Flashing Format: 512-byte blocks, each carrying up to 476 payload bytes and
//! the flash address they belong at, copied as one file onto a bootloader's USB drive.

use crate::chip::Chip;
use crate::error::{Error, Result};
use crate::image::Segment;

const MAGIC_START0: u32 = 0x0A32_4655;
const MAGIC_START1: u32 = 0x9E5D_5157;
const MAGIC_END: u32 = 0x0AB1_6F30;
const FLAG_NOT_MAIN_FLASH: u32 = 0x0000_0001;
const FLAG_FAMILY_ID: u32 = 0x0000_2000;
const BLOCK: usize = 512;
const MAX_PAYLOAD: usize = 476;
/// Payload per block when converting: the size every UF2 bootloader accepts.
pub const DEFAULT_PAYLOAD: usize = 256;

/// A known UF2 family id.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// The id in the blocks.
    pub id: u32,
    /// Its name.
    pub name: &'static str,
    /// The chip it stands for, when it is one this crate knows.
    pub chip: Option<Chip>,
}

/// The family ids of the chips MicroPython ships UF2 images for.
pub const FAMILIES: &[Family] = &[
    Family {
        id: 0xE48B_FF56,
        name: "RP2040",
        chip: Some(Chip::Rp2040),
    },
    Family {
        id: 0xE48B_FF59,
        name: "RP2350 (Arm, secure)",
        chip: Some(Chip::Rp2350),
    },
    Family {
        id: 0xE48B_FF5A,
        name: "RP2350 (RISC-V)",
        chip: Some(Chip::Rp2350),
    },
    Family {
        id: 0xE48B_FF5B,
        name: "RP2350 (Arm, non-secure)",
        chip: Some(Chip::Rp2350),
    },
    Family {
        id: 0xE48B_FF57,
        name: "RP2 absolute",
        chip: None,
    },
    Family {
        id: 0xE48B_FF58,
        name: "RP2 data",
        chip: None,
    },
    Family {
        id: 0x1B57_745F,
        name: "nRF52",
        chip: None,
    },
    Family {
        id: 0xADA5_2840,
        name: "nRF52840",
        chip: Some(Chip::Nrf52840),
    },
    Family {
        id: 0x6219_2B84,
        name: "nRF52833",
        chip: Some(Chip::Nrf52833),
    },
    Family {
        id: 0x68ED_2B88,
        name: "SAMD21",
        chip: Some(Chip::Samd21),
    },
    Family {
        id: 0x5511_4460,
        name: "SAMD51",
        chip: Some(Chip::Samd51),
    },
    Family {
        id: 0xBFDD_4EEE,
        name: "ESP32-S2",
        chip: Some(Chip::Esp32s2),
    },
    Family {
        id: 0xC47E_5767,
        name: "ESP32-S3",
        chip: Some(Chip::Esp32s3),
    },
    Family {
        id: 0xD42B_A06C,
        name: "ESP32-C3",
        chip: Some(Chip::Esp32c3),
    },
    Family {
        id: 0x1C5F_21B0,
        name: "ESP32",
        chip: Some(Chip::Esp32),
    },
    Family {
        id: 0x6B84_6188,
        name: "STM32F405",
        chip: Some(Chip::Stm32f405),
    },
];

/// The chip a family id stands for.
pub fn family_chip(id: u32) -> Option<Chip> {
    FAMILIES.iter().find(|f| f.id == id).and_then(|f| f.chip)
}

/// The UF2 family id of images for `chip`.
pub fn family_of(chip: Chip) -> Option<u32> {
    FAMILIES
        .iter()
        .find(|family| family.chip == Some(chip))
        .map(|family| family.id)
}

/// A readable name for a family id.
pub fn family_name(id: u32) -> String {
    FAMILIES
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.name.to_string())
        .unwrap_or_else(|| format!("family 0x{id:08x}"))
}

fn word(block: &[u8], index: usize) -> u32 {
    let at = index * 4;
    u32::from_le_bytes([block[at], block[at + 1], block[at + 2], block[at + 3]])
}

/// True when `block` (512 bytes) starts with the two UF2 magic words.
pub fn is_uf2_block(block: &[u8]) -> bool {
    block.len() >= 8 && word(block, 0) == MAGIC_START0 && word(block, 1) == MAGIC_START1
}

/// One payload block.
#[derive(Debug, Clone)]
struct Block {
    address: u32,
    data: Vec<u8>,
}

/// A parsed UF2 file.
#[derive(Debug, Clone)]
pub struct Uf2Image {
    blocks: Vec<Block>,
    /// The family id the blocks carry (the one of the first block with one).
    pub family: Option<u32>,
}

impl Uf2Image {
    /// Parses and validates every block.
    pub fn parse(bytes: &[u8], what: &str) -> Result<Uf2Image> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(BLOCK) {
            return Err(Error::corrupt(
                what,
                format!("size {} is not a multiple of 512", bytes.len()),
            ));
        }
        let mut blocks = Vec::new();
        let mut family = None;
        let mut expected_total = None;
        for (index, block) in bytes.chunks_exact(BLOCK).enumerate() {
            let at = index * BLOCK;
            if !is_uf2_block(block) || word(block, 127) != MAGIC_END {
                return Err(Error::corrupt(
                    what,
                    format!("block {index} at 0x{at:x} has bad magic"),
                ));
            }
            let flags = word(block, 2);
            let address = word(block, 3);
            let size = word(block, 4) as usize;
            let number = word(block, 5);
            let total = word(block, 6);
            if size > MAX_PAYLOAD {
                return Err(Error::corrupt(
                    what,
                    format!("block {index} claims {size} payload bytes (476 at most)"),
                ));
            }
            if number >= total {
                return Err(Error::corrupt(
                    what,
                    format!("block {index} is numbered {number} of {total}"),
                ));
            }
            match expected_total {
                None => expected_total = Some(total),
                Some(t) if t != total && flags & FLAG_FAMILY_ID == 0 => {
                    return Err(Error::corrupt(
                        what,
                        format!("block {index} says {total} blocks, earlier ones said {t}"),
                    ));
                }
                Some(_) => {}
            }
            if flags & FLAG_FAMILY_ID != 0 && family.is_none() {
                family = Some(word(block, 7));
            }
            if flags & FLAG_NOT_MAIN_FLASH != 0 {
                continue;
            }
            blocks.push(Block {
                address,
                data: block[32..32 + size].to_vec(),
            });
        }
        Ok(Uf2Image { blocks, family })
    }

    /// Contiguous address ranges, merged and sorted.
    pub fn segments(&self) -> Vec<Segment> {
        let mut blocks: Vec<&Block> = self.blocks.iter().collect();
        blocks.sort_by_key(|b| b.address);
        let mut segments: Vec<Segment> = Vec::new();
        for block in blocks {
            match segments.last_mut() {
                Some(last) if last.end() == u64::from(block.address) => {
                    last.data.extend_from_slice(&block.data)
                }
                _ => segments.push(Segment {
                    address: block.address,
                    data: block.data.clone(),
                }),
            }
        }
        segments
    }

    /// Total payload bytes.
    pub fn payload_len(&self) -> usize {
        self.blocks.iter().map(|b| b.data.len()).sum()
    }
}

/// Converts a raw binary to be written at `base` into UF2 blocks tagged with `family`.
pub fn from_bin(data: &[u8], base: u32, family: u32) -> Vec<u8> {
    from_segments(
        &[Segment {
            address: base,
            data: data.to_vec(),
        }],
        family,
    )
}

/// Converts address ranges into UF2 blocks tagged with `family`.
pub fn from_segments(segments: &[Segment], family: u32) -> Vec<u8> {
    let chunks: Vec<(u32, &[u8])> = segments
        .iter()
        .flat_map(|segment| {
            segment
                .data
                .chunks(DEFAULT_PAYLOAD)
                .enumerate()
                .map(move |(i, chunk)| {
                    (
                        segment.address.wrapping_add((i * DEFAULT_PAYLOAD) as u32),
                        chunk,
                    )
                })
        })
        .collect();
    let total = chunks.len();
    let mut out = Vec::with_capacity(total * BLOCK);
    for (number, (address, chunk)) in chunks.into_iter().enumerate() {
        let mut block = [0u8; BLOCK];
        let words = [
            MAGIC_START0,
            MAGIC_START1,
            FLAG_FAMILY_ID,
            address,
            chunk.len() as u32,
            number as u32,
            total as u32,
            family,
        ];
        for (i, w) in words.iter().enumerate() {
            block[i * 4..i * 4 + 4].copy_from_slice(&w.to_le_bytes());
        }
        block[32..32 + chunk.len()].copy_from_slice(chunk);
        block[508..512].copy_from_slice(&MAGIC_END.to_le_bytes());
        out.extend_from_slice(&block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_round_trips_through_uf2() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let uf2 = from_bin(&data, 0x1000_0000, 0xE48B_FF56);
        assert_eq!(uf2.len(), 4 * 512);
        let image = Uf2Image::parse(&uf2, "t").unwrap();
        assert_eq!(image.family, Some(0xE48B_FF56));
        assert_eq!(family_chip(0xE48B_FF56), Some(Chip::Rp2040));
        let segments = image.segments();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].address, 0x1000_0000);
        assert_eq!(segments[0].data, data);
    }

    #[test]
    fn damaged_block_is_reported_with_its_index() {
        let mut uf2 = from_bin(&[1u8; 600], 0, 0xE48B_FF56);
        uf2[512 + 508] ^= 0xff;
        let err = Uf2Image::parse(&uf2, "t").unwrap_err();
        assert!(err.to_string().contains("block 1"), "{err}");
        assert!(Uf2Image::parse(&uf2[..700], "t").is_err());
    }
}
