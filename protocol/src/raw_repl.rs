//! Raw REPL framing: the bytes to send and an incremental parser for the board's reply.
//!
//! Pure code on byte slices: no port, no clock. The session feeds it what it reads.

/// Ctrl-A: enter the raw REPL (or reset it and print its banner again).
pub const CTRL_A: u8 = 0x01;
/// Ctrl-B: leave the raw REPL for the friendly REPL.
pub const CTRL_B: u8 = 0x02;
/// Ctrl-C: interrupt running code / clear the line.
pub const CTRL_C: u8 = 0x03;
/// Ctrl-D: end of input (run the code), or soft reset on an empty line.
pub const CTRL_D: u8 = 0x04;
/// Ctrl-E: starts a raw-paste request inside the raw REPL.
pub const CTRL_E: u8 = 0x05;

/// What the board prints on entering the raw REPL (followed by `>`).
pub const RAW_REPL_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";
/// The same banner as the unix port prints it (bare `\n`).
pub const RAW_REPL_BANNER_LF: &[u8] = b"raw REPL; CTRL-B to exit\n>";
/// The line the board prints on soft reset (ports prefix it, e.g. `MPY: `).
pub const SOFT_REBOOT: &[u8] = b"soft reboot";

/// Whether `code` may be sent as raw REPL input: bytes 0x01..=0x05 are control codes there.
pub fn is_sendable_code(code: &[u8]) -> bool {
    !code.iter().any(|b| (CTRL_A..=CTRL_E).contains(b))
}

/// Position just after the first occurrence of `needle` in `haystack`.
pub fn find_end(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|start| start + needle.len())
}

/// Position just after the raw REPL banner (either line ending), if it is in `data`.
pub fn find_raw_banner_end(data: &[u8]) -> Option<usize> {
    match (
        find_end(data, RAW_REPL_BANNER),
        find_end(data, RAW_REPL_BANNER_LF),
    ) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where the parser is inside one reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Stdout,
    Exception,
    Prompt,
    Done,
}

/// Incremental parser of the reply to executed code: `stdout \x04 exception \x04 >`.
///
/// The leading `OK` (raw REPL) or `\x04` (raw-paste) acknowledgement is consumed by the session
/// before feeding, so the parser starts at stdout.
#[derive(Debug)]
pub struct ReplyParser {
    stage: Stage,
    exception: Vec<u8>,
}

impl Default for ReplyParser {
    fn default() -> Self {
        Self::new()
    }
}

impl ReplyParser {
    /// A parser waiting for the first stdout byte.
    pub fn new() -> ReplyParser {
        ReplyParser {
            stage: Stage::Stdout,
            exception: Vec::new(),
        }
    }

    /// Feeds received bytes; stdout goes to `on_stdout` as it comes. Returns how many bytes of
    /// `data` belonged to this reply: less than `data.len()` only once the reply is complete.
    pub fn feed(&mut self, data: &[u8], on_stdout: &mut dyn FnMut(&[u8])) -> usize {
        let mut pos = 0;
        while pos < data.len() && self.stage != Stage::Done {
            let rest = &data[pos..];
            match self.stage {
                Stage::Stdout => match rest.iter().position(|&b| b == CTRL_D) {
                    Some(end) => {
                        if end > 0 {
                            on_stdout(&rest[..end]);
                        }
                        pos += end + 1;
                        self.stage = Stage::Exception;
                    }
                    None => {
                        on_stdout(rest);
                        pos = data.len();
                    }
                },
                Stage::Exception => match rest.iter().position(|&b| b == CTRL_D) {
                    Some(end) => {
                        self.exception.extend_from_slice(&rest[..end]);
                        pos += end + 1;
                        self.stage = Stage::Prompt;
                    }
                    None => {
                        self.exception.extend_from_slice(rest);
                        pos = data.len();
                    }
                },
                Stage::Prompt => {
                    pos += 1;
                    if rest[0] == b'>' {
                        self.stage = Stage::Done;
                    }
                }
                Stage::Done => {}
            }
        }
        pos
    }

    /// Whether the closing `>` has been seen.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Whether the stdout part is over (the first `\x04` was seen).
    pub fn stdout_done(&self) -> bool {
        self.stage != Stage::Stdout
    }

    /// The exception text, empty when the code finished normally.
    pub fn exception(&self) -> &[u8] {
        &self.exception
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(chunks: &[&[u8]]) -> (Vec<u8>, Vec<u8>, bool, usize) {
        let mut parser = ReplyParser::new();
        let mut out = Vec::new();
        let mut consumed = 0;
        for chunk in chunks {
            consumed = parser.feed(chunk, &mut |bytes| out.extend_from_slice(bytes));
        }
        (out, parser.exception().to_vec(), parser.is_done(), consumed)
    }

    #[test]
    fn parses_stdout_and_empty_exception() {
        let (out, exc, done, consumed) = parse_all(&[b"123\r\n\x04\x04>"]);
        assert_eq!(out, b"123\r\n");
        assert!(exc.is_empty());
        assert!(done);
        assert_eq!(consumed, 8);
    }

    #[test]
    fn parses_split_reply_with_exception_and_leaves_trailing_bytes() {
        let (out, exc, done, consumed) = parse_all(&[
            b"ab",
            b"c\x04Trace",
            b"back\r\nOSError: 2\r\n",
            b"\x04>tail",
        ]);
        assert_eq!(out, b"abc");
        assert_eq!(exc, b"Traceback\r\nOSError: 2\r\n");
        assert!(done);
        assert_eq!(
            consumed, 2,
            "only \\x04> of the last chunk belongs to the reply"
        );
    }

    #[test]
    fn incomplete_reply_is_not_done() {
        let (_, _, done, _) = parse_all(&[b"out\x04err"]);
        assert!(!done);
    }

    #[test]
    fn finds_both_banner_spellings() {
        assert_eq!(
            find_raw_banner_end(b"noise\r\nraw REPL; CTRL-B to exit\r\n>"),
            Some(34)
        );
        assert_eq!(
            find_raw_banner_end(b"raw REPL; CTRL-B to exit\n>x"),
            Some(26)
        );
        assert_eq!(find_raw_banner_end(b"raw REPL; CTRL-B"), None);
    }

    #[test]
    fn rejects_control_bytes_in_code() {
        assert!(is_sendable_code(b"print('\\x04')\n"));
        assert!(!is_sendable_code(b"print('\x04')"));
        assert!(is_sendable_code("é\t\r\n".as_bytes()));
    }
}
