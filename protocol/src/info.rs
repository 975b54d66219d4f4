//! What a board tells about itself: firmware, .mpy format, memory, storage, optional modules.

use crate::error::Result;
use crate::session::Session;

/// Device-side probe: one `key\tvalue` line per fact. Runs on MicroPython 1.9 and later.
const INFO_SNIPPET: &str = r#"import sys,gc
try:
 import os
except ImportError:
 import uos as os
def _p(k,v):print(k+'\t'+str(v))
i=sys.implementation
v=i.version
_p('version','.'.join(str(x) for x in v[:3])+(('-'+v[3]) if len(v)>3 and v[3] else ''))
_p('machine',getattr(i,'_machine',''))
_p('mpy',getattr(i,'_mpy',''))
_p('platform',sys.platform)
try:
 u=os.uname();_p('release',u.release);_p('uname_machine',u.machine)
except Exception:pass
gc.collect()
try:_p('mem_free',gc.mem_free())
except Exception:pass
try:s=os.statvfs('/');_p('fs','%d %d %d'%(s[0],s[2],s[3]))
except Exception:pass
for m in ('binascii','deflate'):
 try:__import__(m);_p('mod',m)
 except ImportError:pass
try:
 import hashlib
 if hasattr(hashlib,'sha256'):_p('mod','hashlib')
except ImportError:pass
try:
 import micropython
 if hasattr(micropython,'kbd_intr'):_p('mod','kbd_intr')
except ImportError:pass
for a in ('stat','ilistdir','listdir','mkdir','rmdir','rename','remove','statvfs','size'):
 if hasattr(os,a):_p('os',a)
_p('stdin_buffer',int(hasattr(sys.stdin,'buffer')))
_p('stdout_buffer',int(hasattr(sys.stdout,'buffer')))
del i,v,_p
"#;

/// The native architecture encoded in bits 10..13 of `sys.implementation._mpy`.
const NATIVE_ARCHES: [&str; 13] = [
    "none",
    "x86",
    "x64",
    "armv6",
    "armv6m",
    "armv7m",
    "armv7em",
    "armv7emsp",
    "armv7emdp",
    "xtensa",
    "xtensawin",
    "rv32imc",
    "rv64imc",
];

/// The .mpy format a board loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MpyFormat {
    /// The .mpy version (6 for MicroPython 1.19 and later).
    pub version: u8,
    /// The sub-version (3 for 1.23 and later).
    pub sub_version: u8,
    /// Native code architecture number (0: no native code).
    pub arch: u8,
}

impl MpyFormat {
    /// Decodes `sys.implementation._mpy`.
    pub fn from_sys_mpy(value: u32) -> MpyFormat {
        MpyFormat {
            version: (value & 0xff) as u8,
            sub_version: ((value >> 8) & 0x3) as u8,
            arch: ((value >> 10) & 0xf) as u8,
        }
    }

    /// The architecture's name as mpy-cross spells it (`-march=`), if known.
    pub fn arch_name(&self) -> Option<&'static str> {
        NATIVE_ARCHES.get(usize::from(self.arch)).copied()
    }
}

/// Storage of the board's root filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FsSpace {
    /// Bytes per block.
    pub block_size: u64,
    /// Total bytes.
    pub total: u64,
    /// Free bytes.
    pub free: u64,
}

/// Optional features, which small or old firmware lacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// `hashlib.sha256`.
    pub sha256: bool,
    /// `binascii` (base64 decoding).
    pub binascii: bool,
    /// `deflate` (decompression).
    pub deflate: bool,
    /// `micropython.kbd_intr` (lets Ctrl-C pass as data).
    pub kbd_intr: bool,
    /// `os.stat`.
    pub os_stat: bool,
    /// `os.ilistdir`.
    pub os_ilistdir: bool,
    /// `os.listdir`.
    pub os_listdir: bool,
    /// `os.mkdir` (flat filesystems lack directories).
    pub os_mkdir: bool,
    /// `os.rename`.
    pub os_rename: bool,
    /// `os.statvfs`.
    pub os_statvfs: bool,
    /// `os.size` (micro:bit's substitute for `os.stat`).
    pub os_size: bool,
    /// `sys.stdin.buffer` (raw binary input).
    pub stdin_buffer: bool,
    /// `sys.stdout.buffer` (raw binary output).
    pub stdout_buffer: bool,
}

/// Everything [`Session::info`] learns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceInfo {
    /// MicroPython version, e.g. `1.29.0-preview`.
    pub version: String,
    /// Board and MCU description (`sys.implementation._machine`).
    pub machine: String,
    /// `sys.platform` (`rp2`, `esp32`, `linux`, `microbit`).
    pub platform: String,
    /// Firmware release string from `os.uname()`, when available.
    pub release: Option<String>,
    /// The .mpy format it loads; None on firmware too old to say.
    pub mpy: Option<MpyFormat>,
    /// Free heap after a collection, in bytes.
    pub mem_free: Option<u64>,
    /// Root filesystem space.
    pub fs: Option<FsSpace>,
    /// Optional modules and functions present.
    pub features: Features,
}

