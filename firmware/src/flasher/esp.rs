//! ESP chips over the ROM serial bootloader.
//!
//! Every session starts with this crate's own ROM client (`flasher::rom`): reset into the
//! bootloader, sync, and identify the chip. An image built for another chip is refused right
//! there, before a stub is uploaded or a byte is written. ESP32-class chips are then handed to
//! espflash (stub upload, baud switch, compressed writes, MD5 verification); the ESP8266,
//! which espflash 4 no longer supports, is flashed by `flasher::esp8266` through its ROM.

use std::borrow::Cow;

use md5::{Digest, Md5};
use serialport::UsbPortInfo;

use crate::chip::Chip;
use crate::error::{Error, Result};
use crate::flasher::esp8266;
pub use crate::flasher::rom::EspOptions;
use crate::flasher::rom::{open_port, ResetAfter, ResetBefore, RomLink};
use crate::image::{Image, ImageKind};
use crate::progress::Progress;

/// How the written data was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The flash's MD5, computed on the chip, matched the image's.
    Md5,
    /// The ROM accepted every block's checksum (the ESP8266 ROM has no MD5 command).
    BlockChecksums,
}

/// What a session did.
#[derive(Debug, Clone)]
pub struct EspReport {
    /// The chip found.
    pub chip: Chip,
    /// Detected flash size in bytes, when the flash answered.
    pub flash_size: Option<u64>,
    /// Where the image went.
    pub offset: u32,
    /// Image bytes written.
    pub bytes: usize,
    /// How it was verified.
    pub verification: Verification,
}

/// Connects to the bootloader on `port` and names the chip, writing nothing.
pub fn identify(port: &str, before: ResetBefore, usb: Option<(u16, u16)>) -> Result<Chip> {
    let mut link = RomLink::new(open_port(port)?, port);
    link.connect(before, usb.map(|(_, pid)| pid))?;
    link.detect_chip()
}

fn require_esp_image(image: &Image) -> Result<()> {
    if image.kind == ImageKind::EspBin {
        return Ok(());
    }
    Err(Error::Unsupported(format!(
        "{}: a {} image cannot be written through the ESP ROM bootloader; use an ESP .bin",
        image.path.display(),
        image.kind.name()
    )))
}

