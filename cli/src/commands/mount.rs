//! `upy mount LOCAL [:/remote]`: the board imports and opens files straight from a local folder.
//!
//! The protocol crate does the work (`upy_protocol::mount`): it installs a filesystem on the
//! board and serves its requests inside the session's reads, so the commands chained after
//! `mount` (`+ exec "import app"`, `+ run`, `+ repl`) run with the folder mounted. `mount` with
//! nothing after it opens the REPL; with `--watch` it runs the entry module and runs it again,
//! after a soft reset, whenever a file in the folder changes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use anyhow::{Context as _, Result};
use clap::Args;
use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use upy_protocol::mount::{BoardChanges, ModuleCompiler, MountOptions};
use upy_protocol::{Error, Session};

use crate::commands::remote::board_path;
use crate::commands::sync::compile::compile_source;
use crate::commands::Context;
use crate::connect::{board_error, connect};
use crate::exit::{fail, Status};

/// Arguments of `upy mount`.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// The local folder the board sees
    pub local: PathBuf,

    /// Where it appears on the board
    #[arg(default_value = ":/remote")]
    pub remote: String,

    /// Serve .py modules as source (by default they are served as .mpy compiled on this
    /// computer for the board's .mpy version)
    #[arg(long)]
    pub no_mpy: bool,

    /// Allow symlinks that point out of the folder
    #[arg(long)]
    pub unsafe_links: bool,

    /// Run the entry module and run it again (after a soft reset) on every change
    #[arg(long)]
    pub watch: bool,

    /// The module `--watch` runs
    #[arg(long, value_name = "MODULE", default_value = "main")]
    pub entry: String,
}

pub fn run(args: MountArgs, ctx: &Context) -> Result<Status> {
    let local = std::fs::canonicalize(&args.local)
        .ok()
        .filter(|path| path.is_dir())
        .ok_or_else(|| {
            fail(
                Status::NotFound,
                format!(
                    "cannot mount {}: not a folder on this computer",
                    args.local.display()
                ),
            )
        })?;
    let point = format!("/{}", board_path(&args.remote).trim_matches('/'));
    if point == "/" {
        return Err(fail(
            Status::Failure,
            "cannot mount over the board's root: give a mount point such as :/remote",
        ));
    }
    let mut board = connect(ctx)?;
    let compiler = if args.no_mpy {
        None
    } else {
        module_compiler(&mut board, &local, &point)?
    };
    let options = MountOptions {
        root: local.clone(),
        unsafe_links: args.unsafe_links,
        compiler,
    };
    let mounted = board.mount(options, &point).map_err(board_error)?;
    *ctx.mount_point.borrow_mut() = Some(mounted.point.clone());
    ctx.printer.status(format!(
        "mounted {} at {}{}",
        local.display(),
        mounted.point,
        if mounted.deflated { " (deflated)" } else { "" }
    ));
    if args.watch {
        return watch(&mut board, &local, &args.entry, &mounted.changes, ctx);
    }
    Ok(Status::Success)
}

/// Takes the mount away again when the chain is done, so the board is not left with a
/// filesystem whose host has gone (its calls would fail after a timeout). Best effort: a board
/// that is gone or busy keeps it until its next soft reset.
pub fn unmount_at_end(ctx: &Context) {
    let Some(point) = ctx.mount_point.borrow_mut().take() else {
        return;
    };
    if let Some(mut session) = crate::connect::take_open_session(ctx) {
        let _ = session.unmount(&point);
        crate::connect::return_session(ctx, session);
    }
}

