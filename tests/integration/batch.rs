//! The one upload program (`Fs::apply`) used directly, in each of its three ways: streamed
//! (the first upload of a session), inline (a small batch on a board known to stream: with
//! the general helpers, or, for writes only, the quick program that needs none) and step by
//! step (no raw binary input).

use sha2::{Digest, Sha256};
use upy_protocol::fs::{Operation, Progress};
use upy_protocol::{Error, SerialOptions, Session};

use crate::cp::noise;
use crate::simboard::{SimBoard, SimOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Streamed,
    Inline,
    StepByStep,
}

const WAYS: [Way; 3] = [Way::Streamed, Way::Inline, Way::StepByStep];

/// A session on `board` set up so that the next batch goes `way`.
fn session_for(board: &SimBoard, way: Way) -> Session {
    let mut session =
        Session::open(board.port(), &SerialOptions::default()).expect("open the simulated board");
    match way {
        Way::Streamed => {}
        // Inline needs a board known to stream raw input.
        Way::Inline => {
            session.info().expect("probe");
        }
        Way::StepByStep => session.set_raw_uploads(false),
    }
    session
}

#[derive(Default)]
struct Recorder {
    batch: Option<(usize, u64)>,
    done: Vec<usize>,
    files_done: Vec<String>,
    bytes: u64,
}

impl Progress for Recorder {
    fn on_batch_start(&mut self, operations: usize, bytes: u64) {
        self.batch = Some((operations, bytes));
    }
    fn on_bytes(&mut self, bytes: u64) {
        self.bytes += bytes;
    }
    fn on_file_done(&mut self, path: &str) {
        self.files_done.push(path.to_string());
    }
    fn on_operation_done(&mut self, index: usize) {
        self.done.push(index);
    }
}

fn no_temp_files(root: &std::path::Path) {
    for entry in walk(root) {
        assert!(!entry.ends_with(".upy~"), "temporary file left: {entry}");
    }
}

fn walk(root: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            out.extend(
                walk(&entry.path())
                    .into_iter()
                    .map(|n| format!("{name}/{n}")),
            );
            out.push(format!("{name}/"));
        } else {
            out.push(name);
        }
    }
    out.sort();
    out
}

#[test]
fn a_batch_applies_every_kind_of_operation_in_order_each_way() {
    for way in WAYS {
        let board = SimBoard::with(SimOptions {
            files: vec![
                ("old/stale.py".into(), b"x".to_vec()),
                ("keep.py".into(), b"old".to_vec()),
            ],
            ..SimOptions::default()
        });
        let mut session = session_for(&board, way);
        // Inline carries little: keep the content small there.
        let big = noise(if way == Way::Inline { 300 } else { 40_000 }, 3);
        let all: Vec<u8> = (0..=255).collect();
        let ops = [
            Operation::MakeDir("/lib".into()),
            Operation::MakeDir("/lib/sub".into()),
            Operation::MakeDir("/lib".into()),
            Operation::write("/lib/sub/a.py", b"A = 1\n"),
            Operation::write("/lib/all.bin", &all),
            Operation::write("/big.bin", &big),
            Operation::write("/empty.txt", b""),
            Operation::write("/keep.py", b"new"),
            Operation::RemoveFile("/old/stale.py".into()),
            Operation::RemoveDir("/old".into()),
        ];
        let mut progress = Recorder::default();
        session
            .fs()
            .apply(&ops, &mut progress)
            .unwrap_or_else(|err| panic!("{way:?}: {err}"));
        let root = board.root();
        assert_eq!(
            walk(&root),
            vec![
                "big.bin",
                "empty.txt",
                "keep.py",
                "lib/",
                "lib/all.bin",
                "lib/sub/",
                "lib/sub/a.py"
            ],
            "{way:?}"
        );
        assert_eq!(
            std::fs::read(root.join("lib/sub/a.py")).unwrap(),
            b"A = 1\n"
        );
        assert_eq!(std::fs::read(root.join("lib/all.bin")).unwrap(), all);
        assert_eq!(std::fs::read(root.join("big.bin")).unwrap(), big);
        assert_eq!(std::fs::read(root.join("keep.py")).unwrap(), b"new");
        let content: u64 = ops.iter().map(|op| op.data().len() as u64).sum();
        assert_eq!(progress.batch, Some((ops.len(), content)), "{way:?}");
        assert_eq!(progress.done, (0..ops.len()).collect::<Vec<_>>(), "{way:?}");
        assert_eq!(progress.bytes, content, "{way:?}");
        assert_eq!(
            progress.files_done,
            [
                "/lib/sub/a.py",
                "/lib/all.bin",
                "/big.bin",
                "/empty.txt",
                "/keep.py"
            ],
            "{way:?}"
        );
        // The session goes on after the batch.
        assert_eq!(session.eval("6*7").unwrap(), "42", "{way:?}");
    }
}

#[test]
fn the_first_failure_stops_the_batch_and_names_its_operation() {
    for way in WAYS {
        let board = SimBoard::start();
        let mut session = session_for(&board, way);
        let ops = [
            Operation::write("/a.py", b"A = 1\n"),
            Operation::RemoveFile("/missing.py".into()),
            Operation::write("/b.py", b"B = 1\n"),
            Operation::MakeDir("/c".into()),
        ];
        let mut progress = Recorder::default();
        let err = session.fs().apply(&ops, &mut progress).unwrap_err();
        assert!(
            matches!(&err, Error::RemoteNotFound { path } if path == "/missing.py"),
            "{way:?}: {err}"
        );
        assert_eq!(progress.done, vec![0], "{way:?}");
        assert_eq!(walk(&board.root()), vec!["a.py"], "{way:?}");
        assert_eq!(session.eval("6*7").unwrap(), "42", "{way:?}");
    }
}

