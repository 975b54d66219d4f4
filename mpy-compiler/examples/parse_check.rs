//! For each file named on stdin, prints `path<TAB>OK` or `path<TAB>Kind: message<TAB>line`,
//! and with `--consts` also the folded float/int constants of the tree (for comparing
//! the front end against mpy-cross over a corpus).

use std::io::BufRead;

use mpy_compiler::parse_tree::{ConstObject, Node};

fn collect(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Const(c, _) => constant(c, out),
        Node::Struct { children, .. } => children.iter().for_each(|c| collect(c, out)),
        _ => {}
    }
}

fn constant(c: &ConstObject, out: &mut Vec<String>) {
    match c {
        ConstObject::Float(f) => out.push(mpy_compiler::float::repr(*f)),
        ConstObject::Int(i) => out.push(i.to_string()),
        ConstObject::Complex(re, im) => {
            out.push(format!("C:{}", mpy_compiler::float::complex_repr(*re, *im)))
        }
        ConstObject::Tuple(items) => items.iter().for_each(|c| constant(c, out)),
        ConstObject::Str(s) => out.push(format!("S:{}", hex(s))),
        ConstObject::Bytes(s) => out.push(format!("B:{}", hex(s))),
        _ => {}
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let with_consts = std::env::args().any(|a| a == "--consts");
    let options = mpy_compiler::CompileOptions::default();
    for path in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(source) = std::fs::read(&path) else {
            println!("{path}\tunreadable");
            continue;
        };
        let source = String::from_utf8_lossy(&source);
        match mpy_compiler::parse(&source, &path, &options) {
            Ok(tree) => {
                if with_consts {
                    let mut consts = Vec::new();
                    collect(&tree.root, &mut consts);
                    println!("{path}\tOK\t{}", consts.join(" "));
                } else {
                    println!("{path}\tOK");
                }
            }
            Err(e) => println!("{path}\t{}: {}\t{}", e.kind, e.message, e.line),
        }
    }
}
