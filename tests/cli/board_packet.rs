//! The board packet in the assessment report: the first page (in every medium, with
//! placeholders when the board fields are absent, never an internal note), the table of
//! contents, the glossary, `--brief`, and the layout rules of every sample PDF.

use std::path::Path;

use sro_assess::compare::{SummaryBuilder, compare};
use sro_assess::load::AnswersFile;
use sro_assess::report::board::{BLANK, BOARD_ACTION_PLACEHOLDER, RECOMMENDATION_PLACEHOLDER};
use sro_assess::report::document::{Block, Document, Link};
use sro_assess::report::glossary;
use sro_assess::report::medium::pdf::lay_out;
use sro_assess::report::pdf::layout::{FillBox, Mark, Page, Rgb, Rule, TextBox, TextStyle};
use sro_assess::report::pdf::metrics::Face;
use sro_assess::report::subject as compare_subject;
use sro_assess::report::subject::{self, heading_ids};
use sro_assess::report::{Paper, RenderOptions};
use sro_assess::score::{self, Assessment};

use crate::common::{example_files, repo_path, report_to, stem, tool};
use crate::pdf_read;

/// The example whose answers give every board field.
const FILLED: &str = "examples/existing-program.yaml";
/// An example that gives none of them.
const BLANK_FIELDS: &str = "examples/option-b-mental-health.yaml";

fn scored(path: &Path) -> Assessment {
    let file = AnswersFile::read(path).expect("answers read");
    let loaded = file.checklist(None).expect("checklist loads");
    let (answers, _) = file.validate(&loaded.checklist).expect("answers valid");
    score::score(&loaded.checklist, &answers, &file.hash)
}

fn document(path: &Path, brief: bool) -> Document {
    let options = RenderOptions {
        brief,
        ..RenderOptions::default()
    };
    subject::assessment(&scored(path), &options)
}

/// The document as `options` make it: a private copy carries every internal note.
fn document_with(path: &Path, options: &RenderOptions) -> Document {
    let mut a = scored(path);
    if !options.include_internal_notes {
        a = a.without_internal_notes();
    }
    subject::assessment(&a, options)
}

