//! The romfs image format that MicroPython's `vfs.VfsRom` reads.
//!
//! An image is the 3-byte magic `d2 cd 31`, the length of what follows as a variable-length
//! unsigned integer, then a sequence of records. Every record is `kind`, `length`, `payload`,
//! both numbers in the same encoding (7 bits per byte, most significant first, the high bit set
//! on all bytes but the last). A directory record's payload is its name (length, bytes) followed
//! by the records of its entries; a file record's payload is its name followed by one data
//! record holding the content. The whole image has an even length: when it would be odd, the
//! length after the magic is written with one redundant leading `0x80` byte.
//!
//! Entries are written in the order given; [`encode`] does not sort.

/// The first three bytes of every romfs image.
pub const MAGIC: [u8; 3] = [0xd2, 0xcd, 0x31];

const KIND_UNUSED: u64 = 0;
const KIND_PADDING: u64 = 1;
const KIND_DATA_VERBATIM: u64 = 2;
const KIND_DATA_POINTER: u64 = 3;
const KIND_DIRECTORY: u64 = 4;
const KIND_FILE: u64 = 5;

/// One entry of a romfs tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A file and its bytes.
    File {
        /// Name inside its directory.
        name: String,
        /// Content.
        data: Vec<u8>,
    },
    /// A directory and its entries, in image order.
    Dir {
        /// Name inside its parent.
        name: String,
        /// Entries.
        children: Vec<Node>,
    },
}

impl Node {
    /// The entry's name inside its directory.
    pub fn name(&self) -> &str {
        match self {
            Node::File { name, .. } | Node::Dir { name, .. } => name,
        }
    }
}

/// Why bytes are not a romfs image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImageError {
    /// The magic bytes are missing.
    #[error("not a romfs image (it does not start with d2 cd 31)")]
    BadMagic,
    /// The data ends inside a record or before the length the header announces.
    #[error("romfs image is truncated at byte {offset}")]
    Truncated {
        /// Where the data ran out.
        offset: usize,
    },
    /// A record of a kind that cannot appear where it is.
    #[error("romfs image has an unexpected record of kind {kind} at byte {offset}")]
    BadRecord {
        /// The record's kind number.
        kind: u64,
        /// Where it starts.
        offset: usize,
    },
}

/// Appends `value` in the image's variable-length encoding.
fn put_uint(out: &mut Vec<u8>, value: u64) {
    let mut groups = vec![(value & 0x7f) as u8];
    let mut rest = value >> 7;
    while rest != 0 {
        groups.push(0x80 | (rest & 0x7f) as u8);
        rest >>= 7;
    }
    out.extend(groups.iter().rev());
}

fn record(kind: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 8);
    put_uint(&mut out, kind);
    put_uint(&mut out, payload.len() as u64);
    out.extend_from_slice(payload);
    out
}

fn name_prefix(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len() + 2);
    put_uint(&mut out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
    out
}

fn encode_node(node: &Node, out: &mut Vec<u8>) {
    match node {
        Node::File { name, data } => {
            let mut payload = name_prefix(name);
            payload.extend(record(KIND_DATA_VERBATIM, data));
            out.extend(record(KIND_FILE, &payload));
        }
        Node::Dir { name, children } => {
            let mut payload = name_prefix(name);
            for child in children {
                encode_node(child, &mut payload);
            }
            out.extend(record(KIND_DIRECTORY, &payload));
        }
    }
}

/// Encodes a tree (the entries of the image's root) as a romfs image. Names are stored as
/// their UTF-8 bytes.
pub fn encode(root: &[Node]) -> Vec<u8> {
    let mut body = Vec::new();
    for node in root {
        encode_node(node, &mut body);
    }
    let mut length = Vec::new();
    put_uint(&mut length, body.len() as u64);
    let mut image = Vec::with_capacity(MAGIC.len() + length.len() + 1 + body.len());
    image.extend_from_slice(&MAGIC);
    if (MAGIC.len() + length.len() + body.len()) % 2 == 1 {
        image.push(0x80);
    }
    image.extend(length);
    image.extend(body);
    image
}

