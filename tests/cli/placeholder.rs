//! `init` without `--district` writes a placeholder, not a real-looking name; `validate` and
//! `report` warn about it, naming the line (or the sheet's cell) and what to type, and the
//! exit code stays 0 (a warning, as the README's exit-code table says).

use std::path::Path;

use crate::common::tool;

const PLACEHOLDER: &str = "(your district's name)";

fn init(out: &Path, extra: &[&str]) {
    let output = tool()
        .arg("init")
        .args(["--date", "2026-03-15", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `COMMAND FILE EXTRA...`; returns the exit code and standard error.
fn run(command: &str, file: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let output = tool().arg(command).arg(file).args(extra).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn init_without_a_district_writes_the_placeholder_that_validate_flags() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    init(&answers, &[]);
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(
        text.contains(&format!("district: \"{PLACEHOLDER}\"\n")),
        "{text}"
    );
    assert!(!text.contains("Example Area School District"), "{text}");

    let (code, stderr) = run("validate", &answers, &[]);
    assert_eq!(code, Some(0), "a warning, not an error: {stderr}");
    let line = text
        .lines()
        .position(|l| l.starts_with("district:"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!(
            "answers.yaml:{line}:11: warning: the district's name is still the template's \
             placeholder `{PLACEHOLDER}`\n  hint: write the district's name, e.g. \
             `district: Example Area School District`"
        )),
        "{stderr}"
    );

    // `report` warns the same way and still writes the report.
    let out = dir.path().join("report.md");
    let (code, stderr) = run("report", &answers, &["-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("still the template's placeholder"),
        "{stderr}"
    );
    assert!(out.exists());
}

#[test]
fn the_placeholder_in_a_sheet_names_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["t.csv", "t.xlsx"] {
        let sheet = dir.path().join(name);
        init(&sheet, &[]);
        let (code, stderr) = run("validate", &sheet, &[]);
        assert_eq!(code, Some(0), "{stderr}");
        let cell = if name.ends_with("csv") {
            "cell B4"
        } else {
            "sheet Answers, cell B4"
        };
        assert!(
            stderr.contains(&format!(
                "{name}: {cell}: warning: the district's name is still the template's \
                 placeholder `{PLACEHOLDER}`\n  hint: fill in B4 with the district's name, \
                 right of District"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_named_district_gets_no_placeholder_warning() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.yaml", "a.csv"] {
        let file = dir.path().join(name);
        init(&file, &["--district", "Example Area School District"]);
        let (code, stderr) = run("validate", &file, &[]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("placeholder"), "{stderr}");
    }
}
