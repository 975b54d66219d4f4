//! `@micropython.asm_thumb` (as py/emitinlinethumb.c): Thumb instructions named like their
//! mnemonics, with the Thumb-2 ones (`movw`, `it`, wide branches, `sdiv`, ...) only on
//! ARMv7-M and the single-precision VFP ones (`vadd`, `vldr`, ...) only on `armv7emsp` and
//! `armv7emdp`. Every function starts with the Thumb entry for no locals and ends with its
//! exit, so parameters arrive in r0-r3 and the result leaves in r0.

use super::{arg_str, int_value, InlineAssembler};
use crate::asm::thumb::{op, Thumb, ThumbArch};
use crate::asm::{AsmBase, AsmPass};
use crate::parse_tree::{Node, QstrPool, Rule};
use crate::qstr::Qstr;

const REG_NAMES: [(&str, u32); 21] = [
    ("r0", 0),
    ("r1", 1),
    ("r2", 2),
    ("r3", 3),
    ("r4", 4),
    ("r5", 5),
    ("r6", 6),
    ("r7", 7),
    ("r8", 8),
    ("r9", 9),
    ("r10", 10),
    ("r11", 11),
    ("r12", 12),
    ("r13", 13),
    ("r14", 14),
    ("r15", 15),
    ("sl", 10),
    ("fp", 11),
    ("sp", 13),
    ("lr", 14),
    ("pc", 15),
];

const SPECIAL_REG_NAMES: [(&str, u32); 2] = [("IPSR", 5), ("BASEPRI", 17)];

/// Condition suffixes; the position is the condition code.
const CONDITION_CODES: [&[u8; 2]; 14] = [
    b"eq", b"ne", b"cs", b"cc", b"mi", b"pl", b"vs", b"vc", b"hi", b"ls", b"ge", b"lt", b"gt",
    b"le",
];

/// Two-register ALU instructions; `and` is spelled `and_` since it is a Python keyword.
const FORMAT_4_OPS: [(&str, u32); 15] = [
    ("eor", op::FORMAT_4_EOR),
    ("lsl", op::FORMAT_4_LSL),
    ("lsr", op::FORMAT_4_LSR),
    ("asr", op::FORMAT_4_ASR),
    ("adc", op::FORMAT_4_ADC),
    ("sbc", op::FORMAT_4_SBC),
    ("ror", op::FORMAT_4_ROR),
    ("tst", op::FORMAT_4_TST),
    ("neg", op::FORMAT_4_NEG),
    ("cmp", op::FORMAT_4_CMP),
    ("cmn", op::FORMAT_4_CMN),
    ("orr", op::FORMAT_4_ORR),
    ("mul", op::FORMAT_4_MUL),
    ("bic", op::FORMAT_4_BIC),
    ("mvn", op::FORMAT_4_MVN),
];

const FORMAT_9_10_OPS: [(&str, u32); 6] = [
    ("ldr", op::FORMAT_9_LDR | op::FORMAT_9_WORD_TRANSFER),
    ("ldrb", op::FORMAT_9_LDR | op::FORMAT_9_BYTE_TRANSFER),
    ("ldrh", op::FORMAT_10_LDRH),
    ("str", op::FORMAT_9_STR | op::FORMAT_9_WORD_TRANSFER),
    ("strb", op::FORMAT_9_STR | op::FORMAT_9_BYTE_TRANSFER),
    ("strh", op::FORMAT_10_STRH),
];

/// Three-register VFP arithmetic: the high nibble goes to the first halfword, the low one
/// to the second.
const VFP_OPS: [(&str, u32); 4] = [("add", 0x30), ("sub", 0x34), ("mul", 0x20), ("div", 0x80)];

/// How an instruction ended when it did not simply succeed.
enum Failure {
    UnknownOp,
    BranchNotInRange,
}

type OpResult = Result<(), Failure>;

/// The inline Thumb assembler for one module.
pub struct InlineThumb {
    asm: Thumb,
    pass: AsmPass,
    label_lookup: Vec<Option<Qstr>>,
    allow_float: bool,
    error: Option<String>,
}

