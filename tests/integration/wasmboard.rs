//! The WebAssembly-port board (`tests/wasmboard` behind simboard's pty): upy works against it,
//! and it is the board whose `deflate` can compress.

use std::time::Instant;

use crate::simboard::{venv_bin, SimOptions, WasmBoard};
use crate::util::{assert_success, stderr, stdout, upy_on};

fn text(output: &std::process::Output) -> String {
    stdout(output).replace("\r\n", "\n")
}

fn board_with(files: &[(&str, &[u8])]) -> WasmBoard {
    WasmBoard::with(SimOptions {
        files: files
            .iter()
            .map(|(path, data)| (path.to_string(), data.to_vec()))
            .collect(),
        ..SimOptions::default()
    })
}

#[test]
fn wasmboard_runs_exec() {
    let board = WasmBoard::start();
    let started = Instant::now();
    let output = upy_on(board.port(), &["exec", "print(6*7)"]);
    eprintln!("upy exec on the wasm board: {:?}", started.elapsed());
    assert_success(&output);
    assert_eq!(text(&output), "42\n");
}

#[test]
fn wasmboard_interrupts_a_printing_main_py_to_take_control() {
    let board = board_with(&[(
        "main.py",
        b"import time\nwhile True:\n print('tick')\n time.sleep(0.05)\n",
    )]);
    let output = upy_on(board.port(), &["exec", "print(6*7)"]);
    assert_success(&output);
    assert_eq!(text(&output), "42\n");
}

#[test]
fn wasmboard_deflate_can_compress() {
    let board = WasmBoard::start();
    let code = "import deflate,io\nb=io.BytesIO()\nd=deflate.DeflateIO(b,deflate.RAW,8)\nd.write(b'x'*1000)\nd.close()\nprint(len(b.getvalue()))\nr=deflate.DeflateIO(io.BytesIO(b.getvalue()),deflate.RAW,8)\nprint(r.read()==b'x'*1000)";
    let output = upy_on(board.port(), &["exec", code]);
    assert_success(&output);
    let printed = text(&output);
    let mut lines = printed.lines();
    let size: usize = lines.next().unwrap_or_default().parse().expect("a size");
    assert!(size > 0 && size < 100, "{printed}");
    assert_eq!(lines.next(), Some("True"), "{printed}");
}

#[test]
fn wasmboard_cat_reads_a_file_put_in_its_root() {
    let data: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let board = board_with(&[("all.bin", &data)]);
    let output = upy_on(board.port(), &["cat", ":all.bin"]);
    assert_success(&output);
    assert_eq!(output.stdout, data);
}

#[test]
fn wasmboard_output_waits_for_a_host_that_reads_late() {
    // The board prints 300 kB at once; the host starts reading a second later. A USB board's
    // output waits for the host instead of being dropped.
    use std::io::{Read, Write};
    let board = WasmBoard::start();
    let mut port = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(board.port())
        .expect("open the port");
    port.write_all(b"\x03\x01").expect("raw REPL");
    std::thread::sleep(std::time::Duration::from_millis(300));
    port.write_all(
        b"import sys\nfor i in range(300):\n sys.stdout.buffer.write(bytes(1000))\n\x04",
    )
    .expect("code");
    std::thread::sleep(std::time::Duration::from_secs(1));
    let mut received = Vec::new();
    let mut piece = [0u8; 65536];
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    while !received.ends_with(b"\x04\x04>") && Instant::now() < deadline {
        let n = port.read(&mut piece).expect("read the port");
        received.extend_from_slice(&piece[..n]);
    }
    let zeros = received.iter().filter(|&&b| b == 0).count();
    assert_eq!(zeros, 300_000, "{} bytes received", received.len());
}

