//! Expected bytes come from GNU as 2.40 for riscv64-unknown-elf
//! (`-march=rv32imc_zba_zicsr`, `.option norvc` for the full-size forms), assembling the
//! mnemonic in each comment, with branch targets written relative to the instruction.
//! They are literals so the tests need no toolchain.
use super::reg::*;
use super::*;

fn word(op: u32) -> [u8; 4] {
    op.to_le_bytes()
}

fn half(op: u16) -> [u8; 2] {
    op.to_le_bytes()
}

#[test]
fn base_integer_multiply_and_zba() {
    // add a0, a1, a2
    assert_eq!(word(add(A0, A1, A2)), [0x33, 0x85, 0xc5, 0x00]);
    // addi sp, sp, -2048
    assert_eq!(word(addi(SP, SP, -2048)), [0x13, 0x01, 0x01, 0x80]);
    // addi a4, zero, 2047
    assert_eq!(word(addi(A4, ZERO, 2047)), [0x13, 0x07, 0xf0, 0x7f]);
    // and t0, t1, t2
    assert_eq!(word(and(T0, T1, T2)), [0xb3, 0x72, 0x73, 0x00]);
    // andi a5, a5, -1
    assert_eq!(word(andi(A5, A5, -1)), [0x93, 0xf7, 0xf7, 0xff]);
    // auipc a6, 0x12345
    assert_eq!(word(auipc(A6, 0x12345000)), [0x17, 0x58, 0x34, 0x12]);
    // auipc a6, 0xfffff
    assert_eq!(word(auipc(A6, -4096)), [0x17, 0xf8, 0xff, 0xff]);
    // lui s3, 0x7ffff
    assert_eq!(word(lui(S3, 0x7ffff000)), [0xb7, 0xf9, 0xff, 0x7f]);
    // beq a0, zero, .-4096
    assert_eq!(word(beq(A0, ZERO, -4096)), [0x63, 0x00, 0x05, 0x80]);
    // bne a0, a1, .+12
    assert_eq!(word(bne(A0, A1, 12)), [0x63, 0x16, 0xb5, 0x00]);
    // blt s0, s1, .+4094
    assert_eq!(word(blt(S0, S1, 4094)), [0xe3, 0x4f, 0x94, 0x7e]);
    // bge t3, t4, .-2
    assert_eq!(word(bge(T3, T4, -2)), [0xe3, 0x5f, 0xde, 0xff]);
    // bltu a2, a3, .+2048
    assert_eq!(word(bltu(A2, A3, 2048)), [0xe3, 0x60, 0xd6, 0x00]);
    // bgeu a2, a3, .-2048
    assert_eq!(word(bgeu(A2, A3, -2048)), [0xe3, 0x70, 0xd6, 0x80]);
    // jal ra, .-1048576
    assert_eq!(word(jal(RA, -1048576)), [0xef, 0x00, 0x00, 0x80]);
    // jal zero, .+1048574
    assert_eq!(word(jal(ZERO, 1048574)), [0x6f, 0xf0, 0xff, 0x7f]);
    // jal ra, .+2048
    assert_eq!(word(jal(RA, 2048)), [0xef, 0x00, 0x10, 0x00]);
    // jalr zero, -2048(a6)
    assert_eq!(word(jalr(ZERO, A6, -2048)), [0x67, 0x00, 0x08, 0x80]);
    // jalr ra, 2047(a6)
    assert_eq!(word(jalr(RA, A6, 2047)), [0xe7, 0x00, 0xf8, 0x7f]);
    // lb a0, -1(a1)
    assert_eq!(word(lb(A0, A1, -1)), [0x03, 0x85, 0xf5, 0xff]);
    // lh a0, 2(a1)
    assert_eq!(word(lh(A0, A1, 2)), [0x03, 0x95, 0x25, 0x00]);
    // lw a6, 2044(s1)
    assert_eq!(word(lw(A6, S1, 2044)), [0x03, 0xa8, 0xc4, 0x7f]);
    // lbu a0, 1(a1)
    assert_eq!(word(lbu(A0, A1, 1)), [0x03, 0xc5, 0x15, 0x00]);
    // lhu a0, -2(a1)
    assert_eq!(word(lhu(A0, A1, -2)), [0x03, 0xd5, 0xe5, 0xff]);
    // lbu t5, 7(t6)
    assert_eq!(word(load(0, T5, T6, 7)), [0x03, 0xcf, 0x7f, 0x00]);
    // lhu t5, 8(t6)
    assert_eq!(word(load(1, T5, T6, 8)), [0x03, 0xdf, 0x8f, 0x00]);
    // lw t5, -4(t6)
    assert_eq!(word(load(2, T5, T6, -4)), [0x03, 0xaf, 0xcf, 0xff]);
    // sb a0, -1(sp)
    assert_eq!(word(sb(A0, SP, -1)), [0xa3, 0x0f, 0xa1, 0xfe]);
    // sh a0, 2046(sp)
    assert_eq!(word(sh(A0, SP, 2046)), [0x23, 0x1f, 0xa1, 0x7e]);
    // sw s11, -2048(a6)
    assert_eq!(word(sw(S11, A6, -2048)), [0x23, 0x20, 0xb8, 0x81]);
    // sb a0, 3(a1)
    assert_eq!(word(store(0, A0, A1, 3)), [0xa3, 0x81, 0xa5, 0x00]);
    // sh a0, 6(a1)
    assert_eq!(word(store(1, A0, A1, 6)), [0x23, 0x93, 0xa5, 0x00]);
    // sw a0, 1020(a1)
    assert_eq!(word(store(2, A0, A1, 1020)), [0x23, 0xae, 0xa5, 0x3e]);
    // mul a0, a0, a1
    assert_eq!(word(mul(A0, A0, A1)), [0x33, 0x05, 0xb5, 0x02]);
    // mulh a0, a0, a1
    assert_eq!(word(mulh(A0, A0, A1)), [0x33, 0x15, 0xb5, 0x02]);
    // mulhsu a0, a0, a1
    assert_eq!(word(mulhsu(A0, A0, A1)), [0x33, 0x25, 0xb5, 0x02]);
    // mulhu a0, a0, a1
    assert_eq!(word(mulhu(A0, A0, A1)), [0x33, 0x35, 0xb5, 0x02]);
    // div a0, a0, a1
    assert_eq!(word(div(A0, A0, A1)), [0x33, 0x45, 0xb5, 0x02]);
    // divu a0, a0, a1
    assert_eq!(word(divu(A0, A0, A1)), [0x33, 0x55, 0xb5, 0x02]);
    // rem a0, a0, a1
    assert_eq!(word(rem(A0, A0, A1)), [0x33, 0x65, 0xb5, 0x02]);
    // remu a0, a0, a1
    assert_eq!(word(remu(A0, A0, A1)), [0x33, 0x75, 0xb5, 0x02]);
    // or a0, a0, a1
    assert_eq!(word(or(A0, A0, A1)), [0x33, 0x65, 0xb5, 0x00]);
    // ori a0, a0, 1365
    assert_eq!(word(ori(A0, A0, 1365)), [0x13, 0x65, 0x55, 0x55]);
    // xor a0, a0, a1
    assert_eq!(word(xor(A0, A0, A1)), [0x33, 0x45, 0xb5, 0x00]);
    // xori a0, a0, -1
    assert_eq!(word(xori(A0, A0, -1)), [0x13, 0x45, 0xf5, 0xff]);
    // sll a0, a0, a1
    assert_eq!(word(sll(A0, A0, A1)), [0x33, 0x15, 0xb5, 0x00]);
    // slli a6, a1, 2
    assert_eq!(word(slli(A6, A1, 2)), [0x13, 0x98, 0x25, 0x00]);
    // slli a6, a1, 31
    assert_eq!(word(slli(A6, A1, 31)), [0x13, 0x98, 0xf5, 0x01]);
    // srl a0, a0, a1
    assert_eq!(word(srl(A0, A0, A1)), [0x33, 0x55, 0xb5, 0x00]);
    // srli a0, a0, 31
    assert_eq!(word(srli(A0, A0, 31)), [0x13, 0x55, 0xf5, 0x01]);
    // sra a0, a0, a1
    assert_eq!(word(sra(A0, A0, A1)), [0x33, 0x55, 0xb5, 0x40]);
    // srai a0, a0, 5
    assert_eq!(word(srai(A0, A0, 5)), [0x13, 0x55, 0x55, 0x40]);
    // slt a0, a1, a2
    assert_eq!(word(slt(A0, A1, A2)), [0x33, 0xa5, 0xc5, 0x00]);
    // slti a0, a1, -5
    assert_eq!(word(slti(A0, A1, -5)), [0x13, 0xa5, 0xb5, 0xff]);
    // sltiu a0, a0, 1
    assert_eq!(word(sltiu(A0, A0, 1)), [0x13, 0x35, 0x15, 0x00]);
    // sltu a0, zero, a0
    assert_eq!(word(sltu(A0, ZERO, A0)), [0x33, 0x35, 0xa0, 0x00]);
    // sub a0, zero, a0
    assert_eq!(word(sub(A0, ZERO, A0)), [0x33, 0x05, 0xa0, 0x40]);
    // sh1add a6, a1, a0
    assert_eq!(word(shadd(1, A6, A1, A0)), [0x33, 0xa8, 0xa5, 0x20]);
    // sh2add a6, a1, a0
    assert_eq!(word(shadd(2, A6, A1, A0)), [0x33, 0xc8, 0xa5, 0x20]);
    // sh3add a6, a1, a0
    assert_eq!(word(shadd(3, A6, A1, A0)), [0x33, 0xe8, 0xa5, 0x20]);
    // csrrw a0, 0x300, a1
    assert_eq!(word(csrrw(A0, A1, 0x300)), [0x73, 0x95, 0x05, 0x30]);
    // csrrs a0, 0xfff, a1
    assert_eq!(word(csrrs(A0, A1, 0xfff)), [0x73, 0xa5, 0xf5, 0xff]);
    // csrrc a0, 0x001, a1
    assert_eq!(word(csrrc(A0, A1, 0x001)), [0x73, 0xb5, 0x15, 0x00]);
    // csrrwi a0, 0x300, 31
    assert_eq!(word(csrrwi(A0, 0x300, 31)), [0x73, 0xd5, 0x0f, 0x30]);
    // csrrsi a0, 0x7c0, 1
    assert_eq!(word(csrrsi(A0, 0x7c0, 1)), [0x73, 0xe5, 0x00, 0x7c]);
    // csrrci a0, 0x001, 16
    assert_eq!(word(csrrci(A0, 0x001, 16)), [0x73, 0x75, 0x18, 0x00]);
    // ebreak
    assert_eq!(word(ebreak()), [0x73, 0x00, 0x10, 0x00]);
    // ecall
    assert_eq!(word(ecall()), [0x73, 0x00, 0x00, 0x00]);
}

