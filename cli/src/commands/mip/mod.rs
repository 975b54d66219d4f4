//! `upy mip`: MicroPython packages on the board, resolved on this computer by `upy_mip`.
//!
//! - [`install`]: `upy mip install PKG[@VERSION]...`, as `mpremote mip install`;
//! - [`sync`]: `upy mip sync`, exactly upy.toml's `[dependencies]`, pinned in `upy.lock`.
//!
//! Both resolve everything (downloads checked against their hashes, kept in the download
//! cache) before the first byte goes to the board, so a failed download writes nothing.

pub mod install;
pub mod sync;

use anyhow::Result;
use clap::{Args, Subcommand};
use upy_mip::{Cache, Error, InstallReport, Options, Resolution, ResolvedFile};
use upy_protocol::Session;

use crate::commands::remote::Bars;
use crate::commands::Context;
use crate::connect::{board_error, BoardResult as _};
use crate::exit::{fail, Status};
use crate::settings::{self, prefer, Project};

/// Arguments of `upy mip`.
#[derive(Debug, Args)]
pub struct MipArgs {
    #[command(subcommand)]
    pub command: MipCommand,
}

/// The mip subcommands.
#[derive(Debug, Subcommand)]
pub enum MipCommand {
    /// Install packages and their dependencies: index names, github:/gitlab: repos, URLs, local folders
    Install(install::InstallArgs),
    /// Install exactly upy.toml's [dependencies], pinned in upy.lock, and print what changed
    Sync(sync::SyncArgs),
}

pub fn run(args: MipArgs, ctx: &Context) -> Result<Status> {
    match args.command {
        MipCommand::Install(args) => install::run(args, ctx),
        MipCommand::Sync(args) => sync::run(args, ctx),
    }
}

/// Where packages come from and how they go onto the board (flags over upy.toml's `[mip]`).
#[derive(Debug, Clone, Default, Args)]
pub struct SourceOptions {
    /// Folder on the board to install into (default: the first `sys.path` entry ending in /lib)
    #[arg(long, value_name = "DIR")]
    pub target: Option<String>,

    /// Package index base URL (default: micropython-lib's, https://micropython.org/pi/v2)
    #[arg(long, value_name = "URL", env = settings::env::MIP_INDEX)]
    pub index: Option<String>,

    /// Take the .py sources from the index instead of files compiled for the board's .mpy version
    #[arg(long, overrides_with = "mpy")]
    pub no_mpy: bool,

    /// Take files compiled for the board's .mpy version when the index has them (overrides upy.toml)
    #[arg(long, overrides_with = "no_mpy")]
    pub mpy: bool,

    /// Compile the packages' .py files to .mpy for the board before installing
    #[arg(long, overrides_with = "no_compile")]
    pub compile: bool,

    /// Install .py files as they come (overrides upy.toml)
    #[arg(long, overrides_with = "compile")]
    pub no_compile: bool,
}

/// Every setting of one install, resolved against the board.
#[derive(Debug, Clone)]
pub struct Plan {
    /// How the resolver asks the index.
    pub options: Options,
    /// Board folder to install into.
    pub target: String,
    /// Compile `.py` files before installing.
    pub compile: bool,
    /// The board's native architecture (`-march`), for `@micropython.native`, `viper` and
    /// `asm_*` functions when compiling.
    pub march: Option<&'static str>,
}

impl Plan {
    /// Resolves the settings: flag or environment > upy.toml's `[mip]` > default; the target
    /// and the .mpy version are asked of the board when not given.
    pub fn resolve(
        options: &SourceOptions,
        project: &Project,
        base_dir: std::path::PathBuf,
        session: &mut Session,
    ) -> Result<Plan> {
        let file = &project.file.mip;
        let index = prefer(
            options.index.clone(),
            file.index.clone(),
            upy_mip::DEFAULT_INDEX.to_string(),
        )
        .trim_end_matches('/')
        .to_string();
        let use_mpy = prefer(settings::flag(options.mpy, options.no_mpy), file.mpy, true);
        let compile = prefer(
            settings::flag(options.compile, options.no_compile),
            file.compile,
            false,
        );
        let board_format = if use_mpy || compile {
            board_mpy(session)?
        } else {
            None
        };
        let board_mpy = board_format.map(|format| (format & 0xff) as u8);
        let march = board_format.and_then(crate::commands::sync::compile::board_march);
        if compile && board_mpy != Some(6) {
            return Err(fail(
                Status::Failure,
                match board_mpy {
                    Some(v) => format!(
                        "the board loads .mpy version {v}, and upy compiles version 6: \
                         install the sources (leave out --compile)"
                    ),
                    None => "the board does not say which .mpy version it loads: install the \
                             sources (leave out --compile)"
                        .to_string(),
                },
            ));
        }
        let target = match options.target.clone().or_else(|| file.target.clone()) {
            Some(target) => target,
            None => upy_mip::default_target(session)
                .map_err(mip_error)?
                .ok_or_else(|| {
                    fail(
                        Status::Failure,
                        "the board's sys.path has no folder ending in /lib: give one with \
                         --target (or `target` in upy.toml's [mip])",
                    )
                })?,
        };
        // `lib`, `:lib` and `/lib/` are the same folder, and upy.lock says it one way.
        let target = upy_protocol::fs::normalize(&target).board()?;
        Ok(Plan {
            options: Options {
                index,
                mpy: if use_mpy { board_mpy } else { None },
                base_dir,
            },
            target,
            compile,
            march,
        })
    }
}

