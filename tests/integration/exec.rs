//! `upy exec`, and getting control of a board whatever it is doing; the connection errors.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::simboard::{venv_bin, SimBoard, SimOptions};
use crate::util::{assert_success, stderr, stdout, upy_on};

fn text(output: &std::process::Output) -> String {
    stdout(output).replace("\r\n", "\n")
}

fn board_with_main(main_py: &str) -> SimBoard {
    SimBoard::with(SimOptions {
        files: vec![("main.py".into(), main_py.as_bytes().to_vec())],
        ..SimOptions::default()
    })
}

#[test]
fn exec_streams_the_output_of_code() {
    let board = SimBoard::start();
    let output = upy_on(board.port(), &["exec", "for i in range(3):\n print(i*i)"]);
    assert_success(&output);
    assert_eq!(text(&output), "0\n1\n4\n");
}

#[test]
fn exec_exception_exits_5_with_the_traceback() {
    let board = SimBoard::start();
    let output = upy_on(
        board.port(),
        &["exec", "print('before')\nraise ValueError('boom')"],
    );
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert_eq!(text(&output), "before\n");
    let err = stderr(&output);
    assert!(err.contains("Traceback"), "{err}");
    assert!(err.contains("ValueError: boom"), "{err}");
}

#[test]
fn exec_takes_control_of_a_busy_main_py() {
    let board = board_with_main("while True:\n    pass\n");
    let output = upy_on(board.port(), &["exec", "print('in control')"]);
    assert_success(&output);
    assert_eq!(text(&output), "in control\n");
}

#[test]
fn exec_takes_control_while_the_board_prints_without_pause() {
    let board = board_with_main("i = 0\nwhile True:\n    print('raw REPL; tick', i)\n    i += 1\n");
    // Let the noise build up before connecting.
    std::thread::sleep(Duration::from_millis(300));
    let output = upy_on(board.port(), &["exec", "print('quiet now')"]);
    assert_success(&output);
    assert_eq!(text(&output), "quiet now\n");
}

#[test]
fn exec_takes_control_of_a_program_that_catches_interrupts() {
    let main = "import time\nn = 0\nwhile n < 3:\n    try:\n        while True:\n            time.sleep_ms(1)\n    except KeyboardInterrupt:\n        n += 1\n        print('caught', n)\n";
    let board = board_with_main(main);
    let output = upy_on(board.port(), &["exec", "print('got it')"]);
    assert_success(&output);
    assert!(text(&output).ends_with("got it\n"), "{}", text(&output));
}

#[test]
fn exec_keeps_the_board_usable_for_the_next_command() {
    let board = SimBoard::start();
    assert_success(&upy_on(board.port(), &["exec", "x = 41"]));
    let output = upy_on(board.port(), &["exec", "print(x + 1)"]);
    assert_success(&output);
    assert_eq!(text(&output), "42\n");
}

#[test]
fn missing_port_exits_3_and_points_to_upy_devs() {
    let output = upy_on("/dev/upy-no-such-port", &["exec", "pass"]);
    assert_eq!(output.status.code(), Some(3));
    let err = stderr(&output);
    assert!(
        err.contains("/dev/upy-no-such-port") && err.contains("upy devs"),
        "{err}"
    );
}

