//! Debug probes (CMSIS-DAP, ST-Link, J-Link, ...) through probe-rs.
//!
//! Target selection and the image layout check need no probe: the target's memory map comes
//! from probe-rs's built-in registry, and [`plan`] stages every segment into a probe-rs
//! `FlashLoader`, which refuses data outside the target's flash or RAM. [`flash`] then
//! attaches, programs with the target's flash algorithm and verifies.

use probe_rs::config::Registry;
use probe_rs::flashing::{
    DownloadOptions, FlashLoader, FlashProgress, ProgressEvent, ProgressOperation,
};
use probe_rs::probe::list::Lister;
use probe_rs::Permissions;

use crate::error::{Error, Result};
use crate::image::{Image, ImageKind, Segment};
use crate::progress::Progress;

/// A connected debug probe.
#[derive(Debug, Clone)]
pub struct ProbeInfo {
    /// Its name.
    pub name: String,
    /// USB vendor id.
    pub vid: u16,
    /// USB product id.
    pub pid: u16,
    /// Serial number, if it has one.
    pub serial: Option<String>,
}

/// Lists the probes on USB.
pub fn list_probes() -> Vec<ProbeInfo> {
    Lister::new()
        .list_all()
        .into_iter()
        .map(|info| ProbeInfo {
            name: info.identifier.clone(),
            vid: info.vendor_id,
            pid: info.product_id,
            serial: info.serial_number.clone(),
        })
        .collect()
}

/// What would be written: the target's exact name and the segments.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The probe-rs target name.
    pub target: String,
    /// Segments to program.
    pub segments: Vec<Segment>,
    /// Total bytes.
    pub bytes: usize,
}

/// Resolves the target named `chip` and checks that every byte of `image` lands in its
/// memory. Touches no hardware (this is the dry run). `base` places images without addresses
/// (raw binaries).
pub fn plan(image: &Image, chip: &str, base: u32) -> Result<(Plan, FlashLoader)> {
    let registry = Registry::from_builtin_families();
    let target = registry.get_target_by_name(chip).map_err(|e| {
        let similar = registry.search_chips(chip);
        let hint = if similar.is_empty() {
            String::new()
        } else {
            format!(
                " (similar: {})",
                similar.into_iter().take(8).collect::<Vec<_>>().join(", ")
            )
        };
        Error::Probe(format!("unknown target {chip:?}: {e}{hint}"))
    })?;
    let segments = match image.kind {
        ImageKind::Elf => elf_segments(image)?,
        _ => image.segments(base)?,
    };
    let mut loader = FlashLoader::new(target.memory_map.clone(), target.source().clone());
    for segment in &segments {
        loader
            .add_data(u64::from(segment.address), &segment.data)
            .map_err(|e| Error::Probe(format!("{}: {e}", image.path.display())))?;
    }
    let bytes = segments.iter().map(|s| s.data.len()).sum();
    Ok((
        Plan {
            target: target.name.clone(),
            segments,
            bytes,
        },
        loader,
    ))
}

fn elf_segments(image: &Image) -> Result<Vec<Segment>> {
    // Program headers of a 32-bit little-endian ELF: PT_LOAD segments with file bytes, at
    // their physical (load) address.
    let b = &image.bytes;
    let what = image.path.display().to_string();
    let corrupt = |reason: &str| Error::corrupt(what.clone(), reason.to_string());
    if b.len() < 52 || b[4] != 1 || b[5] != 1 {
        return Err(corrupt("only 32-bit little-endian ELF files are supported"));
    }
    let u32_at = |at: usize| -> Option<u32> {
        b.get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    let u16_at =
        |at: usize| -> Option<u16> { b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]])) };
    let table = u32_at(28).ok_or_else(|| corrupt("truncated header"))? as usize;
    let entry_size = usize::from(u16_at(42).ok_or_else(|| corrupt("truncated header"))?);
    let count = usize::from(u16_at(44).ok_or_else(|| corrupt("truncated header"))?);
    let mut segments = Vec::new();
    for index in 0..count {
        let at = table + index * entry_size;
        let field = |offset: usize| {
            u32_at(at + offset).ok_or_else(|| corrupt("program header past the end"))
        };
        if field(0)? != 1 {
            continue;
        }
        let (offset, paddr, filesz) = (field(4)? as usize, field(12)?, field(16)? as usize);
        if filesz == 0 {
            continue;
        }
        let data = b
            .get(offset..offset + filesz)
            .ok_or_else(|| corrupt("segment data past the end"))?;
        segments.push(Segment {
            address: paddr,
            data: data.to_vec(),
        });
    }
    if segments.is_empty() {
        return Err(corrupt("no loadable segments"));
    }
    Ok(segments)
}

