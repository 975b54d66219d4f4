//! Bytecode opcode numbers and operator numbers of MicroPython's VM (mirrors `py/bc0.h` and the
//! operator enums of `py/runtime0.h`).
//!
//! Opcodes are grouped by the shape of their argument: the high nibble decides whether a qstr,
//! an unsigned varint, or a jump offset follows, and a bit mask marks the opcodes that carry one
//! extra raw byte after their argument.

#![allow(dead_code)]

// Load, store and delete.
pub const LOAD_CONST_FALSE: u8 = 0x50;
pub const LOAD_CONST_NONE: u8 = 0x51;
pub const LOAD_CONST_TRUE: u8 = 0x52;
pub const LOAD_CONST_SMALL_INT: u8 = 0x22;
pub const LOAD_CONST_STRING: u8 = 0x10;
pub const LOAD_CONST_OBJ: u8 = 0x23;
pub const LOAD_NULL: u8 = 0x53;

pub const LOAD_FAST_N: u8 = 0x24;
pub const LOAD_DEREF: u8 = 0x25;
pub const LOAD_NAME: u8 = 0x11;
pub const LOAD_GLOBAL: u8 = 0x12;
pub const LOAD_ATTR: u8 = 0x13;
pub const LOAD_METHOD: u8 = 0x14;
pub const LOAD_SUPER_METHOD: u8 = 0x15;
pub const LOAD_BUILD_CLASS: u8 = 0x54;
pub const LOAD_SUBSCR: u8 = 0x55;

pub const STORE_FAST_N: u8 = 0x26;
pub const STORE_DEREF: u8 = 0x27;
pub const STORE_NAME: u8 = 0x16;
pub const STORE_GLOBAL: u8 = 0x17;
pub const STORE_ATTR: u8 = 0x18;
pub const STORE_SUBSCR: u8 = 0x56;

pub const DELETE_FAST: u8 = 0x28;
pub const DELETE_DEREF: u8 = 0x29;
pub const DELETE_NAME: u8 = 0x19;
pub const DELETE_GLOBAL: u8 = 0x1a;

// Stack manipulation.
pub const DUP_TOP: u8 = 0x57;
pub const DUP_TOP_TWO: u8 = 0x58;
pub const POP_TOP: u8 = 0x59;
pub const ROT_TWO: u8 = 0x5a;
pub const ROT_THREE: u8 = 0x5b;

// Jumps and blocks.
pub const UNWIND_JUMP: u8 = 0x40;
pub const JUMP: u8 = 0x42;
pub const POP_JUMP_IF_TRUE: u8 = 0x43;
pub const POP_JUMP_IF_FALSE: u8 = 0x44;
pub const JUMP_IF_TRUE_OR_POP: u8 = 0x45;
pub const JUMP_IF_FALSE_OR_POP: u8 = 0x46;
pub const SETUP_WITH: u8 = 0x47;
pub const SETUP_EXCEPT: u8 = 0x48;
pub const SETUP_FINALLY: u8 = 0x49;
pub const POP_EXCEPT_JUMP: u8 = 0x4a;
pub const FOR_ITER: u8 = 0x4b;
pub const WITH_CLEANUP: u8 = 0x5c;
pub const END_FINALLY: u8 = 0x5d;
pub const GET_ITER: u8 = 0x5e;
pub const GET_ITER_STACK: u8 = 0x5f;

// Building and unpacking.
pub const BUILD_TUPLE: u8 = 0x2a;
pub const BUILD_LIST: u8 = 0x2b;
pub const BUILD_MAP: u8 = 0x2c;
pub const STORE_MAP: u8 = 0x62;
pub const BUILD_SET: u8 = 0x2d;
pub const BUILD_SLICE: u8 = 0x2e;
pub const STORE_COMP: u8 = 0x2f;
pub const UNPACK_SEQUENCE: u8 = 0x30;
pub const UNPACK_EX: u8 = 0x31;

// Returning, raising, yielding.
pub const RETURN_VALUE: u8 = 0x63;
pub const RAISE_LAST: u8 = 0x64;
pub const RAISE_OBJ: u8 = 0x65;
pub const RAISE_FROM: u8 = 0x66;
pub const YIELD_VALUE: u8 = 0x67;
pub const YIELD_FROM: u8 = 0x68;

// Functions and calls.
pub const MAKE_FUNCTION: u8 = 0x32;
pub const MAKE_FUNCTION_DEFARGS: u8 = 0x33;
pub const MAKE_CLOSURE: u8 = 0x20;
pub const MAKE_CLOSURE_DEFARGS: u8 = 0x21;
pub const CALL_FUNCTION: u8 = 0x34;
pub const CALL_FUNCTION_VAR_KW: u8 = 0x35;
pub const CALL_METHOD: u8 = 0x36;
pub const CALL_METHOD_VAR_KW: u8 = 0x37;

// Imports.
pub const IMPORT_NAME: u8 = 0x1b;
pub const IMPORT_FROM: u8 = 0x1c;
pub const IMPORT_STAR: u8 = 0x69;

// Opcodes with the operand folded into the opcode byte.
pub const LOAD_CONST_SMALL_INT_MULTI: u8 = 0x70;
pub const LOAD_CONST_SMALL_INT_MULTI_EXCESS: i64 = 16;
pub const LOAD_CONST_SMALL_INT_MULTI_NUM: i64 = 64;
pub const LOAD_FAST_MULTI: u8 = 0xb0;
pub const STORE_FAST_MULTI: u8 = 0xc0;
pub const UNARY_OP_MULTI: u8 = 0xd0;
pub const BINARY_OP_MULTI: u8 = 0xd7;

