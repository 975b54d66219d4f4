//! `upy repl` against the simulated board (the real MicroPython REPL behind a pty).
//!
//! Interactive tests run upy on a real pseudo-terminal, as a user's terminal would, and type
//! into it. Tests that check the terminal is given back run upy from a shell on that terminal,
//! which prints `stty -g` before and after. Scripted tests pipe stdin.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use crate::simboard::{SimBoard, SimOptions};
use crate::util::{stderr, stdout, upy};

const PATIENCE: Duration = Duration::from_secs(20);
const EXIT_KEY: &[u8] = b"\x1d";
const EXIT_KEY_ALT: &[u8] = b"\x18";
const GREETING: &str = "Ctrl-] or Ctrl-X exits";
/// Printed by test scripts after their last `stty -g`.
const SHOWN: &str = "settings-shown";

/// A program running on its own pseudo-terminal, with everything it printed.
struct Terminal {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    seen: Arc<Mutex<Vec<u8>>>,
    /// Where the next `expect` starts looking.
    cursor: usize,
    /// The terminal's settings before the program started (as text: every termios field).
    initial: Option<String>,
    master: Box<dyn MasterPty + Send>,
    _dir: tempfile::TempDir,
}

impl Terminal {
    /// `upy --port PORT repl ARGS…` on a fresh terminal.
    fn upy_repl(port: &str, args: &[&str]) -> Terminal {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_upy"));
        command.args(["--port", port, "repl"]);
        command.args(args);
        Terminal::spawn(command)
    }

    /// `bash -c SCRIPT` on a fresh terminal, with `$UPY` naming the binary.
    fn shell(script: &str) -> Terminal {
        let mut command = CommandBuilder::new("bash");
        command.args(["-c", script]);
        Terminal::spawn(command)
    }

