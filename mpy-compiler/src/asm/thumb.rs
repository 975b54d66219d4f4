//! The Thumb assembler (as py/asmthumb.c) for the Cortex-M targets: `armv6m` has only the
//! 16-bit Thumb-1 instructions plus `bl`, while `armv7m` and the `armv7em*` variants also
//! have the 32-bit Thumb-2 ones (`movw`/`movt`, wide branches, `ldr.w` with a 12-bit offset,
//! `it`). Where the two differ, the choice is made by [`Thumb::allow_armv7m`], exactly where
//! MicroPython makes it, because the chosen encodings decide the code size and therefore
//! every branch offset.
//!
//! Registers are numbered as in the architecture (r0..r15); "rlo" arguments must be r0..r7.

use super::{AsmBase, AsmPass, Assembler, Compare, Reg};

mod opcodes;
pub use opcodes::{cc, op, reg};

/// Which Thumb flavour the code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbArch {
    /// ARMv6 running ARM code: Thumb functions get an ARM-state entry shim (inline
    /// assembler only; native code for this arch uses the ARM emitter).
    Armv6,
    /// Cortex-M0/M0+: Thumb-1 only.
    Armv6m,
    /// Cortex-M3 and up (`armv7m`, `armv7em`, `armv7emsp`, `armv7emdp`).
    Armv7m,
}

// The fit tests look only at bits 0..31, as MicroPython's macros do when applied to a
// 64-bit host integer: a mask constant that is an `unsigned int` leaves the high word out.
fn unsigned_fit7(x: i64) -> bool {
    (x as u32) < 128
}
fn unsigned_fit8(x: i64) -> bool {
    (x as u64 & 0xffff_ff00) == 0
}
fn unsigned_fit16(x: i64) -> bool {
    (x as u64 & 0xffff_0000) == 0
}
fn signed_fit(x: i64, mask: u64) -> bool {
    let masked = x as u64 & mask;
    masked == 0 || masked == mask
}
fn signed_fit9(x: i64) -> bool {
    signed_fit(x, 0xffff_ff00)
}
fn signed_fit12(x: i64) -> bool {
    signed_fit(x, 0xffff_f800)
}
fn signed_fit23(x: i64) -> bool {
    signed_fit(x, 0xffc0_0000)
}
fn fit_unsigned(bits: u32, value: u32) -> bool {
    value & (!0u32 << bits) == 0
}

