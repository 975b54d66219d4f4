//! The board catalog: MicroPython board ids, their chip, flash method and official download.
//!
//! The data lives in `firmware/catalog.toml`, compiled into the binary, so adding a board is a
//! data change. A [`Download`] is what the cache needs: the address, the file name and, where
//! the catalog pins one, the expected SHA-256.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::chip::Chip;
use crate::error::{Error, Result};

const CATALOG_TOML: &str = include_str!("../catalog.toml");

/// How a board gets its firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
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
}

/// One board.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// MicroPython's board id (`ESP32_GENERIC`).
    pub id: String,
    /// A readable description.
    pub name: String,
    /// The microcontroller.
    pub chip: Chip,
    /// How it is flashed.
    pub method: Method,
    /// Flash offset of the image (ESP boards).
    #[serde(default)]
    pub offset: Option<u32>,
    /// Download address template.
    pub url: String,
    /// A firmware version of its own (boards not released with MicroPython's main releases).
    #[serde(default)]
    pub version: Option<String>,
    /// Expected SHA-256 of the pinned download, when known.
    #[serde(default)]
    pub sha256: Option<String>,
    /// USB `vid:pid` pairs of the board's serial port, in lowercase hex.
    #[serde(default)]
    pub usb: Vec<String>,
    /// The `Model:` or `Board-ID:` text its UF2 drive's INFO_UF2.TXT contains.
    #[serde(default)]
    pub drive_model: Option<String>,
}

/// The whole catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The MicroPython release `upy firmware fetch` uses by default.
    pub pinned: String,
    /// The official download folder.
    pub base: String,
    /// Release -> build date in the file names.
    pub releases: BTreeMap<String, String>,
    /// The boards.
    #[serde(rename = "board")]
    pub boards: Vec<Board>,
}

/// A resolved download: one board, one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// Board id.
    pub board: String,
    /// Firmware version.
    pub version: String,
    /// Full address.
    pub url: String,
    /// File name in the cache.
    pub file_name: String,
    /// Expected SHA-256, when the catalog pins it.
    pub sha256: Option<String>,
}

impl Catalog {
    /// The catalog compiled into this build.
    pub fn builtin() -> Result<Catalog> {
        Catalog::parse(CATALOG_TOML)
    }

    /// Parses catalog text.
    pub fn parse(text: &str) -> Result<Catalog> {
        let catalog: Catalog = toml::from_str(text).map_err(|e| Error::Catalog(e.to_string()))?;
        for board in &catalog.boards {
            if board.method == Method::Esp && board.offset.is_none() {
                return Err(Error::Catalog(format!("{} has no flash offset", board.id)));
            }
        }
        Ok(catalog)
    }

    /// The board with this id (case-insensitive).
    pub fn board(&self, id: &str) -> Result<&Board> {
        self.boards
            .iter()
            .find(|b| b.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| Error::UnknownBoard {
                board: id.to_string(),
            })
    }

    /// The default board for a chip (the first listed with it).
    pub fn board_for_chip(&self, chip: Chip) -> Option<&Board> {
        self.boards.iter().find(|b| b.chip == chip)
    }

    /// The board whose serial port has this USB id, when only one board claims it.
    pub fn board_for_usb(&self, vid: u16, pid: u16) -> Option<&Board> {
        let key = format!("{vid:04x}:{pid:04x}");
        let mut matches = self.boards.iter().filter(|b| b.usb.contains(&key));
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    }

    /// The version a board gets when none is asked for.
    pub fn default_version<'a>(&'a self, board: &'a Board) -> &'a str {
        board.version.as_deref().unwrap_or(&self.pinned)
    }

    /// Resolves the download of `board` at `version` (default: pinned), under `base`
    /// (default: the official folder).
    pub fn download(
        &self,
        board: &Board,
        version: Option<&str>,
        base: Option<&str>,
    ) -> Result<Download> {
        let default = self.default_version(board);
        let version = version
            .map(|v| v.trim_start_matches('v'))
            .unwrap_or(default);
        let base = base.unwrap_or(&self.base).trim_end_matches('/');
        let url = if board.version.is_some() || !board.url.contains("{date}") {
            if version != default {
                return Err(Error::UnknownVersion {
                    board: board.id.clone(),
                    version: version.to_string(),
                    known: default.to_string(),
                });
            }
            board.url.replace("{base}", base)
        } else {
            let date = self
                .releases
                .get(version)
                .ok_or_else(|| Error::UnknownVersion {
                    board: board.id.clone(),
                    version: version.to_string(),
                    known: self.releases.keys().cloned().collect::<Vec<_>>().join(", "),
                })?;
            board
                .url
                .replace("{base}", base)
                .replace("{board}", &board.id)
                .replace("{date}", date)
                .replace("{version}", version)
        };
        let file_name = url.rsplit('/').next().unwrap_or(&board.id).to_string();
        let sha256 = (version == default).then(|| board.sha256.clone()).flatten();
        Ok(Download {
            board: board.id.clone(),
            version: version.to_string(),
            url,
            file_name,
            sha256,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_parses_and_has_the_common_boards() {
        let catalog = Catalog::builtin().unwrap();
        for id in [
            "ESP32_GENERIC",
            "ESP32_GENERIC_S3",
            "ESP32_GENERIC_C3",
            "ESP8266_GENERIC",
            "RPI_PICO",
            "RPI_PICO_W",
            "RPI_PICO2",
            "PYBV11",
            "BBC_MICROBIT",
        ] {
            catalog.board(id).unwrap();
        }
        assert_eq!(catalog.board("esp32_generic").unwrap().offset, Some(0x1000));
        assert_eq!(
            catalog.board_for_chip(Chip::Esp32s3).unwrap().id,
            "ESP32_GENERIC_S3"
        );
        assert_eq!(
            catalog.board_for_usb(0x0d28, 0x0204).unwrap().id,
            "BBC_MICROBIT"
        );
    }

    #[test]
    fn download_urls_follow_the_release_dates() {
        let catalog = Catalog::builtin().unwrap();
        let board = catalog.board("ESP32_GENERIC").unwrap();
        let download = catalog.download(board, None, None).unwrap();
        assert_eq!(
            download.url,
            "https://micropython.org/resources/firmware/ESP32_GENERIC-20251209-v1.27.0.bin"
        );
        let older = catalog
            .download(board, Some("v1.25.0"), Some("http://127.0.0.1:9/fw/"))
            .unwrap();
        assert_eq!(
            older.url,
            "http://127.0.0.1:9/fw/ESP32_GENERIC-20250415-v1.25.0.bin"
        );
        assert!(matches!(
            catalog.download(board, Some("0.1"), None),
            Err(Error::UnknownVersion { .. })
        ));
    }
}
