//! The command-line surface: help, completions, devs.

use crate::util::{assert_success, stdout, upy};

const SHELLS: [(&str, &str); 4] = [
    ("bash", "upy.bash"),
    ("zsh", "_upy"),
    ("fish", "upy.fish"),
    ("powershell", "_upy.ps1"),
];

/// `completions/` must match what the binary generates; `UPY_BLESS=1` rewrites the files.
#[test]
fn completion_files_match_the_cli() {
    let dir = crate::simboard::repo_root().join("completions");
    let bless = std::env::var_os("UPY_BLESS").is_some();
    for (shell, file) in SHELLS {
        let output = upy()
            .args(["completions", shell])
            .output()
            .expect("run upy");
        assert_success(&output);
        let generated = stdout(&output);
        assert!(generated.contains("sync") || generated.contains("devs"));
        let path = dir.join(file);
        if bless {
            std::fs::write(&path, &generated).expect("write completion file");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `UPY_BLESS=1 cargo test --test integration completion_files` and commit it",
            path.display()
        );
    }
}

/// Every subcommand has help text with an about line, and so has every argument.
#[test]
fn every_subcommand_documents_itself() {
    let output = upy().arg("--help").output().expect("run upy");
    assert_success(&output);
    let help = stdout(&output);
    let commands: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter(|line| !line.starts_with("   "))
        .map(|line| {
            line.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert!(commands.len() >= 2, "no commands in:\n{help}");
    for command in commands.iter().filter(|c| c.as_str() != "help") {
        let line = help
            .lines()
            .find(|line| line.split_whitespace().next() == Some(command))
            .unwrap_or_default();
        assert!(
            line.split_whitespace().count() > 2,
            "`{command}` has no description: {line:?}"
        );
        let output = upy().args([command, "--help"]).output().expect("run upy");
        assert_success(&output);
        let sub = stdout(&output);
        for arg_line in sub.lines().filter(|l| l.trim_start().starts_with('-')) {
            let text = arg_line.trim();
            let described = text.contains("  ") || text.starts_with("-h") || text.starts_with("-V");
            assert!(described, "`upy {command}`: undocumented option {text:?}");
        }
    }
}

#[test]
fn global_port_and_baud_options_exist() {
    let output = upy().arg("--help").output().expect("run upy");
    let help = stdout(&output);
    assert!(
        help.contains("--port") && help.contains("UPY_PORT"),
        "{help}"
    );
    assert!(help.contains("--baud"), "{help}");
}

#[test]
fn devs_lists_without_error() {
    let output = upy().arg("devs").output().expect("run upy");
    assert_success(&output);
}

#[test]
fn a_listing_whose_reader_is_gone_ends_quietly() {
    // As `upy firmware list | head -1` leaves it, but certain: the reading end is closed
    // before upy writes its first line.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let output = upy()
        .args(["firmware", "list"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run upy");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(output.status.code(), Some(101), "{err}");
}
