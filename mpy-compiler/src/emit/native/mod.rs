//! The native and viper emitter (mirrors `py/emitnative.c`), generic over an [`Assembler`].
//!
//! The compiler drives it with the same operations as the bytecode emitter. Each Python stack
//! slot is tracked lazily: a value may still sit in a register or be a pending immediate
//! ([`Slot`]) and is only written to the C stack when the code needs it there (a call, a
//! jump, a label). Viper additionally tracks a machine type per slot and per local, and
//! integers stay unboxed.
//!
//! Stack frame of a function (in words): `code_state_start` is where `mp_code_state_native_t`
//! (native) or the function object / old globals (viper) live, behind an `nlr_buf_t` when the
//! function needs a global exception handler; the Python stack and then the locals (reversed)
//! follow from `stack_start`. Labels `0..6` of each scope are reserved by the compiler for the
//! entry and exit code.
//!
//! Constructs outside what this emitter implements (exception handlers, generators, `with`)
//! are reported as a `NotImplementedError` naming them rather than compiled wrongly.

mod handlers;
mod ops;

use std::hash::Hash;

use crate::asm::{AsmPass, Assembler, Reg};
use crate::emit::{encode_prelude_size, encode_signature, Constant, ModuleTables, Pass};

/// Entries of `mp_fun_table` the generated code calls (`mp_fun_kind_t`, py/nativeglue.h).
#[allow(missing_docs)]
pub mod fun {
    pub const CONST_NONE_OBJ: usize = 0;
    pub const CONST_FALSE_OBJ: usize = 1;
    pub const CONVERT_OBJ_TO_NATIVE: usize = 3;
    pub const CONVERT_NATIVE_TO_OBJ: usize = 4;
    pub const NATIVE_SWAP_GLOBALS: usize = 5;
    pub const LOAD_NAME: usize = 6;
    pub const LOAD_BUILD_CLASS: usize = 8;
    pub const LOAD_ATTR: usize = 9;
    pub const LOAD_METHOD: usize = 10;
    pub const LOAD_SUPER_METHOD: usize = 11;
    pub const STORE_NAME: usize = 12;
    pub const STORE_ATTR: usize = 14;
    pub const OBJ_SUBSCR: usize = 15;
    pub const OBJ_IS_TRUE: usize = 16;
    pub const UNARY_OP: usize = 17;
    pub const BINARY_OP: usize = 18;
    pub const BUILD_TUPLE: usize = 19;
    pub const STORE_SET: usize = 23;
    pub const LIST_APPEND: usize = 24;
    pub const STORE_MAP: usize = 25;
    pub const MAKE_FUNCTION_FROM_PROTO_FUN: usize = 26;
    pub const NATIVE_CALL_FUNCTION_N_KW: usize = 27;
    pub const CALL_METHOD_N_KW: usize = 28;
    pub const CALL_METHOD_N_KW_VAR: usize = 29;
    pub const NATIVE_GETITER: usize = 30;
    pub const NATIVE_ITERNEXT: usize = 31;
    pub const NLR_PUSH: usize = 32;
    pub const NLR_POP: usize = 33;
    pub const NATIVE_RAISE: usize = 34;
    pub const IMPORT_NAME: usize = 35;
    pub const IMPORT_FROM: usize = 36;
    pub const IMPORT_ALL: usize = 37;
    pub const NEW_SLICE: usize = 38;
    pub const UNPACK_SEQUENCE: usize = 39;
    pub const UNPACK_EX: usize = 40;
    pub const DELETE_NAME: usize = 41;
    pub const NEW_CLOSURE: usize = 43;
    pub const ARG_CHECK_NUM_SIG: usize = 44;
    pub const SETUP_CODE_STATE: usize = 45;
    pub const SMALL_INT_FLOOR_DIVIDE: usize = 46;
    pub const SMALL_INT_MODULO: usize = 47;
    pub const NATIVE_YIELD_FROM: usize = 48;
    pub const SETJMP: usize = 49;
}

/// Machine types of viper values (`vtype_kind_t`); the low 4 bits are `MP_NATIVE_TYPE_*`.
#[allow(missing_docs)]
pub mod vtype {
    pub const PYOBJ: u8 = 0x00;
    pub const BOOL: u8 = 0x01;
    pub const INT: u8 = 0x02;
    pub const UINT: u8 = 0x03;
    pub const PTR: u8 = 0x04;
    pub const PTR8: u8 = 0x05;
    pub const PTR16: u8 = 0x06;
    pub const PTR32: u8 = 0x07;
    pub const PTR_NONE: u8 = 0x50 | PTR;
    pub const UNBOUND: u8 = 0x60;
    pub const BUILTIN_CAST: u8 = 0x70;

    /// The name a viper type error uses for `vtype`.
    pub fn name(vtype: u8) -> &'static str {
        match vtype {
            PYOBJ => "object",
            BOOL => "bool",
            INT => "int",
            UINT => "uint",
            PTR => "ptr",
            PTR8 => "ptr8",
            PTR16 => "ptr16",
            PTR32 => "ptr32",
            _ => "None",
        }
    }

    /// `mp_native_type_from_qstr`: the viper type a name denotes in an annotation or cast.
    pub fn from_name(name: &[u8]) -> Option<u8> {
        Some(match name {
            b"object" => PYOBJ,
            b"bool" => BOOL,
            b"int" => INT,
            b"uint" => UINT,
            b"ptr" => PTR,
            b"ptr8" => PTR8,
            b"ptr16" => PTR16,
            b"ptr32" => PTR32,
            _ => return None,
        })
    }
}

/// Scope flags the native emitter adds to the bytecode ones.
pub mod native_flag {
    /// The function refers to globals (needs its globals swapped in).
    pub const REFGLOBALS: u16 = 0x10;
    /// The function loads objects from the constant table.
    pub const HASCONSTS: u16 = 0x20;
    /// Bit position of the viper return type.
    pub const VIPERRET_POS: u16 = 6;
}

const GENERATOR: u16 = 0x01;

