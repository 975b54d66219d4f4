//! The RISC-V RV32IMC assembler (mirrors `py/asmrv32.c`), with the optional Zba
//! (`sh1add`/`sh2add`) and Zcmp (`cm.push`/`cm.popret`) extensions that `-march-flags`
//! turns on.
//!
//! The raw encoders are pure functions from operands to an instruction: 32-bit instructions
//! come back as `u32`, compressed ones as `u16`. Every field is masked to its width, so no
//! operand makes an encoder panic; as in MicroPython, the callers pick an encoding whose
//! range fits.
//!
//! The prologue saves only the registers the function body used. The set is learnt while
//! emitting (a call through the function table adds `ra` and `s0`), and it is never reset
//! between passes or functions, so the emit pass sees every register any earlier pass or
//! function used: this matches MicroPython's emitter, which keeps one assembler per module.

/// Register numbers by ABI name (the whole set, though the code names only some).
#[allow(dead_code)]
pub(crate) mod reg {
    pub const ZERO: u32 = 0;
    pub const RA: u32 = 1;
    pub const SP: u32 = 2;
    pub const GP: u32 = 3;
    pub const TP: u32 = 4;
    pub const T0: u32 = 5;
    pub const T1: u32 = 6;
    pub const T2: u32 = 7;
    pub const S0: u32 = 8;
    pub const S1: u32 = 9;
    pub const A0: u32 = 10;
    pub const A1: u32 = 11;
    pub const A2: u32 = 12;
    pub const A3: u32 = 13;
    pub const A4: u32 = 14;
    pub const A5: u32 = 15;
    pub const A6: u32 = 16;
    pub const A7: u32 = 17;
    pub const S2: u32 = 18;
    pub const S3: u32 = 19;
    pub const S4: u32 = 20;
    pub const S5: u32 = 21;
    pub const S6: u32 = 22;
    pub const S7: u32 = 23;
    pub const S8: u32 = 24;
    pub const S9: u32 = 25;
    pub const S10: u32 = 26;
    pub const S11: u32 = 27;
    pub const T3: u32 = 28;
    pub const T4: u32 = 29;
    pub const T5: u32 = 30;
    pub const T6: u32 = 31;
}

/// Whether a register is one of `x8`..`x15`, the only ones most compressed instructions name.
pub(crate) const fn in_c_window(register: u32) -> bool {
    register >= reg::S0 && register <= reg::A5
}

/// The 3-bit number of a register in the compressed window (`x8` is 0).
pub(crate) const fn c_window(register: u32) -> u32 {
    register.wrapping_sub(reg::S0)
}

// Instruction formats; immediates are taken as their two's-complement bits.

pub(crate) const fn type_r(op: u32, ft3: u32, ft7: u32, rd: u32, rs1: u32, rs2: u32) -> u32 {
    (op & 0x7f)
        | ((rd & 0x1f) << 7)
        | ((ft3 & 0x07) << 12)
        | ((rs1 & 0x1f) << 15)
        | ((rs2 & 0x1f) << 20)
        | ((ft7 & 0x7f) << 25)
}

pub(crate) const fn type_i(op: u32, ft3: u32, rd: u32, rs: u32, imm: i32) -> u32 {
    let imm = imm as u32;
    (op & 0x7f)
        | ((rd & 0x1f) << 7)
        | ((ft3 & 0x07) << 12)
        | ((rs & 0x1f) << 15)
        | ((imm & 0xfff) << 20)
}

pub(crate) const fn type_s(op: u32, ft3: u32, rs1: u32, rs2: u32, imm: i32) -> u32 {
    let imm = imm as u32;
    (op & 0x7f)
        | ((imm & 0x1f) << 7)
        | ((ft3 & 0x07) << 12)
        | ((rs1 & 0x1f) << 15)
        | ((rs2 & 0x1f) << 20)
        | ((imm & 0xfe0) << 20)
}

pub(crate) const fn type_b(op: u32, ft3: u32, rs1: u32, rs2: u32, imm: i32) -> u32 {
    let imm = imm as u32;
    (op & 0x7f)
        | ((ft3 & 0x07) << 12)
        | ((imm & 0x800) >> 4)
        | ((imm & 0x1e) << 7)
        | ((rs1 & 0x1f) << 15)
        | ((rs2 & 0x1f) << 20)
        | ((imm & 0x7e0) << 20)
        | ((imm & 0x1000) << 19)
}

pub(crate) const fn type_u(op: u32, rd: u32, imm: i32) -> u32 {
    (op & 0x7f) | ((rd & 0x1f) << 7) | (imm as u32 & 0xffff_f000)
}

pub(crate) const fn type_j(op: u32, rd: u32, imm: i32) -> u32 {
    let imm = imm as u32;
    (op & 0x7f)
        | ((rd & 0x1f) << 7)
        | (imm & 0xff000)
        | ((imm & 0x800) << 9)
        | ((imm & 0x7fe) << 20)
        | ((imm & 0x10_0000) << 11)
}

pub(crate) const fn type_csri(op: u32, ft3: u32, rd: u32, csr: u32, imm: i32) -> u32 {
    let imm = imm as u32;
    (op & 0x7f)
        | ((rd & 0x1f) << 7)
        | ((ft3 & 0x07) << 12)
        | ((csr & 0xfff) << 20)
        | ((imm & 0x1f) << 15)
}

pub(crate) const fn type_cr(op: u32, ft4: u32, rs1: u32, rs2: u32) -> u16 {
    ((op & 0x03) | ((rs2 & 0x1f) << 2) | ((rs1 & 0x1f) << 7) | ((ft4 & 0x0f) << 12)) as u16
}

pub(crate) const fn type_ci(op: u32, ft3: u32, rd: u32, imm: i32) -> u16 {
    let imm = imm as u32;
    ((op & 0x03)
        | ((ft3 & 0x07) << 13)
        | ((rd & 0x1f) << 7)
        | ((imm & 0x20) << 7)
        | ((imm & 0x1f) << 2)) as u16
}

pub(crate) const fn type_css(op: u32, ft3: u32, rs: u32, imm: u32) -> u16 {
    ((op & 0x03) | ((ft3 & 0x07) << 13) | ((rs & 0x1f) << 2) | ((imm & 0x3f) << 7)) as u16
}

pub(crate) const fn type_ciw(op: u32, ft3: u32, rd: u32, imm: u32) -> u16 {
    ((op & 0x03)
        | ((ft3 & 0x07) << 13)
        | ((rd & 0x07) << 2)
        | ((imm & 0x3c0) << 1)
        | ((imm & 0x30) << 7)
        | ((imm & 0x08) << 2)
        | ((imm & 0x04) << 4)) as u16
}

/// The CL and CS formats share one layout.
pub(crate) const fn type_cl(op: u32, ft3: u32, rd: u32, rs: u32, imm: i32) -> u16 {
    let imm = imm as u32;
    ((op & 0x03)
        | ((ft3 & 0x07) << 13)
        | ((rd & 0x07) << 2)
        | ((rs & 0x07) << 7)
        | ((imm & 0x40) >> 1)
        | ((imm & 0x38) << 7)
        | ((imm & 0x04) << 4)) as u16
}

