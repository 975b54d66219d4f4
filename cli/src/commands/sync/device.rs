//! What runs on the board: the manifest (one round trip: device facts plus path, size and hash
//! of every file under REMOTE) and the receiver that applies a plan from one stream.
//!
//! ## The manifest
//! One program prints a line of facts (`.mpy` version, modules present, free memory) and then
//! one line per folder and file. Hashes are the first 12 bytes of the SHA-256 from `hashlib`
//! (base64 when `binascii` is there, hex otherwise): on a 115200-baud link the manifest is most
//! of the time of a sync with nothing to do. Boards without `hashlib` compute Adler-32 in Python.
//!
//! ## The transfer
//! All changes travel as one payload of records (`d` make folder, `r` remove file, `R` remove
//! folder, `f<size> <sha256> <path>` followed by the file's bytes). The payload is cut into
//! independently deflated blocks no larger than the board's decompression window, and those
//! into small frames: a header line `<kind><length>\n`, then the bytes with the REPL's control
//! characters escaped (0x10, then `0` plus the byte), so binary data is safe on the raw REPL
//! and costs ~2% instead of base64's 33%. The board acknowledges each frame it has taken off
//! its input (`.`), so at most [`WINDOW`] frames are ever in its receive buffer, and each
//! finished record (`+`). A file is written under a temporary name, checked against its hash
//! after writing, then renamed (with paths relative to `/`: the unix port's VFS renames only
//! those), so an interrupted sync leaves every file old or new. On error the board reports `!`
//! and a message, drops the rest, and removes the half-written file.
//!
//! Small plans skip the receiver: see [`super::inline`].

use std::time::Duration;

use base64::Engine as _;

use super::link::{Link, LinkError};
use super::plan::{RemoteDigest, RemoteFile, RemoteTree, SHA256_PREFIX, TEMP_SUFFIX};

/// Frames in flight before the host waits for an acknowledgement.
pub const WINDOW: usize = 2;
/// Largest frame body after escaping (two frames and headers fit a 256-byte receive buffer).
pub const FRAME: usize = 120;

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

    /// The deflate window (log2) the board can afford; `None` means send uncompressed.
    pub fn deflate_window_bits(&self) -> Option<u32> {
        if !self.deflate {
            return None;
        }
        // A block and its window are both held in memory while it is unpacked.
        [15u32, 13, 11]
            .into_iter()
            .find(|bits| self.mem_free >= (4u64 << bits) + 8192)
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

/// The receiver program; `W` is the deflate window bits (0: uncompressed).
const RECEIVER_PROGRAM: &str = r#"import os,sys
try:import hashlib as H
except:H=0
try:import deflate,io
except:pass
i=sys.stdin.buffer;o=sys.stdout.write
E=[(b'\x10'+bytes([48+k]),bytes([k]))for k in(1,2,3,4,5,16)]
q=b'';d=None;z=bytearray();w=bytearray(1024);Q=[0]
def fr():
 h=i.readline();n=int(h[1:]);c=b''
 while len(c)<n:c+=i.read(n-len(c))
 o('.')
 if h[0]==113:Q[0]=1
 if b'\x10'in c:
  for a,b in E:c=c.replace(a,b)
 return h[0],c
def g():
 global d,z
 while 1:
  if d:
   n=d.readinto(w)
   if n:return bytes(w[:n])
   d=None
  k,c=fr()
  if k==112:return c
  if k==113:return b''
  z+=c
  if k==90:d=deflate.DeflateIO(io.BytesIO(z),deflate.RAW,W);z=bytearray()
def rd(n):
 global q
 if not q:q=g()
 c=q[:n];q=q[n:];return c
def ln():
 global q
 l=b''
 while 1:
  if not q:
   q=g()
   if not q:return l
  j=q.find(b'\n')
  if j>=0:l+=q[:j];q=q[j+1:];return l
  l+=q;q=b''
def put(a):
 n,x,p=a.split(' ',2);n=int(n);t=p+T;f=open(t,'wb')
 try:
  while n:
   c=rd(min(n,1024))
   if not c:raise OSError('stream ended')
   f.write(c);n-=len(c)
  f.close();f=None
  if H:
   s=H.sha256();b=bytearray(512);f=open(t,'rb')
   while 1:
    k=f.readinto(b)
    if not k:break
    s.update(b[:k])
   f.close();f=None
   if''.join('%02x'%c for c in s.digest())!=x:raise OSError('hash mismatch after writing')
  t=t.lstrip('/');p=p.lstrip('/')
  try:os.rename(t,p)
  except OSError as e:
   if e.args[0]!=17:raise
   os.remove(p);os.rename(t,p)
 except:
  if f:f.close()
  try:os.remove(t)
  except OSError:pass
  raise
C=os.getcwd();os.chdir('/')
while 1:
 l=ln()
 if not l:break
 k=l[0];a=l[1:].decode()
 try:
  if k==100:
   try:os.mkdir(a)
   except OSError as e:
    if e.args[0]!=17:raise
  elif k==114:os.remove(a)
  elif k==82:os.rmdir(a)
  else:put(a)
  o('+')
 except Exception as e:
  o('!%s %s: %r\n'%(chr(k),a.split(' ')[-1],e))
  while not Q[0]:fr()
  break
os.chdir(C)
"#;

/// One record of the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record<'a> {
    /// Make a folder (an existing one is fine).
    MakeDir(String),
    /// Remove a file.
    RemoveFile(String),
    /// Remove an empty folder.
    RemoveDir(String),
    /// Write a file.
    Put {
        /// Absolute board path.
        path: String,
        /// Contents.
        data: &'a [u8],
        /// SHA-256 of `data`.
        sha256: [u8; 32],
    },
}

