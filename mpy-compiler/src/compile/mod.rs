//! The compiler passes (mirrors `py/compile.c`): walks the parse tree of every scope four
//! times, driving the [`Emitter`], and collects each scope's raw code.
//!
//! Pass 1 ([`Pass::Scope`]) discovers scopes and decides how each identifier is resolved;
//! `compute_scope_things` then numbers locals, cells and free variables; passes 2-4 compute
//! the stack depth, the code size and finally the bytes (repeated until jumps stop shrinking).
//! Like the reference compiler, an error is recorded once and compilation carries on to the
//! end of the pass, because later steps decide which line the error reports.
//!
//! This module holds the compiler's state, the pass driver (`compile_scope`) and the dispatch
//! from parse-tree rules to the methods of its submodules: `stmt`, `flow`, `expr` and `defs`
//! compile constructs by kind, `identifiers` takes each name from declaration to slot,
//! `native_scope` and `asm_scope` hold what native/viper and inline-assembler scopes add, and
//! `tree` reads the parse tree.

mod asm_scope;
mod defs;
mod expr;
mod flow;
mod identifiers;
mod native_scope;
mod stmt;
mod tree;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::emit::native::{self as native, AnyNative};
use crate::emit::{Emitter, ModuleTables, Pass, PassEnd, RawCode};
use crate::parse_tree::{Node, Qstr, QstrPool, Rule};
use crate::scope::{self, scope_flag, EmitKind, IdKind, Scope, ScopeKind};
use tree::*;

/// mpy-cross's default heap on a 64-bit host (`-X heapsize` changes it).
pub const DEFAULT_HEAP_BYTES: usize = 2 * 1024 * 1024;

/// Settings that change the bytecode.
#[derive(Debug, Clone, Copy)]
pub struct BackendOptions {
    /// `-O` level: 1 and up drop asserts, 3 also drops line numbers.
    pub optimize: u8,
    /// Whether line-number tables are written (`-X no-source-lines` clears it).
    pub source_lines: bool,
    /// Bits of a small int on the target (31 by default).
    pub small_int_bits: u8,
    /// mpy-cross's heap (`-X heapsize`): integer constants too big to print in it fail.
    pub heap_size: usize,
    /// The `-march` target, if any. Bytecode is the same with or without it; only functions
    /// decorated `@micropython.native`, `viper` or `asm_*` depend on it.
    pub native_arch: Option<NativeArch>,
    /// How scopes without a decorator are compiled (`-X emit=`).
    pub default_emit: EmitKind,
}

/// What an mpy-cross `-march` target offers (`emit_native_table` / `emit_asm_table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeArch {
    /// `@micropython.native` and `viper` are available.
    pub native_emitter: bool,
    /// `@micropython.asm_*` is available.
    pub inline_asm: bool,
    /// The `-march` name.
    pub name: &'static str,
    /// The `-march-flags` bits (RV32 extensions), 0 for none.
    pub arch_flags: u32,
}

impl NativeArch {
    /// The target named like mpy-cross's `-march=NAME` (`host` is x86-64 here), if known.
    pub fn from_name(name: &str) -> Option<NativeArch> {
        const NAMES: [&str; 15] = [
            "x86",
            "x64",
            "host",
            "debug",
            "armv6",
            "armv6m",
            "armv7m",
            "armv7em",
            "armv7emsp",
            "armv7emdp",
            "xtensa",
            "xtensawin",
            "rv32imc",
            "rv64imc",
            "",
        ];
        let name = *NAMES.iter().find(|&&n| n == name && !n.is_empty())?;
        let (native_emitter, inline_asm) = match name {
            "x86" | "x64" | "host" | "debug" => (true, false),
            "rv64imc" => (false, false),
            _ => (true, true),
        };
        Some(NativeArch {
            native_emitter,
            inline_asm,
            name,
            arch_flags: 0,
        })
    }
}

/// An error found while compiling (as opposed to parsing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendError {
    /// Python exception type (`SyntaxError`, or `RuntimeError` for bytecode overflow).
    pub kind: &'static str,
    /// The message, as MicroPython words it.
    pub message: Cow<'static, str>,
    /// 1-based source line, 0 when unknown.
    pub line: u32,
    /// Name of the scope being compiled (`<module>`, a function name...).
    pub scope_name: String,
}

