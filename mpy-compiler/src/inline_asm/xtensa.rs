//! `@micropython.asm_xtensa` (as py/emitinlinextensa.c): Xtensa instructions named like
//! their mnemonics (`and_`, `or_`, `abs_` where the name is a Python keyword or builtin).
//! Every function starts with the entry of the `-march` ABI for no locals (call0 for
//! `xtensa`, windowed for `xtensawin`) and ends with its exit, so parameters arrive in a2-a5
//! and the result leaves in a2. `movi` always loads through the constant table (`l32r`),
//! which is why the code-size pass runs twice.
//!
//! As in the C code, an argument error does not stop the instruction: the argument reads as
//! 0, the instruction is still emitted, and the last error of the instruction is the one
//! reported.

use super::{arg_str, int_value, InlineAssembler};
use crate::asm::xtensa::{self as x, AsmXtensa};
use crate::asm::{AsmBase, AsmPass, Assembler};
use crate::parse_tree::{Node, QstrPool};
use crate::qstr::Qstr;

/// Operand slot of a table entry: a fixed field value below 16, else argument 0, 1 or 2.
const ARG0: u8 = 1 << 4;
const ARG1: u8 = 2 << 4;
const ARG2: u8 = 3 << 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Rrr,
    /// 8-bit immediate in argument 2; `scale` is the log2 of its unit (0 for a signed byte).
    Rri8 {
        scale: u32,
        signed: bool,
    },
    Rrrn,
}

/// One row of the table of regular instructions.
struct Opcode {
    name: &'static str,
    operands: usize,
    op2: u32,
    op1: u32,
    op0: u32,
    r: u8,
    s: u8,
    t: u8,
    format: Format,
}

const fn rrr(name: &'static str, operands: usize, op2: u32, op1: u32, fields: [u8; 3]) -> Opcode {
    Opcode {
        name,
        operands,
        op2,
        op1,
        op0: 0,
        r: fields[0],
        s: fields[1],
        t: fields[2],
        format: Format::Rrr,
    }
}

const fn rri8(name: &'static str, r: u8, scale: u32, signed: bool) -> Opcode {
    Opcode {
        name,
        operands: 3,
        op2: 0,
        op1: 0,
        op0: 2,
        r,
        s: ARG1,
        t: ARG0,
        format: Format::Rri8 { scale, signed },
    }
}

const fn rrrn(name: &'static str, operands: usize, op0: u32, fields: [u8; 3]) -> Opcode {
    Opcode {
        name,
        operands,
        op2: 0,
        op1: 0,
        op0,
        r: fields[0],
        s: fields[1],
        t: fields[2],
        format: Format::Rrrn,
    }
}

