//! `upy sync` and `upy sync --watch` against the real MicroPython unix port as a board.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy};

fn write(root: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("upy-sync-test")
        .tempdir()
        .unwrap();
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

fn sync(board: &SimBoard, cwd: &Path, args: &[&str]) -> std::process::Output {
    upy()
        .current_dir(cwd)
        .arg("--port")
        .arg(board.port())
        .arg("sync")
        .args(args)
        .output()
        .expect("run upy")
}

/// Every file under `root`, relative, with its contents.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    fn visit(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                visit(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    visit(root, root, &mut out);
    out
}

fn names(root: &Path) -> Vec<String> {
    tree(root).into_iter().map(|(name, _)| name).collect()
}

#[test]
fn sync_mirrors_a_folder_and_resends_nothing_when_unchanged() {
    let board = SimBoard::start();
    let local = project(&[
        ("main.py", "import util\nprint(util.X)\n"),
        ("lib/util.py", "X = 42\n"),
        ("lib/deep/er.py", "Y = 1\n"),
    ]);
    let output = sync(&board, local.path(), &["."]);
    assert_success(&output);
    assert!(stderr(&output).contains("3 sent"), "{}", stderr(&output));
    assert_eq!(tree(&board.root()), tree(local.path()));

    let again = sync(&board, local.path(), &["."]);
    assert_success(&again);
    assert!(
        stderr(&again).contains("0 sent (0 B), 3 unchanged"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn sync_sends_only_the_changed_file() {
    let board = SimBoard::start();
    let local = project(&[("a.py", "A = 1\n"), ("b.py", "B = 1\n")]);
    assert_success(&sync(&board, local.path(), &["."]));
    write(local.path(), "b.py", "B = 2222\n");
    let output = sync(&board, local.path(), &["."]);
    assert_success(&output);
    assert!(
        stderr(&output).contains("1 sent (9 B), 1 unchanged"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(board.root().join("b.py")).unwrap(),
        b"B = 2222\n"
    );
}

#[test]
fn binary_and_multi_block_files_arrive_intact() {
    let board = SimBoard::start();
    let local = project(&[]);
    let every_byte: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    write(local.path(), "all_bytes.bin", &every_byte);
    // Over 32 KB of poorly compressible data: several deflate blocks and many frames.
    let mut state = 0x2545_f491_u32;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state & 0xff) as u8
        })
        .collect();
    write(local.path(), "data/noise.bin", &noise);
    let text: String = (0..3000).map(|i| format!("value_{i} = {i}\n")).collect();
    write(local.path(), "big.py", &text);
    assert_success(&sync(&board, local.path(), &["."]));
    assert_eq!(tree(&board.root()), tree(local.path()));
}

#[test]
fn remote_folder_receives_the_tree_and_nothing_outside_it_is_touched() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("main.py".into(), b"outside".to_vec()),
            ("app/stale.py".into(), b"old".to_vec()),
        ],
        ..Default::default()
    });
    let local = project(&[("main.py", "inside\n"), ("pkg/m.py", "M = 1\n")]);
    assert_success(&sync(&board, local.path(), &[".", ":/app/v1", "--delete"]));
    assert_eq!(
        names(&board.root()),
        vec![
            "app/stale.py",
            "app/v1/main.py",
            "app/v1/pkg/m.py",
            "main.py"
        ]
    );
    assert_eq!(
        std::fs::read(board.root().join("main.py")).unwrap(),
        b"outside"
    );
}

