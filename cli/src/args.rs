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
    #[arg(
        short,
        long,
        global = true,
        env = "UPY_BAUD",
        default_value_t = 115_200
    )]
    pub baud: u32,

    /// Print only errors and the commands' own output
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Never draw progress bars (they are already hidden when stderr is not a terminal)
    #[arg(
        long,
        global = true,
        env = "UPY_NO_PROGRESS",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub no_progress: bool,

    /// Pulse DTR/RTS after opening the port to hard-reset boards with an auto-reset circuit
    /// (ESP32/ESP8266); by default opening the port leaves a running board alone
    #[arg(
        long,
        global = true,
        env = "UPY_RESET_ON_OPEN",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub reset_on_open: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List serial ports, marking likely MicroPython boards
    Devs(commands::devs::DevsArgs),
    /// Print shell completions for SHELL to stdout
    Completions(commands::completions::CompletionsArgs),
    /// Run Python code on the board, streaming its output
    Exec(commands::exec::ExecArgs),
    /// Print the value of a Python expression evaluated on the board
    Eval(commands::eval::EvalArgs),
    /// Run a local Python file on the board without copying it (Ctrl-C interrupts it)
    Run(commands::run::RunArgs),
    /// List a directory on the board
    Ls(commands::ls::LsArgs),
    /// Show the board's files as a tree
    Tree(commands::tree::TreeArgs),
    /// Print files from the board
    Cat(commands::cat::CatArgs),
    /// Copy files between this computer and the board (board paths start with `:`)
    Cp(commands::cp::CpArgs),
    /// Remove files or directories on the board
    Rm(commands::rm::RmArgs),
    /// Create directories on the board
    Mkdir(commands::mkdir::MkdirArgs),
    /// Remove empty directories on the board
    Rmdir(commands::rmdir::RmdirArgs),
    /// Show size and free space of the board's filesystem
    Df(commands::df::DfArgs),
    /// Print SHA-256 checksums of files on the board
    Sha256sum(commands::sha256sum::Sha256sumArgs),
    /// Restart the board (soft by default, --hard for machine.reset())
    Reset(commands::reset::ResetArgs),
    /// Show the board's firmware, .mpy format, memory, storage and optional modules
    Info(commands::info::InfoArgs),
    /// Connect this terminal to the board's interactive REPL (exit with Ctrl-] or Ctrl-X)
    Repl(commands::repl::ReplArgs),
    /// Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)
    Flash(commands::flash::FlashArgs),
    /// Board catalog and firmware cache: list boards, fetch official firmware, print paths, convert images
    Firmware(commands::firmware::FirmwareArgs),
    /// Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)
    Compile(commands::compile::CompileArgs),
    /// Mirror a local folder onto the board, sending only what changed; --watch keeps it so
    Sync(commands::sync::SyncArgs),
    /// Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash
    Romfs(commands::romfs::RomfsArgs),
}
