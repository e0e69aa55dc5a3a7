//! The builders on the examples: figures equal view.rs, no internal note in a public
//! document, unique ids, heading levels that never skip going down.

use std::path::{Path, PathBuf};

use super::*;
use crate::load::{self, AnswersFile, BUNDLED};
use crate::report::RenderOptions;
use crate::report::document::Block;
use crate::score::{Assessment, score};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn scored(path: &Path) -> Assessment {
    let file = AnswersFile::read(path).unwrap();
    let checklist = file.checklist(None).unwrap().checklist;
    let (answers, _) = file.validate(&checklist).unwrap();
    score(&checklist, &answers, &file.hash)
}

/// An example with an internal note added to its first answered gap.
fn with_secret(mut a: Assessment) -> Assessment {
    let answer = a
        .items
        .iter_mut()
        .find_map(|i| i.answer.as_mut())
        .expect("an answered item");
    answer.internal_note = Some("Names a student: Jane Roe".into());
    a
}

fn options(internal: bool) -> RenderOptions {
    RenderOptions {
        include_internal_notes: internal,
        ..RenderOptions::default()
    }
}

fn bundled_checklist() -> crate::model::Checklist {
    let first = &BUNDLED[0];
    load::parse_checklist(first.text, Path::new(first.id))
        .unwrap()
        .checklist
}

fn assert_well_formed(doc: &Document, context: &str) {
    let ids = heading_ids(doc);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{context}: duplicate heading ids");
    let mut previous = 0;
    for heading in headings(doc) {
        assert!(
            heading.level >= 1 && heading.level <= previous + 1,
            "{context}: `{}` at level {} after level {previous}",
            heading.text,
            heading.level
        );
        previous = heading.level;
    }
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            let share: f32 = t.columns.iter().map(|c| c.share).sum();
            assert!(
                (share - 1.0).abs() < 0.01,
                "{context}: {} shares {share}",
                t.caption
            );
            for row in &t.rows {
                assert_eq!(row.len(), t.columns.len(), "{context}: {}", t.caption);
            }
        }
    }
    for link in links(doc) {
        if let Link::Section(id) = link {
            assert!(
                ids.contains(&id.as_str()),
                "{context}: link to missing `{id}`"
            );
        }
    }
}

fn links(doc: &Document) -> Vec<&Link> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            out.extend(t.rows.iter().flatten().filter_map(|c| c.link.as_ref()));
        }
        let paragraphs: Vec<&Paragraph> = match block {
            Block::Paragraph(p) => vec![p],
            Block::List(l) => l.items.iter().collect(),
            _ => Vec::new(),
        };
        for p in paragraphs {
            out.extend(p.spans.iter().filter_map(|s| s.link.as_ref()));
        }
    }
    out
}

#[test]
fn the_report_states_the_figures_of_view_rs() {
    for path in examples() {
        let a = scored(&path);
        let text = assessment(&a, &options(false)).plain_text();
        let context = path.display().to_string();
        for figure in [
            view::assessment::headline(&a),
            view::assessment::summary_headline(&a),
            view::assessment::coverage(&a),
            view::assessment::answered_score(&a),
            view::assessment::counts_line(&a),
            view::assessment::stamp(&a),
            format!("Gaps in priority order ({})", a.gaps().count()),
            format!("Unanswered items ({})", a.unanswered().count()),
        ] {
            assert!(text.contains(&figure), "{context}: lacks `{figure}`");
        }
        for section in &a.sections {
            let line = view::assessment::section_line(section);
            assert!(text.contains(&line), "{context}: lacks `{line}`");
        }
        for gap in a.gaps() {
            assert!(text.contains(&gap.recommendation), "{context}: {}", gap.id);
            // Said once, in the gap list: the MOU list and the action plan refer to it.
            assert_eq!(
                text.matches(&gap.recommendation).count(),
                1,
                "{context}: {}",
                gap.id
            );
        }
    }
}

