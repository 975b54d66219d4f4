//! Provisional parse-tree types (shape agreed in the front-end/back-end split) that let the
//! back end build and be unit-tested until the front end's `parse_tree` module is merged.
#![allow(missing_docs, dead_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Qstr(pub u32);

#[derive(Debug, Default)]
pub struct QstrPool {
    strings: Vec<String>,
    map: HashMap<String, u32>,
}

impl QstrPool {
    pub fn intern(&mut self, s: &str) -> Qstr {
        if let Some(&i) = self.map.get(s) {
            return Qstr(i);
        }
        let i = self.strings.len() as u32 + 1;
        self.strings.push(s.to_string());
        self.map.insert(s.to_string(), i);
        Qstr(i)
    }
    pub fn get(&self, q: Qstr) -> &str {
        &self.strings[q.0 as usize - 1]
    }
    pub fn static_id(&self, q: Qstr) -> Option<u16> {
        if q.0 <= 165 {
            Some(q.0 as u16)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Newline,
    Ellipsis,
    KwFalse,
    KwNone,
    KwTrue,
    KwIn,
    OpLess,
    OpMore,
    OpDblEqual,
    OpLessEqual,
    OpMoreEqual,
    OpNotEqual,
    OpPipe,
    OpCaret,
    OpAmpersand,
    OpDblLess,
    OpDblMore,
    OpPlus,
    OpMinus,
    OpStar,
    OpAt,
    OpDblSlash,
    OpSlash,
    OpPercent,
    OpDblStar,
    OpTilde,
    DelPipeEqual,
    DelCaretEqual,
    DelAmpersandEqual,
    DelDblLessEqual,
    DelDblMoreEqual,
    DelPlusEqual,
    DelMinusEqual,
    DelStarEqual,
    DelAtEqual,
    DelDblSlashEqual,
    DelSlashEqual,
    DelPercentEqual,
    DelDblStarEqual,
    DelPeriod,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConstObject {
    Str(String),
    Bytes(Vec<u8>),
    Int(String),
    Float(f64),
    Complex(f64, f64),
    Tuple(Vec<ConstObject>),
    None,
    True,
    False,
    Ellipsis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    FileInput,
    FileInput2,
    Decorated,
    Funcdef,
    SimpleStmt2,
    ExprStmt,
    TestlistStarExpr,
    DelStmt,
    PassStmt,
    BreakStmt,
    ContinueStmt,
    ReturnStmt,
    YieldStmt,
    RaiseStmt,
    ImportName,
    ImportFrom,
    GlobalStmt,
    NonlocalStmt,
    AssertStmt,
    AsyncStmt,
    IfStmt,
    WhileStmt,
    ForStmt,
    TryStmt,
    WithStmt,
    SuiteBlockStmts,
    Namedexpr,
    TestIfExpr,
    Lambdef,
    LambdefNocond,
    OrTest,
    AndTest,
    NotTest2,
    Comparison,
    StarExpr,
    Expr,
    XorExpr,
    AndExpr,
    ShiftExpr,
    ArithExpr,
    Term,
    Factor2,
    Power,
    AtomExprAwait,
    AtomExprNormal,
    AtomParen,
    AtomBracket,
    AtomBrace,
    TrailerParen,
    TrailerBracket,
    TrailerPeriod,
    Subscriptlist,
    Subscript2,
    Subscript3,
    Testlist,
    DictorsetmakerItem,
    Classdef,
    YieldExpr,
    // rules without a compile function
    GenericColonTest,
    GenericEqualTest,
    SingleInput,
    FileInput3,
    EvalInput,
    EvalInput2,
    Decorator,
    Decorators,
    DecoratedBody,
    AsyncFuncdef,
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
    SmallStmt,
    ExprStmt2,
    ExprStmtAugassign,
    ExprStmtAssignList,
    ExprStmtAssign,
    ExprStmt6,
    TestlistStarExpr2,
    Annassign,
    Augassign,
    FlowStmt,
    RaiseStmtArg,
    RaiseStmtFrom,
    ImportStmt,
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
    NameList,
    AssertStmtExtra,
    CompoundStmt,
    AsyncStmt2,
    IfStmtElifList,
    IfStmtElif,
    TryStmt2,
    TryStmtExceptAndMore,
    TryStmtExcept,
    TryStmtAsName,
    TryStmtExceptList,
    TryStmtFinally,
    ElseStmt,
    WithStmtList,
    WithItem,
    WithItemAs,
    Suite,
    SuiteBlock,
    NamedexprTest2,
    Test,
    TestIfElse,
    TestNocond,
    NotTest,
    CompOp,
    CompOpNotIn,
    CompOpIs,
    CompOpIsNot,
    ShiftOp,
    ArithOp,
    TermOp,
    Factor,
    FactorOp,
    AtomExpr,
    AtomExprTrailers,
    PowerDblStar,
    Atom,
    Atom2b,
    TestlistComp,
    TestlistComp2,
    TestlistComp3,
    TestlistComp3b,
    TestlistComp3c,
    Trailer,
    Subscript,
    Subscript3b,
    Subscript3c,
    Subscript3d,
    Sliceop,
    Exprlist,
    Exprlist2,
    Dictorsetmaker,
    DictorsetmakerTail,
    DictorsetmakerList,
    DictorsetmakerList2,
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
    YieldArg,
    YieldArgFrom,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Id(Qstr),
    SmallInt(i64),
    Str(Qstr),
    Bytes(Vec<u8>),
    Token(TokenKind),
    Const(ConstObject, u32),
    Struct {
        rule: Rule,
        line: u32,
        children: Vec<Node>,
    },
}

pub struct ParseTree {
    pub root: Node,
    pub pool: QstrPool,
}

/// Stands in for the front end's parser.
pub fn parse(
    _source: &str,
    _name: &str,
    _options: &crate::CompileOptions,
) -> Result<ParseTree, crate::CompileError> {
    Err(crate::CompileError {
        kind: crate::ErrorKind::SyntaxError,
        message: "parser not available in this build".into(),
        line: 1,
        column: None,
    })
}
