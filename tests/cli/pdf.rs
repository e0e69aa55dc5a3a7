//! The PDF report, read back in-process (lopdf) and, when they are installed, by qpdf and
//! poppler, programs we did not write.

use std::path::{Path, PathBuf};
use std::process::Command;

use sro_assess::load::AnswersFile;
use sro_assess::report::pdf::{self, encode::Encoder};
use sro_assess::report::{Paper, RenderOptions, view};
use sro_assess::score::{self, Assessment};

use crate::common::{example_files, repo_path, report_to, stem, tool};
use crate::external;
use crate::pdf_read::{self, page_count, texts};

/// An answers file for the bundled checklist with every status, notes, owners, due dates and an
/// internal note: `init` writes the template and a status is filled in for every item.
fn fixture(dir: &Path, extra_note: &str) -> PathBuf {
    let path = dir.join("fixture.yaml");
    tool().args(["init", "-o"]).arg(&path).assert().success();
    let template = std::fs::read_to_string(&path).expect("template written");
    let mut out = String::new();
    let mut n = 0;
    for line in template.lines() {
        let trimmed = line.trim_end();
        let is_item = line.starts_with("  ")
            && !line.starts_with("   ")
            && trimmed.ends_with(':')
            && !trimmed.trim_start().starts_with('#');
        if line.starts_with("district:") {
            out.push_str("district: Lakeside Example Test School District\n");
            continue;
        }
        if !is_item {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        n += 1;
        out.push_str(trimmed);
        match n % 6 {
            0 | 3 => out.push_str(" met\n"),
            1 => out.push_str(" not_met\n"),
            2 => out.push_str(&format!(
                "\n    status: partial\n    evidence: Minutes of the June meeting\n    note: {}\n    internal_note: SECRET internal remark about case {n}\n    owner: Assistant Superintendent\n    due: 2026-{:02}-15\n",
                serde_json::to_string(extra_note).expect("a string serialises"),
                n % 12 + 1
            )),
            4 => out.push_str("\n    status: na\n    note: Not relevant here\n"),
            _ => out.push('\n'), // unanswered
        }
    }
    std::fs::write(&path, out).expect("fixture written");
    path
}

/// The assessment the binary makes of `answers`, made again through the library.
fn assess(answers: &Path) -> Assessment {
    let file = AnswersFile::read(answers).expect("answers read");
    let loaded = file.checklist(None).expect("checklist loads");
    let (answers, _) = file.validate(&loaded.checklist).expect("answers valid");
    score::score(&loaded.checklist, &answers, &file.hash)
}

/// Whitespace collapsed to single spaces: wrapping moves line breaks, never words.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the PDF prints for `text`: the built-in font's replacements applied.
fn printed(text: &str) -> String {
    Encoder::default().clean(text)
}

/// Every input the sample checks run on: the examples, plus a fixture so they never run empty.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files = example_files();
    files.push(fixture(dir, "A plain public note."));
    files
}

#[test]
fn pdfs_are_valid_and_say_what_the_assessment_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    for answers in inputs(dir.path()) {
        let out = dir.path().join(format!("{}.pdf", stem(&answers)));
        report_to(&answers, &out, &[]);
        external::qpdf_check(&out);
        let assessment = assess(&answers);
        let name = answers.display();
        for (reader, text) in texts(&out) {
            let flat = collapse(&text);
            assert!(
                flat.contains(&collapse(&printed(&assessment.meta.district))),
                "{name} ({reader}): district"
            );
            let percent = view::percent(assessment.overall.percent);
            assert!(
                flat.contains(&percent),
                "{name} ({reader}): overall {percent}"
            );
            for gap in assessment.gaps() {
                let title = collapse(&printed(&gap.title));
                assert!(
                    flat.contains(&title),
                    "{name} ({reader}): gap title {title:?}"
                );
            }
            // Long URLs are broken across lines (never at a `-`, which extractors would drop):
            // compare with all whitespace removed.
            let joined: String = text.split_whitespace().collect();
            for source in &assessment.sources {
                assert!(
                    joined.contains(&source.url),
                    "{name} ({reader}): URL {}",
                    source.url
                );
            }
        }
        assert_eq!(
            page_count(&out),
            pdf::page_count(&assessment, &RenderOptions::default()),
            "{name}: page count as laid out"
        );
    }
}

#[test]
fn a4_paper_and_its_page_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = fixture(dir.path(), "note");
    let out = dir.path().join("a4.pdf");
    report_to(&answers, &out, &["--paper", "a4"]);
    pdf_read::assert_a4(&out);
    let options = RenderOptions {
        paper: Paper::A4,
        ..RenderOptions::default()
    };
    assert_eq!(
        page_count(&out),
        pdf::page_count(&assess(&answers), &options)
    );
}

#[test]
fn internal_notes_only_on_request_and_then_confidential_on_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = fixture(dir.path(), "note");
    let public = dir.path().join("public.pdf");
    report_to(&answers, &public, &[]);
    for (reader, text) in texts(&public) {
        assert!(
            !text.contains("SECRET"),
            "{reader}: no internal note by default"
        );
        assert!(!text.contains("CONFIDENTIAL"), "{reader}");
    }

    let private = dir.path().join("private.pdf");
    report_to(&answers, &private, &["--include-internal-notes"]);
    let count = page_count(&private);
    for (reader, text) in texts(&private) {
        assert!(text.contains("SECRET internal remark"), "{reader}");
        // Pages end with a form feed (pdftotext) or are joined by one (lopdf).
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), count, "{reader}");
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains("CONFIDENTIAL"),
                "{reader}: page {} is marked",
                n + 1
            );
        }
        assert!(
            pages[0].contains("Do not publish it"),
            "{reader}: the cover says it"
        );
    }
    let options = RenderOptions {
        include_internal_notes: true,
        ..RenderOptions::default()
    };
    assert_eq!(count, pdf::page_count(&assess(&answers), &options));
}