/// A compiled module: its tables and every scope's raw code (index 0 is the module).
pub struct CompiledModule {
    /// Qstr table, in index order.
    pub qstrs: Vec<Qstr>,
    /// Constant-object table, in index order.
    pub constants: Vec<crate::emit::Constant>,
    /// Raw code of each scope; children refer to indexes of this vector.
    pub raw_codes: Vec<RawCode<usize>>,
}

/// The qstrs the compiler itself names.
struct Names {
    module: Qstr,
    lambda: Qstr,
    listcomp: Qstr,
    dictcomp: Qstr,
    setcomp: Qstr,
    genexpr: Qstr,
    star: Qstr,
    empty: Qstr,
    dunder_class: Qstr,
    dunder_name: Qstr,
    dunder_module: Qstr,
    dunder_qualname: Qstr,
    assertion_error: Qstr,
    base_exception: Qstr,
    stop_async_iteration: Qstr,
    aiter: Qstr,
    anext: Qstr,
    aenter: Qstr,
    aexit: Qstr,
    super_: Qstr,
    range: Qstr,
    micropython: Qstr,
    bytecode: Qstr,
    native_decorators: [Qstr; 5],
}

impl Names {
    fn new(pool: &mut QstrPool) -> Self {
        Names {
            module: pool.intern_str("<module>"),
            lambda: pool.intern_str("<lambda>"),
            listcomp: pool.intern_str("<listcomp>"),
            dictcomp: pool.intern_str("<dictcomp>"),
            setcomp: pool.intern_str("<setcomp>"),
            genexpr: pool.intern_str("<genexpr>"),
            star: pool.intern_str("*"),
            empty: pool.intern_str(""),
            dunder_class: pool.intern_str("__class__"),
            dunder_name: pool.intern_str("__name__"),
            dunder_module: pool.intern_str("__module__"),
            dunder_qualname: pool.intern_str("__qualname__"),
            assertion_error: pool.intern_str("AssertionError"),
            base_exception: pool.intern_str("BaseException"),
            stop_async_iteration: pool.intern_str("StopAsyncIteration"),
            aiter: pool.intern_str("__aiter__"),
            anext: pool.intern_str("__anext__"),
            aenter: pool.intern_str("__aenter__"),
            aexit: pool.intern_str("__aexit__"),
            super_: pool.intern_str("super"),
            range: pool.intern_str("range"),
            micropython: pool.intern_str("micropython"),
            bytecode: pool.intern_str("bytecode"),
            native_decorators: [
                pool.intern_str("native"),
                pool.intern_str("viper"),
                pool.intern_str("asm_thumb"),
                pool.intern_str("asm_xtensa"),
                pool.intern_str("asm_rv32"),
            ],
        }
    }
}

const INVALID_LABEL: usize = 0xffff;

/// Deepest expression nesting compiled (mpy-cross runs out of heap near 20 000 levels).
const MAX_NESTING: usize = 100_000;

/// Assignment modes of `c_assign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AssignKind {
    Store,
    AugLoad,
    AugStore,
}

struct Compiler<'t, 'p> {
    pool: &'p mut QstrPool,
    names: Names,
    options: BackendOptions,
    pass: Pass,
    error: Option<(&'static str, Cow<'static, str>)>,
    error_line: u32,
    next_label: usize,
    have_star: bool,
    num_dict_params: usize,
    num_default_params: usize,
    break_label: usize,
    continue_label: usize,
    cur_except_level: usize,
    break_continue_except_level: usize,
    scopes: Vec<Scope<'t>>,
    scope_of_node: HashMap<*const Node, usize>,
    cur: usize,
    depth: usize,
    constant_too_big: bool,
    emit: Emitter<Qstr, usize>,
    /// The machine-code emitter, made on the first native scope and reused.
    native: Option<AnyNative<Qstr>>,
    /// How the scope about to be created for this node is compiled (set by decorators).
    pending_emit: Option<(*const Node, EmitKind)>,
    /// Whether `error` came from the native emitter (a later one may replace it).
    error_from_native: bool,
    /// Whether that error stopped mpy-cross at once (nothing replaces it).
    error_is_fatal: bool,
}

