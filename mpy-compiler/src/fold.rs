//! Constant folding with MicroPython's runtime semantics (the parts of
//! py/runtime.c, py/objint_mpz.c and py/objfloat.c that parse.c reaches
//! through `mp_binary_op`/`mp_unary_op`).
//!
//! mpy-cross folds with the *host's* objects: ints are arbitrary precision,
//! floats are doubles; an operation that would raise (division by zero, a
//! negative shift, a type error, a complex result, running out of heap) simply
//! leaves the expression unfolded.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::parse_tree::{ConstObject, Node, QstrPool};
use crate::token::{BinaryOp, TokenKind};

/// Folded ints larger than this many bits are left unfolded, as mpy-cross's
/// 2 MiB heap could not hold them either.
const MAX_FOLDED_INT_BITS: u64 = 8 * 1024 * 1024;

/// A number taking part in folding.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Number {
    Int(BigInt),
    Float(f64),
}

/// Whether an int is a small int of the host mpy-cross runs on (63 bits on x86-64):
/// those convert to float exactly as C's `(double)` cast does.
fn host_small_int(value: &BigInt) -> Option<i64> {
    value
        .to_i64()
        .filter(|v| (-(1i64 << 62)..(1i64 << 62)).contains(v))
}

/// Whether `value` is 2**62, the one big int whose negation is a host small
/// int value (the runtime does not turn the negated big int back into a small int).
pub(crate) fn is_host_small_int_limit(value: &Number) -> bool {
    matches!(value, Number::Int(i) if *i == BigInt::from(1i64 << 62))
}

/// `mpz_as_float`: accumulates the big int's digits (32 bits each on x86-64,
/// `MPZ_DIG_SIZE`), most significant first, in double arithmetic, rounding at
/// each step.
fn mpz_as_float(value: &BigInt) -> f64 {
    let digits = value.magnitude().to_u32_digits();
    let mut result = 0.0f64;
    for digit in digits.iter().rev() {
        result = result * 4_294_967_296.0 + f64::from(*digit);
    }
    if value.sign() == Sign::Minus {
        -result
    } else {
        result
    }
}

/// An int converted to float the way the runtime converts it.
fn int_to_float(value: &BigInt) -> f64 {
    match host_small_int(value) {
        Some(v) => v as f64,
        None => mpz_as_float(value),
    }
}

impl Number {
    fn as_float(&self) -> f64 {
        match self {
            Number::Int(i) => int_to_float(i),
            Number::Float(f) => *f,
        }
    }
}

/// The number a node holds, if it is a small int or an int/float constant
/// (`mp_parse_node_get_number_maybe`).
pub(crate) fn number_of(node: &Node) -> Option<Number> {
    match node {
        Node::SmallInt(v) => Some(Number::Int(BigInt::from(*v))),
        Node::Const(ConstObject::Int(i), _) => Some(Number::Int(i.clone())),
        Node::Const(ConstObject::Float(f), _) => Some(Number::Float(*f)),
        _ => None,
    }
}

/// The parse node for a folded value (`make_node_const_object_optimised`);
/// `line` is the line a constant object records.
pub(crate) fn number_node(value: Number, small_int_bits: u8, line: u32) -> Node {
    match value {
        Number::Int(i) => int_node(i, small_int_bits, line),
        Number::Float(f) => Node::Const(ConstObject::Float(f), line),
    }
}

/// An int as a small-int leaf if it fits the target's small int, else a constant.
pub(crate) fn int_node(value: BigInt, small_int_bits: u8, line: u32) -> Node {
    let bits = u32::from(small_int_bits.clamp(2, 63));
    if let Some(v) = value.to_i64() {
        let limit = 1i64 << (bits - 1);
        if (-limit..limit).contains(&v) {
            return Node::SmallInt(v);
        }
    }
    Node::Const(ConstObject::Int(value), line)
}

/// Python's float divmod as MicroPython computes it (`mp_obj_float_divmod`).
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut modulo = x % y;
    let mut div = (x - modulo) / y;
    if modulo == 0.0 {
        modulo = 0.0f64.copysign(y);
    } else if (modulo < 0.0) != (y < 0.0) {
        modulo += y;
        div -= 1.0;
    }
    let floordiv = if div == 0.0 {
        0.0f64.copysign(x / y)
    } else {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    };
    (floordiv, modulo)
}