/// The regular instructions mpy-cross accepts (its build leaves out the uncommon ones).
const OPCODES: [Opcode; 41] = [
    rrr("abs_", 2, 6, 0, [ARG0, 1, ARG1]),
    rrr("add", 3, 8, 0, [ARG0, ARG1, ARG2]),
    rrrn("add_n", 3, 10, [ARG0, ARG1, ARG2]),
    rri8("addi", 12, 0, true),
    rrr("addx2", 3, 9, 0, [ARG0, ARG1, ARG2]),
    rrr("addx4", 3, 10, 0, [ARG0, ARG1, ARG2]),
    rrr("addx8", 3, 11, 0, [ARG0, ARG1, ARG2]),
    rrr("and_", 3, 1, 0, [ARG0, ARG1, ARG2]),
    rrr("callx0", 1, 0, 0, [0, ARG0, 12]),
    rrr("jx", 1, 0, 0, [0, ARG0, 10]),
    rri8("l16si", 9, 1, false),
    rri8("l16ui", 1, 1, false),
    rri8("l32i", 2, 2, false),
    rri8("l8ui", 0, 0, false),
    rrrn("mov", 2, 13, [0, ARG1, ARG0]),
    rrrn("mov_n", 2, 13, [0, ARG1, ARG0]),
    rrr("mull", 3, 8, 2, [ARG0, ARG1, ARG2]),
    rrr("neg", 2, 6, 0, [ARG0, 0, ARG1]),
    rrr("nop", 0, 0, 0, [2, 0, 15]),
    rrrn("nop_n", 0, 13, [15, 0, 3]),
    rrr("nsa", 2, 4, 0, [14, ARG1, ARG0]),
    rrr("nsau", 2, 4, 0, [15, ARG1, ARG0]),
    rrr("or_", 3, 2, 0, [ARG0, ARG1, ARG2]),
    rrrn("ret", 0, 13, [15, 0, 0]),
    rrrn("ret_n", 0, 13, [15, 0, 0]),
    rri8("s16i", 5, 1, false),
    rri8("s32i", 6, 2, false),
    rri8("s8i", 4, 0, false),
    rrr("sll", 2, 10, 1, [ARG0, ARG1, 0]),
    rrr("sra", 2, 11, 1, [ARG0, 0, ARG1]),
    rrr("src", 3, 8, 1, [ARG0, ARG1, ARG2]),
    rrr("srl", 2, 9, 1, [ARG0, 0, ARG1]),
    rrr("ssa8b", 1, 4, 0, [3, ARG0, 0]),
    rrr("ssa8l", 1, 4, 0, [2, ARG0, 0]),
    rrr("ssl", 1, 4, 0, [1, ARG0, 0]),
    rrr("ssr", 1, 4, 0, [0, ARG0, 0]),
    rrr("sub", 3, 12, 0, [ARG0, ARG1, ARG2]),
    rrr("subx2", 3, 13, 0, [ARG0, ARG1, ARG2]),
    rrr("subx4", 3, 14, 0, [ARG0, ARG1, ARG2]),
    rrr("subx8", 3, 15, 0, [ARG0, ARG1, ARG2]),
    rrr("xor", 3, 3, 0, [ARG0, ARG1, ARG2]),
];

/// Register-register branches; the position is the condition field (6 and 7 are unused).
const BRANCHES: [&str; 14] = [
    "bnone", "beq", "blt", "bltu", "ball", "bbc", "", "", "bany", "bne", "bge", "bgeu", "bnall",
    "bbs",
];

/// Branches on a register against zero; the position (mod 4) is the condition field.
const ZERO_BRANCHES: [&str; 6] = ["beqz", "bnez", "bltz", "bgez", "beqz_n", "bnez_n"];

/// The inline Xtensa assembler for one module; `WINDOWED` for `xtensawin`.
pub struct InlineXtensa<const WINDOWED: bool> {
    asm: AsmXtensa<WINDOWED>,
    pass: AsmPass,
    label_lookup: Vec<Option<Qstr>>,
    error: Option<String>,
    label_error: Option<String>,
}

impl<const WINDOWED: bool> Default for InlineXtensa<WINDOWED> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const WINDOWED: bool> InlineXtensa<WINDOWED> {
    /// A fresh assembler.
    pub fn new() -> Self {
        InlineXtensa {
            asm: AsmXtensa::new(0),
            pass: AsmPass::Compute,
            label_lookup: Vec::new(),
            error: None,
            label_error: None,
        }
    }

    fn fail(&mut self, message: String) {
        self.error = Some(message);
    }

    fn reg(&mut self, op: &str, node: &Node, pool: &QstrPool) -> u32 {
        let name = arg_str(node, pool);
        match (0..16).find(|i| name == format!("a{i}")) {
            Some(reg) => reg,
            None => {
                self.fail(format!("'{op}' expects a register"));
                0
            }
        }
    }

    /// An integer argument in `min..=max` (no check when `min == max`), as its low 32 bits.
    fn int(&mut self, op: &str, node: &Node, min: i32, max: i32) -> u32 {
        let Some(value) = int_value(node) else {
            self.fail(format!("'{op}' expects an integer"));
            return 0;
        };
        let i = value as u32;
        if min != max && ((i as i32) < min || (i as i32) > max) {
            self.fail(format!(
                "'{op}' integer {} isn't within range {min}..{max}",
                i as i32
            ));
            return 0;
        }
        i
    }

