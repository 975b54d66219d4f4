//! Running the command line once per board, each in a worker `upy` of its own, and merging what
//! they print.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::events::{self, Event};
use super::select::Target;
use super::summary::Outcome;
use crate::printer::Printer;

/// The environment variable that makes `upy` a worker for the one board whose port it holds.
pub const WORKER_ENV: &str = "UPY_BOARD_WORKER";

/// Where the workers' lines go: straight to stdout/stderr, or around the bars when they draw.
struct Output {
    bars: Option<MultiProgress>,
    width: usize,
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

impl Output {
    fn line(&self, stream: Stream, label: &str, text: &str) {
        let line = format!(
            "[{label}]{:pad$} {text}\n",
            "",
            pad = self.width - label.len()
        );
        let write = || match stream {
            Stream::Out => {
                let _ = std::io::stdout().lock().write_all(line.as_bytes());
            }
            Stream::Err => {
                let _ = std::io::stderr().lock().write_all(line.as_bytes());
            }
        };
        match &self.bars {
            Some(bars) => bars.suspend(write),
            None => write(),
        }
    }

    fn bar(&self, label: &str) -> ProgressBar {
        let Some(bars) = &self.bars else {
            return ProgressBar::hidden();
        };
        let bar = bars.add(ProgressBar::new(1));
        bar.set_message("connecting");
        bar.set_style(
            ProgressStyle::with_template(
                "{prefix} {msg:20!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        bar.set_prefix(format!(
            "[{label}]{:pad$}",
            "",
            pad = self.width - label.len()
        ));
        bar
    }
}

/// Runs the command line (`args`, without the program name) on each board at once and returns
/// how each run ended, in the order of `targets`.
pub fn run_all(targets: &[Target], args: &[OsString], printer: &Printer) -> Vec<Outcome> {
    let output = Output {
        bars: printer
            .draws_bars()
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())),
        width: targets.iter().map(|t| t.label.len()).max().unwrap_or(0),
    };
    let outcomes = std::thread::scope(|scope| {
        let runs: Vec<_> = targets
            .iter()
            .map(|target| {
                let output = &output;
                scope.spawn(move || run_one(target, args, output))
            })
            .collect();
        runs.into_iter()
            .zip(targets)
            .map(|(run, target)| {
                run.join().unwrap_or_else(|_| Outcome {
                    label: target.label.clone(),
                    code: None,
                    note: Some("upy crashed".into()),
                    elapsed: Duration::ZERO,
                    bytes: 0,
                })
            })
            .collect()
    });
    if let Some(bars) = &output.bars {
        let _ = bars.clear();
    }
    outcomes
}

fn run_one(target: &Target, args: &[OsString], output: &Output) -> Outcome {
    let started = Instant::now();
    let failed = |note: String| Outcome {
        label: target.label.clone(),
        code: None,
        note: Some(note),
        elapsed: started.elapsed(),
        bytes: 0,
    };
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(err) => return failed(format!("cannot find upy itself: {err}")),
    };
    let mut child = match Command::new(program)
        .args(args)
        .env(WORKER_ENV, &target.port)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => return failed(format!("cannot start upy: {err}")),
    };
    let bar = output.bar(&target.label);
    let bytes = AtomicU64::new(0);
    let label = target.label.as_str();
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for_each_line(stdout, |text| output.line(Stream::Out, label, text));
        });
        for_each_line(stderr, |text| match events::decode(text) {
            Some(Event::Bar { pos, len, label }) => {
                bar.set_length(len);
                bar.set_position(pos);
                bar.set_message(label);
            }
            Some(Event::Bytes(n)) => bytes.store(n, Ordering::Relaxed),
            None => output.line(Stream::Err, label, text),
        });
    });
    let status = child.wait();
    bar.finish_and_clear();
    let (code, note) = match status {
        Ok(status) => (
            status.code(),
            status.code().is_none().then(|| status.to_string()),
        ),
        Err(err) => (None, Some(err.to_string())),
    };
    Outcome {
        label: target.label.clone(),
        code,
        note,
        elapsed: started.elapsed(),
        bytes: bytes.load(Ordering::Relaxed),
    }
}

/// Calls `each` with every line of `stream` (without its line ending), the last one even if
/// it has no newline; bytes that are not UTF-8 are shown replaced.
fn for_each_line(stream: impl Read, mut each: impl FnMut(&str)) {
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line);
                each(text.trim_end_matches(['\n', '\r']));
            }
        }
    }
}
