//! `upy flash`: put MicroPython onto a board.
//!
//! Picks the image (`--firmware FILE`, or the catalog firmware of the named or detected board:
//! downloaded, or taken from the cache offline, and checked against its pinned SHA-256), picks
//! the method from the image and what is attached (ESP ROM bootloader on a serial port, UF2
//! drive, DAPLink drive, debug probe), then flashes with a progress bar and verification.
//! Every check that can refuse (hash, format, chip, size) runs before any write.
//!
//! Without `--board`, the board is found in this order: a mounted UF2 or DAPLink drive (by its
//! chip), a serial port whose USB id names the board, a MicroPython answering on the serial
//! port (told apart by what `sys.implementation` reports, then sent to its bootloader), and
//! last the ESP ROM bootloader (by its chip).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use upy_firmware::catalog::{Catalog, Flashing, Method};
use upy_firmware::detect;
use upy_firmware::flasher::{daplink, drive, esp, uf2, ResetAfter, ResetBefore};
use upy_firmware::image::{Image, ImageKind};
use upy_firmware::progress::Progress;
use upy_firmware::published::PublishedBoard;
use upy_firmware::Chip;

use crate::commands::firmware::{catalog, fetch_image};
use crate::commands::identify::detect_board;
use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::printer::Printer;

/// Baud rate for the data transfer to ESP boards unless `--baud` says otherwise.
const DEFAULT_ESP_BAUD: u32 = 460_800;

/// Arguments of `upy flash`.
#[derive(Debug, Args)]
#[command(
    disable_version_flag = true,
    after_help = "ESP boards: the data goes at 460800 baud unless --baud (or UPY_BAUD) is given; the connection starts at 115200."
)]
pub struct FlashArgs {
    /// Image to write (ESP .bin, .uf2, Intel .hex, ELF); default: the board's official firmware
    #[arg(short, long, value_name = "FILE")]
    pub firmware: Option<PathBuf>,

    /// Board id from `upy firmware list` (default: detected)
    #[arg(long, value_name = "BOARD")]
    pub board: Option<String>,

    /// Board variant (SPIRAM, OTA, ...; default: the plain build, or what the running firmware says)
    #[arg(long)]
    pub variant: Option<String>,

    /// MicroPython version of the official firmware (default: the board's newest release)
    #[arg(long)]
    pub version: Option<String>,

    /// Download from this folder instead of MicroPython's (a mirror with the same file names)
    #[arg(long, env = "UPY_FIRMWARE_URL")]
    pub base_url: Option<String>,

    /// How to flash (default: from the image and what is attached)
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,

    /// Erase the whole flash before writing (ESP)
    #[arg(long)]
    pub erase: bool,

    /// Flash address of an ESP image (default: 0x1000 on ESP32/S2, 0x0 on the others), or of a
    /// raw binary written through a debug probe
    #[arg(long, value_parser = parse_address)]
    pub offset: Option<u32>,

    /// How to enter the ESP ROM bootloader: toggle DTR/RTS, or assume it is there already
    #[arg(long, value_enum, default_value_t = BeforeArg::DefaultReset)]
    pub before: BeforeArg,

    /// What to do after writing (default: hard-reset; with --before no-reset, no-reset)
    #[arg(long, value_enum)]
    pub after: Option<AfterArg>,

    /// Ask the running MicroPython to enter its bootloader first (machine.bootloader())
    #[arg(long)]
    pub bootloader: bool,

    /// Folder of the UF2 or DAPLink drive (default: found among mounted drives)
    #[arg(long, value_name = "DIR")]
    pub drive: Option<PathBuf>,

    /// Flash through a debug probe (probe-rs); optionally VID:PID[:SERIAL] of the probe
    #[arg(long, value_name = "SELECTOR", num_args = 0..=1, default_missing_value = "")]
    pub probe: Option<String>,

    /// Target chip for a debug probe (probe-rs name, e.g. RP2040, nRF52840_xxAA)
    #[arg(long, value_name = "NAME")]
    pub chip: Option<String>,

    /// List connected debug probes and exit
    #[arg(long)]
    pub list_probes: bool,

    /// Check image, target and layout, then stop before writing
    #[arg(long)]
    pub dry_run: bool,

    /// Seconds to wait for a drive to take the image
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,

    /// The serial port found while detecting the board (or chosen by `firmware update`); it
    /// replaces `--port auto`.
    #[arg(skip)]
    pub port_found: Option<String>,
}

