//! `upy rtc [--set]`: the board's clock, or set it from this computer's.
//!
//! Boards keep time in `machine.RTC`; a port without one (the unix port) still has
//! `time.localtime()`, which is read instead. Setting needs `machine.RTC`. The weekday goes in
//! as MicroPython numbers it, Monday = 0.

use anyhow::Result;
use chrono::{Datelike, Local, Timelike};
use clap::Args;

use crate::commands::Context;
use crate::connect::{connect, BoardResult};
use crate::exit::{fail, Status};

/// Arguments of `upy rtc`.
#[derive(Debug, Args)]
pub struct RtcArgs {
    /// Set the board's clock to this computer's local time first
    #[arg(long)]
    pub set: bool,
}

const READ_CLOCK: &str = "try:\n import machine\n t=machine.RTC().datetime()\n print(t[0],t[1],t[2],t[4],t[5],t[6])\nexcept (ImportError,AttributeError):\n import time\n t=time.localtime()\n print(t[0],t[1],t[2],t[3],t[4],t[5])";

pub fn run(args: RtcArgs, ctx: &Context) -> Result<Status> {
    let mut session = connect(ctx)?;
    if args.set {
        let has_rtc = session
            .eval("hasattr(__import__('machine'),'RTC')")
            .unwrap_or_default();
        if has_rtc != "True" {
            return Err(fail(
                Status::Failure,
                "this board has no machine.RTC, so its clock cannot be set",
            ));
        }
        let now = Local::now();
        let code = format!(
            "import machine\nmachine.RTC().datetime(({},{},{},{},{},{},{},0))",
            now.year(),
            now.month(),
            now.day(),
            now.weekday().num_days_from_monday(),
            now.hour(),
            now.minute(),
            now.second()
        );
        session.exec_capture(&code).board()?;
    }
    let out = session.exec_capture(READ_CLOCK).board()?;
    let text = String::from_utf8_lossy(&out);
    let fields: Vec<u32> = text
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    let [year, month, day, hour, minute, second] = fields[..] else {
        return Err(fail(
            Status::Failure,
            format!("the board answered {:?} for its clock", text.trim()),
        ));
    };
    println!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}");
    Ok(Status::Success)
}