/// Only two bits of each register survive here, as in MicroPython (see the tests).
pub(crate) const fn type_ca(op: u32, ft6: u32, ft2: u32, rd: u32, rs: u32) -> u16 {
    ((op & 0x03)
        | ((ft6 & 0x3f) << 10)
        | ((ft2 & 0x03) << 5)
        | ((rd & 0x03) << 7)
        | ((rs & 0x03) << 2)) as u16
}

/// `imm` is already shuffled into the 8 bits the format scatters.
pub(crate) const fn type_cb(op: u32, ft3: u32, rs: u32, imm: u32) -> u16 {
    ((op & 0x03)
        | ((ft3 & 0x07) << 13)
        | ((rs & 0x07) << 7)
        | ((imm & 0xe0) << 5)
        | ((imm & 0x1f) << 2)) as u16
}

pub(crate) const fn type_cj(op: u32, ft3: u32, imm: i32) -> u16 {
    let imm = imm as u32;
    ((op & 0x03)
        | ((ft3 & 0x07) << 13)
        | ((imm & 0x0e) << 2)
        | ((imm & 0x300) << 1)
        | ((imm & 0x800) << 1)
        | ((imm & 0x400) >> 2)
        | ((imm & 0x80) >> 1)
        | ((imm & 0x40) << 1)
        | ((imm & 0x20) >> 3)
        | ((imm & 0x10) << 7)) as u16
}

pub(crate) const fn type_cmpp(op: u32, ft6: u32, ft2: u32, rlist: u32, imm: u32) -> u16 {
    ((op & 0x03)
        | ((ft6 & 0x3f) << 10)
        | ((ft2 & 0x03) << 8)
        | ((rlist & 0x0f) << 4)
        | ((imm & 0x03) << 2)) as u16
}

/// The 3-bit `sreg` number of Zcmp moves: `s0`, `s1`, then `s2`..`s7`.
pub(crate) const fn zcmp_sreg(register: u32) -> u32 {
    if register >= reg::S0 && register <= reg::S1 {
        register - reg::S0
    } else {
        register.wrapping_sub(reg::S2).wrapping_add(2)
    }
}

pub(crate) const fn type_cmmv(op: u32, ft6: u32, ft2: u32, r1s: u32, r2s: u32) -> u16 {
    ((op & 0x03)
        | ((ft6 & 0x3f) << 10)
        | ((ft2 & 0x03) << 5)
        | ((zcmp_sreg(r1s) & 0x07) << 7)
        | ((zcmp_sreg(r2s) & 0x07) << 2)) as u16
}

/// The 9-bit branch offset of `c.beqz`/`c.bnez` in the bit order [`type_cb`] scatters.
const fn cb_branch_offset(offset: i32) -> u32 {
    let offset = offset as u32;
    ((offset & 0x100) >> 1)
        | ((offset & 0xc0) >> 3)
        | ((offset & 0x20) >> 5)
        | ((offset & 0x18) << 2)
        | (offset & 0x06)
}

// Base integer instructions (RV32I), M and Zba.

const OP: u32 = 0x33;
const OP_IMM: u32 = 0x13;
const LOAD: u32 = 0x03;
const STORE: u32 = 0x23;
const BRANCH: u32 = 0x63;
const SYSTEM: u32 = 0x73;

pub(crate) const fn add(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 0, 0, rd, rs1, rs2)
}
pub(crate) const fn addi(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 0, rd, rs, imm)
}
pub(crate) const fn and(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 7, 0, rd, rs1, rs2)
}
pub(crate) const fn andi(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 7, rd, rs, imm)
}
/// `auipc rd, offset`: `offset` is the byte value whose top 20 bits are used.
pub(crate) const fn auipc(rd: u32, offset: i32) -> u32 {
    type_u(0x17, rd, offset)
}
pub(crate) const fn beq(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 0, rs1, rs2, offset)
}
pub(crate) const fn bne(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 1, rs1, rs2, offset)
}
pub(crate) const fn blt(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 4, rs1, rs2, offset)
}
pub(crate) const fn bge(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 5, rs1, rs2, offset)
}
pub(crate) const fn bltu(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 6, rs1, rs2, offset)
}
pub(crate) const fn bgeu(rs1: u32, rs2: u32, offset: i32) -> u32 {
    type_b(BRANCH, 7, rs1, rs2, offset)
}
pub(crate) const fn csrrw(rd: u32, rs: u32, csr: i32) -> u32 {
    type_i(SYSTEM, 1, rd, rs, csr)
}
pub(crate) const fn csrrs(rd: u32, rs: u32, csr: i32) -> u32 {
    type_i(SYSTEM, 2, rd, rs, csr)
}
pub(crate) const fn csrrc(rd: u32, rs: u32, csr: i32) -> u32 {
    type_i(SYSTEM, 3, rd, rs, csr)
}
pub(crate) const fn csrrwi(rd: u32, csr: u32, imm: i32) -> u32 {
    type_csri(SYSTEM, 5, rd, csr, imm)
}
pub(crate) const fn csrrsi(rd: u32, csr: u32, imm: i32) -> u32 {
    type_csri(SYSTEM, 6, rd, csr, imm)
}
pub(crate) const fn csrrci(rd: u32, csr: u32, imm: i32) -> u32 {
    type_csri(SYSTEM, 7, rd, csr, imm)
}
pub(crate) const fn div(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 4, 1, rd, rs1, rs2)
}
pub(crate) const fn divu(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 5, 1, rd, rs1, rs2)
}
pub(crate) const fn ebreak() -> u32 {
    0x0010_0073
}
pub(crate) const fn ecall() -> u32 {
    0x73
}
pub(crate) const fn jal(rd: u32, offset: i32) -> u32 {
    type_j(0x6f, rd, offset)
}
pub(crate) const fn jalr(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(0x67, 0, rd, rs, offset)
}
pub(crate) const fn lb(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(LOAD, 0, rd, rs, offset)
}
pub(crate) const fn lh(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(LOAD, 1, rd, rs, offset)
}
pub(crate) const fn lw(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(LOAD, 2, rd, rs, offset)
}
pub(crate) const fn lbu(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(LOAD, 4, rd, rs, offset)
}
pub(crate) const fn lhu(rd: u32, rs: u32, offset: i32) -> u32 {
    type_i(LOAD, 5, rd, rs, offset)
}
/// Unsigned loads of 1, 2 or 4 bytes (`size_log2` 0, 1, 2: `lbu`, `lhu`, `lw`).
pub(crate) const fn load(size_log2: u32, rd: u32, rs: u32, offset: i32) -> u32 {
    // 4, 5, 2: the funct3 of lbu, lhu, lw
    type_i(LOAD, (0x0254 >> (size_log2 << 2)) & 0x0f, rd, rs, offset)
}
/// Stores of 1, 2 or 4 bytes (`size_log2` 0, 1, 2: `sb`, `sh`, `sw`) of `rs2` at `offset(rs1)`.
pub(crate) const fn store(size_log2: u32, rs2: u32, rs1: u32, offset: i32) -> u32 {
    type_s(STORE, size_log2, rs1, rs2, offset)
}
/// `lui rd, imm`: `imm` is the byte value whose top 20 bits are used.
pub(crate) const fn lui(rd: u32, imm: i32) -> u32 {
    type_u(0x37, rd, imm)
}
pub(crate) const fn mul(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 0, 1, rd, rs1, rs2)
}
pub(crate) const fn mulh(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 1, 1, rd, rs1, rs2)
}
pub(crate) const fn mulhsu(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 2, 1, rd, rs1, rs2)
}
pub(crate) const fn mulhu(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 3, 1, rd, rs1, rs2)
}
pub(crate) const fn or(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 6, 0, rd, rs1, rs2)
}
pub(crate) const fn ori(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 6, rd, rs, imm)
}
pub(crate) const fn rem(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 6, 1, rd, rs1, rs2)
}
pub(crate) const fn remu(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 7, 1, rd, rs1, rs2)
}
pub(crate) const fn sb(rs2: u32, rs1: u32, offset: i32) -> u32 {
    type_s(STORE, 0, rs1, rs2, offset)
}
pub(crate) const fn sh(rs2: u32, rs1: u32, offset: i32) -> u32 {
    type_s(STORE, 1, rs1, rs2, offset)
}
pub(crate) const fn sw(rs2: u32, rs1: u32, offset: i32) -> u32 {
    type_s(STORE, 2, rs1, rs2, offset)
}
/// Zba `sh1add`, `sh2add`, `sh3add` for `shift` 1, 2, 3: `rd = (rs1 << shift) + rs2`.
pub(crate) const fn shadd(shift: u32, rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, shift << 1, 0x10, rd, rs1, rs2)
}
pub(crate) const fn sll(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 1, 0, rd, rs1, rs2)
}
pub(crate) const fn slli(rd: u32, rs: u32, shamt: i32) -> u32 {
    type_i(OP_IMM, 1, rd, rs, shamt & 0x1f)
}
pub(crate) const fn slt(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 2, 0, rd, rs1, rs2)
}
pub(crate) const fn slti(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 2, rd, rs, imm)
}
pub(crate) const fn sltiu(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 3, rd, rs, imm)
}
pub(crate) const fn sltu(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 3, 0, rd, rs1, rs2)
}
pub(crate) const fn sra(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 5, 0x20, rd, rs1, rs2)
}
pub(crate) const fn srai(rd: u32, rs: u32, shamt: i32) -> u32 {
    type_i(OP_IMM, 5, rd, rs, (shamt & 0x1f) | 0x400)
}
pub(crate) const fn srl(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 5, 0, rd, rs1, rs2)
}
pub(crate) const fn srli(rd: u32, rs: u32, shamt: i32) -> u32 {
    type_i(OP_IMM, 5, rd, rs, shamt & 0x1f)
}
pub(crate) const fn sub(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 0, 0x20, rd, rs1, rs2)
}
pub(crate) const fn xor(rd: u32, rs1: u32, rs2: u32) -> u32 {
    type_r(OP, 4, 0, rd, rs1, rs2)
}
pub(crate) const fn xori(rd: u32, rs: u32, imm: i32) -> u32 {
    type_i(OP_IMM, 4, rd, rs, imm)
}