    fn label_arg(&mut self, op: &str, node: &Node, pool: &QstrPool) -> usize {
        let Node::Id(name) = node else {
            self.fail(format!("'{op}' expects a label"));
            return 0;
        };
        if let Some(num) = self.label_lookup.iter().position(|l| *l == Some(*name)) {
            return num;
        }
        // Forward labels are only known from the emit pass on; until then they read as
        // label 0, as in the C code.
        if self.pass == AsmPass::Emit {
            self.fail(format!("label '{}' not defined", pool.text(*name)));
        }
        0
    }

    fn table_op(&mut self, entry: &Opcode, args: &[Node], pool: &QstrPool) {
        let op = entry.name;
        let mut opcode = (u32::from(entry.r & 0x0f) << 12)
            | (u32::from(entry.s & 0x0f) << 8)
            | (u32::from(entry.t & 0x0f) << 4)
            | entry.op0;
        match entry.format {
            Format::Rrr => opcode |= (entry.op2 << 20) | (entry.op1 << 16),
            Format::Rri8 { scale, signed } => {
                let (min, max) = if signed {
                    (-128, 127)
                } else {
                    (0, 0xff << scale)
                };
                let immediate = self.int(op, &args[2], min, max);
                opcode |= ((immediate >> scale) & 0xff) << 16;
            }
            Format::Rrrn => {}
        }
        for (field, shift) in [(entry.r, 12), (entry.s, 8), (entry.t, 4)] {
            if field >= ARG0 {
                let arg = usize::from(field >> 4) - 1;
                opcode |= self.reg(op, &args[arg], pool) << shift;
            }
        }
        if entry.format == Format::Rrrn {
            self.asm.op16(opcode as u16);
        } else {
            self.asm.op24(opcode);
        }
    }

    /// The instructions outside the table; `false` for an unknown one.
    fn special_op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> bool {
        match args {
            [a0] => match op {
                "j" => {
                    let label = self.label_arg(op, a0, pool);
                    self.asm.j_label(label);
                }
                "ssai" => {
                    let sa = self.int(op, a0, 0, 31);
                    self.asm.op24(x::rrr(0, 0, 4, 4, sa & 0x0f, (sa >> 4) & 1));
                }
                "call0" => {
                    let label = self.label_arg(op, a0, pool);
                    self.asm.call0_label(label);
                }
                _ => return false,
            },
            [a0, a1] => {
                // The first operand is read as a register before the name is looked at.
                let r0 = self.reg(op, a0, pool);
                if let Some(index) = ZERO_BRANCHES.iter().position(|&b| b == op) {
                    let label = self.label_arg(op, a1, pool);
                    self.asm.bccz_reg_label(index as u32 & 3, r0, label);
                    return true;
                }
                match op {
                    "movi" => {
                        let imm = self.int(op, a1, 0, 0);
                        self.asm.mov_reg_i32(r0, imm);
                    }
                    "l32r" => {
                        let label = self.label_arg(op, a1, pool);
                        self.asm.l32r_label(r0, label);
                    }
                    "movi_n" => {
                        let imm = self.int(op, a1, -32, 95);
                        self.asm.op16(x::op_movi_n(r0, imm as i32));
                    }
                    _ => return false,
                }
            }
            [a0, a1, a2] => {
                if let Some(cond) = BRANCHES.iter().position(|&b| b == op) {
                    let r0 = self.reg(op, a0, pool);
                    let r1 = self.reg(op, a1, pool);
                    let label = self.label_arg(op, a2, pool);
                    self.asm.bcc_reg_reg_label(cond as u32, r0, r1, label);
                    return true;
                }
                match op {
                    "addi_n" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let imm4 = self.int(op, a2, -1, 15) as i32;
                        // 0 is written as -1, unmasked: its sign bits cover the register
                        // fields, as in the C code.
                        let t = if imm4 != 0 { imm4 } else { -1 };
                        let opcode = ((r0 << 12) as i32) | ((r1 << 8) as i32) | (t << 4) | 11;
                        self.asm.op16(opcode as u16);
                    }
                    "addmi" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let imm = self.int(op, a2, -128 * 256, 127 * 256) as i32;
                        if imm & 0xff != 0 {
                            self.fail(format!("{imm} is not a multiple of 256"));
                        } else {
                            self.asm.op24(x::rri8(2, 13, r1, r0, (imm >> 8) as u32));
                        }
                    }
                    "bbci" | "bbsi" => {
                        let r0 = self.reg(op, a0, pool);
                        let bit = self.int(op, a1, 0, 31);
                        let label = self.label_arg(op, a2, pool);
                        let cond = if op == "bbci" { 6 } else { 14 };
                        self.asm.bit_branch(r0, bit, label, cond);
                    }
                    "slli" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let bits = 32u32.wrapping_sub(self.int(op, a2, 1, 31));
                        self.asm
                            .op24(x::rrr(0, 1, (bits >> 4) & 1, r0, r1, bits & 0x0f));
                    }
                    "srai" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let bits = self.int(op, a2, 0, 31);
                        self.asm
                            .op24(x::rrr(0, 1, 2 | ((bits >> 4) & 1), r0, bits & 0x0f, r1));
                    }
                    "srli" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let bits = self.int(op, a2, 0, 15);
                        self.asm.op24(x::rrr(0, 1, 4, r0, bits, r1));
                    }
                    "l32i_n" | "s32i_n" => {
                        let r0 = self.reg(op, a0, pool);
                        let r1 = self.reg(op, a1, pool);
                        let imm = self.int(op, a2, 0, 60);
                        if imm & 3 != 0 {
                            self.fail(format!("{imm} is not a multiple of 4"));
                        } else if op == "l32i_n" {
                            self.asm.op16(x::op_l32i_n(r0, r1, imm >> 2));
                        } else {
                            self.asm.op16(x::op_s32i_n(r0, r1, imm >> 2));
                        }
                    }
                    _ => return false,
                }
            }
            _ => return false,
        }
        true
    }
}

