//! Filesystem operations on the board, built on [`Session`].
//!
//! Every call sends a little Python to the board. Helper functions (in `device.py`) are defined
//! once per session in the raw REPL's globals, prepended to the first call that needs them and
//! sent deflated (base64) when the board can inflate them, since they cross the link on every
//! connection. Boards with a few KB of heap get them one function per exec.
//!
//! Every upload is a batch of [`Operation`]s applied by one board program ([`Fs::apply`]; a
//! single [`Fs::write`] is a batch of one). The operations travel in the code that starts it
//! (files with their sizes); the files' content follows as one stream through
//! `sys.stdin.buffer` while `micropython.kbd_intr(-1)` lets 0x03 pass as data: each file's
//! bytes, then the first 16 bytes of its SHA-256, which the board checks (with `hashlib`)
//! before renaming the temporary file over the target. The stream is cut into frames: a 4-byte
//! header (24-bit length, then the window bits to inflate with, 0 for raw bytes) and the
//! payload in units of the board's raw-paste window increment; an empty header ends it, or,
//! with window bits 255, aborts it. The board acknowledges every unit (0x06, or 0x15 once
//! something failed) after taking it in, and the host keeps at most two units
//! unacknowledged, so the board's input buffer never overflows; it answers 0x17 for each
//! operation done. Frames are independent deflate blocks (up to 32 KB, sized from free
//! memory, spanning small files) when that is at most 90% of the raw size. The first
//! upload of a session probes the board, defines the helpers and starts receiving in one exec;
//! small batches on a board known to stream carry their content in the code instead. Boards
//! without raw input get one exec per operation, content as the smaller of base64 and
//! deflate+base64 (or bytes literals without `binascii`). Every write goes to a temporary name,
//! renamed over the target only once complete, so a full filesystem or a pulled cable leaves
//! the old file.
//!
//! Downloads print a `size mode` line, then the raw bytes through `sys.stdout.buffer`,
//! deflated in frames where the board can compress (see [`Fs::read`]), or base64 or hex lines
//! on boards without binary output.

mod batch;
mod download;
mod path;
mod upload;

pub use batch::Operation;
use path::dev_path;
pub use path::{file_name, join, normalize, parent, py_bytes, py_str};

use crate::error::{errno, DeviceException, Error, Result};
use crate::facts::FsSpace;
use crate::session::Session;

const DEVICE_CODE: &str = include_str!("device.py");

/// Removes every helper name from the board's globals.
/// The names are one string, not a tuple of strings: a board with a few KB of heap, still
/// holding the helpers, can compile that.
pub(crate) const HELPER_CLEANUP: &str = "for n in '_a _F _j _k _mv _ls _hx _h _walk _rm _op _ib _rx _up _dn _qw _dz'.split():\n try:del globals()[n]\n except KeyError:pass\nimport gc\ngc.collect()";

/// Suffix of the temporary file a write goes to before it is renamed into place.
pub const TEMP_SUFFIX: &str = ".upy~";

/// Kind of a directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// A directory.
    Dir,
    /// A regular file.
    File,
}

/// One entry of a directory listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name inside its directory (or the path relative to the walked root).
    pub name: String,
    /// File or directory.
    pub kind: EntryKind,
    /// Size in bytes (0 for directories).
    pub size: u64,
    /// SHA-256 of the content, when asked for and the board has `hashlib`.
    pub sha256: Option<[u8; 32]>,
}

/// Receives transfer progress; every method has a no-op default.
pub trait Progress {
    /// A batch of `operations` carrying `bytes` of file content begins ([`Fs::apply`]).
    fn on_batch_start(&mut self, _operations: usize, _bytes: u64) {}
    /// Operation `index` of the batch is done on the board.
    fn on_operation_done(&mut self, _index: usize) {}
    /// A file transfer begins.
    fn on_file_start(&mut self, _path: &str, _size: u64) {}
    /// `bytes` more payload bytes have reached their destination.
    fn on_bytes(&mut self, _bytes: u64) {}
    /// The file is complete.
    fn on_file_done(&mut self, _path: &str) {}
}

