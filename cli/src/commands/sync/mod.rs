//! `upy sync LOCAL [:REMOTE]`: make a folder on the board mirror a local folder, sending only
//! what changed; `--watch` keeps it so and reloads the code after each change.
//!
//! The steps, each in its own module:
//! - [`walk`]: the local files (ignore rules, `--exclude`), read and hashed;
//! - [`compile`]: `.py` to `.mpy` when asked;
//! - [`device`]: the board's manifest in one round trip;
//! - [`plan`]: the pure comparison that decides folders to make, files to send and deletions;
//!   the plan becomes one batch of [`Operation`]s that the protocol's `Fs::apply` carries out
//!   (the same upload program as `cp` and `mip`);
//! - [`link`]: the serial link (raw REPL, raw-paste, soft reset, the board's output);
//! - [`watch`]: file events, reloads, board output, reconnection;
//! - [`romfs`]: `--romfs`, the code as an image in the ROM partition, the data as files.

pub mod compile;
pub mod device;
pub mod link;
pub mod plan;
pub mod report;
pub mod romfs;
pub mod walk;
pub mod watch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};

use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::settings::{self, prefer, Project};

use device::DeviceFacts;
use link::{Link, LinkError};
use plan::{KeepList, Plan, PlanOptions, RemoteTree, WantedTree};
use upy_protocol::fs::Operation;
use walk::{Filter, LocalFile, LocalTree};

/// Arguments of `upy sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// LOCAL folder (default: upy.toml's `source`, else `.`), then optionally :REMOTE (default :/)
    #[arg(value_name = "LOCAL [:REMOTE]", num_args = 0..=2)]
    pub paths: Vec<String>,

    /// Remove board files under REMOTE that no longer exist locally
    #[arg(long, overrides_with = "no_delete")]
    pub delete: bool,

    /// Leave board files that no longer exist locally (overrides upy.toml)
    #[arg(long, overrides_with = "delete")]
    pub no_delete: bool,

    /// With --delete, also remove boot.py and files matched by the keep list
    #[arg(long)]
    pub delete_kept: bool,

    /// Do not send local files matching GLOB (gitignore syntax; repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Never delete board files matching GLOB (`dir/` keeps a folder; repeatable)
    #[arg(long, value_name = "GLOB")]
    pub keep: Vec<String>,

    /// Print the plan without changing the board
    #[arg(short = 'n', long)]
    pub dry_run: bool,

    /// Compile .py files to .mpy before sending (main.py and boot.py stay source)
    #[arg(long, overrides_with = "no_compile")]
    pub compile: bool,

    /// Send .py files as they are (overrides upy.toml)
    #[arg(long, overrides_with = "compile")]
    pub no_compile: bool,

    /// Optimisation level of --compile, as mpy-cross -O
    #[arg(short = 'O', long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(0..=3))]
    pub optimize: Option<u8>,

    /// Deploy the code (.py compiled to .mpy, and .mpy) as a romfs image to the ROM partition
    /// mounted at /rom; sync the other files (and main.py, boot.py) to the filesystem
    #[arg(long, overrides_with = "no_romfs")]
    pub romfs: bool,

    /// Sync the code to the filesystem as usual (overrides upy.toml)
    #[arg(long, overrides_with = "romfs")]
    pub no_romfs: bool,

    /// Keep syncing on every local change and reload the code on the board
    #[arg(short, long)]
    pub watch: bool,

    /// After each --watch sync: soft-reset (reboot, run main.py), reimport (re-run main.py), none
    #[arg(long, value_enum, env = settings::env::RELOAD)]
    pub reload: Option<Reload>,

    /// Milliseconds of quiet after a file event before --watch syncs (bursts of saves batch)
    #[arg(long, value_name = "MS", default_value_t = 15)]
    pub debounce: u64,

    /// Print the resolved settings and stop
    #[arg(long, hide = true)]
    pub show_settings: bool,
}

