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
    /// `-march=ARCH`: the target of `@micropython.native`/`viper`/`asm_*` functions.
    pub march: Option<String>,
    /// `-march-flags=...` as a bit set (rv32imc: 1 = zba, 2 = zcmp); see [`parse_arch_flags`].
    pub arch_flags: u32,
    /// `-X emit=`: how functions without a `@micropython` decorator are compiled.
    pub emit: EmitMode,
}

/// The code `-X emit=` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmitMode {
    /// `-X emit=bytecode` (the default).
    #[default]
    Bytecode,
    /// `-X emit=native`: every function as `@micropython.native`.
    Native,
    /// `-X emit=viper`: every function as `@micropython.viper`.
    Viper,
}

impl EmitMode {
    /// The mode `-X emit=NAME` names.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "bytecode" => Some(EmitMode::Bytecode),
            "native" => Some(EmitMode::Native),
            "viper" => Some(EmitMode::Viper),
            _ => None,
        }
    }
}

/// `-march-flags=FLAGS` for `march` as mpy-cross reads it: a number (decimal, or with a
/// `0x`/`0o`/`0b` prefix, read by `strtoul`) or a comma-separated list of extension names;
/// `None` when mpy-cross reports "unrecognised arch flags" (only rv32imc takes flags: `zba`,
/// `zcmp`).
pub fn parse_arch_flags(march: &str, flags: &str) -> Option<u32> {
    const ALL: u64 = 0b11;
    if march != "rv32imc" {
        return None;
    }
    let value = parse_flags_integer(flags).or_else(|| parse_flags_names(flags))?;
    (value & !ALL == 0).then_some(value as u32)
}

/// A number as mpy-cross's `parse_integer` takes it: the base from an optional prefix (a
/// leading zero without one is refused), no `+`, then `strtoul`, which skips blanks, takes a
/// sign and, in base 16, a second `0x`.
fn parse_flags_integer(text: &str) -> Option<u64> {
    let (base, rest) = match text.as_bytes() {
        [b'0', prefix, ..] => match prefix | 0x20 {
            b'x' => (16, &text[2..]),
            b'o' => (8, &text[2..]),
            b'b' => (2, &text[2..]),
            _ => return None,
        },
        _ => (10, text),
    };
    if rest.is_empty() || rest.starts_with('+') {
        return None;
    }
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

/// Extension names separated by commas; a trailing comma passes, an empty name does not.
fn parse_flags_names(text: &str) -> Option<u64> {
    let mut flags = 0;
    for name in text.strip_suffix(',').unwrap_or(text).split(',') {
        flags |= match name {
            "zba" => 1,
            "zcmp" => 2,
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
            emit: EmitMode::Bytecode,
        }
    }
}

impl CompileOptions {
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

    /// Each case checked against mpy-cross 1.29.0 (`-march=rv32imc -march-flags=...`).
    #[test]
    fn arch_flags_are_read_like_mpy_cross() {
        let accepted = [
            ("zba", 1),
            ("zcmp,zba", 3),
            ("zba,", 1),
            ("zba,zcmp,", 3),
            ("3", 3),
            ("0", 0),
            ("0x2", 2),
            ("0b11", 3),
            (" 1", 1),
            ("-0", 0),
            ("0x0x1", 1),
        ];
        for (flags, value) in accepted {
            assert_eq!(parse_arch_flags("rv32imc", flags), Some(value), "{flags:?}");
        }
        for flags in [",zba", "zba,,zcmp", "foo", "", "4", "03", "+1", "-1"] {
            assert_eq!(parse_arch_flags("rv32imc", flags), None, "{flags:?}");
        }
        assert_eq!(parse_arch_flags("xtensa", "zba"), None);
    }
}
