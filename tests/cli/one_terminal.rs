//! Terminal options are decided in one place for every command: a piped, exported COLUMNS
//! is the width of report, compare, summary and checklist show alike, as --width is; and
//! errors read as sentences.

use crate::common::tool;

fn stdout_of(args: &[&str], columns: Option<&str>) -> String {
    let mut command = tool();
    command.args(args);
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

const TABLE_COMMANDS: [&[&str]; 4] = [
    &["report", "examples/existing-program.yaml"],
    &[
        "compare",
        "examples/option-a-contract-sro.yaml",
        "examples/option-b-mental-health.yaml",
    ],
    &[
        "compare",
        "examples/year-2025.yaml",
        "examples/year-2026.yaml",
    ],
    &["summary", "examples"],
];

#[test]
fn a_piped_columns_is_the_width_of_every_table_command() {
    for args in TABLE_COMMANDS {
        let piped = stdout_of(args, Some("60"));
        let asked = stdout_of(&[args, &["--width", "60"][..]].concat(), None);
        assert_eq!(piped, asked, "{args:?}: COLUMNS=60 must act as --width 60");
        assert_ne!(
            piped,
            stdout_of(args, None),
            "{args:?}: COLUMNS=60 was ignored"
        );
    }
}

#[test]
fn width_overrides_columns() {
    for args in TABLE_COMMANDS {
        let both = stdout_of(&[args, &["--width", "60"][..]].concat(), Some("120"));
        assert_eq!(both, stdout_of(args, Some("60")), "{args:?}");
    }
}

#[test]
fn a_piped_columns_wraps_the_checklist_listing() {
    let narrow = stdout_of(&["checklist", "show"], Some("60"));
    let longest = narrow
        .lines()
        // A URL is never broken: it would stop working when copied.
        .filter(|l| !l.contains("://"))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(
        longest <= 60,
        "a line of {longest} columns under COLUMNS=60"
    );
    let unwrapped = stdout_of(&["checklist", "show"], None);
    assert!(unwrapped.lines().any(|l| l.chars().count() > 60));
    // A word longer than the line (a URL) is broken rather than overflow it.
    // Heading underlines and table rules are as long as the width, so they are left out.
    let letters = |text: &str| {
        text.lines()
            .filter(|l| !l.chars().all(|c| matches!(c, '=' | '-' | '+')))
            .flat_map(str::split_whitespace)
            .filter(|w| *w != "|")
            .collect::<String>()
            .replace('|', "")
    };
    assert_eq!(
        letters(&narrow),
        letters(&unwrapped),
        "wrapping keeps every character"
    );
}

fn refusal(args: &[&str]) -> String {
    let output = tool().args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn an_unknown_output_name_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.odt");
    let message = refusal(&[
        "report",
        "examples/existing-program.yaml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        message.contains("report.odt: cannot tell the format from the file name")
            && message.contains("pass --format"),
        "{message}"
    );
    assert!(!message.contains("cannot render"), "{message}");
}

#[test]
fn import_of_a_file_that_is_no_spreadsheet_is_refused() {
    let message = refusal(&["import", "README.md"]);
    assert_eq!(
        message.trim(),
        "error: README.md: not a spreadsheet; import reads .xlsx, .ods, .xls and .csv files"
    );
}

#[test]
fn an_error_printed_as_found_is_not_printed_again() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "checklist: wi-sro-best-practices\nanswers: [\n").unwrap();
    let message = refusal(&["validate", bad.to_str().unwrap()]);
    let name = bad.display().to_string();
    assert_eq!(
        message.matches(&format!("{name}: 1 error found")).count(),
        1,
        "{message}"
    );
    assert!(!message.contains("has errors (listed above)"), "{message}");
}