// Compressed instructions (C); registers written `rd'`/`rs'` are window numbers (0..8).

pub(crate) const fn c_add(rd: u32, rs: u32) -> u16 {
    type_cr(0x02, 0x09, rd, rs)
}
pub(crate) const fn c_addi(rd: u32, imm: i32) -> u16 {
    type_ci(0x01, 0, rd, imm)
}
pub(crate) const fn c_addi4spn(rd_c: u32, imm: u32) -> u16 {
    type_ciw(0x00, 0, rd_c, imm)
}
pub(crate) const fn c_and(rd_c: u32, rs_c: u32) -> u16 {
    type_ca(0x01, 0x23, 0x03, rd_c, rs_c)
}
pub(crate) const fn c_andi(rd_c: u32, imm: i32) -> u16 {
    let imm = imm as u32;
    type_cb(0x01, 4, rd_c, ((imm & 0x20) << 2) | (imm & 0x1f) | 0x40)
}
pub(crate) const fn c_beqz(rs_c: u32, offset: i32) -> u16 {
    type_cb(0x01, 6, rs_c, cb_branch_offset(offset))
}
pub(crate) const fn c_bnez(rs_c: u32, offset: i32) -> u16 {
    type_cb(0x01, 7, rs_c, cb_branch_offset(offset))
}
pub(crate) const fn c_ebreak() -> u16 {
    0x9002
}
pub(crate) const fn c_j(offset: i32) -> u16 {
    type_cj(0x01, 5, offset)
}
pub(crate) const fn c_jal(offset: i32) -> u16 {
    type_cj(0x01, 1, offset)
}
pub(crate) const fn c_jalr(rs: u32) -> u16 {
    type_cr(0x02, 0x09, rs, 0)
}
pub(crate) const fn c_jr(rs: u32) -> u16 {
    type_cr(0x02, 0x08, rs, 0)
}
pub(crate) const fn c_li(rd: u32, imm: i32) -> u16 {
    type_ci(0x01, 2, rd, imm)
}
/// `c.lui rd, imm`: `imm` is the byte value whose bits 12..18 are used.
pub(crate) const fn c_lui(rd: u32, imm: i32) -> u16 {
    type_ci(0x01, 3, rd, imm >> 12)
}
pub(crate) const fn c_lw(rd_c: u32, rs_c: u32, offset: i32) -> u16 {
    type_cl(0x00, 2, rd_c, rs_c, offset)
}
pub(crate) const fn c_lwsp(rd: u32, offset: u32) -> u16 {
    type_ci(
        0x02,
        2,
        rd,
        (((offset & 0xc0) >> 6) | (offset & 0x3c)) as i32,
    )
}
pub(crate) const fn c_mv(rd: u32, rs: u32) -> u16 {
    type_cr(0x02, 0x08, rd, rs)
}
pub(crate) const fn c_nop() -> u16 {
    0x0001
}
pub(crate) const fn c_or(rd_c: u32, rs_c: u32) -> u16 {
    type_ca(0x01, 0x23, 0x02, rd_c, rs_c)
}
pub(crate) const fn c_slli(rd: u32, shamt: i32) -> u16 {
    type_ci(0x02, 0, rd, shamt)
}
pub(crate) const fn c_srai(rd_c: u32, shamt: i32) -> u16 {
    let shamt = shamt as u32;
    type_cb(0x01, 4, rd_c, ((shamt & 0x20) << 2) | (shamt & 0x1f) | 0x20)
}
pub(crate) const fn c_srli(rd_c: u32, shamt: i32) -> u16 {
    let shamt = shamt as u32;
    type_cb(0x01, 4, rd_c, ((shamt & 0x20) << 2) | (shamt & 0x1f))
}
pub(crate) const fn c_sub(rd_c: u32, rs_c: u32) -> u16 {
    type_ca(0x01, 0x23, 0x00, rd_c, rs_c)
}
/// `c.sw rs2', offset(rs1')`.
pub(crate) const fn c_sw(rs2_c: u32, rs1_c: u32, offset: i32) -> u16 {
    type_cl(0x00, 6, rs2_c, rs1_c, offset)
}
pub(crate) const fn c_swsp(rs: u32, offset: u32) -> u16 {
    type_css(0x02, 6, rs, ((offset & 0xc0) >> 6) | (offset & 0x3c))
}
pub(crate) const fn c_xor(rd_c: u32, rs_c: u32) -> u16 {
    type_ca(0x01, 0x23, 0x01, rd_c, rs_c)
}

