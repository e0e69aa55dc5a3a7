//! The comparison and summary PDFs, read back in-process (lopdf) and, when they are installed, by
//! qpdf and poppler; the figures are checked against the library's own comparison.

use std::fs;
use std::path::{Path, PathBuf};

use sro_assess::compare::{self, Comparison, synthetic::synthetic_answers};
use sro_assess::load::{self, AnswersFile};
use sro_assess::report::pdf::encode::Encoder;
use sro_assess::report::{self, Format, RenderOptions, view};
use sro_assess::score::{self, Assessment};

use crate::common::tool;
use crate::external;
use crate::pdf_read::{self, page_count, texts};

const OPTION_A: &str = "examples/option-a-contract-sro.yaml";
const OPTION_B: &str = "examples/option-b-mental-health.yaml";
const YEAR_2025: &str = "examples/year-2025.yaml";
const YEAR_2026: &str = "examples/year-2026.yaml";

/// Runs the binary with `args`, expecting success; returns stderr.
fn run_ok(args: &[&str], extra: &[&Path]) -> String {
    let output = tool().args(args).args(extra).output().expect("runs");
    assert!(
        output.status.success(),
        "sro-assess {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The PDF passes qpdf's check (when qpdf is installed); `check` runs on its text from each
/// reader at hand, whitespace collapsed (wrapping moves line breaks, never words).
fn check_text(file: &Path, check: impl Fn(&str, &str)) {
    external::qpdf_check(file);
    for (reader, text) in texts(file) {
        check(reader, &collapse(&text));
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the PDF prints for `text`: the built-in font's replacements applied.
fn printed(text: &str) -> String {
    collapse(&Encoder::default().clean(text))
}

fn assess(path: &Path) -> (Assessment, sro_assess::model::Checklist) {
    let path = crate::common::repo_path(&path.display().to_string());
    let file = AnswersFile::read(&path).expect("answers read");
    let loaded = file.checklist(None).expect("checklist loads");
    let (answers, _) = file.validate(&loaded.checklist).expect("answers valid");
    (
        score::score(&loaded.checklist, &answers, &file.hash),
        loaded.checklist,
    )
}

/// The comparison the binary makes of `files`, made again through the library.
fn comparison(files: &[&str]) -> Comparison {
    let scored: Vec<_> = files.iter().map(|f| assess(Path::new(f))).collect();
    let assessments: Vec<Assessment> = scored.iter().map(|(a, _)| a.clone()).collect();
    compare::compare(&scored[0].1, &assessments)
}

/// Every figure a board member looks for: each column, its overall score, the weight check
/// (options only: years are not ranked), and each answers file in the method section.
fn assert_says_what_the_comparison_says(text: &str, c: &Comparison, name: &str) {
    for column in &c.columns {
        assert!(
            text.contains(&printed(&column.label)),
            "{name}: label {}",
            column.label
        );
        let overall = view::percent(column.overall.percent);
        assert!(text.contains(&overall), "{name}: overall {overall}");
        assert!(
            text.contains(&column.answers_hash),
            "{name}: answers hash {}",
            column.answers_hash
        );
    }
    if c.kind == compare::ComparisonKind::Options {
        let statement = printed(&c.weight_check.statement);
        assert!(text.contains(&statement), "{name}: {statement}");
    }
    for gap in &c.gaps_everywhere {
        assert!(text.contains(&printed(&gap.title)), "{name}: {}", gap.title);
    }
}

#[test]
fn comparison_of_options_is_valid_and_says_what_the_comparison_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("options.pdf");
    let stderr = run_ok(&["compare", OPTION_A, OPTION_B, "-o"], &[&out]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let c = comparison(&[OPTION_A, OPTION_B]);
    check_text(&out, |reader, text| {
        assert_says_what_the_comparison_says(text, &c, reader);
        assert!(text.contains("Comparison of options"), "{reader}");
        assert!(
            text.contains("not in scope"),
            "{reader}: sections outside a profile"
        );
        assert!(
            text.contains("scored on different profiles"),
            "{reader}: the scope note"
        );
        assert!(text.contains("Page 1 of"), "{reader}");
    });
    let drawn = report::render(
        report::Subject::Comparison(&c),
        Format::Pdf,
        &RenderOptions::default(),
    )
    .unwrap();
    assert!(page_count(&out) > 1);
    assert!(
        fs::read(&out).unwrap() == drawn.bytes,
        "the binary writes the one document the library draws"
    );
}

#[test]
fn comparison_of_years_shows_the_trend_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("years.pdf");
    // Given newest first: the trend still runs oldest to newest.
    let stderr = run_ok(
        &["compare", YEAR_2026, YEAR_2025, "--format", "pdf", "-o"],
        &[&out],
    );
    assert!(
        !stderr.contains("warning"),
        "no replaced characters: {stderr}"
    );
    let c = comparison(&[YEAR_2026, YEAR_2025]);
    let step = view_step(&c);
    check_text(&out, |reader, text| {
        assert_says_what_the_comparison_says(text, &c, reader);
        assert!(text.contains("Progress over time"), "{reader}");
        assert!(text.contains(&step), "{reader}: trend headline {step}");
        assert!(
            text.contains("Improved ("),
            "{reader}: item lists of the trend"
        );
        // The last of each: the contents list names both first.
        let trend = text.rfind("What changed").expect("a trend chapter");
        let figures = text.rfind("Side by side").expect("the figures");
        assert!(
            trend < figures,
            "{reader}: the trend comes before the figures"
        );
        assert!(
            !text.contains("Weight check"),
            "{reader}: years are not ranked"
        );
    });
}

/// The trend headline as the PDF words it.
fn view_step(c: &Comparison) -> String {
    let step = sro_assess::report::view::comparison::whole_trend(c).expect("a trend");
    format!(
        "{} to {}: {} to {}",
        step.from,
        step.to,
        view::percent(step.overall.from),
        view::percent(step.overall.to)
    )
}

#[test]
fn summary_names_every_district_and_the_average() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.pdf");
    run_ok(&["summary", "examples", "-o"], &[&out]);
    let examples: Vec<_> = crate::common::example_files()
        .into_iter()
        .map(|example| (assess(&example).0, example))
        .collect();
    check_text(&out, |reader, text| {
        for (a, example) in &examples {
            assert!(
                text.contains(&printed(&a.meta.district)),
                "{reader}: district {}",
                a.meta.district
            );
            assert!(
                text.contains(&a.meta.answers_hash),
                "{reader}: hash of {example:?}"
            );
            assert!(text.contains(&view::percent(a.overall.percent)), "{reader}");
        }
        for heading in [
            "Summary of districts",
            "Most common gaps",
            "Average per section",
        ] {
            assert!(text.contains(heading), "{reader}: {heading}");
        }
    });
}

#[test]
fn two_runs_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [&[&str]; 2] = [&["compare", OPTION_A, OPTION_B], &["summary", "examples"]];
    for args in runs {
        let first = dir.path().join("first.pdf");
        let second = dir.path().join("second.pdf");
        for out in [&first, &second] {
            run_ok(&[args, &["--format", "pdf", "-o"]].concat(), &[out]);
        }
        assert!(
            fs::read(&first).unwrap() == fs::read(&second).unwrap(),
            "{args:?}: the two PDFs differ"
        );
    }
}

/// Runs the binary with standard output (and standard error) on a pseudo-terminal made by
/// util-linux's `script`; returns whether it succeeded and everything the terminal showed.
fn run_on_terminal(args: &[&str]) -> (Result<(), String>, Vec<u8>) {
    let binary = assert_cmd::cargo::cargo_bin("sro-assess");
    let command = std::iter::once(binary.display().to_string())
        .chain(args[1..].iter().map(|a| (*a).to_string()))
        .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(crate::common::root())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    let result = if output.status.success() {
        Ok(())
    } else {
        Err(shown.clone())
    };
    (result, output.stdout)
}

#[test]
fn pdf_to_a_terminal_is_refused_before_reading_any_file() {
    let missing = (!crate::external::installed("script"))
        .then(|| "script is not installed: apt-get install util-linux".to_string());
    if !crate::external::can_run("a pseudo-terminal through util-linux's script", missing) {
        return;
    }
    // A missing file shows the refusal comes first; the binary exits 2 on any error.
    for args in [
        &[
            "sro-assess",
            "compare",
            "missing-a.yaml",
            "missing-b.yaml",
            "--format",
            "pdf",
        ][..],
        &["sro-assess", "summary", "missing-folder", "--format", "pdf"][..],
        &["sro-assess", "report", "missing.yaml", "--format", "pdf"][..],
        &["sro-assess", "checklist", "show", "--format", "pdf"][..],
        &[
            "sro-assess",
            "compare",
            OPTION_A,
            OPTION_B,
            "-f",
            "pdf",
            "-o",
            "-",
        ][..],
    ] {
        let (result, stdout) = run_on_terminal(args);
        let message = result.expect_err("refused");
        assert!(
            message.contains("cannot be shown in the terminal") && message.contains("-o"),
            "{args:?}: {message}"
        );
        assert!(
            !stdout.windows(5).any(|w| w == b"%PDF-"),
            "{args:?}: no PDF bytes on the terminal"
        );
    }
}

#[test]
fn pdf_to_a_pipe_is_written() {
    let output = tool()
        .args(["compare", OPTION_A, OPTION_B, "--format", "pdf"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"%PDF-"), "PDF bytes on a pipe");
}

#[test]
fn a4_paper_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let options = dir.path().join("options-a4.pdf");
    let summary = dir.path().join("summary-a4.pdf");
    run_ok(
        &["compare", OPTION_A, OPTION_B, "--paper", "a4", "-o"],
        &[&options],
    );
    run_ok(&["summary", "examples", "--paper", "a4", "-o"], &[&summary]);
    for file in [&options, &summary] {
        pdf_read::assert_a4(file);
    }
}

