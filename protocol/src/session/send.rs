//! Getting code onto the board: raw-paste with its flow control, or paced raw REPL writes for
//! firmware without raw-paste (and tiny input buffers).

use std::time::Duration;

use super::{PasteSupport, Session};
use crate::error::{Error, Result};
use crate::raw_paste::{self, FlowEvent, FlowWindow, PasteAnswer};
use crate::raw_repl::{self, CTRL_A, CTRL_D};

/// Paced raw REPL writes for firmware without raw-paste: bytes per burst, then a pause.
pub(super) const PACED_CHUNK: usize = 256;
/// Old firmware (no raw-paste at all) may have a tiny input buffer (the micro:bit drops input
/// beyond ~64 unpaced bytes; half that leaves room for an emulated CPU that falls behind).
const PACED_CHUNK_SMALL: usize = 32;
const PACED_PAUSE: Duration = Duration::from_millis(10);

impl Session {
    /// Sends the code and waits until the board has taken it (it is then running).
    pub(crate) fn start(&mut self, code: &[u8]) -> Result<()> {
        check_sendable(code)?;
        let code = code.to_vec();
        self.start_with(move |_| code)
    }

    /// Like [`Session::start`], with code built once the raw-paste window is known (None: the
    /// board takes paced raw REPL input), so the code can size its buffers to it.
    pub(crate) fn start_with(
        &mut self,
        build: impl FnOnce(Option<usize>) -> Vec<u8>,
    ) -> Result<()> {
        self.ensure_raw_repl()?;
        self.drain_stale()?;
        if self.paste == PasteSupport::Unknown {
            self.negotiate_paste()?;
        } else if let PasteSupport::Supported(_) = self.paste {
            self.write(raw_paste::RAW_PASTE_REQUEST)?;
            let answer = self.read_exact_array::<2>("the raw-paste answer")?;
            if answer != *b"R\x01" {
                return Err(self.unexpected("starting raw-paste", &answer));
            }
            let _window = self.read_exact_array::<2>("the raw-paste window size")?;
        }
        let window = match self.paste {
            PasteSupport::Supported(increment) => Some(increment),
            _ => None,
        };
        let code = build(window);
        if let Err(err) = check_sendable(&code) {
            // Raw-paste is already open: end it empty so the board returns to its prompt.
            if window.is_some() {
                self.write(&[CTRL_D])?;
                self.read_paste_end()?;
                self.finish(&mut |_| {}, Some(self.answer_timeout))?;
            }
            return Err(err);
        }
        match window {
            Some(increment) => self.send_paste(&code, increment),
            None => self.send_paced(&code),
        }
    }

    fn negotiate_paste(&mut self) -> Result<()> {
        self.write(raw_paste::RAW_PASTE_REQUEST)?;
        let answer = self.read_exact_array::<2>("the raw-paste answer")?;
        match raw_paste::parse_answer(answer) {
            PasteAnswer::Supported => {
                let window = self.read_exact_array::<2>("the raw-paste window size")?;
                self.paste = PasteSupport::Supported(raw_paste::parse_window(window));
            }
            PasteAnswer::Refused => {
                self.paste = PasteSupport::Unsupported;
            }
            PasteAnswer::Unknown => {
                // Old firmware treated `\x05A` as code and `\x01` as "reset the raw REPL":
                // the rest of its banner follows.
                self.read_until(b"to exit", "the raw REPL prompt after a raw-paste request")?;
                self.read_until(b">", "the raw REPL prompt after a raw-paste request")?;
                self.paste = PasteSupport::Unsupported;
                self.paced_chunk = self.paced_chunk.min(PACED_CHUNK_SMALL);
            }
            PasteAnswer::Garbled => return Err(self.unexpected("asking for raw-paste", &answer)),
        }
        Ok(())
    }

    fn send_paste(&mut self, code: &[u8], increment: usize) -> Result<()> {
        let mut window = FlowWindow::new(increment);
        let mut sent = 0;
        let mut buf = [0u8; 1];
        while sent < code.len() {
            // Take every flow byte already waiting; block for one only when the window is spent.
            loop {
                let timeout = if window.sendable() == 0 {
                    self.answer_timeout
                } else {
                    Duration::ZERO
                };
                if self.read_flow_byte(&mut buf[..1], timeout)? == 0 {
                    if window.sendable() == 0 {
                        return Err(self.not_answering("a raw-paste window grant"));
                    }
                    break;
                }
                match window.on_byte(buf[0]) {
                    FlowEvent::Grant => {}
                    FlowEvent::Abort => {
                        self.write(&[CTRL_D])?;
                        return self.read_paste_end();
                    }
                    FlowEvent::Unexpected(byte) => {
                        return Err(self.unexpected("sending raw-paste code", &[byte]))
                    }
                }
            }
            let take = window.sendable().min(code.len() - sent);
            self.write(&code[sent..sent + take])?;
            window.consume(take);
            sent += take;
        }
        self.write(&[CTRL_D])?;
        self.read_paste_end()
    }

    /// After the closing `\x04`, the board answers `\x04` once the code is in (grants that
    /// were still on their way come first).
    fn read_paste_end(&mut self) -> Result<()> {
        let mut byte = [0u8; 1];
        loop {
            let n = self.read_flow_byte(&mut byte, self.answer_timeout)?;
            if n == 0 {
                return Err(self.not_answering("the end of raw-paste"));
            }
            match byte[0] {
                CTRL_D => return Ok(()),
                CTRL_A => continue,
                other => return Err(self.unexpected("ending raw-paste", &[other])),
            }
        }
    }

    fn send_paced(&mut self, code: &[u8]) -> Result<()> {
        for chunk in code.chunks(self.paced_chunk) {
            self.write(chunk)?;
            std::thread::sleep(PACED_PAUSE);
        }
        self.write(&[CTRL_D])?;
        let ok = self.read_exact_array::<2>("the raw REPL's OK")?;
        if ok != *b"OK" {
            return Err(self.unexpected("running code in the raw REPL", &ok));
        }
        Ok(())
    }
}

fn check_sendable(code: &[u8]) -> Result<()> {
    match code
        .iter()
        .position(|b| (CTRL_A..=raw_repl::CTRL_E).contains(b))
    {
        Some(offset) => Err(Error::UnsendableCode {
            byte: code[offset],
            offset,
        }),
        None => Ok(()),
    }
}
