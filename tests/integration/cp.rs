//! `upy cp`: copies in both directions, binary-safe, atomic on the board, and the bad cases.

use std::path::Path;
use std::time::Duration;

use crate::simboard::{MicrobitBoard, SimBoard, SimOptions};
use crate::util::{assert_success, stderr, upy_on};

/// Deterministic bytes that do not compress (xorshift).
pub(crate) fn noise(len: usize, seed: u32) -> Vec<u8> {
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

pub(crate) fn python_source(len: usize) -> Vec<u8> {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < len {
        text.push_str(&format!(
            "def handler_{i}(event):\n    return event.get('k{i}', {i})\n\n"
        ));
        i += 1;
    }
    text.truncate(len);
    text.into_bytes()
}

fn temp_files(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".upy~") {
            found.push(name);
        }
    }
    found
}

#[test]
fn cp_uploads_and_downloads_every_byte_value() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    // Control bytes (0x03 Ctrl-C, 0x04 Ctrl-D) in every position of the stream.
    let data: Vec<u8> = (0..=255u8).cycle().take(20_000).collect();
    let local = dir.path().join("all.bin");
    std::fs::write(&local, &data).unwrap();
    assert_success(&upy_on(board.port(), &["cp", local.to_str().unwrap(), ":"]));
    assert_eq!(std::fs::read(board.root().join("all.bin")).unwrap(), data);
    let back = dir.path().join("back.bin");
    assert_success(&upy_on(
        board.port(),
        &["cp", ":all.bin", back.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read(back).unwrap(), data);
}

#[test]
fn cp_round_trips_random_binary_and_python_source() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let random = noise(70_000, 7);
    let source = python_source(50_000);
    std::fs::write(dir.path().join("r.bin"), &random).unwrap();
    std::fs::write(dir.path().join("s.py"), &source).unwrap();
    let output = upy_on(
        board.port(),
        &[
            "cp",
            dir.path().join("r.bin").to_str().unwrap(),
            dir.path().join("s.py").to_str().unwrap(),
            ":data/",
        ],
    );
    assert_success(&output);
    assert_eq!(
        std::fs::read(board.root().join("data/r.bin")).unwrap(),
        random
    );
    assert_eq!(
        std::fs::read(board.root().join("data/s.py")).unwrap(),
        source
    );
    let out_dir = dir.path().join("out");
    assert_success(&upy_on(
        board.port(),
        &["cp", ":data/r.bin", ":data/s.py", out_dir.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read(out_dir.join("r.bin")).unwrap(), random);
    assert_eq!(std::fs::read(out_dir.join("s.py")).unwrap(), source);
}

#[test]
fn cp_handles_empty_files_and_overwrites_without_leaving_temp_files() {
    let board = SimBoard::with(SimOptions {
        files: vec![("main.py".into(), b"old content\n".to_vec())],
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.py");
    std::fs::write(&empty, b"").unwrap();
    assert_success(&upy_on(
        board.port(),
        &["cp", empty.to_str().unwrap(), ":main.py"],
    ));
    assert_eq!(std::fs::read(board.root().join("main.py")).unwrap(), b"");
    assert!(temp_files(&board.root()).is_empty());
    let back = dir.path().join("back.py");
    assert_success(&upy_on(
        board.port(),
        &["cp", ":main.py", back.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read(back).unwrap(), b"");
}

#[test]
fn cp_recursive_copies_a_tree_both_ways() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join("lib/drivers")).unwrap();
    std::fs::write(project.join("main.py"), b"import lib\n").unwrap();
    std::fs::write(project.join("lib/__init__.py"), b"").unwrap();
    std::fs::write(project.join("lib/drivers/sensor.py"), python_source(3000)).unwrap();
    for i in 0..30 {
        std::fs::write(project.join(format!("lib/m{i}.py")), format!("X = {i}\n")).unwrap();
    }
    let output = upy_on(board.port(), &["cp", "-r", project.to_str().unwrap(), ":"]);
    assert_success(&output);
    let on_board = board.root().join("project");
    assert_eq!(
        std::fs::read(on_board.join("main.py")).unwrap(),
        b"import lib\n"
    );
    assert_eq!(
        std::fs::read(on_board.join("lib/drivers/sensor.py")).unwrap(),
        python_source(3000)
    );
    assert_eq!(
        std::fs::read(on_board.join("lib/m29.py")).unwrap(),
        b"X = 29\n"
    );

    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    assert_success(&upy_on(
        board.port(),
        &["cp", "-r", ":project", back.to_str().unwrap()],
    ));
    assert_eq!(
        std::fs::read(back.join("project/lib/drivers/sensor.py")).unwrap(),
        python_source(3000)
    );
    assert_eq!(
        std::fs::read(back.join("project/lib/__init__.py")).unwrap(),
        b""
    );
}

#[test]
fn cp_of_a_directory_without_r_is_refused() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let output = upy_on(board.port(), &["cp", dir.path().to_str().unwrap(), ":"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cp -r"), "{}", stderr(&output));
}

#[test]
fn cp_of_a_missing_local_file_exits_10() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["cp", "/nonexistent/upy/file.py", ":"]);
    assert_eq!(output.status.code(), Some(10));
    assert!(
        stderr(&output).contains("/nonexistent/upy/file.py"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn cp_of_an_unreadable_local_path_exits_12() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    // A symlink to itself cannot be read by anyone, root included.
    std::os::unix::fs::symlink(src.join("loop"), src.join("loop")).unwrap();
    let output = upy_on(board.port(), &["cp", "-r", src.to_str().unwrap(), ":"]);
    assert_eq!(output.status.code(), Some(12), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot read local path"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn cp_to_an_unwritable_local_path_exits_12() {
    let board = SimBoard::with(SimOptions {
        files: vec![("a.txt".into(), b"a".to_vec())],
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"").unwrap();
    let target = file.join("below-a-file.txt");
    let output = upy_on(board.port(), &["cp", ":a.txt", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(12), "{}", stderr(&output));
}

#[test]
fn cp_outside_the_board_root_exits_13() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("x.py");
    std::fs::write(&local, b"x").unwrap();
    let output = upy_on(board.port(), &["cp", local.to_str().unwrap(), ":../x.py"]);
    assert_eq!(output.status.code(), Some(13));
    assert!(!board.root().parent().unwrap().join("x.py").exists());
}

#[test]
fn full_filesystem_exits_11_and_keeps_the_old_file() {
    let board = SimBoard::with(SimOptions {
        files: vec![("data.bin".into(), b"previous".to_vec())],
        ..SimOptions::default()
    });
    // The temporary file the upload writes to is a device that is always full.
    std::os::unix::fs::symlink("/dev/full", board.root().join("data.bin.upy~")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, noise(30_000, 3)).unwrap();
    let output = upy_on(board.port(), &["cp", local.to_str().unwrap(), ":data.bin"]);
    assert_eq!(output.status.code(), Some(11), "{}", stderr(&output));
    assert!(stderr(&output).contains("full"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(board.root().join("data.bin")).unwrap(),
        b"previous"
    );
    assert!(
        temp_files(&board.root()).is_empty(),
        "temporary file left behind"
    );
    // The session recovered: the board still answers.
    assert_success(&upy_on(board.port(), &["exec", "print(1)"]));
}

#[test]
fn unplugged_mid_upload_exits_4_and_keeps_the_old_file() {
    let board = SimBoard::with(SimOptions {
        files: vec![("data.bin".into(), b"previous".to_vec())],
        cut_after: Some(12_000),
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, noise(60_000, 5)).unwrap();
    let output = upy_on(board.port(), &["cp", local.to_str().unwrap(), ":data.bin"]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(board.root().join("data.bin")).unwrap(),
        b"previous"
    );
}

#[test]
fn cp_works_on_old_firmware_without_raw_paste_binascii_or_stat() {
    let board = MicrobitBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let data: Vec<u8> = (0..=255u8).cycle().take(700).collect();
    let local = dir.path().join("b.bin");
    std::fs::write(&local, &data).unwrap();
    let output = upy_on(board.port(), &["cp", local.to_str().unwrap(), ":b.bin"]);
    assert_success(&output);
    let back = dir.path().join("back.bin");
    assert_success(&upy_on(
        board.port(),
        &["cp", ":b.bin", back.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read(back).unwrap(), data);
    let output = upy_on(board.port(), &["ls", "-l"]);
    assert_success(&output);
    assert!(crate::util::stdout(&output).contains("       700 b.bin"));
}

fn wait_exit(child: &mut std::process::Child, limit: std::time::Duration) -> Option<i32> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        assert!(std::time::Instant::now() < deadline, "upy did not stop");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn ctrl_c_mid_upload_exits_130_keeps_the_old_file_and_frees_the_board() {
    let board = SimBoard::with(SimOptions {
        files: vec![("data.bin".into(), b"previous".to_vec())],
        baud: Some(115_200),
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, noise(100_000, 9)).unwrap();
    let mut child = crate::util::upy()
        .args([
            "--port",
            board.port(),
            "cp",
            local.to_str().unwrap(),
            ":data.bin",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        wait_exit(&mut child, std::time::Duration::from_secs(10)),
        Some(130)
    );
    assert_eq!(
        std::fs::read(board.root().join("data.bin")).unwrap(),
        b"previous"
    );
    assert!(
        temp_files(&board.root()).is_empty(),
        "temporary file left behind"
    );
    let output = upy_on(board.port(), &["exec", "print('free')"]);
    assert_success(&output);
}

#[test]
fn board_recovers_after_upy_is_killed_mid_upload() {
    let board = SimBoard::with(SimOptions {
        files: vec![("data.bin".into(), b"previous".to_vec())],
        baud: Some(115_200),
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, noise(100_000, 11)).unwrap();
    let mut child = crate::util::upy()
        .args([
            "--port",
            board.port(),
            "cp",
            local.to_str().unwrap(),
            ":data.bin",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    child.kill().unwrap();
    child.wait().unwrap();
    // The board is still inside the upload, taking bytes as file data until it gives up.
    let output = upy_on(board.port(), &["exec", "print('back')"]);
    assert_success(&output);
    assert!(crate::util::stdout(&output).ends_with("back\n"));
    assert_eq!(
        std::fs::read(board.root().join("data.bin")).unwrap(),
        b"previous"
    );
}

/// A tree of `count` files in nested folders, each a little different.
fn many_files(root: &Path, count: usize, seed: u32) -> Vec<String> {
    let mut names = Vec::new();
    for i in 0..count {
        let rel = format!("pkg/m{}/sub{}/f{i:03}.py", i % 5, i % 3);
        let path = root.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Noise: the batch goes in raw frames, committed file by file (one deflate block
        // would span every file).
        let mut body = format!("# {rel}\n").into_bytes();
        body.extend(noise(400 + i * 13, seed + i as u32));
        std::fs::write(&path, body).unwrap();
        names.push(rel);
    }
    names
}

#[test]
fn cp_of_many_files_and_folders_arrives_whole_across_batches() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    // More files than one batch holds.
    let names = many_files(dir.path(), 150, 1);
    let output = upy_on(
        board.port(),
        &["cp", "-r", dir.path().join("pkg").to_str().unwrap(), ":"],
    );
    assert_success(&output);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Copied 150 files"),
        "{}",
        stderr(&output)
    );
    for rel in &names {
        assert_eq!(
            std::fs::read(board.root().join(rel)).unwrap(),
            std::fs::read(dir.path().join(rel)).unwrap(),
            "{rel}"
        );
        assert!(!board.root().join(format!("{rel}.upy~")).exists());
    }
}

#[test]
fn cut_link_mid_batch_leaves_every_file_old_or_new_and_cp_again_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let names = many_files(dir.path(), 40, 7);
    let old: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|rel| (rel.clone(), format!("old {rel}").into_bytes()))
        .collect();
    let board = SimBoard::with(SimOptions {
        files: old.clone(),
        cut_after: Some(20_000),
        replug_after: Some(Duration::from_millis(300)),
        stable_link: true,
        ..SimOptions::default()
    });
    let source = dir.path().join("pkg");
    let output = upy_on(board.port(), &["cp", "-r", source.to_str().unwrap(), ":"]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let mut new_files = 0;
    for (rel, old_content) in &old {
        let now = std::fs::read(board.root().join(rel)).unwrap();
        let new_content = std::fs::read(dir.path().join(rel)).unwrap();
        assert!(
            now == *old_content || now == new_content,
            "{rel} is half-written"
        );
        new_files += usize::from(now == new_content);
    }
    assert!(
        new_files > 0 && new_files < names.len(),
        "cut outside the batch: {new_files}: {}",
        stderr(&output)
    );
    // The board comes back at the same path; copying again completes the tree.
    std::thread::sleep(Duration::from_millis(800));
    let again = upy_on(board.port(), &["cp", "-r", source.to_str().unwrap(), ":"]);
    assert_success(&again);
    for rel in &names {
        assert_eq!(
            std::fs::read(board.root().join(rel)).unwrap(),
            std::fs::read(dir.path().join(rel)).unwrap(),
            "{rel}"
        );
    }
}