    fn spawn(mut command: CommandBuilder) -> Terminal {
        let dir = tempfile::tempdir().expect("temp dir");
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("UPY_") {
                command.env_remove(key);
            }
        }
        command.env("UPY_NO_PROGRESS", "1");
        command.env("UPY", env!("CARGO_BIN_EXE_upy"));
        command.env("TERM", "xterm");
        command.cwd(dir.path());
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let initial = settings(pair.master.as_ref());
        assert!(initial.is_some(), "cannot read the pty's settings");
        let child = pair.slave.spawn_command(command).expect("spawn on the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    return;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Terminal {
            child,
            writer,
            seen,
            cursor: 0,
            initial,
            master: pair.master,
            _dir: dir,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// Types `keys`.
    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("type into the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Waits for `needle` after what earlier calls matched; returns the text up to its end.
    #[track_caller]
    fn expect(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            {
                let seen = self.seen.lock().unwrap();
                let fresh = &seen[self.cursor.min(seen.len())..];
                if let Some(at) = find(fresh, needle.as_bytes()) {
                    let end = self.cursor + at + needle.len();
                    let text = String::from_utf8_lossy(&seen[self.cursor..end]).into_owned();
                    self.cursor = end;
                    return text;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "no {needle:?} on the terminal; it shows:\n{}",
                    self.text().escape_debug()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the program to end; its exit code.
    #[track_caller]
    fn wait(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "still running; the terminal shows:\n{}",
                    self.text().escape_debug()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Asserts the terminal has the settings it had before the program started.
    #[track_caller]
    fn assert_restored(&self) {
        assert_eq!(
            settings(self.master.as_ref()),
            self.initial,
            "terminal settings not restored"
        );
    }

    /// Types an expression at the prompt and waits for its value.
    #[track_caller]
    fn evaluate(&mut self, expression: &str, value: &str) {
        self.send(format!("{expression}\r").as_bytes());
        self.expect(&format!("{value}\r\n>>> "));
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// The pty's current settings, every field written out.
fn settings(master: &dyn MasterPty) -> Option<String> {
    master.get_termios().map(|termios| format!("{termios:?}"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The two `stty -g` lines a shell script printed around `marker` (`before`, then a line
/// starting with `marker`, then `after`).
fn stty_around(text: &str, marker: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_matches('\r')).collect();
    let stty = |line: &&&str| line.split(':').count() > 30;
    let before = lines.iter().find(stty).expect("stty before").to_string();
    let marker_at = lines
        .iter()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no {marker} in {text:?}"));
    let after = lines[marker_at..]
        .iter()
        .find(stty)
        .expect("stty after")
        .to_string();
    (before, after)
}

/// A script that records the terminal settings around one `upy repl` run.
fn around_upy(port: &str, args: &str) -> String {
    format!(
        "stty -g; \"$UPY\" --port {port} repl {args}; echo \"status=$?\"; stty -g; echo {SHOWN}"
    )
}

#[test]
fn typed_expression_shows_its_value() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(GREETING);
    term.expect(">>> ");
    term.evaluate("6*7", "42");
    term.evaluate("'abc'.upper()", "'ABC'");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn ctrl_c_interrupts_a_running_loop() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"while True: pass\r");
    term.expect("... ");
    term.send(b"\r");
    std::thread::sleep(Duration::from_millis(300));
    term.send(b"\x03");
    term.expect("KeyboardInterrupt");
    term.expect(">>> ");
    term.evaluate("1+1", "2");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn paste_mode_runs_a_block() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"\x05");
    term.expect("paste mode; Ctrl-C to cancel, Ctrl-D to finish");
    term.expect("=== ");
    term.send(b"def twice(x):\r    return 2 * x\r\rprint('twice', twice(21))\r");
    term.send(b"\x04");
    term.expect("twice 42\r\n>>> ");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn ctrl_d_soft_resets_the_board() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"kept = 1\r");
    term.expect(">>> ");
    term.send(b"\x04");
    term.expect("soft reboot");
    term.expect(">>> ");
    term.send(b"kept\r");
    term.expect("NameError");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn tab_completes_on_the_board() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"import micropython\r");
    term.expect(">>> ");
    term.send(b"micropython.const\t");
    term.expect("micropython.const");
    term.send(b"(5)\r");
    term.expect("5\r\n>>> ");
    // Up arrow recalls the last line from the board's own history.
    term.send(b"\x1b[A\r");
    term.expect("micropython.const(5)");
    term.expect("5\r\n>>> ");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn reconnects_when_the_board_comes_back() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(3_000),
        replug_after: Some(Duration::from_millis(700)),
        stable_link: true,
        ..Default::default()
    });
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"print('z' * 5000)\r");
    term.expect("lost the board");
    term.expect("reconnected to");
    term.expect(">>> ");
    term.evaluate("6*7", "42");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn exit_key_works_while_waiting_for_the_board() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(3_000),
        ..Default::default()
    });
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(">>> ");
    term.send(b"print('z' * 5000)\r");
    term.expect("waiting for it to come back");
    term.send(b"typed while away\r");
    term.expect("input is dropped");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

#[test]
fn ctrl_right_bracket_exits_and_restores_the_terminal() {
    let board = SimBoard::start();
    let mut term = Terminal::shell(&around_upy(board.port(), ""));
    term.expect(GREETING);
    term.expect(">>> ");
    term.evaluate("2**10", "1024");
    term.send(EXIT_KEY);
    term.expect("status=0");
    term.expect(SHOWN);
    assert_eq!(term.wait(), 0);
    let (before, after) = stty_around(&term.text(), "status=");
    assert_eq!(before, after, "terminal settings changed");
}

#[test]
fn ctrl_x_exits_and_restores_the_terminal() {
    let board = SimBoard::start();
    let mut term = Terminal::shell(&around_upy(board.port(), ""));
    term.expect(">>> ");
    term.send(EXIT_KEY_ALT);
    term.expect("status=0");
    term.expect(SHOWN);
    let (before, after) = stty_around(&term.text(), "status=");
    assert_eq!(before, after, "terminal settings changed");
}

#[test]
fn sigterm_restores_the_terminal() {
    let board = SimBoard::start();
    let mut term = Terminal::upy_repl(board.port(), &[]);
    term.expect(GREETING);
    term.expect(">>> ");
    assert_ne!(
        settings(term.master.as_ref()),
        term.initial,
        "not in raw mode"
    );
    let pid = term.child.process_id().expect("upy's pid");
    let killed = std::process::Command::new("bash")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .expect("run bash");
    assert!(killed.success());
    term.wait();
    term.assert_restored();
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_resumes() {
    let board = SimBoard::start();
    let script = format!(
        "set -m; stty -g; \"$UPY\" --port {} repl; echo \"stopped=$?\"; stty -g; echo {SHOWN}; \
         fg >/dev/null; echo \"status=$?\"; stty -g; echo {SHOWN}",
        board.port()
    );
    let mut term = Terminal::shell(&script);
    term.expect(">>> ");
    term.send(b"resumed = 'yes'\r");
    term.expect(">>> ");
    term.send(b"\x1a");
    term.expect("stopped=");
    term.expect(SHOWN);
    let (before, while_stopped) = stty_around(&term.text(), "stopped=");
    assert_eq!(before, while_stopped, "terminal left raw while suspended");
    std::thread::sleep(Duration::from_millis(300));
    term.evaluate("resumed", "'yes'");
    term.send(EXIT_KEY);
    term.expect("status=0");
    term.expect(SHOWN);
    let (before, after) = stty_around(&term.text(), "status=");
    assert_eq!(before, after, "terminal settings changed");
}

#[test]
fn board_gone_without_reconnect_fails_and_restores_the_terminal() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(3_000),
        ..Default::default()
    });
    let mut term = Terminal::shell(&around_upy(board.port(), "--no-reconnect"));
    term.expect(">>> ");
    term.send(b"print('z' * 5000)\r");
    term.expect("lost the board");
    term.expect("status=4");
    term.expect(SHOWN);
    let (before, after) = stty_around(&term.text(), "status=");
    assert_eq!(before, after, "terminal settings changed");
}

