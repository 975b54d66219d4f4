//! The plan: what must change on the board so that REMOTE mirrors LOCAL.
//!
//! A pure function of the wanted tree (local files under their board names), the board's
//! manifest and the options. Every path here is relative to REMOTE, checked to stay inside it,
//! so nothing outside REMOTE can be touched whatever the manifest or the local names say.
//! `boot.py` and the keep list are protected from deletion unless the user asks otherwise.

use std::collections::{BTreeMap, BTreeSet};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::walk::LocalFile;

/// Suffix of the temporary name a file is written to before being renamed into place: the
/// protocol's, shared with `upy cp`.
pub const TEMP_SUFFIX: &str = upy_protocol::fs::TEMP_SUFFIX;
/// The suffix sync used before it shared the protocol's; such leftovers are cleaned up too.
const OLD_TEMP_SUFFIX: &str = ".upytmp";

/// How many leading bytes of a file's SHA-256 the manifest carries (96 bits).
pub const SHA256_PREFIX: usize = 12;

/// The manifest's form of a full SHA-256.
pub fn sha256_prefix(hash: &[u8; 32]) -> [u8; SHA256_PREFIX] {
    let mut prefix = [0u8; SHA256_PREFIX];
    prefix.copy_from_slice(&hash[..SHA256_PREFIX]);
    prefix
}

/// What the board reported about one file's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteDigest {
    /// The first [`SHA256_PREFIX`] bytes of the SHA-256, from boards with `hashlib` (enough
    /// to tell versions of a file apart, and a third of the bytes on a slow link).
    Sha256Prefix([u8; SHA256_PREFIX]),
    /// Adler-32, computed in Python on boards without `hashlib`.
    Adler32(u32),
    /// Nothing known beyond the size.
    Unknown,
}

/// One file on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteFile {
    /// Size in bytes.
    pub size: u64,
    /// Digest of the contents.
    pub digest: RemoteDigest,
}

/// What is under REMOTE on the board, relative to REMOTE.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteTree {
    /// Whether REMOTE itself exists.
    pub exists: bool,
    /// Files.
    pub files: BTreeMap<String, RemoteFile>,
    /// Folders.
    pub dirs: BTreeSet<String>,
}

/// What the board should hold, relative to REMOTE.
#[derive(Debug, Clone, Default)]
pub struct WantedTree {
    /// Files under their board names, with their contents.
    pub files: BTreeMap<String, LocalFile>,
    /// Folders, including empty ones.
    pub dirs: BTreeSet<String>,
    /// Board names whose local file could not be read: left as they are.
    pub untouchable: BTreeSet<String>,
    /// Board names that must go because a wanted file replaces them (a stale `x.py` would be
    /// imported instead of the new `x.mpy`).
    pub shadowed: BTreeSet<String>,
    /// Board names whose local file was removed while watching: deleted even without
    /// `--delete` (protection still applies).
    pub removed: BTreeSet<String>,
}

/// Choices that shape the plan.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// Remove board files that are not wanted.
    pub delete: bool,
    /// Also remove `boot.py` and files matched by the keep list.
    pub delete_kept: bool,
    /// Board paths (relative to REMOTE) that deletion leaves alone.
    pub keep: KeepList,
}

/// Patterns of board files protected from deletion, plus `boot.py` at the root of REMOTE.
#[derive(Debug, Clone, Default)]
pub struct KeepList {
    full_path: GlobSet,
    file_name: GlobSet,
    folders: Vec<String>,
}

impl KeepList {
    /// Builds the list from patterns: `dir/` keeps a folder and all below it, a pattern without
    /// `/` matches a file name anywhere, any other pattern matches the whole relative path.
    pub fn new(patterns: &[String]) -> Result<KeepList, globset::Error> {
        let mut full_path = GlobSetBuilder::new();
        let mut file_name = GlobSetBuilder::new();
        let mut folders = Vec::new();
        for pattern in patterns {
            let pattern = pattern.trim_start_matches('/');
            if let Some(folder) = pattern.strip_suffix('/') {
                folders.push(folder.to_string());
            } else if pattern.contains('/') {
                full_path.add(GlobBuilder::new(pattern).literal_separator(true).build()?);
            } else {
                file_name.add(GlobBuilder::new(pattern).build()?);
            }
        }
        Ok(KeepList {
            full_path: full_path.build()?,
            file_name: file_name.build()?,
            folders,
        })
    }

