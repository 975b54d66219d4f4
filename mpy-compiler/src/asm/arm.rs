//! The ARM-state assembler (as py/asmarm.c) for `-march=armv6`: fixed 32-bit instructions,
//! every one conditional (most with "always"). Constants that do not fit an 8-bit immediate
//! are loaded from a literal placed in the code and jumped over; offsets past an
//! instruction's reach go through r8, which the entry code saves for that purpose.

use super::{AsmBase, Assembler, Compare, Reg};

/// r0..r15; r13 is the stack pointer, r14 the link register, r15 the program counter.
pub mod reg {
    #![allow(missing_docs)]
    pub const R0: u32 = 0;
    pub const R1: u32 = 1;
    pub const R2: u32 = 2;
    pub const R3: u32 = 3;
    pub const R4: u32 = 4;
    pub const R5: u32 = 5;
    pub const R6: u32 = 6;
    pub const R7: u32 = 7;
    pub const R8: u32 = 8;
    pub const SP: u32 = 13;
    pub const LR: u32 = 14;
    pub const PC: u32 = 15;
    /// Holds the pointer to `mp_fun_table` in native code.
    pub const FUN_TABLE: u32 = R7;
    /// Scratch register for offsets and immediates out of an instruction's reach.
    pub const TEMP: u32 = R8;
}

/// Condition codes, already in bits 28..31.
pub mod cc {
    #![allow(missing_docs)]
    pub const EQ: u32 = 0x0 << 28;
    pub const NE: u32 = 0x1 << 28;
    pub const CS: u32 = 0x2 << 28;
    pub const CC: u32 = 0x3 << 28;
    pub const MI: u32 = 0x4 << 28;
    pub const PL: u32 = 0x5 << 28;
    pub const VS: u32 = 0x6 << 28;
    pub const VC: u32 = 0x7 << 28;
    pub const HI: u32 = 0x8 << 28;
    pub const LS: u32 = 0x9 << 28;
    pub const GE: u32 = 0xa << 28;
    pub const LT: u32 = 0xb << 28;
    pub const GT: u32 = 0xc << 28;
    pub const LE: u32 = 0xd << 28;
    pub const AL: u32 = 0xe << 28;
}

fn op_push(reglist: u32) -> u32 {
    0x92d_0000 | (reglist & 0xffff)
}
fn op_pop(reglist: u32) -> u32 {
    0x8bd_0000 | (reglist & 0xffff)
}
fn op_mov_reg(rd: u32, rn: u32) -> u32 {
    0x1a0_0000 | (rd << 12) | rn
}
fn op_mov_imm(rd: u32, imm: u32) -> u32 {
    0x3a0_0000 | (rd << 12) | imm
}
fn op_mvn_imm(rd: u32, imm: u32) -> u32 {
    0x3e0_0000 | (rd << 12) | imm
}
fn op_mvn_reg(rd: u32, rm: u32) -> u32 {
    0x1e0_0000 | (rd << 12) | rm
}
fn op_add_imm(rd: u32, rn: u32, imm: u32) -> u32 {
    0x280_0000 | (rn << 16) | (rd << 12) | (imm & 0xff)
}
fn op_add_reg(rd: u32, rn: u32, rm: u32) -> u32 {
    0x080_0000 | (rn << 16) | (rd << 12) | rm
}
fn op_sub_imm(rd: u32, rn: u32, imm: u32) -> u32 {
    0x240_0000 | (rn << 16) | (rd << 12) | (imm & 0xff)
}
fn op_sub_reg(rd: u32, rn: u32, rm: u32) -> u32 {
    0x040_0000 | (rn << 16) | (rd << 12) | rm
}
fn op_rsb_imm(rd: u32, rn: u32, imm: u32) -> u32 {
    0x260_0000 | (rn << 16) | (rd << 12) | (imm & 0xff)
}
fn op_mul_reg(rd: u32, rm: u32, rs: u32) -> u32 {
    0x000_0090 | (rd << 16) | (rs << 8) | rm
}
fn op_and_reg(rd: u32, rn: u32, rm: u32) -> u32 {
    (rn << 16) | (rd << 12) | rm
}
fn op_eor_reg(rd: u32, rn: u32, rm: u32) -> u32 {
    0x020_0000 | (rn << 16) | (rd << 12) | rm
}
fn op_orr_reg(rd: u32, rn: u32, rm: u32) -> u32 {
    0x180_0000 | (rn << 16) | (rd << 12) | rm
}
// ldrh/strh with an 8-bit immediate split into two nibbles.
fn halfword_imm(byte_offset: u32) -> u32 {
    ((byte_offset & 0xf0) << 4) | (byte_offset & 0xf)
}