#[test]
fn ctrl_t_pastes_the_file_again_read_afresh() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("script.py");
    std::fs::write(&script, "print('version', 1)\n").unwrap();
    let mut term = Terminal::upy_repl(board.port(), &["--paste", script.to_str().unwrap()]);
    term.expect("Ctrl-T pastes");
    term.expect("version 1\r\n>>> ");
    std::fs::write(&script, "for i in range(2):\n    print('version', 2 + i)\n").unwrap();
    term.send(b"\x14");
    term.expect("version 2\r\nversion 3\r\n>>> ");
    term.send(EXIT_KEY);
    assert_eq!(term.wait(), 0);
    term.assert_restored();
}

/// Runs `upy --port PORT repl ARGS` with `input` piped to stdin.
fn piped(port: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = upy()
        .args(["--port", port, "repl"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run upy");
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    wait_output(child)
}

fn wait_output(mut child: std::process::Child) -> std::process::Output {
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().expect("poll upy").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect upy output")
}

#[test]
fn piped_input_is_forwarded_and_ends_cleanly() {
    let board = SimBoard::start();
    let output = piped(
        board.port(),
        &[],
        b"import time\rtime.sleep(0.5)\rprint('after', 6*7)\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("after 42"), "{text:?}");
    assert!(text.trim_end().ends_with(">>>"), "{text:?}");
    assert!(stderr(&output).contains(GREETING), "{}", stderr(&output));
}

#[test]
fn exit_key_in_piped_input_ends_the_session_at_once() {
    let board = SimBoard::start();
    let started = Instant::now();
    let output = piped(board.port(), &[], b"print('before')\r\x18print('after')\r");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stdout(&output).contains("after"), "{}", stdout(&output));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn invalid_utf8_output_passes_through_unchanged() {
    let board = SimBoard::start();
    let output = piped(
        board.port(),
        &[],
        b"import sys; sys.stdout.buffer.write(b'<\\xff\\xfe\\x80>\\n')\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        find(&output.stdout, b"<\xff\xfe\x80>").is_some(),
        "{:?}",
        output.stdout
    );
}

#[test]
fn capture_records_the_session_output() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let capture = dir.path().join("session.log");
    let output = piped(
        board.port(),
        &["--capture", capture.to_str().unwrap()],
        b"print('captured', 6*7)\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let recorded = std::fs::read(&capture).expect("capture file");
    assert!(find(&recorded, b"captured 42").is_some(), "{recorded:?}");
    assert_eq!(
        recorded, output.stdout,
        "capture differs from what was shown"
    );
}

#[test]
fn paste_file_runs_through_paste_mode() {
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("blink.py");
    std::fs::write(
        &script,
        "def blink(n):\r\n    return ['on', 'off'] * n\r\n\r\nprint(blink(2))\r\n",
    )
    .unwrap();
    let output = piped(
        board.port(),
        &["--paste", script.to_str().unwrap()],
        b"print(blink(1))\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("=== "), "not pasted: {text:?}");
    assert!(text.contains("['on', 'off', 'on', 'off']"), "{text:?}");
    assert!(text.contains("['on', 'off']\n"), "{text:?}");
}

#[test]
fn exec_runs_code_before_the_keyboard() {
    let board = SimBoard::start();
    let output = piped(
        board.port(),
        &["--exec", "greeting = 'hello'\nprint(greeting, 6*7)"],
        b"print(greeting.upper())\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let hello = text.find("hello 42").expect("exec output");
    let upper = text.find("HELLO").expect("typed line ran after exec");
    assert!(hello < upper, "{text:?}");
}

#[test]
fn exec_interrupts_a_busy_main_py() {
    let board = SimBoard::with(SimOptions {
        files: vec![(
            "main.py".into(),
            b"import time\nwhile True:\n    time.sleep(0.05)\n".to_vec(),
        )],
        ..Default::default()
    });
    // main.py only runs after a soft reset: start it, then leave it spinning.
    let output = piped(board.port(), &[], b"\x04");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = piped(board.port(), &["--exec", "print('got in')"], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("got in\n"), "{}", stdout(&output));
}

#[test]
fn exec_fails_when_the_board_will_not_stop() {
    let stubborn = "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    \
                    except KeyboardInterrupt:\n        pass\n";
    let board = SimBoard::with(SimOptions {
        files: vec![("main.py".into(), stubborn.as_bytes().to_vec())],
        ..Default::default()
    });
    let output = piped(board.port(), &[], b"\x04");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = piped(board.port(), &["--exec", "print('got in')"], b"");
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("no `>>>` prompt"), "{message}");
    assert!(message.contains("--exec code not run"), "{message}");
}

#[test]
fn missing_port_is_reported_with_no_device_status() {
    let output = upy()
        .args(["--port", "/dev/upy-no-such-port", "repl"])
        .stdin(Stdio::null())
        .output()
        .expect("run upy");
    assert_eq!(output.status.code(), Some(3));
    let message = stderr(&output);
    assert!(
        message.contains("no serial port /dev/upy-no-such-port"),
        "{message}"
    );
}

#[test]
fn missing_paste_file_fails_before_connecting() {
    let board = SimBoard::start();
    let output = upy()
        .args([
            "--port",
            board.port(),
            "repl",
            "--paste",
            "/nonexistent/x.py",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run upy");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("/nonexistent/x.py"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn busy_port_is_reported_with_port_busy_status() {
    let board = SimBoard::start();
    let mut first = upy()
        .args(["--port", board.port(), "repl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run upy");
    let mut greeting = String::new();
    BufReader::new(first.stderr.take().expect("stderr"))
        .read_line(&mut greeting)
        .expect("first session greets");
    assert!(greeting.contains("connected"), "{greeting:?}");
    let second = upy()
        .args(["--port", board.port(), "repl"])
        .stdin(Stdio::null())
        .output()
        .expect("run upy");
    drop(first.stdin.take());
    let _ = first.wait();
    assert_eq!(second.status.code(), Some(6), "{}", stderr(&second));
    assert!(stderr(&second).contains("is busy"), "{}", stderr(&second));
}

#[test]
fn board_gone_at_end_of_piped_input_is_an_error() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(2_000),
        ..Default::default()
    });
    let output = piped(board.port(), &[], b"print('z' * 5000)\r");
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(stderr(&output).contains("went away"), "{}", stderr(&output));
}

#[test]
fn auto_port_picks_the_only_usb_serial_port_or_says_why_not() {
    let usb: Vec<String> = serialport::available_ports()
        .unwrap_or_default()
        .into_iter()
        .filter(|port| matches!(port.port_type, serialport::SerialPortType::UsbPort(_)))
        .map(|port| port.port_name)
        .collect();
    let output = upy()
        .arg("repl")
        .stdin(Stdio::null())
        .output()
        .expect("run upy");
    let message = stderr(&output);
    match usb.as_slice() {
        [] => {
            assert_eq!(output.status.code(), Some(3), "{message}");
            assert!(message.contains("no MicroPython board found"), "{message}");
        }
        // With USB ports present, `auto` keeps only those with a MicroPython or bridge USB id.
        _ => assert!(
            output.status.code() == Some(3) || usb.iter().any(|p| message.contains(p.as_str())),
            "{message}"
        ),
    }
}

#[test]
fn old_firmware_on_the_microbit_runs_exec_and_typed_lines() {
    let board = crate::simboard::MicrobitBoard::start();
    std::thread::sleep(Duration::from_millis(500));
    let output = piped(
        board.port(),
        &["--exec", "def area(r):\n    return 3 * r * r\n"],
        b"print('area', area(7))\r",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("area 147\r\n>>> "), "{text:?}");
}

/// The micro:bit drops input beyond ~64 unpaced bytes: pasting a long file only works when
/// upy waits for the echo of each piece.
#[test]
fn long_paste_reaches_a_board_with_a_tiny_input_buffer() {
    let board = crate::simboard::MicrobitBoard::start();
    std::thread::sleep(Duration::from_millis(500));
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("long.py");
    let mut code = String::from("total = 0\n");
    for i in 0..40 {
        code.push_str(&format!(
            "total += {i}  # line {i:02} of a long pasted file\n"
        ));
    }
    code.push_str("print('total', total)\n");
    assert!(code.len() > 1500);
    std::fs::write(&script, &code).unwrap();
    let output = piped(board.port(), &["--paste", script.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("total 780\r\n"), "{text:?}");
}
