//! `upy romfs`: build romfs images (the read-only filesystem MicroPython 1.25+ mounts at
//! `/rom`), show a board's ROM partitions, and deploy an image to one. One module per
//! subcommand; the image format and the board side live in `upy_protocol::romfs`.

pub mod build;
pub mod deploy;
pub mod query;

use anyhow::Result;
use clap::{Args, Subcommand};
use upy_protocol::romfs::RomfsError;

use crate::commands::Context;
use crate::connect::board_error;
use crate::exit::{fail, Status};

/// Arguments of `upy romfs`.
#[derive(Debug, Args)]
pub struct RomfsArgs {
    #[command(subcommand)]
    pub command: RomfsCommand,
}

/// The romfs subcommands.
#[derive(Debug, Subcommand)]
pub enum RomfsCommand {
    /// Build a romfs image from a folder, compiling .py files to .mpy (as `mpremote romfs build`)
    Build(build::BuildArgs),
    /// Show the board's ROM partitions: size, erase block, the image and files in each, mounted or not
    Query(query::QueryArgs),
    /// Write a romfs image (or a folder, built first) to a ROM partition, verify it and mount it at /rom
    Deploy(deploy::DeployArgs),
}

pub fn run(args: RomfsArgs, ctx: &Context) -> Result<Status> {
    match args.command {
        RomfsCommand::Build(args) => build::run(args, ctx),
        RomfsCommand::Query(args) => query::run(args, ctx),
        RomfsCommand::Deploy(args) => deploy::run(args, ctx),
    }
}

/// The message and advice for a romfs error.
pub fn romfs_error(err: RomfsError) -> anyhow::Error {
    let err = match err {
        RomfsError::Device(inner) => return board_error(inner),
        other => other,
    };
    let advice = match &err {
        RomfsError::Unsupported => {
            "romfs needs MicroPython 1.25 or later built with a ROM partition; update the \
             firmware (`upy flash`), or copy the files with `upy sync` or `upy cp` instead"
        }
        RomfsError::NoPartition => {
            "this firmware was built without a ROM partition (on ESP32 the partition table needs \
             a `romfs` partition); flash a build that has one, or copy the files with `upy sync`"
        }
        RomfsError::NoSuchPartition { .. } => {
            "pick one with --partition (`upy romfs query` lists them)"
        }
        RomfsError::TooLarge { .. } => {
            "nothing was erased; leave files out of the image, or use firmware with a larger ROM \
             partition"
        }
        RomfsError::MpyTooNew { .. } => {
            "nothing was erased; update the board's firmware (`upy flash`) to a MicroPython that \
             loads this .mpy version, or build with --no-mpy to store the .py sources"
        }
        RomfsError::Image(_) => "build one with `upy romfs build DIR -o IMAGE`",
        RomfsError::Refused { .. } | RomfsError::VerifyFailed { .. } => {
            "deploy again; if it keeps failing, the flash may be worn or write-protected"
        }
        _ => "",
    };
    if advice.is_empty() {
        fail(Status::Failure, err.to_string())
    } else {
        fail(Status::Failure, format!("{err}: {advice}"))
    }
}
