//! `upy sha256sum`: hashes computed on the board.

use crate::simboard::{MicrobitBoard, SimBoard, SimOptions};
use crate::util::{assert_success, stdout, upy_on};

const HELLO_SHA256: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

#[test]
fn sha256sum_matches_sha256_of_the_content() {
    let board = SimBoard::with(SimOptions {
        files: vec![("lib/hello.txt".into(), b"hello".to_vec())],
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["sha256sum", ":lib/hello.txt"]);
    assert_success(&output);
    assert_eq!(stdout(&output), format!("{HELLO_SHA256}  :lib/hello.txt\n"));
}

#[test]
fn sha256sum_works_without_hashlib_on_the_board() {
    let board = MicrobitBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("hello.txt");
    std::fs::write(&local, b"hello").unwrap();
    assert_success(&upy_on(
        board.port(),
        &["cp", local.to_str().unwrap(), ":hello.txt"],
    ));
    let output = upy_on(board.port(), &["sha256sum", ":hello.txt"]);
    assert_success(&output);
    assert_eq!(stdout(&output), format!("{HELLO_SHA256}  :hello.txt\n"));
}
