//! The chips MicroPython boards are built on, and the facts about each that flashing needs.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// A microcontroller family member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Chip {
    /// Espressif ESP32 (Xtensa LX6).
    Esp32,
    /// Espressif ESP32-S2.
    Esp32s2,
    /// Espressif ESP32-S3.
    Esp32s3,
    /// Espressif ESP32-C3 (RISC-V).
    Esp32c3,
    /// Espressif ESP32-C6 (RISC-V).
    Esp32c6,
    /// Espressif ESP8266.
    Esp8266,
    /// Raspberry Pi RP2040.
    Rp2040,
    /// Raspberry Pi RP2350.
    Rp2350,
    /// Nordic nRF51822 (BBC micro:bit v1).
    Nrf51822,
    /// Nordic nRF52833 (BBC micro:bit v2).
    Nrf52833,
    /// Nordic nRF52840.
    Nrf52840,
    /// Microchip SAMD21.
    Samd21,
    /// Microchip SAMD51.
    Samd51,
    /// ST STM32F405 (pyboard v1.1).
    Stm32f405,
}

/// Every chip, in catalog order.
pub const ALL_CHIPS: &[Chip] = &[
    Chip::Esp32,
    Chip::Esp32s2,
    Chip::Esp32s3,
    Chip::Esp32c3,
    Chip::Esp32c6,
    Chip::Esp8266,
    Chip::Rp2040,
    Chip::Rp2350,
    Chip::Nrf51822,
    Chip::Nrf52833,
    Chip::Nrf52840,
    Chip::Samd21,
    Chip::Samd51,
    Chip::Stm32f405,
];

impl Chip {
    /// The name people and tools use ("ESP32-S3").
    pub fn name(self) -> &'static str {
        match self {
            Chip::Esp32 => "ESP32",
            Chip::Esp32s2 => "ESP32-S2",
            Chip::Esp32s3 => "ESP32-S3",
            Chip::Esp32c3 => "ESP32-C3",
            Chip::Esp32c6 => "ESP32-C6",
            Chip::Esp8266 => "ESP8266",
            Chip::Rp2040 => "RP2040",
            Chip::Rp2350 => "RP2350",
            Chip::Nrf51822 => "nRF51822",
            Chip::Nrf52833 => "nRF52833",
            Chip::Nrf52840 => "nRF52840",
            Chip::Samd21 => "SAMD21",
            Chip::Samd51 => "SAMD51",
            Chip::Stm32f405 => "STM32F405",
        }
    }

    /// True for the chips flashed through Espressif's ROM serial bootloader.
    pub fn is_esp(self) -> bool {
        matches!(
            self,
            Chip::Esp32
                | Chip::Esp32s2
                | Chip::Esp32s3
                | Chip::Esp32c3
                | Chip::Esp32c6
                | Chip::Esp8266
        )
    }

    /// Where MicroPython's combined ESP image goes in flash: the second-stage bootloader's
    /// address, 0x1000 on the ESP32 and ESP32-S2, 0x0 on the others.
    pub fn esp_flash_offset(self) -> Option<u32> {
        match self {
            Chip::Esp32 | Chip::Esp32s2 => Some(0x1000),
            Chip::Esp32s3 | Chip::Esp32c3 | Chip::Esp32c6 | Chip::Esp8266 => Some(0),
            _ => None,
        }
    }

    /// The chip id an ESP32-class image's extended header carries.
    pub fn esp_image_chip_id(self) -> Option<u16> {
        match self {
            Chip::Esp32 => Some(0),
            Chip::Esp32s2 => Some(2),
            Chip::Esp32c3 => Some(5),
            Chip::Esp32s3 => Some(9),
            Chip::Esp32c6 => Some(13),
            _ => None,
        }
    }

    /// The chip for an ESP32-class image header's chip id.
    pub fn from_esp_image_chip_id(id: u16) -> Option<Chip> {
        ALL_CHIPS
            .iter()
            .copied()
            .find(|chip| chip.esp_image_chip_id() == Some(id))
    }

    /// The target name probe-rs knows this chip by, for debug-probe flashing.
    pub fn probe_target(self) -> Option<&'static str> {
        match self {
            Chip::Rp2040 => Some("RP2040"),
            Chip::Rp2350 => Some("RP235x"),
            Chip::Nrf51822 => Some("nRF51822_xxAA"),
            Chip::Nrf52833 => Some("nRF52833_xxAA"),
            Chip::Nrf52840 => Some("nRF52840_xxAA"),
            Chip::Samd21 => Some("ATSAMD21G18A"),
            Chip::Samd51 => Some("ATSAMD51J19A"),
            Chip::Stm32f405 => Some("STM32F405RGTx"),
            _ => None,
        }
    }
}

impl fmt::Display for Chip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Chip {
    type Err = String;

    /// Accepts "ESP32-S3", "esp32s3", "esp32_s3" and the like, case-insensitively.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        ALL_CHIPS
            .iter()
            .copied()
            .find(|chip| {
                let name: String = chip
                    .name()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                name == wanted
            })
            .ok_or_else(|| {
                let names: Vec<_> = ALL_CHIPS.iter().map(|c| c.name()).collect();
                format!("unknown chip {text:?} (known: {})", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chip_names_parse_loosely() {
        assert_eq!("esp32s3".parse::<Chip>(), Ok(Chip::Esp32s3));
        assert_eq!("ESP32-C3".parse::<Chip>(), Ok(Chip::Esp32c3));
        assert_eq!("rp2040".parse::<Chip>(), Ok(Chip::Rp2040));
        assert!("esp31".parse::<Chip>().is_err());
    }

    #[test]
    fn esp_offsets_follow_the_bootloader_address() {
        assert_eq!(Chip::Esp32.esp_flash_offset(), Some(0x1000));
        assert_eq!(Chip::Esp32s2.esp_flash_offset(), Some(0x1000));
        assert_eq!(Chip::Esp32s3.esp_flash_offset(), Some(0));
        assert_eq!(Chip::Esp8266.esp_flash_offset(), Some(0));
        assert_eq!(Chip::Rp2040.esp_flash_offset(), None);
    }
}
