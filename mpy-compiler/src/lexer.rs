//! The tokeniser, mirroring py/lexer.c.
//!
//! It works on bytes with a three-byte look-ahead window (`chr0..chr2`) exactly
//! as MicroPython's does, because f-strings are implemented by *injecting*
//! source text (`.format(...)` arguments) into that window: the parser then
//! sees `"a{}b" .format((x),)` with the line numbers of the original string.
//! Adjacent string literals are joined here too, and `__debug__` becomes
//! `True`/`False` according to the optimisation level.

use crate::error::{CompileError, ErrorKind};
use crate::token::TokenKind;

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
    line: u32,
    column: i64,
    emit_dent: i64,
    nested_bracket_level: i64,
    indent_levels: Vec<usize>,
    inject: Vec<u8>,
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
            line: 1,
            column: -2,
            emit_dent: 0,
            nested_bracket_level: 0,
            indent_levels: vec![0],
            inject: Vec::new(),
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
        let mut chr2;
        loop {
            if self.inject_idx != 0 {
                chr2 = self.inject.get(self.inject_idx).copied().unwrap_or(EOF);
                self.inject_idx += 1;
                if self.inject_idx >= self.inject.len() {
                    self.inject.clear();
                    self.inject_idx = 0;
                }
            } else {
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

    /// Byte offset of `chr0` in the source (approximate while injecting).
    fn offset(&self) -> usize {
        if self.inject_idx != 0 {
            return self.read_pos.min(self.source.len());
        }
        // chr0..chr2 are the three bytes before read_pos (ignoring CR LF folding)
        self.read_pos.saturating_sub(3).min(self.source.len())
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

    fn lex_strings(&mut self) -> Result<(), CompileError> {
        // End marks "no literal seen yet"
        self.kind = TokenKind::End;
        let mut had_tstring = false;
        loop {
            let mut is_raw = false;
            let mut is_fstring = false;
            let mut is_tstring = false;
            let mut kind = TokenKind::String;
            let mut n_char = 0;
            if self.is(b'u') {
                n_char = 1;
            } else if self.is(b'b') {
                kind = TokenKind::Bytes;
                n_char = 1;
                if self.chr1 == b'r' {
                    is_raw = true;
                    n_char = 2;
                }
            } else if self.is(b'r') {
                is_raw = true;
                n_char = 1;
                if self.chr1 == b'b' {
                    kind = TokenKind::Bytes;
                    n_char = 2;
                } else if self.chr1 == b'f' {
                    is_fstring = true;
                    n_char = 2;
                } else if self.chr1 == b't' {
                    is_tstring = true;
                    n_char = 2;
                }
            } else if self.is(b'f') {
                is_fstring = true;
                n_char = 1;
                if self.chr1 == b'r' {
                    is_raw = true;
                    n_char = 2;
                }
            } else if self.is(b't') {
                is_tstring = true;
                n_char = 1;
                if self.chr1 == b'r' {
                    is_raw = true;
                    n_char = 2;
                }
            }
            if is_tstring {
                had_tstring = true;
            }
            if self.kind == TokenKind::End {
                self.kind = kind;
            } else if self.kind != kind {
                // str and bytes do not concatenate
                break;
            }
            for _ in 0..n_char {
                self.next_char();
            }
            self.parse_string_literal(is_raw, is_fstring, is_tstring)?;
            self.skip_whitespace(true);
            if !self.is_string_or_bytes() {
                break;
            }
        }

        if had_tstring {
            self.text.extend_from_slice(b",),");
            let mut joined = std::mem::take(&mut self.text);
            joined.extend_from_slice(&self.fstring_args);
            self.fstring_args = joined;
            if !self.kind.is_lexer_error() {
                self.kind = TokenKind::Name;
                self.text.clear();
                self.text.extend_from_slice(b"__template__");
            }
        }

        if !self.fstring_args.is_empty() {
            self.fstring_args.push(b')');
            if self.inject_idx == 0 {
                self.inject.clear();
                self.inject
                    .extend_from_slice(&[self.chr0, self.chr1, self.chr2]);
            } else {
                // rewind the cached window so the new text goes before it
                self.inject_idx = self.inject_idx.saturating_sub(3);
            }
            let args = std::mem::take(&mut self.fstring_args);
            let at = self.inject_idx;
            self.inject.splice(at..at, args);
            self.chr0 = self.inject[self.inject_idx];
            self.chr1 = self.inject[self.inject_idx + 1];
            self.chr2 = self.inject[self.inject_idx + 2];
            self.inject_idx += 3;
            if self.inject_idx >= self.inject.len() {
                self.inject.clear();
                self.inject_idx = 0;
            }
        }
        Ok(())
    }

    fn parse_string_literal(
        &mut self,
        is_raw: bool,
        is_fstring: bool,
        is_tstring: bool,
    ) -> Result<(), CompileError> {
        let quote = if self.is(b'"') { b'"' } else { b'\'' };
        self.next_char();
        let num_quotes = if self.is_and(quote, quote) {
            self.next_char();
            self.next_char();
            3
        } else {
            1
        };
        let mut n_closing = 0;
        if is_fstring && self.fstring_args.is_empty() {
            self.fstring_args.extend_from_slice(b".format(");
        }
        if is_tstring && self.fstring_args.is_empty() {
            self.text.extend_from_slice(b"((");
            for _ in 0..num_quotes {
                self.text.push(quote);
            }
        }
        let mut tstring_num_interpolations = 0usize;
        let mut end_of_format_index = 0usize;
        let mut nested_formatting_in_tstring = 0usize;
        let mut nested_formatting_needs_fstring = false;

        while !self.is_end() && (num_quotes > 1 || !self.is(b'\n')) && n_closing < num_quotes {
            if self.is(quote) {
                n_closing += 1;
                self.text.push(self.chr0);
            } else if is_tstring && self.is(b'\n') {
                self.text.extend_from_slice(b"\\n");
            } else {
                n_closing = 0;
                let mut handled_brace = false;
                if (is_fstring || is_tstring) && self.is(b'{') {
                    if nested_formatting_in_tstring > 0 {
                        nested_formatting_in_tstring += 1;
                    } else {
                        self.interpolation(
                            is_tstring,
                            quote,
                            num_quotes,
                            &mut nested_formatting_in_tstring,
                            &mut end_of_format_index,
                        );
                        handled_brace = true;
                    }
                }
                if handled_brace {
                    continue;
                }
                if is_tstring && self.is(b'\\') {
                    // the text is re-lexed as a string literal later
                    self.text.push(b'\\');
                    if is_raw {
                        self.text.push(b'\\');
                    } else {
                        self.next_char();
                        self.text.push(self.chr0);
                    }
                } else if self.is(b'\\') {
                    self.next_char();
                    let escaped = self.chr0;
                    let mut c = u64::from(escaped);
                    if is_raw {
                        self.text.push(b'\\');
                    } else {
                        match escaped {
                            b'\n' => {
                                self.next_char();
                                continue;
                            }
                            b'\\' | b'\'' | b'"' => {}
                            b'a' => c = 0x07,
                            b'b' => c = 0x08,
                            b't' => c = 0x09,
                            b'n' => c = 0x0a,
                            b'v' => c = 0x0b,
                            b'f' => c = 0x0c,
                            b'r' => c = 0x0d,
                            b'u' | b'U' if self.kind == TokenKind::Bytes => {
                                self.text.push(b'\\');
                            }
                            b'x' | b'u' | b'U' => {
                                let digits = match escaped {
                                    b'x' => 2,
                                    b'u' => 4,
                                    _ => 8,
                                };
                                match self.get_hex(digits) {
                                    Some(n) => c = n,
                                    None => {
                                        self.kind = TokenKind::Invalid;
                                        c = 0;
                                    }
                                }
                            }
                            b'N' => {
                                return Err(CompileError::new(
                                    ErrorKind::NotImplementedError,
                                    "unicode name escapes",
                                    0,
                                ));
                            }
                            b'0'..=b'7' => {
                                let mut digits = 3;
                                let mut num = c - u64::from(b'0');
                                while (b'0'..=b'7').contains(&self.chr1) {
                                    digits -= 1;
                                    if digits == 0 {
                                        break;
                                    }
                                    self.next_char();
                                    num = num * 8 + u64::from(self.chr0 - b'0');
                                }
                                c = num;
                            }
                            _ => self.text.push(b'\\'),
                        }
                    }
                    if c < 0x110000 && self.kind == TokenKind::String {
                        push_char(&mut self.text, c as u32);
                    } else if c < 0x100 && self.kind == TokenKind::Bytes {
                        self.text.push(c as u8);
                    } else {
                        self.kind = TokenKind::Invalid;
                    }
                } else if is_tstring && nested_formatting_in_tstring > 0 && self.is(b'}') {
                    nested_formatting_in_tstring -= 1;
                    if nested_formatting_in_tstring > 0 {
                        nested_formatting_needs_fstring = true;
                        self.text.push(self.chr0);
                    } else {
                        tstring_num_interpolations += 1;
                        if nested_formatting_needs_fstring {
                            self.fstring_args.push(b'f');
                            nested_formatting_needs_fstring = false;
                        }
                        self.fstring_args.push(quote);
                        let start = (end_of_format_index + 1).min(self.text.len());
                        let spec = self.text[start..].to_vec();
                        self.fstring_args.extend_from_slice(&spec);
                        self.text.truncate(end_of_format_index);
                        self.fstring_args.push(quote);
                        self.fstring_args.push(b',');
                    }
                } else {
                    self.text.push(self.chr0);
                    if is_tstring && self.is_and(b'}', b'}') {
                        self.next_char();
                    } else if is_tstring && self.is(b'}') {
                        self.kind = TokenKind::MalformedFstring;
                    }
                }
            }
            self.next_char();
        }

        if n_closing < num_quotes {
            self.kind = TokenKind::LonelyStringOpen;
        }
        if is_tstring {
            if nested_formatting_in_tstring > 0 {
                self.kind = TokenKind::MalformedFstring;
            }
            if 1 + tstring_num_interpolations * 4 > 255 {
                self.fstring_args.insert(0, b'(');
                self.fstring_args.push(b')');
            }
        } else {
            let keep = self.text.len().saturating_sub(n_closing);
            self.text.truncate(keep);
        }
        Ok(())
    }

    /// Handles a `{` in an f-string or t-string: either `{{` or a replacement field,
    /// whose expression moves into the injected `.format(...)` arguments.
    fn interpolation(
        &mut self,
        is_tstring: bool,
        quote: u8,
        num_quotes: usize,
        nested_formatting_in_tstring: &mut usize,
        end_of_format_index: &mut usize,
    ) {
        self.next_char();
        if self.is(b'{') {
            if !is_tstring {
                self.text.push(b'{');
            }
            self.next_char();
        } else {
            self.fstring_args.push(b'(');
            let start = self.fstring_args.len();
            let mut nested: u32 = 0;
            while !self.is_end()
                && (nested != 0
                    || !(self.is_or(b':', b'}')
                        || (self.is(b'!')
                            && self.following_or(b'r', b's')
                            && self.following_following_or(b':', b'}'))))
            {
                let c = self.chr0;
                if c == b'[' || c == b'{' {
                    nested = nested.wrapping_add(1);
                } else if c == b']' || c == b'}' {
                    nested = nested.wrapping_sub(1);
                }
                self.fstring_args.push(c);
                self.next_char();
            }
            let mut was_debug = false;
            if self.fstring_args.last() == Some(&b'=') {
                let expr = self.fstring_args[start..].to_vec();
                self.text.extend_from_slice(&expr);
                self.fstring_args.pop();
                was_debug = true;
            }
            if is_tstring {
                while self.fstring_args.len() > start
                    && self.fstring_args.last().is_some_and(|&b| is_space(b))
                {
                    self.fstring_args.pop();
                }
            }
            if self.fstring_args.len() == start {
                self.kind = TokenKind::MalformedFstring;
            }
            self.fstring_args.push(b')');
            self.fstring_args.push(b',');
            if is_tstring {
                self.fstring_args.push(quote);
                let nn = self.fstring_args.len().saturating_sub(start + 3);
                for j in 0..nn {
                    let b = self.fstring_args[start + j];
                    if b == quote || b == b'\\' {
                        self.fstring_args.push(b'\\');
                    }
                    self.fstring_args.push(b);
                }
                self.fstring_args.push(quote);
                self.fstring_args.push(b',');
                for _ in 0..num_quotes {
                    self.text.push(quote);
                }
                self.text.push(b',');
                for _ in 0..num_quotes {
                    self.text.push(quote);
                }
                if self.is(b'!') {
                    self.next_char();
                    self.fstring_args.push(quote);
                    self.fstring_args.push(self.chr0);
                    self.next_char();
                    self.fstring_args.push(quote);
                    self.fstring_args.push(b',');
                } else if was_debug && !self.is(b':') {
                    self.fstring_args.extend_from_slice(b"'r',");
                } else {
                    self.fstring_args.extend_from_slice(b"None,");
                }
                if self.is(b':') {
                    self.next_char();
                }
                *nested_formatting_in_tstring = 1;
                *end_of_format_index = self.text.len();
            }
        }
        self.text.push(b'{');
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
        let t = tokens("a\r\nb\rc\n");
        let lines: Vec<u32> = t.iter().filter(|t| t.0 == T::Name).map(|t| t.2).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }
}
