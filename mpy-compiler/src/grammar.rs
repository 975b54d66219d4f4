//! MicroPython's grammar (py/grammar.h) as a table the parser walks.
//!
//! Each rule has an action (`or`, `and` with its collapsing variants, or one of
//! the three list forms) and its arguments (tokens, rules, optional rules),
//! in the same order as grammar.h with MicroPython's mpy-cross configuration
//! (async/await, `:=`, slices and sets enabled).

use crate::parse_tree::Rule;
use crate::token::TokenKind;

/// How a rule combines its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Act {
    /// The first argument that matches.
    Or,
    /// All arguments in sequence; always builds a node.
    And,
    /// All arguments; a node with one non-null child collapses to that child.
    AndIdent,
    /// All arguments; the node gets an extra null child for the compiler.
    AndBlank,
    /// `item item*`
    OneOrMore,
    /// `item (sep item)*`
    List,
    /// `item (sep item)* [sep]`
    ListWithEnd,
}

/// One argument of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arg {
    /// A token of this kind.
    Tok(TokenKind),
    /// A mandatory sub-rule.
    Rule(Rule),
    /// An optional sub-rule (null node when absent).
    OptRule(Rule),
}

/// The definition of one rule.
#[derive(Debug)]
pub(crate) struct RuleDef {
    pub act: Act,
    pub args: &'static [Arg],
}

impl Act {
    /// The list-kind code of parse.c (1 = list, 2 = one_or_more, 3 = list_with_end).
    pub(crate) fn list_kind(self) -> usize {
        match self {
            Act::List => 1,
            Act::OneOrMore => 2,
            _ => 3,
        }
    }
}

/// The definition of `rule`.
pub(crate) fn rule_def(rule: Rule) -> &'static RuleDef {
    &RULES[rule as usize]
}

use Arg::{OptRule, Rule as R_, Tok};
use Rule as R;
use TokenKind as T;