/// The board being flashed, as the catalog knows it.
#[derive(Debug, Clone)]
pub struct Target {
    pub board: PublishedBoard,
    pub variant: Option<String>,
    /// `None` for boards upy has no method for.
    pub flashing: Option<Flashing>,
    /// The serial port where it runs MicroPython, when it was found that way.
    pub running_on: Option<String>,
}

impl Target {
    pub(crate) fn new(
        catalog: &Catalog,
        board: &PublishedBoard,
        variant: Option<String>,
    ) -> Target {
        Target {
            board: board.clone(),
            variant,
            flashing: catalog.flashing(board),
            running_on: None,
        }
    }

    pub(crate) fn method(&self) -> Option<Method> {
        self.flashing.map(|f| f.method)
    }

    fn chip(&self) -> Option<Chip> {
        self.flashing.and_then(|f| f.chip)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    Esp,
    Uf2,
    Daplink,
    Probe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BeforeArg {
    DefaultReset,
    NoReset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AfterArg {
    HardReset,
    NoReset,
}

pub fn parse_address(text: &str) -> Result<u32, String> {
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.map_err(|e| format!("not an address: {e}"))
}

/// Turns a firmware-crate error into one with the right exit status.
pub fn firmware_error(error: upy_firmware::Error) -> anyhow::Error {
    use upy_firmware::Error as E;
    let status = match &error {
        E::PortUnavailable { .. }
        | E::PortBusy { .. }
        | E::NotInBootloader { .. }
        | E::DriveNotFound { .. }
        | E::ProbeNotFound => Status::NoDevice,
        E::LinkLost { .. } => Status::DeviceLost,
        _ => Status::Failure,
    };
    fail(status, error.to_string())
}

/// Draws the firmware crate's progress events on the printer's bars.
pub struct BarProgress {
    printer: Printer,
    bar: Option<ProgressBar>,
    label: String,
    total: u64,
    started: Instant,
}

impl BarProgress {
    pub fn new(printer: Printer) -> Self {
        BarProgress {
            printer,
            bar: None,
            label: String::new(),
            total: 0,
            started: Instant::now(),
        }
    }
}

impl Progress for BarProgress {
    fn on_start(&mut self, label: &str, total: u64) {
        self.bar = Some(self.printer.bytes_bar(total, label));
        self.label = label.to_string();
        self.total = total;
        self.started = Instant::now();
    }

    fn on_bytes(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    fn on_verify(&mut self) {
        if let Some(bar) = &self.bar {
            bar.set_message("Verifying");
        }
    }

    fn on_finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            self.total as f64 / seconds / 1024.0
        } else {
            0.0
        };
        self.printer.status(format!(
            "{}: {} bytes in {seconds:.1} s ({rate:.1} KiB/s)",
            self.label, self.total
        ));
    }

    fn on_status(&mut self, message: &str) {
        self.printer.status(message);
    }
}

fn drive_roots() -> Vec<PathBuf> {
    match std::env::var_os("UPY_DRIVE_ROOTS") {
        Some(list) => std::env::split_paths(&list).collect(),
        None => drive::default_mount_roots(),
    }
}

pub fn run(mut args: FlashArgs, ctx: &Context) -> Result<Status> {
    #[cfg(feature = "probe")]
    if args.list_probes {
        return list_probes();
    }
    #[cfg(not(feature = "probe"))]
    if args.list_probes || args.probe.is_some() {
        return Err(fail(
            Status::Failure,
            "this upy was built without debug-probe support (cargo feature `probe`)",
        ));
    }

    let catalog = catalog()?;
    let roots = drive_roots();
    let named = match &args.board {
        Some(id) => {
            let board = catalog.board(id).map_err(firmware_error)?;
            Some(Target::new(&catalog, board, args.variant.clone()))
        }
        None => None,
    };

    // With a file, no detection is needed to know what to write; without one, the board
    // decides the firmware, so detect it first.
    let (image, target) = match &args.firmware {
        Some(path) => (load_image(path, &args)?, named),
        None => {
            let target = match named {
                Some(target) => target,
                None => detect_board(&catalog, &roots, &mut args, ctx)?,
            };
            if args.dry_run && target.running_on.is_some() {
                // A running board: the plan is known; sending it to its bootloader would be
                // the first change, so a dry run stops here.
                let download = catalog
                    .download(
                        &target.board,
                        target.variant.as_deref(),
                        args.version.as_deref(),
                        args.base_url.as_deref(),
                    )
                    .map_err(firmware_error)?;
                ctx.printer.status(format!(
                    "Dry run: would write {} ({}) through {}; nothing downloaded or written",
                    download.file_name,
                    if download.is_pinned() {
                        "pinned"
                    } else {
                        "unpinned"
                    },
                    target.method().map_or("-", Method::name)
                ));
                return Ok(Status::Success);
            }
            let (_, fetched) = fetch_image(
                ctx,
                &catalog,
                &target.board,
                target.variant.as_deref(),
                args.version.as_deref(),
                args.base_url.as_deref(),
                false,
            )?;
            (
                Image::load(&fetched.path).map_err(firmware_error)?,
                Some(target),
            )
        }
    };
    let method = choose_method(&args, &image, target.as_ref(), &roots);
    ctx.printer.status(format!(
        "Image {}: {} ({} bytes{})",
        image.path.display(),
        image.kind.name(),
        image.bytes.len(),
        image.chip.map(|c| format!(", for {c}")).unwrap_or_default()
    ));
    if let (Some(board_chip), Some(image_chip)) =
        (target.as_ref().and_then(Target::chip), image.chip)
    {
        if board_chip != image_chip {
            return Err(firmware_error(upy_firmware::Error::ImageChipMismatch {
                image_chip: image_chip.to_string(),
                board_chip: format!(
                    "{board_chip} ({})",
                    target.as_ref().map_or("", |t| t.board.id.as_str())
                ),
            }));
        }
    }
    match method {
        MethodArg::Esp => flash_esp(&args, &image, target.as_ref(), ctx),
        MethodArg::Uf2 => flash_uf2(&args, &image, &roots, ctx),
        MethodArg::Daplink => flash_daplink(&args, &image, &roots, ctx),
        MethodArg::Probe => flash_probe(&args, &image, target.as_ref(), ctx),
    }
}

/// `upy flash` on a given serial port instead of `--port` (for `upy firmware update`).
pub fn run_on_port(mut args: FlashArgs, port: &str, ctx: &Context) -> Result<Status> {
    args.port_found = Some(port.to_string());
    run(args, ctx)
}

/// The serial port to use: the one detection found, else `--port`.
pub(crate) fn serial_port(args: &FlashArgs, ctx: &Context) -> String {
    args.port_found
        .clone()
        .unwrap_or_else(|| ctx.global.port.clone())
}

/// Reads the image; a file in no known format is taken as a raw binary only when it is going
/// through a debug probe to an address given with `--offset`.
fn load_image(path: &std::path::Path, args: &FlashArgs) -> Result<Image> {
    match Image::load(path) {
        Err(upy_firmware::Error::UnknownImageFormat { .. })
            if args.probe.is_some() && args.offset.is_some() =>
        {
            Image::load_raw(path).map_err(firmware_error)
        }
        other => other.map_err(firmware_error),
    }
}

fn choose_method(
    args: &FlashArgs,
    image: &Image,
    target: Option<&Target>,
    roots: &[PathBuf],
) -> MethodArg {
    if let Some(method) = args.method {
        return method;
    }
    if args.probe.is_some() {
        return MethodArg::Probe;
    }
    match image.kind {
        ImageKind::EspBin => MethodArg::Esp,
        ImageKind::Uf2 => MethodArg::Uf2,
        ImageKind::Elf | ImageKind::Raw => MethodArg::Probe,
        ImageKind::IntelHex => {
            let on_daplink = target.is_some_and(|t| t.method() == Some(Method::Daplink))
                || args
                    .drive
                    .as_deref()
                    .is_some_and(|d| d.join(daplink::DETAILS_FILE).is_file())
                || !drive::find_drives(roots, daplink::DETAILS_FILE).is_empty();
            let for_probe = target.is_some_and(|t| t.method() == Some(Method::Probe))
                || (args.chip.is_some() && !on_daplink);
            if for_probe {
                MethodArg::Probe
            } else {
                MethodArg::Daplink
            }
        }
    }
}

pub(crate) fn before(args: &FlashArgs) -> ResetBefore {
    match args.before {
        BeforeArg::DefaultReset => ResetBefore::DefaultReset,
        BeforeArg::NoReset => ResetBefore::NoReset,
    }
}

/// The serial port for an ESP board: the one given, or the only likely one attached.
pub(crate) fn esp_port(given: &str) -> Result<(String, Option<(u16, u16)>)> {
    let ports = detect::serial_ports();
    if given != "auto" {
        let usb = ports.iter().find(|p| p.name == given).and_then(|p| p.usb);
        return Ok((given.to_string(), usb));
    }
    let likely: Vec<_> = ports
        .iter()
        .filter(|p| p.usb.is_some_and(|(vid, pid)| detect::is_esp_usb(vid, pid)))
        .collect();
    match likely.as_slice() {
        [one] => Ok((one.name.clone(), one.usb)),
        [] => Err(fail(
            Status::NoDevice,
            "no serial port of an ESP board found; connect the board or pass --port",
        )),
        many => Err(fail(
            Status::NoDevice,
            format!(
                "several serial ports could be the board ({}); pick one with --port",
                many.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

fn flash_esp(
    args: &FlashArgs,
    image: &Image,
    target: Option<&Target>,
    ctx: &Context,
) -> Result<Status> {
    let (port, usb) = esp_port(&serial_port(args, ctx))?;
    let mut before = before(args);
    if args.bootloader {
        ctx.printer.status(format!(
            "Asking MicroPython on {port} to enter its bootloader"
        ));
        // A session an earlier command of the chain holds would keep the port busy.
        drop(crate::connect::take_open_session(ctx));
        detect::enter_bootloader_via_repl(&port).map_err(firmware_error)?;
        before = ResetBefore::NoReset;
    }
    let after = match (args.after, args.before) {
        (Some(AfterArg::HardReset), _) => ResetAfter::HardReset,
        (Some(AfterArg::NoReset), _) | (None, BeforeArg::NoReset) => ResetAfter::NoReset,
        (None, BeforeArg::DefaultReset) => ResetAfter::HardReset,
    };
    let baud = if ctx.global.baud_given {
        ctx.global.baud
    } else {
        DEFAULT_ESP_BAUD
    };
    let options = esp::EspOptions {
        port: port.clone(),
        baud,
        before,
        after,
        erase: args.erase,
        offset: args
            .offset
            .or(target.and_then(|t| t.flashing).and_then(|f| f.offset)),
        usb,
    };
    if args.dry_run {
        let chip = esp::identify(&port, before, usb).map_err(firmware_error)?;
        esp::check_image_for_chip(image, chip).map_err(firmware_error)?;
        ctx.printer.status(format!(
            "Dry run: {chip} on {port} would take this image; nothing written"
        ));
        return Ok(Status::Success);
    }
    let mut progress = BarProgress::new(ctx.printer);
    let report = esp::flash(image, &options, &mut progress).map_err(firmware_error)?;
    let verified = match report.verification {
        esp::Verification::Md5 => "MD5 verified",
        esp::Verification::BlockChecksums => {
            "every block's checksum accepted by the ROM (the ESP8266 ROM has no MD5)"
        }
    };
    ctx.printer.status(format!(
        "Flashed {} bytes at 0x{:x} on {} ({verified}){}",
        report.bytes,
        report.offset,
        report.chip,
        if after == ResetAfter::HardReset {
            "; board reset"
        } else {
            "; left in the bootloader"
        }
    ));
    Ok(Status::Success)
}

fn flash_uf2(args: &FlashArgs, image: &Image, roots: &[PathBuf], ctx: &Context) -> Result<Status> {
    if args.bootloader {
        let (port, _) = serial_port_for_bootloader(&serial_port(args, ctx))?;
        ctx.printer.status(format!(
            "Asking MicroPython on {port} to enter its bootloader"
        ));
        // A session an earlier command of the chain holds would keep the port busy.
        drop(crate::connect::take_open_session(ctx));
        detect::enter_bootloader_via_repl(&port).map_err(firmware_error)?;
        let timeout = Duration::from_secs(args.timeout);
        if !drive::wait_for(timeout, || !uf2::find(roots).is_empty()) && args.drive.is_none() {
            return Err(fail(
                Status::NoDevice,
                "the board did not show its UF2 drive after machine.bootloader()",
            ));
        }
    }
    let drive = uf2::choose(roots, args.drive.as_deref()).map_err(firmware_error)?;
    uf2::check_image(image, &drive).map_err(firmware_error)?;
    if args.dry_run {
        ctx.printer.status(format!(
            "Dry run: {} would take this image; nothing written",
            drive.describe()
        ));
        return Ok(Status::Success);
    }
    let ports_before: Vec<String> = detect::serial_ports().into_iter().map(|p| p.name).collect();
    let options = uf2::Uf2Options {
        reboot_timeout: Duration::from_secs(args.timeout),
    };
    let mut progress = BarProgress::new(ctx.printer);
    uf2::flash(image, &drive, &options, &mut progress).map_err(firmware_error)?;
    ctx.printer
        .status(format!("{} took the image and rebooted", drive.describe()));
    match detect::wait_for_port(Duration::from_secs(5), |p| !ports_before.contains(&p.name)) {
        Some(port) => ctx
            .printer
            .status(format!("MicroPython is on {}", port.name)),
        None => ctx
            .printer
            .status("No new serial port appeared yet; `upy devs` lists ports"),
    }
    Ok(Status::Success)
}

fn serial_port_for_bootloader(given: &str) -> Result<(String, Option<(u16, u16)>)> {
    if given != "auto" {
        return Ok((given.to_string(), None));
    }
    let ports = detect::serial_ports();
    let usb: Vec<_> = ports.iter().filter(|p| p.usb.is_some()).collect();
    match usb.as_slice() {
        [one] => Ok((one.name.clone(), one.usb)),
        _ => Err(fail(
            Status::NoDevice,
            "--bootloader needs the board's serial port: pass --port",
        )),
    }
}

fn flash_daplink(
    args: &FlashArgs,
    image: &Image,
    roots: &[PathBuf],
    ctx: &Context,
) -> Result<Status> {
    let drive = daplink::choose(roots, args.drive.as_deref()).map_err(firmware_error)?;
    daplink::check_image(image, &drive).map_err(firmware_error)?;
    if args.dry_run {
        ctx.printer.status(format!(
            "Dry run: {} would take this image; nothing written",
            drive.path.display()
        ));
        return Ok(Status::Success);
    }
    let mut progress = BarProgress::new(ctx.printer);
    daplink::flash(
        image,
        &drive,
        Duration::from_secs(args.timeout),
        &mut progress,
    )
    .map_err(firmware_error)?;
    ctx.printer
        .status(format!("{} programmed the board", drive.path.display()));
    Ok(Status::Success)
}

#[cfg(feature = "probe")]
fn list_probes() -> Result<Status> {
    let probes = upy_firmware::flasher::probe::list_probes();
    if probes.is_empty() {
        eprintln!("no debug probe found");
    }
    for probe in probes {
        println!(
            "{:04x}:{:04x}{} {}",
            probe.vid,
            probe.pid,
            probe.serial.map(|s| format!(":{s}")).unwrap_or_default(),
            probe.name
        );
    }
    Ok(Status::Success)
}

#[cfg(feature = "probe")]
fn flash_probe(
    args: &FlashArgs,
    image: &Image,
    target: Option<&Target>,
    ctx: &Context,
) -> Result<Status> {
    use upy_firmware::flasher::probe;
    let chip = args
        .chip
        .clone()
        .or_else(|| {
            target
                .and_then(Target::chip)
                .and_then(Chip::probe_target)
                .map(String::from)
        })
        .or_else(|| image.chip.and_then(|c| c.probe_target()).map(String::from))
        .ok_or_else(|| {
            fail(
                Status::Failure,
                "name the target chip with --chip (e.g. --chip RP2040)",
            )
        })?;
    if args.dry_run {
        let base = args.offset.unwrap_or(0);
        let (plan, _) = probe::plan(image, &chip, base).map_err(firmware_error)?;
        for segment in &plan.segments {
            ctx.printer.status(format!(
                "  0x{:08x}..0x{:08x} ({} bytes)",
                segment.address,
                segment.end(),
                segment.data.len()
            ));
        }
        ctx.printer.status(format!(
            "Dry run: {} bytes in {} segments fit {}; nothing written",
            plan.bytes,
            plan.segments.len(),
            plan.target
        ));
        return Ok(Status::Success);
    }
    let selector = args.probe.as_deref().filter(|s| !s.is_empty());
    let mut progress = BarProgress::new(ctx.printer);
    let base = args.offset.unwrap_or(0);
    let plan = probe::flash(image, &chip, base, selector, &mut progress).map_err(firmware_error)?;
    ctx.printer.status(format!(
        "Programmed and verified {} bytes on {}",
        plan.bytes, plan.target
    ));
    Ok(Status::Success)
}

#[cfg(not(feature = "probe"))]
fn flash_probe(_: &FlashArgs, _: &Image, _: Option<&Target>, _: &Context) -> Result<Status> {
    Err(fail(
        Status::Failure,
        "this upy was built without debug-probe support (cargo feature `probe`)",
    ))
}
