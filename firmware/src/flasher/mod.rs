//! The flash methods. Each is a function taking an [`Image`](crate::image::Image), its
//! options and a [`Progress`](crate::progress::Progress): the methods share little beyond
//! that shape (a serial bootloader, a USB drive, a debug probe), so no trait forces them into
//! one sequence.

pub mod daplink;
pub mod drive;
pub mod esp;
mod esp8266;
#[cfg(feature = "probe")]
pub mod probe;
pub(crate) mod rom;
pub mod uf2;

pub use rom::{ResetAfter, ResetBefore};
