//! The bytecode emitter (mirrors `py/emitbc.c` and `py/emitcommon.c`).
//!
//! The compiler walks each scope several times ([`Pass`]); the emitter keeps the running stack
//! depth, label offsets and line-number table, and writes bytes only into growable buffers, so
//! every pass produces real bytes and the sizes fall out of them. Jumps are written in their
//! 3-byte form until label offsets are known, then shrink to 2 bytes where the offset fits; the
//! emit pass is repeated until the code stops shrinking.
//!
//! [`ModuleTables`] is shared by every scope of a module: it assigns qstr-table and object-table
//! indexes in order of first use, which is what decides the layout of the `.mpy` file.

use std::hash::Hash;

pub mod native;
mod tables;

pub use tables::{Constant, ModuleTables, SHARED_NAN};

use crate::opcode::{self as op, BinaryOp, UnaryOp};

/// The passes the compiler makes over each scope (`pass_kind_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pass {
    /// Decide the kind of every identifier; count labels.
    Scope,
    /// Compute the maximum stack depth.
    StackSize,
    /// Compute code size and label offsets.
    CodeSize,
    /// Write the final bytes (repeated until stable).
    Emit,
}

/// What the prelude of a scope's bytecode needs to know about the scope.
#[derive(Debug, Clone, Default)]
pub struct PreludeInfo<Q> {
    /// Locals plus maximum stack depth.
    pub n_state: usize,
    /// Maximum exception-handler nesting.
    pub n_exc_stack: usize,
    /// Scope flags (only the low 4 bits are stored).
    pub scope_flags: u16,
    pub num_pos_args: usize,
    pub num_kwonly_args: usize,
    pub num_def_pos_args: usize,
    /// Function name (`<module>`, `<lambda>`... for anonymous scopes).
    pub simple_name: Q,
    /// Names of the positional and keyword-only arguments, in argument order.
    pub arg_names: Vec<Q>,
    /// Local slots that become cells when the function starts.
    pub cells: Vec<u8>,
}

/// Where the emitted bytes and children of a finished scope end up.
#[derive(Debug, Clone, Default)]
pub struct RawCode<S> {
    /// Prelude, line table, cell info, then bytecode.
    pub data: Vec<u8>,
    /// Child scopes in `MAKE_FUNCTION` index order.
    pub children: Vec<S>,
    /// Bytecode or machine code.
    pub kind: CodeKind,
}

/// What a raw code holds (`MP_CODE_*`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodeKind {
    /// Bytecode with its prelude.
    #[default]
    Bytecode,
    /// `@micropython.native` machine code; the prelude follows the code at this offset.
    NativePy { prelude_offset: usize },
    /// `@micropython.viper` machine code.
    NativeViper,
    /// `@micropython.asm_*` machine code, with what its raw code records.
    NativeAsm {
        /// Number of positional parameters.
        n_pos_args: usize,
        /// Return type (`MP_NATIVE_TYPE_*`).
        type_sig: u32,
    },
}

/// Which kind of identifier operation, as `mp_emit_common_id_op` dispatches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdOp {
    Load,
    Store,
    Delete,
}

/// How an identifier is accessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Looked up by name in the module (`LOAD_NAME` and friends).
    Name,
    /// Looked up by name in globals (`LOAD_GLOBAL` and friends).
    Global,
    /// A local slot.
    Fast(usize),
    /// A cell or free variable slot.
    Deref(usize),
}

/// Targets of `setup_block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    With,
    Except,
    Finally,
}

/// Collections of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Tuple,
    List,
    Map,
    Set,
    Slice,
}

/// Kinds of comprehension for `store_comp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompKind {
    List,
    Dict,
    Set,
}

/// Marks a break label that leaves a `for` loop (its iterator must be popped).
pub const BREAK_FROM_FOR: usize = 0x8000;

/// Star-argument flags of a call.
pub const STAR_FLAG_SINGLE: u32 = 1;
/// Double-star flag of a call.
pub const STAR_FLAG_DOUBLE: u32 = 2;

/// Hands an operation to the native emitter when a native scope is being compiled.
macro_rules! to_native {
    ($self:ident, |$n:ident, $t:ident| $body:expr) => {
        if let Some(any) = $self.native.as_mut() {
            #[allow(unused_variables)]
            let $t = &mut $self.tables;
            native::with_native!(any, $n => { $body; });
            return;
        }
    };
}

