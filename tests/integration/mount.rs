//! `upy mount`: the simulated board imports, reads and writes files of a host folder.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy, upy_on};

/// Every byte value, many times over, in an order that does not compress to nothing.
fn all_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| ((i * 7 + i / 256) % 256) as u8).collect()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(
        root.join("app.py"),
        "import helper\nprint('app', helper.X, __file__)\n",
    )
    .unwrap();
    std::fs::write(root.join("helper.py"), "X = 42\n").unwrap();
    std::fs::write(root.join("pkg/__init__.py"), "Y = 'pkg'\n").unwrap();
    std::fs::write(root.join("data.bin"), all_bytes(100_000)).unwrap();
    dir
}

fn mount_then(port: &str, local: &Path, extra: &[&str], code: &str) -> std::process::Output {
    let mut args = vec!["mount", local.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["+", "exec", code]);
    upy_on(port, &args)
}

#[test]
fn the_board_imports_reads_and_writes_the_host_folder() {
    let board = SimBoard::start();
    let dir = project();
    let code = "\
import app, pkg, os
print(pkg.Y, os.getcwd())
d = open('data.bin', 'rb').read()
import hashlib, binascii
print(len(d), binascii.hexlify(hashlib.sha256(d).digest()).decode())
with open('out.bin', 'wb') as f:
    f.write(bytes(range(256)) * 40)
with open('notes.txt', 'w') as f:
    f.write('one\\n')
with open('notes.txt', 'a') as f:
    f.write('two\\n')
print([l for l in open('notes.txt')])
os.mkdir('sub')
os.rename('notes.txt', 'sub/notes.txt')
print(sorted(os.listdir()), os.listdir('sub'))
os.remove('sub/notes.txt')
os.rmdir('sub')
print('sub' in os.listdir())
";
    let output = mount_then(board.port(), dir.path(), &[], code);
    assert_success(&output);
    let text = stdout(&output);
    let digest = {
        use sha2::Digest as _;
        let data = std::fs::read(dir.path().join("data.bin")).unwrap();
        format!("{:x}", sha2::Sha256::digest(&data))
    };
    let expected = format!(
        "app 42 /remote/app.mpy\npkg /remote\n100000 {digest}\n['one\\n', 'two\\n']\n\
         ['app.py', 'data.bin', 'helper.py', 'out.bin', 'pkg', 'sub'] ['notes.txt']\nFalse\n"
    );
    assert_eq!(text, expected);
    let written = std::fs::read(dir.path().join("out.bin")).unwrap();
    assert_eq!(written, (0..=255u8).collect::<Vec<u8>>().repeat(40));
    // Nothing of the mount stays on the board's own filesystem, and no temporary file here.
    assert!(!board.root().join("app.py").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".upy~"))
        .collect();
    assert!(leftovers.is_empty());
    // The chain ended: the board is back on its own root, the mount gone.
    let after = upy_on(board.port(), &["exec", "import os; print(os.getcwd())"]);
    assert_success(&after);
    assert_eq!(stdout(&after), "/\n");
}

#[test]
fn no_mpy_serves_sources_and_a_syntax_error_is_the_boards_own() {
    let board = SimBoard::start();
    let dir = project();
    std::fs::write(dir.path().join("broken.py"), "x = 1\ndef f(:\n").unwrap();
    let output = mount_then(
        board.port(),
        dir.path(),
        &["--no-mpy"],
        "import helper; print(helper.__file__)",
    );
    assert_success(&output);
    assert_eq!(stdout(&output), "/remote/helper.py\n");
    // A module that does not compile is served as source, so the board reports it with its line.
    let output = mount_then(board.port(), dir.path(), &[], "import broken");
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("broken.py\", line 2") && err.contains("SyntaxError"),
        "{err}"
    );
}

#[test]
fn paths_cannot_leave_the_folder_unless_links_are_trusted() {
    let board = SimBoard::start();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let dir = project();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
    let code = "\
for p in ('../secret.txt', '/remote/../secret.txt', 'out/secret.txt', 'pkg/../../x'):
    try:
        print(p, open(p).read())
    except OSError as e:
        print(p, e.errno)
";
    let output = mount_then(board.port(), dir.path(), &[], code);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("../secret.txt 1\n"), "{text}");
    assert!(text.contains("out/secret.txt 1\n"), "{text}");
    assert!(text.contains("pkg/../../x 1\n"), "{text}");
    assert!(!text.contains("secret\n"), "{text}");
    let output = mount_then(
        board.port(),
        dir.path(),
        &["--unsafe-links"],
        "print(open('out/secret.txt').read())",
    );
    assert_success(&output);
    assert_eq!(stdout(&output), "secret\n");
}

