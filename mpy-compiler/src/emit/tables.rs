//! The module-wide qstr and constant-object tables (as `mp_emit_common_t` in py/emit.h and
//! py/emitcommon.c): both assign indexes in order of first use, which fixes the layout of
//! the `.mpy` file.

use std::collections::HashMap;
use std::hash::Hash;

/// A constant object destined for the `.mpy` object table.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`, only inside folded tuples.
    None,
    /// `False`, only inside folded tuples.
    False,
    /// `True`, only inside folded tuples.
    True,
    /// `...`
    Ellipsis,
    /// A `str` too long to be a qstr (UTF-8 bytes).
    Str(Vec<u8>),
    /// A `bytes` literal.
    Bytes(Vec<u8>),
    /// An integer outside the small-int range, as its decimal repr.
    Int(String),
    /// A float: its repr text (or [`SHARED_NAN`]) and whether it is a NaN.
    Float { repr: String, is_nan: bool },
    /// A complex number, as its repr text.
    Complex(String),
    /// A constant tuple.
    Tuple(Vec<Constant>),
    /// `mp_fun_table`, the table of runtime entry points native code calls through.
    FunTable,
}

/// The `repr` marker the compiler gives the NaN of `math.nan` (the interpreter's one static
/// NaN object); other NaNs get plain `nan`. Both are written to the file as `nan`.
pub const SHARED_NAN: &str = "nan (math.nan)";

/// Qstr and constant-object tables of one module, indexed in order of first use.
#[derive(Debug)]
pub struct ModuleTables<Q> {
    qstr_index: HashMap<Q, usize>,
    /// Qstrs in table order (entry 0 is the source file name).
    pub qstrs: Vec<Q>,
    /// Constant objects in table order.
    pub constants: Vec<Constant>,
    /// Where each constant came from (a parse-node address; 0 for none), standing in for
    /// object identity: the same node always yields the same object.
    origins: Vec<usize>,
    /// Index by origin, so repeated passes find their constant at once.
    by_origin: HashMap<usize, usize>,
    /// Index by value for constants that can equal another one (all but NaN-holding ones);
    /// files with thousands of constants would otherwise search quadratically.
    by_value: HashMap<String, usize>,
}

impl<Q: Copy + Eq + Hash> ModuleTables<Q> {
    /// Starts the tables with the source file name as qstr 0.
    pub fn new(source_file: Q) -> Self {
        let mut tables = ModuleTables {
            qstr_index: HashMap::new(),
            qstrs: Vec::new(),
            constants: Vec::new(),
            origins: Vec::new(),
            by_origin: HashMap::new(),
            by_value: HashMap::new(),
        };
        tables.use_qstr(source_file);
        tables
    }

    /// Index of `qstr` in the qstr table, adding it on first use.
    pub fn use_qstr(&mut self, qstr: Q) -> usize {
        let next = self.qstrs.len();
        let index = *self.qstr_index.entry(qstr).or_insert(next);
        if index == next {
            self.qstrs.push(qstr);
        }
        index
    }

    /// Index of `constant` in the object table, adding it unless the same object (same
    /// `origin`, when non-zero) or a strictly equal one is there.
    pub fn use_constant(&mut self, constant: &Constant, origin: usize) -> usize {
        if origin != 0 {
            if let Some(&i) = self.by_origin.get(&origin) {
                return i;
            }
        }
        let key = value_key(constant);
        let found = match &key {
            Some(key) => self.by_value.get(key).copied(),
            None => None,
        };
        let index = found.unwrap_or_else(|| {
            self.constants.push(constant.clone());
            self.origins.push(origin);
            self.constants.len() - 1
        });
        if let Some(key) = key {
            self.by_value.entry(key).or_insert(index);
        }
        if origin != 0 {
            self.by_origin.entry(origin).or_insert(index);
        }
        index
    }
}

/// A text equal for exactly the constants `strictly_equal` (py/emitcommon.c) deems equal:
/// same type and value, so `0.0` and `-0.0` differ (their reprs differ); a NaN equals
/// another only when both are `math.nan` itself, the one shared object. `None` for a
/// constant holding any other NaN, a fresh object equal to nothing but itself (which the
/// tables track by origin).
fn value_key(constant: &Constant) -> Option<String> {
    fn write(out: &mut String, c: &Constant) -> bool {
        use std::fmt::Write as _;
        match c {
            Constant::Float { is_nan: true, repr } if repr != SHARED_NAN => return false,
            Constant::Tuple(items) => {
                let _ = write!(out, "T{}(", items.len());
                for item in items {
                    if !write(out, item) {
                        return false;
                    }
                    out.push(',');
                }
                out.push(')');
            }
            other => {
                let _ = write!(out, "{other:?}");
            }
        }
        true
    }
    let mut key = String::new();
    write(&mut key, constant).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_index_in_order_of_first_use_and_deduplicate() {
        let mut t: ModuleTables<u32> = ModuleTables::new(9);
        assert_eq!(t.use_qstr(5), 1);
        assert_eq!(t.use_qstr(9), 0);
        assert_eq!(t.use_qstr(5), 1);
        let zero = Constant::Float {
            repr: "0.0".into(),
            is_nan: false,
        };
        let neg_zero = Constant::Float {
            repr: "-0.0".into(),
            is_nan: false,
        };
        let nan = Constant::Float {
            repr: "nan".into(),
            is_nan: true,
        };
        let shared_nan = Constant::Float {
            repr: SHARED_NAN.into(),
            is_nan: true,
        };
        assert_eq!(t.use_constant(&zero, 0), 0);
        assert_eq!(t.use_constant(&neg_zero, 0), 1);
        assert_eq!(t.use_constant(&zero, 5), 0);
        assert_eq!(t.use_constant(&nan, 11), 2);
        assert_eq!(t.use_constant(&nan, 12), 3);
        assert_eq!(t.use_constant(&nan, 11), 2);
        assert_eq!(t.use_constant(&shared_nan, 13), 4);
        assert_eq!(t.use_constant(&shared_nan, 14), 4);
    }
}
