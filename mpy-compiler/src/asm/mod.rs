//! Machine-code assemblers for the native and viper emitters (mirrors `py/asmbase.c` and the
//! generic `ASM_*` API each `py/asm<arch>.h` exports).
//!
//! [`AsmBase`] is the code buffer shared by every instruction set: it runs in two passes like
//! MicroPython's, [`AsmPass::Compute`] (sizes only; label offsets are recorded) then
//! [`AsmPass::Emit`] (bytes written, jumps resolved against the offsets of the first pass).
//! Each instruction set has its own module with the raw encoders of its `py/asm<arch>.c` and an
//! `impl Assembler`; the native emitter is generic over [`Assembler`] and only ever uses the
//! generic operations, so one emitter serves every `-march`.
//!
//! Registers are plain numbers in the instruction set's own numbering; the register *roles*
//! the emitter relies on (return value, arguments, temporaries, callee-saved locals...) are the
//! trait's associated constants, as the `REG_*` macros of the C headers.

pub mod arm;
pub mod rv32;
pub mod thumb;
pub mod x64;
pub mod x86;
pub mod xtensa;

/// Which of the two assembler passes is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsmPass {
    /// Measure only: no bytes are stored, labels get their offsets.
    Compute,
    /// Write the code; every label already has its final offset.
    Emit,
}

/// The code buffer, label table and pass state shared by all instruction sets
/// (`mp_asm_base_t`).
#[derive(Debug, Clone)]
pub struct AsmBase {
    pass: AsmPass,
    suppress: bool,
    code_offset: usize,
    code: Vec<u8>,
    label_offsets: Vec<Option<usize>>,
}

impl AsmBase {
    /// A buffer with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        AsmBase {
            pass: AsmPass::Compute,
            suppress: false,
            code_offset: 0,
            code: Vec::new(),
            label_offsets: vec![None; max_num_labels],
        }
    }

    /// Starts a pass: the compute pass forgets every label (so backward and forward jumps can
    /// be told apart); the emit pass keeps them and sizes the buffer from the compute pass.
    pub fn start_pass(&mut self, pass: AsmPass) {
        if pass == AsmPass::Compute {
            self.label_offsets.fill(None);
            self.code.clear();
        } else {
            let size = self.code_offset;
            self.code.clear();
            self.code.resize(size, 0);
        }
        self.pass = pass;
        self.suppress = false;
        self.code_offset = 0;
    }

    /// The running pass.
    pub fn pass(&self) -> AsmPass {
        self.pass
    }

    /// Appends `bytes` at the current position (`mp_asm_base_get_cur_to_write_bytes` plus the
    /// store): counted in the compute pass, stored in the emit pass, dropped while suppressed.
    pub fn write(&mut self, bytes: &[u8]) {
        if self.suppress {
            return;
        }
        if self.pass == AsmPass::Emit {
            let end = self.code_offset + bytes.len();
            if self.code.len() < end {
                // The emit pass outgrew the compute pass; keep going so the caller can detect
                // the size change instead of losing bytes.
                self.code.resize(end, 0);
            }
            self.code[self.code_offset..end].copy_from_slice(bytes);
        }
        self.code_offset += bytes.len();
    }

    /// Writes the low `byte_size` bytes of `value`, little endian (`mp_asm_base_data`).
    pub fn data(&mut self, byte_size: usize, value: u64) {
        let bytes = value.to_le_bytes();
        let n = byte_size.min(8);
        self.write(&bytes[..n]);
        if byte_size > 8 {
            self.write(&vec![0; byte_size - 8]);
        }
    }

    /// Places `label` here and ends any suppressed (dead) region.
    pub fn label_assign(&mut self, label: usize) {
        self.suppress = false;
        if label >= self.label_offsets.len() {
            self.label_offsets.resize(label + 1, None);
        }
        if self.pass == AsmPass::Compute {
            self.label_offsets[label] = Some(self.code_offset);
        } else {
            debug_assert_eq!(self.label_offsets[label], Some(self.code_offset));
        }
    }

    /// Offset of `label`, if it is known in this pass (`None` is C's `(size_t)-1`: a forward
    /// label during the compute pass).
    pub fn label_offset(&self, label: usize) -> Option<usize> {
        self.label_offsets.get(label).copied().flatten()
    }

    /// Advances to a multiple of `align` (a power of two); the gap is zero.
    pub fn align(&mut self, align: usize) {
        let aligned = (self.code_offset + align - 1) & !(align - 1);
        let gap = aligned - self.code_offset;
        if gap > 0 && !self.suppress {
            self.write(&vec![0; gap]);
        } else {
            self.code_offset = aligned;
        }
    }

    /// Drops all code written until the next label (dead code after a jump or return).
    pub fn suppress_code(&mut self) {
        self.suppress = true;
    }

    /// Whether code is being suppressed.
    pub fn is_suppressed(&self) -> bool {
        self.suppress
    }

    /// Current offset (`mp_asm_base_get_code_pos`).
    pub fn code_pos(&self) -> usize {
        self.code_offset
    }

    /// The code written by the emit pass.
    pub fn code(&self) -> &[u8] {
        &self.code
    }

    /// Overwrites already written bytes at `offset` (emit pass only), for encoders that patch
    /// an earlier instruction.
    pub fn patch(&mut self, offset: usize, bytes: &[u8]) {
        if self.pass == AsmPass::Emit && offset + bytes.len() <= self.code.len() {
            self.code[offset..offset + bytes.len()].copy_from_slice(bytes);
        }
    }

    /// Takes the finished code out of the buffer.
    pub fn take_code(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.code)
    }
}

