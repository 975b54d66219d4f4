//! The board's side: querying ROM partitions and writing images through `vfs.rom_ioctl`.
//!
//! A port exposes its partitions through `vfs.rom_ioctl(cmd, ...)`: 1 counts them, 2 returns
//! partition N (a memoryview over flash, or on some ports an object with `ioctl` and
//! `writeblocks` like a block device), 3 prepares (erases) a range and returns the minimum write
//! size, 4 writes bytes at an offset, 5 completes the write, and 6 gives the erase block size
//! (firmware without it answers with a negative errno). Failures are negative errnos.

use std::collections::VecDeque;

use sha2::{Digest, Sha256};

use super::image::{self, ImageError, MAGIC};
use super::Progress;
use crate::error::Error;
use crate::facts::MpyFormat;
use crate::session::{PasteSupport, Session};

/// A unit the board has stored.
const ACK: u8 = 0x06;
/// A unit read after a failure (the board keeps reading to the end, then raises).
const NAK: u8 = 0x15;
/// Bytes per write call, as `mpremote romfs deploy` uses (raised to the minimum write size, or
/// lowered to the block size of block-device partitions).
const CHUNK: u64 = 4096;
/// Bytes prepared per call on partitions erased in blocks.
const PREPARE_STEP: u64 = 32768;
/// Blocks erased per call on block-device partitions.
const ERASE_BATCH: u64 = 8;

/// Everything that can go wrong with ROM partitions.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RomfsError {
    /// The firmware has no `vfs.rom_ioctl`.
    #[error("the board's firmware has no romfs support (no vfs.rom_ioctl)")]
    Unsupported,
    /// `vfs.rom_ioctl` exists but reports no partition.
    #[error("the board's firmware supports romfs, but the board has no ROM partition")]
    NoPartition,
    /// The partition index asked for does not exist.
    #[error("the board has no ROM partition {index} (it has {count})")]
    NoSuchPartition {
        /// The index asked for.
        index: usize,
        /// How many partitions there are.
        count: usize,
    },
    /// The image does not fit the partition; nothing was erased.
    #[error("the image is {image} bytes, larger than ROM partition {index} ({partition} bytes)")]
    TooLarge {
        /// Image size.
        image: u64,
        /// Partition size.
        partition: u64,
        /// Partition index.
        index: usize,
    },
    /// An `.mpy` file in the image is of a format the firmware cannot load; nothing was erased.
    #[error(
        "{path} in the image is .mpy version {}.{}, but the board's firmware loads {}.{}",
        file.0, file.1, board.version, board.sub_version
    )]
    MpyTooNew {
        /// The file inside the image.
        path: String,
        /// Its (version, sub-version).
        file: (u8, u8),
        /// What the firmware loads.
        board: MpyFormat,
    },
    /// The bytes to deploy are not a romfs image.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// `vfs.rom_ioctl` answered an operation with an error number.
    #[error("the board refused to {operation} ROM partition {index} (errno {errno})")]
    Refused {
        /// What was asked.
        operation: &'static str,
        /// Partition index.
        index: usize,
        /// The errno the port returned.
        errno: i64,
    },
    /// After writing, the partition does not hold the image.
    #[error("ROM partition {index} does not hold the image after writing (its SHA-256 differs)")]
    VerifyFailed {
        /// Partition index.
        index: usize,
    },
    /// The board's answer to a romfs query could not be understood.
    #[error("unexpected answer from the board while {context}: {answer:?}")]
    BadAnswer {
        /// What was asked.
        context: &'static str,
        /// What came back.
        answer: String,
    },
    /// Talking to the board failed.
    #[error(transparent)]
    Device(#[from] Error),
}

/// How a partition is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionKind {
    /// A memoryview over flash, written with `vfs.rom_ioctl` (stm32, rp2, the simulated board).
    Memory,
    /// An object with `ioctl` and `writeblocks`, like a block device (esp32 partitions).
    BlockDevice,
}

