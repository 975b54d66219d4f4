//! The protocol library used directly, as `sync` and `repl` use it: sessions, batches,
//! manifests, resets, and the paced fallback for firmware without raw-paste.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use upy_protocol::fs::{EntryKind, NoProgress, Operation};
use upy_protocol::{Error, SerialOptions, Session};

use crate::simboard::{SimBoard, SimOptions};

fn open(board: &SimBoard) -> Session {
    Session::open(board.port(), &SerialOptions::default()).expect("open the simulated board")
}

fn capture(session: &mut Session, code: &str) -> String {
    let mut out = Vec::new();
    session
        .exec(code, &mut |bytes| out.extend_from_slice(bytes))
        .expect("exec");
    String::from_utf8_lossy(&out).trim_end().to_string()
}

#[test]
fn manifest_gives_every_path_size_and_hash_in_one_call() {
    let board = SimBoard::with(SimOptions {
        files: vec![
            ("app/main.py".into(), b"print('hi')\n".to_vec()),
            ("app/lib/util.py".into(), vec![7u8; 3000]),
        ],
        ..SimOptions::default()
    });
    let mut session = open(&board);
    let manifest = session.fs().manifest(":app").unwrap();
    let summary: Vec<(String, EntryKind, u64)> = manifest
        .iter()
        .map(|e| (e.name.clone(), e.kind, e.size))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("lib".to_string(), EntryKind::Dir, 0),
            ("lib/util.py".to_string(), EntryKind::File, 3000),
            ("main.py".to_string(), EntryKind::File, 12),
        ]
    );
    let util = manifest.iter().find(|e| e.name == "lib/util.py").unwrap();
    assert_eq!(util.sha256, Some(Sha256::digest(vec![7u8; 3000]).into()));
    assert!(matches!(
        session.fs().manifest(":nothing"),
        Err(Error::RemoteNotFound { .. })
    ));
}

#[test]
fn batches_of_mkdirs_writes_and_removals() {
    let board = SimBoard::with(SimOptions {
        files: vec![("old/stale.py".into(), b"x".to_vec())],
        ..SimOptions::default()
    });
    let mut session = open(&board);
    session
        .fs()
        .mkdirs(&["/a/b".to_string(), "/a/c".to_string()])
        .unwrap();
    let big: Vec<u8> = (0..=255u8).cycle().take(40_000).collect();
    let files = [
        Operation::write("/a/b/one.py", b"ONE = 1\n"),
        Operation::write("/a/c/big.bin", &big),
        Operation::write("/top.py", b""),
    ];
    session.fs().apply(&files, &mut NoProgress).unwrap();
    session.fs().remove_many(&["/old".to_string()]).unwrap();
    let root = board.root();
    assert_eq!(
        std::fs::read(root.join("a/b/one.py")).unwrap(),
        b"ONE = 1\n"
    );
    assert_eq!(std::fs::read(root.join("a/c/big.bin")).unwrap(), big);
    assert_eq!(std::fs::read(root.join("top.py")).unwrap(), b"");
    assert!(!root.join("old").exists());
    // The same session keeps working after the batch.
    assert_eq!(capture(&mut session, "print(1+1)"), "2");
}

#[test]
fn info_reports_the_mpy_format_for_compiling() {
    let board = SimBoard::start();
    let mut session = open(&board);
    let info = session.info().unwrap();
    let mpy = info.mpy.expect("mpy format");
    assert_eq!((mpy.version, mpy.sub_version), (6, 3));
    assert!(info.version.starts_with("1.29.0"));
    assert!(info.features.deflate && info.features.sha256 && info.can_stream_raw_input());
    assert!(info.mem_free.unwrap() > 100_000);
}

#[test]
fn soft_reset_clears_globals_and_stays_in_the_raw_repl() {
    let board = SimBoard::start();
    let mut session = open(&board);
    capture(&mut session, "marker = 5");
    session.soft_reset().unwrap();
    assert!(session.in_raw_repl());
    assert_eq!(
        capture(&mut session, "print('marker' in globals())"),
        "False"
    );
    // Helpers are defined again after the reset.
    session
        .fs()
        .write("/after.txt", b"ok", &mut NoProgress)
        .unwrap();
    assert_eq!(
        std::fs::read(board.root().join("after.txt")).unwrap(),
        b"ok"
    );
}

