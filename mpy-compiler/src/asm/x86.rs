//! The 32-bit x86 assembler (as py/asmx86.c). Native code follows the cdecl convention:
//! arguments come on the stack (so the emitter reads them with [`X86::mov_arg_to_r32`]),
//! the result goes in eax, and calls through the function table push their arguments,
//! keeping the stack 16-byte aligned at the call.
//!
//! Most encoders take the destination first; the `mov_*_to_*` ones keep MicroPython's older
//! source-first order, which their names spell out.

use super::{AsmBase, Assembler, Compare, Reg};

/// The eight general registers, numbered as in ModRM.
pub mod reg {
    #![allow(missing_docs)]
    pub const EAX: u32 = 0;
    pub const ECX: u32 = 1;
    pub const EDX: u32 = 2;
    pub const EBX: u32 = 3;
    pub const ESP: u32 = 4;
    pub const EBP: u32 = 5;
    pub const ESI: u32 = 6;
    pub const EDI: u32 = 7;
    /// Registers that hold the first four call arguments until a call pushes them.
    pub const ARG_1: u32 = EAX;
    pub const ARG_2: u32 = ECX;
    pub const ARG_3: u32 = EDX;
    pub const ARG_4: u32 = EBX;
    /// Holds the pointer to `mp_fun_table` in native code.
    pub const FUN_TABLE: u32 = EBP;
}

/// Condition codes of `jcc` and `setcc`.
pub mod cc {
    #![allow(missing_docs)]
    pub const JB: u32 = 0x2;
    pub const JAE: u32 = 0x3;
    pub const JZ: u32 = 0x4;
    pub const JE: u32 = 0x4;
    pub const JNZ: u32 = 0x5;
    pub const JNE: u32 = 0x5;
    pub const JBE: u32 = 0x6;
    pub const JA: u32 = 0x7;
    pub const JL: u32 = 0xc;
    pub const JGE: u32 = 0xd;
    pub const JLE: u32 = 0xe;
    pub const JG: u32 = 0xf;
}

const WORD_SIZE: i32 = 4;

const OPCODE_PUSH_R32: u8 = 0x50;
const OPCODE_POP_R32: u8 = 0x58;
const OPCODE_RET: u8 = 0xc3;
const OPCODE_MOV_I32_TO_R32: u8 = 0xb8;
const OPCODE_MOV_R8_TO_RM8: u8 = 0x88;
const OPCODE_MOV_R32_TO_RM32: u8 = 0x89;
const OPCODE_MOV_RM32_TO_R32: u8 = 0x8b;
const OPCODE_MOVZX_RM8_TO_R32: u8 = 0xb6;
const OPCODE_MOVZX_RM16_TO_R32: u8 = 0xb7;
const OPCODE_LEA_MEM_TO_R32: u8 = 0x8d;
const OPCODE_NOT_NEG_RM32: u8 = 0xf7;
const OPCODE_AND_R32_TO_RM32: u8 = 0x21;
const OPCODE_OR_R32_TO_RM32: u8 = 0x09;
const OPCODE_XOR_R32_TO_RM32: u8 = 0x31;
const OPCODE_ADD_R32_TO_RM32: u8 = 0x01;
const OPCODE_ARITH_I32_RM32: u8 = 0x81;
const OPCODE_ARITH_I8_RM32: u8 = 0x83;
const OPCODE_SUB_R32_FROM_RM32: u8 = 0x29;
const OPCODE_SHIFT_RM32_CL: u8 = 0xd3;
const OPCODE_CMP_R32_WITH_RM32: u8 = 0x39;
const OPCODE_TEST_R8_WITH_RM8: u8 = 0x84;
const OPCODE_TEST_R32_WITH_RM32: u8 = 0x85;
const OPCODE_JMP_REL8: u8 = 0xeb;
const OPCODE_JMP_REL32: u8 = 0xe9;
const OPCODE_JCC_REL8: u8 = 0x70;
const OPCODE_JCC_REL32_A: u8 = 0x0f;
const OPCODE_JCC_REL32_B: u8 = 0x80;
const OPCODE_SETCC_RM8_A: u8 = 0x0f;
const OPCODE_SETCC_RM8_B: u8 = 0x90;
const OPCODE_CALL_REL32: u8 = 0xe8;
const OPCODE_CALL_JMP_RM32: u8 = 0xff;
const OP_SIZE_PREFIX: u8 = 0x66;