/// Checks that `image` may go onto `chip`.
pub fn check_image_for_chip(image: &Image, chip: Chip) -> Result<()> {
    require_esp_image(image)?;
    match image.chip {
        Some(image_chip) if image_chip != chip => Err(Error::ImageChipMismatch {
            image_chip: image_chip.to_string(),
            board_chip: chip.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Flashes `image` onto the ESP board on `options.port`.
pub fn flash(
    image: &Image,
    options: &EspOptions,
    progress: &mut dyn Progress,
) -> Result<EspReport> {
    // A wrong format is refused before the port is even opened.
    require_esp_image(image)?;
    let mut link = RomLink::new(open_port(&options.port)?, &options.port);
    link.connect(options.before, options.usb.map(|(_, pid)| pid))?;
    let chip = link.detect_chip()?;
    progress.on_status(&format!("Detected {chip} on {}", options.port));
    check_image_for_chip(image, chip)?;
    let offset = options
        .offset
        .or(chip.esp_flash_offset())
        .unwrap_or_default();
    if chip == Chip::Esp8266 {
        let flash_size = esp8266::flash(&mut link, &image.bytes, offset, options, progress)?;
        return Ok(EspReport {
            chip,
            flash_size,
            offset,
            bytes: image.bytes.len(),
            verification: Verification::BlockChecksums,
        });
    }
    let flash_size = flash_with_espflash(link, chip, &image.bytes, offset, options, progress)?;
    Ok(EspReport {
        chip,
        flash_size: Some(flash_size),
        offset,
        bytes: image.bytes.len(),
        verification: Verification::Md5,
    })
}

fn espflash_chip(chip: Chip) -> Option<espflash::target::Chip> {
    use espflash::target::Chip as E;
    Some(match chip {
        Chip::Esp32 => E::Esp32,
        Chip::Esp32s2 => E::Esp32s2,
        Chip::Esp32s3 => E::Esp32s3,
        Chip::Esp32c3 => E::Esp32c3,
        Chip::Esp32c6 => E::Esp32c6,
        _ => return None,
    })
}

fn flash_with_espflash(
    mut link: RomLink,
    chip: Chip,
    bytes: &[u8],
    offset: u32,
    options: &EspOptions,
    progress: &mut dyn Progress,
) -> Result<u64> {
    use espflash::connection::{Connection, ResetAfterOperation, ResetBeforeOperation};
    use espflash::flasher::Flasher;

    let port_name = link.port_name().to_string();
    let target = espflash_chip(chip).ok_or_else(|| Error::UnsupportedChip {
        port: port_name.clone(),
        detail: chip.to_string(),
    })?;
    let (vid, pid) = options.usb.unwrap_or((0, 0));
    let port_info = UsbPortInfo {
        vid,
        pid,
        serial_number: None,
        manufacturer: None,
        product: None,
        interface: None,
    };
    // The hard reset is done here after a successful write, not inside espflash: a port
    // without modem lines must not turn a verified write into a failure.
    let after = match options.after {
        ResetAfter::HardReset => ResetAfterOperation::NoResetNoStub,
        ResetAfter::NoReset => ResetAfterOperation::NoReset,
    };
    // Switching speed in the ROM, before the stub goes up, sends the stub at the fast rate too.
    let mut rate = 115_200;
    if options.baud > rate {
        link.change_baud(options.baud)?;
        rate = options.baud;
    }
    // The chip is in its bootloader already: this crate's client has just synced with it.
    let connection = Connection::new(
        link.into_port(),
        port_info,
        after,
        ResetBeforeOperation::NoReset,
        rate,
    );
    progress.on_status("Uploading the flasher stub");
    let baud = (options.baud > 115_200).then_some(options.baud);
    let mut flasher = Flasher::connect(connection, true, true, false, Some(target), baud)
        .map_err(|e| map_error(e, &port_name, "connecting"))?;
    let flash_size = flasher
        .flash_detect()
        .map_err(|e| map_error(e, &port_name, "detecting the flash size"))?
        .unwrap_or_default()
        .size();
    progress.on_status(&format!("Flash size {} MB", flash_size / (1024 * 1024)));
    let end = u64::from(offset) + bytes.len() as u64;
    if end > u64::from(flash_size) {
        return Err(Error::ImageTooLarge {
            end,
            flash_size: u64::from(flash_size),
        });
    }
    if options.erase {
        progress.on_status("Erasing the whole flash");
        flasher
            .erase_flash()
            .map_err(|e| map_error(e, &port_name, "erasing the flash"))?;
    }
    let mut data = bytes.to_vec();
    // The ROM and the stub write whole 32-bit words.
    data.resize(data.len().next_multiple_of(4), 0xFF);
    let segment = espflash::image_format::Segment {
        addr: offset,
        data: Cow::Owned(data),
    };
    let mut adapter = ProgressAdapter {
        progress,
        bytes: bytes.len() as u64,
        blocks: 1,
    };
    flasher
        .write_bins_to_flash(&[segment], &mut adapter)
        .map_err(|e| match e {
            espflash::Error::VerifyFailed => Error::VerifyFailed {
                offset,
                expected: hex(&Md5::digest(bytes)),
                actual: "a different digest".into(),
            },
            other => map_error(other, &port_name, "writing the flash"),
        })?;
    if options.after == ResetAfter::HardReset && flasher.connection().reset().is_err() {
        progress.on_status("Could not reset the board through the port's modem lines: press RESET to start the new firmware");
    }
    Ok(u64::from(flash_size))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// espflash counts blocks; users read bytes.
struct ProgressAdapter<'a> {
    progress: &'a mut dyn Progress,
    bytes: u64,
    blocks: u64,
}

impl espflash::target::ProgressCallbacks for ProgressAdapter<'_> {
    fn init(&mut self, addr: u32, total: usize) {
        self.blocks = (total as u64).max(1);
        self.progress
            .on_start(&format!("Writing at 0x{addr:x}"), self.bytes);
    }

    fn update(&mut self, current: usize) {
        self.progress
            .on_bytes(self.bytes * current as u64 / self.blocks);
    }

    fn verifying(&mut self) {
        self.progress.on_verify();
    }

    fn finish(&mut self, _skipped: bool) {
        self.progress.on_finish();
    }
}

/// Turns espflash's error into this crate's, telling a pulled cable from a refusing ROM.
fn map_error(error: espflash::Error, port: &str, during: &str) -> Error {
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    let lower = chain.to_lowercase();
    let lost = [
        "input/output error",
        "broken pipe",
        "no such device",
        "os error 5",
        "device not configured",
        "device disconnected",
    ];
    if lost.iter().any(|needle| lower.contains(needle)) {
        return Error::LinkLost {
            port: port.to_string(),
            during: during.to_string(),
        };
    }
    Error::BootloaderError {
        port: port.to_string(),
        during: during.to_string(),
        reason: chain,
    }
}
