//! `upy devs`: list serial ports with their USB identity, marking likely MicroPython boards.

use anyhow::{Context as _, Result};
use clap::Args;

use crate::commands::Context;
use crate::exit::Status;

/// Arguments of `upy devs`.
#[derive(Debug, Args)]
pub struct DevsArgs {}

pub fn run(_args: DevsArgs, _ctx: &Context) -> Result<Status> {
    let ports = serialport::available_ports().context("could not list serial ports")?;
    for port in ports {
        println!("{}", port.port_name);
    }
    Ok(Status::Success)
}
