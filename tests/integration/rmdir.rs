//! `upy rmdir`: removing empty directories.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

#[test]
fn rmdir_removes_only_empty_directories() {
    let board = SimBoard::with(SimOptions {
        files: vec![("full/x.py".into(), b"x".to_vec())],
        ..SimOptions::default()
    });
    std::fs::create_dir(board.root().join("empty")).unwrap();
    assert_success(&upy_on(board.port(), &["rmdir", ":empty"]));
    assert!(!board.root().join("empty").exists());
    let output = upy_on(board.port(), &["rmdir", ":full"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not empty"), "{}", stderr(&output));
    assert!(board.root().join("full/x.py").exists());
}