/// What happens on the board after a sync in watch mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reload {
    // Soft reset, then the board runs boot.py and main.py.
    SoftReset,
    // Forget the changed modules and run main.py again, without a reset.
    Reimport,
    // Leave the board alone.
    None,
}

impl Reload {
    fn parse(text: &str) -> Option<Reload> {
        Reload::from_str(text, true).ok()
    }
}

/// Every setting of one run, resolved: flag > environment > upy.toml > default.
#[derive(Debug, Clone)]
pub struct SyncSettings {
    /// Serial port (`auto` already resolved at connect time).
    pub port: String,
    /// Baud rate.
    pub baud: u32,
    /// Local folder.
    pub local: PathBuf,
    /// Board folder, absolute, without a trailing slash (except `/`).
    pub remote: String,
    /// Local excludes.
    pub excludes: Vec<String>,
    /// Keep patterns.
    pub keep: Vec<String>,
    /// `--delete`.
    pub delete: bool,
    /// `--delete-kept`.
    pub delete_kept: bool,
    /// `--compile`.
    pub compile: bool,
    /// `-O`.
    pub optimize: u8,
    /// `--romfs`: code to the ROM partition, data to the filesystem.
    pub romfs: bool,
    /// Reload strategy.
    pub reload: Reload,
    /// `--dry-run`.
    pub dry_run: bool,
    /// Debounce of watch mode.
    pub debounce: Duration,
}

impl SyncSettings {
    /// Resolves the settings from the arguments, the environment and the project file.
    pub fn resolve(args: &SyncArgs, ctx: &Context, project: &Project) -> Result<SyncSettings> {
        let file = &project.file.sync;
        let mut local_arg = None;
        let mut remote_arg = None;
        for path in &args.paths {
            if let Some(remote) = path.strip_prefix(':') {
                if remote_arg.replace(remote.to_string()).is_some() {
                    return Err(fail(Status::Failure, "give at most one :REMOTE folder"));
                }
            } else if local_arg.replace(PathBuf::from(path)).is_some() {
                return Err(fail(Status::Failure, "give at most one LOCAL folder"));
            }
        }
        let local = match local_arg {
            Some(local) => local,
            None => file
                .source
                .as_deref()
                .map(|p| project.resolve_path(p))
                .unwrap_or_else(|| PathBuf::from(".")),
        };
        let remote = normalize_remote(&prefer(remote_arg, file.remote.clone(), "/".into()))?;
        let reload = match &args.reload {
            Some(reload) => *reload,
            None => match &file.reload {
                Some(text) => Reload::parse(text).ok_or_else(|| {
                    fail(
                        Status::Failure,
                        format!(
                            "upy.toml: reload = {text:?} is not one of soft-reset, reimport, none"
                        ),
                    )
                })?,
                None => Reload::SoftReset,
            },
        };
        let port_flag = (ctx.global.port != "auto").then(|| ctx.global.port.clone());
        let mut excludes = file.exclude.clone();
        excludes.extend(args.exclude.iter().cloned());
        let mut keep = file.keep.clone();
        keep.extend(args.keep.iter().cloned());
        Ok(SyncSettings {
            port: prefer(port_flag, project.file.port.clone(), "auto".into()),
            baud: match (ctx.global.baud, project.file.baud) {
                (115_200, Some(baud)) => baud,
                (baud, _) => baud,
            },
            local,
            remote,
            excludes,
            keep,
            delete: prefer(
                settings::flag(args.delete, args.no_delete),
                file.delete,
                false,
            ),
            delete_kept: args.delete_kept,
            compile: prefer(
                settings::flag(args.compile, args.no_compile),
                file.compile,
                false,
            ),
            optimize: prefer(args.optimize, file.optimize, 0),
            romfs: prefer(settings::flag(args.romfs, args.no_romfs), file.romfs, false),
            reload,
            dry_run: args.dry_run,
            debounce: Duration::from_millis(args.debounce),
        })
    }
}

