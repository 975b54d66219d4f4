//! `@micropython.asm_rv32` (as py/emitinlinerv32.c): RV32IMC instructions named like their
//! mnemonics (dots become underscores: `c_addi`; `and_`/`or_` for the Python keywords),
//! the Zba `shNadd` ones with `-march-flags=zba` and the Zcmp `cm_*` ones with `zcmp`.
//! Loads and stores take `offset(base)`. There is no prologue: the function body runs in
//! its caller's frame and `c.jr ra` ends it, so parameters arrive in a0-a3 and the result
//! leaves in a0.
//!
//! Every operand is checked against a bit mask of the values its field can hold; the first
//! bad operand stops the instruction. A label not seen yet reads, during the code-size pass,
//! as if it were at offset 0: MicroPython reads one slot past its label table there, which
//! holds zero in practice.

use super::{arg_str, int_value, InlineAssembler};
use crate::asm::rv32::{self as rv, AsmRv32, Rv32Extensions};
use crate::asm::{AsmBase, AsmPass, Assembler};
use crate::parse_tree::{Node, QstrPool, Rule};
use crate::qstr::Qstr;
use crate::token::TokenKind;

/// Register names in encoding order, ABI names first; a name's number is its position mod 32.
const REGISTER_NAMES: [&str; 64] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
    "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25",
    "x26", "x27", "x28", "x29", "x30", "x31",
];

/// What an operand is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    /// A register; `compressed` maps x8..x15 to 0..7.
    Reg {
        compressed: bool,
    },
    /// An integer, shifted left by `shift`, checked as signed or unsigned, maybe non-zero.
    Imm {
        unsigned: bool,
        non_zero: bool,
        shift: u32,
    },
    /// A label, as the displacement from the instruction.
    Label,
}

const N: Kind = Kind::None;
const R: Kind = Kind::Reg { compressed: false };
const RC: Kind = Kind::Reg { compressed: true };
const I: Kind = imm(false, false, 0);
const IU: Kind = imm(true, false, 0);
const IZ: Kind = imm(false, true, 0);
const IUZ: Kind = imm(true, true, 0);
const L: Kind = Kind::Label;

const fn imm(unsigned: bool, non_zero: bool, shift: u32) -> Kind {
    Kind::Imm {
        unsigned,
        non_zero,
        shift,
    }
}

/// How the operands are laid out in the call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Each operand is its own argument.
    Plain,
    /// `rd, offset(base)`: the second argument holds operands 2 and 3.
    RegOffsetBase,
}

struct Opcode {
    name: &'static str,
    masks: [u32; 3],
    kinds: [Kind; 3],
    arguments: usize,
    shape: Shape,
    needs_zba: bool,
}

const fn op(name: &'static str, arguments: usize, kinds: [Kind; 3], masks: [u32; 3]) -> Opcode {
    Opcode {
        name,
        masks,
        kinds,
        arguments,
        shape: Shape::Plain,
        needs_zba: false,
    }
}

const fn mem(name: &'static str, kinds: [Kind; 3], masks: [u32; 3]) -> Opcode {
    Opcode {
        name,
        masks,
        kinds,
        arguments: 2,
        shape: Shape::RegOffsetBase,
        needs_zba: false,
    }
}

const fn zba(name: &'static str) -> Opcode {
    Opcode {
        needs_zba: true,
        ..op(name, 3, [R, R, R], [ALL, ALL, ALL])
    }
}

const ALL: u32 = 0xffff_ffff;
/// Any register but x0.
const NOT_X0: u32 = 0xffff_fffe;
/// x8..x15.
const C_WINDOW: u32 = 0x0000_ff00;

