//! The questionnaire (driven by scripted answers behind its Prompter trait) and `init --from`.

use std::collections::VecDeque;
use std::fs;
use std::path::Path;

use predicates::prelude::*;
use sro_assess::answer::{self, Prompter, Selection};

use crate::common::tool;

/// Answers from a script; `None` in the script (or its end) is Ctrl-C. A hook runs just
/// before the reply of the same index is given (another session, a hand edit...).
pub struct Script {
    replies: VecDeque<Option<&'static str>>,
    said: Vec<String>,
    given: usize,
    hooks: Vec<(usize, Box<dyn FnOnce()>)>,
}

impl Script {
    pub fn new(replies: &[Option<&'static str>]) -> Self {
        Self {
            replies: replies.iter().copied().collect(),
            said: Vec::new(),
            given: 0,
            hooks: Vec::new(),
        }
    }
    fn before_reply(mut self, index: usize, hook: impl FnOnce() + 'static) -> Self {
        self.hooks.push((index, Box::new(hook)));
        self
    }
    fn next(&mut self) -> Option<&'static str> {
        while let Some(at) = self.hooks.iter().position(|(i, _)| *i == self.given) {
            (self.hooks.remove(at).1)();
        }
        self.given += 1;
        self.replies.pop_front().flatten()
    }
    pub fn said_all(&self) -> String {
        self.said.join("\n")
    }
}

impl Prompter for Script {
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }
    fn choose(&mut self, _prompt: &str, options: &[String], _default: usize) -> Option<usize> {
        let reply = self.next()?;
        Some(
            options
                .iter()
                .position(|o| o.starts_with(reply))
                .unwrap_or_else(|| panic!("no option `{reply}` in {options:?}")),
        )
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
        first.said[0].contains("item 1 of 118, section 1 of 11"),
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
        second.said[0].contains("item 3 of 118, section 1 of 11 (116 still open)"),
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
        .stdout(predicate::str::contains("valid (3 of 118"));
}

#[test]
fn a_file_with_inline_answers_is_edited_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    fs::write(&path, "# my notes\nchecklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\nanswers: {governance.written-mou: met, roles.no-school-discipline: {status: met, carried_from: x}}\n").unwrap();
    let selection = Selection {
        all: false,
        section: Some("governance".into()),
        flagged: false,
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
    let mut script = Script::new(&[Some("partial"), Some("no"), None]);
    let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
    assert!(script.said[0].contains("carried over from 2025 (2025-04-20): please re-check"));
    assert_eq!(summary.offered, 118);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  governance.written-mou:\n    status: partial\n\n"),
        "the confirmed item loses its mark: {text}"
    );
    assert!(
        text.contains("  governance.mou-signed-by-leaders:\n    status: met\n    carried_from: 2025 (2025-04-20)\n"),
        "the next item keeps its mark: {text}"
    );
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("to re-check (111)"));
}

fn governance() -> Selection {
    Selection {
        all: true,
        section: Some("governance".into()),
        flagged: false,
    }
}

#[test]
fn ctrl_c_in_the_middle_of_an_item_keeps_what_was_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    // A status, details, the evidence typed; Ctrl-C at the public note.
    let mut script = Script::new(&[Some("partial"), Some("yes"), Some("MOU draft"), None]);
    let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
    assert_eq!((summary.saved, summary.stopped), (1, true));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  governance.written-mou:\n    status: partial\n    evidence: MOU draft\n"),
        "{text}"
    );
    // Ctrl-C right after choosing the status still keeps the status.
    let mut script = Script::new(&[Some("met"), None]);
    let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
    assert_eq!(summary.saved, 1);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  governance.mou-signed-by-leaders: met\n"),
        "{text}"
    );
    assert!(text.contains("  # Guidance: "), "comments are kept");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["answers.yaml"],
        "no backup or temporary file is left"
    );
}

#[test]
fn two_sessions_keep_each_others_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let other = path.clone();
    // A answers the first item; while A is on the second, B answers the third and stops;
    // A then answers the second and sees B's answer on the third.
    let mut a = Script::new(&[Some("met"), Some("no"), Some("not_met"), Some("no"), None])
        .before_reply(2, move || {
            let mut b = Script::new(&[
                Some("skip"),
                Some("skip"),
                Some("partial"),
                Some("no"),
                None,
            ]);
            let summary = answer::run(&other, &governance(), &mut b).unwrap();
            assert_eq!(summary.saved, 1);
        });
    let summary = answer::run(&path, &governance(), &mut a).unwrap();
    assert_eq!(summary.saved, 2);
    let text = fs::read_to_string(&path).unwrap();
    for line in [
        "  governance.written-mou: met\n",
        "  governance.mou-signed-by-leaders: not_met\n",
        "  governance.mou-before-assignment: partial\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        a.said[2].contains("Current answer: partial"),
        "A's view is refreshed from the file: {}",
        a.said[2]
    );
}

/// Session A chooses `partial` for the first item after B saved `met` with evidence for it.
fn conflict(choice: Option<&'static str>) -> (tempfile::TempDir, Script, answer::Summary) {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let other = path.clone();
    let mut a =
        Script::new(&[Some("partial"), choice, Some("no"), None]).before_reply(0, move || {
            let mut b = Script::new(&[Some("met"), Some("yes"), Some("Signed MOU"), None]);
            answer::run(&other, &governance(), &mut b).unwrap();
        });
    let summary = answer::run(&path, &governance(), &mut a).unwrap();
    (dir, a, summary)
}

