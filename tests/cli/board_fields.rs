//! The board packet's fields of an answers file (`recommendation`, `board_action`,
//! `reviewed_by`, `presented_on`): validated with positions, carried into the JSON export, and
//! offered by `init` as commented placeholders.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::tool;

const HEAD: &str = "checklist: wi-sro-best-practices\n\
                    profile: existing-program\n\
                    district: Example Area School District\n\
                    date: 2026-03-15\n\
                    prepared_by: SRO program review committee\n";

fn write(dir: &Path, board: &str) -> PathBuf {
    let path = dir.join("answers.yaml");
    let text = format!("{HEAD}{board}answers:\n  governance.written-mou: met\n");
    fs::write(&path, text).unwrap();
    path
}

const FILLED: &str = "reviewed_by: Superintendent's cabinet\n\
                      presented_on: 2026-04-20\n\
                      recommendation: |\n  Renew the agreement for two years.\n\n  \
                      Add a yearly review.\n\
                      board_action: \"Approve the revised MOU: first reading\"\n";

#[test]
fn validate_accepts_the_board_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), FILLED);
    let output = tool().arg("validate").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn the_json_export_carries_them_in_meta() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), FILLED);
    let output = tool()
        .args(["report", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let meta = &json["meta"];
    assert_eq!(meta["reviewed_by"], "Superintendent's cabinet");
    assert_eq!(meta["presented_on"], "2026-04-20");
    assert_eq!(
        meta["recommendation"],
        "Renew the agreement for two years.\n\nAdd a yearly review."
    );
    assert_eq!(
        meta["board_action"],
        "Approve the revised MOU: first reading"
    );
    assert_eq!(meta["prepared_by"], "SRO program review committee");
}

#[test]
fn absent_fields_are_null_in_the_json_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "");
    let output = tool()
        .args(["report", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in [
        "reviewed_by",
        "presented_on",
        "recommendation",
        "board_action",
    ] {
        assert!(json["meta"][key].is_null(), "{key}: {}", json["meta"][key]);
        assert!(json["meta"].get(key).is_some(), "{key} is missing");
    }
}

/// Runs `validate` on a file with `board`, which must fail with exit 2; returns stderr.
fn refused(board: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), board);
    let output = tool().arg("validate").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Whether `stderr` points at `answers.yaml:LINE:COLUMN` with some column.
fn has_line_and_column(stderr: &str, line: usize) -> bool {
    let at = format!("answers.yaml:{line}:");
    stderr.split(&at).skip(1).any(|rest| {
        rest.split(':')
            .next()
            .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[test]
fn wrong_types_exit_2_with_file_line_and_column() {
    let stderr = refused("recommendation:\n  renew: yes\n");
    assert!(has_line_and_column(&stderr, 7), "{stderr}");
    assert!(
        stderr.contains("`recommendation` should be text, but it is a mapping"),
        "{stderr}"
    );

    let stderr = refused("reviewed_by: [Cabinet, Board chair]\n");
    assert!(stderr.contains("answers.yaml:6:14"), "{stderr}");
    assert!(
        stderr.contains("`reviewed_by` should be text, but it is a list"),
        "{stderr}"
    );
}

#[test]
fn presented_on_is_checked_like_every_date() {
    let stderr = refused("presented_on: April 20\n");
    assert!(stderr.contains("answers.yaml:6:15"), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn a_misspelled_field_is_named_with_the_right_one() {
    let stderr = refused("board-action: Approve\n");
    assert!(stderr.contains("answers.yaml:6:1"), "{stderr}");
    assert!(stderr.contains("did you mean `board_action`?"), "{stderr}");
}

#[test]
fn init_offers_the_fields_as_public_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.yaml");
    let output = tool()
        .args(["init", "--profile", "existing-program", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = fs::read_to_string(&path).unwrap();
    for placeholder in [
        "# reviewed_by:",
        "# presented_on:",
        "# recommendation: >",
        "# board_action:",
    ] {
        assert!(text.contains(placeholder), "no `{placeholder}` in\n{text}");
    }
    assert!(text.contains("which is public"));
}
