//! Putting resolved files on the board through the protocol's filesystem layer: one manifest
//! round trip, only new or changed files written (each to a temporary name, then renamed), and
//! files no longer wanted removed.

use std::collections::{BTreeSet, HashMap};

use upy_protocol::fs::{self, EntryKind, Operation, Progress};
use upy_protocol::Session;

use crate::error::{Error, Result};
use crate::resolve::ResolvedFile;

/// What [`install`] did, paths relative to the target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstallReport {
    /// Files written (new or changed).
    pub written: Vec<String>,
    /// Files already on the board with the same content.
    pub unchanged: Vec<String>,
    /// Files removed because no package ships them any more.
    pub removed: Vec<String>,
}

/// Installs `files` under `target`, skipping those already there with the same SHA-256, and
/// removes the paths in `stale` that no file of `files` has. A full filesystem stops with
/// [`upy_protocol::Error::FilesystemFull`]; the file being written keeps its old content.
pub fn install(
    session: &mut Session,
    target: &str,
    files: &[ResolvedFile],
    stale: &[String],
    progress: &mut dyn Progress,
) -> Result<InstallReport> {
    let target = fs::normalize(target)?;
    let mut on_board: HashMap<String, Option<String>> = HashMap::new();
    match session.fs().stat(&target)? {
        Some(entry) if entry.kind == EntryKind::File => {
            return Err(Error::Board(upy_protocol::Error::RemoteNotADirectory {
                path: target,
            }))
        }
        Some(_) => {
            for entry in session.fs().manifest(&target)? {
                if entry.kind == EntryKind::File {
                    on_board.insert(entry.name, entry.sha256.map(|h| hex(&h)));
                }
            }
        }
        None => {}
    }
    let mut report = InstallReport::default();
    let mut writes: Vec<(String, &ResolvedFile)> = Vec::new();
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for file in files {
        if on_board.get(&file.path) == Some(&Some(file.sha256.clone())) {
            report.unchanged.push(file.path.clone());
            continue;
        }
        let path = fs::join(&target, &file.path)?;
        // Every missing folder on the way, parents first (a prefix sorts before its children).
        let mut dir = fs::parent(&path);
        while dir != "/" {
            dirs.insert(dir.to_string());
            dir = fs::parent(dir);
        }
        writes.push((path, file));
    }
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut removes = Vec::new();
    for path in stale {
        if !wanted.contains(path.as_str()) && on_board.contains_key(path) {
            removes.push(fs::join(&target, path)?);
            report.removed.push(path.clone());
        }
    }
    // One batch: folders, then files, then removals, in one board program.
    let mut operations: Vec<Operation<'_>> = dirs.into_iter().map(Operation::MakeDir).collect();
    if writes.is_empty() {
        operations.clear();
    }
    operations.extend(
        writes
            .iter()
            .map(|(path, file)| Operation::write(path.clone(), &file.data)),
    );
    operations.extend(removes.into_iter().map(Operation::RemoveFile));
    session.fs().apply(&operations, progress)?;
    report
        .written
        .extend(writes.iter().map(|(_, f)| f.path.clone()));
    Ok(report)
}

/// The folder mip installs into when no target is given: the first `sys.path` entry ending in
/// `/lib` (not under `/rom`), as mip chooses; `None` when there is none.
pub fn default_target(session: &mut Session) -> Result<Option<String>> {
    let out = session.exec_capture(
        "import sys\nfor p in sys.path:\n if p.endswith('/lib') and not p.startswith('/rom'):\n  print(p)\n  break",
    )?;
    let text = String::from_utf8_lossy(&out);
    Ok(text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
