//! `upy romfs query`: the board's ROM partitions and what is in them.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use upy_protocol::romfs::{Contents, Partition, PartitionKind};

use crate::commands::romfs::romfs_error;
use crate::commands::Context;
use crate::connect::connect;
use crate::exit::Status;

/// Arguments of `upy romfs query`.
#[derive(Debug, Args)]
pub struct QueryArgs {}

pub fn run(_args: QueryArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let partitions = session.romfs().query().map_err(romfs_error)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} ROM partition{}",
        partitions.len(),
        if partitions.len() == 1 { "" } else { "s" }
    )?;
    for partition in &partitions {
        write!(out, "{}", describe(partition))?;
    }
    Ok(Status::Success)
}

/// The lines `upy romfs query` prints for one partition (also used after a deploy).
pub fn describe(partition: &Partition) -> String {
    let blocks = partition.size / partition.block_size.max(1);
    let kind = match partition.kind {
        PartitionKind::Memory => "",
        PartitionKind::BlockDevice => ", block device",
    };
    let mounted = if partition.mounted {
        "mounted at /rom"
    } else {
        "not mounted"
    };
    let mut text = format!(
        "partition {}: {} bytes ({blocks} blocks of {}{kind}), {mounted}\n",
        partition.index, partition.size, partition.block_size
    );
    match &partition.contents {
        Contents::Erased => text.push_str("  empty (erased)\n"),
        Contents::Other(head) => {
            let hex: Vec<String> = head.iter().take(8).map(|b| format!("{b:02x}")).collect();
            text.push_str(&format!(
                "  no romfs image (starts with {} ...)\n",
                hex.join(" ")
            ));
        }
        Contents::Damaged { len, error } => {
            let len = len.map(|l| format!(" of {l} bytes")).unwrap_or_default();
            text.push_str(&format!(
                "  damaged romfs image{len}: the board says {error}\n"
            ));
        }
        Contents::Image { len, entries } => {
            let files = entries.iter().filter(|(_, size)| size.is_some()).count();
            let percent = (*len as f64) * 100.0 / (partition.size.max(1) as f64);
            text.push_str(&format!(
                "  romfs image: {len} bytes ({percent:.1}% of the partition), {files} file{}\n",
                if files == 1 { "" } else { "s" }
            ));
            for (path, size) in entries {
                match size {
                    Some(size) => text.push_str(&format!("  {size:>9}  {path}\n")),
                    None => text.push_str(&format!("  {:>9}  {path}/\n", "")),
                }
            }
        }
    }
    text
}
