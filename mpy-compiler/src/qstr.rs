//! Interned strings ("qstrs"), mirroring py/qstr.c.
//!
//! The pool starts with what mpy-cross has interned before reading a file:
//! the 165 static qstrs (ids 1..=165, which a .mpy refers to by number) and
//! the other strings its binary interns. Whether a string literal becomes a
//! qstr or a str object depends on this set, so the lexer and the back end
//! share one pool per compiled file.

use std::collections::HashMap;

use crate::qstr_tables::{BINARY_LONG_QSTRS, STATIC_QSTRS};

/// The longest string a qstr can hold (its length is stored in one byte).
pub const MAX_QSTR_LEN: usize = 255;

/// Handle of an interned string within one [`QstrPool`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Qstr(u32);

impl Qstr {
    /// Number of static qstrs (ids 1..=165).
    pub const STATIC_COUNT: u32 = STATIC_QSTRS.len() as u32;

    /// The pool index of this qstr; static qstrs have their static id (1..=165).
    pub fn index(self) -> u32 {
        self.0
    }

    /// The static id (1..=165) a .mpy file uses for this qstr, if it is static.
    pub fn static_id(self) -> Option<u32> {
        (1..=Self::STATIC_COUNT).contains(&self.0).then_some(self.0)
    }
}

/// A set of interned strings with stable handles.
#[derive(Debug, Clone)]
pub struct QstrPool {
    strings: Vec<Box<[u8]>>,
    index: HashMap<Box<[u8]>, Qstr>,
}

impl Default for QstrPool {
    fn default() -> Self {
        Self::new()
    }
}

impl QstrPool {
    /// A pool holding what mpy-cross 1.29.0 has interned at start-up.
    pub fn new() -> Self {
        let mut pool = QstrPool {
            // index 0 is MicroPython's null qstr and never handed out
            strings: vec![Box::from(&b""[..])],
            index: HashMap::with_capacity(512),
        };
        for s in STATIC_QSTRS {
            pool.push(s);
        }
        for s in BINARY_LONG_QSTRS {
            pool.intern(s);
        }
        pool
    }

    fn push(&mut self, bytes: &[u8]) -> Qstr {
        let q = Qstr(self.strings.len() as u32);
        self.strings.push(Box::from(bytes));
        self.index.entry(Box::from(bytes)).or_insert(q);
        q
    }

    /// Interns `bytes`, returning the existing handle if it is already interned.
    pub fn intern(&mut self, bytes: &[u8]) -> Qstr {
        match self.index.get(bytes) {
            Some(&q) => q,
            None => self.push(bytes),
        }
    }

    /// Interns a UTF-8 string.
    pub fn intern_str(&mut self, s: &str) -> Qstr {
        self.intern(s.as_bytes())
    }

    /// The handle of `bytes` if it is interned (like `qstr_find_strn`).
    pub fn find(&self, bytes: &[u8]) -> Option<Qstr> {
        self.index.get(bytes).copied()
    }

    /// The bytes of an interned string.
    pub fn get(&self, q: Qstr) -> &[u8] {
        self.strings
            .get(q.0 as usize)
            .map(|b| &b[..])
            .unwrap_or_default()
    }

    /// The interned string as text (lossy for the rare non-UTF-8 qstr).
    pub fn text(&self, q: Qstr) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.get(q))
    }

    /// Number of handles in the pool, the null entry included.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Whether the pool is empty (it never is: the static qstrs are always there).
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_qstrs_have_their_mpy_ids() {
        let pool = QstrPool::new();
        assert_eq!(pool.find(b"").and_then(Qstr::static_id), Some(1));
        assert_eq!(pool.find(b"__dir__").and_then(Qstr::static_id), Some(2));
        assert_eq!(pool.find(b"<module>").and_then(Qstr::static_id), Some(7));
        assert_eq!(pool.find(b"zip").and_then(Qstr::static_id), Some(165));
    }

    #[test]
    fn binary_long_qstrs_are_interned_but_not_static() {
        let pool = QstrPool::new();
        let q = pool
            .find(b"string.templatelib")
            .expect("interned at start-up");
        assert_eq!(q.static_id(), None);
    }

    #[test]
    fn interning_twice_gives_one_handle() {
        let mut pool = QstrPool::new();
        let a = pool.intern(b"my_long_identifier");
        let b = pool.intern(b"my_long_identifier");
        assert_eq!(a, b);
        assert_eq!(pool.get(a), b"my_long_identifier");
    }
}