/// The .mpy format the board loads (`sys.implementation._mpy`: version in the low byte,
/// native architecture above), `None` when it does not say (as mip then asks for sources).
fn board_mpy(session: &mut Session) -> Result<Option<u32>> {
    let out = session
        .exec_capture("import sys\nprint(getattr(sys.implementation,'_mpy',0))")
        .board()?;
    let text = String::from_utf8_lossy(&out);
    Ok(text
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|&format| format & 0xff != 0))
}

/// The package download cache: `mip/` in the cache folder (`UPY_CACHE_DIR` to move it).
pub fn cache() -> Cache {
    Cache::new(settings::cache_root().join("mip"))
}

/// Compiles when asked, writes the files, and removes the `stale` ones no package ships now.
pub fn put_on_board(
    ctx: &Context,
    session: &mut Session,
    plan: &Plan,
    resolution: &mut Resolution,
    stale: &[String],
) -> Result<InstallReport> {
    if plan.compile {
        upy_mip::compile_sources(&mut resolution.files, 0, plan.march).map_err(mip_error)?;
    }
    let mut bars = Bars::new(ctx.printer);
    upy_mip::install(session, &plan.target, &resolution.files, stale, &mut bars).map_err(mip_error)
}

/// One line per package: name, version, and where its files came from.
pub fn print_packages(ctx: &Context, resolution: &Resolution) {
    for package in &resolution.packages {
        let version = package.version.as_deref().unwrap_or("-");
        let format = match package.format.as_deref() {
            Some("py") => " (index sources)".to_string(),
            Some(mpy) => format!(" (index files for .mpy v{mpy})"),
            None => String::new(),
        };
        let pinned = if resolution.pinned.contains(&package.name) {
            ", as locked"
        } else {
            ""
        };
        ctx.printer.status(format!(
            "  {} {version}{format}: {} file{}{pinned}",
            package.name,
            package.files.len(),
            plural(package.files.len())
        ));
    }
    if !resolution.offline.is_empty() {
        ctx.printer.status(format!(
            "warning: the package server could not be reached; used the cached copy of {}",
            resolution.offline.join(", ")
        ));
    }
}

/// The closing line: packages, files written and unchanged, where.
pub fn print_summary(ctx: &Context, plan: &Plan, files: &[ResolvedFile], report: &InstallReport) {
    let packages: std::collections::BTreeSet<&str> =
        files.iter().map(|f| f.package.as_str()).collect();
    let removed = if report.removed.is_empty() {
        String::new()
    } else {
        format!(", {} removed", report.removed.len())
    };
    ctx.printer.status(format!(
        "Installed {} package{} into {}: {} file{} written, {} unchanged{removed}",
        packages.len(),
        plural(packages.len()),
        plan.target,
        report.written.len(),
        plural(report.written.len()),
        report.unchanged.len()
    ));
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The exit status and advice for a package error.
pub fn mip_error(err: Error) -> anyhow::Error {
    let err = match err {
        Error::Board(inner) => return board_error(inner),
        other => other,
    };
    let (status, advice) = match &err {
        Error::UnknownPackage { .. }
        | Error::VersionNotFound { .. }
        | Error::PackageNotFound { .. }
        | Error::FileNotFound { .. } => (Status::PackageNotFound, ""),
        Error::HashMismatch { .. } => (
            Status::HashMismatch,
            ": the server's copy is damaged or was changed since it was published",
        ),
        Error::Network { .. } => (
            Status::NetworkUnreachable,
            ": check the network or --index; a package installed once before comes from the cache",
        ),
        Error::Io { .. } => (Status::LocalPath, ""),
        _ => (Status::Failure, ""),
    };
    fail(status, format!("{err}{advice}"))
}

/// Parses package specs, with a usage-like failure for a bad one.
pub fn parse_specs<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<Vec<upy_mip::Spec>> {
    texts
        .into_iter()
        .map(|text| upy_mip::Spec::parse(text).map_err(mip_error))
        .collect()
}
