//! Float parsing and repr as mpy-cross computes them (py/parsenum.c and
//! py/formatfloat.c built for x86-64, where `long double` is the x87 80-bit
//! extended type and the "exact" formatting algorithm is selected).
//!
//! Both directions scale by powers of ten in extended precision and then round
//! to double, so results can differ from a correctly rounded conversion; the
//! extended arithmetic is emulated with `rustc_apfloat`'s x87 type to get the
//! same bits and the same text.

use rustc_apfloat::ieee::{Double, X87DoubleExtended};
use rustc_apfloat::{Float, FloatConvert, Round};

type Extended = X87DoubleExtended;

/// The largest mantissa that can take one more decimal digit without overflowing u64.
const MANTISSA_MAX: u64 = 0x1999_9999_9999_9998;

fn extended_from_f64(value: f64) -> Extended {
    let mut loses_info = false;
    let d = Double::from_bits(u128::from(value.to_bits()));
    d.convert(&mut loses_info).value
}

fn extended_to_f64(value: Extended) -> f64 {
    let mut loses_info = false;
    let d: Double = value.convert(&mut loses_info).value;
    f64::from_bits(d.to_bits() as u64)
}

fn extended_from_u64(value: u64) -> Extended {
    Extended::from_u128(u128::from(value)).value
}

/// `num * 10**dec_exp` by repeated squaring in extended precision (`mp_decimal_exp`).
fn decimal_exp(num: Extended, dec_exp: i32) -> Extended {
    if dec_exp == 0 || num.is_zero() {
        return num;
    }
    let negative = dec_exp < 0;
    let mut remaining = dec_exp.unsigned_abs();
    let mut result = num;
    let mut power = extended_from_u64(10);
    while remaining != 0 {
        if remaining & 1 != 0 {
            result = if negative {
                result.div_r(power, Round::NearestTiesToEven).value
            } else {
                result.mul_r(power, Round::NearestTiesToEven).value
            };
        }
        remaining >>= 1;
        if remaining != 0 {
            power = power.mul_r(power, Round::NearestTiesToEven).value;
        }
    }
    result
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Part {
    Integer,
    Fraction,
    Exponent,
}

fn accept_digit(mantissa: u64, digit: u64, exp_extra: &mut i32, part: Part) -> u64 {
    if mantissa < MANTISSA_MAX {
        if part == Part::Fraction {
            *exp_extra -= 1;
        }
        10 * mantissa + digit
    } else {
        if part == Part::Integer {
            *exp_extra += 1;
        }
        mantissa
    }
}

/// Parses an unsigned decimal number (`mp_parse_float_internal`): returns the
/// value and how many bytes were consumed, or `None` for an exponent with no digits.
pub(crate) fn parse_unsigned_decimal(text: &[u8]) -> Option<(f64, usize)> {
    let mut part = Part::Integer;
    let mut exp_negative = false;
    let mut mantissa: u64 = 0;
    let mut exp_val: i32 = 0;
    let mut exp_extra: i32 = 0;
    let mut trailing_zeros_integer = 0;
    let mut trailing_zeros_fraction = 0;
    let mut pos = 0;
    while pos < text.len() {
        let c = text[pos];
        pos += 1;
        if c.is_ascii_digit() {
            let digit = u64::from(c - b'0');
            if part == Part::Exponent {
                if exp_val < (i32::MAX / 2 - 9) / 10 {
                    exp_val = 10 * exp_val + digit as i32;
                }
            } else if digit == 0 || mantissa >= MANTISSA_MAX {
                if part == Part::Integer {
                    trailing_zeros_integer += 1;
                } else {
                    trailing_zeros_fraction += 1;
                }
            } else {
                while trailing_zeros_integer > 0 {
                    mantissa = accept_digit(mantissa, 0, &mut exp_extra, Part::Integer);
                    trailing_zeros_integer -= 1;
                }
                while trailing_zeros_fraction > 0 {
                    mantissa = accept_digit(mantissa, 0, &mut exp_extra, Part::Fraction);
                    trailing_zeros_fraction -= 1;
                }
                mantissa = accept_digit(mantissa, digit, &mut exp_extra, part);
            }
        } else if part == Part::Integer && c == b'.' {
            part = Part::Fraction;
        } else if part != Part::Exponent && (c | 0x20) == b'e' {
            part = Part::Exponent;
            if pos < text.len() {
                if text[pos] == b'+' {
                    pos += 1;
                } else if text[pos] == b'-' {
                    pos += 1;
                    exp_negative = true;
                }
            }
            if pos == text.len() {
                return None;
            }
        } else if c == b'_' {
            continue;
        } else {
            pos -= 1;
            break;
        }
    }
    if exp_negative {
        exp_val = -exp_val;
    }
    exp_val += exp_extra + trailing_zeros_integer;
    let value = extended_to_f64(decimal_exp(extended_from_u64(mantissa), exp_val));
    Some((value, pos))
}

/// A float or complex literal's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DecimalLiteral {
    Float(f64),
    /// An imaginary literal (`3j`): the imaginary part.
    Imaginary(f64),
}