static RULES: [RuleDef; 175] = [
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelColon), R_(R::Test)],
    }, // generic_colon_test
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelEqual), R_(R::Test)],
    }, // generic_equal_test
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::Newline), R_(R::SimpleStmt), R_(R::CompoundStmt)],
    }, // single_input
    RuleDef {
        act: Act::AndIdent,
        args: &[OptRule(R::FileInput2)],
    }, // file_input
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::FileInput3)],
    }, // file_input_2
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::Newline), R_(R::Stmt)],
    }, // file_input_3
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Testlist), OptRule(R::EvalInput2)],
    }, // eval_input
    RuleDef {
        act: Act::And,
        args: &[Tok(T::Newline)],
    }, // eval_input_2
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::OpAt),
            R_(R::DottedName),
            OptRule(R::TrailerParen),
            Tok(T::Newline),
        ],
    }, // decorator
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::Decorator)],
    }, // decorators
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Decorators), R_(R::DecoratedBody)],
    }, // decorated
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Classdef), R_(R::Funcdef), R_(R::AsyncFuncdef)],
    }, // decorated_body
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwAsync), R_(R::Funcdef)],
    }, // async_funcdef
    RuleDef {
        act: Act::AndBlank,
        args: &[
            Tok(T::KwDef),
            Tok(T::Name),
            Tok(T::DelParenOpen),
            OptRule(R::Typedargslist),
            Tok(T::DelParenClose),
            OptRule(R::Funcdefrettype),
            Tok(T::DelColon),
            R_(R::Suite),
        ],
    }, // funcdef
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelMinusMore), R_(R::Test)],
    }, // funcdefrettype
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::TypedargslistItem), Tok(T::DelComma)],
    }, // typedargslist
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::TypedargslistName),
            R_(R::TypedargslistStar),
            R_(R::TypedargslistDblStar),
        ],
    }, // typedargslist_item
    RuleDef {
        act: Act::AndIdent,
        args: &[
            Tok(T::Name),
            OptRule(R::GenericColonTest),
            OptRule(R::GenericEqualTest),
        ],
    }, // typedargslist_name
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpStar), OptRule(R::Tfpdef)],
    }, // typedargslist_star
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::OpDblStar),
            Tok(T::Name),
            OptRule(R::GenericColonTest),
        ],
    }, // typedargslist_dbl_star
    RuleDef {
        act: Act::And,
        args: &[Tok(T::Name), OptRule(R::GenericColonTest)],
    }, // tfpdef
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::VarargslistItem), Tok(T::DelComma)],
    }, // varargslist
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::VarargslistName),
            R_(R::VarargslistStar),
            R_(R::VarargslistDblStar),
        ],
    }, // varargslist_item
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::Name), OptRule(R::GenericEqualTest)],
    }, // varargslist_name
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpStar), OptRule(R::Vfpdef)],
    }, // varargslist_star
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpDblStar), Tok(T::Name)],
    }, // varargslist_dbl_star
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::Name)],
    }, // vfpdef
    RuleDef {
        act: Act::Or,
        args: &[R_(R::CompoundStmt), R_(R::SimpleStmt)],
    }, // stmt
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::SimpleStmt2), Tok(T::Newline)],
    }, // simple_stmt
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::SmallStmt), Tok(T::DelSemicolon)],
    }, // simple_stmt_2
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::DelStmt),
            R_(R::PassStmt),
            R_(R::FlowStmt),
            R_(R::ImportStmt),
            R_(R::GlobalStmt),
            R_(R::NonlocalStmt),
            R_(R::AssertStmt),
            R_(R::ExprStmt),
        ],
    }, // small_stmt
    RuleDef {
        act: Act::And,
        args: &[R_(R::TestlistStarExpr), OptRule(R::ExprStmt2)],
    }, // expr_stmt
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::Annassign),
            R_(R::ExprStmtAugassign),
            R_(R::ExprStmtAssignList),
        ],
    }, // expr_stmt_2
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Augassign), R_(R::ExprStmt6)],
    }, // expr_stmt_augassign
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::ExprStmtAssign)],
    }, // expr_stmt_assign_list
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelEqual), R_(R::ExprStmt6)],
    }, // expr_stmt_assign
    RuleDef {
        act: Act::Or,
        args: &[R_(R::YieldExpr), R_(R::TestlistStarExpr)],
    }, // expr_stmt_6
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::TestlistStarExpr2), Tok(T::DelComma)],
    }, // testlist_star_expr
    RuleDef {
        act: Act::Or,
        args: &[R_(R::StarExpr), R_(R::Test)],
    }, // testlist_star_expr_2
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelColon), R_(R::Test), OptRule(R::ExprStmtAssign)],
    }, // annassign
    RuleDef {
        act: Act::Or,
        args: &[
            Tok(T::DelPlusEqual),
            Tok(T::DelMinusEqual),
            Tok(T::DelStarEqual),
            Tok(T::DelAtEqual),
            Tok(T::DelSlashEqual),
            Tok(T::DelPercentEqual),
            Tok(T::DelAmpersandEqual),
            Tok(T::DelPipeEqual),
            Tok(T::DelCaretEqual),
            Tok(T::DelDblLessEqual),
            Tok(T::DelDblMoreEqual),
            Tok(T::DelDblStarEqual),
            Tok(T::DelDblSlashEqual),
        ],
    }, // augassign
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwDel), R_(R::Exprlist)],
    }, // del_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwPass)],
    }, // pass_stmt
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::BreakStmt),
            R_(R::ContinueStmt),
            R_(R::ReturnStmt),
            R_(R::RaiseStmt),
            R_(R::YieldStmt),
        ],
    }, // flow_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwBreak)],
    }, // break_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwContinue)],
    }, // continue_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwReturn), OptRule(R::Testlist)],
    }, // return_stmt
    RuleDef {
        act: Act::And,
        args: &[R_(R::YieldExpr)],
    }, // yield_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwRaise), OptRule(R::RaiseStmtArg)],
    }, // raise_stmt
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::RaiseStmtFrom)],
    }, // raise_stmt_arg
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::KwFrom), R_(R::Test)],
    }, // raise_stmt_from
    RuleDef {
        act: Act::Or,
        args: &[R_(R::ImportName), R_(R::ImportFrom)],
    }, // import_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwImport), R_(R::DottedAsNames)],
    }, // import_name
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwFrom),
            R_(R::ImportFrom2),
            Tok(T::KwImport),
            R_(R::ImportFrom3),
        ],
    }, // import_from
    RuleDef {
        act: Act::Or,
        args: &[R_(R::DottedName), R_(R::ImportFrom2b)],
    }, // import_from_2
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::OneOrMorePeriodOrEllipsis), OptRule(R::DottedName)],
    }, // import_from_2b
    RuleDef {
        act: Act::Or,
        args: &[
            Tok(T::OpStar),
            R_(R::ImportAsNamesParen),
            R_(R::ImportAsNames),
        ],
    }, // import_from_3
    RuleDef {
        act: Act::AndIdent,
        args: &[
            Tok(T::DelParenOpen),
            R_(R::ImportAsNames),
            Tok(T::DelParenClose),
        ],
    }, // import_as_names_paren
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::PeriodOrEllipsis)],
    }, // one_or_more_period_or_ellipsis
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::DelPeriod), Tok(T::Ellipsis)],
    }, // period_or_ellipsis
    RuleDef {
        act: Act::And,
        args: &[Tok(T::Name), OptRule(R::AsName)],
    }, // import_as_name
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::DottedName), OptRule(R::AsName)],
    }, // dotted_as_name
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::KwAs), Tok(T::Name)],
    }, // as_name
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::ImportAsName), Tok(T::DelComma)],
    }, // import_as_names
    RuleDef {
        act: Act::List,
        args: &[R_(R::DottedAsName), Tok(T::DelComma)],
    }, // dotted_as_names
    RuleDef {
        act: Act::List,
        args: &[Tok(T::Name), Tok(T::DelPeriod)],
    }, // dotted_name
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwGlobal), R_(R::NameList)],
    }, // global_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwNonlocal), R_(R::NameList)],
    }, // nonlocal_stmt
    RuleDef {
        act: Act::List,
        args: &[Tok(T::Name), Tok(T::DelComma)],
    }, // name_list
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwAssert), R_(R::Test), OptRule(R::AssertStmtExtra)],
    }, // assert_stmt
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelComma), R_(R::Test)],
    }, // assert_stmt_extra
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::IfStmt),
            R_(R::WhileStmt),
            R_(R::ForStmt),
            R_(R::TryStmt),
            R_(R::WithStmt),
            R_(R::Funcdef),
            R_(R::Classdef),
            R_(R::Decorated),
            R_(R::AsyncStmt),
        ],
    }, // compound_stmt
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwAsync), R_(R::AsyncStmt2)],
    }, // async_stmt
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Funcdef), R_(R::WithStmt), R_(R::ForStmt)],
    }, // async_stmt_2
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwIf),
            R_(R::NamedexprTest),
            Tok(T::DelColon),
            R_(R::Suite),
            OptRule(R::IfStmtElifList),
            OptRule(R::ElseStmt),
        ],
    }, // if_stmt
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::IfStmtElif)],
    }, // if_stmt_elif_list
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwElif),
            R_(R::NamedexprTest),
            Tok(T::DelColon),
            R_(R::Suite),
        ],
    }, // if_stmt_elif
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwWhile),
            R_(R::NamedexprTest),
            Tok(T::DelColon),
            R_(R::Suite),
            OptRule(R::ElseStmt),
        ],
    }, // while_stmt
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwFor),
            R_(R::Exprlist),
            Tok(T::KwIn),
            R_(R::Testlist),
            Tok(T::DelColon),
            R_(R::Suite),
            OptRule(R::ElseStmt),
        ],
    }, // for_stmt
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwTry),
            Tok(T::DelColon),
            R_(R::Suite),
            R_(R::TryStmt2),
        ],
    }, // try_stmt
    RuleDef {
        act: Act::Or,
        args: &[R_(R::TryStmtExceptAndMore), R_(R::TryStmtFinally)],
    }, // try_stmt_2
    RuleDef {
        act: Act::AndIdent,
        args: &[
            R_(R::TryStmtExceptList),
            OptRule(R::ElseStmt),
            OptRule(R::TryStmtFinally),
        ],
    }, // try_stmt_except_and_more
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwExcept),
            OptRule(R::TryStmtAsName),
            Tok(T::DelColon),
            R_(R::Suite),
        ],
    }, // try_stmt_except
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::AsName)],
    }, // try_stmt_as_name
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::TryStmtExcept)],
    }, // try_stmt_except_list
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwFinally), Tok(T::DelColon), R_(R::Suite)],
    }, // try_stmt_finally
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::KwElse), Tok(T::DelColon), R_(R::Suite)],
    }, // else_stmt
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::KwWith),
            R_(R::WithStmtList),
            Tok(T::DelColon),
            R_(R::Suite),
        ],
    }, // with_stmt
    RuleDef {
        act: Act::List,
        args: &[R_(R::WithItem), Tok(T::DelComma)],
    }, // with_stmt_list
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::WithItemAs)],
    }, // with_item
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::KwAs), R_(R::Expr)],
    }, // with_item_as
    RuleDef {
        act: Act::Or,
        args: &[R_(R::SuiteBlock), R_(R::SimpleStmt)],
    }, // suite
    RuleDef {
        act: Act::AndIdent,
        args: &[
            Tok(T::Newline),
            Tok(T::Indent),
            R_(R::SuiteBlockStmts),
            Tok(T::Dedent),
        ],
    }, // suite_block
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::Stmt)],
    }, // suite_block_stmts
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::NamedexprTest2)],
    }, // namedexpr_test
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::OpAssign), R_(R::Test)],
    }, // namedexpr_test_2
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Lambdef), R_(R::TestIfExpr)],
    }, // test
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::OrTest), OptRule(R::TestIfElse)],
    }, // test_if_expr
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwIf), R_(R::OrTest), Tok(T::KwElse), R_(R::Test)],
    }, // test_if_else
    RuleDef {
        act: Act::Or,
        args: &[R_(R::LambdefNocond), R_(R::OrTest)],
    }, // test_nocond
    RuleDef {
        act: Act::AndBlank,
        args: &[
            Tok(T::KwLambda),
            OptRule(R::Varargslist),
            Tok(T::DelColon),
            R_(R::Test),
        ],
    }, // lambdef
    RuleDef {
        act: Act::AndBlank,
        args: &[
            Tok(T::KwLambda),
            OptRule(R::Varargslist),
            Tok(T::DelColon),
            R_(R::TestNocond),
        ],
    }, // lambdef_nocond
    RuleDef {
        act: Act::List,
        args: &[R_(R::AndTest), Tok(T::KwOr)],
    }, // or_test
    RuleDef {
        act: Act::List,
        args: &[R_(R::NotTest), Tok(T::KwAnd)],
    }, // and_test
    RuleDef {
        act: Act::Or,
        args: &[R_(R::NotTest2), R_(R::Comparison)],
    }, // not_test
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwNot), R_(R::NotTest)],
    }, // not_test_2
    RuleDef {
        act: Act::List,
        args: &[R_(R::Expr), R_(R::CompOp)],
    }, // comparison
    RuleDef {
        act: Act::Or,
        args: &[
            Tok(T::OpLess),
            Tok(T::OpMore),
            Tok(T::OpDblEqual),
            Tok(T::OpLessEqual),
            Tok(T::OpMoreEqual),
            Tok(T::OpNotEqual),
            Tok(T::KwIn),
            R_(R::CompOpNotIn),
            R_(R::CompOpIs),
        ],
    }, // comp_op
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwNot), Tok(T::KwIn)],
    }, // comp_op_not_in
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwIs), OptRule(R::CompOpIsNot)],
    }, // comp_op_is
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwNot)],
    }, // comp_op_is_not
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpStar), R_(R::Expr)],
    }, // star_expr
    RuleDef {
        act: Act::List,
        args: &[R_(R::XorExpr), Tok(T::OpPipe)],
    }, // expr
    RuleDef {
        act: Act::List,
        args: &[R_(R::AndExpr), Tok(T::OpCaret)],
    }, // xor_expr
    RuleDef {
        act: Act::List,
        args: &[R_(R::ShiftExpr), Tok(T::OpAmpersand)],
    }, // and_expr
    RuleDef {
        act: Act::List,
        args: &[R_(R::ArithExpr), R_(R::ShiftOp)],
    }, // shift_expr
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::OpDblLess), Tok(T::OpDblMore)],
    }, // shift_op
    RuleDef {
        act: Act::List,
        args: &[R_(R::Term), R_(R::ArithOp)],
    }, // arith_expr
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::OpPlus), Tok(T::OpMinus)],
    }, // arith_op
    RuleDef {
        act: Act::List,
        args: &[R_(R::Factor), R_(R::TermOp)],
    }, // term
    RuleDef {
        act: Act::Or,
        args: &[
            Tok(T::OpStar),
            Tok(T::OpAt),
            Tok(T::OpSlash),
            Tok(T::OpPercent),
            Tok(T::OpDblSlash),
        ],
    }, // term_op
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Factor2), R_(R::Power)],
    }, // factor
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::FactorOp), R_(R::Factor)],
    }, // factor_2
    RuleDef {
        act: Act::Or,
        args: &[Tok(T::OpPlus), Tok(T::OpMinus), Tok(T::OpTilde)],
    }, // factor_op
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::AtomExpr), OptRule(R::PowerDblStar)],
    }, // power
    RuleDef {
        act: Act::Or,
        args: &[R_(R::AtomExprAwait), R_(R::AtomExprNormal)],
    }, // atom_expr
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwAwait), R_(R::Atom), OptRule(R::AtomExprTrailers)],
    }, // atom_expr_await
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Atom), OptRule(R::AtomExprTrailers)],
    }, // atom_expr_normal
    RuleDef {
        act: Act::OneOrMore,
        args: &[R_(R::Trailer)],
    }, // atom_expr_trailers
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::OpDblStar), R_(R::Factor)],
    }, // power_dbl_star
    RuleDef {
        act: Act::Or,
        args: &[
            Tok(T::Name),
            Tok(T::Integer),
            Tok(T::FloatOrImag),
            Tok(T::String),
            Tok(T::Bytes),
            Tok(T::Ellipsis),
            Tok(T::KwNone),
            Tok(T::KwTrue),
            Tok(T::KwFalse),
            R_(R::AtomParen),
            R_(R::AtomBracket),
            R_(R::AtomBrace),
        ],
    }, // atom
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::DelParenOpen),
            OptRule(R::Atom2b),
            Tok(T::DelParenClose),
        ],
    }, // atom_paren
    RuleDef {
        act: Act::Or,
        args: &[R_(R::YieldExpr), R_(R::TestlistComp)],
    }, // atom_2b
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::DelBracketOpen),
            OptRule(R::TestlistComp),
            Tok(T::DelBracketClose),
        ],
    }, // atom_bracket
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::DelBraceOpen),
            OptRule(R::Dictorsetmaker),
            Tok(T::DelBraceClose),
        ],
    }, // atom_brace
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::TestlistComp2), OptRule(R::TestlistComp3)],
    }, // testlist_comp
    RuleDef {
        act: Act::Or,
        args: &[R_(R::StarExpr), R_(R::NamedexprTest)],
    }, // testlist_comp_2
    RuleDef {
        act: Act::Or,
        args: &[R_(R::CompFor), R_(R::TestlistComp3b)],
    }, // testlist_comp_3
    RuleDef {
        act: Act::AndIdent,
        args: &[Tok(T::DelComma), OptRule(R::TestlistComp3c)],
    }, // testlist_comp_3b
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::TestlistComp2), Tok(T::DelComma)],
    }, // testlist_comp_3c
    RuleDef {
        act: Act::Or,
        args: &[
            R_(R::TrailerParen),
            R_(R::TrailerBracket),
            R_(R::TrailerPeriod),
        ],
    }, // trailer
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::DelParenOpen),
            OptRule(R::Arglist),
            Tok(T::DelParenClose),
        ],
    }, // trailer_paren
    RuleDef {
        act: Act::And,
        args: &[
            Tok(T::DelBracketOpen),
            R_(R::Subscriptlist),
            Tok(T::DelBracketClose),
        ],
    }, // trailer_bracket
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelPeriod), Tok(T::Name)],
    }, // trailer_period
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::Subscript), Tok(T::DelComma)],
    }, // subscriptlist
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Subscript3), R_(R::Subscript2)],
    }, // subscript
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::Subscript3)],
    }, // subscript_2
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelColon), OptRule(R::Subscript3b)],
    }, // subscript_3
    RuleDef {
        act: Act::Or,
        args: &[R_(R::Subscript3c), R_(R::Subscript3d)],
    }, // subscript_3b
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelColon), OptRule(R::Test)],
    }, // subscript_3c
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::Sliceop)],
    }, // subscript_3d
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelColon), OptRule(R::Test)],
    }, // sliceop
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::Exprlist2), Tok(T::DelComma)],
    }, // exprlist
    RuleDef {
        act: Act::Or,
        args: &[R_(R::StarExpr), R_(R::Expr)],
    }, // exprlist_2
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::Test), Tok(T::DelComma)],
    }, // testlist
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::DictorsetmakerItem), OptRule(R::DictorsetmakerTail)],
    }, // dictorsetmaker
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::GenericColonTest)],
    }, // dictorsetmaker_item
    RuleDef {
        act: Act::Or,
        args: &[R_(R::CompFor), R_(R::DictorsetmakerList)],
    }, // dictorsetmaker_tail
    RuleDef {
        act: Act::And,
        args: &[Tok(T::DelComma), OptRule(R::DictorsetmakerList2)],
    }, // dictorsetmaker_list
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::DictorsetmakerItem), Tok(T::DelComma)],
    }, // dictorsetmaker_list2
    RuleDef {
        act: Act::AndBlank,
        args: &[
            Tok(T::KwClass),
            Tok(T::Name),
            OptRule(R::Classdef2),
            Tok(T::DelColon),
            R_(R::Suite),
        ],
    }, // classdef
    RuleDef {
        act: Act::AndIdent,
        args: &[
            Tok(T::DelParenOpen),
            OptRule(R::Arglist),
            Tok(T::DelParenClose),
        ],
    }, // classdef_2
    RuleDef {
        act: Act::ListWithEnd,
        args: &[R_(R::Arglist2), Tok(T::DelComma)],
    }, // arglist
    RuleDef {
        act: Act::Or,
        args: &[R_(R::ArglistStar), R_(R::ArglistDblStar), R_(R::Argument)],
    }, // arglist_2
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpStar), R_(R::Test)],
    }, // arglist_star
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpDblStar), R_(R::Test)],
    }, // arglist_dbl_star
    RuleDef {
        act: Act::AndIdent,
        args: &[R_(R::Test), OptRule(R::Argument2)],
    }, // argument
    RuleDef {
        act: Act::Or,
        args: &[R_(R::CompFor), R_(R::GenericEqualTest), R_(R::Argument3)],
    }, // argument_2
    RuleDef {
        act: Act::And,
        args: &[Tok(T::OpAssign), R_(R::Test)],
    }, // argument_3
    RuleDef {
        act: Act::Or,
        args: &[R_(R::CompFor), R_(R::CompIf)],
    }, // comp_iter
    RuleDef {
        act: Act::AndBlank,
        args: &[
            Tok(T::KwFor),
            R_(R::Exprlist),
            Tok(T::KwIn),
            R_(R::OrTest),
            OptRule(R::CompIter),
        ],
    }, // comp_for
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwIf), R_(R::TestNocond), OptRule(R::CompIter)],
    }, // comp_if
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwYield), OptRule(R::YieldArg)],
    }, // yield_expr
    RuleDef {
        act: Act::Or,
        args: &[R_(R::YieldArgFrom), R_(R::Testlist)],
    }, // yield_arg
    RuleDef {
        act: Act::And,
        args: &[Tok(T::KwFrom), R_(R::Test)],
    }, // yield_arg_from
];