// Zcmp: `rlist` is the 4-bit register-list code (4 = {ra}, 5 = {ra, s0}, ... 15 = {ra, s0-s11}),
// `chunks` the extra stack in 16-byte units.

pub(crate) const fn cm_mva01s(r1s: u32, r2s: u32) -> u16 {
    type_cmmv(0x02, 0x2b, 0x03, r1s, r2s)
}
pub(crate) const fn cm_mvsa01(r1s: u32, r2s: u32) -> u16 {
    type_cmmv(0x02, 0x2b, 0x01, r1s, r2s)
}
pub(crate) const fn cm_pop(rlist: u32, chunks: u32) -> u16 {
    type_cmpp(0x02, 0x2e, 0x02, rlist, chunks)
}
pub(crate) const fn cm_popret(rlist: u32, chunks: u32) -> u16 {
    type_cmpp(0x02, 0x2f, 0x02, rlist, chunks)
}
pub(crate) const fn cm_popretz(rlist: u32, chunks: u32) -> u16 {
    type_cmpp(0x02, 0x2f, 0x00, rlist, chunks)
}
pub(crate) const fn cm_push(rlist: u32, chunks: u32) -> u16 {
    type_cmpp(0x02, 0x2e, 0x00, rlist, chunks)
}

// The assembler: MicroPython's emit helpers and the generic API on top of the raw encoders.

use super::{AsmBase, Assembler, Compare, Reg};

/// The `-march-flags` extensions the code may use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rv32Extensions {
    /// Zba: `sh1add`/`sh2add` for scaled indexing.
    pub zba: bool,
    /// Zcmp: `cm.push`/`cm.popret` prologues and epilogues.
    pub zcmp: bool,
}

impl Rv32Extensions {
    /// The extensions named by `-march-flags` bits (1: Zba, 2: Zcmp; `RV32_EXT_*`).
    pub fn from_bits(bits: u32) -> Self {
        Rv32Extensions {
            zba: bits & 1 != 0,
            zcmp: bits & 2 != 0,
        }
    }
}

/// Scratch register of the compressed function-table call (`s0`).
const INTERNAL_TEMPORARY: u32 = reg::S0;
const REG_TEMP0: u32 = reg::A4;
const REG_TEMP2: u32 = reg::A6;
const REG_FUN_TABLE: u32 = reg::S1;
const REG_LOCAL_1: u32 = reg::S3;
const REG_LOCAL_2: u32 = reg::S2;
const REG_LOCAL_3: u32 = reg::S4;
const WORD: u32 = 4;

/// MicroPython's `FIT_SIGNED`/`MP_FIT_SIGNED` on the low 32 bits of a host integer.
const fn fit_signed(value: u64, bits: u32) -> bool {
    let high = (!0u32 << (bits - 1)) as u64;
    value & high == 0 || value & high == high
}

/// `FIT_UNSIGNED`/`MP_FIT_UNSIGNED` on the low 32 bits.
const fn fit_unsigned(value: u64, bits: u32) -> bool {
    value & ((!0u32 << bits) as u64) == 0
}

/// Splits `immediate` into the `lui`/`auipc` part and the sign-extended 12-bit remainder.
/// The host integer is 64 bits wide in mpy-cross, so the upper part can carry into bit 32.
fn split_immediate(immediate: i64) -> (u64, u64) {
    let bits = immediate as u64;
    let mut upper = bits & 0xffff_f000;
    let lower = bits & 0xfff;
    if lower & 0x800 != 0 {
        upper += 0x1000;
    }
    (upper, lower)
}

/// The RISC-V RV32IMC assembler.
#[derive(Debug, Clone)]
pub struct AsmRv32 {
    base: AsmBase,
    extensions: Rv32Extensions,
    /// Registers the prologue saves: grows as the code uses them and is never cleared.
    saved_registers_mask: u32,
    locals_count: u32,
    stack_size: u32,
    locals_stack_offset: u32,
}

impl AsmRv32 {
    /// An assembler with room for `max_num_labels` labels, allowed to use `extensions`.
    pub fn new(max_num_labels: usize, extensions: Rv32Extensions) -> Self {
        AsmRv32 {
            base: AsmBase::new(max_num_labels),
            extensions,
            saved_registers_mask: 0,
            locals_count: 0,
            stack_size: 0,
            locals_stack_offset: 0,
        }
    }

    /// Writes a 32-bit instruction.
    pub fn word(&mut self, op: u32) {
        self.base.write(&op.to_le_bytes());
    }

    /// Writes a compressed instruction.
    pub fn half(&mut self, op: u16) {
        self.base.write(&op.to_le_bytes());
    }

    /// `c.lui` when the value fits its 6 bits (and is not zero, which `c.lui` cannot encode),
    /// else `lui`.
    fn load_upper_immediate(&mut self, rd: u32, immediate: u64) {
        if fit_signed(immediate, 17) && (immediate >> 12) != 0 {
            self.half(c_lui(rd, immediate as i32));
        } else {
            self.word(lui(rd, immediate as i32));
        }
    }

    /// Adds the low part after [`Self::load_upper_immediate`] (nothing when it is zero).
    fn load_lower_immediate(&mut self, rd: u32, immediate: u64) {
        if immediate == 0 {
            return;
        }
        if fit_signed(immediate, 6) {
            self.half(c_addi(rd, immediate as i32));
        } else {
            self.word(addi(rd, rd, immediate as i32));
        }
    }

    fn load_full_immediate(&mut self, rd: u32, immediate: i64) {
        let (upper, lower) = split_immediate(immediate);
        self.load_upper_immediate(rd, upper);
        self.load_lower_immediate(rd, lower);
    }

    /// `asm_rv32_emit_optimised_load_immediate`
    pub fn load_immediate(&mut self, rd: u32, immediate: i64) {
        if fit_signed(immediate as u64, 6) {
            self.half(c_li(rd, immediate as i32));
        } else if fit_signed(immediate as u64, 12) {
            self.word(addi(rd, reg::ZERO, immediate as i32));
        } else {
            self.load_full_immediate(rd, immediate);
        }
    }

