//! `upy compile`: Python source to `.mpy` bytecode with the built-in compiler, options as
//! mpy-cross has them.
//!
//! Each SRC is a file or a directory; directories are searched for `.py` files and mirrored
//! into OUT. Files compile in parallel on all cores; errors are reported per file and make
//! the command fail once every file has been tried.

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context as _, Result};
use clap::Args;
use mpy_compiler::{CompileError, CompileOptions};

use crate::commands::Context;
use crate::exit::{fail, Status};

/// Arguments of `upy compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Source files or directories (directories are searched for .py files); `-` reads
    /// standard input and writes the .mpy to standard output unless -o is given
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<PathBuf>,

    /// Output: a .mpy file for a single source file, otherwise a directory that mirrors the
    /// sources (default: next to each source)
    #[arg(short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Source file name stored in the .mpy (single source file only; default: the path given)
    #[arg(short = 's', value_name = "NAME")]
    pub source_name: Option<String>,

    /// Optimisation level as mpy-cross's -O0..-O3 (1+: no asserts, __debug__ false; 3: no line numbers)
    #[arg(short = 'O', value_name = "LEVEL", default_value_t = 0,
          value_parser = clap::value_parser!(u8).range(0..=3))]
    pub optimize: u8,

    /// Target option: `-msmall-int-bits=N` (default 31), `-march=ARCH` (the target of functions
    /// decorated native/viper), `-march-flags=FLAGS` (rv32imc: zba, zcmp)
    #[arg(short = 'm', value_name = "OPTION")]
    pub target: Vec<String>,

    /// Implementation option: `-X no-source-lines`, `-X source-lines`, `-X heapsize=N`,
    /// `-X emit=bytecode|native|viper` (native and viper need -march)
    #[arg(short = 'X', value_name = "OPTION")]
    pub implementation: Vec<String>,

    /// Accepted for mpy-cross command lines; has no effect
    #[arg(short = 'v', action = clap::ArgAction::Count, hide = true)]
    pub verbose: u8,

    /// Number of files compiled at once (default: number of cores)
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// One file to compile.
struct Job {
    source: PathBuf,
    output: PathBuf,
    name: String,
}

pub fn run(args: CompileArgs, ctx: &Context) -> Result<Status> {
    let options = options_from(&args)?;
    let jobs = plan(&args)?;
    if jobs.is_empty() {
        return Err(fail(
            Status::Failure,
            "no .py files found in the given sources",
        ));
    }
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len());

    let total_bytes = jobs
        .iter()
        .filter_map(|job| fs::metadata(&job.source).ok())
        .map(|meta| meta.len())
        .sum();
    let bar = ctx.printer.bytes_bar(total_bytes, "compiling");
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<(), Failure>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let worker = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(i) else {
            break;
        };
        let outcome = compile_one(job, &options);
        bar.inc(fs::metadata(&job.source).map_or(0, |meta| meta.len()));
        if let Ok(mut slots) = results.lock() {
            slots[i] = Some(outcome);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            // Workers get the compiler's deep stack so each file needs no thread of its own.
            let spawned = std::thread::Builder::new()
                .stack_size(mpy_compiler::COMPILE_STACK_BYTES)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                worker();
            }
        }
    });

    bar.finish_and_clear();
    let results = results.into_inner().unwrap_or_default();
    let mut failed = 0;
    for (job, outcome) in jobs.iter().zip(results) {
        match outcome {
            Some(Ok(())) => {}
            Some(Err(failure)) => {
                failed += 1;
                eprintln!("{}", failure.render(job));
            }
            None => failed += 1,
        }
    }
    if failed > 0 {
        return Err(fail(
            Status::Failure,
            format!("{failed} of {} files failed to compile", jobs.len()),
        ));
    }
    ctx.printer.status(format!(
        "Compiled {} file{}",
        jobs.len(),
        if jobs.len() == 1 { "" } else { "s" }
    ));
    Ok(Status::Success)
}