impl<const WINDOWED: bool> InlineAssembler for InlineXtensa<WINDOWED> {
    const EXTRA_SIZE_PASS: bool = true;

    fn start_pass(&mut self, pass: AsmPass) {
        self.pass = pass;
        if pass == AsmPass::Compute {
            self.label_lookup.fill(None);
        }
        self.asm.base_mut().start_pass(pass);
        self.asm.entry(0);
    }

    fn end_pass(&mut self, _type_sig: u32) {
        self.asm.exit();
        self.asm.end_pass();
    }

    fn count_params(&mut self, params: &[Node], pool: &QstrPool) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters to Xtensa assembly".into());
        }
        for (i, param) in params.iter().enumerate() {
            let in_sequence = match param {
                Node::Id(q) => pool.text(*q) == format!("a{}", i + 2),
                _ => false,
            };
            if !in_sequence {
                return Err("parameters must be registers in sequence a2 to a5".into());
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
        let base = self.asm.base_mut();
        if self.pass == AsmPass::Emit && base.label_offset(label_num) != Some(base.code_pos()) {
            // A branch to a label further on was sized against label 0 in the code-size
            // passes and came out longer now; mpy-cross stops on an assertion here.
            self.label_error =
                Some("a forward branch before this label changed size between passes".to_string());
            return false;
        }
        base.label_assign(label_num);
        true
    }

    fn take_label_error(&mut self) -> Option<String> {
        self.label_error.take()
    }

    fn take_runtime_error(&mut self) -> Option<String> {
        self.asm.take_error()
    }

    fn op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> Result<(), String> {
        self.error = None;
        let entry = OPCODES.iter().find(|entry| entry.name == op);
        let known = match entry {
            Some(entry) if entry.operands == args.len() => {
                self.table_op(entry, args, pool);
                true
            }
            Some(_) => false,
            None => self.special_op(op, args, pool),
        };
        if !known {
            self.fail(format!(
                "unsupported Xtensa instruction '{op}' with {} arguments",
                args.len()
            ));
        }
        match self.error.take() {
            Some(message) => Err(message),
            None => Ok(()),
        }
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        self.asm.base_mut()
    }
}