#[test]
fn the_same_item_changed_by_another_session_asks_which_to_keep() {
    let (dir, a, _) = conflict(Some("keep the file's"));
    let said = a.said_all();
    assert!(
        said.contains("`governance.written-mou` was changed in"),
        "{said}"
    );
    assert!(
        said.contains("In the file now: status: met; evidence: Signed MOU"),
        "{said}"
    );
    assert!(said.contains("Your version:    status: partial"), "{said}");
    let text = fs::read_to_string(dir.path().join("answers.yaml")).unwrap();
    assert!(
        text.contains("  governance.written-mou:\n    status: met\n    evidence: Signed MOU\n"),
        "{text}"
    );
    // The file's version kept: on to the next item, answered `no` details... then Ctrl-C.
    assert!(a.said.iter().any(|s| s.contains("Kept the file's version")));

    let (dir, _, summary) = conflict(Some("keep your"));
    assert_eq!(summary.saved, 1);
    let text = fs::read_to_string(dir.path().join("answers.yaml")).unwrap();
    assert!(
        text.contains("  governance.written-mou:\n    status: partial\n\n"),
        "{text}"
    );
    assert!(
        !text.contains("Signed MOU"),
        "your version, whole, replaces the file's: {text}"
    );
}

#[test]
fn stopping_at_the_question_keeps_both_versions() {
    let (dir, a, summary) = conflict(None);
    assert!(summary.stopped);
    let text = fs::read_to_string(dir.path().join("answers.yaml")).unwrap();
    assert!(text.contains("    evidence: Signed MOU\n"), "{text}");
    let aside = dir.path().join("answers.governance.written-mou.yours.yaml");
    let mine = fs::read_to_string(&aside).unwrap();
    assert!(
        mine.ends_with("governance.written-mou:\n  status: partial\n"),
        "{mine}"
    );
    assert!(
        a.said_all().contains(&aside.display().to_string()),
        "the user is told where: {}",
        a.said_all()
    );
}

#[test]
fn a_hand_edit_that_breaks_the_file_stops_the_session_without_losing_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let edited = path.clone();
    let mut a = Script::new(&[Some("met"), Some("yes"), Some("Signed MOU"), None]).before_reply(
        2,
        move || {
            let text = fs::read_to_string(&edited).unwrap();
            fs::write(
                &edited,
                text.replace("profile: existing-program", "profile: ["),
            )
            .unwrap();
        },
    );
    let err = answer::run(&path, &governance(), &mut a)
        .unwrap_err()
        .to_string();
    assert!(err.contains("changed while you were answering"), "{err}");
    let aside = dir.path().join("answers.governance.written-mou.yours.yaml");
    assert!(err.contains(&aside.display().to_string()), "{err}");
    let mine = fs::read_to_string(&aside).unwrap();
    assert!(mine.contains("  evidence: Signed MOU\n"), "{mine}");
}

#[test]
fn answer_points_spreadsheets_to_import_and_missing_files_to_init() {
    let dir = tempfile::tempdir().unwrap();
    for (name, imported) in [
        ("sheet.xlsx", "sheet.xlsx"),
        ("sheet.CSV", "sheet.CSV"),
        ("sheet.ods", "sheet.ods"),
        ("sheet.xls", "sheet.xls"),
    ] {
        let sheet = dir.path().join(name);
        fs::write(&sheet, b"PK\x03\x04\xff\xfe").unwrap();
        tool()
            .arg("answer")
            .arg(&sheet)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is a ."))
            .stderr(predicate::str::contains(format!(
                "sro-assess import {} -o answers.yaml",
                dir.path().join(imported).display()
            )))
            .stderr(predicate::str::contains("UTF-8").not());
    }
    let missing = dir.path().join("missing.yaml");
    tool()
        .arg("answer")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no such file"))
        .stderr(predicate::str::contains(format!(
            "sro-assess init -o {}",
            missing.display()
        )));
}

#[test]
fn each_question_shows_the_answer_the_file_has_now() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let other = path.clone();
    // While A is on the first item, B answers the second; A skips the first (no save) and
    // is shown B's answer on the second instead of offering it as unanswered.
    let mut a = Script::new(&[Some("skip"), None]).before_reply(0, move || {
        let mut b = Script::new(&[Some("skip"), Some("not_met"), Some("no"), None]);
        answer::run(&other, &governance(), &mut b).unwrap();
    });
    answer::run(&path, &governance(), &mut a).unwrap();
    assert!(!a.said[0].contains("Current answer"), "{}", a.said[0]);
    assert!(
        a.said[1].contains("Current answer: not_met"),
        "{}",
        a.said[1]
    );
}

#[test]
fn dont_know_is_offered_and_kept_with_what_could_not_be_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let mut script = Script::new(&[
        Some("unknown: Don't know"),
        Some("The signed MOU was not shared with us"),
        Some("no"),
        Some("save and quit"),
    ]);
    let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
    assert_eq!(summary.saved, 1);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "  governance.written-mou:\n    status: unknown\n    note: The signed MOU was not shared with us\n"
        ),
        "{text}"
    );
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (0 of 118"));
}
