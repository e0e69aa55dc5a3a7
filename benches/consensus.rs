//! `consensus` for a large committee: twelve members' answers to a synthetic 1,000-item
//! checklist (target: well under a second on the 2-core development machine). Run with
//! `cargo bench --bench consensus`.
//!
//! - `core`: the consensus of twelve validated answers files (proposal, flags, alpha, groups).
//! - `command`: the whole `sro-assess consensus` process on twelve files, start-up included:
//!   read, validate, compare, render the agenda as a table and as a PDF.

use std::path::{Path, PathBuf};

use sro_assess::compare::synthetic::synthetic_answers;
use sro_assess::consensus::{self, Member};
use sro_assess::load::{self, AnswersFile};
use sro_assess::model::{Answers, Checklist};
use sro_assess::report::pdf::synthetic::{self, Spec};

fn main() {
    divan::main();
}

const MEMBERS: u64 = 12;
const GROUPS: [&str; 4] = ["district staff", "law enforcement", "family", "student"];

fn spec() -> Spec {
    Spec {
        items: 1_000,
        sections: 10,
        title_chars: 80,
        note_chars: 120,
    }
}

/// Twelve members of one district: the synthetic answers with the district made the same.
fn member_texts(checklist: &Checklist) -> Vec<String> {
    (0..MEMBERS)
        .map(|seed| {
            synthetic_answers(checklist, seed)
                .lines()
                .map(|line| match line.starts_with("district:") {
                    true => "district: Example Area School District".to_string(),
                    false => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn checklist() -> (String, Checklist) {
    let text = synthetic::checklist_yaml(spec());
    let loaded = load::parse_checklist(&text, Path::new("checklist.yaml")).expect("valid");
    (text, loaded.checklist)
}

#[divan::bench(sample_count = 10)]
fn core(bencher: divan::Bencher) {
    let (_, checklist) = checklist();
    let answers: Vec<Answers> = member_texts(&checklist)
        .iter()
        .map(|text| {
            let file = AnswersFile::from_text(text, Path::new("member.yaml")).expect("parses");
            file.validate(&checklist).expect("validates").0
        })
        .collect();
    let profile = checklist.profile("all").expect("the synthetic profile");
    let members: Vec<Member> = answers
        .iter()
        .enumerate()
        .map(|(n, answers)| Member {
            rater: GROUPS[n % GROUPS.len()],
            group: Some(GROUPS[n % GROUPS.len()]),
            file: "member.yaml",
            answers,
        })
        .collect();
    bencher.bench(|| consensus::consensus(&checklist, profile, &members, 1));
}

#[divan::bench(args = ["txt", "pdf"], sample_count = 5)]
fn command(bencher: divan::Bencher, format: &str) {
    let (text, checklist) = checklist();
    let dir = tempfile::tempdir().expect("temporary folder");
    let checklist_path = dir.path().join("checklist.yaml");
    std::fs::write(&checklist_path, text).expect("writes");
    let files: Vec<PathBuf> = member_texts(&checklist)
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let path = dir.path().join(format!("member-{n:02}.yaml"));
            std::fs::write(&path, text).expect("writes");
            path
        })
        .collect();
    let out = dir.path().join(format!("agenda.{format}"));
    bencher.bench(|| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sro-assess"))
            .arg("consensus")
            .arg("--checklist")
            .arg(&checklist_path)
            .args(&files)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    });
}
