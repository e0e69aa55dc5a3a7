//! The HTML report on a small assessment built in code: escaping, privacy, headings that
//! mirror the PDF's, reproducible bytes. The browser checks (axe) are in tests/cli/html.rs.

use crate::load::{AnswersFile, parse_checklist};
use crate::report::pdf::content::{H1, H2};
use crate::report::pdf::layout::Mark;
use crate::report::{Format, RenderOptions, pdf, render_to_vec};
use crate::score::{Assessment, score};

const CHECKLIST: &str = r#"
id: tiny
title: Tiny checklist
version: "1"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 75, label: Good }
  - { min: 0, label: Weak }
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org/a?b=1&c=2" }
  - { id: bad, title: A trap, publisher: Someone, year: 2020, url: "javascript:alert(1)" }
sections:
  - id: mou
    title: MOU & governance
    items:
      - { id: mou.signed, title: "A signed MOU", guidance: g, priority: critical, responsible: joint, in_mou: true, recommendation: "Sign it", sources: [{ source: src }] }
      - { id: mou.review, title: "Reviewed <b>yearly</b>", guidance: g, priority: medium, responsible: district, recommendation: "Review it", sources: [{ source: src }] }
      - { id: mou.costs, title: "Costs written", guidance: g, priority: low, responsible: joint, recommendation: "Write them", sources: [{ source: bad }] }
  - id: climate
    title: School climate
    items:
      - { id: climate.survey, title: "A climate survey", guidance: g, priority: high, responsible: district, recommendation: "Survey", sources: [{ source: src }] }
"#;

const ANSWERS: &str = r#"
checklist: tiny
profile: all
district: Example "Area" School District
label: Test run
date: 2026-03-15
answers:
  mou.signed:
    status: partial
    evidence: Draft only
    note: "Public note <script>alert('x')</script>"
    internal_note: Names a student
    owner: Superintendent
    due: 2026-06-30
  mou.review: met
  climate.survey: not_met
"#;

fn assessment() -> Assessment {
    let loaded = parse_checklist(CHECKLIST, std::path::Path::new("tiny.yaml")).unwrap();
    let file = AnswersFile::from_text(ANSWERS, std::path::Path::new("a.yaml")).unwrap();
    let (answers, _) = file.validate(&loaded.checklist).unwrap();
    score(&loaded.checklist, &answers, &file.hash)
}

fn options(include_internal_notes: bool) -> RenderOptions {
    RenderOptions {
        include_internal_notes,
        ..RenderOptions::default()
    }
}

fn render(include_internal_notes: bool) -> String {
    let bytes = render_to_vec(
        &assessment(),
        Format::Html,
        &options(include_internal_notes),
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The text of every `<tag>…</tag>` in order, markup inside removed.
fn elements(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(body_start) = after.find('>') else {
            break;
        };
        let Some(end) = after.find(&close) else {
            break;
        };
        found.push(strip_tags(&after[body_start + 1..end]));
        rest = &after[end..];
    }
    found
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// The PDF's headings of one style, in page order.
fn pdf_headings(style: crate::report::pdf::layout::TextStyle) -> Vec<String> {
    pdf::pages(&assessment(), &options(false))
        .iter()
        .flat_map(|p| p.marks.iter())
        .filter_map(|m| match m {
            Mark::Text(t) if t.style == style => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn user_text_is_escaped() {
    let html = render(false);
    assert!(html.contains("Public note &lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(!html.contains("<script"), "no script element at all");
    assert!(html.contains("Reviewed &lt;b&gt;yearly&lt;/b&gt;"));
    assert!(
        html.contains("Example &quot;Area&quot; School District")
            || html.contains("Example \"Area\" School District")
    );
    assert!(html.contains("MOU &amp; governance"));
}

#[test]
fn only_web_addresses_become_links() {
    let html = render(false);
    assert!(html.contains(r#"href="https://example.org/a?b=1&amp;c=2""#));
    assert!(!html.contains(r#"href="javascript"#));
    assert!(
        html.contains("javascript:alert(1)"),
        "still printed as text"
    );
}

#[test]
fn internal_notes_only_on_request_and_then_confidential_at_the_top() {
    let public = render(false);
    assert!(!public.contains("Names a student"));
    assert!(!public.contains("CONFIDENTIAL"));
    let private = render(true);
    assert!(private.contains("Names a student"));
    let banner = private
        .find("CONFIDENTIAL: this report includes internal notes")
        .unwrap();
    assert!(banner < private.find("<h1").unwrap(), "before the title");
    assert!(elements(&private, "title")[0].starts_with("CONFIDENTIAL"));
}

#[test]
fn one_h1_and_no_skipped_heading_level() {
    let html = render(true);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert_eq!(elements(&html, "h1").len(), 1);
    let mut last = 1;
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last}");
        last = level;
    }
}

#[test]
fn headings_are_the_pdfs_in_the_pdfs_order() {
    let html = render(false);
    let h2: Vec<String> = elements(&html, "h2")
        .into_iter()
        .filter(|h| h != "Contents" && h != "Reproducibility")
        .collect();
    assert_eq!(h2, pdf_headings(H1));
    assert_eq!(elements(&html, "h3"), pdf_headings(H2));
}

#[test]
fn every_table_has_a_caption_and_scoped_headers() {
    let html = render(false);
    let tables = html.matches("<table").count();
    assert!(tables >= 6, "{tables}");
    assert_eq!(html.matches("<caption").count(), tables);
    assert_eq!(html.matches("<th>").count(), 0, "every th has a scope");
}

#[test]
fn the_chart_has_a_text_alternative_with_every_figure() {
    let html = render(false);
    let descriptions = elements(&html, "desc");
    assert_eq!(descriptions.len(), 2, "a wide and a narrow drawing");
    let a = assessment();
    for desc in &descriptions {
        for s in &a.sections {
            assert!(desc.contains(&s.title), "{desc}");
            assert!(desc.contains(&crate::report::view::percent(s.score.percent)));
        }
    }
    for shape in ["wide", "narrow"] {
        assert!(html.contains(&format!(
            r#"role="img" aria-labelledby="chart-title-{shape} chart-desc-{shape}""#
        )));
    }
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(render(true), render(true));
}
