//! What is not answered or not in scope is never a gap, and cost is compared the way budgets
//! are: each reproduction a board member, a planning committee or a state analyst met, run
//! through the binary in every medium (terminal table, Markdown, HTML, CSV, JSON, PDF).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::tool;
use crate::pdf_read;

/// Runs the tool, which must succeed; returns standard output.
fn run(args: &[&str]) -> String {
    let output = tool().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text with line breaks, table rules and runs of spaces collapsed, so a wrapped sentence
/// reads whole whatever the medium.
fn collapse(text: &str) -> String {
    text.replace(['|', '*', '>'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run(&args)).unwrap()
}

/// The same output in every medium that prints text, each collapsed: table, Markdown, HTML
/// (tags removed), PDF (read back in-process).
fn every_medium(dir: &Path, args: &[&str]) -> Vec<(&'static str, String)> {
    let mut texts = Vec::new();
    let with = |format: &str| {
        let mut a = args.to_vec();
        a.extend(["--format", format, "--width", "100"]);
        run(&a)
    };
    texts.push(("table", collapse(&with("table"))));
    texts.push(("markdown", collapse(&with("markdown"))));
    let html = with("html");
    texts.push(("html", collapse(&strip_tags(&html))));
    let pdf = dir.join("out.pdf");
    let mut a = args.to_vec();
    let pdf_name = pdf.display().to_string();
    a.extend(["-o", &pdf_name]);
    run(&a);
    texts.push(("pdf", collapse(&pdf_read::read(&pdf).text())));
    texts
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&ldquo;", "\u{201c}")
        .replace("&rdquo;", "\u{201d}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn assert_in_every(texts: &[(&str, String)], needle: &str) {
    for (medium, text) in texts {
        assert!(text.contains(needle), "{medium} lacks {needle:?}:\n{text}");
    }
}

fn assert_in_none(texts: &[(&str, String)], needle: &str) {
    for (medium, text) in texts {
        assert!(!text.contains(needle), "{medium} has {needle:?}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Every item of the bundled existing-program profile, each `met` unless `overrides` says
/// otherwise (`None`: left unanswered), as the answers section of a file.
fn answers_block(overrides: &[(&str, Option<&str>)]) -> String {
    let listing = json(&[
        "checklist",
        "show",
        "wi-sro-best-practices",
        "--profile",
        "existing-program",
    ]);
    let mut text = String::from("answers:\n");
    for section in listing["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            match overrides.iter().find(|(o, _)| *o == id) {
                Some((_, None)) => {}
                Some((_, Some(status))) => text.push_str(&format!("  {id}: {status}\n")),
                None => text.push_str(&format!("  {id}: met\n")),
            }
        }
    }
    text
}

fn header(district: &str, label: &str, date: &str, extra: &str) -> String {
    format!(
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: {district}\n\
         label: \"{label}\"\ndate: {date}\n{extra}"
    )
}

#[test]
fn ten_districts_that_all_left_one_item_unanswered_do_not_call_it_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("districts");
    std::fs::create_dir(&folder).unwrap();
    for n in 0..10 {
        // Every district leaves the blueprints item unanswered; three answer another item
        // partly in place: that one, not the unanswered one, is the most common gap.
        let partial = if n < 3 { Some("partial") } else { Some("met") };
        let body = answers_block(&[
            ("governance.blueprints-shared", None),
            ("roles.relationship-time", partial),
        ]);
        let text = header(&format!("Example District {n}"), "2026", "2026-03-15", "") + &body;
        write(&folder, &format!("d{n}.yaml"), &text);
    }
    let folder = folder.display().to_string();
    let summary = json(&["summary", &folder]);
    let gaps = summary["common_gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .all(|g| g["id"] != "governance.blueprints-shared"),
        "{gaps:?}"
    );
    assert_eq!(gaps[0]["id"], "roles.relationship-time");
    assert_eq!(gaps[0]["districts"], 3);
    assert_eq!(gaps[0]["answered"], 10);
    let unanswered = &summary["most_unanswered"][0];
    assert_eq!(unanswered["id"], "governance.blueprints-shared");
    assert_eq!(unanswered["districts"], 10);
    // The sections are averaged over answered items: every answered governance item is in
    // place, so the unanswered one does not pull governance down.
    let governance = summary["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "governance")
        .unwrap();
    assert_eq!(governance["average"].as_f64(), Some(100.0));
    assert_eq!(governance["districts"], 10);

    let texts = every_medium(dir.path(), &["summary", &folder]);
    assert_in_every(&texts, "Most common gap: The SRO has planned time");
    assert_in_every(&texts, "Most often unanswered");
    assert_in_every(&texts, "on average over 10 districts");
    assert_in_every(
        &texts,
        "Statutory duties, across the latest assessments of 10 districts",
    );
    // The unanswered item is listed as unanswered, never with a gap's share.
    assert_in_none(&texts, "a gap in 10 of");
    let csv = run(&["summary", &folder, "--format", "csv"]);
    assert!(
        csv.contains("unanswered_item,,,,,,,governance.blueprints-shared,"),
        "{csv}"
    );
}

/// Three options of one district: a free one, a dominated one and one that buys more.
fn costed_options(dir: &Path) -> Vec<String> {
    let option = |label: &str, option: &str, overrides: &[(&str, Option<&str>)]| {
        let text = header("Example Area School District", label, "2026-02-10", option)
            + &answers_block(overrides);
        write(dir, &format!("{}.yaml", label.replace(' ', "-")), &text)
            .display()
            .to_string()
    };
    let few = [
        ("roles.relationship-time", Some("not_met")),
        ("training.de-escalation", Some("not_met")),
        ("equity.disaggregated-data", Some("not_met")),
    ];
    let fewer = [
        ("roles.relationship-time", Some("not_met")),
        ("training.de-escalation", Some("not_met")),
        ("equity.disaggregated-data", Some("not_met")),
        ("engagement.complaint-process", Some("not_met")),
    ];
    vec![
        option("Option Free", "option:\n  annual_cost: 0\n", &few),
        option(
            "Option Dear",
            "option:\n  annual_cost: 50000\n  one_time_cost: 10000\n  years: 5\n",
            &fewer,
        ),
        option("Option Best", "option:\n  annual_cost: 90000\n", &[]),
        option("Option Unpriced", "", &few),
    ]
}

#[test]
fn costs_are_compared_by_increment_never_divided_by_a_percentage() {
    let dir = tempfile::tempdir().unwrap();
    let files = costed_options(dir.path());
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let c = json(&args);
    let cost = &c["cost"];
    let labels: Vec<&str> = cost["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Option Free", "Option Dear", "Option Best"]);
    assert_eq!(cost["options"][0]["annual_cost"].as_f64(), Some(0.0));
    assert_eq!(cost["options"][1]["dominated_by"], "Option Free");
    assert_eq!(
        cost["options"][1]["cost_per_year_over_years"].as_f64(),
        Some(52000.0)
    );
    let best = &cost["options"][2]["increment"];
    assert_eq!(best["over"], "Option Free");
    assert_eq!(best["extra_annual_cost"].as_f64(), Some(90000.0));
    assert!(best["extra_in_place"].as_i64().unwrap() >= 3, "{best}");
    assert_eq!(cost["no_cost"][0], "Option Unpriced");
    assert!(c["columns"][0].get("cost_per_point").is_none());

    let texts = every_medium(dir.path(), &args);
    assert_in_every(&texts, "\u{201c}Option Dear\u{201d} is dominated");
    assert_in_every(
        &texts,
        "\u{201c}Option Best\u{201d} costs $90,000 a year more than \u{201c}Option Free\u{201d}",
    );
    assert_in_every(
        &texts,
        "\u{201c}Option Unpriced\u{201d} gives no annual cost",
    );
    assert_in_every(&texts, "$52,000 a year over the first 5 years");
    assert_in_none(&texts, "per point");
    assert_in_none(&texts, "Option Unpriced\u{201d} ($0");
    let csv = run(&[&args[..], &["--format", "csv"]].concat());
    assert!(csv.contains("figure,dominated_by,"), "{csv}");
    assert!(!csv.contains("cost_per_point"));
}

#[test]
fn options_within_the_margin_are_about_the_same_and_unrated_ones_are_not_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let one = header(
        "Example Area School District",
        "Option One",
        "2026-02-10",
        "",
    ) + &answers_block(&[("roles.relationship-time", Some("partial"))]);
    let two = header(
        "Example Area School District",
        "Option Two",
        "2026-02-10",
        "",
    ) + &answers_block(&[("training.de-escalation", Some("partial"))]);
    let thin = header(
        "Example Area School District",
        "Option Thin",
        "2026-02-10",
        "",
    ) + "answers:\n  governance.written-mou: met\n";
    let files: Vec<String> = [("one", one), ("two", two), ("thin", thin)]
        .iter()
        .map(|(name, text)| {
            write(dir.path(), &format!("{name}.yaml"), text)
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let c = json(&args);
    assert_eq!(c["standing"]["verdict"], "about_the_same");
    assert_eq!(c["columns"][0]["rank"], c["columns"][1]["rank"]);
    assert!(c["columns"][2]["rank"].is_null());
    assert_eq!(c["standing"]["not_ranked"][0], "Option Thin");
    let texts = every_medium(dir.path(), &args);
    assert_in_every(&texts, "The options are about the same on the");
    assert_in_every(
        &texts,
        "Not ranked, for too few practices answered: \u{201c}Option Thin\u{201d}",
    );
    assert_in_none(&texts, "(1st)");
}

#[test]
fn an_out_of_scope_critical_item_is_not_left_open_by_the_option_it_does_not_apply_to() {
    let c = json(&[
        "compare",
        "examples/option-a-contract-sro.yaml",
        "examples/option-b-mental-health.yaml",
    ]);
    let b = &c["columns"][1]["critical_closing"];
    assert_eq!(b["apply"], 1);
    assert_eq!(b["closed"], 0);
    assert_eq!(
        b["not_applying"][0]["id"],
        "records.school-official-conditions"
    );
    assert_eq!(b["not_applying"][0]["state"], "not_in_scope");
    let dir = tempfile::tempdir().unwrap();
    let texts = every_medium(
        dir.path(),
        &[
            "compare",
            "examples/option-a-contract-sro.yaml",
            "examples/option-b-mental-health.yaml",
        ],
    );
    assert_in_every(&texts, "closes 0 of 1 that applies; does not apply:");
    assert_in_every(&texts, "(outside its profile)");
    assert_in_none(&texts, "closes 0 of 2");
}

#[test]
fn a_section_nobody_answered_is_not_rated_never_drawn_as_zero() {
    let dir = tempfile::tempdir().unwrap();
    let listing = json(&[
        "checklist",
        "show",
        "wi-sro-best-practices",
        "--profile",
        "existing-program",
    ]);
    let training: Vec<(String, Option<&str>)> = listing["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "training")
        .unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), None))
        .collect();
    let overrides: Vec<(&str, Option<&str>)> =
        training.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    let text = header("Example Area School District", "2026", "2026-03-15", "")
        + &answers_block(&overrides);
    let file = write(dir.path(), "a.yaml", &text).display().to_string();
    let report = json(&["report", &file]);
    let section = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "training")
        .unwrap();
    assert_eq!(section["rated"], false);
    assert_eq!(section["coverage"]["answered"], 0);
    let texts = every_medium(dir.path(), &["report", &file]);
    let items = training.len();
    assert_in_every(&texts, &format!("not rated (0 of {items} answered)"));
    assert_in_none(&texts, "0.0% (0 / ");
}

#[test]
fn an_action_due_before_the_assessment_is_marked_overdue_and_validate_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let body = answers_block(&[("roles.relationship-time", None)]).replace(
        "answers:\n",
        "answers:\n  roles.relationship-time:\n    status: partial\n    owner: Principal\n    \
         due: 2025-06-30\n",
    );
    let text = header("Example Area School District", "2026", "2026-03-15", "") + &body;
    let file = write(dir.path(), "a.yaml", &text).display().to_string();
    let validate = run(&["validate", &file]);
    assert!(validate.contains("overdue actions (1)"), "{validate}");
    assert!(
        validate.contains("roles.relationship-time")
            && validate.contains("overdue since 2025-06-30"),
        "{validate}"
    );
    let report = json(&["report", &file]);
    let item = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "roles.relationship-time")
        .unwrap();
    assert_eq!(item["overdue_since"], "2025-06-30");
    let texts = every_medium(dir.path(), &["report", &file]);
    assert_in_every(&texts, "OVERDUE since 2025-06-30");
    assert_in_every(&texts, "overdue since June 30, 2025 (owner: Principal)");
}

