//! The tokeniser, mirroring py/lexer.c.
//!
//! It works on bytes with a three-byte look-ahead window (`chr0..chr2`) exactly
//! as MicroPython's does, because f-strings are implemented by *injecting*
//! source text (`.format(...)` arguments) into that window: the parser then
//! sees `"a{}b" .format((x),)` with the line numbers of the original string.
//! Adjacent string literals are joined here too, and `__debug__` becomes
//! `True`/`False` according to the optimisation level.

use crate::error::CompileError;
use crate::token::TokenKind;

mod string;

const TAB_SIZE: i64 = 8;
/// The lexer's end-of-input marker; a NUL byte in the source reads as `INVALID_BYTE`.
const EOF: u8 = 0;
const INVALID_BYTE: u8 = 1;

/// A position in the source, for error reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenPosition {
    pub line: u32,
    pub column: u32,
    /// Byte offset in the source where the token starts (approximate for injected text).
    pub offset: usize,
}

/// Tokeniser state; the current token is in `kind`, `text` and `position`.
pub(crate) struct Lexer<'a> {
    source: &'a [u8],
    read_pos: usize,
    chr0: u8,
    chr1: u8,
    chr2: u8,
    /// Source byte offsets of `chr0..chr2` (injected text takes the offset where it was injected).
    offsets: [usize; 3],
    line: u32,
    column: i64,
    emit_dent: i64,
    nested_bracket_level: i64,
    indent_levels: Vec<usize>,
    inject: Vec<u8>,
    inject_offsets: Vec<usize>,
    inject_idx: usize,
    fstring_args: Vec<u8>,
    debug: bool,
    /// Kind of the current token.
    pub kind: TokenKind,
    /// Text of the current token (name, number, or string contents after escapes).
    pub text: Vec<u8>,
    /// Line of the current token.
    pub line_of_token: u32,
    /// Column of the current token.
    pub column_of_token: u32,
    /// Byte offset of the current token.
    pub offset_of_token: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | 9..=13)
}

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}

/// Appends `c` as UTF-8 the way `vstr_add_char` does (surrogates included).
fn push_char(buf: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        buf.push(c as u8);
    } else if c < 0x800 {
        buf.push(((c >> 6) | 0xc0) as u8);
        buf.push(((c & 0x3f) | 0x80) as u8);
    } else if c < 0x10000 {
        buf.push(((c >> 12) | 0xe0) as u8);
        buf.push((((c >> 6) & 0x3f) | 0x80) as u8);
        buf.push(((c & 0x3f) | 0x80) as u8);
    } else {
        buf.push(((c >> 18) | 0xf0) as u8);
        buf.push((((c >> 12) & 0x3f) | 0x80) as u8);
        buf.push((((c >> 6) & 0x3f) | 0x80) as u8);
        buf.push(((c & 0x3f) | 0x80) as u8);
    }
}

/// Keywords in the sorted order of lexer.c's table.
const KEYWORDS: [(&[u8], TokenKind); 37] = [
    (b"False", TokenKind::KwFalse),
    (b"None", TokenKind::KwNone),
    (b"True", TokenKind::KwTrue),
    (b"__debug__", TokenKind::KwDebug),
    (b"and", TokenKind::KwAnd),
    (b"as", TokenKind::KwAs),
    (b"assert", TokenKind::KwAssert),
    (b"async", TokenKind::KwAsync),
    (b"await", TokenKind::KwAwait),
    (b"break", TokenKind::KwBreak),
    (b"class", TokenKind::KwClass),
    (b"continue", TokenKind::KwContinue),
    (b"def", TokenKind::KwDef),
    (b"del", TokenKind::KwDel),
    (b"elif", TokenKind::KwElif),
    (b"else", TokenKind::KwElse),
    (b"except", TokenKind::KwExcept),
    (b"finally", TokenKind::KwFinally),
    (b"for", TokenKind::KwFor),
    (b"from", TokenKind::KwFrom),
    (b"global", TokenKind::KwGlobal),
    (b"if", TokenKind::KwIf),
    (b"import", TokenKind::KwImport),
    (b"in", TokenKind::KwIn),
    (b"is", TokenKind::KwIs),
    (b"lambda", TokenKind::KwLambda),
    (b"nonlocal", TokenKind::KwNonlocal),
    (b"not", TokenKind::KwNot),
    (b"or", TokenKind::KwOr),
    (b"pass", TokenKind::KwPass),
    (b"raise", TokenKind::KwRaise),
    (b"return", TokenKind::KwReturn),
    (b"try", TokenKind::KwTry),
    (b"while", TokenKind::KwWhile),
    (b"with", TokenKind::KwWith),
    (b"yield", TokenKind::KwYield),
    (b"", TokenKind::End),
];

