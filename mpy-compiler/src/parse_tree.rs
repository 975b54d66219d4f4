//! The parse tree handed from the front end to the back end, mirroring the
//! nodes py/parse.c builds (`mp_parse_node_t`).
//!
//! The shape is exactly MicroPython's after its parse-time rewrites: rules
//! that hold a single child collapse to that child where parse.c collapses
//! them, list rules are flattened the same way, constants are folded and
//! `const()` names substituted. A leaf is an identifier, a small int, an
//! interned string, a token, or a constant object; everything else is a
//! [`Node::Struct`] naming its grammar [`Rule`] and source line.
//!
//! Differences from the C representation, for clarity only: a constant object
//! (parse.c's `RULE_const_object` struct) is the leaf [`Node::Const`] with the
//! source line parse.c gives it, and bytes literals, which parse.c always stores
//! as objects, are `Const(ConstObject::Bytes(..), line)`.

use std::fmt::Write as _;

use num_bigint::BigInt;

pub use crate::qstr::{Qstr, QstrPool};
pub use crate::token::{BinaryOp, TokenKind};

/// One grammar rule of MicroPython's grammar (py/grammar.h), in that file's order.
///
/// Every rule is listed, including the helper rules that parse.c never keeps
/// as a tree node, so that the parser's rule table and the tree share one type.
// Each variant is named after the grammar.h rule it stands for; see `Rule::name`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    GenericColonTest,
    GenericEqualTest,
    SingleInput,
    FileInput,
    FileInput2,
    FileInput3,
    EvalInput,
    EvalInput2,
    Decorator,
    Decorators,
    Decorated,
    DecoratedBody,
    AsyncFuncdef,
    Funcdef,
    Funcdefrettype,
    Typedargslist,
    TypedargslistItem,
    TypedargslistName,
    TypedargslistStar,
    TypedargslistDblStar,
    Tfpdef,
    Varargslist,
    VarargslistItem,
    VarargslistName,
    VarargslistStar,
    VarargslistDblStar,
    Vfpdef,
    Stmt,
    SimpleStmt,
    SimpleStmt2,
    SmallStmt,
    ExprStmt,
    ExprStmt2,
    ExprStmtAugassign,
    ExprStmtAssignList,
    ExprStmtAssign,
    ExprStmt6,
    TestlistStarExpr,
    TestlistStarExpr2,
    Annassign,
    Augassign,
    DelStmt,
    PassStmt,
    FlowStmt,
    BreakStmt,
    ContinueStmt,
    ReturnStmt,
    YieldStmt,
    RaiseStmt,
    RaiseStmtArg,
    RaiseStmtFrom,
    ImportStmt,
    ImportName,
    ImportFrom,
    ImportFrom2,
    ImportFrom2b,
    ImportFrom3,
    ImportAsNamesParen,
    OneOrMorePeriodOrEllipsis,
    PeriodOrEllipsis,
    ImportAsName,
    DottedAsName,
    AsName,
    ImportAsNames,
    DottedAsNames,
    DottedName,
    GlobalStmt,
    NonlocalStmt,
    NameList,
    AssertStmt,
    AssertStmtExtra,
    CompoundStmt,
    AsyncStmt,
    AsyncStmt2,
    IfStmt,
    IfStmtElifList,
    IfStmtElif,
    WhileStmt,
    ForStmt,
    TryStmt,
    TryStmt2,
    TryStmtExceptAndMore,
    TryStmtExcept,
    TryStmtAsName,
    TryStmtExceptList,
    TryStmtFinally,
    ElseStmt,
    WithStmt,
    WithStmtList,
    WithItem,
    WithItemAs,
    Suite,
    SuiteBlock,
    SuiteBlockStmts,
    NamedexprTest,
    NamedexprTest2,
    Test,
    TestIfExpr,
    TestIfElse,
    TestNocond,
    Lambdef,
    LambdefNocond,
    OrTest,
    AndTest,
    NotTest,
    NotTest2,
    Comparison,
    CompOp,
    CompOpNotIn,
    CompOpIs,
    CompOpIsNot,
    StarExpr,
    Expr,
    XorExpr,
    AndExpr,
    ShiftExpr,
    ShiftOp,
    ArithExpr,
    ArithOp,
    Term,
    TermOp,
    Factor,
    Factor2,
    FactorOp,
    Power,
    AtomExpr,
    AtomExprAwait,
    AtomExprNormal,
    AtomExprTrailers,
    PowerDblStar,
    Atom,
    AtomParen,
    Atom2b,
    AtomBracket,
    AtomBrace,
    TestlistComp,
    TestlistComp2,
    TestlistComp3,
    TestlistComp3b,
    TestlistComp3c,
    Trailer,
    TrailerParen,
    TrailerBracket,
    TrailerPeriod,
    Subscriptlist,
    Subscript,
    Subscript2,
    Subscript3,
    Subscript3b,
    Subscript3c,
    Subscript3d,
    Sliceop,
    Exprlist,
    Exprlist2,
    Testlist,
    Dictorsetmaker,
    DictorsetmakerItem,
    DictorsetmakerTail,
    DictorsetmakerList,
    DictorsetmakerList2,
    Classdef,
    Classdef2,
    Arglist,
    Arglist2,
    ArglistStar,
    ArglistDblStar,
    Argument,
    Argument2,
    Argument3,
    CompIter,
    CompFor,
    CompIf,
    YieldExpr,
    YieldArg,
    YieldArgFrom,
}

