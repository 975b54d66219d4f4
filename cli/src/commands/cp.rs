//! `upy cp [-r] SRC... DST`: copy files between this computer and the board (a leading `:`
//! marks a board path), in either direction.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use upy_protocol::fs::{self, EntryKind, Operation};
use upy_protocol::Session;

use crate::commands::remote::{forward_ctrl_c, local_error, read_local, remote_path, Bars};
use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::{fail, Status};

/// Files per upload round trip, and content bytes held in memory per round trip.
const BATCH_FILES: usize = 64;
const BATCH_BYTES: usize = 1 << 20;

/// Arguments of `upy cp`.
#[derive(Debug, Args)]
pub struct CpArgs {
    /// Sources then the destination; board paths start with `:` (`upy cp main.py :`,
    /// `upy cp :data.csv .`)
    #[arg(required = true, num_args = 2.., value_name = "SRC... DST")]
    pub paths: Vec<String>,

    /// Copy directories and everything in them
    #[arg(short, long)]
    pub recursive: bool,
}

pub fn run(args: CpArgs, ctx: &Context) -> Result<Status> {
    let Some((destination, sources)) = args.paths.split_last() else {
        return Err(fail(
            Status::Failure,
            "give at least one source and a destination",
        ));
    };
    let remote_sources = sources.iter().filter(|s| remote_path(s).is_some()).count();
    match (remote_sources, remote_path(destination)) {
        (0, Some(dst)) => {
            let mut session = connect(ctx)?;
            forward_ctrl_c(&mut session);
            upload(&mut session, sources, dst, args.recursive, ctx)
        }
        (n, None) if n == sources.len() => {
            let mut session = connect(ctx)?;
            forward_ctrl_c(&mut session);
            download(
                &mut session,
                sources,
                Path::new(destination),
                args.recursive,
                ctx,
            )
        }
        _ => Err(fail(
            Status::Failure,
            "copy either from this computer to the board or from the board to this computer; \
             board paths start with `:` (`upy cp main.py :`, `upy cp :main.py .`)",
        )),
    }
}

/// Where the sources go on the board: inside `dst` when it is a directory (or must be one).
fn upload(
    session: &mut Session,
    sources: &[String],
    dst: &str,
    recursive: bool,
    ctx: &Context,
) -> Result<Status> {
    let dst_path = fs::normalize(dst).board()?;
    // The root always exists: skip a round trip for the commonest destination.
    let existing = if dst_path == "/" {
        Some(fs::Entry {
            name: String::new(),
            kind: EntryKind::Dir,
            size: 0,
            sha256: None,
        })
    } else {
        session.fs().stat(&dst_path).board()?
    };
    let into_dir = match existing.as_ref().map(|e| e.kind) {
        Some(EntryKind::Dir) => true,
        Some(EntryKind::File) if sources.len() > 1 => {
            return Err(fail(
                Status::Failure,
                format!("copying several files onto one: :{dst_path} is a file, not a directory"),
            ))
        }
        Some(EntryKind::File) => false,
        None if sources.len() > 1 || dst.ends_with('/') => {
            session.fs().mkdir(&dst_path, true).board()?;
            true
        }
        None => false,
    };
    let mut dirs: Vec<String> = Vec::new();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for source in sources {
        let local = PathBuf::from(source);
        let meta = std::fs::metadata(&local).map_err(|err| local_error(&local, "read", &err))?;
        let name = local
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = if into_dir {
            fs::join(&dst_path, &name).board()?
        } else {
            dst_path.clone()
        };
        if meta.is_dir() {
            if !recursive {
                return Err(fail(
                    Status::Failure,
                    format!("{} is a directory: use `upy cp -r`", local.display()),
                ));
            }
            dirs.push(target.clone());
            collect_local(&local, &target, &mut dirs, &mut files)?;
        } else {
            files.push((local, target));
        }
    }
    // Batches of files, the folders they go into in the first: one board program each.
    let mut bars = Bars::new(ctx.printer);
    let mut operations: Vec<(String, Option<Vec<u8>>)> =
        dirs.into_iter().map(|dir| (dir, None)).collect();
    let mut batch_files = 0;
    let mut batch_bytes = 0;
    let total = files.len();
    for (local, remote) in files {
        let data = read_local(&local)?;
        batch_bytes += data.len();
        batch_files += 1;
        operations.push((remote, Some(data)));
        if batch_files >= BATCH_FILES || batch_bytes >= BATCH_BYTES {
            apply_batch(session, &operations, &mut bars)?;
            operations.clear();
            batch_files = 0;
            batch_bytes = 0;
        }
    }
    apply_batch(session, &operations, &mut bars)?;
    ctx.printer
        .status(format!("Copied {total} file{} to the board", plural(total)));
    Ok(Status::Success)
}