/// The bytecode emitter for one module; reused for every scope and pass.
#[derive(Debug)]
pub struct Emitter<Q, S> {
    pass: Pass,
    suppress: bool,
    stack_size: i64,
    /// Maximum stack depth seen so far in this scope (kept across passes).
    pub max_stack: usize,
    last_source_line_offset: usize,
    last_source_line: u32,
    label_offsets: Vec<usize>,
    code_info: Vec<u8>,
    bytecode: Vec<u8>,
    code_info_size: usize,
    bytecode_size: usize,
    overflow: bool,
    n_info: usize,
    n_cell: usize,
    info_start: usize,
    cells: Vec<u8>,
    include_lines: bool,
    children: Vec<S>,
    /// The module's qstr and object tables.
    pub tables: ModuleTables<Q>,
    /// The machine-code emitter, while a native or viper scope is being compiled.
    pub native: Option<native::AnyNative<Q>>,
    /// Children of the native scope being compiled.
    native_children: Vec<S>,
    /// The compiler's next free label: native code uses the labels from here on for itself.
    pub label_slot: usize,
    /// `__exit__` and `__enter__`, which native `with` looks up.
    pub with_method_names: Option<(Q, Q)>,
}

/// `MP_BC_PRELUDE_SIG_ENCODE`: state size, exception depth, flags and argument counts.
pub(crate) fn encode_signature(
    out: &mut Vec<u8>,
    n_state: usize,
    n_exc_stack: usize,
    flags: u16,
    num_pos_args: usize,
    num_kwonly_args: usize,
    num_def_pos_args: usize,
) {
    let mut s = n_state.max(1) - 1;
    let mut e = n_exc_stack;
    let mut f = usize::from(flags & 0x0f);
    let mut a = num_pos_args;
    let mut k = num_kwonly_args;
    let mut d = num_def_pos_args;
    let mut z = ((s & 0xf) << 3 | (e & 1) << 2 | (a & 3)) as u8;
    s >>= 4;
    e >>= 1;
    a >>= 2;
    while s | e | f | a | k | d != 0 {
        out.push(0x80 | z);
        z = ((f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1))
            as u8;
        s >>= 2;
        e >>= 1;
        f >>= 1;
        a >>= 1;
        k >>= 1;
        d >>= 1;
    }
    out.push(z);
}

/// `MP_BC_PRELUDE_SIZE_ENCODE`: sizes of the source info and the cell list.
pub(crate) fn encode_prelude_size(out: &mut Vec<u8>, mut i: usize, mut c: usize) {
    loop {
        let mut z = ((i & 0x3f) << 1 | (c & 1)) as u8;
        c >>= 1;
        i >>= 6;
        if c | i != 0 {
            z |= 0x80;
        }
        out.push(z);
        if c | i == 0 {
            break;
        }
    }
}

/// Outcome of finishing a pass.
#[derive(Debug, PartialEq, Eq)]
pub enum PassEnd {
    /// The pass is complete.
    Done,
    /// The code shrank; run the emit pass again.
    Again,
    /// A jump offset does not fit in 15 bits.
    Overflow,
}

impl<Q: Copy + Eq + Hash, S: Copy> Emitter<Q, S> {
    /// A fresh emitter; `include_lines` is false for `-O3` and `-X no-source-lines`.
    pub fn new(tables: ModuleTables<Q>, include_lines: bool) -> Self {
        Emitter {
            pass: Pass::Scope,
            suppress: false,
            stack_size: 0,
            max_stack: 0,
            last_source_line_offset: 0,
            last_source_line: 1,
            label_offsets: Vec::new(),
            code_info: Vec::new(),
            bytecode: Vec::new(),
            code_info_size: 0,
            bytecode_size: 0,
            overflow: false,
            n_info: 0,
            n_cell: 0,
            info_start: 0,
            cells: Vec::new(),
            include_lines,
            children: Vec::new(),
            tables,
            native: None,
            native_children: Vec::new(),
            label_slot: 0,
            with_method_names: None,
        }
    }

    /// Begins a pass over a scope and writes its prelude.
    pub fn start_pass(&mut self, pass: Pass, prelude: &PreludeInfo<Q>, stack_size_so_far: usize) {
        if pass == Pass::StackSize {
            // Sizes computed for the previous scope must not leak into this one.
            self.n_info = 0;
            self.n_cell = 0;
        }
        self.pass = pass;
        self.stack_size = 0;
        self.max_stack = stack_size_so_far;
        self.suppress = false;
        self.last_source_line_offset = 0;
        self.last_source_line = 1;
        self.code_info.clear();
        self.bytecode.clear();
        self.overflow = false;
        self.children.clear();
        self.cells.clone_from(&prelude.cells);

        self.write_signature(prelude);
        if pass >= Pass::CodeSize {
            self.write_prelude_size(self.n_info, self.n_cell);
        }
        self.info_start = self.code_info.len();
        let name = self.tables.use_qstr(prelude.simple_name);
        op::push_vuint(&mut self.code_info, name as u64);
        for &arg in &prelude.arg_names {
            let index = self.tables.use_qstr(arg);
            op::push_vuint(&mut self.code_info, index as u64);
        }
    }

