//! `upy rm`: removing files and, with -r, directory trees.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

fn board() -> SimBoard {
    SimBoard::with(SimOptions {
        files: vec![
            ("a.py".into(), b"a".to_vec()),
            ("b.py".into(), b"b".to_vec()),
            ("lib/x/y.py".into(), b"y".to_vec()),
        ],
        ..SimOptions::default()
    })
}

#[test]
fn rm_removes_several_files() {
    let board = board();
    assert_success(&upy_on(board.port(), &["rm", ":a.py", ":b.py"]));
    assert!(!board.root().join("a.py").exists());
    assert!(!board.root().join("b.py").exists());
    assert!(board.root().join("lib/x/y.py").exists());
}

#[test]
fn rm_of_a_directory_needs_r() {
    let board = board();
    let output = upy_on(board.port(), &["rm", ":lib"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("rm -r"), "{}", stderr(&output));
    assert_success(&upy_on(board.port(), &["rm", "-r", ":lib"]));
    assert!(!board.root().join("lib").exists());
}

#[test]
fn rm_of_a_missing_file_exits_10() {
    let board = board();
    let output = upy_on(board.port(), &["rm", ":nothing.py"]);
    assert_eq!(output.status.code(), Some(10));
    let output = upy_on(board.port(), &["rm", "-r", ":a.py", ":nothing"]);
    assert_eq!(output.status.code(), Some(10));
    assert!(stderr(&output).contains("/nothing"), "{}", stderr(&output));
}

#[test]
fn rm_refuses_the_root() {
    let board = board();
    let output = upy_on(board.port(), &["rm", "-r", ":/"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(board.root().join("a.py").exists());
}