/// Makes the folders (`None`) and writes the files of one batch.
fn apply_batch(
    session: &mut Session,
    batch: &[(String, Option<Vec<u8>>)],
    bars: &mut Bars,
) -> Result<()> {
    let operations: Vec<Operation<'_>> = batch
        .iter()
        .map(|(path, data)| match data {
            Some(data) => Operation::write(path.clone(), data),
            None => Operation::MakeDir(path.clone()),
        })
        .collect();
    session.fs().apply(&operations, bars).board()
}

fn collect_local(
    dir: &Path,
    remote: &str,
    dirs: &mut Vec<String>,
    files: &mut Vec<(PathBuf, String)>,
) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|err| local_error(dir, "read", &err))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|err| local_error(dir, "read", &err))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let target = fs::join(remote, &name).board()?;
        let meta = std::fs::metadata(&path).map_err(|err| local_error(&path, "read", &err))?;
        if meta.is_dir() {
            dirs.push(target.clone());
            collect_local(&path, &target, dirs, files)?;
        } else {
            files.push((path, target));
        }
    }
    Ok(())
}

fn download(
    session: &mut Session,
    sources: &[String],
    dst: &Path,
    recursive: bool,
    ctx: &Context,
) -> Result<Status> {
    let into_dir = dst.is_dir() || sources.len() > 1 || dst.to_string_lossy().ends_with('/');
    if into_dir && !dst.exists() {
        std::fs::create_dir_all(dst).map_err(|err| local_error(dst, "create", &err))?;
    }
    let mut bars = Bars::new(ctx.printer);
    let mut count = 0;
    for source in sources {
        let path = fs::normalize(remote_path(source).unwrap_or(source)).board()?;
        let name = fs::file_name(&path);
        let target = if into_dir && !name.is_empty() {
            dst.join(name)
        } else {
            dst.to_path_buf()
        };
        // Reading straight away saves a round trip; a directory answers "is a directory".
        let data = match session.fs().read(&path, &mut bars) {
            Ok(data) => data,
            Err(upy_protocol::Error::RemoteIsADirectory { .. }) if recursive => {
                count += download_tree(session, &path, &target, &mut bars)?;
                continue;
            }
            Err(upy_protocol::Error::RemoteIsADirectory { .. }) => {
                return Err(fail(
                    Status::Failure,
                    format!(":{path} is a directory on the board: use `upy cp -r`"),
                ))
            }
            Err(err) => return Err(crate::connect::board_error(err)),
        };
        std::fs::write(&target, data).map_err(|err| local_error(&target, "write", &err))?;
        count += 1;
    }
    ctx.printer.status(format!(
        "Copied {count} file{} from the board",
        plural(count)
    ));
    Ok(Status::Success)
}

/// Copies the directory `path` on the board to `target` here; returns the number of files.
fn download_tree(
    session: &mut Session,
    path: &str,
    target: &Path,
    bars: &mut Bars,
) -> Result<usize> {
    std::fs::create_dir_all(target).map_err(|err| local_error(target, "create", &err))?;
    let mut count = 0;
    for item in session.fs().walk(path, false).board()? {
        let local = target.join(&item.name);
        if item.kind == EntryKind::Dir {
            std::fs::create_dir_all(&local).map_err(|err| local_error(&local, "create", &err))?;
        } else {
            let remote = fs::join(path, &item.name).board()?;
            let data = session.fs().read(&remote, bars).board()?;
            std::fs::write(&local, data).map_err(|err| local_error(&local, "write", &err))?;
            count += 1;
        }
    }
    Ok(count)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