fn op_push_rlist(rlolist: u32) -> u32 {
    0xb400 | rlolist
}
fn op_push_rlist_lr(rlolist: u32) -> u32 {
    0xb400 | 0x0100 | rlolist
}
fn op_pop_rlist(rlolist: u32) -> u32 {
    0xbc00 | rlolist
}
fn op_pop_rlist_pc(rlolist: u32) -> u32 {
    0xbc00 | 0x0100 | rlolist
}
fn op_add_sp(num_words: u32) -> u32 {
    0xb000 | num_words
}
fn op_sub_sp(num_words: u32) -> u32 {
    0xb080 | num_words
}
// add.w / sub.w rd, rn, #imm12 with the top bit of imm12 left out.
fn op_add_w_rri_hi(reg_src: u32) -> u32 {
    0xf200 | reg_src
}
fn op_sub_w_rri_hi(reg_src: u32) -> u32 {
    0xf2a0 | reg_src
}
fn op_addsub_w_rri_lo(reg_dest: u32, imm11: u32) -> u32 {
    ((imm11 << 4) & 0x7000) | (reg_dest << 8) | (imm11 & 0xff)
}
fn op_b_n(byte_offset: i64) -> u32 {
    0xe000 | ((byte_offset >> 1) & 0x07ff) as u32
}
fn op_bcc_n(cond: u32, byte_offset: i64) -> u32 {
    0xd000 | (cond << 8) | ((byte_offset >> 1) & 0x00ff) as u32
}
fn op_bcc_w_hi(cond: u32, byte_offset: i64) -> u32 {
    0xf000
        | (cond << 6)
        | ((byte_offset >> 10) & 0x0400) as u32
        | ((byte_offset >> 12) & 0x003f) as u32
}
fn op_bcc_w_lo(byte_offset: i64) -> u32 {
    0x8000
        | ((byte_offset >> 5) & 0x2000) as u32
        | ((byte_offset >> 8) & 0x0800) as u32
        | ((byte_offset >> 1) & 0x07ff) as u32
}
fn op_bl_hi(byte_offset: i64) -> u32 {
    0xf000 | ((byte_offset >> 12) & 0x07ff) as u32
}
fn op_bl_lo(byte_offset: i64) -> u32 {
    0xf800 | ((byte_offset >> 1) & 0x07ff) as u32
}
// The wide unconditional branch only reaches +-4 MiB with these fields, as in MicroPython.
fn op_bw_hi(byte_offset: i64) -> u32 {
    0xf000 | ((byte_offset >> 12) & 0x07ff) as u32
}
fn op_bw_lo(byte_offset: i64) -> u32 {
    0xb800 | ((byte_offset >> 1) & 0x07ff) as u32
}
fn op_blx(reg: u32) -> u32 {
    0x4780 | (reg << 3)
}
fn op_str_to_sp_offset(rlo: u32, word_offset: u32) -> u32 {
    0x9000 | (rlo << 8) | (word_offset & 0xff)
}
fn op_ldr_from_sp_offset(rlo: u32, word_offset: u32) -> u32 {
    0x9800 | (rlo << 8) | (word_offset & 0xff)
}
fn op_add_reg_sp_offset(rlo: u32, word_offset: u32) -> u32 {
    0xa800 | (rlo << 8) | (word_offset & 0xff)
}
// ldr/str{b,h}.w rt, [rn, #imm12] (T3 encodings).
fn op_ldr_str_w_hi(operation_size: u32, reg: u32) -> u32 {
    (0xf880 | (operation_size << 5)) | reg
}
fn op_ldr_str_w_lo(reg: u32, imm12: u32) -> u32 {
    (reg << 12) | imm12
}
const OP_LDR: u32 = 0x01;
const OP_STR: u32 = 0x00;
const OP_LDR_W: u32 = 0x10;
const OP_STR_W: u32 = 0x00;
// Bits 15..11 of the 16-bit immediate-offset load/store for byte, halfword and word.
const OP_LDR_STR_TABLE: [u32; 3] = [0x0e, 0x10, 0x0c];

/// The Thumb assembler state for one function.
#[derive(Debug, Clone)]
pub struct Thumb {
    /// The shared code buffer and labels.
    pub base: AsmBase,
    arch: ThumbArch,
    push_reglist: u32,
    stack_adjust: u32,
    too_many_locals: bool,
}

impl Thumb {
    /// An assembler for `arch` with room for `max_num_labels` labels.
    pub fn new(arch: ThumbArch, max_num_labels: usize) -> Self {
        Thumb {
            base: AsmBase::new(max_num_labels),
            arch,
            push_reglist: 0,
            stack_adjust: 0,
            too_many_locals: false,
        }
    }

    /// Whether the Thumb-2 (ARMv7-M) instructions may be used.
    pub fn allow_armv7m(&self) -> bool {
        self.arch == ThumbArch::Armv7m
    }

    /// Whether a local was addressed beyond what `ldr rX, [sp, #imm8]` reaches (MicroPython
    /// raises "too many locals for native method" then).
    pub fn too_many_locals(&self) -> bool {
        self.too_many_locals
    }

    fn is_emit_pass(&self) -> bool {
        self.base.pass() == AsmPass::Emit
    }

    /// Offset from the current instruction to `label`, as the C code computes it: a label not
    /// yet placed in this pass counts as offset `-1`, whatever garbage that yields is only
    /// measured, never written.
    fn rel_to(&self, label: usize) -> i64 {
        let dest = self.base.label_offset(label).map_or(-1, |d| d as i64);
        dest.wrapping_sub(self.base.code_pos() as i64)
    }

    /// Whether `label` is already placed at or before the current offset.
    fn is_placed(&self, label: usize) -> bool {
        self.base.label_offset(label).is_some()
    }

    /// One 16-bit instruction.
    pub fn op16(&mut self, op: u32) {
        self.base.write(&(op as u16).to_le_bytes());
    }

    /// One 32-bit instruction, first halfword first.
    pub fn op32(&mut self, op1: u32, op2: u32) {
        let mut bytes = [0; 4];
        bytes[..2].copy_from_slice(&(op1 as u16).to_le_bytes());
        bytes[2..].copy_from_slice(&(op2 as u16).to_le_bytes());
        self.base.write(&bytes);
    }

