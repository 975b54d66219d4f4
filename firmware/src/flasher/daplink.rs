//! DAPLink drives (BBC micro:bit): the interface chip shows a USB drive with `DETAILS.TXT`;
//! a HEX file copied onto it is programmed into the target, after which the drive remounts
//! without the file, or with `FAIL.TXT` saying why it refused.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::chip::Chip;
use crate::error::{Error, Result};
use crate::flasher::drive::{copy_with_progress, describe_roots, find_drives, wait_for};
use crate::image::{Image, ImageKind};
use crate::progress::Progress;

/// The file that marks a DAPLink drive.
pub const DETAILS_FILE: &str = "DETAILS.TXT";
const FAIL_FILE: &str = "FAIL.TXT";

/// A mounted DAPLink drive.
#[derive(Debug, Clone)]
pub struct DaplinkDrive {
    /// Its folder.
    pub path: PathBuf,
    /// The `Board ID:` / `Unique ID:` prefix (9900/9901: micro:bit v1, 9903-9906: v2).
    pub board_id: Option<String>,
}

impl DaplinkDrive {
    /// Reads `DETAILS.TXT`.
    pub fn open(path: &Path) -> Result<DaplinkDrive> {
        let details = path.join(DETAILS_FILE);
        let text = std::fs::read_to_string(&details).map_err(|e| Error::io(&details, e))?;
        let board_id = text.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim();
            (key == "Board ID" || key == "Unique ID")
                .then(|| value.trim().chars().take(4).collect())
        });
        Ok(DaplinkDrive {
            path: path.to_path_buf(),
            board_id,
        })
    }

    /// The target chip, from the board id.
    pub fn chip(&self) -> Option<Chip> {
        match self.board_id.as_deref()? {
            "9900" | "9901" => Some(Chip::Nrf51822),
            "9903" | "9904" | "9905" | "9906" => Some(Chip::Nrf52833),
            _ => None,
        }
    }

    /// The flash size of the target chip.
    fn flash_size(&self) -> Option<u64> {
        match self.chip()? {
            Chip::Nrf51822 => Some(256 * 1024),
            Chip::Nrf52833 => Some(512 * 1024),
            _ => None,
        }
    }
}

/// Picks the drive: the one given, or the only one mounted.
pub fn choose(roots: &[PathBuf], given: Option<&Path>) -> Result<DaplinkDrive> {
    if let Some(path) = given {
        return DaplinkDrive::open(path);
    }
    let drives = find_drives(roots, DETAILS_FILE);
    match drives.as_slice() {
        [] => Err(Error::DriveNotFound {
            kind: "DAPLink (micro:bit)",
            searched: describe_roots(roots),
            hint: "plug the micro:bit in with a data USB cable; it shows up as a MICROBIT drive",
        }),
        [one] => DaplinkDrive::open(one),
        many => Err(Error::DriveError {
            drive: many[0].clone(),
            reason: format!(
                "{} DAPLink drives are mounted; pick one with --drive",
                many.len()
            ),
        }),
    }
}

/// Checks that `image` is a HEX file that fits the target.
pub fn check_image(image: &Image, drive: &DaplinkDrive) -> Result<()> {
    if image.kind != ImageKind::IntelHex {
        return Err(Error::Unsupported(format!(
            "{}: a DAPLink drive takes Intel HEX files, not {} images",
            image.path.display(),
            image.kind.name()
        )));
    }
    if let Some(size) = drive.flash_size() {
        // UICR and other configuration registers live far above flash (0x1000_1000).
        let end = image
            .segments(0)?
            .iter()
            .filter(|s| s.address < 0x1000_0000)
            .map(|s| s.end())
            .max()
            .unwrap_or(0);
        if end > size {
            return Err(Error::ImageTooLarge {
                end,
                flash_size: size,
            });
        }
    }
    Ok(())
}

/// Copies `image` onto `drive` and waits for DAPLink to take it.
pub fn flash(
    image: &Image,
    drive: &DaplinkDrive,
    timeout: Duration,
    progress: &mut dyn Progress,
) -> Result<()> {
    check_image(image, drive)?;
    let fail = drive.path.join(FAIL_FILE);
    let _ = std::fs::remove_file(&fail);
    let target = drive.path.join(
        image
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "firmware.hex".into()),
    );
    copy_with_progress(&image.bytes, &target, progress)?;
    progress.on_status("Waiting for DAPLink to program the board");
    // DAPLink programs while the file arrives, then remounts the drive without it.
    let finished = wait_for(timeout, || fail.exists() || !target.exists());
    if fail.exists() {
        let reason = std::fs::read_to_string(&fail).unwrap_or_default();
        return Err(Error::DriveError {
            drive: drive.path.clone(),
            reason: format!("DAPLink refused the image: {}", reason.trim()),
        });
    }
    if !finished {
        return Err(Error::DriveError {
            drive: drive.path.clone(),
            reason: format!(
                "the copied file is still there {} s later: DAPLink did not program it",
                timeout.as_secs()
            ),
        });
    }
    Ok(())
}
