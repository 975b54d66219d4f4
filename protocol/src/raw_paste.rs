//! Raw-paste mode: negotiation and the board's window flow control, as pure state.
//!
//! The host asks with `\x05A\x01`; the board answers `R\x01` + a little-endian u16 window
//! increment W (then grants one more window with `\x01`), `R\x00` (refused), or, on firmware
//! that predates raw-paste, the start of the raw REPL banner (`ra`...).

use crate::raw_repl::{CTRL_A, CTRL_D};

/// The request that switches the raw REPL to raw-paste.
pub const RAW_PASTE_REQUEST: &[u8] = b"\x05A\x01";

/// What the board answered to [`RAW_PASTE_REQUEST`] (its first two bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteAnswer {
    /// `R\x01`: raw-paste is on; the window increment follows.
    Supported,
    /// `R\x00`: the board knows raw-paste but refuses it.
    Refused,
    /// `ra`: old firmware reprinted its raw REPL banner; the rest of it must be drained.
    Unknown,
    /// Anything else: the stream is out of step.
    Garbled,
}

/// Classifies the first two bytes of the board's answer.
pub fn parse_answer(first_two: [u8; 2]) -> PasteAnswer {
    match first_two {
        [b'R', 0x01] => PasteAnswer::Supported,
        [b'R', 0x00] => PasteAnswer::Refused,
        [b'r', b'a'] => PasteAnswer::Unknown,
        _ => PasteAnswer::Garbled,
    }
}

/// Decodes the window increment (u16 little-endian); 0 would stall, so it becomes 1.
pub fn parse_window(bytes: [u8; 2]) -> usize {
    usize::from(u16::from_le_bytes(bytes)).max(1)
}

/// What a byte from the board means while pasting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowEvent {
    /// `\x01`: one more window may be sent.
    Grant,
    /// `\x04`: the board wants the host to stop (e.g. the code raised while compiling);
    /// the host answers with `\x04` and reads the reply.
    Abort,
    /// Any other byte: not part of the protocol.
    Unexpected(u8),
}

/// The host's send window during raw-paste.
#[derive(Debug, Clone)]
pub struct FlowWindow {
    increment: usize,
    remaining: usize,
}

impl FlowWindow {
    /// The window right after negotiation: the host holds one increment already.
    pub fn new(increment: usize) -> FlowWindow {
        FlowWindow {
            increment,
            remaining: increment,
        }
    }

    /// How many bytes may be sent now.
    pub fn sendable(&self) -> usize {
        self.remaining
    }

    /// Records that `sent` bytes went out (at most [`Self::sendable`]).
    pub fn consume(&mut self, sent: usize) {
        self.remaining = self.remaining.saturating_sub(sent);
    }

    /// Applies one byte from the board.
    pub fn on_byte(&mut self, byte: u8) -> FlowEvent {
        match byte {
            CTRL_A => {
                self.remaining += self.increment;
                FlowEvent::Grant
            }
            CTRL_D => FlowEvent::Abort,
            other => FlowEvent::Unexpected(other),
        }
    }

    /// The increment the board announced.
    pub fn increment(&self) -> usize {
        self.increment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_answers() {
        assert_eq!(parse_answer(*b"R\x01"), PasteAnswer::Supported);
        assert_eq!(parse_answer(*b"R\x00"), PasteAnswer::Refused);
        assert_eq!(parse_answer(*b"ra"), PasteAnswer::Unknown);
        assert_eq!(parse_answer(*b"OK"), PasteAnswer::Garbled);
        assert_eq!(parse_window(*b"\x80\x00"), 128);
        assert_eq!(parse_window(*b"\x00\x01"), 256);
        assert_eq!(parse_window(*b"\x00\x00"), 1);
    }

    #[test]
    fn window_follows_grants_and_sends() {
        // The docs example: `R\x01\x80\x00\x01` then the host sends code.
        let mut window = FlowWindow::new(128);
        assert_eq!(window.sendable(), 128);
        assert_eq!(window.on_byte(0x01), FlowEvent::Grant);
        assert_eq!(window.sendable(), 256);
        window.consume(200);
        assert_eq!(window.sendable(), 56);
        window.consume(100);
        assert_eq!(window.sendable(), 0);
        assert_eq!(window.on_byte(0x04), FlowEvent::Abort);
        assert_eq!(window.on_byte(b'x'), FlowEvent::Unexpected(b'x'));
        assert_eq!(window.sendable(), 0);
    }
}