#[test]
fn the_mount_survives_soft_resets_in_the_raw_and_the_friendly_repl() {
    let board = SimBoard::start();
    let dir = project();
    let path = dir.path().to_str().unwrap();
    let output = upy_on(
        board.port(),
        &[
            "mount",
            path,
            "+",
            "exec",
            "import os; print(os.stat('helper.mpy')[6] > 0)",
            "+",
            "soft-reset",
            "+",
            "exec",
            "import helper, os; print(helper.X, os.getcwd())",
        ],
    );
    assert_success(&output);
    assert_eq!(stdout(&output), "True\n42 /remote\n");

    // `mount` alone opens the REPL; Ctrl-D there soft-resets, and imports still come from here.
    let mut child = upy()
        .args(["--port", board.port(), "mount", path])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    stdin.write_all(b"\x04").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    stdin
        .write_all(b"import helper; print('got', helper.X, helper.__file__)\r")
        .unwrap();
    std::thread::sleep(Duration::from_millis(1000));
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let text = stdout(&output);
    assert!(text.contains("soft reboot"), "{text}");
    assert!(text.contains("got 42 /remote/helper.mpy"), "{text}");
    assert!(
        !stderr(&output).contains("lost the board"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_cut_link_mid_write_leaves_the_host_file_as_it_was() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(60_000),
        ..SimOptions::default()
    });
    let dir = project();
    std::fs::write(dir.path().join("log.bin"), b"old content").unwrap();
    let code = "\
f = open('log.bin', 'wb')
for i in range(100):
    f.write(bytes(range(256)) * 8)
f.close()
";
    let started = Instant::now();
    let output = mount_then(board.port(), dir.path(), &[], code);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        std::fs::read(dir.path().join("log.bin")).unwrap(),
        b"old content"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".upy~")),
        "temporary file left: {names:?}"
    );
}

#[test]
fn a_cut_link_mid_read_says_the_board_was_lost() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(40_000),
        ..SimOptions::default()
    });
    let dir = project();
    std::fs::write(dir.path().join("data.bin"), crate::cp::noise(100_000, 3)).unwrap();
    let output = mount_then(
        board.port(),
        dir.path(),
        &[],
        "print(len(open('data.bin','rb').read()))",
    );
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("disconnected"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn watch_runs_the_entry_module_again_on_every_change() {
    let board = SimBoard::start();
    let dir = project();
    std::fs::write(
        dir.path().join("main.py"),
        // It writes a file through the mount: that is no reason to run again.
        "import helper\nprint('run', helper.X)\nwith open('log.txt', 'w') as f:\n    f.write('ran')\n",
    )
    .unwrap();
    let mut child: std::process::Child = Command::new(env!("CARGO_BIN_EXE_upy"))
        .env("UPY_NO_PROGRESS", "1")
        .args([
            "--port",
            board.port(),
            "mount",
            dir.path().to_str().unwrap(),
            "--watch",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (lines_in, lines) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if lines_in.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let wait_for = |want: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(200)) {
                if line.trim_end() == want {
                    return true;
                }
            }
        }
        false
    };
    assert!(wait_for("run 42"));
    let again = lines.recv_timeout(Duration::from_millis(1500));
    assert!(again.is_err(), "ran again with no change: {again:?}");
    assert_eq!(std::fs::read(dir.path().join("log.txt")).unwrap(), b"ran");
    std::fs::write(dir.path().join("helper.py"), "X = 43\n").unwrap();
    assert!(wait_for("run 43"), "no run after the change");
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
        panic!("upy mount --watch did not leave on the second Ctrl-C");
    }
}

#[test]
fn old_firmware_without_binary_stdio_is_refused_with_a_reason() {
    let board = crate::simboard::MicrobitBoard::start();
    let dir = project();
    let output = mount_then(board.port(), dir.path(), &[], "print(1)");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("sys.stdin.buffer"), "{err}");
    assert!(!stdout(&output).contains('1'));
}
