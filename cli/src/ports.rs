//! Serial ports: listing them with their USB identity, spotting likely MicroPython boards, and
//! resolving `--port auto`.

use anyhow::Result;
use serialport::{SerialPortInfo, SerialPortType};

use crate::exit::{fail, Status};

/// How likely a port is to be a MicroPython board, from its USB vendor and product ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likelihood {
    /// The USB id is one MicroPython itself presents (native USB ports).
    MicroPython,
    /// A USB-serial bridge or debug probe that MicroPython boards commonly sit behind.
    Bridge,
    /// Not a USB device, or a USB id with no known link to MicroPython boards.
    Unlikely,
}

/// USB ids MicroPython firmware presents natively, with a name for the board family.
const MICROPYTHON_IDS: &[(u16, Option<u16>, &str)] = &[
    (0x2e8a, Some(0x0005), "Raspberry Pi RP2 (MicroPython)"),
    (
        0xf055,
        Some(0x9800),
        "MicroPython (pyboard and TinyUSB ports)",
    ),
    (0x303a, Some(0x4001), "Espressif native USB (MicroPython)"),
    (
        0x303a,
        Some(0x1001),
        "Espressif USB-Serial/JTAG (ESP32-S3/C3/C6)",
    ),
    (0x2e8a, None, "Raspberry Pi RP2"),
];

/// USB-serial bridges and probes found on MicroPython-capable boards.
const BRIDGE_IDS: &[(u16, Option<u16>, &str)] = &[
    (0x10c4, Some(0xea60), "Silicon Labs CP210x (ESP boards)"),
    (0x1a86, Some(0x7523), "WCH CH340 (ESP boards)"),
    (0x1a86, Some(0x55d4), "WCH CH9102 (ESP boards)"),
    (0x0403, Some(0x6001), "FTDI FT232R"),
    (0x0403, Some(0x6015), "FTDI FT231X"),
    (0x0d28, Some(0x0204), "Arm DAPLink (BBC micro:bit)"),
    (0x239a, None, "Adafruit"),
    (0x303a, None, "Espressif"),
];

/// One port as `upy devs` shows it.
#[derive(Debug, Clone)]
pub struct PortEntry {
    pub name: String,
    pub usb: Option<serialport::UsbPortInfo>,
    pub likelihood: Likelihood,
    pub family: Option<&'static str>,
}

impl PortEntry {
    pub fn from_info(info: SerialPortInfo) -> PortEntry {
        let usb = match info.port_type {
            SerialPortType::UsbPort(usb) => Some(usb),
            _ => None,
        };
        let (likelihood, family) = match &usb {
            Some(usb) => classify(usb.vid, usb.pid),
            None => (Likelihood::Unlikely, None),
        };
        PortEntry {
            name: info.port_name,
            usb,
            likelihood,
            family,
        }
    }

    pub fn is_likely_board(&self) -> bool {
        self.likelihood != Likelihood::Unlikely
    }
}

/// Classifies a USB id; exact product ids win over vendor-wide entries.
pub fn classify(vid: u16, pid: u16) -> (Likelihood, Option<&'static str>) {
    let find = |table: &[(u16, Option<u16>, &'static str)], exact: bool| {
        table
            .iter()
            .find(|(v, p, _)| *v == vid && if exact { *p == Some(pid) } else { p.is_none() })
            .map(|(_, _, name)| *name)
    };
    if let Some(name) = find(MICROPYTHON_IDS, true) {
        return (Likelihood::MicroPython, Some(name));
    }
    if let Some(name) = find(BRIDGE_IDS, true) {
        return (Likelihood::Bridge, Some(name));
    }
    if let Some(name) = find(MICROPYTHON_IDS, false).or_else(|| find(BRIDGE_IDS, false)) {
        return (Likelihood::Bridge, Some(name));
    }
    (Likelihood::Unlikely, None)
}

/// All serial ports, likely boards first (MicroPython ids before bridges), then by name.
pub fn list() -> Result<Vec<PortEntry>> {
    let ports = serialport::available_ports().map_err(|err| {
        fail(
            Status::Failure,
            format!("could not list serial ports: {err}"),
        )
    })?;
    let mut entries: Vec<PortEntry> = ports.into_iter().map(PortEntry::from_info).collect();
    entries.sort_by_key(|entry| (rank(entry.likelihood), entry.name.clone()));
    Ok(entries)
}

fn rank(likelihood: Likelihood) -> u8 {
    match likelihood {
        Likelihood::MicroPython => 0,
        Likelihood::Bridge => 1,
        Likelihood::Unlikely => 2,
    }
}

/// Turns `--port` into a path: `auto` picks the only likely board, anything else is taken as is.
pub fn resolve(port: &str) -> Result<String> {
    if port != "auto" {
        return Ok(port.to_string());
    }
    pick_auto(&list()?)
}

/// The `auto` rule on a given list: exactly one likely board, else an error that says what to do.
pub fn pick_auto(entries: &[PortEntry]) -> Result<String> {
    let boards: Vec<&PortEntry> = entries.iter().filter(|e| e.is_likely_board()).collect();
    match boards.as_slice() {
        [only] => Ok(only.name.clone()),
        [] => Err(fail(
            Status::NoDevice,
            "no MicroPython board found: plug one in, or name its port with --port (or UPY_PORT); \
             `upy devs` lists the serial ports",
        )),
        several => {
            let names: Vec<&str> = several.iter().map(|e| e.name.as_str()).collect();
            Err(fail(
                Status::NoDevice,
                format!(
                    "several boards found ({}): choose one with --port (or UPY_PORT)",
                    names.join(", ")
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usb_entry(name: &str, vid: u16, pid: u16) -> PortEntry {
        PortEntry::from_info(SerialPortInfo {
            port_name: name.into(),
            port_type: SerialPortType::UsbPort(serialport::UsbPortInfo {
                vid,
                pid,
                serial_number: None,
                manufacturer: None,
                product: None,
                interface: None,
            }),
        })
    }

    #[test]
    fn classifies_known_ids() {
        assert_eq!(classify(0x2e8a, 0x0005).0, Likelihood::MicroPython);
        assert_eq!(classify(0x10c4, 0xea60).0, Likelihood::Bridge);
        assert_eq!(classify(0x2e8a, 0x000a).0, Likelihood::Bridge);
        assert_eq!(classify(0x046d, 0xc52b).0, Likelihood::Unlikely);
    }

    #[test]
    fn auto_picks_the_only_board() {
        let entries = vec![
            usb_entry("/dev/ttyACM0", 0x2e8a, 0x0005),
            usb_entry("/dev/ttyUSB9", 0x046d, 0xc52b),
        ];
        assert_eq!(pick_auto(&entries).unwrap(), "/dev/ttyACM0");
    }

    #[test]
    fn auto_refuses_none_or_several() {
        let none = vec![usb_entry("/dev/ttyUSB9", 0x046d, 0xc52b)];
        assert!(pick_auto(&none)
            .unwrap_err()
            .to_string()
            .contains("no MicroPython board"));
        let two = vec![
            usb_entry("/dev/ttyACM0", 0x2e8a, 0x0005),
            usb_entry("/dev/ttyUSB0", 0x1a86, 0x7523),
        ];
        let message = pick_auto(&two).unwrap_err().to_string();
        assert!(message.contains("/dev/ttyACM0") && message.contains("/dev/ttyUSB0"));
    }
}
