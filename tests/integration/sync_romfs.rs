//! `upy sync --romfs` (and `romfs = true` in upy.toml) on the simulated board with a ROM
//! partition: code deployed as an image and imported from /rom, data synced to the filesystem,
//! an unchanged image not written again, and the refusals that leave the board as it was.

use std::path::Path;
use std::process::Output;

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy, upy_on};

fn write(root: &Path, path: &str, data: impl AsRef<[u8]>) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, data).expect("write");
}

/// `upy --port PORT ARGS…` run in `dir` (where its upy.toml is found).
fn upy_at(dir: &Path, port: &str, args: &[&str]) -> Output {
    upy()
        .current_dir(dir)
        .arg("--port")
        .arg(port)
        .args(args)
        .output()
        .expect("run upy")
}

/// A board with a ROM partition of `size` bytes and `files` on its filesystem.
fn rom_board(size: u64, files: &[(&str, &str)]) -> SimBoard {
    SimBoard::with(SimOptions {
        romfs_partition: Some(size),
        files: files
            .iter()
            .map(|(path, data)| (path.to_string(), data.as_bytes().to_vec()))
            .collect(),
        ..SimOptions::default()
    })
}

/// A project: main.py on the filesystem, two modules for the image, data files.
fn make_project(root: &Path) {
    write(root, "main.py", "import app\napp.run()\n");
    write(
        root,
        "app.py",
        "import helper\nVALUE = 'v1'\ndef run():\n    print('run', VALUE, helper.twice(21), open('data/config.json').read().strip())\n",
    );
    write(root, "lib/helper.py", "def twice(x):\n    return 2 * x\n");
    write(root, "data/config.json", "{\"mode\": 1}\n");
    write(root, "notes.txt", "data too\n");
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn sync_romfs_runs_the_code_from_rom_and_redeploys_only_on_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_project(dir.path());
    write(dir.path(), "upy.toml", "[sync]\nromfs = true\n");
    // A copy from an earlier plain sync: '' comes before /rom on sys.path, so it must go.
    let board = rom_board(64 * 1024, &[("app.py", "VALUE = 'stale'\n")]);
    let partition = board.romfs_partition_file();
    let erased = std::fs::read(&partition).expect("partition");

    let output = upy_at(dir.path(), board.port(), &["sync", "--dry-run"]);
    assert_success(&output);
    assert!(
        stdout(&output).contains("deploy  romfs image of"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(&partition).expect("partition"), erased);
    assert!(!board.root().join("main.py").exists());

    let output = upy_at(dir.path(), board.port(), &["sync"]);
    assert_success(&output);
    let err = stderr(&output);
    assert!(
        err.contains("Deployed") && err.contains("2 files, 2 compiled to .mpy"),
        "{err}"
    );
    let root = board.root();
    for present in ["main.py", "data/config.json", "notes.txt"] {
        assert!(root.join(present).is_file(), "{present} missing: {err}");
    }
    for absent in ["app.py", "app.mpy", "lib", "upy.toml"] {
        assert!(!root.join(absent).exists(), "{absent} is on the filesystem");
    }

    let code = "import app, helper, sys\nprint(app.__file__, helper.__file__)\napp.run()";
    let output = upy_on(board.port(), &["exec", code]);
    assert_success(&output);
    assert_eq!(
        stdout(&output).trim(),
        "/rom/app.mpy /rom/lib/helper.mpy\nrun v1 42 {\"mode\": 1}"
    );
    // At boot the board mounts the image itself and main.py runs the app from it.
    assert_success(&upy_on(board.port(), &["reset"]));
    let output = upy_on(board.port(), &["exec", "import main"]);
    assert_eq!(
        stdout(&output).trim(),
        "run v1 42 {\"mode\": 1}",
        "{}",
        stderr(&output)
    );

    // Nothing changed: the partition is not written again.
    let written = std::fs::read(&partition).expect("partition");
    let stamp = mtime(&partition);
    let output = upy_at(dir.path(), board.port(), &["sync"]);
    assert_success(&output);
    assert!(
        stderr(&output).contains("already holds this romfs image"),
        "{}",
        stderr(&output)
    );
    assert_eq!(mtime(&partition), stamp);
    assert_eq!(std::fs::read(&partition).expect("partition"), written);

    // A data change goes to the filesystem only; a code change redeploys.
    write(dir.path(), "data/config.json", "{\"mode\": 2}\n");
    let output = upy_at(dir.path(), board.port(), &["sync"]);
    assert_success(&output);
    assert!(
        stderr(&output).contains("already holds"),
        "{}",
        stderr(&output)
    );
    assert_eq!(mtime(&partition), stamp);
    write(dir.path(), "app.py", "import helper\nVALUE = 'v2'\ndef run():\n    print('run', VALUE, helper.twice(2), open('data/config.json').read().strip())\n");
    let output = upy_at(dir.path(), board.port(), &["sync"]);
    assert_success(&output);
    assert!(stderr(&output).contains("Deployed"), "{}", stderr(&output));
    assert_ne!(std::fs::read(&partition).expect("partition"), written);
    let output = upy_on(board.port(), &["exec", "import app\napp.run()"]);
    assert_eq!(
        stdout(&output).trim(),
        "run v2 4 {\"mode\": 2}",
        "{}",
        stderr(&output)
    );
}

#[test]
fn sync_romfs_setting_follows_flag_over_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "upy.toml", "[sync]\nromfs = true\n");
    let settings = |extra: &[&str]| {
        let mut args = vec!["sync", "--show-settings"];
        args.extend_from_slice(extra);
        let output = upy_at(dir.path(), "auto", &args);
        assert_success(&output);
        stdout(&output)
    };
    assert!(settings(&[]).contains("romfs: true"));
    assert!(settings(&["--no-romfs"]).contains("romfs: false"));
    write(dir.path(), "upy.toml", "[sync]\n");
    assert!(settings(&[]).contains("romfs: false"));
    assert!(settings(&["--romfs"]).contains("romfs: true"));
}

