//! The host side of a mount: the local folder the board's requests act on.
//!
//! Every path the board names is taken relative to the mount root, component by component;
//! `..` above the root and (unless links are trusted) a symlink that resolves outside it are
//! refused with `EPERM`, as `mpremote mount` does. Files opened for writing go to a temporary
//! file beside their destination and are renamed over it on close, so a cut link or a reset
//! board never leaves a half-written file behind.

use std::collections::HashMap;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Turns a module's source into `.mpy` bytes for the board, or `None` to serve the source
/// (the board then compiles it, and reports a syntax error itself).
pub type ModuleCompiler = Box<dyn Fn(&Path, &[u8]) -> Option<Vec<u8>> + Send>;

/// What the host serves and how.
pub struct MountOptions {
    /// The local folder.
    pub root: PathBuf,
    /// Follow symlinks that lead out of the folder.
    pub unsafe_links: bool,
    /// Serves `name.py` modules as `name.mpy` when set.
    pub compiler: Option<ModuleCompiler>,
}

/// Errno values as MicroPython numbers them (the Linux ones), whatever the host's are.
pub(super) mod errno {
    pub const EPERM: u8 = 1;
    pub const ENOENT: u8 = 2;
    pub const EIO: u8 = 5;
    pub const EBADF: u8 = 9;
    pub const EACCES: u8 = 13;
    pub const EEXIST: u8 = 17;
    pub const ENOTDIR: u8 = 20;
    pub const EISDIR: u8 = 21;
    pub const EINVAL: u8 = 22;
    pub const ENOSPC: u8 = 28;
    pub const ENOTEMPTY: u8 = 39;
}

/// A failed request: the errno the board raises.
pub(super) type Refusal = u8;

fn refusal(error: &io::Error) -> Refusal {
    match error.kind() {
        ErrorKind::NotFound => errno::ENOENT,
        ErrorKind::PermissionDenied => errno::EACCES,
        ErrorKind::AlreadyExists => errno::EEXIST,
        ErrorKind::NotADirectory => errno::ENOTDIR,
        ErrorKind::IsADirectory => errno::EISDIR,
        ErrorKind::DirectoryNotEmpty => errno::ENOTEMPTY,
        ErrorKind::StorageFull => errno::ENOSPC,
        ErrorKind::InvalidInput | ErrorKind::InvalidFilename => errno::EINVAL,
        _ => errno::EIO,
    }
}

enum Handle {
    Read(Vec<u8>),
    Write {
        temp: PathBuf,
        dest: PathBuf,
        file: fs::File,
    },
}

/// A compiled module and the source state it was made from.
struct Compiled {
    modified: Option<SystemTime>,
    len: u64,
    mpy: Option<Vec<u8>>,
}

/// The local folder and the files the board has open in it.
pub(super) struct Host {
    root: PathBuf,
    options: MountOptions,
    handles: HashMap<u32, Handle>,
    next_handle: u32,
    compiled: HashMap<PathBuf, Compiled>,
    changes: BoardChanges,
}

/// The local paths the board changed through the mount and when, so a watcher can tell its
/// own edits from the board's (a program that logs to a file must not reload itself).
#[derive(Debug, Clone, Default)]
pub struct BoardChanges(Arc<Mutex<HashMap<PathBuf, Instant>>>);

impl BoardChanges {
    /// Whether the board changed `path` in the last `within`.
    pub fn changed_lately(&self, path: &Path, within: Duration) -> bool {
        let changes = self.0.lock().unwrap_or_else(|p| p.into_inner());
        changes.get(path).is_some_and(|at| at.elapsed() < within)
    }

    fn note(&self, path: &Path) {
        let mut changes = self.0.lock().unwrap_or_else(|p| p.into_inner());
        changes.retain(|_, at| at.elapsed() < Duration::from_secs(10));
        changes.insert(path.to_path_buf(), Instant::now());
    }
}

/// Suffix of files being written through the mount.
const TEMP_SUFFIX: &str = ".upy~";

impl Host {
    pub(super) fn new(options: MountOptions) -> io::Result<Host> {
        let root = fs::canonicalize(&options.root)?;
        if !root.is_dir() {
            return Err(io::Error::new(ErrorKind::NotADirectory, "not a folder"));
        }
        Ok(Host {
            root,
            options,
            handles: HashMap::new(),
            next_handle: 1,
            compiled: HashMap::new(),
            changes: BoardChanges::default(),
        })
    }

    /// The record of what the board changed.
    pub(super) fn changes(&self) -> BoardChanges {
        self.changes.clone()
    }

