//! Command-line arguments: the top-level parser and global options.
//!
//! Each subcommand's own arguments live beside its code in `commands/<name>.rs`.

use clap::{Args, Parser, Subcommand};

use crate::commands;

/// One fast toolchain for MicroPython boards: compile, flash, sync, and talk to the REPL.
///
/// Remote paths on the board are written with a leading colon, `:main.py`, as in mpremote.
#[derive(Debug, Parser)]
#[command(name = "upy", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board
    #[arg(short, long, global = true, env = "UPY_PORT", default_value = "auto")]
    pub port: String,

    /// Baud rate of the serial link (USB-CDC boards ignore it)
    #[arg(short, long, global = true, env = "UPY_BAUD", default_value_t = 115_200)]
    pub baud: u32,

    /// Print only errors and the commands' own output
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Never draw progress bars (they are already hidden when stderr is not a terminal)
    #[arg(long, global = true, env = "UPY_NO_PROGRESS")]
    pub no_progress: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List serial ports, marking likely MicroPython boards
    Devs(commands::devs::DevsArgs),
    /// Print shell completions for SHELL to stdout
    Completions(commands::completions::CompletionsArgs),
    /// Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)
    Flash(commands::flash::FlashArgs),
    /// Board catalog and firmware cache: list boards, fetch official firmware, print paths, convert images
    Firmware(commands::firmware::FirmwareArgs),
}