    /// `it<mask> cc`.
    pub fn it_cc(&mut self, cond: u32, mask: u32) {
        self.op16(op::IT | (cond << 4) | mask);
    }

    /// Move shifted register: `lsl/lsr/asr rlo_dest, rlo_src, #offset`.
    pub fn format_1(&mut self, opcode: u32, rlo_dest: u32, rlo_src: u32, offset: u32) {
        self.op16(opcode | (offset << 6) | (rlo_src << 3) | rlo_dest);
    }

    /// Add/subtract of a register or a 3-bit immediate.
    pub fn format_2(&mut self, opcode: u32, rlo_dest: u32, rlo_src: u32, src_b: i32) {
        self.op16(opcode | ((src_b as u32) << 6) | (rlo_src << 3) | rlo_dest);
    }

    /// `add rlo_dest, rlo_src_a, rlo_src_b`.
    pub fn add_rlo_rlo_rlo(&mut self, rlo_dest: u32, rlo_src_a: u32, rlo_src_b: u32) {
        let opcode = op::FORMAT_2_ADD | op::FORMAT_2_REG_OPERAND;
        self.format_2(opcode, rlo_dest, rlo_src_a, rlo_src_b as i32);
    }

    /// `add rlo_dest, rlo_src_a, #i3`.
    pub fn add_rlo_rlo_i3(&mut self, rlo_dest: u32, rlo_src_a: u32, i3_src: i32) {
        let opcode = op::FORMAT_2_ADD | op::FORMAT_2_IMM_OPERAND;
        self.format_2(opcode, rlo_dest, rlo_src_a, i3_src);
    }

    /// `sub rlo_dest, rlo_src_a, rlo_src_b`.
    pub fn sub_rlo_rlo_rlo(&mut self, rlo_dest: u32, rlo_src_a: u32, rlo_src_b: u32) {
        let opcode = op::FORMAT_2_SUB | op::FORMAT_2_REG_OPERAND;
        self.format_2(opcode, rlo_dest, rlo_src_a, rlo_src_b as i32);
    }

    /// `sub rlo_dest, rlo_src_a, #i3`.
    pub fn sub_rlo_rlo_i3(&mut self, rlo_dest: u32, rlo_src_a: u32, i3_src: i32) {
        let opcode = op::FORMAT_2_SUB | op::FORMAT_2_IMM_OPERAND;
        self.format_2(opcode, rlo_dest, rlo_src_a, i3_src);
    }

    /// Move/compare/add/subtract/pc-load with an 8-bit immediate.
    pub fn format_3(&mut self, opcode: u32, rlo: u32, i8: i32) {
        self.op16(opcode | (rlo << 8) | i8 as u32);
    }

    /// `movs rlo, #i8`.
    pub fn mov_rlo_i8(&mut self, rlo: u32, i8: i32) {
        self.format_3(op::FORMAT_3_MOV, rlo, i8);
    }

    /// `cmp rlo, #i8`.
    pub fn cmp_rlo_i8(&mut self, rlo: u32, i8: i32) {
        self.format_3(op::FORMAT_3_CMP, rlo, i8);
    }

    /// `adds rlo, #i8`.
    pub fn add_rlo_i8(&mut self, rlo: u32, i8: i32) {
        self.format_3(op::FORMAT_3_ADD, rlo, i8);
    }

    /// `subs rlo, #i8`.
    pub fn sub_rlo_i8(&mut self, rlo: u32, i8: i32) {
        self.format_3(op::FORMAT_3_SUB, rlo, i8);
    }

    /// `ldr rlo, [pc, #i8*4]`.
    pub fn ldr_rlo_pcrel_i8(&mut self, rlo: u32, i8: u32) {
        self.format_3(op::FORMAT_3_LDR, rlo, i8 as i32);
    }

    /// Two-register ALU operation (`ands`, `eors`, `lsls`, `cmp`, `muls`, `mvns`, ...).
    pub fn format_4(&mut self, opcode: u32, rlo_dest: u32, rlo_src: u32) {
        self.op16(opcode | (rlo_src << 3) | rlo_dest);
    }

    /// `cmp rlo_dest, rlo_src`.
    pub fn cmp_rlo_rlo(&mut self, rlo_dest: u32, rlo_src: u32) {
        self.format_4(op::FORMAT_4_CMP, rlo_dest, rlo_src);
    }