    fn adjust_stack(&mut self, stack_size: i64) {
        if stack_size == 0 {
            return;
        }
        if fit_signed(stack_size as u64, 6) {
            self.half(c_addi(reg::SP, stack_size as i32));
        } else if fit_signed(stack_size as u64, 12) {
            self.word(addi(reg::SP, reg::SP, stack_size as i32));
        } else {
            self.load_full_immediate(REG_TEMP0, stack_size);
            self.half(c_add(reg::SP, REG_TEMP0));
        }
    }

    fn registers_in(mask: u32) -> impl Iterator<Item = u32> {
        (0..32).filter(move |r| mask & (1 << r) != 0)
    }

    fn function_prologue(&mut self, registers: u32) {
        let count = registers.count_ones();
        self.stack_size = (count + self.locals_count).wrapping_mul(WORD);
        self.adjust_stack(-i64::from(self.stack_size));
        for (slot, register) in Self::registers_in(registers).enumerate() {
            self.half(c_swsp(register, slot as u32 * WORD));
        }
        self.locals_stack_offset = count * WORD;
    }

    fn function_epilogue(&mut self, registers: u32) {
        for (slot, register) in Self::registers_in(registers).enumerate() {
            self.half(c_lwsp(register, slot as u32 * WORD));
        }
        self.adjust_stack(i64::from(self.stack_size));
    }

    /// How many entries of Zcmp's register list ({ra}, {ra, s0}, ... {ra, s0-s11}) cover
    /// `registers` (the list cannot name s0-s10 without s11, hence 12 becoming 13).
    fn zcmp_sequence_length(registers: u32) -> u32 {
        let packed = ((registers & 0x0000_0002) >> 1)
            | ((registers & 0x0000_0300) >> 7)
            | ((registers & 0x0ffc_0000) >> 15);
        let length = 32 - packed.leading_zeros();
        if length == 12 {
            13
        } else {
            length
        }
    }

    /// `cm.push` stores the registers at the top of the block it allocates and can add up to
    /// three 16-byte chunks for locals; any further locals get a separate adjustment.
    fn compressed_function_prologue(&mut self, registers: u32) {
        let sequence_length = Self::zcmp_sequence_length(registers);
        let allocated_stack = (sequence_length + 3) & !3;
        let tail_slack = allocated_stack - sequence_length;
        let mut locals_left = self.locals_count.saturating_sub(tail_slack);
        let adjustment_chunks = (locals_left / 4).min(3);
        locals_left -= adjustment_chunks * 4;
        let stack_size = locals_left.wrapping_mul(WORD);
        self.half(cm_push((3 + sequence_length).min(15), adjustment_chunks));
        self.adjust_stack(-i64::from(stack_size));
        // The chunk count fits in the two low bits a multiple of 4 leaves free.
        self.stack_size = stack_size | adjustment_chunks;
    }

    fn compressed_function_epilogue(&mut self, registers: u32) {
        let sequence_length = Self::zcmp_sequence_length(registers);
        self.adjust_stack(i64::from(self.stack_size & !3));
        self.half(cm_popret(
            (3 + sequence_length).min(15),
            self.stack_size & 3,
        ));
    }

    /// Displacement from the current offset to `label`, and whether the label is known and
    /// behind us (only then are the short forms used).
    fn displacement(&self, label: usize) -> (i64, bool) {
        match self.base.label_offset(label) {
            Some(dest) => {
                let displacement = dest as i64 - self.base.code_pos() as i64;
                (displacement, displacement < 0)
            }
            // C subtracts from (size_t)-1; the value only sizes long forms in a compute pass.
            None => (-1 - self.base.code_pos() as i64, false),
        }
    }

    fn auipc_jalr(&mut self, displacement: i64) {
        let (upper, lower) = split_immediate(displacement);
        self.word(auipc(REG_TEMP2, upper as i32));
        self.word(jalr(reg::ZERO, REG_TEMP2, lower as i32));
    }

    fn locals_offset(&self, local: usize) -> u64 {
        u64::from(self.locals_stack_offset).wrapping_add((local as u64).wrapping_mul(4))
    }

    /// `asm_rv32_emit_load_reg_reg_offset`; `offset` in units of the size.
    pub fn load_sized(&mut self, rd: u32, rs: u32, offset: i32, size_log2: u32) {
        let scaled = offset.wrapping_shl(size_log2);
        if scaled >= 0
            && size_log2 == 2
            && in_c_window(rd)
            && in_c_window(rs)
            && fit_unsigned(scaled as u64, 6)
        {
            self.half(c_lw(c_window(rd), c_window(rs), scaled));
        } else if fit_signed(scaled as i64 as u64, 12) {
            self.word(load(size_log2, rd, rs, scaled));
        } else {
            let (upper, lower) = split_immediate(i64::from(scaled));
            self.load_upper_immediate(rd, upper);
            self.half(c_add(rd, rs));
            self.word(load(size_log2, rd, rd, lower as i32));
        }
    }

    /// `asm_rv32_emit_store_reg_reg_offset`: stores `rd` at `offset(rs)`.
    pub fn store_sized(&mut self, rd: u32, rs: u32, offset: i32, size_log2: u32) {
        let scaled = offset.wrapping_shl(size_log2);
        if scaled >= 0
            && size_log2 == 2
            && in_c_window(rd)
            && in_c_window(rs)
            && fit_unsigned(scaled as u64, 6)
        {
            self.half(c_sw(c_window(rd), c_window(rs), scaled));
        } else if fit_signed(scaled as i64 as u64, 12) {
            self.word(store(size_log2, rd, rs, scaled));
        } else {
            let (upper, lower) = split_immediate(i64::from(scaled));
            self.load_upper_immediate(REG_TEMP2, upper);
            self.half(c_add(REG_TEMP2, rs));
            self.word(store(size_log2, rd, REG_TEMP2, lower as i32));
        }
    }

    /// Leaves `rs1 + (rs2 << size_log2)` in `REG_TEMP2`.
    fn scaled_index(&mut self, rs1: u32, rs2: u32, size_log2: u32) {
        if size_log2 > 0 && self.extensions.zba {
            self.word(shadd(size_log2, REG_TEMP2, rs2, rs1));
        } else if size_log2 > 0 {
            self.word(slli(REG_TEMP2, rs2, size_log2 as i32));
            self.half(c_add(REG_TEMP2, rs1));
        } else {
            self.word(add(REG_TEMP2, rs1, rs2));
        }
    }

    fn xor_optimised(&mut self, rd: u32, rs: u32) {
        if rs == rd {
            self.half(c_li(rd, 0));
        } else {
            self.word(xor(rd, rd, rs));
        }
    }

    fn less_than(&mut self, rs1: u32, rs2: u32, rd: u32, unsigned: bool) {
        self.word(type_r(OP, 0x02 | u32::from(unsigned), 0, rd, rs1, rs2));
    }
}

