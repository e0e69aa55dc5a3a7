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