impl Rule {
    /// Every rule, in grammar order.
    pub const ALL: [Rule; 175] = [
        Rule::GenericColonTest,
        Rule::GenericEqualTest,
        Rule::SingleInput,
        Rule::FileInput,
        Rule::FileInput2,
        Rule::FileInput3,
        Rule::EvalInput,
        Rule::EvalInput2,
        Rule::Decorator,
        Rule::Decorators,
        Rule::Decorated,
        Rule::DecoratedBody,
        Rule::AsyncFuncdef,
        Rule::Funcdef,
        Rule::Funcdefrettype,
        Rule::Typedargslist,
        Rule::TypedargslistItem,
        Rule::TypedargslistName,
        Rule::TypedargslistStar,
        Rule::TypedargslistDblStar,
        Rule::Tfpdef,
        Rule::Varargslist,
        Rule::VarargslistItem,
        Rule::VarargslistName,
        Rule::VarargslistStar,
        Rule::VarargslistDblStar,
        Rule::Vfpdef,
        Rule::Stmt,
        Rule::SimpleStmt,
        Rule::SimpleStmt2,
        Rule::SmallStmt,
        Rule::ExprStmt,
        Rule::ExprStmt2,
        Rule::ExprStmtAugassign,
        Rule::ExprStmtAssignList,
        Rule::ExprStmtAssign,
        Rule::ExprStmt6,
        Rule::TestlistStarExpr,
        Rule::TestlistStarExpr2,
        Rule::Annassign,
        Rule::Augassign,
        Rule::DelStmt,
        Rule::PassStmt,
        Rule::FlowStmt,
        Rule::BreakStmt,
        Rule::ContinueStmt,
        Rule::ReturnStmt,
        Rule::YieldStmt,
        Rule::RaiseStmt,
        Rule::RaiseStmtArg,
        Rule::RaiseStmtFrom,
        Rule::ImportStmt,
        Rule::ImportName,
        Rule::ImportFrom,
        Rule::ImportFrom2,
        Rule::ImportFrom2b,
        Rule::ImportFrom3,
        Rule::ImportAsNamesParen,
        Rule::OneOrMorePeriodOrEllipsis,
        Rule::PeriodOrEllipsis,
        Rule::ImportAsName,
        Rule::DottedAsName,
        Rule::AsName,
        Rule::ImportAsNames,
        Rule::DottedAsNames,
        Rule::DottedName,
        Rule::GlobalStmt,
        Rule::NonlocalStmt,
        Rule::NameList,
        Rule::AssertStmt,
        Rule::AssertStmtExtra,
        Rule::CompoundStmt,
        Rule::AsyncStmt,
        Rule::AsyncStmt2,
        Rule::IfStmt,
        Rule::IfStmtElifList,
        Rule::IfStmtElif,
        Rule::WhileStmt,
        Rule::ForStmt,
        Rule::TryStmt,
        Rule::TryStmt2,
        Rule::TryStmtExceptAndMore,
        Rule::TryStmtExcept,
        Rule::TryStmtAsName,
        Rule::TryStmtExceptList,
        Rule::TryStmtFinally,
        Rule::ElseStmt,
        Rule::WithStmt,
        Rule::WithStmtList,
        Rule::WithItem,
        Rule::WithItemAs,
        Rule::Suite,
        Rule::SuiteBlock,
        Rule::SuiteBlockStmts,
        Rule::NamedexprTest,
        Rule::NamedexprTest2,
        Rule::Test,
        Rule::TestIfExpr,
        Rule::TestIfElse,
        Rule::TestNocond,
        Rule::Lambdef,
        Rule::LambdefNocond,
        Rule::OrTest,
        Rule::AndTest,
        Rule::NotTest,
        Rule::NotTest2,
        Rule::Comparison,
        Rule::CompOp,
        Rule::CompOpNotIn,
        Rule::CompOpIs,
        Rule::CompOpIsNot,
        Rule::StarExpr,
        Rule::Expr,
        Rule::XorExpr,
        Rule::AndExpr,
        Rule::ShiftExpr,
        Rule::ShiftOp,
        Rule::ArithExpr,
        Rule::ArithOp,
        Rule::Term,
        Rule::TermOp,
        Rule::Factor,
        Rule::Factor2,
        Rule::FactorOp,
        Rule::Power,
        Rule::AtomExpr,
        Rule::AtomExprAwait,
        Rule::AtomExprNormal,
        Rule::AtomExprTrailers,
        Rule::PowerDblStar,
        Rule::Atom,
        Rule::AtomParen,
        Rule::Atom2b,
        Rule::AtomBracket,
        Rule::AtomBrace,
        Rule::TestlistComp,
        Rule::TestlistComp2,
        Rule::TestlistComp3,
        Rule::TestlistComp3b,
        Rule::TestlistComp3c,
        Rule::Trailer,
        Rule::TrailerParen,
        Rule::TrailerBracket,
        Rule::TrailerPeriod,
        Rule::Subscriptlist,
        Rule::Subscript,
        Rule::Subscript2,
        Rule::Subscript3,
        Rule::Subscript3b,
        Rule::Subscript3c,
        Rule::Subscript3d,
        Rule::Sliceop,
        Rule::Exprlist,
        Rule::Exprlist2,
        Rule::Testlist,
        Rule::Dictorsetmaker,
        Rule::DictorsetmakerItem,
        Rule::DictorsetmakerTail,
        Rule::DictorsetmakerList,
        Rule::DictorsetmakerList2,
        Rule::Classdef,
        Rule::Classdef2,
        Rule::Arglist,
        Rule::Arglist2,
        Rule::ArglistStar,
        Rule::ArglistDblStar,
        Rule::Argument,
        Rule::Argument2,
        Rule::Argument3,
        Rule::CompIter,
        Rule::CompFor,
        Rule::CompIf,
        Rule::YieldExpr,
        Rule::YieldArg,
        Rule::YieldArgFrom,
    ];

