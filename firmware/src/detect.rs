//! Finding the board: serial ports with their USB ids, bootloader drives, and asking a
//! running MicroPython to enter its bootloader.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::flasher::{daplink, drive, uf2};

/// A serial port and its USB identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialPortInfo {
    /// The device path (`/dev/ttyUSB0`, `COM3`).
    pub name: String,
    /// USB vendor and product id, when it is a USB port.
    pub usb: Option<(u16, u16)>,
    /// The USB product string.
    pub product: Option<String>,
}

/// Serial ports present now.
pub fn serial_ports() -> Vec<SerialPortInfo> {
    let Ok(ports) = serialport::available_ports() else {
        return Vec::new();
    };
    ports
        .into_iter()
        .map(|port| match port.port_type {
            serialport::SerialPortType::UsbPort(usb) => SerialPortInfo {
                name: port.port_name,
                usb: Some((usb.vid, usb.pid)),
                product: usb.product,
            },
            _ => SerialPortInfo {
                name: port.port_name,
                usb: None,
                product: None,
            },
        })
        .collect()
}

/// USB ids of the USB-serial bridges and native USB ports ESP boards use.
pub fn is_esp_usb(vid: u16, pid: u16) -> bool {
    matches!(
        (vid, pid),
        (0x10c4, 0xea60)
            | (0x1a86, 0x7523)
            | (0x1a86, 0x55d4)
            | (0x0403, 0x6001)
            | (0x0403, 0x6010)
            | (0x0403, 0x6015)
            | (0x303a, _)
    )
}

/// What was found attached.
#[derive(Debug, Clone)]
pub enum Found {
    /// A UF2 bootloader drive.
    Uf2Drive(uf2::Uf2Drive),
    /// A DAPLink drive.
    DaplinkDrive(daplink::DaplinkDrive),
    /// A serial port that looks like an ESP board (USB-serial bridge or Espressif USB).
    EspPort(SerialPortInfo),
    /// A serial port of a board the catalog knows by its USB id.
    BoardPort(SerialPortInfo, String),
}

/// Everything attached that `upy flash` could use, drives first.
pub fn scan(catalog: &Catalog, roots: &[PathBuf]) -> Vec<Found> {
    let mut found: Vec<Found> = uf2::find(roots).into_iter().map(Found::Uf2Drive).collect();
    found.extend(
        drive::find_drives(roots, daplink::DETAILS_FILE)
            .iter()
            .filter_map(|p| daplink::DaplinkDrive::open(p).ok())
            .map(Found::DaplinkDrive),
    );
    for port in serial_ports() {
        let Some((vid, pid)) = port.usb else { continue };
        if let Some(board) = catalog.board_for_usb(vid, pid) {
            let id = board.id.clone();
            found.push(Found::BoardPort(port, id));
        } else if is_esp_usb(vid, pid) {
            found.push(Found::EspPort(port));
        }
    }
    found
}

/// A session on `port_name`, waiting up to 2 s for a port that has just appeared.
fn open_session(port_name: &str) -> Result<upy_protocol::Session> {
    let transport = upy_protocol::transport::open_when_ready(
        port_name,
        &upy_protocol::SerialOptions::default(),
        Duration::from_secs(2),
    )
    .map_err(crate::flasher::rom::port_error)?;
    Ok(upy_protocol::Session::new(Box::new(transport)))
}

/// Asks MicroPython running on `port` to call `machine.bootloader()`: interrupt whatever
/// runs, enter the raw REPL, run the call. The board resets into its ROM bootloader (ESP32
/// family) or BOOTSEL drive (RP2); the port may vanish while it does.
pub fn enter_bootloader_via_repl(port_name: &str) -> Result<()> {
    let failed = |reason: String| Error::BootloaderError {
        port: port_name.to_string(),
        during: "asking MicroPython to enter its bootloader".into(),
        reason,
    };
    let mut session = open_session(port_name)?;
    session
        .enter_raw_repl()
        .map_err(|e| failed(e.to_string()))?;
    // The board resets as soon as it runs the call: what it answers (if anything) is not
    // waited for.
    session
        .start_program("import machine\nmachine.bootloader()")
        .map_err(|e| failed(e.to_string()))?;
    let (_transport, _unread) = session.into_parts();
    // Give the board time to reset before anyone opens the port again.
    std::thread::sleep(Duration::from_millis(300));
    Ok(())
}

/// What a running MicroPython says about itself, for telling its board and release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningFirmware {
    /// `sys.implementation.version` as `X.Y.Z`, with `-preview` etc. when it has a suffix.
    pub version: String,
    /// `sys.implementation._machine` (`os.uname().machine` on firmware that lacks it).
    pub machine: String,
    /// `sys.implementation._build` (MicroPython 1.22 and later).
    pub build: Option<String>,
}

