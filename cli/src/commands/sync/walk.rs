//! The local side: which files of LOCAL go to the board, and their contents and hashes.
//!
//! The walk honours `.gitignore` (inside a git repository or not), the project ignore file
//! `.upyignore` and `--exclude` globs (gitignore syntax). Hidden files are skipped. A file that
//! cannot be read is reported and left out, and its board copy is protected from deletion.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use sha2::{Digest as _, Sha256};

use crate::settings::PROJECT_FILE;

/// The project ignore file, read in every folder like `.gitignore`.
pub const IGNORE_FILE: &str = ".upyignore";

/// One local file as it will be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Where it is on disk.
    pub source: PathBuf,
    /// Its contents (after compiling, when `--compile` turned it into `.mpy`).
    pub data: Vec<u8>,
    /// SHA-256 of `data`.
    pub sha256: [u8; 32],
}

impl LocalFile {
    /// A file with `data`, hashing it.
    pub fn new(source: PathBuf, data: Vec<u8>) -> LocalFile {
        let sha256 = Sha256::digest(&data).into();
        LocalFile {
            source,
            data,
            sha256,
        }
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }
}

/// The local tree, keyed by path relative to LOCAL with `/` separators.
#[derive(Debug, Default, Clone)]
pub struct LocalTree {
    /// Files to send.
    pub files: BTreeMap<String, LocalFile>,
    /// Folders (including empty ones), relative.
    pub dirs: BTreeSet<String>,
    /// Files that exist but could not be read: never deleted on the board.
    pub unreadable: BTreeSet<String>,
    /// What went wrong on the way, one line each.
    pub problems: Vec<String>,
}

/// Which local files take part.
#[derive(Debug, Clone)]
pub struct Filter {
    root: PathBuf,
    overrides: ignore::overrides::Override,
}

impl Filter {
    /// A filter for LOCAL `root` with `--exclude` globs.
    pub fn new(root: &Path, excludes: &[String]) -> anyhow::Result<Filter> {
        let mut builder = OverrideBuilder::new(root);
        for glob in excludes {
            let negated = format!("!{}", glob.trim_start_matches('!'));
            builder
                .add(&negated)
                .map_err(|e| anyhow::anyhow!("bad --exclude pattern {glob:?}: {e}"))?;
        }
        let overrides = builder
            .build()
            .map_err(|e| anyhow::anyhow!("bad --exclude patterns: {e}"))?;
        Ok(Filter {
            root: root.to_path_buf(),
            overrides,
        })
    }

    fn walker(&self, start: &Path) -> WalkBuilder {
        let mut builder = WalkBuilder::new(start);
        builder
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .parents(true)
            .follow_links(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .overrides(self.overrides.clone());
        builder
    }

    /// Whether one path (relative to LOCAL) takes part, checking every parent folder too, as
    /// a full walk would. Used by the watcher for single changed paths.
    pub fn admits(&self, rel: &str) -> bool {
        let mut current = self.root.clone();
        let parts: Vec<&str> = rel.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            if part.starts_with('.') {
                return false;
            }
            current.push(part);
            let is_dir = i + 1 < parts.len() || current.is_dir();
            if self.overrides.matched(&current, is_dir).is_ignore() {
                return false;
            }
        }
        // The ignore files are checked by listing each folder on the way with the same rules
        // as a full walk: cheap, and the one place where their rules (nested files,
        // negations, folder patterns) are applied exactly.
        let mut current = self.root.clone();
        for part in &parts {
            let parent = current.clone();
            current.push(part);
            let mut builder = self.walker(&parent);
            builder.max_depth(Some(1));
            if !builder
                .build()
                .flatten()
                .any(|entry| entry.path() == current)
            {
                return false;
            }
        }
        !self.is_project_file(rel)
    }

    fn is_project_file(&self, rel: &str) -> bool {
        rel == PROJECT_FILE
    }
}

/// Relative `/`-separated path of `path` under `root`, when it is valid UTF-8.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in rel.components() {
        parts.push(component.as_os_str().to_str()?.to_string());
    }
    Some(parts.join("/"))
}

/// Walks LOCAL and reads every file that takes part.
pub fn walk(root: &Path, filter: &Filter) -> LocalTree {
    let mut tree = LocalTree::default();
    for entry in filter.walker(root).build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                tree.problems.push(err.to_string());
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Some(rel) = relative(root, entry.path()) else {
            tree.problems.push(format!(
                "{}: skipped, the name is not valid UTF-8",
                entry.path().display()
            ));
            continue;
        };
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir {
            tree.dirs.insert(rel);
            continue;
        }
        if filter.is_project_file(&rel) {
            continue;
        }
        read_into(&mut tree, root, rel);
    }
    tree
}

/// Reads one file of LOCAL into `tree`, recording a problem when it cannot be read.
pub fn read_into(tree: &mut LocalTree, root: &Path, rel: String) {
    let source = root.join(&rel);
    match std::fs::read(&source) {
        Ok(data) => {
            tree.unreadable.remove(&rel);
            tree.files.insert(rel, LocalFile::new(source, data));
        }
        Err(err) => {
            tree.problems
                .push(format!("{}: could not read it: {err}", source.display()));
            tree.files.remove(&rel);
            tree.unreadable.insert(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn honours_gitignore_upyignore_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "main.py", "print(1)");
        write(root, "lib/util.py", "x = 1");
        write(root, "lib/big.bin", "data");
        write(root, "notes.md", "notes");
        write(root, "build/out.py", "");
        write(root, "secret.py", "");
        write(root, ".gitignore", "build/\n");
        write(root, ".upyignore", "*.md\n");
        write(root, "upy.toml", "");
        let filter = Filter::new(root, &["*.bin".into(), "secret.py".into()]).unwrap();
        let tree = walk(root, &filter);
        let names: Vec<&str> = tree.files.keys().map(String::as_str).collect();
        assert_eq!(names, vec!["lib/util.py", "main.py"]);
        assert!(tree.dirs.contains("lib"));
        assert!(!tree.dirs.contains("build"));
        assert!(tree.problems.is_empty(), "{:?}", tree.problems);
        assert!(filter.admits("lib/util.py"));
        assert!(!filter.admits("build/out.py"));
        assert!(!filter.admits("notes.md"));
        assert!(!filter.admits("lib/big.bin"));
        assert!(!filter.admits(".gitignore"));
    }

    #[test]
    fn hashes_contents() {
        let file = LocalFile::new(PathBuf::from("x"), b"abc".to_vec());
        assert_eq!(
            file.sha256[..4],
            [0xba, 0x78, 0x16, 0xbf],
            "SHA-256 of 'abc' starts ba7816bf"
        );
    }
}