/// The report in `format` on standard output.
fn report(answers: &str, args: &[&str]) -> String {
    let output = tool()
        .arg("report")
        .arg(answers)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdf_text(answers: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.pdf");
    report_to(&repo_path(answers), &out, args);
    pdf_read::read(&out).text()
}

/// What every medium shows of a text: the words, with the spacing and line breaks of the
/// layout, Markdown's escapes and HTML's apostrophes taken out.
fn squeeze(text: &str) -> String {
    let text = text
        .replace('\\', "")
        .replace("&#39;", "'")
        .replace("&#x27;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first page's words, in the order the page states them.
const FIRST_PAGE_PARTS: [&str; 7] = [
    "For the board",
    "Overall score: 76.7%, rated Established",
    "What the assessment found",
    "Critical gaps",
    "The committee's recommendation",
    "Action requested of the board",
    "Sign-off",
];

#[test]
fn every_medium_draws_the_first_page_after_the_title_and_before_the_summary() {
    let media: Vec<(&str, String)> = vec![
        (
            "table",
            report(FILLED, &["--format", "table", "--width", "100"]),
        ),
        ("markdown", report(FILLED, &["--format", "markdown"])),
        ("html", report(FILLED, &["--format", "html"])),
        ("pdf", pdf_text(FILLED, &[])),
    ];
    for (medium, text) in media {
        // The terminal sets a chapter heading in capitals.
        let text = squeeze(&text).to_lowercase();
        let mut from = 0;
        for part in FIRST_PAGE_PARTS.map(str::to_lowercase) {
            let at = text[from..]
                .find(&part)
                .unwrap_or_else(|| panic!("{medium}: no {part:?} after byte {from}"));
            from += at + part.len();
        }
        let summary = text.find("summary").expect("a summary");
        let board = text.find("for the board").unwrap();
        assert!(board < summary, "{medium}: the first page comes first");
        for given in [
            "renew the agreement with the Example City Police Department",
            "Approve the one-year renewal of the SRO agreement",
            "Superintendent's cabinet",
            "April 20, 2026",
        ] {
            assert!(
                text.contains(&given.to_lowercase()),
                "{medium}: {given:?} missing"
            );
        }
        for placeholder in [RECOMMENDATION_PLACEHOLDER, BOARD_ACTION_PLACEHOLDER] {
            assert!(!text.contains(&placeholder.to_lowercase()), "{medium}");
        }
    }
}

#[test]
fn absent_board_fields_print_placeholders_and_blank_sign_off_lines() {
    for (medium, text) in [
        ("table", report(BLANK_FIELDS, &["--format", "table"])),
        ("markdown", report(BLANK_FIELDS, &["--format", "markdown"])),
        ("html", report(BLANK_FIELDS, &["--format", "html"])),
        ("pdf", pdf_text(BLANK_FIELDS, &[])),
        ("brief pdf", pdf_text(BLANK_FIELDS, &["--brief"])),
    ] {
        let text = squeeze(&text);
        assert!(text.contains(RECOMMENDATION_PLACEHOLDER), "{medium}");
        assert!(text.contains(BOARD_ACTION_PLACEHOLDER), "{medium}");
        // Reviewed by and presented on are not given: two blank lines to write on.
        assert!(text.matches(BLANK).count() >= 2, "{medium}: no blank lines");
    }
}

#[test]
fn no_internal_note_reaches_the_first_page_even_when_notes_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    let source = std::fs::read_to_string(repo_path(FILLED)).unwrap();
    let secret = "Names a student: Jane Roe";
    let with_note = source.replacen(
        "  governance.model-mou-alignment:\n    status: partial\n",
        &format!(
            "  governance.model-mou-alignment:\n    status: partial\n    internal_note: \"{secret}\"\n"
        ),
        1,
    );
    assert_ne!(with_note, source, "the note was added");
    std::fs::write(&answers, with_note).unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["report", "answers.yaml", "--format", "markdown"])
        .arg("--include-internal-notes")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let start = text.find("For the board").expect("first page");
    let end = text.find("Contents").expect("contents after it");
    assert!(text[end..].contains(secret), "the note is printed later");
    assert!(!text[start..end].contains(secret), "{}", &text[start..end]);
}

#[test]
fn contents_links_every_chapter_and_every_link_resolves_to_a_heading() {
    for path in example_files() {
        let doc = document(&path, false);
        let ids = heading_ids(&doc);
        let contents = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("contents")))
            .unwrap_or_else(|| panic!("{}: no contents", path.display()));
        let Some(Block::List(list)) = doc.blocks.get(contents + 1) else {
            panic!("{}: the contents are a list", path.display());
        };
        let targets: Vec<&str> = list
            .items
            .iter()
            .flat_map(|p| &p.spans)
            .filter_map(|s| match &s.link {
                Some(Link::Section(id)) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let chapters: Vec<&str> = doc.blocks[contents + 1..]
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) if h.level == 1 => h.id.as_deref(),
                _ => None,
            })
            .collect();
        assert_eq!(targets, chapters, "{}", path.display());
        for needed in ["summary", "gaps", "method", "glossary", "sources"] {
            assert!(targets.contains(&needed), "{}: {needed}", path.display());
        }
        // The contents and the line under them both lead to the glossary.
        let to_glossary = section_links(&doc)
            .iter()
            .filter(|t| *t == "glossary")
            .count();
        assert_eq!(to_glossary, 2, "{}", path.display());
        for target in section_links(&doc) {
            assert!(
                ids.contains(&target.as_str()),
                "{}: link to #{target} has no heading",
                path.display()
            );
        }
        // The glossary stands before the sources, near the end.
        let at = |id: &str| chapters.iter().position(|c| *c == id).unwrap();
        assert_eq!(at("glossary") + 1, at("sources"), "{}", path.display());
    }
}

