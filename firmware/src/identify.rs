//! Telling which board a running MicroPython is, from what it says about itself.
//!
//! MicroPython 1.22 and later name their build in `sys.implementation._build`
//! (`ESP32_GENERIC-SPIRAM`, `RPI_PICO_W`): board id and variant, exactly. Every release reports
//! `sys.implementation._machine`, `"<board name> with <MCU name>"`, where the board name is the
//! firmware's `MICROPY_HW_BOARD_NAME`, which the catalog records per board. Older or custom
//! builds that match no recorded name fall back to the MCU, narrowed by the USB id of the
//! serial port, and usually leave several candidates for the user to choose from.

use crate::published::{Published, PublishedBoard};

/// What a running board said about itself, and how it is attached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardReport {
    /// `sys.implementation._machine`.
    pub machine: String,
    /// `sys.implementation._build`, when the firmware has it.
    pub build: Option<String>,
    /// USB vendor and product id of its serial port.
    pub usb: Option<(u16, u16)>,
}

/// The outcome of [`identify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identification<'a> {
    /// One board, and the variant when the firmware named it.
    Board {
        /// The board.
        board: &'a PublishedBoard,
        /// Its variant, from `_build`.
        variant: Option<String>,
        /// What decided it (`_build`, the board name, the MCU).
        reason: &'static str,
    },
    /// Several boards fit, best first.
    Ambiguous(Vec<&'a PublishedBoard>),
    /// No board of the catalog fits.
    Unknown,
}

/// Which catalog board `report` describes.
pub fn identify<'a>(published: &'a Published, report: &BoardReport) -> Identification<'a> {
    if let Some(found) = report.build.as_deref().and_then(|b| by_build(published, b)) {
        return found;
    }
    let (name, mcu) = split_machine(&report.machine);
    let mcu_fits = |board: &PublishedBoard| mcu.is_some_and(|m| mcu_matches(m, &board.mcu));
    let usb_fits = |board: &PublishedBoard| report.usb.is_none_or(|usb| usb_matches(usb, board));
    let usb_key = report.usb.map(|(vid, pid)| format!("{vid:04x}:{pid:04x}"));
    let records_usb =
        |board: &PublishedBoard| usb_key.as_ref().is_some_and(|k| board.usb.contains(k));

    // The longest recorded board name that the reported machine starts with wins; "Generic
    // ESP32 module with SPIRAM" beats "Generic ESP32 module".
    let mut best_len = 0;
    let mut by_name: Vec<&PublishedBoard> = Vec::new();
    for board in &published.boards {
        let longest = board
            .machine
            .iter()
            .filter(|recorded| names_board(&report.machine, recorded))
            .map(String::len)
            .max();
        let Some(len) = longest else { continue };
        if mcu.is_some() && !mcu_fits(board) {
            continue;
        }
        if len > best_len {
            best_len = len;
            by_name.clear();
        }
        if len == best_len {
            by_name.push(board);
        }
    }
    // A board renamed between releases (`rp2-pico` became `RPI_PICO`) reports the same name
    // under both ids; the one still published stands for it.
    keep_still_published(&mut by_name);
    if by_name.len() > 1 {
        by_name.retain(|b| usb_fits(b));
        let own_usb: Vec<&PublishedBoard> =
            by_name.iter().copied().filter(|b| records_usb(b)).collect();
        if !own_usb.is_empty() {
            by_name = own_usb;
        }
    }
    match by_name.as_slice() {
        [one] => {
            return Identification::Board {
                board: one,
                variant: None,
                reason: "its board name",
            }
        }
        [] => {}
        several => return Identification::Ambiguous(several.to_vec()),
    }

    // No recorded name: a USB id only some boards present names them.
    let mut by_usb: Vec<&PublishedBoard> = published
        .boards
        .iter()
        .filter(|b| records_usb(b) && (mcu.is_none() || mcu_fits(b)))
        .collect();
    keep_still_published(&mut by_usb);
    match by_usb.as_slice() {
        [one] => {
            return Identification::Board {
                board: one,
                variant: None,
                reason: "its USB id",
            }
        }
        [] => {}
        several => return Identification::Ambiguous(several.to_vec()),
    }

    // Otherwise the MCU (and the USB vendor) narrow it down.
    if mcu.is_none() && name.is_empty() {
        return Identification::Unknown;
    }
    let mut candidates: Vec<&PublishedBoard> = published
        .boards
        .iter()
        .filter(|b| mcu_fits(b) && usb_fits(b))
        .collect();
    // Boards whose product or vendor words appear in the reported name come first, then those
    // still published (not renamed away), then the generic builds.
    let words = words_of(name);
    let newest = published.latest().to_string();
    candidates.sort_by_key(|b| {
        let own = words_of(&format!("{} {} {}", b.vendor, b.product, b.id));
        (
            std::cmp::Reverse(words.iter().filter(|w| own.contains(w)).count()),
            b.releases.last() != Some(&newest),
            !b.id.contains("GENERIC"),
            b.id.clone(),
        )
    });
    match candidates.as_slice() {
        [] => Identification::Unknown,
        [one] => Identification::Board {
            board: one,
            variant: None,
            reason: "its MCU",
        },
        several => Identification::Ambiguous(several.to_vec()),
    }
}

