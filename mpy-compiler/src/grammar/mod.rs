//! MicroPython's grammar (py/grammar.h) as a table the parser walks.
//!
//! Each rule has an action (`or`, `and` with its collapsing variants, or one of
//! the three list forms) and its arguments (tokens, rules, optional rules),
//! in the same order as grammar.h with MicroPython's mpy-cross configuration
//! (async/await, `:=`, slices and sets enabled).
//!
//! The table itself is long, so it is split where grammar.h's expression rules begin
//! (`namedexpr_test`): `statements` holds the start symbols, definitions and statements,
//! `expressions` everything from `namedexpr_test` on. Each table's length is typed as its
//! share of [`Rule::ALL`], so the compiler checks that neither gains nor loses a rule; within
//! each, entries follow `Rule`'s order, which the lookup relies on.

mod expressions;
mod statements;

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

/// Rules before this index are statements; grammar.h's expression rules start here.
const FIRST_EXPRESSION_RULE: usize = Rule::NamedexprTest as usize;

/// The definition of `rule`.
pub(crate) fn rule_def(rule: Rule) -> &'static RuleDef {
    let index = rule as usize;
    match index.checked_sub(FIRST_EXPRESSION_RULE) {
        None => &statements::STATEMENT_RULES[index],
        Some(offset) => &expressions::EXPRESSION_RULES[offset],
    }
}