/// What a partition holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Erased flash (its first bytes are all 0xFF).
    Erased,
    /// Something that is not a romfs image: its first bytes.
    Other(Vec<u8>),
    /// A romfs image of `len` bytes with these entries (path, size; None for directories).
    Image {
        /// Bytes the image occupies.
        len: u64,
        /// Paths from the image root and file sizes, in image order.
        entries: Vec<(String, Option<u64>)>,
    },
    /// A romfs header whose content the board cannot read: the image length if readable,
    /// and the board's error.
    Damaged {
        /// The length announced in the header.
        len: Option<u64>,
        /// What the board said.
        error: String,
    },
}

/// One ROM partition of the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// Its index for `vfs.rom_ioctl` (0 is the one boards mount at `/rom`).
    pub index: usize,
    /// Size in bytes.
    pub size: u64,
    /// Erase block in bytes.
    pub block_size: u64,
    /// How it is written.
    pub kind: PartitionKind,
    /// What it holds.
    pub contents: Contents,
    /// Whether a romfs is mounted at `/rom` (for partition 0, the one boards mount there).
    pub mounted: bool,
}

/// What [`Romfs::deploy`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployReport {
    /// The partition written.
    pub partition: Partition,
    /// Bytes prepared (erased).
    pub erased: u64,
    /// Bytes written (the image and the zero padding of its last chunk).
    pub written: u64,
    /// Whether the partition's SHA-256 was checked against the image (boards without
    /// `hashlib` cannot check it).
    pub verified: bool,
    /// Whether the image is mounted at `/rom` again (with `/rom` and `/rom/lib` on `sys.path`,
    /// and modules imported from the old image forgotten).
    pub mounted: bool,
}

/// ROM partition operations; get one with [`Session::romfs`](crate::Session::romfs).
pub struct Romfs<'s> {
    session: &'s mut Session,
}

impl Session {
    /// The board's ROM partitions.
    pub fn romfs(&mut self) -> Romfs<'_> {
        Romfs { session: self }
    }
}

/// The board-side query: one `P` line per partition, `E` lines for the entries of its image
/// when `walk` is set. Reads the first bytes of each partition only, never the whole image.
fn query_code(walk: bool) -> String {
    format!(
        r"import sys
try:
 import vfs
except ImportError:
 vfs=None
def _rq(wk):
 if not hasattr(vfs,'rom_ioctl'):
  print('N');return
 n=vfs.rom_ioctl(1)
 try:
  import deflate,io;df=1
 except ImportError:df=0
 print('C',n,getattr(sys.implementation,'_mpy',0),df)
 m=None
 try:
  for f,p in vfs.mount():
   if p=='/rom':m=f
 except Exception:pass
 for i in range(n if isinstance(n,int) else 0):
  d=vfs.rom_ioctl(2,i)
  if isinstance(d,int):
   print('X',i,d);continue
  o=hasattr(d,'ioctl')
  if o:
   b=d.ioctl(5,0);z=d.ioctl(4,0)*b
  else:
   z=len(d);b=vfs.rom_ioctl(6,i)
   if not isinstance(b,int) or b<=0:b=z
  h=bytes(memoryview(d)[:16])
  print('P',i,z,b,int(o),int(i==0 and m is not None and type(m).__name__=='VfsRom'),''.join('%02x'%x for x in h))
  if wk and h[:3]==b'\xd2\xcd\x31':
   try:
    r=vfs.VfsRom(d)
    def w(p):
     for e in r.ilistdir(p or '/'):
      q=p+'/'+e[0]
      if e[1]&0x4000:
       print('E d 0',q[1:]);w(q)
      else:print('E f',e[3],q[1:])
    w('')
   except Exception as x:print('B',repr(x))
_rq({walk})
del _rq",
        walk = if walk { 1 } else { 0 }
    )
}

