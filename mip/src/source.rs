//! Where a package comes from: parsing `NAME[@VERSION]`, `github:ORG/REPO[/PATH][@BRANCH]`,
//! `gitlab:…`, `codeberg:…`, URLs and local paths, and mapping the forge shorthands to the raw
//! file URLs mip uses.

use crate::error::{Error, Result};

/// micropython-lib's index, mip's default.
pub const DEFAULT_INDEX: &str = "https://micropython.org/pi/v2";

/// A package as asked for: the source and an optional version (a branch or tag for forges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The source, without the version.
    pub source: String,
    /// The version after `@`, if any.
    pub version: Option<String>,
}

impl Spec {
    /// Parses `SOURCE[@VERSION]`.
    pub fn parse(text: &str) -> Result<Spec> {
        let text = text.trim();
        let bad = |reason: &str| Error::BadSpec {
            spec: text.to_string(),
            reason: reason.to_string(),
        };
        if text.is_empty() {
            return Err(bad("empty"));
        }
        // Only an `@` after the last `/` separates a version (URLs may hold `user@host`).
        let tail_start = text.rfind('/').map_or(0, |i| i + 1);
        let (source, version) = match text[tail_start..].rfind('@') {
            Some(at) => {
                let at = tail_start + at;
                (&text[..at], Some(&text[at + 1..]))
            }
            None => (text, None),
        };
        if source.is_empty() {
            return Err(bad("nothing before `@`"));
        }
        if version == Some("") {
            return Err(bad("no version after `@`"));
        }
        Ok(Spec {
            source: source.to_string(),
            version: version.map(str::to_string),
        })
    }

    /// The text form, `SOURCE[@VERSION]`.
    pub fn to_text(&self) -> String {
        match &self.version {
            Some(version) => format!("{}@{version}", self.source),
            None => self.source.clone(),
        }
    }

    /// What kind of source this is.
    pub fn kind(&self) -> SourceKind {
        kind_of(&self.source)
    }
}

/// The kinds of package source mip knows, plus local paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A package name in the index.
    Index,
    /// A package.json (or folder holding one) at a URL or forge shorthand.
    Remote,
    /// A single `.py` or `.mpy` file at a URL or forge shorthand.
    RemoteFile,
    /// A local package.json or folder holding one.
    Local,
    /// A single local `.py` or `.mpy` file.
    LocalFile,
}

const REMOTE_PREFIXES: [&str; 5] = ["http://", "https://", "github:", "gitlab:", "codeberg:"];

/// Whether `text` is a URL or a forge shorthand.
pub fn is_remote(text: &str) -> bool {
    REMOTE_PREFIXES.iter().any(|p| text.starts_with(p))
}

fn is_single_file(text: &str) -> bool {
    text.ends_with(".py") || text.ends_with(".mpy")
}

fn kind_of(source: &str) -> SourceKind {
    if is_remote(source) {
        if is_single_file(source) {
            SourceKind::RemoteFile
        } else {
            SourceKind::Remote
        }
    } else if source.contains('/')
        || source.contains('\\')
        || source.ends_with(".json")
        || source.starts_with('.')
    {
        if is_single_file(source) {
            SourceKind::LocalFile
        } else {
            SourceKind::Local
        }
    } else {
        SourceKind::Index
    }
}

/// The package.json a remote or local package source means: itself when it ends in `.json`,
/// else `package.json` inside it.
pub fn package_json_of(source: &str) -> String {
    if source.ends_with(".json") {
        source.to_string()
    } else if source.ends_with('/') {
        format!("{source}package.json")
    } else {
        format!("{source}/package.json")
    }
}

/// The HTTPS URL of a forge shorthand (`github:org/repo/path` at `branch`, `HEAD` when none),
/// as mip maps them; other URLs are returned unchanged.
pub fn rewrite_url(url: &str, branch: Option<&str>) -> String {
    let branch = branch.unwrap_or("HEAD");
    let parts = |rest: &str| -> (String, String, String) {
        let mut pieces = rest.splitn(3, '/');
        let org = pieces.next().unwrap_or_default().to_string();
        let repo = pieces.next().unwrap_or_default().to_string();
        let path = pieces.next().unwrap_or_default().to_string();
        (org, repo, path)
    };
    if let Some(rest) = url.strip_prefix("github:") {
        let (org, repo, path) = parts(rest);
        format!("https://raw.githubusercontent.com/{org}/{repo}/{branch}/{path}")
    } else if let Some(rest) = url.strip_prefix("gitlab:") {
        let (org, repo, path) = parts(rest);
        format!("https://gitlab.com/{org}/{repo}/-/raw/{branch}/{path}")
    } else if let Some(rest) = url.strip_prefix("codeberg:") {
        let (org, repo, path) = parts(rest);
        format!("https://codeberg.org/api/v1/repos/{org}/{repo}/raw/{path}?ref={branch}")
    } else {
        url.to_string()
    }
}

/// The folder part of a URL or path (everything before the last `/`).
pub fn base_of(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(base, _)| base)
}

/// A file name at the end of a URL or path.
pub fn last_segment(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_versions_and_urls() {
        let spec = Spec::parse("aioble@0.5.2").unwrap();
        assert_eq!(spec.source, "aioble");
        assert_eq!(spec.version.as_deref(), Some("0.5.2"));
        assert_eq!(spec.kind(), SourceKind::Index);
        let spec = Spec::parse("github:org/repo@v1").unwrap();
        assert_eq!(spec.source, "github:org/repo");
        assert_eq!(spec.version.as_deref(), Some("v1"));
        assert_eq!(spec.kind(), SourceKind::Remote);
        let spec = Spec::parse("https://user@host/x/package.json").unwrap();
        assert_eq!(spec.version, None);
        assert_eq!(
            Spec::parse("github:o/r/a.py").unwrap().kind(),
            SourceKind::RemoteFile
        );
        assert_eq!(
            Spec::parse("./vendor/pkg").unwrap().kind(),
            SourceKind::Local
        );
        assert_eq!(
            Spec::parse("pkg/package.json").unwrap().kind(),
            SourceKind::Local
        );
        assert_eq!(
            Spec::parse("lib/x.py").unwrap().kind(),
            SourceKind::LocalFile
        );
        assert!(Spec::parse("x@").is_err());
        assert!(Spec::parse("").is_err());
    }

    #[test]
    fn maps_forge_shorthands_as_mip_does() {
        assert_eq!(
            rewrite_url("github:org/repo/package.json", None),
            "https://raw.githubusercontent.com/org/repo/HEAD/package.json"
        );
        assert_eq!(
            rewrite_url("github:org/repo/sub/dir/a.py", Some("v2")),
            "https://raw.githubusercontent.com/org/repo/v2/sub/dir/a.py"
        );
        assert_eq!(
            rewrite_url("gitlab:org/repo/package.json", Some("main")),
            "https://gitlab.com/org/repo/-/raw/main/package.json"
        );
        assert_eq!(
            rewrite_url("codeberg:org/repo/package.json", None),
            "https://codeberg.org/api/v1/repos/org/repo/raw/package.json?ref=HEAD"
        );
        assert_eq!(rewrite_url("http://h/p.json", Some("x")), "http://h/p.json");
        assert_eq!(
            package_json_of("github:org/repo"),
            "github:org/repo/package.json"
        );
        assert_eq!(package_json_of("http://h/x/"), "http://h/x/package.json");
        assert_eq!(base_of("github:org/repo/package.json"), "github:org/repo");
    }
}