impl DeviceInfo {
    /// Parses the probe's `key\tvalue` lines.
    pub fn parse(output: &[u8]) -> DeviceInfo {
        let text = String::from_utf8_lossy(output);
        let mut info = DeviceInfo::default();
        for line in text.lines() {
            let Some((key, value)) = line.trim_end_matches('\r').split_once('\t') else {
                continue;
            };
            let features = &mut info.features;
            match (key, value) {
                ("version", v) => info.version = v.to_string(),
                ("machine", v) => info.machine = v.to_string(),
                ("platform", v) => info.platform = v.to_string(),
                ("release", v) => info.release = Some(v.to_string()),
                ("mpy", v) => info.mpy = v.parse().ok().map(MpyFormat::from_sys_mpy),
                ("mem_free", v) => info.mem_free = v.parse().ok(),
                ("fs", v) => {
                    let numbers: Vec<u64> =
                        v.split(' ').filter_map(|part| part.parse().ok()).collect();
                    if let [block_size, blocks, free_blocks] = numbers[..] {
                        info.fs = Some(FsSpace {
                            block_size,
                            total: block_size * blocks,
                            free: block_size * free_blocks,
                        });
                    }
                }
                ("mod", "hashlib") => features.sha256 = true,
                ("mod", "binascii") => features.binascii = true,
                ("mod", "deflate") => features.deflate = true,
                ("mod", "kbd_intr") => features.kbd_intr = true,
                ("os", "stat") => features.os_stat = true,
                ("os", "ilistdir") => features.os_ilistdir = true,
                ("os", "listdir") => features.os_listdir = true,
                ("os", "mkdir") => features.os_mkdir = true,
                ("os", "rename") => features.os_rename = true,
                ("os", "statvfs") => features.os_statvfs = true,
                ("os", "size") => features.os_size = true,
                ("stdin_buffer", v) => features.stdin_buffer = v == "1",
                ("stdout_buffer", v) => features.stdout_buffer = v == "1",
                _ => {}
            }
        }
        info
    }

    /// Whether raw binary upload over `sys.stdin.buffer` is possible.
    pub fn can_stream_raw_input(&self) -> bool {
        self.features.stdin_buffer && self.features.kbd_intr
    }
}

impl Session {
    /// Asks the board about itself (cached until the next reset).
    pub fn info(&mut self) -> Result<DeviceInfo> {
        if let Some(info) = &self.cached_info {
            return Ok(info.clone());
        }
        let output = self.exec_capture(INFO_SNIPPET)?;
        let info = DeviceInfo::parse(&output);
        self.cached_info = Some(info.clone());
        Ok(info)
    }

    /// Asks again, bypassing the cache (free memory and space change).
    pub fn refresh_info(&mut self) -> Result<DeviceInfo> {
        self.cached_info = None;
        self.info()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_sys_mpy() {
        let mpy = MpyFormat::from_sys_mpy(2822);
        assert_eq!((mpy.version, mpy.sub_version, mpy.arch), (6, 3, 2));
        assert_eq!(mpy.arch_name(), Some("x64"));
        assert_eq!(
            MpyFormat::from_sys_mpy(0x2806).arch_name(),
            Some("xtensawin")
        );
    }

    #[test]
    fn parses_probe_output() {
        let out = b"version\t1.29.0-preview\r\nmachine\tlinux\nmpy\t2822\nmem_free\t1000\nfs\t4096 10 4\nmod\tdeflate\nos\tstat\nstdin_buffer\t1\nstdout_buffer\t0\n";
        let info = DeviceInfo::parse(out);
        assert_eq!(info.version, "1.29.0-preview");
        assert_eq!(info.mpy.map(|m| m.version), Some(6));
        assert_eq!(info.mem_free, Some(1000));
        assert_eq!(
            info.fs,
            Some(FsSpace {
                block_size: 4096,
                total: 40960,
                free: 16384
            })
        );
        assert!(info.features.deflate && info.features.os_stat && info.features.stdin_buffer);
        assert!(!info.features.sha256 && !info.features.stdout_buffer);
    }

    #[test]
    fn old_firmware_without_mpy_field() {
        let info = DeviceInfo::parse(b"version\t1.9.2\nmachine\tmicro:bit\nmpy\t\nos\tlistdir\n");
        assert_eq!(info.mpy, None);
        assert!(info.features.os_listdir && !info.features.os_stat);
    }

    #[test]
    fn probe_has_no_control_bytes() {
        assert!(crate::raw_repl::is_sendable_code(INFO_SNIPPET.as_bytes()));
    }
}