/// The board-side writer. Every chunk comes as a 4-byte header (payload length, 24-bit little
/// endian; then 0 for raw bytes or the window bits of a raw deflate stream) and its payload, in
/// units the board acknowledges after reading each; then the chunk is inflated if need be and
/// written. After a failure it keeps reading (answering NAK) to the end of the stream, then
/// raises.
const WRITE_CODE: &str = r"def _rw(i,n,c,u,o,bs):
 import micropython
 B=sys.stdin.buffer;W=sys.stdout.write
 try:
  import select;P=select.poll();P.register(sys.stdin,1)
 except Exception:P=None
 def g(t):
  k=len(t);j=0
  while j<k:
   if P and not P.poll(5000):raise OSError(110)
   x=B.readinto(t[j:])
   if not x:raise OSError(5)
   j+=x
  W('\x06' if e is None else '\x15')
 b=bytearray(c);m=memoryview(b);q=memoryview(bytearray(c));h=memoryview(bytearray(4));e=None
 micropython.kbd_intr(-1)
 try:
  for a in range(0,n,c):
   g(h);L=h[0]|h[1]<<8|h[2]<<16;z=h[3];t=q if z else m
   for j in range(0,L,u):g(t[j:min(L,j+u)])
   if e is None:
    try:
     if z:
      import deflate,io
      D=deflate.DeflateIO(io.BytesIO(bytes(q[:L])),deflate.RAW,z);j=0
      while j<c:
       k=D.readinto(m[j:])
       if not k:raise ValueError('short chunk')
       j+=k
     r=_rd.writeblocks(a//bs,b,a%bs) if o else vfs.rom_ioctl(4,i,a,b)
     if isinstance(r,int) and r<0:e=OSError(-r)
    except Exception as x:e=x
 finally:micropython.kbd_intr(3)
 if e:raise e
";

/// A chunk as it goes on the wire: raw deflate when the board inflates and that saves at
/// least a tenth (window bits just large enough for the chunk), else the bytes themselves (0).
fn encode_chunk(content: &[u8], inflates: bool) -> (std::borrow::Cow<'_, [u8]>, u8) {
    if inflates && content.len() >= 64 {
        let packed = miniz_oxide::deflate::compress_to_vec(content, 9);
        if packed.len() * 10 <= content.len() * 9 {
            let wbits = (usize::BITS - (content.len() - 1).leading_zeros()).clamp(8, 15) as u8;
            return (std::borrow::Cow::Owned(packed), wbits);
        }
    }
    (std::borrow::Cow::Borrowed(content), 0)
}

/// Payload length (24-bit little endian) and window bits.
fn frame_header(len: usize, wbits: u8) -> [u8; 4] {
    [len as u8, (len >> 8) as u8, (len >> 16) as u8, wbits]
}

/// Parsed answer of [`query_code`].
struct QueryAnswer {
    partitions: Vec<Partition>,
    count: usize,
    mpy: Option<MpyFormat>,
    inflates: bool,
}

fn bad(context: &'static str, answer: &str) -> RomfsError {
    RomfsError::BadAnswer {
        context,
        answer: answer.chars().take(200).collect(),
    }
}

fn parse_query(out: &[u8]) -> Result<QueryAnswer, RomfsError> {
    let text = String::from_utf8_lossy(out).replace("\r\n", "\n");
    let context = "querying ROM partitions";
    let mut answer = QueryAnswer {
        partitions: Vec::new(),
        count: 0,
        mpy: None,
        inflates: false,
    };
    let mut saw_count = false;
    for line in text.lines() {
        let mut fields = line.splitn(2, ' ');
        let tag = fields.next().unwrap_or_default();
        let rest = fields.next().unwrap_or_default();
        match tag {
            "N" => return Err(RomfsError::Unsupported),
            "C" => {
                let mut numbers = rest.split(' ');
                let count: i64 = numbers
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| bad(context, line))?;
                let mpy: u32 = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
                answer.count = usize::try_from(count).unwrap_or(0);
                answer.mpy = (mpy != 0).then(|| MpyFormat::from_sys_mpy(mpy));
                answer.inflates = numbers.next() == Some("1");
                saw_count = true;
            }
            "X" => {}
            "P" => {
                let parts: Vec<&str> = rest.split(' ').collect();
                if parts.len() != 6 {
                    return Err(bad(context, line));
                }
                let number = |s: &str| s.parse::<u64>().map_err(|_| bad(context, line));
                let head = decode_hex(parts[5]).ok_or_else(|| bad(context, line))?;
                let contents = if head.starts_with(&MAGIC) {
                    Contents::Image {
                        len: image::image_len(&head).ok().flatten().unwrap_or(0),
                        entries: Vec::new(),
                    }
                } else if !head.is_empty() && head.iter().all(|&b| b == 0xff) {
                    Contents::Erased
                } else {
                    Contents::Other(head)
                };
                answer.partitions.push(Partition {
                    index: number(parts[0])? as usize,
                    size: number(parts[1])?,
                    block_size: number(parts[2])?.max(1),
                    kind: if parts[3] == "1" {
                        PartitionKind::BlockDevice
                    } else {
                        PartitionKind::Memory
                    },
                    mounted: parts[4] == "1",
                    contents,
                });
            }
            "E" => {
                let parts: Vec<&str> = rest.splitn(3, ' ').collect();
                let (Some(Contents::Image { entries, .. }), [kind, size, path]) = (
                    answer.partitions.last_mut().map(|p| &mut p.contents),
                    parts.as_slice(),
                ) else {
                    return Err(bad(context, line));
                };
                let size = if *kind == "d" {
                    None
                } else {
                    Some(size.parse().map_err(|_| bad(context, line))?)
                };
                entries.push((path.to_string(), size));
            }
            "B" => {
                if let Some(partition) = answer.partitions.last_mut() {
                    let len = match &partition.contents {
                        Contents::Image { len, .. } => Some(*len),
                        _ => None,
                    };
                    partition.contents = Contents::Damaged {
                        len,
                        error: rest.to_string(),
                    };
                }
            }
            "" => {}
            _ => return Err(bad(context, line)),
        }
    }
    if !saw_count {
        return Err(bad(context, &text));
    }
    Ok(answer)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The .mpy files in an image whose format `board` cannot load: (path, version, sub-version).
fn unloadable_mpy(root: &[image::Node], board: MpyFormat) -> Option<(String, (u8, u8))> {
    let mut found = None;
    image::visit(root, &mut |path, node| {
        if found.is_some() {
            return;
        }
        if let image::Node::File { name, data } = node {
            if !name.ends_with(".mpy") || data.len() < 4 || data[0] != b'M' {
                return;
            }
            let (version, sub) = (data[1], data[2] & 0x3);
            if version != board.version || sub > board.sub_version {
                found = Some((path.to_string(), (version, sub)));
            }
        }
    });
    found
}

/// Reads the integer a board-side call printed.
fn printed_int(out: &[u8], context: &'static str) -> Result<i64, RomfsError> {
    let text = String::from_utf8_lossy(out);
    text.trim().parse().map_err(|_| bad(context, text.trim()))
}

impl Romfs<'_> {
    /// The board's ROM partitions, with the entries of the image each holds (listed on the
    /// board, so the image does not cross the link).
    pub fn query(&mut self) -> Result<Vec<Partition>, RomfsError> {
        let answer = self.query_answer(true)?;
        if answer.count == 0 {
            return Err(RomfsError::NoPartition);
        }
        Ok(answer.partitions)
    }

    fn query_answer(&mut self, walk: bool) -> Result<QueryAnswer, RomfsError> {
        let out = self.session.exec_capture(&query_code(walk))?;
        parse_query(&out)
    }

    /// Whether partition `index` already holds `image_bytes` (and, for partition 0, has it
    /// mounted at `/rom`), so a deploy can be skipped. The board hashes the partition's first
    /// `image_bytes.len()` bytes with SHA-256; only the hash crosses the link. A board without
    /// `hashlib` answers `false` (the image is deployed again). Errors as [`Romfs::query`]:
    /// no romfs support, no partition, no such partition.
    pub fn holds(&mut self, index: usize, image_bytes: &[u8]) -> Result<bool, RomfsError> {
        let answer = self.query_answer(false)?;
        if answer.count == 0 {
            return Err(RomfsError::NoPartition);
        }
        let partition = answer.partitions.iter().find(|p| p.index == index).ok_or(
            RomfsError::NoSuchPartition {
                index,
                count: answer.count,
            },
        )?;
        let same_len = matches!(partition.contents, Contents::Image { len, .. } if len == image_bytes.len() as u64);
        if !same_len || (index == 0 && !partition.mounted) {
            return Ok(false);
        }
        self.session
            .exec_capture(&format!("import vfs\n_rd=vfs.rom_ioctl(2,{index})"))?;
        let digest = self.partition_sha256(image_bytes.len());
        self.session.exec_capture("del _rd")?;
        Ok(digest?.is_some_and(|text| text == hex_sha256(image_bytes)))
    }

    /// Writes `image` to partition `index`: checks that it is a romfs image, fits the partition
    /// and holds only `.mpy` files the firmware loads (before erasing anything); unmounts
    /// `/rom`; prepares (erases) the range, streams the image in chunks, completes the write,
    /// checks the partition's SHA-256 and mounts it at `/rom` again (partition 0).
    pub fn deploy(
        &mut self,
        index: usize,
        image_bytes: &[u8],
        progress: &mut dyn Progress,
    ) -> Result<DeployReport, RomfsError> {
        let parsed = image::parse(image_bytes)?;
        let answer = self.query_answer(false)?;
        if answer.count == 0 {
            return Err(RomfsError::NoPartition);
        }
        let partition = answer
            .partitions
            .iter()
            .find(|p| p.index == index)
            .cloned()
            .ok_or(RomfsError::NoSuchPartition {
                index,
                count: answer.count,
            })?;
        let len = image_bytes.len() as u64;
        if len > partition.size {
            return Err(RomfsError::TooLarge {
                image: len,
                partition: partition.size,
                index,
            });
        }
        if let Some(board) = answer.mpy {
            if let Some((path, file)) = unloadable_mpy(&parsed.root, board) {
                return Err(RomfsError::MpyTooNew { path, file, board });
            }
        }
        let object = partition.kind == PartitionKind::BlockDevice;
        let block = partition.block_size;
        self.session.exec_capture(&format!(
            "import vfs\n_rd=vfs.rom_ioctl(2,{index})\nif {remount}:\n try:vfs.umount('/rom')\n except Exception:pass",
            remount = if index == 0 { "1" } else { "0" }
        ))?;

        // Prepare (erase) exactly what mpremote prepares, so the partitions end up the same.
        let mut erased = 0;
        let chunk;
        if object {
            let blocks = len.div_ceil(block);
            progress.on_erase_start(blocks * block);
            let mut first = 0;
            while first < blocks {
                let last = (first + ERASE_BATCH).min(blocks);
                let out = self.session.exec_capture(&format!(
                    "for k in range({first},{last}):\n r=_rd.ioctl(6,k)\n if r:\n  print(r);break\nelse:print(0)"
                ))?;
                let code = printed_int(&out, "erasing a ROM partition")?;
                if code != 0 {
                    return Err(RomfsError::Refused {
                        operation: "erase",
                        index,
                        errno: code.abs(),
                    });
                }
                progress.on_erased((last - first) * block);
                erased += (last - first) * block;
                first = last;
            }
            chunk = CHUNK.min(block);
        } else {
            let mut min_write = 0;
            if block < partition.size {
                progress.on_erase_start(len.div_ceil(block) * block);
                let mut offset = 0;
                while offset < len {
                    let remain = (len - offset).min(PREPARE_STEP);
                    let prepare = remain.div_ceil(block) * block;
                    let out = self.session.exec_capture(&format!(
                        "print(vfs.rom_ioctl(3,{index},{offset},{prepare}))"
                    ))?;
                    min_write = self.prepared(&out, index)?;
                    progress.on_erased(prepare);
                    erased += prepare;
                    offset += prepare;
                }
            } else {
                progress.on_erase_start(len);
                let out = self
                    .session
                    .exec_capture(&format!("print(vfs.rom_ioctl(3,{index},{len}))"))?;
                min_write = self.prepared(&out, index)?;
                progress.on_erased(len);
                erased = len;
            }
            chunk = CHUNK.max(min_write);
        }

        let padded_len = len.div_ceil(chunk) * chunk;
        let mut padded = image_bytes.to_vec();
        padded.resize(padded_len as usize, 0);
        progress.on_write_start(padded_len);
        self.stream(
            index,
            &padded,
            chunk,
            object,
            block,
            answer.inflates,
            progress,
        )?;
        if !object {
            let out = self
                .session
                .exec_capture(&format!("print(vfs.rom_ioctl(5,{index}))"))?;
            let code = printed_int(&out, "completing a ROM partition write")?;
            if code < 0 {
                return Err(RomfsError::Refused {
                    operation: "complete the write to",
                    index,
                    errno: -code,
                });
            }
        }

        progress.on_verify();
        let verified = self.verify(index, image_bytes)?;
        let mounted = if index == 0 {
            let out = self.session.exec_capture(
                "import sys\ntry:\n vfs.mount(vfs.VfsRom(_rd),'/rom')\n if '/rom' not in sys.path:sys.path[1:1]=['/rom','/rom/lib']\n print(1)\nexcept Exception:print(0)\nfor k,v in list(sys.modules.items()):\n if getattr(v,'__file__','').startswith('/rom/'):del sys.modules[k]",
            )?;
            String::from_utf8_lossy(&out).trim() == "1"
        } else {
            false
        };
        self.session.exec_capture("del _rd")?;
        let mut written_partition = partition;
        written_partition.contents = Contents::Image {
            len,
            entries: image::flatten(&parsed.root),
        };
        if index == 0 {
            written_partition.mounted = mounted;
        }
        Ok(DeployReport {
            partition: written_partition,
            erased,
            written: padded_len,
            verified,
            mounted,
        })
    }

    /// The minimum write size a prepare call printed, or its error.
    fn prepared(&mut self, out: &[u8], index: usize) -> Result<u64, RomfsError> {
        let code = printed_int(out, "preparing a ROM partition")?;
        if code < 0 {
            return Err(RomfsError::Refused {
                operation: "prepare (erase)",
                index,
                errno: -code,
            });
        }
        Ok(code as u64)
    }

    /// Streams `data` (a whole number of chunks) to the board-side writer, each chunk deflated
    /// when the board inflates and that saves a tenth, keeping at most two units
    /// unacknowledged so the board's input buffer never overflows.
    #[allow(clippy::too_many_arguments)]
    fn stream(
        &mut self,
        index: usize,
        data: &[u8],
        chunk: u64,
        object: bool,
        block: u64,
        inflates: bool,
        progress: &mut dyn Progress,
    ) -> Result<(), RomfsError> {
        let unit = match self.session.paste_support() {
            PasteSupport::Supported(window) => window.clamp(32, 4096),
            _ => 32,
        };
        let code = format!(
            "import sys,vfs\n{WRITE_CODE}_rw({index},{},{chunk},{unit},{},{block})\ndel _rw",
            data.len(),
            u8::from(object)
        );
        self.session.start_program(&code)?;
        // In flight: content bytes to credit once each unit is acknowledged.
        let mut in_flight: VecDeque<u64> = VecDeque::new();
        let mut failed = false;
        let mut left_protocol = false;
        let timeout = self.session.answer_timeout();
        'send: for content in data.chunks(chunk as usize) {
            let (payload, wbits) = encode_chunk(content, inflates);
            let header = frame_header(payload.len(), wbits);
            let pieces = std::iter::once(&header[..]).chain(payload.chunks(unit));
            let count = 1 + payload.len().div_ceil(unit);
            for (i, piece) in pieces.enumerate() {
                while in_flight.len() >= 2 {
                    match self.read_ack(timeout)? {
                        Some(ok) => {
                            failed |= !ok;
                            progress.on_written(in_flight.pop_front().unwrap_or(0));
                        }
                        None => {
                            left_protocol = true;
                            break 'send;
                        }
                    }
                }
                self.session.write(piece)?;
                let credit = if i + 1 == count {
                    content.len() as u64
                } else {
                    0
                };
                in_flight.push_back(credit);
            }
        }
        while !left_protocol && !in_flight.is_empty() {
            match self.read_ack(timeout)? {
                Some(ok) => {
                    failed |= !ok;
                    progress.on_written(in_flight.pop_front().unwrap_or(0));
                }
                None => left_protocol = true,
            }
        }
        let result = self.session.finish_program(&mut |_| {}, Some(timeout));
        if left_protocol {
            self.session.resynchronize();
        }
        result?;
        if failed || left_protocol {
            return Err(bad(
                "writing a ROM partition",
                "the board stopped acknowledging",
            ));
        }
        Ok(())
    }

    /// One acknowledgement: Some(true) stored, Some(false) failed, None when the board left the
    /// protocol (its reply, an exception, follows).
    fn read_ack(&mut self, timeout: std::time::Duration) -> Result<Option<bool>, RomfsError> {
        let mut byte = [0u8; 1];
        if self.session.read_flow_byte(&mut byte, timeout)? == 0 {
            return Err(self
                .session
                .not_answering("a ROM partition write acknowledgement")
                .into());
        }
        match byte[0] {
            ACK => Ok(Some(true)),
            NAK => Ok(Some(false)),
            other => {
                self.session.push_back(other);
                Ok(None)
            }
        }
    }

    /// Compares the partition's first `image.len()` bytes with the image by SHA-256 on the
    /// board; Ok(false) when the board has no `hashlib`.
    fn verify(&mut self, index: usize, image_bytes: &[u8]) -> Result<bool, RomfsError> {
        let Some(text) = self.partition_sha256(image_bytes.len())? else {
            return Ok(false);
        };
        if text != hex_sha256(image_bytes) {
            return Err(RomfsError::VerifyFailed { index });
        }
        Ok(true)
    }

    /// The SHA-256 (hex) of the first `len` bytes of the partition in `_rd`, hashed on the
    /// board; None when the board has no `hashlib`.
    fn partition_sha256(&mut self, len: usize) -> Result<Option<String>, RomfsError> {
        let out = self.session.exec_capture(&format!(
            "try:\n import hashlib\nexcept ImportError:\n hashlib=None\nif hashlib:\n print(''.join('%02x'%x for x in hashlib.sha256(memoryview(_rd)[:{len}]).digest()))\nelse:print('-')"
        ))?;
        let text = String::from_utf8_lossy(&out).trim().to_string();
        Ok((text != "-").then_some(text))
    }
}

