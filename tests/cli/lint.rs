//! `checklist lint` and local checklists (`extends`, `add`, `remove`, `override`).

use predicates::prelude::*;

use crate::common::tool;

#[test]
fn the_bundled_checklist_passes_lint() {
    tool()
        .args(["checklist", "lint", "checklists/wi-sro-best-practices.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("passes lint"))
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn a_local_checklist_passes_lint_and_reports_say_it_is_tailored() {
    tool()
        .args([
            "checklist",
            "lint",
            "tests/fixtures/issue5/local-checklist.yaml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "passes lint (11 sections, 120 items, 81 sources",
        ));
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    let local = crate::common::repo_path("tests/fixtures/issue5/local-checklist.yaml");
    tool()
        .args(["init", "--date", "2026-03-15", "--checklist"])
        .arg(&local)
        .arg("-o")
        .arg(&answers)
        .assert()
        .success();
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains("  governance.board-liaison:\n"));
    assert!(!text.contains("  governance.mou-public:\n"));
    tool()
        .args(["report", "-f", "markdown"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Scored against a local checklist based on wi-sro-best-practices 2026.3: 1 item added, 1 removed, 1 changed.",
        ))
        .stdout(predicate::str::contains(
            "Removed The MOU is available to families and the public (governance.mou-public): The board publishes",
        ));
    tool()
        .arg("report")
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Local checklist: Scored against a local checklist",
        ));
    // The PDF says so too: on the cover and, with each removal's reason, on the method page.
    let pdf = dir.path().join("local.pdf");
    tool()
        .arg("report")
        .arg(&answers)
        .arg("-o")
        .arg(&pdf)
        .assert()
        .success();
    for (reader, text) in crate::pdf_read::texts(&pdf) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(
                "Local checklist Scored against a local checklist based on wi-sro-best-practices"
            ),
            "{reader}: {text}"
        );
        assert!(text.contains("Local changes to the checklist"), "{reader}");
        assert!(
            text.contains("Removed The MOU is available to families and the public (governance.mou-public): The board publishes"),
            "{reader}"
        );
    }
}

#[test]
fn a_bad_local_checklist_names_every_problem_with_its_line() {
    tool()
        .args(["checklist", "lint", "tests/fixtures/issue5/bad-checklist.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad-checklist.yaml:4:11: error: `wi-sro-best-practices` has no item `governance.mou-publik`",
        ))
        .stderr(predicate::str::contains("did you mean `governance.mou-public`?"))
        .stderr(predicate::str::contains("removing `governance.funding-terms` needs a reason"))
        .stderr(predicate::str::contains("unknown priority `urgent`"));
}

#[test]
fn lint_finds_a_source_without_a_url() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    let text = std::fs::read_to_string(crate::common::repo_path(
        "checklists/wi-sro-best-practices.yaml",
    ))
    .unwrap()
    .replacen("url: https://", "url: \"\" # https://", 1);
    std::fs::write(&path, text).unwrap();
    tool()
        .args(["checklist", "lint"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no URL"));
}
