//! `upy info`: what the board says about itself.

use crate::simboard::{MicrobitBoard, SimBoard};
use crate::util::{assert_success, stdout, upy_on};

#[test]
fn info_reports_version_mpy_format_and_features() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["info"]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("micropython: 1.29.0"), "{text}");
    assert!(text.contains("platform:    linux"), "{text}");
    assert!(text.contains("mpy:         v6.3 arch x64"), "{text}");
    assert!(
        text.contains("has:         hashlib binascii deflate os.stat os.ilistdir raw stdin"),
        "{text}"
    );
}

#[test]
fn info_on_old_firmware_says_what_is_missing() {
    let board = MicrobitBoard::start();
    let output = upy_on(board.port(), &["info"]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("micropython: 1.9.2"), "{text}");
    assert!(text.contains("micro:bit"), "{text}");
    assert!(
        text.contains("lacks:       hashlib binascii deflate os.stat os.ilistdir"),
        "{text}"
    );
}
