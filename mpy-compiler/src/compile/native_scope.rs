//! Scopes compiled to machine code (`@micropython.native` / `viper`, or every scope with
//! `-X emit=`): making the `-march` target's native emitter, telling it about each scope,
//! reading viper type annotations, and carrying its errors into the compiler's.
//!
//! The passes themselves are the compiler's own (`compile_scope`), with the emitter handing
//! each operation over to the native emitter; what lives here is only what native scopes add.

use super::tree::*;
use super::Compiler;
use crate::emit::native::{self as native, AnyNative, NativeScope};
use crate::emit::PreludeInfo;
use crate::parse_tree::{Node, Qstr};
use crate::scope::{id_flag, EmitKind};

impl<'t, 'p> Compiler<'t, 'p> {
    /// The native emitter for the `-march` target, or an error when there is none.
    pub(super) fn new_native(&mut self) -> Option<AnyNative<Qstr>> {
        let arch = self.options.native_arch;
        let placeholder = self.native_scope(self.cur, &self.prelude(self.cur));
        let native = AnyNative::for_arch(
            arch.map_or("", |a| a.name),
            arch.map_or(0, |a| a.arch_flags),
            placeholder,
        );
        if native.is_none() && self.error.is_none() {
            if arch.is_some_and(|a| !a.native_emitter) {
                // mpy-cross fails before it starts the scope, so its traceback names the
                // scope the first pass ended with: the last one.
                self.error = Some((
                    "NotImplementedError",
                    "cannot emit native code for this architecture".into(),
                ));
                let last = self.scopes.len() - 1;
                self.error_line = line(self.scopes[last].node).unwrap_or(0);
            } else {
                self.error = Some((
                    "NotImplementedError",
                    "native code for this architecture is not supported yet".into(),
                ));
                self.error_line = 0;
            }
        }
        native
    }

    pub(super) fn native_scope(
        &self,
        index: usize,
        prelude: &PreludeInfo<Qstr>,
    ) -> NativeScope<Qstr> {
        let s = &self.scopes[index];
        NativeScope {
            viper: s.emit == EmitKind::Viper,
            scope_flags: s.scope_flags,
            num_pos_args: s.num_pos_args,
            num_kwonly_args: s.num_kwonly_args,
            num_def_pos_args: s.num_def_pos_args,
            num_locals: s.num_locals,
            stack_size: s.stack_size,
            exc_stack_size: s.exc_stack_size,
            param_vtypes: s
                .ids
                .iter()
                .filter(|id| id.flags & id_flag::IS_PARAM != 0)
                .map(|id| (id.local_num as usize, id.flags >> id_flag::VIPER_TYPE_POS))
                .collect(),
            cells: prelude.cells.clone(),
            simple_name: s.simple_name,
            arg_names: prelude.arg_names.clone(),
        }
    }

    /// Moves an error the native emitter found into the compiler's error, so the statement
    /// loop stops there and names the statement's line, as mpy-cross does.
    pub(super) fn sync_native_error(&mut self) {
        if let Some(error) = self.emit.take_native_error() {
            self.record_native_error(error);
        }
    }

    pub(super) fn record_native_error(&mut self, error: native::NativeError) {
        // mpy-cross's native emitter overwrites the error slot, even its own earlier error,
        // unless that one stopped it.
        if self.error.is_some() && (!self.error_from_native || self.error_is_fatal) {
            return;
        }
        self.error = Some((error.kind, error.message.into()));
        self.error_from_native = true;
        self.error_is_fatal = error.fatal;
    }

    /// `compile_viper_type_annotation`: the viper type named by an annotation.
    pub(super) fn viper_type_annotation(&mut self, annotation: &Node) -> u8 {
        if is_null(annotation) {
            return native::vtype::PYOBJ;
        }
        match id(annotation) {
            Some(name) => match native::vtype::from_name(self.pool.get(name)) {
                Some(t) => t,
                None => {
                    // mpy-cross replaces any earlier error with this one and leaves the line
                    // to the statement loop.
                    let text = format!("unknown type '{}'", self.pool.text(name));
                    self.error = Some(("ViperTypeError", text.into()));
                    native::vtype::PYOBJ
                }
            },
            None => {
                self.syntax_error(annotation, "annotation must be an identifier");
                native::vtype::PYOBJ
            }
        }
    }
}