/// `:REMOTE` as an absolute board path without `..`, `.` or a trailing slash.
fn normalize_remote(remote: &str) -> Result<String> {
    let parts: Vec<&str> = remote.split('/').filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| *p == "." || *p == "..") {
        return Err(fail(
            Status::Failure,
            format!("the remote folder {remote:?} must not contain . or .."),
        ));
    }
    Ok(format!("/{}", parts.join("/")))
}

/// Runs `upy sync`.
pub fn run(args: SyncArgs, ctx: &Context) -> Result<Status> {
    let cwd = std::env::current_dir().context("could not read the current folder")?;
    let project = Project::discover(&cwd)?;
    let settings = SyncSettings::resolve(&args, ctx, &project)?;
    if args.show_settings {
        println!("{settings:#?}");
        return Ok(Status::Success);
    }
    check_local(&settings.local)?;
    if args.watch && settings.romfs {
        return Err(fail(Status::Failure, romfs::WATCH_REFUSED));
    }
    let mut settings = settings;
    if !project.file.dependencies.is_empty() {
        if settings.dry_run {
            ctx.printer
                .status("upy.toml's [dependencies] are left as they are with --dry-run");
        } else {
            install_dependencies(&mut settings, &project, ctx)?;
        }
    }
    if args.watch {
        // Watching keeps its own connection, reopened whenever the board comes back.
        drop(crate::connect::take_open_session(ctx));
        return watch::run(settings, ctx);
    }
    let mut job = SyncJob::prepare(&settings, ctx)?;
    // Built before connecting: a compile error stops the sync before the board is touched.
    let image = match settings.romfs {
        true => Some(romfs::build_image(&settings, &job.tree)?),
        false => None,
    };
    let port = crate::ports::resolve(&settings.port)?;
    let started = Instant::now();
    let mut link = match crate::connect::take_open_session(ctx) {
        Some(session) => Link::from_session(session),
        None => connect(&port, settings.baud)?,
    };
    if let Some(built) = &image {
        romfs::deploy(link.session(), built, settings.dry_run, ctx)?;
    }
    let mut state = job.fetch(&mut link)?;
    let wanted = job.wanted(&state.facts)?;
    let plan = job.plan(&wanted, &state.remote)?;
    if settings.dry_run {
        report::print_plan(&plan, &settings.remote, &state.remote);
        crate::connect::return_session(ctx, link.into_session());
        return Ok(Status::Success);
    }
    let mut outcome = job.apply(&mut link, &mut state, &wanted, &plan, ctx)?;
    crate::connect::return_session(ctx, link.into_session());
    // The summary's time is the whole command's, manifest and all.
    outcome.elapsed = started.elapsed();
    report::summary(&ctx.printer, &outcome, &port, &settings.remote);
    Ok(if job.tree.problems.is_empty() {
        Status::Success
    } else {
        Status::Failure
    })
}

/// Runs `upy mip sync` first, on the same connection, and keeps the files it installed out
/// of `--delete`'s reach.
fn install_dependencies(
    settings: &mut SyncSettings,
    project: &Project,
    ctx: &Context,
) -> Result<()> {
    let link = match crate::connect::take_open_session(ctx) {
        Some(session) => Link::from_session(session),
        None => connect(&crate::ports::resolve(&settings.port)?, settings.baud)?,
    };
    crate::connect::return_session(ctx, link.into_session());
    let lock = crate::commands::mip::sync::sync_dependencies(
        ctx,
        project,
        &crate::commands::mip::SourceOptions::default(),
        false,
    )?;
    for path in &lock.installed {
        let on_board = format!("{}/{path}", lock.target.trim_end_matches('/'));
        if let Some(rel) = relative_to_root(&settings.remote, &on_board) {
            settings.keep.push(globset::escape(&rel));
        }
    }
    Ok(())
}

