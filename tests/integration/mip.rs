//! `upy mip`: packages from an index in micropython-lib's layout and a package.json package,
//! served on 127.0.0.1 by a small HTTP server, installed on the simulated board and compared
//! with what `mpremote mip install` 1.29.0 leaves on a second one.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use sha2::{Digest as _, Sha256};

use crate::simboard::{venv_bin, SimBoard};
use crate::util::{assert_success, stderr, stdout, upy};

/// Serves a folder over HTTP/1.1 (one request per connection) until stopped; then the port
/// refuses connections, as a server that is down.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn serve(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let root = root.to_path_buf();
        let thread = {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    if let Ok(stream) = stream {
                        if let Some(path) = answer(&root, stream) {
                            requests.lock().expect("requests").push(path);
                        }
                    }
                }
            })
        };
        Server {
            port,
            stop,
            thread: Some(thread),
            requests,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("requests").clone()
    }

    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            thread.join().expect("server thread");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Answers one GET with the file under `root`, or 404; returns the path asked for.
fn answer(root: &Path, stream: TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let path = first.split_whitespace().nth(1)?.to_string();
    let local = root.join(path.split('?').next()?.trim_start_matches('/'));
    let mut stream = stream;
    match std::fs::read(&local).ok().filter(|_| local.is_file()) {
        Some(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        None => {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    }
    Some(path)
}

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(path: &Path, data: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, data).expect("write");
}

/// One package version for [`publish`].
struct Release<'a> {
    name: &'a str,
    version: &'a str,
    files: &'a [(&'a str, &'a str)],
    deps: &'a [(&'a str, &'a str)],
}

/// Puts a release in the index under `root` the way micropython-lib's index holds it:
/// `package/{6,py}/NAME/{VERSION,latest}.json` listing `[dest, h8]`, each file at
/// `file/{h8[:2]}/{h8}`. The `py` variant's files start with a `# source` line, so a test can
/// tell which variant it got.
fn publish(root: &Path, release: &Release) {
    for format in ["6", "py"] {
        let mut hashes = Vec::new();
        for (dest, text) in release.files {
            let data = if format == "py" {
                format!("# source\n{text}")
            } else {
                text.to_string()
            };
            let h8 = &sha256_hex(data.as_bytes())[..8];
            write(&root.join("file").join(&h8[..2]).join(h8), &data);
            hashes.push(format!("[{dest:?}, {h8:?}]"));
        }
        let deps: Vec<String> = release
            .deps
            .iter()
            .map(|(name, version)| format!("[{name:?}, {version:?}]"))
            .collect();
        let json = format!(
            "{{\"v\": 1, \"version\": {:?}, \"hashes\": [{}], \"deps\": [{}]}}",
            release.version,
            hashes.join(", "),
            deps.join(", ")
        );
        let dir = root.join("package").join(format).join(release.name);
        write(&dir.join(format!("{}.json", release.version)), &json);
        write(&dir.join("latest.json"), &json);
    }
}

/// The served tree: `alpha` 0.9 and 1.0 (1.0 is latest) depending on `beta`, and a
/// package.json package `gamma` under `repo/gamma/` (files at relative URLs, needing `beta`).
fn make_index(root: &Path) {
    publish(
        root,
        &Release {
            name: "beta",
            version: "2.0",
            files: &[("beta.py", "B = 40\n")],
            deps: &[],
        },
    );
    publish(
        root,
        &Release {
            name: "alpha",
            version: "0.9",
            files: &[
                ("alpha/__init__.py", "from beta import B\nA = B + 1\n"),
                ("alpha/old.py", "OLD = 1\n"),
            ],
            deps: &[("beta", "")],
        },
    );
    publish(
        root,
        &Release {
            name: "alpha",
            version: "1.0",
            files: &[
                ("alpha/__init__.py", "from beta import B\nA = B + 2\n"),
                (
                    "alpha/new.py",
                    "import micropython\n@micropython.native\ndef twice(x):\n    return x * 2\nNEW = twice(21)\n",
                ),
            ],
            deps: &[("beta", "2.0")],
        },
    );
    write(
        &root.join("repo/gamma/package.json"),
        r#"{"urls": [["gamma/__init__.py", "src/init.py"], ["gamma/data.bin", "src/data.bin"]], "deps": [["beta", ""]], "version": "0.1"}"#,
    );
    write(&root.join("repo/gamma/src/init.py"), "G = 'gamma'\n");
    write(
        &root.join("repo/gamma/src/data.bin"),
        (0..=255u8).collect::<Vec<u8>>(),
    );
}