/// Word offsets of runtime structures the generated code reads.
const OFFSETOF_OBJ_FUN_BC_CONTEXT: usize = 1;
const OFFSETOF_OBJ_FUN_BC_CHILD_TABLE: usize = 2;
const OFFSETOF_MODULE_CONTEXT_GLOBALS: usize = 1;
const OFFSETOF_MODULE_CONTEXT_QSTR_TABLE: usize = 2;
const OFFSETOF_MODULE_CONTEXT_OBJ_TABLE: usize = 3;
const OFFSETOF_CODE_STATE_FUN_BC: usize = 0;
const OFFSETOF_CODE_STATE_IP: usize = 1;
const OFFSETOF_CODE_STATE_N_STATE: usize = 3;
const SIZEOF_CODE_STATE: usize = 5;
const OFFSETOF_CODE_STATE_STATE: usize = 5;
const OFFSETOF_CODE_STATE_SP: usize = 2;
/// `mp_vm_return_kind_t`
const MP_VM_RETURN_NORMAL: i64 = 0;
const MP_VM_RETURN_YIELD: i64 = 1;
const MP_VM_RETURN_EXCEPTION: i64 = 2;
const NLR_BUF_IDX_RET_VAL: usize = 1;
/// Locals held in callee-saved registers when saving to .mpy (REG_LOCAL_3 holds the qstr table).
const MAX_REGS_FOR_LOCAL_VARS: usize = 2;

/// Where a Python stack slot currently is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// On the C stack.
    Value,
    /// In a register.
    Reg(Reg),
    /// A constant not materialised yet.
    Imm(i64),
}

#[derive(Debug, Clone, Copy)]
struct StackEntry {
    vtype: u8,
    slot: Slot,
}

/// `unwind_label` of an exception-stack entry: no unwinding jump goes through it.
const UNWIND_LABEL_UNUSED: usize = 0x7fff;
/// `unwind_label` of the outermost finally an unwinding jump passes: it decides where to go.
const UNWIND_LABEL_DO_FINAL_UNWIND: usize = 0x7ffe;

/// An active `try`/`with` handler (`exc_stack_entry_t`).
#[derive(Debug, Clone, Copy)]
struct ExcEntry {
    label: usize,
    is_finally: bool,
    unwind_label: usize,
    is_active: bool,
}

/// What the native emitter needs to know about the scope it compiles.
#[derive(Debug, Clone)]
pub struct NativeScope<Q> {
    /// Viper rather than native Python.
    pub viper: bool,
    /// Scope flags including the native ones (REFGLOBALS, HASCONSTS, viper return type).
    pub scope_flags: u16,
    pub num_pos_args: usize,
    pub num_kwonly_args: usize,
    pub num_def_pos_args: usize,
    pub num_locals: usize,
    /// Maximum stack depth found so far.
    pub stack_size: usize,
    /// Deepest exception-handler nesting.
    pub exc_stack_size: usize,
    /// Viper type of each parameter, by local number.
    pub param_vtypes: Vec<(usize, u8)>,
    /// Local slots that hold cells.
    pub cells: Vec<u8>,
    /// Function name, then the argument names, for the prelude.
    pub simple_name: Q,
    pub arg_names: Vec<Q>,
}

/// The native emitter for the `-march` target; one variant per instruction set.
pub enum AnyNative<Q> {
    /// x86-64
    X64(NativeEmitter<crate::asm::x64::AsmX64, Q>),
    /// Xtensa, call0 ABI (`xtensa`)
    Xtensa(NativeEmitter<crate::asm::xtensa::AsmXtensaCall0, Q>),
    /// Xtensa, windowed ABI (`xtensawin`)
    XtensaWin(NativeEmitter<crate::asm::xtensa::AsmXtensaWin, Q>),
    /// RISC-V RV32IMC (`rv32imc`)
    Rv32(NativeEmitter<crate::asm::rv32::AsmRv32, Q>),
    /// 32-bit x86 (`x86`)
    X86(NativeEmitter<crate::asm::x86::X86, Q>),
    /// Thumb (`armv6m`, `armv7m`, `armv7em`, `armv7emsp`, `armv7emdp`)
    Thumb(NativeEmitter<crate::asm::thumb::Thumb, Q>),
    /// ARM state (`armv6`)
    Arm(NativeEmitter<crate::asm::arm::AsmArm, Q>),
}

impl<Q: Copy + Eq + Hash> AnyNative<Q> {
    /// The emitter for `arch` (mpy-cross's `-march` name) with the `-march-flags` bits
    /// `arch_flags`, if its assembler exists; `scope` is replaced before every pass.
    pub fn for_arch(arch: &str, arch_flags: u32, scope: NativeScope<Q>) -> Option<Self> {
        match arch {
            "x64" | "host" => Some(AnyNative::X64(NativeEmitter::new(
                crate::asm::x64::AsmX64::new(0),
                scope,
            ))),
            "xtensa" => Some(AnyNative::Xtensa(NativeEmitter::new(
                crate::asm::xtensa::AsmXtensaCall0::new(0),
                scope,
            ))),
            "xtensawin" => Some(AnyNative::XtensaWin(NativeEmitter::new(
                crate::asm::xtensa::AsmXtensaWin::new(0),
                scope,
            ))),
            "rv32imc" => Some(AnyNative::Rv32(NativeEmitter::new(
                crate::asm::rv32::AsmRv32::new(
                    0,
                    crate::asm::rv32::Rv32Extensions::from_bits(arch_flags),
                ),
                scope,
            ))),
            "x86" => Some(AnyNative::X86(NativeEmitter::new(
                crate::asm::x86::X86::new(0),
                scope,
            ))),
            "armv6m" | "armv7m" | "armv7em" | "armv7emsp" | "armv7emdp" => {
                let thumb = if arch == "armv6m" {
                    crate::asm::thumb::ThumbArch::Armv6m
                } else {
                    crate::asm::thumb::ThumbArch::Armv7m
                };
                Some(AnyNative::Thumb(NativeEmitter::new(
                    crate::asm::thumb::Thumb::new(thumb, 0),
                    scope,
                )))
            }
            "armv6" => Some(AnyNative::Arm(NativeEmitter::new(
                crate::asm::arm::AsmArm::new(0),
                scope,
            ))),
            _ => None,
        }
    }
}

/// Runs `$body` with `$n` bound to the arch-specific emitter inside an [`AnyNative`].
macro_rules! with_native {
    ($any:expr, $n:ident => $body:expr) => {
        match $any {
            $crate::emit::native::AnyNative::X64($n) => $body,
            $crate::emit::native::AnyNative::Xtensa($n) => $body,
            $crate::emit::native::AnyNative::XtensaWin($n) => $body,
            $crate::emit::native::AnyNative::Rv32($n) => $body,
            $crate::emit::native::AnyNative::X86($n) => $body,
            $crate::emit::native::AnyNative::Thumb($n) => $body,
            $crate::emit::native::AnyNative::Arm($n) => $body,
        }
    };
}
pub(crate) use with_native;

