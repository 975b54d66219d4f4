//! Command-line arguments: the top-level parser and global options.
//!
//! Each subcommand's own arguments live beside its code in `commands/<name>.rs`.

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;

/// The word that separates the commands of a chain, as in mpremote.
pub const CHAIN_SEPARATOR: &str = "+";

/// Subcommands that never talk to a board: their help leaves out the connection options.
const OFFLINE_COMMANDS: &[&[&str]] = &[&["compile"], &["completions"], &["firmware", "convert"]];
/// The global options that only matter to a board connection.
const CONNECTION_OPTIONS: &[&str] = &["port", "baud", "reset_on_open"];

/// The clap model of the command line, with the connection options hidden from the help of
/// commands that never connect.
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    // A subcommand that already has an argument does not receive the global one of that name,
    // so a hidden copy keeps `upy compile --port X` parsing while the help leaves it out.
    let hidden: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| CONNECTION_OPTIONS.contains(&arg.get_id().as_str()))
        .map(|arg| arg.clone().hide(true))
        .collect();
    for path in OFFLINE_COMMANDS {
        command = with_hidden_options(command, path, &hidden);
    }
    command
}

fn with_hidden_options(
    command: clap::Command,
    path: &[&str],
    hidden: &[clap::Arg],
) -> clap::Command {
    match path.split_first() {
        None => hidden
            .iter()
            .fold(command, |command, arg| command.arg(arg.clone())),
        Some((name, rest)) => {
            command.mut_subcommand(*name, |sub| with_hidden_options(sub, rest, hidden))
        }
    }
}

/// Parses a command line that may chain several commands with `+`
/// (`upy cp main.py : + exec "import main"`). The global options come with the first command
/// and apply to the whole chain. Exits with clap's message on a parse error.
pub fn parse_chain(args: impl IntoIterator<Item = OsString>) -> (GlobalArgs, Vec<Command>) {
    let mut args = args.into_iter();
    let program = args.next().unwrap_or_else(|| OsString::from("upy"));
    let mut segments: Vec<Vec<OsString>> = vec![Vec::new()];
    for arg in args {
        if arg == CHAIN_SEPARATOR {
            segments.push(Vec::new());
        } else {
            segments.last_mut().expect("one segment at least").push(arg);
        }
    }
    let mut global = None;
    let mut commands = Vec::new();
    for segment in segments {
        let words = std::iter::once(program.clone()).chain(segment);
        let matches = command()
            .try_get_matches_from(words)
            .unwrap_or_else(|err| err.exit());
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
        cli.global.baud_given = matches.value_source("baud").is_some_and(|source| {
            matches!(
                source,
                clap::parser::ValueSource::CommandLine | clap::parser::ValueSource::EnvVariable
            )
        });
        cli.global.port = cli.global.ports.join(",");
        global.get_or_insert(cli.global);
        commands.push(cli.command);
    }
    (global.expect("one segment at least"), commands)
}

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
    /// Serial port of the board (`/dev/ttyUSB0`, `COM3`), or `auto` to pick the only likely board;
    /// several (repeated or comma-separated, board and group names from upy.toml, `all` for
    /// every likely board) run the command on each board in parallel
    #[arg(
        id = "port",
        short = 'p',
        long = "port",
        value_name = "PORT",
        global = true,
        env = "UPY_PORT",
        default_value = "auto",
        action = clap::ArgAction::Append,
        value_delimiter = ','
    )]
    pub ports: Vec<String>,

    /// The one port when `--port` names a single one, as given (see `ports` for several).
    #[arg(skip)]
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

    /// Whether `--baud` (or `UPY_BAUD`) was given rather than defaulted.
    #[arg(skip)]
    pub baud_given: bool,
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
    /// Rename or move a file or folder on the board
    Mv(commands::mv::MvArgs),
    /// Create empty files on the board (existing files keep their content)
    Touch(commands::touch::TouchArgs),
    /// Edit a board file in $VISUAL/$EDITOR; it is written back only if changed
    Edit(commands::edit::EditArgs),
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
    /// Clear the board's interpreter and stay connected (boot.py runs, main.py does not)
    SoftReset(commands::soft_reset::SoftResetArgs),
    /// Go on with the board as it is, without a reset (upy never resets on connecting)
    Resume(commands::resume::ResumeArgs),
    /// Print the board's clock; --set sets it from this computer's local time
    Rtc(commands::rtc::RtcArgs),
    /// Show the board's firmware, .mpy format, memory, storage and optional modules
    Info(commands::info::InfoArgs),
    /// Connect this terminal to the board's interactive REPL (exit with Ctrl-] or Ctrl-X)
    Repl(commands::repl::ReplArgs),
    /// Write MicroPython firmware to a board (ESP serial bootloader, UF2 or DAPLink drive, debug probe)
    Flash(commands::flash::FlashArgs),
    /// Board catalog and firmware cache: list boards, fetch official firmware, print paths, update boards, convert images
    Firmware(commands::firmware::FirmwareArgs),
    /// Compile Python source files or directories to .mpy bytecode (as mpy-cross 1.29.0)
    Compile(commands::compile::CompileArgs),
    /// Mirror a local folder onto the board, sending only what changed; --watch keeps it so
    Sync(commands::sync::SyncArgs),
    /// Build, inspect and deploy romfs images: read-only partitions of .mpy files run from flash
    Romfs(commands::romfs::RomfsArgs),
    /// Let the board import and open files in a local folder (mounted at /remote), live
    Mount(commands::mount::MountArgs),
    /// Install MicroPython packages (index, github:, URLs, local folders); `sync` installs upy.toml's [dependencies]
    Mip(commands::mip::MipArgs),
}
