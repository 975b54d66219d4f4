//! `upy info`: what the board runs: firmware, .mpy format, memory, storage, optional modules.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;

use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy info`.
#[derive(Debug, Args)]
pub struct InfoArgs {}

pub fn run(_args: InfoArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut out = std::io::stdout().lock();
    let info = session.info().board()?;
    writeln!(out, "port:        {}", session.port())?;
    writeln!(out, "micropython: {}", info.version)?;
    writeln!(out, "machine:     {}", info.machine)?;
    writeln!(out, "platform:    {}", info.platform)?;
    if let Some(release) = &info.release {
        writeln!(out, "release:     {release}")?;
    }
    match info.mpy {
        Some(mpy) => writeln!(
            out,
            "mpy:         v{}.{} arch {}",
            mpy.version,
            mpy.sub_version,
            mpy.arch_name().unwrap_or("unknown")
        )?,
        None => writeln!(out, "mpy:         unknown (firmware too old to say)")?,
    }
    if let Some(free) = info.mem_free {
        writeln!(out, "mem free:    {free} B")?;
    }
    if let Some(fs) = info.fs {
        writeln!(out, "flash:       {} B free of {} B", fs.free, fs.total)?;
    }
    let f = info.features;
    let flags = [
        ("hashlib", f.sha256),
        ("binascii", f.binascii),
        ("deflate", f.deflate),
        ("os.stat", f.os_stat),
        ("os.ilistdir", f.os_ilistdir),
        ("raw stdin", f.stdin_buffer && f.kbd_intr),
    ];
    let present: Vec<&str> = flags
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| *n)
        .collect();
    let missing: Vec<&str> = flags
        .iter()
        .filter(|(_, on)| !*on)
        .map(|(n, _)| *n)
        .collect();
    writeln!(out, "has:         {}", present.join(" "))?;
    if !missing.is_empty() {
        writeln!(out, "lacks:       {}", missing.join(" "))?;
    }
    Ok(Status::Success)
}
