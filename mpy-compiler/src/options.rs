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
    /// `-march=ARCH`: native code generation is not supported; kept to report it.
    pub march: Option<String>,
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
