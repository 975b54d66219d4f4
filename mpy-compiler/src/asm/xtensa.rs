//! The Xtensa assembler (mirrors `py/asmxtensa.c`): `xtensa` (call0 ABI, ESP8266) and
//! `xtensawin` (windowed ABI with window size 8, ESP32).
//!
//! The raw encoders are pure functions from operands to an instruction word: 24-bit
//! instructions come back as `u32` (written as 3 little-endian bytes), the 16-bit "narrow"
//! ones as `u16`. Field values are masked to their width, so no operand makes an encoder
//! panic; keeping operands in range is the caller's job, as in MicroPython.
//!
//! Constants too wide for `movi` live in a table at the start of the function, reached with
//! `l32r`; the table is jumped over on entry. Its size is only known after a pass, so each
//! pass uses the count of the previous one, exactly like MicroPython (which is why the count
//! survives from one function to the next).

/// Register numbers `a0`..`a15` (the whole set, though the code names only some).
#[allow(dead_code)]
pub(crate) mod reg {
    pub const A0: u32 = 0;
    pub const A1: u32 = 1;
    pub const A2: u32 = 2;
    pub const A3: u32 = 3;
    pub const A4: u32 = 4;
    pub const A5: u32 = 5;
    pub const A6: u32 = 6;
    pub const A7: u32 = 7;
    pub const A8: u32 = 8;
    pub const A9: u32 = 9;
    pub const A10: u32 = 10;
    pub const A11: u32 = 11;
    pub const A12: u32 = 12;
    pub const A13: u32 = 13;
    pub const A14: u32 = 14;
    pub const A15: u32 = 15;
}

/// Conditions of `beqz`/`bnez`/`bltz`/`bgez` (the `m` field of BRI12); flipping bit 0 negates.
#[allow(dead_code)]
pub(crate) mod ccz {
    pub const EQ: u32 = 0;
    pub const NE: u32 = 1;
    pub const LT: u32 = 2;
    pub const GE: u32 = 3;
}

/// Conditions of the register-register branches (the `r` field of RRI8 with op0 = 7);
/// flipping bit 3 negates.
#[allow(dead_code)]
pub(crate) mod cc {
    pub const NONE: u32 = 0;
    pub const EQ: u32 = 1;
    pub const LT: u32 = 2;
    pub const LTU: u32 = 3;
    pub const ALL: u32 = 4;
    pub const BC: u32 = 5;
    pub const ANY: u32 = 8;
    pub const NE: u32 = 9;
    pub const GE: u32 = 10;
    pub const GEU: u32 = 11;
    pub const NALL: u32 = 12;
    pub const BS: u32 = 13;
}

// Instruction formats of the Xtensa ISA, each field masked to its width.

pub(crate) const fn rrr(op0: u32, op1: u32, op2: u32, r: u32, s: u32, t: u32) -> u32 {
    ((op2 & 0xf) << 20)
        | ((op1 & 0xf) << 16)
        | ((r & 0xf) << 12)
        | ((s & 0xf) << 8)
        | ((t & 0xf) << 4)
        | (op0 & 0xf)
}

pub(crate) const fn rri8(op0: u32, r: u32, s: u32, t: u32, imm8: u32) -> u32 {
    ((imm8 & 0xff) << 16) | ((r & 0xf) << 12) | ((s & 0xf) << 8) | ((t & 0xf) << 4) | (op0 & 0xf)
}

pub(crate) const fn ri16(op0: u32, t: u32, imm16: u32) -> u32 {
    ((imm16 & 0xffff) << 8) | ((t & 0xf) << 4) | (op0 & 0xf)
}

pub(crate) const fn call(op0: u32, n: u32, offset: u32) -> u32 {
    ((offset & 0x3ffff) << 6) | ((n & 0x3) << 4) | (op0 & 0xf)
}

pub(crate) const fn callx(op0: u32, op1: u32, op2: u32, r: u32, s: u32, m: u32, n: u32) -> u32 {
    ((op2 & 0xf) << 20)
        | ((op1 & 0xf) << 16)
        | ((r & 0xf) << 12)
        | ((s & 0xf) << 8)
        | ((m & 0x3) << 6)
        | ((n & 0x3) << 4)
        | (op0 & 0xf)
}

pub(crate) const fn bri12(op0: u32, s: u32, m: u32, n: u32, imm12: u32) -> u32 {
    ((imm12 & 0xfff) << 12) | ((s & 0xf) << 8) | ((m & 0x3) << 6) | ((n & 0x3) << 4) | (op0 & 0xf)
}

pub(crate) const fn rrrn(op0: u32, r: u32, s: u32, t: u32) -> u16 {
    (((r & 0xf) << 12) | ((s & 0xf) << 8) | ((t & 0xf) << 4) | (op0 & 0xf)) as u16
}

/// The 7-bit immediate of `movi.n` is split: its low nibble sits in `r`, its top three bits
/// in the `t` field's upper bits.
pub(crate) const fn ri7(op0: u32, s: u32, imm7: u32) -> u16 {
    (((imm7 & 0xf) << 12) | ((s & 0xf) << 8) | (imm7 & 0x70) | (op0 & 0xf)) as u16
}

// Raw instructions, named after their mnemonics.

/// `entry as, num_bytes`: allocate a windowed frame (the frame size is stored in 8-byte units).
pub(crate) const fn op_entry(reg_src: u32, num_bytes: i32) -> u32 {
    bri12(6, reg_src, 0, 3, (num_bytes / 8) as u32)
}

