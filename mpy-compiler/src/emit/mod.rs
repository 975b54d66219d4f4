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
//!
//! This module holds the vocabulary the compiler and both emitters share, the pass and buffer
//! machinery (prelude, line table, labels and jump encoding) and the hand-over to the native
//! emitter at the start and end of a native scope; `operations` holds the instructions
//! themselves, each of which either writes bytecode or goes to the native emitter.

use std::hash::Hash;

pub mod native;
mod tables;

pub use tables::{Constant, ModuleTables, SHARED_NAN};

use crate::opcode as op;

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

// After `to_native!`, which the operations use.
mod operations;

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
