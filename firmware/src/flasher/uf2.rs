//! UF2 bootloader drives (RP2040/RP2350 BOOTSEL, TinyUF2, Adafruit nRF52/SAMD bootloaders).
//!
//! The drive is recognised by its `INFO_UF2.TXT`, whose `Model:` and `Board-ID:` lines name
//! the board. The image is copied onto it; the bootloader writes the flash as blocks arrive
//! and reboots into the new firmware, which makes the drive disappear.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::chip::Chip;
use crate::error::{Error, Result};
use crate::flasher::drive::{copy_with_progress, describe_roots, find_drives, wait_for};
use crate::image::{uf2, Image, ImageKind};
use crate::progress::Progress;

/// The file that marks a UF2 drive.
pub const INFO_FILE: &str = "INFO_UF2.TXT";

/// A mounted UF2 bootloader drive.
#[derive(Debug, Clone)]
pub struct Uf2Drive {
    /// Its folder.
    pub path: PathBuf,
    /// The `Model:` line.
    pub model: Option<String>,
    /// The `Board-ID:` line.
    pub board_id: Option<String>,
}

impl Uf2Drive {
    /// Reads the drive's `INFO_UF2.TXT`.
    pub fn open(path: &Path) -> Result<Uf2Drive> {
        let info_path = path.join(INFO_FILE);
        let text = std::fs::read_to_string(&info_path).map_err(|e| Error::io(&info_path, e))?;
        let field = |key: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(key))
                .map(|v| v.trim().to_string())
        };
        Ok(Uf2Drive {
            path: path.to_path_buf(),
            model: field("Model:"),
            board_id: field("Board-ID:"),
        })
    }

    /// The chip, when the drive names one this crate knows.
    pub fn chip(&self) -> Option<Chip> {
        let text = format!(
            "{} {}",
            self.model.as_deref().unwrap_or(""),
            self.board_id.as_deref().unwrap_or("")
        )
        .to_uppercase();
        if text.contains("RP2350") {
            Some(Chip::Rp2350)
        } else if text.contains("RP2") {
            Some(Chip::Rp2040)
        } else if text.contains("SAMD21") {
            Some(Chip::Samd21)
        } else if text.contains("SAMD51") {
            Some(Chip::Samd51)
        } else if text.contains("NRF52840") {
            Some(Chip::Nrf52840)
        } else if text.contains("ESP32S3") || text.contains("ESP32-S3") {
            Some(Chip::Esp32s3)
        } else if text.contains("ESP32S2") || text.contains("ESP32-S2") {
            Some(Chip::Esp32s2)
        } else {
            None
        }
    }

    /// A one-line description.
    pub fn describe(&self) -> String {
        format!(
            "{} ({})",
            self.path.display(),
            self.model
                .as_deref()
                .or(self.board_id.as_deref())
                .unwrap_or("unknown model")
        )
    }
}

/// Mounted UF2 drives under `roots`.
pub fn find(roots: &[PathBuf]) -> Vec<Uf2Drive> {
    find_drives(roots, INFO_FILE)
        .iter()
        .filter_map(|path| Uf2Drive::open(path).ok())
        .collect()
}

/// Picks the drive: the one given, or the only one mounted.
pub fn choose(roots: &[PathBuf], given: Option<&Path>) -> Result<Uf2Drive> {
    if let Some(path) = given {
        if !path.join(INFO_FILE).is_file() {
            return Err(Error::DriveError {
                drive: path.to_path_buf(),
                reason: format!("no {INFO_FILE} here: not a UF2 bootloader drive"),
            });
        }
        return Uf2Drive::open(path);
    }
    let mut drives = find(roots);
    match drives.len() {
        0 => Err(Error::DriveNotFound {
            kind: "UF2",
            searched: describe_roots(roots),
            hint: "hold BOOTSEL while plugging the board in (or run `upy flash --bootloader` while MicroPython runs)",
        }),
        1 => Ok(drives.remove(0)),
        _ => Err(Error::DriveError {
            drive: drives[0].path.clone(),
            reason: format!(
                "{} UF2 drives are mounted ({}); pick one with --drive",
                drives.len(),
                drives.iter().map(|d| d.describe()).collect::<Vec<_>>().join(", ")
            ),
        }),
    }
}

/// Options of a UF2 copy.
#[derive(Debug, Clone)]
pub struct Uf2Options {
    /// How long to wait for the drive to disappear after the copy.
    pub reboot_timeout: Duration,
}

impl Default for Uf2Options {
    fn default() -> Self {
        Uf2Options {
            reboot_timeout: Duration::from_secs(30),
        }
    }
}

/// Checks that `image` is a UF2 file for the drive's chip.
pub fn check_image(image: &Image, drive: &Uf2Drive) -> Result<()> {
    if image.kind != ImageKind::Uf2 {
        return Err(Error::Unsupported(format!(
            "{}: a UF2 drive takes .uf2 files, not {} images",
            image.path.display(),
            image.kind.name()
        )));
    }
    if let (Some(image_chip), Some(drive_chip)) = (image.chip, drive.chip()) {
        if image_chip != drive_chip {
            return Err(Error::ImageChipMismatch {
                image_chip: format!(
                    "{image_chip} (UF2 {})",
                    uf2::family_name(image.uf2_family.unwrap_or(0))
                ),
                board_chip: drive_chip.to_string(),
            });
        }
    }
    Ok(())
}

/// Copies `image` onto `drive` and waits for the bootloader to reboot (the drive goes away).
pub fn flash(
    image: &Image,
    drive: &Uf2Drive,
    options: &Uf2Options,
    progress: &mut dyn Progress,
) -> Result<()> {
    check_image(image, drive)?;
    let name = image
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "firmware.uf2".into());
    copy_with_progress(&image.bytes, &drive.path.join(name), progress)?;
    progress.on_status("Waiting for the board to reboot");
    let info = drive.path.join(INFO_FILE);
    if !wait_for(options.reboot_timeout, || !info.exists()) {
        return Err(Error::DriveError {
            drive: drive.path.clone(),
            reason: format!(
                "the drive is still mounted {} s after the copy: the bootloader did not take the image",
                options.reboot_timeout.as_secs()
            ),
        });
    }
    Ok(())
}
