//! The fast paths give the same results as the paths they stand in for: the bundled checklist
//! compiled at build time reports as its YAML does, and an answers file read in one pass is
//! reported as one read by serde_yaml.

use crate::common::{repo_path, tool};

#[test]
fn the_compiled_bundled_checklist_reports_the_same_bytes_as_its_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let answers = repo_path("examples/existing-program.yaml");
    let yaml = repo_path("checklists/wi-sro-best-practices.yaml");
    for format in ["pdf", "json", "md", "html", "csv"] {
        let compiled = dir.path().join(format!("compiled.{format}"));
        let parsed = dir.path().join(format!("parsed.{format}"));
        tool()
            .arg("report")
            .arg(&answers)
            .arg("-o")
            .arg(&compiled)
            .assert()
            .success();
        tool()
            .arg("report")
            .arg("--checklist")
            .arg(&yaml)
            .arg(&answers)
            .arg("-o")
            .arg(&parsed)
            .assert()
            .success();
        let compiled = std::fs::read(&compiled).unwrap();
        assert!(!compiled.is_empty(), "{format}");
        assert!(
            compiled == std::fs::read(&parsed).unwrap(),
            "{format}: the compiled checklist's report differs from the YAML's"
        );
    }
}

/// A file with an error, warnings and a date read as month/day/year.
const ANSWERS: &str = "\
checklist: wi-sro-best-practices
profile: existing-program
district: Example Area School District
date: 3/15/2026
answers:
  governance.written-mou: na
  governance.mou-goals:
    status: mett
  governance.writen-mou: met
";

/// `validate`'s standard error and exit code for `text`, saved as `answers.yaml` in a folder of
/// its own (so both runs name the same file).
fn validate(text: &str) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, text).unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&*dir.path().to_string_lossy(), "DIR");
    (stderr, output.status.code())
}

#[test]
fn a_file_read_in_one_pass_is_reported_as_serde_yaml_reads_it() {
    // An anchor (on a line that keeps its length of lines and columns after it) sends the
    // same file down serde_yaml's path.
    let with_anchor = ANSWERS.replace("district: Example", "district: &d Example");
    let one_pass = validate(ANSWERS);
    let two_pass = validate(&with_anchor);
    assert_eq!(one_pass, two_pass);
    assert_eq!(one_pass.1, Some(2));
    for expected in [
        "DIR/answers.yaml:4:7: warning: read the date `3/15/2026` as 2026-03-15",
        "DIR/answers.yaml:6:3: warning: `governance.written-mou` is marked not applicable without a note",
        "DIR/answers.yaml:8:13: error: unknown status `mett`",
        "DIR/answers.yaml:9:3: error: unknown item `governance.writen-mou`",
    ] {
        assert!(one_pass.0.contains(expected), "{expected}\n{}", one_pass.0);
    }
}
