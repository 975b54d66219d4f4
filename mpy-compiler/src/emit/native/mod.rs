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

mod frame;
mod handlers;
mod ops;
mod stack;
mod viper;

use std::hash::Hash;

use crate::asm::{Assembler, Reg};
use crate::emit::{Constant, ModuleTables, Pass};

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
        self.raise_kind("NotImplementedError", message.into());
    }

    /// An exception of `kind` that ends compilation at once.
    fn raise_kind(&mut self, kind: &'static str, message: String) {
        if self.error.as_ref().is_some_and(|e| e.fatal) {
            return;
        }
        self.error = Some(NativeError {
            kind,
            message,
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

    /// Index in the child table for the next `make_function` (`mp_emit_common_alloc_const_child`).
    fn alloc_child(&mut self) -> usize {
        self.children += 1;
        self.children - 1
    }
}