/// Reads one variable-length integer at `*pos` within `data[..end]`.
fn get_uint(data: &[u8], pos: &mut usize, end: usize) -> Result<u64, ImageError> {
    let mut value: u64 = 0;
    loop {
        if *pos >= end {
            return Err(ImageError::Truncated { offset: *pos });
        }
        let byte = data[*pos];
        *pos += 1;
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        if value > u64::MAX >> 8 {
            return Err(ImageError::Truncated { offset: *pos });
        }
    }
}

/// The total length of the image whose first bytes are `head` (magic, length field and what
/// it counts), or `None` when `head` is too short to hold the whole length field.
pub fn image_len(head: &[u8]) -> Result<Option<u64>, ImageError> {
    if head.len() < MAGIC.len() {
        return Ok(None);
    }
    if head[..MAGIC.len()] != MAGIC {
        return Err(ImageError::BadMagic);
    }
    let mut pos = MAGIC.len();
    match get_uint(head, &mut pos, head.len()) {
        Ok(body) => Ok(Some(pos as u64 + body)),
        Err(_) => Ok(None),
    }
}

/// A parsed image: its length and its tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Bytes the image occupies (anything after it in a partition is not part of it).
    pub len: usize,
    /// The root's entries.
    pub root: Vec<Node>,
}

/// Parses a romfs image (trailing bytes after the announced length are ignored, as in a
/// partition larger than its image).
pub fn parse(data: &[u8]) -> Result<Image, ImageError> {
    if data.len() < MAGIC.len() || data[..MAGIC.len()] != MAGIC {
        return Err(ImageError::BadMagic);
    }
    let mut pos = MAGIC.len();
    let body = get_uint(data, &mut pos, data.len())?;
    let end = pos
        .checked_add(usize::try_from(body).unwrap_or(usize::MAX))
        .filter(|&end| end <= data.len())
        .ok_or(ImageError::Truncated { offset: data.len() })?;
    let body_start = pos;
    let root = parse_records(data, &mut pos, end, body_start)?;
    Ok(Image { len: end, root })
}

/// Parses the directory and file records in `data[*pos..end]`.
fn parse_records(
    data: &[u8],
    pos: &mut usize,
    end: usize,
    body_start: usize,
) -> Result<Vec<Node>, ImageError> {
    let mut nodes = Vec::new();
    while *pos < end {
        let start = *pos;
        let kind = get_uint(data, pos, end)?;
        let payload_end = record_end(data, pos, end)?;
        match kind {
            KIND_UNUSED | KIND_PADDING => {}
            KIND_DIRECTORY => {
                let name = get_name(data, pos, payload_end)?;
                let children = parse_records(data, pos, payload_end, body_start)?;
                nodes.push(Node::Dir { name, children });
            }
            KIND_FILE => {
                let name = get_name(data, pos, payload_end)?;
                let content = parse_file_data(data, pos, payload_end, body_start)?;
                nodes.push(Node::File {
                    name,
                    data: content,
                });
            }
            other => {
                return Err(ImageError::BadRecord {
                    kind: other,
                    offset: start,
                })
            }
        }
        *pos = payload_end;
    }
    Ok(nodes)
}

/// Reads a record's length at `*pos` and returns where its payload ends.
fn record_end(data: &[u8], pos: &mut usize, end: usize) -> Result<usize, ImageError> {
    let len = get_uint(data, pos, end)?;
    pos.checked_add(usize::try_from(len).unwrap_or(usize::MAX))
        .filter(|&payload_end| payload_end <= end)
        .ok_or(ImageError::Truncated { offset: end })
}

fn get_name(data: &[u8], pos: &mut usize, end: usize) -> Result<String, ImageError> {
    let name_end = record_end(data, pos, end)?;
    let name = String::from_utf8_lossy(&data[*pos..name_end]).into_owned();
    *pos = name_end;
    Ok(name)
}