#[test]
fn busy_port_exits_6_and_says_to_close_the_other_program() {
    let board = SimBoard::start();
    let _holder = serialport::new(board.port(), 115_200)
        .open_native()
        .expect("hold the port");
    let output = upy_on(board.port(), &["exec", "pass"]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    assert!(stderr(&output).contains("busy"), "{}", stderr(&output));
}

/// A serial device that is not MicroPython: a pty whose other end never answers, or answers
/// every input with a modem's `ERROR`.
pub(crate) struct OtherDevice {
    child: Child,
    pub(crate) port: String,
}

impl OtherDevice {
    pub(crate) fn start(answer: &str) -> OtherDevice {
        OtherDevice::run(&format!(
            "import os,pty,tty,sys\nm,s=pty.openpty()\ntty.setraw(s)\nprint('PORT',os.ttyname(s),flush=True)\nwhile True:\n d=os.read(m,1024)\n if {answer:?}: os.write(m,{answer:?}.encode())\n"
        ))
    }

    /// Runs a Python script that opens a pty and prints `PORT <path>` first.
    fn run(script: &str) -> OtherDevice {
        let mut child = Command::new(venv_bin("python"))
            .args(["-c", script])
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .expect("start the other device");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("port line");
        let port = line.trim().trim_start_matches("PORT ").to_string();
        OtherDevice { child, port }
    }
}

impl Drop for OtherDevice {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn silent_device_exits_9_board_not_answering() {
    let device = OtherDevice::start("");
    let started = Instant::now();
    let output = upy_on(&device.port, &["exec", "pass"]);
    assert_eq!(output.status.code(), Some(9), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("stopped answering"),
        "{}",
        stderr(&output)
    );
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn device_that_is_not_micropython_exits_8() {
    let device = OtherDevice::start("ERROR\r\n");
    let output = upy_on(&device.port, &["exec", "pass"]);
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("does not look like a MicroPython board"),
        "{err}"
    );
    assert!(err.contains("ERROR"), "{err}");
}

/// A device that sends random bytes without pause, as a board at the wrong baud rate or a
/// noisy line does.
fn noisy_device() -> OtherDevice {
    OtherDevice::run("import os,pty,tty,random,time\nm,s=pty.openpty()\ntty.setraw(s)\nprint('PORT',os.ttyname(s),flush=True)\nr=random.Random(5)\nwhile True:\n os.write(m,bytes(r.randrange(256) for _ in range(64)))\n time.sleep(0.005)\n")
}

#[test]
fn device_sending_random_bytes_is_recognised_quickly_with_a_hex_sample() {
    let device = noisy_device();
    let started = Instant::now();
    let output = upy_on(&device.port, &["exec", "pass"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("does not look like a MicroPython board"),
        "{err}"
    );
    assert!(err.contains("bytes "), "{err}");
    // Readable: no raw control bytes reach the terminal.
    assert!(!err.bytes().any(|b| b < 0x20 && b != b'\n'), "{err:?}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

#[test]
fn device_answering_in_text_is_recognised_within_seconds() {
    let device = OtherDevice::start("ERROR\r\n");
    let started = Instant::now();
    let output = upy_on(&device.port, &["exec", "pass"]);
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert!(stderr(&output).contains("ERROR"), "{}", stderr(&output));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn board_unplugged_mid_command_exits_4() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(400),
        ..SimOptions::default()
    });
    let output = upy_on(
        board.port(),
        &[
            "exec",
            "import time\nfor i in range(1000):\n print('line', i)\n time.sleep_ms(1)",
        ],
    );
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("disconnected"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn exec_takes_control_of_a_chatty_board_behind_a_slow_link() {
    // At 115200 baud the program's output backs up: banners from earlier attempts arrive late.
    let board = SimBoard::with(SimOptions {
        files: vec![(
            "main.py".into(),
            b"i = 0\nwhile True:\n    print('tick', i)\n    i += 1\n".to_vec(),
        )],
        baud: Some(115_200),
        ..SimOptions::default()
    });
    // (Within about two seconds of the simulator's boot, its interpreter does not take the
    // Ctrl-C of a program blocked on a full output pty; a board on a desk has long booted.)
    std::thread::sleep(Duration::from_millis(3000));
    let output = upy_on(board.port(), &["exec", "print('got control')"]);
    assert_success(&output);
    assert_eq!(text(&output), "got control\n");
    let output = upy_on(board.port(), &["exec", "print('still')"]);
    assert_success(&output);
    assert_eq!(text(&output), "still\n");
}
