//! `upy mip sync`: the board gets exactly upy.toml's `[dependencies]`, at the versions and
//! hashes `upy.lock` pinned (written on first sync, updated when the dependencies change),
//! and the packages added, removed or updated are printed.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;
use upy_mip::{lock, HttpFetcher, Lock, Resolver, Spec, LOCK_FILE};

use crate::commands::mip::{self, Plan, SourceOptions};
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::{fail, Status};
use crate::settings::{Project, PROJECT_FILE};

/// Arguments of `upy mip sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Resolve every dependency afresh (newest versions) instead of keeping upy.lock's pins
    #[arg(long)]
    pub update: bool,

    #[command(flatten)]
    pub source: SourceOptions,
}

pub fn run(args: SyncArgs, ctx: &Context) -> Result<Status> {
    let cwd = std::env::current_dir().context("could not read the current folder")?;
    let project = Project::discover(&cwd)?;
    if project.root.is_none() {
        return Err(fail(
            Status::NotFound,
            format!(
                "no {PROJECT_FILE} here or in a parent folder: `upy mip sync` installs its \
                 [dependencies]"
            ),
        ));
    }
    sync_dependencies(ctx, &project, &args.source, args.update)?;
    Ok(Status::Success)
}

/// The dependencies of `project` as specs: `source = "version"`, `"*"` or `""` for none.
pub fn dependency_specs(project: &Project) -> Result<Vec<Spec>> {
    let texts: Vec<String> = project
        .file
        .dependencies
        .iter()
        .map(|(source, version)| match version.trim() {
            "" | "*" | "latest" => source.clone(),
            version => format!("{source}@{version}"),
        })
        .collect();
    mip::parse_specs(texts.iter().map(String::as_str))
}

/// Installs the project's dependencies through the chain's board, updates `upy.lock` and
/// returns it.
pub fn sync_dependencies(
    ctx: &Context,
    project: &Project,
    source: &SourceOptions,
    update: bool,
) -> Result<Lock> {
    let root = project.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let lock_path = root.join(LOCK_FILE);
    let specs = dependency_specs(project)?;
    let old = Lock::read(&lock_path).map_err(mip::mip_error)?;
    if specs.is_empty() && old.is_none() {
        return Err(fail(
            Status::Failure,
            format!("{PROJECT_FILE} declares no [dependencies]: nothing to install"),
        ));
    }
    let mut board = connect(ctx)?;
    let plan = Plan::resolve(source, project, root, &mut board)?;
    let cache = mip::cache();
    let fetcher = HttpFetcher::new();
    let mut resolver = Resolver::new(&fetcher, Some(&cache), &plan.options);
    if let (Some(old), false) = (&old, update) {
        resolver = resolver.with_pins(old);
    }
    let mut resolution = resolver.resolve(&specs).map_err(mip::mip_error)?;
    mip::print_packages(ctx, &resolution);
    // Files an earlier sync put in the same folder that no package ships any more go.
    let stale: Vec<String> = old
        .as_ref()
        .filter(|old| old.target == plan.target)
        .map(|old| old.installed.clone())
        .unwrap_or_default();
    let report = mip::put_on_board(ctx, &mut board, &plan, &mut resolution, &stale)?;
    let mut new = resolution.lock(&plan.options, &plan.target, &specs);
    new.installed = resolution.files.iter().map(|f| f.path.clone()).collect();
    let changes = lock::diff(old.as_ref(), &new);
    if old.as_ref() != Some(&new) {
        new.write(&lock_path).map_err(mip::mip_error)?;
    }
    if changes.is_empty() {
        println!("{LOCK_FILE}: no change");
    } else {
        for change in &changes {
            println!("{change}");
        }
    }
    mip::print_summary(ctx, &plan, &resolution.files, &report);
    Ok(new)
}
