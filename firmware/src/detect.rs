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
    let failed = |reason: String| Error::BootloaderError {
        port: port_name.to_string(),
        during: "asking MicroPython to enter its bootloader".into(),
        reason,
    };
    let transport = upy_protocol::transport::open_when_ready(
        port_name,
        &upy_protocol::SerialOptions::default(),
        Duration::from_secs(2),
    )
    .map_err(crate::flasher::rom::port_error)?;
    let mut session = upy_protocol::Session::new(Box::new(transport));
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
