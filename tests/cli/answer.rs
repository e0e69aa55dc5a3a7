//! The questionnaire (driven by scripted answers behind its Prompter trait) and `init --from`.

use std::collections::VecDeque;
use std::fs;
use std::path::Path;

use predicates::prelude::*;
use sro_assess::answer::{self, Prompter, Selection};

use crate::common::tool;

/// Answers from a script; `None` in the script (or its end) is Ctrl-C.
struct Script {
    replies: VecDeque<Option<&'static str>>,
    said: Vec<String>,
}

impl Script {
    fn new(replies: &[Option<&'static str>]) -> Self {
        Self {
            replies: replies.iter().copied().collect(),
            said: Vec::new(),
        }
    }
    fn next(&mut self) -> Option<&'static str> {
        self.replies.pop_front().flatten()
    }
}

impl Prompter for Script {
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }
    fn choose(&mut self, _prompt: &str, options: &[String], _default: usize) -> Option<usize> {
        let reply = self.next()?;
        options.iter().position(|o| o.starts_with(reply))
    }
    fn text(&mut self, _prompt: &str, _initial: &str) -> Option<String> {
        self.next().map(str::to_string)
    }
}

fn template(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("answers.yaml");
    tool()
        .args(["init", "--date", "2026-03-15", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn saves_after_every_answer_and_resumes_after_an_interruption() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let all = Selection::default();
    // Two answers, then Ctrl-C in the middle of the third.
    let mut first = Script::new(&[
        Some("met"),
        Some("no"),
        Some("partial"),
        Some("yes"),
        Some("MOU draft"),
        Some(""),
        Some(""),
        Some("Chief"),
        Some("2026-13-01"),
        Some("2026-06-30"),
        None,
    ]);
    let summary = answer::run(&path, &all, &mut first).unwrap();
    assert_eq!((summary.saved, summary.stopped), (2, true));
    assert!(
        first.said[0].contains("item 1 of 112, section 1 of 11"),
        "{}",
        first.said[0]
    );
    assert!(
        first
            .said
            .iter()
            .any(|s| s.contains("months run from 01 to 12"))
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("  governance.written-mou: met\n"));
    assert!(text.contains("  governance.mou-signed-by-leaders:\n    status: partial\n    evidence: MOU draft\n    owner: Chief\n    due: 2026-06-30\n"));
    assert!(text.contains("  # Guidance: "), "comments are kept");
    // Resume: the first question is the third item; skip it, go back, answer it na with a note.
    let mut second = Script::new(&[
        Some("skip"),
        Some("back"),
        Some("na"),
        Some("No such MOU here"),
        Some("no"),
        Some("save and quit"),
    ]);
    let summary = answer::run(&path, &all, &mut second).unwrap();
    assert_eq!(summary.saved, 1);
    assert!(
        second.said[0].contains("item 1 of 110"),
        "{}",
        second.said[0]
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(
        "  governance.mou-before-assignment:\n    status: na\n    note: No such MOU here\n"
    ));
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (3 of 112"));
}

#[test]
fn a_file_with_inline_answers_is_edited_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    fs::write(&path, "# my notes\nchecklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\nanswers: {governance.written-mou: met, roles.no-school-discipline: {status: met, carried_from: x}}\n").unwrap();
    let selection = Selection {
        all: false,
        section: Some("governance".into()),
    };
    let mut script = Script::new(&[Some("partial"), Some("no"), None]);
    answer::run(&path, &selection, &mut script).unwrap();
    assert!(!dir.path().join("a.yaml.bak").exists());
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# my notes\n")
            && text.contains(
                "answers: {governance.written-mou: met, roles.no-school-discipline: {status: met, carried_from: x}, governance.mou-signed-by-leaders: partial}\n"
            ),
        "{text}"
    );
}

#[test]
fn refuses_without_a_terminal_and_names_the_other_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    tool()
        .arg("answer")
        .arg(&path)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input is not a terminal"))
        .stderr(predicate::str::contains("sro-assess import answers.xlsx"));
}

#[test]
fn init_from_last_year_carries_answers_marked_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("this-year.yaml");
    let run = || {
        tool()
            .args([
                "init",
                "--from",
                "examples/year-2025.yaml",
                "--label",
                "2026 review",
                "--date",
                "2026-09-01",
                "-o",
            ])
            .arg(&path)
            .assert()
    };
    run().success().stderr(predicate::str::contains(
        "carried 112 answers from 2025 (2025-04-20)",
    ));
    run()
        .code(2)
        .stderr(predicate::str::contains("pass --force"));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("label: 2026 review\ndate: 2026-09-01\n"));
    assert!(text.contains("    carried_from: 2025 (2025-04-20)\n"));
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("to re-check (112)"));
    // The questionnaire offers the carried answers; re-answering one clears its mark.
    let mut script = Script::new(&[Some("met"), Some("no"), None]);
    let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
    assert!(script.said[0].contains("carried over from 2025 (2025-04-20): please re-check"));
    assert_eq!(summary.offered, 112);
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("to re-check (111)"));
}
