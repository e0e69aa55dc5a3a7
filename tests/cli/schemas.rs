//! The JSON Schemas in `schemas/`: each is what `--generate schema-KIND` prints today, and
//! every JSON output of the tool meets its own through a validator we did not write (Python's
//! `jsonschema`), over the examples and fixtures; the same validator rejects documents that
//! drifted (a field renamed or missing, another format, a closed object with an extra field).
//! Refresh the files with `UPDATE_SCHEMAS=1 cargo test --test cli schemas`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::{repo_path, run_ok};
use crate::external;

/// Each kind of JSON document: its name after `sro-assess/`, which names its `--generate`
/// value and its file in `schemas/`.
const KINDS: [&str; 5] = [
    "assessment",
    "comparison",
    "summary",
    "consensus",
    "checklist",
];

fn schema_path(kind: &str) -> PathBuf {
    repo_path(&format!("schemas/{kind}.schema.json"))
}

#[test]
fn the_committed_schemas_are_what_the_tool_generates() {
    let mut stale = Vec::new();
    for kind in KINDS {
        let fresh = run_ok(&["--generate", &format!("schema-{kind}")]);
        let path = schema_path(kind);
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas (run UPDATE_SCHEMAS=1 cargo test --test cli schemas): {stale:?}"
    );
    // No schema in the folder that the tool no longer writes.
    let mut files: Vec<String> = std::fs::read_dir(repo_path("schemas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = KINDS.iter().map(|k| format!("{k}.schema.json")).collect();
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn each_schema_names_its_format_and_version_and_closes_the_document() {
    for kind in KINDS {
        let schema: Value =
            serde_json::from_str(&run_ok(&["--generate", &format!("schema-{kind}")])).unwrap();
        let format = format!("sro-assess/{kind}");
        assert_eq!(schema["properties"]["format"]["const"], json!(format));
        let version = &schema["properties"]["format_version"]["const"];
        assert!(version.is_u64(), "{kind}: format_version is not a const");
        assert_eq!(
            schema["$id"],
            json!(format!("urn:sro-assess:schema:{kind}:{version}"))
        );
        assert!(schema["title"].as_str().unwrap().starts_with(&format));
        assert_eq!(schema["additionalProperties"], json!(false), "{kind}");
        for field in ["format", "format_version", "tool_version", "confidential"] {
            assert!(
                schema["required"]
                    .as_array()
                    .unwrap()
                    .contains(&json!(field)),
                "{kind}: {field} not required"
            );
        }
        // Every object the schema describes is closed: a field the tool does not write is
        // drift, not an extension.
        for (name, def) in schema["$defs"].as_object().unwrap() {
            if def["type"] == json!("object") && def.get("properties").is_some() {
                assert_eq!(
                    def["additionalProperties"],
                    json!(false),
                    "{kind}: {name} is open"
                );
            }
        }
    }
}

/// The validator: Python's `jsonschema`, checking the schema against the draft 2020-12
/// meta-schema and then each document, dates included. Prints one line per document:
/// `ok`, or every error with where it is.
const VALIDATE: &str = r#"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
for path in sys.argv[2:]:
    document = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        print("invalid: " + " | ".join(
            "/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message.replace("\n", " ")
            for e in errors))
    else:
        print("ok")
"#;

/// Whether the validator can run here; see [`external::can_run`].
fn validator_runs() -> bool {
    let check = "JSON outputs against schemas/ with Python's jsonschema";
    let installed = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = (!installed).then(|| {
        "python3 or its jsonschema module is missing: python3 -m pip install jsonschema".to_string()
    });
    external::can_run(check, missing)
}

/// What the validator says of each of `documents` against the schema of `kind`, in order.
fn validate(kind: &str, documents: &[PathBuf]) -> Vec<String> {
    let output = Command::new("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(schema_path(kind))
        .args(documents)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the validator failed on {kind}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), documents.len(), "{lines:?}");
    lines
}

/// Runs `sro-assess ARGS -f json -o DIR/NAME`, which must succeed; returns the file.
fn json_of(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    crate::common::write_with(args, &["-f", "json"], &dir.join(name))
}

fn files_in(dir: &str, extensions: &[&str]) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo_path(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        })
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {dir}");
    files
}