/// The compiler that serves modules as `.mpy`, when the board loads what upy's compiler makes.
fn module_compiler(
    session: &mut Session,
    root: &Path,
    point: &str,
) -> Result<Option<ModuleCompiler>> {
    let info = session.info().map_err(board_error)?;
    let loads_ours = info
        .mpy
        .is_some_and(|mpy| mpy.version == 6 && mpy.sub_version == 3);
    if !loads_ours {
        return Ok(None);
    }
    // Native and viper functions compile for the board's own architecture.
    let march = info
        .mpy
        .and_then(|mpy| mpy.arch_name())
        .filter(|name| *name != "none");
    let root = root.to_path_buf();
    let point = point.to_string();
    Ok(Some(Box::new(move |path: &Path, source: &[u8]| {
        let rel = path
            .strip_prefix(&root)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let name = format!("{point}/{rel}");
        compile_source(source, &rel, &name, 0, march).ok()
    })))
}

/// Where a program started by `--watch` is in its raw REPL reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Output,
    Exception,
    Prompt,
    Idle,
}

/// Runs the entry module, then again on every change, until the second Ctrl-C.
fn watch(
    session: &mut Session,
    root: &Path,
    entry: &str,
    by_board: &BoardChanges,
    ctx: &Context,
) -> Result<Status> {
    let presses = Arc::new(AtomicUsize::new(0));
    {
        let presses = Arc::clone(&presses);
        ctrlc::set_handler(move || {
            presses.fetch_add(1, Ordering::SeqCst);
        })
        .context("could not catch Ctrl-C")?;
    }
    let (events_in, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(30), None, events_in)
        .context("could not start watching files")?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .with_context(|| format!("could not watch {}", root.display()))?;
    let code = format!("import {entry}");
    ctx.printer.status(format!(
        "running {entry}; it runs again on every change (Ctrl-C stops it, twice leaves)"
    ));
    session.start_program(&code).map_err(board_error)?;
    let mut phase = Phase::Output;
    let mut handled_presses = 0;
    let mut buf = [0u8; 4096];
    loop {
        let pressed = presses.load(Ordering::SeqCst);
        if pressed > handled_presses {
            if pressed >= 2 || phase == Phase::Idle {
                if phase != Phase::Idle {
                    let _ = session.interrupt();
                }
                return Ok(Status::Success);
            }
            handled_presses = pressed;
            session.interrupt().map_err(board_error)?;
        }
        let mut changed = false;
        while let Ok(batch) = events.try_recv() {
            changed |= batch.is_ok_and(|events| {
                events.iter().any(|event| {
                    let edit =
                        matches!(
                            event.kind,
                            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(_)
                        ) && !matches!(event.kind, EventKind::Modify(ModifyKind::Metadata(_)));
                    edit && event
                        .paths
                        .iter()
                        .any(|path| !by_board.changed_lately(path, Duration::from_secs(2)))
                })
            });
        }
        if changed {
            if phase != Phase::Idle {
                session.interrupt().map_err(board_error)?;
                let _ = session.finish_program(&mut |_| {}, Some(Duration::from_secs(2)));
            }
            session.soft_reset().map_err(board_error)?;
            ctx.printer
                .status(format!("changed: running {entry} again"));
            session.start_program(&code).map_err(board_error)?;
            phase = Phase::Output;
            handled_presses = presses.load(Ordering::SeqCst);
            continue;
        }
        let n = match session.read_raw(&mut buf, Duration::from_millis(50)) {
            Ok(n) => n,
            Err(Error::Disconnected { .. }) if presses.load(Ordering::SeqCst) > 0 => {
                return Ok(Status::Interrupted)
            }
            Err(err) => return Err(board_error(err)),
        };
        show(&buf[..n], &mut phase)?;
    }
}

/// Prints a running program's output (stdout, then its exception on stderr) and follows its
/// reply to the prompt.
fn show(bytes: &[u8], phase: &mut Phase) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    for &byte in bytes {
        match (*phase, byte) {
            (Phase::Output, 0x04) => *phase = Phase::Exception,
            (Phase::Exception, 0x04) => *phase = Phase::Prompt,
            (Phase::Prompt, b'>') => *phase = Phase::Idle,
            (Phase::Output, _) => stdout.write_all(&[byte])?,
            (Phase::Exception, _) => stderr.write_all(&[byte])?,
            _ => {}
        }
    }
    stdout.flush()?;
    Ok(())
}
