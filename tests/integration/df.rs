//! `upy df`: the board filesystem's size and free space.

use crate::simboard::SimBoard;
use crate::util::{assert_success, stdout, upy_on};

#[test]
fn df_prints_size_used_and_free() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["df"]);
    assert_success(&output);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().contains("free"));
    let numbers: Vec<u64> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .take(3)
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), 3);
    assert!(numbers[0] > 0 && numbers[0] >= numbers[2]);
    assert_eq!(numbers[0], numbers[1] + numbers[2]);
}
