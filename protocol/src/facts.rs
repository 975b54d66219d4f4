//! What a board tells about itself: firmware, .mpy format, memory, storage, optional modules.
//! The data and the probe that prints it; [`Session::info`](crate::Session::info) runs the
//! probe (a layer up), and the session keeps the answer across commands.

/// Device-side probe, kept short because it crosses the link on every connection. Prints, one
/// per line: version tuple, `_mpy` and platform (tab-separated); `_machine`; free heap; statvfs
/// block size, blocks and free blocks; the names of the optional features present. Runs on
/// MicroPython 1.9 and later.
pub(crate) const INFO_SNIPPET: &str = r#"import sys,gc
try:import os
except ImportError:import uos as os
i=sys.implementation;gc.collect()
print(i.version,getattr(i,'_mpy',0),sys.platform,sep='\t')
try:print(i._machine)
except AttributeError:
 try:print(os.uname()[4])
 except Exception:print('')
try:print(gc.mem_free())
except Exception:print(-1)
try:s=os.statvfs('/');print(s[0],s[2],s[3])
except Exception:print(-1)
r=[a for a in ('stat','ilistdir','listdir','mkdir','rmdir','rename','remove','statvfs','size') if hasattr(os,a)]
for m,a in (('binascii','a2b_base64'),('deflate','DeflateIO'),('hashlib','sha256'),('micropython','kbd_intr')):
 try:
  if hasattr(__import__(m),a):r.append(m)
 except ImportError:pass
if hasattr(getattr(sys,'stdin',0),'buffer'):r.append('stdin')
if hasattr(getattr(sys,'stdout',0),'buffer'):r.append('stdout')
print(' '.join(r))
del i,r
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

/// Everything [`Session::info`](crate::Session::info) learns.
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
    /// Parses the probe's output lines.
    pub fn parse(output: &[u8]) -> DeviceInfo {
        let text = String::from_utf8_lossy(output);
        let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        let mut info = DeviceInfo::default();
        if let Some(first) = lines.first() {
            let mut fields = first.split('\t');
            info.version = parse_version_tuple(fields.next().unwrap_or(""));
            info.mpy = fields
                .next()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|&v| v != 0)
                .map(MpyFormat::from_sys_mpy);
            info.platform = fields.next().unwrap_or("").to_string();
        }
        info.machine = lines.get(1).unwrap_or(&"").to_string();
        info.mem_free = lines.get(2).and_then(|v| v.trim().parse().ok());
        let numbers: Vec<u64> = lines
            .get(3)
            .unwrap_or(&"")
            .split_whitespace()
            .filter_map(|part| part.parse().ok())
            .collect();
        if let [block_size, blocks, free_blocks] = numbers[..] {
            info.fs = Some(FsSpace {
                block_size,
                total: block_size.saturating_mul(blocks),
                free: block_size.saturating_mul(free_blocks),
            });
        }
        let features = &mut info.features;
        for name in lines.get(4).unwrap_or(&"").split_whitespace() {
            match name {
                "hashlib" => features.sha256 = true,
                "binascii" => features.binascii = true,
                "deflate" => features.deflate = true,
                "micropython" => features.kbd_intr = true,
                "stat" => features.os_stat = true,
                "ilistdir" => features.os_ilistdir = true,
                "listdir" => features.os_listdir = true,
                "mkdir" => features.os_mkdir = true,
                "rename" => features.os_rename = true,
                "statvfs" => features.os_statvfs = true,
                "size" => features.os_size = true,
                "stdin" => features.stdin_buffer = true,
                "stdout" => features.stdout_buffer = true,
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

/// `(1, 29, 0, 'preview')` becomes `1.29.0-preview`; `(1, 9, 2)` becomes `1.9.2`.
fn parse_version_tuple(text: &str) -> String {
    let parts: Vec<String> = text
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(|p| p.trim().trim_matches('\'').to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<&str> = parts
        .iter()
        .take(3)
        .map(String::as_str)
        .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut version = numbers.join(".");
    if let Some(label) = parts.get(3) {
        version.push('-');
        version.push_str(label);
    }
    version
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
        let out = b"(1, 29, 0, 'preview')\t2822\tlinux\r\nlinux [GCC 14.2.1] version\n1000\n4096 10 4\nstat ilistdir rename deflate micropython stdin\n";
        let info = DeviceInfo::parse(out);
        assert_eq!(info.version, "1.29.0-preview");
        assert_eq!(info.platform, "linux");
        assert_eq!(info.machine, "linux [GCC 14.2.1] version");
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
        let f = info.features;
        assert!(f.deflate && f.os_stat && f.os_rename && f.stdin_buffer && f.kbd_intr);
        assert!(!f.sha256 && !f.stdout_buffer && !f.binascii);
        assert!(info.can_stream_raw_input());
    }

    #[test]
    fn old_firmware_without_mpy_field() {
        let out = b"(1, 9, 2)\t0\tmicrobit\r\nmicro:bit v1.0.1 with nRF51822\r\n8000\r\n-1\r\nlistdir remove size\r\n";
        let info = DeviceInfo::parse(out);
        assert_eq!(info.version, "1.9.2");
        assert_eq!(info.mpy, None);
        assert_eq!(info.fs, None);
        assert!(info.features.os_listdir && !info.features.os_stat && info.features.os_size);
    }

    #[test]
    fn probe_has_no_control_bytes() {
        assert!(crate::raw_repl::is_sendable_code(INFO_SNIPPET.as_bytes()));
    }
}