fn r(reg: Reg) -> u32 {
    u32::from(reg)
}

impl Assembler for AsmRv32 {
    const WORD_SIZE: usize = 4;
    const NLR_BUF_NUM_REGS: usize = 14;
    const NLR_BUF_IDX_LOCAL_1: usize = 6;

    const REG_RET: Reg = reg::A0 as Reg;
    const REG_ARG_1: Reg = reg::A0 as Reg;
    const REG_ARG_2: Reg = reg::A1 as Reg;
    const REG_ARG_3: Reg = reg::A2 as Reg;
    const REG_ARG_4: Reg = reg::A3 as Reg;
    const REG_TEMP0: Reg = REG_TEMP0 as Reg;
    const REG_TEMP1: Reg = reg::A5 as Reg;
    const REG_TEMP2: Reg = REG_TEMP2 as Reg;
    const REG_LOCAL_1: Reg = REG_LOCAL_1 as Reg;
    const REG_LOCAL_2: Reg = REG_LOCAL_2 as Reg;
    const REG_LOCAL_3: Reg = REG_LOCAL_3 as Reg;
    const REG_FUN_TABLE: Reg = REG_FUN_TABLE as Reg;
    const REG_ZERO: Option<Reg> = Some(reg::ZERO as Reg);

    fn base(&self) -> &AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }

    fn entry(&mut self, num_locals: usize) {
        self.locals_count = num_locals as u32;
        self.saved_registers_mask |=
            (1 << REG_FUN_TABLE) | (1 << REG_LOCAL_1) | (1 << REG_LOCAL_2) | (1 << REG_LOCAL_3);
        let registers = self.saved_registers_mask;
        if self.extensions.zcmp {
            self.compressed_function_prologue(registers);
        } else {
            self.function_prologue(registers);
        }
    }

    fn exit(&mut self) {
        let registers = self.saved_registers_mask;
        if self.extensions.zcmp {
            self.compressed_function_epilogue(registers);
        } else {
            self.function_epilogue(registers);
            self.half(c_jr(reg::RA));
        }
    }

    fn jump(&mut self, label: usize) {
        let (displacement, backward) = self.displacement(label);
        if backward && fit_signed(displacement as u64, 12) {
            self.half(c_j(displacement as i32));
        } else {
            self.auipc_jalr(displacement);
        }
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        self.jump_if_reg_eq(reg, reg::ZERO as Reg, label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, _bool_test: bool) {
        let rs = r(reg);
        let (mut displacement, backward) = self.displacement(label);
        if backward && fit_signed(displacement as u64, 8) && in_c_window(rs) {
            self.half(c_bnez(c_window(rs), displacement as i32));
            return;
        }
        if backward && fit_signed(displacement as u64, 13) {
            self.word(bne(rs, reg::ZERO, displacement as i32));
            return;
        }
        // Skip over a long jump when the register is zero.
        if backward && in_c_window(rs) {
            self.half(c_beqz(c_window(rs), 10));
            displacement -= 2;
        } else {
            self.word(beq(rs, reg::ZERO, 12));
            displacement -= 4;
        }
        self.auipc_jalr(displacement);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        let (displacement, backward) = self.displacement(label);
        if backward && fit_signed(displacement as u64, 13) {
            self.word(beq(r(reg1), r(reg2), displacement as i32));
            return;
        }
        self.word(bne(r(reg1), r(reg2), 12));
        self.auipc_jalr(displacement - 4);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.half(c_jr(r(reg)));
    }

    fn call_ind(&mut self, fun_id: usize) {
        let offset = (fun_id as u64).wrapping_mul(4);
        self.saved_registers_mask |= 1 << reg::RA;
        if fit_unsigned(offset, 6) {
            // Both the table and the scratch register are in the compressed window.
            self.saved_registers_mask |= 1 << INTERNAL_TEMPORARY;
            self.half(c_lw(
                c_window(INTERNAL_TEMPORARY),
                c_window(REG_FUN_TABLE),
                offset as i32,
            ));
            self.half(c_jalr(INTERNAL_TEMPORARY));
        } else if fit_unsigned(offset, 11) {
            self.word(lw(REG_TEMP2, REG_FUN_TABLE, offset as i32));
            self.half(c_jalr(REG_TEMP2));
        } else {
            let (upper, lower) = split_immediate(offset as i64);
            self.load_upper_immediate(REG_TEMP2, upper);
            self.half(c_add(REG_TEMP2, REG_FUN_TABLE));
            self.word(lw(REG_TEMP2, REG_TEMP2, lower as i32));
            self.half(c_jalr(REG_TEMP2));
        }
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        let offset = self.locals_offset(local_num);
        let rs = r(reg_src);
        if fit_unsigned(offset >> 2, 6) {
            self.half(c_swsp(rs, offset as u32));
        } else if fit_unsigned(offset, 11) {
            self.word(sw(rs, reg::SP, offset as i32));
        } else {
            let (upper, lower) = split_immediate(offset as i64);
            self.load_upper_immediate(REG_TEMP2, upper);
            self.half(c_add(REG_TEMP2, reg::SP));
            self.word(sw(rs, REG_TEMP2, lower as i32));
        }
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.load_immediate(r(reg_dest), imm);
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        let offset = self.locals_offset(local_num);
        let rd = r(reg_dest);
        if fit_unsigned(offset >> 2, 6) {
            self.half(c_lwsp(rd, offset as u32));
        } else if fit_unsigned(offset, 11) {
            self.word(lw(rd, reg::SP, offset as i32));
        } else {
            let (upper, lower) = split_immediate(offset as i64);
            self.load_upper_immediate(rd, upper);
            self.half(c_add(rd, reg::SP));
            self.word(lw(rd, rd, lower as i32));
        }
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.half(c_mv(r(reg_dest), r(reg_src)));
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        let offset = self.locals_offset(local_num);
        let rd = r(reg_dest);
        if fit_unsigned(offset, 10) && offset != 0 && in_c_window(rd) {
            self.half(c_addi4spn(c_window(rd), offset as u32));
        } else if fit_unsigned(offset, 11) {
            self.word(addi(rd, reg::SP, offset as i32));
        } else {
            self.load_full_immediate(rd, offset as i64);
            self.half(c_add(rd, reg::SP));
        }
    }

    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        let (displacement, _) = self.displacement(label);
        let (upper, lower) = split_immediate(displacement);
        self.word(auipc(r(reg_dest), upper as i32));
        self.word(addi(r(reg_dest), r(reg_dest), lower as i32));
    }

    fn not_reg(&mut self, reg: Reg) {
        self.word(xori(r(reg), r(reg), -1));
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.word(sub(r(reg), reg::ZERO, r(reg)));
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.word(sll(r(reg_dest), r(reg_dest), r(reg_shift)));
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.word(srl(r(reg_dest), r(reg_dest), r(reg_shift)));
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, reg_shift: Reg) {
        self.word(sra(r(reg_dest), r(reg_dest), r(reg_shift)));
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.word(or(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.xor_optimised(r(reg_dest), r(reg_src));
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        // MicroPython writes the operands as `and rd, rs, rd`.
        self.word(and(r(reg_dest), r(reg_src), r(reg_dest)));
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.half(c_add(r(reg_dest), r(reg_src)));
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.word(sub(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.word(mul(r(reg_dest), r(reg_dest), r(reg_src)));
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.xor_optimised(r(reg_dest), r(reg_dest));
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        let (rd, lhs, rhs) = (r(reg_dest), r(reg_lhs), r(reg_rhs));
        match cmp {
            Compare::Less => self.less_than(lhs, rhs, rd, unsigned),
            Compare::More => self.less_than(rhs, lhs, rd, unsigned),
            Compare::Equal => {
                self.word(sub(rd, lhs, rhs));
                self.word(sltiu(rd, rd, 1));
            }
            Compare::LessEqual => {
                self.less_than(rhs, lhs, rd, unsigned);
                self.word(xori(rd, rd, 1));
            }
            Compare::MoreEqual => {
                self.less_than(lhs, rhs, rd, unsigned);
                self.word(xori(rd, rd, 1));
            }
            Compare::NotEqual => {
                // MicroPython subtracts in this order for != (the reverse of ==).
                self.word(sub(rd, rhs, lhs));
                self.word(sltu(rd, reg::ZERO, rd));
            }
        }
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        self.load_sized(r(reg_dest), r(reg_base), word_offset as i32, 2);
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        self.load_sized(r(reg_dest), r(reg_base), byte_offset as i32, 0);
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        self.load_sized(r(reg_dest), r(reg_base), halfword_offset as i32, 1);
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        self.load_sized(r(reg_dest), r(reg_base), word32_offset as i32, 2);
    }

    fn load8_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 0);
        self.load_sized(r(reg_dest), REG_TEMP2, 0, 0);
    }

    fn load16_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 1);
        self.load_sized(r(reg_dest), REG_TEMP2, 0, 1);
    }

    fn load32_reg_reg_reg(&mut self, reg_dest: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 2);
        self.load_sized(r(reg_dest), REG_TEMP2, 0, 2);
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        self.store_sized(r(reg_src), r(reg_base), word_offset as i32, 2);
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        self.store_sized(r(reg_src), r(reg_base), byte_offset as i32, 0);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        self.store_sized(r(reg_src), r(reg_base), halfword_offset as i32, 1);
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        self.store_sized(r(reg_src), r(reg_base), word32_offset as i32, 2);
    }

    fn store8_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 0);
        self.store_sized(r(reg_src), REG_TEMP2, 0, 0);
    }

    fn store16_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 1);
        self.store_sized(r(reg_src), REG_TEMP2, 0, 1);
    }

    fn store32_reg_reg_reg(&mut self, reg_src: Reg, reg_base: Reg, reg_index: Reg) {
        self.scaled_index(r(reg_base), r(reg_index), 2);
        self.store_sized(r(reg_src), REG_TEMP2, 0, 2);
    }
}

