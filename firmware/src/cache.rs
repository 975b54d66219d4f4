//! The firmware cache: downloads land in `<cache>/<board>/<version>/<file>`, with the SHA-256
//! recorded beside each file (`<file>.sha256`) at download time and checked on every use, so a
//! damaged or tampered file is refused before anything is written to a board.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::catalog::Download;
use crate::error::{Error, Result};
use crate::progress::Progress;

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
        let recorded_path = Self::digest_path(&path);
        let recorded =
            std::fs::read_to_string(&recorded_path).map_err(|e| Error::io(&recorded_path, e))?;
        let recorded = recorded
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let actual = sha256_hex(&bytes);
        let expected = download.sha256.clone().unwrap_or(recorded.clone());
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
    pub fn fetch(
        &self,
        download: &Download,
        force: bool,
        progress: &mut dyn Progress,
    ) -> Result<PathBuf> {
        if !force {
            match self.cached(download) {
                Ok(path) => return Ok(path),
                Err(Error::NotCached { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        let path = self.path(download);
        let folder = path.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let download_error = |reason: String| Error::Download {
            url: download.url.clone(),
            reason,
        };

        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_recv_body(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut response = agent
            .get(&download.url)
            .call()
            .map_err(|e| download_error(e.to_string()))?;
        let total = response.body().content_length().unwrap_or(0);
        progress.on_start(&format!("Downloading {}", download.file_name), total);

        let partial = folder.join(format!(".{}.part", download.file_name));
        let mut out = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let mut hasher = Sha256::new();
        let mut reader = response.body_mut().as_reader();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut done = 0u64;
        loop {
            let n = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(download_error(e.to_string()));
                }
            };
            hasher.update(&buffer[..n]);
            out.write_all(&buffer[..n])
                .map_err(|e| Error::io(&partial, e))?;
            done += n as u64;
            progress.on_bytes(done);
        }
        out.sync_all().map_err(|e| Error::io(&partial, e))?;
        drop(out);
        progress.on_finish();
        if total != 0 && done != total {
            let _ = std::fs::remove_file(&partial);
            return Err(download_error(format!("got {done} of {total} bytes")));
        }
        let actual = hex(&hasher.finalize());
        if let Some(expected) = &download.sha256 {
            if !expected.eq_ignore_ascii_case(&actual) {
                let _ = std::fs::remove_file(&partial);
                return Err(Error::ChecksumMismatch {
                    path,
                    expected: expected.clone(),
                    actual,
                });
            }
        }
        std::fs::rename(&partial, &path).map_err(|e| Error::io(&path, e))?;
        let digest_path = Self::digest_path(&path);
        std::fs::write(&digest_path, format!("{actual}  {}\n", download.file_name))
            .map_err(|e| Error::io(&digest_path, e))?;
        Ok(path)
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