fn check_local(local: &Path) -> Result<()> {
    match std::fs::metadata(local) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(fail(
            Status::Failure,
            format!(
                "{} is not a folder: LOCAL must be a folder to mirror",
                local.display()
            ),
        )),
        Err(err) => Err(fail(
            Status::Failure,
            format!(
                "the local folder {} does not exist ({err})",
                local.display()
            ),
        )),
    }
}

/// Opens the port and enters the raw REPL.
pub fn connect(port: &str, baud: u32) -> Result<Link> {
    let mut link = Link::open(port, baud).map_err(link_failure)?;
    link.enter_raw().map_err(link_failure)?;
    Ok(link)
}

/// A link error as the command's error with the right exit status.
pub fn link_failure(err: LinkError) -> anyhow::Error {
    let status = match err {
        // The same messages and exit codes as every other command (busy port 6, not
        // MicroPython 8, ...).
        LinkError::Open { source, .. } | LinkError::RawReplRefused { source, .. } => {
            return crate::connect::board_error(source)
        }
        LinkError::Disconnected { .. } | LinkError::Timeout { .. } => Status::DeviceLost,
        LinkError::CodeRefused { .. } => Status::Failure,
        LinkError::Exception { .. } => Status::DeviceException,
    };
    fail(status, err.to_string())
}

/// What the board holds, as last seen.
#[derive(Debug, Clone, Default)]
pub struct BoardState {
    /// Facts from the manifest.
    pub facts: DeviceFacts,
    /// The manifest, kept up to date after each transfer.
    pub remote: RemoteTree,
}

/// What one transfer did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Files written.
    pub sent: usize,
    /// Bytes of file content written.
    pub bytes: u64,
    /// Files already up to date.
    pub unchanged: usize,
    /// Board entries removed.
    pub deleted: usize,
    /// Board files left because they are protected or `--delete` was not given.
    pub kept: usize,
    /// Time the transfer took.
    pub elapsed: Duration,
}

/// The local side of a sync: settings, filters, the walked tree and compiled files.
pub struct SyncJob {
    /// The settings in force.
    pub settings: SyncSettings,
    /// Which local files take part.
    pub filter: Filter,
    /// The local files.
    pub tree: LocalTree,
    keep: KeepList,
    compiled: BTreeMap<[u8; 32], Vec<u8>>,
}

impl SyncJob {
    /// Walks LOCAL and reports unreadable files.
    pub fn prepare(settings: &SyncSettings, ctx: &Context) -> Result<SyncJob> {
        let filter = Filter::new(&settings.local, &settings.excludes)?;
        let keep = KeepList::new(&settings.keep)
            .map_err(|e| fail(Status::Failure, format!("bad keep pattern: {e}")))?;
        let tree = walk::walk(&settings.local, &filter);
        for problem in &tree.problems {
            ctx.printer.status(format!("warning: {problem}"));
        }
        Ok(SyncJob {
            settings: settings.clone(),
            filter,
            tree,
            keep,
            compiled: BTreeMap::new(),
        })
    }

    /// Reads the manifest of REMOTE.
    pub fn fetch(&self, link: &mut Link) -> Result<BoardState> {
        let (facts, remote) =
            device::fetch_manifest(link, &self.settings.remote).map_err(|e| match e {
                device::ManifestError::Link(link) => link_failure(link),
                other => fail(Status::Failure, other.to_string()),
            })?;
        Ok(BoardState { facts, remote })
    }

