//! Register numbers, condition codes and the fixed opcodes of the Thumb encodings.

/// r0..r15; r13 is the stack pointer, r15 the program counter.
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
    pub const R9: u32 = 9;
    pub const R10: u32 = 10;
    pub const R11: u32 = 11;
    pub const R12: u32 = 12;
    pub const R13: u32 = 13;
    pub const R14: u32 = 14;
    pub const R15: u32 = 15;
    pub const SP: u32 = R13;
    pub const LR: u32 = R14;
    pub const PC: u32 = R15;
    /// Holds the pointer to `mp_fun_table` in native code.
    pub const FUN_TABLE: u32 = R7;
}

/// Condition codes of conditional branches and `it`.
pub mod cc {
    #![allow(missing_docs)]
    pub const EQ: u32 = 0x0;
    pub const NE: u32 = 0x1;
    pub const CS: u32 = 0x2;
    pub const CC: u32 = 0x3;
    pub const MI: u32 = 0x4;
    pub const PL: u32 = 0x5;
    pub const VS: u32 = 0x6;
    pub const VC: u32 = 0x7;
    pub const HI: u32 = 0x8;
    pub const LS: u32 = 0x9;
    pub const GE: u32 = 0xa;
    pub const LT: u32 = 0xb;
    pub const GT: u32 = 0xc;
    pub const LE: u32 = 0xd;
}

/// Fixed 16-bit opcodes and the opcode bases of the instruction formats (the numbering of
/// the formats is the one of the ARM7TDMI Thumb instruction set summary).
pub mod op {
    #![allow(missing_docs)]
    pub const IT: u32 = 0xbf00;
    pub const NOP: u32 = 0xbf00;
    pub const WFI: u32 = 0xbf30;
    pub const CPSID_I: u32 = 0xb672;
    pub const CPSIE_I: u32 = 0xb662;
    pub const MOVW: u32 = 0xf240;
    pub const MOVT: u32 = 0xf2c0;

    pub const FORMAT_1_LSL: u32 = 0x0000;
    pub const FORMAT_1_LSR: u32 = 0x0800;
    pub const FORMAT_1_ASR: u32 = 0x1000;

    pub const FORMAT_2_ADD: u32 = 0x1800;
    pub const FORMAT_2_SUB: u32 = 0x1a00;
    pub const FORMAT_2_REG_OPERAND: u32 = 0x0000;
    pub const FORMAT_2_IMM_OPERAND: u32 = 0x0400;

    pub const FORMAT_3_MOV: u32 = 0x2000;
    pub const FORMAT_3_CMP: u32 = 0x2800;
    pub const FORMAT_3_ADD: u32 = 0x3000;
    pub const FORMAT_3_SUB: u32 = 0x3800;
    pub const FORMAT_3_LDR: u32 = 0x4800;

    pub const FORMAT_4_AND: u32 = 0x4000;
    pub const FORMAT_4_EOR: u32 = 0x4040;
    pub const FORMAT_4_LSL: u32 = 0x4080;
    pub const FORMAT_4_LSR: u32 = 0x40c0;
    pub const FORMAT_4_ASR: u32 = 0x4100;
    pub const FORMAT_4_ADC: u32 = 0x4140;
    pub const FORMAT_4_SBC: u32 = 0x4180;
    pub const FORMAT_4_ROR: u32 = 0x41c0;
    pub const FORMAT_4_TST: u32 = 0x4200;
    pub const FORMAT_4_NEG: u32 = 0x4240;
    pub const FORMAT_4_CMP: u32 = 0x4280;
    pub const FORMAT_4_CMN: u32 = 0x42c0;
    pub const FORMAT_4_ORR: u32 = 0x4300;
    pub const FORMAT_4_MUL: u32 = 0x4340;
    pub const FORMAT_4_BIC: u32 = 0x4380;
    pub const FORMAT_4_MVN: u32 = 0x43c0;

    pub const FORMAT_5_ADD: u32 = 0x4400;
    pub const FORMAT_5_BX: u32 = 0x4700;

    pub const FORMAT_7_LDR: u32 = 0x5800;
    pub const FORMAT_7_STR: u32 = 0x5000;
    pub const FORMAT_7_WORD_TRANSFER: u32 = 0x0000;
    pub const FORMAT_7_BYTE_TRANSFER: u32 = 0x0400;
    pub const FORMAT_8_LDRH: u32 = 0x5a00;
    pub const FORMAT_8_STRH: u32 = 0x5200;

    pub const FORMAT_9_STR: u32 = 0x6000;
    pub const FORMAT_9_LDR: u32 = 0x6800;
    pub const FORMAT_9_WORD_TRANSFER: u32 = 0x0000;
    pub const FORMAT_9_BYTE_TRANSFER: u32 = 0x1000;
    pub const FORMAT_10_STRH: u32 = 0x8000;
    pub const FORMAT_10_LDRH: u32 = 0x8800;

    pub const FORMAT_11_SXTH: u32 = 0xb200;
    pub const FORMAT_11_SXTB: u32 = 0xb240;
    pub const FORMAT_11_UXTH: u32 = 0xb280;
    pub const FORMAT_11_UXTB: u32 = 0xb2c0;
}
