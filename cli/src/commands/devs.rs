//! `upy devs`: list serial ports with their USB identity, marking likely MicroPython boards.

use anyhow::Result;
use clap::Args;

use crate::commands::Context;
use crate::exit::Status;
use crate::ports::{self, Likelihood};

/// Arguments of `upy devs`.
#[derive(Debug, Args)]
pub struct DevsArgs {
    /// Also list ports that are not USB devices (built-in UARTs such as /dev/ttyS0)
    #[arg(short, long)]
    pub all: bool,
}

pub fn run(args: DevsArgs, ctx: &Context) -> Result<Status> {
    let entries = ports::list()?;
    let shown: Vec<_> = entries
        .iter()
        .filter(|entry| args.all || entry.usb.is_some())
        .collect();
    if shown.is_empty() {
        ctx.printer.status(
            "no USB serial ports found (plug in a board; `upy devs --all` lists every port)",
        );
        return Ok(Status::Success);
    }
    for entry in shown {
        let mark = match entry.likelihood {
            Likelihood::MicroPython => "*",
            Likelihood::Bridge => "?",
            Likelihood::Unlikely => " ",
        };
        let (id, serial, maker, product) = match &entry.usb {
            Some(usb) => (
                format!("{:04x}:{:04x}", usb.vid, usb.pid),
                usb.serial_number.clone().unwrap_or_else(|| "-".into()),
                usb.manufacturer.clone().unwrap_or_else(|| "-".into()),
                usb.product.clone().unwrap_or_else(|| "-".into()),
            ),
            None => ("-".into(), "-".into(), "-".into(), "-".into()),
        };
        let family = entry.family.unwrap_or("");
        println!(
            "{mark} {:<16} {id:<9} {serial:<18} {maker:<16} {product:<20} {family}",
            entry.name
        );
    }
    ctx.printer
        .status("* MicroPython USB id   ? USB-serial bridge used by MicroPython boards");
    Ok(Status::Success)
}
