//! `consensus` as a committee chair runs it: four members' files with known disagreements, in
//! every medium, and the errors when a file does not belong.

use std::path::Path;

use predicates::prelude::*;

use crate::common::{run_ok, tool};
use crate::external;

const MEMBERS: [&str; 4] = [
    "tests/fixtures/committee/principal.yaml",
    "tests/fixtures/committee/officer.yaml",
    "tests/fixtures/committee/parent.yaml",
    "tests/fixtures/committee/student.yaml",
];

/// The flagged items in agenda order: critical first, then high, then medium.
const AGENDA: [&str; 4] = [
    "roles.no-school-discipline",
    "records.school-official-conditions",
    "records.leu-designation",
    "governance.mou-public",
];

const SECRET: &str = "Student J.D.";

fn consensus(extra: &[&str]) -> String {
    let mut args = vec!["consensus"];
    args.extend(MEMBERS);
    args.extend(extra);
    run_ok(&args)
}

/// Where each id first appears in `text`, which must hold them all.
fn positions(text: &str, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .map(|id| {
            text.find(id)
                .unwrap_or_else(|| panic!("{id} missing:\n{text}"))
        })
        .collect()
}

fn assert_agenda(text: &str, medium: &str) {
    let at = positions(text, &AGENDA);
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{medium}: agenda order {at:?}"
    );
    for expected in [
        "For discussion (4)",
        "No discussion needed (2)",
        "Proposed: Partly in place.",
        "Proposed: Not applicable.",
        "16.7%",
        "No such clause in the MOU we were shown",
        "How each group sees the program",
        "law enforcement",
    ] {
        assert!(text.contains(expected), "{medium}: {expected} missing");
    }
    assert!(
        !text.contains(SECRET),
        "{medium}: an internal note reached a public agenda"
    );
}

#[test]
fn the_agenda_lists_the_flagged_items_critical_first_in_every_text_medium() {
    assert_agenda(&consensus(&["-f", "table", "--width", "200"]), "table");
    assert_agenda(&consensus(&["-f", "markdown"]), "markdown");
    let html = consensus(&["-f", "html"]);
    assert_agenda(&html.replace("&#39;", "'"), "html");
}

#[test]
fn the_agenda_pdf_says_the_same_to_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("agenda.pdf");
    consensus(&["-o", out.to_str().unwrap()]);
    for (reader, text) in crate::pdf_read::texts(&out) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Consensus agenda"), "{reader}");
        assert!(flat.contains("For discussion (4)"), "{reader}");
        assert!(flat.contains("Proposed: Partly in place."), "{reader}");
        assert!(
            !flat.contains(SECRET),
            "{reader}: internal note in a public PDF"
        );
    }
    external::qpdf_check(&out);
}

#[test]
fn the_json_holds_raters_agreement_and_each_members_rating_by_name() {
    let json: serde_json::Value = serde_json::from_str(&consensus(&["-f", "json"])).unwrap();
    assert_eq!(json["format"], "sro-assess/consensus");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["confidential"], false);
    let raters: Vec<&str> = json["raters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        raters,
        ["Principal", "School resource officer", "Parent", "Student"]
    );
    assert_eq!(json["raters"][0]["file"], MEMBERS[0]);
    assert_eq!(json["raters"][0]["group"], "district staff");
    assert_eq!(json["agreement"]["percent_agreement"], 16.7);
    assert!(json["agreement"]["krippendorff_alpha_ordinal"].is_number());
    let items = json["items"].as_array().unwrap();
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    let discipline = item("roles.no-school-discipline");
    assert_eq!(discipline["ratings"]["School resource officer"], "met");
    assert_eq!(discipline["ratings"]["Student"], "not_met");
    assert_eq!(discipline["proposed"], "partial");
    assert_eq!(discipline["flagged"], true);
    let conditions = item("records.school-official-conditions");
    assert!(conditions["ratings"]["Student"].is_null());
    assert_eq!(item("governance.written-mou")["flagged"], false);
    assert_eq!(item("records.leu-designation")["proposed"], "na");
    assert!(!json.to_string().contains(SECRET));
}

#[test]
fn internal_notes_only_on_request_and_then_the_agenda_is_confidential() {
    let markdown = consensus(&["-f", "markdown", "--include-internal-notes"]);
    assert!(markdown.contains(SECRET));
    assert!(markdown.contains("CONFIDENTIAL"));
    let json: serde_json::Value =
        serde_json::from_str(&consensus(&["-f", "json", "--include-internal-notes"])).unwrap();
    assert_eq!(json["confidential"], true);
    assert!(json.to_string().contains(SECRET));
}

#[test]
fn a_wider_threshold_flags_only_not_applicable_mixed_with_ratings() {
    let markdown = consensus(&["-f", "markdown", "--threshold", "2"]);
    assert!(markdown.contains("For discussion (1)"), "{markdown}");
    assert!(markdown.contains("records.leu-designation"));
}

