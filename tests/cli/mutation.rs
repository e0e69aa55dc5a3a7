//! Random edits to valid files: the tool must answer with success or a clear error (exit 2),
//! never a panic and never a hang. Bounded in time so the suite stays quick.

use crate::common::{example_files, repo_path};

/// A small deterministic generator, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = rng.below(lines.len());
    match rng.below(9) {
        0 => {
            lines.remove(at);
        }
        1 => {
            let line = lines[at].clone();
            lines.insert(at, line);
        }
        2 => lines[at] = format!(" {}", lines[at]),
        3 => lines[at] = lines[at].trim_start().to_string(),
        4 => lines[at] = format!("\t{}", lines[at]),
        5 => {
            // Swap a value's type: text becomes a list, a mapping or a number.
            if let Some(colon) = lines[at].find(": ") {
                let replacement =
                    ["[a, b]", "{ x: 1 }", "12", "~", "\"", "*alias", "&anchor x"][rng.below(7)];
                lines[at] = format!("{}: {replacement}", &lines[at][..colon]);
            }
        }
        6 => {
            let keep = rng.below(text.len());
            let cut = (0..=keep)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            return text.as_bytes()[..cut].to_vec();
        }
        7 => {
            let mut bytes = lines.join("\n").into_bytes();
            let pos = rng.below(bytes.len());
            bytes.insert(pos, 0xff);
            return bytes;
        }
        _ => {
            let other = rng.below(lines.len());
            lines.swap(at, other);
        }
    }
    lines.join("\n").into_bytes()
}

/// How a run of the binary ended.
enum Ended {
    /// Exit 0 or 1.
    Normally,
    /// Exit 2, with what it printed on standard error.
    Refused(String),
    /// A panic (exit 101) or a signal: never acceptable.
    Crashed(String),
}

fn run_tool(args: &[&str]) -> Ended {
    let output = crate::common::tool()
        .args(&args[1..])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    match output.status.code() {
        Some(0 | 1) => Ended::Normally,
        Some(2) => Ended::Refused(stderr),
        _ => Ended::Crashed(format!("{:?}: {stderr}", output.status)),
    }
}

fn seeds() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = example_files()
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let checklist = repo_path("checklists/wi-sro-best-practices.yaml");
    files.push((
        checklist.display().to_string(),
        std::fs::read_to_string(&checklist).unwrap(),
    ));
    files
}

#[test]
fn random_edits_never_panic_or_hang() {
    let dir = tempfile::tempdir().unwrap();
    // A fixed number of cases from a fixed seed: the same inputs on every machine, however fast.
    // Each case starts the binary; without CI the first cases of the same sequence run.
    const CASES: usize = 150;
    const CASES_EVERYDAY: usize = 40;
    let cases = if crate::external::full(&format!(
        "random edits: {CASES} mutated inputs (this run tries the first {CASES_EVERYDAY})"
    )) {
        CASES
    } else {
        CASES_EVERYDAY
    };
    let mut rng = Rng(0x5eed_2026);
    let seeds = seeds();
    let answers_template = dir.path().join("template.yaml");
    assert!(matches!(
        run_tool(&[
            "sro-assess",
            "init",
            "--date",
            "2026-03-15",
            "-o",
            answers_template.to_str().unwrap(),
        ]),
        Ended::Normally
    ));
    let template = std::fs::read_to_string(&answers_template)
        .unwrap()
        .replace(":\n\n", ": met\n\n");
    let mut inputs = seeds.clone();
    inputs.push(("template".into(), template));
    let checklist_copy = dir.path().join("checklist.yaml");
    for runs in 0..cases {
        let (name, text) = &inputs[rng.below(inputs.len())];
        let is_checklist = name.ends_with("wi-sro-best-practices.yaml");
        let mutated = mutate(text, &mut rng);
        let target = if is_checklist {
            &checklist_copy
        } else {
            &dir.path().join("answers.yaml")
        };
        std::fs::write(target, &mutated).unwrap();
        let target_str = target.to_str().unwrap();
        let args: Vec<&str> = if is_checklist {
            vec![
                "sro-assess",
                "checklist",
                "show",
                target_str,
                "--format",
                "json",
            ]
        } else {
            vec![
                "sro-assess",
                "report",
                target_str,
                "--format",
                ["table", "markdown", "csv", "json"][runs % 4],
            ]
        };
        match run_tool(&args) {
            Ended::Crashed(how) => panic!(
                "crash on a mutation of {name} (run {runs}): {how}\n{}",
                String::from_utf8_lossy(&mutated)
            ),
            Ended::Refused(message) => {
                assert!(!message.trim().is_empty(), "empty error for {name}");
            }
            Ended::Normally => {}
        }
    }
}

#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.yaml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // mkfifo is part of coreutils on every CI machine; nothing to test without it.
    }
    let Ended::Refused(message) = run_tool(&["sro-assess", "validate", fifo.to_str().unwrap()])
    else {
        panic!("a named pipe must be refused with exit 2");
    };
    assert!(message.contains("named pipe"), "{message}");
}