/// Of boards that are one board under two ids (renamed between releases), keeps those of the
/// newest release among them.
fn keep_still_published(boards: &mut Vec<&PublishedBoard>) {
    let newest = boards
        .iter()
        .filter_map(|b| b.releases.last())
        .max_by_key(|v| version_key(v))
        .cloned();
    if let Some(newest) = newest {
        boards.retain(|b| b.releases.last() == Some(&newest));
    }
}

/// `_build` is `BOARD` or `BOARD-VARIANT`; the unix port says `standard` and matches nothing.
fn by_build<'a>(published: &'a Published, build: &str) -> Option<Identification<'a>> {
    if let Ok(board) = published.board(build) {
        return Some(Identification::Board {
            board,
            variant: None,
            reason: "sys.implementation._build",
        });
    }
    let (id, variant) = build.split_once('-')?;
    let board = published.board(id).ok()?;
    let variant = board
        .variants
        .keys()
        .chain(board.variants_at.values().flatten())
        .find(|v| v.eq_ignore_ascii_case(variant))?
        .clone();
    Some(Identification::Board {
        board,
        variant: Some(variant),
        reason: "sys.implementation._build",
    })
}

/// `"Raspberry Pi Pico with RP2040"` -> (`"Raspberry Pi Pico"`, `Some("RP2040")`). Board names
/// may contain " with " themselves, so the MCU is what follows the last one.
pub fn split_machine(machine: &str) -> (&str, Option<&str>) {
    match machine.trim().rsplit_once(" with ") {
        Some((name, mcu)) => (name.trim(), Some(mcu.trim())),
        None => (machine.trim(), None),
    }
}

fn names_board(machine: &str, recorded: &str) -> bool {
    let machine = machine.trim();
    machine.len() >= recorded.len()
        && machine[..recorded.len()].eq_ignore_ascii_case(recorded)
        && (machine.len() == recorded.len() || machine[recorded.len()..].starts_with(" with "))
}

/// The firmware's MCU name (`STM32F405RG`, `ESP32S3`, `nRF51822`, `SAMD21G18A`) against
/// board.json's MCU family (`stm32f4`, `esp32s3`, `nrf51`, `samd21`).
fn mcu_matches(reported: &str, family: &str) -> bool {
    let reported = squash(reported);
    let family = squash(family);
    !family.is_empty()
        && reported.starts_with(&family)
        // "ESP32" must not take "ESP32S3" boards, nor "RP2040" "RP2350" ones.
        && (reported.len() == family.len()
            || !family.starts_with("esp")
            || reported[family.len()..].starts_with(|c: char| !c.is_ascii_alphanumeric()))
}

/// Ports a USB id belongs to, where it tells: Raspberry Pi's and Espressif's vendor ids.
fn usb_matches((vid, _): (u16, u16), board: &PublishedBoard) -> bool {
    match vid {
        0x2e8a => board.port == "rp2",
        0x303a => board.port == "esp32",
        _ => true,
    }
}