const OPCODES: [Opcode; 85] = [
    op("add", 3, [R, R, R], [ALL, ALL, ALL]),
    op("addi", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op("and_", 3, [R, R, R], [ALL, ALL, ALL]),
    op("andi", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op(
        "auipc",
        2,
        [R, imm(false, false, 12), N],
        [ALL, 0xffff_f000, 0],
    ),
    op("beq", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("bge", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("bgeu", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("blt", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("bltu", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("bne", 3, [R, R, L], [ALL, ALL, 0x1ffe]),
    op("csrrc", 3, [R, R, IU], [ALL, ALL, 0xfff]),
    op("csrrs", 3, [R, R, IU], [ALL, ALL, 0xfff]),
    op("csrrw", 3, [R, R, IU], [ALL, ALL, 0xfff]),
    op("csrrci", 3, [R, IU, IU], [ALL, 0xfff, 0x1f]),
    op("csrrsi", 3, [R, IU, IU], [ALL, 0xfff, 0x1f]),
    op("csrrwi", 3, [R, IU, IU], [ALL, 0xfff, 0x1f]),
    op("c_add", 2, [R, R, N], [NOT_X0, NOT_X0, 0]),
    op("c_addi", 2, [R, IZ, N], [NOT_X0, 0x3f, 0]),
    op("c_addi4spn", 2, [R, IUZ, N], [C_WINDOW, 0x3fc, 0]),
    op("c_and", 2, [RC, RC, N], [C_WINDOW, C_WINDOW, 0]),
    op("c_andi", 2, [RC, I, N], [C_WINDOW, 0x3f, 0]),
    op("c_beqz", 2, [RC, L, N], [C_WINDOW, 0x1fe, 0]),
    op("c_bnez", 2, [RC, L, N], [C_WINDOW, 0x1fe, 0]),
    op("c_ebreak", 0, [N, N, N], [0, 0, 0]),
    op("c_j", 1, [L, N, N], [0xffe, 0, 0]),
    op("c_jal", 1, [L, N, N], [0xffe, 0, 0]),
    op("c_jalr", 1, [R, N, N], [NOT_X0, 0, 0]),
    op("c_jr", 1, [R, N, N], [NOT_X0, 0, 0]),
    op("c_li", 2, [R, I, N], [NOT_X0, 0x3f, 0]),
    op(
        "c_lui",
        2,
        [R, imm(true, true, 12), N],
        [0xffff_fffa, 0x1_f800, 0],
    ),
    mem("c_lw", [RC, I, RC], [C_WINDOW, 0x7c, C_WINDOW]),
    op("c_lwsp", 2, [R, I, N], [NOT_X0, 0xfc, 0]),
    op("c_mv", 2, [R, R, N], [NOT_X0, NOT_X0, 0]),
    op("c_nop", 0, [N, N, N], [0, 0, 0]),
    op("c_or", 2, [RC, RC, N], [C_WINDOW, C_WINDOW, 0]),
    op("c_slli", 2, [R, IU, N], [NOT_X0, 0x1f, 0]),
    op("c_srai", 2, [RC, IU, N], [C_WINDOW, 0x1f, 0]),
    op("c_srli", 2, [RC, IU, N], [C_WINDOW, 0x1f, 0]),
    op("c_sub", 2, [RC, RC, N], [C_WINDOW, C_WINDOW, 0]),
    mem("c_sw", [RC, I, RC], [C_WINDOW, 0x7c, C_WINDOW]),
    op("c_swsp", 2, [R, I, N], [ALL, 0xfc, 0]),
    op("c_xor", 2, [RC, RC, N], [C_WINDOW, C_WINDOW, 0]),
    op("div", 3, [R, R, R], [ALL, ALL, ALL]),
    op("divu", 3, [R, R, R], [ALL, ALL, ALL]),
    op("ebreak", 0, [N, N, N], [0, 0, 0]),
    op("ecall", 0, [N, N, N], [0, 0, 0]),
    op("jal", 2, [R, L, N], [ALL, 0x1f_fffe, 0]),
    op("jalr", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op("la", 2, [R, L, N], [ALL, ALL, 0]),
    mem("lb", [R, I, R], [ALL, 0xfff, ALL]),
    mem("lbu", [R, I, R], [ALL, 0xfff, ALL]),
    mem("lh", [R, I, R], [ALL, 0xfff, ALL]),
    mem("lhu", [R, I, R], [ALL, 0xfff, ALL]),
    op("li", 2, [R, I, N], [ALL, ALL, 0]),
    op(
        "lui",
        2,
        [R, imm(false, false, 12), N],
        [ALL, 0xffff_f000, 0],
    ),
    mem("lw", [R, I, R], [ALL, 0xfff, ALL]),
    op("mv", 2, [R, R, N], [ALL, ALL, 0]),
    op("mul", 3, [R, R, R], [ALL, ALL, ALL]),
    op("mulh", 3, [R, R, R], [ALL, ALL, ALL]),
    op("mulhsu", 3, [R, R, R], [ALL, ALL, ALL]),
    op("mulhu", 3, [R, R, R], [ALL, ALL, ALL]),
    op("or_", 3, [R, R, R], [ALL, ALL, ALL]),
    op("ori", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op("rem", 3, [R, R, R], [ALL, ALL, ALL]),
    op("remu", 3, [R, R, R], [ALL, ALL, ALL]),
    mem("sb", [R, I, R], [ALL, 0xfff, ALL]),
    mem("sh", [R, I, R], [ALL, 0xfff, ALL]),
    zba("sh1add"),
    zba("sh2add"),
    zba("sh3add"),
    op("sll", 3, [R, R, R], [ALL, ALL, ALL]),
    op("slli", 3, [R, R, IU], [ALL, ALL, 0x1f]),
    op("slt", 3, [R, R, R], [ALL, ALL, ALL]),
    op("slti", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op("sltiu", 3, [R, R, I], [ALL, ALL, 0xfff]),
    op("sltu", 3, [R, R, R], [ALL, ALL, ALL]),
    op("sra", 3, [R, R, R], [ALL, ALL, ALL]),
    op("srai", 3, [R, R, IU], [ALL, ALL, 0x1f]),
    op("srl", 3, [R, R, R], [ALL, ALL, ALL]),
    op("srli", 3, [R, R, IU], [ALL, ALL, 0x1f]),
    op("sub", 3, [R, R, R], [ALL, ALL, ALL]),
    mem("sw", [R, I, R], [ALL, 0xfff, ALL]),
    op("xor", 3, [R, R, R], [ALL, ALL, ALL]),
    op("xori", 3, [R, R, I], [ALL, ALL, 0xfff]),
];

/// Whether `value` fits the contiguous `mask` as a two's-complement number (the mask's top
/// bit is the sign; bits below the mask must be clear). Only the low 32 bits count.
fn in_signed_mask(mask: u32, value: u64) -> bool {
    let value = value as u32;
    let leading_zeros = mask.leading_zeros();
    if leading_zeros == 0 {
        return true;
    }
    let positive_mask = !(mask & !(1u32 << (31 - leading_zeros)));
    if value & positive_mask == 0 {
        return true;
    }
    let mut negative_mask = !(mask >> 1);
    let trailing_zeros = mask.trailing_zeros();
    if trailing_zeros > 0 {
        let trailing_mask = (1u32 << trailing_zeros) - 1;
        if value & trailing_mask != 0 {
            return false;
        }
        negative_mask &= !trailing_mask;
    }
    value & negative_mask == negative_mask
}

/// Whether `value` has no bit outside `mask` (all 64 bits of the host integer count).
fn in_unsigned_mask(mask: u32, value: u64) -> bool {
    value & !u64::from(mask) == 0
}

fn register_number(node: &Node, pool: &QstrPool) -> Option<u32> {
    let Node::Id(_) = node else {
        return None;
    };
    let name = arg_str(node, pool);
    REGISTER_NAMES
        .iter()
        .position(|&n| n == name)
        .map(|i| i as u32 % 32)
}

/// The inline RV32 assembler for one module.
pub struct InlineRv32 {
    asm: AsmRv32,
    extensions: Rv32Extensions,
    pass: AsmPass,
    label_lookup: Vec<Option<Qstr>>,
}

impl InlineRv32 {
    /// An assembler allowed the `-march-flags` extensions in `extensions`.
    pub fn new(extensions: Rv32Extensions) -> Self {
        InlineRv32 {
            asm: AsmRv32::new(0, extensions),
            extensions,
            pass: AsmPass::Compute,
            label_lookup: Vec::new(),
        }
    }

    /// One operand, as the value its encoder takes.
    fn operand(
        &self,
        opcode: &Opcode,
        node: &Node,
        index: usize,
        pool: &QstrPool,
    ) -> Result<u64, String> {
        let name = opcode.name;
        let (kind, mask) = (opcode.kinds[index], opcode.masks[index]);
        let position = index + 1;
        match kind {
            Kind::None => Ok(0),
            Kind::Reg { compressed } => {
                let Some(register) = register_number(node, pool) else {
                    return Err(format!(
                        "opcode '{name}' argument {position}: expecting register"
                    ));
                };
                if mask & (1 << register) == 0 {
                    return Err(format!(
                        "opcode '{name}' argument {position}: unknown register"
                    ));
                }
                Ok(u64::from(if compressed {
                    rv::c_window(register)
                } else {
                    register
                }))
            }
            Kind::Imm {
                unsigned,
                non_zero,
                shift,
            } => {
                let Some(value) = int_value(node) else {
                    return Err(format!(
                        "opcode '{name}' argument {position}: expecting integer"
                    ));
                };
                let immediate = (value as u64).wrapping_shl(shift);
                let fits = if unsigned {
                    in_unsigned_mask(mask, immediate)
                } else {
                    in_signed_mask(mask, immediate)
                };
                if !fits {
                    return Err(format!("opcode '{name}' argument {position}: out of range"));
                }
                if non_zero && immediate == 0 {
                    return Err(format!(
                        "opcode '{name}' argument {position}: must not be zero"
                    ));
                }
                Ok(immediate)
            }
            Kind::Label => {
                let Node::Id(label) = node else {
                    return Err(format!(
                        "opcode '{name}' argument {position}: expecting label"
                    ));
                };
                let found = self.label_lookup.iter().position(|l| *l == Some(*label));
                let target = match found {
                    Some(num) => self.asm.base().label_offset(num).unwrap_or(usize::MAX),
                    None if self.pass == AsmPass::Emit => {
                        return Err(format!(
                            "opcode '{name}' argument {position}: undefined label '{}'",
                            pool.text(*label)
                        ));
                    }
                    None => 0,
                };
                let displacement = (target as u64).wrapping_sub(self.asm.code_pos() as u64);
                if !in_signed_mask(mask, displacement) {
                    return Err(format!("opcode '{name}' argument {position}: out of range"));
                }
                Ok(displacement)
            }
        }
    }

    /// `offset(base)`, or `-offset(base)`: operands 2 and 3.
    fn offset_and_base(
        &self,
        opcode: &Opcode,
        node: &Node,
        pool: &QstrPool,
    ) -> Result<(u64, u64), String> {
        let name = opcode.name;
        let invalid = || format!("opcode '{name}' argument 2: expecting offset");
        let (negative, call) = if node.is_struct(Rule::AtomExprNormal) {
            (false, node)
        } else if node.is_struct(Rule::Factor2) {
            let [sign, call] = node.children() else {
                return Err(invalid());
            };
            let negative = match sign {
                Node::Token(TokenKind::OpMinus) => true,
                Node::Token(TokenKind::OpPlus) => false,
                _ => return Err(invalid()),
            };
            if !call.is_struct(Rule::AtomExprNormal) {
                return Err(invalid());
            }
            (negative, call)
        } else {
            return Err(invalid());
        };
        let [offset_node, trailer] = call.children() else {
            return Err(invalid());
        };
        let offset = if negative {
            let Some(value) = int_value(offset_node) else {
                return Err(format!("opcode '{name}' argument 2: expecting integer"));
            };
            let value = (value as u64).wrapping_neg();
            let Kind::Imm {
                unsigned,
                non_zero,
                shift,
            } = opcode.kinds[1]
            else {
                return Err(invalid());
            };
            let shifted = value.wrapping_shl(shift);
            let mask = opcode.masks[1];
            let fits = if unsigned {
                in_unsigned_mask(mask, shifted)
            } else {
                in_signed_mask(mask, shifted)
            } && !(non_zero && shifted == 0);
            if !fits {
                return Err(format!("opcode '{name}' argument 2: out of range"));
            }
            value
        } else {
            self.operand(opcode, offset_node, 1, pool)?
        };
        let base_node = trailer.children().first().unwrap_or(&Node::Null);
        let base = self.operand(opcode, base_node, 2, pool)?;
        Ok((offset, base))
    }

    fn emit(&mut self, name: &str, a: [u64; 3]) {
        let r = |i: usize| a[i] as u32;
        let i = |i: usize| a[i] as i32;
        let asm = &mut self.asm;
        match name {
            "add" => asm.word(rv::add(r(0), r(1), r(2))),
            "addi" => asm.word(rv::addi(r(0), r(1), i(2))),
            "and_" => asm.word(rv::and(r(0), r(1), r(2))),
            "andi" => asm.word(rv::andi(r(0), r(1), i(2))),
            "auipc" => asm.word(rv::auipc(r(0), i(1))),
            "beq" => asm.word(rv::beq(r(0), r(1), i(2))),
            "bge" => asm.word(rv::bge(r(0), r(1), i(2))),
            "bgeu" => asm.word(rv::bgeu(r(0), r(1), i(2))),
            "blt" => asm.word(rv::blt(r(0), r(1), i(2))),
            "bltu" => asm.word(rv::bltu(r(0), r(1), i(2))),
            "bne" => asm.word(rv::bne(r(0), r(1), i(2))),
            "csrrc" => asm.word(rv::csrrc(r(0), r(1), i(2))),
            "csrrs" => asm.word(rv::csrrs(r(0), r(1), i(2))),
            "csrrw" => asm.word(rv::csrrw(r(0), r(1), i(2))),
            "csrrci" => asm.word(rv::csrrci(r(0), r(1), i(2))),
            "csrrsi" => asm.word(rv::csrrsi(r(0), r(1), i(2))),
            "csrrwi" => asm.word(rv::csrrwi(r(0), r(1), i(2))),
            "c_add" => asm.half(rv::c_add(r(0), r(1))),
            "c_addi" => asm.half(rv::c_addi(r(0), i(1))),
            "c_addi4spn" => asm.half(rv::c_addi4spn(r(0), r(1))),
            "c_and" => asm.half(rv::c_and(r(0), r(1))),
            "c_andi" => asm.half(rv::c_andi(r(0), i(1))),
            "c_beqz" => asm.half(rv::c_beqz(r(0), i(1))),
            "c_bnez" => asm.half(rv::c_bnez(r(0), i(1))),
            "c_ebreak" => asm.half(rv::c_ebreak()),
            "c_j" => asm.half(rv::c_j(i(0))),
            "c_jal" => asm.half(rv::c_jal(i(0))),
            "c_jalr" => asm.half(rv::c_jalr(r(0))),
            "c_jr" => asm.half(rv::c_jr(r(0))),
            "c_li" => asm.half(rv::c_li(r(0), i(1))),
            "c_lui" => asm.half(rv::c_lui(r(0), i(1))),
            // Memory operands arrive as (register, offset, base).
            "c_lw" => asm.half(rv::c_lw(r(0), r(2), i(1))),
            "c_lwsp" => asm.half(rv::c_lwsp(r(0), r(1))),
            "c_mv" | "mv" => asm.half(rv::c_mv(r(0), r(1))),
            "c_nop" => asm.half(rv::c_nop()),
            "c_or" => asm.half(rv::c_or(r(0), r(1))),
            "c_slli" => asm.half(rv::c_slli(r(0), i(1))),
            "c_srai" => asm.half(rv::c_srai(r(0), i(1))),
            "c_srli" => asm.half(rv::c_srli(r(0), i(1))),
            "c_sub" => asm.half(rv::c_sub(r(0), r(1))),
            "c_sw" => asm.half(rv::c_sw(r(0), r(2), i(1))),
            "c_swsp" => asm.half(rv::c_swsp(r(0), r(1))),
            "c_xor" => asm.half(rv::c_xor(r(0), r(1))),
            "div" => asm.word(rv::div(r(0), r(1), r(2))),
            "divu" => asm.word(rv::divu(r(0), r(1), r(2))),
            "ebreak" => asm.word(rv::ebreak()),
            "ecall" => asm.word(rv::ecall()),
            "jal" => asm.word(rv::jal(r(0), i(1))),
            "jalr" => asm.word(rv::jalr(r(0), r(1), i(2))),
            "la" => {
                // Always both instructions, so that label addresses do not move.
                let mut upper = a[1] & 0xffff_f000;
                let lower = a[1] & 0xfff;
                if lower & 0x800 != 0 {
                    upper = upper.wrapping_add(0x1000);
                }
                asm.word(rv::auipc(r(0), upper as i32));
                asm.word(rv::addi(r(0), r(0), lower as i32));
            }
            "lb" => asm.word(rv::lb(r(0), r(2), i(1))),
            "lbu" => asm.word(rv::lbu(r(0), r(2), i(1))),
            "lh" => asm.word(rv::lh(r(0), r(2), i(1))),
            "lhu" => asm.word(rv::lhu(r(0), r(2), i(1))),
            "li" => asm.load_immediate(r(0), a[1] as i64),
            "lui" => asm.word(rv::lui(r(0), i(1))),
            "lw" => asm.word(rv::lw(r(0), r(2), i(1))),
            "mul" => asm.word(rv::mul(r(0), r(1), r(2))),
            "mulh" => asm.word(rv::mulh(r(0), r(1), r(2))),
            "mulhsu" => asm.word(rv::mulhsu(r(0), r(1), r(2))),
            "mulhu" => asm.word(rv::mulhu(r(0), r(1), r(2))),
            "or_" => asm.word(rv::or(r(0), r(1), r(2))),
            "ori" => asm.word(rv::ori(r(0), r(1), i(2))),
            "rem" => asm.word(rv::rem(r(0), r(1), r(2))),
            "remu" => asm.word(rv::remu(r(0), r(1), r(2))),
            "sb" => asm.word(rv::sb(r(0), r(2), i(1))),
            "sh" => asm.word(rv::sh(r(0), r(2), i(1))),
            "sh1add" => asm.word(rv::shadd(1, r(0), r(1), r(2))),
            "sh2add" => asm.word(rv::shadd(2, r(0), r(1), r(2))),
            "sh3add" => asm.word(rv::shadd(3, r(0), r(1), r(2))),
            "sll" => asm.word(rv::sll(r(0), r(1), r(2))),
            "slli" => asm.word(rv::slli(r(0), r(1), i(2))),
            "slt" => asm.word(rv::slt(r(0), r(1), r(2))),
            "slti" => asm.word(rv::slti(r(0), r(1), i(2))),
            "sltiu" => asm.word(rv::sltiu(r(0), r(1), i(2))),
            "sltu" => asm.word(rv::sltu(r(0), r(1), r(2))),
            "sra" => asm.word(rv::sra(r(0), r(1), r(2))),
            "srai" => asm.word(rv::srai(r(0), r(1), i(2))),
            "srl" => asm.word(rv::srl(r(0), r(1), r(2))),
            "srli" => asm.word(rv::srli(r(0), r(1), i(2))),
            "sub" => asm.word(rv::sub(r(0), r(1), r(2))),
            "sw" => asm.word(rv::sw(r(0), r(2), i(1))),
            "xor" => asm.word(rv::xor(r(0), r(1), r(2))),
            "xori" => asm.word(rv::xori(r(0), r(1), i(2))),
            _ => {}
        }
    }

    /// `{ra}`, `{ra, s0}`, `{ra, s0-sN}` as Zcmp's register-list code.
    fn register_list(node: &Node, pool: &QstrPool) -> Option<u32> {
        let is = |node: &Node, register: u32| register_number(node, pool) == Some(register);
        if !node.is_struct(Rule::AtomBrace) || node.children().len() != 1 {
            return None;
        }
        let inner = &node.children()[0];
        if let Node::Id(_) = inner {
            return is(inner, rv::reg::RA).then_some(4);
        }
        if !inner.is_struct(Rule::Dictorsetmaker) || inner.children().len() != 2 {
            return None;
        }
        let [first, rest] = inner.children() else {
            return None;
        };
        if !matches!(first, Node::Id(_))
            || !rest.is_struct(Rule::DictorsetmakerList)
            || !is(first, rv::reg::RA)
        {
            return None;
        }
        let items = rest.extract_list(Rule::DictorsetmakerList2);
        let [list] = items else {
            return None;
        };
        if !list.is_struct(Rule::DictorsetmakerList) || list.children().len() != 1 {
            return None;
        }
        let item = &list.children()[0];
        if let Node::Id(_) = item {
            return is(item, rv::reg::S0).then_some(5);
        }
        if !item.is_struct(Rule::ArithExpr) {
            return None;
        }
        let [from, Node::Token(TokenKind::OpMinus), to] = item.children() else {
            return None;
        };
        if !matches!(from, Node::Id(_)) || !matches!(to, Node::Id(_)) || !is(from, rv::reg::S0) {
            return None;
        }
        let last = register_number(to, pool)?;
        match last {
            rv::reg::S10 => None,
            rv::reg::S1 => Some(6),
            r if (rv::reg::S2..=rv::reg::S11).contains(&r) => {
                Some(7 + r.min(rv::reg::S10) - rv::reg::S2)
            }
            _ => None,
        }
    }

    /// The Zcmp instructions; `false` for any failure (the caller then reports the name as
    /// an invalid instruction, as MicroPython does, whatever went wrong).
    fn zcmp(&mut self, name: &str, args: &[Node], pool: &QstrPool) -> bool {
        let [a0, a1] = args else {
            return false;
        };
        match name {
            "cm_mva01s" | "cm_mvsa01" => {
                let sreg = |node: &Node| {
                    register_number(node, pool).filter(|r| (1u32 << r) & 0x00fc_0300 != 0)
                };
                let (Some(lhs), Some(rhs)) = (sreg(a0), sreg(a1)) else {
                    return false;
                };
                if lhs == rhs {
                    return false;
                }
                let op = if name == "cm_mva01s" {
                    rv::cm_mva01s(lhs, rhs)
                } else {
                    rv::cm_mvsa01(lhs, rhs)
                };
                self.asm.half(op);
                true
            }
            "cm_push" | "cm_pop" | "cm_popret" | "cm_popretz" => {
                let Some(list) = Self::register_list(a0, pool) else {
                    return false;
                };
                let Some(adjustment) = int_value(a1) else {
                    return false;
                };
                let adjustment = adjustment as i32;
                let push = name == "cm_push";
                if adjustment.unsigned_abs() & !0x30 != 0
                    || (push && adjustment > 0)
                    || (!push && adjustment < 0)
                {
                    return false;
                }
                let chunks = adjustment.unsigned_abs();
                let op = match name {
                    "cm_push" => rv::cm_push(list, chunks),
                    "cm_pop" => rv::cm_pop(list, chunks),
                    "cm_popret" => rv::cm_popret(list, chunks),
                    _ => rv::cm_popretz(list, chunks),
                };
                self.asm.half(op);
                true
            }
            _ => false,
        }
    }
}

impl InlineAssembler for InlineRv32 {
    fn start_pass(&mut self, pass: AsmPass) {
        self.pass = pass;
        if pass == AsmPass::Compute {
            self.label_lookup.fill(None);
        }
        self.asm.base_mut().start_pass(pass);
    }

    fn end_pass(&mut self, _type_sig: u32) {
        self.asm.half(rv::c_jr(rv::reg::RA));
    }

    fn count_params(&mut self, params: &[Node], pool: &QstrPool) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters for RV32 assembly".into());
        }
        for (i, param) in params.iter().enumerate() {
            if register_number(param, pool) != Some(rv::reg::A0 + i as u32) {
                return Err("parameters must be registers in sequence a0 to a3".into());
            }
        }
        Ok(params.len())
    }

    fn label(&mut self, label_num: usize, name: Qstr) -> bool {
        if self.pass == AsmPass::Compute && self.label_lookup.contains(&Some(name)) {
            return false;
        }
        if self.label_lookup.len() <= label_num {
            self.label_lookup.resize(label_num + 1, None);
        }
        self.label_lookup[label_num] = Some(name);
        self.asm.base_mut().label_assign(label_num);
        true
    }

    fn op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> Result<(), String> {
        let opcode = OPCODES.iter().find(|o| o.name == op);
        if self.extensions.zcmp && opcode.is_none() && args.len() == 2 && self.zcmp(op, args, pool)
        {
            return Ok(());
        }
        let Some(opcode) = opcode.filter(|o| !o.needs_zba || self.extensions.zba) else {
            return Err(format!("invalid RV32 instruction '{op}'"));
        };
        if args.len() != opcode.arguments {
            return Err(format!(
                "opcode '{op}': expecting {} arguments",
                opcode.arguments
            ));
        }
        let mut operands = [0u64; 3];
        if let Some(first) = args.first() {
            operands[0] = self.operand(opcode, first, 0, pool)?;
        }
        match opcode.shape {
            Shape::RegOffsetBase => {
                let (offset, base) = self.offset_and_base(opcode, &args[1], pool)?;
                operands[1] = offset;
                operands[2] = base;
            }
            Shape::Plain => {
                for (index, arg) in args.iter().enumerate().skip(1) {
                    operands[index] = self.operand(opcode, arg, index, pool)?;
                }
            }
        }
        self.emit(op, operands);
        Ok(())
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        self.asm.base_mut()
    }
}
