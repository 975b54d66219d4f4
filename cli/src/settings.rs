//! Settings: the project file `upy.toml` and how it combines with flags and the environment.
//!
//! Every setting is resolved once per command, in one place, with the same precedence:
//! command-line flag > `UPY_*` environment variable > project file > built-in default.
//! clap already merges a flag with its environment variable (`#[arg(env = …)]`), so a command
//! hands its `Option`s to [`prefer`] with the file's value and the default.
//!
//! The project file is found by walking up from the current directory; paths in it are relative
//! to the folder that holds it. Unknown keys are rejected so a typo does not go unnoticed.
//!
//! ```toml
//! port = "/dev/ttyACM0"
//!
//! [sync]
//! source = "src"
//! remote = "/"
//! exclude = ["*.md", "tests/"]
//! keep = ["data/", "config.json"]
//! delete = true
//! compile = false
//! optimize = 0
//! reload = "soft-reset"
//! romfs = false
//!
//! [dependencies]
//! aioble = "0.5.2"
//! "github:org/repo" = "main"
//! "vendor/driver" = "*"
//!
//! [mip]
//! index = "https://micropython.org/pi/v2"
//! target = "/lib"
//! mpy = true
//! compile = false
//!
//! [boards.left]
//! port = "/dev/ttyUSB0"
//! [boards.right]
//! port = "/dev/ttyUSB1"
//!
//! [groups]
//! tray = ["left", "right"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Deserialize;

/// Name of the project file.
pub const PROJECT_FILE: &str = "upy.toml";

/// Environment variables read by the settings (besides the global `UPY_PORT`, `UPY_BAUD`,
/// `UPY_NO_PROGRESS` declared on the global arguments).
pub mod env {
    /// Reload strategy of `upy sync --watch`.
    pub const RELOAD: &str = "UPY_RELOAD";
    /// Path of the project file to use instead of searching for `upy.toml`.
    pub const CONFIG: &str = "UPY_CONFIG";
    /// Folder for downloads (firmware, packages) instead of the user cache folder.
    pub const CACHE_DIR: &str = "UPY_CACHE_DIR";
    /// Package index of `upy mip`.
    pub const MIP_INDEX: &str = "UPY_MIP_INDEX";
    /// A JSON file of extra firmware pins (`{"pins": {"FILE": {"size": N, "sha256": "…"}}}`),
    /// for a mirror's images or releases newer than the built-in catalog.
    pub const FIRMWARE_PINS: &str = "UPY_FIRMWARE_PINS";
}

/// The download cache folder: `$UPY_CACHE_DIR`, else the user cache folder
/// (`~/.cache/upy` on Linux), else one in the temporary folder.
pub fn cache_root() -> PathBuf {
    std::env::var_os(env::CACHE_DIR)
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "upy").map(|d| d.cache_dir().to_path_buf())
        })
        .unwrap_or_else(|| std::env::temp_dir().join("upy-cache"))
}

/// The contents of `upy.toml`.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    /// Serial port of the board.
    pub port: Option<String>,
    /// Baud rate of the serial link.
    pub baud: Option<u32>,
    /// Settings of `upy sync`.
    #[serde(default)]
    pub sync: SyncSection,
    /// Packages the project needs: source (index name, `github:org/repo`, URL or local path)
    /// to version (`"*"` for the latest, a branch or tag for forges).
    #[serde(default)]
    pub dependencies: BTreeMap<String, String>,
    /// Settings of `upy mip`.
    #[serde(default)]
    pub mip: MipSection,
    /// Boards by name, usable as `--port NAME`.
    #[serde(default)]
    pub boards: BTreeMap<String, BoardSection>,
    /// Groups of named boards, usable as `--port GROUP`.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
}

/// The `[mip]` table.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MipSection {
    /// Package index base URL.
    pub index: Option<String>,
    /// Folder on the board packages go into.
    pub target: Option<String>,
    /// Ask the index for files compiled for the board's .mpy version.
    pub mpy: Option<bool>,
    /// Compile `.py` files of packages to `.mpy` before installing.
    pub compile: Option<bool>,
}