/// Every file under the board's `dir`, by path relative to it.
fn board_files(board: &SimBoard, dir: &str) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("under base");
                out.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&path).expect("read board file"),
                );
            }
        }
    }
    let base = board.root().join(dir);
    let mut out = BTreeMap::new();
    walk(&base, &base, &mut out);
    out
}

fn names(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files.keys().map(String::as_str).collect()
}

/// `upy --port PORT ARGS` in `dir` with its own download cache.
fn upy_mip(dir: &Path, cache: &Path, port: &str, args: &[&str]) -> Output {
    upy()
        .current_dir(dir)
        .env("UPY_CACHE_DIR", cache)
        .arg("--port")
        .arg(port)
        .args(args)
        .output()
        .expect("run upy")
}

#[track_caller]
fn assert_fails_with(output: &Output, code: i32, needle: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(output),
        stderr(output)
    );
    assert!(
        stderr(output).contains(needle),
        "stderr lacks {needle:?}:\n{}",
        stderr(output)
    );
}

/// A served index and scratch folders for one test.
struct Fixture {
    dir: tempfile::TempDir,
    server: Server,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        make_index(&dir.path().join("www"));
        std::fs::create_dir_all(dir.path().join("work")).expect("work dir");
        let server = Server::serve(&dir.path().join("www"));
        Fixture { dir, server }
    }

    fn www(&self) -> PathBuf {
        self.dir.path().join("www")
    }

    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn upy(&self, board: &SimBoard, args: &[&str]) -> Output {
        upy_mip(&self.work(), &self.cache(), board.port(), args)
    }
}

/// Runs `mpremote connect PORT mip install ARGS` in `dir`.
fn mpremote_mip(dir: &Path, port: &str, args: &[&str]) {
    let output = Command::new(venv_bin("mpremote"))
        .current_dir(dir)
        .args(["connect", port, "mip", "install"])
        .args(args)
        .output()
        .expect("run mpremote");
    assert!(
        output.status.success(),
        "mpremote failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
}

#[test]
fn mip_install_leaves_the_same_files_as_mpremote() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let gamma = format!("{index}/repo/gamma/package.json");
    let local_gamma = fixture.www().join("repo/gamma/package.json");
    let local_gamma = local_gamma.to_str().unwrap();
    // Each install on both boards: upy's, then mpremote's.
    let installs: [&[&str]; 3] = [
        &["--target", "/lib", "--index", &index, "alpha", &gamma],
        &["--target", "/old", "--index", &index, "alpha@0.9"],
        &[
            "--target",
            "/src",
            "--index",
            &index,
            "--no-mpy",
            local_gamma,
        ],
    ];
    let ours = SimBoard::start();
    let theirs = SimBoard::start();
    for args in installs {
        let mut upy_args = vec!["mip", "install"];
        upy_args.extend_from_slice(args);
        assert_success(&fixture.upy(&ours, &upy_args));
        mpremote_mip(&fixture.work(), theirs.port(), args);
    }
    let expected = board_files(&theirs, "");
    // alpha 1.0 with its dependency beta, then gamma's own files (beta again, the same);
    // alpha 0.9; gamma from its local package.json, with beta's sources.
    assert_eq!(
        names(&expected),
        [
            "lib/alpha/__init__.py",
            "lib/alpha/new.py",
            "lib/beta.py",
            "lib/gamma/__init__.py",
            "lib/gamma/data.bin",
            "old/alpha/__init__.py",
            "old/alpha/old.py",
            "old/beta.py",
            "src/beta.py",
            "src/gamma/__init__.py",
            "src/gamma/data.bin",
        ]
    );
    assert!(expected["src/beta.py"].starts_with(b"# source"));
    assert_eq!(board_files(&ours, ""), expected);
}

