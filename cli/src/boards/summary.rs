//! The table printed after a command ran on several boards.

use std::time::Duration;

use indicatif::HumanBytes;

use crate::exit;

/// How one board's run ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub label: String,
    /// The worker's exit code; `None` when it could not start or was killed by a signal.
    pub code: Option<i32>,
    /// Why it had no exit code.
    pub note: Option<String>,
    pub elapsed: Duration,
    pub bytes: u64,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.code == Some(0)
    }

    fn result(&self) -> String {
        match (self.code, &self.note) {
            (Some(0), _) => "ok".to_string(),
            (Some(code), _) => format!("failed ({code}: {})", exit::meaning(code)),
            (None, Some(note)) => format!("failed ({note})"),
            (None, None) => "failed".to_string(),
        }
    }
}

/// The summary: one row per board, then a count.
pub fn table(outcomes: &[Outcome]) -> String {
    let rows: Vec<[String; 4]> = outcomes
        .iter()
        .map(|o| {
            [
                o.label.clone(),
                o.result(),
                format!("{:.1} s", o.elapsed.as_secs_f64()),
                HumanBytes(o.bytes).to_string(),
            ]
        })
        .collect();
    let header = ["board", "result", "time", "bytes"].map(str::to_string);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let line = format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
        text.push_str(line.trim_end());
        text.push('\n');
    }
    let ok = outcomes.iter().filter(|o| o.succeeded()).count();
    text.push_str(&format!("{ok} of {} boards succeeded", outcomes.len()));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_line_up_and_say_why_a_board_failed() {
        let outcome = |label: &str, code, bytes| Outcome {
            label: label.into(),
            code,
            note: None,
            elapsed: Duration::from_millis(1500),
            bytes,
        };
        let text = table(&[
            outcome("left", Some(0), 2048),
            outcome("/dev/ttyUSB1", Some(4), 0),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("board         result"), "{text}");
        assert!(lines[1].starts_with("left          ok"), "{text}");
        assert!(lines[1].ends_with("1.5 s  2.00 KiB"), "{text}");
        assert!(
            lines[2].contains("failed (4: board disconnected)"),
            "{text}"
        );
        assert_eq!(lines[3], "1 of 2 boards succeeded");
    }
}
