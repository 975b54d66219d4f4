//! Turning the current token into a result node: names (with `const()` values substituted),
//! number literals, and strings interned or kept as objects, as parse.c's
//! `push_result_token` does. The literal conversions live here so the rule-stepping loop in
//! the parent module reads as the grammar walk alone.

use num_bigint::BigInt;

use super::Parser;
use crate::error::{CompileError, ErrorKind};
use crate::float::{parse_float_literal, DecimalLiteral};
use crate::fold;
use crate::parse_tree::{ConstObject, Node, Rule};
use crate::qstr::MAX_QSTR_LEN;
use crate::token::TokenKind;

/// Strings up to this many bytes are always interned (`MICROPY_ALLOC_PARSE_INTERN_STRING_LEN`).
const INTERN_STRING_MAX_LEN: usize = 10;

impl Parser<'_> {
    pub(super) fn push_result_token(&mut self, rule: Rule) -> Result<(), CompileError> {
        let line = self.lex.line_of_token;
        let node = match self.lex.kind {
            TokenKind::Name => {
                if self.lex.text.len() > MAX_QSTR_LEN {
                    return Err(name_too_long());
                }
                let id = self.pool.intern(&self.lex.text);
                match self.consts.get(&id) {
                    Some(value) if rule == Rule::Atom => self.const_node(value.clone(), line),
                    _ => Node::Id(id),
                }
            }
            TokenKind::Integer => {
                let value = parse_integer(&self.lex.text).map_err(|message| {
                    let pos = self.lex.position();
                    CompileError::syntax(message, line).at(pos.column, pos.offset..pos.offset + 1)
                })?;
                fold::int_node(value, self.small_int_bits, line)
            }
            TokenKind::FloatOrImag => match parse_float_literal(&self.lex.text) {
                Some(DecimalLiteral::Float(f)) => Node::Const(ConstObject::Float(f), line),
                Some(DecimalLiteral::Imaginary(f)) => {
                    Node::Const(ConstObject::Complex(0.0, f), line)
                }
                None => {
                    let pos = self.lex.position();
                    return Err(CompileError::syntax("invalid syntax for number", line)
                        .at(pos.column, pos.offset..pos.offset + 1));
                }
            },
            TokenKind::String => {
                let text = &self.lex.text;
                let interned = if text.len() <= INTERN_STRING_MAX_LEN {
                    Some(self.pool.intern(text))
                } else {
                    self.pool.find(text)
                };
                match interned {
                    Some(q) => Node::Str(q),
                    None => Node::Const(ConstObject::Str(text.clone()), line),
                }
            }
            TokenKind::Bytes => Node::Const(ConstObject::Bytes(self.lex.text.clone()), line),
            kind => Node::Token(kind),
        };
        self.results.push(node);
        Ok(())
    }

    /// A node for a `const()` value (`make_node_const_object_optimised`).
    fn const_node(&self, value: ConstObject, line: u32) -> Node {
        match value {
            ConstObject::Int(i) => fold::int_node(i, self.small_int_bits, line),
            other => Node::Const(other, line),
        }
    }
}

/// The error interning an over-long identifier raises (reported without a line).
pub(super) fn name_too_long() -> CompileError {
    CompileError::new(ErrorKind::RuntimeError, "name too long", 0)
}

/// Parses an integer token (`mp_parse_num_integer` with base 0); the error is
/// MicroPython's message.
fn parse_integer(text: &[u8]) -> Result<BigInt, String> {
    let (mut base, prefix) = match text {
        [b'0', c, ..] if text.len() > 1 => match c | 0x20 {
            b'x' => (16, 2),
            b'o' => (8, 2),
            b'b' => (2, 2),
            // a leading zero allows only more zeros ("base 1")
            _ => (1, 0),
        },
        _ => (10, 0),
    };
    let digits = &text[prefix..];
    let mut value = BigInt::from(0);
    let mut consumed = 0;
    for &c in digits {
        let digit = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'_' => {
                consumed += 1;
                continue;
            }
            _ => {
                let lower = c | 0x20;
                if lower.is_ascii_lowercase() {
                    u32::from(lower - b'a') + 10
                } else {
                    break;
                }
            }
        };
        if digit >= base {
            break;
        }
        value = value * base + digit;
        consumed += 1;
    }
    if consumed == 0 || consumed != digits.len() {
        if base == 1 {
            base = 0;
        }
        return Err(format!(
            "invalid syntax for integer with base {base}: '{}'",
            String::from_utf8_lossy(digits)
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_literals_and_their_errors() {
        assert_eq!(parse_integer(b"0x1F"), Ok(BigInt::from(31)));
        assert_eq!(parse_integer(b"00"), Ok(BigInt::from(0)));
        assert_eq!(
            parse_integer(b"09"),
            Err("invalid syntax for integer with base 0: '09'".to_string())
        );
        assert_eq!(
            parse_integer(b"0x"),
            Err("invalid syntax for integer with base 16: ''".to_string())
        );
        assert_eq!(
            parse_integer(b"0b12"),
            Err("invalid syntax for integer with base 2: '12'".to_string())
        );
        assert_eq!(
            parse_integer(b"1abc"),
            Err("invalid syntax for integer with base 10: '1abc'".to_string())
        );
    }
}