    /// `mvns rlo_dest, rlo_src`.
    pub fn mvn_rlo_rlo(&mut self, rlo_dest: u32, rlo_src: u32) {
        self.format_4(op::FORMAT_4_MVN, rlo_dest, rlo_src);
    }

    /// `negs rlo_dest, rlo_src`.
    pub fn neg_rlo_rlo(&mut self, rlo_dest: u32, rlo_src: u32) {
        self.format_4(op::FORMAT_4_NEG, rlo_dest, rlo_src);
    }

    /// Hi-register operation (`add`, `bx`) on any of r0..r15.
    pub fn format_5(&mut self, opcode: u32, r_dest: u32, r_src: u32) {
        self.op16(opcode | ((r_dest << 4) & 0x0080) | (r_src << 3) | (r_dest & 0x0007));
    }

    /// `add r_dest, r_src` (any registers).
    pub fn add_reg_reg(&mut self, r_dest: u32, r_src: u32) {
        self.format_5(op::FORMAT_5_ADD, r_dest, r_src);
    }

    /// `bx r_src`.
    pub fn bx_reg(&mut self, r_src: u32) {
        self.format_5(op::FORMAT_5_BX, 0, r_src);
    }

    /// Load/store with a register offset (formats 7 and 8).
    pub fn format_7_8(&mut self, opcode: u32, rlo_dest: u32, rlo_base: u32, rlo_index: u32) {
        self.op16(opcode | (rlo_index << 6) | (rlo_base << 3) | rlo_dest);
    }

    /// `ldrb rlo_dest, [rlo_base, rlo_index]`.
    pub fn ldrb_rlo_rlo_rlo(&mut self, rlo_dest: u32, rlo_base: u32, rlo_index: u32) {
        let opcode = op::FORMAT_7_LDR | op::FORMAT_7_BYTE_TRANSFER;
        self.format_7_8(opcode, rlo_dest, rlo_base, rlo_index);
    }

    /// `ldrh rlo_dest, [rlo_base, rlo_index]`.
    pub fn ldrh_rlo_rlo_rlo(&mut self, rlo_dest: u32, rlo_base: u32, rlo_index: u32) {
        self.format_7_8(op::FORMAT_8_LDRH, rlo_dest, rlo_base, rlo_index);
    }

    /// `ldr rlo_dest, [rlo_base, rlo_index]`.
    pub fn ldr_rlo_rlo_rlo(&mut self, rlo_dest: u32, rlo_base: u32, rlo_index: u32) {
        let opcode = op::FORMAT_7_LDR | op::FORMAT_7_WORD_TRANSFER;
        self.format_7_8(opcode, rlo_dest, rlo_base, rlo_index);
    }

    /// `strb rlo_src, [rlo_base, rlo_index]`.
    pub fn strb_rlo_rlo_rlo(&mut self, rlo_src: u32, rlo_base: u32, rlo_index: u32) {
        let opcode = op::FORMAT_7_STR | op::FORMAT_7_BYTE_TRANSFER;
        self.format_7_8(opcode, rlo_src, rlo_base, rlo_index);
    }

    /// `strh rlo_src, [rlo_base, rlo_index]`.
    pub fn strh_rlo_rlo_rlo(&mut self, rlo_src: u32, rlo_base: u32, rlo_index: u32) {
        self.format_7_8(op::FORMAT_8_STRH, rlo_src, rlo_base, rlo_index);
    }

    /// `str rlo_src, [rlo_base, rlo_index]`.
    pub fn str_rlo_rlo_rlo(&mut self, rlo_src: u32, rlo_base: u32, rlo_index: u32) {
        let opcode = op::FORMAT_7_STR | op::FORMAT_7_WORD_TRANSFER;
        self.format_7_8(opcode, rlo_src, rlo_base, rlo_index);
    }

    /// Load/store with a 5-bit immediate offset (formats 9 and 10); `offset` is already
    /// scaled down by the transfer size.
    pub fn format_9_10(&mut self, opcode: u32, rlo_dest: u32, rlo_base: u32, offset: u32) {
        self.op16(opcode | ((offset << 6) & 0x07c0) | (rlo_base << 3) | rlo_dest);
    }