const MODRM_RM_DISP0: u8 = 0x00;
const MODRM_RM_DISP8: u8 = 0x40;
const MODRM_RM_DISP32: u8 = 0x80;
const MODRM_RM_REG: u8 = 0xc0;

fn modrm_r32(r: u32) -> u8 {
    (r << 3) as u8
}

fn signed_fit8(x: i32) -> bool {
    let masked = x as u32 & 0xffff_ff80;
    masked == 0 || masked == 0xffff_ff80
}

/// The x86 assembler state for one function.
#[derive(Debug, Clone)]
pub struct X86 {
    /// The shared code buffer and labels.
    pub base: AsmBase,
    num_locals: i32,
}

impl X86 {
    /// An assembler with room for `max_num_labels` labels.
    pub fn new(max_num_labels: usize) -> Self {
        X86 {
            base: AsmBase::new(max_num_labels),
            num_locals: 0,
        }
    }

    fn write_word32(&mut self, w32: i32) {
        self.base.write(&w32.to_le_bytes());
    }

    /// ModRM (plus SIB for esp, plus displacement) for `[disp_r32 + disp_offset]`; ebp as a
    /// base always takes a displacement because mod 00 with it means "no base".
    fn write_r32_disp(&mut self, r32: u32, disp_r32: u32, disp_offset: i32) {
        let rm_disp = if disp_offset == 0 && disp_r32 != reg::EBP {
            MODRM_RM_DISP0
        } else if signed_fit8(disp_offset) {
            MODRM_RM_DISP8
        } else {
            MODRM_RM_DISP32
        };
        self.base
            .write(&[modrm_r32(r32) | rm_disp | disp_r32 as u8]);
        if disp_r32 == reg::ESP {
            self.base.write(&[0x24]);
        }
        if rm_disp == MODRM_RM_DISP8 {
            self.base.write(&[disp_offset as u8]);
        } else if rm_disp == MODRM_RM_DISP32 {
            self.write_word32(disp_offset);
        }
    }

    fn generic_r32_r32(&mut self, dest_r32: u32, src_r32: u32, opcode: u8) {
        self.base
            .write(&[opcode, modrm_r32(src_r32) | MODRM_RM_REG | dest_r32 as u8]);
    }

    fn push_r32(&mut self, src_r32: u32) {
        self.base.write(&[OPCODE_PUSH_R32 | src_r32 as u8]);
    }

    fn pop_r32(&mut self, dest_r32: u32) {
        self.base.write(&[OPCODE_POP_R32 | dest_r32 as u8]);
    }