    /// Whether `rel` (a board path relative to REMOTE) is protected.
    pub fn protects(&self, rel: &str) -> bool {
        if rel == "boot.py" {
            return true;
        }
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.full_path.is_match(rel)
            || self.file_name.is_match(name)
            || self
                .folders
                .iter()
                .any(|f| rel == f || rel.starts_with(&format!("{f}/")))
    }
}

/// Why a file is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutReason {
    /// Not on the board.
    New,
    /// On the board with other contents.
    Changed,
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Put {
    /// Board path relative to REMOTE.
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
    /// Why.
    pub reason: PutReason,
}

/// One board entry to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delete {
    /// Board path relative to REMOTE.
    pub rel: String,
    /// A folder (removed after its contents).
    pub is_dir: bool,
}

/// The changes, in the order they are applied: `cleanup`, `mkdirs`, `puts`, `deletes`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// REMOTE does not exist and is created first.
    pub create_root: bool,
    /// Leftovers removed before anything else: temporary files of an interrupted sync,
    /// shadowed files, and board entries in the way of a wanted entry of the other kind.
    pub cleanup: Vec<Delete>,
    /// Folders to create, parents first.
    pub mkdirs: Vec<String>,
    /// Files to write.
    pub puts: Vec<Put>,
    /// Files then folders (deepest first) to remove.
    pub deletes: Vec<Delete>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Board files that are not wanted but were kept (protected, or `--delete` not given).
    pub kept: Vec<String>,
}

impl Plan {
    /// Whether the board is already up to date.
    pub fn is_empty(&self) -> bool {
        !self.create_root
            && self.cleanup.is_empty()
            && self.mkdirs.is_empty()
            && self.puts.is_empty()
            && self.deletes.is_empty()
    }

    /// Total bytes to write.
    pub fn bytes(&self) -> u64 {
        self.puts.iter().map(|p| p.size).sum()
    }
}

/// Why no plan could be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    /// A name would leave REMOTE or is not a plain relative path.
    #[error("{path:?} is not a plain path inside the remote folder")]
    UnsafePath {
        /// The offending path.
        path: String,
    },
    /// The board has a folder where a file goes, or the other way round.
    #[error("on the board, {path} is a {found} where a {wanted} should go; rerun with --delete to replace it")]
    KindConflict {
        /// The path relative to REMOTE.
        path: String,
        /// What the board has.
        found: &'static str,
        /// What is wanted.
        wanted: &'static str,
    },
}

/// Whether `rel` is a plain relative path: no root, no `.`/`..`, no empty parts.
pub fn is_plain_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains('\0')
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Adler-32 as computed by the board's fallback hash.
pub fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn same_contents(local: &LocalFile, remote: &RemoteFile) -> bool {
    if remote.size != local.size() {
        return false;
    }
    match remote.digest {
        RemoteDigest::Sha256Prefix(prefix) => prefix == sha256_prefix(&local.sha256),
        RemoteDigest::Adler32(sum) => sum == adler32(&local.data),
        RemoteDigest::Unknown => false,
    }
}

fn parent(rel: &str) -> Option<&str> {
    rel.rsplit_once('/').map(|(p, _)| p)
}

fn is_under(rel: &str, dir: &str) -> bool {
    rel.len() > dir.len() && rel.starts_with(dir) && rel.as_bytes()[dir.len()] == b'/'
}

