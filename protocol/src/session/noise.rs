//! Telling a MicroPython board from another device by what it sends while the session tries
//! to get control.

use std::time::{Duration, Instant};

use crate::raw_repl;

/// What the board sent while the session tried to get control: the tail for the error
/// message, a count, when the last byte came, and whether any of it was MicroPython's.
pub(super) struct Noise {
    started: Instant,
    pub(super) tail: Vec<u8>,
    pub(super) total: u64,
    /// Bytes other than the answers of an upload helper left running by a killed upy.
    pub(super) telling: u64,
    pub(super) last: Option<Instant>,
    saw_micropython: bool,
}

/// Words a MicroPython REPL prints in answer to Ctrl-C and Ctrl-A (or at boot), whatever the
/// program on it was doing: long enough that random bytes do not contain them by chance (a
/// two-byte sign would turn up in a few seconds of line noise).
const MICROPYTHON_SIGNS: [&[u8]; 7] = [
    b"raw REPL",
    b">>> ",
    b"MicroPython",
    b"Traceback",
    b"KeyboardInterrupt",
    b"soft reboot",
    b"MPY: ",
];

/// How long a device may keep talking without one of those words before it is taken for
/// something else (other firmware, the wrong baud rate, line noise).
const FOREIGN_AFTER: Duration = Duration::from_millis(2500);
/// A device must have said at least this much for that judgement.
const FOREIGN_MIN_BYTES: u64 = 16;
/// What the board-side upload helper sends per frame it took.
const UPLOAD_ACK: u8 = 0x06;
/// What it sends for a frame it refused (an abort among them).
const UPLOAD_NAK: u8 = 0x15;

impl Noise {
    pub(super) fn new() -> Noise {
        Noise {
            started: Instant::now(),
            tail: Vec::new(),
            total: 0,
            telling: 0,
            last: None,
            saw_micropython: false,
        }
    }

    pub(super) fn push(&mut self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        self.total += data.len() as u64;
        self.telling += data
            .iter()
            .filter(|&&b| b != UPLOAD_ACK && b != UPLOAD_NAK)
            .count() as u64;
        self.last = Some(Instant::now());
        self.tail.extend_from_slice(data);
        if !self.saw_micropython {
            // The new bytes plus enough before them for a sign split across two reads.
            let recent = &self.tail[self.tail.len().saturating_sub(data.len() + 24)..];
            self.saw_micropython = MICROPYTHON_SIGNS
                .iter()
                .any(|sign| raw_repl::find_end(recent, sign).is_some());
        }
        if self.tail.len() > 8192 {
            self.tail.drain(..self.tail.len() - 1024);
        }
    }

    /// The device has talked for a while and said nothing a MicroPython REPL says.
    pub(super) fn looks_foreign(&self) -> bool {
        self.telling >= FOREIGN_MIN_BYTES
            && !self.saw_micropython
            && self.started.elapsed() > FOREIGN_AFTER
    }
}

/// A short readable sample of what a device sent: the text when it is text (control bytes
/// escaped), else the first bytes in hex.
pub(super) fn describe_sample(bytes: &[u8]) -> String {
    let texty = bytes
        .iter()
        .filter(|&&b| b.is_ascii_graphic() || b" \r\n\t".contains(&b))
        .count();
    if bytes.is_empty() || texty * 10 >= bytes.len() * 9 {
        let text: String = bytes.iter().map(|&b| b as char).collect();
        format!("{:?}", text.trim())
    } else {
        let shown = &bytes[..bytes.len().min(24)];
        let hex: Vec<String> = shown.iter().map(|b| format!("{b:02x}")).collect();
        let more = if bytes.len() > shown.len() {
            " ..."
        } else {
            ""
        };
        format!("bytes {}{more}", hex.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_show_text_as_text_and_anything_else_as_hex() {
        assert_eq!(
            describe_sample(b"ERROR\r\nERROR\r\n"),
            "\"ERROR\\r\\nERROR\""
        );
        let random = [0x8f, 0x00, 0xfe, 0x41, 0x13, 0x99];
        assert_eq!(describe_sample(&random), "bytes 8f 00 fe 41 13 99");
        let long = [0xaa; 40];
        assert!(describe_sample(&long).ends_with("aa ..."));
    }

    #[test]
    fn micropython_words_keep_a_chatty_device_from_looking_foreign() {
        let mut noise = Noise::new();
        noise.started -= FOREIGN_AFTER * 2;
        noise.push(b"tick 1\r\ntick 2\r\n");
        assert!(noise.looks_foreign());
        // A sign split across two reads still counts.
        noise.push(b"Traceback (most recent call last):\r\nKeyboardInt");
        noise.push(b"errupt:\r\n");
        assert!(!noise.looks_foreign());
    }

    #[test]
    fn acknowledgements_of_an_abandoned_upload_are_not_foreign() {
        let mut noise = Noise::new();
        noise.started -= FOREIGN_AFTER * 2;
        noise.push(&[UPLOAD_ACK; 40]);
        assert!(!noise.looks_foreign());
    }

    #[test]
    fn a_device_is_not_judged_before_its_time() {
        let mut noise = Noise::new();
        noise.push(&[0xff; 100]);
        assert!(!noise.looks_foreign());
    }
}
