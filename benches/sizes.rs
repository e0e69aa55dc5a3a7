//! How time grows with the checklist: load + validate + score, and each format's rendering,
//! for synthetic checklists of 100, 1,000 and 10,000 items; and validation of an answers file
//! whose every item id is mistyped (the nearest-id suggestion must stay linear).
//! Run with `cargo bench --bench sizes`.

use std::path::Path;

use sro_assess::load::{self, AnswersFile};
use sro_assess::report::pdf::synthetic::{self, Spec};
use sro_assess::report::{self, Format, RenderOptions};
use sro_assess::score::{self, Assessment};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn spec(items: usize) -> Spec {
    Spec {
        items,
        sections: 10,
        title_chars: 80,
        note_chars: 120,
    }
}

fn load_and_score(checklist: &str, answers: &str) -> Assessment {
    let loaded = load::parse_checklist(checklist, Path::new("c.yaml")).expect("valid checklist");
    let file = AnswersFile::from_text(answers, Path::new("a.yaml")).expect("parses");
    let (answers, _) = file.validate(&loaded.checklist).expect("valid answers");
    score::score(&loaded.checklist, &answers, &file.hash)
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_validate_score(bencher: divan::Bencher, items: usize) {
    let (checklist, answers) = (
        synthetic::checklist_yaml(spec(items)),
        synthetic::answers_yaml(spec(items)),
    );
    bencher.bench(|| load_and_score(divan::black_box(&checklist), divan::black_box(&answers)));
}

fn render(bencher: divan::Bencher, items: usize, format: Format) {
    let assessment = synthetic::assessment(spec(items)).expect("valid");
    let options = RenderOptions {
        width: Some(100),
        ..RenderOptions::default()
    };
    bencher.bench(|| {
        report::render(
            report::Subject::Assessment(divan::black_box(&assessment)),
            format,
            &options,
        )
        .expect("renders")
        .bytes
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render_table(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Table);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render_markdown(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Markdown);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render_csv(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Csv);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render_json(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Json);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn render_html(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Html);
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn render_pdf(bencher: divan::Bencher, items: usize) {
    render(bencher, items, Format::Pdf);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn validate_every_id_mistyped(bencher: divan::Bencher, items: usize) {
    let loaded =
        load::parse_checklist(&synthetic::checklist_yaml(spec(items)), Path::new("c.yaml"))
            .expect("valid");
    // `s3.item42` becomes `s3.itme42`: close to a real id, so every one gets a suggestion.
    let answers = synthetic::answers_yaml(spec(items)).replace(".item", ".itme");
    // Parsing is inside the loop: the positions that place each error are indexed on demand.
    bencher.bench(|| {
        let file = AnswersFile::from_text(divan::black_box(&answers), Path::new("a.yaml"))
            .expect("parses");
        let errors = file
            .validate(&loaded.checklist)
            .expect_err("every id is unknown");
        divan::black_box(errors);
    });
}
