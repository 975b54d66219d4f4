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

/// Register numbers `a0`..`a15`.
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
pub(crate) mod ccz {
    pub const EQ: u32 = 0;
    pub const NE: u32 = 1;
    pub const LT: u32 = 2;
    pub const GE: u32 = 3;
}

/// Conditions of the register-register branches (the `r` field of RRI8 with op0 = 7);
/// flipping bit 3 negates.
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