impl InlineThumb {
    /// An assembler for `arch`; `allow_float` enables the VFP instructions (armv7emsp and
    /// armv7emdp).
    pub fn new(arch: ThumbArch, allow_float: bool) -> Self {
        InlineThumb {
            asm: Thumb::new(arch, 0),
            pass: AsmPass::Compute,
            label_lookup: Vec::new(),
            allow_float,
            error: None,
        }
    }

    fn armv7m(&self) -> bool {
        self.asm.allow_armv7m()
    }

    fn fail(&mut self, message: String) {
        self.error = Some(message);
    }

    fn reg(&mut self, op: &str, node: &Node, pool: &QstrPool, max_reg: u32) -> u32 {
        let name = arg_str(node, pool);
        match REG_NAMES.iter().find(|(n, _)| *n == name) {
            Some(&(_, reg)) if reg > max_reg => {
                self.fail(format!("'{op}' expects at most r{max_reg}"));
                0
            }
            Some(&(_, reg)) => reg,
            None => {
                self.fail(format!("'{op}' expects a register"));
                0
            }
        }
    }

    /// `movw`/`movt` cannot target pc; mpy-cross dies on an assertion there, upy reports it.
    fn refuse_pc_for_movw(&mut self, op: &str, reg_dest: u32) {
        if reg_dest == 15 {
            self.fail(format!("'{op}' expects at most r14"));
        }
    }

    fn special_reg(&mut self, op: &str, node: &Node, pool: &QstrPool) -> u32 {
        let name = arg_str(node, pool);
        match SPECIAL_REG_NAMES.iter().find(|(n, _)| *n == name) {
            Some(&(_, reg)) => reg,
            None => {
                self.fail(format!("'{op}' expects a special register"));
                0
            }
        }
    }

    fn vfp_reg(&mut self, op: &str, node: &Node, pool: &QstrPool) -> u32 {
        let name = arg_str(node, pool);
        let bytes = name.as_bytes();
        if bytes.len() >= 2 && bytes[0] == b's' && bytes[1..].iter().all(u8::is_ascii_digit) {
            let regno = bytes[1..].iter().fold(0u64, |acc, d| {
                acc.wrapping_mul(10).wrapping_add(u64::from(d - b'0'))
            });
            if regno > 31 {
                self.fail(format!("'{op}' expects at most r31"));
                return 0;
            }
            return regno as u32;
        }
        self.fail(format!("'{op}' expects an FPU register"));
        0
    }

    /// `{r0, r1, ...}`, parsed as a set display, as a bit mask.
    fn reglist(&mut self, op: &str, node: &Node, pool: &QstrPool) -> u32 {
        let elements: Option<Vec<&Node>> = (|| {
            if !node.is_struct(Rule::AtomBrace) {
                return None;
            }
            let inner = node.children().first()?;
            if let Node::Id(_) = inner {
                return Some(vec![inner]);
            }
            if !inner.is_struct(Rule::Dictorsetmaker) {
                return None;
            }
            let tail = inner.children().get(1)?;
            if !tail.is_struct(Rule::DictorsetmakerList) {
                return None;
            }
            let mut all = vec![inner.children().first()?];
            let rest = tail.children().first().unwrap_or(&Node::Null);
            all.extend(rest.extract_list(Rule::DictorsetmakerList2));
            Some(all)
        })();
        let Some(elements) = elements else {
            self.fail(format!("'{op}' expects {{r0, r1, ...}}"));
            return 0;
        };
        let mut reglist = 0;
        for element in elements {
            reglist |= 1 << self.reg(op, element, pool, 15);
        }
        reglist
    }

    fn int(&mut self, op: &str, node: &Node, fit_mask: u32) -> u32 {
        let Some(value) = int_value(node) else {
            self.fail(format!("'{op}' expects an integer"));
            return 0;
        };
        let i = value as u32;
        if i & !fit_mask != 0 {
            self.fail(format!(
                "'{op}' integer 0x{i:x} doesn't fit in mask 0x{fit_mask:x}"
            ));
            return 0;
        }
        i
    }

