//! The one `Printer`: decides what reaches stdout/stderr and whether progress bars draw.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Output policy shared by every command.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    quiet: bool,
    progress: bool,
    /// Bars are reported to the `upy` running this one per board (see `boards::events`).
    worker: bool,
}

impl Printer {
    pub fn new(quiet: bool, no_progress: bool) -> Self {
        let progress = !quiet
            && !no_progress
            && std::env::var_os("UPY_NO_PROGRESS").is_none()
            && std::io::stderr().is_terminal();
        Printer {
            quiet,
            progress,
            worker: false,
        }
    }

    /// The printer of a worker run for one of several boards: its bars are hidden and reported
    /// to the `upy` that started it, which draws them.
    pub fn for_worker(quiet: bool) -> Self {
        Printer {
            quiet,
            progress: false,
            worker: true,
        }
    }

    /// Whether progress bars are drawn (stderr is a terminal and nobody turned them off).
    pub fn draws_bars(&self) -> bool {
        self.progress
    }

    /// A status line on stderr ("Synced 3 files"), suppressed by `--quiet`.
    pub fn status(&self, message: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", message.as_ref());
        }
    }

    /// A byte-count progress bar, hidden when stderr is not a terminal.
    pub fn bytes_bar(&self, total: u64, label: impl Into<String>) -> ProgressBar {
        if self.worker {
            let bar = ProgressBar::hidden();
            bar.set_length(total);
            bar.set_message(label.into());
            crate::boards::events::track(&bar);
            return bar;
        }
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:20!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        bar.set_message(label.into());
        bar
    }
}