impl TokenKind {
    /// Whether the lexer produced this kind to signal malformed input.
    pub(crate) fn is_lexer_error(self) -> bool {
        matches!(
            self,
            TokenKind::End
                | TokenKind::Invalid
                | TokenKind::DedentMismatch
                | TokenKind::LonelyStringOpen
                | TokenKind::MalformedFstring
        )
    }
}

impl<'a> Lexer<'a> {
    /// A lexer positioned on the first token of `source`.
    pub fn new(source: &'a [u8], debug: bool) -> Result<Self, CompileError> {
        let mut lex = Lexer {
            source,
            read_pos: 0,
            chr0: 0,
            chr1: 0,
            chr2: 0,
            offsets: [0; 3],
            line: 1,
            column: -2,
            emit_dent: 0,
            nested_bracket_level: 0,
            indent_levels: vec![0],
            inject: Vec::new(),
            inject_offsets: Vec::new(),
            inject_idx: 0,
            fstring_args: Vec::new(),
            debug,
            kind: TokenKind::End,
            text: Vec::new(),
            line_of_token: 1,
            column_of_token: 1,
            offset_of_token: 0,
        };
        lex.next_char();
        lex.next_char();
        lex.next_char();
        lex.advance()?;
        // the first token must start in column 1 unless it is a newline
        if lex.column_of_token != 1 && lex.kind != TokenKind::Newline {
            lex.kind = TokenKind::Indent;
        }
        Ok(lex)
    }

    /// Current position, for error reports.
    pub fn position(&self) -> TokenPosition {
        TokenPosition {
            line: self.line_of_token,
            column: self.column_of_token,
            offset: self.offset_of_token,
        }
    }

    fn is_end(&self) -> bool {
        self.chr0 == EOF
    }

    fn is(&self, c: u8) -> bool {
        self.chr0 == c
    }

    fn is_or(&self, a: u8, b: u8) -> bool {
        self.chr0 == a || self.chr0 == b
    }

    fn is_and(&self, a: u8, b: u8) -> bool {
        self.chr0 == a && self.chr1 == b
    }

    fn following_or(&self, a: u8, b: u8) -> bool {
        self.chr1 == a || self.chr1 == b
    }

    fn following_following_or(&self, a: u8, b: u8) -> bool {
        self.chr2 == a || self.chr2 == b
    }

    fn next_char(&mut self) {
        if self.chr0 == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if self.chr0 == b'\t' {
            self.column = ((self.column - 1 + TAB_SIZE) / TAB_SIZE) * TAB_SIZE + 1;
        } else {
            self.column += 1;
        }
        self.chr0 = self.chr1;
        self.chr1 = self.chr2;
        self.offsets = [self.offsets[1], self.offsets[2], self.read_pos];
        let mut chr2;
        loop {
            if self.inject_idx != 0 {
                chr2 = self.inject.get(self.inject_idx).copied().unwrap_or(EOF);
                self.offsets[2] = self
                    .inject_offsets
                    .get(self.inject_idx)
                    .copied()
                    .unwrap_or(self.read_pos);
                self.inject_idx += 1;
                if self.inject_idx >= self.inject.len() {
                    self.inject.clear();
                    self.inject_offsets.clear();
                    self.inject_idx = 0;
                }
            } else {
                self.offsets[2] = self.read_pos;
                chr2 = match self.source.get(self.read_pos) {
                    Some(&b) => {
                        self.read_pos += 1;
                        if b == EOF {
                            INVALID_BYTE
                        } else {
                            b
                        }
                    }
                    None => EOF,
                };
            }
            if self.chr1 == b'\r' {
                self.chr1 = b'\n';
                if chr2 == b'\n' {
                    continue;
                }
            }
            break;
        }
        if chr2 == EOF && self.chr1 != EOF && self.chr1 != b'\n' {
            chr2 = b'\n';
        }
        self.chr2 = chr2;
    }

    fn is_string_or_bytes(&self) -> bool {
        let quote_follows = self.following_or(b'\'', b'"');
        let quote_follows_2 = self.following_following_or(b'\'', b'"');
        self.is_or(b'\'', b'"')
            || (matches!(self.chr0, b'r' | b'u' | b'b' | b'f' | b't') && quote_follows)
            || ((self.is_and(b'r', b'f')
                || self.is_and(b'f', b'r')
                || self.is_and(b'r', b't')
                || self.is_and(b't', b'r'))
                && quote_follows_2)
            || ((self.is_and(b'r', b'b') || self.is_and(b'b', b'r')) && quote_follows_2)
    }