    /// `lsls rlo_dest, rlo_src, #shift`.
    pub fn lsl_rlo_rlo_i5(&mut self, rlo_dest: u32, rlo_src: u32, shift: u32) {
        self.format_1(op::FORMAT_1_LSL, rlo_dest, rlo_src, shift);
    }

    /// `asrs rlo_dest, rlo_src, #shift`.
    pub fn asr_rlo_rlo_i5(&mut self, rlo_dest: u32, rlo_src: u32, shift: u32) {
        self.format_1(op::FORMAT_1_ASR, rlo_dest, rlo_src, shift);
    }

    /// Sign/zero extension (format 11).
    pub fn format_11(&mut self, opcode: u32, rlo_dest: u32, rlo_src: u32) {
        self.op16(opcode | (rlo_src << 3) | rlo_dest);
    }

    /// `sxth rlo_dest, rlo_src`.
    pub fn sxth_rlo_rlo(&mut self, rlo_dest: u32, rlo_src: u32) {
        self.format_11(op::FORMAT_11_SXTH, rlo_dest, rlo_src);
    }

    /// `mov reg_dest, reg_src` (any registers, flags untouched).
    pub fn mov_reg_reg(&mut self, reg_dest: u32, reg_src: u32) {
        let mut op_lo = if reg_src < 8 {
            reg_src << 3
        } else {
            0x40 | ((reg_src - 8) << 3)
        };
        if reg_dest < 8 {
            op_lo |= reg_dest;
        } else {
            op_lo |= 0x80 | (reg_dest - 8);
        }
        self.op16(0x4600 | op_lo);
    }

    /// `movw`/`movt reg_dest, #i16` (`mov_op` is [`op::MOVW`] or [`op::MOVT`]); `movw`
    /// zero-extends into the whole register.
    pub fn mov_reg_i16(&mut self, mov_op: u32, reg_dest: u32, i16_src: i32) {
        let hi = mov_op | (((i16_src >> 1) & 0x0400) as u32) | (((i16_src >> 12) & 0xf) as u32);
        let lo =
            ((((i16_src as u16) as u32) << 4) & 0x7000) | (reg_dest << 8) | (i16_src & 0xff) as u32;
        self.op32(hi, lo);
    }

    /// A 16-bit constant into a low register with Thumb-1 instructions only.
    fn mov_rlo_i16(&mut self, rlo_dest: u32, i16_src: i32) {
        self.mov_rlo_i8(rlo_dest, (i16_src >> 8) & 0xff);
        self.lsl_rlo_rlo_i5(rlo_dest, rlo_dest, 8);
        self.add_rlo_i8(rlo_dest, i16_src & 0xff);
    }

    /// `b label` in the 16-bit form; false if the label is out of its +-2 KiB reach.
    pub fn b_n_label(&mut self, label: usize) -> bool {
        let rel = self.rel_to(label) - 4;
        self.op16(op_b_n(rel));
        !self.is_emit_pass() || signed_fit12(rel)
    }

    /// `b<cond> label`, narrow or (ARMv7-M only) wide; false if out of reach or if a wide
    /// branch is asked for on ARMv6-M.
    pub fn bcc_nw_label(&mut self, cond: u32, label: usize, wide: bool) -> bool {
        let rel = self.rel_to(label) - 4;
        if !wide {
            self.op16(op_bcc_n(cond, rel));
            !self.is_emit_pass() || signed_fit9(rel)
        } else if self.allow_armv7m() {
            self.op32(op_bcc_w_hi(cond, rel), op_bcc_w_lo(rel));
            true
        } else {
            false
        }
    }

    /// `bl label`; false if out of reach.
    pub fn bl_label(&mut self, label: usize) -> bool {
        let rel = self.rel_to(label) - 4;
        self.op32(op_bl_hi(rel), op_bl_lo(rel));
        !self.is_emit_pass() || signed_fit23(rel)
    }

    /// A full 32-bit constant in a fixed-size sequence (`movw`+`movt` on ARMv7-M, a literal
    /// loaded from after a branch on ARMv6-M); returns the offset where the sequence starts.
    pub fn mov_reg_i32(&mut self, reg_dest: u32, i32_src: u32) -> usize {
        let loc = self.base.code_pos();
        if self.allow_armv7m() {
            self.mov_reg_i16(op::MOVW, reg_dest, i32_src as i32);
            self.mov_reg_i16(op::MOVT, reg_dest, (i32_src >> 16) as i32);
        } else {
            // The literal must be word aligned for the pc-relative load.
            if self.base.code_pos() & 2 != 0 {
                self.op16(op::NOP);
            }
            self.ldr_rlo_pcrel_i8(reg_dest, 0);
            self.op16(op_b_n(2));
            self.op16(i32_src & 0xffff);
            self.op16(i32_src >> 16);
        }
        loc
    }

