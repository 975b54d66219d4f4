//! `upy mip install PKG[@VERSION]...`: packages and their dependencies onto the board, as
//! `mpremote mip install` puts them, each file checked against its hash first.

use anyhow::{Context as _, Result};
use clap::Args;
use upy_mip::{HttpFetcher, Resolver};

use crate::commands::mip::{self, Plan, SourceOptions};
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::Status;
use crate::settings::Project;

/// Arguments of `upy mip install`.
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Packages: index names (`aioble`, `aioble@0.5.2`), `github:org/repo[/path][@branch]`,
    /// `gitlab:…`, URLs of package.json or .py files, local folders or package.json files
    #[arg(value_name = "PKG[@VERSION]", required = true)]
    pub packages: Vec<String>,

    #[command(flatten)]
    pub source: SourceOptions,
}

pub fn run(args: InstallArgs, ctx: &Context) -> Result<Status> {
    let specs = mip::parse_specs(args.packages.iter().map(String::as_str))?;
    let cwd = std::env::current_dir().context("could not read the current folder")?;
    let project = Project::discover(&cwd)?;
    let mut board = connect(ctx)?;
    let plan = Plan::resolve(&args.source, &project, cwd, &mut board)?;
    let cache = mip::cache();
    let fetcher = HttpFetcher::new();
    let mut resolution = Resolver::new(&fetcher, Some(&cache), &plan.options)
        .resolve(&specs)
        .map_err(mip::mip_error)?;
    mip::print_packages(ctx, &resolution);
    let report = mip::put_on_board(ctx, &mut board, &plan, &mut resolution, &[])?;
    mip::print_summary(ctx, &plan, &resolution.files, &report);
    Ok(Status::Success)
}
