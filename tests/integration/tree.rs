//! `upy tree`: the board's files drawn as a tree.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stdout, upy_on};

#[test]
fn tree_draws_nested_directories() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("main.py".into(), b"pass\n".to_vec()),
            ("lib/a.py".into(), b"a\n".to_vec()),
            ("lib/sub/b.py".into(), b"b\n".to_vec()),
        ],
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["tree"]);
    assert_success(&output);
    let expected = ":/\n├── lib/\n│   ├── a.py\n│   └── sub/\n│       └── b.py\n└── main.py\n\n2 directories, 3 files\n";
    assert_eq!(stdout(&output), expected);
}