#[cfg(test)]
mod encoding_tests {
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
}

#[cfg(test)]
mod assembler_tests {
    use super::*;
    use crate::asm::AsmPass;

    fn assemble_with(ext: Rv32Extensions, f: impl Fn(&mut AsmRv32)) -> Vec<u8> {
        let mut asm = AsmRv32::new(4, ext);
        for pass in [AsmPass::Compute, AsmPass::Compute, AsmPass::Emit] {
            asm.base.start_pass(pass);
            f(&mut asm);
            asm.end_pass();
        }
        asm.base.take_code()
    }

    fn hex(code: &[u8]) -> String {
        code.iter().map(|b| format!("{b:02x}")).collect()
    }

    const NONE: Rv32Extensions = Rv32Extensions {
        zba: false,
        zcmp: false,
    };

    // Expected code checked instruction by instruction with riscv64-unknown-elf-objdump
    // against the logic of py/asmrv32.c; Zcmp words decoded by hand.

    #[test]
    fn prologue_saves_the_used_callee_saved_registers() {
        // c.addi sp, -24 ; c.swsp s1, s2, s3, s4 ; c.lwsp ... ; c.addi sp, 24 ; c.jr ra
        let code = assemble_with(NONE, |a| {
            a.entry(2);
            a.exit();
        });
        assert_eq!(hex(&code), "211126c04ac24ec452c682441249a249324a61018280");
    }

    #[test]
    fn calls_add_ra_and_s0_to_the_saved_set_for_later_passes() {
        // c.addi sp, -32 ; c.swsp ra, s0, s1..s4 ; c.lw s0, 20(s1) ; c.jalr s0 ;
        // lw a6, 400(s1) ; c.jalr a6 ; c.lui a6, 1 ; c.add a6, s1 ; lw a6, -1696(a6) ;
        // c.jalr a6 ; c.lwsp ... ; addi sp, sp, 32 ; c.jr ra
        let code = assemble_with(NONE, |a| {
            a.entry(2);
            a.call_ind(5);
            a.call_ind(100);
            a.call_ind(600);
            a.exit();
        });
        assert_eq!(
            hex(&code),
            "011106c022c226c44ac64ec852cac048029403a8041902980568269803280896029882401244a244\
             3249c249524a130101028280"
        );
    }

    #[test]
    fn large_frames_and_far_locals_go_through_a_temporary() {
        let code = assemble_with(NONE, |a| {
            a.entry(600);
            a.mov_local_reg(1, 10);
            a.mov_reg_local(10, 1);
            a.mov_local_reg(20, 10);
            a.mov_reg_local(10, 20);
            a.mov_local_reg(599, 10);
            a.mov_reg_local(10, 599);
            a.mov_reg_local_addr(10, 1);
            a.mov_reg_local_addr(19, 1);
            a.mov_reg_local_addr(10, 599);
            a.exit();
        });
        // c.lui a4, -1 ; addi a4, a4, 1680 ; c.add sp, a4 ; c.swsp s1..s4 ;
        // c.swsp a0, 20 ; c.lwsp a0, 20 ; c.swsp a0, 96 ; c.lwsp a0, 96 ;
        // c.lui a6, 1 ; c.add a6, sp ; sw a0, -1684(a6) ; c.lui a0, 1 ; c.add a0, sp ;
        // lw a0, -1684(a0) ; c.addi4spn a0, sp, 20 ; addi s3, sp, 20 ;
        // c.lui a0, 1 ; addi a0, a0, -1684 ; c.add a0, sp ; c.lwsp s1..s4 ;
        // c.lui a4, 1 ; addi a4, a4, -1680 ; c.add sp, a4 ; c.jr ra
        assert_eq!(
            hex(&code),
            "7d77130707693a9126c04ac24ec452c62aca5245aad0065505680a982326a89605650a950325c596\
             48089309410105651305c5960a9582441249a249324a0567130707973a918280"
        );
    }