#[test]
fn every_document_has_unique_ids_and_headings_that_never_skip() {
    for path in examples() {
        let a = scored(&path);
        for internal in [false, true] {
            let context = format!("{} (notes {internal})", path.display());
            assert_well_formed(&assessment(&a, &options(internal)), &context);
        }
    }
    let checklist = bundled_checklist();
    for profile in checklist.profiles.iter().map(Some).chain([None]) {
        assert_well_formed(&super::checklist(&checklist, profile), "listing");
        assert_well_formed(&worksheet(&checklist, profile), "worksheet");
    }
}

#[test]
fn internal_notes_only_when_asked_and_then_confidential() {
    let a = with_secret(scored(&examples()[0]));
    let public = assessment(&a, &options(false));
    assert!(!public.plain_text().contains("Jane Roe"));
    assert!(!public.confidential);
    assert!(
        public
            .plain_text()
            .contains(view::assessment::PUBLIC_NOTICE)
    );
    let private = assessment(&a, &options(true));
    assert!(private.plain_text().contains("Jane Roe"));
    assert!(private.confidential);
    assert!(
        !private
            .plain_text()
            .contains(view::assessment::PUBLIC_NOTICE)
    );
}

#[test]
fn no_tool_words_in_the_board_text() {
    for path in examples() {
        let a = scored(&path);
        let doc = assessment(&a, &options(false));
        assert!(
            !doc.running_footer.contains(&a.meta.answers_hash),
            "the footer carries no hash"
        );
        let text = doc.plain_text();
        // The hash is stated once, in the method section's reproducibility stamp.
        assert_eq!(text.matches(&a.meta.answers_hash).count(), 1);
        let method = text.find("How this was scored").unwrap();
        assert!(text.find(&a.meta.answers_hash).unwrap() > method);
        for words in [" 0 other gaps", " --", "plus 0 unanswered", "`"] {
            let line = text.lines().find(|l| l.contains(words));
            assert!(
                line.is_none(),
                "{}: says `{words}`: {line:?}",
                path.display()
            );
        }
    }
}

#[test]
fn only_web_addresses_become_links() {
    let mut a = scored(&examples()[0]);
    a.sources[0].url = "javascript:alert(1)".into();
    let doc = assessment(&a, &options(false));
    let urls: Vec<&Link> = links(&doc)
        .into_iter()
        .filter(|l| matches!(l, Link::Url(_)))
        .collect();
    assert_eq!(urls.len(), a.sources.len() - 1);
    let printed = doc.blocks.iter().any(|b| match b {
        Block::Table(t) => t.rows.iter().flatten().any(|c| {
            c.link.is_none()
                && c.detail
                    .as_deref()
                    .is_some_and(|d| d.contains("javascript:"))
        }),
        _ => false,
    });
    assert!(printed, "still printed, as text");
    assert!(!urls.contains(&&Link::Url("javascript:alert(1)".into())));
}

#[test]
fn the_worksheet_has_a_box_per_scale_value_for_every_item() {
    let checklist = bundled_checklist();
    let doc = worksheet(&checklist, None);
    let forms: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.caption.starts_with("Answer for ") => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(forms.len(), checklist.item_count());
    for form in forms {
        assert_eq!(
            form.rows[0][0].text.matches("[  ]").count(),
            checklist.scale.len()
        );
    }
}

#[test]
fn the_listing_names_every_item_of_the_profile_once() {
    let checklist = bundled_checklist();
    for profile in &checklist.profiles {
        let doc = super::checklist(&checklist, Some(profile));
        let ids = heading_ids(&doc);
        for (_, item) in checklist.items_in_profile(profile) {
            let id = format!("item-{}", item.id);
            assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id}");
        }
        let listed = ids.iter().filter(|i| i.starts_with("item-")).count();
        assert_eq!(listed, checklist.items_in_profile(profile).count());
    }
}
