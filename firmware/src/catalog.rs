//! The board catalog: every board MicroPython publishes firmware for (the generated
//! [`Published`] list), joined with what flashing needs and `board.json` does not say: the
//! chip, the flash method, the image type that method takes and the ESP flash offset.
//!
//! Those facts follow from the MicroPython port and MCU, so they are rules in code
//! ([`Catalog::flashing`]) rather than a second, hand-kept board list. A [`Download`] is what
//! the cache needs: the address, the file name and, where the catalog pins them, the size and
//! SHA-256 of the image MicroPython released.

use crate::chip::Chip;
use crate::error::{Error, Result};
pub use crate::published::Download;
use crate::published::{Pin, Published, PublishedBoard};

/// How a board gets its firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Espressif ROM serial bootloader.
    Esp,
    /// Copy a UF2 file onto the bootloader's USB drive.
    Uf2,
    /// Copy a HEX file onto a DAPLink drive (BBC micro:bit).
    Daplink,
    /// A debug probe through probe-rs.
    Probe,
}

impl Method {
    /// A short name for listings.
    pub fn name(self) -> &'static str {
        match self {
            Method::Esp => "esp",
            Method::Uf2 => "uf2",
            Method::Daplink => "daplink",
            Method::Probe => "probe",
        }
    }

    /// The image type (download file extension) this method writes.
    pub fn image_kind(self) -> &'static str {
        match self {
            Method::Esp => "bin",
            Method::Uf2 => "uf2",
            Method::Daplink | Method::Probe => "hex",
        }
    }
}

/// How one board is flashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flashing {
    /// The method.
    pub method: Method,
    /// The chip, when this crate knows it well enough to check images against it.
    pub chip: Option<Chip>,
    /// Flash offset of the image (ESP boards).
    pub offset: Option<u32>,
}

/// Boards a chip found without a board name (a bootloader drive, the ESP ROM) is taken to be:
/// MicroPython's generic build for that chip.
const GENERIC_BOARDS: &[(Chip, &str)] = &[
    (Chip::Esp32, "ESP32_GENERIC"),
    (Chip::Esp32s2, "ESP32_GENERIC_S2"),
    (Chip::Esp32s3, "ESP32_GENERIC_S3"),
    (Chip::Esp32c3, "ESP32_GENERIC_C3"),
    (Chip::Esp32c6, "ESP32_GENERIC_C6"),
    (Chip::Esp8266, "ESP8266_GENERIC"),
    (Chip::Rp2040, "RPI_PICO"),
    (Chip::Rp2350, "RPI_PICO2"),
    (Chip::Nrf51822, "MICROBIT"),
];

/// Boards whose exact part `board.json` does not spell out (it says `stm32f4`, `nrf52`) but a
/// debug probe needs.
const BOARD_CHIPS: &[(&str, Chip)] = &[
    ("PYBV10", Chip::Stm32f405),
    ("PYBV11", Chip::Stm32f405),
    ("ARDUINO_NANO_33_BLE_SENSE", Chip::Nrf52840),
];

/// The USB id of the BBC micro:bit's DAPLink interface: a serial port with it is a micro:bit.
const MICROBIT_USB: (u16, u16) = (0x0d28, 0x0204);

/// The whole catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    published: Published,
}

impl Catalog {
    /// The catalog compiled into this build.
    pub fn builtin() -> Result<Catalog> {
        Ok(Catalog {
            published: Published::builtin()?,
        })
    }

    /// A catalog over `published`.
    pub fn new(published: Published) -> Catalog {
        Catalog { published }
    }