    /// The files the board should hold, under their board names, compiling when asked.
    pub fn wanted(&mut self, facts: &DeviceFacts) -> Result<WantedTree> {
        let romfs = self.settings.romfs;
        let mut wanted = WantedTree {
            dirs: if romfs {
                romfs::filesystem_dirs(&self.tree)
            } else {
                self.tree.dirs.clone()
            },
            ..WantedTree::default()
        };
        for rel in &self.tree.unreadable {
            wanted.untouchable.insert(rel.clone());
            if self.settings.compile && compile::is_compiled(rel) {
                wanted.untouchable.insert(compile::mpy_name(rel));
            }
        }
        for (rel, file) in &self.tree.files {
            if romfs && romfs::is_code(rel) {
                // In the image; a copy on the filesystem would be imported instead.
                wanted.shadowed.extend(romfs::shadowed_names(rel));
                continue;
            }
            if !(self.settings.compile && compile::is_compiled(rel)) {
                wanted.files.insert(rel.clone(), file.clone());
                continue;
            }
            let data = match self.compiled.get(&file.sha256) {
                Some(data) => data.clone(),
                None => {
                    let data = compile::compile_source(
                        &file.data,
                        &file.source.display().to_string(),
                        rel,
                        self.settings.optimize,
                        compile::board_march(facts.mpy),
                    )
                    .map_err(|e| fail(Status::Failure, e.to_string()))?;
                    check_mpy_format(&data, facts)?;
                    self.compiled.insert(file.sha256, data.clone());
                    data
                }
            };
            let target = compile::mpy_name(rel);
            wanted.shadowed.insert(rel.clone());
            wanted
                .files
                .insert(target, LocalFile::new(file.source.clone(), data));
        }
        Ok(wanted)
    }

    /// The plan against `remote`.
    pub fn plan(&self, wanted: &WantedTree, remote: &RemoteTree) -> Result<Plan> {
        let options = PlanOptions {
            delete: self.settings.delete,
            delete_kept: self.settings.delete_kept,
            keep: self.keep.clone(),
        };
        plan::plan(wanted, remote, &options).map_err(|e| fail(Status::Failure, e.to_string()))
    }

    /// Applies `plan` on the board and updates `state` to match.
    pub fn apply(
        &self,
        link: &mut Link,
        state: &mut BoardState,
        wanted: &WantedTree,
        plan: &Plan,
        ctx: &Context,
    ) -> Result<Outcome> {
        let start = Instant::now();
        let root = &self.settings.remote;
        let mut records = Vec::new();
        for delete in &plan.cleanup {
            records.push(delete_operation(root, delete));
        }
        if plan.create_root {
            let mut path = String::new();
            for part in root.split('/').filter(|p| !p.is_empty()) {
                path.push('/');
                path.push_str(part);
                records.push(Operation::MakeDir(path.clone()));
            }
        }
        for dir in &plan.mkdirs {
            records.push(Operation::MakeDir(device::remote_path(root, dir)));
        }
        for put in &plan.puts {
            let Some(file) = wanted.files.get(&put.rel) else {
                continue;
            };
            records.push(Operation::Write {
                path: device::remote_path(root, &put.rel),
                data: &file.data,
                sha256: file.sha256,
            });
        }
        for delete in &plan.deletes {
            records.push(delete_operation(root, delete));
        }
        let mut outcome = Outcome {
            unchanged: plan.unchanged,
            kept: plan.kept.len(),
            ..Outcome::default()
        };
        if records.is_empty() {
            outcome.elapsed = start.elapsed();
            return Ok(outcome);
        }
        let mut progress = report::BarProgress::new(&ctx.printer, &records);
        let result = link.session().fs().apply(&records, &mut progress);
        progress.finish();
        let done = progress.done();
        // The board now holds what the finished records say, whatever happened after them.
        for record in &records[..done.min(records.len())] {
            apply_to_state(root, record, &mut state.remote, &mut outcome);
        }
        if plan.create_root && done > 0 {
            state.remote.exists = true;
        }
        outcome.elapsed = start.elapsed();
        match result {
            Ok(()) => Ok(outcome),
            Err(err) => Err(report::transfer_failure(err, &records, done)),
        }
    }
}

fn delete_operation(root: &str, delete: &plan::Delete) -> Operation<'static> {
    let path = device::remote_path(root, &delete.rel);
    if delete.is_dir {
        Operation::RemoveDir(path)
    } else {
        Operation::RemoveFile(path)
    }
}

