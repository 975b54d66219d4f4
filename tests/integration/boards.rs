//! Several boards at once (`--port a,b`, repeated `--port`, names and groups from upy.toml):
//! commands run on each simulated board in parallel, lines are prefixed with the board, a
//! summary follows, and one failing board leaves the others alone.

use std::path::Path;
use std::process::Output;

use crate::exec::OtherDevice;
use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy};

fn write(root: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Deterministic bytes that do not compress.
fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.max(1);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 8) as u8
        })
        .collect()
}

/// Every file under `root`, relative, with its contents, in name order.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    fn visit(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                visit(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                out.push((rel.into_owned(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    visit(root, root, &mut out);
    out
}

fn ports(boards: &[&SimBoard]) -> String {
    boards
        .iter()
        .map(|b| b.port())
        .collect::<Vec<_>>()
        .join(",")
}

fn upy_in(dir: &Path, args: &[&str]) -> Output {
    upy().current_dir(dir).args(args).output().expect("run upy")
}

/// What the board shown as `label` printed on its line of `text` (after the padded prefix).
fn said_by<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let prefix = format!("[{label}]");
    text.lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(str::trim_start)
        .collect()
}

/// The summary row of the board shown as `label`.
fn summary_row<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find(|line| line.starts_with(&format!("{label} ")))
        .unwrap_or_else(|| panic!("no summary row for {label} in\n{text}"))
}

#[test]
fn sync_to_three_boards_leaves_identical_trees() {
    let boards = [SimBoard::start(), SimBoard::start(), SimBoard::start()];
    let project = tempfile::tempdir().unwrap();
    let src = project.path().join("src");
    write(
        &src,
        "main.py",
        "import lib.util\nprint(lib.util.twice(21))\n",
    );
    write(&src, "lib/util.py", "def twice(x):\n    return 2 * x\n");
    write(&src, "data/blob.bin", noise(5_000, 3));
    let all: Vec<&SimBoard> = boards.iter().collect();
    let output = upy_in(
        project.path(),
        &["--port", &ports(&all), "sync", "src", ":"],
    );
    assert_success(&output);
    let expected = tree(&src);
    let err = stderr(&output);
    for board in &boards {
        assert_eq!(tree(&board.root()), expected, "board {}", board.port());
        let row = summary_row(&err, board.port());
        assert!(row.contains(" ok "), "{row}");
    }
    assert!(stderr(&output).contains("3 of 3 boards succeeded"));
}

#[test]
fn exec_on_two_boards_prefixes_output_and_prints_a_summary() {
    let (a, b) = (SimBoard::start(), SimBoard::start());
    let output = upy()
        .args(["--port", a.port(), "--port", b.port()])
        .args(["exec", "import sys; print('hi from', sys.platform)"])
        .output()
        .unwrap();
    assert_success(&output);
    let out = stdout(&output);
    for board in [&a, &b] {
        assert_eq!(said_by(&out, board.port()), ["hi from linux"], "{out}");
    }
    assert_eq!(out.lines().count(), 2, "{out}");
    let err = stderr(&output);
    assert!(err.lines().any(|l| l.starts_with("board ")), "{err}");
    assert!(summary_row(&err, a.port()).contains(" ok "), "{err}");
    assert!(err.contains("2 of 2 boards succeeded"), "{err}");
}

#[test]
fn a_chain_runs_in_order_on_each_board() {
    let (a, b) = (SimBoard::start(), SimBoard::start());
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "greet.py", "WHO = 'tray'\n");
    let local = dir.path().join("greet.py");
    let output = upy()
        .args(["--port", &ports(&[&a, &b])])
        .args(["cp", local.to_str().unwrap(), ":", "+"])
        .args(["exec", "import greet; print(greet.WHO)"])
        .output()
        .unwrap();
    assert_success(&output);
    let out = stdout(&output);
    for board in [&a, &b] {
        assert_eq!(said_by(&out, board.port()), ["tray"], "{out}");
    }
}

#[test]
fn cp_to_two_boards_writes_every_byte_to_both() {
    let (a, b) = (SimBoard::start(), SimBoard::start());
    let dir = tempfile::tempdir().unwrap();
    let data = noise(30_000, 7);
    write(dir.path(), "data.bin", &data);
    let output = upy_in(
        dir.path(),
        &["--port", &ports(&[&a, &b]), "cp", "data.bin", ":data.bin"],
    );
    assert_success(&output);
    let err = stderr(&output);
    for board in [&a, &b] {
        assert_eq!(std::fs::read(board.root().join("data.bin")).unwrap(), data);
        // The summary counts the bytes each board's transfer sent.
        let row = summary_row(&err, board.port());
        assert!(row.ends_with("29.30 KiB"), "{row}");
    }
}