    /// `[base, offset]`, parsed as a two-item list.
    fn addr<'n>(&mut self, op: &str, node: &'n Node) -> Option<(&'n Node, &'n Node)> {
        let parts = node
            .children()
            .first()
            .filter(|_| node.is_struct(Rule::AtomBracket))
            .filter(|inner| inner.is_struct(Rule::TestlistComp))
            .map(Node::children)
            .filter(|items| items.len() == 2);
        match parts {
            Some(items) => Some((&items[0], &items[1])),
            None => {
                self.fail(format!("'{op}' expects an address of the form [a, b]"));
                None
            }
        }
    }

    fn label_arg(&mut self, op: &str, node: &Node, pool: &QstrPool) -> usize {
        let Node::Id(name) = node else {
            self.fail(format!("'{op}' expects a label"));
            return 0;
        };
        if let Some(num) = self.label_lookup.iter().position(|l| *l == Some(*name)) {
            return num;
        }
        // Forward labels are only known from the emit pass on.
        if self.pass == AsmPass::Emit {
            self.fail(format!("label '{}' not defined", pool.text(*name)));
        }
        0
    }

    fn condition(pair: [u8; 2]) -> Option<u32> {
        CONDITION_CODES
            .iter()
            .position(|cc| **cc == pair)
            .map(|cc| cc as u32)
    }

    fn float_op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> OpResult {
        match args {
            [a0, a1] => {
                let two_args = |me: &mut Self, hi: u32, lo: u32| {
                    let vd = me.vfp_reg(op, a0, pool);
                    let vm = me.vfp_reg(op, a1, pool);
                    me.asm.op32(
                        hi | ((vd & 1) << 6),
                        lo | ((vd & 0x1e) << 11) | ((vm & 1) << 5) | ((vm & 0x1e) >> 1),
                    );
                };
                let load_store = |me: &mut Self, hi: u32| {
                    let vd = me.vfp_reg(op, a0, pool);
                    if let Some((base, offset)) = me.addr(op, a1) {
                        let rlo_base = me.reg(op, base, pool, 7);
                        let i8 = me.int(op, offset, 0x3fc) >> 2;
                        me.asm.op32(
                            hi | rlo_base | ((vd & 1) << 6),
                            0x0a00 | ((vd & 0x1e) << 11) | i8,
                        );
                    }
                };
                match op {
                    "vcmp" => two_args(self, 0xeeb4, 0x0ac0),
                    "vsqrt" => two_args(self, 0xeeb1, 0x0ac0),
                    "vneg" => two_args(self, 0xeeb1, 0x0a40),
                    "vcvt_f32_s32" => two_args(self, 0xeeb8, 0x0ac0),
                    "vcvt_s32_f32" => two_args(self, 0xeebd, 0x0ac0),
                    "vmrs" => {
                        let reg_dest = if arg_str(a0, pool) == "APSR_nzcv" {
                            15
                        } else {
                            self.reg(op, a0, pool, 15)
                        };
                        if arg_str(a1, pool) != "FPSCR" {
                            return Err(Failure::UnknownOp);
                        }
                        self.asm.op32(0xeef1, 0x0a10 | (reg_dest << 12));
                    }
                    "vmov" => {
                        let mut hi = 0xee00;
                        let (r_arm, vm) = if arg_str(a0, pool).starts_with('r') {
                            hi |= 0x10;
                            let r_arm = self.reg(op, a0, pool, 15);
                            (r_arm, self.vfp_reg(op, a1, pool))
                        } else {
                            let vm = self.vfp_reg(op, a0, pool);
                            (self.reg(op, a1, pool, 15), vm)
                        };
                        self.asm.op32(
                            hi | ((vm & 0x1e) >> 1),
                            0x0a10 | (r_arm << 12) | ((vm & 1) << 7),
                        );
                    }
                    "vldr" => load_store(self, 0xed90),
                    "vstr" => load_store(self, 0xed80),
                    _ => return Err(Failure::UnknownOp),
                }
                Ok(())
            }
            [a0, a1, a2] => {
                let found = VFP_OPS
                    .iter()
                    .find(|(name, _)| op.len() == 4 && &op[1..] == *name);
                let Some(&(_, code)) = found else {
                    return Err(Failure::UnknownOp);
                };
                let hi = 0xee00 | (code & 0xf0);
                let lo = 0x0a00 | ((code & 0x0f) << 4);
                let vd = self.vfp_reg(op, a0, pool);
                let vn = self.vfp_reg(op, a1, pool);
                let vm = self.vfp_reg(op, a2, pool);
                self.asm.op32(
                    hi | ((vd & 1) << 6) | (vn >> 1),
                    lo | (vm >> 1) | ((vm & 1) << 5) | ((vd & 0x1e) << 11) | ((vn & 1) << 7),
                );
                Ok(())
            }
            _ => Err(Failure::UnknownOp),
        }
    }

    fn op_no_args(&mut self, op: &str) -> OpResult {
        match op {
            "nop" => self.asm.op16(op::NOP),
            "wfi" => self.asm.op16(op::WFI),
            _ => return Err(Failure::UnknownOp),
        }
        Ok(())
    }

    fn op_one_arg(&mut self, op: &str, arg: &Node, pool: &QstrPool) -> OpResult {
        let b = op.as_bytes();
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        match op {
            "b" => {
                let label = self.label_arg(op, arg, pool);
                if !self.asm.b_n_label(label) {
                    return Err(Failure::BranchNotInRange);
                }
            }
            "bl" => {
                let label = self.label_arg(op, arg, pool);
                if !self.asm.bl_label(label) {
                    return Err(Failure::BranchNotInRange);
                }
            }
            "bx" => {
                let r = self.reg(op, arg, pool, 15);
                self.asm.op16(0x4700 | (r << 3));
            }
            _ if at(0) == b'b'
                && (b.len() == 3
                    || (b.len() == 5
                        && at(3) == b'_'
                        && (at(4) == b'n' || (self.armv7m() && at(4) == b'w')))) =>
            {
                let Some(cc) = Self::condition([at(1), at(2)]) else {
                    return Err(Failure::UnknownOp);
                };
                let label = self.label_arg(op, arg, pool);
                let wide = b.len() == 5 && at(4) == b'w';
                if !self.asm.bcc_nw_label(cc, label, wide) {
                    return Err(Failure::BranchNotInRange);
                }
            }
            _ if self.armv7m() && at(0) == b'i' && at(1) == b't' => {
                let cond = arg_str(arg, pool);
                let cond = cond.as_bytes();
                if cond.len() != 2 {
                    return Err(Failure::UnknownOp);
                }
                let Some(cc) = Self::condition([cond[0], cond[1]]) else {
                    return Err(Failure::UnknownOp);
                };
                if b.len() > 5 {
                    return Err(Failure::UnknownOp);
                }
                let mut it_mask = 8;
                for &then_else in b[2..].iter().rev() {
                    it_mask >>= 1;
                    match then_else {
                        b't' => it_mask |= (cc & 1) << 3,
                        b'e' => it_mask |= (!cc & 1) << 3,
                        _ => return Err(Failure::UnknownOp),
                    }
                }
                self.asm.it_cc(cc, it_mask);
            }
            "cpsid" => self.asm.op16(op::CPSID_I),
            "cpsie" => self.asm.op16(op::CPSIE_I),
            "push" => {
                let reglist = self.reglist(op, arg, pool);
                if reglist & 0xbf00 == 0 {
                    if reglist & (1 << 14) == 0 {
                        self.asm.op16(0xb400 | reglist);
                    } else {
                        // The 16-bit form also pushes lr.
                        self.asm.op16(0xb500 | (reglist & 0xff));
                    }
                } else {
                    if !self.armv7m() {
                        return Err(Failure::UnknownOp);
                    }
                    self.asm.op32(0xe92d, reglist);
                }
            }
            "pop" => {
                let reglist = self.reglist(op, arg, pool);
                if reglist & 0x7f00 == 0 {
                    if reglist & (1 << 15) == 0 {
                        self.asm.op16(0xbc00 | reglist);
                    } else {
                        // The 16-bit form also pops pc, i.e. returns.
                        self.asm.op16(0xbd00 | (reglist & 0xff));
                    }
                } else {
                    if !self.armv7m() {
                        return Err(Failure::UnknownOp);
                    }
                    self.asm.op32(0xe8bd, reglist);
                }
            }
            _ => return Err(Failure::UnknownOp),
        }
        Ok(())
    }

    fn op_two_args(&mut self, op: &str, a0: &Node, a1: &Node, pool: &QstrPool) -> OpResult {
        let armv7m = self.armv7m();
        if let Node::Id(_) = a1 {
            // The second argument is a register.
            match op {
                "mov" => {
                    let reg_dest = self.reg(op, a0, pool, 15);
                    let reg_src = self.reg(op, a1, pool, 15);
                    self.asm.mov_reg_reg(reg_dest, reg_src);
                }
                "clz" | "rbit" if armv7m => {
                    let (hi, lo) = if op == "clz" {
                        (0xfab0, 0xf080)
                    } else {
                        (0xfa90, 0xf0a0)
                    };
                    let rd = self.reg(op, a0, pool, 15);
                    let rm = self.reg(op, a1, pool, 15);
                    self.asm.op32(hi | rm, lo | (rd << 8) | rm);
                }
                "mrs" if armv7m => {
                    let reg_dest = self.reg(op, a0, pool, 12);
                    let reg_src = self.special_reg(op, a1, pool);
                    self.asm.op32(0xf3ef, 0x8000 | (reg_dest << 8) | reg_src);
                }
                _ => {
                    let code = if op == "and_" {
                        op::FORMAT_4_AND
                    } else {
                        match FORMAT_4_OPS.iter().find(|(name, _)| *name == op) {
                            Some(&(_, code)) => code,
                            None => return Err(Failure::UnknownOp),
                        }
                    };
                    let reg_dest = self.reg(op, a0, pool, 7);
                    let reg_src = self.reg(op, a1, pool, 7);
                    self.asm.format_4(code, reg_dest, reg_src);
                }
            }
            return Ok(());
        }
        // The second argument is an immediate or an address.
        match op {
            "mov" | "cmp" | "add" | "sub" => {
                let code = match op {
                    "mov" => op::FORMAT_3_MOV,
                    "cmp" => op::FORMAT_3_CMP,
                    "add" => op::FORMAT_3_ADD,
                    _ => op::FORMAT_3_SUB,
                };
                let rlo_dest = self.reg(op, a0, pool, 7);
                let i8_src = self.int(op, a1, 0xff);
                self.asm.format_3(code, rlo_dest, i8_src as i32);
            }
            "movw" | "movt" if armv7m => {
                let code = if op == "movw" { op::MOVW } else { op::MOVT };
                let reg_dest = self.reg(op, a0, pool, 15);
                let i_src = self.int(op, a1, 0xffff);
                self.refuse_pc_for_movw(op, reg_dest);
                self.asm.mov_reg_i16(code, reg_dest, i_src as i32);
            }
            "movwt" if armv7m => {
                let reg_dest = self.reg(op, a0, pool, 15);
                let i_src = self.int(op, a1, 0xffff_ffff);
                self.refuse_pc_for_movw(op, reg_dest);
                self.asm
                    .mov_reg_i16(op::MOVW, reg_dest, (i_src & 0xffff) as i32);
                self.asm
                    .mov_reg_i16(op::MOVT, reg_dest, ((i_src >> 16) & 0xffff) as i32);
            }
            "ldrex" if armv7m => {
                let r_dest = self.reg(op, a0, pool, 15);
                if let Some((base, offset)) = self.addr(op, a1) {
                    let r_base = self.reg(op, base, pool, 15);
                    let i8 = self.int(op, offset, 0xff) >> 2;
                    self.asm.op32(0xe850 | r_base, 0x0f00 | (r_dest << 12) | i8);
                }
            }
            _ => {
                let Some(&(_, code)) = FORMAT_9_10_OPS.iter().find(|(name, _)| *name == op) else {
                    return Err(Failure::UnknownOp);
                };
                let rlo_dest = self.reg(op, a0, pool, 7);
                let Some((base, offset)) = self.addr(op, a1) else {
                    return Err(Failure::UnknownOp);
                };
                let rlo_base = self.reg(op, base, pool, 7);
                let i5 = if code & op::FORMAT_9_BYTE_TRANSFER != 0 {
                    self.int(op, offset, 0x1f)
                } else if code & op::FORMAT_10_STRH != 0 {
                    // Also true of ldrh.
                    self.int(op, offset, 0x3e) >> 1
                } else {
                    self.int(op, offset, 0x7c) >> 2
                };
                self.asm.format_9_10(code, rlo_dest, rlo_base, i5);
            }
        }
        Ok(())
    }

    fn op_three_args(&mut self, op: &str, args: [&Node; 3], pool: &QstrPool) -> OpResult {
        let [a0, a1, a2] = args;
        let armv7m = self.armv7m();
        match op {
            "lsl" | "lsr" | "asr" => {
                let code = match op {
                    "lsl" => op::FORMAT_1_LSL,
                    "lsr" => op::FORMAT_1_LSR,
                    _ => op::FORMAT_1_ASR,
                };
                let rlo_dest = self.reg(op, a0, pool, 7);
                let rlo_src = self.reg(op, a1, pool, 7);
                let i5 = self.int(op, a2, 0x1f);
                self.asm.format_1(code, rlo_dest, rlo_src, i5);
            }
            "add" | "sub" => {
                let mut code = if op == "add" {
                    op::FORMAT_2_ADD
                } else {
                    op::FORMAT_2_SUB
                };
                let rlo_dest = self.reg(op, a0, pool, 7);
                let rlo_src = self.reg(op, a1, pool, 7);
                let src_b = if let Node::Id(_) = a2 {
                    code |= op::FORMAT_2_REG_OPERAND;
                    self.reg(op, a2, pool, 7)
                } else {
                    code |= op::FORMAT_2_IMM_OPERAND;
                    self.int(op, a2, 0x7)
                };
                self.asm.format_2(code, rlo_dest, rlo_src, src_b as i32);
            }
            "sdiv" | "udiv" if armv7m => {
                let code = if op == "sdiv" { 0xfb90 } else { 0xfbb0 };
                let rd = self.reg(op, a0, pool, 15);
                let rn = self.reg(op, a1, pool, 15);
                let rm = self.reg(op, a2, pool, 15);
                self.asm.op32(code | rn, 0xf0f0 | (rd << 8) | rm);
            }
            "strex" if armv7m => {
                let r_dest = self.reg(op, a0, pool, 15);
                let r_src = self.reg(op, a1, pool, 15);
                if let Some((base, offset)) = self.addr(op, a2) {
                    let r_base = self.reg(op, base, pool, 15);
                    let i8 = self.int(op, offset, 0xff) >> 2;
                    self.asm
                        .op32(0xe840 | r_base, (r_src << 12) | (r_dest << 8) | i8);
                }
            }
            _ => return Err(Failure::UnknownOp),
        }
        Ok(())
    }
}