    /// `mov dest, src`.
    pub fn mov_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_MOV_R32_TO_RM32);
    }

    /// `mov byte [dest + disp], src8`.
    pub fn mov_r8_to_mem8(&mut self, src_r32: u32, dest_r32: u32, dest_disp: i32) {
        self.base.write(&[OPCODE_MOV_R8_TO_RM8]);
        self.write_r32_disp(src_r32, dest_r32, dest_disp);
    }

    /// `mov word [dest + disp], src16`.
    pub fn mov_r16_to_mem16(&mut self, src_r32: u32, dest_r32: u32, dest_disp: i32) {
        self.base.write(&[OP_SIZE_PREFIX, OPCODE_MOV_R32_TO_RM32]);
        self.write_r32_disp(src_r32, dest_r32, dest_disp);
    }

    /// `mov dword [dest + disp], src`.
    pub fn mov_r32_to_mem32(&mut self, src_r32: u32, dest_r32: u32, dest_disp: i32) {
        self.base.write(&[OPCODE_MOV_R32_TO_RM32]);
        self.write_r32_disp(src_r32, dest_r32, dest_disp);
    }

    /// `movzx dest, byte [src + disp]`.
    pub fn mov_mem8_to_r32zx(&mut self, src_r32: u32, src_disp: i32, dest_r32: u32) {
        self.base.write(&[0x0f, OPCODE_MOVZX_RM8_TO_R32]);
        self.write_r32_disp(dest_r32, src_r32, src_disp);
    }

    /// `movzx dest, word [src + disp]`.
    pub fn mov_mem16_to_r32zx(&mut self, src_r32: u32, src_disp: i32, dest_r32: u32) {
        self.base.write(&[0x0f, OPCODE_MOVZX_RM16_TO_R32]);
        self.write_r32_disp(dest_r32, src_r32, src_disp);
    }

    /// `mov dest, dword [src + disp]`.
    pub fn mov_mem32_to_r32(&mut self, src_r32: u32, src_disp: i32, dest_r32: u32) {
        self.base.write(&[OPCODE_MOV_RM32_TO_R32]);
        self.write_r32_disp(dest_r32, src_r32, src_disp);
    }

    fn lea_disp_to_r32(&mut self, src_r32: u32, src_disp: i32, dest_r32: u32) {
        self.base.write(&[OPCODE_LEA_MEM_TO_R32]);
        self.write_r32_disp(dest_r32, src_r32, src_disp);
    }

    /// `mov dest, imm32`, always 5 bytes; returns the offset of the immediate so that it
    /// can be found again.
    pub fn mov_i32_to_r32(&mut self, src_i32: i32, dest_r32: u32) -> usize {
        self.base.write(&[OPCODE_MOV_I32_TO_R32 | dest_r32 as u8]);
        let loc = self.base.code_pos();
        self.write_word32(src_i32);
        loc
    }

    /// `not dest`.
    pub fn not_r32(&mut self, dest_r32: u32) {
        self.generic_r32_r32(dest_r32, 2, OPCODE_NOT_NEG_RM32);
    }

    /// `neg dest`.
    pub fn neg_r32(&mut self, dest_r32: u32) {
        self.generic_r32_r32(dest_r32, 3, OPCODE_NOT_NEG_RM32);
    }

    /// `and dest, src`.
    pub fn and_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_AND_R32_TO_RM32);
    }

    /// `or dest, src`.
    pub fn or_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_OR_R32_TO_RM32);
    }

    /// `xor dest, src`.
    pub fn xor_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_XOR_R32_TO_RM32);
    }

    /// `shl dest, cl`.
    pub fn shl_r32_cl(&mut self, dest_r32: u32) {
        self.generic_r32_r32(dest_r32, 4, OPCODE_SHIFT_RM32_CL);
    }

    /// `shr dest, cl`.
    pub fn shr_r32_cl(&mut self, dest_r32: u32) {
        self.generic_r32_r32(dest_r32, 5, OPCODE_SHIFT_RM32_CL);
    }

    /// `sar dest, cl`.
    pub fn sar_r32_cl(&mut self, dest_r32: u32) {
        self.generic_r32_r32(dest_r32, 7, OPCODE_SHIFT_RM32_CL);
    }

    /// `add dest, src`.
    pub fn add_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_ADD_R32_TO_RM32);
    }

    fn arith_i32_r32(&mut self, extension: u32, dest_r32: u32, value: i32) {
        let modrm = modrm_r32(extension) | MODRM_RM_REG | dest_r32 as u8;
        if signed_fit8(value) {
            self.base.write(&[OPCODE_ARITH_I8_RM32, modrm, value as u8]);
        } else {
            self.base.write(&[OPCODE_ARITH_I32_RM32, modrm]);
            self.write_word32(value);
        }
    }

    fn add_i32_to_r32(&mut self, src_i32: i32, dest_r32: u32) {
        self.arith_i32_r32(0, dest_r32, src_i32);
    }

    /// `sub dest, src`.
    pub fn sub_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.generic_r32_r32(dest_r32, src_r32, OPCODE_SUB_R32_FROM_RM32);
    }

    fn sub_r32_i32(&mut self, dest_r32: u32, src_i32: i32) {
        self.arith_i32_r32(5, dest_r32, src_i32);
    }

    /// `imul dest, src`.
    pub fn mul_r32_r32(&mut self, dest_r32: u32, src_r32: u32) {
        self.base.write(&[
            0x0f,
            0xaf,
            modrm_r32(dest_r32) | MODRM_RM_REG | src_r32 as u8,
        ]);
    }

    /// `cmp b, a` (flags of `b - a`).
    pub fn cmp_r32_with_r32(&mut self, src_r32_a: u32, src_r32_b: u32) {
        self.generic_r32_r32(src_r32_b, src_r32_a, OPCODE_CMP_R32_WITH_RM32);
    }

    /// `test b8, a8` (low bytes).
    pub fn test_r8_with_r8(&mut self, src_r32_a: u32, src_r32_b: u32) {
        let modrm = modrm_r32(src_r32_a) | MODRM_RM_REG | src_r32_b as u8;
        self.base.write(&[OPCODE_TEST_R8_WITH_RM8, modrm]);
    }

    /// `test b, a`.
    pub fn test_r32_with_r32(&mut self, src_r32_a: u32, src_r32_b: u32) {
        self.generic_r32_r32(src_r32_b, src_r32_a, OPCODE_TEST_R32_WITH_RM32);
    }

    /// `set<cc> dest8`.
    pub fn setcc_r8(&mut self, jcc_type: u32, dest_r8: u32) {
        let modrm = modrm_r32(0) | MODRM_RM_REG | dest_r8 as u8;
        self.base.write(&[
            OPCODE_SETCC_RM8_A,
            OPCODE_SETCC_RM8_B | jcc_type as u8,
            modrm,
        ]);
    }

    /// `jmp src`.
    pub fn jmp_reg(&mut self, src_r32: u32) {
        let modrm = modrm_r32(4) | MODRM_RM_REG | src_r32 as u8;
        self.base.write(&[OPCODE_CALL_JMP_RM32, modrm]);
    }

    /// Label offset minus the current offset, and whether it is a known backward jump.
    fn rel_to(&self, label: usize) -> (i64, bool) {
        let dest = self.base.label_offset(label);
        let rel = dest.map_or(-1, |d| d as i64) - self.base.code_pos() as i64;
        (rel, dest.is_some() && rel < 0)
    }

    /// `jmp label`: rel8 for a short backward jump, else rel32.
    pub fn jmp_label(&mut self, label: usize) {
        let (rel, backwards) = self.rel_to(label);
        if backwards && signed_fit8((rel - 2) as i32) {
            self.base.write(&[OPCODE_JMP_REL8, (rel - 2) as u8]);
        } else {
            self.base.write(&[OPCODE_JMP_REL32]);
            self.write_word32((rel - 5) as i32);
        }
    }

    /// `j<cc> label`: rel8 for a short backward jump, else rel32.
    pub fn jcc_label(&mut self, jcc_type: u32, label: usize) {
        let (rel, backwards) = self.rel_to(label);
        if backwards && signed_fit8((rel - 2) as i32) {
            self.base
                .write(&[OPCODE_JCC_REL8 | jcc_type as u8, (rel - 2) as u8]);
        } else {
            self.base
                .write(&[OPCODE_JCC_REL32_A, OPCODE_JCC_REL32_B | jcc_type as u8]);
            self.write_word32((rel - 6) as i32);
        }
    }

    /// Function prologue: saves the callee-save registers and reserves an odd number of
    /// local words, which keeps the stack 16-byte aligned.
    pub fn entry(&mut self, num_locals: u32) {
        self.push_r32(reg::EBP);
        self.push_r32(reg::EBX);
        self.push_r32(reg::ESI);
        self.push_r32(reg::EDI);
        let num_locals = (num_locals | 3) as i32;
        self.sub_r32_i32(reg::ESP, num_locals * WORD_SIZE);
        self.num_locals = num_locals;
    }

    /// Function epilogue matching [`X86::entry`].
    pub fn exit(&mut self) {
        self.sub_r32_i32(reg::ESP, -self.num_locals * WORD_SIZE);
        self.pop_r32(reg::EDI);
        self.pop_r32(reg::ESI);
        self.pop_r32(reg::EBX);
        self.pop_r32(reg::EBP);
        self.base.write(&[OPCODE_RET]);
    }

    /// Loads stack argument `src_arg_num` (0-based) of this function.
    pub fn mov_arg_to_r32(&mut self, src_arg_num: u32, dest_r32: u32) {
        // Above esp: the locals, 4 saved registers, the return address, then the arguments.
        let offset = (self.num_locals + 4 + 1 + src_arg_num as i32) * WORD_SIZE;
        self.mov_mem32_to_r32(reg::ESP, offset, dest_r32);
    }

    /// Loads local `src_local_num`.
    pub fn mov_local_to_r32(&mut self, src_local_num: i32, dest_r32: u32) {
        self.mov_mem32_to_r32(reg::ESP, src_local_num * WORD_SIZE, dest_r32);
    }

    /// Stores into local `dest_local_num`.
    pub fn mov_r32_to_local(&mut self, src_r32: u32, dest_local_num: i32) {
        self.mov_r32_to_mem32(src_r32, reg::ESP, dest_local_num * WORD_SIZE);
    }

    /// The address of local `local_num`.
    pub fn mov_local_addr_to_r32(&mut self, local_num: i32, dest_r32: u32) {
        let offset = local_num * WORD_SIZE;
        if offset == 0 {
            self.mov_r32_r32(dest_r32, reg::ESP);
        } else {
            self.lea_disp_to_r32(reg::ESP, offset, dest_r32);
        }
    }

    /// The address of `label`: `call` the next instruction, pop the return address, add the
    /// distance (always as a 32-bit immediate, since the label is usually ahead).
    pub fn mov_reg_pcrel(&mut self, dest_r32: u32, label: usize) {
        self.base.write(&[OPCODE_CALL_REL32]);
        self.write_word32(0);
        let (rel, _) = self.rel_to(label);
        self.pop_r32(dest_r32);
        let modrm = modrm_r32(0) | MODRM_RM_REG | dest_r32 as u8;
        self.base.write(&[OPCODE_ARITH_I32_RM32, modrm]);
        self.write_word32(rel as i32);
    }

    /// Calls entry `fun_id` of the function table with `n_args` (at most 4) arguments taken
    /// from the argument registers, through `temp_r32`.
    pub fn call_ind(&mut self, fun_id: u32, n_args: u32, temp_r32: u32) {
        let align = ((n_args + 3) & !3) - n_args;
        if align != 0 {
            self.sub_r32_i32(reg::ESP, align as i32 * WORD_SIZE);
        }
        for (needed, arg_reg) in [
            (3, reg::ARG_4),
            (2, reg::ARG_3),
            (1, reg::ARG_2),
            (0, reg::ARG_1),
        ] {
            if n_args > needed {
                self.push_r32(arg_reg);
            }
        }
        self.mov_mem32_to_r32(reg::FUN_TABLE, fun_id as i32 * WORD_SIZE, temp_r32);
        let modrm = modrm_r32(2) | MODRM_RM_REG | temp_r32 as u8;
        self.base.write(&[OPCODE_CALL_JMP_RM32, modrm]);
        // cdecl: the caller pops the arguments.
        if n_args > 0 {
            self.add_i32_to_r32((n_args + align) as i32 * WORD_SIZE, reg::ESP);
        }
    }
}

