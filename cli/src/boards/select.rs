//! Which boards `--port` names: ports, `all`, `auto`, and the boards and groups of upy.toml.

use anyhow::Result;

use crate::exit::{fail, Status};
use crate::ports::{self, PortEntry};
use crate::settings::ProjectFile;

/// One board to run on: its port, and the name the output shows for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The name of the board in upy.toml, else its port.
    pub label: String,
    pub port: String,
}

/// Whether a `--port` word may be a name from upy.toml rather than a port path.
pub fn may_be_a_name(word: &str) -> bool {
    word != "auto" && word != "all" && !word.contains('/') && !word.contains('\\')
}

/// The boards named by the `--port` words, in order and each once; `detected` lists the serial
/// ports, and is called only for `all` and `auto`.
pub fn targets(
    words: &[String],
    project: &ProjectFile,
    detected: impl Fn() -> Result<Vec<PortEntry>>,
) -> Result<Vec<Target>> {
    let mut found: Vec<Target> = Vec::new();
    let mut add = |port: String, name: Option<&str>| {
        if found.iter().any(|t| t.port == port) {
            return;
        }
        let label = name
            .map(str::to_string)
            .or_else(|| board_named_at(project, &port))
            .unwrap_or_else(|| port.clone());
        found.push(Target { label, port });
    };
    for word in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        if word == "all" {
            let boards: Vec<PortEntry> = detected()?
                .into_iter()
                .filter(PortEntry::is_likely_board)
                .collect();
            if boards.is_empty() {
                return Err(fail(
                    Status::NoDevice,
                    "--port all found no MicroPython board: plug them in; `upy devs` lists the \
                     serial ports (boards marked * or ?)",
                ));
            }
            for board in boards {
                add(board.name, None);
            }
        } else if word == "auto" {
            add(ports::pick_auto(&detected()?)?, None);
        } else if let Some(members) = project.groups.get(word) {
            for member in members {
                add(project.boards[member].port.clone(), Some(member));
            }
        } else if let Some(board) = project.boards.get(word) {
            add(board.port.clone(), Some(word));
        } else {
            add(word.to_string(), None);
        }
    }
    if found.is_empty() {
        return Err(fail(Status::NoDevice, "--port names no board"));
    }
    Ok(found)
}

/// The upy.toml name of the board on `port`, so a port given by path is still shown by name.
fn board_named_at(project: &ProjectFile, port: &str) -> Option<String> {
    project
        .boards
        .iter()
        .find(|(_, board)| board.port == port)
        .map(|(name, _)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serialport::{SerialPortInfo, SerialPortType, UsbPortInfo};

    fn entry(name: &str, vid: u16, pid: u16) -> PortEntry {
        PortEntry::from_info(SerialPortInfo {
            port_name: name.into(),
            port_type: SerialPortType::UsbPort(UsbPortInfo {
                vid,
                pid,
                serial_number: None,
                manufacturer: None,
                product: None,
                interface: None,
            }),
        })
    }

    fn project() -> ProjectFile {
        crate::settings::parse(
            "[boards.left]\nport = \"/dev/ttyUSB0\"\n[boards.right]\nport = \"/dev/ttyUSB1\"\n\
             [groups]\ntray = [\"left\", \"right\"]\n",
        )
        .unwrap()
    }

    fn words(text: &str) -> Vec<String> {
        text.split(',').map(str::to_string).collect()
    }

    fn no_listing() -> Result<Vec<PortEntry>> {
        panic!("no word needed the port list")
    }

    #[test]
    fn names_groups_and_ports_resolve_in_order_once_each() {
        let found = targets(&words("tray,/dev/ttyACM3,left"), &project(), no_listing).unwrap();
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|t| (t.label.as_str(), t.port.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("left", "/dev/ttyUSB0"),
                ("right", "/dev/ttyUSB1"),
                ("/dev/ttyACM3", "/dev/ttyACM3")
            ]
        );
    }

    #[test]
    fn a_port_of_a_named_board_is_shown_by_its_name() {
        let found = targets(&words("/dev/ttyUSB1"), &project(), no_listing).unwrap();
        assert_eq!(found[0].label, "right");
    }

    #[test]
    fn all_takes_every_likely_board_as_devs_marks_them() {
        let listing = || {
            Ok(vec![
                entry("/dev/ttyACM0", 0x2e8a, 0x0005),
                entry("/dev/ttyUSB0", 0x10c4, 0xea60),
                entry("/dev/ttyUSB9", 0x046d, 0xc52b),
            ])
        };
        let found = targets(&words("all"), &ProjectFile::default(), listing).unwrap();
        let ports: Vec<&str> = found.iter().map(|t| t.port.as_str()).collect();
        assert_eq!(ports, ["/dev/ttyACM0", "/dev/ttyUSB0"]);
    }

    #[test]
    fn all_with_no_board_is_a_no_device_error() {
        let err = targets(&words("all"), &ProjectFile::default(), || Ok(vec![])).unwrap_err();
        assert!(err.to_string().contains("no MicroPython board"), "{err}");
    }
}