fn float_binary_op(op: BinaryOp, lhs: f64, rhs: f64) -> Option<Number> {
    let result = match op {
        BinaryOp::Add => lhs + rhs,
        BinaryOp::Subtract => lhs - rhs,
        BinaryOp::Multiply => lhs * rhs,
        BinaryOp::FloorDivide => {
            if rhs == 0.0 {
                return None;
            }
            float_divmod(lhs, rhs).0
        }
        BinaryOp::TrueDivide => {
            if rhs == 0.0 {
                return None;
            }
            lhs / rhs
        }
        BinaryOp::Modulo => {
            if rhs == 0.0 {
                return None;
            }
            let m = lhs % rhs;
            if m == 0.0 {
                0.0f64.copysign(rhs)
            } else if (m < 0.0) != (rhs < 0.0) {
                m + rhs
            } else {
                m
            }
        }
        BinaryOp::Power => {
            if lhs == 0.0 && rhs < 0.0 && !rhs.is_infinite() {
                return None;
            }
            if lhs < 0.0 && rhs != rhs.floor() && !rhs.is_nan() {
                // the result is complex, which the parser does not fold
                return None;
            }
            lhs.powf(rhs)
        }
        _ => return None,
    };
    Some(Number::Float(result))
}

fn int_binary_op(op: BinaryOp, lhs: &BigInt, rhs: &BigInt) -> Option<Number> {
    let result = match op {
        BinaryOp::Or => lhs | rhs,
        BinaryOp::Xor => lhs ^ rhs,
        BinaryOp::And => lhs & rhs,
        BinaryOp::LShift | BinaryOp::RShift => {
            if rhs.is_negative() {
                return None;
            }
            let shift = rhs.to_u64()?;
            if op == BinaryOp::LShift {
                if lhs.is_zero() {
                    BigInt::zero()
                } else {
                    if lhs.bits().saturating_add(shift) > MAX_FOLDED_INT_BITS {
                        return None;
                    }
                    lhs << shift
                }
            } else {
                lhs >> shift.min(u64::from(u32::MAX))
            }
        }
        BinaryOp::Add => lhs + rhs,
        BinaryOp::Subtract => lhs - rhs,
        BinaryOp::Multiply => {
            if lhs.bits() + rhs.bits() > MAX_FOLDED_INT_BITS {
                return None;
            }
            lhs * rhs
        }
        BinaryOp::FloorDivide => {
            if rhs.is_zero() {
                return None;
            }
            lhs.div_floor(rhs)
        }
        BinaryOp::Modulo => {
            if rhs.is_zero() {
                return None;
            }
            lhs.mod_floor(rhs)
        }
        BinaryOp::TrueDivide => {
            if rhs.is_zero() {
                return None;
            }
            // small ints divide as C doubles; once either side is a big int
            // both go through the digit-by-digit conversion
            let (a, b) = match (host_small_int(lhs), host_small_int(rhs)) {
                (Some(a), Some(b)) => (a as f64, b as f64),
                _ => (mpz_as_float(lhs), mpz_as_float(rhs)),
            };
            return Some(Number::Float(a / b));
        }
        BinaryOp::Power => {
            if rhs.is_negative() {
                return float_binary_op(op, int_to_float(lhs), int_to_float(rhs));
            }
            let exponent = rhs.to_u64();
            let magnitude_bits = lhs.bits();
            if magnitude_bits <= 1 {
                // 0, 1 and -1 stay small whatever the exponent
                let exponent_is_even = rhs.is_even();
                return Some(Number::Int(if lhs.is_zero() {
                    if rhs.is_zero() {
                        BigInt::from(1)
                    } else {
                        BigInt::zero()
                    }
                } else if lhs.is_negative() && !exponent_is_even {
                    BigInt::from(-1)
                } else {
                    BigInt::from(1)
                }));
            }
            let exponent = exponent?;
            if magnitude_bits.saturating_mul(exponent) > MAX_FOLDED_INT_BITS {
                return None;
            }
            num_traits::pow::Pow::pow(lhs, exponent)
        }
        _ => return None,
    };
    Some(Number::Int(result))
}