#[test]
fn characters_outside_the_font_are_replaced_readably_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let note = "Niñez y educación: “comillas” — Pa Nhia Xiong approved → next step ✓";
    let answers = fixture(dir.path(), note);
    let out = dir.path().join("unicode.pdf");
    let stderr = report_to(&answers, &out, &[]);
    for (reader, text) in texts(&out) {
        let text = collapse(&text);
        assert!(
            text.contains("Niñez y educación: “comillas” — Pa Nhia Xiong approved → next step [x]"),
            "{reader}: readable text: {}",
            text.lines().next().unwrap_or_default()
        );
        assert!(
            !text.contains("approved ?"),
            "{reader}: no silent question mark"
        );
    }
    assert!(
        !stderr.contains("U+2192"),
        "the arrow is in the font: {stderr}"
    );
    assert!(
        stderr.contains("U+2713") && stderr.contains("\"[x]\""),
        "{stderr}"
    );
    assert!(!stderr.contains("U+00F1"), "ñ is in the font: {stderr}");
    assert!(
        !stderr.contains("U+2014"),
        "the em dash is in the font: {stderr}"
    );
}

#[test]
fn two_runs_give_identical_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = fixture(dir.path(), "note → ✓");
    let first = dir.path().join("first.pdf");
    let second = dir.path().join("second.pdf");
    report_to(&answers, &first, &["--include-internal-notes"]);
    report_to(&answers, &second, &["--include-internal-notes"]);
    let a = std::fs::read(&first).expect("read");
    let b = std::fs::read(&second).expect("read");
    assert!(a == b, "the two PDFs differ");
}

#[test]
fn sample_reports_are_what_the_tool_makes_today() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = repo_path("scripts/make-sample-reports");
    let examples = example_files();
    let committed = repo_path("reports");
    if examples.is_empty() {
        // Nothing to regenerate: the script refuses, and no stale sample may stay behind.
        let stale = std::fs::read_dir(&committed).map_or(0, |d| d.count());
        assert_eq!(stale, 0, "reports/ holds samples of examples that are gone");
        return;
    }
    if !external::full(
        "rebuilding every sample in reports/ (this run rebuilds the Markdown and HTML reports)",
    ) {
        text_samples_are_what_the_tool_makes_today(&examples, &committed, dir.path());
        return;
    }
    let status = Command::new("bash")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_sro-assess"))
        .arg(dir.path())
        .status()
        .expect("the script runs");
    assert!(status.success(), "scripts/make-sample-reports failed");
    let mut fresh: Vec<String> = std::fs::read_dir(dir.path())
        .expect("output")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    fresh.sort();
    let mut kept: Vec<String> = std::fs::read_dir(&committed)
        .expect("reports/ exists: run scripts/make-sample-reports")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    assert_eq!(
        fresh, kept,
        "reports/ and examples/ disagree: run scripts/make-sample-reports"
    );
    // Text formats must match byte for byte; a PDF must say the same thing on the same pages
    // (its bytes also depend on the deflate library's version, which is not what this checks).
    let differing: Vec<&String> = fresh
        .iter()
        .filter(|name| {
            let (new, old) = (dir.path().join(name), committed.join(name));
            if name.ends_with(".pdf") {
                pdf_content(&new) != pdf_content(&old)
            } else {
                std::fs::read(new).ok() != std::fs::read(old).ok()
            }
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{differing:?} differ from what the tool makes today: run scripts/make-sample-reports"
    );
}

/// The reduced form of the sample check, for the everyday run: every example has its three
/// committed reports, and its Markdown and HTML reports are byte for byte what the binary
/// writes today, made the way scripts/make-sample-reports makes them. Writing and reading back
/// the PDFs, briefs, worksheets, comparisons and summaries is most of the full check's time.
fn text_samples_are_what_the_tool_makes_today(examples: &[PathBuf], committed: &Path, dir: &Path) {
    for example in examples {
        let name = stem(example);
        let relative = example
            .strip_prefix(crate::common::root())
            .expect("under the root");
        for extension in ["pdf", "md", "html"] {
            let kept = committed.join(format!("{name}.{extension}"));
            assert!(
                kept.is_file(),
                "{} is missing: run scripts/make-sample-reports",
                kept.display()
            );
        }
        for (format, extension) in [("markdown", "md"), ("html", "html")] {
            let fresh = dir.join(format!("{name}.{extension}"));
            tool()
                .args(["--color", "never", "report"])
                .arg(relative)
                .args(["--format", format, "-o"])
                .arg(&fresh)
                .assert()
                .success();
            assert!(
                std::fs::read(&fresh).ok()
                    == std::fs::read(committed.join(format!("{name}.{extension}"))).ok(),
                "reports/{name}.{extension} differs from what the tool makes today: run scripts/make-sample-reports"
            );
        }
    }
}

/// Each page's size and text, then the document information's entries.
type PdfContent = (Vec<((f32, f32), String)>, Vec<(String, String)>);

/// What a reader of the PDF gets.
fn pdf_content(path: &Path) -> PdfContent {
    let read = pdf_read::read(path);
    let pages = read.pages.into_iter().map(|p| (p.size, p.text)).collect();
    (pages, read.info.into_iter().collect())
}