    fn is_head_of_identifier(&self) -> bool {
        is_alpha(self.chr0) || self.chr0 == b'_' || self.chr0 >= 0x80
    }

    fn is_tail_of_identifier(&self) -> bool {
        self.is_head_of_identifier() || is_digit(self.chr0)
    }

    /// Reads `digits` hex digits after the escape letter; `None` if one is missing.
    fn get_hex(&mut self, digits: usize) -> Option<u64> {
        let mut num: u64 = 0;
        for _ in 0..digits {
            self.next_char();
            let c = self.chr0;
            let value = (c as char).to_digit(16)?;
            num = (num << 4) + u64::from(value);
        }
        Some(num)
    }

    /// Returns whether a newline was crossed.
    fn skip_whitespace(&mut self, stop_at_newline: bool) -> bool {
        while !self.is_end() {
            if self.chr0 == b'\n' {
                if stop_at_newline && self.nested_bracket_level == 0 {
                    return true;
                }
                self.next_char();
            } else if is_space(self.chr0) {
                self.next_char();
            } else if self.is(b'#') {
                self.next_char();
                while !self.is_end() && self.chr0 != b'\n' {
                    self.next_char();
                }
            } else if self.is_and(b'\\', b'\n') {
                self.next_char();
                self.next_char();
            } else {
                break;
            }
        }
        false
    }

    /// Byte offset of `chr0` in the source.
    fn offset(&self) -> usize {
        self.offsets[0].min(self.source.len())
    }

    /// Moves to the next token.
    pub fn advance(&mut self) -> Result<(), CompileError> {
        self.text.clear();
        let had_physical_newline = self.skip_whitespace(true);
        self.line_of_token = self.line;
        self.column_of_token = u32::try_from(self.column.max(0)).unwrap_or(u32::MAX);
        self.offset_of_token = self.offset();

        if self.emit_dent < 0 {
            self.kind = TokenKind::Dedent;
            self.emit_dent += 1;
        } else if self.emit_dent > 0 {
            self.kind = TokenKind::Indent;
            self.emit_dent -= 1;
        } else if had_physical_newline {
            self.skip_whitespace(false);
            self.kind = TokenKind::Newline;
            let num_spaces = usize::try_from(self.column - 1).unwrap_or(0);
            let top = self.indent_levels.last().copied().unwrap_or(0);
            if num_spaces > top {
                self.indent_levels.push(num_spaces);
                self.emit_dent += 1;
            } else if num_spaces < top {
                while num_spaces < self.indent_levels.last().copied().unwrap_or(0) {
                    self.indent_levels.pop();
                    self.emit_dent -= 1;
                }
                if num_spaces != self.indent_levels.last().copied().unwrap_or(0) {
                    self.kind = TokenKind::DedentMismatch;
                }
            }
        } else if self.is_end() {
            self.kind = TokenKind::End;
        } else if self.is_string_or_bytes() {
            self.lex_strings()?;
        } else if self.is_head_of_identifier() {
            self.kind = TokenKind::Name;
            self.text.push(self.chr0);
            self.next_char();
            while !self.is_end() && self.is_tail_of_identifier() {
                self.text.push(self.chr0);
                self.next_char();
            }
            if let Ok(i) = KEYWORDS[..36].binary_search_by(|(k, _)| k.cmp(&&self.text[..])) {
                self.kind = KEYWORDS[i].1;
                if self.kind == TokenKind::KwDebug {
                    self.kind = if self.debug {
                        TokenKind::KwTrue
                    } else {
                        TokenKind::KwFalse
                    };
                }
            }
        } else if is_digit(self.chr0) || (self.is(b'.') && is_digit(self.chr1)) {
            self.lex_number();
        } else {
            self.lex_operator();
        }
        Ok(())
    }

