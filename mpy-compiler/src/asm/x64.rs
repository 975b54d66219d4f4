//! The x86-64 assembler (mirrors `py/asmx64.c` and the generic API of `py/asmx64.h`).
//!
//! System V calling convention: arguments in rdi, rsi, rdx, rcx, r8; result in rax; rbx, rbp
//! and r12-r15 are callee-saved. rbp holds `mp_fun_table` for the whole function.

use super::{AsmBase, Assembler, Compare, Reg};

/// `rax`
pub const RAX: Reg = 0;
/// `rcx`
pub const RCX: Reg = 1;
/// `rdx`
pub const RDX: Reg = 2;
/// `rbx`
pub const RBX: Reg = 3;
/// `rsp`
pub const RSP: Reg = 4;
/// `rbp`
pub const RBP: Reg = 5;
/// `rsi`
pub const RSI: Reg = 6;
/// `rdi`
pub const RDI: Reg = 7;
/// `r8`
pub const R8: Reg = 8;
/// `r9`
pub const R9: Reg = 9;
/// `r10`
pub const R10: Reg = 10;
/// `r11`
pub const R11: Reg = 11;
/// `r12`
pub const R12: Reg = 12;
/// `r13`
pub const R13: Reg = 13;
/// `r14`
pub const R14: Reg = 14;
/// `r15`
pub const R15: Reg = 15;

/// Condition codes of `jcc` / `setcc`.
pub mod cc {
    /// below (unsigned <)
    pub const B: u8 = 0x2;
    /// above or equal (unsigned >=)
    pub const AE: u8 = 0x3;
    /// equal / zero
    pub const E: u8 = 0x4;
    /// not equal / not zero
    pub const NE: u8 = 0x5;
    /// below or equal (unsigned <=)
    pub const BE: u8 = 0x6;
    /// above (unsigned >)
    pub const A: u8 = 0x7;
    /// less (signed)
    pub const L: u8 = 0xc;
    /// greater or equal (signed)
    pub const GE: u8 = 0xd;
    /// less or equal (signed)
    pub const LE: u8 = 0xe;
    /// greater (signed)
    pub const G: u8 = 0xf;
}

const WORD_SIZE: i64 = 8;

const OPCODE_PUSH_R64: u8 = 0x50;
const OPCODE_POP_R64: u8 = 0x58;
const OPCODE_RET: u8 = 0xc3;
const OPCODE_MOV_I64_TO_R64: u8 = 0xb8;
const OPCODE_MOV_R8_TO_RM8: u8 = 0x88;
const OPCODE_MOV_R64_TO_RM64: u8 = 0x89;
const OPCODE_MOV_RM64_TO_R64: u8 = 0x8b;
const OPCODE_MOVZX_RM8_TO_R64: u8 = 0xb6;
const OPCODE_MOVZX_RM16_TO_R64: u8 = 0xb7;
const OPCODE_LEA_MEM_TO_R64: u8 = 0x8d;
const OPCODE_NOT_RM64: u8 = 0xf7;
const OPCODE_NEG_RM64: u8 = 0xf7;
const OPCODE_AND_R64_TO_RM64: u8 = 0x21;
const OPCODE_OR_R64_TO_RM64: u8 = 0x09;
const OPCODE_XOR_R64_TO_RM64: u8 = 0x31;
const OPCODE_ADD_R64_TO_RM64: u8 = 0x01;
const OPCODE_SUB_R64_FROM_RM64: u8 = 0x29;
const OPCODE_SUB_I32_FROM_RM64: u8 = 0x81;
const OPCODE_SUB_I8_FROM_RM64: u8 = 0x83;
const OPCODE_SHIFT_RM64_CL: u8 = 0xd3;
const OPCODE_CMP_R64_WITH_RM64: u8 = 0x39;
const OPCODE_TEST_R8_WITH_RM8: u8 = 0x84;
const OPCODE_TEST_R64_WITH_RM64: u8 = 0x85;
const OPCODE_JMP_REL8: u8 = 0xeb;
const OPCODE_JMP_REL32: u8 = 0xe9;
const OPCODE_JMP_RM64: u8 = 0xff;
const OPCODE_JCC_REL8: u8 = 0x70;
const OPCODE_JCC_REL32_A: u8 = 0x0f;
const OPCODE_JCC_REL32_B: u8 = 0x80;
const OPCODE_SETCC_RM8_A: u8 = 0x0f;
const OPCODE_SETCC_RM8_B: u8 = 0x90;
const OPCODE_CALL_RM32: u8 = 0xff;

