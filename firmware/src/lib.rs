//! MicroPython firmware: board catalog, image formats (ESP bin, UF2, Intel HEX) and flashers.
#![deny(missing_docs)]