#[test]
fn a_write_into_a_folder_fails_with_its_path_and_later_files_are_not_written() {
    let board = SimBoard::with(SimOptions {
        files: vec![("taken/inside.txt".into(), b"x".to_vec())],
        ..SimOptions::default()
    });
    let mut session = session_for(&board, Way::Streamed);
    let big = noise(20_000, 9);
    let ops = [
        Operation::write("/first.bin", &big),
        Operation::write("/taken", &big),
        Operation::write("/last.bin", &big),
    ];
    let mut progress = Recorder::default();
    let err = session.fs().apply(&ops, &mut progress).unwrap_err();
    assert!(
        matches!(&err, Error::RemoteIsADirectory { path } if path == "/taken"),
        "{err}"
    );
    assert_eq!(progress.done, vec![0]);
    assert_eq!(
        walk(&board.root()),
        vec!["first.bin", "taken/", "taken/inside.txt"]
    );
    // The stream stayed in step: the next batch on the same session works.
    session
        .fs()
        .apply(
            &[Operation::write("/last.bin", &big)],
            &mut Recorder::default(),
        )
        .unwrap();
    assert_eq!(std::fs::read(board.root().join("last.bin")).unwrap(), big);
}

#[test]
fn content_that_does_not_match_its_hash_is_refused_and_the_old_file_stays() {
    // (way, size, a folder made first: the inline batch then needs the general helpers)
    for (way, len, with_folder) in [
        (Way::Streamed, 30_000, false),
        (Way::Inline, 200, false),
        (Way::Inline, 200, true),
    ] {
        let board = SimBoard::with(SimOptions {
            files: vec![("data.bin".into(), b"old".to_vec())],
            ..SimOptions::default()
        });
        let mut session = session_for(&board, way);
        let data = noise(len, 11);
        let mut ops = vec![Operation::Write {
            path: "/data.bin".into(),
            data: &data,
            sha256: Sha256::digest(b"something else").into(),
        }];
        if with_folder {
            ops.insert(0, Operation::MakeDir("/lib".into()));
        }
        let err = session
            .fs()
            .apply(&ops, &mut Recorder::default())
            .unwrap_err();
        assert!(
            matches!(&err, Error::TransferCorrupted { path, .. } if path == "/data.bin"),
            "{way:?}: {err}"
        );
        assert_eq!(
            std::fs::read(board.root().join("data.bin")).unwrap(),
            b"old"
        );
        no_temp_files(&board.root());
    }
}

#[test]
fn small_batches_of_writes_go_without_helpers_and_stop_at_the_first_failure() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("keep.py".into(), b"old".to_vec()),
            ("lib/x.py".into(), b"x".to_vec()),
            ("taken/inside.txt".into(), b"x".to_vec()),
        ],
        ..SimOptions::default()
    });
    let mut session = session_for(&board, Way::Inline);
    let all: Vec<u8> = (0..=255).collect();
    let ops = [
        Operation::write("/a.py", b"A = 1\n"),
        Operation::write("/keep.py", b"new"),
        Operation::write("/lib/x.py", &all),
        Operation::write("/empty.txt", b""),
    ];
    let mut progress = Recorder::default();
    session.fs().apply(&ops, &mut progress).unwrap();
    let root = board.root();
    assert_eq!(std::fs::read(root.join("a.py")).unwrap(), b"A = 1\n");
    assert_eq!(std::fs::read(root.join("keep.py")).unwrap(), b"new");
    assert_eq!(std::fs::read(root.join("lib/x.py")).unwrap(), all);
    assert_eq!(std::fs::read(root.join("empty.txt")).unwrap(), b"");
    assert_eq!(progress.done, vec![0, 1, 2, 3]);
    assert_eq!(progress.bytes, 6 + 3 + 256);
    assert_eq!(
        progress.files_done,
        ["/a.py", "/keep.py", "/lib/x.py", "/empty.txt"]
    );
    // The quick program defined none of the general helpers.
    assert_eq!(session.eval("'_op' in globals()").unwrap(), "False");

    let ops = [
        Operation::write("/b.py", b"B = 1\n"),
        Operation::write("/taken", b"T"),
        Operation::write("/c.py", b"C = 1\n"),
    ];
    let mut progress = Recorder::default();
    let err = session.fs().apply(&ops, &mut progress).unwrap_err();
    assert!(
        matches!(&err, Error::RemoteIsADirectory { path } if path == "/taken"),
        "{err}"
    );
    assert_eq!(progress.done, vec![0]);
    assert!(root.join("b.py").is_file());
    assert!(!root.join("c.py").exists());
    let ops = [Operation::write("/no/such/folder.py", b"x")];
    let err = session
        .fs()
        .apply(&ops, &mut Recorder::default())
        .unwrap_err();
    assert!(
        matches!(&err, Error::RemoteNotFound { path } if path == "/no/such/folder.py"),
        "{err}"
    );
    no_temp_files(&root);
    assert_eq!(session.eval("6*7").unwrap(), "42");
}
