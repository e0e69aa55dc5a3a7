//! The whole `sro-assess report` process, start-up included, as a user runs it: the bundled
//! checklist with `examples/existing-program.yaml` (target: under 8 ms of CPU time to PDF) and
//! synthetic checklists of 100, 1,000 and 10,000 items (target: under 300 ms). Peak memory is
//! not measured here; `scripts/measure` prints it with `/usr/bin/time`. Run with
//! `cargo bench --bench process`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sro_assess::report::pdf::synthetic::{self, Spec};

fn main() {
    divan::main();
}

const BINARY: &str = env!("CARGO_BIN_EXE_sro-assess");
const FORMATS: [&str; 6] = ["pdf", "html", "txt", "md", "csv", "json"];

fn report(args: &[&Path], out: &Path) {
    let status = Command::new(BINARY)
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success(), "report failed");
}

fn output(dir: &Path, format: &str) -> PathBuf {
    // A fresh name each time would fill the folder; the atomic write replaces the file.
    dir.join(format!("report.{format}"))
}

#[divan::bench(args = FORMATS, sample_count = 30)]
fn bundled_checklist(bencher: divan::Bencher, format: &str) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let answers = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/existing-program.yaml");
    let out = output(dir.path(), format);
    bencher.bench(|| report(&[&answers], &out));
}

#[divan::bench(consts = [100, 1_000, 10_000], args = FORMATS, sample_count = 5)]
fn synthetic<const ITEMS: usize>(bencher: divan::Bencher, format: &str) {
    let spec = Spec {
        items: ITEMS,
        sections: 10,
        title_chars: 80,
        note_chars: 120,
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let checklist = dir.path().join("checklist.yaml");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&checklist, synthetic::checklist_yaml(spec)).expect("writes");
    std::fs::write(&answers, synthetic::answers_yaml(spec)).expect("writes");
    let out = output(dir.path(), format);
    let flag = Path::new("--checklist");
    bencher.bench(|| report(&[flag, &checklist, &answers], &out));
}