pub(crate) const fn op_add_n(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u16 {
    rrrn(10, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_addi(reg_dest: u32, reg_src: u32, imm8: i32) -> u32 {
    rri8(2, 12, reg_src, reg_dest, imm8 as u32)
}

pub(crate) const fn op_addx2(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 9, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_addx4(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 10, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_and(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 1, reg_dest, reg_src_a, reg_src_b)
}

/// Register-register branch; `rel8` is relative to the instruction's address plus 4.
pub(crate) const fn op_bcc(cond: u32, reg_src1: u32, reg_src2: u32, rel8: i32) -> u32 {
    rri8(7, cond, reg_src1, reg_src2, rel8 as u32)
}

/// Branch on a register compared with zero; `rel12` is relative to the address plus 4.
pub(crate) const fn op_bccz(cond: u32, reg_src: u32, rel12: i32) -> u32 {
    bri12(6, reg_src, cond, 1, rel12 as u32)
}

/// Bit-test branch (`bbc`/`bbs` with `cond` = [`cc::BC`]/[`cc::BS`]): the bit number's top bit
/// extends the condition field.
pub(crate) const fn op_bit_branch(cond: u32, reg: u32, bit: u32, rel8: i32) -> u32 {
    rri8(7, cond | ((bit >> 4) & 1), reg, bit & 0xf, rel8 as u32)
}

/// `call0`; `rel18` counts words from the word-aligned address after the instruction.
pub(crate) const fn op_call0(rel18: i32) -> u32 {
    call(5, 0, rel18 as u32)
}

pub(crate) const fn op_callx0(reg: u32) -> u32 {
    callx(0, 0, 0, 0, reg, 3, 0)
}

pub(crate) const fn op_callx8(reg: u32) -> u32 {
    callx(0, 0, 0, 0, reg, 3, 2)
}

/// `j`; `rel18` is relative to the instruction's address plus 4.
pub(crate) const fn op_j(rel18: i32) -> u32 {
    call(6, 0, rel18 as u32)
}

pub(crate) const fn op_jx(reg: u32) -> u32 {
    callx(0, 0, 0, 0, reg, 2, 2)
}

pub(crate) const fn op_l8ui(reg_dest: u32, reg_base: u32, byte_offset: u32) -> u32 {
    rri8(2, 0, reg_base, reg_dest, byte_offset)
}

pub(crate) const fn op_l16ui(reg_dest: u32, reg_base: u32, half_word_offset: u32) -> u32 {
    rri8(2, 1, reg_base, reg_dest, half_word_offset)
}

pub(crate) const fn op_l32i(reg_dest: u32, reg_base: u32, word_offset: u32) -> u32 {
    rri8(2, 2, reg_base, reg_dest, word_offset)
}

pub(crate) const fn op_l32i_n(reg_dest: u32, reg_base: u32, word_offset: u32) -> u16 {
    rrrn(8, word_offset, reg_base, reg_dest)
}

/// `l32r` at code offset `op_off` loading the word at code offset `dest_off`: the offset
/// counts words from the instruction's address plus 3, rounded down to a word.
pub(crate) const fn op_l32r(reg_dest: u32, op_off: u32, dest_off: u32) -> u32 {
    ri16(
        1,
        reg_dest,
        (dest_off.wrapping_sub(op_off.wrapping_add(3) & !3)) >> 2,
    )
}

pub(crate) const fn op_mov_n(reg_dest: u32, reg_src: u32) -> u16 {
    rrrn(13, 0, reg_src, reg_dest)
}

pub(crate) const fn op_movi(reg_dest: u32, imm12: i32) -> u32 {
    rri8(2, 10, ((imm12 >> 8) & 0xf) as u32, reg_dest, imm12 as u32)
}

/// `movi.n`: the immediate must lie in -32..=95.
pub(crate) const fn op_movi_n(reg_dest: u32, imm7: i32) -> u16 {
    ri7(12, reg_dest, imm7 as u32)
}

pub(crate) const fn op_mull(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 2, 8, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_neg(reg_dest: u32, reg_src: u32) -> u32 {
    rrr(0, 0, 6, reg_dest, 0, reg_src)
}

pub(crate) const fn op_or(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 2, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_ret_n() -> u16 {
    rrrn(13, 15, 0, 0)
}

pub(crate) const fn op_retw_n() -> u16 {
    rrrn(13, 15, 0, 1)
}

pub(crate) const fn op_s8i(reg_src: u32, reg_base: u32, byte_offset: u32) -> u32 {
    rri8(2, 4, reg_base, reg_src, byte_offset)
}

pub(crate) const fn op_s16i(reg_src: u32, reg_base: u32, half_word_offset: u32) -> u32 {
    rri8(2, 5, reg_base, reg_src, half_word_offset)
}

pub(crate) const fn op_s32i(reg_src: u32, reg_base: u32, word_offset: u32) -> u32 {
    rri8(2, 6, reg_base, reg_src, word_offset)
}

pub(crate) const fn op_s32i_n(reg_src: u32, reg_base: u32, word_offset: u32) -> u16 {
    rrrn(9, word_offset, reg_base, reg_src)
}

/// Shift left by the shift-amount register (set with `ssl`).
pub(crate) const fn op_sll(reg_dest: u32, reg_src: u32) -> u32 {
    rrr(0, 1, 10, reg_dest, reg_src, 0)
}

/// Logical shift right by the shift-amount register (set with `ssr`).
pub(crate) const fn op_srl(reg_dest: u32, reg_src: u32) -> u32 {
    rrr(0, 1, 9, reg_dest, 0, reg_src)
}

/// Arithmetic shift right by the shift-amount register (set with `ssr`).
pub(crate) const fn op_sra(reg_dest: u32, reg_src: u32) -> u32 {
    rrr(0, 1, 11, reg_dest, 0, reg_src)
}

pub(crate) const fn op_ssl(reg_src: u32) -> u32 {
    rrr(0, 0, 4, 1, reg_src, 0)
}

pub(crate) const fn op_ssr(reg_src: u32) -> u32 {
    rrr(0, 0, 4, 0, reg_src, 0)
}

pub(crate) const fn op_sub(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 12, reg_dest, reg_src_a, reg_src_b)
}

pub(crate) const fn op_xor(reg_dest: u32, reg_src_a: u32, reg_src_b: u32) -> u32 {
    rrr(0, 0, 3, reg_dest, reg_src_a, reg_src_b)
}

/// Loads of 1, 2 or 4 bytes (`size_log2` 0, 1, 2: `l8ui`, `l16ui`, `l32i`), offset in units.
pub(crate) const fn op_load(size_log2: u32, reg_dest: u32, reg_base: u32, offset: u32) -> u32 {
    rri8(2, size_log2, reg_base, reg_dest, offset)
}

/// Stores of 1, 2 or 4 bytes (`size_log2` 0, 1, 2: `s8i`, `s16i`, `s32i`), offset in units.
pub(crate) const fn op_store(size_log2: u32, reg_src: u32, reg_base: u32, offset: u32) -> u32 {
    rri8(2, 0x04 | size_log2, reg_base, reg_src, offset)
}

// The assembler: MicroPython's convenience functions and the generic API on top of the
// raw encoders.

use super::{AsmBase, Assembler, Compare, Reg};

/// Whether `x` (as the low 32 bits of a two's-complement value) fits in `bits` signed bits.
const fn signed_fit(x: u32, bits: u32) -> bool {
    let high = !0u32 << (bits - 1);
    x & high == 0 || x & high == high
}

/// Whether `x` fits in `bits` unsigned bits.
const fn unsigned_fit(x: u32, bits: u32) -> bool {
    x & (!0u32 << bits) == 0
}

/// Registers saved on the stack by the call0 entry code: a0 and a12..a15.
const NUM_REGS_SAVED: u32 = 5;
/// Registers saved by the windowed entry code: only a0.
const NUM_REGS_SAVED_WIN: u32 = 1;
const WORD: u32 = 4;

/// The Xtensa assembler; `WINDOWED` picks the `xtensawin` ABI (ESP32) over call0 (ESP8266).
#[derive(Debug, Clone)]
pub struct AsmXtensa<const WINDOWED: bool> {
    base: AsmBase,
    /// Constants loaded so far in this pass.
    cur_const: u32,
    /// Constants the previous pass loaded: the size of this pass's table.
    num_const: u32,
    /// Code offset of the constant table in this pass, if the entry code reserved one.
    const_table: Option<usize>,
    stack_adjust: u32,
    /// The first jump found out of range or misaligned in an emit pass, worded as the
    /// `RuntimeError` MicroPython raises.
    error: Option<String>,
}

/// `-march=xtensa` (call0 ABI).
pub type AsmXtensaCall0 = AsmXtensa<false>;
/// `-march=xtensawin` (windowed ABI).
pub type AsmXtensaWin = AsmXtensa<true>;

impl<const WINDOWED: bool> AsmXtensa<WINDOWED> {
    /// Scratch register for stores at offsets too large for one instruction. MicroPython
    /// means `a12` for the windowed ABI, but py/asmxtensa.c is compiled once, without the
    /// windowed switch, so mpy-cross uses `a6` for both.
    const REG_TEMPORARY: u32 = reg::A6;
    const NUM_REGS_SAVED: u32 = if WINDOWED {
        NUM_REGS_SAVED_WIN
    } else {
        NUM_REGS_SAVED
    };

    /// An assembler with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        AsmXtensa {
            base: AsmBase::new(max_num_labels),
            cur_const: 0,
            num_const: 0,
            const_table: None,
            stack_adjust: 0,
            error: None,
        }
    }

    /// The first jump found out of range or misaligned in an emit pass, if any (MicroPython
    /// raises a `RuntimeError` with this message).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Takes the error reported by [`Self::error`], if any.
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }

    fn report(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }

    fn report_out_of_range(&mut self, what: &str) {
        self.report(format!("ERROR: xtensa {what} out of range"));
    }

    /// The alignment and range checks of `call0` and `l32r` to a label.
    fn check_word_target(&mut self, what: &str, dest: u32, rel: u32, in_range: bool) {
        if !self.emitting() {
            return;
        }
        if dest & 3 != 0 {
            self.report(format!("ERROR: {what} target not word-aligned"));
        } else if rel & 3 != 0 {
            self.report(format!("ERROR: {what} location not word-aligned"));
        } else if !in_range {
            self.report_out_of_range(what);
        }
    }

    fn emitting(&self) -> bool {
        self.base.pass() == super::AsmPass::Emit
    }

    /// The current offset as the 32-bit value C computes with.
    fn offset(&self) -> u32 {
        self.base.code_pos() as u32
    }

    /// A label's offset; an unknown (forward, compute-pass) label reads as C's `(size_t)-1`.
    fn label_dest(&self, label: usize) -> u32 {
        self.base.label_offset(label).map_or(u32::MAX, |o| o as u32)
    }

    /// Branch displacement to `label` from after the current instruction, and whether the
    /// label is already known and behind us (only then is the short form safe).
    fn branch_displacement(&self, label: usize) -> (u32, bool) {
        match self.base.label_offset(label) {
            Some(dest) => {
                let rel = (dest as i64 - self.base.code_pos() as i64 - 4) as u32;
                (rel, (rel as i32) < 0)
            }
            None => (
                (u32::MAX).wrapping_sub(self.offset()).wrapping_sub(4),
                false,
            ),
        }
    }

    /// Writes a 16-bit instruction.
    pub fn op16(&mut self, op: u16) {
        self.base.write(&op.to_le_bytes());
    }

    /// Writes a 24-bit instruction.
    pub fn op24(&mut self, op: u32) {
        self.base.write(&op.to_le_bytes()[..3]);
    }

    /// Reserves bytes whose content is not set (left zero), returning where they start.
    fn reserve(&mut self, n: usize) -> usize {
        let at = self.base.code_pos();
        self.base.write(&vec![0; n]);
        at
    }

    /// Jumps over the constant table and reserves it (the table is filled as constants are
    /// loaded); the padding byte keeps the table word-aligned after the 3-byte jump.
    fn reserve_const_table(&mut self) {
        if self.num_const > 0 {
            self.op24(op_j((self.num_const * WORD) as i32));
            self.reserve(1);
            let table = self.reserve((self.num_const * 4) as usize);
            self.const_table = Some(table);
        } else {
            self.const_table = None;
        }
    }

    /// `asm_xtensa_j_label`
    pub fn j_label(&mut self, label: usize) {
        let rel = self
            .label_dest(label)
            .wrapping_sub(self.offset())
            .wrapping_sub(4);
        self.op24(op_j(rel as i32));
    }

    /// `asm_xtensa_bccz_reg_label`: short backward branches stay one instruction, anything
    /// else becomes the inverted branch over a `j`.
    pub fn bccz_reg_label(&mut self, cond: u32, reg: u32, label: usize) {
        let (rel, backward) = self.branch_displacement(label);
        if backward && signed_fit(rel, 12) {
            self.op24(op_bccz(cond, reg, rel as i32));
            return;
        }
        if self.emitting() && !signed_fit(rel.wrapping_sub(6), 18) {
            self.report_out_of_range("bccz");
        }
        self.op24(op_bccz(cond ^ 1, reg, 6 - 4));
        self.op24(op_j(rel.wrapping_sub(3) as i32));
    }

    /// `asm_xtensa_bcc_reg_reg_label`
    pub fn bcc_reg_reg_label(&mut self, cond: u32, reg1: u32, reg2: u32, label: usize) {
        let (rel, backward) = self.branch_displacement(label);
        if backward && signed_fit(rel, 8) {
            self.op24(op_bcc(cond, reg1, reg2, rel as i32));
            return;
        }
        if self.emitting() && !signed_fit(rel.wrapping_sub(6), 18) {
            self.report_out_of_range("bcc");
        }
        self.op24(op_bcc(cond ^ 8, reg1, reg2, 6 - 4));
        self.op24(op_j(rel.wrapping_sub(3) as i32));
    }

    /// `asm_xtensa_setcc_reg_reg_reg`: `reg_dest` must differ from both sources.
    pub fn setcc_reg_reg_reg(&mut self, cond: u32, reg_dest: u32, reg_src1: u32, reg_src2: u32) {
        self.op16(op_movi_n(reg_dest, 1));
        self.op24(op_bcc(cond, reg_src1, reg_src2, 1));
        self.op16(op_movi_n(reg_dest, 0));
    }

    /// `asm_xtensa_mov_reg_i32`: loads `i32` from the constant table, returning its offset.
    pub fn mov_reg_i32(&mut self, reg_dest: u32, i32: u32) -> usize {
        // C computes from a null table pointer in the compute pass; only the size matters then.
        let table = self.const_table.unwrap_or(0);
        let loc = table + (self.cur_const * WORD) as usize;
        self.op24(op_l32r(reg_dest, self.offset(), loc as u32));
        if self.const_table.is_some() {
            self.base.patch(loc, &i32.to_le_bytes());
        }
        self.cur_const += 1;
        loc
    }

    /// `asm_xtensa_mov_reg_i32_optimised`: `movi.n`, `movi`, or a table constant.
    pub fn mov_reg_i32_optimised(&mut self, reg_dest: u32, i32: u32) {
        if (-32..=95).contains(&(i32 as i32)) {
            self.op16(op_movi_n(reg_dest, i32 as i32));
        } else if signed_fit(i32, 12) {
            self.op24(op_movi(reg_dest, i32 as i32));
        } else {
            self.mov_reg_i32(reg_dest, i32);
        }
    }

    fn l32i_optimised(&mut self, reg_dest: u32, reg_base: u32, word_offset: u32) {
        if word_offset < 16 {
            self.op16(op_l32i_n(reg_dest, reg_base, word_offset));
        } else if word_offset < 256 {
            self.op24(op_l32i(reg_dest, reg_base, word_offset));
        } else {
            self.mov_reg_i32_optimised(reg_dest, word_offset.wrapping_mul(4));
            self.op16(op_add_n(reg_dest, reg_base, reg_dest));
            self.op16(op_l32i_n(reg_dest, reg_dest, 0));
        }
    }

    /// `asm_xtensa_load_reg_reg_offset`; `size_log2` 0, 1, 2 for 8, 16, 32 bits, `offset` in
    /// units of the size.
    pub fn load_reg_reg_offset_sized(
        &mut self,
        reg_dest: u32,
        reg_base: u32,
        offset: u32,
        size_log2: u32,
    ) {
        if size_log2 == 2 && unsigned_fit(offset, 4) {
            self.op16(op_l32i_n(reg_dest, reg_base, offset));
            return;
        }
        if unsigned_fit(offset, 8) {
            self.op24(op_load(size_log2, reg_dest, reg_base, offset));
            return;
        }
        self.mov_reg_i32_optimised(reg_dest, offset.wrapping_shl(size_log2));
        self.op16(op_add_n(reg_dest, reg_base, reg_dest));
        if size_log2 == 2 {
            self.op16(op_l32i_n(reg_dest, reg_dest, 0));
        } else {
            self.op24(op_load(size_log2, reg_dest, reg_dest, 0));
        }
    }

    /// `asm_xtensa_store_reg_reg_offset`
    pub fn store_reg_reg_offset_sized(
        &mut self,
        reg_src: u32,
        reg_base: u32,
        offset: u32,
        size_log2: u32,
    ) {
        if size_log2 == 2 && unsigned_fit(offset, 4) {
            self.op16(op_s32i_n(reg_src, reg_base, offset));
            return;
        }
        if unsigned_fit(offset, 8) {
            self.op24(op_store(size_log2, reg_src, reg_base, offset));
            return;
        }
        let temp = Self::REG_TEMPORARY;
        self.mov_reg_i32_optimised(temp, offset.wrapping_shl(size_log2));
        self.op16(op_add_n(temp, reg_base, temp));
        if size_log2 == 2 {
            self.op16(op_s32i_n(reg_src, temp, 0));
        } else {
            self.op24(op_store(size_log2, reg_src, temp, 0));
        }
    }

    /// `asm_xtensa_bit_branch`: branch to `label` on bit `bit` of `reg` (`cond` 6 = clear,
    /// 14 = set).
    pub fn bit_branch(&mut self, reg: u32, bit: u32, label: usize, cond: u32) {
        let rel = self
            .label_dest(label)
            .wrapping_sub(self.offset())
            .wrapping_sub(4);
        if self.emitting() && !signed_fit(rel, 8) {
            self.report_out_of_range("bit_branch");
        }
        self.op24(op_bit_branch(cond, reg, bit, rel as i32));
    }

    /// `asm_xtensa_call0` to a label.
    pub fn call0_label(&mut self, label: usize) {
        let dest = self.label_dest(label);
        let rel = dest.wrapping_sub(self.offset()).wrapping_sub(3);
        self.check_word_target("call0", dest, rel, signed_fit(rel, 18));
        self.op24(op_call0(rel as i32));
    }

    /// `asm_xtensa_l32r` from a label.
    pub fn l32r_label(&mut self, reg: u32, label: usize) {
        let dest = self.label_dest(label);
        let rel = dest.wrapping_sub(self.offset());
        let in_range = signed_fit(rel, 18) && (rel as i32) < 0;
        self.check_word_target("l32r", dest, rel, in_range);
        self.op24(op_l32r(reg, self.offset(), dest));
    }

    fn local_slot(local_num: usize) -> u32 {
        Self::NUM_REGS_SAVED.wrapping_add(local_num as u32)
    }
}

fn r(reg: Reg) -> u32 {
    u32::from(reg)
}

impl<const WINDOWED: bool> Assembler for AsmXtensa<WINDOWED> {
    const WORD_SIZE: usize = 4;
    const NLR_BUF_NUM_REGS: usize = if WINDOWED { 17 } else { 10 };
    const NLR_BUF_IDX_LOCAL_1: usize = if WINDOWED { 2 + 4 } else { 8 };
    const NLR_SETJMP: bool = WINDOWED;

    const REG_RET: Reg = if WINDOWED { 10 } else { 2 };
    const REG_ARG_1: Reg = if WINDOWED { 10 } else { 2 };
    const REG_ARG_2: Reg = if WINDOWED { 11 } else { 3 };
    const REG_ARG_3: Reg = if WINDOWED { 12 } else { 4 };
    const REG_ARG_4: Reg = if WINDOWED { 13 } else { 5 };
    const REG_TEMP0: Reg = if WINDOWED { 10 } else { 2 };
    const REG_TEMP1: Reg = if WINDOWED { 11 } else { 3 };
    const REG_TEMP2: Reg = if WINDOWED { 12 } else { 4 };
    const REG_LOCAL_1: Reg = if WINDOWED { 4 } else { 12 };
    const REG_LOCAL_2: Reg = if WINDOWED { 5 } else { 13 };
    const REG_LOCAL_3: Reg = if WINDOWED { 6 } else { 14 };
    const REG_FUN_TABLE: Reg = if WINDOWED { 7 } else { 15 };
    const REG_PARENT_RET: Reg = 2;
    const REG_PARENT_ARG_1: Reg = 2;
    const REG_PARENT_ARG_2: Reg = 3;
    const REG_PARENT_ARG_3: Reg = 4;
    const REG_PARENT_ARG_4: Reg = 5;
    const HAS_NOT_REG: bool = false;

    fn base(&self) -> &AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }

    fn end_pass(&mut self) {
        self.num_const = self.cur_const;
        self.cur_const = 0;
    }

    fn entry(&mut self, num_locals: usize) {
        self.reserve_const_table();
        let num_locals = num_locals as u32;
        if WINDOWED {
            self.stack_adjust = 32 + ((((NUM_REGS_SAVED_WIN + num_locals) * WORD) + 15) & !15);
            self.op24(op_entry(reg::A1, self.stack_adjust as i32));
            self.op16(op_s32i_n(reg::A0, reg::A1, 0));
            return;
        }
        // Room for a0, a12..a15 and the locals, 16-byte aligned.
        self.stack_adjust = (((NUM_REGS_SAVED + num_locals) * WORD) + 15) & !15;
        let adjust = self.stack_adjust.wrapping_neg();
        if signed_fit(adjust, 8) {
            self.op24(op_addi(reg::A1, reg::A1, adjust as i32));
        } else {
            self.op24(op_movi(reg::A9, self.stack_adjust as i32));
            self.op24(op_sub(reg::A1, reg::A1, reg::A9));
        }
        self.op16(op_s32i_n(reg::A0, reg::A1, 0));
        for i in 1..NUM_REGS_SAVED {
            self.op16(op_s32i_n(reg::A11 + i, reg::A1, i));
        }
    }

    fn exit(&mut self) {
        if WINDOWED {
            self.op16(op_l32i_n(reg::A0, reg::A1, 0));
            self.op16(op_retw_n());
            return;
        }
        for i in (1..NUM_REGS_SAVED).rev() {
            self.op16(op_l32i_n(reg::A11 + i, reg::A1, i));
        }
        self.op16(op_l32i_n(reg::A0, reg::A1, 0));
        if signed_fit(self.stack_adjust, 8) {
            self.op24(op_addi(reg::A1, reg::A1, self.stack_adjust as i32));
        } else {
            self.op24(op_movi(reg::A9, self.stack_adjust as i32));
            self.op16(op_add_n(reg::A1, reg::A1, reg::A9));
        }
        self.op16(op_ret_n());
    }

    fn jump(&mut self, label: usize) {
        self.j_label(label);
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.bccz_reg_label(ccz::EQ, r(reg), label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.bccz_reg_label(ccz::NE, r(reg), label);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        self.bcc_reg_reg_label(cc::EQ, r(reg1), r(reg2), label);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.op24(op_jx(r(reg)));
    }

    fn call_ind(&mut self, fun_id: usize) {
        if WINDOWED {
            self.l32i_optimised(reg::A8, reg::A7, fun_id as u32);
            self.op24(op_callx8(reg::A8));
        } else {
            self.l32i_optimised(reg::A0, reg::A15, fun_id as u32);
            self.op24(op_callx0(reg::A0));
        }
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        self.op24(op_s32i(r(reg_src), reg::A1, Self::local_slot(local_num)));
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.mov_reg_i32_optimised(r(reg_dest), imm as u32);
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        self.op24(op_l32i(r(reg_dest), reg::A1, Self::local_slot(local_num)));
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op16(op_mov_n(r(reg_dest), r(reg_src)));
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        let off = Self::local_slot(local_num).wrapping_mul(WORD);
        if signed_fit(off, 8) {
            self.op24(op_addi(r(reg_dest), reg::A1, off as i32));
        } else {
            self.op24(op_movi(r(reg_dest), off as i32));
            self.op16(op_add_n(r(reg_dest), r(reg_dest), reg::A1));
        }
    }

    /// `movi` the offset from the PC, then `call0` to the next word to learn the PC in a0.
    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        let rel = self
            .label_dest(label)
            .wrapping_sub(self.offset())
            .wrapping_sub(3 + 3);
        self.op24(op_movi(r(reg_dest), rel as i32));
        // call0 lands on a word boundary: skip to it.
        let off = (self.offset() >> 1) & 1;
        let pad = 5u32.wrapping_sub(self.offset()) & 3;
        self.op24(op_call0(off as i32));
        self.reserve(pad as usize);
        self.op16(op_add_n(r(reg_dest), r(reg_dest), reg::A0));
    }

    fn not_reg(&mut self, _reg: Reg) {
        // Not part of the Xtensa API (HAS_NOT_REG is false): the emitter xors with -1 instead.
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.op24(op_neg(r(reg), r(reg)));
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.op24(op_ssl(r(reg_shift)));
        self.op24(op_sll(r(reg_dest), r(reg_dest)));
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.op24(op_ssr(r(reg_shift)));
        self.op24(op_srl(r(reg_dest), r(reg_dest)));
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.op24(op_ssr(r(reg_shift)));
        self.op24(op_sra(r(reg_dest), r(reg_dest)));
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op24(op_or(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op24(op_xor(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op24(op_and(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op16(op_add_n(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op24(op_sub(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.op24(op_mull(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.op16(op_movi_n(r(reg_dest), 0));
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        // (condition, operands swapped): Xtensa only branches on <, >=, == and !=.
        let (cond, swap) = match (cmp, unsigned) {
            (Compare::Less, true) => (cc::LTU, false),
            (Compare::More, true) => (cc::LTU, true),
            (Compare::LessEqual, true) => (cc::GEU, true),
            (Compare::MoreEqual, true) => (cc::GEU, false),
            (Compare::Less, false) => (cc::LT, false),
            (Compare::More, false) => (cc::LT, true),
            (Compare::LessEqual, false) => (cc::GE, true),
            (Compare::MoreEqual, false) => (cc::GE, false),
            (Compare::Equal, _) => (cc::EQ, false),
            (Compare::NotEqual, _) => (cc::NE, false),
        };
        let (a, b) = if swap {
            (reg_rhs, reg_lhs)
        } else {
            (reg_lhs, reg_rhs)
        };
        self.setcc_reg_reg_reg(cond, r(reg_dest), r(a), r(b));
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        self.load_reg_reg_offset_sized(r(reg_dest), r(reg_base), word_offset as u32, 2);
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        self.load_reg_reg_offset_sized(r(reg_dest), r(reg_base), byte_offset as u32, 0);
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        self.load_reg_reg_offset_sized(r(reg_dest), r(reg_base), halfword_offset as u32, 1);
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        self.load_reg_reg_offset_sized(r(reg_dest), r(reg_base), word32_offset as u32, 2);
    }

    fn load8_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.op16(op_add_n(r(reg_base), r(reg_index), r(reg_base)));
        self.op24(op_l8ui(r(reg_dest), r(reg_base), 0));
    }

    fn load16_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.op24(op_addx2(r(reg_base), r(reg_index), r(reg_base)));
        self.op24(op_l16ui(r(reg_dest), r(reg_base), 0));
    }

    fn load32_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.op24(op_addx4(r(reg_base), r(reg_index), r(reg_base)));
        self.op16(op_l32i_n(r(reg_dest), r(reg_base), 0));
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        self.store_reg_reg_offset_sized(r(reg_src), r(reg_base), word_offset as u32, 2);
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        self.store_reg_reg_offset_sized(r(reg_src), r(reg_base), byte_offset as u32, 0);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        self.store_reg_reg_offset_sized(r(reg_src), r(reg_base), halfword_offset as u32, 1);
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        self.store_reg_reg_offset_sized(r(reg_src), r(reg_base), word32_offset as u32, 2);
    }

    fn store8_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.op16(op_add_n(r(reg_base), r(reg_index), r(reg_base)));
        self.op24(op_s8i(r(reg_src), r(reg_base), 0));
    }

    fn store16_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.op24(op_addx2(r(reg_base), r(reg_index), r(reg_base)));
        self.op24(op_s16i(r(reg_src), r(reg_base), 0));
    }

    fn store32_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.op24(op_addx4(r(reg_base), r(reg_index), r(reg_base)));
        self.op16(op_s32i_n(r(reg_src), r(reg_base), 0));
    }
}

#[cfg(test)]
mod encoding_tests {
    //! Expected bytes come from GNU as for xtensa-lx106 (binutils 2.x, `.begin no-transform`),
    //! assembling the mnemonic in each comment. The windowed instructions (`entry`, `retw.n`,
    //! `callx8`), which the lx106 lacks, are checked against the ISA reference's bit layouts.
    //! They are literals so the tests need no toolchain.
    use super::reg::*;
    use super::*;

    fn wide(op: u32) -> [u8; 3] {
        let b = op.to_le_bytes();
        [b[0], b[1], b[2]]
    }

    fn narrow(op: u16) -> [u8; 2] {
        op.to_le_bytes()
    }

    #[test]
    fn narrow_instructions() {
        // add.n a3, a4, a5 ; mov.n a2, a12 ; l32i.n a0, a1, 4 ; s32i.n a12, a1, 60
        assert_eq!(narrow(op_add_n(A3, A4, A5)), XTENSA_NARROW[0]);
        assert_eq!(narrow(op_mov_n(A2, A12)), XTENSA_NARROW[1]);
        assert_eq!(narrow(op_l32i_n(A0, A1, 1)), XTENSA_NARROW[2]);
        assert_eq!(narrow(op_s32i_n(A12, A1, 15)), XTENSA_NARROW[3]);
        // ret.n ; retw.n
        assert_eq!(narrow(op_ret_n()), XTENSA_NARROW[4]);
        assert_eq!(narrow(op_retw_n()), XTENSA_NARROW[5]);
        // movi.n a2, -32 ; movi.n a7, 95 ; movi.n a3, 0
        assert_eq!(narrow(op_movi_n(A2, -32)), XTENSA_NARROW[6]);
        assert_eq!(narrow(op_movi_n(A7, 95)), XTENSA_NARROW[7]);
        assert_eq!(narrow(op_movi_n(A3, 0)), XTENSA_NARROW[8]);
    }

    const XTENSA_NARROW: [[u8; 2]; 9] = [
        [0x5a, 0x34],
        [0x2d, 0x0c],
        [0x08, 0x11],
        [0xc9, 0xf1],
        [0x0d, 0xf0],
        [0x1d, 0xf0],
        [0x6c, 0x02],
        [0x5c, 0xf7],
        [0x0c, 0x03],
    ];

    #[test]
    fn arithmetic_and_logic() {
        // addi a1, a1, -16 ; addi a2, a1, 127
        assert_eq!(wide(op_addi(A1, A1, -16)), [0x12, 0xc1, 0xf0]);
        assert_eq!(wide(op_addi(A2, A1, 127)), [0x22, 0xc1, 0x7f]);
        // addx2 a4, a5, a6 ; addx4 a4, a5, a6
        assert_eq!(wide(op_addx2(A4, A5, A6)), [0x60, 0x45, 0x90]);
        assert_eq!(wide(op_addx4(A4, A5, A6)), [0x60, 0x45, 0xa0]);
        // and a2, a3, a4 ; or a2, a3, a4 ; xor a2, a3, a4 ; sub a1, a1, a9
        assert_eq!(wide(op_and(A2, A3, A4)), [0x40, 0x23, 0x10]);
        assert_eq!(wide(op_or(A2, A3, A4)), [0x40, 0x23, 0x20]);
        assert_eq!(wide(op_xor(A2, A3, A4)), [0x40, 0x23, 0x30]);
        assert_eq!(wide(op_sub(A1, A1, A9)), [0x90, 0x11, 0xc0]);
        // mull a10, a10, a11 ; neg a12, a12
        assert_eq!(wide(op_mull(A10, A10, A11)), [0xb0, 0xaa, 0x82]);
        assert_eq!(wide(op_neg(A12, A12)), [0xc0, 0xc0, 0x60]);
        // movi a2, -2048 ; movi a9, 2047 ; movi a3, 100
        assert_eq!(wide(op_movi(A2, -2048)), [0x22, 0xa8, 0x00]);
        assert_eq!(wide(op_movi(A9, 2047)), [0x92, 0xa7, 0xff]);
        assert_eq!(wide(op_movi(A3, 100)), [0x32, 0xa0, 0x64]);
    }

    #[test]
    fn shifts() {
        // ssl a3 ; sll a2, a2 ; ssr a3 ; srl a2, a2 ; sra a2, a2
        assert_eq!(wide(op_ssl(A3)), [0x00, 0x13, 0x40]);
        assert_eq!(wide(op_sll(A2, A2)), [0x00, 0x22, 0xa1]);
        assert_eq!(wide(op_ssr(A3)), [0x00, 0x03, 0x40]);
        assert_eq!(wide(op_srl(A2, A2)), [0x20, 0x20, 0x91]);
        assert_eq!(wide(op_sra(A2, A2)), [0x20, 0x20, 0xb1]);
    }

    #[test]
    fn loads_and_stores() {
        // l8ui a2, a3, 255 ; l16ui a2, a3, 2 ; l32i a12, a1, 1020
        assert_eq!(wide(op_l8ui(A2, A3, 255)), [0x22, 0x03, 0xff]);
        assert_eq!(wide(op_l16ui(A2, A3, 1)), [0x22, 0x13, 0x01]);
        assert_eq!(wide(op_l32i(A12, A1, 255)), [0xc2, 0x21, 0xff]);
        // s8i a4, a5, 7 ; s16i a4, a5, 14 ; s32i a4, a5, 28
        assert_eq!(wide(op_s8i(A4, A5, 7)), [0x42, 0x45, 0x07]);
        assert_eq!(wide(op_s16i(A4, A5, 7)), [0x42, 0x55, 0x07]);
        assert_eq!(wide(op_s32i(A4, A5, 7)), [0x42, 0x65, 0x07]);
        assert_eq!(op_load(2, A12, A1, 255), op_l32i(A12, A1, 255));
        assert_eq!(op_store(1, A4, A5, 7), op_s16i(A4, A5, 7));
        // l32r a2, <-8 bytes from 8> at offset 8 loading offset 0: `l32r a2, . - 8`
        assert_eq!(wide(op_l32r(A2, 8, 0)), [0x21, 0xfe, 0xff]);
        // at offset 13 (rounded up to 16) loading offset 4
        assert_eq!(wide(op_l32r(A3, 13, 4)), [0x31, 0xfd, 0xff]);
    }

    #[test]
    fn jumps_calls_and_branches() {
        // j .+4+20 ; j .+4-8
        assert_eq!(wide(op_j(20)), [0x06, 0x05, 0x00]);
        assert_eq!(wide(op_j(-8)), [0x06, 0xfe, 0xff]);
        // jx a3 ; callx0 a0 ; callx8 a8
        assert_eq!(wide(op_jx(A3)), [0xa0, 0x03, 0x00]);
        assert_eq!(wide(op_callx0(A0)), [0xc0, 0x00, 0x00]);
        assert_eq!(wide(op_callx8(A8)), [0xe0, 0x08, 0x00]);
        // call0 with word offset 1
        assert_eq!(wide(op_call0(1)), [0x45, 0x00, 0x00]);
        // beqz a2, .+4+2 ; bnez a10, .+4-100 ; bltz a3, .+4+2047 ; bgez a3, .+4-2048
        assert_eq!(wide(op_bccz(ccz::EQ, A2, 2)), [0x16, 0x22, 0x00]);
        assert_eq!(wide(op_bccz(ccz::NE, A10, -100)), [0x56, 0xca, 0xf9]);
        assert_eq!(wide(op_bccz(ccz::LT, A3, 2047)), [0x96, 0xf3, 0x7f]);
        assert_eq!(wide(op_bccz(ccz::GE, A3, -2048)), [0xd6, 0x03, 0x80]);
        // beq a2, a3, .+4+1 ; bne a10, a11, .+4-128 ; bltu a2, a3, .+4+127 ; bgeu a2, a3, .+4+2
        assert_eq!(wide(op_bcc(cc::EQ, A2, A3, 1)), [0x37, 0x12, 0x01]);
        assert_eq!(wide(op_bcc(cc::NE, A10, A11, -128)), [0xb7, 0x9a, 0x80]);
        assert_eq!(wide(op_bcc(cc::LTU, A2, A3, 127)), [0x37, 0x32, 0x7f]);
        assert_eq!(wide(op_bcc(cc::GEU, A2, A3, 2)), [0x37, 0xb2, 0x02]);
        // bbsi a4, 3, .+4+4 ; bbci a4, 20, .+4+4 (immediate-bit forms)
        assert_eq!(wide(op_bit_branch(14, A4, 3, 4)), [0x37, 0xe4, 0x04]);
        assert_eq!(wide(op_bit_branch(6, A4, 20, 4)), [0x47, 0x74, 0x04]);
        // entry a1, 48
        assert_eq!(wide(op_entry(A1, 48)), [0x36, 0x61, 0x00]);
    }
}

#[cfg(test)]
mod assembler_tests {
    use super::*;
    use crate::asm::AsmPass;

    /// Runs `f` through two compute passes (so the constant table is sized) and the emit pass,
    /// as the native emitter does, and returns the code.
    fn assemble<const W: bool>(f: impl Fn(&mut AsmXtensa<W>)) -> Vec<u8> {
        let mut asm = AsmXtensa::<W>::new(4);
        for pass in [AsmPass::Compute, AsmPass::Compute, AsmPass::Emit] {
            asm.base.start_pass(pass);
            f(&mut asm);
            asm.end_pass();
        }
        asm.base.take_code()
    }

    fn hex(code: &[u8]) -> String {
        code.iter().map(|b| format!("{b:02x}")).collect()
    }

    // Expected code checked instruction by instruction with xtensa-lx106-elf-objdump against
    // the logic of py/asmxtensa.c; windowed calls (callx8) read by hand.

    #[test]
    fn call0_frame_saves_a0_and_a12_to_a15_in_a_16_byte_aligned_frame() {
        // addi a1, a1, -32 ; s32i.n a0/a12..a15 ; l32i.n a15..a12/a0 ; addi a1, a1, 32 ; ret.n
        let code = assemble::<false>(|a| {
            a.entry(2);
            a.exit();
        });
        assert_eq!(
            hex(&code),
            "12c1e00901c911d921e931f941f841e831d821c811080112c1200df0"
        );
        // A frame beyond addi's reach goes through a9: movi a9, 192 ; sub / add.n a1, a1, a9
        let code = assemble::<false>(|a| {
            a.entry(40);
            a.exit();
        });
        assert_eq!(
            hex(&code),
            "92a0c09011c00901c911d921e931f941f841e831d821c811080192a0c09a110df0"
        );
    }

    #[test]
    fn windowed_frame_uses_entry_and_retw() {
        // entry a1, 48 ; s32i.n a0, a1, 0 ; l32i.n a0, a1, 0 ; retw.n
        let code = assemble::<true>(|a| {
            a.entry(2);
            a.exit();
        });
        assert_eq!(hex(&code), "366100090108011df0");
    }

    #[test]
    fn wide_constants_live_in_a_table_jumped_over_on_entry() {
        // j 0xc ; pad ; .word 0x12345678, -1000000 ; prologue ; l32r a2 / l32r a3 ;
        // movi.n a4, 95 ; movi a5, -33 ; movi a6, 2047 ; epilogue
        let code = assemble::<false>(|a| {
            a.entry(0);
            a.mov_reg_imm(2, 0x1234_5678);
            a.mov_reg_imm(3, -1_000_000);
            a.mov_reg_imm(4, 95);
            a.mov_reg_imm(5, -33);
            a.mov_reg_imm(6, 2047);
            a.exit();
        });
        assert_eq!(
            hex(&code),
            "0602000078563412c0bdf0ff12c1e00901c911d921e931f94121faff31fbff5cf452afdf62a7ff\
             f841e831d821c811080112c1200df0"
        );
    }

    #[test]
    fn branches_are_short_only_backwards() {
        // beqz a2, 0 ; beqz a3, +6 (inverted) ; j L1 ; beq a4, a5, 0 ; bne a4, a5, +6 ;
        // j L1 ; j 0 ; L1: j L1
        let code = assemble::<false>(|a| {
            a.label_assign(0);
            a.jump_if_reg_zero(2, 0, false);
            a.jump_if_reg_nonzero(3, 1, false);
            a.jump_if_reg_eq(4, 5, 0);
            a.jump_if_reg_eq(4, 5, 1);
            a.jump(0);
            a.label_assign(1);
            a.jump(1);
        });
        assert_eq!(
            hex(&code),
            "16c2ff162300c602005714f357940286000086faff06ffff"
        );
    }

    #[test]
    fn pc_relative_address_uses_call0_to_an_aligned_word() {
        // movi a2, 16 ; call0 +1 word ; 2 pad bytes ; add.n a2, a2, a0 ; movi.n a3, 1 ;
        // movi a3, 4 ; call0 ; 2 pad bytes ; add.n a3, a3, a0
        let code = assemble::<false>(|a| {
            a.mov_reg_pcrel(2, 0);
            a.mov_reg_imm(3, 1);
            a.mov_reg_pcrel(3, 0);
            a.label_assign(0);
        });
        assert_eq!(hex(&code), "22a01045000000000a220c1332a00445000000000a33");
    }

    #[test]
    fn calls_load_the_function_from_the_table() {
        // l32i.n a8, a7, 12 ; callx8 a8 ; l32i a8, a7, 400 ; callx8 a8 ;
        // movi a8, 1200 ; add.n a8, a7, a8 ; l32i.n a8, a8, 0 ; callx8 a8
        let code = assemble::<true>(|a| {
            a.call_ind(3);
            a.call_ind(100);
            a.call_ind(300);
        });
        assert_eq!(hex(&code), "8837e00800822764e0080082a4b08a878808e00800");
        // l32i.n a0, a15, 12 ; callx0 a0 ; l32i a0, a15, 400 ; callx0 a0
        let code = assemble::<false>(|a| {
            a.call_ind(3);
            a.call_ind(100);
        });
        assert_eq!(hex(&code), "083fc00000022f64c00000");
    }

    #[test]
    fn loads_and_stores_pick_the_shortest_form() {
        // l8ui a2, a3, 5 ; movi a2, 600 ; add.n a2, a3, a2 ; l16ui a2, a2, 0 ;
        // l32i.n a2, a3, 28 ; l32i a2, a3, 280 ; movi a6, 400 ; add.n a6, a3, a6 ; s8i a2, a6, 0 ;
        // s32i.n a2, a3, 12 ; addx2 a3, a4, a3 ; l16ui a2, a3, 0 ; addx4 a3, a4, a3 ;
        // s32i.n a2, a3, 0 ; s32i a2, a1, 24 ; l32i a2, a1, 24 ; addi a2, a1, 24 ;
        // movi a2, 420 ; add.n a2, a2, a1
        let code = assemble::<false>(|a| {
            a.load8_reg_reg_offset(2, 3, 5);
            a.load16_reg_reg_offset(2, 3, 300);
            a.load32_reg_reg_offset(2, 3, 7);
            a.load32_reg_reg_offset(2, 3, 70);
            a.store8_reg_reg_offset(2, 3, 400);
            a.store32_reg_reg_offset(2, 3, 3);
            a.load16_reg_reg_reg(2, 3, 4);
            a.store32_reg_reg_reg(2, 3, 4);
            a.mov_local_reg(1, 2);
            a.mov_reg_local(2, 1);
            a.mov_reg_local_addr(2, 1);
            a.mov_reg_local_addr(2, 100);
        });
        assert_eq!(
            hex(&code),
            "22030522a2582a23221200287322234662a1906a6322460029333034902213003034a029032261\
             0622210622c11822a1a41a22"
        );
    }

    #[test]
    fn comparisons_branch_over_a_clear() {
        // movi.n a2, 1 ; bltu a4, a3, +1 ; movi.n a2, 0 (unsigned >: operands swapped)
        // movi.n a2, 1 ; bge a4, a3, +1 ; movi.n a2, 0 (signed <=: operands swapped)
        // ssl a3 ; sll a2, a2 ; movi.n a5, 0
        let code = assemble::<false>(|a| {
            a.set_reg_compare(Compare::More, true, 2, 3, 4);
            a.set_reg_compare(Compare::LessEqual, false, 2, 3, 4);
            a.lsl_reg_reg(2, 3);
            a.clr_reg(5);
        });
        assert_eq!(hex(&code), "0c123734010c020c1237a4010c020013400022a10c05");
    }

    #[test]
    fn far_branches_are_reported_not_miscoded() {
        let mut asm = AsmXtensaCall0::new(1);
        for pass in [AsmPass::Compute, AsmPass::Emit] {
            asm.base.start_pass(pass);
            asm.label_assign(0);
            asm.base.write(&vec![0; 300_000]);
            asm.jump_if_reg_zero(2, 0, false);
        }
        assert_eq!(asm.error(), Some("ERROR: xtensa bccz out of range"));
    }
}