    fn lex_number(&mut self) {
        let mut forced_integer = false;
        if self.is(b'.') {
            self.kind = TokenKind::FloatOrImag;
        } else {
            self.kind = TokenKind::Integer;
            if self.is(b'0') && matches!(self.chr1 | 0x20, b'b' | b'o' | b'x') {
                forced_integer = true;
            }
        }
        self.text.push(self.chr0);
        self.next_char();
        while !self.is_end() {
            if !forced_integer && self.is_or(b'e', b'E') {
                self.kind = TokenKind::FloatOrImag;
                self.text.push(b'e');
                self.next_char();
                if self.is(b'+') || self.is(b'-') {
                    self.text.push(self.chr0);
                    self.next_char();
                }
            } else if is_alpha(self.chr0) || is_digit(self.chr0) || self.is(b'.') {
                if matches!(self.chr0, b'.' | b'j' | b'J') {
                    self.kind = TokenKind::FloatOrImag;
                }
                self.text.push(self.chr0);
                self.next_char();
            } else if self.is(b'_') {
                self.next_char();
            } else {
                break;
            }
        }
    }

    fn lex_operator(&mut self) {
        use TokenKind as T;
        let c = self.chr0;
        self.next_char();
        // (first char, [(second char, kind)], single kind, third-char extension)
        let kind = match c {
            b'(' => T::DelParenOpen,
            b')' => T::DelParenClose,
            b'[' => T::DelBracketOpen,
            b']' => T::DelBracketClose,
            b'{' => T::DelBraceOpen,
            b'}' => T::DelBraceClose,
            b',' => T::DelComma,
            b';' => T::DelSemicolon,
            b'~' => T::OpTilde,
            b':' => self.one_of(T::DelColon, b'=', T::OpAssign),
            b'<' => self.shift_like(
                b'<',
                T::OpLess,
                T::OpLessEqual,
                T::OpDblLess,
                T::DelDblLessEqual,
            ),
            b'>' => self.shift_like(
                b'>',
                T::OpMore,
                T::OpMoreEqual,
                T::OpDblMore,
                T::DelDblMoreEqual,
            ),
            b'*' => self.shift_like(
                b'*',
                T::OpStar,
                T::DelStarEqual,
                T::OpDblStar,
                T::DelDblStarEqual,
            ),
            b'/' => self.shift_like(
                b'/',
                T::OpSlash,
                T::DelSlashEqual,
                T::OpDblSlash,
                T::DelDblSlashEqual,
            ),
            b'+' => self.one_of(T::OpPlus, b'=', T::DelPlusEqual),
            b'-' => {
                if self.is(b'=') {
                    self.next_char();
                    T::DelMinusEqual
                } else if self.is(b'>') {
                    self.next_char();
                    T::DelMinusMore
                } else {
                    T::OpMinus
                }
            }
            b'&' => self.one_of(T::OpAmpersand, b'=', T::DelAmpersandEqual),
            b'|' => self.one_of(T::OpPipe, b'=', T::DelPipeEqual),
            b'%' => self.one_of(T::OpPercent, b'=', T::DelPercentEqual),
            b'^' => self.one_of(T::OpCaret, b'=', T::DelCaretEqual),
            b'@' => self.one_of(T::OpAt, b'=', T::DelAtEqual),
            b'=' => self.one_of(T::DelEqual, b'=', T::OpDblEqual),
            b'!' => self.one_of(T::Invalid, b'=', T::OpNotEqual),
            b'.' => {
                if self.is_and(b'.', b'.') {
                    self.next_char();
                    self.next_char();
                    T::Ellipsis
                } else {
                    T::DelPeriod
                }
            }
            _ => T::Invalid,
        };
        self.kind = kind;
        match kind {
            T::DelParenOpen | T::DelBracketOpen | T::DelBraceOpen => self.nested_bracket_level += 1,
            T::DelParenClose | T::DelBracketClose | T::DelBraceClose => {
                self.nested_bracket_level -= 1
            }
            _ => {}
        }
    }

    fn one_of(&mut self, single: TokenKind, next: u8, double: TokenKind) -> TokenKind {
        if self.is(next) {
            self.next_char();
            double
        } else {
            single
        }
    }

