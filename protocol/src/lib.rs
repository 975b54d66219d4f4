//! The MicroPython serial REPL protocol: everything `upy` says to a board.
//!
//! Layers, bottom up:
//! - [`transport`]: a byte stream to the board. [`Transport`] is a small trait (read with a
//!   timeout, write, DTR/RTS, clone); [`SerialTransport`] implements it over `serialport`,
//!   leaving DTR/RTS alone on open (so ESP boards do not reset) unless asked, and treating
//!   modem-control errors (ptys refuse them) as harmless. It is the only code in upy that opens
//!   ports: [`transport::open_when_ready`] waits out a port that has just reappeared, and
//!   [`transport::open_native`] hands flashers (espflash) the OS port type with the same errors.
//! - [`raw_repl`] and [`raw_paste`]: pure framing and flow control, tested on byte slices. The
//!   reply parser splits `stdout \x04 exception \x04 >`; the flow window follows the board's
//!   `\x01` grants.
//! - [`Session`]: enters the raw REPL robustly (busy loops, endless printing, banners), runs
//!   code with raw-paste or, on firmware without it, paced raw REPL writes, streams stdout to a
//!   callback, turns exceptions into [`DeviceException`]s with their traceback, interrupts, and
//!   resets. [`Session::info`] reports firmware, .mpy format, memory, storage and which optional
//!   modules exist. Programs that talk to the host while they run use
//!   [`Session::start_program`], [`Session::write_raw`], [`Session::read_raw`] and
//!   [`Session::finish_program`]; an interactive terminal takes the bare transport with
//!   [`Session::into_parts`].
//! - [`fs`]: filesystem operations on [`Session::fs`]: list, walk with hashes (a sync
//!   manifest in one round trip), read, mkdir, remove, rename, free space, SHA-256, and the
//!   one upload program, [`fs::Fs::apply`]: a batch of [`fs::Operation`]s (make folder,
//!   remove, write with temp-name-then-rename and a SHA-256 check, raw binary stream with
//!   acknowledgements, deflate when smaller) that `cp`, `sync` and `mip` share; with fallbacks
//!   for boards lacking `hashlib`, `binascii`, `os.stat`, `os.ilistdir`.
//! - [`romfs`]: the romfs image format (build and parse) and the board's ROM partitions on
//!   [`Session::romfs`](crate::Session::romfs): query them, deploy an image through `vfs.rom_ioctl`.
//!
//! Nothing here prints: progress goes through [`fs::Progress`] and [`romfs::Progress`], errors
//! are [`Error`] (and [`romfs::RomfsError`]) values naming the port, path or partition.
//!
//! ```no_run
//! use upy_protocol::{Session, SerialOptions, fs::NoProgress};
//! # fn main() -> Result<(), upy_protocol::Error> {
//! let mut session = Session::open("/dev/ttyACM0", &SerialOptions::default())?;
//! session.exec("print(1 + 1)", &mut |out| print!("{}", String::from_utf8_lossy(out)))?;
//! session.fs().write("/main.py", b"print('hi')\n", &mut NoProgress)?;
//! let listing = session.fs().ls("/")?;
//! # let _ = listing;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod facts;
pub mod fs;
mod info;
pub mod mount;
pub mod raw_paste;
pub mod raw_repl;
pub mod romfs;
mod session;
pub mod transport;

pub use error::{DeviceException, Error, Result};
pub use facts::{DeviceInfo, Features, FsSpace, MpyFormat};
pub use session::{PasteSupport, Session, DEFAULT_ANSWER_TIMEOUT};
pub use transport::{SerialOptions, SerialTransport, Transport};
