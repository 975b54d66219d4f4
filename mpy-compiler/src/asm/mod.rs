//! Machine-code assemblers for the native emitter, one module per instruction set, over a
//! shared code buffer that runs in two passes (as py/asmbase.c): the first pass only counts
//! bytes and records label offsets, the second writes the bytes.
//!
//! Placeholder buffer until the shared `Assembler` trait lands; the instruction-set modules
//! only use `write`, `reserve`, `patch`, `code_offset`, `label_offset` and `is_emit_pass`.

pub mod thumb;
pub mod x86;

/// Which of the two passes the buffer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Count bytes and place labels.
    Compute,
    /// Write the bytes.
    Emit,
}

/// A label offset that has not been assigned in this pass (the C code's `(size_t)-1`).
pub const UNASSIGNED: usize = usize::MAX;

/// Code bytes, current offset and label offsets of one function being assembled.
#[derive(Debug, Clone)]
pub struct AsmBase {
    pass: Pass,
    suppress: bool,
    code_offset: usize,
    code: Vec<u8>,
    label_offsets: Vec<usize>,
}

impl AsmBase {
    /// A buffer with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        AsmBase {
            pass: Pass::Compute,
            suppress: false,
            code_offset: 0,
            code: Vec::new(),
            label_offsets: vec![UNASSIGNED; max_num_labels],
        }
    }

    /// Starts a pass: the compute pass forgets labels so that forward references are known
    /// as such; the emit pass sizes the buffer from the compute pass.
    pub fn start_pass(&mut self, pass: Pass) {
        if pass == Pass::Compute {
            self.label_offsets.fill(UNASSIGNED);
        } else {
            self.code = vec![0; self.code_offset];
        }
        self.pass = pass;
        self.suppress = false;
        self.code_offset = 0;
    }

    /// Whether bytes are being written (as opposed to counted).
    pub fn is_emit_pass(&self) -> bool {
        self.pass == Pass::Emit
    }

    /// Marks following code dead until the next label.
    pub fn suppress_code(&mut self) {
        self.suppress = true;
    }

    /// Offset of the next byte.
    pub fn code_offset(&self) -> usize {
        self.code_offset
    }

    /// Offset of `label` in this pass, [`UNASSIGNED`] if not yet placed.
    pub fn label_offset(&self, label: usize) -> usize {
        self.label_offsets.get(label).copied().unwrap_or(UNASSIGNED)
    }

    /// Places `label` at the current offset.
    pub fn label_assign(&mut self, label: usize) {
        self.suppress = false;
        if self.pass == Pass::Compute {
            if let Some(slot) = self.label_offsets.get_mut(label) {
                *slot = self.code_offset;
            }
        }
    }

    /// Advances the offset by `n` bytes; returns where they go when they are to be written.
    pub fn reserve(&mut self, n: usize) -> Option<usize> {
        if self.suppress {
            return None;
        }
        let at = self.code_offset;
        self.code_offset += n;
        if self.pass == Pass::Emit && self.code_offset <= self.code.len() {
            Some(at)
        } else {
            None
        }
    }

    /// Overwrites bytes reserved earlier.
    pub fn patch(&mut self, at: usize, bytes: &[u8]) {
        if let Some(slot) = self.code.get_mut(at..at + bytes.len()) {
            slot.copy_from_slice(bytes);
        }
    }

    /// Appends bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        if let Some(at) = self.reserve(bytes.len()) {
            self.patch(at, bytes);
        }
    }

    /// Pads the offset to a multiple of `align` (the padding bytes stay zero).
    pub fn align(&mut self, align: usize) {
        self.code_offset = (self.code_offset + align - 1) & !(align - 1);
    }

    /// Appends `bytesize` little-endian bytes of `value`.
    pub fn data(&mut self, bytesize: usize, value: u64) {
        let bytes = value.to_le_bytes();
        let mut out = vec![0; bytesize];
        for (i, b) in out.iter_mut().enumerate() {
            *b = if i < 8 { bytes[i] } else { 0 };
        }
        self.write(&out);
    }

    /// The code written by the emit pass.
    pub fn code(&self) -> &[u8] {
        &self.code
    }
}
