//! The raw Xtensa encoders (the `asm_xtensa_op_*` functions of `py/asmxtensa.h`):
//! instruction formats and one function per instruction.
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
