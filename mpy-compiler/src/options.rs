//! Compile options with mpy-cross's meaning.

/// How to compile, as mpy-cross's command-line options set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileOptions {
    /// `-O0`..`-O3`: 1 and up remove asserts and make `__debug__` False; 3 also drops
    /// line-number information.
    pub opt_level: u8,
    /// `-msmall-int-bits=N` (31 by default): ints that fit this many bits are small ints.
    pub small_int_bits: u8,
    /// `-X source-lines` (default) / `-X no-source-lines`.
    pub source_lines: bool,
    /// `-s NAME`: the source name stored in the .mpy instead of the path given.
    pub source_name: Option<String>,
    /// `-X heapsize=N`: accepted for compatibility, in bytes.
    pub heap_size: Option<usize>,
    /// `-march=ARCH`: the target of `@micropython.native`/`viper` code.
    pub march: Option<String>,
    /// `-march-flags=FLAGS` as [`parse_arch_flags`] reads it: for `rv32imc`, the RISC-V
    /// extensions the native code may use ([`RV32_EXT_ZBA`], [`RV32_EXT_ZCMP`]); stored in
    /// the `.mpy` header. Ignored for other targets.
    pub arch_flags: u8,
}

/// `-march-flags` bit: the Zba extension (`sh1add`/`sh2add` for scaled indexing).
pub const RV32_EXT_ZBA: u8 = 1 << 0;
/// `-march-flags` bit: the Zcmp extension (`cm.push`/`cm.popret` prologues).
pub const RV32_EXT_ZCMP: u8 = 1 << 1;

/// Reads `-march-flags=FLAGS` for `-march=ARCH` as mpy-cross does: a number (decimal, or with
/// a `0x`/`0o`/`0b` prefix) or a comma-separated list of `zba` and `zcmp`, accepted only for
/// `rv32imc`. `None` is mpy-cross's "unrecognised arch flags"; without `-march` the flags are
/// ignored (`Some(0)`).
pub fn parse_arch_flags(march: Option<&str>, flags: &str) -> Option<u8> {
    let Some(march) = march else {
        return Some(0);
    };
    if march != "rv32imc" {
        return None;
    }
    let value = parse_flags_integer(flags).or_else(|| parse_flags_names(flags))?;
    let all = u64::from(RV32_EXT_ZBA | RV32_EXT_ZCMP);
    (value & !all == 0).then_some(value as u8)
}

/// A number as mpy-cross's `parse_integer` takes it (`strtoul` after the base prefix).
fn parse_flags_integer(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let (base, skip) = match bytes {
        [b'0', p, ..] => match p | 0x20 {
            b'x' => (16, 2),
            b'o' => (8, 2),
            b'b' => (2, 2),
            // A leading zero without a prefix is no number.
            _ => return None,
        },
        _ => (10, 0),
    };
    let rest = &text[skip..];
    if rest.is_empty() || rest.starts_with('+') {
        return None;
    }
    // strtoul skips blanks, takes a sign and, in base 16, a second `0x`.
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (negative, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest.strip_prefix('+').unwrap_or(rest)),
    };
    let rest = match base {
        16 => rest
            .strip_prefix("0x")
            .or_else(|| rest.strip_prefix("0X"))
            .filter(|r| r.starts_with(|c: char| c.is_ascii_hexdigit()))
            .unwrap_or(rest),
        _ => rest,
    };
    if rest.is_empty() {
        return None;
    }
    let value = u64::from_str_radix(rest, base).ok()?;
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// A comma-separated list of extension names; a trailing comma is allowed, empty names are not.
fn parse_flags_names(text: &str) -> Option<u64> {
    let mut flags = 0;
    let names = text.strip_suffix(',').unwrap_or(text);
    for name in names.split(',') {
        flags |= match name {
            "zba" => u64::from(RV32_EXT_ZBA),
            "zcmp" => u64::from(RV32_EXT_ZCMP),
            _ => return None,
        };
    }
    (flags != 0).then_some(flags)
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            opt_level: 0,
            small_int_bits: 31,
            source_lines: true,
            source_name: None,
            heap_size: None,
            march: None,
            arch_flags: 0,
        }
    }
}

impl CompileOptions {
    /// The `-march-flags` bits that apply: only `rv32imc` has any.
    pub fn effective_arch_flags(&self) -> u8 {
        match self.march.as_deref() {
            Some("rv32imc") => self.arch_flags,
            _ => 0,
        }
    }

    /// Whether `__debug__` is True and asserts are compiled (`-O0`).
    pub fn debug(&self) -> bool {
        self.opt_level == 0
    }

    /// Whether line-number tables are written.
    pub fn line_info(&self) -> bool {
        self.source_lines && self.opt_level < 3
    }

    /// Whether `value` fits a small int under these options.
    pub fn fits_small_int(&self, value: i64) -> bool {
        let bits = u32::from(self.small_int_bits.clamp(2, 63));
        let limit = 1i64 << (bits - 1);
        (-limit..limit).contains(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arch_flags_read_like_mpy_cross() {
        let rv32 = Some("rv32imc");
        assert_eq!(parse_arch_flags(rv32, "zba"), Some(1));
        assert_eq!(parse_arch_flags(rv32, "zcmp,zba"), Some(3));
        assert_eq!(parse_arch_flags(rv32, "zba,"), Some(1));
        assert_eq!(parse_arch_flags(rv32, ",zba"), None);
        assert_eq!(parse_arch_flags(rv32, "zba,,zcmp"), None);
        assert_eq!(parse_arch_flags(rv32, "foo"), None);
        assert_eq!(parse_arch_flags(rv32, ""), None);
        assert_eq!(parse_arch_flags(rv32, "3"), Some(3));
        assert_eq!(parse_arch_flags(rv32, "0"), Some(0));
        assert_eq!(parse_arch_flags(rv32, "0x2"), Some(2));
        assert_eq!(parse_arch_flags(rv32, "0b11"), Some(3));
        assert_eq!(parse_arch_flags(rv32, "4"), None);
        assert_eq!(parse_arch_flags(rv32, "03"), None);
        assert_eq!(parse_arch_flags(rv32, "+1"), None);
        assert_eq!(parse_arch_flags(rv32, "-1"), None);
        // strtoul's leniencies: blanks, a sign on zero, a repeated hex prefix.
        assert_eq!(parse_arch_flags(rv32, " 1"), Some(1));
        assert_eq!(parse_arch_flags(rv32, "-0"), Some(0));
        assert_eq!(parse_arch_flags(rv32, "0x0x1"), Some(1));
        assert_eq!(parse_arch_flags(Some("xtensa"), "zba"), None);
        assert_eq!(parse_arch_flags(None, "anything"), Some(0));
    }
}
