//! Resolution: from package specs to the exact files to install, following dependencies,
//! checking every file against its hash, using the cache and the lock's pins.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::fetch::{sha256_hex, Cache, FetchError, Fetcher};
use crate::lock::{Lock, LockedFile, LockedPackage};
use crate::source::{self, SourceKind, Spec};

/// How to resolve.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base URL of the package index (no trailing `/`).
    pub index: String,
    /// The board's .mpy version (`6`), to ask the index for compiled files; `None` asks for
    /// sources (`py`), as mip's `--no-mpy`.
    pub mpy: Option<u8>,
    /// Folder that relative local paths are relative to.
    pub base_dir: PathBuf,
}

impl Options {
    /// The index's name for the file format asked for: `6` or `py`.
    pub fn format(&self) -> String {
        self.mpy.map_or_else(|| "py".to_string(), |v| v.to_string())
    }
}

/// A file ready for the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedFile {
    /// Path relative to the install target, `/`-separated.
    pub path: String,
    /// The content.
    pub data: Vec<u8>,
    /// SHA-256 of `data`, lowercase hex.
    pub sha256: String,
    /// The package that ships it.
    pub package: String,
}

/// The outcome of [`Resolver::resolve`].
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Every package, in install order (depth first, as mip installs), each once.
    pub packages: Vec<LockedPackage>,
    /// Every file to install; a path shipped twice keeps the later package's content.
    pub files: Vec<ResolvedFile>,
    /// URLs served from the cache because the network could not be reached.
    pub offline: Vec<String>,
    /// Packages taken from the lock's pins instead of resolved afresh.
    pub pinned: Vec<String>,
}

impl Resolution {
    /// The lock file describing this resolution.
    pub fn lock(&self, options: &Options, target: &str, requested: &[Spec]) -> Lock {
        Lock {
            version: crate::lock::LOCK_VERSION,
            index: options.index.clone(),
            format: options.format(),
            target: target.to_string(),
            requested: requested.iter().map(Spec::to_text).collect(),
            installed: Vec::new(),
            packages: self.packages.clone(),
        }
    }
}

/// A package description: index JSON (`hashes`) or package.json (`urls`), both with `deps`.
#[derive(Debug, Default, Deserialize)]
struct PackageJson {
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    hashes: Vec<(String, String)>,
    #[serde(default)]
    urls: Vec<(String, String)>,
    #[serde(default)]
    deps: Vec<Vec<serde_json::Value>>,
}

/// Resolves specs to files.
pub struct Resolver<'a> {
    fetcher: &'a dyn Fetcher,
    cache: Option<&'a Cache>,
    options: &'a Options,
    pins: HashMap<String, LockedPackage>,
    seen: HashSet<String>,
    packages: Vec<LockedPackage>,
    files: BTreeMap<String, (usize, ResolvedFile)>,
    order: usize,
    offline: Vec<String>,
    pinned: Vec<String>,
}

impl<'a> Resolver<'a> {
    /// A resolver fetching through `fetcher`, caching in `cache` when given.
    pub fn new(fetcher: &'a dyn Fetcher, cache: Option<&'a Cache>, options: &'a Options) -> Self {
        Resolver {
            fetcher,
            cache,
            options,
            pins: HashMap::new(),
            seen: HashSet::new(),
            packages: Vec::new(),
            files: BTreeMap::new(),
            order: 0,
            offline: Vec::new(),
            pinned: Vec::new(),
        }
    }

    /// Reuses the packages `lock` pinned (same spec, same index and format): their files are
    /// taken by hash, from the cache or their recorded URL, and never re-resolved.
    pub fn with_pins(mut self, lock: &Lock) -> Self {
        if lock.index == self.options.index && lock.format == self.options.format() {
            for package in &lock.packages {
                self.pins.insert(package.spec.clone(), package.clone());
            }
        }
        self
    }

    /// Resolves `specs` and all their dependencies.
    pub fn resolve(mut self, specs: &[Spec]) -> Result<Resolution> {
        for spec in specs {
            self.package(spec)?;
        }
        let mut files: Vec<(usize, ResolvedFile)> = self.files.into_values().collect();
        files.sort_by_key(|(order, _)| *order);
        Ok(Resolution {
            packages: self.packages,
            files: files.into_iter().map(|(_, f)| f).collect(),
            offline: self.offline,
            pinned: self.pinned,
        })
    }