const MODRM_RM_DISP0: u8 = 0x00;
const MODRM_RM_DISP8: u8 = 0x40;
const MODRM_RM_DISP32: u8 = 0x80;
const MODRM_RM_REG: u8 = 0xc0;

const OP_SIZE_PREFIX: u8 = 0x66;
const REX_PREFIX: u8 = 0x40;
const REX_W: u8 = 0x08;
const REX_B: u8 = 0x01;

fn modrm_r64(r: Reg) -> u8 {
    (r & 7) << 3
}

fn modrm_rm_r64(r: Reg) -> u8 {
    r & 7
}

fn rex_r(r: Reg) -> u8 {
    (r >> 1) & 0x04
}

fn rex_b(r: Reg) -> u8 {
    (r >> 3) & 0x01
}

/// Whether `x` fits a signed byte, judged on its low 32 bits as the reference does.
fn signed_fit8(x: i64) -> bool {
    let masked = (x as u32) & 0xffff_ff80;
    masked == 0 || masked == 0xffff_ff80
}

/// The x86-64 assembler.
#[derive(Debug, Clone)]
pub struct AsmX64 {
    base: AsmBase,
    num_locals: i64,
}

impl AsmX64 {
    /// An assembler with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        AsmX64 {
            base: AsmBase::new(max_num_labels),
            num_locals: 0,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.base.write(bytes);
    }

    fn write_word32(&mut self, w: i64) {
        self.write(&(w as u32).to_le_bytes());
    }

    fn write_r64_disp(&mut self, r64: Reg, disp_r64: Reg, disp_offset: i64) {
        let rm_disp = if disp_offset == 0 && (disp_r64 & 7) != RBP {
            MODRM_RM_DISP0
        } else if signed_fit8(disp_offset) {
            MODRM_RM_DISP8
        } else {
            MODRM_RM_DISP32
        };
        self.write(&[modrm_r64(r64) | rm_disp | modrm_rm_r64(disp_r64)]);
        if (disp_r64 & 7) == RSP {
            // rsp and r12 as a base need a SIB byte.
            self.write(&[0x24]);
        }
        if rm_disp == MODRM_RM_DISP8 {
            self.write(&[disp_offset as u8]);
        } else if rm_disp == MODRM_RM_DISP32 {
            self.write_word32(disp_offset);
        }
    }

    fn generic_r64_r64(&mut self, dest_r64: Reg, src_r64: Reg, op: u8) {
        self.write(&[
            REX_PREFIX | REX_W | rex_r(src_r64) | rex_b(dest_r64),
            op,
            modrm_r64(src_r64) | MODRM_RM_REG | modrm_rm_r64(dest_r64),
        ]);
    }

    /// `push r64`
    pub fn push_r64(&mut self, src: Reg) {
        if src < 8 {
            self.write(&[OPCODE_PUSH_R64 | src]);
        } else {
            self.write(&[REX_PREFIX | REX_B, OPCODE_PUSH_R64 | (src & 7)]);
        }
    }

    /// `pop r64`
    pub fn pop_r64(&mut self, dest: Reg) {
        if dest < 8 {
            self.write(&[OPCODE_POP_R64 | dest]);
        } else {
            self.write(&[REX_PREFIX | REX_B, OPCODE_POP_R64 | (dest & 7)]);
        }
    }

    /// `mov dest, src` (64-bit)
    pub fn mov_r64_r64(&mut self, dest: Reg, src: Reg) {
        self.generic_r64_r64(dest, src, OPCODE_MOV_R64_TO_RM64);
    }

    /// `mov byte [dest + disp], src`
    pub fn mov_r8_to_mem8(&mut self, src: Reg, dest: Reg, disp: i64) {
        if src < 8 && dest < 8 {
            self.write(&[OPCODE_MOV_R8_TO_RM8]);
        } else {
            self.write(&[REX_PREFIX | rex_r(src) | rex_b(dest), OPCODE_MOV_R8_TO_RM8]);
        }
        self.write_r64_disp(src, dest, disp);
    }

    /// `mov word [dest + disp], src`
    pub fn mov_r16_to_mem16(&mut self, src: Reg, dest: Reg, disp: i64) {
        if src < 8 && dest < 8 {
            self.write(&[OP_SIZE_PREFIX, OPCODE_MOV_R64_TO_RM64]);
        } else {
            self.write(&[
                OP_SIZE_PREFIX,
                REX_PREFIX | rex_r(src) | rex_b(dest),
                OPCODE_MOV_R64_TO_RM64,
            ]);
        }
        self.write_r64_disp(src, dest, disp);
    }

    /// `mov dword [dest + disp], src`
    pub fn mov_r32_to_mem32(&mut self, src: Reg, dest: Reg, disp: i64) {
        if src < 8 && dest < 8 {
            self.write(&[OPCODE_MOV_R64_TO_RM64]);
        } else {
            self.write(&[
                REX_PREFIX | rex_r(src) | rex_b(dest),
                OPCODE_MOV_R64_TO_RM64,
            ]);
        }
        self.write_r64_disp(src, dest, disp);
    }

    /// `mov qword [dest + disp], src`
    pub fn mov_r64_to_mem64(&mut self, src: Reg, dest: Reg, disp: i64) {
        self.write(&[
            REX_PREFIX | REX_W | rex_r(src) | rex_b(dest),
            OPCODE_MOV_R64_TO_RM64,
        ]);
        self.write_r64_disp(src, dest, disp);
    }

    /// `movzx dest, byte [src + disp]`
    pub fn mov_mem8_to_r64zx(&mut self, src: Reg, disp: i64, dest: Reg) {
        if src < 8 && dest < 8 {
            self.write(&[0x0f, OPCODE_MOVZX_RM8_TO_R64]);
        } else {
            self.write(&[
                REX_PREFIX | rex_r(dest) | rex_b(src),
                0x0f,
                OPCODE_MOVZX_RM8_TO_R64,
            ]);
        }
        self.write_r64_disp(dest, src, disp);
    }

    /// `movzx dest, word [src + disp]`
    pub fn mov_mem16_to_r64zx(&mut self, src: Reg, disp: i64, dest: Reg) {
        if src < 8 && dest < 8 {
            self.write(&[0x0f, OPCODE_MOVZX_RM16_TO_R64]);
        } else {
            self.write(&[
                REX_PREFIX | rex_r(dest) | rex_b(src),
                0x0f,
                OPCODE_MOVZX_RM16_TO_R64,
            ]);
        }
        self.write_r64_disp(dest, src, disp);
    }

    /// `mov dest32, dword [src + disp]` (zero-extends)
    pub fn mov_mem32_to_r64zx(&mut self, src: Reg, disp: i64, dest: Reg) {
        if src < 8 && dest < 8 {
            self.write(&[OPCODE_MOV_RM64_TO_R64]);
        } else {
            self.write(&[
                REX_PREFIX | rex_r(dest) | rex_b(src),
                OPCODE_MOV_RM64_TO_R64,
            ]);
        }
        self.write_r64_disp(dest, src, disp);
    }

    /// `mov dest, qword [src + disp]`
    pub fn mov_mem64_to_r64(&mut self, src: Reg, disp: i64, dest: Reg) {
        self.write(&[
            REX_PREFIX | REX_W | rex_r(dest) | rex_b(src),
            OPCODE_MOV_RM64_TO_R64,
        ]);
        self.write_r64_disp(dest, src, disp);
    }

    fn lea_disp_to_r64(&mut self, src: Reg, disp: i64, dest: Reg) {
        self.write(&[
            REX_PREFIX | REX_W | rex_r(dest) | rex_b(src),
            OPCODE_LEA_MEM_TO_R64,
        ]);
        self.write_r64_disp(dest, src, disp);
    }

    /// `mov dest32, imm32` (zero-extends); returns the offset of the immediate.
    pub fn mov_i32_to_r64(&mut self, imm: u32, dest: Reg) -> usize {
        if dest < 8 {
            self.write(&[OPCODE_MOV_I64_TO_R64 | dest]);
        } else {
            self.write(&[REX_PREFIX | REX_B, OPCODE_MOV_I64_TO_R64 | (dest & 7)]);
        }
        let loc = self.base.code_pos();
        self.write(&imm.to_le_bytes());
        loc
    }

    /// `movabs dest, imm64`
    pub fn mov_i64_to_r64(&mut self, imm: i64, dest: Reg) {
        let rex = REX_PREFIX | REX_W | if dest < 8 { 0 } else { REX_B };
        self.write(&[rex, OPCODE_MOV_I64_TO_R64 | (dest & 7)]);
        self.write(&imm.to_le_bytes());
    }

    /// The 5-byte form when `imm` is a zero-extended 32-bit value, else the 10-byte one.
    pub fn mov_i64_to_r64_optimised(&mut self, imm: i64, dest: Reg) {
        if (imm as u64) >> 32 == 0 {
            self.mov_i32_to_r64(imm as u32, dest);
        } else {
            self.mov_i64_to_r64(imm, dest);
        }
    }

    fn sub_r64_i32(&mut self, dest: Reg, imm: i64) {
        let modrm = modrm_r64(5) | MODRM_RM_REG | modrm_rm_r64(dest);
        if signed_fit8(imm) {
            self.write(&[
                REX_PREFIX | REX_W,
                OPCODE_SUB_I8_FROM_RM64,
                modrm,
                imm as u8,
            ]);
        } else {
            self.write(&[REX_PREFIX | REX_W, OPCODE_SUB_I32_FROM_RM64, modrm]);
            self.write_word32(imm);
        }
    }

    /// `cmp b, a` (flags from `b - a`), argument order as `asm_x64_cmp_r64_with_r64`.
    pub fn cmp_r64_with_r64(&mut self, a: Reg, b: Reg) {
        self.generic_r64_r64(b, a, OPCODE_CMP_R64_WITH_RM64);
    }

    /// `test b8, a8`
    pub fn test_r8_with_r8(&mut self, a: Reg, b: Reg) {
        self.write(&[
            OPCODE_TEST_R8_WITH_RM8,
            modrm_r64(a) | MODRM_RM_REG | modrm_rm_r64(b),
        ]);
    }

    /// `test b, a` (64-bit)
    pub fn test_r64_with_r64(&mut self, a: Reg, b: Reg) {
        self.generic_r64_r64(b, a, OPCODE_TEST_R64_WITH_RM64);
    }

    /// `setcc dest8`
    pub fn setcc_r8(&mut self, jcc_type: u8, dest: Reg) {
        self.write(&[
            OPCODE_SETCC_RM8_A,
            OPCODE_SETCC_RM8_B | jcc_type,
            MODRM_RM_REG | modrm_rm_r64(dest),
        ]);
    }

    /// Relative distance to `label` from here, or `None` for a label not placed yet.
    fn backward_rel(&self, label: usize) -> Option<i64> {
        let dest = self.base.label_offset(label)? as i64;
        let rel = dest - self.base.code_pos() as i64;
        (rel < 0).then_some(rel)
    }

    /// `jmp label`: rel8 for a short backward jump, rel32 otherwise.
    pub fn jmp_label(&mut self, label: usize) {
        if let Some(rel) = self.backward_rel(label) {
            if signed_fit8(rel - 2) {
                self.write(&[OPCODE_JMP_REL8, (rel - 2) as u8]);
                return;
            }
        }
        let rel = self.forward_rel(label);
        self.write(&[OPCODE_JMP_REL32]);
        self.write_word32(rel - 5);
    }

    /// `jcc label`
    pub fn jcc_label(&mut self, jcc_type: u8, label: usize) {
        if let Some(rel) = self.backward_rel(label) {
            if signed_fit8(rel - 2) {
                self.write(&[OPCODE_JCC_REL8 | jcc_type, (rel - 2) as u8]);
                return;
            }
        }
        let rel = self.forward_rel(label);
        self.write(&[OPCODE_JCC_REL32_A, OPCODE_JCC_REL32_B | jcc_type]);
        self.write_word32(rel - 6);
    }

    /// Distance to `label` for a 32-bit jump; meaningless (but harmless) for a label not yet
    /// placed, since only the compute pass sees those and it stores nothing.
    fn forward_rel(&self, label: usize) -> i64 {
        match self.base.label_offset(label) {
            Some(dest) => dest as i64 - self.base.code_pos() as i64,
            None => -1 - self.base.code_pos() as i64,
        }
    }
}

