//! Synthetic checklists and answers of any size, for the layout stress tests and the benchmark.
//! Built as YAML text and loaded through the public API, so they are what a user could write.

use std::path::Path;

use crate::error::Result;
use crate::load;
use crate::score::{self, Assessment};

/// The shape of a synthetic assessment.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of items.
    pub items: usize,
    /// Number of sections the items are spread over.
    pub sections: usize,
    /// Length of every item title, in characters.
    pub title_chars: usize,
    /// Length of every evidence, note and internal note, in characters.
    pub note_chars: usize,
}

/// Text of exactly `chars` characters: words of varied length, a few characters outside
/// WinAnsi, and one unbroken 120-character token that must be split to fit a line.
pub fn filler(seed: usize, chars: usize) -> String {
    const WORDS: [&str; 12] = [
        "school",
        "resource",
        "officer",
        "memorandum",
        "understanding",
        "niñez",
        "“board”",
        "district",
        "—",
        "restorative",
        "→",
        "Pa Nhia Xiong",
    ];
    let mut text = String::new();
    let mut i = seed;
    while text.chars().count() < chars {
        if i % 37 == 5 {
            text.push_str(&"https://example.org/very/long/path/".repeat(4));
        } else {
            text.push_str(WORDS[i % WORDS.len()]);
        }
        text.push(' ');
        i += 1;
    }
    text.chars()
        .take(chars)
        .collect::<String>()
        .trim()
        .to_string()
}

fn quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// The checklist YAML.
pub fn checklist_yaml(spec: Spec) -> String {
    let sections = spec.sections.max(1);
    let mut y = String::from(
        "id: synthetic\ntitle: Synthetic checklist\nversion: \"1\"\n\
         scale:\n  - { value: met, label: In place, credit: 1.0 }\n  - { value: partial, label: Partly in place, credit: 0.5 }\n  - { value: not_met, label: Not in place, credit: 0.0 }\n  - { value: na, label: Not applicable, credit: null }\n\
         weights: { critical: 5, high: 3, medium: 2, low: 1 }\n\
         bands:\n  - { min: 90, label: Strong }\n  - { min: 50, label: Developing }\n  - { min: 0, label: Beginning }\n\
         profiles:\n  - { id: all, title: Every item }\n\
         sources:\n",
    );
    for s in 0..3 {
        y.push_str(&format!(
            "  - {{ id: src{s}, title: {}, publisher: Publisher {s}, year: 2024, url: \"https://example.org/{}\" }}\n",
            quoted(&filler(s, 90)),
            "a/".repeat(60 + s)
        ));
    }
    y.push_str("sections:\n");
    let priorities = ["critical", "high", "medium", "low"];
    let responsible = ["district", "law_enforcement", "joint"];
    for s in 0..sections {
        y.push_str(&format!(
            "  - id: s{s}\n    title: {}\n    items:\n",
            quoted(&filler(s, 60))
        ));
        for i in (0..spec.items).filter(|i| i % sections == s) {
            y.push_str(&format!(
                "      - id: s{s}.item{i}\n        title: {}\n        guidance: Look.\n        priority: {}\n        responsible: {}\n        in_mou: {}\n        recommendation: {}\n        sources: [{{ source: src{} }}]\n",
                quoted(&filler(i, spec.title_chars)),
                priorities[i % 4],
                responsible[i % 3],
                i % 2 == 0,
                quoted(&filler(i + 3, 160)),
                i % 3
            ));
        }
    }
    y
}

/// The answers YAML: every status, unanswered items, long notes, owners and due dates.
pub fn answers_yaml(spec: Spec) -> String {
    let sections = spec.sections.max(1);
    let mut y = String::from(
        "checklist: synthetic\nprofile: all\ndistrict: Synthetic School District\nlabel: Stress test\ndate: 2026-03-15\nprepared_by: Test\nanswers:\n",
    );
    for i in 0..spec.items {
        let id = format!("s{}.item{i}", i % sections);
        let note = quoted(&filler(i + 7, spec.note_chars));
        match i % 5 {
            0 => y.push_str(&format!("  {id}: met\n")),
            1 => y.push_str(&format!(
                "  {id}:\n    status: partial\n    evidence: {note}\n    note: {note}\n    internal_note: {note}\n    owner: {}\n    due: 2026-{:02}-{:02}\n",
                quoted(&filler(i, 40)),
                i % 12 + 1,
                i % 28 + 1
            )),
            2 => y.push_str(&format!("  {id}:\n    status: not_met\n    note: {note}\n")),
            3 => y.push_str(&format!("  {id}:\n    status: na\n    note: {note}\n")),
            _ => {} // unanswered
        }
    }
    y
}

/// Loads and scores the synthetic checklist and answers.
pub fn assessment(spec: Spec) -> Result<Assessment> {
    let loaded = load::parse_checklist(&checklist_yaml(spec), Path::new("synthetic.yaml"))?;
    let file = load::AnswersFile::from_text(&answers_yaml(spec), Path::new("answers.yaml"))?;
    let (answers, _warnings) = file.validate(&loaded.checklist)?;
    Ok(score::score(&loaded.checklist, &answers, &file.hash))
}
