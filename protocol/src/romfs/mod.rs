//! ROM filesystems (romfs): the image format, and the board's ROM partitions.
//!
//! Since MicroPython 1.25 a board can keep a read-only partition holding a romfs image, mounted
//! at `/rom`; `.mpy` files in it run their bytecode in place from flash.
//!
//! - [`image`]: the format `vfs.VfsRom` reads. [`image::encode`] turns a tree of
//!   [`image::Node`]s into an image and [`image::parse`] reads one back. Compiling `.py` files
//!   is the caller's business (this crate does not depend on the compiler): a caller builds the
//!   tree with whatever bytes it wants stored.
//! - [`Romfs`], from [`Session::romfs`](crate::Session::romfs): [`Romfs::query`] lists the partitions (size, erase
//!   block, the image in each and its files, whether `/rom` is mounted) without reading the
//!   image over the link; [`Romfs::deploy`] writes an image through `vfs.rom_ioctl` (prepare,
//!   which erases; chunked writes; finish), then verifies it by SHA-256 and mounts it again at
//!   `/rom`. An image larger than the partition, or holding `.mpy` files the firmware cannot
//!   load, is refused before anything is erased. [`Romfs::holds`] tells whether a partition
//!   already holds an image (the board hashes it), so a repeated deploy can be skipped.
//!
//! The writes follow the steps `mpremote romfs deploy` takes (the same erase ranges, chunk size
//! and zero padding of the last chunk), so both leave the same bytes in the partition; the data
//! itself travels as a raw byte stream with acknowledgements instead of one command per chunk.
//! Progress is reported through [`Progress`]; nothing here prints.

mod device;
pub mod image;

pub use device::{Contents, DeployReport, Partition, PartitionKind, Romfs, RomfsError};

/// Receives deploy progress; every method has a no-op default.
pub trait Progress {
    /// Erasing begins: `total` bytes of the partition will be prepared.
    fn on_erase_start(&mut self, _total: u64) {}
    /// `bytes` more bytes have been erased.
    fn on_erased(&mut self, _bytes: u64) {}
    /// Writing begins: `total` bytes (the image padded to whole chunks).
    fn on_write_start(&mut self, _total: u64) {}
    /// `bytes` more bytes are in the partition.
    fn on_written(&mut self, _bytes: u64) {}
    /// Writing is done; the board is checking what it holds.
    fn on_verify(&mut self) {}
}

/// Ignores progress.
pub struct NoProgress;

impl Progress for NoProgress {}
