//! The manifest: one round trip that tells the board's facts plus path, size and hash of every
//! file under REMOTE.
//!
//! ## The manifest
//! One program prints a line of facts (`.mpy` version, modules present, free memory) and then
//! one line per folder and file. Hashes are the first 12 bytes of the SHA-256 from `hashlib`
//! (base64 when `binascii` is there, hex otherwise): on a 115200-baud link the manifest is most
//! of the time of a sync with nothing to do. Boards without `hashlib` compute Adler-32 in Python.
//!
//! The transfer itself is the protocol's batch upload (`upy_protocol::fs::Fs::apply`), the
//! same board program `cp` and `mip` use.

use std::time::Duration;

use base64::Engine as _;

use super::link::{Link, LinkError};
use super::plan::{RemoteDigest, RemoteFile, RemoteTree, SHA256_PREFIX};

/// What the board told about itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeviceFacts {
    /// `sys.implementation._mpy` (0 when absent).
    pub mpy: u32,
    /// `hashlib` is there.
    pub hashlib: bool,
    /// `deflate` and `io.BytesIO` are there.
    pub deflate: bool,
    /// Free heap after a collection.
    pub mem_free: u64,
}

impl DeviceFacts {
    /// The `.mpy` version the board loads.
    pub fn mpy_version(&self) -> u32 {
        self.mpy & 0xff
    }

    /// The `.mpy` sub-version.
    pub fn mpy_sub_version(&self) -> u32 {
        (self.mpy >> 8) & 3
    }

    /// The native architecture code (0: none).
    pub fn mpy_arch(&self) -> u32 {
        (self.mpy >> 10) & 0xf
    }
}

/// Remote path of `rel` under the remote root.
pub fn remote_path(root: &str, rel: &str) -> String {
    if rel.is_empty() {
        return root.to_string();
    }
    if root == "/" {
        format!("/{rel}")
    } else {
        format!("{root}/{rel}")
    }
}

pub use upy_protocol::fs::py_str;

const MANIFEST_PROGRAM: &str = r#"import os,sys,gc
try:import hashlib as H
except:H=0
try:import binascii as A
except:A=0
try:import deflate,io;io.BytesIO;Z=1
except:Z=0
gc.collect()
try:m=gc.mem_free()
except:m=0
print('I',getattr(sys.implementation,'_mpy',0),int(H!=0),Z,m)
b=bytearray(512)
def h(p):
 f=open(p,'rb');s=H and H.sha256();x=1;y=0
 while 1:
  n=f.readinto(b)
  if not n:break
  if s:s.update(b[:n])
  else:
   for i in range(n):x=(x+b[i])%65521;y=(y+x)%65521
 f.close()
 if not s:return'A%08x'%(y<<16|x)
 d=s.digest()[:12]
 return'B'+A.b2a_base64(d).decode().strip()if A else'S'+''.join('%02x'%c for c in d)
def L(d):
 try:
  for e in os.ilistdir(d):yield e[0],e[1]
 except AttributeError:
  for n in os.listdir(d):yield n,os.stat(d.rstrip('/')+'/'+n)[0]
def w(d,r):
 for n,t in L(d):
  p=d.rstrip('/')+'/'+n;q=r+n
  if t&0x4000:print('D',q);w(p,q+'/')
  else:print('F',os.stat(p)[6],h(p),q)
try:t=os.stat(R)[0]
except OSError:t=0
if t&0x4000:print('E');w(R,'')
elif t:print('X')
"#;

/// Why the manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// The link failed.
    #[error(transparent)]
    Link(#[from] LinkError),
    /// REMOTE is a file on the board.
    #[error("{path} is a file on the board, not a folder")]
    RemoteIsAFile {
        /// REMOTE.
        path: String,
    },
    /// The firmware lacks what sync needs (`os.stat`, folders, `open`).
    #[error(
        "this board's firmware lacks what sync needs (os.stat, folders); upgrade MicroPython, \
         or copy single files with `upy cp`. The board said:\n{traceback}"
    )]
    Unsupported {
        /// The board's traceback.
        traceback: String,
    },
    /// A line the host does not understand.
    #[error("unexpected manifest line from the board: {line:?}")]
    BadLine {
        /// The line.
        line: String,
    },
}