#[test]
fn last_years_dated_actions_are_followed_into_this_year() {
    let c = json(&[
        "compare",
        "examples/year-2025.yaml",
        "examples/year-2026.yaml",
    ]);
    let actions = &c["trend"]["steps"][0]["actions"];
    assert_eq!(actions["dated"], 5);
    let done = actions["done"].as_array().unwrap().len();
    let overdue = actions["overdue"].as_array().unwrap();
    assert!(overdue.iter().all(|a| a["owner"].is_string()));
    let closed = &c["trend"]["steps"][0]["critical_closed"];
    assert!(!closed.as_array().unwrap().is_empty());
    let dir = tempfile::tempdir().unwrap();
    let texts = every_medium(
        dir.path(),
        &[
            "compare",
            "examples/year-2025.yaml",
            "examples/year-2026.yaml",
        ],
    );
    assert_in_every(
        &texts,
        &format!("{done} of the 5 dated actions of \u{201c}2025\u{201d} are done"),
    );
    assert_in_every(&texts, "Closed in \u{201c}2026\u{201d}");
    assert_in_every(&texts, "Critical gaps closed");
    assert_in_none(&texts, "Regressed");
    assert_in_none(&texts, "regressed");
}

#[test]
fn every_first_page_states_the_statutory_duties_apart() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["report", "examples/existing-program.yaml"],
        vec![
            "compare",
            "examples/option-a-contract-sro.yaml",
            "examples/option-b-mental-health.yaml",
        ],
        vec!["summary", "examples"],
    ] {
        let texts = every_medium(dir.path(), &args);
        assert_in_every(&texts, "Statutory duties");
        assert_in_every(&texts, " in place");
    }
    let report = json(&["report", "examples/existing-program.yaml"]);
    let statute = &report["by_basis"][0];
    assert_eq!(statute["basis"], "statute");
    let scored = statute["items"].as_u64().unwrap() - statute["not_applicable"].as_u64().unwrap();
    let texts = every_medium(dir.path(), &["report", "examples/existing-program.yaml"]);
    assert_in_every(
        &texts,
        &format!(
            "Statutory duties: {} of {scored} in place",
            statute["in_place"]
        ),
    );
    assert_in_every(&texts, "Score by basis");
}