    fn package(&mut self, spec: &Spec) -> Result<()> {
        if !self.seen.insert(spec.source.clone()) {
            return Ok(());
        }
        let key = spec.to_text();
        if let Some(pin) = self.pins.get(&key).cloned() {
            return self.pinned_package(pin);
        }
        let package = match spec.kind() {
            SourceKind::Index => self.index_package(spec)?,
            SourceKind::Remote | SourceKind::Local => self.json_package(spec)?,
            SourceKind::RemoteFile | SourceKind::LocalFile => self.single_file(spec)?,
        };
        let deps = package.dependencies.clone();
        self.packages.push(package);
        for dep in deps {
            self.package(&Spec::parse(&dep)?)?;
        }
        Ok(())
    }

    fn pinned_package(&mut self, pin: LockedPackage) -> Result<()> {
        for file in &pin.files {
            let data = self.file_by_full_hash(&pin.name, file)?;
            self.add_file(&pin.name, &file.path, data);
        }
        self.pinned.push(pin.name.clone());
        let deps = pin.dependencies.clone();
        self.packages.push(pin);
        for dep in deps {
            self.package(&Spec::parse(&dep)?)?;
        }
        Ok(())
    }

    fn index_url(&self, format: &str, name: &str, version: &str) -> String {
        format!(
            "{}/package/{format}/{name}/{version}.json",
            self.options.index
        )
    }

    fn index_package(&mut self, spec: &Spec) -> Result<LockedPackage> {
        let name = spec.source.as_str();
        let version = spec.version.as_deref().unwrap_or("latest");
        let immutable = version != "latest";
        let mut formats = vec![self.options.format()];
        if formats[0] != "py" {
            // No compiled variant for this .mpy version: take the sources.
            formats.push("py".to_string());
        }
        let mut found = None;
        for format in &formats {
            let url = self.index_url(format, name, version);
            if let Some(body) = self.doc(&url, immutable)? {
                found = Some((url, format.clone(), body));
                break;
            }
        }
        let Some((url, format, body)) = found else {
            if version != "latest" {
                for format in &formats {
                    let url = self.index_url(format, name, "latest");
                    if let Some(body) = self.doc(&url, false)? {
                        let latest = parse_json(&url, &body)?.version.map(version_text);
                        return Err(Error::VersionNotFound {
                            name: name.to_string(),
                            version: version.to_string(),
                            index: self.options.index.clone(),
                            latest,
                        });
                    }
                }
            }
            return Err(Error::UnknownPackage {
                name: name.to_string(),
                index: self.options.index.clone(),
            });
        };
        let json = parse_json(&url, &body)?;
        let mut files = Vec::new();
        for (dest, hash) in &json.hashes {
            files.push(self.hashed_file(name, dest, hash)?);
        }
        for (dest, file_url) in &json.urls {
            let location = self.join_location(source::base_of(&url), file_url);
            files.push(self.url_file(name, dest, &location, spec.version.as_deref())?);
        }
        Ok(LockedPackage {
            name: name.to_string(),
            spec: spec.to_text(),
            version: json.version.map(version_text),
            format: Some(format),
            dependencies: deps_of(&url, &json.deps)?,
            files,
        })
    }

    fn json_package(&mut self, spec: &Spec) -> Result<LockedPackage> {
        let name = spec.source.clone();
        let json_location = source::package_json_of(&spec.source);
        let branch = spec.version.as_deref();
        let body = if source::is_remote(&json_location) {
            let url = source::rewrite_url(&json_location, branch);
            self.doc(&url, false)?
        } else {
            self.local(&json_location)?
        };
        let Some(body) = body else {
            return Err(Error::PackageNotFound {
                url: source::rewrite_url(&json_location, branch),
            });
        };
        let json = parse_json(&json_location, &body)?;
        let base = source::base_of(&json_location).to_string();
        let mut files = Vec::new();
        for (dest, hash) in &json.hashes {
            files.push(self.hashed_file(&name, dest, hash)?);
        }
        for (dest, file_url) in &json.urls {
            let location = self.join_location(&base, file_url);
            files.push(self.url_file(&name, dest, &location, branch)?);
        }
        Ok(LockedPackage {
            name,
            spec: spec.to_text(),
            version: json.version.map(version_text),
            format: None,
            dependencies: deps_of(&json_location, &json.deps)?,
            files,
        })
    }

    fn single_file(&mut self, spec: &Spec) -> Result<LockedPackage> {
        let name = spec.source.clone();
        let dest = source::last_segment(&spec.source).to_string();
        let file = self.url_file(&name, &dest, &spec.source, spec.version.as_deref())?;
        Ok(LockedPackage {
            name,
            spec: spec.to_text(),
            version: spec.version.clone(),
            format: None,
            dependencies: Vec::new(),
            files: vec![file],
        })
    }

