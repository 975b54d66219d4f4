//! `upy romfs deploy DIR|IMAGE`: write a romfs image to a ROM partition, as `mpremote romfs
//! deploy` does (the same erase and write steps, so the partition ends up with the same bytes),
//! then verify it and mount it at /rom again.

use std::fs;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use indicatif::ProgressBar;
use upy_protocol::romfs::{self, image, DeployReport};
use upy_protocol::Session;

use crate::commands::romfs::build::{build, TreeOptions};
use crate::commands::romfs::romfs_error;
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::{fail, Status};
use crate::printer::Printer;

/// Arguments of `upy romfs deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// A romfs image file (from `upy romfs build` or `mpremote romfs build`), or a folder to
    /// build one from
    #[arg(value_name = "DIR|IMAGE")]
    pub source: PathBuf,

    /// The ROM partition to write (`upy romfs query` lists them; boards mount 0 at /rom)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub partition: usize,

    #[command(flatten)]
    pub tree: TreeOptions,
}

pub fn run(args: DeployArgs, ctx: &Context) -> Result<Status> {
    let image = if args.source.is_dir() {
        build(&args.source, &args.tree)?.image
    } else {
        let bytes = fs::read(&args.source).map_err(|e| {
            fail(
                Status::NotFound,
                format!("cannot read {}: {e}", args.source.display()),
            )
        })?;
        if let Err(err) = image::parse(&bytes) {
            return Err(fail(
                Status::Failure,
                format!(
                    "{} is not a romfs image ({err}): give a folder, or an image from \
                     `upy romfs build`",
                    args.source.display()
                ),
            ));
        }
        bytes
    };
    let mut session = connect(ctx)?;
    let report = deploy_with_bars(&mut session, args.partition, &image, ctx.printer)?;
    ctx.printer
        .status(deployed_line(&report, image.len(), args.partition));
    Ok(Status::Success)
}

/// Deploys `image` to `partition` with progress bars (shared with `upy sync --romfs`).
pub fn deploy_with_bars(
    session: &mut Session,
    partition: usize,
    image: &[u8],
    printer: Printer,
) -> Result<DeployReport> {
    let mut progress = Bars { printer, bar: None };
    let result = session.romfs().deploy(partition, image, &mut progress);
    if let Some(bar) = progress.bar.take() {
        bar.finish_and_clear();
    }
    result.map_err(romfs_error)
}

/// The line that reports a deploy.
pub fn deployed_line(report: &DeployReport, len: usize, partition: usize) -> String {
    let verified = if report.verified {
        "verified by SHA-256"
    } else {
        "not verified (the board has no hashlib)"
    };
    let mounted = if report.mounted {
        ", mounted at /rom"
    } else {
        ""
    };
    format!(
        "Deployed {len} bytes to ROM partition {partition} ({} bytes erased, {} written), {verified}{mounted}",
        report.erased, report.written
    )
}

/// Progress bars for erasing and writing.
struct Bars {
    printer: Printer,
    bar: Option<ProgressBar>,
}

impl Bars {
    fn start(&mut self, total: u64, label: &str) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.bar = Some(self.printer.bytes_bar(total, label));
    }
}

impl romfs::Progress for Bars {
    fn on_erase_start(&mut self, total: u64) {
        self.start(total, "erasing");
    }
    fn on_erased(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
    fn on_write_start(&mut self, total: u64) {
        self.start(total, "writing");
    }
    fn on_written(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
    fn on_verify(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
