//! Finding the board: serial ports with their USB ids, bootloader drives, and asking a
//! running MicroPython to enter its bootloader.

use std::io::{Read, Write};
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
        if let Some(board) = catalog.board_for_usb(vid, pid).filter(|b| !b.chip.is_esp()) {
            let id = board.id.clone();
            found.push(Found::BoardPort(port, id));
        } else if is_esp_usb(vid, pid) {
            found.push(Found::EspPort(port));
        }
    }
    found
}

/// Asks MicroPython running on `port` to call `machine.bootloader()`: interrupt whatever
/// runs, enter the raw REPL, run the call. The board resets into its ROM bootloader (ESP32
/// family) or BOOTSEL drive (RP2); the port may vanish while it does.
pub fn enter_bootloader_via_repl(port_name: &str) -> Result<()> {
    let mut port = serialport::new(port_name, 115_200)
        .timeout(Duration::from_millis(50))
        .open()
        .map_err(|e| Error::PortUnavailable {
            port: port_name.to_string(),
            reason: e.to_string(),
        })?;
    let io = |e: std::io::Error| Error::BootloaderError {
        port: port_name.to_string(),
        during: "asking MicroPython to enter its bootloader".into(),
        reason: e.to_string(),
    };
    port.write_all(b"\r\x03\x03").map_err(io)?;
    std::thread::sleep(Duration::from_millis(100));
    let _ = port.clear(serialport::ClearBuffer::Input);
    port.write_all(b"\x01").map_err(io)?;
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(2);
    while !seen.windows(10).any(|w| w == b"raw REPL; ") {
        if Instant::now() > deadline {
            return Err(Error::BootloaderError {
                port: port_name.to_string(),
                during: "asking MicroPython to enter its bootloader".into(),
                reason: "no MicroPython raw REPL answered".into(),
            });
        }
        let mut buffer = [0u8; 256];
        match port.read(&mut buffer) {
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => return Err(io(e)),
        }
    }
    port.write_all(b"import machine\nmachine.bootloader()\n\x04")
        .map_err(io)?;
    let _ = port.flush();
    // Give the board time to reset before anyone opens the port again.
    std::thread::sleep(Duration::from_millis(300));
    Ok(())
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
