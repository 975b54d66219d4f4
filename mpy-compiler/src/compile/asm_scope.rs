//! Scopes decorated `@micropython.asm_*` (as `compile_scope_inline_asm` in py/compile.c):
//! their body is not compiled but assembled by the `-march` target's inline assembler. The
//! scope pass only checks the body; the code-size pass runs the assembler's own passes and
//! leaves the machine code in the scope's raw code; the other passes have nothing to do.

use super::{Compiler, Pass};
use crate::asm::rv32::Rv32Extensions;
use crate::asm::thumb::ThumbArch;
use crate::emit::{CodeKind, RawCode};
use crate::inline_asm::rv32::InlineRv32;
use crate::inline_asm::{
    self, thumb::InlineThumb, xtensa::InlineXtensa, AsmFunction, InlineAsmError,
};

/// The Thumb flavour and VFP availability of a `-march` name that assembles Thumb.
fn thumb_target(march: &str) -> Option<(ThumbArch, bool)> {
    Some(match march {
        "armv6" => (ThumbArch::Armv6, false),
        "armv6m" => (ThumbArch::Armv6m, false),
        "armv7m" | "armv7em" => (ThumbArch::Armv7m, false),
        "armv7emsp" | "armv7emdp" => (ThumbArch::Armv7m, true),
        _ => return None,
    })
}

/// Whether `-march=NAME` has an inline assembler here (any `asm_*` decorator then uses it,
/// as in mpy-cross).
pub(super) fn has_inline_assembler(march: &str) -> bool {
    thumb_target(march).is_some() || matches!(march, "xtensa" | "xtensawin" | "rv32imc")
}

impl Compiler<'_, '_> {
    /// Compiles an inline-assembler scope for `pass`; always complete in one round.
    pub(super) fn compile_asm_scope(&mut self, index: usize, pass: Pass) -> bool {
        self.pass = pass;
        self.cur = index;
        self.next_label = 0;
        let node = self.scopes[index].node;
        let march = self.options.native_arch.map_or("", |a| a.name);
        match pass {
            Pass::Scope => {
                if let Err(error) = inline_asm::scope_pass(node, self.pool) {
                    self.inline_asm_error(error);
                }
            }
            Pass::CodeSize => {
                let result = match (thumb_target(march), march) {
                    (Some((arch, float)), _) => {
                        inline_asm::assemble(node, self.pool, &mut InlineThumb::new(arch, float))
                    }
                    (None, "xtensa") => {
                        inline_asm::assemble(node, self.pool, &mut InlineXtensa::<false>::new())
                    }
                    (None, "xtensawin") => {
                        inline_asm::assemble(node, self.pool, &mut InlineXtensa::<true>::new())
                    }
                    (None, "rv32imc") => {
                        let flags = self.options.native_arch.map_or(0, |a| a.arch_flags);
                        let extensions = Rv32Extensions::from_bits(flags);
                        inline_asm::assemble(node, self.pool, &mut InlineRv32::new(extensions))
                    }
                    (None, _) => return true,
                };
                match result {
                    Ok(function) => self.store_asm_function(index, function),
                    Err(error) => self.inline_asm_error(error),
                }
            }
            Pass::StackSize | Pass::Emit => {}
        }
        true
    }

    fn store_asm_function(&mut self, index: usize, function: AsmFunction) {
        let scope = &mut self.scopes[index];
        scope.num_pos_args = function.n_pos_args;
        scope.raw_code = RawCode {
            data: function.code,
            children: Vec::new(),
            kind: CodeKind::NativeAsm {
                n_pos_args: function.n_pos_args,
                type_sig: function.type_sig,
            },
        };
    }

    fn inline_asm_error(&mut self, error: InlineAsmError) {
        if self.error.is_none() {
            // Messages name the instruction, so they are built at run time; a failed compile
            // ends the process's use of them.
            self.error = Some((error.kind, error.message.into()));
            self.error_line = error.line;
        }
    }
}
