//! Machine-code assemblers, one module per instruction set.

pub(crate) mod rv32;
pub(crate) mod xtensa;