    /// The local path for a board path (relative to the mount), refusing escapes.
    fn resolve(&self, path: &str) -> Result<PathBuf, Refusal> {
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop().ok_or(errno::EPERM)?;
                }
                name if name.contains('\\') || Path::new(name).components().count() != 1 => {
                    return Err(errno::EINVAL)
                }
                name => parts.push(name),
            }
        }
        let local = parts.iter().fold(self.root.clone(), |p, part| p.join(part));
        if !self.options.unsafe_links && !self.stays_inside(&local) {
            return Err(errno::EPERM);
        }
        Ok(local)
    }

    /// Whether the deepest existing ancestor of `local` (symlinks followed) is in the root.
    fn stays_inside(&self, local: &Path) -> bool {
        let mut probe = local;
        loop {
            match fs::canonicalize(probe) {
                Ok(real) => return real.starts_with(&self.root),
                Err(_) => match probe.parent() {
                    Some(parent) if parent.starts_with(&self.root) => probe = parent,
                    _ => return false,
                },
            }
        }
    }

    /// A folder's entries as the board caches them: `kind size name` records separated by
    /// NUL, kind `d` folder, `f` file, `p` a module source served compiled (listed, but hidden
    /// from import's stat), `m` the compiled module (found by stat, not listed).
    pub(super) fn list(&mut self, path: &str) -> Result<Vec<u8>, Refusal> {
        let dir = self.resolve(path)?;
        let entries = fs::read_dir(&dir).map_err(|e| refusal(&e))?;
        let mut names: Vec<(String, fs::Metadata)> = Vec::new();
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.ends_with(TEMP_SUFFIX) {
                continue;
            }
            // Follows links, so a link to a folder lists as a folder.
            let Ok(meta) = fs::metadata(entry.path()) else {
                continue;
            };
            if !self.options.unsafe_links && !self.stays_inside(&entry.path()) {
                continue;
            }
            names.push((name, meta));
        }
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = Vec::new();
        for (name, meta) in &names {
            let mut kind = if meta.is_dir() { 'd' } else { 'f' };
            if kind == 'f' {
                if let Some(stem) = name.strip_suffix(".py") {
                    let mpy = format!("{stem}.mpy");
                    let real_mpy = names.iter().any(|(other, _)| *other == mpy);
                    if !real_mpy {
                        if let Some(size) = self.compiled_size(&dir.join(name), meta) {
                            kind = 'p';
                            out.extend_from_slice(format!("m {size} {mpy}\0").as_bytes());
                        }
                    }
                }
            }
            out.extend_from_slice(format!("{kind} {} {name}\0", meta.len()).as_bytes());
        }
        Ok(out)
    }

    /// Compiles `source` (cached while the file is unchanged); `None` without a compiler or
    /// when the module does not compile.
    fn compiled_size(&mut self, source: &Path, meta: &fs::Metadata) -> Option<usize> {
        self.compiled(source, meta).map(|mpy| mpy.len())
    }

    fn compiled(&mut self, source: &Path, meta: &fs::Metadata) -> Option<&[u8]> {
        let compiler = self.options.compiler.as_ref()?;
        let modified = meta.modified().ok();
        let fresh = self
            .compiled
            .get(source)
            .is_some_and(|c| c.modified == modified && c.len == meta.len());
        if !fresh {
            let mpy = fs::read(source)
                .ok()
                .and_then(|text| compiler(source, &text));
            self.compiled.insert(
                source.to_path_buf(),
                Compiled {
                    modified,
                    len: meta.len(),
                    mpy,
                },
            );
        }
        self.compiled.get(source)?.mpy.as_deref()
    }

    /// Opens a file; returns the handle and, for reading, the whole content.
    pub(super) fn open(&mut self, path: &str, mode: &str) -> Result<(u32, Vec<u8>), Refusal> {
        let local = self.resolve(path)?;
        let handle = self.next_handle;
        self.next_handle = self.next_handle.wrapping_add(1).max(1);
        if mode.contains('+') {
            return Err(errno::EINVAL);
        }
        if mode.contains('w') || mode.contains('a') || mode.contains('x') {
            if local.is_dir() {
                return Err(errno::EISDIR);
            }
            if mode.contains('x') && local.exists() {
                return Err(errno::EEXIST);
            }
            let name = local.file_name().ok_or(errno::EINVAL)?.to_string_lossy();
            let temp = local.with_file_name(format!(".{name}.{handle}{TEMP_SUFFIX}"));
            self.changes.note(&temp);
            if mode.contains('a') {
                match fs::copy(&local, &temp) {
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => {
                        fs::File::create(&temp).map_err(|e| refusal(&e))?;
                    }
                    Err(e) => return Err(refusal(&e)),
                }
            }
            let file = fs::OpenOptions::new()
                .append(mode.contains('a'))
                .write(true)
                .create(true)
                .truncate(!mode.contains('a'))
                .open(&temp)
                .map_err(|e| refusal(&e))?;
            self.handles.insert(
                handle,
                Handle::Write {
                    temp,
                    dest: local,
                    file,
                },
            );
            return Ok((handle, Vec::new()));
        }
        let data = match fs::read(&local) {
            Ok(data) => data,
            Err(e) if e.kind() == ErrorKind::NotFound => self.compiled_for(&local)?,
            Err(e) if local.is_dir() || e.kind() == ErrorKind::IsADirectory => {
                return Err(errno::EISDIR)
            }
            Err(e) => return Err(refusal(&e)),
        };
        self.handles.insert(handle, Handle::Read(data.clone()));
        Ok((handle, data))
    }

    /// The `.mpy` served in place of `name.py` for a missing `name.mpy`.
    fn compiled_for(&mut self, local: &Path) -> Result<Vec<u8>, Refusal> {
        let source = local
            .to_str()
            .and_then(|p| p.strip_suffix(".mpy"))
            .map(|stem| PathBuf::from(format!("{stem}.py")))
            .ok_or(errno::ENOENT)?;
        let meta = fs::metadata(&source).map_err(|_| errno::ENOENT)?;
        self.compiled(&source, &meta)
            .map(<[u8]>::to_vec)
            .ok_or(errno::ENOENT)
    }

    /// Bytes of an open file from `offset` (at most `limit`).
    pub(super) fn read(&self, handle: u32, offset: usize, limit: usize) -> Result<&[u8], Refusal> {
        match self.handles.get(&handle) {
            Some(Handle::Read(data)) => {
                let start = offset.min(data.len());
                Ok(&data[start..data.len().min(start + limit)])
            }
            _ => Err(errno::EBADF),
        }
    }

    pub(super) fn write(&mut self, handle: u32, data: &[u8]) -> Result<(), Refusal> {
        match self.handles.get_mut(&handle) {
            Some(Handle::Write { file, .. }) => file.write_all(data).map_err(|e| refusal(&e)),
            _ => Err(errno::EBADF),
        }
    }

    /// Closes a file; a written file replaces its destination only now.
    pub(super) fn close(&mut self, handle: u32) -> Result<(), Refusal> {
        match self.handles.remove(&handle) {
            Some(Handle::Read(_)) => Ok(()),
            Some(Handle::Write { temp, dest, file }) => {
                self.changes.note(&temp);
                self.changes.note(&dest);
                let finished = file.sync_all().and_then(|()| {
                    drop(file);
                    fs::rename(&temp, &dest)
                });
                finished.map_err(|e| {
                    let _ = fs::remove_file(&temp);
                    refusal(&e)
                })
            }
            None => Err(errno::EBADF),
        }
    }

    pub(super) fn remove(&mut self, path: &str) -> Result<(), Refusal> {
        let local = self.resolve(path)?;
        if local.is_dir() {
            return Err(errno::EISDIR);
        }
        self.changes.note(&local);
        fs::remove_file(local).map_err(|e| refusal(&e))
    }

    pub(super) fn rename(&mut self, from: &str, to: &str) -> Result<(), Refusal> {
        let (from, to) = (self.resolve(from)?, self.resolve(to)?);
        if from == self.root || to == self.root {
            return Err(errno::EPERM);
        }
        self.changes.note(&from);
        self.changes.note(&to);
        fs::rename(from, to).map_err(|e| refusal(&e))
    }

    pub(super) fn mkdir(&mut self, path: &str) -> Result<(), Refusal> {
        let local = self.resolve(path)?;
        self.changes.note(&local);
        fs::create_dir(local).map_err(|e| refusal(&e))
    }

    pub(super) fn rmdir(&mut self, path: &str) -> Result<(), Refusal> {
        let local = self.resolve(path)?;
        if local == self.root {
            return Err(errno::EPERM);
        }
        if !local.is_dir() {
            return Err(if local.exists() {
                errno::ENOTDIR
            } else {
                errno::ENOENT
            });
        }
        self.changes.note(&local);
        fs::remove_dir(local).map_err(|e| refusal(&e))
    }

    /// Drops every open file; files being written are abandoned (their destinations keep the
    /// old content). Called when the board forgets its mount (a reset) and when the mount ends.
    pub(super) fn forget_open_files(&mut self) {
        for (_, handle) in self.handles.drain() {
            if let Handle::Write { temp, file, .. } = handle {
                drop(file);
                let _ = fs::remove_file(temp);
            }
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.forget_open_files();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(root: &Path) -> Host {
        Host::new(MountOptions {
            root: root.to_path_buf(),
            unsafe_links: false,
            compiler: None,
        })
        .unwrap()
    }

    #[test]
    fn paths_cannot_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let host = host(dir.path());
        assert!(host.resolve("sub/../x").is_ok());
        assert_eq!(host.resolve("../x"), Err(errno::EPERM));
        assert_eq!(host.resolve("sub/../../x"), Err(errno::EPERM));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), b"s").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        let mut host = host(dir.path());
        assert_eq!(host.resolve("out/secret"), Err(errno::EPERM));
        assert_eq!(host.open("out/secret", "rb").err(), Some(errno::EPERM));
        assert_eq!(host.list("").unwrap(), b"");
    }

    #[test]
    fn a_written_file_appears_only_when_closed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("data.txt"), b"old").unwrap();
        let mut host = host(dir.path());
        let (handle, _) = host.open("data.txt", "wb").unwrap();
        host.write(handle, b"new").unwrap();
        assert_eq!(fs::read(dir.path().join("data.txt")).unwrap(), b"old");
        host.close(handle).unwrap();
        assert_eq!(fs::read(dir.path().join("data.txt")).unwrap(), b"new");
        let (handle, _) = host.open("data.txt", "ab").unwrap();
        host.write(handle, b"er").unwrap();
        host.forget_open_files();
        assert_eq!(fs::read(dir.path().join("data.txt")).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