/// The ARM assembler state for one function.
#[derive(Debug, Clone)]
pub struct AsmArm {
    /// The shared code buffer and labels.
    pub base: AsmBase,
    push_reglist: u32,
    stack_adjust: u32,
}

impl AsmArm {
    /// An assembler with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        AsmArm {
            base: AsmBase::new(max_num_labels),
            push_reglist: 0,
            stack_adjust: 0,
        }
    }

    /// One instruction word, condition included.
    pub fn emit(&mut self, op: u32) {
        self.base.write(&op.to_le_bytes());
    }

    /// One instruction word, executed always.
    pub fn emit_al(&mut self, op: u32) {
        self.emit(op | cc::AL);
    }

    /// `bkpt #0`.
    pub fn bkpt(&mut self) {
        self.emit_al(0x120_0070);
    }

    /// Function prologue: saves r1-r8 and lr and reserves the locals beyond the three
    /// register ones, keeping sp 8-byte aligned.
    pub fn entry(&mut self, num_locals: u32) {
        self.stack_adjust = 0;
        self.push_reglist = (1 << reg::R1)
            | (1 << reg::R2)
            | (1 << reg::R3)
            | (1 << reg::R4)
            | (1 << reg::R5)
            | (1 << reg::R6)
            | (1 << reg::R7)
            | (1 << reg::R8);
        if num_locals > 3 {
            self.stack_adjust = num_locals * 4;
            if num_locals & 1 != 0 {
                self.stack_adjust += 4;
            }
        }
        self.emit_al(op_push(self.push_reglist | (1 << reg::LR)));
        if self.stack_adjust > 0 {
            if self.stack_adjust < 0x100 {
                self.emit_al(op_sub_imm(reg::SP, reg::SP, self.stack_adjust));
            } else {
                self.mov_reg_i32_optimised(reg::TEMP, self.stack_adjust as i32);
                self.emit_al(op_sub_reg(reg::SP, reg::SP, reg::TEMP));
            }
        }
    }

    /// Function epilogue matching [`AsmArm::entry`]; returns by popping pc.
    pub fn exit(&mut self) {
        if self.stack_adjust > 0 {
            if self.stack_adjust < 0x100 {
                self.emit_al(op_add_imm(reg::SP, reg::SP, self.stack_adjust));
            } else {
                self.mov_reg_i32_optimised(reg::TEMP, self.stack_adjust as i32);
                self.emit_al(op_add_reg(reg::SP, reg::SP, reg::TEMP));
            }
        }
        self.emit_al(op_pop(self.push_reglist | (1 << reg::PC)));
    }

    /// `push {reglist}`.
    pub fn push(&mut self, reglist: u32) {
        self.emit_al(op_push(reglist));
    }

    /// `pop {reglist}`.
    pub fn pop(&mut self, reglist: u32) {
        self.emit_al(op_pop(reglist));
    }

    /// `mov reg_dest, reg_src`.
    pub fn mov_reg_reg(&mut self, reg_dest: u32, reg_src: u32) {
        self.emit_al(op_mov_reg(reg_dest, reg_src));
    }

    /// A 32-bit constant as a literal: `ldr rd, [pc]; b past; .word imm`. Returns the
    /// offset of the literal.
    pub fn mov_reg_i32(&mut self, rd: u32, imm: i32) -> usize {
        self.emit_al(0x59f_0000 | (rd << 12));
        self.emit_al(0xa00_0000);
        let loc = self.base.code_pos();
        self.emit(imm as u32);
        loc
    }

    /// A constant by `mov` or `mvn` of an 8-bit immediate when it fits, else a literal.
    pub fn mov_reg_i32_optimised(&mut self, rd: u32, imm: i32) {
        if imm & 0xff == imm {
            self.emit_al(op_mov_imm(rd, imm as u32));
        } else if (-256..0).contains(&imm) {
            // mvn moves the complement.
            self.emit_al(op_mvn_imm(rd, !imm as u32));
        } else {
            self.mov_reg_i32(rd, imm);
        }
    }

    /// `str rd, [sp, #local_num*4]` (the offset is not range checked, as in MicroPython).
    pub fn mov_local_reg(&mut self, local_num: i32, rd: u32) {
        self.emit_al(0x58d_0000 | (rd << 12) | ((local_num as u32) << 2));
    }

    /// `ldr rd, [sp, #local_num*4]`.
    pub fn mov_reg_local(&mut self, rd: u32, local_num: i32) {
        self.emit_al(0x59d_0000 | (rd << 12) | ((local_num as u32) << 2));
    }

    /// `cmp rd, #imm`.
    pub fn cmp_reg_i8(&mut self, rd: u32, imm: i32) {
        self.emit_al(0x350_0000 | (rd << 16) | (imm as u32 & 0xff));
    }

    /// `cmp rd, rn`.
    pub fn cmp_reg_reg(&mut self, rd: u32, rn: u32) {
        self.emit_al(0x150_0000 | (rd << 16) | rn);
    }

    /// `rd = cond ? 1 : 0` as two conditional moves.
    pub fn setcc_reg(&mut self, rd: u32, cond: u32) {
        self.emit(op_mov_imm(rd, 1) | cond);
        self.emit(op_mov_imm(rd, 0) | (cond ^ (1 << 28)));
    }

    /// `mvn rd, rm`.
    pub fn mvn_reg_reg(&mut self, rd: u32, rm: u32) {
        self.emit_al(op_mvn_reg(rd, rm));
    }

    /// `add rd, rn, rm`.
    pub fn add_reg_reg_reg(&mut self, rd: u32, rn: u32, rm: u32) {
        self.emit_al(op_add_reg(rd, rn, rm));
    }

    /// `rsb rd, rn, #imm` (`rd = imm - rn`).
    pub fn rsb_reg_reg_imm(&mut self, rd: u32, rn: u32, imm: u32) {
        self.emit_al(op_rsb_imm(rd, rn, imm));
    }

    /// `sub rd, rn, rm`.
    pub fn sub_reg_reg_reg(&mut self, rd: u32, rn: u32, rm: u32) {
        self.emit_al(op_sub_reg(rd, rn, rm));
    }

    /// `rd = rs * rm`, encoded `mul rd, rm, rs` because ARMv5 wants rd != rm.
    pub fn mul_reg_reg_reg(&mut self, rd: u32, rs: u32, rm: u32) {
        self.emit_al(op_mul_reg(rd, rm, rs));
    }

    /// `and rd, rn, rm`.
    pub fn and_reg_reg_reg(&mut self, rd: u32, rn: u32, rm: u32) {
        self.emit_al(op_and_reg(rd, rn, rm));
    }

    /// `eor rd, rn, rm`.
    pub fn eor_reg_reg_reg(&mut self, rd: u32, rn: u32, rm: u32) {
        self.emit_al(op_eor_reg(rd, rn, rm));
    }

    /// `orr rd, rn, rm`.
    pub fn orr_reg_reg_reg(&mut self, rd: u32, rn: u32, rm: u32) {
        self.emit_al(op_orr_reg(rd, rn, rm));
    }

    /// The address of local `local_num`.
    pub fn mov_reg_local_addr(&mut self, rd: u32, local_num: i32) {
        if local_num >= 0x40 {
            self.mov_reg_i32_optimised(reg::TEMP, local_num << 2);
            self.emit_al(op_add_reg(rd, reg::SP, reg::TEMP));
        } else {
            self.emit_al(op_add_imm(rd, reg::SP, (local_num as u32) << 2));
        }
    }

    /// The address of `label`: a literal distance added to pc, in a fixed-size sequence.
    pub fn mov_reg_pcrel(&mut self, reg_dest: u32, label: usize) {
        let dest = self.base.label_offset(label).map_or(-1, |d| d as i64);
        // The literal load and branch (12 bytes), then the add reads pc 8 bytes ahead.
        let rel = dest - self.base.code_pos() as i64 - (12 + 8);
        self.emit_al(0x59f_0000 | (reg_dest << 12));
        self.emit_al(0xa00_0000);
        self.emit(rel as u32);
        self.add_reg_reg_reg(reg_dest, reg_dest, reg::PC);
    }

    /// `mov rd, rd, lsl rs`.
    pub fn lsl_reg_reg(&mut self, rd: u32, rs: u32) {
        self.emit_al(0x1a0_0010 | (rd << 12) | (rs << 8) | rd);
    }

    /// `mov rd, rd, lsr rs`.
    pub fn lsr_reg_reg(&mut self, rd: u32, rs: u32) {
        self.emit_al(0x1a0_0030 | (rd << 12) | (rs << 8) | rd);
    }

    /// `mov rd, rd, asr rs`.
    pub fn asr_reg_reg(&mut self, rd: u32, rs: u32) {
        self.emit_al(0x1a0_0050 | (rd << 12) | (rs << 8) | rd);
    }

    /// Loads or stores at `rn + byte_offset` with a 12-bit immediate form (`imm_op`) or,
    /// past it, the register form (`reg_op`) with the offset in r8.
    fn access_offset(&mut self, imm_op: u32, reg_op: u32, rd: u32, rn: u32, byte_offset: u32) {
        if byte_offset < 0x1000 {
            self.emit_al(imm_op | (rn << 16) | (rd << 12) | byte_offset);
        } else {
            self.mov_reg_i32_optimised(reg::TEMP, byte_offset as i32);
            self.emit_al(reg_op | (rn << 16) | (rd << 12) | reg::TEMP);
        }
    }

    /// Halfword loads and stores only have an 8-bit immediate form.
    fn access_halfword(&mut self, imm_op: u32, reg_op: u32, rd: u32, rn: u32, byte_offset: u32) {
        if byte_offset < 0x100 {
            self.emit_al(imm_op | (rn << 16) | (rd << 12) | halfword_imm(byte_offset));
        } else {
            self.mov_reg_i32_optimised(reg::TEMP, byte_offset as i32);
            self.emit_al(reg_op | (rn << 16) | (rd << 12) | reg::TEMP);
        }
    }

    /// `ldr rd, [rn, #byte_offset]`.
    pub fn ldr_reg_reg_offset(&mut self, rd: u32, rn: u32, byte_offset: u32) {
        self.access_offset(0x590_0000, 0x790_0000, rd, rn, byte_offset);
    }

    /// `ldrh rd, [rn, #byte_offset]`.
    pub fn ldrh_reg_reg_offset(&mut self, rd: u32, rn: u32, byte_offset: u32) {
        self.access_halfword(0x1d0_00b0, 0x190_00b0, rd, rn, byte_offset);
    }

    /// `ldrb rd, [rn, #byte_offset]`.
    pub fn ldrb_reg_reg_offset(&mut self, rd: u32, rn: u32, byte_offset: u32) {
        self.access_offset(0x5d0_0000, 0x7d0_0000, rd, rn, byte_offset);
    }

    /// `str rd, [rm, #byte_offset]`.
    pub fn str_reg_reg_offset(&mut self, rd: u32, rm: u32, byte_offset: u32) {
        self.access_offset(0x580_0000, 0x780_0000, rd, rm, byte_offset);
    }

    /// `strh rd, [rn, #byte_offset]`.
    pub fn strh_reg_reg_offset(&mut self, rd: u32, rn: u32, byte_offset: u32) {
        self.access_halfword(0x1c0_00b0, 0x180_00b0, rd, rn, byte_offset);
    }

    /// `strb rd, [rm, #byte_offset]`.
    pub fn strb_reg_reg_offset(&mut self, rd: u32, rm: u32, byte_offset: u32) {
        self.access_offset(0x5c0_0000, 0x7c0_0000, rd, rm, byte_offset);
    }

    /// `ldr rd, [rm, rn, lsl #2]`.
    pub fn ldr_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x790_0100 | (rm << 16) | (rd << 12) | rn);
    }

    /// `ldrh rd, [rm, rn*2]` through r8, as ldrh has no scaled index.
    pub fn ldrh_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x1a0_0080 | (reg::TEMP << 12) | rn);
        self.emit_al(0x190_00b0 | (rm << 16) | (rd << 12) | reg::TEMP);
    }

    /// `ldrb rd, [rm, rn]`.
    pub fn ldrb_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x7d0_0000 | (rm << 16) | (rd << 12) | rn);
    }

    /// `str rd, [rm, rn, lsl #2]`.
    pub fn str_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x780_0100 | (rm << 16) | (rd << 12) | rn);
    }

    /// `strh rd, [rm, rn*2]` through r8.
    pub fn strh_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x1a0_0080 | (reg::TEMP << 12) | rn);
        self.emit_al(0x180_00b0 | (rm << 16) | (rd << 12) | reg::TEMP);
    }

    /// `strb rd, [rm, rn]`.
    pub fn strb_reg_reg_reg(&mut self, rd: u32, rm: u32, rn: u32) {
        self.emit_al(0x7c0_0000 | (rm << 16) | (rd << 12) | rn);
    }

    /// `b<cond> label`; a branch beyond +-32 MiB is dropped, as MicroPython does (after
    /// printing a warning).
    pub fn bcc_label(&mut self, cond: u32, label: usize) {
        let dest = self.base.label_offset(label).map_or(-1, |d| d as i64);
        let rel = (dest - self.base.code_pos() as i64 - 8) >> 2;
        let high = rel as u64 & 0xff80_0000;
        if high == 0 || high == 0xff80_0000 {
            self.emit(cond | 0xa00_0000 | (rel as u32 & 0xff_ffff));
        }
    }

    /// `b label`.
    pub fn b_label(&mut self, label: usize) {
        self.bcc_label(cc::AL, label);
    }

    /// Calls entry `fun_id` of the function table: `mov lr, pc; ldr pc, [r7, #fun_id*4]`.
    pub fn bl_ind(&mut self, fun_id: u32) {
        self.emit_al(op_mov_reg(reg::LR, reg::PC));
        self.emit_al(0x597_f000 | (fun_id << 2));
    }

    /// `bx reg_src`.
    pub fn bx_reg(&mut self, reg_src: u32) {
        self.emit_al(0x012f_ff10 | reg_src);
    }
}