/// Parses the text of a float/imaginary token (`mp_parse_num_float` with the
/// parser's arguments); `None` means "invalid syntax for number".
pub(crate) fn parse_float_literal(text: &[u8]) -> Option<DecimalLiteral> {
    let (value, used) = parse_unsigned_decimal(text)?;
    let mut pos = used;
    let mut imaginary = false;
    let mut value = value;
    if pos < text.len() && (text[pos] | 0x20) == b'j' {
        if pos == 0 {
            value = 1.0;
        }
        pos += 1;
        imaginary = true;
    }
    if pos == 0 {
        return None;
    }
    while pos < text.len() && matches!(text[pos], b' ' | 9..=13) {
        pos += 1;
    }
    if pos != text.len() {
        return None;
    }
    Some(if imaginary {
        DecimalLiteral::Imaginary(value)
    } else {
        DecimalLiteral::Float(value)
    })
}

const MAX_MANTISSA_DIGITS: i32 = 19;
const SAFE_MANTISSA_DIGITS: i32 = 16;

/// Writes `mantissa` as `num_digits` digits in %g style (`mp_format_mantissa`),
/// appending to `out` from index `start`; returns the new length.
#[allow(clippy::too_many_arguments)]
fn format_mantissa(
    out: &mut Vec<u8>,
    mut mantissa: u64,
    mantissa_cap: u64,
    mut num_digits: i32,
    max_exp_zeros: i32,
    mut trailing_zeros: i32,
    mut dec: i32,
    mut e: i32,
) {
    out.clear();
    if mantissa != 0 && mantissa >= mantissa_cap {
        mantissa /= 10;
        e += 1;
    }
    if e != 0 {
        if e >= 0 {
            if e < max_exp_zeros {
                dec += e;
                if dec >= num_digits {
                    trailing_zeros = dec - (num_digits - 1);
                }
                e = 0;
            }
        } else if e >= -4 {
            let mut count = 0;
            while e < 0 && mantissa.is_multiple_of(10) {
                mantissa /= 10;
                count += 1;
                e += 1;
            }
            num_digits -= count;
            out.extend_from_slice(b"0.");
            for _ in 0..(count - e - 1).max(0) {
                out.push(b'0');
            }
            dec = 255;
            e = 0;
        }
    }
    let base = out.len();
    let digit_count = num_digits.max(0) as usize;
    // digits leave a one-byte gap after position `dec` for the decimal point
    let has_gap = dec + 1 < num_digits;
    out.resize(base + digit_count + 1, b'0');
    for digit in (0..num_digits).rev() {
        let offset = if digit > dec { digit + 1 } else { digit };
        out[base + offset as usize] = b'0' + (mantissa % 10) as u8;
        mantissa /= 10;
    }
    let mut dot = dec >= 255;
    if has_gap {
        dot = true;
        out[base + dec as usize + 1] = b'.';
    }
    out.truncate(base + digit_count + usize::from(has_gap));
    if trailing_zeros > 0 {
        dec -= num_digits - 1;
        while trailing_zeros > 0 {
            trailing_zeros -= 1;
            let was_zero = dec == 0;
            dec -= 1;
            if was_zero {
                out.push(b'.');
                dot = true;
            }
            out.push(b'0');
        }
    }
    if dot {
        while out.last() == Some(&b'0') {
            out.pop();
        }
        if out.last() == Some(&b'.') {
            out.pop();
        }
    }
    if e != 0 {
        out.push(b'e');
        if e >= 0 {
            out.push(b'+');
        } else {
            out.push(b'-');
            e = -e;
        }
        if e >= 100 {
            out.push(b'0' + (e / 100) as u8);
        }
        out.push(b'0' + ((e / 10) % 10) as u8);
        out.push(b'0' + (e % 10) as u8);
    }
}