#[test]
fn a_note_on_an_unanswered_item_reaches_the_report_and_init_from_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let note = "The clause exists but its text was not visible to the committee";
    let body = answers_block(&[("governance.blueprints-shared", None)]).replace(
        "answers:\n",
        &format!("answers:\n  governance.blueprints-shared:\n    note: {note}\n"),
    );
    let text = header("Example Area School District", "2026", "2026-03-15", "") + &body;
    let file = write(dir.path(), "a.yaml", &text).display().to_string();
    let report = json(&["report", &file]);
    assert_eq!(
        report["coverage"]["answered"].as_u64(),
        report["coverage"]["items"].as_u64().map(|n| n - 1)
    );
    let texts = every_medium(dir.path(), &["report", &file]);
    assert_in_every(&texts, note);
    let next = dir.path().join("next.yaml").display().to_string();
    run(&[
        "init",
        "--from",
        &file,
        "--district",
        "Example Area School District",
        "-o",
        &next,
    ]);
    let carried = std::fs::read_to_string(&next).unwrap();
    assert!(
        carried.contains(&format!(
            "  governance.blueprints-shared:\n    note: {note}\n"
        )),
        "{carried}"
    );
    // Carried as written: no status to re-check, so no `carried_from` mark and no draft.
    let block = carried
        .split("  governance.blueprints-shared:\n")
        .nth(1)
        .unwrap();
    assert!(
        !block.lines().take(2).any(|l| l.contains("carried_from")),
        "{block}"
    );
}