/// How many arguments each `mp_fun_table` entry takes, in table order (`mp_fun_kind_t`):
/// x86 pushes them for the call, so it must know. The first three entries are objects,
/// never called.
const FUN_TABLE_N_ARGS: [u8; 50] = [
    0, 0, 0, // None, False, True
    2, 2, 1, // convert_obj_to_native, convert_native_to_obj, native_swap_globals
    1, 1, 0, 2, 3,
    2, // load_name, load_global, load_build_class, load_attr, load_method, load_super_method
    2, 2, 3, 3, // store_name, store_global, store_attr, obj_subscr
    1, 2, 3, // obj_is_true, unary_op, binary_op
    2, 2, 1, 2, 2, 2,
    3, // build_tuple, build_list, build_map, build_set, store_set, list_append, store_map
    3, 3, 3,
    3, // make_function_from_proto_fun, native_call_function_n_kw, call_method_n_kw(_var)
    2, 1, 1, 0, 1, // native_getiter, native_iternext, nlr_push, nlr_pop, native_raise
    3, 2, 1, // import_name, import_from, import_all
    3, 3, 3, 1, 1, // new_slice, unpack_sequence, unpack_ex, delete_name, delete_global
    3, 3, 4, // new_closure, arg_check_num_sig, setup_code_state
    2, 2, 3, 1, // small_int_floor_divide, small_int_modulo, native_yield_from, setjmp
];