#[test]
fn delete_removes_stale_files_but_keeps_boot_py_and_the_keep_list() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("boot.py".into(), b"# boot".to_vec()),
            ("old.py".into(), b"old".to_vec()),
            ("gone/x.py".into(), b"x".to_vec()),
            ("data/log.txt".into(), b"log".to_vec()),
            ("settings.json".into(), b"{}".to_vec()),
        ],
        ..Default::default()
    });
    let local = project(&[("main.py", "print(1)\n")]);

    let without = sync(&board, local.path(), &["."]);
    assert_success(&without);
    assert!(
        board.root().join("old.py").exists(),
        "deleted without --delete"
    );

    let output = sync(
        &board,
        local.path(),
        &[".", "--delete", "--keep", "data/", "--keep", "*.json"],
    );
    assert_success(&output);
    assert_eq!(
        names(&board.root()),
        vec!["boot.py", "data/log.txt", "main.py", "settings.json"]
    );
    assert!(!board.root().join("gone").exists(), "empty folder left");

    let output = sync(&board, local.path(), &[".", "--delete", "--delete-kept"]);
    assert_success(&output);
    assert_eq!(names(&board.root()), vec!["main.py"]);
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("old.py".into(), b"old".to_vec()),
            ("same.py".into(), b"same\n".to_vec()),
        ],
        ..Default::default()
    });
    let local = project(&[("lib/new.py", "N = 1\n"), ("same.py", "same\n")]);
    let output = sync(&board, local.path(), &[".", "--delete", "--dry-run"]);
    assert_success(&output);
    let plan = stdout(&output);
    assert!(plan.contains("mkdir   :/lib"), "{plan}");
    assert!(plan.contains("put     :/lib/new.py (6 B, new)"), "{plan}");
    assert!(plan.contains("delete  :/old.py"), "{plan}");
    assert!(!plan.contains("same.py"), "{plan}");
    assert!(plan.contains("1 to send"), "{plan}");
    assert_eq!(names(&board.root()), vec!["old.py", "same.py"]);
}

#[test]
fn ignore_files_and_excludes_keep_files_off_the_board() {
    let board = SimBoard::start();
    let local = project(&[
        ("main.py", "print(1)\n"),
        (".gitignore", "build/\n"),
        (".upyignore", "*.md\n"),
        ("README.md", "docs"),
        ("build/out.py", "generated"),
        ("tests/test_x.py", "test"),
        ("lib/a.py", "A = 1\n"),
    ]);
    assert_success(&sync(&board, local.path(), &[".", "--exclude", "tests/"]));
    assert_eq!(names(&board.root()), vec!["lib/a.py", "main.py"]);
}

