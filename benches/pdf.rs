//! Rendering time of the PDF report: the bundled checklist (target under 20 ms) and a
//! 1,000-item synthetic checklist (target under 200 ms). Run with `cargo bench --bench pdf`.

use std::path::Path;

use sro_assess::load;
use sro_assess::report::pdf::synthetic::{self, Spec};
use sro_assess::report::{self, Format, RenderOptions};
use sro_assess::score::{self, Assessment};

fn main() {
    divan::main();
}

/// Every item of the bundled checklist answered, cycling through the statuses, with notes.
fn bundled() -> Assessment {
    let loaded = load::bundled_checklist("wi-sro-best-practices")
        .expect("bundled")
        .expect("valid");
    let mut text = String::from(
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: Benchmark School District\ndate: 2026-03-15\nanswers:\n",
    );
    let items = loaded.checklist.sections.iter().flat_map(|s| &s.items);
    for (n, item) in items.enumerate() {
        let entry = match n % 4 {
            0 => format!("  {}: met\n", item.id),
            1 => format!(
                "  {}:\n    status: partial\n    evidence: Signed MOU\n    note: Under review\n    owner: Principal\n    due: 2026-06-30\n",
                item.id
            ),
            2 => format!("  {}: not_met\n", item.id),
            _ => String::new(),
        };
        text.push_str(&entry);
    }
    let file = load::AnswersFile::from_text(&text, Path::new("bench.yaml")).expect("parses");
    let (answers, _) = file.validate(&loaded.checklist).expect("valid");
    score::score(&loaded.checklist, &answers, &file.hash)
}

fn render(assessment: &Assessment) -> Vec<u8> {
    report::render(
        report::Subject::Assessment(assessment),
        Format::Pdf,
        &RenderOptions::default(),
    )
    .expect("renders")
    .bytes
}

#[divan::bench(sample_count = 20)]
fn bundled_checklist(bencher: divan::Bencher) {
    let assessment = bundled();
    bencher.bench(|| render(divan::black_box(&assessment)));
}

#[divan::bench(sample_count = 10)]
fn synthetic_1000_items(bencher: divan::Bencher) {
    let assessment = synthetic::assessment(Spec {
        items: 1000,
        sections: 10,
        title_chars: 90,
        note_chars: 250,
    })
    .expect("valid");
    bencher.bench(|| render(divan::black_box(&assessment)));
}