/// Every JSON output of every kind over the examples and fixtures, by kind.
fn every_output(dir: &Path) -> Vec<(&'static str, Vec<PathBuf>)> {
    let mut reports = Vec::new();
    let answers: Vec<String> = [
        files_in("examples", &["yaml"]),
        files_in("tests/fixtures/committee", &["yaml"]),
        files_in("tests/fixtures/carry-over", &["yaml"]),
    ]
    .concat();
    for (i, file) in answers.iter().enumerate() {
        reports.push(json_of(dir, &format!("report-{i}.json"), &["report", file]));
        // Confidential: with the internal notes the answers have.
        reports.push(json_of(
            dir,
            &format!("report-{i}-notes.json"),
            &["report", file, "--include-internal-notes"],
        ));
    }
    // A consensus file: its answers carry the members' ratings and unsettled marks.
    let committee = files_in("examples/committee", &["yaml", "xlsx", "ods"]);
    let consensus_answers = dir.join("consensus-answers.yaml");
    let consensus_answers_arg = consensus_answers.to_str().unwrap();
    let mut consensus_args: Vec<&str> = vec!["consensus"];
    consensus_args.extend(committee.iter().map(String::as_str));
    let mut with_answers = consensus_args.clone();
    with_answers.extend(["--answers-out", consensus_answers_arg]);
    let consensus = vec![
        json_of(dir, "consensus.json", &with_answers),
        json_of(
            dir,
            "consensus-notes.json",
            &[consensus_args.as_slice(), &["--include-internal-notes"]].concat(),
        ),
        json_of(
            dir,
            "consensus-fixtures.json",
            &[
                "consensus",
                "tests/fixtures/committee/principal.yaml",
                "tests/fixtures/committee/officer.yaml",
                "tests/fixtures/committee/parent.yaml",
                "tests/fixtures/committee/student.yaml",
            ],
        ),
    ];
    reports.push(json_of(
        dir,
        "report-consensus.json",
        &["report", consensus_answers_arg],
    ));
    let comparisons = vec![
        json_of(
            dir,
            "compare-options.json",
            &[
                "compare",
                "examples/option-a-contract-sro.yaml",
                "examples/option-b-mental-health.yaml",
                "examples/option-c-current-staff.yaml",
            ],
        ),
        json_of(
            dir,
            "compare-years.json",
            &[
                "compare",
                "examples/year-2025.yaml",
                "examples/year-2026.yaml",
            ],
        ),
        json_of(
            dir,
            "compare-draft.json",
            &[
                "compare",
                "examples/draft-carried-over.yaml",
                "examples/existing-program.yaml",
            ],
        ),
        json_of(
            dir,
            "compare-carry-over.json",
            &[
                "compare",
                "tests/fixtures/carry-over/answers-2026.1.yaml",
                "tests/fixtures/carry-over/answers-2026.2.yaml",
            ],
        ),
    ];
    let summaries = vec![
        json_of(dir, "summary.json", &["summary", "examples"]),
        json_of(
            dir,
            "summary-fixtures.json",
            &["summary", "examples", "tests/fixtures/committee"],
        ),
    ];
    let listings = vec![
        json_of(dir, "checklist.json", &["checklist", "show"]),
        json_of(
            dir,
            "checklist-profile.json",
            &["checklist", "show", "--profile", "existing-program"],
        ),
        json_of(
            dir,
            "checklist-local.json",
            &[
                "checklist",
                "show",
                "tests/fixtures/issue5/local-checklist.yaml",
            ],
        ),
    ];
    vec![
        ("assessment", reports),
        ("comparison", comparisons),
        ("summary", summaries),
        ("consensus", consensus),
        ("checklist", listings),
    ]
}

