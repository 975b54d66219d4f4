//! The raw RV32IMC, Zba and Zcmp encoders (the `asm_rv32_opcode_*` functions of
//! `py/asmrv32.h`): instruction formats and one function per instruction.
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

pub(crate) const OP: u32 = 0x33;
pub(crate) const OP_IMM: u32 = 0x13;
pub(crate) const LOAD: u32 = 0x03;
pub(crate) const STORE: u32 = 0x23;
pub(crate) const BRANCH: u32 = 0x63;
pub(crate) const SYSTEM: u32 = 0x73;

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
