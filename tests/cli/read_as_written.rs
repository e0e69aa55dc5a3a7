//! Nothing is read or shown differently from what the file says: control characters are
//! refused in inputs and shown visibly in output.

use crate::common::{repo_path, tool};

/// The first evidence value of the existing-program example with one NUL after it.
fn example_with_a_nul(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo_path("examples/existing-program.yaml")).unwrap();
    let at = text.find("evidence: ").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let cut = format!("{}\0{}", &text[..end], &text[end..]);
    let path = dir.join("nul.yaml");
    std::fs::write(&path, cut).unwrap();
    path
}

#[test]
fn a_nul_byte_is_refused_by_every_command_not_read_as_the_end_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_with_a_nul(dir.path());
    for command in ["validate", "report", "summary"] {
        let output = tool().arg(command).arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}:\n{stderr}");
        assert!(
            stderr.contains("nul.yaml:"),
            "{command}: no position in\n{stderr}"
        );
        assert!(stderr.contains("U+0000 (NUL)"), "{command}:\n{stderr}");
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains('%'),
            "{command} scored it"
        );
    }
}

/// An answers file whose free text holds escape sequences (written as YAML escapes, which
/// the file may hold): erase lines, set the window title, clear the screen.
const ESCAPES: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
    district: \"Evil\\e]0;pwned\\a District\\e[2J\"\ndate: 2026-03-15\nanswers:\n  \
    governance.written-mou:\n    status: partial\n    evidence: \"none\\e[1A\\e[2K\\e[1A\\e[2K\"\n  \
    governance.mou-goals:\n    status: not_met\n    note: \"\\e[31mred\\e[0m\\u009b2J\\x7f\"\n";

/// No control character but tab and newline (and no C1) in `text`.
fn assert_no_controls(what: &str, text: &str) {
    let found: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(found.is_empty(), "{what}: raw {found:?} in:\n{text}");
}

#[test]
fn escape_sequences_in_text_fields_and_file_names_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("esc.yaml"), ESCAPES).unwrap();
    // A file name with an escape sequence, where the file system allows one.
    let odd_name = "e\u{1b}[2Jx.yaml";
    let odd = std::fs::write(dir.path().join(odd_name), ESCAPES).is_ok();
    let second = if odd { odd_name } else { "esc.yaml" };
    for args in [
        &["report", "esc.yaml"][..],
        &["report", "esc.yaml", "--format", "markdown"],
        &[
            "report", "esc.yaml", "--format", "table", "--color", "never",
        ],
        &["compare", "esc.yaml", second],
        &["compare", "esc.yaml", second, "--format", "markdown"],
        &["summary", "."],
        &["summary", ".", "--format", "markdown", "-v"],
        &["validate", second],
    ] {
        let output = tool().current_dir(dir.path()).args(args).output().unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_no_controls(&format!("{args:?} stdout"), &stdout);
        assert_no_controls(
            &format!("{args:?} stderr"),
            &String::from_utf8(output.stderr).unwrap(),
        );
        if args[0] == "validate" {
            assert!(
                !odd || stdout.starts_with(r"e\e[2Jx.yaml: valid"),
                "{stdout}"
            );
            continue;
        }
        // Shown, in the medium's own escaping (Markdown doubles the backslash).
        assert!(
            stdout.contains(r"Evil\e]0;pwnedU+0") || stdout.contains(r"Evil\\e\]0;pwnedU+0"),
            "{args:?}:\n{stdout}"
        );
    }
}

#[test]
fn messages_quote_a_value_with_an_escape_sequence_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    std::fs::write(
        &path,
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\n\
         date: 2026-03-15\nanswers:\n  governance.written-mou: \"\\e[2Jmet\"\n",
    )
    .unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_controls("validate", &stderr);
    assert!(stderr.contains(r"unknown status `\e[2Jmet`"), "{stderr}");
}
