//! Naming the board a running MicroPython is, for `upy flash` and `upy firmware update`: ask
//! the firmware (`sys.implementation`), match it against the catalog, and ask the user when
//! several boards fit and a terminal is there to answer.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::Result;
use upy_firmware::catalog::Catalog;
use upy_firmware::detect::RunningFirmware;
use upy_firmware::identify::{identify, BoardReport, Identification};
use upy_firmware::published::PublishedBoard;

use crate::exit::{fail, Status};
use crate::printer::Printer;

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
