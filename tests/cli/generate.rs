//! `--generate`: the man page and the completion scripts come from the same definition as
//! `--help`, so every command and option is in them; each is checked by its own reader where
//! one is installed (bash for its script, man for the page).

use std::process::Command;

use crate::common::{run_ok, tool};
use crate::external;

const COMMANDS: [&str; 9] = [
    "report",
    "validate",
    "init",
    "checklist",
    "compare",
    "summary",
    "consensus",
    "answer",
    "import",
];

#[test]
fn each_completion_script_is_for_its_shell_and_knows_every_command() {
    for (kind, mark) in [
        ("complete-bash", "complete -F _sro__assess"),
        ("complete-zsh", "#compdef sro-assess"),
        ("complete-fish", "complete -c sro-assess"),
        ("complete-powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run_ok(&["--generate", kind]);
        assert!(script.contains(mark), "{kind}: {mark} missing");
        for command in COMMANDS {
            assert!(script.contains(command), "{kind}: no `{command}`");
        }
        // fish names a long option by its bare word (`-l threshold`).
        assert!(
            script.contains("threshold"),
            "{kind}: consensus's options missing"
        );
    }
}

#[test]
fn bash_reads_its_completion_script() {
    let script = run_ok(&["--generate", "complete-bash"]);
    let missing = (!external::installed("bash")).then(|| "bash is not installed".to_string());
    if !external::can_run("bash -n on the bash completion script", missing) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sro-assess.bash");
    std::fs::write(&path, script).unwrap();
    let checked = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // Sourced, it registers the completion for the command.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p sro-assess",
            path.display()
        ))
        .output()
        .unwrap();
    let registered = String::from_utf8_lossy(&sourced.stdout);
    assert!(registered.contains("_sro__assess"), "{registered}");
}

#[test]
fn the_man_page_names_every_command_and_man_renders_it() {
    let page = run_ok(&["--generate", "man"]);
    assert!(page.contains(".TH sro-assess 1"), "{page}");
    for command in COMMANDS {
        assert!(page.contains(command), "the man page lacks `{command}`");
    }
    let missing = (!external::installed("groff"))
        .then(|| "groff is not installed: apt-get install groff-base".to_string());
    if !external::can_run("groff renders the man page", missing) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sro-assess.1");
    std::fs::write(&path, page).unwrap();
    let rendered = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(rendered.status.success());
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("sro-assess"), "{text}");
    let warnings = String::from_utf8_lossy(&rendered.stderr);
    assert!(warnings.trim().is_empty(), "groff warns: {warnings}");
}

#[test]
fn generate_stands_alone_and_a_command_is_still_required() {
    tool()
        .args(["--generate", "man", "report", "x.yaml"])
        .assert()
        .code(2);
    tool().args(["--color", "never"]).assert().code(2);
    tool().args(["--generate", "nroff"]).assert().code(2);
}

#[test]
fn the_help_of_import_and_report_names_every_sheet_format_read() {
    for command in ["import", "report"] {
        let help = run_ok(&[command, "--help"]);
        for format in [".xlsx", ".ods", ".xls,", ".csv", ".tsv"] {
            assert!(
                help.contains(format),
                "`{command} --help` lacks {format}:\n{help}"
            );
        }
    }
}

#[test]
fn a_dash_reads_the_answers_from_standard_input() {
    let answers = std::fs::read("examples/existing-program.yaml").unwrap();
    let from_file = run_ok(&["report", "examples/existing-program.yaml", "-f", "json"]);
    let from_stdin = tool()
        .args(["report", "-", "-f", "json"])
        .write_stdin(answers.clone())
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    // The same report: the hash is of the same bytes.
    assert_eq!(String::from_utf8(from_stdin.stdout).unwrap(), from_file);
    tool()
        .args(["validate", "-"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicates::str::starts_with("<standard input>: valid"));
    tool()
        .args(["validate", "-"])
        .write_stdin("checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\nanswers:\n  governance.writen-mou: met\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("<standard input>:6:3: error: unknown item"));
}