#[test]
fn paced_raw_repl_works_where_raw_paste_is_not_used() {
    let board = SimBoard::start();
    let mut session = open(&board);
    session.force_paced(256);
    let code = format!("x = {:?}\nprint(len(x))", "y".repeat(3000));
    assert_eq!(capture(&mut session, &code), "3000");
    // No 0x03 here: the unix port turns terminal signals on while plain raw REPL code runs,
    // so the simulator would deliver it as SIGINT (a board with kbd_intr(-1) takes it as data).
    session
        .fs()
        .write("/paced.bin", &[0u8, 1, 4, 5, 255], &mut NoProgress)
        .unwrap();
    assert_eq!(
        session.fs().read("/paced.bin", &mut NoProgress).unwrap(),
        vec![0u8, 1, 4, 5, 255]
    );
}

#[test]
fn exceptions_are_typed_with_their_traceback() {
    let board = SimBoard::start();
    let mut session = open(&board);
    match session.exec("def f():\n raise OSError(28)\nf()", &mut |_| {}) {
        Err(Error::Exception(exc)) => {
            assert_eq!(exc.kind, "OSError");
            assert_eq!(exc.errno, Some(28));
            assert!(exc.traceback.contains("in f"), "{}", exc.traceback);
        }
        other => panic!("expected an exception, got {other:?}"),
    }
}

#[test]
fn cancel_flag_interrupts_running_code() {
    let board = SimBoard::start();
    let mut session = open(&board);
    let flag = Arc::new(AtomicBool::new(false));
    session.set_cancel_flag(Arc::clone(&flag));
    let setter = {
        let flag = Arc::clone(&flag);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(500));
            flag.store(true, Ordering::SeqCst);
        })
    };
    let result = session.exec("import time\nwhile True:\n time.sleep_ms(5)", &mut |_| {});
    setter.join().unwrap();
    assert!(matches!(result, Err(Error::Interrupted)), "{result:?}");
    flag.store(false, Ordering::SeqCst);
    assert_eq!(capture(&mut session, "print('after')"), "after");
}

#[test]
fn the_transport_gives_raw_bytes_for_a_terminal() {
    let board = SimBoard::start();
    let mut session = open(&board);
    session.enter_raw_repl().unwrap();
    session.exit_raw_repl().unwrap();
    let (mut transport, _pending) = session.into_parts();
    transport.write_all(b"\r\n6*7\r\n").unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !String::from_utf8_lossy(&seen).contains("42") {
        assert!(std::time::Instant::now() < deadline, "{seen:?}");
        let n = transport
            .read(&mut buf, Duration::from_millis(100))
            .unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
}

#[test]
fn uploads_inside_code_pick_base64_or_deflate_and_are_binary_safe() {
    let board = SimBoard::start();
    let mut session = open(&board);
    session.set_raw_uploads(false);
    let binary: Vec<u8> = (0..=255u8).cycle().take(9000).collect();
    let source = "def f(x):\n    return x + 1\n".repeat(800).into_bytes();
    let files = [
        Operation::write("/bin.dat", &binary),
        Operation::write("/src.py", &source),
    ];
    session.fs().apply(&files, &mut NoProgress).unwrap();
    assert_eq!(std::fs::read(board.root().join("bin.dat")).unwrap(), binary);
    assert_eq!(std::fs::read(board.root().join("src.py")).unwrap(), source);
    assert!(!board.root().join("src.py.upy~").exists());
}

#[test]
fn a_started_program_reads_what_the_host_streams() {
    let board = SimBoard::start();
    let mut session = open(&board);
    session
        .start_program("import sys\nn=0\nfor i in range(3):\n n+=len(sys.stdin.readline())\n sys.stdout.write('+')\nprint(n)")
        .unwrap();
    let mut acks = 0;
    for line in [&b"ab\n"[..], b"cde\n", b"f\n"] {
        session.write_raw(line).unwrap();
        let mut byte = [0u8; 1];
        while session.read_raw(&mut byte, Duration::from_secs(5)).unwrap() == 0 {}
        assert_eq!(byte[0], b'+');
        acks += 1;
    }
    let mut out = Vec::new();
    session
        .finish_program(
            &mut |b| out.extend_from_slice(b),
            Some(Duration::from_secs(5)),
        )
        .unwrap();
    assert_eq!(acks, 3);
    assert_eq!(String::from_utf8_lossy(&out).trim(), "9");
}
