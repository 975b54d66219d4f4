//! Read-only helpers over the parse tree, named after the `MP_PARSE_NODE_*` macros the
//! reference compiler uses, so the passes read like their C counterparts.
//!
//! Constant objects count as struct nodes (with a line), as `RULE_const_object` does in C.

use crate::parse_tree::{ConstObject, Node, Qstr, QstrPool, Rule, TokenKind};

static NULL: Node = Node::Null;

/// The rule of a struct node.
pub fn kind(node: &Node) -> Option<Rule> {
    match node {
        Node::Struct { rule, .. } => Some(*rule),
        _ => None,
    }
}

/// True if `node` is a struct of rule `rule`.
pub fn is_kind(node: &Node, rule: Rule) -> bool {
    kind(node) == Some(rule)
}

/// True for struct nodes, including constant objects.
pub fn is_struct(node: &Node) -> bool {
    matches!(node, Node::Struct { .. } | Node::Const(..))
}

/// True for the empty node.
pub fn is_null(node: &Node) -> bool {
    matches!(node, Node::Null)
}

/// Children of a struct node (none for leaves).
pub fn nodes(node: &Node) -> &[Node] {
    match node {
        Node::Struct { children, .. } => children,
        _ => &[],
    }
}

/// Child `i` of a struct node, or the empty node.
pub fn child(node: &Node, i: usize) -> &Node {
    nodes(node).get(i).unwrap_or(&NULL)
}

/// Source line of a struct node.
pub fn line(node: &Node) -> Option<u32> {
    match node {
        Node::Struct { line, .. } => Some(*line),
        Node::Const(_, line) => Some(*line),
        _ => None,
    }
}

/// The identifier of an id leaf.
pub fn id(node: &Node) -> Option<Qstr> {
    match node {
        Node::Id(q) => Some(*q),
        _ => None,
    }
}

/// The value of a small-int leaf.
pub fn small_int(node: &Node) -> Option<i64> {
    match node {
        Node::SmallInt(v) => Some(*v),
        _ => None,
    }
}

/// True for a token leaf of kind `token`.
pub fn is_token(node: &Node, token: TokenKind) -> bool {
    matches!(node, Node::Token(t) if *t == token)
}

/// The nodes of a list rule, or the node itself when the list was collapsed to one item.
pub fn extract_list(node: &Node, rule: Rule) -> &[Node] {
    match node {
        Node::Null => &[],
        Node::Struct {
            rule: r, children, ..
        } if *r == rule => children,
        other => std::slice::from_ref(other),
    }
}

fn const_object_truth(obj: &ConstObject) -> bool {
    match obj {
        ConstObject::Str(s) => !s.is_empty(),
        ConstObject::Bytes(b) => !b.is_empty(),
        ConstObject::Int(value) => value.sign() != num_bigint::Sign::NoSign,
        ConstObject::Float(f) => *f != 0.0,
        ConstObject::Complex(re, im) => *re != 0.0 || *im != 0.0,
        ConstObject::Tuple(items) => !items.is_empty(),
        ConstObject::None | ConstObject::False => false,
        ConstObject::True | ConstObject::Ellipsis => true,
    }
}

/// The truth value of a constant node, or `None` when the node is not a constant.
pub fn const_truth(node: &Node, pool: &QstrPool) -> Option<bool> {
    match node {
        Node::SmallInt(v) => Some(*v != 0),
        Node::Str(q) => Some(!pool.get(*q).is_empty()),
        Node::Token(TokenKind::KwNone) | Node::Token(TokenKind::KwFalse) => Some(false),
        Node::Token(TokenKind::KwTrue) | Node::Token(TokenKind::Ellipsis) => Some(true),
        Node::Const(obj, _) => Some(const_object_truth(obj)),
        Node::Struct {
            rule: Rule::AtomParen,
            children,
            ..
        } if children.first().is_none_or(is_null) => Some(false),
        _ => None,
    }
}

/// `mp_parse_node_is_const_false`.
pub fn is_const_false(node: &Node, pool: &QstrPool) -> bool {
    const_truth(node, pool) == Some(false)
}

/// `mp_parse_node_is_const_true`.
pub fn is_const_true(node: &Node, pool: &QstrPool) -> bool {
    const_truth(node, pool) == Some(true)
}
