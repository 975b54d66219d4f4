//! How a worker tells the `upy` that started it how far it got: marked lines on its stderr.
//!
//! A worker's progress bars are hidden; each is tracked here, and a reporter thread writes the
//! newest bar's position and the bytes counted by all bars a few times a second. The marker
//! starts with an ASCII record separator, which no command prints.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::ProgressBar;

const MARK: &str = "\u{1e}upy:";
const EVERY: Duration = Duration::from_millis(100);

static BARS: Mutex<Vec<ProgressBar>> = Mutex::new(Vec::new());

/// What a worker reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The bar it shows now: position, length, label.
    Bar { pos: u64, len: u64, label: String },
    /// Bytes counted by all its bars so far.
    Bytes(u64),
}

/// Follows a worker's bar (made hidden by the printer).
pub fn track(bar: &ProgressBar) {
    lock().push(bar.clone());
}

/// Starts the thread that reports progress while the worker runs.
pub fn start_reporting() {
    std::thread::spawn(|| {
        let mut last = Vec::new();
        loop {
            std::thread::sleep(EVERY);
            last = report(last);
        }
    });
}

/// Reports the final figures; called once the chain is done.
pub fn finish() {
    report(Vec::new());
}

fn report(last: Vec<Event>) -> Vec<Event> {
    let now = snapshot();
    if now != last {
        for event in &now {
            eprintln!("{}", encode(event));
        }
    }
    now
}

fn snapshot() -> Vec<Event> {
    let bars = lock();
    let mut events = Vec::new();
    if let Some(bar) = bars.iter().rev().find(|bar| !bar.is_finished()) {
        events.push(Event::Bar {
            pos: bar.position(),
            len: bar.length().unwrap_or(0),
            label: bar.message().replace(['\n', '\r'], " "),
        });
    }
    events.push(Event::Bytes(bars.iter().map(ProgressBar::position).sum()));
    events
}

fn lock() -> std::sync::MutexGuard<'static, Vec<ProgressBar>> {
    BARS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The line for an event.
pub fn encode(event: &Event) -> String {
    match event {
        Event::Bar { pos, len, label } => format!("{MARK}bar {pos} {len} {label}"),
        Event::Bytes(n) => format!("{MARK}bytes {n}"),
    }
}

/// The event a worker's stderr line carries, if it is one.
pub fn decode(line: &str) -> Option<Event> {
    let rest = line.strip_prefix(MARK)?;
    let (kind, rest) = rest.split_once(' ')?;
    match kind {
        "bar" => {
            let mut parts = rest.splitn(3, ' ');
            let pos = parts.next()?.parse().ok()?;
            let len = parts.next()?.parse().ok()?;
            let label = parts.next().unwrap_or("").to_string();
            Some(Event::Bar { pos, len, label })
        }
        "bytes" => rest.parse().ok().map(Event::Bytes),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_survive_the_trip() {
        for event in [
            Event::Bar {
                pos: 10,
                len: 300,
                label: "lib/a b.py".into(),
            },
            Event::Bytes(12_345),
        ] {
            assert_eq!(decode(&encode(&event)), Some(event));
        }
        assert_eq!(decode("error: bar 1 2"), None);
    }
}