// Conditions of the viper comparison in `Compare` order.
const CC_UNSIGNED: [u32; 6] = [cc::CC, cc::HI, cc::EQ, cc::LS, cc::CS, cc::NE];
const CC_SIGNED: [u32; 6] = [cc::LT, cc::GT, cc::EQ, cc::LE, cc::GE, cc::NE];

fn r(reg: Reg) -> u32 {
    u32::from(reg)
}

impl Assembler for AsmArm {
    const WORD_SIZE: usize = 4;
    // mpy-cross reserves the floating-point Thumb layout for every ARM target.
    const NLR_BUF_NUM_REGS: usize = 16;
    const NLR_BUF_IDX_LOCAL_1: usize = 3;

    const REG_RET: Reg = reg::R0 as Reg;
    const REG_ARG_1: Reg = reg::R0 as Reg;
    const REG_ARG_2: Reg = reg::R1 as Reg;
    const REG_ARG_3: Reg = reg::R2 as Reg;
    const REG_ARG_4: Reg = reg::R3 as Reg;
    const REG_TEMP0: Reg = reg::R0 as Reg;
    const REG_TEMP1: Reg = reg::R1 as Reg;
    const REG_TEMP2: Reg = reg::R2 as Reg;
    const REG_LOCAL_1: Reg = reg::R4 as Reg;
    const REG_LOCAL_2: Reg = reg::R5 as Reg;
    const REG_LOCAL_3: Reg = reg::R6 as Reg;
    const REG_FUN_TABLE: Reg = reg::FUN_TABLE as Reg;

