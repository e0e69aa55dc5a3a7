//! The fuzz targets' bodies (fuzz/common), run in every `cargo test` where `cargo fuzz` and
//! its nightly toolchain are not to be had: first over the bad-input corpus and the examples
//! as seeds, then over a fixed number of generated cases (a count, not a time, so a run is
//! reproducible and its length does not depend on the machine). Without `CI` a share of the
//! seeds and fewer cases of the costliest body run; CI runs them all.

#[path = "../../fuzz/common/mod.rs"]
mod common;

use proptest::prelude::*;

use crate::common::repo_path;

/// Generated cases per target, on top of the seeds.
const CASES: u32 = 32;

/// Generated cases for the controls body without `CI`: each case draws six reports in four
/// media (most of this file's time), so the everyday run tries a few and CI tries [`CASES`].
const CONTROLS_CASES_EVERYDAY: u32 = 4;

/// Every file of the bad-input corpus (answers, sheets, checklists) and the examples.
fn seeds() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for folder in [
        "tests/bad-inputs",
        "tests/bad-inputs/checklists",
        "examples",
    ] {
        let Ok(entries) = std::fs::read_dir(repo_path(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
                files.push(std::fs::read(&path).unwrap());
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "only {} seeds", files.len());
    files
}

/// A seed with a few bytes changed where `edits` says: near the corpus, where bugs are.
fn mutated(seed: &[u8], edits: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(at, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
        } else {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
    }
    bytes
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn controls_config() -> ProptestConfig {
    let full = crate::external::full(&format!(
        "the controls fuzz body on {CASES} generated texts (this run tries {CONTROLS_CASES_EVERYDAY})"
    ));
    ProptestConfig {
        cases: if full { CASES } else { CONTROLS_CASES_EVERYDAY },
        ..config()
    }
}

/// The issue's cases as seeds too: a NUL, escape sequences, numbers in text fields.
const ISSUE_CASES: [&[u8]; 4] = [
    b"checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\nanswers:\n  governance.written-mou: met\0\n",
    b"checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: \"\\e[2J\"\ndate: 2026-03-15\nanswers:\n  governance.written-mou:\n    status: partial\n    evidence: \"none\\e[1A\\e[2K\"\n",
    b"checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: 0x10\ndate: 0000-01-01\nanswers:\n  governance.written-mou:\n    status: 0x10\n    evidence: 12345678901234567890123\n---\n",
    b"\x1b]0;title\x07\x1b[2J\xc2\x9b\x7f",
];

#[test]
fn the_fuzz_bodies_hold_on_every_seed() {
    let mut seeds = seeds();
    // Without CI every fourth seed, spread over the whole sorted corpus; CI runs them all.
    let stride =
        if crate::external::full("the fuzz bodies on every seed (this run takes every fourth)") {
            1
        } else {
            4
        };
    seeds = seeds.into_iter().step_by(stride).collect();
    seeds.extend(ISSUE_CASES.iter().map(|c| c.to_vec()));
    for seed in &seeds {
        common::answers(seed);
        common::checklist(seed);
        common::compare(seed);
        common::sheet(&[[0u8].as_slice(), seed].concat());
        common::sheet(&[[1u8].as_slice(), seed].concat());
    }
    // Six reports in four media per case: the issue's cases, not the whole corpus.
    for case in ISSUE_CASES {
        common::controls(case);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn answers_body_holds_near_the_corpus(pick in any::<usize>(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6)) {
        let seeds = seeds();
        common::answers(&mutated(&seeds[pick % seeds.len()], &edits));
    }

    #[test]
    fn checklist_body_holds_near_the_corpus(pick in any::<usize>(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6)) {
        let seeds = seeds();
        common::checklist(&mutated(&seeds[pick % seeds.len()], &edits));
    }

    #[test]
    fn compare_body_holds_near_the_corpus(a in any::<usize>(), b in any::<usize>(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..4)) {
        let seeds = seeds();
        let first = mutated(&seeds[a % seeds.len()], &edits);
        let joined = [first.as_slice(), b"\n---8<---\n", &seeds[b % seeds.len()]].concat();
        common::compare(&joined);
    }

    #[test]
    fn sheet_body_holds_on_any_bytes_and_near_the_corpus(pick in any::<usize>(), kind in any::<u8>(), edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6), noise in prop::collection::vec(any::<u8>(), 0..64)) {
        let seeds = seeds();
        common::sheet(&[[kind].as_slice(), &mutated(&seeds[pick % seeds.len()], &edits)].concat());
        common::sheet(&[[kind].as_slice(), &noise].concat());
    }
}

proptest! {
    #![proptest_config(controls_config())]

    #[test]
    fn controls_body_holds_for_any_text(text in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f]|\\x1b\\[[0-9;]*[A-Za-z]|\\x1b\\][^\\x07]*\\x07){0,24}") {
        common::controls(text.as_bytes());
    }
}
