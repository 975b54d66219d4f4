//! MicroPython firmware: the board catalog, image formats and the flashers.
//!
//! Data flows one way: a file becomes an [`image::Image`] (format sniffed from its content,
//! validated, with the chip it names); the [`catalog::Catalog`] (every board MicroPython
//! publishes, generated into [`published`]) says which board has which chip and flash method
//! and where its firmware is downloaded, with the size and SHA-256 where they are pinned;
//! [`identify`] tells a running board's id from what its firmware reports; the
//! [`cache::Cache`] downloads (resumably) and keeps images with their SHA-256, checked against
//! the pin before anything is written. A flasher in [`flasher`] then writes the image:
//!
//! - [`flasher::esp`]: ESP chips over the ROM serial bootloader. This crate's own ROM client
//!   identifies the chip first and refuses an image for another chip before writing anything;
//!   ESP32-class chips are then flashed through espflash (stub, compression, MD5 check), the
//!   ESP8266 through its ROM directly.
//! - [`flasher::uf2`]: copy a UF2 file onto a bootloader's USB drive (RP2040/RP2350 BOOTSEL).
//! - [`flasher::daplink`]: copy a HEX file onto a DAPLink drive (BBC micro:bit).
//! - `flasher::probe` (cargo feature `probe`): debug probes through probe-rs.
//!
//! Long operations report through the [`progress::Progress`] trait; the library never prints.
//!
//! ```no_run
//! use upy_firmware::{image::Image, flasher::esp, progress::NoProgress};
//! let image = Image::load("ESP32_GENERIC-20251209-v1.27.0.bin".as_ref())?;
//! let options = esp::EspOptions {
//!     port: "/dev/ttyUSB0".into(), baud: 460_800, before: Default::default(),
//!     after: Default::default(), erase: false, offset: None, usb: None,
//! };
//! let report = esp::flash(&image, &options, &mut NoProgress)?;
//! println!("wrote {} bytes to an {}", report.bytes, report.chip);
//! # Ok::<(), upy_firmware::Error>(())
//! ```
#![deny(missing_docs)]

pub mod cache;
pub mod catalog;
pub mod chip;
pub mod detect;
mod error;
pub mod flasher;
pub mod identify;
pub mod image;
pub mod progress;
pub mod published;

pub use chip::Chip;
pub use error::{Error, Result};