/// The text MicroPython prints for `repr(value)` (and stores in a .mpy).
pub fn repr(value: f64) -> String {
    let mut text = format_general(value, false);
    if !text.contains(['.', 'e', 'n']) {
        text.push_str(".0");
    }
    text
}

/// The text MicroPython prints for a complex number (stored in a .mpy as is):
/// `3j`, `(1+2j)`, `(1-0j)`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real != 0.0 {
        format!(
            "({}{}j)",
            format_general(real, false),
            format_general(imag, true)
        )
    } else {
        format!("{}j", format_general(imag, false))
    }
}

/// `mp_format_float(value, 'g', MP_FLOAT_REPR_PREC, sign)`: shortest text that
/// reads back as `value`, with a leading `+` when `show_sign` is set.
fn format_general(value: f64, show_sign: bool) -> String {
    let mut text = String::new();
    if value.is_nan() {
        if show_sign {
            text.push('+');
        }
        text.push_str("nan");
        return text;
    }
    if value.is_sign_negative() {
        text.push('-');
    } else if show_sign {
        text.push('+');
    }
    let f = value.abs();
    if f.is_infinite() {
        text.push_str("inf");
    } else {
        text.push_str(&format_positive(f));
    }
    text
}

/// `mp_format_float(f, 'g', MP_FLOAT_REPR_PREC)` for a finite `f >= 0`.
fn format_positive(f: f64) -> String {
    let max_exp_zeros = 16;
    let mut e: i32 = 0;
    if f != 0.0 {
        let biased = ((f.to_bits() >> 52) & 0x7ff) as i32;
        // formatfloat.c's literal for 1/log2(10), kept verbatim
        #[allow(clippy::approx_constant)]
        let log10_2 = 0.301_029_995_663_981_2;
        e = (f64::from(biased - 1023) * log10_2) as i32;
        let positive_exp = f >= 1.0;
        let step = if positive_exp { 1 } else { -1 };
        let offset = i32::from(positive_exp);
        let one = extended_from_u64(1);
        let mut u_base = extended_to_f64(decimal_exp(one, e + offset));
        let mut guard = 0;
        while (f >= u_base) == positive_exp && guard < 700 {
            e += step;
            u_base = extended_to_f64(decimal_exp(one, e + offset));
            guard += 1;
        }
    }
    let max_digits = MAX_MANTISSA_DIGITS;
    let mut num_digits = SAFE_MANTISSA_DIGITS;
    let mut out = Vec::with_capacity(40);
    loop {
        let extra_zeros = max_digits - num_digits;
        let decexp = if f == 0.0 { 0 } else { num_digits - e - 1 };
        let mantissa_cap = 10u64.pow(num_digits as u32);
        let scaled = decimal_exp(extended_from_f64(f), decexp);
        let half = extended_from_f64(0.5);
        let rounded = scaled.add_r(half, Round::NearestTiesToEven).value;
        let mut exact = false;
        let mantissa = rounded.to_u128_r(64, Round::TowardZero, &mut exact).value as u64;
        format_mantissa(
            &mut out,
            mantissa,
            mantissa_cap,
            num_digits,
            max_exp_zeros,
            extra_zeros,
            0,
            e,
        );
        if num_digits < max_digits {
            let check = parse_unsigned_decimal(&out).map(|(v, _)| v);
            if check != Some(f) {
                num_digits += 1;
                continue;
            }
        }
        break;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reprs observed from mpy-cross 1.29.0 / MicroPython 1.29.0 on x86-64.
    #[test]
    fn repr_matches_micropython() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.5, "0.5"),
            (1.5, "1.5"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.0 / 3.0, "0.3333333333333333"),
            (std::f64::consts::TAU, "6.283185307179586"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (1e300, "1e+300"),
            (2.5e-300, "2.5e-300"),
            (123456.789, "123456.789"),
        ];
        assert_eq!(complex_repr(0.0, 3.0), "3j");
        assert_eq!(complex_repr(0.0, 1.2), "1.2j");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
        assert_eq!(complex_repr(1.5, 2.0), "(1.5+2j)");
        for (value, expected) in cases {
            assert_eq!(repr(*value), *expected, "repr of {value:e}");
        }
    }

    #[test]
    fn parses_decimal_literals() {
        assert_eq!(
            parse_float_literal(b"1.5"),
            Some(DecimalLiteral::Float(1.5))
        );
        assert_eq!(parse_float_literal(b".5"), Some(DecimalLiteral::Float(0.5)));
        assert_eq!(
            parse_float_literal(b"1e3"),
            Some(DecimalLiteral::Float(1000.0))
        );
        assert_eq!(
            parse_float_literal(b"3j"),
            Some(DecimalLiteral::Imaginary(3.0))
        );
        assert_eq!(parse_float_literal(b"1e"), None);
        assert_eq!(parse_float_literal(b"1.2.3"), None);
        assert_eq!(
            parse_float_literal(b"1e400"),
            Some(DecimalLiteral::Float(f64::INFINITY))
        );
    }
}