    /// The rule's name as grammar.h spells it (snake_case).
    pub fn name(self) -> &'static str {
        match self {
            Rule::GenericColonTest => "generic_colon_test",
            Rule::GenericEqualTest => "generic_equal_test",
            Rule::SingleInput => "single_input",
            Rule::FileInput => "file_input",
            Rule::FileInput2 => "file_input_2",
            Rule::FileInput3 => "file_input_3",
            Rule::EvalInput => "eval_input",
            Rule::EvalInput2 => "eval_input_2",
            Rule::Decorator => "decorator",
            Rule::Decorators => "decorators",
            Rule::Decorated => "decorated",
            Rule::DecoratedBody => "decorated_body",
            Rule::AsyncFuncdef => "async_funcdef",
            Rule::Funcdef => "funcdef",
            Rule::Funcdefrettype => "funcdefrettype",
            Rule::Typedargslist => "typedargslist",
            Rule::TypedargslistItem => "typedargslist_item",
            Rule::TypedargslistName => "typedargslist_name",
            Rule::TypedargslistStar => "typedargslist_star",
            Rule::TypedargslistDblStar => "typedargslist_dbl_star",
            Rule::Tfpdef => "tfpdef",
            Rule::Varargslist => "varargslist",
            Rule::VarargslistItem => "varargslist_item",
            Rule::VarargslistName => "varargslist_name",
            Rule::VarargslistStar => "varargslist_star",
            Rule::VarargslistDblStar => "varargslist_dbl_star",
            Rule::Vfpdef => "vfpdef",
            Rule::Stmt => "stmt",
            Rule::SimpleStmt => "simple_stmt",
            Rule::SimpleStmt2 => "simple_stmt_2",
            Rule::SmallStmt => "small_stmt",
            Rule::ExprStmt => "expr_stmt",
            Rule::ExprStmt2 => "expr_stmt_2",
            Rule::ExprStmtAugassign => "expr_stmt_augassign",
            Rule::ExprStmtAssignList => "expr_stmt_assign_list",
            Rule::ExprStmtAssign => "expr_stmt_assign",
            Rule::ExprStmt6 => "expr_stmt_6",
            Rule::TestlistStarExpr => "testlist_star_expr",
            Rule::TestlistStarExpr2 => "testlist_star_expr_2",
            Rule::Annassign => "annassign",
            Rule::Augassign => "augassign",
            Rule::DelStmt => "del_stmt",
            Rule::PassStmt => "pass_stmt",
            Rule::FlowStmt => "flow_stmt",
            Rule::BreakStmt => "break_stmt",
            Rule::ContinueStmt => "continue_stmt",
            Rule::ReturnStmt => "return_stmt",
            Rule::YieldStmt => "yield_stmt",
            Rule::RaiseStmt => "raise_stmt",
            Rule::RaiseStmtArg => "raise_stmt_arg",
            Rule::RaiseStmtFrom => "raise_stmt_from",
            Rule::ImportStmt => "import_stmt",
            Rule::ImportName => "import_name",
            Rule::ImportFrom => "import_from",
            Rule::ImportFrom2 => "import_from_2",
            Rule::ImportFrom2b => "import_from_2b",
            Rule::ImportFrom3 => "import_from_3",
            Rule::ImportAsNamesParen => "import_as_names_paren",
            Rule::OneOrMorePeriodOrEllipsis => "one_or_more_period_or_ellipsis",
            Rule::PeriodOrEllipsis => "period_or_ellipsis",
            Rule::ImportAsName => "import_as_name",
            Rule::DottedAsName => "dotted_as_name",
            Rule::AsName => "as_name",
            Rule::ImportAsNames => "import_as_names",
            Rule::DottedAsNames => "dotted_as_names",
            Rule::DottedName => "dotted_name",
            Rule::GlobalStmt => "global_stmt",
            Rule::NonlocalStmt => "nonlocal_stmt",
            Rule::NameList => "name_list",
            Rule::AssertStmt => "assert_stmt",
            Rule::AssertStmtExtra => "assert_stmt_extra",
            Rule::CompoundStmt => "compound_stmt",
            Rule::AsyncStmt => "async_stmt",
            Rule::AsyncStmt2 => "async_stmt_2",
            Rule::IfStmt => "if_stmt",
            Rule::IfStmtElifList => "if_stmt_elif_list",
            Rule::IfStmtElif => "if_stmt_elif",
            Rule::WhileStmt => "while_stmt",
            Rule::ForStmt => "for_stmt",
            Rule::TryStmt => "try_stmt",
            Rule::TryStmt2 => "try_stmt_2",
            Rule::TryStmtExceptAndMore => "try_stmt_except_and_more",
            Rule::TryStmtExcept => "try_stmt_except",
            Rule::TryStmtAsName => "try_stmt_as_name",
            Rule::TryStmtExceptList => "try_stmt_except_list",
            Rule::TryStmtFinally => "try_stmt_finally",
            Rule::ElseStmt => "else_stmt",
            Rule::WithStmt => "with_stmt",
            Rule::WithStmtList => "with_stmt_list",
            Rule::WithItem => "with_item",
            Rule::WithItemAs => "with_item_as",
            Rule::Suite => "suite",
            Rule::SuiteBlock => "suite_block",
            Rule::SuiteBlockStmts => "suite_block_stmts",
            Rule::NamedexprTest => "namedexpr_test",
            Rule::NamedexprTest2 => "namedexpr_test_2",
            Rule::Test => "test",
            Rule::TestIfExpr => "test_if_expr",
            Rule::TestIfElse => "test_if_else",
            Rule::TestNocond => "test_nocond",
            Rule::Lambdef => "lambdef",
            Rule::LambdefNocond => "lambdef_nocond",
            Rule::OrTest => "or_test",
            Rule::AndTest => "and_test",
            Rule::NotTest => "not_test",
            Rule::NotTest2 => "not_test_2",
            Rule::Comparison => "comparison",
            Rule::CompOp => "comp_op",
            Rule::CompOpNotIn => "comp_op_not_in",
            Rule::CompOpIs => "comp_op_is",
            Rule::CompOpIsNot => "comp_op_is_not",
            Rule::StarExpr => "star_expr",
            Rule::Expr => "expr",
            Rule::XorExpr => "xor_expr",
            Rule::AndExpr => "and_expr",
            Rule::ShiftExpr => "shift_expr",
            Rule::ShiftOp => "shift_op",
            Rule::ArithExpr => "arith_expr",
            Rule::ArithOp => "arith_op",
            Rule::Term => "term",
            Rule::TermOp => "term_op",
            Rule::Factor => "factor",
            Rule::Factor2 => "factor_2",
            Rule::FactorOp => "factor_op",
            Rule::Power => "power",
            Rule::AtomExpr => "atom_expr",
            Rule::AtomExprAwait => "atom_expr_await",
            Rule::AtomExprNormal => "atom_expr_normal",
            Rule::AtomExprTrailers => "atom_expr_trailers",
            Rule::PowerDblStar => "power_dbl_star",
            Rule::Atom => "atom",
            Rule::AtomParen => "atom_paren",
            Rule::Atom2b => "atom_2b",
            Rule::AtomBracket => "atom_bracket",
            Rule::AtomBrace => "atom_brace",
            Rule::TestlistComp => "testlist_comp",
            Rule::TestlistComp2 => "testlist_comp_2",
            Rule::TestlistComp3 => "testlist_comp_3",
            Rule::TestlistComp3b => "testlist_comp_3b",
            Rule::TestlistComp3c => "testlist_comp_3c",
            Rule::Trailer => "trailer",
            Rule::TrailerParen => "trailer_paren",
            Rule::TrailerBracket => "trailer_bracket",
            Rule::TrailerPeriod => "trailer_period",
            Rule::Subscriptlist => "subscriptlist",
            Rule::Subscript => "subscript",
            Rule::Subscript2 => "subscript_2",
            Rule::Subscript3 => "subscript_3",
            Rule::Subscript3b => "subscript_3b",
            Rule::Subscript3c => "subscript_3c",
            Rule::Subscript3d => "subscript_3d",
            Rule::Sliceop => "sliceop",
            Rule::Exprlist => "exprlist",
            Rule::Exprlist2 => "exprlist_2",
            Rule::Testlist => "testlist",
            Rule::Dictorsetmaker => "dictorsetmaker",
            Rule::DictorsetmakerItem => "dictorsetmaker_item",
            Rule::DictorsetmakerTail => "dictorsetmaker_tail",
            Rule::DictorsetmakerList => "dictorsetmaker_list",
            Rule::DictorsetmakerList2 => "dictorsetmaker_list2",
            Rule::Classdef => "classdef",
            Rule::Classdef2 => "classdef_2",
            Rule::Arglist => "arglist",
            Rule::Arglist2 => "arglist_2",
            Rule::ArglistStar => "arglist_star",
            Rule::ArglistDblStar => "arglist_dbl_star",
            Rule::Argument => "argument",
            Rule::Argument2 => "argument_2",
            Rule::Argument3 => "argument_3",
            Rule::CompIter => "comp_iter",
            Rule::CompFor => "comp_for",
            Rule::CompIf => "comp_if",
            Rule::YieldExpr => "yield_expr",
            Rule::YieldArg => "yield_arg",
            Rule::YieldArgFrom => "yield_arg_from",
        }
    }
}

