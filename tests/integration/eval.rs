//! `upy eval`: the repr of an expression evaluated on the board.

use crate::simboard::SimBoard;
use crate::util::{assert_success, stderr, stdout, upy_on};

#[test]
fn eval_prints_the_repr() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["eval", "'ab' * 2"]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim_end(), "'abab'");
    let output = upy_on(board.port(), &["eval", "[1 + 1, None]"]);
    assert_eq!(stdout(&output).trim_end(), "[2, None]");
}

#[test]
fn eval_of_a_bad_expression_exits_5() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["eval", "undefined_name"]);
    assert_eq!(output.status.code(), Some(5));
    assert!(stderr(&output).contains("NameError"), "{}", stderr(&output));
}
