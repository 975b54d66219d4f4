//! `--romfs`: the project's code goes to the board's ROM partition as one romfs image, its
//! data files to the filesystem with the normal sync.
//!
//! The split: `.py` files (except `main.py` and `boot.py`, which the board runs from the
//! filesystem by name) and `.mpy` files are code and go into the image, `.py` compiled to
//! `.mpy` as `upy romfs build` does; every other file is data and is synced to REMOTE. The
//! image is built by [`crate::commands::romfs::build`] from the files the sync walk admits
//! (the same ignore rules and `--exclude`), so `lib/x.py` runs as `/rom/lib/x.mpy`.
//!
//! Copies of the code files on the filesystem are removed (`x.py` and `x.mpy` under REMOTE),
//! even without `--delete`: ports put `''` (the current folder) before `/rom` on `sys.path`,
//! so a stale `/app.py` would be imported instead of `/rom/app.mpy`.
//!
//! The image is deployed first, so an image that cannot be deployed (no ROM partition, too
//! large, `.mpy` the firmware cannot load) stops the sync before the filesystem is touched. A
//! partition that already holds the same image (the board hashes it) is not written again.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use mpy_compiler::CompileOptions;

use super::compile;
use super::walk::LocalTree;
use super::SyncSettings;
use crate::commands::romfs::build::{build_selected, Built, TreeOptions};
use crate::commands::romfs::deploy::{deploy_with_bars, deployed_line};
use crate::commands::romfs::romfs_error;
use crate::commands::Context;
use crate::exit::{fail, Status};
use upy_protocol::Session;

/// The partition boards mount at `/rom`.
const PARTITION: usize = 0;

/// Why `--romfs --watch` is refused.
pub const WATCH_REFUSED: &str = "upy sync --romfs cannot --watch: every change would erase and \
     rewrite the ROM partition (slow, and it wears the flash); develop with `upy sync --watch` \
     and deploy with `upy sync --romfs` when the code is ready";

/// Whether the local file `rel` belongs in the image.
pub fn is_code(rel: &str) -> bool {
    rel.ends_with(".mpy") || compile::is_compiled(rel)
}

/// The board names a code file must not have on the filesystem: itself, and for a `.py` its
/// `.mpy` (either would shadow the image's module at the top of REMOTE).
pub fn shadowed_names(rel: &str) -> Vec<String> {
    if rel.ends_with(".py") {
        vec![rel.to_string(), compile::mpy_name(rel)]
    } else {
        vec![
            rel.to_string(),
            format!("{}.py", rel.trim_end_matches(".mpy")),
        ]
    }
}

/// The folders the filesystem still needs: those holding a data file, and folders that hold
/// no code (empty ones are mirrored as before). A folder of code only lives in the image.
pub fn filesystem_dirs(tree: &LocalTree) -> BTreeSet<String> {
    let holds = |dir: &str, code: bool| {
        let prefix = format!("{dir}/");
        tree.files
            .keys()
            .any(|rel| rel.starts_with(&prefix) && is_code(rel) == code)
    };
    tree.dirs
        .iter()
        .filter(|dir| holds(dir, false) || !holds(dir, true))
        .cloned()
        .collect()
}

/// Builds the image of the code files in `tree`.
pub fn build_image(settings: &SyncSettings, tree: &LocalTree) -> Result<Built> {
    let local = &settings.local;
    let mut only: HashSet<PathBuf> = HashSet::new();
    for rel in tree.files.keys().filter(|rel| is_code(rel)) {
        only.insert(local.join(rel));
        let mut parent = Path::new(rel).parent();
        while let Some(dir) = parent.filter(|d| !d.as_os_str().is_empty()) {
            only.insert(local.join(dir));
            parent = dir.parent();
        }
    }
    let options = TreeOptions {
        mpy: true,
        no_mpy: false,
        ignore_files: false,
    };
    let compile = CompileOptions {
        opt_level: settings.optimize,
        ..CompileOptions::default()
    };
    build_selected(local, &options, Some(only), &compile)
}

/// Deploys `built` to the ROM partition unless it already holds it; with `dry_run` only says
/// what it would do. Errors leave the partition and the filesystem as they were.
pub fn deploy(session: &mut Session, built: &Built, dry_run: bool, ctx: &Context) -> Result<()> {
    let image = &built.image;
    let what = format!(
        "romfs image of {} bytes ({} file{}, {} compiled to .mpy)",
        image.len(),
        built.files,
        if built.files == 1 { "" } else { "s" },
        built.compiled
    );
    if session
        .romfs()
        .holds(PARTITION, image)
        .map_err(romfs_error)?
    {
        ctx.printer.status(format!(
            "ROM partition {PARTITION} already holds this {what}: not deployed again"
        ));
        return Ok(());
    }
    if dry_run {
        println!("deploy  {what} to ROM partition {PARTITION}");
        return Ok(());
    }
    let report = deploy_with_bars(session, PARTITION, image, ctx.printer)?;
    if !report.mounted {
        return Err(fail(
            Status::Failure,
            format!(
                "{}, but the board could not mount it at /rom; the files were not synced",
                deployed_line(&report, image.len(), PARTITION)
            ),
        ));
    }
    ctx.printer.status(format!(
        "{} ({what})",
        deployed_line(&report, image.len(), PARTITION)
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::sync::walk::LocalFile;

    #[test]
    fn code_goes_to_the_image_and_the_rest_stays_on_the_filesystem() {
        assert!(is_code("app.py") && is_code("lib/x.py") && is_code("lib/y.mpy"));
        assert!(!is_code("main.py") && !is_code("boot.py") && !is_code("data/t.json"));
        assert_eq!(shadowed_names("lib/x.py"), ["lib/x.py", "lib/x.mpy"]);
        assert_eq!(shadowed_names("y.mpy"), ["y.mpy", "y.py"]);
    }

    #[test]
    fn folders_of_code_only_stay_off_the_filesystem() {
        let mut tree = LocalTree::default();
        for rel in ["lib/x.py", "data/t.json", "mixed/m.py", "mixed/m.txt"] {
            tree.files
                .insert(rel.into(), LocalFile::new(PathBuf::from(rel), Vec::new()));
        }
        for dir in ["lib", "data", "mixed", "empty"] {
            tree.dirs.insert(dir.into());
        }
        let dirs: Vec<String> = filesystem_dirs(&tree).into_iter().collect();
        assert_eq!(dirs, ["data", "empty", "mixed"]);
    }
}