    /// A relative file URL in a package.json is relative to the package.json's folder.
    fn join_location(&self, base: &str, location: &str) -> String {
        if source::is_remote(location) || base.is_empty() || Path::new(location).is_absolute() {
            location.to_string()
        } else {
            format!("{base}/{location}")
        }
    }

    /// A file the index stores by hash, checked against it.
    fn hashed_file(&mut self, package: &str, dest: &str, hash: &str) -> Result<LockedFile> {
        check_dest(package, dest)?;
        let hash = hash.to_ascii_lowercase();
        if hash.len() < 2 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::BadPackageJson {
                url: package.to_string(),
                reason: format!("{hash:?} is not a hash"),
            });
        }
        let url = format!("{}/file/{}/{hash}", self.options.index, &hash[..2]);
        let data = match self.cache.and_then(|c| c.file(&hash)) {
            Some(data) => data,
            None => {
                let data = self.fetch_file(package, dest, &url)?;
                let actual = sha256_hex(&data);
                if !actual.starts_with(&hash) {
                    return Err(Error::HashMismatch {
                        path: dest.to_string(),
                        url,
                        expected: hash,
                        actual,
                    });
                }
                self.store_file(&data)?;
                data
            }
        };
        let sha256 = sha256_hex(&data);
        self.add_file(package, dest, data);
        Ok(LockedFile {
            path: dest.to_string(),
            sha256,
            url,
        })
    }

    /// A file named by URL or local path (no hash known before it arrives).
    fn url_file(
        &mut self,
        package: &str,
        dest: &str,
        location: &str,
        branch: Option<&str>,
    ) -> Result<LockedFile> {
        check_dest(package, dest)?;
        let data = if source::is_remote(location) {
            let url = source::rewrite_url(location, branch);
            let data = match self.doc(&url, false)? {
                Some(data) => data,
                None => {
                    return Err(Error::FileNotFound {
                        package: package.to_string(),
                        path: dest.to_string(),
                        url,
                    })
                }
            };
            self.store_file(&data)?;
            (url, data)
        } else {
            match self.local(location)? {
                Some(data) => (location.to_string(), data),
                None => {
                    return Err(Error::FileNotFound {
                        package: package.to_string(),
                        path: dest.to_string(),
                        url: location.to_string(),
                    })
                }
            }
        };
        let (url, data) = data;
        let sha256 = sha256_hex(&data);
        self.add_file(package, dest, data);
        Ok(LockedFile {
            path: dest.to_string(),
            sha256,
            url,
        })
    }

    /// A pinned file: from the cache by hash, else from its URL, checked against the hash.
    fn file_by_full_hash(&mut self, package: &str, file: &LockedFile) -> Result<Vec<u8>> {
        check_dest(package, &file.path)?;
        if let Some(data) = self.cache.and_then(|c| c.file(&file.sha256)) {
            return Ok(data);
        }
        let data = if source::is_remote(&file.url) {
            self.fetch_file(package, &file.path, &file.url)?
        } else {
            self.local(&file.url)?.ok_or_else(|| Error::FileNotFound {
                package: package.to_string(),
                path: file.path.clone(),
                url: file.url.clone(),
            })?
        };
        let actual = sha256_hex(&data);
        if actual != file.sha256.to_ascii_lowercase() {
            return Err(Error::HashMismatch {
                path: file.path.clone(),
                url: file.url.clone(),
                expected: file.sha256.clone(),
                actual,
            });
        }
        self.store_file(&data)?;
        Ok(data)
    }

    fn fetch_file(&mut self, package: &str, dest: &str, url: &str) -> Result<Vec<u8>> {
        match self.fetcher.get(url) {
            Ok(data) => Ok(data),
            Err(FetchError::NotFound) => Err(Error::FileNotFound {
                package: package.to_string(),
                path: dest.to_string(),
                url: url.to_string(),
            }),
            Err(FetchError::Status(status)) => Err(Error::HttpStatus {
                url: url.to_string(),
                status,
            }),
            Err(FetchError::Network(reason)) => Err(Error::Network {
                url: url.to_string(),
                reason,
            }),
        }
    }

    fn store_file(&self, data: &[u8]) -> Result<()> {
        if let Some(cache) = self.cache {
            cache.store_file(data)?;
        }
        Ok(())
    }

    fn add_file(&mut self, package: &str, dest: &str, data: Vec<u8>) {
        self.order += 1;
        let file = ResolvedFile {
            path: dest.to_string(),
            sha256: sha256_hex(&data),
            data,
            package: package.to_string(),
        };
        self.files.insert(dest.to_string(), (self.order, file));
    }

    /// A document by URL: from the cache first when `immutable`, else from the network with
    /// the cache as fallback when the network is unreachable. `None` on 404.
    fn doc(&mut self, url: &str, immutable: bool) -> Result<Option<Vec<u8>>> {
        if immutable {
            if let Some(data) = self.cache.and_then(|c| c.doc(url)) {
                return Ok(Some(data));
            }
        }
        match self.fetcher.get(url) {
            Ok(data) => {
                if let Some(cache) = self.cache {
                    cache.store_doc(url, &data)?;
                }
                Ok(Some(data))
            }
            Err(FetchError::NotFound) => Ok(None),
            Err(FetchError::Status(status)) => Err(Error::HttpStatus {
                url: url.to_string(),
                status,
            }),
            Err(FetchError::Network(reason)) => match self.cache.and_then(|c| c.doc(url)) {
                Some(data) => {
                    self.offline.push(url.to_string());
                    Ok(Some(data))
                }
                None => Err(Error::Network {
                    url: url.to_string(),
                    reason,
                }),
            },
        }
    }

    /// A local file, relative to the base folder; `None` when it does not exist.
    fn local(&self, location: &str) -> Result<Option<Vec<u8>>> {
        let path = self.options.base_dir.join(location);
        match std::fs::read(&path) {
            Ok(data) => Ok(Some(data)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }
}

fn parse_json(url: &str, body: &[u8]) -> Result<PackageJson> {
    serde_json::from_slice(body).map_err(|e| Error::BadPackageJson {
        url: url.to_string(),
        reason: e.to_string(),
    })
}

fn version_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// `deps` entries `[name]` or `[name, version]` as spec texts.
fn deps_of(url: &str, deps: &[Vec<serde_json::Value>]) -> Result<Vec<String>> {
    deps.iter()
        .map(|dep| {
            let text = |i: usize| dep.get(i).map(|v| version_text(v.clone()));
            let name = text(0)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| Error::BadPackageJson {
                    url: url.to_string(),
                    reason: format!("dependency {dep:?} has no name"),
                })?;
            Ok(match text(1).filter(|v| !v.is_empty()) {
                Some(version) => format!("{name}@{version}"),
                None => name,
            })
        })
        .collect()
}