#[test]
fn project_file_is_found_from_a_subfolder_and_flags_override_it() {
    let board = SimBoard::start();
    let local = project(&[
        ("src/main.py", "print(1)\n"),
        ("src/notes.txt", "notes"),
        ("src/lib/a.py", "A = 1\n"),
    ]);
    write(
        local.path(),
        "upy.toml",
        format!(
            "port = {:?}\n[sync]\nsource = \"src\"\nremote = \"/app\"\nexclude = [\"*.txt\"]\nreload = \"none\"\n",
            board.port()
        ),
    );
    let output = upy()
        .current_dir(local.path().join("src/lib"))
        .arg("sync")
        .output()
        .unwrap();
    assert_success(&output);
    assert_eq!(names(&board.root()), vec!["app/lib/a.py", "app/main.py"]);

    let output = upy()
        .current_dir(local.path())
        .args(["sync", ":/other", "--show-settings"])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert!(shown.contains("remote: \"/other\""), "{shown}");
    assert!(shown.contains("reload: None"), "{shown}");

    write(local.path(), "upy.toml", "[sync]\nsorce = \"src\"\n");
    let output = upy()
        .current_dir(local.path())
        .args(["sync", "--show-settings"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(stderr(&output).contains("sorce"), "{}", stderr(&output));
}

#[test]
fn bad_local_folder_is_reported() {
    let board = SimBoard::start();
    let local = project(&[("file.py", "x")]);
    let output = sync(&board, local.path(), &["missing"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
    let output = sync(&board, local.path(), &["file.py"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not a folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unreadable_file_is_reported_and_the_rest_is_sent() {
    let board = SimBoard::start();
    let local = project(&[("main.py", "print(1)\n"), ("ok.py", "OK = 1\n")]);
    std::os::unix::fs::symlink(
        local.path().join("nowhere.py"),
        local.path().join("broken.py"),
    )
    .unwrap();
    let output = sync(&board, local.path(), &["."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("broken.py"), "{}", stderr(&output));
    assert_eq!(names(&board.root()), vec!["main.py", "ok.py"]);
}

#[test]
fn refused_write_stops_with_what_was_and_was_not_sent() {
    // A folder where the temporary file must go makes the board refuse that one file.
    let board = SimBoard::with(SimOptions {
        files: vec![("m.py.upy~/x".into(), b"in the way".to_vec())],
        ..Default::default()
    });
    let local = project(&[
        ("a.py", "A = 1\n"),
        ("m.py", "M = 1\n"),
        ("z.py", "Z = 1\n"),
    ]);
    let output = sync(&board, local.path(), &["."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("could not write /m.py"), "{err}");
    assert!(err.contains("sent: :/a.py"), "{err}");
    assert!(err.contains("not sent: :/m.py :/z.py"), "{err}");
    assert_eq!(names(&board.root()), vec!["a.py", "m.py.upy~/x"]);
}

#[test]
fn cut_cable_leaves_old_or_new_files_and_sync_again_finishes() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(9_000),
        replug_after: Some(Duration::from_millis(300)),
        files: vec![("f05.py".into(), b"old five".to_vec())],
        ..Default::default()
    });
    let local = project(&[]);
    let mut state = 0x9e37_79b9_u32;
    for i in 0..10 {
        let body: String = (0..100)
            .map(|j| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                format!("v{i}_{j} = 0x{state:08x}{:08x}\n", state.rotate_left(7))
            })
            .collect();
        write(local.path(), &format!("f{i:02}.py"), body);
    }
    let output = sync(&board, local.path(), &["."]);
    assert!(!output.status.success(), "the link was not cut");
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(
        board.next_event(Duration::from_secs(5)).as_deref(),
        Some("UNPLUGGED")
    );
    let back = board.next_event(Duration::from_secs(5)).expect("replugged");
    assert!(back.starts_with("PORT "));
    for (name, contents) in tree(&board.root()) {
        if name.ends_with(".upy~") {
            continue;
        }
        let local_contents = std::fs::read(local.path().join(&name)).unwrap();
        assert!(
            contents == local_contents || (name == "f05.py" && contents == b"old five"),
            "{name} is half-written"
        );
    }
    let output = sync(&board, local.path(), &["."]);
    assert_success(&output);
    assert_eq!(tree(&board.root()), tree(local.path()));
}

#[test]
fn sync_started_while_the_board_is_still_unplugged_waits_for_it_and_finishes() {
    // Cut at several points of the transfer; each time the next sync starts at once, while
    // the port is gone for 1.5 s, and must wait it out rather than fail.
    for cut in [1_500u64, 3_000, 5_000] {
        let board = SimBoard::with(SimOptions {
            cut_after: Some(cut),
            replug_after: Some(Duration::from_millis(1500)),
            stable_link: true,
            ..Default::default()
        });
        let local = project(&[]);
        for i in 0..6 {
            let body: String = (0..150u64)
                .map(|j| format!("v{j} = {}\n", (j * 7919 + i * 104_729).pow(3) % 1_000_003))
                .collect();
            write(local.path(), &format!("m{i}.py"), body);
        }
        let first = sync(&board, local.path(), &["."]);
        assert_eq!(
            first.status.code(),
            Some(4),
            "cut {cut}: {}",
            stderr(&first)
        );
        let again = sync(&board, local.path(), &["."]);
        assert_success(&again);
        let files: Vec<_> = tree(&board.root())
            .into_iter()
            .filter(|(name, _)| !name.ends_with(".upy~"))
            .collect();
        assert_eq!(files, tree(local.path()), "cut {cut}");
    }
}

#[test]
fn compile_sends_modules_as_mpy_that_run_and_keeps_main_as_source() {
    let board = SimBoard::with(SimOptions {
        files: vec![("lib/util.py".into(), b"def f(x):\n    return 0\n".to_vec())],
        ..Default::default()
    });
    let local = project(&[
        ("main.py", "import util\nprint('result', util.f(20))\n"),
        ("lib/util.py", "def f(x):\n    return x * 2 + 2\n"),
    ]);
    let output = sync(&board, local.path(), &[".", "--compile"]);
    assert_success(&output);
    // The stale source would be imported before the .mpy, so it goes.
    assert_eq!(names(&board.root()), vec!["lib/util.mpy", "main.py"]);
    assert!(std::fs::read(board.root().join("lib/util.mpy"))
        .unwrap()
        .starts_with(b"M\x06"));
    let output = upy()
        .args(["--port", board.port(), "exec", "import main"])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("result 42"), "{}", stdout(&output));

    // A file that does not compile stops the sync with its line, and the board keeps its files.
    write(local.path(), "lib/util.py", "def f(x)\n    return 1\n");
    write(local.path(), "other.py", "X = 1\n");
    let output = sync(&board, local.path(), &[".", "--compile"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("util.py, line 1: SyntaxError"),
        "{}",
        stderr(&output)
    );
    assert_eq!(names(&board.root()), vec!["lib/util.mpy", "main.py"]);
}

#[test]
fn compile_builds_native_and_viper_functions_for_the_boards_arch() {
    let board = SimBoard::start();
    let local = project(&[(
        "fast.py",
        "import micropython\n\
         @micropython.native\n\
         def scale(x):\n    return x * 3\n\
         @micropython.viper\n\
         def total(n: int) -> int:\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n",
    )]);
    let output = sync(&board, local.path(), &[".", "--compile"]);
    assert_success(&output);
    let mpy = std::fs::read(board.root().join("fast.mpy")).unwrap();
    // Header flags: the unix port on x86-64 loads x64 native code (arch 2).
    assert_eq!(mpy[2] >> 2, 2, "native arch in the header");
    let output = upy()
        .args([
            "--port",
            board.port(),
            "exec",
            "import fast\nprint(fast.scale(14), fast.total(10))",
        ])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("42 45"), "{}", stdout(&output));
}

/// A running `upy sync --watch` whose output lines are collected.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(board: &SimBoard, dir: &Path, args: &[&str]) -> Watch {
        let mut child = upy()
            .current_dir(dir)
            .arg("--port")
            .arg(board.port())
            .args(["sync", ".", "--watch"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 1024];
                let mut line = Vec::new();
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    for &b in &buf[..n] {
                        if b == b'\n' {
                            let _ = sender.send(String::from_utf8_lossy(&line).into_owned());
                            line.clear();
                        } else {
                            line.push(b);
                        }
                    }
                }
            });
        }
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    fn wait_for(&mut self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(50)) {
                self.seen.push(line.clone());
                if line.contains(needle) {
                    return line;
                }
            }
        }
        panic!(
            "no {needle:?} within {timeout:?}; saw:\n{}",
            self.seen.join("\n")
        );
    }

    fn interrupt(&self) {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const LOOPING_MAIN: &str =
    "import time, util\nprint('running', util.VERSION)\nwhile True:\n    time.sleep(0.05)\n";

#[test]
fn watch_syncs_each_save_reloads_and_follows_deletions() {
    let board = SimBoard::start();
    let local = project(&[("main.py", LOOPING_MAIN), ("util.py", "VERSION = 1\n")]);
    let mut watch = Watch::start(&board, local.path(), &[]);
    watch.wait_for("running 1", Duration::from_secs(20));

    write(local.path(), "extra.py", "E = 1\n");
    watch.wait_for("1 sent", Duration::from_secs(10));
    assert!(board.root().join("extra.py").exists());
    std::fs::rename(local.path().join("extra.py"), local.path().join("moved.py")).unwrap();
    watch.wait_for("1 deleted", Duration::from_secs(10));
    assert!(!board.root().join("extra.py").exists());
    assert!(
        board.root().join("moved.py").exists(),
        "rename not followed"
    );
    std::fs::remove_file(local.path().join("moved.py")).unwrap();
    watch.wait_for("1 deleted", Duration::from_secs(10));
    assert!(!board.root().join("moved.py").exists());

    write(local.path(), "util.py", "VERSION = 2\n");
    watch.wait_for("running 2", Duration::from_secs(10));
    assert_eq!(
        std::fs::read(board.root().join("util.py")).unwrap(),
        b"VERSION = 2\n"
    );

    // First Ctrl-C stops the board's program, the watcher stays; the second leaves.
    watch.interrupt();
    watch.wait_for("KeyboardInterrupt", Duration::from_secs(10));
    assert_eq!(
        watch.wait_exit(Duration::from_millis(300)),
        None,
        "left on the first Ctrl-C"
    );
    write(local.path(), "util.py", "VERSION = 3\n");
    watch.wait_for("running 3", Duration::from_secs(10));
    watch.interrupt();
    std::thread::sleep(Duration::from_millis(200));
    watch.interrupt();
    assert_eq!(watch.wait_exit(Duration::from_secs(5)), Some(0));
}

#[test]
fn watch_compile_error_leaves_the_board_and_recovers_on_the_next_save() {
    let board = SimBoard::start();
    let local = project(&[("main.py", LOOPING_MAIN), ("util.py", "VERSION = 1\n")]);
    let mut watch = Watch::start(&board, local.path(), &["--compile"]);
    watch.wait_for("running 1", Duration::from_secs(20));
    write(local.path(), "util.py", "VERSION = = 2\n");
    watch.wait_for("line 1: SyntaxError", Duration::from_secs(10));
    let before = std::fs::read(board.root().join("util.mpy")).unwrap();
    write(local.path(), "util.py", "VERSION = 3\n");
    watch.wait_for("running 3", Duration::from_secs(10));
    assert_ne!(
        std::fs::read(board.root().join("util.mpy")).unwrap(),
        before
    );
}

#[test]
fn watch_reimport_reruns_main_without_a_reset() {
    let board = SimBoard::start();
    let main = "import state, util\nstate.runs = getattr(state, 'runs', 0) + 1\nprint('value', util.VALUE, 'run', state.runs)\n";
    let local = project(&[
        ("main.py", main),
        ("util.py", "VALUE = 1\n"),
        ("state.py", "# holds state across runs\n"),
    ]);
    let mut watch = Watch::start(&board, local.path(), &["--reload", "reimport"]);
    watch.wait_for("value 1 run 1", Duration::from_secs(20));
    write(local.path(), "util.py", "VALUE = 2\n");
    // No reset in between: the interpreter state survives while util is imported anew.
    watch.wait_for("value 2 run 2", Duration::from_secs(10));
}

#[test]
fn watch_survives_an_unplug_and_resyncs() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(6_000),
        replug_after: Some(Duration::from_millis(500)),
        ..Default::default()
    });
    let chatty =
        "import time\nn = 0\nwhile True:\n    print('tick', n)\n    n += 1\n    time.sleep(0.01)\n";
    let local = project(&[("main.py", chatty)]);
    let mut watch = Watch::start(&board, local.path(), &[]);
    watch.wait_for("tick 0", Duration::from_secs(20));
    watch.wait_for("waiting for the board", Duration::from_secs(30));
    write(local.path(), "later.py", "L = 1\n");
    // Back on the same path: a full resync sends what changed meanwhile and reruns main.py.
    watch.wait_for("1 sent", Duration::from_secs(20));
    watch.wait_for("tick 0", Duration::from_secs(10));
    assert!(board.root().join("later.py").exists());
}

