//! The assessment report and the checklist listing drawn by the terminal medium fit a piped
//! `COLUMNS`, and text from the answers that markup would read is drawn safely in every medium.
//! (That every medium states the same figures and items is tests/cli/every_medium.rs.)

use crate::common::{example_files, tool};

fn stdout_at(columns: u16, args: &[&str]) -> String {
    let output = tool()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn assert_fits(text: &str, columns: usize, context: &str) {
    for (n, line) in text.lines().enumerate() {
        let width = line.chars().count();
        assert!(
            width <= columns,
            "{context}: line {} is {width} columns wide: {line}",
            n + 1
        );
    }
}

#[test]
fn a_piped_report_at_sixty_columns_has_no_longer_line() {
    for example in example_files() {
        let path = example.display().to_string();
        let text = stdout_at(60, &["report", &path]);
        assert_fits(&text, 60, &path);
        assert!(
            text.to_lowercase().contains("gaps in priority order"),
            "{path}"
        );
    }
}

#[test]
fn a_piped_listing_at_sixty_columns_has_no_longer_line() {
    let text = stdout_at(60, &["checklist", "show", "wi-sro-best-practices"]);
    assert_fits(&text, 60, "checklist show");
}

#[test]
fn text_from_the_answers_that_markup_would_read_is_drawn_safely_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(crate::common::repo_path(
        "examples/existing-program.yaml",
    ))
    .unwrap()
    .replace(
        "district: Example Area School District",
        "district: \"\u{2014}\u{141}\u{f3}d\u{17a} | <script>alert(1)</script> *District*\"",
    );
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, example).unwrap();
    for format in ["table", "markdown", "html", "pdf"] {
        let out = dir.path().join(format!("report.{format}"));
        let output = tool()
            .arg("report")
            .arg(&answers)
            .args(["--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if format == "html" {
            let html = std::fs::read_to_string(&out).unwrap();
            assert!(!html.contains("<script>"), "the district is escaped");
            assert!(html.contains("&lt;script&gt;"));
        }
    }
}
