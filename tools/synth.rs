//! Writes a synthetic checklist and answers file of any size, for measuring the tool at scale:
//!
//! ```sh
//! cargo run --release --example synth -- --items 10000 --out /tmp/synth-10000
//! sro-assess report /tmp/synth-10000/answers.yaml -o /tmp/synth-10000/report.pdf
//! cargo run --release --example synth -- --items 100 --districts 1000 --out /tmp/districts
//! sro-assess summary /tmp/districts/districts
//! ```
//!
//! The older positional form `synth ITEMS FOLDER` still works. The checklist and the single
//! answers file come from the same generator as the PDF stress tests and benchmarks; the
//! district files from the one behind `cargo bench --bench summary`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sro_assess::compare::synthetic::synthetic_answers;
use sro_assess::load;
use sro_assess::report::pdf::synthetic::{self, Spec};

const USAGE: &str = "usage: synth --items N --out FOLDER [--districts N]
       synth ITEMS FOLDER
writes FOLDER/checklist.yaml and FOLDER/answers.yaml; with --districts N also
FOLDER/districts/district-0001.yaml ... (answers files for N made-up districts)";

struct Args {
    items: usize,
    out: PathBuf,
    districts: usize,
}

fn parse_args(args: &[String]) -> Option<Args> {
    // The positional form, kept for the commands already written in the README.
    if let [items, folder] = args
        && !items.starts_with("--")
    {
        return Some(Args {
            items: items.parse().ok()?,
            out: PathBuf::from(folder),
            districts: 0,
        });
    }
    let (mut items, mut out, mut districts) = (None, None, 0);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next()?;
        match flag.as_str() {
            "--items" => items = Some(value.parse().ok()?),
            "--out" => out = Some(PathBuf::from(value)),
            "--districts" => districts = value.parse().ok()?,
            _ => return None,
        }
    }
    Some(Args {
        items: items?,
        out: out?,
        districts,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(args) = parse_args(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match write(&args) {
        Ok(()) => {
            println!(
                "wrote {} items and {} district files to {}",
                args.items,
                args.districts,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("synth: {}: {err}", args.out.display());
            ExitCode::from(2)
        }
    }
}

fn write(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let spec = Spec {
        items: args.items,
        sections: (args.items / 10).clamp(1, 20),
        title_chars: 80,
        note_chars: 120,
    };
    let folder = &args.out;
    let checklist = synthetic::checklist_yaml(spec);
    // The answers name their checklist `synthetic`: point them at the file beside them.
    let answers = synthetic::answers_yaml(spec).replacen(
        "checklist: synthetic",
        "checklist: checklist.yaml",
        1,
    );
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join("checklist.yaml"), &checklist)?;
    std::fs::write(folder.join("answers.yaml"), answers)?;
    if args.districts > 0 {
        let loaded = load::parse_checklist(&checklist, &folder.join("checklist.yaml"))?;
        let districts = folder.join("districts");
        std::fs::create_dir_all(&districts)?;
        // The district files sit one folder down, so they name the checklist `../`.
        let id_line = format!("checklist: {}\n", loaded.checklist.id);
        for seed in 1..=args.districts as u64 {
            let text = synthetic_answers(&loaded.checklist, seed).replacen(
                &id_line,
                "checklist: ../checklist.yaml\n",
                1,
            );
            std::fs::write(district_path(&districts, seed), text)?;
        }
    }
    Ok(())
}

fn district_path(folder: &Path, seed: u64) -> PathBuf {
    folder.join(format!("district-{seed:04}.yaml"))
}