impl Assembler for AsmX64 {
    const WORD_SIZE: usize = 8;
    // mpy-cross reserves the larger of the System V and Windows nlr_buf layouts.
    const NLR_BUF_NUM_REGS: usize = 10;
    const NLR_BUF_IDX_LOCAL_1: usize = 5;

    const REG_RET: Reg = RAX;
    const REG_ARG_1: Reg = RDI;
    const REG_ARG_2: Reg = RSI;
    const REG_ARG_3: Reg = RDX;
    const REG_ARG_4: Reg = RCX;
    const REG_TEMP0: Reg = RAX;
    const REG_TEMP1: Reg = RDI;
    const REG_TEMP2: Reg = RSI;
    const REG_LOCAL_1: Reg = RBX;
    const REG_LOCAL_2: Reg = R12;
    const REG_LOCAL_3: Reg = R13;
    const REG_FUN_TABLE: Reg = RBP;
    const SHIFT_COUNT_REG: Option<Reg> = Some(RCX);
    const STORE_VALUE_IN_FIXED_REG: bool = true;

    fn base(&self) -> &AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }

    fn entry(&mut self, num_locals: usize) {
        self.push_r64(RBP);
        self.push_r64(RBX);
        self.push_r64(R12);
        self.push_r64(R13);
        // An odd count keeps the stack 16-byte aligned at calls.
        let num_locals = num_locals as i64 | 1;
        self.sub_r64_i32(RSP, num_locals * WORD_SIZE);
        self.num_locals = num_locals;
    }

    fn exit(&mut self) {
        self.sub_r64_i32(RSP, -self.num_locals * WORD_SIZE);
        self.pop_r64(R13);
        self.pop_r64(R12);
        self.pop_r64(RBX);
        self.pop_r64(RBP);
        self.write(&[OPCODE_RET]);
    }

    fn jump(&mut self, label: usize) {
        self.jmp_label(label);
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(reg, reg);
        } else {
            self.test_r64_with_r64(reg, reg);
        }
        self.jcc_label(cc::E, label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(reg, reg);
        } else {
            self.test_r64_with_r64(reg, reg);
        }
        self.jcc_label(cc::NE, label);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        self.cmp_r64_with_r64(reg1, reg2);
        self.jcc_label(cc::E, label);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.write(&[
            OPCODE_JMP_RM64,
            modrm_r64(4) | MODRM_RM_REG | modrm_rm_r64(reg),
        ]);
    }

    fn call_ind(&mut self, fun_id: usize) {
        self.mov_mem64_to_r64(RBP, fun_id as i64 * WORD_SIZE, RAX);
        self.write(&[
            OPCODE_CALL_RM32,
            modrm_r64(2) | MODRM_RM_REG | modrm_rm_r64(RAX),
        ]);
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        self.mov_r64_to_mem64(reg_src, RSP, local_num as i64 * WORD_SIZE);
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.mov_i64_to_r64_optimised(imm, reg_dest);
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        self.mov_mem64_to_r64(RSP, local_num as i64 * WORD_SIZE, reg_dest);
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.mov_r64_r64(reg_dest, reg_src);
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        let offset = local_num as i64 * WORD_SIZE;
        if offset == 0 {
            self.mov_r64_r64(reg_dest, RSP);
        } else {
            self.lea_disp_to_r64(RSP, offset, reg_dest);
        }
    }

    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        let rel = self.forward_rel(label) - 7;
        self.write(&[
            REX_PREFIX | REX_W | rex_r(reg_dest),
            OPCODE_LEA_MEM_TO_R64,
            modrm_r64(reg_dest) | modrm_rm_r64(5),
        ]);
        self.write_word32(rel);
    }

    fn not_reg(&mut self, reg: Reg) {
        self.generic_r64_r64(reg, 2, OPCODE_NOT_RM64);
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.generic_r64_r64(reg, 3, OPCODE_NEG_RM64);
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.generic_r64_r64(reg_dest, 4, OPCODE_SHIFT_RM64_CL);
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.generic_r64_r64(reg_dest, 5, OPCODE_SHIFT_RM64_CL);
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.generic_r64_r64(reg_dest, 7, OPCODE_SHIFT_RM64_CL);
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.generic_r64_r64(reg_dest, reg_src, OPCODE_OR_R64_TO_RM64);
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.generic_r64_r64(reg_dest, reg_src, OPCODE_XOR_R64_TO_RM64);
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.generic_r64_r64(reg_dest, reg_src, OPCODE_AND_R64_TO_RM64);
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.generic_r64_r64(reg_dest, reg_src, OPCODE_ADD_R64_TO_RM64);
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.generic_r64_r64(reg_dest, reg_src, OPCODE_SUB_R64_FROM_RM64);
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.write(&[
            REX_PREFIX | REX_W | rex_r(reg_dest) | rex_b(reg_src),
            0x0f,
            0xaf,
            modrm_r64(reg_dest) | MODRM_RM_REG | modrm_rm_r64(reg_src),
        ]);
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.xor_reg_reg(reg_dest, reg_dest);
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        const UNSIGNED: [u8; 6] = [cc::B, cc::A, cc::E, cc::BE, cc::AE, cc::NE];
        const SIGNED: [u8; 6] = [cc::L, cc::G, cc::E, cc::LE, cc::GE, cc::NE];
        self.xor_reg_reg(reg_dest, reg_dest);
        self.cmp_r64_with_r64(reg_rhs, reg_lhs);
        let table = if unsigned { &UNSIGNED } else { &SIGNED };
        self.setcc_r8(table[cmp.index()], reg_dest);
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        self.mov_mem64_to_r64(reg_base, word_offset as i64 * WORD_SIZE, reg_dest);
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        self.mov_mem8_to_r64zx(reg_base, byte_offset, reg_dest);
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        self.mov_mem16_to_r64zx(reg_base, 2 * halfword_offset, reg_dest);
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        self.mov_mem32_to_r64zx(reg_base, 4 * word32_offset, reg_dest);
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        self.mov_r64_to_mem64(reg_src, reg_base, word_offset as i64 * WORD_SIZE);
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        self.mov_r8_to_mem8(reg_src, reg_base, byte_offset);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        self.mov_r16_to_mem16(reg_src, reg_base, 2 * halfword_offset);
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        self.mov_r32_to_mem32(reg_src, reg_base, 4 * word32_offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` through both passes and returns the emitted bytes.
    fn assemble(f: impl Fn(&mut AsmX64)) -> Vec<u8> {
        crate::asm::test_support::assemble(AsmX64::new(4), 1, f)
    }

    // Expected bytes are the encodings GNU as gives for the same instructions.
    #[test]
    fn register_moves_and_arithmetic() {
        assert_eq!(assemble(|a| a.mov_reg_reg(RDI, RSI)), [0x48, 0x89, 0xf7]);
        assert_eq!(assemble(|a| a.mov_reg_reg(R12, RAX)), [0x49, 0x89, 0xc4]);
        assert_eq!(assemble(|a| a.add_reg_reg(RSI, RDX)), [0x48, 0x01, 0xd6]);
        assert_eq!(assemble(|a| a.sub_reg_reg(RAX, R13)), [0x4c, 0x29, 0xe8]);
        assert_eq!(
            assemble(|a| a.mul_reg_reg(RSI, RDX)),
            [0x48, 0x0f, 0xaf, 0xf2]
        );
        assert_eq!(assemble(|a| a.not_reg(RAX)), [0x48, 0xf7, 0xd0]);
        assert_eq!(assemble(|a| a.neg_reg(RAX)), [0x48, 0xf7, 0xd8]);
        assert_eq!(assemble(|a| a.lsl_reg_reg(RAX, RCX)), [0x48, 0xd3, 0xe0]);
        assert_eq!(assemble(|a| a.asr_reg_reg(RAX, RCX)), [0x48, 0xd3, 0xf8]);
        assert_eq!(assemble(|a| a.clr_reg(RAX)), [0x48, 0x31, 0xc0]);
    }

    #[test]
    fn immediates_pick_the_short_form_when_zero_extension_fits() {
        assert_eq!(
            assemble(|a| a.mov_reg_imm(RDX, 3)),
            [0xba, 3, 0, 0, 0],
            "mov edx, 3"
        );
        assert_eq!(assemble(|a| a.mov_reg_imm(R8, 1)), [0x41, 0xb8, 1, 0, 0, 0]);
        assert_eq!(
            assemble(|a| a.mov_reg_imm(RAX, -1)),
            [0x48, 0xb8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
    }

    #[test]
    fn memory_operands_use_the_shortest_displacement() {
        // mov rax, [rbp+0x10]
        assert_eq!(
            assemble(|a| a.load_reg_reg_offset(RAX, RBP, 2)),
            [0x48, 0x8b, 0x45, 0x10]
        );
        // mov rbp, [rdi+0]: rdi needs no displacement byte
        assert_eq!(
            assemble(|a| a.load_reg_reg_offset(RBP, RDI, 0)),
            [0x48, 0x8b, 0x2f]
        );
        // mov [rsp+8], rbx: rsp needs a SIB byte
        assert_eq!(
            assemble(|a| a.mov_local_reg(1, RBX)),
            [0x48, 0x89, 0x5c, 0x24, 0x08]
        );
        // mov rax, [rbp+0x400]
        assert_eq!(
            assemble(|a| a.load_reg_reg_offset(RAX, RBP, 0x80)),
            [0x48, 0x8b, 0x85, 0, 4, 0, 0]
        );
        // movzx eax, word [r13+6]
        assert_eq!(
            assemble(|a| a.load16_reg_reg_offset(RAX, R13, 3)),
            [0x41, 0x0f, 0xb7, 0x45, 0x06]
        );
        // mov byte [rdi], dl
        assert_eq!(assemble(|a| a.store8_reg_reg(RDX, RDI)), [0x88, 0x17]);
        // mov word [rdi+4], dx
        assert_eq!(
            assemble(|a| a.store16_reg_reg_offset(RDX, RDI, 2)),
            [0x66, 0x89, 0x57, 0x04]
        );
        // lea rdi, [rsp+0x18]
        assert_eq!(
            assemble(|a| a.mov_reg_local_addr(RDI, 3)),
            [0x48, 0x8d, 0x7c, 0x24, 0x18]
        );
    }

    #[test]
    fn entry_and_exit_keep_the_stack_aligned() {
        assert_eq!(
            assemble(|a| {
                a.entry(4);
                a.exit();
            }),
            [
                0x55, 0x53, 0x41, 0x54, 0x41, 0x55, // push rbp, rbx, r12, r13
                0x48, 0x83, 0xec, 0x28, // sub rsp, 40 (5 words)
                0x48, 0x83, 0xec, 0xd8, // sub rsp, -40
                0x41, 0x5d, 0x41, 0x5c, 0x5b, 0x5d, 0xc3,
            ]
        );
    }

    #[test]
    fn jumps_are_short_only_backwards() {
        let code = assemble(|a| {
            a.label_assign(0);
            a.jump_if_reg_zero(RAX, 0, true);
            a.jump(1);
            a.label_assign(1);
        });
        assert_eq!(
            code,
            [0x84, 0xc0, 0x74, 0xfc, 0xe9, 0, 0, 0, 0],
            "test al, al; je back; jmp forward (rel32)"
        );
    }

    #[test]
    fn calls_go_through_the_function_table() {
        // mov rax, [rbp+0x18]; call rax
        assert_eq!(
            assemble(|a| a.call_ind(3)),
            [0x48, 0x8b, 0x45, 0x18, 0xff, 0xd0]
        );
    }

    #[test]
    fn comparisons_set_a_byte_from_the_flags() {
        // xor rax, rax; cmp rsi, rdx; setl al
        assert_eq!(
            assemble(|a| a.set_reg_compare(Compare::Less, false, RAX, RSI, RDX)),
            [0x48, 0x31, 0xc0, 0x48, 0x39, 0xd6, 0x0f, 0x9c, 0xc0]
        );
    }
}
