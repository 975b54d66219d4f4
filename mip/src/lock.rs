//! `upy.lock`: the exact packages, versions and file hashes a project installed, so every later
//! install is the same, and what changed between two of them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Name of the lock file, beside `upy.toml`.
pub const LOCK_FILE: &str = "upy.lock";

/// Format version written in the file.
pub const LOCK_VERSION: u32 = 1;

const HEADER: &str = "# upy.lock: written by `upy mip sync`; commit it, do not edit it.\n\n";

/// The contents of `upy.lock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// Format version ([`LOCK_VERSION`]).
    pub version: u32,
    /// Index base URL used.
    pub index: String,
    /// Index file format asked for: `6` (compiled for .mpy v6) or `py`.
    pub format: String,
    /// Folder on the board the packages went into.
    pub target: String,
    /// The project's dependencies as given (`name@version`, `github:org/repo@branch`, ...).
    #[serde(default)]
    pub requested: Vec<String>,
    /// Board paths (relative to `target`) written by the last sync, removed when no longer
    /// wanted.
    #[serde(default)]
    pub installed: Vec<String>,
    /// Every package, dependencies included.
    #[serde(default, rename = "package")]
    pub packages: Vec<LockedPackage>,
}

/// One package in the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedPackage {
    /// Name (the index name, or the URL or path it came from).
    pub name: String,
    /// The spec it was resolved from (`name@version`).
    pub spec: String,
    /// The version its description gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Index file format its files came in (`6` or `py`), for index packages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Its dependencies, as specs.
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// Its files.
    #[serde(default)]
    pub files: Vec<LockedFile>,
}

/// One file in the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedFile {
    /// Path relative to the target.
    pub path: String,
    /// Full SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Where it is downloaded from (a URL, or a local path relative to the project).
    pub url: String,
}

impl Lock {
    /// Reads a lock file; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<Lock>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let lock: Lock = toml::from_str(&text).map_err(|e| Error::BadLock {
            path: path.to_path_buf(),
            reason: e.to_string().trim_end().to_string(),
        })?;
        if lock.version != LOCK_VERSION {
            return Err(Error::BadLock {
                path: path.to_path_buf(),
                reason: format!(
                    "format version {} (this upy writes {LOCK_VERSION}); delete it to resolve again",
                    lock.version
                ),
            });
        }
        Ok(Some(lock))
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// Writes the file through a temporary name of this process's own, so boards installed in
    /// parallel (one process each) never write into each other's partial file.
    pub fn write(&self, path: &Path) -> Result<()> {
        let partial = path.with_extension(format!("lock.part{}", std::process::id()));
        std::fs::write(&partial, self.to_text()).map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, path).map_err(|e| Error::io(path, e))
    }
}

/// How one package differs between two locks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Newly installed.
    Added {
        /// Package name.
        name: String,
        /// Its version.
        version: Option<String>,
    },
    /// No longer wanted.
    Removed {
        /// Package name.
        name: String,
        /// The version it had.
        version: Option<String>,
    },
    /// Another version, or the same version with other files.
    Updated {
        /// Package name.
        name: String,
        /// The version before.
        from: Option<String>,
        /// The version now.
        to: Option<String>,
    },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = |version: &Option<String>| version.clone().unwrap_or_else(|| "-".to_string());
        match self {
            Change::Added { name, version } => write!(f, "+ {name} {}", v(version)),
            Change::Removed { name, version } => write!(f, "- {name} {}", v(version)),
            Change::Updated { name, from, to } if from == to => {
                write!(f, "~ {name} {} (files changed)", v(to))
            }
            Change::Updated { name, from, to } => write!(f, "~ {name} {} -> {}", v(from), v(to)),
        }
    }
}

/// The package changes from `old` (none: nothing installed) to `new`, by name.
pub fn diff(old: Option<&Lock>, new: &Lock) -> Vec<Change> {
    let by_name = |lock: &Lock| -> BTreeMap<String, LockedPackage> {
        lock.packages
            .iter()
            .map(|p| (p.name.clone(), p.clone()))
            .collect()
    };
    let before = old.map(by_name).unwrap_or_default();
    let after = by_name(new);
    let mut changes = Vec::new();
    for (name, package) in &after {
        match before.get(name) {
            None => changes.push(Change::Added {
                name: name.clone(),
                version: package.version.clone(),
            }),
            Some(previous)
                if previous.version != package.version || previous.files != package.files =>
            {
                changes.push(Change::Updated {
                    name: name.clone(),
                    from: previous.version.clone(),
                    to: package.version.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for (name, package) in &before {
        if !after.contains_key(name) {
            changes.push(Change::Removed {
                name: name.clone(),
                version: package.version.clone(),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(packages: &[(&str, &str, &str)]) -> Lock {
        Lock {
            version: LOCK_VERSION,
            index: "http://i".into(),
            format: "6".into(),
            target: "/lib".into(),
            requested: vec!["a".into()],
            installed: vec!["a.mpy".into()],
            packages: packages
                .iter()
                .map(|(name, version, hash)| LockedPackage {
                    name: name.to_string(),
                    spec: name.to_string(),
                    version: Some(version.to_string()),
                    format: Some("6".into()),
                    dependencies: vec![],
                    files: vec![LockedFile {
                        path: format!("{name}.mpy"),
                        sha256: hash.to_string(),
                        url: format!("http://i/file/{hash}"),
                    }],
                })
                .collect(),
        }
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        assert_eq!(Lock::read(&path).unwrap(), None);
        let original = lock(&[("a", "1.0", "aa"), ("b", "2.0", "bb")]);
        original.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# upy.lock"), "{text}");
        assert_eq!(Lock::read(&path).unwrap(), Some(original));
        std::fs::write(&path, "version = 1\nbogus = 2\n").unwrap();
        assert!(matches!(Lock::read(&path), Err(Error::BadLock { .. })));
    }

    #[test]
    fn reports_added_removed_and_updated_packages() {
        let old = lock(&[("a", "1.0", "aa"), ("b", "2.0", "bb"), ("c", "1", "cc")]);
        let new = lock(&[("a", "1.1", "ab"), ("b", "2.0", "bb"), ("d", "3", "dd")]);
        let changes: Vec<String> = diff(Some(&old), &new)
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(changes, ["~ a 1.0 -> 1.1", "+ d 3", "- c 1"]);
        assert_eq!(diff(Some(&new), &new), vec![]);
        assert_eq!(diff(None, &new).len(), 3);
    }
}