#[test]
fn example_project_syncs_with_its_project_file() {
    let board = SimBoard::start();
    let example = crate::simboard::repo_root().join("examples/blink");
    let copy = project(&[]);
    for rel in [
        "upy.toml",
        "src/main.py",
        "src/lib/pattern.py",
        "src/.upyignore",
        "src/NOTES.md",
    ] {
        write(copy.path(), rel, std::fs::read(example.join(rel)).unwrap());
    }
    let output = upy()
        .current_dir(copy.path().join("src"))
        .args(["--port", board.port(), "sync"])
        .output()
        .unwrap();
    assert_success(&output);
    assert_eq!(names(&board.root()), vec!["lib/pattern.py", "main.py"]);
}

#[test]
fn old_firmware_without_os_stat_is_told_what_is_missing() {
    let board = crate::simboard::MicrobitBoard::start();
    std::thread::sleep(Duration::from_millis(500));
    let local = project(&[("main.py", "print(1)\n")]);
    let output = upy()
        .current_dir(local.path())
        .args(["--port", board.port(), "sync", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("firmware lacks"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn sync_to_a_device_that_is_not_micropython_exits_8_like_every_command() {
    let device = crate::exec::OtherDevice::start("ERROR\r\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.py"), "print(1)\n").unwrap();
    let output = crate::util::upy_on(&device.port, &["sync", dir.path().to_str().unwrap(), ":"]);
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("does not look like a MicroPython board"),
        "{}",
        stderr(&output)
    );
}
