//! The generic operations of the native emitter on Thumb (the `GENERIC_ASM_API` part of
//! py/asmthumb.h, plus the Thumb branches of py/emitnative.c's comparison and the entry call
//! of `mp_setup_code_state`).

use super::reg::*;
use super::{cc, op, Assembler, Compare, Reg, Thumb};

// `it<e> cc` blocks choosing between two moves, in `Compare` order (unsigned then signed).
const ITE_UNSIGNED: [u32; 6] = [0xbf34, 0xbf8c, 0xbf0c, 0xbf94, 0xbf2c, 0xbf14];
const ITE_SIGNED: [u32; 6] = [0xbfb4, 0xbfcc, 0xbf0c, 0xbfd4, 0xbfac, 0xbf14];
const CC_UNSIGNED: [u32; 6] = [cc::CC, cc::HI, cc::EQ, cc::LS, cc::CS, cc::NE];
const CC_SIGNED: [u32; 6] = [cc::LT, cc::GT, cc::EQ, cc::LE, cc::GE, cc::NE];

fn r(reg: Reg) -> u32 {
    u32::from(reg)
}

// Offsets arrive as the emitter's integers; the C code passes them as `uint`.
fn offset(value: i64) -> u32 {
    value as u32
}

impl Assembler for Thumb {
    const WORD_SIZE: usize = 4;
    // mpy-cross reserves the floating-point layout so the code also runs on armv7emdp.
    const NLR_BUF_NUM_REGS: usize = 16;
    const NLR_BUF_IDX_LOCAL_1: usize = 3;

    const REG_RET: Reg = R0 as Reg;
    const REG_ARG_1: Reg = R0 as Reg;
    const REG_ARG_2: Reg = R1 as Reg;
    const REG_ARG_3: Reg = R2 as Reg;
    const REG_ARG_4: Reg = R3 as Reg;
    const REG_TEMP0: Reg = R0 as Reg;
    const REG_TEMP1: Reg = R1 as Reg;
    const REG_TEMP2: Reg = R2 as Reg;
    const REG_LOCAL_1: Reg = R4 as Reg;
    const REG_LOCAL_2: Reg = R5 as Reg;
    const REG_LOCAL_3: Reg = R6 as Reg;
    const REG_FUN_TABLE: Reg = FUN_TABLE as Reg;

    fn base(&self) -> &super::AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut super::AsmBase {
        &mut self.base
    }

    fn encoding_error(&self) -> Option<(&'static str, String)> {
        self.too_many_locals().then(|| {
            (
                "NotImplementedError",
                "too many locals for native method".to_string(),
            )
        })
    }

    fn entry(&mut self, num_locals: usize) {
        Thumb::entry(self, num_locals as u32);
    }

    fn exit(&mut self) {
        Thumb::exit(self);
    }

    fn jump(&mut self, label: usize) {
        self.b_label(label);
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.cmp_rlo_i8(r(reg), 0);
        self.bcc_label(cc::EQ, label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.cmp_rlo_i8(r(reg), 0);
        self.bcc_label(cc::NE, label);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        self.cmp_rlo_rlo(r(reg1), r(reg2));
        self.bcc_label(cc::EQ, label);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.bx_reg(r(reg));
    }

    fn call_ind(&mut self, fun_id: usize) {
        self.bl_ind(fun_id as u32, R3);
    }

    fn call_setup_code_state(&mut self, fun_id: usize) {
        // r0-r3 hold the four arguments here, so the pointer goes through r4.
        self.bl_ind(fun_id as u32, R4);
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        Thumb::mov_local_reg(self, local_num as i32, r(reg_src));
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.mov_reg_i32_optimised(r(reg_dest), imm as i32);
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        Thumb::mov_reg_local(self, r(reg_dest), local_num as i32);
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        Thumb::mov_reg_reg(self, r(reg_dest), r(reg_src));
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        Thumb::mov_reg_local_addr(self, r(reg_dest), local_num as i32);
    }

    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        Thumb::mov_reg_pcrel(self, r(reg_dest), label);
    }