/// A register in the instruction set's own numbering.
pub type Reg = u8;

/// Comparison of two integers, as the viper emitter's comparison operators need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// `<`
    Less,
    /// `>`
    More,
    /// `==`
    Equal,
    /// `<=`
    LessEqual,
    /// `>=`
    MoreEqual,
    /// `!=`
    NotEqual,
}

impl Compare {
    /// Position in `emitnative.c`'s per-arch condition tables (`MP_BINARY_OP_LESS` order).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The generic assembler interface the native emitter drives: the `ASM_*` macros of
/// `py/asm<arch>.h`, in snake case (`ASM_MOV_REG_IMM` is [`Assembler::mov_reg_imm`]).
///
/// Offsets named `word_offset` count machine words; the 16- and 32-bit loads and stores take
/// their offsets in units of their own size, as the C macros do.
pub trait Assembler {
    /// `ASM_WORD_SIZE`, bytes.
    const WORD_SIZE: usize;
    /// Registers of the target's `nlr_buf_t` (mpy-cross's `nlr_buf_num_regs` for the arch).
    const NLR_BUF_NUM_REGS: usize;
    /// Word index in `nlr_buf_t` where `REG_LOCAL_1` is saved (`NLR_BUF_IDX_LOCAL_1`).
    const NLR_BUF_IDX_LOCAL_1: usize;
    /// Whether `nlr_push` must be followed by a `setjmp` call (`N_NLR_SETJMP`).
    const NLR_SETJMP: bool = false;