impl<Q> std::fmt::Debug for AnyNative<Q> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnyNative")
    }
}

/// An error found while emitting native code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeError {
    /// Exception type name (`ViperTypeError`, `NotImplementedError`).
    pub kind: &'static str,
    /// The message as mpy-cross words it.
    pub message: String,
    /// mpy-cross stops at once here (an exception raised from inside the emitter, or an
    /// assertion that kills it): no later error replaces this one.
    pub fatal: bool,
}

/// The finished machine code of a scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NativeCode {
    /// Machine code followed (native Python only) by the prelude.
    pub data: Vec<u8>,
    /// Offset of the prelude in `data` (native Python only).
    pub prelude_offset: Option<usize>,
}

/// The native emitter for one architecture; reused for every native scope of a module.
pub struct NativeEmitter<A: Assembler, Q> {
    asm: A,
    pass: Pass,
    scope: NativeScope<Q>,
    viper: bool,
    local_vtype: Vec<u8>,
    stack: Vec<StackEntry>,
    stack_size: usize,
    exc_stack: Vec<ExcEntry>,
    saved_stack_vtype: u8,
    start_offset: usize,
    prelude_offset: usize,
    prelude_ptr_index: usize,
    n_state: usize,
    code_state_start: usize,
    stack_start: usize,
    n_info: usize,
    n_cell: usize,
    exit_label: usize,
    children: usize,
    /// The first error of this scope.
    pub error: Option<NativeError>,
}

impl<A: Assembler, Q: Copy + Eq + Hash> NativeEmitter<A, Q> {
    /// An emitter over `asm`.
    pub fn new(asm: A, scope: NativeScope<Q>) -> Self {
        NativeEmitter {
            asm,
            pass: Pass::StackSize,
            scope,
            viper: false,
            local_vtype: Vec::new(),
            stack: Vec::new(),
            stack_size: 0,
            exc_stack: Vec::new(),
            saved_stack_vtype: vtype::PYOBJ,
            start_offset: 0,
            prelude_offset: 0,
            prelude_ptr_index: 0,
            n_state: 0,
            code_state_start: 0,
            stack_start: 0,
            n_info: 0,
            n_cell: 0,
            exit_label: 0,
            children: 0,
            error: None,
        }
    }

    /// Sets the scope the next pass compiles.
    pub fn set_scope(&mut self, scope: NativeScope<Q>) {
        self.scope = scope;
        self.error = None;
    }

    /// The scope as the emitter now knows it (stack size and flags grow while emitting).
    pub fn scope(&self) -> &NativeScope<Q> {
        &self.scope
    }

    fn flags(&self) -> u16 {
        self.scope.scope_flags
    }

    fn is_generator(&self) -> bool {
        self.flags() & GENERATOR != 0
    }

    fn need_fun_obj(&self) -> bool {
        self.scope.exc_stack_size > 0
            || self.flags() & (native_flag::REFGLOBALS | native_flag::HASCONSTS) != 0
    }

    fn need_global_exc_handler(&self) -> bool {
        self.scope.exc_stack_size > 0 || self.flags() & (GENERATOR | native_flag::REFGLOBALS) != 0
    }

    fn can_use_regs_for_locals(&self) -> bool {
        self.scope.exc_stack_size == 0 && !self.is_generator()
    }

    fn sizeof_nlr_buf() -> usize {
        2 + A::NLR_BUF_NUM_REGS + 1
    }

    fn local_idx_exc_val() -> usize {
        NLR_BUF_IDX_RET_VAL
    }

    fn local_idx_ret_val() -> usize {
        Self::sizeof_nlr_buf()
    }

    fn local_idx_exc_handler_pc() -> usize {
        A::NLR_BUF_IDX_LOCAL_1
    }

    fn local_idx_exc_handler_unwind() -> usize {
        Self::sizeof_nlr_buf() + 1
    }

    fn local_idx_throw_val() -> usize {
        Self::sizeof_nlr_buf() + 2
    }

    fn local_idx_gen_pc(&self) -> usize {
        self.code_state_start + OFFSETOF_CODE_STATE_IP
    }

    fn local_idx_fun_obj(&self) -> usize {
        self.code_state_start + OFFSETOF_CODE_STATE_FUN_BC
    }

    fn local_idx_old_globals(&self) -> usize {
        self.code_state_start + OFFSETOF_CODE_STATE_IP
    }

    fn local_idx_local_var(&self, local_num: usize) -> usize {
        self.stack_start + self.n_state - 1 - local_num
    }

    fn reg_local(i: usize) -> Reg {
        if i == 0 {
            A::REG_LOCAL_1
        } else {
            A::REG_LOCAL_2
        }
    }

    fn reg_local_last() -> Reg {
        Self::reg_local(MAX_REGS_FOR_LOCAL_VARS - 1)
    }

    fn reg_qstr_table() -> Reg {
        A::REG_LOCAL_3
    }

    fn reg_generator_state() -> Reg {
        A::REG_LOCAL_2
    }

    fn local_in_reg(&self, local_num: usize) -> bool {
        local_num < MAX_REGS_FOR_LOCAL_VARS && self.can_use_regs_for_locals()
    }

    /// Records an error; as in mpy-cross a later one replaces it (the compiler stops at the
    /// end of the statement), and emission carries on so the passes stay consistent.
    fn error(&mut self, kind: &'static str, message: String) {
        if self.error.as_ref().is_some_and(|e| e.fatal) {
            return;
        }
        self.error = Some(NativeError {
            kind,
            message,
            fatal: false,
        });
    }

    /// An error that ends compilation at once (`mp_raise_NotImplementedError` in the emitter).
    fn raise(&mut self, message: &str) {
        if self.error.as_ref().is_some_and(|e| e.fatal) {
            return;
        }
        self.error = Some(NativeError {
            kind: "NotImplementedError",
            message: message.into(),
            fatal: true,
        });
    }

    /// Where mpy-cross asserts that a value is an object (and dies on viper values), upy
    /// reports the statement instead.
    fn expect_object(&mut self, vt: u8, what: &str) {
        if vt == vtype::PYOBJ || self.error.as_ref().is_some_and(|e| e.fatal) {
            return;
        }
        self.error = Some(NativeError {
            kind: "ViperTypeError",
            message: format!(
                "{what} needs an object, not '{}' (mpy-cross aborts here)",
                vtype::name(vt)
            ),
            fatal: true,
        });
    }

