//! `upy ls`: listing directories on the board.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy_on};

fn board_with_tree() -> SimBoard {
    SimBoard::with(SimOptions {
        files: vec![
            ("main.py".into(), b"print(1)\n".to_vec()),
            ("lib/util.py".into(), vec![b'x'; 1234]),
            ("lib/deep/data.bin".into(), vec![0u8; 7]),
        ],
        ..SimOptions::default()
    })
}

#[test]
fn ls_lists_directories_first_with_a_slash() {
    let board = board_with_tree();
    let output = upy_on(board.port(), &["ls"]);
    assert_success(&output);
    assert_eq!(stdout(&output), "lib/\nmain.py\n");
}

#[test]
fn ls_long_shows_sizes() {
    let board = board_with_tree();
    let output = upy_on(board.port(), &["ls", "-l", ":lib"]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("       0 deep/"), "{text}");
    assert!(text.contains("    1234 util.py"), "{text}");
}

#[test]
fn ls_recursive_gives_relative_paths() {
    let board = board_with_tree();
    let output = upy_on(board.port(), &["ls", "-r", ":/"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "lib/\nlib/deep/\nlib/deep/data.bin\nlib/util.py\nmain.py\n"
    );
}

#[test]
fn ls_of_a_missing_path_exits_10() {
    let board = board_with_tree();
    let output = upy_on(board.port(), &["ls", ":nope"]);
    assert_eq!(output.status.code(), Some(10));
    assert!(stderr(&output).contains("/nope"), "{}", stderr(&output));
}

#[test]
fn ls_above_the_root_exits_13() {
    let board = board_with_tree();
    let output = upy_on(board.port(), &["ls", ":../.."]);
    assert_eq!(output.status.code(), Some(13));
    assert!(
        stderr(&output).contains("outside the board's root"),
        "{}",
        stderr(&output)
    );
}
