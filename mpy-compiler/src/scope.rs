//! Scopes and identifier kinds (mirrors `py/scope.c`).
//!
//! Each function, class, lambda, comprehension and the module body is a [`Scope`]; scopes live
//! in one vector in the order they are discovered, which is also the order of their passes.
//! Every identifier a scope touches gets an [`IdInfo`]; after the scope pass its kind says
//! how it is loaded and stored (by name, global, fast local, cell or free variable).

use crate::emit::RawCode;
use crate::parse_tree::{Node, Qstr};

/// What kind of block a scope is; the order matters (`is_func_like`, `is_comp_like`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScopeKind {
    Module,
    Class,
    Lambda,
    ListComp,
    DictComp,
    SetComp,
    GenExpr,
    Function,
}

impl ScopeKind {
    /// Lambdas, comprehensions and functions: their names are local by default.
    pub fn is_func_like(self) -> bool {
        self >= ScopeKind::Lambda
    }

    /// List, dict and set comprehensions and generator expressions.
    pub fn is_comp_like(self) -> bool {
        (ScopeKind::ListComp..=ScopeKind::GenExpr).contains(&self)
    }
}

/// How an identifier is resolved in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Undecided,
    GlobalImplicit,
    GlobalImplicitAssigned,
    GlobalExplicit,
    /// Written and only used by this function.
    Local,
    /// A local of this function that inner functions use.
    Cell,
    /// A variable of an enclosing function.
    Free,
}

/// Flags of an identifier.
pub mod id_flag {
    /// A parameter.
    pub const IS_PARAM: u8 = 0x01;
    /// The `*args` parameter.
    pub const IS_STAR_PARAM: u8 = 0x02;
    /// The `**kwargs` parameter.
    pub const IS_DBL_STAR_PARAM: u8 = 0x04;
    /// Bit position of a viper parameter's type.
    pub const VIPER_TYPE_POS: u8 = 4;
}

/// Scope flags stored in the prelude (low 4 bits) or used by the compiler.
pub mod scope_flag {
    /// Generator (or async) function.
    pub const GENERATOR: u16 = 0x01;
    /// Has `**kwargs`.
    pub const VARKEYWORDS: u16 = 0x02;
    /// Has `*args`.
    pub const VARARGS: u16 = 0x04;
    /// Has keyword-only defaults.
    pub const DEFKWARGS: u16 = 0x08;
}

/// One identifier of a scope.
#[derive(Debug, Clone, Copy)]
pub struct IdInfo {
    pub kind: IdKind,
    pub flags: u8,
    /// Local slot, or cell/free slot.
    pub local_num: u16,
    pub qstr: Qstr,
}

/// One scope of the module.
#[derive(Debug)]
pub struct Scope<'t> {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    pub node: &'t Node,
    pub simple_name: Qstr,
    pub scope_flags: u16,
    /// Positional parameters (plus, after scope analysis, the free variables passed in).
    pub num_pos_args: usize,
    pub num_kwonly_args: usize,
    pub num_def_pos_args: usize,
    pub num_locals: usize,
    pub stack_size: usize,
    pub exc_stack_size: usize,
    pub ids: Vec<IdInfo>,
    pub raw_code: RawCode<usize>,
    /// How the scope is compiled (`emit_options`): bytecode, native, viper or inline asm.
    pub emit: EmitKind,
}

/// How a scope is compiled (`MP_EMIT_OPT_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmitKind {
    #[default]
    Bytecode,
    Native,
    Viper,
    Asm,
}

impl<'t> Scope<'t> {
    /// A new empty scope.
    pub fn new(kind: ScopeKind, parent: Option<usize>, node: &'t Node, simple_name: Qstr) -> Self {
        Scope {
            kind,
            parent,
            node,
            simple_name,
            scope_flags: 0,
            num_pos_args: 0,
            num_kwonly_args: 0,
            num_def_pos_args: 0,
            num_locals: 0,
            stack_size: 0,
            exc_stack_size: 0,
            ids: Vec::new(),
            raw_code: RawCode::default(),
            emit: EmitKind::Bytecode,
        }
    }

    /// Index of `qstr` in this scope's identifiers.
    pub fn find(&self, qstr: Qstr) -> Option<usize> {
        self.ids.iter().position(|id| id.qstr == qstr)
    }

    /// Index of `qstr`, adding it with `kind` when absent.
    pub fn find_or_add(&mut self, qstr: Qstr, kind: IdKind) -> usize {
        if let Some(i) = self.find(qstr) {
            return i;
        }
        self.ids.push(IdInfo {
            kind,
            flags: 0,
            local_num: 0,
            qstr,
        });
        self.ids.len() - 1
    }
}

/// Finds `qstr` in the outermost scope (the module).
pub fn find_global(scopes: &[Scope], mut scope: usize, qstr: Qstr) -> Option<(usize, usize)> {
    while let Some(parent) = scopes[scope].parent {
        scope = parent;
    }
    scopes[scope].find(qstr).map(|i| (scope, i))
}

/// Marks `qstr` free in every enclosing scope up to the one that defines it, which turns it
/// into a cell.
fn close_over_in_parents(scopes: &mut [Scope], scope: usize, qstr: Qstr) {
    let mut s = scopes[scope].parent;
    while let Some(cur) = s {
        if scopes[cur].parent.is_none() {
            // The reference compiler asserts this never reaches the module.
            return;
        }
        let i = scopes[cur].find_or_add(qstr, IdKind::Undecided);
        let id = &mut scopes[cur].ids[i];
        if id.kind == IdKind::Undecided {
            id.kind = IdKind::Free;
        } else {
            if id.kind == IdKind::Local {
                id.kind = IdKind::Cell;
            }
            return;
        }
        s = scopes[cur].parent;
    }
}

/// If an enclosing function binds the identifier `id_index` of `scope`, makes it free here
/// (and a cell there).
pub fn check_to_close_over(scopes: &mut [Scope], scope: usize, id_index: usize) {
    let qstr = scopes[scope].ids[id_index].qstr;
    let mut s = scopes[scope].parent;
    while let Some(cur) = s {
        if scopes[cur].parent.is_none() {
            break;
        }
        if let Some(i) = scopes[cur].find(qstr) {
            let kind = scopes[cur].ids[i].kind;
            if matches!(kind, IdKind::Local | IdKind::Cell | IdKind::Free) {
                scopes[scope].ids[id_index].kind = IdKind::Free;
                close_over_in_parents(scopes, scope, qstr);
            }
            break;
        }
        s = scopes[cur].parent;
    }
}