    /// `REG_RET`
    const REG_RET: Reg;
    /// `REG_ARG_1`
    const REG_ARG_1: Reg;
    /// `REG_ARG_2`
    const REG_ARG_2: Reg;
    /// `REG_ARG_3`
    const REG_ARG_3: Reg;
    /// `REG_ARG_4`
    const REG_ARG_4: Reg;
    /// `REG_TEMP0` (caller-saved)
    const REG_TEMP0: Reg;
    /// `REG_TEMP1`
    const REG_TEMP1: Reg;
    /// `REG_TEMP2`
    const REG_TEMP2: Reg;
    /// `REG_LOCAL_1` (callee-saved)
    const REG_LOCAL_1: Reg;
    /// `REG_LOCAL_2`
    const REG_LOCAL_2: Reg;
    /// `REG_LOCAL_3`
    const REG_LOCAL_3: Reg;
    /// `REG_LOCAL_NUM`
    const REG_LOCAL_NUM: usize = 3;
    /// `REG_FUN_TABLE`: holds the address of `mp_fun_table`.
    const REG_FUN_TABLE: Reg;
    /// `REG_PARENT_RET`: where the caller expects the result (differs on windowed Xtensa).
    const REG_PARENT_RET: Reg = Self::REG_RET;
    /// `REG_PARENT_ARG_1`: where the caller put the first argument.
    const REG_PARENT_ARG_1: Reg = Self::REG_ARG_1;
    /// `REG_PARENT_ARG_2`
    const REG_PARENT_ARG_2: Reg = Self::REG_ARG_2;
    /// `REG_PARENT_ARG_3`
    const REG_PARENT_ARG_3: Reg = Self::REG_ARG_3;
    /// `REG_PARENT_ARG_4`
    const REG_PARENT_ARG_4: Reg = Self::REG_ARG_4;
    /// `REG_ZERO`: a register that always reads zero (RISC-V `x0`), if the set has one.
    const REG_ZERO: Option<Reg> = None;
    /// The register a shift count must be in for [`Assembler::lsl_reg_reg`] and friends
    /// (x86's `cl`); `None` when any register can hold it.
    const SHIFT_COUNT_REG: Option<Reg> = None;
    /// Whether the value of a viper byte store must come from a fixed register (x86 can only
    /// store the low byte of the first four registers), so the emitter pops it into
    /// `REG_ARG_3` instead of letting it stay where it is.
    const STORE_VALUE_IN_FIXED_REG: bool = false;
    /// Whether the caller passes arguments on the stack (x86): the entry code then fetches
    /// them with [`Assembler::mov_arg_to_reg`].
    const ARGS_ON_STACK: bool = false;
    /// Whether [`Assembler::not_reg`] exists (`ASM_NOT_REG`); without it `~x` is `x ^ -1`.
    const HAS_NOT_REG: bool = true;

    /// The shared buffer.
    fn base(&self) -> &AsmBase;
    /// The shared buffer, mutably.
    fn base_mut(&mut self) -> &mut AsmBase;

    /// `ASM_END_PASS`: flushes anything the encoder still holds (literal pools...).
    fn end_pass(&mut self) {}

    /// An exception the encoder raised in the emit pass, as (kind, message): Thumb cannot
    /// address a stack slot past 255 words (`NotImplementedError`: "too many locals for native
    /// method"); an Xtensa branch or jump out of reach is a `RuntimeError`. It ends the
    /// compilation, as the exception ends mpy-cross's.
    fn encoding_error(&self) -> Option<(&'static str, String)> {
        None
    }

    /// `ASM_ENTRY`: function prologue reserving `num_locals` words of stack.
    fn entry(&mut self, num_locals: usize);
    /// `ASM_EXIT`: epilogue and return.
    fn exit(&mut self);