fn options_from(args: &CompileArgs) -> Result<CompileOptions> {
    let mut options = CompileOptions {
        opt_level: args.optimize,
        ..CompileOptions::default()
    };
    let mut arch_flags = None;
    for target in &args.target {
        if let Some(bits) = target.strip_prefix("small-int-bits=") {
            let bits: u8 = bits
                .parse()
                .ok()
                .filter(|b| (2..=63).contains(b))
                .with_context(|| {
                    format!("invalid -msmall-int-bits value `{bits}` (expected 2..63)")
                })?;
            options.small_int_bits = bits;
        } else if let Some(arch) = target.strip_prefix("arch=") {
            // Bytecode does not depend on the target; only native-code functions would.
            if mpy_compiler::NativeArch::from_name(arch).is_none() {
                bail!(
                    "unknown architecture -march={arch} (known: x86, x64, armv6, armv6m, armv7m, \
                     armv7em, armv7emsp, armv7emdp, xtensa, xtensawin, rv32imc, rv64imc, host, debug)"
                );
            }
            options.march = Some(arch.to_string());
        } else if let Some(flags) = target.strip_prefix("arch-flags=") {
            arch_flags = Some(flags);
        } else {
            bail!(
                "unknown target option -m{target} (known: -msmall-int-bits=N, -march=ARCH, \
                 -march-flags=FLAGS)"
            );
        }
    }
    // Checked once every -m option is in: the flags depend on -march, wherever it comes.
    // Without -march, mpy-cross ignores the flags.
    if let (Some(flags), Some(march)) = (arch_flags, options.march.as_deref()) {
        options.arch_flags = mpy_compiler::parse_arch_flags(march, flags).with_context(|| {
            format!(
                "unrecognised arch flags `{flags}` (-march=rv32imc takes zba, zcmp, or a number)"
            )
        })?;
    }
    for option in &args.implementation {
        match option.as_str() {
            "no-source-lines" => options.source_lines = false,
            "source-lines" => options.source_lines = true,
            o if o.starts_with("heapsize=") => {
                // The limits mpy-cross's heap imposes (huge constants, deep nesting) follow it.
                let size = &o["heapsize=".len()..];
                options.heap_size = Some(
                    parse_heap_size(size)
                        .with_context(|| format!("invalid -X heapsize value `{size}`"))?,
                );
            }
            o if o.starts_with("emit=") => {
                options.emit = mpy_compiler::EmitMode::from_name(&o["emit=".len()..])
                    .with_context(|| format!("-X {o}: expected emit=bytecode, native or viper"))?;
            }
            o => bail!(
                "unknown -X option `{o}` (known: no-source-lines, source-lines, heapsize=N, \
                 emit=bytecode|native|viper)"
            ),
        }
    }
    // As mpy-cross: native code needs a target.
    if options.emit != mpy_compiler::EmitMode::Bytecode && options.march.is_none() {
        bail!("arch not specified: -X emit=native and emit=viper need -march=ARCH");
    }
    Ok(options)
}

/// `N[w][K|M]` as mpy-cross reads it: `w` scales a 32-bit word count to this host's 64-bit
/// words, `K`/`M` multiply by 1024 and 1024².
fn parse_heap_size(text: &str) -> Option<usize> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_hexdigit() && c != 'x' && c != 'X')
        .unwrap_or(text.len());
    let (number, mut suffix) = text.split_at(digits_end);
    let mut size = match number
        .strip_prefix("0x")
        .or_else(|| number.strip_prefix("0X"))
    {
        Some(hex) => usize::from_str_radix(hex, 16).ok()?,
        None => number.parse::<usize>().ok()?,
    };
    let word_adjust = suffix.starts_with(['w', 'W']);
    if word_adjust {
        suffix = &suffix[1..];
    }
    size = match suffix {
        "" => size,
        "k" | "K" => size.checked_mul(1024)?,
        "m" | "M" => size.checked_mul(1024 * 1024)?,
        _ => return None,
    };
    if word_adjust {
        size = size.checked_mul(2)?;
    }
    Some(size)
}

/// Lists every file to compile with its output path and stored name.
fn plan(args: &CompileArgs) -> Result<Vec<Job>> {
    if args.sources.iter().any(|s| s.as_os_str() == STDIO) {
        // As mpy-cross: `-` reads the source from stdin and writes the .mpy to stdout.
        if args.sources.len() != 1 {
            bail!("`-` (standard input) cannot be combined with other sources");
        }
        return Ok(vec![Job {
            source: PathBuf::from(STDIO),
            output: args.output.clone().unwrap_or_else(|| PathBuf::from(STDIO)),
            name: args
                .source_name
                .clone()
                .unwrap_or_else(|| "<stdin>".to_string()),
        }]);
    }
    let single_file = args.sources.len() == 1 && args.sources[0].is_file();
    if args.source_name.is_some() && !single_file {
        bail!("-s NAME needs exactly one source file");
    }
    let mut jobs = Vec::new();
    for source in &args.sources {
        let meta =
            fs::metadata(source).with_context(|| format!("cannot read {}", source.display()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            collect_py_files(source, &mut files)?;
            files.sort();
            for file in files {
                let relative = file.strip_prefix(source).unwrap_or(&file).to_path_buf();
                let output = match &args.output {
                    Some(out) => out.join(&relative).with_extension("mpy"),
                    None => file.with_extension("mpy"),
                };
                jobs.push(Job {
                    name: display_name(&file),
                    source: file,
                    output,
                });
            }
        } else {
            let output = match &args.output {
                Some(out) if single_file && !out.is_dir() && !names_a_directory(out) => out.clone(),
                Some(out) => out
                    .join(source.file_name().unwrap_or_default())
                    .with_extension("mpy"),
                None => source.with_extension("mpy"),
            };
            let name = args
                .source_name
                .clone()
                .unwrap_or_else(|| display_name(source));
            jobs.push(Job {
                source: source.clone(),
                output,
                name,
            });
        }
    }
    Ok(jobs)
}

/// True for an output path written with a trailing separator (`build/`), meant as a folder.
fn names_a_directory(path: &Path) -> bool {
    path.as_os_str()
        .to_string_lossy()
        .ends_with(['/', std::path::MAIN_SEPARATOR])
}

fn display_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn collect_py_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("cannot list directory {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list directory {}", dir.display()))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .with_context(|| format!("cannot stat {}", path.display()))?;
        if file_type.is_dir() {
            collect_py_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
    Ok(())
}

