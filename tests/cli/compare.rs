//! `compare` and `summary` as a user runs them: snapshots of every format for the samples in
//! `examples/` (rendered in process, with one check that the binary prints the same), and
//! every error path.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use sro_assess::compare::synthetic::synthetic_answers;
use sro_assess::load;

use sro_assess::report::Format;

use crate::common::{run_ok, tool};
use crate::in_process::{render_comparison, render_summary};

const OPTION_A: &str = "examples/option-a-contract-sro.yaml";
const OPTION_B: &str = "examples/option-b-mental-health.yaml";
const YEAR_2025: &str = "examples/year-2025.yaml";
const YEAR_2026: &str = "examples/year-2026.yaml";
const FORMATS: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

fn bundled_checklist() -> sro_assess::model::Checklist {
    load::bundled_checklist("wi-sro-best-practices")
        .expect("the checklist is bundled")
        .expect("the bundled checklist is valid")
        .checklist
}

/// Writes `count` made-up districts into `dir` as `district-NNNN.yaml`.
fn write_synthetic(dir: &Path, count: u64) -> Vec<PathBuf> {
    let checklist = bundled_checklist();
    (0..count)
        .map(|seed| {
            let path = dir.join(format!("district-{seed:04}.yaml"));
            fs::write(&path, synthetic_answers(&checklist, seed)).expect("writes");
            path
        })
        .collect()
}

/// A copy of the bundled checklist with another id or version, and an answers file using it.
fn answers_on_modified_checklist(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = load::BUNDLED[0].text.replacen(from, to, 1);
    assert_ne!(
        text,
        load::BUNDLED[0].text,
        "`{from}` not found in the checklist"
    );
    fs::write(dir.join("local-checklist.yaml"), text).expect("writes");
    let answers = synthetic_answers(&bundled_checklist(), 1).replacen(
        "checklist: wi-sro-best-practices",
        "checklist: local-checklist.yaml",
        1,
    );
    let path = dir.join("local.yaml");
    fs::write(&path, answers).expect("writes");
    path
}

// ---- snapshots of the samples, rendered in process ----

#[test]
fn compare_of_the_two_planning_options_in_every_format() {
    for format in FORMATS {
        let out = render_comparison(&[OPTION_A, OPTION_B], false, format, None);
        insta::assert_snapshot!(format!("compare_options_{}", format.name()), out);
    }
}

#[test]
fn compare_of_two_years_shows_the_trend_in_every_format() {
    // Given newest first: the trend still runs oldest to newest.
    for format in FORMATS {
        let out = render_comparison(&[YEAR_2026, YEAR_2025], false, format, None);
        insta::assert_snapshot!(format!("compare_years_{}", format.name()), out);
    }
}

#[test]
fn summary_of_the_examples_folder_in_every_format() {
    for format in FORMATS {
        let out = render_summary("examples", format);
        insta::assert_snapshot!(format!("summary_examples_{}", format.name()), out);
    }
}

#[test]
fn only_differences_keeps_the_rows_that_differ() {
    let out = render_comparison(&[OPTION_A, OPTION_B], true, Format::Table, None);
    assert!(out.contains("Items that differ ("), "{out}");
    insta::assert_snapshot!(
        "compare_options_only_differences_80",
        render_comparison(&[OPTION_A, OPTION_B], true, Format::Table, Some(80))
    );
}

#[test]
fn the_binary_prints_what_the_library_renders() {
    for format in FORMATS {
        let name = format.name();
        assert_eq!(
            run_ok(&["compare", YEAR_2026, YEAR_2025, "--format", name]),
            render_comparison(&[YEAR_2026, YEAR_2025], false, format, None),
            "compare as {name}"
        );
        assert_eq!(
            run_ok(&["summary", "examples", "--format", name]),
            render_summary("examples", format),
            "summary as {name}"
        );
    }
    assert_eq!(
        run_ok(&[
            "compare",
            OPTION_A,
            OPTION_B,
            "--only-differences",
            "--width",
            "80"
        ]),
        render_comparison(&[OPTION_A, OPTION_B], true, Format::Table, Some(80)),
        "compare --only-differences --width 80"
    );
}

#[test]
fn tables_fit_an_80_column_terminal() {
    for args in [
        vec!["compare", OPTION_A, OPTION_B, "--width", "80"],
        vec!["compare", YEAR_2025, YEAR_2026, OPTION_A, "--width", "80"],
        vec!["summary", "examples", "--width", "80"],
    ] {
        let out = run_ok(&args);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= 80, "{args:?}: a line is {widest} columns wide");
    }
}

// ---- behaviour ----

#[test]
fn comparing_a_file_with_itself_shows_no_differences() {
    let out = run_ok(&["compare", OPTION_A, OPTION_A, "--only-differences"]);
    assert!(out.contains("No item differs."));
    assert!(out.contains("The ranking holds with equal weights."));
}

#[test]
fn output_file_format_follows_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comparison.md");
    tool()
        .args(["compare", OPTION_A, OPTION_B, "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote "));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("\n# Comparison of options\n")
    );
    let csv = dir.path().join("summary.csv");
    tool()
        .args(["summary", "examples", "-o"])
        .arg(&csv)
        .assert()
        .success();
    // The examples folder holds a draft; the header is still the first line, so CSVs stack.
    let written = fs::read_to_string(&csv).unwrap();
    assert!(written.starts_with("row_type,"), "{written}");
    assert!(
        written.contains("DRAFT") || written.contains("carried over"),
        "{written}"
    );
}