/// Compiles a parse tree into the tables and raw codes of a module.
pub fn compile_module(
    root: &Node,
    pool: &mut QstrPool,
    source_file: Qstr,
    options: BackendOptions,
) -> Result<CompiledModule, BackendError> {
    let names = Names::new(pool);
    let include_lines = options.source_lines && options.optimize < 3;
    let mut emit = Emitter::new(ModuleTables::new(source_file), include_lines);
    if options.native_arch.is_some() {
        emit.with_method_names = Some((pool.intern_str("__exit__"), pool.intern_str("__enter__")));
    }
    let module_name = names.module;
    let mut comp = Compiler {
        pool,
        names,
        options,
        pass: Pass::Scope,
        error: None,
        error_line: 0,
        next_label: 0,
        have_star: false,
        num_dict_params: 0,
        num_default_params: 0,
        break_label: INVALID_LABEL,
        continue_label: INVALID_LABEL,
        cur_except_level: 0,
        break_continue_except_level: 0,
        scopes: vec![{
            let mut module = Scope::new(ScopeKind::Module, None, root, module_name);
            module.emit = options.default_emit;
            module
        }],
        scope_of_node: HashMap::new(),
        cur: 0,
        depth: 0,
        constant_too_big: false,
        emit,
        native: None,
        pending_emit: None,
        error_from_native: false,
        error_is_fatal: false,
    };
    comp.run();
    if comp.error.is_none() && comp.constant_too_big {
        // Raised by the heap while saving, with no traceback (line 0).
        return Err(BackendError {
            kind: "MemoryError",
            message: "memory allocation failed".into(),
            line: 0,
            scope_name: String::new(),
        });
    }
    if let Some((kind, message)) = comp.error.take() {
        // A bytecode overflow or an exhausted heap is raised directly, with no traceback
        // (line 0).
        if kind == "SyntaxError" || kind == "ViperTypeError" {
            let node = comp.scopes[comp.cur].node;
            comp.set_error_line(node);
        }
        let scope_name = comp
            .pool
            .text(comp.scopes[comp.cur].simple_name)
            .into_owned();
        return Err(BackendError {
            kind,
            message,
            line: comp.error_line,
            scope_name,
        });
    }
    let raw_codes = comp
        .scopes
        .iter_mut()
        .map(|s| std::mem::take(&mut s.raw_code))
        .collect();
    let tables = comp.emit.tables;
    Ok(CompiledModule {
        qstrs: tables.qstrs,
        constants: tables.constants,
        raw_codes,
    })
}

