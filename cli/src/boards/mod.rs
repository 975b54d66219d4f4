//! Many boards at once: `--port a,b` (or repeated), `--port all`, and the boards and groups
//! named in upy.toml.
//!
//! When `--port` names more than one board, this `upy` becomes a conductor: it starts one worker
//! per board, each the same command line run by a child `upy` with [`worker::WORKER_ENV`]
//! naming its port (`worker`). A worker is an ordinary single-board `upy` with its own process,
//! session and port, so a chain (`cp a.py : + exec "import a"`) runs per board in order while
//! the boards run in parallel, and a board that fails, hangs up or is not MicroPython cannot
//! disturb the others. Workers' progress bars are hidden and reported back (`events`); the
//! conductor draws one bar per board, prefixes every line a worker prints with the board's
//! name, and ends with a table (`summary`). Which words name which ports is `select`.

pub mod events;
mod select;
mod summary;
mod worker;

use std::ffi::OsString;

use anyhow::Result;

use crate::args::{Command, GlobalArgs};
use crate::commands::romfs::RomfsCommand;
use crate::exit::{fail, Status};
use crate::printer::Printer;
use crate::settings::{Project, ProjectFile};

/// What the command line runs on.
pub enum Plan {
    /// One board (or none): the command line runs here, as it always has.
    One,
    /// Several boards: one worker each.
    Many(Vec<select::Target>),
}

/// How a command relates to `--port` naming several boards.
enum Reach {
    /// It talks to a board: it runs on each.
    Each,
    /// It never talks to a board: it runs once.
    Offline,
    /// It needs the terminal or one board's state: refused with several boards.
    Single,
}

/// How each command reaches boards; a new board command joins the parallel runs by getting an
/// `Reach::Each` arm here.
fn reach(command: &Command) -> Reach {
    match command {
        Command::Exec(_)
        | Command::Eval(_)
        | Command::Run(_)
        | Command::Ls(_)
        | Command::Tree(_)
        | Command::Cat(_)
        | Command::Cp(_)
        | Command::Rm(_)
        | Command::Mv(_)
        | Command::Touch(_)
        | Command::Mkdir(_)
        | Command::Rmdir(_)
        | Command::Df(_)
        | Command::Sha256sum(_)
        | Command::Reset(_)
        | Command::SoftReset(_)
        | Command::Resume(_)
        | Command::Rtc(_)
        | Command::Info(_)
        | Command::Flash(_)
        | Command::Mip(_)
        | Command::Sync(_) => Reach::Each,
        Command::Romfs(args) => match args.command {
            RomfsCommand::Build(_) => Reach::Offline,
            _ => Reach::Each,
        },
        Command::Devs(_) | Command::Completions(_) | Command::Compile(_) | Command::Firmware(_) => {
            Reach::Offline
        }
        _ => Reach::Single,
    }
}

/// The port this `upy` is a worker for, if it is one.
pub fn worker_port() -> Option<String> {
    std::env::var(worker::WORKER_ENV)
        .ok()
        .filter(|port| !port.is_empty())
}

/// Decides between one board and several, and settles `global.port` for one: a worker's own
/// port, or the port of a board named in upy.toml.
pub fn plan(global: &mut GlobalArgs, chain: &[Command]) -> Result<Plan> {
    if let Some(port) = worker_port() {
        global.ports = vec![port.clone()];
        global.port = port;
        return Ok(Plan::One);
    }
    let words = &global.ports;
    let single = match words.as_slice() {
        [only] if only != "all" => Some(only.as_str()),
        _ => None,
    };
    let by_path = single.is_some_and(|word| !select::may_be_a_name(word));
    if by_path || chain.iter().all(|c| matches!(reach(c), Reach::Offline)) {
        return Ok(Plan::One);
    }
    let cwd = std::env::current_dir()?;
    let project = match Project::discover(&cwd) {
        Ok(project) => project.file,
        // One port runs as it always has, even beside a project file that does not parse.
        Err(_) if single.is_some() => ProjectFile::default(),
        Err(err) => return Err(err),
    };
    if single.is_some_and(|word| !is_a_name(&project, word)) {
        return Ok(Plan::One);
    }
    let targets = select::targets(words, &project, crate::ports::list)?;
    if let [only] = targets.as_slice() {
        global.port = only.port.clone();
        global.ports = vec![only.port.clone()];
        return Ok(Plan::One);
    }
    if let Some(command) = chain.iter().find(|c| matches!(reach(c), Reach::Single)) {
        return Err(fail(
            Status::Failure,
            format!(
                "`upy {}` works with one board at a time: name one with --port",
                name_of(command)
            ),
        ));
    }
    Ok(Plan::Many(targets))
}

fn is_a_name(project: &ProjectFile, word: &str) -> bool {
    project.boards.contains_key(word) || project.groups.contains_key(word)
}

fn name_of(command: &Command) -> String {
    let text = format!("{command:?}");
    let variant = text.split(['(', ' ']).next().unwrap_or("").to_string();
    let mut name = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// Runs this command line on every board of `targets` at once, prints the summary, and picks
/// the exit status: success when every board succeeded, else [`Status::BoardsFailed`]
/// (or [`Status::Interrupted`] after Ctrl-C).
pub fn run_each(targets: &[select::Target], printer: &Printer) -> Status {
    // Ctrl-C reaches the workers too; this upy stays to report how each board ended.
    let interrupted = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupted.clone());
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let outcomes = worker::run_all(targets, &args, printer);
    printer.status(summary::table(&outcomes));
    if interrupted.load(std::sync::atomic::Ordering::Relaxed) {
        Status::Interrupted
    } else if outcomes.iter().all(summary::Outcome::succeeded) {
        Status::Success
    } else {
        Status::BoardsFailed
    }
}
