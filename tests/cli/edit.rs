//! Saving answers in place (`answer::set_fields`): what the reports then print.

use std::fs;

use sro_assess::answer::{Field, set_fields};

use crate::common::tool;

const TWO_PARAGRAPH_NOTE: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\nanswers:\n  governance.written-mou:\n    status: partial\n    owner: Principal\n    internal_note: |\n      Closed session.\n\n      Student Jane Doe referred to police.\n";

fn markdown_report(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    fs::write(&path, text).unwrap();
    let output = tool()
        .args(["report", "--format", "markdown"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn saving_fields_never_moves_a_private_note_into_a_public_report() {
    let mut text = TWO_PARAGRAPH_NOTE.to_string();
    for (field, value) in [
        (Field::Status, Some("not_met")),
        (Field::Evidence, Some("Draft MOU, unsigned")),
        (Field::Owner, Some("Principal")),
        (Field::Due, Some("2026-06-30")),
    ] {
        text = set_fields(
            &text,
            "governance.written-mou",
            &[(field, value.map(str::to_string))],
        )
        .unwrap();
    }
    assert!(
        text.contains("    internal_note: |\n      Closed session.\n\n      Student Jane Doe referred to police.\n"),
        "{text}"
    );
    let report = markdown_report(&text);
    assert!(!report.contains("Jane Doe"), "{report}");
    assert!(report.contains("Draft MOU, unsigned"), "{report}");
}
