//! `upy reset`: soft reset runs boot.py and main.py; hard reset needs machine.reset().

use std::time::{Duration, Instant};

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

#[test]
fn soft_reset_clears_state_and_runs_main_py() {
    let board = SimBoard::with(SimOptions {
        files: vec![(
            "main.py".into(),
            b"n = open('boots.txt').read() if 'boots.txt' in __import__('os').listdir() else ''\nopen('boots.txt', 'w').write(n + 'x')\n".to_vec(),
        )],
        ..SimOptions::default()
    });
    let boots = board.root().join("boots.txt");
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read(&boots).map(|b| b.len()).unwrap_or(0) < 1 {
        assert!(Instant::now() < deadline, "main.py did not run at boot");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_success(&upy_on(board.port(), &["exec", "marker = 1"]));
    assert_success(&upy_on(board.port(), &["reset"]));
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read(&boots).map(|b| b.len()).unwrap_or(0) < 2 {
        assert!(
            Instant::now() < deadline,
            "main.py did not run after the soft reset"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = upy_on(board.port(), &["exec", "print('marker' in globals())"]);
    assert_success(&output);
    assert_eq!(crate::util::stdout(&output).trim_end(), "False");
}

#[test]
fn hard_reset_without_machine_reset_is_refused_clearly() {
    // The unix port's machine module has no reset().
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["reset", "--hard"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("machine.reset"),
        "{}",
        stderr(&output)
    );
}
