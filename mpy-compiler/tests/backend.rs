//! Back-end tests on hand-built parse trees, so the passes are checked independently of the
//! lexer and parser. Expected bytes come from mpy-cross 1.29.0 on the source in each comment.

use mpy_compiler::parse_tree::{Node, ParseTree, QstrPool, Rule};
use mpy_compiler::{compile_tree, CompileOptions};

fn node(rule: Rule, line: u32, children: Vec<Node>) -> Node {
    Node::Struct {
        rule,
        line,
        children,
    }
}

#[test]
fn assignment_of_a_small_int_matches_mpy_cross() {
    // x = 1
    let mut pool = QstrPool::new();
    let x = pool.intern_str("x");
    let root = node(Rule::ExprStmt, 1, vec![Node::Id(x), Node::SmallInt(1)]);
    let mpy = compile_tree(ParseTree { root, pool }, "a.py", &CompileOptions::default())
        .expect("compiles");
    let expected: &[u8] =
        b"M\x06\x00\x1f\x03\x00\x08a.py\x00\x0f\x02x\x00\x40\x00\x02\x01\x81\x16\x02\x51\x63";
    assert_eq!(mpy, expected);
}

#[test]
fn function_with_argument_and_return_matches_mpy_cross() {
    // def f(a):
    //     return a
    let mut pool = QstrPool::new();
    let f = pool.intern_str("f");
    let a = pool.intern_str("a");
    let body = node(Rule::ReturnStmt, 2, vec![Node::Id(a)]);
    let root = node(
        Rule::Funcdef,
        1,
        vec![Node::Id(f), Node::Id(a), Node::Null, body],
    );
    let mpy = compile_tree(ParseTree { root, pool }, "f.py", &CompileOptions::default())
        .expect("compiles");
    let expected = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/def_return.mpy"
    ))
    .expect("fixture");
    assert_eq!(mpy, expected);
}

#[test]
fn closure_over_a_local_matches_mpy_cross() {
    // def f():
    //     v = 1
    //     def g():
    //         return v
    //     return g
    let mut pool = QstrPool::new();
    let f = pool.intern_str("f");
    let g = pool.intern_str("g");
    let v = pool.intern_str("v");
    let inner = node(
        Rule::Funcdef,
        3,
        vec![
            Node::Id(g),
            Node::Null,
            Node::Null,
            node(Rule::ReturnStmt, 4, vec![Node::Id(v)]),
        ],
    );
    let body = node(
        Rule::SuiteBlockStmts,
        2,
        vec![
            node(Rule::ExprStmt, 2, vec![Node::Id(v), Node::SmallInt(1)]),
            inner,
            node(Rule::ReturnStmt, 5, vec![Node::Id(g)]),
        ],
    );
    let root = node(
        Rule::Funcdef,
        1,
        vec![Node::Id(f), Node::Null, Node::Null, body],
    );
    let mpy = compile_tree(ParseTree { root, pool }, "c.py", &CompileOptions::default())
        .expect("compiles");
    let expected = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/closure.mpy"
    ))
    .expect("fixture");
    assert_eq!(mpy, expected);
}