#[test]
fn every_json_output_meets_its_schema() {
    if !validator_runs() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (kind, documents) in every_output(dir.path()) {
        let verdicts = validate(kind, &documents);
        let failed: Vec<String> = documents
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| *v != "ok")
            .map(|(d, v)| format!("{}: {v}", d.display()))
            .collect();
        assert!(failed.is_empty(), "{kind}:\n{}", failed.join("\n"));
    }
    // The outputs took in what makes the schemas' optional parts appear, so those were checked.
    let text = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let confidential = std::fs::read_dir(dir.path()).unwrap().any(|e| {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        name.ends_with("-notes.json") && text(&name).contains("\"confidential\": true")
    });
    assert!(confidential, "no output carried internal notes");
    assert!(text("report-consensus.json").contains("\"ratings\": {"));
    assert!(text("report-consensus.json").contains("\"unsettled\": \""));
    assert!(text("checklist.json").contains("\"labels\": {"));
    assert!(text("checklist-local.json").contains("\"tailoring\""));
    assert!(text("compare-options.json").contains("\"cost\": {"));
    assert!(text("compare-years.json").contains("\"trend\": {"));
}

/// A real document of `kind` changed by `change`, written to `dir/name`.
fn drifted(dir: &Path, source: &Path, name: &str, change: impl Fn(&mut Value)) -> PathBuf {
    let mut document: Value =
        serde_json::from_str(&std::fs::read_to_string(source).unwrap()).unwrap();
    change(&mut document);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&document).unwrap()).unwrap();
    path
}

fn rename(object: &mut Value, from: &str, to: &str) {
    let map = object.as_object_mut().unwrap();
    let value = map.remove(from).unwrap();
    map.insert(to.to_string(), value);
}

#[test]
fn the_validator_rejects_a_document_that_drifted_from_its_schema() {
    if !validator_runs() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = json_of(
        d,
        "report.json",
        &["report", "examples/existing-program.yaml"],
    );
    let comparison = json_of(
        d,
        "compare.json",
        &[
            "compare",
            "examples/year-2025.yaml",
            "examples/year-2026.yaml",
        ],
    );
    type Change = fn(&mut Value);
    let report_cases: [(&str, Change, &str); 10] = [
        ("unchanged", |_| {}, "ok"),
        (
            "renamed",
            |v| rename(v, "gaps", "gap_ids"),
            "'gaps' is a required property",
        ),
        (
            "missing",
            |v| {
                v["meta"].as_object_mut().unwrap().remove("answers_hash");
            },
            "'answers_hash' is a required property",
        ),
        (
            "format",
            |v| v["format"] = json!("sro-assess/comparison"),
            "was expected",
        ),
        (
            "version",
            |v| v["format_version"] = json!(99),
            "was expected",
        ),
        (
            "extra",
            |v| v["items"][0]["score"] = json!(1),
            "Additional properties are not allowed",
        ),
        (
            "enum",
            |v| v["items"][0]["priority"] = json!("urgent"),
            "'urgent' is not",
        ),
        (
            "type",
            |v| v["coverage"]["answered"] = json!("12"),
            "is not of type 'integer'",
        ),
        (
            // A field left out when it has no value is never written as null.
            "null",
            |v| v["meta"]["district_id"] = json!(null),
            "None is not of type 'string'",
        ),
        (
            "date",
            |v| v["meta"]["date"] = json!("03/15/2026"),
            "'03/15/2026'",
        ),
    ];
    let files: Vec<PathBuf> = report_cases
        .iter()
        .map(|(name, change, _)| drifted(d, &report, &format!("{name}.json"), change))
        .collect();
    for ((name, _, expected), verdict) in report_cases.iter().zip(validate("assessment", &files)) {
        let as_expected = if *expected == "ok" {
            verdict == "ok"
        } else {
            verdict.starts_with("invalid") && verdict.contains(expected)
        };
        assert!(as_expected, "{name}: {verdict}");
    }
    // Another kind's document fails this kind's schema, and a closed nested object of a
    // comparison rejects a field it does not have.
    let other = validate("comparison", std::slice::from_ref(&report));
    assert!(other[0].starts_with("invalid"), "{other:?}");
    let extra = drifted(d, &comparison, "compare-extra.json", |v| {
        v["columns"][0]["overall"]["median"] = json!(50.0);
    });
    let verdicts = validate("comparison", &[comparison.clone(), extra]);
    assert_eq!(verdicts[0], "ok");
    assert!(
        verdicts[1].contains("Additional properties are not allowed"),
        "{verdicts:?}"
    );
}
