//! The commands as a user runs them: init, validate, report, checklist.

use std::fs;

use predicates::prelude::*;

use crate::common::tool;

const BUNDLED: &str = "wi-sro-best-practices";

fn init_template(dir: &std::path::Path, profile: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{profile}.yaml"));
    tool()
        .args([
            "init",
            "--checklist",
            BUNDLED,
            "--profile",
            profile,
            "--date",
            "2026-03-15",
        ])
        .args(["--district", "Example Area School District", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn init_writes_a_template_that_validates_with_every_item_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let path = init_template(dir.path(), "existing-program");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("district: Example Area School District"));
    assert!(text.contains("  # Guidance: "));
    assert!(text.contains("  governance.written-mou:\n"));
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (0 of"))
        .stdout(predicate::str::contains("unanswered items ("));
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    fs::write(&path, "hours of committee work").unwrap();
    tool()
        .args(["init", "--date", "2026-03-15", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "hours of committee work"
    );
    tool()
        .args(["init", "--date", "2026-03-15", "--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("# sro-assess answers file")
    );
}

#[test]
fn init_rejects_an_unknown_profile_and_lists_the_real_ones() {
    tool()
        .args(["init", "--profile", "existing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no profile `existing`"))
        .stderr(predicate::str::contains("existing-program"));
}

#[test]
fn profiles_differ_in_the_items_they_take() {
    let dir = tempfile::tempdir().unwrap();
    let count = |profile: &str| {
        let text = fs::read_to_string(init_template(dir.path(), profile)).unwrap();
        text.lines()
            .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with('#') && l.ends_with(':'))
            .count()
    };
    let existing = count("existing-program");
    let considering = count("considering-sro");
    let without = count("without-sro");
    assert!(existing >= 80, "{existing}");
    assert!(
        without < considering && considering < existing,
        "{without} {considering} {existing}"
    );
}

fn filled(dir: &std::path::Path, statuses: &[&str]) -> std::path::PathBuf {
    let path = init_template(dir, "existing-program");
    let text = fs::read_to_string(&path).unwrap();
    let mut n = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with("  ") && !line.trim_start().starts_with('#') && line.ends_with(':')
            {
                n += 1;
                format!("{line} {}", statuses[n % statuses.len()])
            } else {
                line.to_string()
            }
        })
        .collect();
    fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn report_prints_header_figures_sections_and_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &["met", "partial", "not_met", "met"]);
    tool()
        .arg("report")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Example Area School District"))
        .stdout(predicate::str::contains("Assessment:"))
        .stdout(predicate::str::contains("possible weight"))
        .stdout(predicate::str::contains("Coverage:"))
        .stdout(predicate::str::contains("Gaps in priority order"))
        .stdout(predicate::str::contains("Unanswered items (0)"))
        .stdout(predicate::str::contains("Strengths:"));
}

#[test]
fn fail_under_exits_1_when_the_score_is_lower() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &["not_met", "partial"]);
    tool()
        .arg("report")
        .arg(&path)
        .args(["--fail-under", "80"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is under --fail-under 80"));
    tool()
        .arg("report")
        .arg(&path)
        .args(["--fail-under", "0"])
        .assert()
        .success();
}

#[test]
fn every_output_file_format_is_taken_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &["met", "partial"]);
    for (name, starts) in [
        ("r.md", "SCHOOL RESOURCE OFFICER PROGRAM\n\n# Gap Report"),
        ("r.csv", "district,label"),
        ("r.json", "{"),
        (
            "r.txt",
            "SCHOOL RESOURCE OFFICER PROGRAM\nGap Report\n==========",
        ),
    ] {
        let out = dir.path().join(name);
        tool()
            .arg("report")
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = fs::read_to_string(&out).unwrap();
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
    }
    // A Word file is a zip archive; an extension no format has is refused.
    let docx = dir.path().join("r.docx");
    tool()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(&docx)
        .assert()
        .success();
    assert!(fs::read(&docx).unwrap().starts_with(b"PK\x03\x04"));
    tool()
        .arg("report")
        .arg(&path)
        .args(["-o"])
        .arg(dir.path().join("r.odt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --format"));
}

#[test]
fn a_report_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &["met"]);
    tool()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(dir.path().join("no/such/r.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &["met", "not_met"]);
    let plain = tool().arg("report").arg(&path).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let coloured = tool()
        .args(["--color", "always", "report"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains('\x1b'));
}

#[test]
fn checklist_list_and_show_cover_every_item() {
    tool()
        .args(["checklist", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(BUNDLED))
        .stdout(predicate::str::contains("without-sro"));
    let text = tool()
        .args(["checklist", "show", BUNDLED])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let json = tool()
        .args(["checklist", "show", BUNDLED, "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 11);
    for section in sections {
        for item in section["items"].as_array().unwrap() {
            assert!(text.contains(item["id"].as_str().unwrap()));
        }
    }
    tool()
        .args(["checklist", "show", BUNDLED, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# School Resource Officer"));
    tool()
        .args(["checklist", "show", "wi-sro-best-practice"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `wi-sro-best-practices`?",
        ));
}

#[test]
fn a_local_checklist_file_can_be_used_with_checklist_path() {
    let dir = tempfile::tempdir().unwrap();
    let checklist = dir.path().join("local.yaml");
    let yaml = tool()
        .args(["checklist", "show", BUNDLED, "--format", "yaml"])
        .output()
        .unwrap()
        .stdout;
    fs::write(
        &checklist,
        String::from_utf8(yaml)
            .unwrap()
            .replace("id: wi-sro-best-practices", "id: local-copy"),
    )
    .unwrap();
    let answers = dir.path().join("a.yaml");
    tool()
        .args(["init", "--date", "2026-03-15", "--checklist"])
        .arg(&checklist)
        .arg("-o")
        .arg(&answers)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&answers)
            .unwrap()
            .contains("checklist: local.yaml")
    );
    tool()
        .arg("report")
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Checklist local-copy"));
}

#[test]
fn warnings_print_but_do_not_fail_validation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    fs::write(
        &path,
        "checklist: wi-sro-best-practices\ncheck_version_missing: 1\n",
    )
    .unwrap();
    tool().arg("validate").arg(&path).assert().code(2);
    fs::write(
        &path,
        "checklist: wi-sro-best-practices\nchecklist_version: \"1999.1\"\nprofile: existing-program\n\
         district: Example Area School District\ndate: 2026-03-15\nanswers:\n  governance.written-mou: na\n",
    )
    .unwrap();
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "a.yaml:2:20: warning: the answers were written for checklist version 1999.1",
        ))
        .stderr(predicate::str::contains(
            "a.yaml:7:3: warning: `governance.written-mou` is marked not applicable without a note",
        ));
}

#[test]
fn statuses_are_forgiving_about_case_spaces_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    fs::write(
        &path,
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: Example Area School District\n\
         date: 2026-03-15\nanswers:\n  governance.written-mou: Met\n  governance.mou-goals: Not met\n  \
         governance.mou-signed-by-leaders: partly in place\n",
    )
    .unwrap();
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (3 of"));
}

#[test]
fn help_lists_the_exit_codes() {
    tool()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes: 0 success; 1"));
}