/// Asks the MicroPython on `port_name`, if one answers at once, what it is. `Ok(None)` when
/// nothing answers like a MicroPython REPL within a few seconds (a board in its ROM bootloader, a
/// busy program that ignores Ctrl-C): the caller then tries the bootloaders. Only Ctrl-C and
/// Ctrl-A are sent before that, which a ROM bootloader ignores; the modem lines are left alone.
pub fn query_running(port_name: &str) -> Result<Option<RunningFirmware>> {
    let failed = |reason: String| Error::BootloaderError {
        port: port_name.to_string(),
        during: "asking MicroPython what it is".into(),
        reason,
    };
    let mut session = open_session(port_name)?;
    // Two tries: a board that has just been plugged in, or a loaded machine, can miss the
    // first second.
    let mut answered = false;
    for wait in [Duration::from_millis(1000), Duration::from_millis(1500)] {
        session
            .write_raw(b"\r\x03\x03\x01")
            .map_err(|e| failed(e.to_string()))?;
        if wait_for_raw_repl_banner(&mut session, wait).map_err(|e| failed(e.to_string()))? {
            answered = true;
            break;
        }
    }
    if !answered {
        return Ok(None);
    }
    session
        .enter_raw_repl()
        .map_err(|e| failed(e.to_string()))?;
    let output = session
        .exec_capture(RUNNING_SNIPPET)
        .map_err(|e| failed(e.to_string()))?;
    let _ = session.exit_raw_repl();
    Ok(Some(parse_running(&String::from_utf8_lossy(&output))))
}

fn wait_for_raw_repl_banner(
    session: &mut upy_protocol::Session,
    wait: Duration,
) -> std::result::Result<bool, upy_protocol::Error> {
    let deadline = Instant::now() + wait;
    let mut seen = Vec::new();
    let mut buffer = [0u8; 256];
    while !seen.windows(9).any(|w| w == b"raw REPL;") {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        let n = session.read_raw(&mut buffer, left.min(Duration::from_millis(100)))?;
        seen.extend_from_slice(&buffer[..n]);
    }
    Ok(true)
}

/// Prints version, machine and build on three lines; runs on MicroPython 1.9 and later.
const RUNNING_SNIPPET: &str = r#"import sys
i=sys.implementation
v=i.version
print('%d.%d.%d%s'%(v[0],v[1],v[2],('-'+v[3]) if len(v)>3 and v[3] else ''))
try:print(i._machine)
except AttributeError:
 import os;print(os.uname()[4])
print(getattr(i,'_build',''))
del i,v
"#;

fn parse_running(text: &str) -> RunningFirmware {
    let mut lines = text.lines().map(str::trim);
    let version = lines.next().unwrap_or("").to_string();
    let machine = lines.next().unwrap_or("").to_string();
    let build = lines.next().filter(|b| !b.is_empty()).map(str::to_string);
    RunningFirmware {
        version,
        machine,
        build,
    }
}

/// Orders MicroPython versions: `1.22.2` < `1.23.0-preview` < `1.23.0`.
pub fn version_order(version: &str) -> (Vec<u32>, bool) {
    let version = version.trim().trim_start_matches('v');
    let (numbers, suffix) = version.split_once('-').unwrap_or((version, ""));
    (
        numbers.split('.').filter_map(|p| p.parse().ok()).collect(),
        suffix.is_empty(),
    )
}

/// Waits until a serial port for which `wanted` holds appears; returns it.
pub fn wait_for_port(
    timeout: Duration,
    wanted: impl Fn(&SerialPortInfo) -> bool,
) -> Option<SerialPortInfo> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(port) = serial_ports().into_iter().find(|p| wanted(p)) {
            return Some(port);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_firmware_report_is_parsed() {
        let report = parse_running("1.22.2\r\nRaspberry Pi Pico W with RP2040\r\nRPI_PICO_W\r\n");
        assert_eq!(report.version, "1.22.2");
        assert_eq!(report.machine, "Raspberry Pi Pico W with RP2040");
        assert_eq!(report.build.as_deref(), Some("RPI_PICO_W"));
        assert_eq!(
            parse_running("1.9.2\nmicro:bit with nRF51822\n\n").build,
            None
        );
    }

    #[test]
    fn versions_order_with_previews_before_their_release() {
        assert!(version_order("1.22.2") < version_order("1.23.0-preview"));
        assert!(version_order("1.23.0-preview") < version_order("1.23.0"));
        assert!(version_order("v1.9.2") < version_order("1.20.0"));
        assert_eq!(version_order("1.28.0"), version_order("v1.28.0"));
    }
}