    fn viper_error(&mut self, message: String) {
        self.error("ViperTypeError", message);
    }

    fn not_implemented(&mut self, what: &str) {
        self.error(
            "NotImplementedError",
            format!("native code for {what} is not supported yet"),
        );
    }

    // ----- passes -----

    /// `emit_native_start_pass`: resets the per-pass state and writes the entry code.
    pub fn start_pass(&mut self, pass: Pass, tables: &mut ModuleTables<Q>) {
        self.pass = pass;
        self.viper = self.scope.viper;
        self.stack_size = 0;
        self.exc_stack.clear();
        for entry in &mut self.stack {
            *entry = StackEntry {
                vtype: vtype::UNBOUND,
                slot: Slot::Value,
            };
        }
        self.children = 0;

        let num_locals = self.scope.num_locals;
        self.local_vtype.clear();
        self.local_vtype.resize(
            num_locals.max(1),
            if self.viper {
                vtype::UNBOUND
            } else {
                vtype::PYOBJ
            },
        );
        let mut num_args = self.scope.num_pos_args + self.scope.num_kwonly_args;
        if self.flags() & 0x04 != 0 {
            num_args += 1;
        }
        if self.flags() & 0x02 != 0 {
            num_args += 1;
        }
        for i in 0..num_args.min(self.local_vtype.len()) {
            self.local_vtype[i] = vtype::PYOBJ;
        }
        if self.viper {
            for &(local, vt) in &self.scope.param_vtypes {
                if let Some(slot) = self.local_vtype.get_mut(local) {
                    *slot = vt;
                }
            }
        }

        self.asm.base_mut().start_pass(if pass == Pass::Emit {
            AsmPass::Emit
        } else {
            AsmPass::Compute
        });

        self.code_state_start = 0;
        if self.need_global_exc_handler() {
            self.code_state_start = Self::sizeof_nlr_buf() + 1;
            if self.is_generator() {
                self.code_state_start += 2;
            } else if self.scope.exc_stack_size > 0 {
                self.code_state_start += 1;
            }
        }

        let fun_table_off = tables.use_constant(&Constant::FunTable, 0);

        if self.viper {
            self.viper_entry(fun_table_off);
        } else {
            self.native_entry(fun_table_off);
        }
    }

