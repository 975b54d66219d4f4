//! Which input bytes upy acts on itself, and how code is prepared for the board's paste mode.
//!
//! Everything else the user types goes to the board unchanged: Ctrl-C interrupts it, Ctrl-D
//! soft-resets it, Ctrl-E enters paste mode, and arrow keys and Tab reach its line editor.

/// Ctrl-]: leave the REPL (as in telnet and miniterm).
pub const EXIT: u8 = 0x1d;
/// Ctrl-X: leave the REPL (as in mpremote).
pub const EXIT_ALT: u8 = 0x18;
/// Ctrl-Z: suspend upy (job control), only when the keys come from a terminal.
pub const SUSPEND: u8 = 0x1a;
/// Ctrl-T: paste the `--paste` file again (read afresh), only when one was given.
pub const PASTE: u8 = 0x14;

/// The friendly REPL's paste-mode controls, which must not appear inside pasted code.
const PASTE_CANCEL: u8 = 0x03;
const PASTE_FINISH: u8 = 0x04;

/// A key upy handles locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKey {
    Exit,
    Suspend,
    Paste,
}

/// Which local keys are active in this session.
#[derive(Debug, Clone, Copy)]
pub struct KeyMap {
    pub suspend: bool,
    pub paste: bool,
}

impl KeyMap {
    fn local_key(&self, byte: u8) -> Option<LocalKey> {
        match byte {
            EXIT | EXIT_ALT => Some(LocalKey::Exit),
            SUSPEND if self.suspend => Some(LocalKey::Suspend),
            PASTE if self.paste => Some(LocalKey::Paste),
            _ => None,
        }
    }

    /// Splits `input` at the first local key: the bytes before it go to the board, then the key
    /// and what follows it. Escape sequences and UTF-8 never contain these control bytes, so a
    /// byte-wise split is exact.
    pub fn split<'a>(&self, input: &'a [u8]) -> (&'a [u8], Option<(LocalKey, &'a [u8])>) {
        for (index, &byte) in input.iter().enumerate() {
            if let Some(key) = self.local_key(byte) {
                return (&input[..index], Some((key, &input[index + 1..])));
            }
        }
        (input, None)
    }
}

/// Code that cannot go through paste mode: it holds the byte that cancels or ends it.
#[derive(Debug, PartialEq, Eq)]
pub struct ForbiddenByte {
    pub offset: usize,
    pub byte: u8,
}

/// Prepares `code` for paste mode as if it were typed: every line ending becomes CR, which the
/// board echoes as a new `=== ` line.
pub fn paste_payload(code: &[u8]) -> Result<Vec<u8>, ForbiddenByte> {
    if let Some(offset) = code
        .iter()
        .position(|&b| b == PASTE_CANCEL || b == PASTE_FINISH)
    {
        return Err(ForbiddenByte {
            offset,
            byte: code[offset],
        });
    }
    let mut payload = Vec::with_capacity(code.len());
    let mut bytes = code.iter().peekable();
    while let Some(&byte) = bytes.next() {
        match byte {
            b'\r' => {
                if bytes.peek() == Some(&&b'\n') {
                    bytes.next();
                }
                payload.push(b'\r');
            }
            b'\n' => payload.push(b'\r'),
            other => payload.push(other),
        }
    }
    Ok(payload)
}

/// How many bytes the board echoes for `typed` in paste mode: each byte once, except CR, which
/// starts a new `=== ` line.
pub fn paste_echo_len(typed: &[u8]) -> u64 {
    typed
        .iter()
        .map(|&byte| {
            if byte == b'\r' {
                PASTE_NEW_LINE_ECHO
            } else {
                1
            }
        })
        .sum()
}

/// What paste mode echoes for CR: `\r\n=== `.
const PASTE_NEW_LINE_ECHO: u64 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: KeyMap = KeyMap {
        suspend: true,
        paste: true,
    };

    #[test]
    fn plain_input_passes_whole() {
        let input = b"print(1)\r\x1b[A\t\x03\x04\x05";
        assert_eq!(ALL.split(input), (&input[..], None));
    }

    #[test]
    fn split_stops_at_the_first_local_key() {
        let (forward, rest) = ALL.split(b"ab\x1dcd\x18");
        assert_eq!(forward, b"ab");
        assert_eq!(rest, Some((LocalKey::Exit, &b"cd\x18"[..])));
        let (forward, rest) = ALL.split(b"\x18");
        assert_eq!(forward, b"");
        assert_eq!(rest, Some((LocalKey::Exit, &b""[..])));
    }

    #[test]
    fn inactive_keys_go_to_the_board() {
        let none = KeyMap {
            suspend: false,
            paste: false,
        };
        assert_eq!(none.split(b"a\x1a\x14b"), (&b"a\x1a\x14b"[..], None));
        assert_eq!(
            ALL.split(b"a\x1a"),
            (&b"a"[..], Some((LocalKey::Suspend, &b""[..])))
        );
        assert_eq!(
            ALL.split(b"\x14z"),
            (&b""[..], Some((LocalKey::Paste, &b"z"[..])))
        );
    }

    #[test]
    fn line_endings_become_carriage_returns() {
        assert_eq!(
            paste_payload(b"a\nb\r\nc\rd\n\n").unwrap(),
            b"a\rb\rc\rd\r\r".to_vec()
        );
    }

    #[test]
    fn paste_controls_are_refused_with_their_offset() {
        assert_eq!(
            paste_payload(b"ok\n\x04"),
            Err(ForbiddenByte { offset: 3, byte: 4 })
        );
        assert_eq!(
            paste_payload(b"\x03").unwrap_err(),
            ForbiddenByte { offset: 0, byte: 3 }
        );
    }

    #[test]
    fn echo_length_counts_the_new_line_prompt() {
        assert_eq!(paste_echo_len(b"ab\rc"), 3 + 6);
        assert_eq!(paste_echo_len(b""), 0);
    }

    #[test]
    fn non_utf8_code_is_kept() {
        assert_eq!(paste_payload(b"\xff\xfe").unwrap(), b"\xff\xfe".to_vec());
    }
}
