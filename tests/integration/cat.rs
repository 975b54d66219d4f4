//! `upy cat`: file bytes from the board, unchanged.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

#[test]
fn cat_prints_every_byte_value_unchanged() {
    let data: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let board = SimBoard::with(SimOptions {
        files: vec![("all.bin".into(), data.clone())],
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["cat", ":all.bin"]);
    assert_success(&output);
    assert_eq!(output.stdout, data);
}

#[test]
fn cat_of_a_missing_file_exits_10() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["cat", ":missing.txt"]);
    assert_eq!(output.status.code(), Some(10));
    assert!(
        stderr(&output).contains("/missing.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn cat_of_a_directory_is_refused() {
    let board = SimBoard::with(SimOptions {
        files: vec![("lib/x.py".into(), b"x".to_vec())],
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["cat", ":lib"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is a directory"),
        "{}",
        stderr(&output)
    );
}
