//! `upy firmware update`: bring every connected board to a MicroPython release, keeping each
//! board's variant.
//!
//! Each board (the one `--port` names, else every likely board port) is asked what it runs;
//! boards older than the release, and told apart by the catalog, are flashed one after the
//! other through `upy flash`'s own path (download, pin check, bootloader entry, write).
//! `--dry-run` prints the plan and touches nothing.

use std::io::Write as _;

use anyhow::Result;
use clap::{Args, FromArgMatches as _};
use upy_firmware::catalog::Catalog;
use upy_firmware::detect::{query_running, version_order};

use crate::commands::flash::{self, firmware_error};
use crate::commands::identify::name_running_board;
use crate::commands::Context;
use crate::exit::{fail, Status};
use crate::ports;

/// Arguments of `upy firmware update`.
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct UpdateArgs {
    /// The release to bring boards to (default: each board's newest release)
    #[arg(long)]
    pub version: Option<String>,
    /// Print what would be flashed, then stop
    #[arg(long)]
    pub dry_run: bool,
    /// Download from this folder instead of MicroPython's (a mirror with the same file names)
    #[arg(long, env = "UPY_FIRMWARE_URL")]
    pub base_url: Option<String>,
}

/// What to do with one board.
#[derive(Debug)]
enum Step {
    Flash {
        board: String,
        variant: Option<String>,
        from: String,
        to: String,
    },
    Skip(String),
}

pub fn run(args: UpdateArgs, catalog: &Catalog, ctx: &Context) -> Result<Status> {
    let ports: Vec<(String, Option<(u16, u16)>)> = if ctx.global.port != "auto" {
        vec![(ctx.global.port.clone(), None)]
    } else {
        ports::list()?
            .into_iter()
            .filter(|p| p.is_likely_board())
            .map(|p| (p.name, p.usb.map(|u| (u.vid, u.pid))))
            .collect()
    };
    if ports.is_empty() {
        return Err(fail(
            Status::NoDevice,
            "no MicroPython board found: plug one in, or name its port with --port",
        ));
    }
    let wanted = args.version.as_deref().map(|v| v.trim_start_matches('v'));

    let mut plan = Vec::new();
    for (port, usb) in &ports {
        let step = plan_one(catalog, port, *usb, wanted, ctx)?;
        let line = match &step {
            Step::Flash {
                board,
                variant,
                from,
                to,
            } => format!(
                "{port}: {board}{}: {from} -> {to}",
                variant
                    .as_deref()
                    .map(|v| format!(" variant {v}"))
                    .unwrap_or_default()
            ),
            Step::Skip(reason) => format!("{port}: skipped: {reason}"),
        };
        writeln!(std::io::stdout().lock(), "{line}")?;
        plan.push((port.clone(), step));
    }
    if args.dry_run {
        ctx.printer.status("Dry run: nothing flashed");
        return Ok(Status::Success);
    }

    let mut outcome = Status::Success;
    for (port, step) in plan {
        let Step::Flash {
            board, variant, to, ..
        } = step
        else {
            continue;
        };
        let mut command = vec![
            "flash".to_string(),
            "--board".into(),
            board.clone(),
            "--version".into(),
            to,
            "--bootloader".into(),
        ];
        if let Some(variant) = variant {
            command.extend(["--variant".into(), variant]);
        }
        if let Some(base) = &args.base_url {
            command.extend(["--base-url".into(), base.clone()]);
        }
        let matches = flash::FlashArgs::augment_args(clap::Command::new("flash"))
            .try_get_matches_from(&command)
            .map_err(|e| fail(Status::Failure, e.to_string()))?;
        let flash_args = flash::FlashArgs::from_arg_matches(&matches)
            .map_err(|e| fail(Status::Failure, e.to_string()))?;
        ctx.printer.status(format!("Updating {board} on {port}"));
        let result = flash::run_on_port(flash_args, &port, ctx);
        match result {
            Ok(Status::Success) => {}
            Ok(status) => outcome = status,
            Err(err) => {
                ctx.printer.status(format!("{port}: {err:#}"));
                if outcome == Status::Success {
                    outcome = Status::Failure;
                }
            }
        }
    }
    Ok(outcome)
}

fn plan_one(
    catalog: &Catalog,
    port: &str,
    usb: Option<(u16, u16)>,
    wanted: Option<&str>,
    ctx: &Context,
) -> Result<Step> {
    let running = match query_running(port) {
        Ok(Some(running)) => running,
        Ok(None) => {
            return Ok(Step::Skip(
                "no MicroPython answers (flash it with `upy flash --port PORT --board ID`)".into(),
            ))
        }
        Err(err) => return Ok(Step::Skip(firmware_error(err).to_string())),
    };
    let named = match name_running_board(catalog, &running, port, usb, &ctx.printer) {
        Ok(named) => named,
        Err(err) => return Ok(Step::Skip(format!("{err:#}"))),
    };
    let board = &named.board;
    let target = match wanted {
        Some(version) => {
            if !board.releases.iter().any(|v| v == version) {
                return Ok(Step::Skip(format!(
                    "MicroPython {version} is not published for {} (releases: {})",
                    board.id,
                    board.releases.join(", ")
                )));
            }
            version.to_string()
        }
        None => board.releases.last().cloned().unwrap_or_default(),
    };
    if version_order(&running.version) >= version_order(&target) {
        return Ok(Step::Skip(format!(
            "{} runs MicroPython {}, not older than {target}",
            board.id, running.version
        )));
    }
    Ok(Step::Flash {
        board: board.id.clone(),
        variant: named.variant,
        from: running.version,
        to: target,
    })
}
