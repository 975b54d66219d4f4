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

mod encode;

pub(crate) use encode::*;

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
mod encoding_tests;

#[cfg(test)]
mod assembler_tests;