    /// A 32-bit constant in the shortest sequence this arch has.
    pub fn mov_reg_i32_optimised(&mut self, reg_dest: u32, i32_src: i32) {
        let mut value = i32_src;
        if reg_dest < 8 && unsigned_fit8(value as i64) {
            self.mov_rlo_i8(reg_dest, value);
        } else if self.allow_armv7m() {
            if unsigned_fit16(value as i64) {
                self.mov_reg_i16(op::MOVW, reg_dest, value);
            } else {
                self.mov_reg_i32(reg_dest, value as u32);
            }
        } else {
            let rlo_dest = reg_dest;
            // 0x80000000 negates to itself, so it is not worth negating.
            let mut negate = value < 0 && value.wrapping_add(value) != 0;
            if negate {
                value = value.wrapping_neg();
            }
            let bits = value as u32;
            let clz = bits.leading_zeros();
            let ctz = if bits != 0 { bits.trailing_zeros() } else { 0 };
            if clz + ctz >= 24 {
                self.mov_rlo_i8(rlo_dest, ((bits >> ctz) & 0xff) as i32);
                self.lsl_rlo_rlo_i5(rlo_dest, rlo_dest, ctz);
            } else if unsigned_fit16(value as i64) {
                self.mov_rlo_i16(rlo_dest, value);
            } else {
                if negate {
                    // A 32-bit literal holds the value as well as its negation.
                    negate = false;
                    value = value.wrapping_neg();
                }
                self.mov_reg_i32(rlo_dest, value as u32);
            }
            if negate {
                self.neg_rlo_rlo(rlo_dest, rlo_dest);
            }
        }
    }

    fn mov_local_check(&mut self, word_offset: i32) {
        if self.is_emit_pass() && !unsigned_fit8(word_offset as i64) {
            self.too_many_locals = true;
        }
    }

    /// `str rlo_src, [sp, #local_num*4]`.
    pub fn mov_local_reg(&mut self, local_num: i32, rlo_src: u32) {
        self.mov_local_check(local_num);
        self.op16(op_str_to_sp_offset(rlo_src, local_num as u32));
    }

    /// `ldr rlo_dest, [sp, #local_num*4]`.
    pub fn mov_reg_local(&mut self, rlo_dest: u32, local_num: i32) {
        self.mov_local_check(local_num);
        self.op16(op_ldr_from_sp_offset(rlo_dest, local_num as u32));
    }

    /// `add rlo_dest, sp, #local_num*4`.
    pub fn mov_reg_local_addr(&mut self, rlo_dest: u32, local_num: i32) {
        self.op16(op_add_reg_sp_offset(rlo_dest, local_num as u32));
    }

    /// The address of `label` (with the Thumb bit set) into `rlo_dest`, in a sequence whose
    /// size does not depend on the distance.
    pub fn mov_reg_pcrel(&mut self, rlo_dest: u32, label: usize) {
        let mut rel = self.rel_to(label);
        rel |= 1;
        if self.allow_armv7m() {
            // movw (4) + sxth (2), then the add reads pc 4 bytes ahead.
            rel -= 6 + 4;
            self.mov_reg_i16(op::MOVW, rlo_dest, rel as i32);
            self.sxth_rlo_rlo(rlo_dest, rlo_dest);
        } else {
            // movs + lsls + adds (6) + sxth (2), then the add reads pc 4 bytes ahead; the
            // sxth keeps the size fixed even when the value is positive.
            rel -= 8 + 4;
            self.mov_rlo_i16(rlo_dest, rel as i32);
            self.sxth_rlo_rlo(rlo_dest, rlo_dest);
        }
        self.add_reg_reg(rlo_dest, reg::PC);
    }