#[test]
fn mip_install_takes_versions_targets_sources_and_chains() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let board = SimBoard::start();
    // No --target: the board's /lib from sys.path; the chain's next command imports it.
    let output = fixture.upy(
        &board,
        &[
            "mip",
            "install",
            "--index",
            &index,
            "alpha@0.9",
            "+",
            "exec",
            "import alpha; print(alpha.A)",
        ],
    );
    assert_success(&output);
    assert_eq!(stdout(&output).trim(), "41");
    let lib = board_files(&board, "lib");
    assert_eq!(
        names(&lib),
        ["alpha/__init__.py", "alpha/old.py", "beta.py"]
    );
    assert!(!lib["beta.py"].starts_with(b"# source"));

    // --no-mpy asks the index for sources, --target puts them elsewhere.
    let output = fixture.upy(
        &board,
        &[
            "mip", "install", "--index", &index, "--no-mpy", "--target", ":pkgs/", "beta",
        ],
    );
    assert_success(&output);
    assert_eq!(
        board_files(&board, "pkgs")["beta.py"],
        b"# source\nB = 40\n".to_vec()
    );

    // --compile turns the sources into .mpy files the board imports, with native code for
    // the board's architecture (x64 here).
    let output = fixture.upy(
        &board,
        &[
            "mip",
            "install",
            "--index",
            &index,
            "--no-mpy",
            "--compile",
            "--target",
            "/compiled",
            "alpha",
            "+",
            "exec",
            "import sys; sys.path.insert(0, '/compiled'); sys.modules.clear(); import alpha, alpha.new; print(alpha.__file__, alpha.A, alpha.new.NEW)",
        ],
    );
    assert_success(&output);
    assert_eq!(
        names(&board_files(&board, "compiled")),
        ["alpha/__init__.mpy", "alpha/new.mpy", "beta.mpy"]
    );
    assert_eq!(stdout(&output).trim(), "/compiled/alpha/__init__.mpy 42 42");
    let native = &board_files(&board, "compiled")["alpha/new.mpy"];
    assert_eq!(
        native[2] >> 2,
        2,
        "the .mpy header names x64 as its architecture"
    );
}

#[test]
fn mip_install_works_from_the_cache_when_the_server_is_down() {
    let mut fixture = Fixture::new();
    let index = fixture.server.url();
    let gamma = format!("{index}/repo/gamma/package.json");
    let first = SimBoard::start();
    let args = ["mip", "install", "--index", &index, "alpha@1.0", &gamma];
    assert_success(&fixture.upy(&first, &args));
    assert!(!fixture.server.requests().is_empty());
    fixture.server.stop();

    let second = SimBoard::start();
    let output = fixture.upy(&second, &args);
    assert_success(&output);
    assert!(
        stderr(&output).contains("could not be reached"),
        "{}",
        stderr(&output)
    );
    assert_eq!(board_files(&second, "lib"), board_files(&first, "lib"));

    // Another cache, nothing in it: the connection is refused and upy says so.
    let empty = fixture.dir.path().join("other-cache");
    let output = upy_mip(&fixture.work(), &empty, second.port(), &args);
    assert_fails_with(&output, 16, "cannot reach");
    assert!(stderr(&output).contains(&index), "{}", stderr(&output));
}