/// Why one file did not compile.
enum Failure {
    Io(String),
    Compile { error: CompileError, source: String },
}

impl Failure {
    /// The traceback-style report: file and line, the source line with a caret, the error.
    fn render(&self, job: &Job) -> String {
        match self {
            Failure::Io(message) => format!("error: {message}"),
            Failure::Compile { error, source } => {
                // Line 0: the error has no position (mpy-cross prints no traceback for it).
                let mut text = if error.line == 0 {
                    format!("  File \"{}\"\n", job.name)
                } else {
                    format!("  File \"{}\", line {}\n", job.name, error.line)
                };
                let line_text = (error.line > 0)
                    .then(|| source.split('\n').nth(error.line as usize - 1))
                    .flatten()
                    .map(|l| l.trim_end_matches('\r'));
                if let Some(line_text) = line_text {
                    text.push_str(&code_frame(line_text, error.column));
                }
                text.push_str(&format!("{}: {}", error.kind, error.message));
                text
            }
        }
    }
}

/// The source line and a caret under the error column (or the first non-blank character when
/// the error has no column); very long lines are cut to a window around the caret.
fn code_frame(line_text: &str, column: u32) -> String {
    const WIDTH: usize = 120;
    let chars: Vec<char> = line_text.chars().collect();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let caret = match column {
        0 => indent,
        c => (c as usize - 1).min(chars.len()),
    };
    let start = caret
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let shown: String = chars[start..end].iter().collect();
    let pad: String = chars[start..caret.max(start)]
        .iter()
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let (left, right) = (
        if start > 0 { "..." } else { "" },
        if end < chars.len() { "..." } else { "" },
    );
    let pad_left = " ".repeat(left.len());
    format!("    {left}{shown}{right}\n    {pad_left}{pad}^\n")
}

/// The path that means standard input (as a source) or standard output (as `-o`).
const STDIO: &str = "-";

fn compile_one(job: &Job, options: &CompileOptions) -> Result<(), Failure> {
    let source = if job.source.as_os_str() == STDIO {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        fs::read(&job.source)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", job.source.display())))?
    };
    let mpy = mpy_compiler::compile_bytes_on_this_thread(&source, &job.name, options).map_err(
        |error| Failure::Compile {
            error,
            source: String::from_utf8_lossy(&source).into_owned(),
        },
    )?;
    if let Some(parent) = job.output.parent() {
        if !parent.as_os_str().is_empty() {
            fs::create_dir_all(parent)
                .map_err(|e| Failure::Io(format!("cannot create {}: {e}", parent.display())))?;
        }
    }
    if job.output.as_os_str() == STDIO {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&mpy)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::Io(format!("cannot write standard output: {e}")));
    }
    fs::write(&job.output, mpy)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", job.output.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_size_reads_like_mpy_cross() {
        assert_eq!(parse_heap_size("4096"), Some(4096));
        assert_eq!(parse_heap_size("2m"), Some(2 * 1024 * 1024));
        assert_eq!(parse_heap_size("64K"), Some(64 * 1024));
        assert_eq!(parse_heap_size("1wM"), Some(2 * 1024 * 1024));
        assert_eq!(parse_heap_size("0x100"), Some(256));
        assert_eq!(parse_heap_size("lots"), None);
        assert_eq!(parse_heap_size("2q"), None);
    }

    #[test]
    fn code_frame_puts_the_caret_under_the_column_and_cuts_long_lines() {
        assert_eq!(code_frame("    x = (1,", 0), "        x = (1,\n        ^\n");
        assert_eq!(code_frame("x = (1,", 5), "    x = (1,\n        ^\n");
        let long = format!("{}BAD{}", "a".repeat(300), "b".repeat(300));
        let frame = code_frame(&long, 301);
        let lines: Vec<&str> = frame.lines().collect();
        assert!(lines[0].len() < 140 && lines[0].contains("BAD"));
        let caret_at = lines[1].find('^').expect("caret");
        assert_eq!(&lines[0][caret_at..caret_at + 3], "BAD");
    }

    #[test]
    fn trailing_separator_means_a_folder() {
        assert!(names_a_directory(Path::new("build/")));
        assert!(!names_a_directory(Path::new("build/out.mpy")));
    }
}
