//! What sync tells the user: the plan of `--dry-run`, the progress bar, the end summary, and
//! the list of what was and was not sent when a transfer stops.

use indicatif::ProgressBar;

use upy_protocol::fs::{Operation, Progress};
use upy_protocol::Error as ProtocolError;

use super::plan::{Plan, PutReason, RemoteTree};
use super::{device, Outcome};
use crate::exit::{fail, Status};
use crate::printer::Printer;

/// Human size: `512 B`, `1.5 KB`, `2.0 MB`.
pub fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Prints the plan on stdout, one line per change, then a count.
pub fn print_plan(plan: &Plan, root: &str, remote: &RemoteTree) {
    let path = |rel: &str| format!(":{}", device::remote_path(root, rel));
    if plan.create_root {
        println!("mkdir   :{root}");
    }
    for delete in &plan.cleanup {
        println!("remove  {} (in the way or left over)", path(&delete.rel));
    }
    for dir in &plan.mkdirs {
        println!("mkdir   {}", path(dir));
    }
    for put in &plan.puts {
        let why = match put.reason {
            PutReason::New => "new".to_string(),
            PutReason::Changed => match remote.files.get(&put.rel) {
                Some(old) if old.size != put.size => format!("changed, was {}", size(old.size)),
                _ => "changed".to_string(),
            },
        };
        println!("put     {} ({}, {why})", path(&put.rel), size(put.size));
    }
    for delete in &plan.deletes {
        println!("delete  {}", path(&delete.rel));
    }
    for kept in &plan.kept {
        println!("keep    {}", path(kept));
    }
    println!(
        "dry run: {} to send ({}), {} to delete, {} unchanged, {} kept; the board was not changed",
        plan.puts.len(),
        size(plan.bytes()),
        plan.deletes.len(),
        plan.unchanged,
        plan.kept.len()
    );
}

/// The end-of-sync line.
pub fn summary(printer: &Printer, outcome: &Outcome, port: &str, root: &str) {
    let seconds = outcome.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 && outcome.bytes > 0 {
        format!(", {}/s", size((outcome.bytes as f64 / seconds) as u64))
    } else {
        String::new()
    };
    let kept = if outcome.kept > 0 {
        format!(", {} kept on the board", outcome.kept)
    } else {
        String::new()
    };
    printer.status(format!(
        "synced {port}:{root}: {} sent ({}), {} unchanged, {} deleted{kept} in {seconds:.2} s{rate}",
        outcome.sent,
        size(outcome.bytes),
        outcome.unchanged,
        outcome.deleted,
    ));
}

/// The progress bar of a transfer (hidden when stderr is not a terminal), and the count of
/// operations the board has finished.
pub struct BarProgress {
    bar: ProgressBar,
    printer: Printer,
    done: usize,
}

impl BarProgress {
    /// A bar for a batch.
    pub fn new(printer: &Printer, _operations: &[Operation<'_>]) -> BarProgress {
        BarProgress {
            bar: ProgressBar::hidden(),
            printer: *printer,
            done: 0,
        }
    }

    /// How many operations the board has finished.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for BarProgress {
    fn on_batch_start(&mut self, _operations: usize, bytes: u64) {
        self.bar = self.printer.bytes_bar(bytes, "syncing");
    }

    fn on_file_start(&mut self, path: &str, _size: u64) {
        self.bar.set_message(path.to_string());
    }

    fn on_bytes(&mut self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn on_operation_done(&mut self, index: usize) {
        self.done = self.done.max(index + 1);
    }
}

/// The error of a stopped transfer, naming the operation that failed and listing what was and
/// was not sent.
pub fn transfer_failure(
    err: ProtocolError,
    operations: &[Operation<'_>],
    done: usize,
) -> anyhow::Error {
    let puts = |range: &[Operation<'_>]| -> Vec<String> {
        range
            .iter()
            .filter_map(|op| match op {
                Operation::Write { path, .. } => Some(format!(":{path}")),
                _ => None,
            })
            .collect()
    };
    let done = done.min(operations.len());
    let sent = puts(&operations[..done]);
    let not_sent = puts(&operations[done..]);
    let status = match &err {
        ProtocolError::Disconnected { .. } | ProtocolError::NotAnswering { .. } => {
            Status::DeviceLost
        }
        ProtocolError::PortNotFound { .. } | ProtocolError::PortOpen { .. } => Status::NoDevice,
        ProtocolError::Interrupted => Status::Interrupted,
        _ => Status::Failure,
    };
    let mut message = match operations.get(done) {
        Some(op) if !matches!(status, Status::DeviceLost | Status::Interrupted) => {
            let what = match op {
                Operation::MakeDir(_) => "create the folder",
                Operation::RemoveFile(_) => "remove",
                Operation::RemoveDir(_) => "remove the folder",
                Operation::Write { .. } => "write",
            };
            let full = if matches!(err, ProtocolError::FilesystemFull { .. }) {
                "the board is full: "
            } else {
                ""
            };
            format!("{full}the board could not {what} {} ({err})", op.path())
        }
        _ => err.to_string(),
    };
    message.push_str(&format!(
        "\n  sent: {}\n  not sent: {}\n  files are written under a temporary name and renamed when \
         complete, so none is half-written; run sync again to finish",
        list(&sent),
        list(&not_sent)
    ));
    fail(status, message)
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(" ")
    }
}