    fn write_signature(&mut self, p: &PreludeInfo<Q>) {
        encode_signature(
            &mut self.code_info,
            p.n_state,
            p.n_exc_stack,
            p.scope_flags & 0x0f,
            p.num_pos_args,
            p.num_kwonly_args,
            p.num_def_pos_args,
        );
    }

    fn write_prelude_size(&mut self, i: usize, c: usize) {
        encode_prelude_size(&mut self.code_info, i, c);
    }

    /// Ends a pass; on the final emit pass `raw` receives the bytes and children.
    pub fn end_pass(&mut self, raw: &mut RawCode<S>) -> PassEnd {
        if self.pass == Pass::Scope {
            return PassEnd::Done;
        }
        self.n_info = self.code_info.len() - self.info_start;
        self.n_cell = self.cells.len();
        let cells = std::mem::take(&mut self.cells);
        self.code_info.extend_from_slice(&cells);
        self.cells = cells;

        match self.pass {
            Pass::CodeSize => {
                self.code_info_size = self.code_info.len();
                self.bytecode_size = self.bytecode.len();
            }
            Pass::Emit => {
                if self.code_info.len() != self.code_info_size
                    || self.bytecode.len() != self.bytecode_size
                {
                    self.code_info_size = self.code_info.len();
                    self.bytecode_size = self.bytecode.len();
                    return PassEnd::Again;
                }
                if self.overflow {
                    return PassEnd::Overflow;
                }
                raw.data.clear();
                raw.data.extend_from_slice(&self.code_info);
                raw.data.extend_from_slice(&self.bytecode);
                raw.children.clone_from(&self.children);
            }
            _ => {}
        }
        PassEnd::Done
    }

    /// Changes the tracked stack depth without emitting anything.
    pub fn adjust_stack_size(&mut self, delta: i64) {
        to_native!(self, |n, t| n.adjust_stack_size(delta));
        if self.pass == Pass::Scope {
            return;
        }
        self.stack_size += delta;
        if self.stack_size > self.max_stack as i64 {
            self.max_stack = self.stack_size as usize;
        }
    }

    /// Records that the following bytecode comes from `line`.
    pub fn set_source_line(&mut self, line: u32) {
        if self.native.is_some() {
            return;
        }
        if !self.include_lines || line <= self.last_source_line {
            return;
        }
        let mut bytes = self.bytecode.len() - self.last_source_line_offset;
        let mut lines = (line - self.last_source_line) as usize;
        while bytes > 0 || lines > 0 {
            let (b, l);
            if lines <= 6 || bytes > 0xf {
                b = bytes.min(0x1f);
                l = if b < bytes { 0 } else { lines.min(3) };
                self.code_info.push((b | (l << 5)) as u8);
            } else {
                b = bytes.min(0xf);
                l = lines.min(0x7ff);
                self.code_info.push((0x80 | b | ((l >> 4) & 0x70)) as u8);
                self.code_info.push((l & 0xff) as u8);
            }
            bytes -= b;
            lines -= l;
        }
        self.last_source_line_offset = self.bytecode.len();
        self.last_source_line = line;
    }

    fn write(&mut self, stack_adj: i64, bytes: &[u8]) {
        self.adjust_stack_size(stack_adj);
        if !self.suppress {
            self.bytecode.extend_from_slice(bytes);
        }
    }

    fn write_uint(&mut self, stack_adj: i64, opcode: u8, value: usize) {
        self.adjust_stack_size(stack_adj);
        if !self.suppress {
            self.bytecode.push(opcode);
            op::push_vuint(&mut self.bytecode, value as u64);
        }
    }

    fn write_qstr(&mut self, stack_adj: i64, opcode: u8, qstr: Q) {
        // The table entry is made even for dead code, as the reference compiler does.
        let index = self.tables.use_qstr(qstr);
        self.write_uint(stack_adj, opcode, index);
    }

    fn write_raw_byte(&mut self, byte: u8) {
        if !self.suppress {
            self.bytecode.push(byte);
        }
    }

    fn write_label(&mut self, stack_adj: i64, opcode: u8, label: usize) {
        self.adjust_stack_size(stack_adj);
        if self.suppress {
            return;
        }
        let signed = op::has_signed_offset(opcode);
        let mut long = true;
        let mut offset: i64 = 0;
        if self.pass >= Pass::CodeSize {
            let target = self.label_offsets.get(label).copied().unwrap_or(0) as i64;
            offset = target - self.bytecode.len() as i64 - 2;
            if (signed && (-64..=63).contains(&offset)) || (!signed && (0..=127).contains(&offset))
            {
                long = false;
            }
            if long {
                offset -= 1;
            }
        }
        self.bytecode.push(opcode);
        if !long {
            if signed {
                offset += 0x40;
            }
            self.bytecode.push((offset & 0x7f) as u8);
        } else {
            if signed {
                offset += 0x4000;
            }
            if self.pass == Pass::Emit && !(0..=0x7fff).contains(&offset) {
                self.overflow = true;
            }
            self.bytecode.push(0x80 | (offset & 0x7f) as u8);
            self.bytecode.push(((offset >> 7) & 0xff) as u8);
        }
    }