/// Refuses destination paths that would leave the target folder.
fn check_dest(package: &str, dest: &str) -> Result<()> {
    let bad = dest.is_empty()
        || dest.starts_with('/')
        || dest.contains('\\')
        || dest.split('/').any(|part| part == ".." || part.is_empty());
    if bad {
        return Err(Error::UnsafePath {
            package: package.to_string(),
            path: dest.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// Serves a fixed map of URLs; counts requests; `offline` fails them all.
    #[derive(Default)]
    struct MapFetcher {
        docs: HashMap<String, Vec<u8>>,
        offline: bool,
        requests: RefCell<Vec<String>>,
    }

    impl Fetcher for MapFetcher {
        fn get(&self, url: &str) -> std::result::Result<Vec<u8>, FetchError> {
            self.requests.borrow_mut().push(url.to_string());
            if self.offline {
                return Err(FetchError::Network("connection refused".into()));
            }
            self.docs.get(url).cloned().ok_or(FetchError::NotFound)
        }
    }

    const INDEX: &str = "http://index";

    fn options() -> Options {
        Options {
            index: INDEX.to_string(),
            mpy: Some(6),
            base_dir: PathBuf::from("."),
        }
    }

    /// An index with `pkg` (one file, depending on `dep`) and `dep`.
    fn index() -> MapFetcher {
        let mut fetcher = MapFetcher::default();
        let mut add = |name: &str, version: &str, files: &[(&str, &[u8])], deps: &str| {
            let mut hashes = Vec::new();
            for (dest, data) in files {
                let hash = sha256_hex(data)[..8].to_string();
                fetcher
                    .docs
                    .insert(format!("{INDEX}/file/{}/{hash}", &hash[..2]), data.to_vec());
                hashes.push(format!("[\"{dest}\",\"{hash}\"]"));
            }
            let json = format!(
                "{{\"v\":1,\"version\":\"{version}\",\"hashes\":[{}],\"deps\":[{deps}]}}",
                hashes.join(",")
            );
            for v in [version, "latest"] {
                fetcher.docs.insert(
                    format!("{INDEX}/package/6/{name}/{v}.json"),
                    json.clone().into_bytes(),
                );
            }
        };
        add(
            "pkg",
            "1.0",
            &[("pkg/__init__.mpy", b"M\x06pkg")],
            "[\"dep\",\"latest\"]",
        );
        add("dep", "0.2", &[("dep.mpy", b"M\x06dep")], "");
        fetcher
    }

    #[test]
    fn resolves_an_index_package_with_its_dependencies() {
        let fetcher = index();
        let options = options();
        let res = Resolver::new(&fetcher, None, &options)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap();
        let names: Vec<_> = res.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["pkg", "dep"]);
        assert_eq!(res.packages[0].version.as_deref(), Some("1.0"));
        assert_eq!(res.packages[0].dependencies, ["dep@latest"]);
        let paths: Vec<_> = res.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["pkg/__init__.mpy", "dep.mpy"]);
        assert_eq!(res.files[1].data, b"M\x06dep");
    }

    #[test]
    fn tells_unknown_packages_from_missing_versions() {
        let fetcher = index();
        let options = options();
        let err = Resolver::new(&fetcher, None, &options)
            .resolve(&[Spec::parse("nope").unwrap()])
            .unwrap_err();
        assert!(matches!(err, Error::UnknownPackage { .. }), "{err}");
        let err = Resolver::new(&fetcher, None, &options)
            .resolve(&[Spec::parse("pkg@9.9").unwrap()])
            .unwrap_err();
        match err {
            Error::VersionNotFound { latest, .. } => assert_eq!(latest.as_deref(), Some("1.0")),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn refuses_content_with_the_wrong_hash() {
        let mut fetcher = index();
        let url = fetcher
            .docs
            .keys()
            .find(|k| k.contains("/file/"))
            .cloned()
            .unwrap();
        fetcher.docs.insert(url, b"tampered".to_vec());
        let options = options();
        let err = Resolver::new(&fetcher, None, &options)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap_err();
        assert!(matches!(err, Error::HashMismatch { .. }), "{err}");
    }

    #[test]
    fn works_offline_from_the_cache_and_from_pins() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let options = options();
        let online = index();
        let first = Resolver::new(&online, Some(&cache), &options)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap();
        let offline = MapFetcher {
            offline: true,
            ..MapFetcher::default()
        };
        let again = Resolver::new(&offline, Some(&cache), &options)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap();
        assert_eq!(again.files, first.files);
        assert!(!again.offline.is_empty());
        let lock = first.lock(&options, "/lib", &[Spec::parse("pkg").unwrap()]);
        let pinned = Resolver::new(&offline, Some(&cache), &options)
            .with_pins(&lock)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap();
        assert_eq!(pinned.files, first.files);
        assert_eq!(pinned.pinned, ["pkg", "dep"]);
        // Pins need no request at all.
        let before = offline.requests.borrow().len();
        assert_eq!(before, 2, "{:?}", offline.requests.borrow());
        // Without a cache and without network: a clear error.
        let err = Resolver::new(&offline, None, &options)
            .resolve(&[Spec::parse("pkg").unwrap()])
            .unwrap_err();
        assert!(matches!(err, Error::Network { .. }), "{err}");
    }

    #[test]
    fn follows_package_json_urls_relative_to_it() {
        let mut fetcher = MapFetcher::default();
        fetcher.docs.insert(
            "https://raw.githubusercontent.com/org/repo/v1/package.json".into(),
            br#"{"urls":[["lib/a.py","a.py"],["b.py","github:org/other/b.py"]],"version":"1"}"#
                .to_vec(),
        );
        fetcher.docs.insert(
            "https://raw.githubusercontent.com/org/repo/v1/a.py".into(),
            b"A=1\n".to_vec(),
        );
        fetcher.docs.insert(
            "https://raw.githubusercontent.com/org/other/v1/b.py".into(),
            b"B=1\n".to_vec(),
        );
        let options = options();
        let res = Resolver::new(&fetcher, None, &options)
            .resolve(&[Spec::parse("github:org/repo@v1").unwrap()])
            .unwrap();
        let paths: Vec<_> = res.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["lib/a.py", "b.py"]);
        assert_eq!(res.packages[0].name, "github:org/repo");
    }

    #[test]
    fn refuses_paths_outside_the_target() {
        assert!(check_dest("p", "../x.py").is_err());
        assert!(check_dest("p", "/x.py").is_err());
        assert!(check_dest("p", "a//b.py").is_err());
        assert!(check_dest("p", "a/b.py").is_ok());
    }
}
