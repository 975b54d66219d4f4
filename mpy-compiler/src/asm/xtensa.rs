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

mod encode;

pub(crate) use encode::*;

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

    fn encoding_error(&self) -> Option<(&'static str, String)> {
        self.error.clone().map(|message| ("RuntimeError", message))
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
mod encoding_tests;

#[cfg(test)]
mod assembler_tests;
