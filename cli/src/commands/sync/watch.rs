//! `upy sync --watch`: sync, reload, stream the board's output, and again on every change.
//!
//! One loop owns the serial link and reads three sources in turn: the board's output (printed
//! as it comes), debounced file events (a burst of saves is one batch), and Ctrl-C presses.
//! A batch re-reads only the changed paths, plans against the board state kept from the last
//! transfer (no manifest round trip), and does nothing on the board when nothing differs. A
//! file that does not compile stops that cycle before the board is touched; the next save
//! retries. When the link drops the loop waits for the port to come back and resyncs in full.
//!
//! Ctrl-C stops the program on the board and keeps watching; a second Ctrl-C leaves.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use super::link::{Link, LinkError};
use super::{compile, device, report, walk, BoardState, Reload, SyncJob, SyncSettings};
use crate::commands::Context;
use crate::exit::Status;

/// Why the session with the board ended.
enum Ended {
    /// The user asked to leave.
    Leave,
    /// The link dropped; wait for the board. Carries what happened.
    Lost(String),
}

/// What the board is doing between syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Running {
    /// Nothing (friendly REPL or raw REPL prompt).
    Idle,
    /// `main.py` after a soft reset: output is passed through as it is.
    Program,
    /// The entry module run from the raw REPL (reimport): output until 0x04, then the
    /// exception text until 0x04, then the prompt.
    RawProgram(RawPhase),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawPhase {
    Output,
    Exception,
    Prompt,
}

/// Runs the watch loop until the second Ctrl-C.
pub fn run(settings: SyncSettings, ctx: &Context) -> Result<Status> {
    let presses = Arc::new(AtomicUsize::new(0));
    {
        let presses = Arc::clone(&presses);
        ctrlc::set_handler(move || {
            presses.fetch_add(1, Ordering::SeqCst);
        })
        .context("could not catch Ctrl-C")?;
    }
    let root = settings
        .local
        .canonicalize()
        .with_context(|| format!("could not resolve {}", settings.local.display()))?;
    let settings = SyncSettings {
        local: root.clone(),
        ..settings
    };
    let (events_in, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(settings.debounce, None, events_in)
        .context("could not start watching files")?;
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("could not watch {}", root.display()))?;

    let mut job = SyncJob::prepare(&settings, ctx)?;
    let port = crate::ports::resolve(&settings.port)?;
    let mut watcher = Watcher {
        job: &mut job,
        ctx,
        port,
        presses,
        handled: 0,
        events,
        root,
    };
    watcher.run()
}

