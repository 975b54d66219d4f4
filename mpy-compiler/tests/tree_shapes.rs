//! Parse-tree snapshots: each `resources/front-end/trees/NAME.py` must dump to
//! `NAME.tree`. The shapes were checked by hand against py/parse.c's rules
//! (collapsing, list flattening, folding, const tuples); regenerate a snapshot
//! with `cargo run -p upy-mpy-compiler --example parse_dump -- NAME.py > NAME.tree`
//! only after checking the difference the same way.

use std::path::Path;

use mpy_compiler::{parse, CompileOptions};

#[test]
fn trees_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/front-end/trees");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("trees directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    entries.sort();
    for source_path in entries {
        let source = std::fs::read_to_string(&source_path).expect("source readable");
        let expected =
            std::fs::read_to_string(source_path.with_extension("tree")).expect("snapshot");
        let name = source_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("x.py");
        let tree = parse(&source, name, &CompileOptions::default()).expect("parses");
        assert_eq!(tree.dump(), expected, "tree of {name}");
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn optimisation_makes_debug_false() {
    let options = CompileOptions {
        opt_level: 1,
        ..CompileOptions::default()
    };
    let tree = parse("x = __debug__\n", "t.py", &options).expect("parses");
    assert!(tree.dump().contains("tok(KwFalse)"), "{}", tree.dump());
}

#[test]
fn single_statement_module_is_not_wrapped() {
    let tree = parse("x = 1\n", "t.py", &CompileOptions::default()).expect("parses");
    assert_eq!(tree.dump(), "expr_stmt@1 (n=2)\n  id(x)\n  int(1)\n");
}

#[test]
fn empty_module_is_file_input_with_null() {
    let tree = parse("", "t.py", &CompileOptions::default()).expect("parses");
    assert_eq!(tree.dump(), "file_input@1 (n=1)\n  NULL\n");
}

#[test]
fn long_strings_become_qstrs_once_the_identifier_is_known() {
    let source = "a = 'my_long_identifier'\nmy_long_identifier = 1\nb = 'my_long_identifier'\n";
    let dump = parse(source, "t.py", &CompileOptions::default())
        .expect("parses")
        .dump();
    assert!(dump.contains("const(str 'my_long_identifier')@1"), "{dump}");
    assert!(dump.contains("str('my_long_identifier')"), "{dump}");
}

#[test]
fn small_int_bits_decide_between_small_int_and_object() {
    let options = CompileOptions {
        small_int_bits: 63,
        ..CompileOptions::default()
    };
    let dump = parse("x = 1 << 40\n", "t.py", &options)
        .expect("parses")
        .dump();
    assert!(dump.contains("int(1099511627776)"), "{dump}");
}