#[test]
fn compressed() {
    // c.add a6, s1
    assert_eq!(half(c_add(A6, S1)), [0x26, 0x98]);
    // c.add sp, a4
    assert_eq!(half(c_add(SP, A4)), [0x3a, 0x91]);
    // c.addi sp, -32
    assert_eq!(half(c_addi(SP, -32)), [0x01, 0x11]);
    // c.addi a0, 31
    assert_eq!(half(c_addi(A0, 31)), [0x7d, 0x05]);
    // c.addi4spn a2, sp, 1020
    assert_eq!(half(c_addi4spn(c_window(A2), 1020)), [0xf0, 0x1f]);
    // c.addi4spn s0, sp, 4
    assert_eq!(half(c_addi4spn(c_window(S0), 4)), [0x40, 0x00]);
    // c.and a0, a1
    assert_eq!(half(c_and(c_window(A0), c_window(A1))), [0x6d, 0x8d]);
    // c.andi a1, -32
    assert_eq!(half(c_andi(c_window(A1), -32)), [0x81, 0x99]);
    // c.andi a1, 31
    assert_eq!(half(c_andi(c_window(A1), 31)), [0xfd, 0x89]);
    // c.beqz a4, .+10
    assert_eq!(half(c_beqz(c_window(A4), 10)), [0x09, 0xc7]);
    // c.beqz s0, .-256
    assert_eq!(half(c_beqz(c_window(S0), -256)), [0x01, 0xd0]);
    // c.bnez a5, .+254
    assert_eq!(half(c_bnez(c_window(A5), 254)), [0xfd, 0xef]);
    // c.bnez a5, .-2
    assert_eq!(half(c_bnez(c_window(A5), -2)), [0xfd, 0xff]);
    // c.ebreak
    assert_eq!(half(c_ebreak()), [0x02, 0x90]);
    // c.j .-2048
    assert_eq!(half(c_j(-2048)), [0x01, 0xb0]);
    // c.j .+2046
    assert_eq!(half(c_j(2046)), [0xfd, 0xaf]);
    // c.j .-2
    assert_eq!(half(c_j(-2)), [0xfd, 0xbf]);
    // c.jal .+1364
    assert_eq!(half(c_jal(1364)), [0x91, 0x2b]);
    // c.jalr s0
    assert_eq!(half(c_jalr(S0)), [0x02, 0x94]);
    // c.jalr a6
    assert_eq!(half(c_jalr(A6)), [0x02, 0x98]);
    // c.jr ra
    assert_eq!(half(c_jr(RA)), [0x82, 0x80]);
    // c.li a0, -32
    assert_eq!(half(c_li(A0, -32)), [0x01, 0x55]);
    // c.li t6, 31
    assert_eq!(half(c_li(T6, 31)), [0xfd, 0x4f]);
    // c.li a4, 0
    assert_eq!(half(c_li(A4, 0)), [0x01, 0x47]);
    // c.lui a6, 0x1f
    assert_eq!(half(c_lui(A6, 0x1f000)), [0x7d, 0x68]);
    // c.lui a6, 0xfffff
    assert_eq!(half(c_lui(A6, -4096)), [0x7d, 0x78]);
    // c.lui a6, 0xfffe0
    assert_eq!(half(c_lui(A6, -0x20000)), [0x01, 0x78]);
    // c.lw s0, 124(s1)
    assert_eq!(half(c_lw(c_window(S0), c_window(S1), 124)), [0xe0, 0x5c]);
    // c.lw a0, 4(a1)
    assert_eq!(half(c_lw(c_window(A0), c_window(A1), 4)), [0xc8, 0x41]);
    // c.lwsp ra, 252(sp)
    assert_eq!(half(c_lwsp(RA, 252)), [0xfe, 0x50]);
    // c.lwsp s3, 0(sp)
    assert_eq!(half(c_lwsp(S3, 0)), [0x82, 0x49]);
    // c.mv a0, s3
    assert_eq!(half(c_mv(A0, S3)), [0x4e, 0x85]);
    // c.nop
    assert_eq!(half(c_nop()), [0x01, 0x00]);
    // c.or a0, a1
    assert_eq!(half(c_or(c_window(A0), c_window(A1))), [0x4d, 0x8d]);
    // c.xor a0, a1
    assert_eq!(half(c_xor(c_window(A0), c_window(A1))), [0x2d, 0x8d]);
    // c.sub a0, a1
    assert_eq!(half(c_sub(c_window(A0), c_window(A1))), [0x0d, 0x8d]);
    // c.slli a0, 31
    assert_eq!(half(c_slli(A0, 31)), [0x7e, 0x05]);
    // c.srai a0, 1
    assert_eq!(half(c_srai(c_window(A0), 1)), [0x05, 0x85]);
    // c.srli a0, 31
    assert_eq!(half(c_srli(c_window(A0), 31)), [0x7d, 0x81]);
    // c.sw a0, 124(a1)
    assert_eq!(half(c_sw(c_window(A0), c_window(A1), 124)), [0xe8, 0xdd]);
    // c.sw s1, 8(a5)
    assert_eq!(half(c_sw(c_window(S1), c_window(A5), 8)), [0x84, 0xc7]);
    // c.swsp ra, 252(sp)
    assert_eq!(half(c_swsp(RA, 252)), [0x86, 0xdf]);
    // c.swsp s4, 8(sp)
    assert_eq!(half(c_swsp(S4, 8)), [0x52, 0xc4]);
}

