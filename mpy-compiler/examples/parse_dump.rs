//! Prints the parse tree of a Python file: `cargo run -p upy-mpy-compiler --example parse_dump -- FILE [-O N]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: parse_dump FILE [-O N] [--heap BYTES]");
        return ExitCode::from(2);
    };
    let mut options = mpy_compiler::CompileOptions::default();
    if let Some(level) = args
        .iter()
        .position(|a| a == "-O")
        .and_then(|i| args.get(i + 1))
    {
        options.opt_level = level.parse().unwrap_or(0);
    }
    if let Some(bytes) = args
        .iter()
        .position(|a| a == "--heap")
        .and_then(|i| args.get(i + 1))
    {
        options.heap_size = bytes.parse().ok();
    }
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match mpy_compiler::parse(&source, path, &options) {
        Ok(tree) => {
            print!("{}", tree.dump());
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}: {} (line {})", e.kind, e.message, e.line);
            ExitCode::from(1)
        }
    }
}