/// One `[boards.NAME]` table.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BoardSection {
    /// Serial port of the board.
    pub port: String,
}

/// Words `--port` gives a meaning of its own, so no board or group may take them as a name.
pub const RESERVED_PORT_WORDS: &[&str] = &["auto", "all"];

impl ProjectFile {
    /// Refuses names that `--port` could not tell apart: a group member that is not a named
    /// board, a name used for a board and a group, a reserved word.
    fn check_names(&self) -> Result<()> {
        for name in self.boards.keys().chain(self.groups.keys()) {
            if RESERVED_PORT_WORDS.contains(&name.as_str()) || name.contains(',') {
                anyhow::bail!(
                    "{name:?} cannot name a board or a group (it means something to --port)"
                );
            }
        }
        for (group, members) in &self.groups {
            if self.boards.contains_key(group) {
                anyhow::bail!("{group:?} names both a board and a group");
            }
            if let Some(unknown) = members.iter().find(|m| !self.boards.contains_key(*m)) {
                anyhow::bail!(
                    "group {group:?} lists {unknown:?}, which is not a board of [boards]"
                );
            }
        }
        Ok(())
    }
}

/// The `[sync]` table.
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SyncSection {
    /// Local folder to mirror, relative to the project file.
    pub source: Option<PathBuf>,
    /// Folder on the board that mirrors `source`.
    pub remote: Option<String>,
    /// Glob patterns of local files not to send (gitignore syntax).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Glob patterns of board files that `--delete` must leave alone.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Remove board files that no longer exist locally.
    pub delete: Option<bool>,
    /// Compile `.py` to `.mpy` before sending.
    pub compile: Option<bool>,
    /// Optimisation level of the compiler (0-3).
    pub optimize: Option<u8>,
    /// What to do on the board after each sync in watch mode.
    pub reload: Option<String>,
    /// Deploy the code as a romfs image to the ROM partition, the data files to the filesystem.
    pub romfs: Option<bool>,
}

/// A project file and the folder it was found in.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// Folder holding `upy.toml`; `None` when there is no project file.
    pub root: Option<PathBuf>,
    /// What the file says (all empty without a file).
    pub file: ProjectFile,
}

impl Project {
    /// Finds and reads the project file: `$UPY_CONFIG` if set, else `upy.toml` in `start` or
    /// the nearest parent that has one. No file is not an error; a broken file is.
    pub fn discover(start: &Path) -> Result<Project> {
        if let Some(explicit) = std::env::var_os(env::CONFIG) {
            let path = PathBuf::from(explicit);
            return Project::load(&path);
        }
        for dir in start.ancestors() {
            let candidate = dir.join(PROJECT_FILE);
            if candidate.is_file() {
                return Project::load(&candidate);
            }
        }
        Ok(Project::default())
    }

    /// Reads one project file.
    pub fn load(path: &Path) -> Result<Project> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read the project file {}", path.display()))?;
        let file = parse(&text).with_context(|| format!("in {}", path.display()))?;
        let root = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            })
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Project {
            root: Some(root),
            file,
        })
    }

    /// A path written in the project file, made usable from the current directory.
    pub fn resolve_path(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.to_path_buf(),
        }
    }
}

/// Parses the text of a project file.
pub fn parse(text: &str) -> Result<ProjectFile> {
    let file: ProjectFile =
        toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.to_string().trim_end()))?;
    file.check_names()?;
    Ok(file)
}

/// The first value present, by precedence: flag or environment, then file, then default.
pub fn prefer<T>(flag_or_env: Option<T>, file: Option<T>, default: T) -> T {
    flag_or_env.or(file).unwrap_or(default)
}

