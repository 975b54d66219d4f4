//! The ESP8266 through its ROM bootloader, without a stub (espflash 4 dropped this chip).
//!
//! The ROM has no SPI_ATTACH (an empty FLASH_BEGIN attaches the flash), no compression, no
//! baud change and no MD5, so data goes as plain 1 KiB FLASH_DATA blocks, each with the XOR
//! checksum the ROM verifies before writing. The ROM's erase routine erases more than asked
//! for when a region does not start on a 64 KiB block, so FLASH_BEGIN asks for the smaller
//! size that makes it erase exactly the image's sectors.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::flasher::rom::{
    checksum, EspOptions, ResetAfter, RomLink, OP_FLASH_BEGIN, OP_FLASH_DATA, OP_FLASH_END,
};
use crate::progress::Progress;

const BLOCK: usize = 0x400;
const SECTOR: u32 = 0x1000;
const SECTORS_PER_BLOCK: u32 = 16;

// The ESP8266's SPI flash controller, used to read the flash's JEDEC id.
const SPI_BASE: u32 = 0x6000_0200;
const SPI_CMD: u32 = SPI_BASE;
const SPI_USR: u32 = SPI_BASE + 0x1C;
const SPI_USR1: u32 = SPI_BASE + 0x20;
const SPI_USR2: u32 = SPI_BASE + 0x24;
const SPI_W0: u32 = SPI_BASE + 0x40;
const SPI_CMD_USR: u32 = 1 << 18;
const FLASH_READ_ID: u32 = 0x9F;

/// The size to pass to FLASH_BEGIN so that the ROM erases `size` bytes at `offset`.
pub(crate) fn rom_erase_size(offset: u32, size: u32) -> u32 {
    let sectors = size.div_ceil(SECTOR);
    let first = offset / SECTOR;
    let head = (SECTORS_PER_BLOCK - first % SECTORS_PER_BLOCK).min(sectors);
    if sectors < 2 * head {
        sectors.div_ceil(2) * SECTOR
    } else {
        (sectors - head) * SECTOR
    }
}

fn flash_begin(
    link: &mut RomLink,
    erase_size: u32,
    blocks: u32,
    offset: u32,
    during: &str,
) -> Result<()> {
    let mut data = Vec::with_capacity(16);
    for word in [erase_size, blocks, BLOCK as u32, offset] {
        data.extend_from_slice(&word.to_le_bytes());
    }
    // Erasing runs at roughly 40 ms per sector; allow that with a wide margin.
    let timeout =
        Duration::from_secs(3) + Duration::from_millis(u64::from(erase_size / SECTOR) * 120);
    link.command(OP_FLASH_BEGIN, &data, 0, timeout, during)?;
    Ok(())
}

/// Reads the flash's JEDEC id through the SPI controller's user-command registers.
fn flash_id(link: &mut RomLink) -> Result<u32> {
    let old_usr = link.read_reg(SPI_USR)?;
    let old_usr2 = link.read_reg(SPI_USR2)?;
    link.write_reg(SPI_USR, (1 << 31) | (1 << 28))?;
    link.write_reg(SPI_USR2, (7 << 28) | FLASH_READ_ID)?;
    link.write_reg(SPI_USR1, (24 - 1) << 8)?;
    link.write_reg(SPI_W0, 0)?;
    link.write_reg(SPI_CMD, SPI_CMD_USR)?;
    let mut done = false;
    for _ in 0..10 {
        if link.read_reg(SPI_CMD)? & SPI_CMD_USR == 0 {
            done = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let id = if done { link.read_reg(SPI_W0)? } else { 0 };
    link.write_reg(SPI_USR, old_usr)?;
    link.write_reg(SPI_USR2, old_usr2)?;
    Ok(id)
}

/// Writes `image` at `offset`; returns the detected flash size.
pub(crate) fn flash(
    link: &mut RomLink,
    image: &[u8],
    offset: u32,
    options: &EspOptions,
    progress: &mut dyn Progress,
) -> Result<Option<u64>> {
    // An empty FLASH_BEGIN attaches the SPI flash (the ROM has no SPI_ATTACH command).
    flash_begin(link, 0, 0, 0, "attaching the flash")?;
    let size_code = (flash_id(link)? >> 16) & 0xFF;
    let flash_size = (0x12..=0x19)
        .contains(&size_code)
        .then(|| 1u64 << size_code);
    match flash_size {
        Some(size) => progress.on_status(&format!("Flash size {} MB", size as f64 / 1048576.0)),
        None => progress.on_status("Flash size unknown (the flash did not report its id)"),
    }
    let end = u64::from(offset) + image.len() as u64;
    if let Some(size) = flash_size {
        if end > size {
            return Err(Error::ImageTooLarge {
                end,
                flash_size: size,
            });
        }
        if options.erase {
            progress.on_status("Erasing the whole flash");
            let total = u32::try_from(size).unwrap_or(u32::MAX);
            flash_begin(link, rom_erase_size(0, total), 0, 0, "erasing the flash")?;
        }
    }
    let length = u32::try_from(image.len()).map_err(|_| Error::ImageTooLarge {
        end,
        flash_size: flash_size.unwrap_or(u64::from(u32::MAX)),
    })?;
    let blocks = image.len().div_ceil(BLOCK);
    flash_begin(
        link,
        rom_erase_size(offset, length),
        blocks as u32,
        offset,
        "erasing before writing",
    )?;
    progress.on_start(&format!("Writing at 0x{offset:x}"), image.len() as u64);
    let mut packet = Vec::with_capacity(16 + BLOCK);
    for (sequence, chunk) in image.chunks(BLOCK).enumerate() {
        let mut block = chunk.to_vec();
        block.resize(BLOCK, 0xFF);
        packet.clear();
        for word in [BLOCK as u32, sequence as u32, 0, 0] {
            packet.extend_from_slice(&word.to_le_bytes());
        }
        packet.extend_from_slice(&block);
        let during = format!(
            "writing block {sequence} at 0x{:x}",
            offset as usize + sequence * BLOCK
        );
        link.command(
            OP_FLASH_DATA,
            &packet,
            checksum(&block),
            Duration::from_secs(3),
            &during,
        )?;
        progress.on_bytes(((sequence + 1) * BLOCK).min(image.len()) as u64);
    }
    progress.on_finish();
    match options.after {
        ResetAfter::HardReset => link.hard_reset(),
        ResetAfter::NoReset => {
            // Leave the ROM in its loader, ready for another session.
            link.command(
                OP_FLASH_END,
                &1u32.to_le_bytes(),
                0,
                Duration::from_secs(3),
                "finishing",
            )?;
        }
    }
    Ok(flash_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erase_size_compensates_the_rom_for_unaligned_regions() {
        // Aligned on a 64 KiB block and longer than its head: the ROM erases head + the rest.
        assert_eq!(rom_erase_size(0, 0x10000 * 4), 0x30000);
        // Short region: the ROM doubles it, so ask for half (rounded up).
        assert_eq!(rom_erase_size(0x1000, 0x3000), 0x2000);
        assert_eq!(rom_erase_size(0, 0), 0);
    }
}