    /// `ASM_JUMP`
    fn jump(&mut self, label: usize);
    /// `ASM_JUMP_IF_REG_ZERO`; `bool_test` says only the low byte matters (a C bool).
    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, bool_test: bool);
    /// `ASM_JUMP_IF_REG_NONZERO`
    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, bool_test: bool);
    /// `ASM_JUMP_IF_REG_EQ`
    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize);
    /// `ASM_JUMP_REG`
    fn jump_reg(&mut self, reg: Reg);
    /// `ASM_CALL_IND`: calls entry `fun_id` of `mp_fun_table` (through `REG_FUN_TABLE`).
    fn call_ind(&mut self, fun_id: usize);
    /// The call of `mp_setup_code_state` in a native function's entry; Thumb uses a long
    /// branch through a different temporary, everyone else [`Assembler::call_ind`].
    fn call_setup_code_state(&mut self, fun_id: usize) {
        self.call_ind(fun_id);
    }

    /// `ASM_MOV_LOCAL_REG`: stores `reg_src` into stack slot `local_num`.
    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg);
    /// `ASM_MOV_REG_IMM`: the shortest encoding of `imm`.
    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64);
    /// `ASM_MOV_REG_LOCAL`
    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize);
    /// `ASM_MOV_REG_REG`
    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_MOV_REG_LOCAL_ADDR`: the address of stack slot `local_num`.
    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize);
    /// `ASM_MOV_REG_PCREL`: the address of `label`.
    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize);
    /// Fetches stack-passed argument `arg_index` of the caller (x86 `asm_x86_mov_arg_to_r32`);
    /// only called when [`Assembler::ARGS_ON_STACK`].
    fn mov_arg_to_reg(&mut self, _arg_index: usize, _reg_dest: Reg) {}

    /// `ASM_NOT_REG` (only called when [`Assembler::HAS_NOT_REG`]).
    fn not_reg(&mut self, reg: Reg);
    /// `ASM_NEG_REG`
    fn neg_reg(&mut self, reg: Reg);
    /// `ASM_LSL_REG_REG` (`ASM_LSL_REG` with the count in [`Assembler::SHIFT_COUNT_REG`]).
    fn lsl_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg);
    /// `ASM_LSR_REG_REG`
    fn lsr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg);
    /// `ASM_ASR_REG_REG`
    fn asr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg);
    /// `ASM_OR_REG_REG`
    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_XOR_REG_REG`
    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_AND_REG_REG`
    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_ADD_REG_REG`
    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_SUB_REG_REG`
    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_MUL_REG_REG`
    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg);
    /// `ASM_CLR_REG`
    fn clr_reg(&mut self, reg_dest: Reg);
    /// The viper comparison sequence of `emit_native_binary_op`: `reg_dest` becomes 1 if
    /// `reg_lhs <cmp> reg_rhs` (signed unless `unsigned`), else 0.
    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    );

    /// `ASM_LOAD_REG_REG_OFFSET`: a word at `reg_base + word_offset * WORD_SIZE`.
    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize);
    /// `ASM_LOAD8_REG_REG_OFFSET`
    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64);
    /// `ASM_LOAD16_REG_REG_OFFSET` (offset in halfwords)
    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64);
    /// `ASM_LOAD32_REG_REG_OFFSET` (offset in 32-bit words)
    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64);
    /// `ASM_LOAD8_REG_REG`
    fn load8_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg) {
        self.load8_reg_reg_offset(reg_dest, reg_base, 0);
    }
    /// `ASM_LOAD16_REG_REG`
    fn load16_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg) {
        self.load16_reg_reg_offset(reg_dest, reg_base, 0);
    }
    /// `ASM_LOAD32_REG_REG`
    fn load32_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg) {
        self.load32_reg_reg_offset(reg_dest, reg_base, 0);
    }
    /// `ASM_LOAD8_REG_REG_REG`: byte at `reg_base + reg_index`. The default is emitnative's
    /// fallback for sets without an indexed load (it clobbers `reg_base`).
    fn load8_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.add_reg_reg(reg_base, reg_index);
        self.load8_reg_reg(reg_dest, reg_base);
    }
    /// `ASM_LOAD16_REG_REG_REG`: halfword at `reg_base + 2 * reg_index`.
    fn load16_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.add_reg_reg(reg_base, reg_index);
        self.add_reg_reg(reg_base, reg_index);
        self.load16_reg_reg(reg_dest, reg_base);
    }
    /// `ASM_LOAD32_REG_REG_REG`: 32-bit word at `reg_base + 4 * reg_index`.
    fn load32_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        for _ in 0..4 {
            self.add_reg_reg(reg_base, reg_index);
        }
        self.load32_reg_reg(reg_dest, reg_base);
    }

    /// `ASM_STORE_REG_REG_OFFSET`: a word to `reg_base + word_offset * WORD_SIZE`.
    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize);
    /// `ASM_STORE8_REG_REG_OFFSET`
    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64);
    /// `ASM_STORE16_REG_REG_OFFSET` (offset in halfwords)
    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64);
    /// `ASM_STORE32_REG_REG_OFFSET` (offset in 32-bit words)
    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64);
    /// `ASM_STORE8_REG_REG`
    fn store8_reg_reg(&mut self, reg_src: Reg, reg_base: Reg) {
        self.store8_reg_reg_offset(reg_src, reg_base, 0);
    }
    /// `ASM_STORE16_REG_REG`
    fn store16_reg_reg(&mut self, reg_src: Reg, reg_base: Reg) {
        self.store16_reg_reg_offset(reg_src, reg_base, 0);
    }
    /// `ASM_STORE32_REG_REG`
    fn store32_reg_reg(&mut self, reg_src: Reg, reg_base: Reg) {
        self.store32_reg_reg_offset(reg_src, reg_base, 0);
    }
    /// `ASM_STORE8_REG_REG_REG`; the default is emitnative's fallback (clobbers `reg_base`).
    fn store8_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.add_reg_reg(reg_base, reg_index);
        self.store8_reg_reg(reg_src, reg_base);
    }
    /// `ASM_STORE16_REG_REG_REG`
    fn store16_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.add_reg_reg(reg_base, reg_index);
        self.add_reg_reg(reg_base, reg_index);
        self.store16_reg_reg(reg_src, reg_base);
    }
    /// `ASM_STORE32_REG_REG_REG`
    fn store32_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        for _ in 0..4 {
            self.add_reg_reg(reg_base, reg_index);
        }
        self.store32_reg_reg(reg_src, reg_base);
    }

    /// `ASM_MOV_LOCAL_MP_OBJ_NULL`: stores 0 into stack slot `local_num`, through `REG_ZERO`
    /// when the set has one, else by clearing `reg_temp`.
    fn mov_local_null(&mut self, local_num: usize, reg_temp: Reg) {
        match Self::REG_ZERO {
            Some(zero) => self.mov_local_reg(local_num, zero),
            None => {
                self.clr_reg(reg_temp);
                self.mov_local_reg(local_num, reg_temp);
            }
        }
    }

    /// `mp_asm_base_label_assign`
    fn label_assign(&mut self, label: usize) {
        self.base_mut().label_assign(label);
    }
    /// `mp_asm_base_data`
    fn data(&mut self, byte_size: usize, value: u64) {
        self.base_mut().data(byte_size, value);
    }
    /// `mp_asm_base_align`
    fn align(&mut self, align: usize) {
        self.base_mut().align(align);
    }
    /// `mp_asm_base_suppress_code`
    fn suppress_code(&mut self) {
        self.base_mut().suppress_code();
    }
    /// `mp_asm_base_get_code_pos`
    fn code_pos(&self) -> usize {
        self.base().code_pos()
    }
}