    /// Places label `label` here; ends any dead-code region.
    pub fn label_assign(&mut self, label: usize) {
        to_native!(self, |n, t| n.label_assign(label));
        self.suppress = false;
        if self.pass == Pass::Scope {
            return;
        }
        if self.label_offsets.len() <= label {
            self.label_offsets.resize(label + 1, 0);
        }
        self.label_offsets[label] = self.bytecode.len();
    }

    /// `IMPORT_NAME` / `IMPORT_FROM`.
    pub fn import_name(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.import_name(t, qstr));
        self.write_qstr(-1, op::IMPORT_NAME, qstr);
    }

    /// `IMPORT_FROM`.
    pub fn import_from(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.import_from(t, qstr));
        self.write_qstr(1, op::IMPORT_FROM, qstr);
    }

    /// `IMPORT_STAR`.
    pub fn import_star(&mut self) {
        to_native!(self, |n, t| n.import_star());
        self.write(-1, &[op::IMPORT_STAR]);
    }

    /// `None`, `True` or `False`.
    pub fn load_const_none(&mut self) {
        to_native!(self, |n, t| n.load_const_none());
        self.write(1, &[op::LOAD_CONST_NONE]);
    }

    /// `True` or `False`.
    pub fn load_const_bool(&mut self, value: bool) {
        to_native!(self, |n, t| n.load_const_bool(value));
        self.write(
            1,
            &[if value {
                op::LOAD_CONST_TRUE
            } else {
                op::LOAD_CONST_FALSE
            }],
        );
    }

    /// `...`
    pub fn load_const_ellipsis(&mut self) {
        to_native!(self, |n, t| n.load_const_obj(t, &Constant::Ellipsis, 0));
        self.load_const_obj(&Constant::Ellipsis, 0);
    }

    /// A small integer.
    pub fn load_const_small_int(&mut self, value: i64) {
        to_native!(self, |n, t| n.load_const_small_int(value));
        let low = -op::LOAD_CONST_SMALL_INT_MULTI_EXCESS;
        let high = op::LOAD_CONST_SMALL_INT_MULTI_NUM - op::LOAD_CONST_SMALL_INT_MULTI_EXCESS;
        if (low..high).contains(&value) {
            let byte = op::LOAD_CONST_SMALL_INT_MULTI as i64
                + op::LOAD_CONST_SMALL_INT_MULTI_EXCESS
                + value;
            self.write(1, &[byte as u8]);
        } else {
            self.adjust_stack_size(1);
            if !self.suppress {
                self.bytecode.push(op::LOAD_CONST_SMALL_INT);
                op::push_signed_vint(&mut self.bytecode, value);
            }
        }
    }

    /// A string that is a qstr.
    pub fn load_const_str(&mut self, qstr: Q, text: &[u8]) {
        to_native!(self, |n, t| n.load_const_str(t, text));
        self.write_qstr(1, op::LOAD_CONST_STRING, qstr);
    }

    /// A constant from the object table; `origin` identifies the object (see
    /// [`ModuleTables::use_constant`]).
    pub fn load_const_obj(&mut self, constant: &Constant, origin: usize) {
        to_native!(self, |n, t| n.load_const_obj(t, constant, origin));
        let index = self.tables.use_constant(constant, origin);
        self.write_uint(1, op::LOAD_CONST_OBJ, index);
    }

    /// `LOAD_NULL`.
    pub fn load_null(&mut self) {
        to_native!(self, |n, t| n.load_null());
        self.write(1, &[op::LOAD_NULL]);
    }

    /// Load, store or delete an identifier.
    pub fn id_op(&mut self, kind: IdOp, qstr: Q, name: &str, access: Access) {
        to_native!(self, |n, t| n.id_op(t, kind, qstr, name, access));
        match (kind, access) {
            (IdOp::Load, Access::Fast(n)) if n <= 15 => {
                self.write(1, &[op::LOAD_FAST_MULTI + n as u8])
            }
            (IdOp::Load, Access::Fast(n)) => self.write_uint(1, op::LOAD_FAST_N, n),
            (IdOp::Load, Access::Deref(n)) => self.write_uint(1, op::LOAD_DEREF, n),
            (IdOp::Load, Access::Name) => self.write_qstr(1, op::LOAD_NAME, qstr),
            (IdOp::Load, Access::Global) => self.write_qstr(1, op::LOAD_GLOBAL, qstr),
            (IdOp::Store, Access::Fast(n)) if n <= 15 => {
                self.write(-1, &[op::STORE_FAST_MULTI + n as u8])
            }
            (IdOp::Store, Access::Fast(n)) => self.write_uint(-1, op::STORE_FAST_N, n),
            (IdOp::Store, Access::Deref(n)) => self.write_uint(-1, op::STORE_DEREF, n),
            (IdOp::Store, Access::Name) => self.write_qstr(-1, op::STORE_NAME, qstr),
            (IdOp::Store, Access::Global) => self.write_qstr(-1, op::STORE_GLOBAL, qstr),
            (IdOp::Delete, Access::Fast(n)) => self.write_uint(0, op::DELETE_FAST, n),
            (IdOp::Delete, Access::Deref(n)) => self.write_uint(0, op::DELETE_DEREF, n),
            (IdOp::Delete, Access::Name) => self.write_qstr(0, op::DELETE_NAME, qstr),
            (IdOp::Delete, Access::Global) => self.write_qstr(0, op::DELETE_GLOBAL, qstr),
        }
    }

    /// `LOAD_METHOD` or `LOAD_SUPER_METHOD`.
    pub fn load_method(&mut self, qstr: Q, is_super: bool) {
        to_native!(self, |n, t| n.load_method(t, qstr, is_super));
        if is_super {
            self.write_qstr(-1, op::LOAD_SUPER_METHOD, qstr);
        } else {
            self.write_qstr(1, op::LOAD_METHOD, qstr);
        }
    }

    /// `LOAD_BUILD_CLASS`.
    pub fn load_build_class(&mut self) {
        to_native!(self, |n, t| n.load_build_class());
        self.write(1, &[op::LOAD_BUILD_CLASS]);
    }

    /// Subscript load.
    pub fn load_subscr(&mut self) {
        to_native!(self, |n, t| n.load_subscr());
        self.write(-1, &[op::LOAD_SUBSCR]);
    }

    /// Subscript store.
    pub fn store_subscr(&mut self) {
        to_native!(self, |n, t| n.store_subscr());
        self.write(-3, &[op::STORE_SUBSCR]);
    }

    /// Subscript delete (a store of NULL).
    pub fn delete_subscr(&mut self) {
        to_native!(self, |n, t| n.delete_subscr());
        self.load_null();
        self.rot_three();
        self.store_subscr();
    }

    /// Attribute load.
    pub fn load_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.load_attr(t, qstr));
        self.write_qstr(0, op::LOAD_ATTR, qstr);
    }

    /// Attribute store.
    pub fn store_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.store_attr(t, qstr));
        self.write_qstr(-2, op::STORE_ATTR, qstr);
    }

    /// Attribute delete (a store of NULL).
    pub fn delete_attr(&mut self, qstr: Q) {
        to_native!(self, |n, t| n.delete_attr(t, qstr));
        self.load_null();
        self.rot_two();
        self.store_attr(qstr);
    }

    /// `DUP_TOP`.
    pub fn dup_top(&mut self) {
        to_native!(self, |n, t| n.dup_top());
        self.write(1, &[op::DUP_TOP]);
    }

    /// `DUP_TOP_TWO`.
    pub fn dup_top_two(&mut self) {
        to_native!(self, |n, t| n.dup_top_two());
        self.write(2, &[op::DUP_TOP_TWO]);
    }

    /// `POP_TOP`.
    pub fn pop_top(&mut self) {
        to_native!(self, |n, t| n.pop_top());
        self.write(-1, &[op::POP_TOP]);
    }

    /// `ROT_TWO`.
    pub fn rot_two(&mut self) {
        to_native!(self, |n, t| n.rot_two());
        self.write(0, &[op::ROT_TWO]);
    }

    /// `ROT_THREE`.
    pub fn rot_three(&mut self) {
        to_native!(self, |n, t| n.rot_three());
        self.write(0, &[op::ROT_THREE]);
    }

    /// Unconditional jump; what follows is dead until the next label.
    pub fn jump(&mut self, label: usize) {
        to_native!(self, |n, t| n.jump(label));
        self.write_label(0, op::JUMP, label);
        self.suppress = true;
    }

    /// `POP_JUMP_IF_TRUE` / `POP_JUMP_IF_FALSE`.
    pub fn pop_jump_if(&mut self, cond: bool, label: usize) {
        to_native!(self, |n, t| n.pop_jump_if(cond, label));
        let opcode = if cond {
            op::POP_JUMP_IF_TRUE
        } else {
            op::POP_JUMP_IF_FALSE
        };
        self.write_label(-1, opcode, label);
    }

    /// `JUMP_IF_TRUE_OR_POP` / `JUMP_IF_FALSE_OR_POP`.
    pub fn jump_if_or_pop(&mut self, cond: bool, label: usize) {
        to_native!(self, |n, t| n.jump_if_or_pop(cond, label));
        let opcode = if cond {
            op::JUMP_IF_TRUE_OR_POP
        } else {
            op::JUMP_IF_FALSE_OR_POP
        };
        self.write_label(-1, opcode, label);
    }

    /// A jump out of `except_depth` exception blocks (break/continue).
    pub fn unwind_jump(&mut self, label: usize, except_depth: usize) {
        to_native!(self, |n, t| n.unwind_jump(label, except_depth));
        let from_for = label & BREAK_FROM_FOR != 0;
        let target = label & !BREAK_FROM_FOR;
        if except_depth == 0 {
            if from_for {
                for _ in 0..op::ITER_BUF_SLOTS {
                    self.write_raw_byte(op::POP_TOP);
                }
            }
            self.write_label(0, op::JUMP, target);
        } else {
            self.write_label(0, op::UNWIND_JUMP, target);
            self.write_raw_byte((if from_for { 0x80 } else { 0 }) | except_depth as u8);
        }
        self.suppress = true;
    }

    /// `SETUP_WITH` / `SETUP_EXCEPT` / `SETUP_FINALLY`.
    pub fn setup_block(&mut self, label: usize, kind: Block) {
        if let Some(any) = self.native.as_mut() {
            let tables = &mut self.tables;
            let names = self.with_method_names;
            native::with_native!(any, n => match (kind, names) {
                (Block::With, Some((exit, enter))) => n.setup_with(tables, label, exit, enter),
                (Block::With, None) => n.unsupported("with statements", 2),
                _ => n.setup_except_or_finally(label, kind == Block::Finally),
            });
            return;
        }
        let (stack_adj, opcode) = match kind {
            Block::With => (2, op::SETUP_WITH),
            Block::Except => (0, op::SETUP_EXCEPT),
            Block::Finally => (0, op::SETUP_FINALLY),
        };
        self.write_label(stack_adj, opcode, label);
    }

    /// End of a `with` block.
    pub fn with_cleanup(&mut self, label: usize) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.with_cleanup(label, slot));
        self.load_const_none();
        self.label_assign(label);
        self.write(2, &[op::WITH_CLEANUP]);
        self.adjust_stack_size(-4);
    }

    /// Normal exit of an `async with` body into its finally handler.
    pub fn async_with_setup_finally(
        &mut self,
        label_aexit_no_exc: usize,
        label_finally_block: usize,
        label_ret_unwind_jump: usize,
        base_exception: Q,
    ) {
        to_native!(self, |n, t| n.async_with_setup_finally(
            label_aexit_no_exc,
            label_finally_block,
            label_ret_unwind_jump
        ));
        self.load_const_none();
        self.rot_two();
        self.jump(label_aexit_no_exc);
        self.label_assign(label_finally_block);
        self.dup_top();
        self.id_op(IdOp::Load, base_exception, "BaseException", Access::Global);
        self.binary_op(BinaryOp::ExceptionMatch);
        self.pop_jump_if(false, label_ret_unwind_jump);
    }

    /// `END_FINALLY`.
    pub fn end_finally(&mut self) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.end_finally(slot));
        self.write(-1, &[op::END_FINALLY]);
    }

    /// `GET_ITER` or `GET_ITER_STACK`.
    pub fn get_iter(&mut self, use_stack: bool) {
        to_native!(self, |n, t| n.get_iter(use_stack));
        if use_stack {
            self.write(op::ITER_BUF_SLOTS as i64 - 1, &[op::GET_ITER_STACK]);
        } else {
            self.write(0, &[op::GET_ITER]);
        }
    }

    /// `FOR_ITER`.
    pub fn for_iter(&mut self, label: usize) {
        to_native!(self, |n, t| n.for_iter(label));
        self.write_label(1, op::FOR_ITER, label);
    }

    /// End of a `for` loop: the iterator slots leave the stack.
    pub fn for_iter_end(&mut self) {
        to_native!(self, |n, t| n.for_iter_end());
        self.adjust_stack_size(-(op::ITER_BUF_SLOTS as i64));
    }

    /// `POP_EXCEPT_JUMP`.
    pub fn pop_except_jump(&mut self, label: usize, within_exc_handler: bool) {
        to_native!(self, |n, t| n.pop_except_jump(label, within_exc_handler));
        self.write_label(0, op::POP_EXCEPT_JUMP, label);
        self.suppress = true;
    }

    /// A unary operator.
    pub fn unary_op(&mut self, op_kind: UnaryOp) {
        to_native!(self, |n, t| n.unary_op(op_kind));
        self.write(0, &[op::UNARY_OP_MULTI + op_kind as u8]);
    }

    /// A binary operator (`not in` and `is not` add a `not`).
    pub fn binary_op(&mut self, op_kind: BinaryOp) {
        to_native!(self, |n, t| n.binary_op(op_kind));
        let (base, invert) = match op_kind {
            BinaryOp::NotIn => (BinaryOp::In, true),
            BinaryOp::IsNot => (BinaryOp::Is, true),
            other => (other, false),
        };
        self.write(-1, &[op::BINARY_OP_MULTI + base as u8]);
        if invert {
            self.write(0, &[op::UNARY_OP_MULTI + UnaryOp::Not as u8]);
        }
    }

    /// `BUILD_*`.
    pub fn build(&mut self, n_args: usize, kind: Build) {
        to_native!(self, |n, t| n.build(n_args, kind));
        let opcode = match kind {
            Build::Tuple => op::BUILD_TUPLE,
            Build::List => op::BUILD_LIST,
            Build::Map => op::BUILD_MAP,
            Build::Set => op::BUILD_SET,
            Build::Slice => op::BUILD_SLICE,
        };
        let stack_adj = if kind == Build::Map {
            1
        } else {
            1 - n_args as i64
        };
        self.write_uint(stack_adj, opcode, n_args);
    }

    /// `STORE_MAP`.
    pub fn store_map(&mut self) {
        to_native!(self, |n, t| n.store_map());
        self.write(-2, &[op::STORE_MAP]);
    }

    /// `STORE_COMP` into the collection `collection_stack_index` slots down.
    pub fn store_comp(&mut self, kind: CompKind, collection_stack_index: usize) {
        to_native!(self, |n, t| n.store_comp(kind, collection_stack_index));
        let (n, t) = match kind {
            CompKind::List => (0, 0),
            CompKind::Dict => (1, 1),
            CompKind::Set => (0, 2),
        };
        self.write_uint(
            -1 - n as i64,
            op::STORE_COMP,
            ((collection_stack_index + n) << 2) | t,
        );
    }

    /// `UNPACK_SEQUENCE`.
    pub fn unpack_sequence(&mut self, n_args: usize) {
        to_native!(self, |n, t| n.unpack_sequence(n_args));
        self.write_uint(n_args as i64 - 1, op::UNPACK_SEQUENCE, n_args);
    }

    /// `UNPACK_EX`.
    pub fn unpack_ex(&mut self, n_left: usize, n_right: usize) {
        to_native!(self, |n, t| n.unpack_ex(n_left, n_right));
        self.write_uint(
            (n_left + n_right) as i64,
            op::UNPACK_EX,
            n_left | (n_right << 8),
        );
    }

    /// Takes the error the native emitter has found, if any.
    pub fn take_native_error(&mut self) -> Option<native::NativeError> {
        let any = self.native.as_mut()?;
        native::with_native!(any, n => n.error.take())
    }

    fn record_native_child(&mut self, index: usize, child: S) {
        if self.native_children.len() <= index {
            self.native_children.resize(index + 1, child);
        }
        self.native_children[index] = child;
    }

    /// Starts a pass over a native or viper scope: `native` is the emitter for the target,
    /// `scope` what it needs to know about the scope.
    pub fn start_native_pass(
        &mut self,
        pass: Pass,
        mut native: native::AnyNative<Q>,
        scope: native::NativeScope<Q>,
    ) {
        self.native_children.clear();
        native::with_native!(&mut native, n => n.set_scope(scope));
        native::with_native!(&mut native, n => n.start_pass(pass, &mut self.tables));
        self.native = Some(native);
    }

    /// Ends a native pass: the emitter comes back with the updated scope facts, and on the
    /// emit pass `raw` receives the machine code.
    pub fn end_native_pass(&mut self, raw: &mut RawCode<S>) -> Option<native::AnyNative<Q>> {
        let mut native = self.native.take()?;
        let code = native::with_native!(&mut native, n => n.end_pass(&mut self.tables));
        if let Some(code) = code {
            raw.data = code.data;
            raw.kind = match code.prelude_offset {
                Some(prelude_offset) => CodeKind::NativePy { prelude_offset },
                None => CodeKind::NativeViper,
            };
            raw.children.clone_from(&self.native_children);
        }
        Some(native)
    }

    fn child_index(&mut self, child: S) -> usize {
        self.children.push(child);
        self.children.len() - 1
    }

    /// `MAKE_FUNCTION` / `MAKE_FUNCTION_DEFARGS`.
    pub fn make_function(&mut self, child: S, has_defaults: bool) {
        if let Some(any) = self.native.as_mut() {
            let index = native::with_native!(any, n => n.make_function(has_defaults));
            self.record_native_child(index, child);
            return;
        }
        let index = self.child_index(child);
        if has_defaults {
            self.write_uint(-1, op::MAKE_FUNCTION_DEFARGS, index);
        } else {
            self.write_uint(1, op::MAKE_FUNCTION, index);
        }
    }

    /// `MAKE_CLOSURE` / `MAKE_CLOSURE_DEFARGS`.
    pub fn make_closure(&mut self, child: S, n_closed_over: usize, has_defaults: bool) {
        if let Some(any) = self.native.as_mut() {
            let index = native::with_native!(any, n => n.make_closure(n_closed_over, has_defaults));
            self.record_native_child(index, child);
            return;
        }
        let index = self.child_index(child);
        if has_defaults {
            self.write_uint(
                -2 - n_closed_over as i64 + 1,
                op::MAKE_CLOSURE_DEFARGS,
                index,
            );
        } else {
            self.write_uint(1 - n_closed_over as i64, op::MAKE_CLOSURE, index);
        }
        self.write_raw_byte(n_closed_over as u8);
    }

    fn call_helper(&mut self, base_adj: i64, opcode: u8, n_pos: usize, n_kw: usize, star: u32) {
        let arg = (n_kw << 8) | n_pos;
        if star != 0 {
            self.write_uint(
                base_adj - n_pos as i64 - 2 * n_kw as i64 - 1,
                opcode + 1,
                arg,
            );
        } else {
            self.write_uint(base_adj - n_pos as i64 - 2 * n_kw as i64, opcode, arg);
        }
    }

    /// `CALL_FUNCTION` / `CALL_FUNCTION_VAR_KW`.
    pub fn call_function(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        to_native!(self, |n, t| n.call_function(
            n_positional,
            n_keyword,
            star_flags
        ));
        self.call_helper(0, op::CALL_FUNCTION, n_positional, n_keyword, star_flags);
    }

    /// `CALL_METHOD` / `CALL_METHOD_VAR_KW`.
    pub fn call_method(&mut self, n_positional: usize, n_keyword: usize, star_flags: u32) {
        to_native!(self, |n, t| n.call_method(
            n_positional,
            n_keyword,
            star_flags
        ));
        self.call_helper(-1, op::CALL_METHOD, n_positional, n_keyword, star_flags);
    }

    /// `RETURN_VALUE`.
    pub fn return_value(&mut self) {
        to_native!(self, |n, t| n.return_value());
        self.write(-1, &[op::RETURN_VALUE]);
        self.suppress = true;
    }

    /// `RAISE_LAST` / `RAISE_OBJ` / `RAISE_FROM`.
    pub fn raise_varargs(&mut self, n_args: usize) {
        to_native!(self, |n, t| n.raise_varargs(n_args));
        self.write(-(n_args as i64), &[op::RAISE_LAST + n_args as u8]);
        self.suppress = true;
    }

    /// `YIELD_VALUE` (`from` false) or `YIELD_FROM`.
    pub fn yield_op(&mut self, from: bool) {
        let slot = self.label_slot;
        to_native!(self, |n, t| n.yield_op(from, slot));
        if from {
            self.write(-1, &[op::YIELD_FROM]);
        } else {
            self.write(0, &[op::YIELD_VALUE]);
        }
    }

    /// Entering an exception handler: the exception plus unwind state are on the stack.
    pub fn start_except_handler(&mut self) {
        to_native!(self, |n, t| n.start_except_handler());
        self.adjust_stack_size(4);
    }

    /// Leaving an exception handler.
    pub fn end_except_handler(&mut self) {
        if self.native.is_some() {
            // Native handlers leave nothing extra on the stack.
            return;
        }
        self.adjust_stack_size(-3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emitter() -> Emitter<u32, usize> {
        Emitter::new(ModuleTables::new(100), true)
    }

    fn prelude() -> PreludeInfo<u32> {
        PreludeInfo {
            simple_name: 7,
            n_state: 1,
            ..Default::default()
        }
    }

    #[test]
    fn small_ints_fold_into_the_opcode_inside_minus_16_to_47() {
        let mut e = emitter();
        e.start_pass(Pass::Emit, &prelude(), 0);
        e.load_const_small_int(-16);
        e.load_const_small_int(47);
        e.load_const_small_int(48);
        assert_eq!(e.bytecode, [0x70, 0xaf, 0x22, 0x30]);
    }

    #[test]
    fn code_after_return_is_dropped_until_a_label() {
        let mut e = emitter();
        e.start_pass(Pass::Emit, &prelude(), 0);
        e.load_const_none();
        e.return_value();
        e.load_const_none();
        e.label_assign(0);
        e.load_const_none();
        assert_eq!(e.bytecode, [0x51, 0x63, 0x51]);
    }

    #[test]
    fn line_table_uses_the_short_form_for_small_steps() {
        let mut e = emitter();
        e.start_pass(Pass::Emit, &prelude(), 0);
        let before = e.code_info.len();
        e.load_const_none();
        e.set_source_line(2);
        e.set_source_line(20);
        assert_eq!(&e.code_info[before..], [0x21, 0x80, 0x12]);
    }

    #[test]
    fn signature_packs_state_and_arguments() {
        let mut e = emitter();
        let p = PreludeInfo {
            simple_name: 7,
            n_state: 3,
            num_pos_args: 2,
            ..Default::default()
        };
        e.start_pass(Pass::StackSize, &p, 0);
        assert_eq!(e.code_info[0], (2 << 3) | 2);
    }
}