#[test]
fn sync_romfs_watch_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_project(dir.path());
    let board = rom_board(16 * 1024, &[]);
    let output = upy_at(dir.path(), board.port(), &["sync", "--romfs", "--watch"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot --watch") && stderr(&output).contains("upy sync --watch"),
        "{}",
        stderr(&output)
    );
    assert!(!board.root().join("main.py").exists());
}

/// Runs `sync --romfs` expecting a refusal with `message`, and checks that neither the
/// partition nor the filesystem changed.
fn assert_refused(dir: &Path, board: &SimBoard, message: &str) {
    let files_before = board_files(board);
    let partition = board.romfs_partition_file();
    let before = std::fs::read(&partition).ok();
    let output = upy_at(dir, board.port(), &["sync", "--romfs"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
    assert_eq!(std::fs::read(&partition).ok(), before);
    assert_eq!(board_files(board), files_before);
}

fn board_files(board: &SimBoard) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![board.root()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.display().to_string();
                files.push((name, std::fs::read(&path).expect("read")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn sync_romfs_on_a_board_without_romfs_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_project(dir.path());
    let board = SimBoard::with(SimOptions {
        files: vec![("app.py".into(), b"OLD = 1\n".to_vec())],
        ..SimOptions::default()
    });
    assert_refused(dir.path(), &board, "no romfs support");
    let output = upy_at(dir.path(), board.port(), &["sync", "--romfs"]);
    assert!(
        stderr(&output).contains("MicroPython 1.25"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn sync_romfs_refuses_a_too_large_image_and_mpy_the_firmware_cannot_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_project(dir.path());
    let board = rom_board(16 * 1024, &[("app.py", "OLD = 1\n")]);
    // The image holds the 20 KB string; the partition has 16 KB.
    write(
        dir.path(),
        "big.py",
        format!("TEXT = '{}'\n", "x".repeat(20_000)),
    );
    assert_refused(
        dir.path(),
        &board,
        "larger than ROM partition 0 (16384 bytes)",
    );

    std::fs::remove_file(dir.path().join("big.py")).expect("rm");
    // A .mpy of a newer format (version 7) than the unix port 1.29 loads (6.3).
    write(dir.path(), "lib/future.mpy", b"M\x07\x00\x1f\x00\x00");
    assert_refused(
        dir.path(),
        &board,
        "is .mpy version 7.0, but the board's firmware loads 6.3",
    );
}