/// The content of a file record: the first data record in its payload.
fn parse_file_data(
    data: &[u8],
    pos: &mut usize,
    end: usize,
    body_start: usize,
) -> Result<Vec<u8>, ImageError> {
    while *pos < end {
        let start = *pos;
        let kind = get_uint(data, pos, end)?;
        let payload_end = record_end(data, pos, end)?;
        match kind {
            KIND_UNUSED | KIND_PADDING => *pos = payload_end,
            KIND_DATA_VERBATIM => return Ok(data[*pos..payload_end].to_vec()),
            KIND_DATA_POINTER => {
                let offset = get_uint(data, pos, payload_end)?;
                let len = get_uint(data, pos, payload_end)?;
                let from = usize::try_from(offset)
                    .ok()
                    .and_then(|o| o.checked_add(body_start));
                let to = from.and_then(|f| usize::try_from(len).ok()?.checked_add(f));
                return match (from, to) {
                    (Some(from), Some(to)) if to <= data.len() => Ok(data[from..to].to_vec()),
                    _ => Err(ImageError::Truncated { offset: start }),
                };
            }
            other => {
                return Err(ImageError::BadRecord {
                    kind: other,
                    offset: start,
                })
            }
        }
    }
    Ok(Vec::new())
}

/// Calls `visit` with the path from the root (`/`-separated) of every node, parents before
/// their children.
pub fn visit(root: &[Node], visit: &mut dyn FnMut(&str, &Node)) {
    fn walk(prefix: &str, nodes: &[Node], visit: &mut dyn FnMut(&str, &Node)) {
        for node in nodes {
            let path = if prefix.is_empty() {
                node.name().to_string()
            } else {
                format!("{prefix}/{}", node.name())
            };
            visit(&path, node);
            if let Node::Dir { children, .. } = node {
                walk(&path, children, visit);
            }
        }
    }
    walk("", root, visit);
}

/// One line of a flattened listing: path from the root (`/`-separated), and size (None for
/// directories).
pub fn flatten(root: &[Node]) -> Vec<(String, Option<u64>)> {
    let mut out = Vec::new();
    visit(root, &mut |path, node| {
        let size = match node {
            Node::File { data, .. } => Some(data.len() as u64),
            Node::Dir { .. } => None,
        };
        out.push((path.to_string(), size));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, data: &[u8]) -> Node {
        Node::File {
            name: name.into(),
            data: data.to_vec(),
        }
    }

    #[test]
    fn romfs_uint_encoding_is_big_endian_groups_of_seven() {
        let mut out = Vec::new();
        put_uint(&mut out, 0);
        put_uint(&mut out, 127);
        put_uint(&mut out, 128);
        put_uint(&mut out, 300);
        assert_eq!(out, [0x00, 0x7f, 0x81, 0x00, 0x82, 0x2c]);
    }

    #[test]
    fn romfs_images_always_have_an_even_length() {
        assert_eq!(encode(&[]), [0xd2, 0xcd, 0x31, 0x00]);
        for size in 0..300 {
            let image = encode(&[file("f", &vec![7u8; size])]);
            assert_eq!(image.len() % 2, 0, "file of {size} bytes");
            assert_eq!(
                parse(&image).expect("parses").root[0],
                file("f", &vec![7u8; size])
            );
        }
    }

    #[test]
    fn romfs_round_trips_a_tree() {
        let tree = vec![
            file("a.txt", b"hello"),
            Node::Dir {
                name: "pkg".into(),
                children: vec![
                    file("m.mpy", &[0x4d, 6, 0, 31]),
                    Node::Dir {
                        name: "empty".into(),
                        children: vec![],
                    },
                ],
            },
            file("ünï.txt", &[0u8; 300]),
        ];
        let image = encode(&tree);
        assert_eq!(image.len() % 2, 0);
        let parsed = parse(&image).expect("parses");
        assert_eq!(parsed.len, image.len());
        assert_eq!(parsed.root, tree);
        assert_eq!(image_len(&image[..8]).unwrap(), Some(image.len() as u64));
        let listing = flatten(&parsed.root);
        assert_eq!(listing[2], ("pkg/m.mpy".to_string(), Some(4)));
        assert_eq!(listing[3], ("pkg/empty".to_string(), None));
    }

    #[test]
    fn romfs_rejects_bad_magic_and_truncation() {
        assert_eq!(parse(b"\xff\xff\xff\xff"), Err(ImageError::BadMagic));
        let image = encode(&[file("x", b"data")]);
        assert!(matches!(
            parse(&image[..image.len() - 1]),
            Err(ImageError::Truncated { .. })
        ));
        assert_eq!(image_len(b"\xff\xff\xff"), Err(ImageError::BadMagic));
        assert_eq!(image_len(&[0xd2, 0xcd, 0x31, 0x81]).unwrap(), None);
    }
}
