//! Typed YAML: one run of `validate` reports every problem it can find, and the slips whose
//! fix is certain (an id in capitals, a US date) are read with a warning saying how.

use crate::common::tool;

const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                    district: Example Area School District\n";

/// Runs `validate` on `text`; returns the exit code and standard error.
fn validate(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, text).unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr)
}

fn assert_contains(stderr: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(
            stderr.contains(fragment),
            "missing `{fragment}` in:\n{stderr}"
        );
    }
}

#[test]
fn a_us_date_is_read_with_a_warning() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 03/15/2026\nanswers:\n  governance.written-mou:\n    status: partial\n    \
         due: 6/30/2026\n"
    ));
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        &[
            "answers.yaml:4:7: warning: read the date `03/15/2026` as 2026-03-15 (month/day/year)",
            "answers.yaml:8:10: warning: read the date `6/30/2026` as 2026-06-30",
        ],
    );
}

#[test]
fn a_us_date_that_does_not_exist_is_refused_and_a_two_digit_year_is_this_century() {
    let (code, stderr) = validate(&format!("{HEAD}date: 2/30/2026\n"));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["4:7: error: `2/30/2026` read as month/day/year does not exist"],
    );
    // As Calc in a US locale saves a typed date: read, and the day read is named.
    let (code, stderr) = validate(&format!("{HEAD}date: 3/15/26\n"));
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        &["4:7: warning: read the date `3/15/26` as 2026-03-15 (month/day/year)"],
    );
}

#[test]
fn an_id_in_capitals_is_read_with_a_warning_and_still_caught_twice() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  Governance.Written-MOU: met\n"
    ));
    assert_eq!(code, Some(0), "{stderr}");
    assert_contains(
        &stderr,
        &["6:3: warning: read the item `Governance.Written-MOU` as `governance.written-mou`"],
    );
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  Governance.Written-MOU: met\n  \
         governance.written-mou: partial\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["7:3: error: the item `governance.written-mou` is answered twice (first at line 6)"],
    );
}

#[test]
fn an_answer_at_column_one_is_told_to_indent() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\ngovernance.written-mou: met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "6:1: error: the answer to `governance.written-mou` is not indented under `answers:`",
            "indent it under `answers:`",
        ],
    );
    assert!(!stderr.contains("unknown key"), "{stderr}");
}

#[test]
fn a_missing_space_after_a_colon_is_reported_at_its_own_line() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:\n    status:met\n    \
         note: signed\n  governance.mou-goals: mett\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "7:11: error: a space is missing after the colon in `status:met`",
            "write `status: met`",
            // The rest of the file is still checked in the same run.
            "9:25: error: unknown status `mett`",
            "2 errors found",
        ],
    );
    assert!(
        !stderr.contains(":8:"),
        "the next line is not blamed:\n{stderr}"
    );
}

#[test]
fn a_missing_space_that_still_parses_is_named_too() {
    // As the last line, `status:met` parses as the text "status:met".
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:\n    status:met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["7:5: error: a space is missing after the colon in `status:met`"],
    );
    assert!(!stderr.contains("unknown status"), "{stderr}");
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &["6:3: error: a space is missing after the colon in `governance.written-mou:met`"],
    );
}

#[test]
fn one_run_reports_a_syntax_error_a_duplicate_and_the_other_problems() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-03-15\nanswers:\n  governance.written-mou:\n    status: met\n      \
         evidence: x\n  governance.mou-goals: partial\n  governance.writen-mou: met\n  \
         governance.mou-goals: met\n  governance.annual-review: \"open\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "answers.yaml:8:",
            "answers.yaml:10:3: error: unknown item `governance.writen-mou`",
            "answers.yaml:11:3: error: the item `governance.mou-goals` is answered twice (first at line 9)",
            "answers.yaml:12:29: error: a quotation mark is opened but never closed",
            "4 errors found",
        ],
    );
}

#[test]
fn a_duplicate_no_longer_hides_the_other_problems() {
    let (code, stderr) = validate(&format!(
        "{HEAD}date: 2026-02-30\nanswers:\n  governance.written-mou: met\n  \
         governance.mou-goals: mett\n  governance.written-mou: not_met\n"
    ));
    assert_eq!(code, Some(2));
    assert_contains(
        &stderr,
        &[
            "4:7: error: `2026-02-30` does not exist",
            "7:25: error: unknown status `mett`",
            "8:3: error: the item `governance.written-mou` is answered twice (first at line 6)",
            "3 errors found",
        ],
    );
}

mod questionnaire {
    //! The questionnaire, driven by a script that can press Esc as well as Ctrl-C.

    use std::collections::VecDeque;
    use std::path::{Path, PathBuf};

    use sro_assess::answer::{self, Prompter, Selection};

    use crate::common::tool;

    #[derive(Clone, Copy)]
    enum Key {
        Reply(&'static str),
        Esc,
        CtrlC,
    }
    use Key::{CtrlC, Esc, Reply};

    struct Script {
        keys: VecDeque<Key>,
        escaped: bool,
        said: Vec<String>,
        prompts: Vec<String>,
    }