/// Runs the manifest program for `root` (one round trip).
pub fn fetch_manifest(
    link: &mut Link,
    root: &str,
) -> Result<(DeviceFacts, RemoteTree), ManifestError> {
    let code = format!("R={}\n{MANIFEST_PROGRAM}", py_str(root));
    let output = match link.exec(code.as_bytes(), Duration::from_secs(120)) {
        Err(LinkError::Exception { traceback })
            if traceback.contains("AttributeError") || traceback.contains("ImportError") =>
        {
            return Err(ManifestError::Unsupported { traceback });
        }
        other => other?,
    };
    parse_manifest(&String::from_utf8_lossy(&output.stdout), root)
}

fn parse_manifest(text: &str, root: &str) -> Result<(DeviceFacts, RemoteTree), ManifestError> {
    let bad = |line: &str| ManifestError::BadLine {
        line: line.to_string(),
    };
    let mut facts = DeviceFacts::default();
    let mut tree = RemoteTree::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        match kind {
            "I" => {
                let parts: Vec<&str> = rest.split(' ').collect();
                if parts.len() < 4 {
                    return Err(bad(line));
                }
                facts.mpy = parts[0].parse().map_err(|_| bad(line))?;
                facts.hashlib = parts[1] == "1";
                facts.deflate = parts[2] == "1";
                facts.mem_free = parts[3].parse().map_err(|_| bad(line))?;
            }
            "E" => tree.exists = true,
            "X" => {
                return Err(ManifestError::RemoteIsAFile {
                    path: root.to_string(),
                })
            }
            "D" => {
                tree.dirs.insert(rest.to_string());
            }
            "F" => {
                let mut parts = rest.splitn(3, ' ');
                let (Some(size), Some(digest), Some(path)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    return Err(bad(line));
                };
                let size = size.parse().map_err(|_| bad(line))?;
                let digest = parse_digest(digest).ok_or_else(|| bad(line))?;
                tree.files
                    .insert(path.to_string(), RemoteFile { size, digest });
            }
            "" => {}
            _ => return Err(bad(line)),
        }
    }
    Ok((facts, tree))
}

fn parse_digest(text: &str) -> Option<RemoteDigest> {
    let (kind, value) = text.split_at_checked(1)?;
    match kind {
        "B" => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(value)
                .ok()?;
            Some(RemoteDigest::Sha256Prefix(bytes.try_into().ok()?))
        }
        "S" => {
            let mut hash = [0u8; SHA256_PREFIX];
            if value.len() != 2 * SHA256_PREFIX {
                return None;
            }
            for (i, byte) in hash.iter_mut().enumerate() {
                *byte = u8::from_str_radix(value.get(2 * i..2 * i + 2)?, 16).ok()?;
            }
            Some(RemoteDigest::Sha256Prefix(hash))
        }
        "A" => u32::from_str_radix(value, 16)
            .ok()
            .map(RemoteDigest::Adler32),
        _ => Some(RemoteDigest::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_manifest() {
        let text = "I 2822 1 1 100000\nE\nD lib\nF 3 Bungl6RjlrbpYkoiV lib/a b.py\nF 1 A00620062 x.py\nF 2 Sba7816bf8f01cfea414140de main.py\n";
        let (facts, tree) = parse_manifest(text, "/").unwrap();
        assert_eq!(facts.mpy_version(), 6);
        assert_eq!(facts.mpy_sub_version(), 3);
        assert!(facts.hashlib && facts.deflate);
        assert!(tree.exists);
        assert!(tree.dirs.contains("lib"));
        assert_eq!(tree.files["lib/a b.py"].size, 3);
        assert!(matches!(
            tree.files["lib/a b.py"].digest,
            RemoteDigest::Sha256Prefix(_)
        ));
        assert_eq!(
            tree.files["x.py"].digest,
            RemoteDigest::Adler32(0x0062_0062)
        );
        assert!(
            matches!(tree.files["main.py"].digest, RemoteDigest::Sha256Prefix(h) if h[0] == 0xba)
        );
    }

    #[test]
    fn remote_paths_join_under_the_root() {
        assert_eq!(remote_path("/", "a/b.py"), "/a/b.py");
        assert_eq!(remote_path("/app", "a.py"), "/app/a.py");
        assert_eq!(remote_path("/app", ""), "/app");
        assert_eq!(py_str("it's\\"), "'it\\'s\\\\'");
    }
}