    /// Adds the pins of a JSON document shaped like `published.json`'s `pins` member
    /// (`{"pins": {"FILE": {"size": N, "sha256": "..."}}}`): pins for a mirror, or for images
    /// published after this build. A pin given here replaces the built-in one.
    pub fn add_pins(&mut self, json: &str) -> Result<usize> {
        #[derive(serde::Deserialize)]
        struct Pins {
            pins: std::collections::BTreeMap<String, Pin>,
        }
        let pins: Pins =
            serde_json::from_str(json).map_err(|e| Error::Catalog(format!("pins: {e}")))?;
        for (name, pin) in &pins.pins {
            if pin.sha256.len() != 64 || !pin.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::Catalog(format!(
                    "pins: {name}: {:?} is not a SHA-256",
                    pin.sha256
                )));
            }
        }
        let count = pins.pins.len();
        self.published
            .pins
            .extend(pins.pins.into_iter().map(|(name, pin)| {
                (
                    name,
                    Pin {
                        sha256: pin.sha256.to_lowercase(),
                        ..pin
                    },
                )
            }));
        Ok(count)
    }

    /// The generated board list underneath.
    pub fn published(&self) -> &Published {
        &self.published
    }

    /// The board with this id (case-insensitive).
    pub fn board(&self, id: &str) -> Result<&PublishedBoard> {
        self.published.board(id)
    }

    /// How `board` is flashed, or `None` when upy has no method for its port (boards whose
    /// firmware ships as a `.zip` for a vendor tool).
    pub fn flashing(&self, board: &PublishedBoard) -> Option<Flashing> {
        let chip = board_chip(board);
        let method = match board.port.as_str() {
            "esp32" | "esp8266" => Method::Esp,
            "rp2" | "samd" => Method::Uf2,
            "nrf" if board.id == "MICROBIT" => Method::Daplink,
            "nrf" | "stm32" | "mimxrt" | "renesas-ra" => Method::Probe,
            _ => return None,
        };
        let offset = match method {
            Method::Esp => board
                .flash_offset
                .as_deref()
                .and_then(parse_offset)
                .or_else(|| chip.and_then(Chip::esp_flash_offset))
                .or(Some(0)),
            _ => None,
        };
        Some(Flashing {
            method,
            chip,
            offset,
        })
    }

    /// The generic board of a chip, the one assumed when only the chip is known.
    pub fn board_for_chip(&self, chip: Chip) -> Option<&PublishedBoard> {
        let id = GENERIC_BOARDS.iter().find(|(c, _)| *c == chip)?.1;
        self.board(id).ok()
    }

    /// The board a serial port with this USB id certainly is, when the id says so alone.
    pub fn board_for_usb(&self, vid: u16, pid: u16) -> Option<&PublishedBoard> {
        ((vid, pid) == MICROBIT_USB)
            .then(|| self.board("MICROBIT").ok())
            .flatten()
    }

    /// The image of `board` its flash method writes, in `version` (default: the board's
    /// newest release) and `variant` (default: the plain build), under `base` (default:
    /// MicroPython's download folder).
    pub fn download(
        &self,
        board: &PublishedBoard,
        variant: Option<&str>,
        version: Option<&str>,
        base: Option<&str>,
    ) -> Result<Download> {
        let flashing = self.flashing(board).ok_or_else(|| {
            Error::Unsupported(format!(
                "upy cannot flash {} boards ({}): MicroPython publishes them for the vendor's \
                 tool; see {}",
                board.port, board.id, self.published.base
            ))
        })?;
        let kind = flashing.method.image_kind();
        let images = self.published.images(board, variant, version, base)?;
        let known: Vec<String> = images.iter().map(|i| i.kind.clone()).collect();
        images
            .into_iter()
            .find(|image| image.kind == kind)
            .map(|image| image.download)
            .ok_or_else(|| {
                Error::Unsupported(format!(
                    "MicroPython publishes no .{kind} image of {} for {} flashing (it has: {})",
                    board.id,
                    flashing.method.name(),
                    known.join(", ")
                ))
            })
    }
}

/// The chip of a board, from its MCU name, where this crate knows that chip.
pub fn board_chip(board: &PublishedBoard) -> Option<Chip> {
    if let Some((_, chip)) = BOARD_CHIPS.iter().find(|(id, _)| *id == board.id) {
        return Some(*chip);
    }
    match board.mcu.to_ascii_lowercase().as_str() {
        "esp32" => Some(Chip::Esp32),
        "esp32s2" => Some(Chip::Esp32s2),
        "esp32s3" => Some(Chip::Esp32s3),
        "esp32c3" => Some(Chip::Esp32c3),
        "esp32c6" => Some(Chip::Esp32c6),
        "esp8266" => Some(Chip::Esp8266),
        "rp2040" => Some(Chip::Rp2040),
        "rp2350" => Some(Chip::Rp2350),
        "nrf51" => Some(Chip::Nrf51822),
        "samd21" => Some(Chip::Samd21),
        "samd51" => Some(Chip::Samd51),
        _ => None,
    }
}

