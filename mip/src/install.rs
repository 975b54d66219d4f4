//! Putting resolved files on the board through the protocol's filesystem layer: one manifest
//! round trip, only new or changed files written (each to a temporary name, then renamed), and
//! files no longer wanted removed.

use std::collections::{BTreeSet, HashMap};

use upy_protocol::fs::{self, EntryKind, Progress, Upload};
use upy_protocol::Session;

use crate::error::{Error, Result};
use crate::resolve::ResolvedFile;

/// Files per write round trip, and content bytes per round trip.
const BATCH_FILES: usize = 32;
const BATCH_BYTES: usize = 256 * 1024;

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
    let mut to_write: Vec<(String, &ResolvedFile)> = Vec::new();
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for file in files {
        if on_board.get(&file.path) == Some(&Some(file.sha256.clone())) {
            report.unchanged.push(file.path.clone());
            continue;
        }
        let path = fs::join(&target, &file.path)?;
        dirs.insert(fs::parent(&path).to_string());
        to_write.push((path, file));
    }
    if !to_write.is_empty() {
        let dirs: Vec<String> = dirs.into_iter().filter(|d| d != "/").collect();
        session.fs().mkdirs(&dirs)?;
    }
    let mut start = 0;
    while start < to_write.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < to_write.len()
            && end - start < BATCH_FILES
            && (end == start || bytes + to_write[end].1.data.len() <= BATCH_BYTES)
        {
            bytes += to_write[end].1.data.len();
            end += 1;
        }
        let batch: Vec<Upload<'_>> = to_write[start..end]
            .iter()
            .map(|(path, file)| Upload {
                path,
                data: &file.data,
            })
            .collect();
        session.fs().write_many(&batch, progress)?;
        report
            .written
            .extend(to_write[start..end].iter().map(|(_, f)| f.path.clone()));
        start = end;
    }
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut remove = Vec::new();
    for path in stale {
        if !wanted.contains(path.as_str()) && on_board.contains_key(path) {
            remove.push(fs::join(&target, path)?);
            report.removed.push(path.clone());
        }
    }
    if !remove.is_empty() {
        session.fs().remove_many(&remove)?;
    }
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