impl Record<'_> {
    /// Board path the record is about.
    pub fn path(&self) -> &str {
        match self {
            Record::MakeDir(p) | Record::RemoveFile(p) | Record::RemoveDir(p) => p,
            Record::Put { path, .. } => path,
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Record::MakeDir(p) => out.extend_from_slice(format!("d{p}\n").as_bytes()),
            Record::RemoveFile(p) => out.extend_from_slice(format!("r{p}\n").as_bytes()),
            Record::RemoveDir(p) => out.extend_from_slice(format!("R{p}\n").as_bytes()),
            Record::Put { path, data, sha256 } => {
                let hex: String = sha256.iter().map(|b| format!("{b:02x}")).collect();
                out.extend_from_slice(format!("f{} {hex} {path}\n", data.len()).as_bytes());
                out.extend_from_slice(data);
            }
        }
    }
}

/// Escapes the REPL's control characters (0x01-0x05) and the escape byte 0x10 itself.
pub fn escape(data: &[u8], out: &mut Vec<u8>) {
    for &byte in data {
        match byte {
            0x01..=0x05 => out.extend_from_slice(&[0x10, b'0' + byte]),
            0x10 => out.extend_from_slice(&[0x10, b'@']),
            other => out.push(other),
        }
    }
}

/// The frames carrying `payload`: deflated blocks of `1 << bits` bytes, or plain.
pub fn frames(payload: &[u8], window_bits: Option<u32>, level: u8) -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    match window_bits {
        Some(bits) => {
            for block in payload.chunks(1 << bits) {
                let packed = miniz_oxide::deflate::compress_to_vec(block, level);
                push_frames(&mut frames, &packed, b'z', Some(b'Z'));
            }
        }
        None => push_frames(&mut frames, payload, b'p', None),
    }
    frames.push(b"q0\n".to_vec());
    frames
}

fn push_frames(frames: &mut Vec<Vec<u8>>, data: &[u8], kind: u8, last_kind: Option<u8>) {
    let mut escaped = Vec::with_capacity(data.len() + data.len() / 32);
    let mut start = 0;
    while start < data.len() {
        escaped.clear();
        let mut end = start;
        while end < data.len() && escaped.len() < FRAME - 1 {
            escape(&data[end..=end], &mut escaped);
            end += 1;
        }
        let kind = if end == data.len() {
            last_kind.unwrap_or(kind)
        } else {
            kind
        };
        let mut frame = format!("{}{}\n", kind as char, escaped.len()).into_bytes();
        frame.extend_from_slice(&escaped);
        frames.push(frame);
        start = end;
    }
}

/// Reports transfer events to the caller.
pub trait TransferProgress {
    /// The transfer starts; `total` bytes of frames will go out.
    fn on_start(&mut self, _total: u64) {}
    /// `n` more bytes of frames went out.
    fn on_bytes(&mut self, _n: u64) {}
    /// The board finished record `index`.
    fn on_record_done(&mut self, _index: usize) {}
}

/// Why a transfer stopped.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The link failed (timeout, unplugged).
    #[error(transparent)]
    Link(#[from] LinkError),
    /// The board refused one record (full, read-only, hash mismatch).
    #[error("the board could not {what} {path}: {reason}")]
    Refused {
        /// What was being done.
        what: &'static str,
        /// Board path.
        path: String,
        /// The board's message.
        reason: String,
    },
    /// The receiver program itself failed.
    #[error("the receiver on the board failed:\n{0}")]
    ReceiverFailed(String),
}

impl TransferError {
    /// Whether the board ran out of space.
    pub fn is_board_full(&self) -> bool {
        matches!(self, TransferError::Refused { reason, .. }
            if reason.starts_with("OSError(28,") || reason.contains("ENOSPC"))
    }
}

