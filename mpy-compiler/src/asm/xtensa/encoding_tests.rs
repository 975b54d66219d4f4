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