#[test]
fn summary_reads_yaml_and_yml_files_of_a_folder_and_skips_others() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 3);
    fs::rename(
        dir.path().join("district-0002.yaml"),
        dir.path().join("district-0002.yml"),
    )
    .unwrap();
    fs::write(dir.path().join("notes.txt"), "not an answers file").unwrap();
    fs::write(dir.path().join(".hidden.yaml"), "not: valid").unwrap();
    tool()
        .current_dir(dir.path())
        .args(["summary", ".", "--format", "csv"])
        .assert()
        .success()
        // Other files pass in silence; one named like answers but hidden is named.
        .stderr(
            "./.hidden.yaml: warning: left out: a hidden file (its name starts with a dot); \
             name it to include it\n",
        )
        .stdout(predicate::str::contains("./district-0002.yml"))
        .stdout(predicate::str::contains("overall_average,").count(1))
        .stdout(predicate::str::contains("\ndistrict,").count(3));
}

#[test]
fn summary_shows_no_progress_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 25);
    tool()
        .arg("summary")
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
}

#[test]
fn a_version_mismatch_between_files_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let local =
        answers_on_modified_checklist(dir.path(), "version: \"2026.3\"", "version: \"2026.4\"");
    tool()
        .args(["compare", OPTION_A])
        .arg(&local)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: scored against checklist version 2026.4, but examples/option-a-contract-sro.yaml against version 2026.3",
        ))
        .stdout(predicate::str::contains("different checklist versions (2026.3, 2026.4)"));
}

// ---- error paths ----

#[test]
fn compare_refuses_files_of_different_checklists_with_the_location() {
    let dir = tempfile::tempdir().unwrap();
    let other = answers_on_modified_checklist(
        dir.path(),
        "id: wi-sro-best-practices",
        "id: other-checklist",
    );
    tool()
        .args(["compare", OPTION_A])
        .arg(&other)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{}:1:12: error: this file answers checklist `other-checklist`, but \
             examples/option-a-contract-sro.yaml answers `wi-sro-best-practices`",
            other.display()
        )))
        .stderr(predicate::str::contains(
            "hint: compare or summarize only files of one checklist",
        ));
}

#[test]
fn compare_needs_two_files() {
    tool()
        .args(["compare", OPTION_A])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 values required"));
}

#[test]
fn compare_reports_a_missing_file() {
    tool()
        .args(["compare", OPTION_A, "examples/no-such-file.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: examples/no-such-file.yaml: cannot read the file",
        ));
}

#[test]
fn compare_reports_a_bad_file_with_its_line_and_column() {
    tool()
        .args([
            "compare",
            OPTION_A,
            "tests/bad-inputs/02-unknown-status.yaml",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "tests/bad-inputs/02-unknown-status.yaml:6:27: error: unknown status `mett`",
        ));
}

#[test]
fn summary_stops_at_the_first_bad_file_without_keep_going() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 3);
    fs::write(dir.path().join("district-0001.yaml"), "answers: [").unwrap();
    tool()
        .current_dir(dir.path())
        .args(["summary", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "./district-0001.yaml:2:1: error: ",
        ))
        .stderr(predicate::str::contains("hint: pass --keep-going"));
}

#[test]
fn summary_with_keep_going_skips_bad_files_and_exits_2_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 3);
    fs::write(dir.path().join("district-0001.yaml"), "answers: [").unwrap();
    tool()
        .current_dir(dir.path())
        .args(["summary", ".", "--keep-going"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("2 files summarized; 1 skipped"))
        .stdout(predicate::str::contains("Synthetic District 0000"))
        .stdout(predicate::str::contains("Synthetic District 0001").not())
        .stderr(predicate::str::contains(
            "./district-0001.yaml:2:1: error: ",
        ))
        .stderr(predicate::str::contains("error: 1 of 3 files have errors"));
}

#[test]
fn summary_with_keep_going_and_only_bad_files_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.yaml"), "answers: [").unwrap();
    tool()
        .current_dir(dir.path())
        .args(["summary", "a.yaml", "missing.yaml", "--keep-going"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "missing.yaml: cannot read the file",
        ))
        .stderr(predicate::str::contains("error: 2 of 2 files have errors"));
}

#[test]
fn summary_refuses_a_folder_without_answers_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("readme.txt"), "nothing here").unwrap();
    tool()
        .arg("summary")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: the folder has no answers files (*.yaml, *.yml)",
        ));
}

#[test]
fn summary_refuses_files_of_different_checklists() {
    let dir = tempfile::tempdir().unwrap();
    write_synthetic(dir.path(), 1);
    answers_on_modified_checklist(
        dir.path(),
        "id: wi-sro-best-practices",
        "id: other-checklist",
    );
    tool()
        .current_dir(dir.path())
        .args(["summary", "district-0000.yaml", "local.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "local.yaml:1:12: error: this file answers checklist `other-checklist`, but district-0000.yaml answers",
        ));
}

#[test]
fn summary_needs_an_input() {
    tool()
        .arg("summary")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("required"));
}

#[test]
fn files_of_different_districts_are_a_comparison_of_districts_and_one_district_is_no_average() {
    let districts = run_ok(&[
        "compare",
        "examples/existing-program.yaml",
        "examples/year-2026.yaml",
        "-f",
        "markdown",
    ]);
    assert!(
        districts.contains("# Comparison of districts"),
        "{districts}"
    );
    let options = run_ok(&[
        "compare",
        "examples/option-a-contract-sro.yaml",
        "examples/option-b-mental-health.yaml",
        "-f",
        "markdown",
    ]);
    assert!(options.contains("# Comparison of options"), "{options}");
    let one = run_ok(&["summary", "examples/year-2026.yaml", "-f", "markdown"]);
    assert!(
        one.contains("85.5% for the latest assessment of the one district"),
        "{one}"
    );
    assert!(!one.contains("on average over"), "{one}");
}