/// A member's file that differs from the first in one line.
fn member_with(dir: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(MEMBERS[1])
        .unwrap()
        .replacen(from, to, 1);
    let path = dir.join("other.yaml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_member_of_another_district_or_profile_stops_the_run_naming_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "district: Example Area School District",
            "district: Lakeview Example School District",
            "`district` is `Lakeview Example School District`",
        ),
        (
            "profile: existing-program",
            "profile: considering-sro",
            "`profile` is `considering-sro`",
        ),
    ];
    for (from, to, said) in cases {
        let other = member_with(dir.path(), from, to);
        tool()
            .args(["consensus", MEMBERS[0], &other])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{other}: error: this member's {said}"
            )))
            .stderr(predicate::str::contains(MEMBERS[0]))
            .stderr(predicate::str::contains("hint:"));
    }
}

#[test]
fn a_member_without_a_rater_is_named_by_the_file_and_two_of_one_group_are_one_group() {
    let dir = tempfile::tempdir().unwrap();
    // A second parent who left out `rater`, and a second member of the family group.
    let unnamed = std::fs::read_to_string(MEMBERS[2])
        .unwrap()
        .replacen("rater: Parent\n", "", 1);
    let unnamed_path = dir.path().join("second-parent.yaml");
    std::fs::write(&unnamed_path, unnamed).unwrap();
    let unnamed_path = unnamed_path.display().to_string();
    let json: serde_json::Value = serde_json::from_str(&run_ok(&[
        "consensus",
        MEMBERS[0],
        MEMBERS[2],
        &unnamed_path,
        "-f",
        "json",
    ]))
    .unwrap();
    let raters = json["raters"].as_array().unwrap();
    assert_eq!(raters[2]["name"], "second-parent");
    assert_eq!(raters[2]["group"], "family");
    let markdown = run_ok(&[
        "consensus",
        MEMBERS[0],
        MEMBERS[2],
        &unnamed_path,
        "-f",
        "markdown",
    ]);
    assert!(
        markdown.contains("How each group sees the program"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| district staff | family |"),
        "{markdown}"
    );
}

#[test]
fn one_file_is_not_a_committee() {
    tool()
        .args(["consensus", MEMBERS[0]])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("MEMBER_FILE"));
}

#[test]
fn csv_is_refused_with_the_formats_that_write_an_agenda() {
    let mut args = vec!["consensus"];
    args.extend(MEMBERS);
    args.extend(["-f", "csv"]);
    tool()
        .args(&args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("csv"));
}

#[test]
fn axe_finds_no_wcag_a_or_aa_violation_in_the_agenda() {
    let runner = crate::html::axe_runner();
    let check = "axe-core in Chromium on the consensus agenda (WCAG 2.1 A and AA)";
    if !external::can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("agenda.html");
    let private = dir.path().join("agenda-confidential.html");
    consensus(&["-o", public.to_str().unwrap()]);
    consensus(&["-o", private.to_str().unwrap(), "--include-internal-notes"]);
    crate::html::assert_axe_clean(&runner, &[public, private]);
}

/// `consensus --answers-out` into `dir`, returning the consensus file.
fn consensus_file(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("consensus.yaml");
    consensus(&["-f", "json", "--answers-out", out.to_str().unwrap()]);
    out
}

#[test]
fn the_consensus_file_is_an_answers_file_whose_report_is_a_draft_until_the_meeting_settles() {
    let dir = tempfile::tempdir().unwrap();
    let file = consensus_file(dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("    unsettled: ").count(), 4, "{text}");
    assert!(text.contains("      Student: not_met"), "{text}");
    // The internal note stays an internal note, with its member's name.
    assert!(
        text.contains("internal_note: \"School resource officer: Student J.D."),
        "{text}"
    );
    let report = run_ok(&["report", file.to_str().unwrap(), "-f", "markdown"]);
    assert!(
        report.contains("DRAFT: 4 items the committee's meeting has still to settle"),
        "{report}"
    );
    assert!(report.contains("Not yet settled by the committee (ratings 2 steps apart)"));
    assert!(!report.contains(SECRET));
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", file.to_str().unwrap(), "-f", "json"])).unwrap();
    assert_eq!(json["draft"]["unsettled"], 4);
    let listed = run_ok(&["validate", file.to_str().unwrap()]);
    assert!(
        listed.contains("still to settle at the committee's meeting (4), most urgent first:\n  critical roles.no-school-discipline"),
        "{listed}"
    );
}

#[test]
fn answer_flagged_walks_only_the_unsettled_items_and_a_status_settles_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = consensus_file(dir.path());
    let selection = sro_assess::answer::Selection {
        flagged: true,
        ..Default::default()
    };
    // Settle the first flagged item as partly in place, no details, then Ctrl-C.
    let mut script = crate::answer::Script::new(&[Some("partial"), Some("no"), None]);
    sro_assess::answer::run(&file, &selection, &mut script).unwrap();
    let said = script.said_all();
    assert!(
        said.contains("governance.mou-public") || said.contains("available to families"),
        "{said}"
    );
    assert!(said.contains("Members' ratings:"), "{said}");
    assert!(
        said.contains("(4 still open)"),
        "the unsettled items are the open ones: {said}"
    );
    assert!(said.contains("School resource officer: In place"), "{said}");
    assert!(
        said.contains("not yet settled: ratings 2 steps apart"),
        "{said}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("    unsettled: ").count(), 3, "{text}");
    let public = text.split("governance.mou-public:").nth(1).unwrap();
    let entry = public.split("\n  r").next().unwrap();
    assert!(
        entry.contains("status: partial") && !entry.contains("unsettled"),
        "{entry}"
    );
    assert!(
        entry.contains("      School resource officer: met"),
        "the ratings stay: {entry}"
    );
    let report = run_ok(&["report", file.to_str().unwrap(), "-f", "markdown"]);
    assert!(report.contains("DRAFT: 3 items the committee's meeting has still to settle"));
}

