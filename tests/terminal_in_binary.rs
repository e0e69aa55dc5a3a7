//! The terminal belongs to the binary: no source file the library compiles (everything under
//! `src/` but `src/main.rs`, `src/cli.rs` and `src/cli/`) prompts, probes for a terminal,
//! handles signals, prints or ends the process. A library function that needs to tell the
//! user something returns it, or says it through the `Prompter` it was given.
//!
//! The check reads the source text, so it runs in milliseconds and needs no build of the crate.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test here

use std::path::{Path, PathBuf};

/// Names the library may not use, each with what it is for.
const FORBIDDEN_NAMES: [(&str, &str); 5] = [
    ("inquire", "terminal prompts"),
    ("crossterm", "terminal control"),
    ("signal_hook", "signal handling"),
    ("is_terminal", "a terminal probe"),
    ("IsTerminal", "a terminal probe"),
];

/// Macros that write to standard output or standard error.
const FORBIDDEN_MACROS: [&str; 4] = ["println", "print", "eprintln", "eprint"];

/// Every `.rs` file under `folder`, in a stable order.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Whether the binary, not the library, compiles `relative` (a path under `src/`).
fn is_binary_source(relative: &Path) -> bool {
    relative == Path::new("main.rs")
        || relative == Path::new("cli.rs")
        || relative.starts_with("cli")
}

/// A line without its comment (`//` not part of an address such as `https://`).
fn code_of(line: &str) -> &str {
    let mut from = 0;
    while let Some(at) = line[from..].find("//") {
        let at = from + at;
        if !line[..at].ends_with(':') {
            return &line[..at];
        }
        from = at + 2;
    }
    line
}

/// What one line of code uses that the library may not, described.
fn forbidden_uses(line: &str) -> Vec<String> {
    let code = code_of(line);
    let mut found = Vec::new();
    let mut rest = code;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_alphanumeric() || c == '_')
            .unwrap_or(rest.len());
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        if let Some((_, what)) = FORBIDDEN_NAMES.iter().find(|(name, _)| *name == word) {
            found.push(format!("`{word}` ({what})"));
        }
        if after.starts_with('!') && FORBIDDEN_MACROS.contains(&word) {
            found.push(format!("`{word}!` (printing)"));
        }
        rest = after;
    }
    if code.contains("process::exit") {
        found.push("`process::exit` (ending the process)".into());
    }
    found
}

#[test]
fn the_library_has_no_terminal_prompts_signals_printing_or_exit() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in rust_files(&src) {
        let relative = path.strip_prefix(&src).unwrap();
        if is_binary_source(relative) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            for what in forbidden_uses(line) {
                problems.push(format!(
                    "src/{}:{}: {what}: the library leaves this to the binary (src/cli/)",
                    relative.display(),
                    number + 1
                ));
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} library files found under {src:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_kind_of_forbidden_use_is_found_and_comments_are_not() {
    let planted = [
        "use inquire::Select;",
        "let size = crossterm::terminal::size();",
        "use signal_hook::iterator::Signals;",
        "if std::io::stdin().is_terminal() {",
        "use std::io::{IsTerminal, Write};",
        "    eprintln!(\"{text}\");",
        "println!(\"x\");",
        "print!(\"x\");",
        "eprint!(\"x\");",
        "std::process::exit(2);",
    ];
    for line in planted {
        assert_eq!(forbidden_uses(line).len(), 1, "{line}");
    }
    for line in [
        "//! The terminal prompts (inquire) are the binary's.",
        "let note = \"see https://example.org\"; // println!(\"x\")",
        "let blueprint = sprint(x); let printed = 1;",
        "writeln!(out, \"{text}\")?;",
    ] {
        assert_eq!(forbidden_uses(line), Vec::<String>::new(), "{line}");
    }
    assert!(is_binary_source(Path::new("cli/questionnaire/terminal.rs")));
    assert!(!is_binary_source(Path::new("answer/mod.rs")));
}
