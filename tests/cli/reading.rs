//! Text read in structure order keeps its word boundaries: every PDF kind, on both papers, is
//! read back the way a screen reader or reflow reads it (structure tree → MCIDs → the marked
//! content's text, nothing added between lines), and no word is glued to the next one at a
//! line break. Poppler's text of the same files is checked too when it is installed.

use std::path::{Path, PathBuf};

use crate::external;
use crate::pdf_read::{Block, in_structure_order};

/// Words the sample documents break lines between, glued as they read before soft line
/// breaks kept their space.
const PAIRS: [(&str, &str); 3] = [("School", "Resource"), ("from", "lowest"), ("(the", "MOU)")];

/// The pairs glued: "SchoolResource".
fn glued_pairs() -> Vec<String> {
    PAIRS.iter().map(|(a, b)| format!("{a}{b}")).collect()
}

/// Every PDF kind the CLI writes, on `paper`, into `dir`.
fn every_kind(dir: &Path, paper: &str) -> Vec<PathBuf> {
    let committee: Vec<String> = std::fs::read_dir("examples/committee")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let mut committee: Vec<&str> = committee.iter().map(String::as_str).collect();
    committee.sort_unstable();
    let mut agenda = vec!["consensus"];
    agenda.extend(committee);
    let runs: [(&str, Vec<&str>); 6] = [
        ("report", vec!["report", "examples/existing-program.yaml"]),
        (
            "brief",
            vec!["report", "examples/existing-program.yaml", "--brief"],
        ),
        (
            "comparison",
            vec![
                "compare",
                "examples/option-a-contract-sro.yaml",
                "examples/option-b-mental-health.yaml",
                "examples/option-c-current-staff.yaml",
            ],
        ),
        ("summary", vec!["summary", "examples"]),
        ("worksheet", vec!["checklist", "show"]),
        ("agenda", agenda),
    ];
    runs.into_iter()
        .map(|(name, args)| {
            let out = dir.join(format!("{name}-{paper}.pdf"));
            crate::common::write_with(&args, &["--format", "pdf", "--paper", paper], &out)
        })
        .collect()
}

/// Where a block's reading glues two words: a line of several words (so it ended between
/// words, not inside one long word broken across lines) followed by the next line with
/// nothing between them.
fn glued_words(blocks: &[Block]) -> Vec<String> {
    let mut glued = Vec::new();
    for block in blocks {
        for pair in block.lines.windows(2) {
            let (line, next) = (&pair[0], &pair[1]);
            let several_words = line.split_whitespace().nth(1).is_some();
            let apart =
                line.ends_with(char::is_whitespace) || next.starts_with(char::is_whitespace);
            // A line that starts with punctuation (a link's closing "." or ")") follows on.
            let word_follows = next.starts_with(|c: char| c.is_alphanumeric() || c == '(');
            if several_words && !apart && word_follows {
                let last = line.split_whitespace().last().unwrap_or_default();
                let first = next.split_whitespace().next().unwrap_or_default();
                glued.push(format!("{}: {last}{first} ({line:?} {next:?})", block.role));
            }
        }
    }
    glued
}

/// Every way a reading falls short: glued words, known glued pairs, text that is not its
/// words with single spaces, and headings that read otherwise than their title.
fn reading_faults(blocks: &[Block]) -> Vec<String> {
    let mut faults = glued_words(blocks);
    for block in blocks {
        let text = block.text();
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.trim() != words {
            faults.push(format!("{}: not single-spaced: {text:?}", block.role));
        }
        for pair in glued_pairs() {
            if text.contains(&pair) {
                faults.push(format!("{}: {pair} in {text:?}", block.role));
            }
        }
        if let Some(title) = &block.title
            && block.role.starts_with('H')
            && title != &words
        {
            faults.push(format!("{}: reads {words:?}, titled {title:?}", block.role));
        }
    }
    faults
}

#[test]
fn every_pdf_reads_in_structure_order_with_its_words_apart() {
    let dir = tempfile::tempdir().unwrap();
    for paper in ["letter", "a4"] {
        for pdf in every_kind(dir.path(), paper) {
            let blocks = in_structure_order(&pdf, false);
            assert!(
                blocks.len() > 5,
                "{}: {} blocks",
                pdf.display(),
                blocks.len()
            );
            let faults = reading_faults(&blocks);
            assert!(
                faults.is_empty(),
                "{}:\n{}",
                pdf.display(),
                faults.join("\n")
            );
        }
    }
}

#[test]
fn the_reading_check_finds_words_glued_where_a_line_ends_without_its_space() {
    let dir = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
    for pdf in every_kind(dir.path(), "letter") {
        let faults = reading_faults(&in_structure_order(&pdf, true));
        assert!(!faults.is_empty(), "{}: nothing found", pdf.display());
        found.extend(faults);
    }
    for pair in glued_pairs() {
        assert!(
            found.iter().any(|f| f.contains(&pair)),
            "{pair} not found in:\n{}",
            found.join("\n")
        );
    }
}

/// Poppler lays text out by position, so the space at a line's end must not disturb it: the
/// pairs the reading above keeps apart are apart in pdftotext's text too, and no line of it
/// ends in a doubled space.
#[test]
fn poppler_reads_the_line_ends_as_word_breaks() {
    if !external::have(
        "pdftotext of the line ends kept apart",
        &[external::PDFTOTEXT],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for pdf in every_kind(dir.path(), "letter") {
        let text = external::run(external::PDFTOTEXT, &["-enc", "UTF-8"], &pdf, &["-"]);
        let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (a, b) in PAIRS {
            assert!(
                !text.contains(&format!("{a}{b}")),
                "{}: {a}{b}",
                pdf.display()
            );
            if squeezed.contains(&format!("{a} {b}")) {
                seen.push((a, b));
            }
        }
        assert!(
            !text.lines().any(|line| line.ends_with("  ")),
            "{}: a doubled space",
            pdf.display()
        );
    }
    for (a, b) in PAIRS {
        assert!(seen.contains(&(a, b)), "{a} {b} not in pdftotext's text");
    }
}