    fn viper_entry(&mut self, fun_table_off: usize) {
        let num_locals = self.scope.num_locals;
        let num_pos_args = self.scope.num_pos_args;
        self.n_state = num_locals + self.scope.stack_size;
        let mut num_locals_in_regs = 0;
        if self.can_use_regs_for_locals() {
            num_locals_in_regs = num_locals.min(MAX_REGS_FOR_LOCAL_VARS);
            if num_pos_args > MAX_REGS_FOR_LOCAL_VARS {
                num_locals_in_regs -= 1;
            }
        }
        self.stack_start = if self.need_global_exc_handler() {
            self.code_state_start + 2
        } else if self.flags() & native_flag::HASCONSTS != 0 {
            self.code_state_start + 1
        } else {
            self.code_state_start
        };

        let a = &mut self.asm;
        a.entry(self.stack_start + self.n_state - num_locals_in_regs);
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(0, A::REG_PARENT_ARG_1);
        }
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_PARENT_ARG_1,
            OFFSETOF_OBJ_FUN_BC_CONTEXT,
        );
        a.load_reg_reg_offset(
            Self::reg_qstr_table(),
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
        );
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        a.load_reg_reg_offset(A::REG_FUN_TABLE, A::REG_FUN_TABLE, fun_table_off);
        if self.need_fun_obj() {
            let idx = self.local_idx_fun_obj();
            self.asm.mov_local_reg(idx, A::REG_PARENT_ARG_1);
        }
        let a = &mut self.asm;
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(1, A::REG_ARG_1);
            a.mov_arg_to_reg(2, A::REG_ARG_2);
            a.mov_arg_to_reg(3, Self::reg_local_last());
        } else {
            a.mov_reg_reg(A::REG_ARG_1, A::REG_PARENT_ARG_2);
            a.mov_reg_reg(A::REG_ARG_2, A::REG_PARENT_ARG_3);
            a.mov_reg_reg(Self::reg_local_last(), A::REG_PARENT_ARG_4);
        }
        // Labels 4 and 5 of the scope are reserved for the argument check.
        a.jump_if_reg_nonzero(A::REG_ARG_2, 4, true);
        a.mov_reg_imm(A::REG_ARG_3, num_pos_args as i64);
        a.jump_if_reg_eq(A::REG_ARG_1, A::REG_ARG_3, 5);
        a.label_assign(4);
        // MP_OBJ_FUN_MAKE_SIG(n, n, false)
        let sig = ((num_pos_args as i64) << 17) | ((num_pos_args as i64) << 1);
        a.mov_reg_imm(A::REG_ARG_3, sig);
        a.call_ind(fun::ARG_CHECK_NUM_SIG);
        a.label_assign(5);

        for i in 0..num_pos_args {
            let mut r = A::REG_ARG_1;
            self.asm
                .load_reg_reg_offset(A::REG_ARG_1, Self::reg_local_last(), i);
            let vt = self.local_vtype.get(i).copied().unwrap_or(vtype::PYOBJ);
            if vt != vtype::PYOBJ {
                self.call_with_imm_arg(fun::CONVERT_OBJ_TO_NATIVE, i64::from(vt), A::REG_ARG_2);
                r = A::REG_RET;
            }
            if i < MAX_REGS_FOR_LOCAL_VARS
                && self.can_use_regs_for_locals()
                && (i != MAX_REGS_FOR_LOCAL_VARS - 1 || num_pos_args == MAX_REGS_FOR_LOCAL_VARS)
            {
                self.asm.mov_reg_reg(Self::reg_local(i), r);
            } else {
                let idx = self.local_idx_local_var(i);
                self.mov_state_reg(idx, r);
            }
        }
        if num_pos_args > MAX_REGS_FOR_LOCAL_VARS && self.can_use_regs_for_locals() {
            let idx = self.local_idx_local_var(MAX_REGS_FOR_LOCAL_VARS - 1);
            self.asm.mov_reg_local(Self::reg_local_last(), idx);
        }
        self.global_exc_entry();
    }

    fn native_entry(&mut self, fun_table_off: usize) {
        self.n_state = self.scope.num_locals + self.scope.stack_size;
        self.asm.data(A::WORD_SIZE, self.prelude_ptr_index as u64);
        if self.is_generator() {
            self.native_generator_entry(fun_table_off);
            return;
        }
        self.stack_start = self.code_state_start + SIZEOF_CODE_STATE;
        let a = &mut self.asm;
        a.entry(self.stack_start + self.n_state);
        if A::ARGS_ON_STACK {
            a.mov_arg_to_reg(0, A::REG_PARENT_ARG_1);
            a.mov_arg_to_reg(1, A::REG_PARENT_ARG_2);
            a.mov_arg_to_reg(2, A::REG_PARENT_ARG_3);
            a.mov_arg_to_reg(3, A::REG_PARENT_ARG_4);
        }
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_PARENT_ARG_1,
            OFFSETOF_OBJ_FUN_BC_CONTEXT,
        );
        a.load_reg_reg_offset(
            Self::reg_qstr_table(),
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
        );
        a.load_reg_reg_offset(
            A::REG_FUN_TABLE,
            A::REG_FUN_TABLE,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        a.load_reg_reg_offset(A::REG_FUN_TABLE, A::REG_FUN_TABLE, fun_table_off);
        let fun_obj = self.local_idx_fun_obj();
        self.asm.mov_local_reg(fun_obj, A::REG_PARENT_ARG_1);
        let n_state_idx = self.code_state_start + OFFSETOF_CODE_STATE_N_STATE;
        self.asm.mov_reg_imm(A::REG_ARG_1, self.n_state as i64);
        self.mov_state_reg(n_state_idx, A::REG_ARG_1);
        let a = &mut self.asm;
        a.mov_reg_local_addr(A::REG_ARG_1, self.code_state_start);
        if A::REG_ARG_2 != A::REG_PARENT_ARG_2 {
            a.mov_reg_reg(A::REG_ARG_2, A::REG_PARENT_ARG_2);
        }
        if A::REG_ARG_3 != A::REG_PARENT_ARG_3 {
            a.mov_reg_reg(A::REG_ARG_3, A::REG_PARENT_ARG_3);
        }
        if A::REG_ARG_4 != A::REG_PARENT_ARG_4 {
            a.mov_reg_reg(A::REG_ARG_4, A::REG_PARENT_ARG_4);
        }
        a.call_setup_code_state(fun::SETUP_CODE_STATE);
        self.global_exc_entry();

        if self.can_use_regs_for_locals() {
            for i in 0..MAX_REGS_FOR_LOCAL_VARS.min(self.scope.num_locals) {
                let idx = self.local_idx_local_var(i);
                self.asm.mov_reg_local(Self::reg_local(i), idx);
            }
        }
        for &cell in &self.scope.cells {
            if let Some(vt) = self.local_vtype.get_mut(usize::from(cell)) {
                *vt = vtype::PYOBJ;
            }
        }
    }

    fn native_generator_entry(&mut self, fun_table_off: usize) {
        self.asm.data(A::WORD_SIZE, self.start_offset as u64);
        self.asm.entry(self.code_state_start);
        // From here the state lives where REG_GENERATOR_STATE points.
        self.code_state_start = 0;
        self.stack_start = SIZEOF_CODE_STATE;
        let gen = Self::reg_generator_state();
        if A::ARGS_ON_STACK {
            self.asm.mov_arg_to_reg(0, gen);
            self.asm.mov_arg_to_reg(1, A::REG_PARENT_ARG_2);
        } else {
            self.asm.mov_reg_reg(gen, A::REG_PARENT_ARG_1);
        }
        self.asm
            .mov_local_reg(Self::local_idx_throw_val(), A::REG_PARENT_ARG_2);
        let fun_obj = self.local_idx_fun_obj();
        let a = &mut self.asm;
        a.load_reg_reg_offset(A::REG_TEMP0, gen, fun_obj);
        a.load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        a.load_reg_reg_offset(
            Self::reg_qstr_table(),
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
        );
        a.load_reg_reg_offset(
            A::REG_TEMP0,
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        a.load_reg_reg_offset(A::REG_FUN_TABLE, A::REG_TEMP0, fun_table_off);
        self.global_exc_entry();
        for &cell in &self.scope.cells {
            if let Some(vt) = self.local_vtype.get_mut(usize::from(cell)) {
                *vt = vtype::PYOBJ;
            }
        }
    }

    fn global_exc_entry(&mut self) {
        // Labels 0..4 of the scope: exit, nlr, start, global except.
        self.exit_label = 0;
        if !self.need_global_exc_handler() {
            return;
        }
        let (nlr_label, start_label, global_except_label) = (1, 2, 3);
        let generator = self.is_generator();
        if !generator {
            let fun_obj = self.local_idx_fun_obj();
            self.mov_reg_state(A::REG_ARG_1, fun_obj);
            self.asm
                .load_reg_reg_offset(A::REG_ARG_1, A::REG_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            self.asm.load_reg_reg_offset(
                A::REG_ARG_1,
                A::REG_ARG_1,
                OFFSETOF_MODULE_CONTEXT_GLOBALS,
            );
            self.call(fun::NATIVE_SWAP_GLOBALS);
            let old_globals = self.local_idx_old_globals();
            self.mov_state_reg(old_globals, A::REG_RET);
        }
        if self.scope.exc_stack_size == 0 {
            if !generator {
                // Globals unchanged: no nlr context needed.
                self.asm.jump_if_reg_zero(A::REG_RET, start_label, false);
            }
            self.asm.mov_reg_local_addr(A::REG_ARG_1, 0);
            self.call(fun::NLR_PUSH);
            if A::NLR_SETJMP {
                self.asm.mov_reg_local_addr(A::REG_ARG_1, 2);
                self.call(fun::SETJMP);
            }
            self.asm.jump_if_reg_zero(A::REG_RET, start_label, true);
        } else {
            self.asm.mov_local_null(
                Self::local_idx_exc_handler_unwind(),
                A::REG_ZERO.unwrap_or(A::REG_TEMP0),
            );
            let zero = A::REG_ZERO.unwrap_or(A::REG_TEMP0);
            self.asm.mov_local_reg(Self::local_idx_exc_val(), zero);
            self.asm.mov_reg_pcrel(A::REG_LOCAL_1, start_label);
            self.label_assign_native(nlr_label);
            self.asm.mov_reg_local_addr(A::REG_ARG_1, 0);
            self.call(fun::NLR_PUSH);
            if A::NLR_SETJMP {
                self.asm.mov_reg_local_addr(A::REG_ARG_1, 2);
                self.call(fun::SETJMP);
            }
            self.asm
                .jump_if_reg_nonzero(A::REG_RET, global_except_label, true);
            self.asm.mov_local_null(
                Self::local_idx_exc_handler_pc(),
                A::REG_ZERO.unwrap_or(A::REG_TEMP0),
            );
            self.asm.jump_reg(A::REG_LOCAL_1);
            self.label_assign_native(global_except_label);
            self.asm
                .mov_reg_local(A::REG_LOCAL_1, Self::local_idx_exc_handler_pc());
            self.asm
                .jump_if_reg_nonzero(A::REG_LOCAL_1, nlr_label, false);
        }
        if !generator {
            let old_globals = self.local_idx_old_globals();
            self.mov_reg_state(A::REG_ARG_1, old_globals);
            self.call(fun::NATIVE_SWAP_GLOBALS);
        }
        if generator {
            self.asm
                .mov_reg_local(A::REG_TEMP0, Self::local_idx_exc_val());
            self.asm.store_reg_reg_offset(
                A::REG_TEMP0,
                Self::reg_generator_state(),
                OFFSETOF_CODE_STATE_STATE,
            );
            self.asm
                .mov_reg_imm(A::REG_PARENT_RET, MP_VM_RETURN_EXCEPTION);
            self.asm.exit();
        } else {
            self.asm
                .mov_reg_local(A::REG_ARG_1, Self::local_idx_exc_val());
            self.call(fun::NATIVE_RAISE);
        }
        self.label_assign_native(start_label);
        if generator {
            let gen_pc = self.local_idx_gen_pc();
            self.mov_reg_state(A::REG_TEMP0, gen_pc);
            self.asm.jump_reg(A::REG_TEMP0);
            self.start_offset = self.asm.code_pos();
            self.asm
                .mov_reg_local(A::REG_ARG_1, Self::local_idx_throw_val());
            self.asm
                .mov_local_null(Self::local_idx_throw_val(), A::REG_ARG_2);
            self.call(fun::NATIVE_RAISE);
        }
    }

    fn global_exc_exit(&mut self) {
        let exit_label = self.exit_label;
        self.label_assign_native(exit_label);
        if self.need_global_exc_handler() {
            let generator = self.is_generator();
            let plain = self.scope.exc_stack_size == 0;
            if !generator {
                let old_globals = self.local_idx_old_globals();
                self.mov_reg_state(A::REG_ARG_1, old_globals);
                if plain {
                    self.asm
                        .jump_if_reg_zero(A::REG_ARG_1, exit_label + 1, false);
                }
                self.call(fun::NATIVE_SWAP_GLOBALS);
            }
            self.call(fun::NLR_POP);
            if !generator && plain {
                self.label_assign_native(exit_label + 1);
            }
            self.asm
                .mov_reg_local(A::REG_PARENT_RET, Self::local_idx_ret_val());
        }
        self.asm.exit();
    }

    /// `emit_native_end_pass`: exit code, then (native Python) the prelude; on the emit pass
    /// returns the finished code.
    pub fn end_pass(&mut self, tables: &mut ModuleTables<Q>) -> Option<NativeCode> {
        self.global_exc_exit();
        if !self.viper {
            self.prelude_offset = self.asm.code_pos();
            self.prelude_ptr_index = self.children;
            let mut prelude = Vec::new();
            let flags = self.flags() & 0x0f;
            encode_signature(
                &mut prelude,
                self.n_state,
                0,
                flags,
                self.scope.num_pos_args,
                self.scope.num_kwonly_args,
                self.scope.num_def_pos_args,
            );
            encode_prelude_size(&mut prelude, self.n_info, self.n_cell);
            self.asm.base_mut().write(&prelude);
            let info_start = self.asm.code_pos();
            let mut info = Vec::new();
            crate::opcode::push_vuint(&mut info, tables.use_qstr(self.scope.simple_name) as u64);
            for &arg in &self.scope.arg_names {
                crate::opcode::push_vuint(&mut info, tables.use_qstr(arg) as u64);
            }
            self.asm.base_mut().write(&info);
            self.n_info = self.asm.code_pos() - info_start;
            let cells = self.scope.cells.clone();
            self.asm.base_mut().write(&cells);
            self.n_cell = cells.len();
        }
        self.asm.end_pass();
        if let Some(message) = self.asm.encoding_error() {
            self.error("NotImplementedError", message.to_string());
        }
        if self.pass != Pass::Emit {
            return None;
        }
        let size = self.asm.code_pos();
        let mut data = self.asm.base_mut().take_code();
        data.resize(size, 0);
        Some(NativeCode {
            data,
            prelude_offset: (!self.viper).then_some(self.prelude_offset),
        })
    }

    /// Index in the child table for the next `make_function` (`mp_emit_common_alloc_const_child`).
    fn alloc_child(&mut self) -> usize {
        self.children += 1;
        self.children - 1
    }

    // ----- stack handling -----

    fn ensure_stack(&mut self, size: usize) {
        if self.stack_size < size {
            self.stack.resize(
                size,
                StackEntry {
                    vtype: vtype::UNBOUND,
                    slot: Slot::Value,
                },
            );
        }
    }

    fn adjust_stack(&mut self, delta: i64) {
        let new_size = (self.stack_size as i64 + delta).max(0) as usize;
        self.ensure_stack(new_size);
        self.stack_size = new_size;
        if self.pass > Pass::Scope && new_size > self.scope.stack_size {
            self.scope.stack_size = new_size;
        }
    }

    /// `emit_native_adjust_stack_size`
    pub fn adjust_stack_size(&mut self, delta: i64) {
        let old = self.stack_size;
        self.adjust_stack(delta);
        if delta > 0 {
            for i in 0..delta as usize {
                self.stack[old + i] = StackEntry {
                    vtype: if delta == 1 {
                        self.saved_stack_vtype
                    } else {
                        vtype::PYOBJ
                    },
                    slot: Slot::Value,
                };
            }
        }
    }

    fn peek(&self, depth: usize) -> StackEntry {
        let len = self.stack_size;
        self.stack
            .get(len.wrapping_sub(1 + depth))
            .copied()
            .unwrap_or(StackEntry {
                vtype: vtype::PYOBJ,
                slot: Slot::Value,
            })
    }

    fn peek_vtype(&self, depth: usize) -> u8 {
        if self.viper {
            self.peek(depth).vtype
        } else {
            vtype::PYOBJ
        }
    }

    fn mov_state_reg(&mut self, local_num: usize, reg_src: Reg) {
        if self.is_generator() {
            self.asm
                .store_reg_reg_offset(reg_src, Self::reg_generator_state(), local_num);
        } else {
            self.asm.mov_local_reg(local_num, reg_src);
        }
    }

    fn mov_reg_state(&mut self, reg_dest: Reg, local_num: usize) {
        if self.is_generator() {
            self.asm
                .load_reg_reg_offset(reg_dest, Self::reg_generator_state(), local_num);
        } else {
            self.asm.mov_reg_local(reg_dest, local_num);
        }
    }

    fn mov_reg_state_addr(&mut self, reg_dest: Reg, local_num: usize) {
        if self.is_generator() {
            self.asm
                .mov_reg_imm(reg_dest, (local_num * A::WORD_SIZE) as i64);
            self.asm.add_reg_reg(reg_dest, Self::reg_generator_state());
        } else {
            self.asm.mov_reg_local_addr(reg_dest, local_num);
        }
    }

    fn mov_reg_const(&mut self, reg_dest: Reg, const_val: usize) {
        self.asm
            .load_reg_reg_offset(reg_dest, A::REG_FUN_TABLE, const_val);
    }

    fn mov_reg_qstr(&mut self, tables: &mut ModuleTables<Q>, reg: Reg, qstr: Q) {
        let index = tables.use_qstr(qstr);
        self.asm
            .load16_reg_reg_offset(reg, Self::reg_qstr_table(), index as i64);
    }

    /// `need_reg_single`: spills any other stack slot living in `reg_needed`.
    fn need_reg_single(&mut self, reg_needed: Reg, skip_stack_pos: usize) {
        let skip = self.stack_size.wrapping_sub(skip_stack_pos);
        for i in 0..self.stack_size {
            if i != skip {
                if let Slot::Reg(r) = self.stack[i].slot {
                    if r == reg_needed {
                        self.stack[i].slot = Slot::Value;
                        self.mov_state_reg(self.stack_start + i, r);
                    }
                }
            }
        }
    }

    fn need_reg_all(&mut self) {
        for i in 0..self.stack_size {
            if let Slot::Reg(r) = self.stack[i].slot {
                self.stack[i].slot = Slot::Value;
                self.mov_state_reg(self.stack_start + i, r);
            }
        }
    }

    fn load_reg_stack_imm(
        &mut self,
        reg_dest: Reg,
        entry: StackEntry,
        imm: i64,
        to_obj: bool,
    ) -> u8 {
        if !to_obj && self.viper {
            self.asm.mov_reg_imm(reg_dest, imm);
            return entry.vtype;
        }
        match entry.vtype {
            vtype::PYOBJ => self.asm.mov_reg_imm(reg_dest, imm),
            vtype::BOOL => self.mov_reg_const(reg_dest, fun::CONST_FALSE_OBJ + imm as usize),
            vtype::INT | vtype::UINT => self.asm.mov_reg_imm(reg_dest, imm.wrapping_shl(1) | 1),
            vtype::PTR_NONE => self.mov_reg_const(reg_dest, fun::CONST_NONE_OBJ),
            _ => self.raise("conversion to object"),
        }
        vtype::PYOBJ
    }

    fn need_stack_settled(&mut self) {
        self.need_reg_all();
        for i in 0..self.stack_size {
            if let Slot::Imm(imm) = self.stack[i].slot {
                self.stack[i].slot = Slot::Value;
                let entry = self.stack[i];
                self.stack[i].vtype = self.load_reg_stack_imm(A::REG_TEMP1, entry, imm, false);
                self.mov_state_reg(self.stack_start + i, A::REG_TEMP1);
            }
        }
    }

    /// `emit_access_stack`: loads stack position `pos` (1 is the top) into `reg_dest`.
    fn access_stack(&mut self, pos: usize, reg_dest: Reg) -> u8 {
        self.need_reg_single(reg_dest, pos);
        let index = self.stack_size.wrapping_sub(pos);
        let Some(entry) = self.stack.get(index).copied() else {
            return vtype::PYOBJ;
        };
        match entry.slot {
            Slot::Value => {
                self.mov_reg_state(reg_dest, self.stack_start + index);
                entry.vtype
            }
            Slot::Reg(r) => {
                if r != reg_dest {
                    self.asm.mov_reg_reg(reg_dest, r);
                }
                entry.vtype
            }
            Slot::Imm(imm) => self.load_reg_stack_imm(reg_dest, entry, imm, false),
        }
    }

    fn fold_stack_top(&mut self, reg_dest: Reg) {
        let len = self.stack_size;
        if len < 2 {
            return;
        }
        self.stack[len - 2] = self.stack[len - 1];
        if self.stack[len - 2].slot == Slot::Value {
            self.mov_reg_state(reg_dest, self.stack_start + len - 1);
            self.stack[len - 2].slot = Slot::Reg(reg_dest);
        }
        self.adjust_stack(-1);
    }

    /// `emit_pre_pop_reg_flexible`: returns the vtype and the register holding the top.
    fn pre_pop_reg_flexible(
        &mut self,
        reg_dest: Reg,
        not_r1: Option<Reg>,
        not_r2: Option<Reg>,
    ) -> (u8, Reg) {
        let top = self.peek(0);
        let result = match top.slot {
            Slot::Reg(r) if Some(r) != not_r1 && Some(r) != not_r2 => {
                self.need_reg_single(r, 1);
                (top.vtype, r)
            }
            _ => (self.access_stack(1, reg_dest), reg_dest),
        };
        self.adjust_stack(-1);
        result
    }

    fn pre_pop_discard(&mut self) {
        self.adjust_stack(-1);
    }

    fn pre_pop_reg(&mut self, reg_dest: Reg) -> u8 {
        let vt = self.access_stack(1, reg_dest);
        self.adjust_stack(-1);
        vt
    }

    fn post_top_set_vtype(&mut self, vt: u8) {
        if let Some(top) = self.stack_size.checked_sub(1) {
            self.stack[top].vtype = vt;
        }
    }

    fn post_push(&mut self, entry: StackEntry) {
        self.ensure_stack(self.stack_size + 1);
        self.stack[self.stack_size] = entry;
        self.adjust_stack(1);
    }

    fn post_push_reg(&mut self, vt: u8, reg: Reg) {
        self.post_push(StackEntry {
            vtype: vt,
            slot: Slot::Reg(reg),
        });
    }

    fn post_push_imm(&mut self, vt: u8, imm: i64) {
        self.post_push(StackEntry {
            vtype: vt,
            slot: Slot::Imm(imm),
        });
    }

    fn call(&mut self, fun_kind: usize) {
        self.need_reg_all();
        self.asm.call_ind(fun_kind);
    }

    fn call_with_imm_arg(&mut self, fun_kind: usize, arg: i64, arg_reg: Reg) {
        self.need_reg_all();
        self.asm.mov_reg_imm(arg_reg, arg);
        self.asm.call_ind(fun_kind);
    }

    fn call_with_2_imm_args(
        &mut self,
        fun_kind: usize,
        arg1: i64,
        reg1: Reg,
        arg2: i64,
        reg2: Reg,
    ) {
        self.need_reg_all();
        self.asm.mov_reg_imm(reg1, arg1);
        self.asm.mov_reg_imm(reg2, arg2);
        self.asm.call_ind(fun_kind);
    }

    fn call_with_qstr_arg(
        &mut self,
        tables: &mut ModuleTables<Q>,
        fun_kind: usize,
        qstr: Q,
        arg_reg: Reg,
    ) {
        self.need_reg_all();
        self.mov_reg_qstr(tables, arg_reg, qstr);
        self.asm.call_ind(fun_kind);
    }

    /// `emit_get_stack_pointer_to_reg_for_pop`: boxes the top `n_pop` values onto the C stack
    /// and points `reg_dest` at the first of them.
    fn get_stack_pointer_to_reg_for_pop(&mut self, reg_dest: Reg, n_pop: usize) {
        self.need_reg_all();
        let len = self.stack_size;
        for i in 0..n_pop.min(len) {
            let index = len - 1 - i;
            if let Slot::Imm(imm) = self.stack[index].slot {
                self.stack[index].slot = Slot::Value;
                let entry = self.stack[index];
                self.stack[index].vtype = self.load_reg_stack_imm(reg_dest, entry, imm, true);
                self.mov_state_reg(self.stack_start + index, reg_dest);
            }
        }
        for i in 0..n_pop.min(len) {
            let index = len - 1 - i;
            let vt = self.stack[index].vtype;
            if vt != vtype::PYOBJ {
                let local_num = self.stack_start + index;
                self.mov_reg_state(A::REG_ARG_1, local_num);
                self.call_with_imm_arg(fun::CONVERT_NATIVE_TO_OBJ, i64::from(vt), A::REG_ARG_2);
                self.mov_state_reg(local_num, A::REG_RET);
                self.stack[index].vtype = vtype::PYOBJ;
            }
        }
        self.adjust_stack(-(n_pop as i64));
        let addr = self.stack_start + self.stack_size;
        self.mov_reg_state_addr(reg_dest, addr);
    }

    fn get_stack_pointer_to_reg_for_push(&mut self, reg_dest: Reg, n_push: usize) {
        self.need_reg_all();
        let addr = self.stack_start + self.stack_size;
        self.ensure_stack(self.stack_size + n_push);
        for i in 0..n_push {
            self.stack[self.stack_size + i] = StackEntry {
                vtype: vtype::PYOBJ,
                slot: Slot::Value,
            };
        }
        self.mov_reg_state_addr(reg_dest, addr);
        self.adjust_stack(n_push as i64);
    }

    fn load_reg_with_object(
        &mut self,
        tables: &mut ModuleTables<Q>,
        reg: Reg,
        constant: &Constant,
        origin: usize,
    ) {
        self.scope.scope_flags |= native_flag::HASCONSTS;
        let table_off = tables.use_constant(constant, origin);
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_TEMP0, fun_obj);
        self.asm
            .load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        self.asm.load_reg_reg_offset(
            A::REG_TEMP0,
            A::REG_TEMP0,
            OFFSETOF_MODULE_CONTEXT_OBJ_TABLE,
        );
        self.asm.load_reg_reg_offset(reg, A::REG_TEMP0, table_off);
    }

    fn load_reg_with_child(&mut self, reg: Reg) {
        let table_off = self.alloc_child();
        let fun_obj = self.local_idx_fun_obj();
        self.mov_reg_state(A::REG_TEMP0, fun_obj);
        self.asm
            .load_reg_reg_offset(A::REG_TEMP0, A::REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
        self.asm.load_reg_reg_offset(reg, A::REG_TEMP0, table_off);
    }

    /// `emit_native_label_assign`: at the start of a finally handler the exception on the
    /// stack goes to its slot and the handler is left.
    fn label_assign_native(&mut self, label: usize) {
        let is_finally = self
            .exc_stack
            .last()
            .is_some_and(|e| e.is_finally && e.label == label);
        if is_finally {
            self.access_stack(1, A::REG_TEMP0);
            self.asm
                .mov_local_reg(Self::local_idx_exc_val(), A::REG_TEMP0);
        }
        self.need_stack_settled();
        self.asm.label_assign(label);
        if is_finally {
            self.leave_exc_stack(false);
        }
    }

    fn push_exc_stack(&mut self, label: usize, is_finally: bool) {
        self.exc_stack.push(ExcEntry {
            label,
            is_finally,
            unwind_label: UNWIND_LABEL_UNUSED,
            is_active: true,
        });
        self.asm.mov_reg_pcrel(A::REG_RET, label);
        self.asm
            .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
    }

    /// Deactivates the innermost handler and makes the next active one current.
    fn leave_exc_stack(&mut self, start_of_handler: bool) {
        let Some(last) = self.exc_stack.len().checked_sub(1) else {
            return;
        };
        self.exc_stack[last].is_active = false;
        match self.exc_stack[..last].iter().rev().find(|e| e.is_active) {
            None => {
                if start_of_handler {
                    // The global handler has already cleared the PC.
                    return;
                }
                self.asm.clr_reg(A::REG_RET);
            }
            Some(e) => {
                let label = e.label;
                self.asm.mov_reg_pcrel(A::REG_RET, label);
            }
        }
        self.asm
            .mov_local_reg(Self::local_idx_exc_handler_pc(), A::REG_RET);
    }

    fn pop_exc_stack(&mut self) -> Option<ExcEntry> {
        self.exc_stack.pop()
    }
}
