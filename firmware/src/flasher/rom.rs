//! A small client of Espressif's ROM serial bootloader: SLIP framing, commands, sync and chip
//! detection. The ESP8266 flasher is built on it, and it identifies every ESP chip before
//! anything is written, so that an image for another chip is refused first.
//!
//! Wire format: each packet is SLIP-framed (0xC0 ends, 0xDB escapes). A request is
//! `[0x00, op, len:u16, checksum:u32, data]`, a response `[0x01, op, len:u16, value:u32,
//! data, status...]`; the ROM's status is 4 bytes on ESP32-class chips and 2 on the ESP8266,
//! so the length of a READ_REG answer tells the two apart.

use std::io::{Read, Write};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serialport::SerialPort;

use crate::chip::Chip;
use crate::error::{Error, Result};

/// The native serial port type espflash also takes.
pub(crate) type Port = espflash::connection::Port;

const END: u8 = 0xC0;
const ESC: u8 = 0xDB;
const ESC_END: u8 = 0xDC;
const ESC_ESC: u8 = 0xDD;

pub(crate) const OP_FLASH_BEGIN: u8 = 0x02;
pub(crate) const OP_FLASH_DATA: u8 = 0x03;
pub(crate) const OP_FLASH_END: u8 = 0x04;
const OP_SYNC: u8 = 0x08;
const OP_WRITE_REG: u8 = 0x09;
const OP_READ_REG: u8 = 0x0A;
const OP_CHANGE_BAUDRATE: u8 = 0x0F;
const OP_GET_SECURITY_INFO: u8 = 0x14;

const CHIP_MAGIC_REG: u32 = 0x4000_1000;
const USB_JTAG_SERIAL_PID: u16 = 0x1001;

/// How the chip is put into its bootloader before talking to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResetBefore {
    /// Toggle DTR/RTS (auto-reset circuit, or the USB-Serial-JTAG sequence).
    #[default]
    DefaultReset,
    /// The chip is already in its bootloader (ports without modem lines, emulators).
    NoReset,
}

/// What happens to the chip after flashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResetAfter {
    /// Pulse EN through RTS so the new firmware starts.
    #[default]
    HardReset,
    /// Leave the chip in its bootloader.
    NoReset,
}

/// A ROM bootloader session on a serial port.
pub(crate) struct RomLink {
    port: Port,
    name: String,
    pending: Vec<u8>,
    /// Status bytes after each response's data (2 or 4), known after the first READ_REG.
    status_len: usize,
}

fn slip_encode(payload: &[u8], out: &mut Vec<u8>) {
    out.push(END);
    for &b in payload {
        match b {
            END => out.extend_from_slice(&[ESC, ESC_END]),
            ESC => out.extend_from_slice(&[ESC, ESC_ESC]),
            _ => out.push(b),
        }
    }
    out.push(END);
}

/// What `upy flash` asks of an ESP flashing session.
#[derive(Debug, Clone)]
pub struct EspOptions {
    /// Serial port.
    pub port: String,
    /// Baud rate for the data transfer (the connection starts at 115200).
    pub baud: u32,
    /// How to enter the bootloader.
    pub before: ResetBefore,
    /// What to do after writing.
    pub after: ResetAfter,
    /// Erase the whole flash first.
    pub erase: bool,
    /// Flash address of the image; default: the chip's bootloader offset.
    pub offset: Option<u32>,
    /// USB ids of the port, when known (chooses the reset sequence).
    pub usb: Option<(u16, u16)>,
}

/// The XOR checksum over data blocks the ROM checks.
pub(crate) fn checksum(data: &[u8]) -> u32 {
    u32::from(data.iter().fold(0xEFu8, |acc, b| acc ^ b))
}

/// Opens `name` at 115200 baud through the protocol crate's transport (one opening policy and
/// one set of port errors for every command).
pub(crate) fn open_port(name: &str) -> Result<Port> {
    upy_protocol::transport::open_native(name, 115_200, Duration::from_millis(20))
        .map_err(port_error)
}

