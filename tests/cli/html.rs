//! The HTML report from outside: what the binary writes, and axe-core run over it in Debian's
//! Chromium (tests/axe/run.mjs). The browser run is part of `cargo test`: when node, the npm
//! packages or Chromium are missing it fails and says to run `.ci/run`, never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{example_files, repo_path, report_to, stem, tool};

/// The existing-program sample with one answer rewritten to carry markup and an internal note.
fn hostile_answers(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(repo_path("examples/existing-program.yaml")).unwrap();
    let answer = "  governance.mou-goals:\n    status: partial\n    note: \"<script>alert('x')</script> & <b>bold</b>\"\n    internal_note: SECRET remark about a student\n    owner: Principal\n    due: 2026-05-01\n";
    let rewritten = text.replacen("  governance.mou-goals: met\n", answer, 1);
    assert_ne!(
        rewritten, text,
        "the sample still answers governance.mou-goals: met"
    );
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, rewritten).unwrap();
    path
}

fn html(answers: &Path, out: &Path, extra: &[&str]) -> String {
    report_to(answers, out, extra);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_extension_or_the_flag_chooses_html() {
    let dir = tempfile::tempdir().unwrap();
    let answers = repo_path("examples/existing-program.yaml");
    let by_name = html(&answers, &dir.path().join("r.html"), &[]);
    let by_htm = html(&answers, &dir.path().join("r.htm"), &[]);
    let by_flag = html(&answers, &dir.path().join("r.out"), &["--format", "html"]);
    assert!(by_name.starts_with("<!DOCTYPE html><html lang=\"en-US\">"));
    assert_eq!(by_name, by_htm);
    assert_eq!(by_name, by_flag);
    let stdout = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(stdout.stdout).unwrap(), by_name);
}

#[test]
fn self_contained_no_script_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let text = html(
        &repo_path("examples/existing-program.yaml"),
        &dir.path().join("r.html"),
        &[],
    );
    assert!(!text.contains("<script"));
    assert!(!text.contains("<link"));
    assert!(!text.contains("src="), "no image or frame loads anything");
    assert!(!text.contains("@import"));
}

#[test]
fn markup_in_answers_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let answers = hostile_answers(dir.path());
    let text = html(&answers, &dir.path().join("r.html"), &[]);
    assert!(
        text.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "the note is printed, escaped"
    );
    assert!(!text.contains("<script"));
    assert!(!text.contains("<b>bold"));
}

#[test]
fn internal_notes_only_on_request_and_then_confidential_first() {
    let dir = tempfile::tempdir().unwrap();
    let answers = hostile_answers(dir.path());
    let public = html(&answers, &dir.path().join("public.html"), &[]);
    assert!(!public.contains("SECRET"));
    assert!(!public.contains("CONFIDENTIAL"));
    let private = html(
        &answers,
        &dir.path().join("private.html"),
        &["--include-internal-notes"],
    );
    assert!(private.contains("SECRET remark about a student"));
    let body = private.find("<body>").unwrap();
    let banner = private.find("CONFIDENTIAL: this report").unwrap();
    let h1 = private.find("<h1").unwrap();
    assert!(body < banner && banner < h1, "the banner comes first");
    assert!(private.contains("<title>CONFIDENTIAL"));
}

#[test]
fn two_runs_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let answers = hostile_answers(dir.path());
    let a = html(
        &answers,
        &dir.path().join("a.html"),
        &["--include-internal-notes"],
    );
    let b = html(
        &answers,
        &dir.path().join("b.html"),
        &["--include-internal-notes"],
    );
    assert!(a == b, "the two HTML files differ");
}

/// Runs axe-core over `files` and fails unless every one is clean.
pub fn assert_axe_clean(runner: &Path, files: &[PathBuf]) {
    let output = Command::new("node")
        .arg(runner)
        .args(files)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "axe run failed:\n{report}");
    let clean = format!("axe: {n} of {n} files clean", n = files.len());
    assert!(report.contains(&clean), "{report}");
}

/// What the browser check needs, or a message saying how to get it.
pub fn axe_runner() -> Result<PathBuf, String> {
    let folder = repo_path("tests/axe");
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("node is not installed".into());
    }
    for package in ["axe-core", "playwright-core"] {
        if !folder.join("node_modules").join(package).is_dir() {
            return Err(format!(
                "tests/axe/node_modules/{package} is missing (npm ci in tests/axe)"
            ));
        }
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        return Err(format!("{} is not installed", chromium.display()));
    }
    Ok(folder.join("run.mjs"))
}

#[test]
fn axe_finds_no_wcag_a_or_aa_violation_in_any_sample() {
    let runner = axe_runner();
    let check = "axe-core in Chromium on the HTML reports (WCAG 2.1 A and AA)";
    if !crate::external::can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for answers in example_files() {
        let out = dir.path().join(format!("{}.html", stem(&answers)));
        html(&answers, &out, &[]);
        files.push(out);
    }
    // The confidential variant too: its banner and red notes must keep their contrast.
    let private = dir.path().join("confidential.html");
    html(
        &hostile_answers(dir.path()),
        &private,
        &["--include-internal-notes"],
    );
    files.push(private);
    assert_axe_clean(&runner, &files);
}
