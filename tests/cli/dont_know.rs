//! "Don't know" end to end: never a gap, listed apart with its note in every report, counted
//! apart in comparisons, and refused with a hint where a checklist does not offer it.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::common::tool;

const HEAD: &str = "\
checklist: wi-sro-best-practices
checklist_version: \"2026.3\"
profile: existing-program
district: Example Area School District
date: 2026-03-15
";

/// Two items answered "don't know" (written two ways), one gap and one strength.
const TWO_UNKNOWN: &str = "\
label: 2026 assessment
answers:
  governance.written-mou: met
  governance.mou-signed-by-leaders:
    status: DK
    note: The signed copy was not shared with the committee
  governance.mou-before-assignment:
    status: Don't know
    note: Could not see the clause
  governance.mou-goals: not_met
";

/// The same but for the two items, left unanswered.
const NONE_UNKNOWN: &str = "\
label: 2025 assessment
answers:
  governance.written-mou: met
  governance.mou-goals: not_met
";

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("{HEAD}{body}")).unwrap();
    path
}

fn run(args: &[&str], files: &[&Path]) -> String {
    let out = tool().args(args).args(files).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_markdown_report_lists_them_apart_with_their_notes_and_no_gap() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.yaml", TWO_UNKNOWN);
    let text = run(&["report", "-f", "markdown"], &[&file]);
    assert!(text.contains("## Could not be verified (2)"), "{text}");
    assert!(text.contains("The signed copy was not shared with the committee"));
    assert!(text.contains("Could not see the clause"));
    assert!(text.contains("## Gaps in priority order (1)"), "{text}");
    let gaps = section(&text, "## Gaps in priority order");
    assert!(!gaps.contains("governance.mou-signed-by-leaders"), "{gaps}");
    assert!(!gaps.contains("governance.mou-before-assignment"), "{gaps}");
    let unanswered = section(&text, "## Unanswered items");
    assert!(!unanswered.contains("governance.mou-signed-by-leaders"));
    assert!(text.contains("2 items could not be verified"), "{text}");
    // The basis table's counts still add up, naming them among the not answered.
    assert!(text.contains("| 54 (2 don't know) |"), "{text}");
}

/// The text from a heading to the next heading of the same level.
fn section<'t>(text: &'t str, heading: &str) -> &'t str {
    let start = text.find(heading).unwrap();
    let rest = &text[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn a_report_without_them_has_no_such_section() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.yaml", NONE_UNKNOWN);
    let text = run(&["report", "-f", "markdown"], &[&file]);
    assert!(!text.contains("Could not be verified ("), "{text}");
    let json = run(&["report", "-f", "json"], &[&file]);
    assert!(!json.contains("unverified"), "{json}");
}

#[test]
fn dont_know_scores_exactly_as_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let json = |body: &str| -> serde_json::Value {
        let file = write(dir.path(), "a.yaml", body);
        serde_json::from_str(&run(&["report", "-f", "json"], &[&file])).unwrap()
    };
    let known = json(TWO_UNKNOWN);
    let left = json(NONE_UNKNOWN);
    for key in ["overall", "answered_score", "coverage", "gaps", "band"] {
        assert_eq!(known[key], left[key], "{key}");
    }
    assert_eq!(known["unverified_count"], 2);
    assert_eq!(
        known["unverified"],
        serde_json::json!([
            "governance.mou-signed-by-leaders",
            "governance.mou-before-assignment"
        ])
    );
    let items = known["items"].as_array().unwrap();
    let outcome = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| (i["outcome"].clone(), i["status"].clone()))
            .unwrap()
    };
    assert_eq!(
        outcome("governance.mou-before-assignment"),
        ("unverified".into(), "unknown".into())
    );
}

#[test]
fn a_comparison_counts_them_apart_from_the_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let now = write(dir.path(), "now.yaml", TWO_UNKNOWN);
    let before = write(dir.path(), "before.yaml", NONE_UNKNOWN);
    let text = run(&["compare", "-f", "markdown"], &[&before, &now]);
    assert!(
        text.contains("2 of 118 (1.7%); 2 could not be verified"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["compare", "-f", "json"], &[&before, &now])).unwrap();
    let columns = json["columns"].as_array().unwrap();
    let unverified: Vec<&serde_json::Value> = columns.iter().map(|c| &c["unverified"]).collect();
    assert_eq!(unverified, [&serde_json::Value::Null, &2.into()]);
    assert_eq!(columns[0]["coverage"], columns[1]["coverage"]);
}

#[test]
fn a_checklist_without_dont_know_refuses_it_with_the_usual_hint() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = fs::read_to_string(crate::common::repo_path(
        "checklists/wi-sro-best-practices.yaml",
    ))
    .unwrap();
    let without: String = bundled
        .lines()
        .filter(|l| !l.contains("value: unknown"))
        .map(|l| format!("{l}\n"))
        .collect();
    let checklist = dir.path().join("checklist.yaml");
    fs::write(&checklist, without).unwrap();
    let file = write(dir.path(), "a.yaml", TWO_UNKNOWN);
    tool()
        .args(["validate", "--checklist"])
        .arg(&checklist)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown status `DK`"))
        .stderr(predicate::str::contains("use one of: met (In place)"));
}

#[test]
fn lint_refuses_a_dont_know_with_credit_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = fs::read_to_string(crate::common::repo_path(
        "checklists/wi-sro-best-practices.yaml",
    ))
    .unwrap();
    let credited = bundled.replace(
        "label: Don't know, credit: null",
        "label: Don't know, credit: 0.0",
    );
    assert_ne!(credited, bundled);
    let checklist = dir.path().join("checklist.yaml");
    fs::write(&checklist, credited).unwrap();
    tool()
        .args(["checklist", "lint"])
        .arg(&checklist)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("checklist.yaml:51:50:"))
        .stderr(predicate::str::contains(
            "`unknown` (don't know) has a credit",
        ))
        .stderr(predicate::str::contains("credit: null"));
}