/// Support for the instruction sets' encoding tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{AsmPass, Assembler};

    /// Runs `emit` through `compute_passes` compute passes and the emit pass, ending each as
    /// the native emitter does, and returns the code. The emit pass must write exactly what the
    /// last compute pass counted.
    pub(crate) fn assemble<A: Assembler>(
        mut asm: A,
        compute_passes: usize,
        emit: impl Fn(&mut A),
    ) -> Vec<u8> {
        let mut size = 0;
        for _ in 0..compute_passes {
            asm.base_mut().start_pass(AsmPass::Compute);
            emit(&mut asm);
            asm.end_pass();
            size = asm.base().code_pos();
        }
        asm.base_mut().start_pass(AsmPass::Emit);
        emit(&mut asm);
        asm.end_pass();
        assert_eq!(
            asm.base().code_pos(),
            size,
            "code size changed between passes"
        );
        asm.base_mut().take_code()
    }

    /// `code` as lowercase hex digits.
    pub(crate) fn hex(code: &[u8]) -> String {
        code.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compute_pass_counts_and_emit_pass_writes() {
        let mut base = AsmBase::new(2);
        base.start_pass(AsmPass::Compute);
        base.write(&[1, 2]);
        base.label_assign(0);
        base.data(4, 0x0403_0201);
        assert_eq!(base.code_pos(), 6);
        assert_eq!(base.label_offset(0), Some(2));
        assert_eq!(base.label_offset(1), None);
        base.start_pass(AsmPass::Emit);
        assert_eq!(
            base.label_offset(0),
            Some(2),
            "labels survive into the emit pass"
        );
        base.write(&[1, 2]);
        base.label_assign(0);
        base.data(4, 0x0403_0201);
        assert_eq!(base.code(), &[1, 2, 1, 2, 3, 4]);
    }

    #[test]
    fn suppressed_code_is_dropped_until_the_next_label() {
        let mut base = AsmBase::new(1);
        base.start_pass(AsmPass::Compute);
        base.write(&[9]);
        base.suppress_code();
        base.write(&[7, 7]);
        assert_eq!(base.code_pos(), 1);
        base.label_assign(0);
        base.write(&[8]);
        assert_eq!(base.code_pos(), 2);
    }

    #[test]
    fn align_pads_to_a_power_of_two() {
        let mut base = AsmBase::new(0);
        base.start_pass(AsmPass::Compute);
        base.write(&[1]);
        base.align(4);
        assert_eq!(base.code_pos(), 4);
        base.align(4);
        assert_eq!(base.code_pos(), 4);
    }
}