/// A `--x` / `--no-x` pair as one optional switch: `Some(true)`, `Some(false)` or unset.
pub fn flag(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (false, true) => Some(false),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_project_file() {
        let file = parse(
            r#"
port = "/dev/ttyACM0"
[sync]
source = "src"
remote = "/app"
exclude = ["*.md"]
keep = ["data/"]
delete = true
compile = true
optimize = 2
reload = "reimport"
romfs = true
"#,
        )
        .unwrap();
        assert_eq!(file.port.as_deref(), Some("/dev/ttyACM0"));
        assert_eq!(file.sync.source, Some(PathBuf::from("src")));
        assert_eq!(file.sync.remote.as_deref(), Some("/app"));
        assert_eq!(file.sync.exclude, vec!["*.md".to_string()]);
        assert_eq!(file.sync.keep, vec!["data/".to_string()]);
        assert_eq!(file.sync.delete, Some(true));
        assert_eq!(file.sync.optimize, Some(2));
        assert_eq!(file.sync.reload.as_deref(), Some("reimport"));
        assert_eq!(file.sync.romfs, Some(true));
    }

    #[test]
    fn parses_dependencies_and_the_mip_table() {
        let file = parse(
            r#"
[dependencies]
aioble = "0.5.2"
"github:org/repo" = "main"
[mip]
index = "http://127.0.0.1:8000"
target = "/flash/lib"
mpy = false
compile = true
"#,
        )
        .unwrap();
        assert_eq!(file.dependencies["aioble"], "0.5.2");
        assert_eq!(file.dependencies["github:org/repo"], "main");
        assert_eq!(file.mip.index.as_deref(), Some("http://127.0.0.1:8000"));
        assert_eq!(file.mip.target.as_deref(), Some("/flash/lib"));
        assert_eq!(file.mip.mpy, Some(false));
        assert_eq!(file.mip.compile, Some(true));
        let err = parse("[mip]\nindx = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("indx"), "{err}");
    }

    #[test]
    fn rejects_unknown_keys_naming_them() {
        let err = parse("[sync]\nsorce = \"src\"\n").unwrap_err();
        assert!(err.to_string().contains("sorce"), "{err}");
    }

    #[test]
    fn parses_named_boards_and_groups() {
        let file = parse(
            "[boards.left]\nport = \"/dev/ttyUSB0\"\n[boards.right]\nport = \"COM4\"\n\
             [groups]\ntray = [\"left\", \"right\"]\n",
        )
        .unwrap();
        assert_eq!(file.boards["left"].port, "/dev/ttyUSB0");
        assert_eq!(file.groups["tray"], vec!["left", "right"]);
    }

    #[test]
    fn rejects_bad_board_and_group_names() {
        let unknown_key = parse("[boards.left]\nport = \"a\"\nspeed = 1\n").unwrap_err();
        assert!(unknown_key.to_string().contains("speed"), "{unknown_key}");
        let stray = parse("[boards.left]\nport = \"a\"\n[groups]\ntray = [\"lef\"]\n").unwrap_err();
        assert!(stray.to_string().contains("lef"), "{stray}");
        let reserved = parse("[boards.all]\nport = \"a\"\n").unwrap_err();
        assert!(reserved.to_string().contains("all"), "{reserved}");
    }

    #[test]
    fn flag_beats_file_beats_default() {
        assert_eq!(prefer(Some(1), Some(2), 3), 1);
        assert_eq!(prefer(None, Some(2), 3), 2);
        assert_eq!(prefer(None::<i32>, None, 3), 3);
        assert_eq!(flag(false, true), Some(false));
        assert_eq!(flag(false, false), None);
    }

    #[test]
    fn discovers_the_file_in_a_parent_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PROJECT_FILE), "[sync]\nsource = \"src\"\n").unwrap();
        let nested = dir.path().join("src/lib");
        std::fs::create_dir_all(&nested).unwrap();
        let project = Project::discover(&nested).unwrap();
        assert_eq!(project.root.as_deref(), Some(dir.path()));
        assert_eq!(
            project.resolve_path(Path::new("src")),
            dir.path().join("src")
        );
    }
}
