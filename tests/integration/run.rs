//! `upy run FILE`: a local file runs on the board, output streams, Ctrl-C interrupts it.

use std::io::Read as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::simboard::SimBoard;
use crate::util::{assert_success, stderr, stdout, upy, upy_on};

#[test]
fn run_executes_a_local_file_without_copying_it() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hello.py");
    std::fs::write(&script, "import sys\nprint('hello from', sys.platform)\n").unwrap();
    let output = upy_on(board.port(), &["run", script.to_str().unwrap()]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim_end(), "hello from linux");
    assert!(!board.root().join("hello.py").exists());
}

#[test]
fn run_of_a_missing_file_exits_10() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["run", "/nonexistent/dir/x.py"]);
    assert_eq!(output.status.code(), Some(10));
    assert!(
        stderr(&output).contains("/nonexistent/dir/x.py"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ctrl_c_interrupts_the_program_on_the_board() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("forever.py");
    std::fs::write(
        &script,
        "import time\nprint('started')\nwhile True:\n    time.sleep_ms(10)\n",
    )
    .unwrap();
    let mut child = upy()
        .args(["--port", board.port(), "run", script.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 7];
    out.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"started");
    let pid = i32::try_from(child.id()).unwrap();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "upy run did not stop after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    // The board is free again.
    let output = upy_on(board.port(), &["exec", "print('free')"]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim_end(), "free");
}

#[test]
fn run_refuses_raw_control_bytes_and_says_how_to_write_them() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("ctl.py");
    std::fs::write(&script, b"print('a\x04b')\n").unwrap();
    let output = upy_on(board.port(), &["run", script.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("0x04"), "{}", stderr(&output));
    // The board is still at its prompt.
    assert_success(&upy_on(board.port(), &["exec", "pass"]));
}
