//! USB mass-storage bootloader drives: finding them among mounted volumes, copying a file
//! onto them with progress, and watching them after the copy.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::progress::Progress;

/// Folders under which removable drives are mounted on this system.
pub fn default_mount_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if cfg!(target_os = "macos") {
        roots.push(PathBuf::from("/Volumes"));
    } else if cfg!(windows) {
        for letter in b'D'..=b'Z' {
            roots.push(PathBuf::from(format!("{}:\\", letter as char)));
        }
    } else {
        // Desktop automounters use /media/$USER and /run/media/$USER; a board mounted by hand
        // shows up in /proc/mounts as a vfat filesystem.
        for base in ["/media", "/run/media"] {
            if let Ok(users) = std::fs::read_dir(base) {
                roots.extend(users.flatten().map(|entry| entry.path()));
            }
            roots.push(PathBuf::from(base));
        }
        if let Ok(mounts) = std::fs::read_to_string("/proc/mounts") {
            for line in mounts.lines() {
                let mut fields = line.split_whitespace();
                let (_, Some(point), Some(kind)) = (fields.next(), fields.next(), fields.next())
                else {
                    continue;
                };
                if kind == "vfat" || kind == "msdos" || kind == "exfat" {
                    roots.push(PathBuf::from(point.replace("\\040", " ")));
                }
            }
        }
    }
    roots
}

/// Drives under `roots` (or a root itself) that hold `marker` (e.g. `INFO_UF2.TXT`).
pub fn find_drives(roots: &[PathBuf], marker: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut add = |path: PathBuf| {
        if path.join(marker).is_file() && !found.contains(&path) {
            found.push(path);
        }
    };
    for root in roots {
        add(root.clone());
        if let Ok(entries) = std::fs::read_dir(root) {
            let mut children: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            children.sort();
            for child in children {
                add(child);
            }
        }
    }
    found
}

/// Describes `roots` for an error message.
pub fn describe_roots(roots: &[PathBuf]) -> String {
    let shown: Vec<String> = roots
        .iter()
        .take(6)
        .map(|p| p.display().to_string())
        .collect();
    let mut text = shown.join(", ");
    if roots.len() > shown.len() {
        text.push_str(", ...");
    }
    if text.is_empty() {
        text = "no mount folders".into();
    }
    text
}

/// Writes `bytes` to `target` in chunks, reporting progress, and flushes it to the device.
pub fn copy_with_progress(bytes: &[u8], target: &Path, progress: &mut dyn Progress) -> Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    progress.on_start(&format!("Copying {name}"), bytes.len() as u64);
    let mut file = File::create(target).map_err(|e| Error::io(target, e))?;
    let mut done = 0usize;
    for chunk in bytes.chunks(64 * 1024) {
        file.write_all(chunk).map_err(|e| Error::io(target, e))?;
        done += chunk.len();
        progress.on_bytes(done as u64);
    }
    // A bootloader drive acts on the data as it arrives; make sure all of it is sent.
    file.sync_all().map_err(|e| Error::io(target, e))?;
    progress.on_finish();
    Ok(())
}

/// Polls until `condition` holds or `timeout` passes; true if it held.
pub fn wait_for(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if condition() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
