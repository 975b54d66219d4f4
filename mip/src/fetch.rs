//! Getting bytes: the [`Fetcher`] trait (HTTP in production, anything in tests) and the
//! download [`Cache`] keyed by SHA-256.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered 404.
    NotFound,
    /// The server answered another error status.
    Status(u16),
    /// No answer: no network, connection refused, timeout, DNS.
    Network(String),
}

/// Gets the body at a URL.
pub trait Fetcher {
    /// The whole body of `url`.
    fn get(&self, url: &str) -> std::result::Result<Vec<u8>, FetchError>;
}

/// [`Fetcher`] over HTTP(S) with `ureq`.
pub struct HttpFetcher {
    agent: ureq::Agent,
}

impl Default for HttpFetcher {
    fn default() -> Self {
        HttpFetcher::new()
    }
}

impl HttpFetcher {
    /// An agent with connect and read timeouts.
    pub fn new() -> HttpFetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_recv_body(Some(Duration::from_secs(60)))
            .build()
            .into();
        HttpFetcher { agent }
    }
}

impl Fetcher for HttpFetcher {
    fn get(&self, url: &str) -> std::result::Result<Vec<u8>, FetchError> {
        match self.agent.get(url).call() {
            Ok(mut response) => {
                let mut body = Vec::new();
                response
                    .body_mut()
                    .with_config()
                    .limit(64 * 1024 * 1024)
                    .reader()
                    .read_to_end(&mut body)
                    .map_err(|e| FetchError::Network(e.to_string()))?;
                Ok(body)
            }
            Err(ureq::Error::StatusCode(404)) => Err(FetchError::NotFound),
            Err(ureq::Error::StatusCode(status)) => Err(FetchError::Status(status)),
            Err(other) => Err(FetchError::Network(other.to_string())),
        }
    }
}

/// Lowercase hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Downloads kept on disk: `files/<sha256>` for content (found by full hash or by the short
/// hash prefix the index uses), `docs/<sha256 of url>` for package descriptions and files
/// without a known hash, used when the network is unreachable.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// A cache in `root` (created on first store).
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Content whose SHA-256 is or starts with `hash` (lowercase hex), checked on read.
    pub fn file(&self, hash: &str) -> Option<Vec<u8>> {
        let hash = hash.to_ascii_lowercase();
        let dir = self.root.join("files");
        let candidates: Vec<PathBuf> = if hash.len() == 64 {
            vec![dir.join(&hash)]
        } else {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
                .ok()?
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(&hash))
                .map(|e| e.path())
                .collect();
            found.sort();
            found
        };
        candidates.into_iter().find_map(|path| {
            let data = std::fs::read(&path).ok()?;
            let actual = sha256_hex(&data);
            let name = path.file_name()?.to_string_lossy().to_string();
            (actual == name && actual.starts_with(&hash)).then_some(data)
        })
    }

    /// Stores content under its SHA-256; returns the hash.
    pub fn store_file(&self, data: &[u8]) -> Result<String> {
        let hash = sha256_hex(data);
        self.write(&self.root.join("files").join(&hash), data)?;
        Ok(hash)
    }

    /// The last copy fetched from `url`.
    pub fn doc(&self, url: &str) -> Option<Vec<u8>> {
        std::fs::read(self.doc_path(url)).ok()
    }

    /// Remembers what `url` answered.
    pub fn store_doc(&self, url: &str, data: &[u8]) -> Result<()> {
        self.write(&self.doc_path(url), data)
    }

    fn doc_path(&self, url: &str) -> PathBuf {
        self.root.join("docs").join(sha256_hex(url.as_bytes()))
    }

    /// Writes through a temporary name, so a reader never sees half a file.
    fn write(&self, path: &Path, data: &[u8]) -> Result<()> {
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let partial = dir.join(format!(".{name}.{}.part", std::process::id()));
        std::fs::write(&partial, data).map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, path).map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_by_full_hash_and_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let hash = cache.store_file(b"hello").unwrap();
        assert_eq!(cache.file(&hash).as_deref(), Some(&b"hello"[..]));
        assert_eq!(cache.file(&hash[..8]).as_deref(), Some(&b"hello"[..]));
        assert!(cache.file("00000000").is_none());
        // A damaged cached file is not returned.
        std::fs::write(dir.path().join("files").join(&hash), b"jello").unwrap();
        assert!(cache.file(&hash[..8]).is_none());
    }

    #[test]
    fn remembers_documents_by_url() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert!(cache.doc("http://x/a.json").is_none());
        cache.store_doc("http://x/a.json", b"{}").unwrap();
        assert_eq!(cache.doc("http://x/a.json").as_deref(), Some(&b"{}"[..]));
    }
}