impl InlineAssembler for InlineThumb {
    fn start_pass(&mut self, pass: AsmPass) {
        self.pass = pass;
        if pass == AsmPass::Compute {
            self.label_lookup.fill(None);
        }
        self.asm.base.start_pass(pass);
        self.asm.entry(0);
    }

    fn end_pass(&mut self, _type_sig: u32) {
        self.asm.exit();
    }

    fn count_params(&mut self, params: &[Node], pool: &QstrPool) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters to Thumb assembly".into());
        }
        for (i, param) in params.iter().enumerate() {
            let in_sequence = match param {
                Node::Id(q) => pool.text(*q) == format!("r{i}"),
                _ => false,
            };
            if !in_sequence {
                return Err("parameters must be registers in sequence r0 to r3".into());
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
        self.asm.base.label_assign(label_num);
        true
    }

    fn op(&mut self, op: &str, args: &[Node], pool: &QstrPool) -> Result<(), String> {
        self.error = None;
        let outcome = if self.allow_float && op.starts_with('v') {
            self.float_op(op, args, pool)
        } else {
            match args {
                [] => self.op_no_args(op),
                [a0] => self.op_one_arg(op, a0, pool),
                [a0, a1] => self.op_two_args(op, a0, a1, pool),
                [a0, a1, a2] => self.op_three_args(op, [a0, a1, a2], pool),
                _ => Err(Failure::UnknownOp),
            }
        };
        match outcome {
            Err(Failure::UnknownOp) => self.fail(format!(
                "unsupported Thumb instruction '{op}' with {} arguments",
                args.len()
            )),
            Err(Failure::BranchNotInRange) => self.fail("branch not in range".into()),
            Ok(()) => {}
        }
        match self.error.take() {
            Some(message) => Err(message),
            None => Ok(()),
        }
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.asm.base
    }
}
