//! The rules of grammar.h from `namedexpr_test` on: conditional and lambda expressions,
//! the operator precedence chain, atoms and trailers, subscripts, displays, class
//! definitions, call arguments, comprehensions and `yield`, in grammar.h's order.

use super::{Act, Arg, RuleDef, FIRST_EXPRESSION_RULE};
use crate::parse_tree::Rule;
use crate::token::TokenKind;

use Arg::{OptRule, Rule as R_, Tok};
use Rule as R;
use TokenKind as T;

pub(super) static EXPRESSION_RULES: [RuleDef; Rule::ALL.len() - FIRST_EXPRESSION_RULE] = [
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
