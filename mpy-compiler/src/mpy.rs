//! The `.mpy` v6.3 writer (mirrors the save path of `py/persistentcode.c`).
//!
//! Layout: a 4-byte header, the qstr table, the constant-object table, then the module's raw
//! code with its children nested depth-first in `MAKE_FUNCTION` index order.

use crate::emit::{CodeKind, Constant, RawCode};
use crate::opcode::push_vuint;

/// `.mpy` major version.
pub const MPY_VERSION: u8 = 6;

/// How a qstr is stored in the table.
#[derive(Debug, Clone, Copy)]
pub enum QstrEntry<'a> {
    /// One of the interpreter's static qstrs, by id.
    Static(u16),
    /// Any other string, stored inline.
    Bytes(&'a [u8]),
}

/// Writes a whole `.mpy` file.
///
/// `qstrs` and `constants` are the module tables in index order; `raw_codes` holds every
/// scope's code, with `root` the module scope.
/// The architecture code of the header (`MP_NATIVE_ARCH_*`) for a `-march` name.
pub fn arch_code(march: &str) -> Option<u8> {
    Some(match march {
        "x86" => 1,
        "x64" | "host" => 2,
        "armv6" => 3,
        "armv6m" => 4,
        "armv7m" => 5,
        "armv7em" => 6,
        "armv7emsp" => 7,
        "armv7emdp" => 8,
        "xtensa" => 9,
        "xtensawin" => 10,
        "rv32imc" => 11,
        "rv64imc" => 12,
        "debug" => 13,
        _ => return None,
    })
}

/// Header flag: an arch-flags varint follows the header.
const MPY_FEATURE_ARCH_FLAGS: u8 = 0x40;

/// `.mpy` sub-version stored with native code.
const MPY_SUB_VERSION: u8 = 3;

/// Writes a whole `.mpy` file; `native_arch` is the header's architecture code when the
/// module holds machine code.
pub fn write_mpy<'a>(
    small_int_bits: u8,
    native_arch: Option<u8>,
    arch_flags: u32,
    qstrs: impl ExactSizeIterator<Item = QstrEntry<'a>>,
    constants: &[Constant],
    raw_codes: &[RawCode<usize>],
    root: usize,
) -> Vec<u8> {
    let mut features = native_arch.map_or(0, |arch| MPY_SUB_VERSION | (arch << 2));
    if arch_flags != 0 {
        features |= MPY_FEATURE_ARCH_FLAGS;
    }
    let mut out = vec![b'M', MPY_VERSION, features, small_int_bits];
    if arch_flags != 0 {
        push_vuint(&mut out, u64::from(arch_flags));
    }
    push_vuint(&mut out, qstrs.len() as u64);
    push_vuint(&mut out, constants.len() as u64);
    for entry in qstrs {
        match entry {
            QstrEntry::Static(id) => push_vuint(&mut out, (u64::from(id) << 1) | 1),
            QstrEntry::Bytes(bytes) => {
                push_vuint(&mut out, (bytes.len() as u64) << 1);
                out.extend_from_slice(bytes);
                out.push(0);
            }
        }
    }
    for constant in constants {
        write_constant(&mut out, constant);
    }
    write_raw_code(&mut out, raw_codes, root, 0);
    out
}

fn write_constant(out: &mut Vec<u8>, constant: &Constant) {
    match constant {
        Constant::None => out.push(1),
        Constant::False => out.push(2),
        Constant::True => out.push(3),
        Constant::Ellipsis => out.push(4),
        Constant::FunTable => out.push(0),
        Constant::Str(bytes) | Constant::Bytes(bytes) => {
            out.push(if matches!(constant, Constant::Str(_)) {
                5
            } else {
                6
            });
            push_vuint(out, bytes.len() as u64);
            out.extend_from_slice(bytes);
            out.push(0);
        }
        Constant::Float { is_nan: true, .. } => {
            out.extend_from_slice(&[8, 3]);
            out.extend_from_slice(b"nan");
        }
        Constant::Int(text) | Constant::Float { repr: text, .. } | Constant::Complex(text) => {
            out.push(match constant {
                Constant::Int(_) => 7,
                Constant::Float { .. } => 8,
                _ => 9,
            });
            push_vuint(out, text.len() as u64);
            out.extend_from_slice(text.as_bytes());
        }
        Constant::Tuple(items) => {
            out.push(10);
            push_vuint(out, items.len() as u64);
            for item in items {
                write_constant(out, item);
            }
        }
    }
}

fn write_raw_code(out: &mut Vec<u8>, raw_codes: &[RawCode<usize>], index: usize, depth: usize) {
    let Some(raw) = raw_codes.get(index) else {
        return;
    };
    let has_children = !raw.children.is_empty();
    let kind: u64 = match raw.kind {
        CodeKind::Bytecode => 0,
        CodeKind::NativePy { .. } => 1,
        CodeKind::NativeViper => 2,
        CodeKind::NativeAsm { .. } => 3,
    };
    push_vuint(
        out,
        ((raw.data.len() as u64) << 3) | (u64::from(has_children) << 2) | kind,
    );
    out.extend_from_slice(&raw.data);
    match raw.kind {
        CodeKind::Bytecode => {}
        // mpy-cross keeps the offset in 16 bits, so a function past 64 KiB wraps it.
        CodeKind::NativePy { prelude_offset } => push_vuint(out, prelude_offset as u64 & 0xffff),
        // Viper functions keep no signature flags in the file.
        CodeKind::NativeViper => push_vuint(out, 0),
        CodeKind::NativeAsm {
            n_pos_args,
            type_sig,
        } => {
            push_vuint(out, 0);
            push_vuint(out, n_pos_args as u64);
            push_vuint(out, u64::from(type_sig));
        }
    }
    if has_children {
        push_vuint(out, raw.children.len() as u64);
        // Scopes nest no deeper than the source does; the guard only protects against cycles.
        if depth < 10_000 {
            for &child in &raw.children {
                write_raw_code(out, raw_codes, child, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_header_tables_and_nested_raw_code() {
        let raws = vec![
            RawCode {
                data: vec![0xaa, 0xbb],
                children: vec![1],
                kind: CodeKind::Bytecode,
            },
            RawCode {
                data: vec![0xcc],
                children: vec![],
                kind: CodeKind::Bytecode,
            },
        ];
        let qstrs = [QstrEntry::Bytes(b"m.py"), QstrEntry::Static(7)];
        let constants = [
            Constant::Str(b"hello".to_vec()),
            Constant::Tuple(vec![Constant::Int("1".into()), Constant::None]),
        ];
        let bytes = write_mpy(31, None, 0, qstrs.into_iter(), &constants, &raws, 0);
        let expected: Vec<u8> = [
            &b"M\x06\x00\x1f"[..],
            &[2, 2],
            &[8],
            b"m.py\0",
            &[15],
            &[5, 5],
            b"hello\0",
            &[10, 2, 7, 1, b'1', 1],
            &[(2 << 3) | 4, 0xaa, 0xbb, 1],
            &[1 << 3, 0xcc],
        ]
        .concat();
        assert_eq!(bytes, expected);
    }
}