/// `lhs op rhs` as `mp_binary_op` computes it, or `None` where it would raise
/// or give a complex number.
pub(crate) fn binary_op(op: BinaryOp, lhs: &Number, rhs: &Number) -> Option<Number> {
    match (lhs, rhs) {
        (Number::Int(a), Number::Int(b)) => int_binary_op(op, a, b),
        _ => float_binary_op(op, lhs.as_float(), rhs.as_float()),
    }
}

/// Unary `+`, `-` or `~` (`mp_unary_op`); `~` only applies to ints.
pub(crate) fn unary_op(op: TokenKind, value: Number) -> Option<Number> {
    match (op, value) {
        (TokenKind::OpPlus, v) => Some(v),
        (TokenKind::OpMinus, Number::Int(i)) => Some(Number::Int(-i)),
        (TokenKind::OpMinus, Number::Float(f)) => Some(Number::Float(-f)),
        (TokenKind::OpTilde, Number::Int(i)) => Some(Number::Int(!i)),
        _ => None,
    }
}

/// Whether a node is a compile-time constant (`mp_parse_node_is_const`).
pub(crate) fn is_const(node: &Node) -> bool {
    match node {
        Node::SmallInt(_) | Node::Str(_) | Node::Const(..) => true,
        Node::Token(t) => matches!(
            t,
            TokenKind::KwNone | TokenKind::KwFalse | TokenKind::KwTrue | TokenKind::Ellipsis
        ),
        Node::Struct { rule, children, .. } => {
            *rule == crate::parse_tree::Rule::AtomParen
                && children.first().is_none_or(Node::is_null)
        }
        _ => false,
    }
}

/// The object a constant node stands for (`mp_parse_node_convert_to_obj`).
pub(crate) fn const_object(node: &Node, pool: &QstrPool) -> ConstObject {
    match node {
        Node::SmallInt(v) => ConstObject::Int(BigInt::from(*v)),
        Node::Str(q) => ConstObject::Str(pool.get(*q).to_vec()),
        Node::Const(c, _) => c.clone(),
        Node::Token(TokenKind::KwNone) => ConstObject::None,
        Node::Token(TokenKind::KwFalse) => ConstObject::False,
        Node::Token(TokenKind::KwTrue) => ConstObject::True,
        Node::Token(TokenKind::Ellipsis) => ConstObject::Ellipsis,
        _ => ConstObject::Tuple(Vec::new()),
    }
}

/// Python truthiness of a constant object.
pub(crate) fn is_true(object: &ConstObject) -> bool {
    match object {
        ConstObject::None | ConstObject::False => false,
        ConstObject::True | ConstObject::Ellipsis => true,
        ConstObject::Str(s) | ConstObject::Bytes(s) => !s.is_empty(),
        ConstObject::Int(i) => !i.is_zero(),
        ConstObject::Float(f) => *f != 0.0,
        ConstObject::Complex(re, im) => *re != 0.0 || *im != 0.0,
        ConstObject::Tuple(items) => !items.is_empty(),
    }
}

/// Whether `node` is a constant whose truth value is `value`
/// (`mp_parse_node_is_const_true/false`).
pub(crate) fn is_const_bool(node: &Node, value: bool, pool: &QstrPool) -> bool {
    if !is_const(node) {
        return false;
    }
    let truth = match node {
        Node::SmallInt(v) => *v != 0,
        Node::Str(q) => !pool.get(*q).is_empty(),
        Node::Const(c, _) => is_true(c),
        Node::Token(t) => matches!(t, TokenKind::KwTrue | TokenKind::Ellipsis),
        _ => false,
    };
    truth == value
}

