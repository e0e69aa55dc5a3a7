//! Answers written for an earlier checklist version carry over through `renamed:`; the
//! Milwaukee profile warns before Act 12 took effect; reports label each item's basis, give a
//! partly-in-place item its own next step, and state the checklist's limits.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use sro_assess::answer::{self, Prompter, Selection};

use crate::common::tool;

const LAST_YEAR: &str = "tests/fixtures/carry-over/answers-2026.1.yaml";
const LAST_VERSION: &str = "tests/fixtures/carry-over/answers-2026.2.yaml";

#[test]
fn init_from_a_file_with_old_ids_carries_merged_answers_and_names_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("this-year.yaml");
    let output = tool()
        .args(["init", "--from", LAST_YEAR, "--date", "2026-09-01", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Three 2026.1 items merged into one: the lowest status wins and the others are named.
    assert!(stderr.contains(
        "were merged into `records.school-official-conditions` (checklist version 2026.3); it takes \
         the lowest status, `not_met` (from `records.direct-control-in-mou`)"
    ));
    assert!(stderr.contains("`records.school-official-conditions` was `partial`"));
    assert!(stderr.contains(
        "item `disabilities.iep-bip-behaviour` is now `disabilities.iep-restraint-plan`"
    ));
    // An item that left the profile cannot be carried, and init says so.
    assert!(stderr.contains(
        "not carried: the answer to `selection.sworn-community-policing`, which is not an item of \
         profile `existing-program`"
    ));
    assert!(stderr.contains("carried 105 answers from 2025 (2025-04-20)"));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(
        "  records.school-official-conditions:\n    status: not_met\n    carried_from: 2025 (2025-04-20)\n"
    ));
    assert!(text.contains("  disabilities.iep-restraint-plan:\n    status: met\n"));
    assert!(!text.contains("records.direct-control-in-mou"));
    tool().arg("validate").arg(&path).assert().success();
}

#[test]
fn compare_scores_last_years_old_ids_against_the_merged_items() {
    let output = tool()
        .args([
            "compare",
            "examples/year-2026.yaml",
            LAST_YEAR,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("were merged into `roles.no-school-discipline`"));
    let csv = String::from_utf8_lossy(&output.stdout);
    let row = csv
        .lines()
        .find(|l| l.starts_with("item,records.school-official-conditions,"))
        .unwrap();
    assert!(row.contains("not_met"), "{row}");
}

#[test]
fn a_2026_2_answer_to_a_replaced_item_carries_over_to_the_item_that_scores_it_now() {
    // The 2025 sample as written for 2026.2: `disabilities.iep-bip-behavior` became
    // `disabilities.iep-restraint-plan` in 2026.3.
    let output = tool()
        .args(["report", LAST_VERSION, "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "item `disabilities.iep-bip-behavior` is now `disabilities.iep-restraint-plan` \
             (checklist version 2026.3); its answer was carried over"
        ),
        "{stderr}"
    );
    let csv = String::from_utf8_lossy(&output.stdout);
    let row = csv
        .lines()
        .find(|l| l.contains(",item,disabilities,disabilities.iep-restraint-plan,"))
        .unwrap();
    assert!(row.contains(",met,"), "{row}");
    assert!(!csv.contains("disabilities.iep-bip-behavior"));
}

fn answers_file(dir: &Path, profile: &str, date: &str, answers: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{profile}-{date}.yaml"));
    fs::write(
        &path,
        format!(
            "checklist: wi-sro-best-practices\nchecklist_version: \"2026.3\"\nprofile: {profile}\n\
             district: Example\ndate: {date}\nanswers:\n{answers}"
        ),
    )
    .unwrap();
    path
}

#[test]
fn the_milwaukee_profile_warns_for_an_assessment_before_act_12() {
    let dir = tempfile::tempdir().unwrap();
    let early = answers_file(
        dir.path(),
        "milwaukee-existing-program",
        "2023-10-01",
        "  governance.written-mou: met\n",
    );
    tool()
        .arg("validate")
        .arg(&early)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "profile `milwaukee-existing-program` applies from 2024-01-01, but this assessment is dated 2023-10-01",
        ));
    let later = answers_file(
        dir.path(),
        "milwaukee-existing-program",
        "2024-02-01",
        "  governance.written-mou: met\n",
    );
    tool()
        .arg("validate")
        .arg(&later)
        .assert()
        .success()
        .stderr(predicate::str::contains("applies from").not());
}

#[test]
fn reports_give_a_partial_item_its_own_next_step_and_label_each_basis() {
    let dir = tempfile::tempdir().unwrap();
    let path = answers_file(
        dir.path(),
        "existing-program",
        "2026-03-01",
        "  governance.written-mou: partial\n  governance.mou-signed-by-leaders: not_met\n  \
         governance.no-permission-for-911: not_met\n",
    );
    let markdown = tool()
        .args(["report", "--format", "markdown"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        text.contains("Bring the existing agreement up to date"),
        "{text}"
    );
    assert!(!text.contains("Draft an MOU with the law enforcement agency"));
    assert!(text.contains("Route the MOU for signature"));
    assert!(text.contains("governance.written-mou · Guidance"));
    assert!(text.contains("governance.no-permission-for-911 · Statute"));
    assert!(text.contains("not an official DPI or DOJ instrument"));
    // Wide enough that no table cell wraps.
    let table = tool()
        .env("COLUMNS", "400")
        .arg("report")
        .arg(&path)
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("governance.written-mou · Guidance"),
        "{table}"
    );
    assert!(table.contains("Bring the existing agreement"), "{table}");
}

/// Replies in order: the first option starting with each one.
struct Replies(Vec<&'static str>);

impl Prompter for Replies {
    fn say(&mut self, _text: &str) {}
    fn choose(&mut self, _prompt: &str, options: &[String], _default: usize) -> Option<usize> {
        let reply = (!self.0.is_empty()).then(|| self.0.remove(0))?;
        options.iter().position(|o| o.starts_with(reply))
    }
    fn text(&mut self, _prompt: &str, _initial: &str) -> Option<String> {
        None
    }
}

#[test]
fn the_questionnaire_saves_a_merged_item_under_its_new_id_and_drops_the_old_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    fs::copy(crate::common::repo_path(LAST_YEAR), &path).unwrap();
    let selection = Selection {
        all: true,
        section: Some("records".into()),
        flagged: false,
    };
    // Keep the first item, raise the merged school-official item to partial, then stop.
    let mut replies = Replies(vec!["met", "no", "partial", "no", "save and quit"]);
    answer::run(&path, &selection, &mut replies).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  records.school-official-conditions: partial\n"),
        "{text}"
    );
    assert!(!text.contains("records.direct-control-in-mou"));
    assert!(!text.contains("records.use-and-redisclosure-limits"));
    // Read back, the saved answer stands: the lower old status no longer outweighs it.
    let output = tool()
        .args(["report", "--format", "csv"])
        .arg(&path)
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&output.stdout);
    let row = csv
        .lines()
        .find(|l| l.contains(",records.school-official-conditions,"))
        .unwrap();
    assert!(row.contains(",partial,"), "{row}");
}
