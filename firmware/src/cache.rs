//! The firmware cache: downloads land in `<cache>/<board>/<version>/<file>`, with the SHA-256
//! recorded beside each file (`<file>.sha256`) at download time and checked on every use, so a
//! damaged or tampered file is refused before anything is written to a board.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::catalog::Download;
use crate::error::{Error, Result};
use crate::progress::Progress;

/// A file [`Cache::fetch`] made available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The cached file.
    pub path: PathBuf,
    /// Its SHA-256 (the pinned one when the catalog pins it).
    pub sha256: String,
    /// Whether it came over the network now (false: from the cache).
    pub downloaded: bool,
}

/// A firmware cache rooted at a folder.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Moves the bytes of `download` after the first `have` (already in `partial`) into
/// `partial`. The resumed request carries the validator (ETag or Last-Modified) the first
/// answer had, as `If-Range`, so a file changed on the server since comes whole instead of
/// being spliced onto the old part; a server that ignores ranges also sends everything, and
/// the part then starts over.
///
/// `Ok(false)`: the server has no such file (404), nothing was changed.
fn transfer(
    download: &Download,
    url: &str,
    partial: &Path,
    have: u64,
    progress: &mut dyn Progress,
) -> Result<bool> {
    let download_error = |reason: String| Error::Download {
        url: url.to_string(),
        reason,
    };
    let validator_path = validator_path(partial);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_recv_body(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(url);
    if have > 0 {
        request = request.header("Range", format!("bytes={have}-"));
        if let Ok(validator) = std::fs::read_to_string(&validator_path) {
            request = request.header("If-Range", validator.trim());
        }
    }
    let mut response = request.call().map_err(|e| download_error(e.to_string()))?;
    let status = response.status().as_u16();
    let full_length = response
        .headers()
        .get("content-range")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit('/').next())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match status {
        200 | 206 => {}
        404 => return Ok(false),
        // Nothing past what the part holds: complete when the server's length says so, else
        // the part is not of this file and the download starts over.
        416 if have > 0 => {
            if full_length == Some(have) {
                return Ok(true);
            }
            let _ = std::fs::remove_file(partial);
            let _ = std::fs::remove_file(&validator_path);
            return transfer(download, url, partial, 0, progress);
        }
        other => return Err(download_error(format!("http status: {other}"))),
    }
    let resumed = have > 0 && status == 206;
    let start = if resumed { have } else { 0 };
    if !resumed {
        let validator = ["etag", "last-modified"].iter().find_map(|name| {
            let value = response.headers().get(*name)?.to_str().ok()?;
            // If-Range takes only a strong ETag.
            (!value.starts_with("W/")).then(|| value.to_string())
        });
        match validator {
            Some(value) => {
                std::fs::write(&validator_path, value).map_err(|e| Error::io(&validator_path, e))?
            }
            None => {
                let _ = std::fs::remove_file(&validator_path);
            }
        }
    }
    let total = full_length
        .filter(|_| resumed)
        .or_else(|| response.body().content_length().map(|len| len + start))
        .or(download.size)
        .unwrap_or(0);
    let mut out = OpenOptions::new()
        .create(true)
        .write(true)
        .append(resumed)
        .truncate(!resumed)
        .open(partial)
        .map_err(|e| Error::io(partial, e))?;
    let label = format!("Downloading {}", download.file_name);
    progress.on_start(&label, total);
    if resumed {
        progress.on_status(&format!(
            "Resuming {} at byte {start} of {total}",
            download.file_name
        ));
    }
    let mut reader = response.body_mut().as_reader();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut done = start;
    progress.on_bytes(done);
    let cut = |done: u64, reason: String| Error::DownloadCut {
        url: url.to_string(),
        done,
        total,
        reason,
    };
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                // What arrived stays in the part file for the next attempt to continue from.
                let _ = out.sync_all();
                progress.on_finish();
                return Err(cut(done, e.to_string()));
            }
        };
        out.write_all(&buffer[..n])
            .map_err(|e| Error::io(partial, e))?;
        done += n as u64;
        progress.on_bytes(done);
    }
    out.sync_all().map_err(|e| Error::io(partial, e))?;
    progress.on_finish();
    if total != 0 && done != total {
        return Err(cut(done, "the server closed the connection early".into()));
    }
    Ok(true)
}

/// Where the validator of a part file's first answer is kept.
fn validator_path(partial: &Path) -> PathBuf {
    let mut name = partial.as_os_str().to_owned();
    name.push(".validator");
    PathBuf::from(name)
}

impl Cache {
    /// A cache in `root` (created on first download).
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `download` is (or would be) stored.
    pub fn path(&self, download: &Download) -> PathBuf {
        self.root
            .join(&download.board)
            .join(&download.version)
            .join(&download.file_name)
    }

    fn digest_path(file: &Path) -> PathBuf {
        let mut name = file.as_os_str().to_owned();
        name.push(".sha256");
        PathBuf::from(name)
    }