    impl Script {
        fn new(keys: &[Key]) -> Self {
            Self {
                keys: keys.iter().copied().collect(),
                escaped: false,
                said: Vec::new(),
                prompts: Vec::new(),
            }
        }
        fn next(&mut self, prompt: &str) -> Option<&'static str> {
            self.prompts.push(prompt.to_string());
            let key = self.keys.pop_front().unwrap_or(CtrlC);
            self.escaped = matches!(key, Esc);
            match key {
                Reply(text) => Some(text),
                Esc | CtrlC => None,
            }
        }
    }

    impl Prompter for Script {
        fn say(&mut self, text: &str) {
            self.said.push(text.to_string());
        }
        fn choose(&mut self, prompt: &str, options: &[String], _default: usize) -> Option<usize> {
            let reply = self.next(prompt)?;
            Some(
                options
                    .iter()
                    .position(|o| o.starts_with(reply))
                    .unwrap_or_else(|| panic!("no option `{reply}` in {options:?}")),
            )
        }
        fn text(&mut self, prompt: &str, _initial: &str) -> Option<String> {
            self.next(prompt).map(str::to_string)
        }
        fn escaped(&mut self) -> bool {
            self.escaped
        }
        fn width(&self) -> usize {
            40
        }
    }

    fn template(dir: &Path) -> PathBuf {
        let path = dir.join("answers.yaml");
        tool()
            .args(["init", "--date", "2026-03-15", "-o"])
            .arg(&path)
            .assert()
            .success();
        path
    }

    #[test]
    fn an_item_in_place_is_not_asked_who_will_close_the_gap() {
        let dir = tempfile::tempdir().unwrap();
        let path = template(dir.path());
        let mut script = Script::new(&[
            Reply("met"),
            Reply("yes"),
            Reply("Signed MOU"),
            Reply(""),
            Reply(""),
            // The next item: a gap, which is asked for an owner and a due date.
            Reply("partial"),
            Reply("yes"),
            Reply(""),
            Reply(""),
            Reply(""),
            Reply("Chief"),
            Reply("6/30/2026"),
            Reply("save and quit"),
        ]);
        answer::run(&path, &Selection::default(), &mut script).unwrap();
        let owners = script
            .prompts
            .iter()
            .filter(|p| p.starts_with("Owner"))
            .count();
        let dues = script
            .prompts
            .iter()
            .filter(|p| p.starts_with("Due date"))
            .count();
        assert_eq!((owners, dues), (1, 1), "{:?}", script.prompts);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("    status: met\n    evidence: Signed MOU\n"),
            "{text}"
        );
        assert!(
            text.contains("    owner: Chief\n    due: 2026-06-30\n"),
            "{text}"
        );
        assert!(
            script
                .said
                .iter()
                .any(|s| s.contains("Read `6/30/2026` as 2026-06-30"))
        );
    }

    #[test]
    fn esc_goes_back_a_step_and_never_quits_without_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let path = template(dir.path());
        let mut script = Script::new(&[
            Reply("met"),
            Reply("no"),
            // Esc at the second item's status: go back to the first.
            Esc,
            Reply("back"),
            Reply("partial"),
            // Esc in the details: back to this item's status, which is asked again.
            Esc,
            Reply("met"),
            Reply("no"),
            // Esc twice at the status stays; then quit from the Esc menu.
            Esc,
            Esc,
            Esc,
            Reply("save and quit"),
        ]);
        let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
        assert!(summary.stopped);
        let said = script.said.join("\n");
        assert!(said.contains("back to this item's status"), "{said}");
        assert!(
            said.contains(
                "Stopped: 1 answer saved in this session. Run the same command to resume."
            ),
            "{said}"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("  governance.written-mou: met\n"), "{text}");
        let menus = script
            .prompts
            .iter()
            .filter(|p| p.starts_with("Esc pressed"))
            .count();
        assert_eq!(menus, 3, "{:?}", script.prompts);
    }

    #[test]
    fn ctrl_c_says_what_was_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = template(dir.path());
        let mut script = Script::new(&[Reply("met"), Reply("no"), CtrlC]);
        let summary = answer::run(&path, &Selection::default(), &mut script).unwrap();
        assert_eq!((summary.saved, summary.stopped), (1, true));
        assert!(
            script
                .said
                .iter()
                .any(|s| s.contains("Stopped: 1 answer saved in this session")),
            "{:?}",
            script.said
        );
    }

    #[test]
    fn a_resumed_session_shows_its_place_in_the_whole_profile_and_wraps_guidance() {
        let dir = tempfile::tempdir().unwrap();
        let path = template(dir.path());
        let mut first = Script::new(&[
            Reply("met"),
            Reply("no"),
            Reply("na"),
            Reply("None here"),
            Reply("no"),
            CtrlC,
        ]);
        answer::run(&path, &Selection::default(), &mut first).unwrap();
        let mut second = Script::new(&[CtrlC]);
        answer::run(&path, &Selection::default(), &mut second).unwrap();
        let header = &second.said[0];
        let words = header.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("item 3 of 118, section 1 of 11 (116 still open)"),
            "{header}"
        );
        assert!(
            header
                .lines()
                .all(|l| l.chars().count() <= 40 || !l.trim().contains(' ')),
            "wrapped to the width of 40:\n{header}"
        );
        assert!(header.lines().count() > 4, "{header}");
    }
}