    /// `reg_dest = reg_base + (offset << offset_shift)` with low registers.
    fn add_reg_reg_offset(&mut self, reg_dest: u32, reg_base: u32, offset: u32, offset_shift: u32) {
        let scaled = offset.wrapping_shl(offset_shift);
        if scaled < 256 {
            if reg_dest != reg_base {
                self.mov_reg_reg(reg_dest, reg_base);
            }
            self.add_rlo_i8(reg_dest, scaled as i32);
        } else if unsigned_fit8(offset as i64) && reg_dest != reg_base {
            self.mov_rlo_i8(reg_dest, offset as i32);
            self.lsl_rlo_rlo_i5(reg_dest, reg_dest, offset_shift);
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, reg_base);
        } else if reg_dest != reg_base {
            self.mov_reg_i32_optimised(reg_dest, scaled as i32);
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, reg_base);
        } else {
            let reg_other = reg_dest ^ 7;
            self.op16(op_push_rlist(1 << reg_other));
            self.mov_reg_i32_optimised(reg_other, scaled as i32);
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, reg_other);
            self.op16(op_pop_rlist(1 << reg_other));
        }
    }

    /// Loads 1, 2 or 4 bytes (`operation_size` 0, 1, 2) from `reg_base + offset`, where
    /// `offset` counts units of that size, zero-extended.
    pub fn load_reg_reg_offset(
        &mut self,
        reg_dest: u32,
        reg_base: u32,
        offset: u32,
        operation_size: u32,
    ) {
        let size = operation_size.min(2);
        let table = OP_LDR_STR_TABLE[size as usize];
        if fit_unsigned(5, offset) && reg_dest < 8 && reg_base < 8 {
            self.op16(((table | OP_LDR) << 11) | (offset << 6) | (reg_base << 3) | reg_dest);
        } else if self.allow_armv7m() && fit_unsigned(12, offset.wrapping_shl(size)) {
            self.op32(
                op_ldr_str_w_hi(size, reg_base) | OP_LDR_W,
                op_ldr_str_w_lo(reg_dest, offset << size),
            );
        } else {
            self.add_reg_reg_offset(reg_dest, reg_base, offset.wrapping_sub(31), size);
            self.op16(((table | OP_LDR) << 11) | (31 << 6) | (reg_dest << 3) | reg_dest);
        }
    }

    /// Stores 1, 2 or 4 bytes (`operation_size` 0, 1, 2) to `reg_base + offset`, where
    /// `offset` counts units of that size.
    pub fn store_reg_reg_offset(
        &mut self,
        reg_src: u32,
        reg_base: u32,
        offset: u32,
        operation_size: u32,
    ) {
        let size = operation_size.min(2);
        let table = OP_LDR_STR_TABLE[size as usize];
        if fit_unsigned(5, offset) && reg_src < 8 && reg_base < 8 {
            self.op16(((table | OP_STR) << 11) | (offset << 6) | (reg_base << 3) | reg_src);
        } else if self.allow_armv7m() && fit_unsigned(12, offset.wrapping_shl(size)) {
            self.op32(
                op_ldr_str_w_hi(size, reg_base) | OP_STR_W,
                op_ldr_str_w_lo(reg_src, offset << size),
            );
        } else {
            self.op16(op_push_rlist(1 << reg_base));
            self.add_reg_reg_offset(reg_base, reg_base, offset.wrapping_sub(31), size);
            self.op16(((table | OP_STR) << 11) | (31 << 6) | (reg_base << 3) | reg_src);
            self.op16(op_pop_rlist(1 << reg_base));
        }
    }

    /// `b label`: narrow when it is a short backward jump; otherwise a fixed-size long form
    /// (which on ARMv6-M may clobber r1).
    pub fn b_label(&mut self, label: usize) {
        let placed = self.is_placed(label);
        let mut rel = self.rel_to(label) - 4;
        if placed && rel <= -4 && signed_fit12(rel) {
            self.op16(op_b_n(rel));
            return;
        }
        if self.allow_armv7m() {
            self.op32(op_bw_hi(rel), op_bw_lo(rel));
            return;
        }
        // The size of this sequence must not depend on rel, which is unknown in the first pass.
        let need_align = self.base.code_pos() & 2 != 0;
        if signed_fit12(rel) {
            self.op16(op_b_n(rel));
            self.op16(op::NOP);
            self.op16(op::NOP);
            self.op16(op::NOP);
            if need_align {
                self.op16(op::NOP);
            }
        } else {
            // ldr r1, [pc, #0]; add pc, r1; .word rel. Not r0: it may hold the return value
            // on the way to the function's exit.
            rel -= 2;
            if need_align {
                self.op16(op::NOP);
                rel -= 2;
            }
            self.ldr_rlo_pcrel_i8(reg::R1, 0);
            self.add_reg_reg(reg::PC, reg::R1);
            self.op16((rel & 0xffff) as u32);
            self.op16((rel >> 16) as u32);
        }
    }

    /// `b<cond> label`: narrow when it is a short backward jump; otherwise wide on ARMv7-M,
    /// or the inverted condition skipping a long `b` on ARMv6-M.
    pub fn bcc_label(&mut self, cond: u32, label: usize) {
        let placed = self.is_placed(label);
        let rel = self.rel_to(label) - 4;
        if placed && rel <= -4 && signed_fit9(rel) {
            self.op16(op_bcc_n(cond, rel));
            return;
        }
        if self.allow_armv7m() {
            self.op32(op_bcc_w_hi(cond, rel), op_bcc_w_lo(rel));
            return;
        }
        let start = self.base.code_pos();
        let suppressed = self.base.is_suppressed();
        self.op16(0);
        self.b_label(label);
        let bytes_to_skip = (self.base.code_pos() - start) as i64;
        let skip = op_bcc_n(cond ^ 1, bytes_to_skip - 4) as u16;
        if !suppressed {
            self.base.patch(start, &skip.to_le_bytes());
        }
    }

    /// `b<cond>` to a fixed byte offset from this instruction.
    pub fn bcc_rel9(&mut self, cond: u32, rel: i32) {
        self.op16(op_bcc_n(cond, rel as i64 - 4));
    }

    /// `b` to a fixed byte offset from this instruction.
    pub fn b_rel12(&mut self, rel: i32) {
        self.op16(op_b_n(rel as i64 - 4));
    }

    /// Calls entry `fun_id` of the function table through `reg_temp`.
    pub fn bl_ind(&mut self, fun_id: u32, reg_temp: u32) {
        self.load_reg_reg_offset(reg_temp, reg::FUN_TABLE, fun_id, 2);
        self.op16(op_blx(reg_temp));
    }

    /// Function prologue: saves r4-r7 and lr (and r1-r3 as padding) and reserves the locals
    /// that do not live in registers, keeping sp 8-byte aligned.
    pub fn entry(&mut self, num_locals: u32) {
        if self.arch == ThumbArch::Armv6 {
            // ARM-state code calls this function: switch to Thumb state around it.
            self.op32(0x4010, 0xe92d); // push {r4, lr}
            self.op32(0xe009, 0xe28f); // add lr, pc, 8 + 1
            self.op32(0xff3e, 0xe12f); // blx lr
            self.op32(0x4010, 0xe8bd); // pop {r4, lr}
            self.op32(0xff1e, 0xe12f); // bx lr
        }
        // r0 is never saved: it carries the return value.
        let (reglist, stack_adjust) = match num_locals {
            0 | 1 => (0xf2, 0),
            2 | 3 => (0xfe, 0),
            n => (0xfe, ((n - 3) + 1) & !1),
        };
        self.op16(op_push_rlist_lr(reglist));
        if stack_adjust > 0 {
            self.adjust_sp(stack_adjust, op_sub_sp, op_sub_w_rri_hi);
        }
        self.push_reglist = reglist;
        self.stack_adjust = stack_adjust;
    }

    /// Function epilogue matching [`Thumb::entry`]; returns through `pop {.., pc}`.
    pub fn exit(&mut self) {
        if self.stack_adjust > 0 {
            self.adjust_sp(self.stack_adjust, op_add_sp, op_add_w_rri_hi);
        }
        self.op16(op_pop_rlist_pc(self.push_reglist));
    }

    fn adjust_sp(&mut self, words: u32, narrow: fn(u32) -> u32, wide_hi: fn(u32) -> u32) {
        if self.allow_armv7m() {
            if unsigned_fit7(words as i64) {
                self.op16(narrow(words));
            } else {
                self.op32(wide_hi(reg::SP), op_addsub_w_rri_lo(reg::SP, words * 4));
            }
        } else {
            let mut left = words;
            while !unsigned_fit7(left as i64) {
                self.op16(narrow(127));
                left -= 127;
            }
            self.op16(narrow(left));
        }
    }
}

mod generic;
#[cfg(test)]
mod tests;