/// Makes the plan.
pub fn plan(
    wanted: &WantedTree,
    remote: &RemoteTree,
    options: &PlanOptions,
) -> Result<Plan, PlanError> {
    for rel in wanted
        .files
        .keys()
        .chain(&wanted.dirs)
        .chain(remote.files.keys())
        .chain(&remote.dirs)
        .chain(&wanted.shadowed)
    {
        if !is_plain_relative(rel) {
            return Err(PlanError::UnsafePath { path: rel.clone() });
        }
    }

    let mut result = Plan {
        create_root: !remote.exists,
        ..Plan::default()
    };

    // Every folder a wanted file needs, plus the wanted folders themselves.
    let mut wanted_dirs: BTreeSet<String> = wanted.dirs.clone();
    for rel in wanted.files.keys() {
        let mut current = parent(rel);
        while let Some(dir) = current {
            wanted_dirs.insert(dir.to_string());
            current = parent(dir);
        }
    }

    // Entries of the wrong kind in the way.
    let mut cleared_dirs: BTreeSet<String> = BTreeSet::new();
    let mut cleared_files: BTreeSet<String> = BTreeSet::new();
    for rel in wanted.files.keys() {
        if remote.dirs.contains(rel) {
            if !options.delete {
                return Err(PlanError::KindConflict {
                    path: rel.clone(),
                    found: "folder",
                    wanted: "file",
                });
            }
            cleared_dirs.insert(rel.clone());
        }
    }
    for rel in &wanted_dirs {
        if remote.files.contains_key(rel) {
            if !options.delete {
                return Err(PlanError::KindConflict {
                    path: rel.clone(),
                    found: "file",
                    wanted: "folder",
                });
            }
            cleared_files.insert(rel.clone());
        }
    }
    let inside_cleared = |rel: &str| cleared_dirs.iter().any(|d| rel == d || is_under(rel, d));

    for rel in remote.files.keys() {
        let stale_temp = rel.ends_with(TEMP_SUFFIX) || rel.ends_with(OLD_TEMP_SUFFIX);
        if stale_temp
            || wanted.shadowed.contains(rel)
            || cleared_files.contains(rel)
            || inside_cleared(rel)
        {
            result.cleanup.push(Delete {
                rel: rel.clone(),
                is_dir: false,
            });
        }
    }
    let mut cleared_tree: Vec<&String> = remote.dirs.iter().filter(|d| inside_cleared(d)).collect();
    cleared_tree.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for dir in cleared_tree {
        result.cleanup.push(Delete {
            rel: dir.clone(),
            is_dir: true,
        });
    }

    for dir in &wanted_dirs {
        if !remote.dirs.contains(dir) || cleared_dirs.contains(dir) {
            result.mkdirs.push(dir.clone());
        }
    }
    // BTreeSet order puts "a" before "a/b": parents first.

    for (rel, file) in &wanted.files {
        let on_board = if inside_cleared(rel) || cleared_files.contains(rel) {
            None
        } else {
            remote.files.get(rel)
        };
        match on_board {
            Some(remote_file) if same_contents(file, remote_file) => result.unchanged += 1,
            Some(_) => result.puts.push(Put {
                rel: rel.clone(),
                size: file.size(),
                reason: PutReason::Changed,
            }),
            None => result.puts.push(Put {
                rel: rel.clone(),
                size: file.size(),
                reason: PutReason::New,
            }),
        }
    }

    // Unwanted board entries.
    let already_gone: BTreeSet<&String> = result.cleanup.iter().map(|d| &d.rel).collect();
    let mut surviving_files: Vec<&String> = Vec::new();
    for rel in remote.files.keys() {
        if wanted.files.contains_key(rel) || already_gone.contains(rel) {
            continue;
        }
        let protected = wanted.untouchable.contains(rel)
            || (!options.delete_kept && options.keep.protects(rel));
        if (options.delete || wanted.removed.contains(rel)) && !protected {
            result.deletes.push(Delete {
                rel: rel.clone(),
                is_dir: false,
            });
        } else {
            result.kept.push(rel.clone());
            surviving_files.push(rel);
        }
    }
    if options.delete {
        let mut dirs: Vec<&String> = remote
            .dirs
            .iter()
            .filter(|d| !wanted_dirs.contains(*d) && !already_gone.contains(d))
            .filter(|d| !surviving_files.iter().any(|f| is_under(f, d)))
            .filter(|d| options.delete_kept || !options.keep.protects(d))
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for dir in dirs {
            result.deletes.push(Delete {
                rel: dir.clone(),
                is_dir: true,
            });
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn local(text: &str) -> LocalFile {
        LocalFile::new(PathBuf::from("x"), text.as_bytes().to_vec())
    }

    fn wanted(files: &[(&str, &str)]) -> WantedTree {
        WantedTree {
            files: files
                .iter()
                .map(|(rel, text)| (rel.to_string(), local(text)))
                .collect(),
            ..WantedTree::default()
        }
    }

    fn remote(files: &[(&str, &str)], dirs: &[&str]) -> RemoteTree {
        RemoteTree {
            exists: true,
            files: files
                .iter()
                .map(|(rel, text)| {
                    let file = local(text);
                    (
                        rel.to_string(),
                        RemoteFile {
                            size: file.size(),
                            digest: RemoteDigest::Sha256Prefix(sha256_prefix(&file.sha256)),
                        },
                    )
                })
                .collect(),
            dirs: dirs.iter().map(|d| d.to_string()).collect(),
        }
    }

    fn deleting() -> PlanOptions {
        PlanOptions {
            delete: true,
            ..PlanOptions::default()
        }
    }

    fn rels(deletes: &[Delete]) -> Vec<&str> {
        deletes.iter().map(|d| d.rel.as_str()).collect()
    }

    #[test]
    fn nothing_to_do_when_contents_match() {
        let plan = plan(
            &wanted(&[("main.py", "a"), ("lib/x.py", "b")]),
            &remote(&[("main.py", "a"), ("lib/x.py", "b")], &["lib"]),
            &deleting(),
        )
        .unwrap();
        assert!(plan.is_empty(), "{plan:?}");
        assert_eq!(plan.unchanged, 2);
    }

    #[test]
    fn sends_new_and_changed_files_and_makes_folders_parents_first() {
        let plan = plan(
            &wanted(&[("main.py", "new"), ("a/b/c.py", "c"), ("same.py", "s")]),
            &remote(&[("main.py", "old"), ("same.py", "s")], &[]),
            &PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(plan.mkdirs, vec!["a", "a/b"]);
        let puts: Vec<(&str, PutReason)> = plan
            .puts
            .iter()
            .map(|p| (p.rel.as_str(), p.reason))
            .collect();
        assert_eq!(
            puts,
            vec![
                ("a/b/c.py", PutReason::New),
                ("main.py", PutReason::Changed)
            ]
        );
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.bytes(), 4);
    }

    #[test]
    fn same_size_different_hash_is_sent() {
        let plan = plan(
            &wanted(&[("a.py", "xy")]),
            &remote(&[("a.py", "yx")], &[]),
            &PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(plan.puts.len(), 1);
    }

    #[test]
    fn unknown_digest_is_resent_and_adler_is_compared() {
        let mut board = remote(&[], &[]);
        board.files.insert(
            "a.py".into(),
            RemoteFile {
                size: 1,
                digest: RemoteDigest::Unknown,
            },
        );
        board.files.insert(
            "b.py".into(),
            RemoteFile {
                size: 1,
                digest: RemoteDigest::Adler32(adler32(b"b")),
            },
        );
        let plan = plan(
            &wanted(&[("a.py", "a"), ("b.py", "b")]),
            &board,
            &PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(plan.puts.len(), 1);
        assert_eq!(plan.puts[0].rel, "a.py");
    }

    #[test]
    fn adler32_matches_the_reference_value() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn keeps_stale_files_without_delete() {
        let plan = plan(
            &wanted(&[("main.py", "a")]),
            &remote(&[("main.py", "a"), ("old.py", "o")], &[]),
            &PlanOptions::default(),
        )
        .unwrap();
        assert!(plan.deletes.is_empty());
        assert_eq!(plan.kept, vec!["old.py"]);
    }

    #[test]
    fn delete_removes_stale_files_and_then_empty_folders_deepest_first() {
        let plan = plan(
            &wanted(&[("main.py", "a")]),
            &remote(
                &[("main.py", "a"), ("old.py", "o"), ("x/y/z.py", "z")],
                &["x", "x/y"],
            ),
            &deleting(),
        )
        .unwrap();
        assert_eq!(rels(&plan.deletes), vec!["old.py", "x/y/z.py", "x/y", "x"]);
        assert!(plan.deletes[2].is_dir && plan.deletes[3].is_dir);
    }

    #[test]
    fn boot_py_and_keep_list_survive_delete() {
        let mut options = deleting();
        options.keep =
            KeepList::new(&["data/".into(), "*.json".into(), "cfg/a.txt".into()]).unwrap();
        let plan = plan(
            &wanted(&[("main.py", "a")]),
            &remote(
                &[
                    ("boot.py", "b"),
                    ("data/log.txt", "l"),
                    ("x/settings.json", "s"),
                    ("cfg/a.txt", "a"),
                    ("cfg/b.txt", "b"),
                    ("lib/boot.py", "not the boot file"),
                ],
                &["data", "x", "cfg", "lib"],
            ),
            &options,
        )
        .unwrap();
        assert_eq!(rels(&plan.deletes), vec!["cfg/b.txt", "lib/boot.py", "lib"]);
        assert_eq!(
            plan.kept,
            vec!["boot.py", "cfg/a.txt", "data/log.txt", "x/settings.json"]
        );
    }

    #[test]
    fn delete_kept_removes_protected_files_too() {
        let mut options = deleting();
        options.delete_kept = true;
        options.keep = KeepList::new(&["*.json".into()]).unwrap();
        let plan = plan(
            &wanted(&[]),
            &remote(&[("boot.py", "b"), ("a.json", "j")], &[]),
            &options,
        )
        .unwrap();
        assert_eq!(rels(&plan.deletes), vec!["a.json", "boot.py"]);
    }

    #[test]
    fn unreadable_local_files_are_never_deleted() {
        let mut want = wanted(&[]);
        want.untouchable.insert("locked.py".into());
        let plan = plan(&want, &remote(&[("locked.py", "l")], &[]), &deleting()).unwrap();
        assert!(plan.deletes.is_empty());
    }

    #[test]
    fn refuses_paths_leaving_remote() {
        for bad in ["../etc/passwd", "/abs.py", "a//b.py", "a/./b.py", ""] {
            let err = plan(&wanted(&[(bad, "x")]), &remote(&[], &[]), &deleting()).unwrap_err();
            assert!(matches!(err, PlanError::UnsafePath { .. }), "{bad}");
            let err = plan(&wanted(&[]), &remote(&[(bad, "x")], &[]), &deleting()).unwrap_err();
            assert!(matches!(err, PlanError::UnsafePath { .. }), "{bad}");
        }
    }

    #[test]
    fn stale_temporary_files_and_shadowed_sources_are_cleaned_up() {
        let mut want = wanted(&[("lib/m.mpy", "compiled")]);
        want.shadowed.insert("lib/m.py".into());
        let plan = plan(
            &want,
            &remote(
                &[
                    ("lib/m.py", "source"),
                    ("main.py.upytmp", "half"),
                    ("boot.py.upy~", "half"),
                ],
                &["lib"],
            ),
            &PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(
            rels(&plan.cleanup),
            vec!["boot.py.upy~", "lib/m.py", "main.py.upytmp"]
        );
        assert!(plan.deletes.is_empty());
    }

    #[test]
    fn kind_conflicts_need_delete() {
        let err = plan(
            &wanted(&[("lib", "file now")]),
            &remote(&[("lib/x.py", "x")], &["lib"]),
            &PlanOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, PlanError::KindConflict { .. }));
        let plan = plan(
            &wanted(&[("lib", "file now")]),
            &remote(&[("lib/x.py", "x")], &["lib"]),
            &deleting(),
        )
        .unwrap();
        assert_eq!(rels(&plan.cleanup), vec!["lib/x.py", "lib"]);
        assert_eq!(plan.puts[0].rel, "lib");
        assert!(plan.deletes.is_empty());
    }

    #[test]
    fn missing_remote_root_is_created() {
        let mut board = remote(&[], &[]);
        board.exists = false;
        let plan = plan(&wanted(&[("a.py", "a")]), &board, &PlanOptions::default()).unwrap();
        assert!(plan.create_root);
    }
}