#[test]
fn the_consensus_file_never_replaces_a_member_file_or_an_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    let member = dir.path().join("principal.yaml");
    std::fs::copy(MEMBERS[0], &member).unwrap();
    let before = std::fs::read(&member).unwrap();
    tool()
        .args([
            "consensus",
            member.to_str().unwrap(),
            MEMBERS[1],
            "--answers-out",
        ])
        .arg(&member)
        .arg("--force")
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&member).unwrap(), before);
    let file = consensus_file(dir.path());
    std::fs::write(&file, "# settled at the meeting\n").unwrap();
    let mut args = vec!["consensus"];
    args.extend(MEMBERS);
    tool()
        .args(&args)
        .arg("--answers-out")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# settled at the meeting\n"
    );
}

#[test]
fn the_sample_committee_sends_yaml_excel_and_calc_files_and_gets_one_agenda() {
    let json: serde_json::Value = serde_json::from_str(&run_ok(&[
        "consensus",
        "examples/committee/principal.yaml",
        "examples/committee/officer.xlsx",
        "examples/committee/parent.ods",
        "examples/committee/student.yaml",
        "-f",
        "json",
    ]))
    .unwrap();
    let groups: Vec<&str> = json["raters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        ["district staff", "law enforcement", "family", "student"]
    );
    assert_eq!(json["raters"][1]["name"], "School resource officer");
    assert!(json["agreement"]["krippendorff_alpha_ordinal"].is_number());
    assert!(
        json["groups"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["differs"] == true)
    );
    let items = json["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["flagged"] == true));
    assert!(items.iter().any(|i| i["dont_know"].as_u64() >= Some(3)));
}

#[test]
fn the_method_page_states_how_the_consensus_was_reached_and_how_far_the_meeting_got() {
    let dir = tempfile::tempdir().unwrap();
    let file = consensus_file(dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("consensus:\n  members: 4\n  groups:\n    district staff: 1\n"),
        "{text}"
    );
    // Settle the first flagged item, as the meeting would, then Ctrl-C.
    let selection = sro_assess::answer::Selection {
        flagged: true,
        ..Default::default()
    };
    let mut script = crate::answer::Script::new(&[Some("partial"), Some("no"), None]);
    sro_assess::answer::run(&file, &selection, &mut script).unwrap();
    let path = file.to_str().unwrap();
    let report = run_ok(&["report", path, "-f", "markdown"]);
    for expected in [
        "### How the consensus was reached",
        "4 committee members rated alone (1 district staff, 1 law enforcement, 1 family, 1 student).",
        "All who answered agreed on 16.7% of the items two or more answered",
        "(Krippendorff's alpha, ordinal) was 0.025, low.",
        "4 items were flagged for the meeting (ratings more than 1 step apart, or not applicable \
         beside ratings), which has settled 1; 3 remain.",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", path, "-f", "json"])).unwrap();
    let record = &json["meta"]["consensus"];
    assert_eq!(record["members"], 4, "{record}");
    assert_eq!(record["threshold"], 1);
    assert_eq!(record["percent_agreement"], 16.7);
    assert_eq!(record["krippendorff_alpha_ordinal"], 0.025);
    assert_eq!(record["flagged"], 4);
    assert_eq!(record["settled"], 1);
    assert_eq!(record["groups"][1]["group"], "law enforcement");
}

#[test]
fn a_member_file_s_report_has_no_consensus_account() {
    let report = run_ok(&["report", MEMBERS[0], "-f", "markdown"]);
    assert!(!report.contains("How the consensus was reached"));
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", MEMBERS[0], "-f", "json"])).unwrap();
    assert!(json["meta"].get("consensus").is_none());
}

#[test]
fn a_member_on_an_earlier_checklist_version_is_read_under_the_renamed_ids_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let older = std::fs::read_to_string(MEMBERS[3])
        .unwrap()
        .replace(
            "  roles.no-school-discipline:",
            "  roles.law-violations-only:",
        )
        .replace(
            "profile: existing-program",
            "checklist_version: \"2026.1\"\nprofile: existing-program",
        );
    let path = dir.path().join("student-2026-1.yaml");
    std::fs::write(&path, older).unwrap();
    let output = tool()
        .args(["consensus", MEMBERS[0], MEMBERS[1], MEMBERS[2]])
        .arg(&path)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2026.1"), "the version is named: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let discipline = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "roles.no-school-discipline")
        .unwrap();
    assert_eq!(
        discipline["ratings"]["Student"], "not_met",
        "read under its new id"
    );
}