/// The SHA-256 of `data` in lower-case hex, as the board prints it.
fn hex_sha256(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romfs_query_answer_parses_partitions_and_entries() {
        let out = b"C 1 2822 1\nP 0 65536 4096 0 1 d2cd318143050d05642e747874ffffff\nE f 5 d.txt\nE d 0 pkg\nE f 120 pkg/mod.mpy\n";
        let answer = parse_query(out).expect("parses");
        assert_eq!(answer.count, 1);
        assert!(answer.inflates);
        assert_eq!(answer.mpy.map(|m| (m.version, m.sub_version)), Some((6, 3)));
        let p = &answer.partitions[0];
        assert_eq!(
            (p.index, p.size, p.block_size, p.mounted),
            (0, 65536, 4096, true)
        );
        assert_eq!(
            p.contents,
            Contents::Image {
                len: 200,
                entries: vec![
                    ("d.txt".into(), Some(5)),
                    ("pkg".into(), None),
                    ("pkg/mod.mpy".into(), Some(120)),
                ]
            }
        );
    }

    #[test]
    fn romfs_query_answer_reports_missing_support_and_erased_flash() {
        assert!(matches!(parse_query(b"N\n"), Err(RomfsError::Unsupported)));
        let answer = parse_query(b"C 1 0\nP 0 8192 8192 0 0 ffffffffffffffffffffffffffffffff\n")
            .expect("parses");
        assert_eq!(answer.partitions[0].contents, Contents::Erased);
        assert!(answer.mpy.is_none());
    }

    #[test]
    fn romfs_chunks_deflate_only_when_it_pays_and_inflate_back() {
        let text = b"abcabcabc".repeat(456);
        let (packed, wbits) = encode_chunk(&text[..4096], true);
        assert_eq!(wbits, 12);
        assert!(packed.len() < 400);
        let inflated = miniz_oxide::inflate::decompress_to_vec(&packed).expect("inflates");
        assert_eq!(inflated, &text[..4096]);
        let mut state = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .collect();
        assert_eq!(encode_chunk(&noise, true).1, 0);
        assert_eq!(encode_chunk(&text[..4096], false).1, 0);
        assert_eq!(frame_header(0x012345, 12), [0x45, 0x23, 0x01, 12]);
    }

    #[test]
    fn romfs_finds_mpy_files_the_firmware_cannot_load() {
        let tree = vec![image::Node::Dir {
            name: "lib".into(),
            children: vec![image::Node::File {
                name: "a.mpy".into(),
                data: vec![b'M', 6, 3, 31],
            }],
        }];
        let old = MpyFormat::from_sys_mpy(6 | (2 << 8));
        let new = MpyFormat::from_sys_mpy(6 | (3 << 8));
        assert_eq!(
            unloadable_mpy(&tree, old),
            Some(("lib/a.mpy".to_string(), (6, 3)))
        );
        assert_eq!(unloadable_mpy(&tree, new), None);
    }
}
