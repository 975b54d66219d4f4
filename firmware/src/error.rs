//! The one error type of the crate: each variant names what happened and carries where.

use std::path::PathBuf;

/// Everything that can go wrong while reading images, using the catalog or flashing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is none of the image formats this crate knows.
    #[error("{path}: not a firmware image (expected an ESP .bin starting with 0xE9, a UF2 file, an Intel HEX file or an ELF file)")]
    UnknownImageFormat {
        /// The file.
        path: PathBuf,
    },
    /// The image has the right format but its content is damaged.
    #[error("{what}: corrupt image: {reason}")]
    CorruptImage {
        /// The file (or a description of the image).
        what: String,
        /// What is wrong, with the offset or line.
        reason: String,
    },
    /// The image was built for another chip than the one it is about to be written to.
    #[error("the image is for {image_chip} but the board is {board_chip}; nothing was written")]
    ImageChipMismatch {
        /// The chip named in the image.
        image_chip: String,
        /// The chip detected on the board.
        board_chip: String,
    },
    /// The image does not fit into the flash.
    #[error("the image ends at 0x{end:x} but the flash holds only 0x{flash_size:x} bytes; nothing was written")]
    ImageTooLarge {
        /// The end address of the image (offset + length).
        end: u64,
        /// The size of the flash.
        flash_size: u64,
    },
    /// The serial port does not exist or cannot be opened.
    #[error("cannot open serial port {port}: {reason}")]
    PortUnavailable {
        /// The port.
        port: String,
        /// Why (missing, permission denied, ...).
        reason: String,
    },
    /// Another program holds the serial port.
    #[error("serial port {port} is busy: another program (a terminal, an IDE, mpremote) has it open; close it and retry")]
    PortBusy {
        /// The port.
        port: String,
    },
    /// The board did not answer the ROM bootloader's sync.
    #[error("no ROM bootloader answers on {port}: the board is not in its bootloader. Hold BOOT (GPIO0) and press RESET, then retry (or run `upy flash --bootloader` while MicroPython runs)")]
    NotInBootloader {
        /// The port.
        port: String,
    },
    /// The ROM bootloader reported a chip this crate cannot flash.
    #[error("unsupported chip on {port}: {detail}")]
    UnsupportedChip {
        /// The port.
        port: String,
        /// What was detected.
        detail: String,
    },
    /// The link to the board broke while flashing (cable pulled, board reset).
    #[error("the link to {port} was lost while {during}; the flash may be half written: put the board back into its bootloader and flash again")]
    LinkLost {
        /// The port.
        port: String,
        /// The step that was running.
        during: String,
    },
    /// The bootloader refused a command or answered nonsense.
    #[error("the bootloader on {port} failed while {during}: {reason}")]
    BootloaderError {
        /// The port.
        port: String,
        /// The step that was running.
        during: String,
        /// The bootloader's answer.
        reason: String,
    },
    /// The flash does not hold what was written.
    #[error(
        "verification failed at 0x{offset:x}: the flash MD5 is {actual}, the image's is {expected}"
    )]
    VerifyFailed {
        /// The start of the checked region.
        offset: u32,
        /// The image's digest.
        expected: String,
        /// The flash's digest.
        actual: String,
    },
    /// No mounted drive of the wanted kind was found.
    #[error("no {kind} drive found (looked in {searched}): {hint}")]
    DriveNotFound {
        /// UF2 or DAPLink.
        kind: &'static str,
        /// The folders searched.
        searched: String,
        /// How to get the drive to appear.
        hint: &'static str,
    },
    /// The drive did not behave as expected after the copy.
    #[error("{drive}: {reason}")]
    DriveError {
        /// The drive's folder.
        drive: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The board id is not in the catalog.
    #[error("unknown board {board}; `upy firmware list` shows the known ones")]
    UnknownBoard {
        /// The board id given.
        board: String,
    },
    /// The catalog has no download for this version.
    #[error("no MicroPython {version} download is known for {board} (known versions: {known})")]
    UnknownVersion {
        /// The board id.
        board: String,
        /// The version asked for.
        version: String,
        /// The versions the catalog knows.
        known: String,
    },
    /// The board has no such variant in that release.
    #[error("{board} has no variant {variant} in MicroPython {version} (variants: {known})")]
    UnknownVariant {
        /// The board id.
        board: String,
        /// The variant asked for.
        variant: String,
        /// The release.
        version: String,
        /// The variants it has.
        known: String,
    },
    /// The catalog data file is malformed (a build problem, not a user one).
    #[error("the board catalog is malformed: {0}")]
    Catalog(String),
    /// The firmware is not in the cache yet.
    #[error("the firmware for {board} (MicroPython {version}) is not in the cache; run `upy firmware fetch {board}` or pass `--firmware FILE`")]
    NotCached {
        /// The board id.
        board: String,
        /// The version.
        version: String,
    },
    /// A download failed.
    #[error("download of {url} failed: {reason}")]
    Download {
        /// The address.
        url: String,
        /// Why.
        reason: String,
    },
    /// A download stopped part way; what arrived is kept for the next attempt to resume.
    #[error("download of {url} stopped after {done} of {total} bytes ({reason}); run the command again to resume it")]
    DownloadCut {
        /// The address.
        url: String,
        /// Bytes received so far (kept in the cache's part file).
        done: u64,
        /// Bytes expected (0: unknown).
        total: u64,
        /// Why.
        reason: String,
    },
    /// A downloaded image is not the one the catalog pins: not the image MicroPython released.
    #[error("{url}: SHA-256 is {actual} ({size} bytes) but the catalog pins {expected}{}; this is not the image MicroPython released, so it was deleted and nothing was written", expected_size.map(|s| format!(" ({s} bytes)")).unwrap_or_default())]
    PinMismatch {
        /// The address it came from.
        url: String,
        /// The pinned digest.
        expected: String,
        /// The downloaded file's digest.
        actual: String,
        /// The pinned size, when pinned.
        expected_size: Option<u64>,
        /// The downloaded size.
        size: u64,
    },
    /// A cached or downloaded file does not have the SHA-256 it should have.
    #[error("{path}: SHA-256 is {actual} but {expected} was recorded; the file is damaged; fetch it again with `upy firmware fetch --force`")]
    ChecksumMismatch {
        /// The file.
        path: PathBuf,
        /// The recorded digest.
        expected: String,
        /// The file's digest.
        actual: String,
    },
    /// No debug probe is connected.
    #[error("no debug probe found on USB; connect one (CMSIS-DAP, ST-Link, J-Link) or check `upy flash --list-probes`")]
    ProbeNotFound,
    /// Debug probe access failed.
    #[error("debug probe: {0}")]
    Probe(String),
    /// The flash method is not available in this build or for this board.
    #[error("{0}")]
    Unsupported(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A corrupt image.
    pub(crate) fn corrupt(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::CorruptImage {
            what: what.into(),
            reason: reason.into(),
        }
    }
}