#[test]
fn mip_install_refuses_a_file_whose_hash_differs_and_writes_nothing() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    // Damage beta.py as served: its name stays the hash of the original.
    let h8 = sha256_hex(b"B = 40\n")[..8].to_string();
    let json = std::fs::read_to_string(fixture.www().join("package/6/beta/latest.json")).unwrap();
    assert!(json.contains(&h8), "{json}");
    write(
        &fixture.www().join("file").join(&h8[..2]).join(&h8),
        "B = 666\n",
    );
    let board = SimBoard::start();
    let output = fixture.upy(&board, &["mip", "install", "--index", &index, "alpha"]);
    assert_fails_with(&output, 15, "hash mismatch for beta.py");
    assert!(stderr(&output).contains(&h8), "{}", stderr(&output));
    // alpha's files were fine, but nothing reached the board.
    assert!(!board.root().join("lib").exists());
    // The same through upy.toml: no lock is written for a sync that failed.
    std::fs::write(
        fixture.work().join("upy.toml"),
        format!("[dependencies]\nalpha = \"*\"\n[mip]\nindex = \"{index}\"\n"),
    )
    .unwrap();
    let output = fixture.upy(&board, &["mip", "sync"]);
    assert_fails_with(&output, 15, "hash mismatch for beta.py");
    assert!(!fixture.work().join("upy.lock").exists());
    assert!(!board.root().join("lib").exists());
}

#[test]
fn mip_install_names_unknown_packages_and_missing_versions() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let board = SimBoard::start();
    let output = fixture.upy(&board, &["mip", "install", "--index", &index, "nope"]);
    assert_fails_with(&output, 14, "unknown package `nope`");
    let output = fixture.upy(&board, &["mip", "install", "--index", &index, "alpha@7.7"]);
    assert_fails_with(&output, 14, "no version 7.7");
    assert!(
        stderr(&output).contains("the latest is 1.0"),
        "{}",
        stderr(&output)
    );
    let output = fixture.upy(
        &board,
        &[
            "mip",
            "install",
            "--index",
            &index,
            &format!("{index}/repo/none/package.json"),
        ],
    );
    assert_fails_with(&output, 14, "package not found");
    assert!(!board.root().join("lib").exists());
}