fn relative_to_root(root: &str, path: &str) -> Option<String> {
    let rest = if root == "/" {
        path.strip_prefix('/')
    } else {
        path.strip_prefix(root)?.strip_prefix('/')
    }?;
    Some(rest.to_string())
}

fn apply_to_state(
    root: &str,
    record: &Operation<'_>,
    remote: &mut RemoteTree,
    outcome: &mut Outcome,
) {
    let Some(rel) = relative_to_root(root, record.path()) else {
        return;
    };
    match record {
        Operation::MakeDir(_) => {
            remote.dirs.insert(rel);
        }
        Operation::RemoveFile(_) => {
            remote.files.remove(&rel);
            outcome.deleted += 1;
        }
        Operation::RemoveDir(_) => {
            remote.dirs.remove(&rel);
            outcome.deleted += 1;
        }
        Operation::Write { data, sha256, .. } => {
            remote.files.insert(
                rel,
                plan::RemoteFile {
                    size: data.len() as u64,
                    digest: plan::RemoteDigest::Sha256Prefix(plan::sha256_prefix(sha256)),
                },
            );
            outcome.sent += 1;
            outcome.bytes += data.len() as u64;
        }
    }
}

/// Stops when compiled output would not load on the board.
fn check_mpy_format(data: &[u8], facts: &DeviceFacts) -> Result<()> {
    let Some((version, sub)) = compile::mpy_format(data) else {
        return Ok(());
    };
    let arch = data.get(2).map(|flags| flags >> 2).unwrap_or(0);
    if facts.mpy == 0 {
        return Ok(());
    }
    if u32::from(version) != facts.mpy_version() {
        return Err(fail(
            Status::Failure,
            format!(
                "the board loads .mpy version {}.{}, but the compiler makes version {version}.{sub}: \
                 update the board's firmware or sync without --compile",
                facts.mpy_version(),
                facts.mpy_sub_version()
            ),
        ));
    }
    if arch != 0 && u32::from(arch) != facts.mpy_arch() {
        return Err(fail(
            Status::Failure,
            format!(
                "the compiled code is for native architecture {arch}, the board's is {}: \
                 sync without native code",
                facts.mpy_arch()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_folder_is_normalized_and_checked() {
        assert_eq!(normalize_remote("").unwrap(), "/");
        assert_eq!(normalize_remote("/").unwrap(), "/");
        assert_eq!(normalize_remote("app/").unwrap(), "/app");
        assert_eq!(normalize_remote("/a//b").unwrap(), "/a/b");
        assert!(normalize_remote("/a/../b").is_err());
    }

    #[test]
    fn board_paths_map_back_to_relative_names() {
        assert_eq!(relative_to_root("/", "/a/b.py").as_deref(), Some("a/b.py"));
        assert_eq!(
            relative_to_root("/app", "/app/b.py").as_deref(),
            Some("b.py")
        );
        assert_eq!(relative_to_root("/app", "/apple/b.py"), None);
    }

    #[test]
    fn compiled_code_must_match_the_boards_mpy_version_and_arch() {
        let board = DeviceFacts {
            mpy: 6 | (3 << 8) | (2 << 10),
            ..DeviceFacts::default()
        };
        assert!(check_mpy_format(b"M\x06\x03\x1f", &board).is_ok());
        let err = check_mpy_format(b"M\x05\x00\x1f", &board).unwrap_err();
        assert!(err.to_string().contains("loads .mpy version 6.3"), "{err}");
        let err = check_mpy_format(b"M\x06\x0f\x1f", &board).unwrap_err();
        assert!(err.to_string().contains("native architecture 3"), "{err}");
    }

    #[test]
    fn reload_names_parse() {
        assert_eq!(Reload::parse("soft-reset"), Some(Reload::SoftReset));
        assert_eq!(Reload::parse("reimport"), Some(Reload::Reimport));
        assert_eq!(Reload::parse("none"), Some(Reload::None));
        assert_eq!(Reload::parse("hard"), None);
    }
}