#[test]
fn a_board_cut_mid_run_fails_alone_and_the_exit_code_says_so() {
    let (a, b) = (SimBoard::start(), SimBoard::start());
    let cut = SimBoard::with(SimOptions {
        files: vec![("data.bin".into(), b"previous".to_vec())],
        cut_after: Some(12_000),
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let data = noise(60_000, 11);
    write(dir.path(), "data.bin", &data);
    let output = upy_in(
        dir.path(),
        &[
            "--port",
            &ports(&[&a, &cut, &b]),
            "cp",
            "data.bin",
            ":data.bin",
        ],
    );
    assert_eq!(output.status.code(), Some(20), "{}", stderr(&output));
    for board in [&a, &b] {
        assert_eq!(std::fs::read(board.root().join("data.bin")).unwrap(), data);
    }
    assert_eq!(
        std::fs::read(cut.root().join("data.bin")).unwrap(),
        b"previous"
    );
    let err = stderr(&output);
    assert!(
        summary_row(&err, cut.port()).contains("failed (4: board disconnected)"),
        "{err}"
    );
    assert!(summary_row(&err, a.port()).contains(" ok "), "{err}");
    // The cut board's own error is shown, prefixed with its port.
    let said = said_by(&err, cut.port());
    assert!(
        said.iter().any(|l| l.starts_with("error: the board on")),
        "{err}"
    );
    assert!(err.contains("2 of 3 boards succeeded"), "{err}");
}

#[test]
fn a_port_that_is_not_micropython_or_missing_fails_alone() {
    let good = SimBoard::start();
    let other = OtherDevice::start("ERROR\r\n");
    let missing = "/dev/upy-no-such-port";
    let output = upy()
        .args([
            "--port",
            &format!("{},{},{missing}", other.port, good.port()),
        ])
        .args(["exec", "print(6 * 7)"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(20), "{}", stderr(&output));
    assert_eq!(said_by(&stdout(&output), good.port()), ["42"]);
    let err = stderr(&output);
    assert!(
        summary_row(&err, &other.port).contains("failed (8: not MicroPython)"),
        "{err}"
    );
    assert!(
        summary_row(&err, missing).contains("failed (3: no board)"),
        "{err}"
    );
    assert!(summary_row(&err, good.port()).contains(" ok "), "{err}");
}

#[test]
fn named_boards_and_groups_come_from_upy_toml() {
    let (left, right) = (SimBoard::start(), SimBoard::start());
    let project = tempfile::tempdir().unwrap();
    write(
        project.path(),
        "upy.toml",
        format!(
            "[boards.left]\nport = {:?}\n[boards.right]\nport = {:?}\n\n[groups]\ntray = [\"left\", \"right\"]\n",
            left.port(),
            right.port()
        ),
    );
    let output = upy_in(project.path(), &["--port", "tray", "exec", "print('up')"]);
    assert_success(&output);
    let out = stdout(&output);
    assert!(out.contains("[left]  up"), "{out}");
    assert!(out.contains("[right] up"), "{out}");
    assert!(summary_row(&stderr(&output), "left").contains(" ok "));
    // One named board runs as a single board does: no prefix, no summary.
    let one = upy_in(project.path(), &["--port", "right", "exec", "print('up')"]);
    assert_success(&one);
    assert_eq!(stdout(&one), "up\n");
    assert!(!stderr(&one).contains("succeeded"), "{}", stderr(&one));
    // A name that is neither a board nor a group is taken as a port, which does not exist.
    let typo = upy_in(project.path(), &["--port", "trya,left", "exec", "pass"]);
    assert_eq!(typo.status.code(), Some(20));
    assert!(summary_row(&stderr(&typo), "trya").contains("failed (3: no board)"));
}

#[test]
fn commands_that_need_the_terminal_refuse_several_boards() {
    let output = upy()
        .args(["--port", "/dev/upy-a,/dev/upy-b", "repl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("`upy repl` works with one board at a time"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn flash_to_several_esp_roms_at_once_refuses_only_the_wrong_chip() {
    use crate::flash::support::{esp_image, Emulator};
    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let chips = ["esp32", "esp32", "esp32s3", "esp32"];
    let emulators: Vec<Emulator> = dirs
        .iter()
        .zip(chips)
        .map(|(dir, chip)| Emulator::start(dir.path(), chip, &[]))
        .collect();
    let image = esp_image("esp32", 200_000, 9);
    write(dirs[0].path(), "fw.bin", &image);
    let firmware = dirs[0].path().join("fw.bin");
    let ports: Vec<&str> = emulators.iter().map(Emulator::port).collect();
    let output = upy()
        .args(["--port", &ports.join(","), "flash", "--before", "no-reset"])
        .arg("--firmware")
        .arg(&firmware)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(20), "{err}");
    for (emulator, chip) in emulators.iter().zip(chips) {
        let flash = emulator.flash_contents();
        let row = summary_row(&err, emulator.port());
        if chip == "esp32" {
            assert_eq!(&flash[0x1000..0x1000 + image.len()], &image[..]);
            assert!(row.contains(" ok "), "{err}");
        } else {
            assert!(flash.iter().all(|&b| b == 0xFF), "the ESP32-S3 was written");
            assert!(row.contains("failed (1: failed)"), "{err}");
        }
    }
    let refused = said_by(&err, emulators[2].port()).join("\n");
    assert!(refused.contains("the image is for ESP32"), "{err}");
    assert!(err.contains("3 of 4 boards succeeded"), "{err}");
}