/// Applies `records` on the board in one run of the receiver; returns how many finished.
/// On error, `Err` comes with the count of records that finished before it.
pub fn transfer(
    link: &mut Link,
    records: &[Record<'_>],
    facts: &DeviceFacts,
    progress: &mut dyn TransferProgress,
) -> Result<usize, (usize, TransferError)> {
    if let Some(code) = super::inline::program(records) {
        return super::inline::transfer(link, records, &code, progress);
    }
    let window_bits = facts.deflate_window_bits();
    let mut payload = Vec::new();
    for record in records {
        record.encode(&mut payload);
    }
    let frames = frames(&payload, window_bits, 9);
    progress.on_start(frames.iter().map(|f| f.len() as u64).sum());
    let code = format!(
        "W={}\nT={}\n{RECEIVER_PROGRAM}",
        window_bits.unwrap_or(0),
        py_str(TEMP_SUFFIX)
    );
    let mut done = 0usize;
    let result = (|| -> Result<(), TransferError> {
        link.start(code.as_bytes())?;
        let mut in_flight = 0usize;
        let mut failure: Option<TransferError> = None;
        let mut next = 0usize;
        let quit_index = frames.len() - 1;
        loop {
            // Send while the window allows; after a failure only the final `q` frame goes.
            while in_flight < WINDOW && next < frames.len() {
                if failure.is_some() && next < quit_index {
                    next = quit_index;
                }
                link.write(&frames[next])?;
                progress.on_bytes(frames[next].len() as u64);
                next += 1;
                in_flight += 1;
            }
            if in_flight == 0 {
                break;
            }
            match link.read_byte(Duration::from_secs(30), "writing files")? {
                b'.' => in_flight -= 1,
                b'+' => {
                    progress.on_record_done(done);
                    done += 1;
                }
                b'!' => {
                    let line = link.read_until(
                        b"\n",
                        Some(Duration::from_secs(5)),
                        "reading an error",
                        |_| {},
                    )?;
                    failure = Some(refusal(&String::from_utf8_lossy(&line), records, done));
                }
                0x04 => {
                    let traceback = link.read_until(
                        b"\x04",
                        Some(Duration::from_secs(5)),
                        "reading an error",
                        |_| {},
                    )?;
                    let _ = link.read_until(b">", Some(Duration::from_secs(2)), "", |_| {});
                    return Err(TransferError::ReceiverFailed(
                        String::from_utf8_lossy(&traceback).trim().to_string(),
                    ));
                }
                _ => {}
            }
        }
        link.finish(Some(Duration::from_secs(30)), |_| {})
            .map_err(|e| match e {
                LinkError::Exception { traceback } => TransferError::ReceiverFailed(traceback),
                other => TransferError::Link(other),
            })?;
        match failure {
            Some(err) => Err(err),
            None => Ok(()),
        }
    })();
    match result {
        Ok(()) => Ok(done),
        Err(err) => Err((done, err)),
    }
}

/// The error for the board's `!` line about record `done`.
pub(super) fn refusal(line: &str, records: &[Record<'_>], done: usize) -> TransferError {
    let what = match line.chars().next() {
        Some('d') => "create the folder",
        Some('r') => "remove",
        Some('R') => "remove the folder",
        _ => "write",
    };
    let path = records
        .get(done)
        .map(|r| r.path().to_string())
        .unwrap_or_default();
    let reason = line
        .split_once(": ")
        .map(|(_, r)| r)
        .unwrap_or(line)
        .trim()
        .to_string();
    TransferError::Refused { what, path, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_bytes_and_the_escape_byte() {
        let mut out = Vec::new();
        escape(&[0x00, 0x01, 0x03, 0x05, 0x06, 0x10, b'a'], &mut out);
        assert_eq!(
            out,
            vec![0x00, 0x10, b'1', 0x10, b'3', 0x10, b'5', 0x06, 0x10, b'@', b'a']
        );
    }

    // Two frames and their headers fit the smallest receive buffers (256 bytes).
    const _: () = assert!(WINDOW * (FRAME + 6) <= 256);

    #[test]
    fn frames_never_carry_raw_control_bytes_and_fit_the_window() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 256) as u8).collect();
        for bits in [None, Some(11)] {
            let frames = frames(&data, bits, 6);
            assert_eq!(frames.last().unwrap(), b"q0\n");
            for frame in &frames {
                let newline = frame.iter().position(|&b| b == b'\n').unwrap();
                let body = &frame[newline + 1..];
                let declared: usize = std::str::from_utf8(&frame[1..newline])
                    .unwrap()
                    .parse()
                    .unwrap();
                assert_eq!(declared, body.len());
                assert!(body.len() <= FRAME);
                assert!(!body.iter().any(|b| (0x01..=0x05).contains(b)));
            }
        }
    }

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
    fn refusals_name_the_record_and_recognise_a_full_board() {
        let data = b"x";
        let records = [
            Record::MakeDir("/lib".into()),
            Record::Put {
                path: "/lib/a.py".into(),
                data,
                sha256: [0; 32],
            },
        ];
        let err = refusal("f /lib/a.py: OSError(28,)", &records, 1);
        assert!(err.is_board_full(), "{err}");
        assert_eq!(
            err.to_string(),
            "the board could not write /lib/a.py: OSError(28,)"
        );
        let err = refusal("d /lib: OSError(13,)", &records, 0);
        assert!(!err.is_board_full());
        assert!(err
            .to_string()
            .starts_with("the board could not create the folder /lib"));
    }

    #[test]
    fn remote_paths_join_under_the_root() {
        assert_eq!(remote_path("/", "a/b.py"), "/a/b.py");
        assert_eq!(remote_path("/app", "a.py"), "/app/a.py");
        assert_eq!(remote_path("/app", ""), "/app");
        assert_eq!(py_str("it's\\"), "'it\\'s\\\\'");
    }
}