/// Every internal link target of a document.
fn section_links(doc: &Document) -> Vec<String> {
    let mut links: Vec<&Option<Link>> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => links.extend(p.spans.iter().map(|s| &s.link)),
            Block::List(l) => links.extend(l.items.iter().flat_map(|p| &p.spans).map(|s| &s.link)),
            Block::Table(t) => links.extend(t.rows.iter().flatten().map(|c| &c.link)),
            _ => {}
        }
    }
    links
        .into_iter()
        .filter_map(|link| match link {
            Some(Link::Section(id)) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_html_contents_link_to_anchors_the_page_has() {
    let html = report(FILLED, &["--format", "html"]);
    for id in ["summary", "gaps", "glossary", "sources", "method"] {
        assert!(html.contains(&format!("href=\"#{id}\"")), "link to {id}");
        assert!(html.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
}

#[test]
fn the_glossary_lists_only_terms_the_report_uses() {
    for path in example_files() {
        let doc = document(&path, false);
        let at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("glossary")))
            .unwrap_or_else(|| panic!("{}: no glossary", path.display()));
        let Some(Block::List(list)) = doc.blocks.get(at + 2) else {
            panic!("{}: the glossary is a list", path.display());
        };
        let listed: Vec<String> = list.items.iter().map(|p| p.spans[0].text.clone()).collect();
        // The rest of the report, without the glossary's own words.
        let mut rest = doc.clone();
        rest.blocks.drain(at..at + 3);
        let text = rest.plain_text();
        let expected: Vec<String> = glossary::used_in([text.as_str()])
            .iter()
            .map(|t| t.heading())
            .collect();
        assert_eq!(listed, expected, "{}", path.display());
        assert!(listed.iter().any(|t| t.starts_with("MOU")), "{listed:?}");
        let unused: Vec<&str> = glossary::TERMS
            .iter()
            .filter(|t| !expected.contains(&t.heading()))
            .map(|t| t.term)
            .collect();
        assert!(!unused.is_empty(), "the glossary leaves out unused terms");
    }
}

#[test]
fn brief_is_the_first_page_and_the_gap_list_in_two_to_four_pages() {
    let dir = tempfile::tempdir().unwrap();
    for path in example_files() {
        let out = dir.path().join(format!("{}.pdf", stem(&path)));
        report_to(&path, &out, &["--brief"]);
        let pages = pdf_read::page_count(&out);
        assert!(
            (2..=4).contains(&pages),
            "{}: {pages} pages",
            path.display()
        );
        let text = squeeze(&pdf_read::read(&out).text());
        assert!(text.contains("For the board"), "{}", path.display());
        assert!(
            text.contains("Gaps in priority order"),
            "{}",
            path.display()
        );
        assert!(
            text.contains("Next step and evidence"),
            "{}",
            path.display()
        );
        for left_out in ["Every item, by section", "How this was scored", "Contents"] {
            assert!(!text.contains(left_out), "{}: {left_out}", path.display());
        }
    }
    let full = pdf_text(FILLED, &[]);
    assert!(
        full.contains("Every item, by section"),
        "the full report is the default"
    );
}

#[test]
fn brief_gap_rows_carry_evidence_and_next_step() {
    let markdown = report(FILLED, &["--brief", "--format", "markdown"]);
    assert!(markdown.contains("Evidence: No such clause in the current MOU"));
    assert!(markdown.contains("Write the conditions into the MOU"));
}

// ---- Layout rules, on every sample laid out in-process ----

/// A laid-out page: its marks above the footer.
struct Laid {
    body: Vec<Mark>,
}

fn laid_pages(doc: &Document, options: &RenderOptions) -> (Vec<Laid>, f32, f32) {
    let layout = lay_out(doc, options);
    let top = layout.geometry().top();
    let bottom = layout.body_bottom();
    let (pages, _) = layout.finish();
    let laid = pages
        .into_iter()
        .map(|Page { marks, .. }| Laid {
            body: marks
                .into_iter()
                .filter(|m| m.bounds().1 < bottom)
                .collect(),
        })
        .collect();
    (laid, top, bottom)
}

fn is_chapter_heading(mark: &Mark) -> bool {
    matches!(mark, Mark::Text(t) if t.style.face == Face::Bold && t.style.size >= 17.0)
}

fn is_heading(mark: &Mark) -> bool {
    let Mark::Text(t) = mark else { return false };
    let navy = t.style.color.0 < 0.2 && t.style.color.2 > 0.35;
    t.style.face == Face::Bold && navy && [17.0, 12.0, 10.0].contains(&t.style.size)
}

fn is_table_header(mark: &Mark) -> bool {
    matches!(mark, Mark::Fill(f) if (f.color.0 - 0.88).abs() < 0.005 && (f.color.2 - 0.95).abs() < 0.005)
}

fn is_row_rule(mark: &Mark) -> bool {
    matches!(mark, Mark::Line(l) if (l.thickness - 0.5).abs() < 0.01 && (l.color.0 - 0.82).abs() < 0.005)
}

fn topmost(page: &Laid) -> Option<&Mark> {
    page.body
        .iter()
        .min_by(|a, b| a.bounds().1.total_cmp(&b.bounds().1))
}

/// Every layout rule broken in `doc`, one line each.
fn broken_rules(doc: &Document, options: &RenderOptions) -> Vec<String> {
    let (pages, top, bottom) = laid_pages(doc, options);
    rules_broken_on(&pages, top, bottom)
}

/// The least a page before the last may hold: more than two lines of body text.
const WIDOW: f32 = 30.0;

/// Every layout rule broken on `pages`, whose body runs from `top` to `bottom`.
fn rules_broken_on(pages: &[Laid], top: f32, bottom: f32) -> Vec<String> {
    let third = (bottom - top) / 3.0;
    let mut broken = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let number = index + 1;
        let next = pages.get(index + 1);
        let filled = page.body.iter().map(|m| m.bounds().3).fold(top, f32::max) - top;
        let ends_chapter = next.is_none_or(|n| topmost(n).is_some_and(is_chapter_heading));
        if filled < third && !ends_chapter {
            broken.push(format!(
                "page {number} is {filled:.0} pt full, under a third"
            ));
        }
        // Even a chapter's last page holds more than a stray line or two.
        if next.is_some() && filled < WIDOW {
            broken.push(format!("page {number} holds only {filled:.0} pt"));
        }
        let lowest_text = page
            .body
            .iter()
            .filter(|m| matches!(m, Mark::Text(_)))
            .max_by(|a, b| a.bounds().3.total_cmp(&b.bounds().3));
        if next.is_some() && lowest_text.is_some_and(is_heading) {
            broken.push(format!("page {number} ends with a heading"));
        }
        if let Some(header) = page
            .body
            .iter()
            .filter(|m| is_table_header(m))
            .max_by(|a, b| a.bounds().1.total_cmp(&b.bounds().1))
        {
            let rows = page
                .body
                .iter()
                .filter(|m| is_row_rule(m) && m.bounds().1 > header.bounds().3)
                .count();
            let continues = next.is_some_and(|n| topmost(n).is_some_and(is_table_header));
            if rows < 2 && continues {
                broken.push(format!(
                    "page {number}: a table header with {rows} row(s) before the table runs on"
                ));
            }
        }
    }
    broken
}

#[test]
fn every_sample_pdf_keeps_the_layout_rules() {
    let mut broken = Vec::new();
    for path in example_files() {
        for brief in [false, true] {
            for (internal, paper) in [(false, Paper::Letter), (true, Paper::A4)] {
                let options = RenderOptions {
                    brief,
                    include_internal_notes: internal,
                    paper,
                    ..RenderOptions::default()
                };
                for rule in broken_rules(&document_with(&path, &options), &options) {
                    broken.push(format!(
                        "{} (brief: {brief}, internal notes: {internal}, {paper:?}): {rule}",
                        stem(&path)
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The comparison and summary samples (reports/compare-options, compare-years,
/// summary-examples) keep the same layout rules as the reports.
#[test]
fn every_comparison_and_summary_sample_keeps_the_layout_rules() {
    let examples = |names: &[&str]| -> Vec<Assessment> {
        names
            .iter()
            .map(|n| scored(&repo_path(&format!("examples/{n}.yaml"))))
            .collect()
    };
    let file = AnswersFile::read(&repo_path("examples/year-2026.yaml")).expect("answers read");
    let checklist = file.checklist(None).expect("checklist loads").checklist;
    let options_compared = examples(&["option-a-contract-sro", "option-b-mental-health"]);
    let years = examples(&["year-2026", "year-2025"]);
    let mut summary = SummaryBuilder::new(&checklist);
    for path in example_files() {
        let a = scored(&path);
        if a.meta.checklist.id == checklist.id {
            summary.add(&a, &path.display().to_string());
        }
    }
    let documents = [
        (
            "compare-options",
            compare_subject::comparison(
                &compare(&checklist, &options_compared),
                &RenderOptions::default(),
            ),
        ),
        (
            "compare-years",
            compare_subject::comparison(&compare(&checklist, &years), &RenderOptions::default()),
        ),
        (
            "summary-examples",
            compare_subject::summary(&summary.finish(), &RenderOptions::default()),
        ),
    ];
    let mut broken = Vec::new();
    for (name, document) in &documents {
        for paper in [Paper::Letter, Paper::A4] {
            let options = RenderOptions {
                paper,
                ..RenderOptions::default()
            };
            for rule in broken_rules(document, &options) {
                broken.push(format!("{name} ({paper:?}): {rule}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_layout_check_finds_a_page_left_mostly_empty() {
    let mut doc = document(&repo_path(BLANK_FIELDS), false);
    // A forced page break in the middle of a chapter leaves the page before it short.
    let at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("section-scores")))
        .unwrap();
    doc.blocks.insert(at, Block::PageBreak);
    let summary = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("summary")))
        .unwrap();
    doc.blocks.insert(summary, Block::PageBreak);
    let broken = broken_rules(&doc, &RenderOptions::default());
    assert!(
        broken.iter().any(|r| r.contains("under a third")),
        "{broken:?}"
    );
}

#[test]
fn brief_refuses_an_export_rather_than_drop_its_rows() {
    for format in ["csv", "json"] {
        let output = tool()
            .args(["report", FILLED, "--brief", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "a brief cannot be written as {format}; use table, markdown, html, pdf or docx"
            )),
            "{stderr}"
        );
        assert!(output.stdout.is_empty(), "{format}: nothing written");
    }
}

fn text_at(baseline: f32, style: TextStyle) -> Mark {
    Mark::Text(TextBox {
        x: 54.0,
        baseline,
        text: "words".into(),
        style,
        width: 100.0,
    })
}

#[test]
fn the_layout_check_finds_a_heading_at_a_page_foot_and_a_header_left_with_one_row() {
    let navy = Rgb(0.10, 0.22, 0.40);
    let body = TextStyle::new(Face::Regular, 9.5, Rgb(0.11, 0.11, 0.13));
    let header_fill = Mark::Fill(FillBox {
        x: 54.0,
        y: 600.0,
        width: 504.0,
        height: 14.0,
        color: Rgb(0.88, 0.91, 0.95),
    });
    let row_rule = |y: f32| {
        Mark::Line(Rule {
            from: (54.0, y),
            to: (558.0, y),
            thickness: 0.5,
            color: Rgb(0.82, 0.84, 0.87),
        })
    };
    let first = Laid {
        body: vec![
            text_at(400.0, body),
            text_at(580.0, TextStyle::new(Face::Bold, 12.0, navy)),
            header_fill.clone(),
            text_at(630.0, body),
            row_rule(640.0),
        ],
    };
    let next = Laid {
        body: vec![
            Mark::Fill(FillBox {
                y: 54.0,
                ..match &header_fill {
                    Mark::Fill(f) => *f,
                    _ => unreachable!(),
                }
            }),
            text_at(700.0, body),
        ],
    };
    let broken = rules_broken_on(&[first, next], 54.0, 720.0);
    assert!(
        broken
            .iter()
            .any(|r| r.contains("a table header with 1 row")),
        "{broken:?}"
    );
    // The heading is above the table here, so the page does not end with it.
    assert!(
        !broken.iter().any(|r| r.contains("ends with a heading")),
        "{broken:?}"
    );
    let alone = Laid {
        body: vec![
            text_at(400.0, body),
            text_at(700.0, TextStyle::new(Face::Bold, 12.0, navy)),
        ],
    };
    let after = Laid {
        body: vec![text_at(300.0, body)],
    };
    let broken = rules_broken_on(&[alone, after], 54.0, 720.0);
    assert_eq!(broken, ["page 1 ends with a heading"]);
}

#[test]
fn the_committee_text_is_printed_as_text_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(repo_path(BLANK_FIELDS)).unwrap();
    let hostile = "recommendation: \"<script>alert(1)</script> [link](javascript:alert(1)) \
                   # not a heading\"\nreviewed_by: \"Ann <b>O'Neil</b> & co\"\n";
    std::fs::write(
        dir.path().join("answers.yaml"),
        source.replacen("prepared_by:", &format!("{hostile}prepared_by:"), 1),
    )
    .unwrap();
    let run = |format: &str| {
        let output = tool()
            .current_dir(dir.path())
            .args(["report", "answers.yaml", "--brief", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };
    let html = run("html");
    assert!(!html.contains("<script>alert"), "a script tag in the HTML");
    assert!(!html.contains("<b>O'Neil"), "markup in the HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"javascript:"), "a javascript link");
    let markdown = run("markdown");
    assert!(!markdown.contains("[link](javascript:"), "a Markdown link");
    assert!(markdown.contains("\\[link\\]"), "the brackets escaped");
    assert!(
        !markdown.contains("\n# not a heading"),
        "a Markdown heading"
    );
    assert!(markdown.contains("\\<script\\>"), "{markdown}");
}

#[test]
fn axe_finds_no_wcag_a_or_aa_violation_in_the_briefs() {
    let runner = crate::html::axe_runner();
    let check = "axe-core in Chromium on the HTML briefs (WCAG 2.1 A and AA)";
    if !crate::external::can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = example_files()
        .iter()
        .map(|answers| {
            let out = dir.path().join(format!("{}-brief.html", stem(answers)));
            report_to(answers, &out, &["--brief"]);
            out
        })
        .collect();
    crate::html::assert_axe_clean(&runner, &files);
}
