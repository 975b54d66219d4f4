//! `upy firmware list | fetch BOARD | path BOARD`: the board catalog and the firmware cache.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use upy_firmware::cache::Cache;
use upy_firmware::catalog::Catalog;

use crate::commands::flash::{firmware_error, BarProgress};
use crate::commands::Context;
use crate::exit::Status;

/// Arguments of `upy firmware`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct FirmwareArgs {
    #[command(subcommand)]
    pub action: FirmwareAction,
}

/// What to do with the catalog or cache.
#[derive(Debug, Subcommand)]
pub enum FirmwareAction {
    /// List the known boards, their chip, flash method and whether firmware is cached
    List,
    /// Download a board's official MicroPython firmware into the cache (SHA-256 recorded)
    Fetch(FetchArgs),
    /// Print the cached firmware file of a board (after checking its SHA-256)
    Path(PathArgs),
}

/// Arguments of `upy firmware fetch`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct FetchArgs {
    /// Board id as MicroPython names it (ESP32_GENERIC, RPI_PICO, ...)
    pub board: String,
    /// MicroPython version (default: the release this upy pins)
    #[arg(long)]
    pub version: Option<String>,
    /// Download again even when a verified copy is cached
    #[arg(long)]
    pub force: bool,
    /// Download from this folder instead of MicroPython's (a mirror)
    #[arg(long, env = "UPY_FIRMWARE_URL")]
    pub base_url: Option<String>,
}

/// Arguments of `upy firmware path`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct PathArgs {
    /// Board id
    pub board: String,
    /// MicroPython version (default: the pinned release)
    #[arg(long)]
    pub version: Option<String>,
}

/// The firmware cache folder: `$UPY_CACHE_DIR/firmware` or the user cache folder.
pub fn cache() -> Cache {
    let root = std::env::var_os("UPY_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "upy").map(|d| d.cache_dir().to_path_buf())
        })
        .unwrap_or_else(|| std::env::temp_dir().join("upy-cache"));
    Cache::new(root.join("firmware"))
}

pub fn run(args: FirmwareArgs, ctx: &Context) -> Result<Status> {
    let catalog = Catalog::builtin().map_err(firmware_error)?;
    let cache = cache();
    match args.action {
        FirmwareAction::List => {
            println!(
                "{:<32} {:<10} {:<8} {:<8} {:<8} CACHED",
                "BOARD", "CHIP", "METHOD", "OFFSET", "VERSION"
            );
            for board in &catalog.boards {
                let offset = board
                    .offset
                    .map(|o| format!("0x{o:x}"))
                    .unwrap_or_else(|| "-".into());
                let version = catalog.default_version(board);
                let cached = catalog
                    .download(board, None, None)
                    .map(|d| cache.path(&d).is_file())
                    .unwrap_or(false);
                println!(
                    "{:<32} {:<10} {:<8} {:<8} {:<8} {}",
                    board.id,
                    board.chip.name(),
                    board.method.name(),
                    offset,
                    version,
                    if cached { "yes" } else { "no" }
                );
            }
            Ok(Status::Success)
        }
        FirmwareAction::Fetch(fetch) => {
            let board = catalog.board(&fetch.board).map_err(firmware_error)?;
            let download = catalog
                .download(board, fetch.version.as_deref(), fetch.base_url.as_deref())
                .map_err(firmware_error)?;
            let mut progress = BarProgress::new(ctx.printer);
            let path = cache
                .fetch(&download, fetch.force, &mut progress)
                .map_err(firmware_error)?;
            ctx.printer.status(format!(
                "{} MicroPython {} is cached",
                board.id, download.version
            ));
            println!("{}", path.display());
            Ok(Status::Success)
        }
        FirmwareAction::Path(path_args) => {
            let board = catalog.board(&path_args.board).map_err(firmware_error)?;
            let download = catalog
                .download(board, path_args.version.as_deref(), None)
                .map_err(firmware_error)?;
            let path = cache.cached(&download).map_err(firmware_error)?;
            println!("{}", path.display());
            Ok(Status::Success)
        }
    }
}