/// Writes `count` made-up districts into `dir`; returns their paths.
fn synthetic(dir: &Path, count: u64) -> Vec<PathBuf> {
    let checklist = load::bundled_checklist("wi-sro-best-practices")
        .expect("bundled")
        .expect("valid")
        .checklist;
    (0..count)
        .map(|seed| {
            let path = dir.join(format!("district-{seed:04}.yaml"));
            fs::write(&path, synthetic_answers(&checklist, seed)).unwrap();
            path
        })
        .collect()
}

#[test]
fn many_columns_and_many_files_name_every_column_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = synthetic(dir.path(), 8);
    let out = dir.path().join("many.pdf");
    let mut args: Vec<&Path> = files.iter().take(6).map(PathBuf::as_path).collect();
    args.extend([Path::new("-o"), &out]);
    run_ok(&["compare"], &args);
    check_text(&out, |reader, text| {
        for n in 0..6 {
            assert!(
                text.contains(&format!("Synthetic {n:04}")),
                "{reader}: column {n}"
            );
        }
    });

    let summary = dir.path().join("summary.pdf");
    run_ok(&["summary", "-o"], &[&summary, dir.path()]);
    check_text(&summary, |reader, text| {
        for (n, file) in files.iter().enumerate() {
            assert!(
                text.contains(&format!("Synthetic District {n:04}")),
                "{reader}"
            );
            let hash = AnswersFile::read(file).expect("reads").hash;
            assert!(text.contains(&hash), "{reader}: the method names {hash}");
        }
    });
}

#[test]
fn characters_outside_the_font_are_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let files = synthetic(dir.path(), 2);
    let text = fs::read_to_string(&files[0]).unwrap().replacen(
        "label: Synthetic 0000",
        "label: Plan → ✓",
        1,
    );
    fs::write(&files[0], text).unwrap();
    let out = dir.path().join("unicode.pdf");
    let stderr = run_ok(&["compare"], &[&files[0], &files[1], Path::new("-o"), &out]);
    // The embedded font has the arrow; the check mark it lacks is replaced and named.
    assert!(
        !stderr.contains("U+2192") && stderr.contains("U+2713"),
        "{stderr}"
    );
    check_text(&out, |reader, text| {
        assert!(
            text.contains("Plan \u{2192} [x]"),
            "{reader}: readable replacement"
        );
    });
}