fn version_key(version: &str) -> Vec<u32> {
    version.split('.').filter_map(|p| p.parse().ok()).collect()
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_ascii_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(machine: &str) -> BoardReport {
        BoardReport {
            machine: machine.into(),
            ..BoardReport::default()
        }
    }

    fn id_of(identification: Identification<'_>) -> String {
        match identification {
            Identification::Board { board, variant, .. } => match variant {
                Some(v) => format!("{}-{v}", board.id),
                None => board.id.clone(),
            },
            other => panic!("not one board: {other:?}"),
        }
    }

    #[test]
    fn machine_strings_of_real_firmware_name_their_board() {
        let published = Published::builtin().unwrap();
        // `sys.implementation._machine` as released firmware reports it.
        for (machine, id) in [
            ("Raspberry Pi Pico with RP2040", "RPI_PICO"),
            ("Raspberry Pi Pico W with RP2040", "RPI_PICO_W"),
            ("Raspberry Pi Pico 2 W with RP2350", "RPI_PICO2_W"),
            ("Generic ESP32 module with ESP32", "ESP32_GENERIC"),
            (
                "Generic ESP32 module with SPIRAM with ESP32",
                "ESP32_GENERIC",
            ),
            ("Generic ESP32S3 module with ESP32S3", "ESP32_GENERIC_S3"),
            ("ESP32C3 module with ESP32C3", "ESP32_GENERIC_C3"),
            ("ESP module with ESP8266", "ESP8266_GENERIC"),
            ("PYBv1.1 with STM32F405RG", "PYBV11"),
            ("micro:bit with NRF51822", "MICROBIT"),
        ] {
            assert_eq!(
                id_of(identify(&published, &report(machine))),
                id,
                "{machine}"
            );
        }
    }

    #[test]
    fn build_names_board_and_variant_exactly() {
        let published = Published::builtin().unwrap();
        let mut spiram = report("Generic ESP32 module with SPIRAM with ESP32");
        spiram.build = Some("ESP32_GENERIC-SPIRAM".into());
        assert_eq!(id_of(identify(&published, &spiram)), "ESP32_GENERIC-SPIRAM");
        let mut pico = report("Raspberry Pi Pico W with RP2040");
        pico.build = Some("RPI_PICO_W".into());
        assert_eq!(id_of(identify(&published, &pico)), "RPI_PICO_W");
        // The unix port's `_build` is a variant name of its own: the machine string decides.
        let mut unix = report("linux [GCC 14.2.1] version");
        unix.build = Some("standard".into());
        assert_eq!(identify(&published, &unix), Identification::Unknown);
    }

    #[test]
    fn unknown_board_names_fall_back_to_the_mcu() {
        let published = Published::builtin().unwrap();
        let found = identify(&published, &report("My own RP2350 thing with RP2350"));
        let Identification::Ambiguous(candidates) = found else {
            panic!("{found:?}")
        };
        assert!(candidates.iter().all(|b| b.mcu == "rp2350"));
        assert!(candidates.iter().any(|b| b.id == "RPI_PICO2"));
        // With no word in common, the generic build of a published board leads.
        let found = identify(&published, &report("Custom board with ESP32S2"));
        let Identification::Ambiguous(candidates) = found else {
            panic!("{found:?}")
        };
        assert_eq!(candidates[0].id, "ESP32_GENERIC_S2");
        // Words of the reported name rank the candidates.
        let found = identify(&published, &report("Some Waveshare board with RP2350"));
        let Identification::Ambiguous(candidates) = found else {
            panic!("{found:?}")
        };
        assert_eq!(candidates[0].vendor, "Waveshare");
        // "ESP32" is not an ESP32-S3.
        let found = identify(&published, &report("Custom with ESP32"));
        let Identification::Ambiguous(candidates) = found else {
            panic!("{found:?}")
        };
        assert!(
            candidates.iter().all(|b| b.mcu == "esp32"),
            "{candidates:?}"
        );
        assert_eq!(
            identify(&published, &report("linux [GCC 14.2.1] version")),
            Identification::Unknown
        );
    }

    #[test]
    fn a_usb_id_of_its_own_names_the_board() {
        let published = Published::builtin().unwrap();
        // A custom build on an Unexpected Maker TinyS3 still presents the board's USB id.
        let mut tinys3 = report("My firmware with ESP32S3");
        tinys3.usb = Some((0x303a, 0x80d1));
        assert_eq!(id_of(identify(&published, &tinys3)), "UM_TINYS3");
        // Old firmware without `_build`: the USB id picks among boards sharing a name.
        let mut nano = report("Arduino Nano 33 BLE Sense with NRF52840");
        nano.usb = Some((0x2341, 0x025a));
        assert_eq!(
            id_of(identify(&published, &nano)),
            "ARDUINO_NANO_33_BLE_SENSE"
        );
    }

    #[test]
    fn splitting_keeps_with_inside_board_names() {
        assert_eq!(
            split_machine("Generic ESP32 module with SPIRAM with ESP32"),
            ("Generic ESP32 module with SPIRAM", Some("ESP32"))
        );
        assert_eq!(split_machine("linux version"), ("linux version", None));
    }
}