/// A port that could not be opened, as this crate's error.
pub(crate) fn port_error(error: upy_protocol::Error) -> Error {
    match error {
        upy_protocol::Error::PortBusy { port } => Error::PortBusy { port },
        upy_protocol::Error::PortNotFound { port } => Error::PortUnavailable {
            port,
            reason: "no such port (unplugged?)".into(),
        },
        upy_protocol::Error::PortPermissionDenied { port } => Error::PortUnavailable {
            port,
            reason: "permission denied (on Linux, join the dialout group)".into(),
        },
        upy_protocol::Error::PortOpen { port, detail } => Error::PortUnavailable {
            port,
            reason: detail,
        },
        other => Error::PortUnavailable {
            port: String::new(),
            reason: other.to_string(),
        },
    }
}

/// True for errors that mean the device went away (cable pulled, pty closed).
pub(crate) fn is_link_loss(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(error.kind(), BrokenPipe | NotConnected | UnexpectedEof | ConnectionReset)
        || error.raw_os_error() == Some(5) // EIO: the other side of the line is gone
        || error.raw_os_error() == Some(19) // ENODEV: USB device unplugged
}

impl RomLink {
    pub(crate) fn new(port: Port, name: &str) -> RomLink {
        RomLink {
            port,
            name: name.to_string(),
            pending: Vec::new(),
            status_len: 4,
        }
    }

    pub(crate) fn into_port(self) -> Port {
        self.port
    }

    pub(crate) fn port_name(&self) -> &str {
        &self.name
    }

    fn lost(&self, during: &str) -> Error {
        Error::LinkLost {
            port: self.name.clone(),
            during: during.to_string(),
        }
    }

    /// Sets a modem line, ignoring ports that have none (a pty answers "not a typewriter").
    fn lines(&mut self, dtr: Option<bool>, rts: Option<bool>) {
        if let Some(level) = dtr {
            let _ = self.port.write_data_terminal_ready(level);
        }
        if let Some(level) = rts {
            let _ = self.port.write_request_to_send(level);
        }
    }

    /// The classic auto-reset circuit (EN on RTS, GPIO0 on DTR, both inverted) or the
    /// USB-Serial-JTAG peripheral's sequence.
    fn reset_into_bootloader(&mut self, usb_pid: Option<u16>, long_delay: bool) {
        if usb_pid == Some(USB_JTAG_SERIAL_PID) {
            self.lines(Some(false), Some(false));
            sleep(Duration::from_millis(100));
            self.lines(Some(true), Some(false));
            sleep(Duration::from_millis(100));
            self.lines(Some(false), Some(true));
            self.lines(None, Some(true));
            sleep(Duration::from_millis(100));
            self.lines(Some(false), Some(false));
        } else {
            self.lines(Some(false), Some(true));
            sleep(Duration::from_millis(100));
            self.lines(Some(true), Some(false));
            sleep(Duration::from_millis(if long_delay { 500 } else { 50 }));
            self.lines(Some(false), None);
        }
    }

    /// Pulses EN so the chip boots its firmware.
    pub(crate) fn hard_reset(&mut self) {
        self.lines(Some(false), Some(true));
        sleep(Duration::from_millis(100));
        self.lines(None, Some(false));
    }

    fn send(&mut self, op: u8, data: &[u8], check: u32) -> Result<()> {
        let mut packet = Vec::with_capacity(8 + data.len());
        packet.extend_from_slice(&[0, op]);
        packet.extend_from_slice(&(data.len() as u16).to_le_bytes());
        packet.extend_from_slice(&check.to_le_bytes());
        packet.extend_from_slice(data);
        let mut framed = Vec::with_capacity(packet.len() + 16);
        slip_encode(&packet, &mut framed);
        self.port
            .write_all(&framed)
            .and_then(|_| self.port.flush())
            .map_err(|e| {
                if is_link_loss(&e) {
                    self.lost(&format!("sending command 0x{op:02x}"))
                } else {
                    Error::BootloaderError {
                        port: self.name.clone(),
                        during: format!("sending command 0x{op:02x}"),
                        reason: e.to_string(),
                    }
                }
            })
    }