    #[test]
    fn zcmp_pushes_and_pops_with_the_frame_in_chunks() {
        let zcmp = Rv32Extensions {
            zba: false,
            zcmp: true,
        };
        // cm.push {ra, s0-s4}, -32 ; c.lw s0, 20(s1) ; c.jalr s0 ; cm.popret {ra, s0-s4}, 32
        let code = assemble_with(zcmp, |a| {
            a.entry(2);
            a.call_ind(5);
            a.exit();
        });
        assert_eq!(hex(&code), "92b8c048029492be");
        // cm.push {ra, s0-s4}, -80 ; c.addi sp, -24 ; c.addi sp, 24 ; cm.popret {ra, s0-s4}, 80
        let code = assemble_with(zcmp, |a| {
            a.entry(20);
            a.exit();
        });
        assert_eq!(hex(&code), "9eb8211161019ebe");
        // ... addi sp, sp, -344 ; addi sp, sp, 344 ...
        let code = assemble_with(zcmp, |a| {
            a.entry(100);
            a.exit();
        });
        assert_eq!(hex(&code), "9eb8130181ea130181159ebe");
    }

    #[test]
    fn immediates_take_the_shortest_sequence() {
        // c.li a0, 31 ; c.li a0, -32 ; addi a0, zero, 2047 ; lui a0, 0x12345 ;
        // addi a0, a0, 1656 ; lui a0, 0x80 ; addi a0, a0, -1 ; lui a0, 0x10 ;
        // lui a0, 0xfffee ; addi a0, a0, -837 ; lui a0, 0x10 ; c.addi a0, 16
        let code = assemble_with(NONE, |a| {
            for imm in [
                31,
                -32,
                2047,
                0x1234_5678,
                0x7ffff,
                0x10000,
                -0x12345,
                0x10010,
            ] {
                a.mov_reg_imm(10, imm);
            }
        });
        assert_eq!(
            hex(&code),
            "7d4501551305f07f3755341213058567370508001305f5ff3705010037e5feff1305b5cb37050100\
             4105"
        );
    }

    #[test]
    fn branches_are_short_only_backwards() {
        // bne a0, zero, +12 ; auipc a6, 0 ; jalr zero, -4(a6) (a label at the branch itself
        // is not behind it) ; c.bnez a0, 0 ; bne a6, zero, 0 ; beq a0, zero, +12 ;
        // auipc/jalr L1 ; bne a0, a1, +12 ; auipc/jalr L1 ; c.j 0 ; auipc/jalr L1 ;
        // L1: auipc a0, 0 ; addi a0, a0, -52
        let code = assemble_with(NONE, |a| {
            a.label_assign(0);
            a.jump_if_reg_zero(10, 0, false);
            a.jump_if_reg_nonzero(10, 0, false);
            a.jump_if_reg_nonzero(16, 0, false);
            a.jump_if_reg_nonzero(10, 1, false);
            a.jump_if_reg_eq(10, 11, 1);
            a.jump(0);
            a.jump(1);
            a.label_assign(1);
            a.mov_reg_pcrel(10, 0);
        });
        assert_eq!(
            hex(&code),
            "63160500170800006700c8ff75f9e31908fe63060500170800006700e8016316b500170800006700\
             2801d9bf1708000067008800170500001305c5fc"
        );
    }

    #[test]
    fn loads_and_stores_pick_the_shortest_form() {
        // c.lw a0, 12(a1) ; lw a0, 12(a6) ; lhu a0, -6(a1) ; c.lui a0, 1 ; c.add a0, a1 ;
        // lbu a0, 904(a0) ; c.sw a0, 12(a1) ; c.lui a6, 2 ; c.add a6, a1 ; sh a0, 1808(a6) ;
        // sb a0, 7(a1) ; slli a6, a2, 1 ; c.add a6, a1 ; lhu a0, 0(a6) ; slli a6, a2, 2 ;
        // c.add a6, a1 ; sw a0, 0(a6) ; add a6, a1, a2 ; lbu a0, 0(a6)
        let code = assemble_with(NONE, |a| {
            a.load32_reg_reg_offset(10, 11, 3);
            a.load32_reg_reg_offset(10, 16, 3);
            a.load16_reg_reg_offset(10, 11, -3);
            a.load8_reg_reg_offset(10, 11, 5000);
            a.store32_reg_reg_offset(10, 11, 3);
            a.store16_reg_reg_offset(10, 11, 5000);
            a.store8_reg_reg_offset(10, 11, 7);
            a.load16_reg_reg_reg(10, 11, 12);
            a.store32_reg_reg_reg(10, 11, 12);
            a.load8_reg_reg_reg(10, 11, 12);
        });
        assert_eq!(
            hex(&code),
            "c8450325c80003d5a5ff05652e9503458538c8c509682e982318a870a383a500131816002e980355\
             0800131826002e982320a8003388c50003450800"
        );
        // Zba: sh1add a6, a2, a1 ; lhu a0, 0(a6) ; sh2add a6, a2, a1 ; sw a0, 0(a6)
        let zba = Rv32Extensions {
            zba: true,
            zcmp: false,
        };
        let code = assemble_with(zba, |a| {
            a.load16_reg_reg_reg(10, 11, 12);
            a.store32_reg_reg_reg(10, 11, 12);
        });
        assert_eq!(hex(&code), "3328b620035508003348b6202320a800");
    }

    #[test]
    fn arithmetic_and_comparisons() {
        // and a0, a1, a0 ; xor a0, a0, a1 ; c.li a0, 0 ; xori a0, a0, -1 ; sub a0, zero, a0 ;
        // c.add a0, a1 ; c.mv a0, s3 ; c.jr a4
        let code = assemble_with(NONE, |a| {
            a.and_reg_reg(10, 11);
            a.xor_reg_reg(10, 11);
            a.clr_reg(10);
            a.not_reg(10);
            a.neg_reg(10);
            a.add_reg_reg(10, 11);
            a.mov_reg_reg(10, 19);
            a.jump_reg(14);
        });
        assert_eq!(
            hex(&code),
            "33f5a5003345b50001451345f5ff3305a0402e954e850287"
        );
        // sltu a0, a1, a2 ; sltu a0, a2, a1 ; sub a0, a1, a2 ; sltiu a0, a0, 1 ;
        // sltu a0, a2, a1 ; xori a0, a0, 1 ; sltu a0, a1, a2 ; xori a0, a0, 1 ;
        // sub a0, a2, a1 ; sltu a0, zero, a0 ; slt a0, a1, a2
        let code = assemble_with(NONE, |a| {
            for cmp in [
                Compare::Less,
                Compare::More,
                Compare::Equal,
                Compare::LessEqual,
                Compare::MoreEqual,
                Compare::NotEqual,
            ] {
                a.set_reg_compare(cmp, true, 10, 11, 12);
            }
            a.set_reg_compare(Compare::Less, false, 10, 11, 12);
        });
        assert_eq!(
            hex(&code),
            "33b5c5003335b6003385c540133515003335b6001345150033b5c500134515003305b6403335a000\
             33a5c500"
        );
    }
}
