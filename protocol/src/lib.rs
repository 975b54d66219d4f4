//! The MicroPython serial REPL protocol.
//!
//! Layers, bottom up:
//! - `transport`: a byte stream to the board (a serial port, or anything that reads and writes).
//! - `raw_repl` / `raw_paste`: pure framing and flow control of the raw REPL.
//! - `session`: enter/exit the raw REPL, exec code with streamed output, interrupt, reset.
//! - `fs`: filesystem operations on the board built on `session`.
#![deny(missing_docs)]