struct Watcher<'a> {
    job: &'a mut SyncJob,
    ctx: &'a Context,
    port: String,
    presses: Arc<AtomicUsize>,
    handled: usize,
    events: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watcher<'_> {
    fn run(&mut self) -> Result<Status> {
        let mut first = true;
        loop {
            let link = if first {
                first = false;
                super::connect(&self.port, self.job.settings.baud)?
            } else {
                match self.wait_for_board()? {
                    Some(link) => link,
                    None => return Ok(Status::Success),
                }
            };
            match self.session(link)? {
                Ended::Leave => return Ok(Status::Success),
                Ended::Lost(err) => {
                    self.ctx.printer.status(format!(
                        "upy: {err}; waiting for the board to come back (Ctrl-C to leave)"
                    ));
                }
            }
        }
    }

    /// Presses of Ctrl-C not handled yet.
    fn new_presses(&mut self) -> usize {
        let now = self.presses.load(Ordering::SeqCst);
        let new = now - self.handled;
        self.handled = now;
        new
    }

    fn wait_for_board(&mut self) -> Result<Option<Link>> {
        loop {
            if self.new_presses() > 0 {
                return Ok(None);
            }
            if Path::new(&self.port).exists() {
                if let Ok(mut link) = Link::open(&self.port, self.job.settings.baud) {
                    match link.enter_raw() {
                        Ok(()) => return Ok(Some(link)),
                        Err(LinkError::Disconnected { .. }) => {}
                        Err(err) => {
                            self.ctx.printer.status(format!("upy: {err}; trying again"));
                        }
                    }
                }
            }
            // Events that came while the board was away are covered by the full resync.
            while self.events.try_recv().is_ok() {}
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One connection: full sync, reload, then changes until the link drops or the user leaves.
    fn session(&mut self, mut link: Link) -> Result<Ended> {
        // Files may have changed while the board was away and their events were dropped.
        self.job.tree = walk::walk(&self.root, &self.job.filter);
        let mut state = match self.job.fetch(&mut link) {
            Ok(state) => state,
            Err(err) => return lost_or(err),
        };
        let mut running = Running::Idle;
        let mut deleted_locally = BTreeSet::new();
        match self.sync_and_reload(
            &mut link,
            &mut state,
            &mut running,
            &mut deleted_locally,
            &[],
        ) {
            Ok(()) => {}
            Err(err) => return lost_or(err),
        }
        let mut presses_since_reload = 0usize;
        loop {
            match link.poll() {
                Ok(_) => self.show_output(&mut link, &mut running),
                Err(err) => return Ok(Ended::Lost(err.to_string())),
            }
            let presses = self.new_presses();
            if presses > 0 {
                presses_since_reload += presses;
                if presses_since_reload >= 2 {
                    let _ = link.write(b"\r\x03");
                    return Ok(Ended::Leave);
                }
                if running == Running::Idle {
                    self.ctx
                        .printer
                        .status("\nupy: still watching (Ctrl-C again to leave)");
                    continue;
                }
                if let Err(err) = link.write(b"\r\x03") {
                    return Ok(Ended::Lost(err.to_string()));
                }
                self.ctx.printer.status(
                    "\nupy: stopped the program on the board; still watching (Ctrl-C again to leave)",
                );
            }
            let mut changed: Vec<PathBuf> = Vec::new();
            while let Ok(batch) = self.events.try_recv() {
                match batch {
                    Ok(events) => {
                        for event in events {
                            if matches!(event.event.kind, EventKind::Access(_)) {
                                continue;
                            }
                            changed.extend(event.event.paths.iter().cloned());
                        }
                    }
                    Err(errors) => {
                        for err in errors {
                            self.ctx.printer.status(format!("upy: watch error: {err}"));
                        }
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            self.refresh(&changed, &mut deleted_locally);
            match self.sync_and_reload(
                &mut link,
                &mut state,
                &mut running,
                &mut deleted_locally,
                &changed,
            ) {
                Ok(()) => presses_since_reload = 0,
                Err(err) => {
                    if let Some(link_err) = find_link_error(&err) {
                        return Ok(Ended::Lost(link_err));
                    }
                    self.ctx.printer.status(format!("upy: {err:#}"));
                }
            }
        }
    }

    /// Re-reads the changed paths into the local tree.
    fn refresh(&mut self, changed: &[PathBuf], deleted_locally: &mut BTreeSet<String>) {
        let job = &mut *self.job;
        let mut rewalk = false;
        for path in changed {
            let Some(rel) = walk::relative(&self.root, path) else {
                continue;
            };
            if rel.is_empty() {
                rewalk = true;
                continue;
            }
            if path.is_dir() {
                rewalk = true;
            } else if path.is_file() {
                if job.filter.admits(&rel) {
                    walk::read_into(&mut job.tree, &self.root, rel.clone());
                    deleted_locally.remove(&rel);
                } else {
                    job.tree.files.remove(&rel);
                }
            } else {
                let under = format!("{rel}/");
                let gone: Vec<String> = job
                    .tree
                    .files
                    .keys()
                    .filter(|k| **k == rel || k.starts_with(&under))
                    .cloned()
                    .collect();
                for name in gone {
                    job.tree.files.remove(&name);
                    deleted_locally.insert(name);
                }
                job.tree
                    .dirs
                    .retain(|d| *d != rel && !d.starts_with(&under));
                job.tree.unreadable.remove(&rel);
            }
        }
        if rewalk {
            let fresh = walk::walk(&self.root, &job.filter);
            for name in job.tree.files.keys() {
                if !fresh.files.contains_key(name) {
                    deleted_locally.insert(name.clone());
                }
            }
            job.tree = fresh;
        }
        for problem in std::mem::take(&mut job.tree.problems) {
            self.ctx.printer.status(format!("upy: warning: {problem}"));
        }
    }

    fn sync_and_reload(
        &mut self,
        link: &mut Link,
        state: &mut BoardState,
        running: &mut Running,
        deleted_locally: &mut BTreeSet<String>,
        changed: &[PathBuf],
    ) -> Result<()> {
        let mut wanted = self.job.wanted(&state.facts)?;
        for name in deleted_locally.iter() {
            if self.job.settings.compile && compile::is_compiled(name) {
                wanted.removed.insert(compile::mpy_name(name));
            }
            wanted.removed.insert(name.clone());
        }
        let plan = self.job.plan(&wanted, &state.remote)?;
        let first = changed.is_empty();
        if plan.is_empty() && !first {
            return Ok(());
        }
        self.show_output(link, running);
        link.enter_raw().map_err(super::link_failure)?;
        *running = Running::Idle;
        let outcome = self.job.apply(link, state, &wanted, &plan, self.ctx)?;
        deleted_locally.clear();
        report::summary(
            &self.ctx.printer,
            &outcome,
            link.name(),
            &self.job.settings.remote,
        );
        match self.job.settings.reload {
            Reload::SoftReset => {
                link.soft_reset_and_run_main()
                    .map_err(super::link_failure)?;
                *running = Running::Program;
            }
            Reload::Reimport => {
                let code = reimport_code(&self.job.settings.remote, &self.root, changed);
                link.start(code.as_bytes()).map_err(super::link_failure)?;
                *running = Running::RawProgram(RawPhase::Output);
            }
            Reload::None => {
                link.leave_raw().map_err(super::link_failure)?;
            }
        }
        Ok(())
    }

    /// Prints what the board said, hiding the raw REPL's framing.
    fn show_output(&mut self, link: &mut Link, running: &mut Running) {
        let data = link.take_pending();
        if data.is_empty() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        let mut stderr = std::io::stderr().lock();
        match running {
            Running::Idle | Running::Program => {
                let _ = stdout.write_all(&data);
            }
            Running::RawProgram(phase) => {
                for &byte in &data {
                    match (*phase, byte) {
                        (RawPhase::Output, 0x04) => *phase = RawPhase::Exception,
                        (RawPhase::Output, b) => {
                            let _ = stdout.write_all(&[b]);
                        }
                        (RawPhase::Exception, 0x04) => *phase = RawPhase::Prompt,
                        (RawPhase::Exception, b) => {
                            let _ = stderr.write_all(&[b]);
                        }
                        (RawPhase::Prompt, _) => {}
                    }
                }
                if *phase == RawPhase::Prompt {
                    *running = Running::Idle;
                }
            }
        }
        let _ = stdout.flush();
        let _ = stderr.flush();
    }
}

fn lost_or(err: anyhow::Error) -> Result<Ended> {
    match find_link_error(&err) {
        Some(link_err) => Ok(Ended::Lost(link_err)),
        None => Err(err),
    }
}

/// A lost link hidden in an error chain (the board went away mid-operation): its first line.
fn find_link_error(err: &anyhow::Error) -> Option<String> {
    let lost = err
        .chain()
        .find_map(|c| c.downcast_ref::<crate::exit::StatusError>())
        .filter(|e| matches!(e.status, Status::DeviceLost | Status::NoDevice))?;
    Some(lost.message.lines().next().unwrap_or_default().to_string())
}

/// Code that forgets the changed modules and runs the entry module again.
fn reimport_code(remote: &str, root: &Path, changed: &[PathBuf]) -> String {
    let mut names = BTreeSet::new();
    for path in changed {
        let Some(rel) = walk::relative(root, path) else {
            continue;
        };
        let stem = rel
            .trim_end_matches(".py")
            .trim_end_matches(".mpy")
            .trim_end_matches("/__init__");
        let parts: Vec<&str> = stem.split('/').collect();
        for start in 0..parts.len() {
            names.insert(parts[start..].join("."));
        }
    }
    names.insert("main".to_string());
    let list: Vec<String> = names.iter().map(|n| device::py_str(n)).collect();
    let main = device::py_str(&device::remote_path(remote, "main.py"));
    format!(
        "import sys\nfor n in [{}]:\n sys.modules.pop(n,None)\nexec(open({main}).read(),{{'__name__':'__main__'}})\n",
        list.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reimport_forgets_every_name_a_changed_module_may_have() {
        let root = Path::new("/p");
        let code = reimport_code("/", root, &[root.join("lib/pkg/mod.py")]);
        for name in ["'lib.pkg.mod'", "'pkg.mod'", "'mod'", "'main'"] {
            assert!(code.contains(name), "{code}");
        }
        assert!(code.contains("open('/main.py')"));
    }
}