#[test]
fn mip_sync_pins_the_dependencies_in_upy_lock_and_reports_changes() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let project = fixture.work();
    let toml = |alpha: &str| {
        format!(
            "[dependencies]\nalpha = \"{alpha}\"\n\"repo/gamma\" = \"*\"\n\n[mip]\nindex = \"{index}\"\ntarget = \"/lib\"\n"
        )
    };
    // A local package.json package (the served folder, read from disk).
    std::fs::create_dir_all(project.join("repo")).unwrap();
    std::fs::rename(fixture.www().join("repo/gamma"), project.join("repo/gamma")).unwrap();
    std::fs::write(project.join("upy.toml"), toml("0.9")).unwrap();
    let board = SimBoard::start();

    let output = fixture.upy(&board, &["mip", "sync"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        ["+ alpha 0.9", "+ beta 2.0", "+ repo/gamma 0.1"]
    );
    let lock = std::fs::read_to_string(project.join("upy.lock")).unwrap();
    let init = b"from beta import B\nA = B + 1\n";
    assert!(lock.contains(&sha256_hex(init)), "{lock}");
    assert!(lock.contains("version = \"0.9\""), "{lock}");
    assert_eq!(
        names(&board_files(&board, "lib")),
        [
            "alpha/__init__.py",
            "alpha/old.py",
            "beta.py",
            "gamma/__init__.py",
            "gamma/data.bin"
        ]
    );

    // Nothing changed: the lock stays byte for byte, and so does the board.
    let output = fixture.upy(&board, &["mip", "sync"]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim(), "upy.lock: no change");
    assert!(
        stderr(&output).contains("alpha 0.9 (index files for .mpy v6): 2 files, as locked"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("0 files written"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(project.join("upy.lock")).unwrap(),
        lock
    );

    // A new version in upy.toml: reported, installed, and 0.9's old.py removed.
    std::fs::write(project.join("upy.toml"), toml("1.0")).unwrap();
    let output = fixture.upy(
        &board,
        &["mip", "sync", "+", "exec", "import alpha; print(alpha.A)"],
    );
    assert_success(&output);
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        ["~ alpha 0.9 -> 1.0", "42"]
    );
    let lib = board_files(&board, "lib");
    assert_eq!(
        names(&lib),
        [
            "alpha/__init__.py",
            "alpha/new.py",
            "beta.py",
            "gamma/__init__.py",
            "gamma/data.bin"
        ]
    );
    assert!(std::fs::read_to_string(project.join("upy.lock"))
        .unwrap()
        .contains("version = \"1.0\""));
}

#[test]
fn upy_sync_installs_the_dependencies_and_delete_leaves_them() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let project = fixture.work();
    std::fs::write(
        project.join("upy.toml"),
        format!(
            "[sync]\nsource = \"src\"\ndelete = true\n\n[dependencies]\nbeta = \"2.0\"\n\n[mip]\nindex = \"{index}\"\n"
        ),
    )
    .unwrap();
    write(&project.join("src/main.py"), "import beta\nprint(beta.B)\n");
    let board = SimBoard::start();
    let output = fixture.upy(&board, &["sync", "+", "exec", "import main"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        ["+ beta 2.0", "40"]
    );
    assert!(project.join("upy.lock").is_file());
    assert_eq!(names(&board_files(&board, "")), ["lib/beta.py", "main.py"]);

    // Again, with --delete in force: the package stays, the lock does not change.
    let output = fixture.upy(&board, &["sync"]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim(), "upy.lock: no change");
    assert_eq!(names(&board_files(&board, "")), ["lib/beta.py", "main.py"]);
}

#[test]
fn mip_sync_on_three_boards_at_once_installs_on_each_and_writes_one_lock() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let project = fixture.work();
    std::fs::write(
        project.join("upy.toml"),
        format!(
            "[dependencies]\nalpha = \"1.0\"\n\n[mip]\nindex = \"{index}\"\ntarget = \"/lib\"\n"
        ),
    )
    .unwrap();
    let boards: Vec<SimBoard> = (0..3).map(|_| SimBoard::start()).collect();
    let ports: Vec<&str> = boards.iter().map(SimBoard::port).collect();
    let output = upy_mip(
        &project,
        &fixture.cache(),
        &ports.join(","),
        &["mip", "sync"],
    );
    assert_success(&output);
    assert!(
        stderr(&output).contains("3 of 3 boards succeeded"),
        "{}",
        stderr(&output)
    );
    let first = board_files(&boards[0], "lib");
    assert_eq!(
        names(&first),
        ["alpha/__init__.py", "alpha/new.py", "beta.py"]
    );
    for board in &boards[1..] {
        assert_eq!(board_files(board, "lib"), first);
    }
    let lock = std::fs::read_to_string(project.join("upy.lock")).unwrap();
    assert!(lock.contains("version = \"1.0\""), "{lock}");
    let leftovers: Vec<_> = std::fs::read_dir(&project)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.contains(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn mip_install_on_a_board_that_refuses_a_write_keeps_the_old_files() {
    let fixture = Fixture::new();
    let index = fixture.server.url();
    let board = SimBoard::start();
    assert_success(&fixture.upy(&board, &["mip", "install", "--index", &index, "alpha@0.9"]));
    let before = board_files(&board, "lib");
    // A folder where the new __init__.py's temporary file must go: the board refuses that
    // write, as a full filesystem would.
    write(
        &board.root().join("lib/alpha/__init__.py.upy~/x"),
        "in the way",
    );
    let output = fixture.upy(&board, &["mip", "install", "--index", &index, "alpha@1.0"]);
    assert!(!output.status.success(), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("alpha/__init__.py"),
        "{}",
        stderr(&output)
    );
    let after = board_files(&board, "lib");
    assert_eq!(
        after.get("alpha/__init__.py"),
        before.get("alpha/__init__.py"),
        "the old __init__.py was not kept"
    );
    for name in before.keys() {
        assert!(
            after.contains_key(name),
            "{name} was lost: {:?}",
            names(&after)
        );
    }
}
