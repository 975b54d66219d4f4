//! The simulated boards themselves behave like boards (checked with a plain serial port).

use std::io::Write;
use std::time::{Duration, Instant};

use crate::simboard::{SimBoard, SimOptions};

fn open(port: &str) -> Box<dyn serialport::SerialPort> {
    serialport::new(port, 115_200)
        .timeout(Duration::from_millis(50))
        .open()
        .expect("open the simulated board")
}

/// Reads until `needle` appears or `timeout` passes; returns everything read.
fn read_until(port: &mut dyn serialport::SerialPort, needle: &[u8], timeout: Duration) -> Vec<u8> {
    let deadline = Instant::now() + timeout;
    let mut seen = Vec::new();
    let mut buf = [0u8; 512];
    while Instant::now() < deadline {
        match port.read(&mut buf) {
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => break,
        }
        if seen.windows(needle.len()).any(|w| w == needle) {
            break;
        }
    }
    seen
}

/// Reads until the board has been quiet for 300 ms.
fn drain(port: &mut dyn serialport::SerialPort) {
    let mut buf = [0u8; 512];
    let mut quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(300) {
        if let Ok(n) = port.read(&mut buf) {
            if n > 0 {
                quiet_since = Instant::now();
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn enter_raw(port: &mut dyn serialport::SerialPort) {
    port.write_all(b"\r\x03\x03").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    port.write_all(b"\r\x01").unwrap();
    let seen = read_until(
        port,
        b"raw REPL; CTRL-B to exit\r\n>",
        Duration::from_secs(5),
    );
    assert!(
        contains(&seen, b"raw REPL; CTRL-B to exit\r\n>"),
        "{seen:?}"
    );
}

#[test]
fn soft_reset_in_raw_repl_reboots_like_a_board() {
    let board = SimBoard::start();
    let mut port = open(board.port());
    enter_raw(port.as_mut());
    port.write_all(b"x = 5\x04").unwrap();
    read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    port.write_all(b"\x04").unwrap();
    let seen = read_until(
        port.as_mut(),
        b"CTRL-B to exit\r\n>",
        Duration::from_secs(10),
    );
    assert!(contains(&seen, b"soft reboot\r\n"), "{seen:?}");
    port.write_all(b"print('x' in globals())\x04").unwrap();
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    assert!(
        contains(&seen, b"OKFalse"),
        "state survived the reset: {seen:?}"
    );
}

#[test]
fn friendly_soft_reset_runs_main_py_from_the_board_root() {
    let board = SimBoard::with(SimOptions {
        files: vec![("main.py".into(), b"print('main says', 6*7)\n".to_vec())],
        ..Default::default()
    });
    let mut port = open(board.port());
    port.write_all(b"\r\x03\x02").unwrap();
    drain(port.as_mut());
    port.write_all(b"\x04").unwrap();
    let seen = read_until(port.as_mut(), b"main says 42", Duration::from_secs(10));
    assert!(contains(&seen, b"soft reboot"), "{seen:?}");
    assert!(contains(&seen, b"main says 42"), "{seen:?}");
}

#[test]
fn ctrl_c_interrupts_raw_paste_code() {
    let board = SimBoard::start();
    let mut port = open(board.port());
    enter_raw(port.as_mut());
    port.write_all(b"\x05A\x01").unwrap();
    let seen = read_until(port.as_mut(), b"\x01", Duration::from_secs(5));
    assert!(seen.starts_with(b"R\x01"), "no raw-paste: {seen:?}");
    port.write_all(b"while True: pass\x04").unwrap();
    read_until(port.as_mut(), b"\x04", Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(200));
    port.write_all(b"\x03").unwrap();
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    assert!(contains(&seen, b"KeyboardInterrupt"), "{seen:?}");
}

#[test]
fn board_root_is_the_private_folder() {
    let board = SimBoard::start();
    std::fs::write(board.root().join("marker.txt"), b"here").unwrap();
    let mut port = open(board.port());
    enter_raw(port.as_mut());
    port.write_all(b"import os; print(os.listdir('/'), open('/marker.txt').read())\x04")
        .unwrap();
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    assert!(contains(&seen, b"['marker.txt'] here"), "{seen:?}");
}

#[test]
fn paced_link_runs_at_uart_speed() {
    let board = SimBoard::with(SimOptions {
        baud: Some(115_200),
        ..Default::default()
    });
    let mut port = open(board.port());
    enter_raw(port.as_mut());
    let start = Instant::now();
    port.write_all(b"print('y' * 5760)\x04").unwrap();
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(10));
    let elapsed = start.elapsed();
    assert!(seen.len() > 5760);
    // 5,760 bytes at 11,520 bytes/s take half a second; unpaced they take milliseconds.
    assert!(
        elapsed >= Duration::from_millis(450),
        "not paced: {elapsed:?}"
    );
}

#[test]
fn cut_link_comes_back_at_the_same_path() {
    let board = SimBoard::with(SimOptions {
        cut_after: Some(2_000),
        replug_after: Some(Duration::from_millis(300)),
        ..Default::default()
    });
    let mut port = open(board.port());
    enter_raw(port.as_mut());
    let _ = port.write_all(b"print('z' * 4000)\x04");
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    assert!(!contains(&seen, b"\x04>"), "link was not cut");
    assert_eq!(
        board.next_event(Duration::from_secs(5)).as_deref(),
        Some("UNPLUGGED")
    );
    let back = board.next_event(Duration::from_secs(5)).expect("replugged");
    assert_eq!(back, format!("PORT {}", board.port()));
    let mut port = open(board.port());
    enter_raw(port.as_mut());
}

#[test]
fn microbit_runs_old_firmware_without_raw_paste() {
    let board = crate::simboard::MicrobitBoard::start();
    let mut port = open(board.port());
    std::thread::sleep(Duration::from_millis(500));
    enter_raw(port.as_mut());
    port.write_all(b"\x05A\x01").unwrap();
    let seen = read_until(
        port.as_mut(),
        b"CTRL-B to exit\r\n>",
        Duration::from_secs(5),
    );
    assert!(seen.starts_with(b"raw REPL"), "raw-paste answer: {seen:?}");
    port.write_all(b"print(6*7)\x04").unwrap();
    let seen = read_until(port.as_mut(), b"\x04>", Duration::from_secs(5));
    assert!(contains(&seen, b"OK42\r\n\x04\x04>"), "{seen:?}");
}