    fn not_reg(&mut self, reg: Reg) {
        self.mvn_rlo_rlo(r(reg), r(reg));
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.neg_rlo_rlo(r(reg), r(reg));
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.format_4(op::FORMAT_4_LSL, r(reg_dest), r(reg_shift));
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.format_4(op::FORMAT_4_LSR, r(reg_dest), r(reg_shift));
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.format_4(op::FORMAT_4_ASR, r(reg_dest), r(reg_shift));
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.format_4(op::FORMAT_4_ORR, r(reg_dest), r(reg_src));
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.format_4(op::FORMAT_4_EOR, r(reg_dest), r(reg_src));
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.format_4(op::FORMAT_4_AND, r(reg_dest), r(reg_src));
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.add_rlo_rlo_rlo(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.sub_rlo_rlo_rlo(r(reg_dest), r(reg_dest), r(reg_src));
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.format_4(op::FORMAT_4_MUL, r(reg_dest), r(reg_src));
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.mov_rlo_i8(r(reg_dest), 0);
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        self.cmp_rlo_rlo(r(reg_lhs), r(reg_rhs));
        if self.allow_armv7m() {
            let table = if unsigned { &ITE_UNSIGNED } else { &ITE_SIGNED };
            self.op16(table[cmp.index()]);
            self.mov_rlo_i8(r(reg_dest), 1);
            self.mov_rlo_i8(r(reg_dest), 0);
        } else {
            // Without `it`: b<cc> over "dest = 0; b over the next", landing on "dest = 1".
            let table = if unsigned { &CC_UNSIGNED } else { &CC_SIGNED };
            self.bcc_rel9(table[cmp.index()], 6);
            self.mov_rlo_i8(r(reg_dest), 0);
            self.b_rel12(4);
            self.mov_rlo_i8(r(reg_dest), 1);
        }
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        Thumb::load_reg_reg_offset(self, r(reg_dest), r(reg_base), word_offset as u32, 2);
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        Thumb::load_reg_reg_offset(self, r(reg_dest), r(reg_base), offset(byte_offset), 0);
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        Thumb::load_reg_reg_offset(self, r(reg_dest), r(reg_base), offset(halfword_offset), 1);
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        Thumb::load_reg_reg_offset(self, r(reg_dest), r(reg_base), offset(word32_offset), 2);
    }

    fn load8_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.ldrb_rlo_rlo_rlo(r(reg_dest), r(reg_base), r(reg_index));
    }

    fn load16_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.lsl_rlo_rlo_i5(R2, r(reg_index), 1);
        self.ldrh_rlo_rlo_rlo(r(reg_dest), r(reg_base), R2);
    }

    fn load32_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.lsl_rlo_rlo_i5(R2, r(reg_index), 2);
        self.ldr_rlo_rlo_rlo(r(reg_dest), r(reg_base), R2);
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        Thumb::store_reg_reg_offset(self, r(reg_src), r(reg_base), word_offset as u32, 2);
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        Thumb::store_reg_reg_offset(self, r(reg_src), r(reg_base), offset(byte_offset), 0);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        Thumb::store_reg_reg_offset(self, r(reg_src), r(reg_base), offset(halfword_offset), 1);
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        Thumb::store_reg_reg_offset(self, r(reg_src), r(reg_base), offset(word32_offset), 2);
    }

    fn store8_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.strb_rlo_rlo_rlo(r(reg_src), r(reg_base), r(reg_index));
    }

    fn store16_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        // The index register is scaled in place, so it is saved around the store.
        let index = r(reg_index);
        self.op16(0xb400 | (1 << index));
        self.lsl_rlo_rlo_i5(index, index, 1);
        self.strh_rlo_rlo_rlo(r(reg_src), r(reg_base), index);
        self.op16(0xbc00 | (1 << index));
    }

    fn store32_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        let index = r(reg_index);
        self.op16(0xb400 | (1 << index));
        self.lsl_rlo_rlo_i5(index, index, 2);
        self.str_rlo_rlo_rlo(r(reg_src), r(reg_base), index);
        self.op16(0xbc00 | (1 << index));
    }
}
