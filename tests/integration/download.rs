//! Downloads from a board whose firmware can compress (the WebAssembly port, `deflate` with
//! write) come back as deflated frames; content that does not shrink comes raw in between.

use crate::cp::{noise, python_source as source};
use crate::simboard::{SimOptions, WasmBoard};
use crate::util::{assert_success, stderr, upy_on};

#[test]
fn source_from_a_compressing_board_needs_less_than_its_size_on_the_link() {
    let data = source(60_000);
    // The link is cut after less than the file's own size (both ways counted, helpers and
    // probe included): only a compressed transfer gets through.
    let board = WasmBoard::with(SimOptions {
        files: vec![("app.py".into(), data.clone())],
        cut_after: Some(30_000),
        ..SimOptions::default()
    });
    let output = upy_on(board.port(), &["cat", ":app.py"]);
    assert_success(&output);
    assert_eq!(output.stdout, data, "{}", stderr(&output));
}

#[test]
fn mixed_content_from_a_compressing_board_arrives_whole() {
    let mut data = source(12_000);
    data.extend(noise(20_000, 7));
    data.extend(source(9_000));
    data.extend(noise(1, 9));
    let board = WasmBoard::with(SimOptions {
        files: vec![
            ("mixed.bin".into(), data.clone()),
            ("empty".into(), Vec::new()),
        ],
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let back = dir.path().join("mixed.bin");
    let output = upy_on(
        board.port(),
        &["cp", ":mixed.bin", back.to_str().expect("utf-8 path")],
    );
    assert_success(&output);
    assert_eq!(std::fs::read(&back).expect("downloaded"), data);
    let output = upy_on(board.port(), &["cat", ":empty"]);
    assert_success(&output);
    assert!(output.stdout.is_empty());
}
