//! `upy mv`, `upy touch`, `upy edit` and `upy rtc` against the real unix port.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy, upy_on};

fn board_with(files: &[(&str, &str)]) -> SimBoard {
    SimBoard::with(SimOptions {
        files: files
            .iter()
            .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
            .collect(),
        ..SimOptions::default()
    })
}

#[test]
fn mv_renames_and_moves_into_an_existing_folder() {
    let board = board_with(&[("a.txt", "A"), ("lib/keep.py", "")]);
    assert_success(&upy_on(board.port(), &["mv", ":a.txt", ":b.txt"]));
    assert_eq!(
        std::fs::read_to_string(board.root().join("b.txt")).unwrap(),
        "A"
    );
    assert!(!board.root().join("a.txt").exists());
    assert_success(&upy_on(board.port(), &["mv", ":b.txt", ":lib"]));
    assert_eq!(
        std::fs::read_to_string(board.root().join("lib/b.txt")).unwrap(),
        "A"
    );
    assert_success(&upy_on(board.port(), &["mv", ":lib", ":pkg"]));
    assert!(board.root().join("pkg/keep.py").exists());
}

#[test]
fn mv_of_a_missing_file_or_onto_an_existing_one_changes_nothing() {
    let board = board_with(&[("a.txt", "A"), ("b.txt", "B")]);
    let missing = upy_on(board.port(), &["mv", ":nope", ":x"]);
    assert_eq!(missing.status.code(), Some(10), "{}", stderr(&missing));
    let clash = upy_on(board.port(), &["mv", ":a.txt", ":b.txt"]);
    assert!(!clash.status.success());
    assert!(stderr(&clash).contains("exists"), "{}", stderr(&clash));
    assert_eq!(
        std::fs::read_to_string(board.root().join("b.txt")).unwrap(),
        "B"
    );
    assert_eq!(
        std::fs::read_to_string(board.root().join("a.txt")).unwrap(),
        "A"
    );
}

#[test]
fn touch_creates_empty_files_and_keeps_existing_content() {
    let board = board_with(&[("old.txt", "kept")]);
    assert_success(&upy_on(board.port(), &["touch", ":new.txt", ":old.txt"]));
    assert_eq!(std::fs::read(board.root().join("new.txt")).unwrap(), b"");
    assert_eq!(
        std::fs::read_to_string(board.root().join("old.txt")).unwrap(),
        "kept"
    );
}

/// A scripted editor: a shell script that runs `body` with the file as `$1`.
fn editor(dir: &Path, body: &str) -> PathBuf {
    let script = dir.join("editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn edit(board: &SimBoard, editor: &Path, path: &str) -> std::process::Output {
    upy()
        .args(["--port", board.port(), "edit", path])
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .output()
        .unwrap()
}

#[test]
fn edit_writes_back_what_the_editor_changed() {
    let board = board_with(&[("main.py", "print(1)\n")]);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("seen");
    let script = editor(
        dir.path(),
        &format!(
            "basename \"$1\" > {0}\ncat \"$1\" >> {0}\necho 'print(2)' >> \"$1\"",
            log.display()
        ),
    );
    let output = edit(&board, &script, ":main.py");
    assert_success(&output);
    // The editor saw the board's content under the file's own name.
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "main.py\nprint(1)\n"
    );
    assert_eq!(
        std::fs::read_to_string(board.root().join("main.py")).unwrap(),
        "print(1)\nprint(2)\n"
    );
    assert!(stderr(&output).contains("saved"), "{}", stderr(&output));
}

#[test]
fn edit_leaves_the_file_alone_when_nothing_changed_or_the_editor_fails() {
    let board = board_with(&[("main.py", "print(1)\n")]);
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::metadata(board.root().join("main.py"))
        .unwrap()
        .modified()
        .unwrap();
    let unchanged = edit(&board, &editor(dir.path(), "true"), ":main.py");
    assert_success(&unchanged);
    assert!(
        stderr(&unchanged).contains("unchanged"),
        "{}",
        stderr(&unchanged)
    );
    let failing = edit(
        &board,
        &editor(dir.path(), "echo junk >> \"$1\"; exit 3"),
        ":main.py",
    );
    assert_eq!(failing.status.code(), Some(1), "{}", stderr(&failing));
    assert!(
        stderr(&failing).contains("unchanged"),
        "{}",
        stderr(&failing)
    );
    let after = std::fs::metadata(board.root().join("main.py"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read_to_string(board.root().join("main.py")).unwrap(),
        "print(1)\n"
    );
}

#[test]
fn edit_creates_a_missing_file_when_the_editor_saves_text() {
    let board = board_with(&[]);
    let dir = tempfile::tempdir().unwrap();
    let output = edit(
        &board,
        &editor(dir.path(), "echo fresh > \"$1\""),
        ":notes.txt",
    );
    assert_success(&output);
    assert_eq!(
        std::fs::read_to_string(board.root().join("notes.txt")).unwrap(),
        "fresh\n"
    );
}

#[test]
fn rtc_prints_the_board_clock_and_refuses_to_set_without_machine_rtc() {
    let board = board_with(&[]);
    let output = upy_on(board.port(), &["rtc"]);
    assert_success(&output);
    let text = stdout(&output);
    // The unix port's clock is this computer's: the printed time is today's local time.
    let printed = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S")
        .unwrap_or_else(|err| panic!("{text:?}: {err}"));
    let now = chrono::Local::now().naive_local();
    assert!(
        (now - printed).num_seconds().abs() < 30,
        "{printed} vs {now}"
    );
    let set = upy_on(board.port(), &["rtc", "--set"]);
    assert_eq!(set.status.code(), Some(1), "{}", stderr(&set));
    assert!(stderr(&set).contains("no machine.RTC"), "{}", stderr(&set));
}