/// The board's port opened directly, its output collected by a thread so that reads can time out.
struct RawPort {
    port: std::fs::File,
    output: std::sync::mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl RawPort {
    fn open(board: &WasmBoard) -> RawPort {
        use std::io::Read;
        let port = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(board.port())
            .expect("open the port");
        let mut reader = port.try_clone().expect("second handle");
        let (sender, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut piece = [0u8; 4096];
            while let Ok(n) = reader.read(&mut piece) {
                if n == 0 || sender.send(piece[..n].to_vec()).is_err() {
                    return;
                }
            }
        });
        RawPort {
            port,
            output,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        use std::io::Write;
        self.port.write_all(bytes).expect("write the port");
    }

    /// Everything up to and including `end`, waiting at most 5 s for it.
    fn until(&mut self, end: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + std::time::Duration::from_secs(5);
        loop {
            if let Some(at) = self.seen.windows(end.len()).position(|w| w == end) {
                let rest = self.seen.split_off(at + end.len());
                return std::mem::replace(&mut self.seen, rest);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.seen.extend_from_slice(&bytes),
                Err(_) => panic!(
                    "no {:?} from the board; it sent {:?}",
                    String::from_utf8_lossy(end),
                    String::from_utf8_lossy(&self.seen)
                ),
            }
        }
    }
}

#[test]
fn wasmboard_raw_repl_answers_as_a_board_without_raw_paste() {
    let board = WasmBoard::start();
    let mut port = RawPort::open(&board);
    port.until(b">>> ");
    port.send(b"\x01");
    port.until(b"raw REPL; CTRL-B to exit\r\n>");
    port.send(b"\x05A\x01");
    assert_eq!(port.until(b"R\x00"), b"R\x00");
    port.send(b"print(6*7)\x04");
    assert_eq!(port.until(b"\x04>"), b"OK42\n\x04\x04>");
    port.send(b"\x04");
    assert_eq!(
        port.until(b"raw REPL; CTRL-B to exit\r\n>"),
        b"OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"
    );
    port.send(b"\x02");
    port.until(b">>> ");
    port.send(b"\x04");
    let reboot = port.until(b">>> ");
    assert!(
        reboot.starts_with(b"\r\nMPY: soft reboot\r\n"),
        "{:?}",
        String::from_utf8_lossy(&reboot)
    );
}

#[test]
fn wasmboard_cat_of_a_large_file_loses_no_byte() {
    // The board prints the whole file in one burst, faster than upy reads it.
    let data: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 253) as u8).collect();
    let board = board_with(&[("big.bin", &data)]);
    let output = upy_on(board.port(), &["cat", ":big.bin"]);
    assert_success(&output);
    assert_eq!(output.stdout.len(), data.len());
    assert!(output.stdout == data, "content differs");
}

#[test]
fn wasmboard_missing_file_is_enoent() {
    let board = WasmBoard::start();
    let output = upy_on(board.port(), &["cat", ":missing.txt"]);
    assert_eq!(output.status.code(), Some(10), "{}", stderr(&output));
}

#[test]
fn wasmboard_cp_uploads_to_its_root() {
    let board = WasmBoard::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let local = dir.path().join("up.bin");
    std::fs::write(&local, &data).expect("local file");
    let output = upy_on(
        board.port(),
        &["cp", local.to_str().expect("utf-8 path"), ":x.bin"],
    );
    assert_success(&output);
    assert_eq!(
        std::fs::read(board.root().join("x.bin")).expect("mirrored"),
        data
    );
    let output = upy_on(board.port(), &["sha256sum", ":x.bin"]);
    assert_success(&output);
}

#[test]
fn wasmboard_ls_lists_files_and_folders() {
    let board = board_with(&[("a.txt", b"12345"), ("lib/m.py", b"X=1")]);
    let output = upy_on(board.port(), &["ls"]);
    assert_success(&output);
    let listing = text(&output);
    assert!(listing.contains("a.txt"), "{listing}");
    assert!(listing.contains("lib"), "{listing}");
    assert!(
        !listing.contains("dev") && !listing.contains("proc"),
        "{listing}"
    );
}

#[test]
fn wasmboard_soft_reset_keeps_files_and_clears_state() {
    let board = WasmBoard::start();
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "open('kept.txt','w').write('k')\nimport builtins\nbuiltins.marker=1",
        ],
    );
    assert_success(&output);
    let output = upy_on(board.port(), &["reset", "--soft"]);
    assert_success(&output);
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "import builtins\nprint(open('kept.txt').read(), hasattr(builtins,'marker'))",
        ],
    );
    assert_success(&output);
    assert_eq!(text(&output), "k False\n");
}

#[test]
fn wasmboard_sees_files_put_in_its_root_while_running() {
    let board = WasmBoard::start();
    assert_success(&upy_on(board.port(), &["exec", "print(1)"]));
    std::fs::write(board.root().join("later.txt"), b"added later").expect("host file");
    let output = upy_on(board.port(), &["cat", ":later.txt"]);
    assert_success(&output);
    assert_eq!(output.stdout, b"added later");
    let output = upy_on(board.port(), &["rm", ":later.txt"]);
    assert_success(&output);
    assert!(!board.root().join("later.txt").exists());
}

#[test]
fn wasmboard_works_on_a_paced_link() {
    let board = WasmBoard::with(SimOptions {
        baud: Some(115_200),
        ..SimOptions::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let local = dir.path().join("p.py");
    std::fs::write(&local, "print('paced')\n".repeat(200)).expect("local file");
    let output = upy_on(
        board.port(),
        &["cp", local.to_str().expect("utf-8 path"), ":p.py"],
    );
    assert_success(&output);
    let output = upy_on(board.port(), &["exec", "import p"]);
    assert_success(&output);
    assert_eq!(text(&output), "paced\n".repeat(200));
}

#[test]
fn wasmboard_serves_mpremote() {
    // mpremote asks for raw-paste first: the board answers that it has none (R\x00).
    let board = board_with(&[("hello.txt", b"hello")]);
    let output = std::process::Command::new(venv_bin("mpremote"))
        .args([
            "connect",
            board.port(),
            "exec",
            "print(open('hello.txt').read())",
        ])
        .output()
        .expect("run mpremote");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(text(&output), "hello\n");
}