/// A constant Python object created at parse time.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstObject {
    /// `None` (inside a folded tuple, or a `const(None)` value)
    None,
    /// `False` (inside a folded tuple, or a `const()` value)
    False,
    /// `True` (inside a folded tuple, or a `const()` value)
    True,
    /// `...` (inside a folded tuple, or a `const()` value)
    Ellipsis,
    /// A str literal that was not interned (UTF-8 bytes, possibly with lone surrogates
    /// encoded as MicroPython does).
    Str(Vec<u8>),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// An int; outside a tuple it does not fit a small int.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// A tuple of constants (from `MICROPY_COMP_CONST_TUPLE`).
    Tuple(Vec<ConstObject>),
}

/// One node of the parse tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// No node (an absent optional part).
    Null,
    /// An identifier.
    Id(Qstr),
    /// An int that fits MicroPython's small int for the chosen small-int bits.
    SmallInt(i64),
    /// A str literal stored as a qstr (10 bytes or less, or already interned).
    Str(Qstr),
    /// A token kept in the tree: `None`, `True`, `False`, `...`, or an operator
    /// between the operands of a list rule.
    Token(TokenKind),
    /// A constant object (parse.c's `RULE_const_object`) and its source line: the
    /// literal's line, the `const()` name's line, the line of the rule a constant
    /// tuple was built from, or 0 for a value folded from an expression (the
    /// compiler records the line like any struct node's).
    Const(ConstObject, u32),
    /// An inner node: a grammar rule with its source line and children.
    Struct {
        /// Which rule produced the node.
        rule: Rule,
        /// Source line (1-based) where the rule started.
        line: u32,
        /// The children, in source order.
        children: Vec<Node>,
    },
}

