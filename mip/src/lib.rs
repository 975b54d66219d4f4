//! MicroPython packages, the way mip finds them, installed reproducibly.
//!
//! - [`source`]: what a package spec means: an index name (`aioble@0.5.2`), a forge shorthand
//!   (`github:org/repo@branch`, `gitlab:`, `codeberg:`, mapped to raw-file URLs as mip does), a
//!   URL to a `package.json` or a single `.py`/`.mpy` file, or a local folder or file.
//! - [`Resolver`]: turns specs into the exact files to install. Index packages come from
//!   `{index}/package/{mpy}/{name}/{version}.json` (compiled files for the board's .mpy version,
//!   falling back to sources under `py`), their files from `{index}/file/{h[:2]}/{h}`; package.json
//!   files list `urls` (relative to the package.json) and `hashes`; `deps` are followed depth
//!   first, each package once. Every file is checked against its hash before it is returned.
//!   Bytes come through a [`Fetcher`] ([`HttpFetcher`] in production) and a [`Cache`] keyed by
//!   SHA-256, so a second install needs no network.
//! - [`Lock`] (`upy.lock`): the packages, versions and full file hashes resolved; a resolver
//!   given the lock ([`Resolver::with_pins`]) reuses those pins, and [`lock::diff`] says what
//!   changed between two locks.
//! - [`install()`]: writes the files onto a board through `upy_protocol`'s filesystem layer
//!   (temporary name, then rename), skipping files already there with the same hash.
//!
//! Nothing here prints; errors are [`Error`] values saying which package, file or URL.
//!
//! ```no_run
//! use upy_mip::{Cache, HttpFetcher, Options, Resolver, Spec};
//! # fn main() -> Result<(), upy_mip::Error> {
//! let options = Options { index: upy_mip::DEFAULT_INDEX.into(), mpy: Some(6), base_dir: ".".into() };
//! let cache = Cache::new("/tmp/upy-cache/mip");
//! let resolution = Resolver::new(&HttpFetcher::new(), Some(&cache), &options)
//!     .resolve(&[Spec::parse("aioble")?])?;
//! for file in &resolution.files {
//!     println!("{} {}", file.path, file.sha256);
//! }
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod fetch;
mod install;
pub mod lock;
mod resolve;
pub mod source;

pub use error::{Error, Result};
pub use fetch::{sha256_hex, Cache, FetchError, Fetcher, HttpFetcher};
pub use install::{default_target, install, InstallReport};
pub use lock::{Lock, LockedFile, LockedPackage, LOCK_FILE};
pub use resolve::{Options, Resolution, ResolvedFile, Resolver};
pub use source::{Spec, DEFAULT_INDEX};

/// Compiles the `.py` files among `files` to `.mpy` (v6.3, as mpy-cross 1.29.0) in place:
/// `pkg/x.py` becomes `pkg/x.mpy`, its source name stored as the path. Other files are kept.
/// `march` (mpy-cross's `-march`) compiles `@micropython.native`, `viper` and `asm_*` functions.
pub fn compile_sources(
    files: &mut [ResolvedFile],
    opt_level: u8,
    march: Option<&str>,
) -> Result<()> {
    let options = mpy_compiler::CompileOptions {
        opt_level,
        march: march.map(str::to_string),
        ..mpy_compiler::CompileOptions::default()
    };
    for file in files.iter_mut() {
        let Some(stem) = file.path.strip_suffix(".py") else {
            continue;
        };
        let mpy = mpy_compiler::compile_bytes(&file.data, &file.path, &options).map_err(|e| {
            Error::Compile {
                package: file.package.clone(),
                path: file.path.clone(),
                message: format!("line {}: {}: {}", e.line, e.kind, e.message),
            }
        })?;
        file.path = format!("{stem}.mpy");
        file.sha256 = sha256_hex(&mpy);
        file.data = mpy;
    }
    Ok(())
}