/// Ignores progress.
pub struct NoProgress;

impl Progress for NoProgress {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Helpers {
    Core = 1,
    List = 2,
    Upload = 4,
    Download = 8,
    Op = 16,
    CompressedDownload = 32,
}

/// Filesystem operations; get one with [`Session::fs`].
pub struct Fs<'s> {
    pub(crate) session: &'s mut Session,
}

impl Session {
    /// The board's filesystem.
    pub fn fs(&mut self) -> Fs<'_> {
        Fs { session: self }
    }
}

impl Fs<'_> {
    /// Runs `code` after defining the helper groups it needs (once per session), returning
    /// stdout. OSErrors become the matching typed error for `path`.
    pub(crate) fn run(&mut self, needs: &[Helpers], code: &str, path: &str) -> Result<Vec<u8>> {
        let source = self.missing_helper_source(needs);
        if source.len() > 400 && self.inflates_code().is_none() {
            // First contact: send the helpers deflated, guarded; a board without deflate says
            // so with 0x15 and gets them plain below.
            let indented: String = code.lines().map(|line| format!(" {line}\n")).collect();
            let guarded = format!(
                "try:\n import deflate,binascii,io\n {}\n _ok=1\nexcept ImportError:_ok=0\nif _ok:\n{indented}else:print('\\x15')",
                deflate_code(&source)
            );
            let result = self.session.exec_capture(&guarded);
            match result {
                Ok(out) if out.first() == Some(&0x15) => self.session.inflates_code = Some(false),
                other if !is_memory_error(&other) => {
                    self.session.inflates_code = Some(true);
                    self.mark_loaded(needs, &other);
                    return other.map_err(|err| map_os_error(err, path));
                }
                _ => self.session.inflates_code = Some(false),
            }
        }
        let prelude = self.prelude_for(needs);
        let full = format!("{prelude}{code}");
        let mut result = self.session.exec_capture(&full);
        self.mark_loaded(needs, &result);
        if !prelude.is_empty() && is_memory_error(&result) {
            // A small heap cannot compile helpers and operation at once: define the helpers a
            // function at a time, then run the operation alone.
            self.load_helpers_piecewise(needs)?;
            result = self.session.exec_capture(code);
        }
        result.map_err(|err| map_os_error(err, path))
    }

    /// Defines the missing helper groups in several small execs (for boards with a few KB of
    /// heap, which cannot compile them in one piece).
    pub(crate) fn load_helpers_piecewise(&mut self, needs: &[Helpers]) -> Result<()> {
        let source = self.missing_helper_source(needs);
        for piece in split_top_level(&source, 400) {
            self.session.exec_capture(&piece)?;
        }
        for &group in [Helpers::Core].iter().chain(needs) {
            self.session.helpers_loaded |= group as u8;
            self.session.helper_cleanup = Some(HELPER_CLEANUP);
        }
        Ok(())
    }

    pub(crate) fn missing_helper_source(&self, needs: &[Helpers]) -> String {
        let mut source = String::new();
        let mut included = 0u8;
        for &group in [Helpers::Core].iter().chain(needs) {
            if (self.session.helpers_loaded | included) & (group as u8) == 0 {
                source.push_str(helper_source(group));
                included |= group as u8;
            }
        }
        source
    }

    pub(crate) fn prelude_for(&self, needs: &[Helpers]) -> String {
        let source = self.missing_helper_source(needs);
        // Helpers cross the link on every connection: deflate them when the board can inflate.
        let compress = self.inflates_code() == Some(true);
        if compress && source.len() > 400 {
            return format!("import deflate,io,binascii\n{}\n", deflate_code(&source));
        }
        source
    }

    /// Whether the board inflates deflated code, from what is known so far.
    fn inflates_code(&self) -> Option<bool> {
        self.session.inflates_code.or_else(|| {
            (self.session.cached_info.as_ref())
                .or(self.session.info_before_reset.as_ref())
                .map(|info| info.features.deflate && info.features.binascii)
        })
    }

    pub(crate) fn mark_loaded<T>(&mut self, needs: &[Helpers], result: &Result<T>) {
        // The definitions run before the operation, so they exist unless the code never ran.
        let defined = match result {
            Ok(_) => true,
            Err(Error::Exception(exception)) => {
                !matches!(exception.kind.as_str(), "MemoryError" | "SyntaxError")
            }
            Err(_) => false,
        };
        if defined {
            for &group in [Helpers::Core].iter().chain(needs) {
                self.session.helpers_loaded |= group as u8;
                self.session.helper_cleanup = Some(HELPER_CLEANUP);
            }
        }
    }

    /// The entry at `path`, or None when nothing is there.
    pub fn stat(&mut self, path: &str) -> Result<Option<Entry>> {
        let path = normalize(path)?;
        let out = self.run(
            &[],
            &format!(
                "k=_k({})\nprint(k[0],k[1]) if k else print('-')",
                dev_path(&path)
            ),
            &path,
        )?;
        let text = String::from_utf8_lossy(&out);
        let line = text.trim();
        if line == "-" {
            return Ok(None);
        }
        let (kind, size) = line
            .split_once(' ')
            .ok_or_else(|| self.session.unexpected("reading a stat", out.as_slice()))?;
        Ok(Some(Entry {
            name: file_name(&path).to_string(),
            kind: if kind == "d" {
                EntryKind::Dir
            } else {
                EntryKind::File
            },
            size: size.trim().parse().unwrap_or(0),
            sha256: None,
        }))
    }

    /// Lists a directory (sorted: directories first, then by name). Listing a file gives that
    /// one entry.
    pub fn ls(&mut self, path: &str) -> Result<Vec<Entry>> {
        let path = normalize(path)?;
        let code = format!(
            "p={}\nk=_k(p)\nif k is None:raise OSError(2)\nif k[0]=='f':print('f %d - %s'%(k[1],p.split('/')[-1]))\nelse:\n for t,s,n in _ls(p):print('%s %d - %s'%(t,s,n))",
            dev_path(&path)
        );
        let out = self.run(&[Helpers::List], &code, &path)?;
        let mut entries = parse_entries(&out);
        sort_entries(&mut entries);
        Ok(entries)
    }

    /// Every entry below `path`, recursively, named by their path relative to it ('/'-separated),
    /// with SHA-256 of each file when `hashes` (and the board has `hashlib`). One round trip:
    /// this is the manifest `sync` compares against.
    pub fn walk(&mut self, path: &str, hashes: bool) -> Result<Vec<Entry>> {
        let path = normalize(path)?;
        let code = format!(
            "p={}\nk=_k(p)\nif k is None:raise OSError(2)\nif k[0]=='f':raise OSError(20)\n_walk(p,'',{})",
            dev_path(&path),
            u8::from(hashes)
        );
        let out = self.run(&[Helpers::List], &code, &path)?;
        let mut entries = parse_entries(&out);
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    /// Path, size and SHA-256 of every file (and every directory) under `path`.
    pub fn manifest(&mut self, path: &str) -> Result<Vec<Entry>> {
        self.walk(path, true)
    }

    /// Creates a directory; with `parents`, missing parents too and an existing directory is
    /// fine.
    pub fn mkdir(&mut self, path: &str, parents: bool) -> Result<()> {
        let path = normalize(path)?;
        self.mkdirs_inner(&[path], parents)
    }

    /// Creates several directories (with parents, existing ones fine) in one round trip.
    pub fn mkdirs(&mut self, paths: &[String]) -> Result<()> {
        let normalized = paths
            .iter()
            .map(|p| normalize(p))
            .collect::<Result<Vec<_>>>()?;
        self.mkdirs_inner(&normalized, true)
    }

    fn mkdirs_inner(&mut self, paths: &[String], parents: bool) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let list = paths
            .iter()
            .map(|p| py_str(p))
            .collect::<Vec<_>>()
            .join(",");
        let code = if parents {
            format!(
                "for p in ({list},):\n q=''\n for c in p.split('/'):\n  if not c:continue\n  q+='/'+c;k=_k(q)\n  if k is None:os.mkdir(q)\n  elif k[0]!='d':raise OSError(20)"
            )
        } else {
            format!("for p in ({list},):\n if _k(p):raise OSError(17)\n os.mkdir(p)")
        };
        let first = paths.first().cloned().unwrap_or_default();
        self.run(&[], &code, &first)
            .map(|_| ())
            .map_err(|err| match err {
                Error::Exception(exc) if exc.kind == "AttributeError" => Error::Unsupported {
                    feature: "directories (its filesystem is flat)",
                },
                other => other,
            })
    }

    /// Removes an empty directory.
    pub fn rmdir(&mut self, path: &str) -> Result<()> {
        let path = normalize(path)?;
        let code = format!(
            "p={}\nk=_k(p)\nif k is None:raise OSError(2)\nif k[0]!='d':raise OSError(20)\nif _ls(p):raise OSError(39)\nos.rmdir(p)",
            dev_path(&path)
        );
        self.run(&[Helpers::List], &code, &path).map(|_| ())
    }

    /// Removes a file (not a directory).
    pub fn remove(&mut self, path: &str) -> Result<()> {
        let path = normalize(path)?;
        let code = format!(
            "p={}\nk=_k(p)\nif k is None:raise OSError(2)\nif k[0]=='d':raise OSError(21)\nos.remove(p)",
            dev_path(&path)
        );
        self.run(&[], &code, &path).map(|_| ())
    }

    /// Removes files or whole directory trees, several in one round trip. Refuses `/`.
    pub fn remove_many(&mut self, paths: &[String]) -> Result<()> {
        let normalized = paths
            .iter()
            .map(|p| normalize(p))
            .collect::<Result<Vec<_>>>()?;
        if normalized.is_empty() {
            return Ok(());
        }
        if let Some(root) = normalized.iter().find(|p| p.as_str() == "/") {
            return Err(Error::PathOutsideRoot { path: root.clone() });
        }
        let list = normalized
            .iter()
            .map(|p| py_str(p))
            .collect::<Vec<_>>()
            .join(",");
        // Check every path first, so a typo removes nothing.
        let code = format!(
            "L=({list},)\nm=[p for p in L if _k(_a(p)) is None]\nif m:print(m[0])\nelse:\n for p in L:_rm(_a(p))"
        );
        let out = self.run(&[Helpers::List], &code, "")?;
        let missing = String::from_utf8_lossy(&out).trim().to_string();
        if !missing.is_empty() {
            return Err(Error::RemoteNotFound { path: missing });
        }
        Ok(())
    }

    /// Removes a file or a directory tree.
    pub fn remove_recursive(&mut self, path: &str) -> Result<()> {
        let path = normalize(path)?;
        self.remove_many(std::slice::from_ref(&path))
            .map_err(|err| map_os_error(err, &path))
    }

    /// Renames (moves) a file or directory.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        let from = normalize(from)?;
        let to = normalize(to)?;
        let code = format!(
            "if _k({0}) is None:raise OSError(2)\nif _k({1}):raise OSError(17)\n_mv({0},{1})",
            dev_path(&from),
            dev_path(&to)
        );
        self.run(&[], &code, &from).map(|_| ())
    }

    /// Creates an empty file at `path` unless something is there already (its content is kept).
    pub fn touch(&mut self, path: &str) -> Result<()> {
        let path = normalize(path)?;
        let code = format!("if _k({0}) is None:open({0},'w').close()", dev_path(&path));
        self.run(&[], &code, &path).map(|_| ())
    }

    /// Space on the filesystem holding `path` (usually `/`).
    pub fn df(&mut self, path: &str) -> Result<FsSpace> {
        let path = normalize(path)?;
        let code = format!("s=os.statvfs({})\nprint(s[0],s[2],s[3])", py_str(&path));
        let out = self.run(&[], &code, &path).map_err(|err| match err {
            Error::Exception(exc) if exc.kind == "AttributeError" => Error::Unsupported {
                feature: "os.statvfs (free space)",
            },
            other => other,
        })?;
        let numbers: Vec<u64> = String::from_utf8_lossy(&out)
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        match numbers[..] {
            [block_size, blocks, free] => Ok(FsSpace {
                block_size,
                total: block_size.saturating_mul(blocks),
                free: block_size.saturating_mul(free),
            }),
            _ => Err(self.session.unexpected("reading free space", &out)),
        }
    }

    /// SHA-256 of a file, computed on the board (or, without `hashlib` there, by reading the
    /// file back and hashing here).
    pub fn sha256(&mut self, path: &str) -> Result<[u8; 32]> {
        let path = normalize(path)?;
        let code = format!(
            "p={}\nk=_k(p)\nif k is None:raise OSError(2)\nif k[0]=='d':raise OSError(21)\nprint(_h(p))",
            dev_path(&path)
        );
        let out = self.run(&[Helpers::List], &code, &path)?;
        let text = String::from_utf8_lossy(&out);
        match parse_hex32(text.trim()) {
            Some(hash) => Ok(hash),
            None if text.trim() == "-" => {
                use sha2::Digest as _;
                let data = self.read(&path, &mut NoProgress)?;
                Ok(sha2::Sha256::digest(&data).into())
            }
            None => Err(self.session.unexpected("reading a SHA-256", &out)),
        }
    }
}

