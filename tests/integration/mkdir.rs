//! `upy mkdir`: creating directories on the board.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

#[test]
fn mkdir_creates_a_directory_and_refuses_an_existing_one() {
    let board = SimBoard::start();
    assert_success(&upy_on(board.port(), &["mkdir", ":lib"]));
    assert!(board.root().join("lib").is_dir());
    let output = upy_on(board.port(), &["mkdir", ":lib"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn mkdir_parents_creates_the_whole_path() {
    let board = SimBoard::start();
    assert_success(&upy_on(
        board.port(),
        &["mkdir", "--parents", ":a/b/c", ":a/d"],
    ));
    assert!(board.root().join("a/b/c").is_dir());
    assert!(board.root().join("a/d").is_dir());
    assert_success(&upy_on(board.port(), &["mkdir", "--parents", ":a/b"]));
}

#[test]
fn mkdir_below_a_file_fails() {
    let board = SimBoard::with(SimOptions {
        files: vec![("f".into(), b"x".to_vec())],
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["mkdir", "--parents", ":f/sub"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a directory"),
        "{}",
        stderr(&output)
    );
}
