//! Commands over many files: `summary` gives the same bytes on one thread or several, and
//! the warnings of many files are counted by kind (`--verbose` lists them all).

use std::path::Path;

use sro_assess::compare::synthetic::synthetic_answers;
use sro_assess::load;

use crate::common::tool;

const DISTRICTS: u64 = 70;

/// Made-up districts on the bundled checklist: a second year for some, a plan for one, and
/// every "not applicable" without its note in every third file.
fn write_districts(folder: &Path) {
    let checklist = load::bundled_checklist("wi-sro-best-practices")
        .unwrap()
        .unwrap()
        .checklist;
    for seed in 0..DISTRICTS {
        let mut text = synthetic_answers(&checklist, seed);
        if seed % 3 == 0 {
            text = text.replace("\n    note: Does not apply in this district", "");
        }
        std::fs::write(folder.join(format!("district-{seed:03}.yaml")), &text).unwrap();
        if seed % 10 == 0 {
            let earlier = text.replacen("date: 2026-", "date: 2024-", 1);
            std::fs::write(
                folder.join(format!("district-{seed:03}-earlier.yaml")),
                earlier,
            )
            .unwrap();
        }
    }
}

fn run(args: &[&str], folder: &Path) -> (Vec<u8>, String, Option<i32>) {
    let output = tool().args(args).arg(folder).output().unwrap();
    (
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

#[test]
fn summary_is_the_same_bytes_on_one_thread_and_on_several() {
    let folder = tempfile::tempdir().unwrap();
    write_districts(folder.path());
    // The threads only load and score; every format draws the one merged summary. Without CI
    // the JSON export, which holds every figure, stands for the four.
    let formats: &[&str] = if crate::external::full(
        "the summary on several threads in every text format (this run checks JSON)",
    ) {
        &["table", "markdown", "csv", "json"]
    } else {
        &["json"]
    };
    for &format in formats {
        let one = run(&["summary", "--jobs", "1", "-f", format], folder.path());
        assert_eq!(one.2, Some(0), "{}", one.1);
        assert!(one.0.len() > 1000, "{format}: a real summary");
        for jobs in ["2", "3", "8"] {
            let many = run(&["summary", "--jobs", jobs, "-f", format], folder.path());
            assert!(one.0 == many.0, "{format} on {jobs} threads differs");
            assert_eq!(one.1, many.1, "{format}: warnings on {jobs} threads");
        }
    }
}

#[test]
fn a_pdf_summary_is_the_same_bytes_on_one_thread_and_on_two() {
    let folder = tempfile::tempdir().unwrap();
    write_districts(folder.path());
    let out = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for jobs in ["1", "2"] {
        let pdf = out.path().join(format!("summary-{jobs}.pdf"));
        let output = tool()
            .args(["summary", "--jobs", jobs, "-o"])
            .arg(&pdf)
            .arg(folder.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        written.push(std::fs::read(pdf).unwrap());
    }
    assert!(written[0] == written[1], "the PDFs differ");
}

#[test]
fn bad_files_are_reported_in_input_order_whatever_the_threads() {
    let folder = tempfile::tempdir().unwrap();
    write_districts(folder.path());
    for seed in [5, 41, 42] {
        let path = folder.path().join(format!("district-{seed:03}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("districtt: typo\n{text}")).unwrap();
    }
    let one = run(&["summary", "--keep-going", "--jobs", "1"], folder.path());
    let two = run(&["summary", "--keep-going", "--jobs", "2"], folder.path());
    assert_eq!(one.2, Some(2));
    assert_eq!(one.1, two.1);
    assert!(one.0 == two.0);
    let bad: Vec<&str> = one
        .1
        .lines()
        .filter(|l| l.contains("error: unknown key `districtt`"))
        .collect();
    assert_eq!(bad.len(), 3, "{}", one.1);
    assert!(bad[0].contains("district-005.yaml") && bad[2].contains("district-042.yaml"));
    assert!(one.1.contains("3 of 77 files have errors"), "{}", one.1);
    // Without --keep-going the first bad file stops the run, on any number of threads.
    let stopped = run(&["summary", "--jobs", "2"], folder.path());
    assert_eq!(stopped.2, Some(2));
    assert!(stopped.1.contains("district-005.yaml"));
    assert!(!stopped.1.contains("district-041.yaml"), "{}", stopped.1);
    // The warnings of the files before it come first: the error is the last thing said.
    let warning_at = stopped.1.find(": warning: ").unwrap();
    assert!(warning_at < stopped.1.find(": error: ").unwrap());
    assert!(
        stopped
            .1
            .trim_end()
            .ends_with("hint: pass --keep-going to skip files with errors and summarize the rest"),
        "{}",
        stopped.1
    );
}

/// Lines of `stderr` that are a warning of a file.
fn warning_lines(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.contains(": warning: ")).count()
}

#[test]
fn summary_counts_warnings_by_kind_with_one_example() {
    let folder = tempfile::tempdir().unwrap();
    write_districts(folder.path());
    let (_, stderr, code) = run(&["summary"], folder.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(warning_lines(&stderr), 1, "{stderr}");
    let example = stderr.lines().next().unwrap();
    assert!(
        example.starts_with(&folder.path().display().to_string())
            && example.ends_with("is marked not applicable without a note saying why"),
        "{stderr}"
    );
    let count = stderr
        .lines()
        .find(|l| l.contains("warnings like this one"))
        .unwrap();
    assert!(count.contains("--verbose lists them all"), "{count}");

    let (_, verbose, _) = run(&["summary", "--verbose"], folder.path());
    let all = warning_lines(&verbose);
    assert!(all > 10, "{verbose}");
    assert!(
        count.contains(&format!(" {all} warnings like this one in ")),
        "{count} / {all}"
    );
    assert!(!verbose.contains("like this one"));
}

#[test]
fn validate_of_many_files_counts_warnings_and_of_one_lists_them() {
    let folder = tempfile::tempdir().unwrap();
    write_districts(folder.path());
    let files: Vec<_> = (0..6)
        .map(|n| folder.path().join(format!("district-{:03}.yaml", n * 3)))
        .collect();
    let many = tool().arg("validate").args(&files).output().unwrap();
    assert!(many.status.success());
    let stderr = String::from_utf8(many.stderr).unwrap();
    assert_eq!(warning_lines(&stderr), 1, "{stderr}");
    assert!(
        stderr.contains("warnings like this one in 6 files"),
        "{stderr}"
    );
    let stdout = String::from_utf8(many.stdout).unwrap();
    assert_eq!(stdout.matches(": valid (").count(), 6);

    let verbose = tool()
        .args(["validate", "--verbose"])
        .args(&files)
        .output()
        .unwrap();
    let all = warning_lines(&String::from_utf8(verbose.stderr).unwrap());
    assert!(stderr.contains(&format!(" {all} warnings like this one")));

    let one = tool().arg("validate").arg(&files[0]).output().unwrap();
    let one_stderr = String::from_utf8(one.stderr).unwrap();
    assert!(warning_lines(&one_stderr) > 1, "{one_stderr}");
    assert!(!one_stderr.contains("like this one"));
}