    fn base(&self) -> &AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }

    fn entry(&mut self, num_locals: usize) {
        AsmArm::entry(self, num_locals as u32);
    }

    fn exit(&mut self) {
        AsmArm::exit(self);
    }

    fn jump(&mut self, label: usize) {
        self.b_label(label);
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.cmp_reg_i8(r(reg), 0);
        self.bcc_label(cc::EQ, label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.cmp_reg_i8(r(reg), 0);
        self.bcc_label(cc::NE, label);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        self.cmp_reg_reg(r(reg1), r(reg2));
        self.bcc_label(cc::EQ, label);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.bx_reg(r(reg));
    }

    fn call_ind(&mut self, fun_id: usize) {
        self.bl_ind(fun_id as u32);
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        AsmArm::mov_local_reg(self, local_num as i32, r(reg_src));
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.mov_reg_i32_optimised(r(reg_dest), imm as i32);
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        AsmArm::mov_reg_local(self, r(reg_dest), local_num as i32);
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        AsmArm::mov_reg_reg(self, r(reg_dest), r(reg_src));
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        AsmArm::mov_reg_local_addr(self, r(reg_dest), local_num as i32);
    }

    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        AsmArm::mov_reg_pcrel(self, r(reg_dest), label);
    }

    fn not_reg(&mut self, reg: Reg) {
        self.mvn_reg_reg(r(reg), r(reg));
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.rsb_reg_reg_imm(r(reg), r(reg), 0);
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        AsmArm::lsl_reg_reg(self, r(reg_dest), r(reg_shift));
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        AsmArm::lsr_reg_reg(self, r(reg_dest), r(reg_shift));
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        AsmArm::asr_reg_reg(self, r(reg_dest), r(reg_shift));
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.orr_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.eor_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.and_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.add_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.sub_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.mul_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.eor_reg_reg_reg(r(reg_dest), r(reg_dest), r(reg_dest));
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        self.cmp_reg_reg(r(reg_lhs), r(reg_rhs));
        let table = if unsigned { &CC_UNSIGNED } else { &CC_SIGNED };
        self.setcc_reg(r(reg_dest), table[cmp.index()]);
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        self.ldr_reg_reg_offset(
            r(reg_dest),
            r(reg_base),
            (word_offset as u32).wrapping_mul(4),
        );
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        self.ldrb_reg_reg_offset(r(reg_dest), r(reg_base), byte_offset as u32);
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        self.ldrh_reg_reg_offset(
            r(reg_dest),
            r(reg_base),
            (halfword_offset as u32).wrapping_mul(2),
        );
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        self.ldr_reg_reg_offset(
            r(reg_dest),
            r(reg_base),
            (word32_offset as u32).wrapping_mul(4),
        );
    }

    fn load8_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.ldrb_reg_reg_reg(r(reg_dest), r(reg_base), r(reg_index));
    }

    fn load16_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.ldrh_reg_reg_reg(r(reg_dest), r(reg_base), r(reg_index));
    }

    fn load32_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.ldr_reg_reg_reg(r(reg_dest), r(reg_base), r(reg_index));
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        self.str_reg_reg_offset(
            r(reg_src),
            r(reg_base),
            (word_offset as u32).wrapping_mul(4),
        );
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        self.strb_reg_reg_offset(r(reg_src), r(reg_base), byte_offset as u32);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        self.strh_reg_reg_offset(
            r(reg_src),
            r(reg_base),
            (halfword_offset as u32).wrapping_mul(2),
        );
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        self.str_reg_reg_offset(
            r(reg_src),
            r(reg_base),
            (word32_offset as u32).wrapping_mul(4),
        );
    }

    fn store8_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.strb_reg_reg_reg(r(reg_src), r(reg_base), r(reg_index));
    }

    fn store16_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.strh_reg_reg_reg(r(reg_src), r(reg_base), r(reg_index));
    }

    fn store32_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.str_reg_reg_reg(r(reg_src), r(reg_base), r(reg_index));
    }
}

#[cfg(test)]
mod tests;