fn helper_source(group: Helpers) -> &'static str {
    device_section(match group {
        Helpers::Core => "core",
        Helpers::List => "list",
        Helpers::Upload => "up",
        Helpers::Download => "dn",
        Helpers::Op => "op",
        Helpers::CompressedDownload => "dz",
    })
}

/// The part of `device.py` after the line `#@name`, up to the next such line.
pub(crate) fn device_section(name: &str) -> &'static str {
    let marker = format!("#@{name}\n");
    let start = DEVICE_CODE.find(&marker).map_or(0, |i| i + marker.len());
    let rest = &DEVICE_CODE[start..];
    let end = rest.find("#@").unwrap_or(rest.len());
    &rest[..end]
}

/// A statement that inflates and runs `source` on the board (needs `deflate` and `binascii`).
pub(crate) fn deflate_code(source: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(source.as_bytes(), 10);
    // The board inflates with a window of 2^wbits bytes; the source fits in it.
    let wbits = source
        .len()
        .next_power_of_two()
        .trailing_zeros()
        .clamp(9, 15);
    format!(
        "exec(deflate.DeflateIO(io.BytesIO(binascii.a2b_base64(b'{}')),deflate.RAW,{wbits}).read())",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, packed)
    )
}

fn is_memory_error<T>(result: &Result<T>) -> bool {
    matches!(result, Err(Error::Exception(exception)) if exception.kind == "MemoryError")
}

