//! Running the `upy` binary in tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `upy` with the environment cleared of `UPY_*` settings and progress bars off.
pub fn upy() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_upy"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("UPY_") {
            command.env_remove(key);
        }
    }
    command.env("UPY_NO_PROGRESS", "1");
    command
}

/// `upy --port PORT ARGS…`, run to completion.
pub fn upy_on(port: &str, args: &[&str]) -> Output {
    upy()
        .arg("--port")
        .arg(port)
        .args(args)
        .output()
        .expect("run upy")
}

/// Runs `upy` in `dir` with `args`.
pub fn upy_in(dir: &Path, args: &[&str]) -> Output {
    upy().current_dir(dir).args(args).output().expect("run upy")
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts success and shows both streams when it failed.
#[track_caller]
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "upy failed with {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}
