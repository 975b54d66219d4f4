//! Chains of commands over one connection (`upy A + B + C`), and the commands that mostly make
//! sense inside one: `soft-reset`, `resume`.

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy, upy_on};

#[test]
fn exec_then_eval_share_one_interpreter() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["exec", "x = 41", "+", "eval", "x + 1"]);
    assert_success(&output);
    assert_eq!(stdout(&output), "42\n");
}

#[test]
fn separate_commands_do_not_share_an_interpreter_but_do_not_reset_it_either() {
    // upy never resets on connecting: a second command sees what the first left.
    let board = SimBoard::start();
    assert_success(&upy_on(board.port(), &["exec", "left = 7"]));
    let output = upy_on(board.port(), &["resume", "+", "eval", "left"]);
    assert_success(&output);
    assert_eq!(stdout(&output), "7\n");
}

#[test]
fn copy_then_import_then_list_in_one_chain() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("greet.py");
    std::fs::write(&module, "print('hello from greet')\n").unwrap();
    let output = upy_on(
        board.port(),
        &[
            "cp",
            module.to_str().unwrap(),
            ":",
            "+",
            "exec",
            "import greet",
            "+",
            "ls",
        ],
    );
    assert_success(&output);
    assert_eq!(stdout(&output), "hello from greet\ngreet.py\n");
    assert!(board.root().join("greet.py").exists());
}

#[test]
fn a_failing_command_stops_the_chain_with_its_status() {
    let board = SimBoard::start();
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "raise ValueError('no')",
            "+",
            "exec",
            "open('after','w').close()",
        ],
    );
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("ValueError: no"),
        "{}",
        stderr(&output)
    );
    assert!(!board.root().join("after").exists());
}

#[test]
fn soft_reset_in_a_chain_clears_the_interpreter() {
    let board = SimBoard::start();
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "y = 1",
            "+",
            "soft-reset",
            "+",
            "eval",
            "'y' in globals()",
        ],
    );
    assert_success(&output);
    assert_eq!(stdout(&output), "False\n");
}

#[test]
fn global_options_given_first_apply_to_every_command() {
    let board = SimBoard::start();
    let output = upy()
        .args(["--port", board.port(), "--quiet", "touch", ":a", "+", "ls"])
        .output()
        .unwrap();
    assert_success(&output);
    assert_eq!(stdout(&output), "a\n");
}

#[test]
fn a_parse_error_in_a_later_command_runs_nothing() {
    let board = SimBoard::with(SimOptions::default());
    let output = upy_on(
        board.port(),
        &["touch", ":first", "+", "ls", "--no-such-flag"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--no-such-flag"),
        "{}",
        stderr(&output)
    );
    assert!(!board.root().join("first").exists());
}

#[test]
fn help_of_commands_that_never_connect_leaves_out_the_connection_options() {
    for command in [&["compile"][..], &["completions"], &["firmware", "convert"]] {
        let output = upy().args(command).arg("--help").output().unwrap();
        assert_success(&output);
        let help = stdout(&output);
        assert!(!help.contains("--port"), "{command:?}: {help}");
        assert!(!help.contains("--baud"), "{command:?}: {help}");
    }
    for command in [&["exec"][..], &["sync"], &["firmware", "list"], &["mv"]] {
        let output = upy().args(command).arg("--help").output().unwrap();
        assert!(stdout(&output).contains("--port"), "{command:?}");
    }
}