    /// The cached file of `download`, after checking its SHA-256 against the recorded one.
    pub fn cached(&self, download: &Download) -> Result<PathBuf> {
        let path = self.path(download);
        if !path.is_file() {
            return Err(Error::NotCached {
                board: download.board.clone(),
                version: download.version.clone(),
            });
        }
        let recorded = Self::recorded(&path)?;
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let actual = sha256_hex(&bytes);
        let expected = download
            .sha256
            .as_deref()
            .map_or(recorded.clone(), str::to_lowercase);
        if actual != recorded || actual != expected {
            return Err(Error::ChecksumMismatch {
                path,
                expected,
                actual,
            });
        }
        Ok(path)
    }

    /// Downloads `download` unless a verified copy is cached (or `force`), reporting bytes.
    ///
    /// The bytes go into a `.part` file beside the final name. When the transfer is cut, the
    /// part stays, and the next call asks the server for the rest (an HTTP range) instead of
    /// starting over. A finished download is checked against the catalog's pinned size and
    /// SHA-256 before it gets its name; one that does not match is deleted and reported with
    /// both digests, so it can never reach a board.
    pub fn fetch(
        &self,
        download: &Download,
        force: bool,
        progress: &mut dyn Progress,
    ) -> Result<Fetched> {
        let path = self.path(download);
        if !force {
            match self.cached(download) {
                Ok(path) => {
                    let sha256 = Self::recorded(&path)?;
                    return Ok(Fetched {
                        path,
                        sha256,
                        downloaded: false,
                    });
                }
                Err(Error::NotCached { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        let folder = path.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let partial = folder.join(format!(".{}.part", download.file_name));
        if force {
            let _ = std::fs::remove_file(&partial);
            let _ = std::fs::remove_file(validator_path(&partial));
        }
        let mut have = std::fs::metadata(&partial).map_or(0, |m| m.len());
        if download.size.is_some_and(|size| have > size) {
            have = 0;
        }
        let mut found = false;
        for url in std::iter::once(&download.url).chain(&download.alternatives) {
            if transfer(download, url, &partial, have, progress)? {
                if url != &download.url {
                    progress.on_status(&format!(
                        "{} was not found; took {url} (same board and release, built a day or \
                         so off the release tag's date)",
                        download.url
                    ));
                }
                found = true;
                break;
            }
        }
        if !found {
            let also = match download.alternatives.len() {
                0 => String::new(),
                n => format!(" (nor under {n} build dates around it)"),
            };
            return Err(Error::Download {
                url: download.url.clone(),
                reason: format!("http status: 404, not found{also}"),
            });
        }

        let bytes = std::fs::read(&partial).map_err(|e| Error::io(&partial, e))?;
        let actual = sha256_hex(&bytes);
        let wrong_size = download.size.is_some_and(|size| size != bytes.len() as u64);
        if let Some(expected) = &download.sha256 {
            if !expected.eq_ignore_ascii_case(&actual) || wrong_size {
                let _ = std::fs::remove_file(&partial);
                let _ = std::fs::remove_file(validator_path(&partial));
                return Err(Error::PinMismatch {
                    url: download.url.clone(),
                    expected: expected.to_lowercase(),
                    actual,
                    expected_size: download.size,
                    size: bytes.len() as u64,
                });
            }
        }
        std::fs::rename(&partial, &path).map_err(|e| Error::io(&path, e))?;
        let _ = std::fs::remove_file(validator_path(&partial));
        let digest_path = Self::digest_path(&path);
        std::fs::write(&digest_path, format!("{actual}  {}\n", download.file_name))
            .map_err(|e| Error::io(&digest_path, e))?;
        Ok(Fetched {
            path,
            sha256: actual,
            downloaded: true,
        })
    }

    /// The SHA-256 recorded beside a cached file.
    fn recorded(path: &Path) -> Result<String> {
        let digest_path = Self::digest_path(path);
        let text = std::fs::read_to_string(&digest_path).map_err(|e| Error::io(&digest_path, e))?;
        Ok(text.split_whitespace().next().unwrap_or("").to_lowercase())
    }

    /// Every cached file: (board, version, path).
    pub fn list(&self) -> Vec<(String, String, PathBuf)> {
        let mut found = Vec::new();
        let Ok(boards) = std::fs::read_dir(&self.root) else {
            return found;
        };
        for board in boards.flatten() {
            let Ok(versions) = std::fs::read_dir(board.path()) else {
                continue;
            };
            for version in versions.flatten() {
                let Ok(files) = std::fs::read_dir(version.path()) else {
                    continue;
                };
                for file in files.flatten() {
                    let path = file.path();
                    let name = file.file_name().to_string_lossy().to_string();
                    if name.starts_with('.') || name.ends_with(".sha256") {
                        continue;
                    }
                    found.push((
                        board.file_name().to_string_lossy().to_string(),
                        version.file_name().to_string_lossy().to_string(),
                        path,
                    ));
                }
            }
        }
        found.sort();
        found
    }
}

#[cfg(test)]
mod tests;
