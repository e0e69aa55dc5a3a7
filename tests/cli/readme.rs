//! The command outputs in README.md and docs/*.md are real: each block after a
//! `<!-- output: ARGS -->` marker must be what `sro-assess ARGS` prints today (stdout, then
//! stderr); after `<!-- output: ARGS (first N lines) -->`, its first N lines.
//! Refresh them with `UPDATE_README=1 cargo test --test cli readme`.
//!
//! The rule that keeps shown output from going stale unchecked: every ```` ```text ```` block,
//! and every fenced block with no language, must come right after an output marker. Commands
//! to type go in ```` ```sh ````/```` ```powershell ```` blocks, files in ```` ```yaml ````.
//! The one exception is a measurement transcript in docs/performance.md, after a
//! `<!-- measured: ... -->` marker that says where it comes from.

use crate::common::{repo_path, tool};

const MARKER: &str = "<!-- output: ";
const MEASURED: &str = "<!-- measured: ";

/// The pages whose outputs are checked: the README and every page of the guide.
fn pages() -> Vec<std::path::PathBuf> {
    let mut pages = vec![repo_path("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(repo_path("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The fenced blocks that show output without a marker above them: (line number, fence).
/// `measured` allows a `<!-- measured: -->` marker (docs/performance.md only).
fn unmarked_output_blocks(page: &str, measured: bool) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut inside = false;
    let mut previous = "";
    for (i, line) in page.lines().enumerate() {
        let fence = line.trim_start();
        if let Some(info) = fence.strip_prefix("```") {
            if inside {
                inside = false;
            } else {
                inside = true;
                let shows_output = matches!(info.trim(), "" | "text" | "console" | "output");
                let above = previous.trim_start();
                let marked = above.starts_with(MARKER) || (measured && above.starts_with(MEASURED));
                if shows_output && !marked {
                    found.push((i + 1, line.to_string()));
                }
            }
        }
        previous = line;
    }
    found
}

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

/// The page with every marked block replaced by the command's current output. A marker
/// indented under a list item keeps its block at the same indent.
fn refreshed(readme: &str) -> String {
    let mut out = String::new();
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let text = line.trim_start();
        let indent = &line[..line.len() - text.len()];
        let Some(rest) = text.strip_prefix(MARKER) else {
            continue;
        };
        let (command, keep) = command_and_lines(rest.trim_end_matches("-->").trim());
        let args = split_args(command);
        // Skip the old block: its opening fence, body and closing fence.
        let fence = lines.next().unwrap_or("```text");
        for old in lines.by_ref() {
            if old.trim() == "```" {
                break;
            }
        }
        out.push_str(fence);
        out.push('\n');
        let output = output_of(&args);
        let mut shown: Vec<&str> = output.lines().take(keep.unwrap_or(usize::MAX)).collect();
        while shown.last().is_some_and(|line| line.trim().is_empty()) {
            shown.pop();
        }
        for shown in shown {
            if !shown.is_empty() {
                out.push_str(indent);
            }
            out.push_str(shown.trim_end());
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str("```\n");
    }
    out
}

#[test]
fn readme_outputs_are_what_the_tool_prints_today() {
    let mut problems = Vec::new();
    for path in pages() {
        let name = path
            .strip_prefix(repo_path(""))
            .unwrap_or(&path)
            .display()
            .to_string();
        let page = std::fs::read_to_string(&path).unwrap();
        let measured = name.ends_with("performance.md");
        for (line, fence) in unmarked_output_blocks(&page, measured) {
            problems.push(format!(
                "{name}:{line}: `{fence}` shows output without `<!-- output: ARGS -->` above it; \
                 mark it, or fence a command to type as ```sh"
            ));
        }
        if !page.contains(MARKER) {
            continue;
        }
        let fresh = refreshed(&page);
        if std::env::var_os("UPDATE_README").is_some() {
            if fresh != page {
                std::fs::write(&path, &fresh).unwrap();
            }
            continue;
        }
        if fresh != page {
            let diff: Vec<String> = fresh
                .lines()
                .zip(page.lines())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .take(5)
                .map(|(i, (a, b))| {
                    format!(
                        "{name}:{}: the page has\n  {b}\nthe tool prints\n  {a}",
                        i + 1
                    )
                })
                .collect();
            problems.push(format!(
                "{name}: outputs are stale; run UPDATE_README=1 cargo test --test cli readme\n{}",
                diff.join("\n")
            ));
        }
    }
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    assert!(
        readme.contains(MARKER),
        "the README shows no command output"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The bundled checklist's version, as `checklist list` prints it: `(version 2026.3, ...`.
fn bundled_version() -> String {
    let list = output_of(&["checklist".into(), "list".into()]);
    let (_, rest) = list.split_once("(version ").unwrap();
    rest.split_once(',').unwrap().0.to_string()
}

/// An answers file shown by hand (not as output) must name the version `init` writes today.
#[test]
fn readme_every_checklist_version_shown_is_the_current_one() {
    let current = bundled_version();
    let mut stale = Vec::new();
    for path in pages() {
        let page = std::fs::read_to_string(&path).unwrap();
        for (i, line) in page.lines().enumerate() {
            let Some((_, rest)) = line.split_once("checklist_version: \"") else {
                continue;
            };
            let shown = rest.split('"').next().unwrap_or_default();
            if shown != current {
                stale.push(format!("{}:{}: {shown}", path.display(), i + 1));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "checklist_version shown is not {current}, what init writes today:\n{}",
        stale.join("\n")
    );
}

/// Every relative link between the README and the guide names a file that exists, and a
/// `#anchor` a heading of it.
#[test]
fn readme_relative_links_reach_their_page_and_heading() {
    let mut broken = Vec::new();
    for path in pages() {
        let page = std::fs::read_to_string(&path).unwrap();
        let folder = path.parent().unwrap();
        for link in page
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split_once(')'))
        {
            let target = link.0;
            if target.contains("://") || !target.contains(".md") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let Ok(linked) = std::fs::read_to_string(folder.join(file)) else {
                broken.push(format!("{}: {target}", path.display()));
                continue;
            };
            let slugs: Vec<String> = linked
                .lines()
                .filter_map(|l| l.strip_prefix('#'))
                .map(|h| {
                    h.trim_start_matches('#')
                        .trim()
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                        .map(|c| if c == ' ' { '-' } else { c })
                        .collect()
                })
                .collect();
            if !anchor.is_empty() && !slugs.iter().any(|s| s == anchor) {
                broken.push(format!("{}: {target} (no such heading)", path.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The commands `sro-assess --help` lists (without `help`).
fn commands() -> Vec<String> {
    let help = output_of(&["--help".into()]);
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description wrapped onto the next line is indented further than a command.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The reference names every command, and every `--flag` the README mentions is one that some
/// command's `--help` lists, so no step of the workflow asks for an option that does not exist.
#[test]
fn readme_reference_names_every_command_and_the_readme_only_real_flags() {
    let reference = std::fs::read_to_string(repo_path("docs/reference.md")).unwrap();
    let commands = commands();
    assert!(commands.len() >= 8, "{commands:?}");
    let mut help = output_of(&["--help".into()]);
    for command in &commands {
        assert!(
            reference.contains(&format!("| `{command}"))
                || reference.contains(&format!("`{command} ")),
            "docs/reference.md does not list `{command}`"
        );
        help.push_str(&output_of(&[command.clone(), "--help".into()]));
        if command == "checklist" {
            for sub in ["list", "show", "lint"] {
                help.push_str(&output_of(&[command.clone(), sub.into(), "--help".into()]));
            }
        }
    }
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    let mut unknown = Vec::new();
    for (at, _) in readme.match_indices(" --") {
        let flag: String = readme[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if flag.len() > 2
            && !help.contains(&format!("{flag} "))
            && !help.contains(&format!("{flag}\n"))
        {
            unknown.push(flag);
        }
    }
    // Other programs' options: `cargo run --release`, `cargo install --path`, `qpdf --check`.
    unknown.retain(|f| !["--release", "--path", "--check"].contains(&f.as_str()));
    assert!(
        unknown.is_empty(),
        "the README mentions options no command has: {unknown:?}"
    );
}

#[test]
fn readme_an_unmarked_output_block_is_caught() {
    let page = "Run it:\n\n```sh\nsro-assess validate a.yaml\n```\n\n\
                It prints:\n\n```text\na.yaml: valid\n```\n\n\
                <!-- output: validate a.yaml -->\n```text\na.yaml: valid\n```\n\n\
                ```\nbare\n```\n";
    assert_eq!(
        unmarked_output_blocks(page, false),
        [(9, "```text".to_string()), (18, "```".to_string())]
    );
    let measured = "<!-- measured: scripts/measure -->\n```text\nx\n```\n";
    assert_eq!(unmarked_output_blocks(measured, true), []);
    assert_eq!(unmarked_output_blocks(measured, false).len(), 1);
}

#[test]
fn readme_every_docs_page_is_in_the_index_and_linked() {
    let index = std::fs::read_to_string(repo_path("docs/README.md")).unwrap();
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    assert!(
        readme.contains("(docs/README.md)"),
        "the README links the guide's index"
    );
    assert!(
        readme.lines().count() < 400,
        "the README stays under 400 lines"
    );
    for path in pages().iter().skip(1) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file == "README.md" {
            continue;
        }
        assert!(
            index.contains(&format!("({file})")),
            "docs/README.md does not list {file}"
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