impl<'t, 'p> Compiler<'t, 'p> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.scopes.len() && self.error.is_none() {
            self.compile_scope(i, Pass::Scope);
            for id in 0..self.scopes[i].ids.len() {
                if self.scopes[i].ids[id].kind == IdKind::GlobalImplicit {
                    scope::check_to_close_over(&mut self.scopes, i, id);
                }
            }
            i += 1;
        }
        if self.error.is_none() {
            for i in 0..self.scopes.len() {
                self.compute_scope_things(i);
            }
        }
        let mut i = 0;
        while i < self.scopes.len() && self.error.is_none() {
            self.compile_scope(i, Pass::StackSize);
            if self.error.is_none() {
                self.compile_scope(i, Pass::CodeSize);
            }
            // Each emit pass can only shrink the code, so this settles; the bound guards
            // against a bug turning into a hang.
            let mut rounds = 0;
            while self.error.is_none() && !self.compile_scope(i, Pass::Emit) && rounds < 1000 {
                rounds += 1;
            }
            i += 1;
        }
    }

    // ----- errors -----

    fn set_error_line(&mut self, node: &Node) {
        // Only syntax errors carry a line; the others bypass the traceback in mpy-cross.
        if matches!(self.error, Some((kind, _)) if kind != "SyntaxError" && kind != "ViperTypeError")
        {
            return;
        }
        if self.error_line == 0 {
            if let Some(line) = line(node) {
                self.error_line = line;
            }
        }
    }

    fn syntax_error(&mut self, node: &Node, message: &'static str) {
        if self.error.is_none() {
            self.error = Some(("SyntaxError", message.into()));
            self.set_error_line(node);
        }
    }

    // ----- small helpers -----

    /// Skips label numbers the native emitter uses internally (`reserve_labels_for_native`).
    fn reserve_labels_for_native(&mut self, n: usize) {
        if self.scope().emit != EmitKind::Bytecode {
            self.next_label += n;
            self.emit.label_slot = self.next_label;
        }
    }

    fn next_label(&mut self) -> usize {
        let label = self.next_label;
        self.next_label += 1;
        self.emit.label_slot = self.next_label;
        label
    }

    fn scope(&self) -> &Scope<'t> {
        &self.scopes[self.cur]
    }

    fn scope_mut(&mut self) -> &mut Scope<'t> {
        &mut self.scopes[self.cur]
    }

    fn is_const_true(&self, node: &Node) -> bool {
        is_const_true(node, self.pool)
    }

    fn is_const_false(&self, node: &Node) -> bool {
        is_const_false(node, self.pool)
    }

    fn new_scope(&mut self, kind: ScopeKind, node: &'t Node, simple_name: Qstr) -> usize {
        let index = self.scopes.len();
        let mut scope = Scope::new(kind, Some(self.cur), node, simple_name);
        scope.emit = match self.pending_emit.take() {
            Some((target, emit)) if std::ptr::eq(target, node) => emit,
            _ => self.scopes[self.cur].emit,
        };
        self.scopes.push(scope);
        self.scope_of_node.insert(node as *const Node, index);
        index
    }

    /// The scope created for `node` in the scope pass.
    fn scope_for(&self, node: &Node) -> Option<usize> {
        self.scope_of_node.get(&(node as *const Node)).copied()
    }

    fn increase_except_level(&mut self, label: usize, kind: crate::emit::Block) {
        self.emit.setup_block(label, kind);
        self.cur_except_level += 1;
        if self.cur_except_level > self.scope().exc_stack_size {
            let level = self.cur_except_level;
            self.scope_mut().exc_stack_size = level;
        }
    }

    fn decrease_except_level(&mut self) {
        self.cur_except_level = self.cur_except_level.saturating_sub(1);
        self.emit.end_finally();
        self.reserve_labels_for_native(1);
    }

    // ----- scopes -----

    /// Runs one pass over one scope; false when the emit pass must be repeated.
    fn compile_scope(&mut self, index: usize, pass: Pass) -> bool {
        if self.scopes[index].emit == EmitKind::Asm {
            return self.compile_asm_scope(index, pass);
        }
        self.pass = pass;
        self.cur = index;
        self.next_label = 0;
        self.emit.label_slot = 0;
        let prelude = self.prelude(index);
        let stack_so_far = self.scopes[index].stack_size;
        let is_native = pass != Pass::Scope
            && matches!(self.scopes[index].emit, EmitKind::Native | EmitKind::Viper);
        if is_native {
            let native = match self.native.take() {
                Some(native) => Some(native),
                None => self.new_native(),
            };
            let Some(native) = native else {
                return true;
            };
            let info = self.native_scope(index, &prelude);
            self.emit.start_native_pass(pass, native, info);
        } else {
            self.emit.start_pass(pass, &prelude, stack_so_far);
        }
        self.reserve_labels_for_native(6);
        if pass == Pass::Scope {
            self.scopes[index].stack_size = 0;
            self.scopes[index].exc_stack_size = 0;
        }

        let node = self.scopes[index].node;
        match self.scopes[index].kind {
            ScopeKind::Module => {
                self.compile_node(node);
                self.emit.load_const_none();
                self.emit.return_value();
            }
            ScopeKind::Function => {
                if pass == Pass::Scope {
                    self.have_star = false;
                    for param in extract_list(child(node, 1), Rule::Typedargslist) {
                        self.compile_scope_param(param, true);
                    }
                    if self.scope().emit == EmitKind::Viper {
                        let ret = self.viper_type_annotation(child(node, 2));
                        self.scope_mut().scope_flags |=
                            u16::from(ret) << native::native_flag::VIPERRET_POS;
                    }
                }
                self.compile_node(child(node, 3));
                self.emit.load_const_none();
                self.emit.return_value();
            }
            ScopeKind::Lambda => {
                if let Some(line) = line(node) {
                    self.emit.set_source_line(line);
                }
                if pass == Pass::Scope {
                    self.have_star = false;
                    for param in extract_list(child(node, 0), Rule::Varargslist) {
                        self.compile_scope_param(param, false);
                    }
                }
                self.compile_node(child(node, 1));
                if self.scope().scope_flags & scope_flag::GENERATOR != 0 {
                    self.emit.pop_top();
                    self.emit.load_const_none();
                }
                self.emit.return_value();
            }
            ScopeKind::ListComp | ScopeKind::DictComp | ScopeKind::SetComp | ScopeKind::GenExpr => {
                self.compile_comprehension_scope(node);
            }
            ScopeKind::Class => {
                if pass == Pass::Scope {
                    let class = self.names.dunder_class;
                    self.scope_mut().find_or_add(class, IdKind::Local);
                }
                self.load_id(self.names.dunder_name);
                self.store_id(self.names.dunder_module);
                if let Some(name) = id(child(node, 0)) {
                    self.emit_load_const_str(name);
                }
                self.store_id(self.names.dunder_qualname);
                self.compile_node(child(node, 2));
                let class = self.names.dunder_class;
                match self.scope().find(class).map(|i| self.scope().ids[i]) {
                    Some(id) if id.kind != IdKind::Local => {
                        self.load_fast(class, id.local_num as usize)
                    }
                    _ => self.emit.load_const_none(),
                }
                self.emit.return_value();
            }
        }

        let mut raw = std::mem::take(&mut self.scopes[index].raw_code);
        if is_native {
            let native = self.emit.end_native_pass(&mut raw);
            self.scopes[index].raw_code = raw;
            if let Some(mut native) = native {
                let (stack_size, flags, error) = native::with_native!(&mut native, n => (
                    n.scope().stack_size,
                    n.scope().scope_flags,
                    n.error.take(),
                ));
                self.scopes[index].stack_size = stack_size;
                self.scopes[index].scope_flags = flags;
                self.native = Some(native);
                if let Some(error) = error {
                    self.record_native_error(error);
                }
                if self.error_from_native
                    && self.error_line == 0
                    && matches!(self.error, Some(("ViperTypeError", _)))
                {
                    self.error_line = line(self.scopes[index].node).unwrap_or(0);
                }
            }
            return true;
        }
        let end = self.emit.end_pass(&mut raw);
        self.scopes[index].raw_code = raw;
        if pass != Pass::Scope {
            self.scopes[index].stack_size = self.emit.max_stack;
        }
        match end {
            PassEnd::Done => true,
            PassEnd::Again => false,
            PassEnd::Overflow => {
                if self.error.is_none() {
                    self.error = Some(("RuntimeError", "bytecode overflow".into()));
                    self.error_line = 0;
                }
                true
            }
        }
    }

    // ----- dispatch -----

    fn compile_node(&mut self, node: &'t Node) {
        // Nesting this deep exhausts mpy-cross's heap long before; refuse rather than
        // recurse without bound.
        if self.depth >= MAX_NESTING {
            if self.error.is_none() {
                self.error = Some(("MemoryError", "memory allocation failed".into()));
                self.error_line = 0;
            }
            return;
        }
        self.depth += 1;
        self.compile_node_inner(node);
        self.depth -= 1;
    }

    fn compile_node_inner(&mut self, node: &'t Node) {
        match node {
            Node::Null => {}
            Node::SmallInt(v) => self.emit.load_const_small_int(*v),
            Node::Id(q) => self.load_id(*q),
            Node::Str(q) => self.emit_load_const_str(*q),
            Node::Token(token) => self.compile_token(*token),
            Node::Const(obj, line) => {
                self.emit.set_source_line(*line);
                // mpy-cross prints constants only when saving, after compiling: a constant
                // too big for its heap fails then, unless a compile error came first.
                let constant = if self.too_big_for_heap(obj) {
                    self.constant_too_big = true;
                    crate::emit::Constant::Int(String::new())
                } else {
                    self.constant_of(obj)
                };
                self.emit
                    .load_const_obj(&constant, node as *const Node as usize);
            }
            Node::Struct { rule, line, .. } => {
                self.emit.set_source_line(*line);
                self.compile_rule(*rule, node);
            }
        }
    }

    fn compile_generic_all_nodes(&mut self, node: &'t Node) {
        for child in nodes(node) {
            self.compile_node(child);
            self.sync_native_error();
            if self.error.is_some() {
                self.set_error_line(child);
                return;
            }
        }
    }

    fn compile_rule(&mut self, rule: Rule, node: &'t Node) {
        match rule {
            Rule::FileInput
            | Rule::FileInput2
            | Rule::SimpleStmt2
            | Rule::SuiteBlockStmts
            | Rule::PassStmt => self.compile_generic_all_nodes(node),
            Rule::Decorated => self.compile_decorated(node),
            Rule::Funcdef => self.compile_funcdef(node),
            Rule::ExprStmt => self.compile_expr_stmt(node),
            Rule::TestlistStarExpr | Rule::Testlist | Rule::Subscriptlist => {
                self.compile_generic_tuple(node)
            }
            Rule::DelStmt => self.compile_del_stmt(node),
            Rule::BreakStmt | Rule::ContinueStmt => self.compile_break_cont_stmt(node, rule),
            Rule::ReturnStmt => self.compile_return_stmt(node),
            Rule::YieldStmt => {
                self.compile_node(child(node, 0));
                self.emit.pop_top();
            }
            Rule::RaiseStmt => self.compile_raise_stmt(node),
            Rule::ImportName => self.compile_import_name(node),
            Rule::ImportFrom => self.compile_import_from(node),
            Rule::GlobalStmt | Rule::NonlocalStmt => self.compile_global_nonlocal_stmt(node, rule),
            Rule::AssertStmt => self.compile_assert_stmt(node),
            Rule::AsyncStmt => self.compile_async_stmt(node),
            Rule::IfStmt => self.compile_if_stmt(node),
            Rule::WhileStmt => self.compile_while_stmt(node),
            Rule::ForStmt => self.compile_for_stmt(node),
            Rule::TryStmt => self.compile_try_stmt(node),
            Rule::WithStmt => self.compile_with_stmt(node),
            Rule::NamedexprTest => self.compile_namedexpr(node),
            Rule::TestIfExpr => self.compile_test_if_expr(node),
            Rule::Lambdef | Rule::LambdefNocond => self.compile_lambdef(node),
            Rule::OrTest | Rule::AndTest => self.compile_or_and_test(node, rule),
            Rule::NotTest2 => {
                self.compile_node(child(node, 0));
                self.emit.unary_op(crate::opcode::UnaryOp::Not);
            }
            Rule::Comparison => self.compile_comparison(node),
            Rule::StarExpr => self.syntax_error(node, "*x must be assignment target"),
            Rule::Expr | Rule::XorExpr | Rule::AndExpr => self.compile_binary_op(node, rule),
            Rule::ShiftExpr | Rule::ArithExpr | Rule::Term => self.compile_term(node),
            Rule::Factor2 => self.compile_factor_2(node),
            Rule::Power => {
                self.compile_generic_all_nodes(node);
                self.emit.binary_op(crate::opcode::BinaryOp::Power);
            }
            Rule::AtomExprAwait => self.compile_atom_expr_await(node),
            Rule::AtomExprNormal => self.compile_atom_expr_normal(node),
            Rule::AtomParen => self.compile_atom_paren(node),
            Rule::AtomBracket => self.compile_atom_bracket(node),
            Rule::AtomBrace => self.compile_atom_brace_helper(node, true),
            Rule::TrailerParen => self.compile_trailer_paren_helper(child(node, 0), false, 0),
            Rule::TrailerBracket => {
                self.compile_node(child(node, 0));
                self.emit.load_subscr();
            }
            Rule::TrailerPeriod => {
                if let Some(attr) = id(child(node, 0)) {
                    self.emit.load_attr(attr);
                }
            }
            Rule::Subscript2 | Rule::Subscript3 => self.compile_subscript(node, rule),
            Rule::DictorsetmakerItem => {
                self.compile_node(child(node, 1));
                self.compile_node(child(node, 0));
            }
            Rule::Classdef => self.compile_classdef(node),
            Rule::YieldExpr => self.compile_yield_expr(node),
            // Rules without a compile function never reach here in a well-formed tree.
            _ => {}
        }
    }
}
