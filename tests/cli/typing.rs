//! Typed YAML: one run of `validate` reports every problem it can find, and the slips whose
//! fix is certain (an id in capitals, a US date) are read with a warning saying how.

use crate::common::tool;

const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                    district: Example Area School District\n";

/// Runs `validate` on `text`; returns the exit code and standard error.
fn validate(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, text).unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

fn assert_contains(stderr: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(
            stderr.contains(fragment),
            "missing `{fragment}` in:\n{stderr}"
        );
    }
}

#[test]
fn a_us_date_is_read_with_a_warning() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 03/15/2026\nanswers:\n  governance.written-mou:\n    status: partial\n    \
         due: 6/30/2026\n"
    ));
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        &[
            "answers.yaml:4:7: warning: read the date `03/15/2026` as 2026-03-15 (month/day/year)",
            "answers.yaml:8:10: warning: read the date `6/30/2026` as 2026-06-30",
        ],
    );
}

#[test]
fn a_us_date_that_does_not_exist_or_has_two_digit_year_is_refused() {
    let (code, stderr) = validate(&format!("{HEAD}date: 2/30/2026\n"));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["4:7: error: `2/30/2026` read as month/day/year does not exist"],
    );
    let (code, stderr) = validate(&format!("{HEAD}date: 3/15/26\n"));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["4:7: error: `3/15/26` is not a date in the form YYYY-MM-DD"],
    );
}

#[test]
fn an_id_in_capitals_is_read_with_a_warning_and_still_caught_twice() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  Governance.Written-MOU: met\n"
    ));
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        &["6:3: warning: read the item `Governance.Written-MOU` as `governance.written-mou`"],
    );
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  Governance.Written-MOU: met\n  \
         governance.written-mou: partial\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["7:3: error: the item `governance.written-mou` is answered twice (first at line 6)"],
    );
}

#[test]
fn an_answer_at_column_one_is_told_to_indent() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\ngovernance.written-mou: met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "6:1: error: the answer to `governance.written-mou` is not indented under `answers:`",
            "indent it under `answers:`",
        ],
    );
    assert!(!stderr.contains("unknown key"), "{stderr}");
}

#[test]
fn a_missing_space_after_a_colon_is_reported_at_its_own_line() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:\n    status:met\n    \
         note: signed\n  governance.mou-goals: mett\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "7:11: error: a space is missing after the colon in `status:met`",
            "write `status: met`",
            // The rest of the file is still checked in the same run.
            "9:25: error: unknown status `mett`",
            "2 errors found",
        ],
    );
    assert!(
        !stderr.contains(":8:"),
        "the next line is not blamed:\n{stderr}"
    );
}

#[test]
fn one_run_reports_a_syntax_error_a_duplicate_and_the_other_problems() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:\n    status: met\n      \
         evidence: x\n  governance.mou-goals: partial\n  governance.writen-mou: met\n  \
         governance.mou-goals: met\n  governance.annual-review: \"open\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "answers.yaml:8:",
            "answers.yaml:10:3: error: unknown item `governance.writen-mou`",
            "answers.yaml:11:3: error: the item `governance.mou-goals` is answered twice (first at line 9)",
            "answers.yaml:12:29: error: a quotation mark is opened but never closed",
            "4 errors found",
        ],
    );
}

#[test]
fn a_duplicate_no_longer_hides_the_other_problems() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-02-30\nanswers:\n  governance.written-mou: met\n  \
         governance.mou-goals: mett\n  governance.written-mou: not_met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "4:7: error: `2026-02-30` does not exist",
            "7:25: error: unknown status `mett`",
            "8:3: error: the item `governance.written-mou` is answered twice (first at line 6)",
            "3 errors found",
        ],
    );
}