/// Programs `image` into `chip` through the first (or the `probe_selector`) probe, verifies
/// and resets the target.
pub fn flash(
    image: &Image,
    chip: &str,
    base: u32,
    probe_selector: Option<&str>,
    progress: &mut dyn Progress,
) -> Result<Plan> {
    let (plan, loader) = plan(image, chip, base)?;
    let lister = Lister::new();
    let probe = match probe_selector {
        Some(selector) => {
            let selector: probe_rs::probe::DebugProbeSelector = selector
                .parse()
                .map_err(|e| Error::Probe(format!("bad probe selector {selector:?}: {e}")))?;
            lister
                .open(selector)
                .map_err(|e| Error::Probe(e.to_string()))?
        }
        None => {
            let probes = lister.list_all();
            let first = probes.first().ok_or(Error::ProbeNotFound)?;
            first.open().map_err(|e| Error::Probe(e.to_string()))?
        }
    };
    program(probe, &plan, &loader, false, progress)?;
    Ok(plan)
}

/// Attaches through `probe`, programs (or, with `dry_run`, only plans the flash algorithm's
/// work), verifies and resets.
fn program(
    probe: probe_rs::probe::Probe,
    plan: &Plan,
    loader: &FlashLoader,
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<()> {
    let mut session = probe
        .attach(plan.target.as_str(), Permissions::default())
        .map_err(|e| Error::Probe(format!("attaching to {}: {e}", plan.target)))?;
    progress.on_start(&format!("Programming {}", plan.target), plan.bytes as u64);
    let mut done = 0u64;
    let mut options = DownloadOptions::default();
    options.verify = true;
    options.dry_run = dry_run;
    options.progress = FlashProgress::new(|event| match event {
        ProgressEvent::Progress {
            operation: ProgressOperation::Program,
            size,
            ..
        } => {
            done += size;
            progress.on_bytes(done);
        }
        ProgressEvent::Started(ProgressOperation::Verify) => progress.on_verify(),
        _ => {}
    });
    loader
        .commit(&mut session, options)
        .map_err(|e| Error::Probe(format!("programming {}: {e}", plan.target)))?;
    progress.on_finish();
    if !dry_run {
        if let Ok(mut core) = session.core(0) {
            core.reset()
                .map_err(|e| Error::Probe(format!("resetting {}: {e}", plan.target)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::uf2;
    use crate::progress::NoProgress;
    use std::path::Path;

    #[test]
    fn fake_probe_attaches_and_plans_the_flash_of_a_pyboard_image() {
        // A pyboard (STM32F405) image as HEX, through probe-rs's fake probe: attach, pick the
        // flash algorithm, lay out sectors; a dry run stops before the algorithm would run.
        let segments = [crate::image::Segment {
            address: 0x0800_0000,
            data: vec![0xA5; 40_000],
        }];
        let hex = crate::image::ihex::write(&segments);
        let image = Image::from_bytes(Path::new("PYBV11.hex"), hex.into_bytes()).unwrap();
        for target in ["STM32F405RGTx", "nRF51822_xxAA"] {
            let placed = if target.starts_with("nRF") {
                let bytes = uf2::from_bin(&[0x5A; 8192], 0x1000, 0x1B57_745F);
                Image::from_bytes(Path::new("microbit.uf2"), bytes).unwrap()
            } else {
                image.clone()
            };
            let (plan, loader) = plan(&placed, target, 0).unwrap();
            let probe = probe_rs::integration::FakeProbe::with_mocked_core().into_probe();
            program(probe, &plan, &loader, true, &mut NoProgress).unwrap();
        }
    }

    #[test]
    fn image_outside_the_targets_memory_is_refused() {
        let bytes = uf2::from_bin(&[0xA5; 64], 0x7000_0000, 0xADA5_2840);
        let image = Image::from_bytes(Path::new("t.uf2"), bytes).unwrap();
        let Err(err) = plan(&image, "nRF52840_xxAA", 0) else {
            panic!("data outside memory was accepted");
        };
        assert!(err.to_string().contains("0x70000000"), "{err}");
    }
}