// The x86 compare conditions in `Compare` order.
const CC_UNSIGNED: [u32; 6] = [cc::JB, cc::JA, cc::JE, cc::JBE, cc::JAE, cc::JNE];
const CC_SIGNED: [u32; 6] = [cc::JL, cc::JG, cc::JE, cc::JLE, cc::JGE, cc::JNE];

fn r(reg: Reg) -> u32 {
    u32::from(reg)
}

impl Assembler for X86 {
    const WORD_SIZE: usize = 4;
    const NLR_BUF_NUM_REGS: usize = 6;
    const NLR_BUF_IDX_LOCAL_1: usize = 5;

    const REG_RET: Reg = reg::EAX as Reg;
    const REG_ARG_1: Reg = reg::ARG_1 as Reg;
    const REG_ARG_2: Reg = reg::ARG_2 as Reg;
    const REG_ARG_3: Reg = reg::ARG_3 as Reg;
    const REG_ARG_4: Reg = reg::ARG_4 as Reg;
    const REG_TEMP0: Reg = reg::EAX as Reg;
    const REG_TEMP1: Reg = reg::ECX as Reg;
    const REG_TEMP2: Reg = reg::EDX as Reg;
    const REG_LOCAL_1: Reg = reg::EBX as Reg;
    const REG_LOCAL_2: Reg = reg::ESI as Reg;
    const REG_LOCAL_3: Reg = reg::EDI as Reg;
    const REG_FUN_TABLE: Reg = reg::FUN_TABLE as Reg;
    const SHIFT_COUNT_REG: Option<Reg> = Some(reg::ECX as Reg);
    const STORE_VALUE_IN_FIXED_REG: bool = true;
    const ARGS_ON_STACK: bool = true;

