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

/// `-march-flags=FLAGS` for `march` as mpy-cross reads it: a number or a comma-separated list
/// of extension names; `None` when mpy-cross reports "unrecognised arch flags" (only rv32imc
/// takes flags: `zba`, `zcmp`).
pub fn parse_arch_flags(march: &str, flags: &str) -> Option<u32> {
    const ALL: u32 = 0b11;
    if march != "rv32imc" {
        return None;
    }
    let number = if let Some(hex) = flags.strip_prefix("0x").or(flags.strip_prefix("0X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(bin) = flags.strip_prefix("0b").or(flags.strip_prefix("0B")) {
        u32::from_str_radix(bin, 2).ok()
    } else {
        flags.parse::<u32>().ok()
    };
    let value = match number {
        Some(n) => n,
        None => {
            let mut collected = 0;
            for name in flags.split(',') {
                collected |= match name {
                    "zba" => 1,
                    "zcmp" => 2,
                    _ => return None,
                };
            }
            collected
        }
    };
    (value & !ALL == 0).then_some(value)
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
