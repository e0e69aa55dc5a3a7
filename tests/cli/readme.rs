//! The README's command outputs are real: each block after a `<!-- output: ARGS -->` marker
//! must be what `sro-assess ARGS` prints today (stdout, then stderr); after
//! `<!-- output: ARGS (first N lines) -->`, its first N lines.
//! Refresh them with `UPDATE_README=1 cargo test --test cli readme`.

use crate::common::{repo_path, tool};

const MARKER: &str = "<!-- output: ";

/// Splits arguments on spaces, keeping "double quoted" words together.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    args.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        args.push(current);
    }
    args
}

fn output_of(args: &[String]) -> String {
    let output = tool().args(args).output().unwrap();
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text.trim_end().to_string()
}

/// `report x.yaml (first 60 lines)` -> (`report x.yaml`, Some(60)); no suffix keeps every line.
fn command_and_lines(marker: &str) -> (&str, Option<usize>) {
    marker
        .strip_suffix(" lines)")
        .and_then(|m| m.rsplit_once(" (first "))
        .and_then(|(command, n)| Some((command, Some(n.parse().ok()?))))
        .unwrap_or((marker, None))
}

/// The README with every marked block replaced by the command's current output.
fn refreshed(readme: &str) -> String {
    let mut out = String::new();
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(rest) = line.strip_prefix(MARKER) else {
            continue;
        };
        let (command, keep) = command_and_lines(rest.trim_end_matches("-->").trim());
        let args = split_args(command);
        // Skip the old block: its opening fence, body and closing fence.
        let fence = lines.next().unwrap_or("```text");
        for old in lines.by_ref() {
            if old == "```" {
                break;
            }
        }
        out.push_str(fence);
        out.push('\n');
        let output = output_of(&args);
        let shown: Vec<&str> = output.lines().take(keep.unwrap_or(usize::MAX)).collect();
        out.push_str(shown.join("\n").trim_end());
        out.push_str("\n```\n");
    }
    out
}

#[test]
fn readme_outputs_are_what_the_tool_prints_today() {
    let path = repo_path("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    assert!(
        readme.contains(MARKER),
        "the README shows no command output"
    );
    let fresh = refreshed(&readme);
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    if fresh != readme {
        let diff: Vec<String> = fresh
            .lines()
            .zip(readme.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}: README has\n  {b}\nthe tool prints\n  {a}", i + 1))
            .collect();
        panic!(
            "README outputs are stale; run UPDATE_README=1 cargo test --test cli readme\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn a_marker_may_keep_the_first_lines_only() {
    assert_eq!(
        command_and_lines("report a.yaml --width 100 (first 60 lines)"),
        ("report a.yaml --width 100", Some(60))
    );
    assert_eq!(
        command_and_lines("summary examples"),
        ("summary examples", None)
    );
}

#[test]
fn splits_quoted_arguments() {
    assert_eq!(
        split_args(r#"init --district "Example Area" -o x"#),
        ["init", "--district", "Example Area", "-o", "x"]
    );
}