/// Stack slots an iterator occupies on the value stack (`MP_OBJ_ITER_BUF_NSLOTS`).
pub const ITER_BUF_SLOTS: i32 = 4;

/// Unary operators in VM numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum UnaryOp {
    Positive = 0,
    Negative = 1,
    Invert = 2,
    Not = 3,
}

/// Binary operators in VM numbering; `NotIn` and `IsNot` are compiler-only and become the
/// positive operator followed by `not`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOp {
    Less = 0,
    More,
    Equal,
    LessEqual,
    MoreEqual,
    NotEqual,
    In,
    Is,
    ExceptionMatch,
    InplaceOr,
    InplaceXor,
    InplaceAnd,
    InplaceLshift,
    InplaceRshift,
    InplaceAdd,
    InplaceSubtract,
    InplaceMultiply,
    InplaceMatMultiply,
    InplaceFloorDivide,
    InplaceTrueDivide,
    InplaceModulo,
    InplacePower,
    Or,
    Xor,
    And,
    Lshift,
    Rshift,
    Add,
    Subtract,
    Multiply,
    MatMultiply,
    FloorDivide,
    TrueDivide,
    Modulo,
    Power,
    NotIn = 0xfe,
    IsNot = 0xff,
}

impl BinaryOp {
    /// The in-place operators in the order of the augmented-assignment tokens
    /// `|= ^= &= <<= >>= += -= *= @= //= /= %= **=`.
    pub const INPLACE: [BinaryOp; 13] = [
        BinaryOp::InplaceOr,
        BinaryOp::InplaceXor,
        BinaryOp::InplaceAnd,
        BinaryOp::InplaceLshift,
        BinaryOp::InplaceRshift,
        BinaryOp::InplaceAdd,
        BinaryOp::InplaceSubtract,
        BinaryOp::InplaceMultiply,
        BinaryOp::InplaceMatMultiply,
        BinaryOp::InplaceFloorDivide,
        BinaryOp::InplaceTrueDivide,
        BinaryOp::InplaceModulo,
        BinaryOp::InplacePower,
    ];
}

/// True for the jump opcodes whose offset is signed (biased by 0x40 or 0x4000).
pub fn has_signed_offset(opcode: u8) -> bool {
    (UNWIND_JUMP..=POP_JUMP_IF_FALSE).contains(&opcode)
}

/// Appends `value` as MicroPython's unsigned varint: 7 bits per byte, most significant group
/// first, bit 7 set on every byte but the last.
pub fn push_vuint(out: &mut Vec<u8>, mut value: u64) {
    let mut buf = [0u8; 10];
    let mut i = buf.len() - 1;
    buf[i] = (value & 0x7f) as u8;
    value >>= 7;
    while value != 0 {
        i -= 1;
        buf[i] = 0x80 | (value & 0x7f) as u8;
        value >>= 7;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Number of bytes `push_vuint` writes for `value`.
pub fn vuint_len(mut value: u64) -> usize {
    let mut n = 1;
    value >>= 7;
    while value != 0 {
        n += 1;
        value >>= 7;
    }
    n
}

/// Appends `value` as the signed varint of `LOAD_CONST_SMALL_INT`: like the unsigned form, but
/// bit 6 of the first byte carries the sign, with an extra leading byte when it would not.
pub fn push_signed_vint(out: &mut Vec<u8>, mut value: i64) {
    let mut buf = [0u8; 11];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 || value == -1 {
            break;
        }
    }
    if value == -1 && buf[i] & 0x40 == 0 {
        i -= 1;
        buf[i] = 0x7f;
    } else if value == 0 && buf[i] & 0x40 != 0 {
        i -= 1;
        buf[i] = 0;
    }
    let last = buf.len() - 1;
    for (k, byte) in buf[i..].iter().enumerate() {
        out.push(if i + k == last { *byte } else { *byte | 0x80 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vuint(v: u64) -> Vec<u8> {
        let mut out = Vec::new();
        push_vuint(&mut out, v);
        out
    }

    fn svint(v: i64) -> Vec<u8> {
        let mut out = Vec::new();
        push_signed_vint(&mut out, v);
        out
    }

    #[test]
    fn vuint_encodes_most_significant_group_first() {
        assert_eq!(vuint(0), [0]);
        assert_eq!(vuint(127), [0x7f]);
        assert_eq!(vuint(128), [0x81, 0x00]);
        assert_eq!(vuint(169), [0x81, 0x29]);
        assert_eq!(vuint_len(169), 2);
        assert_eq!(vuint(u64::MAX).len(), vuint_len(u64::MAX));
    }

    #[test]
    fn signed_vint_keeps_sign_in_bit_six() {
        assert_eq!(svint(0), [0]);
        assert_eq!(svint(63), [0x3f]);
        assert_eq!(svint(64), [0x80, 0x40]);
        assert_eq!(svint(-1), [0x7f]);
        assert_eq!(svint(-64), [0x40]);
        assert_eq!(svint(-65), [0xff, 0x3f]);
        assert_eq!(svint(100), [0x80, 0x64]);
        assert_eq!(svint(1000), [0x87, 0x68]);
    }

    #[test]
    fn only_unwind_and_conditional_pop_jumps_are_signed() {
        assert!(has_signed_offset(JUMP));
        assert!(has_signed_offset(UNWIND_JUMP));
        assert!(has_signed_offset(POP_JUMP_IF_FALSE));
        assert!(!has_signed_offset(JUMP_IF_TRUE_OR_POP));
        assert!(!has_signed_offset(FOR_ITER));
    }
}