/// Splits Python source into runnable pieces of about `limit` bytes, cutting only between
/// top-level statements (a `def` stays whole; `except`/`else` stay with their `try`/`if`).
pub(crate) fn split_top_level(source: &str, limit: usize) -> Vec<String> {
    let mut statements: Vec<String> = Vec::new();
    for line in source.lines() {
        let continues = line.starts_with(' ')
            || ["except", "else", "elif", "finally"]
                .iter()
                .any(|word| line.starts_with(word));
        match statements.last_mut() {
            Some(last) if continues => {
                last.push_str(line);
                last.push('\n');
            }
            _ => statements.push(format!("{line}\n")),
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    for statement in statements {
        match pieces.last_mut() {
            Some(last) if last.len() + statement.len() <= limit => last.push_str(&statement),
            _ => pieces.push(statement),
        }
    }
    pieces
}

/// Lines `kind size sha256-or-dash name`.
fn parse_entries(out: &[u8]) -> Vec<Entry> {
    let text = String::from_utf8_lossy(out);
    let mut entries = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let mut parts = line.splitn(4, ' ');
        let (Some(kind), Some(size), Some(hash), Some(name)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let kind = match kind {
            "d" => EntryKind::Dir,
            "f" => EntryKind::File,
            _ => continue,
        };
        entries.push(Entry {
            name: name.to_string(),
            kind,
            size: size.parse().unwrap_or(0),
            sha256: parse_hex32(hash),
        });
    }
    entries
}

fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
}

/// Decodes 64 hex digits.
pub(crate) fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Turns a board OSError into the typed error for `path`.
pub(crate) fn map_os_error(err: Error, path: &str) -> Error {
    let Error::Exception(exception) = err else {
        return err;
    };
    let path = path.to_string();
    match os_errno(&exception) {
        Some(errno::ENOENT) => Error::RemoteNotFound { path },
        Some(errno::EEXIST) => Error::RemoteExists { path },
        Some(errno::ENOTDIR) => Error::RemoteNotADirectory { path },
        Some(errno::EISDIR) => Error::RemoteIsADirectory { path },
        Some(errno::ENOTEMPTY) => Error::RemoteDirectoryNotEmpty { path },
        Some(errno::ENOSPC) => Error::FilesystemFull { path },
        _ => Error::Exception(exception),
    }
}

fn os_errno(exception: &DeviceException) -> Option<i32> {
    if exception.kind == "OSError" {
        exception.errno
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helper_groups_are_split_and_sendable() {
        for group in [
            Helpers::Core,
            Helpers::List,
            Helpers::Upload,
            Helpers::Download,
            Helpers::Op,
            Helpers::CompressedDownload,
        ] {
            let source = helper_source(group);
            assert!(
                source.starts_with("import sys") || source.starts_with("def "),
                "{source}"
            );
            assert!(!source.contains("#@"));
            assert!(crate::raw_repl::is_sendable_code(source.as_bytes()));
        }
        assert!(helper_source(Helpers::Upload).contains("def _up("));
        assert!(helper_source(Helpers::Op).contains("def _op("));
        assert!(helper_source(Helpers::Download).contains("def _dn("));
        assert!(helper_source(Helpers::CompressedDownload).contains("def _dz("));
    }

    #[test]
    fn splits_between_top_level_statements() {
        let source = "import sys\ntry:import os\nexcept ImportError:import uos as os\ndef f():\n return 1\ndef g():\n return 2\n";
        let pieces = split_top_level(source, 40);
        assert_eq!(pieces.concat(), source);
        assert!(pieces.iter().any(|p| p.contains("try:import os\nexcept")));
        assert!(pieces
            .iter()
            .all(|p| !p.starts_with(' ') && !p.starts_with("except")));
        assert!(pieces.len() >= 2);
        let whole = split_top_level(helper_source(Helpers::Upload), 400);
        assert!(whole.iter().any(|p| p.starts_with("def _up(")));
    }

    #[test]
    fn parses_listing_lines() {
        let hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        let out = format!("d 0 - lib\r\nf 5 {hash} a b.txt\nnoise\n");
        let entries = parse_entries(out.as_bytes());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].kind, EntryKind::Dir);
        assert_eq!(entries[1].name, "a b.txt");
        assert_eq!(entries[1].size, 5);
        assert_eq!(entries[1].sha256.map(|h| h[0]), Some(0x2c));
    }

    #[test]
    fn maps_errnos_to_typed_errors() {
        let exc = |text: &[u8]| Error::Exception(DeviceException::parse(text));
        assert!(matches!(
            map_os_error(exc(b"OSError: [Errno 2] ENOENT"), "/x"),
            Error::RemoteNotFound { .. }
        ));
        assert!(matches!(
            map_os_error(exc(b"OSError: 28"), "/x"),
            Error::FilesystemFull { .. }
        ));
        assert!(matches!(
            map_os_error(exc(b"ValueError: 2"), "/x"),
            Error::Exception(_)
        ));
    }
}
