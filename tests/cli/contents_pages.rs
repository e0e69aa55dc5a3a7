//! The printed contents of the report, the brief, the comparison and the summary give each
//! chapter's page: read back through the structure tree, every entry's number is the page its
//! heading is on, the page whose footer says "Page N of M".

use std::path::{Path, PathBuf};

use crate::pdf_read::{self, Block, in_structure_order};

/// The PDFs with a contents list, on `paper`, in `dir`.
fn with_contents(dir: &Path, paper: &str) -> Vec<PathBuf> {
    let runs: [(&str, &[&str]); 4] = [
        ("report", &["report", "examples/existing-program.yaml"]),
        (
            "comparison",
            &[
                "compare",
                "examples/option-a-contract-sro.yaml",
                "examples/option-b-mental-health.yaml",
                "examples/option-c-current-staff.yaml",
            ],
        ),
        (
            "years",
            &[
                "compare",
                "examples/year-2026.yaml",
                "examples/year-2025.yaml",
            ],
        ),
        ("summary", &["summary", "examples"]),
    ];
    runs.into_iter()
        .map(|(name, args)| {
            let out = dir.join(format!("{name}-{paper}.pdf"));
            crate::common::write_with(args, &["--format", "pdf", "--paper", paper], &out)
        })
        .collect()
}

/// The contents entries: (the entry's words, the number printed after them), from the list
/// bodies between the Contents heading and the next chapter.
fn entries(blocks: &[Block]) -> Vec<(String, String)> {
    let start = blocks
        .iter()
        .position(|b| b.role == "H1" && b.text().trim() == "Contents")
        .expect("a Contents heading");
    blocks[start + 1..]
        .iter()
        .take_while(|b| !b.role.starts_with('H'))
        .filter(|b| b.role == "LBody")
        .map(|b| {
            let (number, words) = b.lines.split_last().expect("an entry has text");
            (words.concat().trim().to_string(), number.trim().to_string())
        })
        .collect()
}

/// Every entry whose number is not the page its chapter's heading starts on, or that has
/// none; `footers` is each page's text, whose footer must print that number.
fn contents_faults(blocks: &[Block], footers: &[String]) -> Vec<String> {
    let entries = entries(blocks);
    let mut faults = Vec::new();
    if entries.is_empty() {
        faults.push("no contents entries".to_string());
    }
    let total = footers.len();
    for (words, number) in entries {
        let heading = blocks
            .iter()
            .find(|b| b.role == "H1" && b.title.as_deref() == Some(words.as_str()));
        let Some(heading) = heading else {
            faults.push(format!("{words:?}: no chapter of that name"));
            continue;
        };
        let page = heading.pages.first().copied().unwrap_or_default();
        if number != page.to_string() {
            faults.push(format!(
                "{words:?}: printed {number:?}, the heading is on page {page}"
            ));
        }
        let footer = format!("Page {page} of {total}");
        if !footers
            .get(page.wrapping_sub(1))
            .is_some_and(|t| t.contains(&footer))
        {
            faults.push(format!("{words:?}: page {page} does not print {footer:?}"));
        }
    }
    faults
}

fn page_texts(path: &Path) -> Vec<String> {
    pdf_read::read(path)
        .pages
        .into_iter()
        .map(|p| p.text)
        .collect()
}

#[test]
fn every_contents_entry_prints_the_page_its_chapter_starts_on() {
    let dir = tempfile::tempdir().unwrap();
    for paper in ["letter", "a4"] {
        for pdf in with_contents(dir.path(), paper) {
            let blocks = in_structure_order(&pdf, false);
            let faults = contents_faults(&blocks, &page_texts(&pdf));
            assert!(
                faults.is_empty(),
                "{}:\n{}",
                pdf.display(),
                faults.join("\n")
            );
            // The numbers differ from page to page: a chapter-per-page document would pass a
            // check that only counted.
            let numbers: Vec<String> = entries(&blocks).into_iter().map(|(_, n)| n).collect();
            assert!(numbers.windows(2).any(|w| w[0] != w[1]), "{numbers:?}");
        }
    }
}

#[test]
fn the_contents_check_finds_a_wrong_or_missing_number() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = &with_contents(dir.path(), "letter")[0];
    let footers = page_texts(pdf);
    let blocks = in_structure_order(pdf, false);
    let contents = blocks
        .iter()
        .position(|b| b.role == "H1" && b.text().trim() == "Contents")
        .unwrap();
    let bodies: Vec<usize> = (contents..blocks.len())
        .filter(|&i| blocks[i].role == "LBody")
        .collect();
    // One number one too high.
    let mut wrong = in_structure_order(pdf, false);
    let last = wrong[bodies[1]].lines.last_mut().unwrap();
    *last = (last.trim().parse::<usize>().unwrap() + 1).to_string();
    let faults = contents_faults(&wrong, &footers);
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(faults[0].contains("printed"), "{faults:?}");
    // An entry without a number (its words' last line read as the number).
    let mut missing = in_structure_order(pdf, false);
    missing[bodies[0]].lines.pop();
    assert!(!contents_faults(&missing, &footers).is_empty());
}