/// The value of `math.<name>` for the constants mpy-cross folds.
pub(crate) fn math_constant(name: &[u8]) -> Option<f64> {
    Some(match name {
        b"pi" => std::f64::consts::PI,
        b"e" => std::f64::consts::E,
        b"tau" => std::f64::consts::TAU,
        b"inf" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: i64) -> Number {
        Number::Int(BigInt::from(v))
    }

    #[test]
    fn int_division_follows_python() {
        assert_eq!(
            binary_op(BinaryOp::FloorDivide, &int(-7), &int(2)),
            Some(int(-4))
        );
        assert_eq!(binary_op(BinaryOp::Modulo, &int(-7), &int(2)), Some(int(1)));
        assert_eq!(binary_op(BinaryOp::FloorDivide, &int(1), &int(0)), None);
        assert_eq!(
            binary_op(BinaryOp::TrueDivide, &int(1), &int(3)),
            Some(Number::Float(1.0 / 3.0))
        );
    }

    #[test]
    fn negative_power_gives_float_and_negative_shift_does_not_fold() {
        assert_eq!(
            binary_op(BinaryOp::Power, &int(2), &int(-1)),
            Some(Number::Float(0.5))
        );
        assert_eq!(binary_op(BinaryOp::LShift, &int(1), &int(-1)), None);
        assert_eq!(binary_op(BinaryOp::Power, &int(0), &int(-1)), None);
    }

    #[test]
    fn big_results_stay_exact() {
        let Some(Number::Int(v)) = binary_op(BinaryOp::Power, &int(2), &int(100)) else {
            panic!("2**100 folds to an int");
        };
        assert_eq!(v.to_string(), "1267650600228229401496703205376");
    }

    #[test]
    fn float_edge_cases() {
        assert_eq!(
            binary_op(
                BinaryOp::Multiply,
                &Number::Float(1.5e300),
                &Number::Float(1e10)
            ),
            Some(Number::Float(f64::INFINITY))
        );
        assert_eq!(
            binary_op(BinaryOp::TrueDivide, &Number::Float(1.0), &int(0)),
            None
        );
        assert_eq!(
            binary_op(BinaryOp::Power, &Number::Float(-8.0), &Number::Float(0.5)),
            None
        );
        assert_eq!(binary_op(BinaryOp::Or, &Number::Float(1.0), &int(1)), None);
        assert_eq!(
            binary_op(BinaryOp::Modulo, &Number::Float(-1.0), &Number::Float(3.0)),
            Some(Number::Float(2.0))
        );
    }

    #[test]
    fn huge_ints_convert_to_float_digit_by_digit() {
        let big: BigInt = BigInt::from(1) << 70u32;
        assert_eq!(mpz_as_float(&big), 2f64.powi(70));
    }

    #[test]
    fn int_nodes_respect_small_int_bits() {
        assert_eq!(
            int_node(BigInt::from(1 << 29), 31, 1),
            Node::SmallInt(1 << 29)
        );
        assert!(matches!(
            int_node(BigInt::from(1 << 30), 31, 1),
            Node::Const(_, 1)
        ));
    }
}

#[cfg(test)]
mod micropython_cases {
    use super::*;

    fn number(text: &str) -> Number {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.contains(['.', 'e', 'n']) {
            let value = match digits {
                "inf" => f64::INFINITY,
                "nan" => f64::NAN,
                _ => {
                    crate::float::parse_unsigned_decimal(digits.as_bytes())
                        .expect("float text")
                        .0
                }
            };
            Number::Float(if negative { -value } else { value })
        } else {
            Number::Int(text.parse().expect("int text"))
        }
    }

    fn op(text: &str) -> BinaryOp {
        match text {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Subtract,
            "*" => BinaryOp::Multiply,
            "/" => BinaryOp::TrueDivide,
            "//" => BinaryOp::FloorDivide,
            "%" => BinaryOp::Modulo,
            "**" => BinaryOp::Power,
            "<<" => BinaryOp::LShift,
            ">>" => BinaryOp::RShift,
            "&" => BinaryOp::And,
            "|" => BinaryOp::Or,
            _ => BinaryOp::Xor,
        }
    }

    #[test]
    fn binary_operations_fold_as_mpy_cross_folds_them() {
        let cases = include_str!("../resources/fold-cases.txt");
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in cases.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split(' ').collect();
            let [o, a, b, expected] = fields[..] else {
                continue;
            };
            checked += 1;
            let got = binary_op(op(o), &number(a), &number(b));
            let got_text = match &got {
                None => "E".to_string(),
                Some(Number::Int(i)) => format!("i{i}"),
                Some(Number::Float(f)) => format!("r{}", crate::float::repr(*f)),
            };
            if got_text != expected {
                failures.push(format!("{a} {o} {b}: got {got_text}, mpy-cross {expected}"));
            }
        }
        assert!(checked >= 6000);
        assert!(
            failures.is_empty(),
            "{} failures: {:#?}",
            failures.len(),
            &failures[..failures.len().min(15)]
        );
    }
}
