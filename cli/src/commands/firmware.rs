//! `upy firmware list | fetch BOARD | path BOARD`: the board catalog and the firmware cache.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use upy_firmware::cache::Cache;
use upy_firmware::catalog::Catalog;

use crate::commands::flash::{firmware_error, BarProgress};
use crate::commands::Context;
use crate::exit::{fail, Status};

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
    /// Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT's extension)
    Convert(ConvertArgs),
}

/// Arguments of `upy firmware convert`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct ConvertArgs {
    /// Image to read (ESP or raw .bin, .uf2, .hex)
    pub input: PathBuf,
    /// File to write; its extension picks the format: .uf2, .hex or .bin
    #[arg(short, long)]
    pub output: PathBuf,
    /// UF2 family: a chip name (rp2040, rp2350, esp32s3, samd51, ...) or a hex id
    #[arg(long)]
    pub family: Option<String>,
    /// Address of a .bin's first byte (default: 0x10000000 on RP2040/RP2350, the ESP offset
    /// for ESP images)
    #[arg(long, value_parser = crate::commands::flash::parse_address)]
    pub base: Option<u32>,
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
    Cache::new(crate::settings::cache_root().join("firmware"))
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
        FirmwareAction::Convert(convert_args) => convert(convert_args, ctx),
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

fn convert(args: ConvertArgs, ctx: &Context) -> Result<Status> {
    use upy_firmware::image::{flatten, ihex, uf2, Image, ImageKind};
    use upy_firmware::Chip;

    let image = match Image::load(&args.input) {
        Err(upy_firmware::Error::UnknownImageFormat { .. }) => Image::load_raw(&args.input),
        other => other,
    }
    .map_err(firmware_error)?;
    let family = match args.family.as_deref() {
        None => image.uf2_family.or(image.chip.and_then(uf2::family_of)),
        Some(text) => Some(match text.strip_prefix("0x") {
            Some(hex) => u32::from_str_radix(hex, 16)
                .map_err(|e| fail(Status::Failure, format!("bad family id {text}: {e}")))?,
            None => {
                let chip: Chip = text.parse().map_err(|e: String| fail(Status::Failure, e))?;
                uf2::family_of(chip)
                    .ok_or_else(|| fail(Status::Failure, format!("{chip} has no UF2 family id")))?
            }
        }),
    };
    let base = match (args.base, image.kind) {
        (Some(base), _) => base,
        (None, ImageKind::EspBin) => image.chip.and_then(Chip::esp_flash_offset).unwrap_or(0),
        (None, ImageKind::Raw) => match family.and_then(uf2::family_chip) {
            Some(Chip::Rp2040 | Chip::Rp2350) => 0x1000_0000,
            _ => return Err(fail(Status::Failure, "a raw .bin needs --base ADDRESS")),
        },
        (None, _) => 0,
    };
    let segments = image.segments(base).map_err(firmware_error)?;
    let extension = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let bytes = match extension.as_str() {
        "uf2" => {
            let family = family.ok_or_else(|| {
                fail(
                    Status::Failure,
                    "name the UF2 family with --family (e.g. rp2040)",
                )
            })?;
            uf2::from_segments(&segments, family)
        }
        "hex" => ihex::write(&segments).into_bytes(),
        "bin" => {
            // A .bin holds one region; data far beyond it (configuration registers such as
            // the nRF UICR) is left out and named.
            let mut sorted = segments.clone();
            sorted.sort_by_key(|segment| segment.address);
            let mut end = sorted.first().map(|s| s.end()).unwrap_or(0);
            let split = sorted
                .iter()
                .position(|segment| {
                    let far = u64::from(segment.address) > end + (1 << 20);
                    end = end.max(segment.end());
                    far
                })
                .unwrap_or(sorted.len());
            for left_out in &sorted[split..] {
                ctx.printer.status(format!(
                    "Not in the .bin (far from the rest): 0x{:08x}..0x{:08x} ({} bytes)",
                    left_out.address,
                    left_out.end(),
                    left_out.data.len()
                ));
            }
            let (start, bytes) = flatten(&sorted[..split], 64 << 20).ok_or_else(|| {
                fail(
                    Status::Failure,
                    "the image has no data or spans more than 64 MiB",
                )
            })?;
            ctx.printer
                .status(format!("The .bin starts at address 0x{start:08x}"));
            bytes
        }
        other => {
            return Err(fail(
                Status::Failure,
                format!("unknown output format {other:?}: use .uf2, .hex or .bin"),
            ))
        }
    };
    std::fs::write(&args.output, &bytes).map_err(|e| {
        fail(
            Status::Failure,
            format!("cannot write {}: {e}", args.output.display()),
        )
    })?;
    ctx.printer.status(format!(
        "Wrote {} ({} bytes, {} segment(s))",
        args.output.display(),
        bytes.len(),
        segments.len()
    ));
    Ok(Status::Success)
}