/// MicroPython keeps only two bits of each register of the CA format (`c.and`, `c.or`,
/// `c.xor`, `c.sub`), so only `s0`, `s1`, `a0` and `a1` come out right (`a5` is read as `a1`); mpy-cross's bytes are the
/// reference, so the quirk is kept.
#[test]
fn ca_format_keeps_two_register_bits() {
    assert_eq!(
        c_and(c_window(A0), c_window(A5)),
        c_and(c_window(A0), c_window(A1))
    );
    assert_eq!(
        c_xor(c_window(A4), c_window(A1)),
        c_xor(c_window(A0), c_window(A1))
    );
}

/// binutils 2.40 predates Zcmp: these bytes were worked out by hand from the bit layouts
/// of the Zc specification (push/pop: `1011 1xx0 rlist spimm 10`; moves:
/// `101011 r1s' x1 r2s' 10`).
#[test]
fn zcmp() {
    // cm.push {ra}, -16
    assert_eq!(half(cm_push(4, 0)), [0x42, 0xb8]);
    // cm.push {ra, s0-s3}, -80
    assert_eq!(half(cm_push(8, 3)), [0x8e, 0xb8]);
    // cm.push {ra, s0-s11}, -80
    assert_eq!(half(cm_push(15, 1)), [0xf6, 0xb8]);
    // cm.popret {ra, s0-s3}, 80
    assert_eq!(half(cm_popret(8, 3)), [0x8e, 0xbe]);
    // cm.popret {ra, s0}, 16
    assert_eq!(half(cm_popret(5, 0)), [0x52, 0xbe]);
    // cm.pop {ra, s0-s1}, 48
    assert_eq!(half(cm_pop(6, 2)), [0x6a, 0xba]);
    // cm.popretz {ra, s0-s2}, 32
    assert_eq!(half(cm_popretz(7, 1)), [0x76, 0xbc]);
    // cm.mva01s s0, s7
    assert_eq!(half(cm_mva01s(S0, S7)), [0x7e, 0xac]);
    // cm.mvsa01 s2, s1
    assert_eq!(half(cm_mvsa01(S2, S1)), [0x26, 0xad]);
}
