//! `upy tree [:PATH]`: the board's files as a tree.

use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use upy_protocol::fs::{Entry, EntryKind};

use crate::commands::remote::board_path;
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::Status;

/// Arguments of `upy tree`.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Directory on the board to start from
    #[arg(default_value = ":")]
    pub path: String,

    /// Show file sizes
    #[arg(short, long)]
    pub size: bool,
}

pub fn run(args: TreeArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    let mut out = std::io::stdout().lock();
    let path = board_path(&args.path);
    let root = upy_protocol::fs::normalize(path).board()?;
    let entries = session.fs().walk(&root, false).board()?;
    writeln!(out, ":{root}")?;
    let (dirs, files) = render(&entries, "", "", args.size);
    for line in dirs {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "\n{} directories, {} files", files.0, files.1)?;
    Ok(Status::Success)
}

/// Lines of the tree under `prefix` (a relative directory, "" for the top), and the counts of
/// directories and files.
fn render(
    entries: &[Entry],
    dir: &str,
    indent: &str,
    sizes: bool,
) -> (Vec<String>, (usize, usize)) {
    let mut children: Vec<&Entry> = entries
        .iter()
        .filter(|e| parent_of(&e.name) == dir)
        .collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let mut lines = Vec::new();
    let mut counts = (0, 0);
    for (i, entry) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let name = entry.name.rsplit('/').next().unwrap_or(&entry.name);
        let branch = if last { "└── " } else { "├── " };
        if entry.kind == EntryKind::Dir {
            counts.0 += 1;
            lines.push(format!("{indent}{branch}{name}/"));
            let deeper = format!("{indent}{}", if last { "    " } else { "│   " });
            let (sub, sub_counts) = render(entries, &entry.name, &deeper, sizes);
            lines.extend(sub);
            counts.0 += sub_counts.0;
            counts.1 += sub_counts.1;
        } else {
            counts.1 += 1;
            if sizes {
                lines.push(format!("{indent}{branch}{name} ({} B)", entry.size));
            } else {
                lines.push(format!("{indent}{branch}{name}"));
            }
        }
    }
    (lines, counts)
}

fn parent_of(name: &str) -> &str {
    name.rfind('/').map_or("", |i| &name[..i])
}
