//! String and bytes literals (`parse_string_literal` in py/lexer.c): escapes,
//! joining of adjacent literals, and the rewriting of f-strings into
//! `"...".format(...)` and t-strings into `__template__(...)` calls, whose
//! arguments are injected back into the character stream.

use super::{is_space, push_char, Lexer, EOF};
use crate::error::{CompileError, ErrorKind};
use crate::token::TokenKind;

impl Lexer<'_> {
    pub(super) fn lex_strings(&mut self) -> Result<(), CompileError> {
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
                self.inject_offsets.clear();
                self.inject_offsets.extend_from_slice(&self.offsets);
            } else {
                // rewind the cached window so the new text goes before it
                self.inject_idx = self.inject_idx.saturating_sub(3);
            }
            let args = std::mem::take(&mut self.fstring_args);
            let at = self.inject_idx;
            let anchor = self.offsets[0];
            self.inject_offsets
                .splice(at..at, std::iter::repeat_n(anchor, args.len()));
            self.inject.splice(at..at, args);
            let window = |i: usize| {
                (
                    self.inject.get(at + i).copied().unwrap_or(EOF),
                    self.inject_offsets.get(at + i).copied().unwrap_or(anchor),
                )
            };
            let (w0, w1, w2) = (window(0), window(1), window(2));
            (self.chr0, self.chr1, self.chr2) = (w0.0, w1.0, w2.0);
            self.offsets = [w0.1, w1.1, w2.1];
            self.inject_idx += 3;
            if self.inject_idx >= self.inject.len() {
                self.inject.clear();
                self.inject_offsets.clear();
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
