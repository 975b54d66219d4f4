//! Finding which board is attached, for `upy flash` and `upy firmware update`: bootloader
//! drives and the ESP ROM tell a chip; a running MicroPython is asked (`sys.implementation`),
//! matched against the catalog, and the user is asked when several boards fit and a terminal
//! is there to answer.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;

use anyhow::Result;
use upy_firmware::catalog::{Catalog, Method};
use upy_firmware::detect::{self, Found, RunningFirmware};
use upy_firmware::flasher::esp;
use upy_firmware::identify::{identify, BoardReport, Identification};
use upy_firmware::published::PublishedBoard;
use upy_firmware::Chip;

use crate::commands::flash::{before, esp_port, firmware_error, serial_port, FlashArgs, Target};
use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::printer::Printer;

/// Finds the one attached board and names it from the catalog.
pub fn detect_board(
    catalog: &Catalog,
    roots: &[PathBuf],
    args: &mut FlashArgs,
    ctx: &Context,
) -> Result<Target> {
    let found = detect::scan(catalog, roots);
    let not_found = || {
        fail(
            Status::NoDevice,
            "no board found: no UF2 or DAPLink drive is mounted, no MicroPython answers and no \
             ESP bootloader answers; connect the board (hold BOOT/BOOTSEL for its bootloader), \
             or name it with --board, or pass --firmware FILE",
        )
    };
    let generic = |chip: Chip| {
        catalog
            .board_for_chip(chip)
            .map(|board| Target::new(catalog, board, args.variant.clone()))
            .ok_or_else(not_found)
    };
    for item in &found {
        match item {
            Found::Uf2Drive(drive) => {
                let target = generic(drive.chip().ok_or_else(not_found)?)?;
                ctx.printer.status(format!(
                    "Found UF2 drive {}; assuming {} (use --board to pick another)",
                    drive.describe(),
                    target.board.id
                ));
                return Ok(target);
            }
            Found::DaplinkDrive(drive) => {
                let target = generic(drive.chip().unwrap_or(Chip::Nrf51822))?;
                ctx.printer.status(format!(
                    "Found DAPLink drive {}: {}",
                    drive.path.display(),
                    target.board.id
                ));
                return Ok(target);
            }
            Found::BoardPort(port, id) => {
                ctx.printer.status(format!("Found {} on {}", id, port.name));
                let board = catalog.board(id).map_err(firmware_error)?;
                return Ok(Target::new(catalog, board, args.variant.clone()));
            }
            Found::EspPort(_) => {}
        }
    }
    // A running MicroPython names its board; it is then sent to its bootloader to be flashed.
    if let Some((port, usb)) = running_board_port(&ctx.global.port) {
        if let Some(running) = detect::query_running(&port).map_err(firmware_error)? {
            let named = name_running_board(catalog, &running, &port, usb, &ctx.printer)?;
            let variant = args.variant.clone().or(named.variant);
            let mut target = Target::new(catalog, &named.board, variant);
            target.running_on = Some(port.clone());
            if matches!(target.method(), Some(Method::Esp | Method::Uf2)) {
                args.bootloader = true;
            }
            args.port_found = Some(port);
            return Ok(target);
        }
    }
    // An ESP board in its ROM bootloader only tells its chip.
    let port = esp_port(&serial_port(args, ctx))?;
    let before = before(args);
    let chip = esp::identify(&port.0, before, port.1).map_err(firmware_error)?;
    let target = generic(chip)?;
    ctx.printer.status(format!(
        "Detected {chip} on {}: {}",
        port.0, target.board.id
    ));
    args.port_found = Some(port.0);
    Ok(target)
}

/// The serial port a running board may answer on: the one given, else the only likely one.
fn running_board_port(given: &str) -> Option<(String, Option<(u16, u16)>)> {
    let ports = detect::serial_ports();
    if given != "auto" {
        let usb = ports.iter().find(|p| p.name == given).and_then(|p| p.usb);
        return Some((given.to_string(), usb));
    }
    let likely: Vec<_> = crate::ports::list()
        .ok()?
        .into_iter()
        .filter(|p| p.is_likely_board())
        .collect();
    match likely.as_slice() {
        [one] => Some((one.name.clone(), one.usb.as_ref().map(|u| (u.vid, u.pid)))),
        _ => None,
    }
}

/// How many candidates a question or an error lists.
const LISTED: usize = 12;

/// A board told apart, with its variant when the firmware named one.
#[derive(Debug, Clone)]
pub struct Named {
    pub board: PublishedBoard,
    pub variant: Option<String>,
}

/// The board the MicroPython on `port` is; asks on a terminal when several fit.
pub fn name_running_board(
    catalog: &Catalog,
    running: &RunningFirmware,
    port: &str,
    usb: Option<(u16, u16)>,
    printer: &Printer,
) -> Result<Named> {
    printer.status(format!(
        "MicroPython {} on {port} reports \"{}\"{}",
        running.version,
        running.machine,
        running
            .build
            .as_deref()
            .map(|b| format!(" (build {b})"))
            .unwrap_or_default()
    ));
    let report = BoardReport {
        machine: running.machine.clone(),
        build: running.build.clone(),
        usb,
    };
    match identify(catalog.published(), &report) {
        Identification::Board {
            board,
            variant,
            reason,
        } => {
            printer.status(format!(
                "That is {}{} ({} {}), told by {reason}",
                board.id,
                variant
                    .as_deref()
                    .map(|v| format!(" variant {v}"))
                    .unwrap_or_default(),
                board.vendor,
                board.product
            ));
            Ok(Named {
                board: board.clone(),
                variant,
            })
        }
        Identification::Ambiguous(candidates) => ask(&candidates, port),
        Identification::Unknown => Err(fail(
            Status::Failure,
            format!(
                "the MicroPython on {port} reports \"{}\", which matches no board MicroPython \
                 publishes firmware for; name the board with --board ID (`upy firmware list` \
                 shows them)",
                running.machine
            ),
        )),
    }
}

fn describe(board: &PublishedBoard) -> String {
    format!(
        "{} ({} {}, {})",
        board.id, board.vendor, board.product, board.mcu
    )
}

/// Several boards fit: a terminal picks one; otherwise an error lists them.
fn ask(candidates: &[&PublishedBoard], port: &str) -> Result<Named> {
    let listed: Vec<String> = candidates
        .iter()
        .take(LISTED)
        .map(|b| describe(b))
        .collect();
    let more = candidates.len().saturating_sub(LISTED);
    let more_text = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(fail(
            Status::Failure,
            format!(
                "cannot tell which board is on {port}; it could be {}{more_text}: name it with \
                 --board ID",
                listed.join(", ")
            ),
        ));
    }
    let mut err = std::io::stderr().lock();
    writeln!(err, "Several boards fit the board on {port}:")?;
    for (index, line) in listed.iter().enumerate() {
        writeln!(err, "  {:>2}. {line}", index + 1)?;
    }
    if more > 0 {
        writeln!(err, "  ({more} more: name one with --board)")?;
    }
    write!(err, "Which is it? Number or board id (empty to stop): ")?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    let answer = answer.trim();
    let chosen = match answer.parse::<usize>() {
        Ok(n) if (1..=listed.len()).contains(&n) => Some(candidates[n - 1]),
        _ => candidates
            .iter()
            .copied()
            .find(|b| !answer.is_empty() && b.id.eq_ignore_ascii_case(answer)),
    };
    chosen
        .map(|board| Named {
            board: board.clone(),
            variant: None,
        })
        .ok_or_else(|| fail(Status::Failure, "no board chosen; name it with --board ID"))
}
