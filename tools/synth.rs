//! Writes a synthetic checklist and answers file of any size, for measuring the tool at scale:
//!
//! ```sh
//! cargo run --release --example synth -- 10000 /tmp/synth-10000
//! sro-assess report /tmp/synth-10000/answers.yaml -o /tmp/synth-10000/report.pdf
//! ```
//!
//! The files come from the same generator as the PDF stress tests and benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use sro_assess::report::pdf::synthetic::{self, Spec};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(items), Some(folder)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!(
            "usage: synth ITEMS FOLDER   (writes FOLDER/checklist.yaml and FOLDER/answers.yaml)"
        );
        return ExitCode::from(2);
    };
    let spec = Spec {
        items,
        sections: (items / 10).clamp(1, 20),
        title_chars: 80,
        note_chars: 120,
    };
    let folder = PathBuf::from(folder);
    // The answers name their checklist `synthetic`: point them at the file beside them.
    let answers = synthetic::answers_yaml(spec).replacen(
        "checklist: synthetic",
        "checklist: checklist.yaml",
        1,
    );
    let written = std::fs::create_dir_all(&folder)
        .and_then(|()| {
            std::fs::write(
                folder.join("checklist.yaml"),
                synthetic::checklist_yaml(spec),
            )
        })
        .and_then(|()| std::fs::write(folder.join("answers.yaml"), answers));
    match written {
        Ok(()) => {
            println!("wrote {} items to {}", items, folder.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("synth: {}: {err}", folder.display());
            ExitCode::from(2)
        }
    }
}