fn parse_offset(text: &str) -> Option<u32> {
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_boards_get_their_method_chip_and_offset() {
        let catalog = Catalog::builtin().unwrap();
        let cases = [
            (
                "ESP32_GENERIC",
                Method::Esp,
                Some(Chip::Esp32),
                Some(0x1000),
            ),
            (
                "ESP32_GENERIC_S3",
                Method::Esp,
                Some(Chip::Esp32s3),
                Some(0),
            ),
            (
                "ESP32_GENERIC_C3",
                Method::Esp,
                Some(Chip::Esp32c3),
                Some(0),
            ),
            ("ESP8266_GENERIC", Method::Esp, Some(Chip::Esp8266), Some(0)),
            ("RPI_PICO_W", Method::Uf2, Some(Chip::Rp2040), None),
            ("RPI_PICO2", Method::Uf2, Some(Chip::Rp2350), None),
            ("SEEED_XIAO_SAMD21", Method::Uf2, Some(Chip::Samd21), None),
            ("MICROBIT", Method::Daplink, Some(Chip::Nrf51822), None),
            ("PYBV11", Method::Probe, Some(Chip::Stm32f405), None),
        ];
        for (id, method, chip, offset) in cases {
            let board = catalog.board(id).unwrap();
            let flashing = catalog.flashing(board).unwrap();
            assert_eq!(
                (flashing.method, flashing.chip, flashing.offset),
                (method, chip, offset),
                "{id}"
            );
        }
        assert_eq!(
            catalog.board_for_chip(Chip::Esp32s3).unwrap().id,
            "ESP32_GENERIC_S3"
        );
        assert_eq!(
            catalog.board_for_usb(0x0d28, 0x0204).unwrap().id,
            "MICROBIT"
        );
        // Every generic board named in code is in the generated list.
        for (chip, id) in GENERIC_BOARDS {
            assert_eq!(board_chip(catalog.board(id).unwrap()), Some(*chip), "{id}");
        }
    }

    #[test]
    fn the_image_type_follows_the_flash_method() {
        let catalog = Catalog::builtin().unwrap();
        let esp32 = catalog.board("ESP32_GENERIC").unwrap();
        let download = catalog
            .download(
                esp32,
                Some("spiram"),
                Some("1.27.0"),
                Some("http://127.0.0.1:9/fw/"),
            )
            .unwrap();
        assert_eq!(
            download.url,
            "http://127.0.0.1:9/fw/ESP32_GENERIC-SPIRAM-20251209-v1.27.0.bin"
        );
        assert!(!download.is_pinned());
        let pico = catalog.board("RPI_PICO").unwrap();
        let newest = pico.releases.last().unwrap();
        let download = catalog.download(pico, None, None, None).unwrap();
        assert!(download.file_name.ends_with(&format!("-v{newest}.uf2")));
        assert!(download
            .url
            .starts_with("https://micropython.org/resources/firmware/RPI_PICO-"));
        let pyboard = catalog.board("PYBV11").unwrap();
        let download = catalog
            .download(pyboard, Some("THREAD"), None, None)
            .unwrap();
        assert!(download.file_name.starts_with("PYBV11-THREAD-"));
        assert!(download.file_name.ends_with(".hex"));
        let microbit = catalog.board("MICROBIT").unwrap();
        assert!(catalog
            .download(microbit, None, None, None)
            .unwrap()
            .file_name
            .ends_with(".hex"));
    }

    #[test]
    fn every_board_of_a_flashable_port_has_its_image_type_in_every_release() {
        let catalog = Catalog::builtin().unwrap();
        let published = catalog.published();
        let mut flashable = 0;
        for board in &published.boards {
            let Some(flashing) = catalog.flashing(board) else {
                assert!(
                    ["cc3200", "alif"].contains(&board.port.as_str()),
                    "{} ({}) has no method",
                    board.id,
                    board.port
                );
                continue;
            };
            flashable += 1;
            for version in &board.releases {
                let kinds = &published.releases[version].images[&board.port];
                assert!(
                    kinds.iter().any(|k| k == flashing.method.image_kind()),
                    "{} {version}: no .{} among {kinds:?}",
                    board.id,
                    flashing.method.image_kind()
                );
            }
            if flashing.method == Method::Esp {
                assert!(flashing.offset.is_some(), "{}", board.id);
            }
        }
        // Everything but the few boards MicroPython ships as vendor-tool archives.
        assert!(flashable >= 270, "{flashable} flashable boards");
    }

    #[test]
    fn zip_only_ports_are_refused_with_a_reason() {
        let catalog = Catalog::builtin().unwrap();
        let board = catalog
            .published()
            .boards
            .iter()
            .find(|b| b.port == "cc3200")
            .unwrap();
        assert!(catalog.flashing(board).is_none());
        assert!(matches!(
            catalog.download(board, None, None, None),
            Err(Error::Unsupported(_))
        ));
    }

    #[test]
    fn added_pins_reach_the_download_and_bad_ones_are_refused() {
        let mut catalog = Catalog::builtin().unwrap();
        let digest = "AB".repeat(32);
        let json = format!(
            r#"{{"pins": {{"RPI_PICO-20250415-v1.25.0.uf2": {{"size": 7, "sha256": "{digest}"}}}}}}"#
        );
        assert_eq!(catalog.add_pins(&json).unwrap(), 1);
        let pico = catalog.board("RPI_PICO").unwrap();
        let download = catalog.download(pico, None, Some("1.25.0"), None).unwrap();
        assert_eq!(download.sha256, Some("ab".repeat(32)));
        assert_eq!(download.size, Some(7));
        assert!(catalog
            .add_pins(r#"{"pins": {"X-20250415-v1.25.0.uf2": {"sha256": "12"}}}"#)
            .is_err());
        assert!(catalog.add_pins("not json").is_err());
    }
}