#[cfg(test)]
mod micropython_cases {
    use super::*;

    #[test]
    fn every_observed_repr_and_parse_matches() {
        let cases = include_str!("../resources/float-cases.txt");
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in cases.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split(' ');
            let (Some(kind), Some(a), Some(b)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            checked += 1;
            match kind {
                "r" => {
                    let bits = u64::from_str_radix(a, 16).expect("hex bits");
                    let got = repr(f64::from_bits(bits));
                    if got != b {
                        failures.push(format!("repr {a}: got {got}, want {b}"));
                    }
                }
                _ => {
                    let want = u64::from_str_radix(b, 16).expect("hex bits");
                    let got = parse_unsigned_decimal(a.as_bytes()).map(|(v, _)| v.to_bits());
                    if got != Some(want) {
                        failures.push(format!("parse {a}: got {got:x?}, want {want:x}"));
                    }
                }
            }
        }
        assert!(checked > 5000);
        assert!(
            failures.is_empty(),
            "{} failures: {:#?}",
            failures.len(),
            &failures[..failures.len().min(20)]
        );
    }
}

#[cfg(test)]
mod mpy_cross_literals {
    use super::*;

    #[test]
    fn literal_reprs_match_mpy_cross() {
        let cases = include_str!("../resources/float-literals.txt");
        let mut failures = Vec::new();
        let mut checked = 0;
        for line in cases.lines().filter(|l| !l.starts_with('#')) {
            let Some((literal, expected)) = line.split_once(' ') else {
                continue;
            };
            checked += 1;
            let (negative, digits) = match literal.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, literal),
            };
            let Some((value, _)) = parse_unsigned_decimal(digits.as_bytes()) else {
                failures.push(format!("{literal}: does not parse"));
                continue;
            };
            let got = repr(if negative { -value } else { value });
            if got != expected {
                failures.push(format!("{literal}: got {got}, mpy-cross {expected}"));
            }
        }
        assert!(checked > 5000);
        assert!(
            failures.is_empty(),
            "{} failures: {:#?}",
            failures.len(),
            &failures[..failures.len().min(20)]
        );
    }
}