    /// Reads one SLIP frame, or None when `deadline` passes first.
    fn read_frame(&mut self, deadline: Instant, during: &str) -> Result<Option<Vec<u8>>> {
        loop {
            if let Some(frame) = self.take_frame() {
                return Ok(Some(frame));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            let mut buffer = [0u8; 4096];
            match self.port.read(&mut buffer) {
                Ok(0) => return Err(self.lost(during)),
                Ok(n) => self.pending.extend_from_slice(&buffer[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if is_link_loss(&e) => return Err(self.lost(during)),
                Err(e) => {
                    return Err(Error::BootloaderError {
                        port: self.name.clone(),
                        during: during.to_string(),
                        reason: e.to_string(),
                    })
                }
            }
        }
    }

    fn take_frame(&mut self) -> Option<Vec<u8>> {
        loop {
            let start = self.pending.iter().position(|&b| b == END)?;
            let end = self.pending[start + 1..].iter().position(|&b| b == END)? + start + 1;
            let raw: Vec<u8> = self.pending[start + 1..end].to_vec();
            if raw.is_empty() {
                // Two END bytes in a row: the second opens the next frame.
                self.pending.drain(..end);
                continue;
            }
            self.pending.drain(..=end);
            let mut frame = Vec::with_capacity(raw.len());
            let mut escaped = false;
            for b in raw {
                if escaped {
                    frame.push(match b {
                        ESC_END => END,
                        ESC_ESC => ESC,
                        other => other,
                    });
                    escaped = false;
                } else if b == ESC {
                    escaped = true;
                } else {
                    frame.push(b);
                }
            }
            return Some(frame);
        }
    }

    /// Sends a command and returns (value, data without status), failing on an error status.
    pub(crate) fn command(
        &mut self,
        op: u8,
        data: &[u8],
        check: u32,
        timeout: Duration,
        during: &str,
    ) -> Result<(u32, Vec<u8>)> {
        self.send(op, data, check)?;
        let deadline = Instant::now() + timeout;
        loop {
            let Some(frame) = self.read_frame(deadline, during)? else {
                return Err(Error::BootloaderError {
                    port: self.name.clone(),
                    during: during.to_string(),
                    reason: format!("no answer within {:.1} s", timeout.as_secs_f32()),
                });
            };
            if frame.len() < 8 || frame[0] != 1 || frame[1] != op {
                continue;
            }
            let value = u32::from_le_bytes([frame[4], frame[5], frame[6], frame[7]]);
            let body = &frame[8..];
            let status_len = self.status_len.min(body.len());
            if status_len < 2 {
                return Err(Error::BootloaderError {
                    port: self.name.clone(),
                    during: during.to_string(),
                    reason: "answer without status bytes".into(),
                });
            }
            let status_at = body.len() - status_len;
            if body[status_at] != 0 {
                return Err(Error::BootloaderError {
                    port: self.name.clone(),
                    during: during.to_string(),
                    reason: rom_error_text(body[status_at + 1]),
                });
            }
            return Ok((value, body[..status_at].to_vec()));
        }
    }

    /// Syncs with the ROM, resetting the chip into it first unless told not to.
    pub(crate) fn connect(&mut self, before: ResetBefore, usb_pid: Option<u16>) -> Result<()> {
        let attempts = if before == ResetBefore::NoReset { 6 } else { 8 };
        for attempt in 0..attempts {
            if before == ResetBefore::DefaultReset {
                self.reset_into_bootloader(usb_pid, attempt % 2 == 1);
            }
            let _ = self.port.clear(serialport::ClearBuffer::Input);
            self.pending.clear();
            let mut sync = vec![0x07, 0x07, 0x12, 0x20];
            sync.extend_from_slice(&[0x55; 32]);
            self.send(OP_SYNC, &sync, 0)?;
            let deadline = Instant::now() + Duration::from_millis(150);
            while let Some(frame) = self.read_frame(deadline, "syncing")? {
                if frame.len() >= 8 && frame[0] == 1 && frame[1] == OP_SYNC {
                    // Let the other seven answers arrive, then drop them.
                    sleep(Duration::from_millis(30));
                    let drain_until = Instant::now() + Duration::from_millis(20);
                    while self.read_frame(drain_until, "syncing")?.is_some() {}
                    self.pending.clear();
                    return Ok(());
                }
            }
        }
        Err(Error::NotInBootloader {
            port: self.name.clone(),
        })
    }

    /// Switches the ROM and the port to `baud` (ESP32-class ROMs; the ESP8266's has no such
    /// command).
    pub(crate) fn change_baud(&mut self, baud: u32) -> Result<()> {
        let mut data = baud.to_le_bytes().to_vec();
        // The second word is the current rate for the stub; the ROM wants 0.
        data.extend_from_slice(&0u32.to_le_bytes());
        self.command(
            OP_CHANGE_BAUDRATE,
            &data,
            0,
            Duration::from_secs(3),
            "changing the baud rate",
        )?;
        self.port
            .set_baud_rate(baud)
            .map_err(|e| Error::PortUnavailable {
                port: self.name.clone(),
                reason: format!("cannot switch to {baud} baud: {e}"),
            })?;
        // The ROM switches after answering; let the line settle, then drop any glitch bytes.
        sleep(Duration::from_millis(20));
        let _ = self.port.clear(serialport::ClearBuffer::Input);
        self.pending.clear();
        Ok(())
    }

    pub(crate) fn read_reg(&mut self, address: u32) -> Result<u32> {
        let during = format!("reading register 0x{address:08x}");
        Ok(self
            .command(
                OP_READ_REG,
                &address.to_le_bytes(),
                0,
                Duration::from_secs(3),
                &during,
            )?
            .0)
    }

    pub(crate) fn write_reg(&mut self, address: u32, value: u32) -> Result<()> {
        let mut data = Vec::with_capacity(16);
        for word in [address, value, 0xFFFF_FFFF, 0] {
            data.extend_from_slice(&word.to_le_bytes());
        }
        let during = format!("writing register 0x{address:08x}");
        self.command(OP_WRITE_REG, &data, 0, Duration::from_secs(3), &during)?;
        Ok(())
    }

    /// Identifies the chip: the magic register, then GET_SECURITY_INFO for the chips whose
    /// magic is not unique. Also learns the ROM's status length from the first answer.
    pub(crate) fn detect_chip(&mut self) -> Result<Chip> {
        self.send(OP_READ_REG, &CHIP_MAGIC_REG.to_le_bytes(), 0)?;
        let deadline = Instant::now() + Duration::from_secs(3);
        let magic = loop {
            let Some(frame) = self.read_frame(deadline, "reading the chip magic")? else {
                return Err(Error::BootloaderError {
                    port: self.name.clone(),
                    during: "reading the chip magic".into(),
                    reason: "no answer".into(),
                });
            };
            if frame.len() >= 10 && frame[0] == 1 && frame[1] == OP_READ_REG {
                self.status_len = if frame.len() - 8 >= 4 { 4 } else { 2 };
                break u32::from_le_bytes([frame[4], frame[5], frame[6], frame[7]]);
            }
        };
        let chip = match magic {
            0xFFF0_C101 => Some(Chip::Esp8266),
            0x00F0_1D83 => Some(Chip::Esp32),
            0x0000_07C6 => Some(Chip::Esp32s2),
            _ => None,
        };
        if let Some(chip) = chip {
            return Ok(chip);
        }
        let (_, info) = self
            .command(
                OP_GET_SECURITY_INFO,
                &[],
                0,
                Duration::from_secs(3),
                "reading security info",
            )
            .map_err(|_| Error::UnsupportedChip {
                port: self.name.clone(),
                detail: format!("unknown chip magic 0x{magic:08x}"),
            })?;
        let id = info
            .get(12..16)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(u32::MAX);
        u16::try_from(id)
            .ok()
            .and_then(Chip::from_esp_image_chip_id)
            .ok_or_else(|| Error::UnsupportedChip {
                port: self.name.clone(),
                detail: format!("chip id {id} (magic 0x{magic:08x})"),
            })
    }
}

fn rom_error_text(code: u8) -> String {
    let what = match code {
        0x05 => "invalid or unsupported command",
        0x06 => "failed to act on the command",
        0x07 => "checksum mismatch (data damaged on the wire)",
        0x08 => "flash write error",
        0x09 => "flash read error",
        0x0A => "flash read length error",
        0x0B => "deflate error",
        _ => "error",
    };
    format!("{what} (code 0x{code:02x})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slip_escapes_both_special_bytes() {
        let mut out = Vec::new();
        slip_encode(&[1, END, 2, ESC, 3], &mut out);
        assert_eq!(out, [END, 1, ESC, ESC_END, 2, ESC, ESC_ESC, 3, END]);
    }

    #[test]
    fn checksum_starts_at_0xef() {
        assert_eq!(checksum(&[]), 0xEF);
        assert_eq!(checksum(&[0xEF]), 0);
        assert_eq!(checksum(&[1, 2]), 0xEF ^ 3);
    }
}
