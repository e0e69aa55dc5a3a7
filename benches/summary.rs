//! `summary` over 1,000 made-up districts on the bundled checklist (target: under 1 s on the
//! 2-core development machine). Run with `cargo bench --bench summary`.
//!
//! - `from_files`: the whole command (`sro-assess summary --jobs N DIR`, process start-up
//!   included) on 1,000 files in a temporary folder, on one thread and on two: read, parse,
//!   validate, score, fold, render the table.
//! - `from_text`: the same without the file system and rendering.
//! - `fold_only`: folding 1,000 already-scored assessments into a summary.

use std::path::Path;

use divan::Bencher;
use sro_assess::compare::SummaryBuilder;
use sro_assess::compare::synthetic::synthetic_answers;
use sro_assess::load::{self, AnswersFile};
use sro_assess::model::Checklist;
use sro_assess::score::{self, Assessment};

const DISTRICTS: u64 = 1_000;

fn main() {
    divan::main();
}

fn checklist() -> Checklist {
    load::bundled_checklist("wi-sro-best-practices")
        .expect("the checklist is bundled")
        .expect("the bundled checklist is valid")
        .checklist
}

fn texts(checklist: &Checklist) -> Vec<String> {
    (0..DISTRICTS)
        .map(|seed| synthetic_answers(checklist, seed))
        .collect()
}

fn scored(checklist: &Checklist, text: &str) -> Assessment {
    let file = AnswersFile::from_text(text, Path::new("district.yaml")).expect("parses");
    let (answers, _) = file.validate(checklist).expect("validates");
    score::score(checklist, &answers, &file.hash)
}

#[divan::bench(sample_count = 5, sample_size = 1, args = [1, 2])]
fn from_files(bencher: Bencher, jobs: usize) {
    let checklist = checklist();
    let folder = tempfile::tempdir().expect("temporary folder");
    for (seed, text) in texts(&checklist).iter().enumerate() {
        let path = folder.path().join(format!("district-{seed:04}.yaml"));
        std::fs::write(path, text).expect("writes");
    }
    let folder_arg = folder.path().display().to_string();
    let jobs_arg = jobs.to_string();
    bencher.bench(|| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sro-assess"))
            .args(["summary", "--jobs", &jobs_arg, &folder_arg])
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        assert!(output.status.success(), "summary runs");
        output.stdout.len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn from_text(bencher: Bencher) {
    let checklist = checklist();
    let texts = texts(&checklist);
    bencher.bench(|| {
        let mut builder = SummaryBuilder::new(&checklist);
        for (n, text) in texts.iter().enumerate() {
            builder.add(&scored(&checklist, text), &n.to_string());
        }
        builder.finish()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn fold_only(bencher: Bencher) {
    let checklist = checklist();
    let assessments: Vec<Assessment> = texts(&checklist)
        .iter()
        .map(|text| scored(&checklist, text))
        .collect();
    bencher.bench(|| {
        let mut builder = SummaryBuilder::new(&checklist);
        for (n, assessment) in assessments.iter().enumerate() {
            builder.add(assessment, &n.to_string());
        }
        builder.finish()
    });
}