impl Node {
    /// The rule of a struct node.
    pub fn rule(&self) -> Option<Rule> {
        match self {
            Node::Struct { rule, .. } => Some(*rule),
            _ => None,
        }
    }

    /// Whether this is a struct node of `rule`.
    pub fn is_struct(&self, rule: Rule) -> bool {
        self.rule() == Some(rule)
    }

    /// Whether this is the null node.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    /// The children of a struct node (empty for leaves).
    pub fn children(&self) -> &[Node] {
        match self {
            Node::Struct { children, .. } => children,
            _ => &[],
        }
    }

    /// The source line of a struct node.
    pub fn line(&self) -> Option<u32> {
        match self {
            Node::Struct { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// Like `mp_parse_node_extract_list`: the children if this is a struct of
    /// `rule`, an empty slice for the null node, else the node itself alone.
    pub fn extract_list(&self, rule: Rule) -> &[Node] {
        match self {
            Node::Null => &[],
            Node::Struct {
                rule: r, children, ..
            } if *r == rule => children,
            other => std::slice::from_ref(other),
        }
    }
}

/// The result of parsing one source file.
#[derive(Debug, Clone)]
pub struct ParseTree {
    /// The `file_input_2` node (or null for an empty module).
    pub root: Node,
    /// The qstrs interned while lexing, to be shared with the back end.
    pub pool: QstrPool,
}

impl ParseTree {
    /// A readable, indented dump of the tree, one node per line.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        dump_node(&mut out, &self.root, &self.pool, 0);
        out
    }
}

/// Dumps one node (and its subtree) in the format of [`ParseTree::dump`].
pub fn dump_node(out: &mut String, node: &Node, pool: &QstrPool, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
    match node {
        Node::Null => out.push_str("NULL\n"),
        Node::Id(q) => {
            let _ = writeln!(out, "id({})", pool.text(*q));
        }
        Node::SmallInt(v) => {
            let _ = writeln!(out, "int({v})");
        }
        Node::Str(q) => {
            let _ = writeln!(out, "str({})", escape_bytes(pool.get(*q)));
        }
        Node::Token(t) => {
            let _ = writeln!(out, "tok({t:?})");
        }
        Node::Const(c, line) => {
            out.push_str("const(");
            write_const(out, c);
            let _ = writeln!(out, ")@{line}");
        }
        Node::Struct {
            rule,
            line,
            children,
        } => {
            let _ = writeln!(out, "{}@{} (n={})", rule.name(), line, children.len());
            for child in children {
                dump_node(out, child, pool, indent + 1);
            }
        }
    }
}

fn write_const(out: &mut String, c: &ConstObject) {
    match c {
        ConstObject::None => out.push_str("None"),
        ConstObject::False => out.push_str("False"),
        ConstObject::True => out.push_str("True"),
        ConstObject::Ellipsis => out.push_str("Ellipsis"),
        ConstObject::Str(s) => {
            let _ = write!(out, "str {}", escape_bytes(s));
        }
        ConstObject::Bytes(b) => {
            let _ = write!(out, "bytes {}", escape_bytes(b));
        }
        ConstObject::Int(i) => {
            let _ = write!(out, "int {i}");
        }
        ConstObject::Float(f) => {
            let _ = write!(out, "float {}", crate::float::repr(*f));
        }
        ConstObject::Complex(re, im) => {
            let _ = write!(out, "complex {}", crate::float::complex_repr(*re, *im));
        }
        ConstObject::Tuple(items) => {
            out.push_str("tuple(");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_const(out, item);
            }
            out.push(')');
        }
    }
}

fn escape_bytes(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('\'');
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            match ch {
                '\'' => s.push_str("\\'"),
                '\\' => s.push_str("\\\\"),
                '\n' => s.push_str("\\n"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    let _ = write!(s, "\\x{:02x}", c as u32);
                }
                c => s.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(s, "\\x{b:02x}");
        }
    }
    s.push('\'');
    s
}