    /// Operators of the form `<`, `<=`, `<<`, `<<=` (and `*`, `*=`, `**`, `**=`, ...),
    /// where `with_equal` is the kind of the first char followed by `=`.
    fn shift_like(
        &mut self,
        first: u8,
        single: TokenKind,
        with_equal: TokenKind,
        doubled: TokenKind,
        doubled_equal: TokenKind,
    ) -> TokenKind {
        if self.is(b'=') {
            self.next_char();
            with_equal
        } else if self.is(first) {
            self.next_char();
            self.one_of(doubled, b'=', doubled_equal)
        } else {
            single
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind as T;

    fn tokens(src: &str) -> Vec<(TokenKind, String, u32)> {
        let mut lex = Lexer::new(src.as_bytes(), true).expect("lexes");
        let mut out = Vec::new();
        for _ in 0..200 {
            out.push((
                lex.kind,
                String::from_utf8_lossy(&lex.text).into_owned(),
                lex.line_of_token,
            ));
            if lex.kind == T::End {
                break;
            }
            lex.advance().expect("lexes");
        }
        out
    }

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokens(src).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        assert_eq!(
            kinds("if x:\n    y\nz\n"),
            vec![
                T::KwIf,
                T::Name,
                T::DelColon,
                T::Newline,
                T::Indent,
                T::Name,
                T::Newline,
                T::Dedent,
                T::Name,
                T::Newline,
                T::End
            ]
        );
    }

    #[test]
    fn dedent_to_unknown_column_is_a_mismatch() {
        assert!(kinds("if x:\n    y\n  z\n").contains(&T::DedentMismatch));
    }

    #[test]
    fn first_token_indented_becomes_indent() {
        assert_eq!(kinds("  x\n")[0], T::Indent);
    }

    #[test]
    fn operators_take_the_longest_match() {
        assert_eq!(
            kinds("a **= b // c >>= d -> e != f := g ... .\n"),
            vec![
                T::Name,
                T::DelDblStarEqual,
                T::Name,
                T::OpDblSlash,
                T::Name,
                T::DelDblMoreEqual,
                T::Name,
                T::DelMinusMore,
                T::Name,
                T::OpNotEqual,
                T::Name,
                T::OpAssign,
                T::Name,
                T::Ellipsis,
                T::DelPeriod,
                T::Newline,
                T::End
            ]
        );
    }

    #[test]
    fn numbers_keep_their_text_without_underscores() {
        let t = tokens("1_000 0x1F 1.5e-3 3j 1e5\n");
        assert_eq!(t[0], (T::Integer, "1000".into(), 1));
        assert_eq!(t[1], (T::Integer, "0x1F".into(), 1));
        assert_eq!(t[2], (T::FloatOrImag, "1.5e-3".into(), 1));
        assert_eq!(t[3], (T::FloatOrImag, "3j".into(), 1));
        assert_eq!(t[4], (T::FloatOrImag, "1e5".into(), 1));
    }

    #[test]
    fn adjacent_strings_are_joined_and_escapes_decoded() {
        let t = tokens("'a\\x41' \"b\\n\" r'\\d'\n");
        assert_eq!(t[0], (T::String, "aAb\n\\d".into(), 1));
        let t = tokens("b'\\xff\\u1234'\n");
        assert_eq!(t[0].0, T::Bytes);
    }

    #[test]
    fn str_and_bytes_do_not_join() {
        assert_eq!(kinds("'a' b'b'\n")[..2], [T::String, T::Bytes]);
    }

    #[test]
    fn fstring_becomes_format_call() {
        let t = tokens("f'a{x}b{y!r:>3}'\n");
        assert_eq!(t[0], (T::String, "a{}b{!r:>3}".into(), 1));
        let rest: Vec<TokenKind> = t[1..].iter().map(|t| t.0).collect();
        assert_eq!(
            rest,
            vec![
                T::DelPeriod,
                T::Name,
                T::DelParenOpen,
                T::DelParenOpen,
                T::Name,
                T::DelParenClose,
                T::DelComma,
                T::DelParenOpen,
                T::Name,
                T::DelParenClose,
                T::DelComma,
                T::DelParenClose,
                T::Newline,
                T::End
            ]
        );
    }

    #[test]
    fn fstring_debug_specifier_keeps_the_expression_text() {
        let t = tokens("f'{x=}'\n");
        assert_eq!(t[0].1, "x={}");
    }

    #[test]
    fn debug_keyword_follows_optimisation() {
        let mut lex = Lexer::new(b"__debug__\n", false).expect("lexes");
        assert_eq!(lex.kind, T::KwFalse);
        lex = Lexer::new(b"__debug__\n", true).expect("lexes");
        assert_eq!(lex.kind, T::KwTrue);
    }

    #[test]
    fn unterminated_string_is_flagged() {
        assert_eq!(kinds("'abc\n")[0], T::LonelyStringOpen);
    }

    #[test]
    fn crlf_counts_as_one_newline() {
        let mut lex = Lexer::new(b"ab = 'x'\n", true).expect("lexes");
        lex.advance().expect("lexes");
        lex.advance().expect("lexes");
        assert_eq!(lex.position().offset, 5);
        let t = tokens("a\r\nb\rc\n");
        let lines: Vec<u32> = t.iter().filter(|t| t.0 == T::Name).map(|t| t.2).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }
}
