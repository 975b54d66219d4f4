//! `upy firmware list | fetch BOARD | path BOARD | update | convert`: the board catalog, the
//! firmware cache, and bringing connected boards to a release.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use upy_firmware::cache::{Cache, Fetched};
use upy_firmware::catalog::{Catalog, Download};
use upy_firmware::published::PublishedBoard;

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
    /// List the boards MicroPython publishes firmware for (search by id, vendor, product, MCU)
    List(ListArgs),
    /// Download a board's official MicroPython firmware into the cache (SHA-256 recorded)
    Fetch(FetchArgs),
    /// Print the cached firmware file of a board (after checking its SHA-256)
    Path(PathArgs),
    /// Flash every connected board whose MicroPython is older than a release, keeping its variant
    Update(crate::commands::firmware_update::UpdateArgs),
    /// Convert an image between .bin, .uf2 and .hex (format chosen by OUTPUT's extension)
    Convert(ConvertArgs),
}

/// Arguments of `upy firmware list`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct ListArgs {
    /// Only boards of this MicroPython port (esp32, esp8266, rp2, stm32, nrf, samd, mimxrt,
    /// renesas-ra, ...); `--port` is the serial port
    #[arg(long)]
    pub mp_port: Option<String>,
    /// Only boards whose id, vendor, product or MCU contains this text (case-insensitive)
    pub filter: Option<String>,
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
    /// Board variant (SPIRAM, OTA, ...; `upy firmware list` shows them); default: the plain build
    #[arg(long)]
    pub variant: Option<String>,
    /// MicroPython version (default: the board's newest release)
    #[arg(long)]
    pub version: Option<String>,
    /// Download again even when a verified copy is cached
    #[arg(long)]
    pub force: bool,
    /// Download from this folder instead of MicroPython's (a mirror with the same file names)
    #[arg(long, env = "UPY_FIRMWARE_URL")]
    pub base_url: Option<String>,
}

/// Arguments of `upy firmware path`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct PathArgs {
    /// Board id
    pub board: String,
    /// Board variant (default: the plain build)
    #[arg(long)]
    pub variant: Option<String>,
    /// MicroPython version (default: the board's newest release)
    #[arg(long)]
    pub version: Option<String>,
}

/// The firmware cache folder: `$UPY_CACHE_DIR/firmware` or the user cache folder.
pub fn cache() -> Cache {
    Cache::new(crate::settings::cache_root().join("firmware"))
}

/// The built-in catalog, with the extra pins of `$UPY_FIRMWARE_PINS` when it names a file.
pub fn catalog() -> Result<Catalog> {
    let mut catalog = Catalog::builtin().map_err(firmware_error)?;
    if let Some(path) = std::env::var_os(crate::settings::env::FIRMWARE_PINS) {
        let path = PathBuf::from(path);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            fail(
                Status::Failure,
                format!("cannot read the firmware pins {}: {e}", path.display()),
            )
        })?;
        catalog
            .add_pins(&text)
            .map_err(|e| fail(Status::Failure, format!("{}: {e}", path.display())))?;
    }
    Ok(catalog)
}

/// Gets the image of `board` into the cache (or finds it there, offline) and says whether its
/// SHA-256 is the pinned one or only the one recorded at its first download.
pub fn fetch_image(
    ctx: &Context,
    catalog: &Catalog,
    board: &PublishedBoard,
    variant: Option<&str>,
    version: Option<&str>,
    base_url: Option<&str>,
    force: bool,
) -> Result<(Download, Fetched)> {
    let download = catalog
        .download(board, variant, version, base_url)
        .map_err(firmware_error)?;
    let mut progress = BarProgress::new(ctx.printer);
    let fetched = cache()
        .fetch(&download, force, &mut progress)
        .map_err(firmware_error)?;
    if !fetched.downloaded {
        ctx.printer
            .status(format!("Using the cached {}", fetched.path.display()));
    }
    if download.is_pinned() {
        ctx.printer.status(format!(
            "{}: SHA-256 {} matches the catalog's pin",
            download.file_name, fetched.sha256
        ));
    } else {
        ctx.printer.status(format!(
            "{} is unpinned (the catalog has no SHA-256 for it): SHA-256 {} was recorded at its \
             first download and is checked on every use",
            download.file_name, fetched.sha256
        ));
    }
    Ok((download, fetched))
}

pub fn run(args: FirmwareArgs, ctx: &Context) -> Result<Status> {
    let catalog = catalog()?;
    let cache = cache();
    match args.action {
        FirmwareAction::List(list_args) => list(&catalog, &cache, &list_args),
        FirmwareAction::Fetch(fetch) => {
            let board = catalog.board(&fetch.board).map_err(firmware_error)?;
            let (download, fetched) = fetch_image(
                ctx,
                &catalog,
                board,
                fetch.variant.as_deref(),
                fetch.version.as_deref(),
                fetch.base_url.as_deref(),
                fetch.force,
            )?;
            ctx.printer.status(format!(
                "{} MicroPython {} is cached",
                board.id, download.version
            ));
            println!("{}", fetched.path.display());
            Ok(Status::Success)
        }
        FirmwareAction::Convert(convert_args) => convert(convert_args, ctx),
        FirmwareAction::Update(update_args) => {
            crate::commands::firmware_update::run(update_args, &catalog, ctx)
        }
        FirmwareAction::Path(path_args) => {
            let board = catalog.board(&path_args.board).map_err(firmware_error)?;
            let download = catalog
                .download(
                    board,
                    path_args.variant.as_deref(),
                    path_args.version.as_deref(),
                    None,
                )
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

fn list(catalog: &Catalog, cache: &Cache, args: &ListArgs) -> Result<Status> {
    let published = catalog.published();
    // Written through a lock whose errors propagate, so `| head` ends the listing quietly.
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<28} {:<10} {:<10} {:<7} {:<8} {:<7} {:<6} {:<24} PRODUCT",
        "BOARD", "PORT", "MCU", "METHOD", "OFFSET", "LATEST", "CACHED", "VARIANTS"
    )?;
    let mut shown = 0;
    for board in published.search(args.mp_port.as_deref(), args.filter.as_deref()) {
        let flashing = catalog.flashing(board);
        let method = flashing.map_or("-", |f| f.method.name());
        let offset = flashing
            .and_then(|f| f.offset)
            .map_or_else(|| "-".into(), |o| format!("0x{o:x}"));
        let cached = catalog
            .download(board, None, None, None)
            .is_ok_and(|d| cache.path(&d).is_file());
        let variants = board.variants.keys().cloned().collect::<Vec<_>>().join(",");
        writeln!(
            out,
            "{:<28} {:<10} {:<10} {:<7} {:<8} {:<7} {:<6} {:<24} {} {}",
            board.id,
            board.port,
            board.mcu,
            method,
            offset,
            board.releases.last().map_or("-", String::as_str),
            if cached { "yes" } else { "no" },
            if variants.is_empty() { "-" } else { &variants },
            board.vendor,
            board.product
        )?;
        shown += 1;
    }
    if shown == 0 {
        return Err(fail(Status::Failure, "no board matches"));
    }
    Ok(Status::Success)
}
