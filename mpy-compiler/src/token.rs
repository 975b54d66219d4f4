//! Token kinds produced by the lexer, mirroring `mp_token_kind_t` of py/lexer.h.
//!
//! Operator tokens survive into the parse tree (for example the operators
//! between the operands of a `term` or a `comparison` node), so the back end
//! matches on these kinds too.

/// Kind of one lexical token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// End of input.
    End,
    /// A character that starts no token.
    Invalid,
    /// A dedent to a column that matches no enclosing indentation.
    DedentMismatch,
    /// A string literal that is not closed.
    LonelyStringOpen,
    /// An f-string whose replacement fields cannot be parsed.
    MalformedFstring,
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased by one level.
    Dedent,
    /// An identifier.
    Name,
    /// An integer literal.
    Integer,
    /// A float or imaginary literal.
    FloatOrImag,
    /// A str literal (after escape processing).
    String,
    /// A bytes literal (after escape processing).
    Bytes,
    /// `...`
    Ellipsis,
    /// `False`
    KwFalse,
    /// `None`
    KwNone,
    /// `True`
    KwTrue,
    /// `__debug__`
    KwDebug,
    /// `and`
    KwAnd,
    /// `as`
    KwAs,
    /// `assert`
    KwAssert,
    /// `async`
    KwAsync,
    /// `await`
    KwAwait,
    /// `break`
    KwBreak,
    /// `class`
    KwClass,
    /// `continue`
    KwContinue,
    /// `def`
    KwDef,
    /// `del`
    KwDel,
    /// `elif`
    KwElif,
    /// `else`
    KwElse,
    /// `except`
    KwExcept,
    /// `finally`
    KwFinally,
    /// `for`
    KwFor,
    /// `from`
    KwFrom,
    /// `global`
    KwGlobal,
    /// `if`
    KwIf,
    /// `import`
    KwImport,
    /// `in`
    KwIn,
    /// `is`
    KwIs,
    /// `lambda`
    KwLambda,
    /// `nonlocal`
    KwNonlocal,
    /// `not`
    KwNot,
    /// `or`
    KwOr,
    /// `pass`
    KwPass,
    /// `raise`
    KwRaise,
    /// `return`
    KwReturn,
    /// `try`
    KwTry,
    /// `while`
    KwWhile,
    /// `with`
    KwWith,
    /// `yield`
    KwYield,
    /// `:=`
    OpAssign,
    /// `~`
    OpTilde,
    /// `<`
    OpLess,
    /// `>`
    OpMore,
    /// `==`
    OpDblEqual,
    /// `<=`
    OpLessEqual,
    /// `>=`
    OpMoreEqual,
    /// `!=`
    OpNotEqual,
    /// `|`
    OpPipe,
    /// `^`
    OpCaret,
    /// `&`
    OpAmpersand,
    /// `<<`
    OpDblLess,
    /// `>>`
    OpDblMore,
    /// `+`
    OpPlus,
    /// `-`
    OpMinus,
    /// `*`
    OpStar,
    /// `@`
    OpAt,
    /// `//`
    OpDblSlash,
    /// `/`
    OpSlash,
    /// `%`
    OpPercent,
    /// `**`
    OpDblStar,
    /// `|=`
    DelPipeEqual,
    /// `^=`
    DelCaretEqual,
    /// `&=`
    DelAmpersandEqual,
    /// `<<=`
    DelDblLessEqual,
    /// `>>=`
    DelDblMoreEqual,
    /// `+=`
    DelPlusEqual,
    /// `-=`
    DelMinusEqual,
    /// `*=`
    DelStarEqual,
    /// `@=`
    DelAtEqual,
    /// `//=`
    DelDblSlashEqual,
    /// `/=`
    DelSlashEqual,
    /// `%=`
    DelPercentEqual,
    /// `**=`
    DelDblStarEqual,
    /// `(`
    DelParenOpen,
    /// `)`
    DelParenClose,
    /// `[`
    DelBracketOpen,
    /// `]`
    DelBracketClose,
    /// `{`
    DelBraceOpen,
    /// `}`
    DelBraceClose,
    /// `,`
    DelComma,
    /// `:`
    DelColon,
    /// `.`
    DelPeriod,
    /// `;`
    DelSemicolon,
    /// `=`
    DelEqual,
    /// `->`
    DelMinusMore,
}

/// Binary operators in the order of MicroPython's `mp_binary_op_t` (py/runtime0.h),
/// for the operators that have a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `<`
    Less,
    /// `>`
    More,
    /// `==`
    Equal,
    /// `<=`
    LessEqual,
    /// `>=`
    MoreEqual,
    /// `!=`
    NotEqual,
    /// `in`
    In,
    /// `is`
    Is,
    /// exception match (internal)
    ExceptionMatch,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `&`
    And,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `@`
    MatMultiply,
    /// `//`
    FloorDivide,
    /// `/`
    TrueDivide,
    /// `%`
    Modulo,
    /// `**`
    Power,
}

impl TokenKind {
    /// The binary operator a plain operator token (`+`, `<<`, `==`...) or an
    /// augmented assignment token (`+=`...) stands for.
    pub fn binary_op(self) -> Option<BinaryOp> {
        use TokenKind as T;
        Some(match self {
            T::OpLess => BinaryOp::Less,
            T::OpMore => BinaryOp::More,
            T::OpDblEqual => BinaryOp::Equal,
            T::OpLessEqual => BinaryOp::LessEqual,
            T::OpMoreEqual => BinaryOp::MoreEqual,
            T::OpNotEqual => BinaryOp::NotEqual,
            T::OpPipe | T::DelPipeEqual => BinaryOp::Or,
            T::OpCaret | T::DelCaretEqual => BinaryOp::Xor,
            T::OpAmpersand | T::DelAmpersandEqual => BinaryOp::And,
            T::OpDblLess | T::DelDblLessEqual => BinaryOp::LShift,
            T::OpDblMore | T::DelDblMoreEqual => BinaryOp::RShift,
            T::OpPlus | T::DelPlusEqual => BinaryOp::Add,
            T::OpMinus | T::DelMinusEqual => BinaryOp::Subtract,
            T::OpStar | T::DelStarEqual => BinaryOp::Multiply,
            T::OpAt | T::DelAtEqual => BinaryOp::MatMultiply,
            T::OpDblSlash | T::DelDblSlashEqual => BinaryOp::FloorDivide,
            T::OpSlash | T::DelSlashEqual => BinaryOp::TrueDivide,
            T::OpPercent | T::DelPercentEqual => BinaryOp::Modulo,
            T::OpDblStar | T::DelDblStarEqual => BinaryOp::Power,
            _ => return None,
        })
    }

    /// Whether this is an augmented assignment token such as `+=`.
    pub fn is_augmented_assign(self) -> bool {
        use TokenKind as T;
        matches!(
            self,
            T::DelPipeEqual
                | T::DelCaretEqual
                | T::DelAmpersandEqual
                | T::DelDblLessEqual
                | T::DelDblMoreEqual
                | T::DelPlusEqual
                | T::DelMinusEqual
                | T::DelStarEqual
                | T::DelAtEqual
                | T::DelDblSlashEqual
                | T::DelSlashEqual
                | T::DelPercentEqual
                | T::DelDblStarEqual
        )
    }
}
