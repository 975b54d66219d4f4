//! The rules of grammar.h up to its expressions: the start symbols, decorators, function
//! definitions with their parameter lists, simple statements and compound statements
//! (`generic_colon_test` through `suite_block_stmts`), in grammar.h's order.

use super::{Act, Arg, RuleDef, FIRST_EXPRESSION_RULE};
use crate::parse_tree::Rule;
use crate::token::TokenKind;

use Arg::{OptRule, Rule as R_, Tok};
use Rule as R;
use TokenKind as T;

pub(super) static STATEMENT_RULES: [RuleDef; FIRST_EXPRESSION_RULE] = [
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
];
