//! The corpus of bad inputs in tests/bad-inputs: each must exit 2 with a clear message at the
//! expected position, and never panic. `NAME.expected` holds the position (`line:column`,
//! `line:`, or `-` when the parser gives none) and then one expected fragment per line.
//! `NAME.csv` cases are sheets: their position is a cell (`cell A12`).

use crate::common::{repo_path, tool};

#[test]
fn every_bad_input_gives_a_clear_error_and_exit_2() {
    let folder = repo_path("tests/bad-inputs");
    let mut cases: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "csv"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 25,
        "the corpus has only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expected = std::fs::read_to_string(case.with_extension("expected")).unwrap();
        let mut lines = expected.lines();
        let position = lines.next().unwrap_or("-");
        let output = tool().args(["validate"]).arg(case).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = case.file_name().unwrap().to_string_lossy();
        let mut problems = Vec::new();
        if output.status.code() != Some(2) {
            problems.push(format!("exit code {:?}, expected 2", output.status.code()));
        }
        if stderr.contains("panicked") {
            problems.push("panicked".into());
        }
        let place = if case.extension().is_some_and(|e| e == "csv") {
            format!(".csv: {position}:")
        } else {
            format!(".yaml:{position}")
        };
        if position != "-" && !stderr.contains(&place) {
            problems.push(format!("no `{place}` position"));
        }
        for fragment in lines.filter(|l| !l.is_empty()) {
            if !stderr.contains(fragment) {
                problems.push(format!("missing `{fragment}`"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n--- stderr ---\n{stderr}",
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn validate_lists_every_problem_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.yaml");
    std::fs::write(
        &path,
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrct: X\ndate: 2026-02-30\n\
         answers:\n  governance.writen-mou: met\n  governance.mou-goals: mett\n",
    )
    .unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for fragment in [
        "many.yaml:3:1: error: unknown key `distrct`",
        "many.yaml:4:7: error: `2026-02-30` does not exist",
        "many.yaml:6:3: error: unknown item `governance.writen-mou`",
        "many.yaml:7:25: error: unknown status `mett`",
        "5 errors found",
    ] {
        assert!(
            stderr.contains(fragment),
            "missing `{fragment}` in:\n{stderr}"
        );
    }
}

#[test]
fn unreadable_paths_exit_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let missing = tool()
        .args(["report", "no-such-file.yaml"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("no-such-file.yaml: cannot read the file")
    );
    let folder = tool().arg("report").arg(dir.path()).output().unwrap();
    assert_eq!(folder.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&folder.stderr).contains("it is a folder"));
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(sro_assess::load::MAX_INPUT_BYTES + 1).unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("over the limit"));
}