    fn base(&self) -> &AsmBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut AsmBase {
        &mut self.base
    }

    fn entry(&mut self, num_locals: usize) {
        X86::entry(self, num_locals as u32);
    }

    fn exit(&mut self) {
        X86::exit(self);
    }

    fn jump(&mut self, label: usize) {
        self.jmp_label(label);
    }

    fn jump_if_reg_zero(&mut self, reg: Reg, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(r(reg), r(reg));
        } else {
            self.test_r32_with_r32(r(reg), r(reg));
        }
        self.jcc_label(cc::JZ, label);
    }

    fn jump_if_reg_nonzero(&mut self, reg: Reg, label: usize, bool_test: bool) {
        if bool_test {
            self.test_r8_with_r8(r(reg), r(reg));
        } else {
            self.test_r32_with_r32(r(reg), r(reg));
        }
        self.jcc_label(cc::JNZ, label);
    }

    fn jump_if_reg_eq(&mut self, reg1: Reg, reg2: Reg, label: usize) {
        self.cmp_r32_with_r32(r(reg1), r(reg2));
        self.jcc_label(cc::JE, label);
    }

    fn jump_reg(&mut self, reg: Reg) {
        self.jmp_reg(r(reg));
    }

    fn call_ind(&mut self, fun_id: usize) {
        let n_args = FUN_TABLE_N_ARGS.get(fun_id).copied().unwrap_or(0);
        X86::call_ind(self, fun_id as u32, u32::from(n_args), reg::EAX);
    }

    fn mov_local_reg(&mut self, local_num: usize, reg_src: Reg) {
        self.mov_r32_to_local(r(reg_src), local_num as i32);
    }

    fn mov_reg_imm(&mut self, reg_dest: Reg, imm: i64) {
        self.mov_i32_to_r32(imm as i32, r(reg_dest));
    }

    fn mov_reg_local(&mut self, reg_dest: Reg, local_num: usize) {
        self.mov_local_to_r32(local_num as i32, r(reg_dest));
    }

    fn mov_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.mov_r32_r32(r(reg_dest), r(reg_src));
    }

    fn mov_reg_local_addr(&mut self, reg_dest: Reg, local_num: usize) {
        self.mov_local_addr_to_r32(local_num as i32, r(reg_dest));
    }

    fn mov_reg_pcrel(&mut self, reg_dest: Reg, label: usize) {
        X86::mov_reg_pcrel(self, r(reg_dest), label);
    }

    fn mov_arg_to_reg(&mut self, arg_index: usize, reg_dest: Reg) {
        self.mov_arg_to_r32(arg_index as u32, r(reg_dest));
    }

    fn not_reg(&mut self, reg: Reg) {
        self.not_r32(r(reg));
    }

    fn neg_reg(&mut self, reg: Reg) {
        self.neg_r32(r(reg));
    }

    fn lsl_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.shl_r32_cl(r(reg_dest));
    }

    fn lsr_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.shr_r32_cl(r(reg_dest));
    }

    fn asr_reg_reg(&mut self, reg_dest: Reg, _reg_shift: Reg) {
        self.sar_r32_cl(r(reg_dest));
    }

    fn or_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.or_r32_r32(r(reg_dest), r(reg_src));
    }

    fn xor_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.xor_r32_r32(r(reg_dest), r(reg_src));
    }

    fn and_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.and_r32_r32(r(reg_dest), r(reg_src));
    }

    fn add_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.add_r32_r32(r(reg_dest), r(reg_src));
    }

    fn sub_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.sub_r32_r32(r(reg_dest), r(reg_src));
    }

    fn mul_reg_reg(&mut self, reg_dest: Reg, reg_src: Reg) {
        self.mul_r32_r32(r(reg_dest), r(reg_src));
    }

    fn clr_reg(&mut self, reg_dest: Reg) {
        self.xor_r32_r32(r(reg_dest), r(reg_dest));
    }

    fn set_reg_compare(
        &mut self,
        cmp: Compare,
        unsigned: bool,
        reg_dest: Reg,
        reg_lhs: Reg,
        reg_rhs: Reg,
    ) {
        self.xor_r32_r32(r(reg_dest), r(reg_dest));
        self.cmp_r32_with_r32(r(reg_rhs), r(reg_lhs));
        let table = if unsigned { &CC_UNSIGNED } else { &CC_SIGNED };
        self.setcc_r8(table[cmp.index()], r(reg_dest));
    }

    fn load_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word_offset: usize) {
        self.mov_mem32_to_r32(
            r(reg_base),
            (word_offset as i32).wrapping_mul(4),
            r(reg_dest),
        );
    }

    fn load8_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, byte_offset: i64) {
        self.mov_mem8_to_r32zx(r(reg_base), byte_offset as i32, r(reg_dest));
    }

    fn load16_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, halfword_offset: i64) {
        self.mov_mem16_to_r32zx(
            r(reg_base),
            (halfword_offset as i32).wrapping_mul(2),
            r(reg_dest),
        );
    }

    fn load32_reg_reg_offset(&mut self, reg_dest: Reg, reg_base: Reg, word32_offset: i64) {
        self.mov_mem32_to_r32(
            r(reg_base),
            (word32_offset as i32).wrapping_mul(4),
            r(reg_dest),
        );
    }

    fn store_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word_offset: usize) {
        self.mov_r32_to_mem32(
            r(reg_src),
            r(reg_base),
            (word_offset as i32).wrapping_mul(4),
        );
    }

    fn store8_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, byte_offset: i64) {
        self.mov_r8_to_mem8(r(reg_src), r(reg_base), byte_offset as i32);
    }

    fn store16_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, halfword_offset: i64) {
        self.mov_r16_to_mem16(
            r(reg_src),
            r(reg_base),
            (halfword_offset as i32).wrapping_mul(2),
        );
    }

    fn store32_reg_reg_offset(&mut self, reg_src: Reg, reg_base: Reg, word32_offset: i64) {
        self.mov_r32_to_mem32(
            r(reg_src),
            r(reg_base),
            (word32_offset as i32).wrapping_mul(4),
        );
    }
}

#[cfg(test)]
mod tests;
