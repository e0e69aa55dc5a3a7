//! Nothing is read or shown differently from what the file says: control characters are
//! refused in inputs and shown visibly in output.

use crate::common::{repo_path, tool};

/// The first evidence value of the existing-program example with one NUL after it.
fn example_with_a_nul(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo_path("examples/existing-program.yaml")).unwrap();
    let at = text.find("evidence: ").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let cut = format!("{}\0{}", &text[..end], &text[end..]);
    let path = dir.join("nul.yaml");
    std::fs::write(&path, cut).unwrap();
    path
}

#[test]
fn a_nul_byte_is_refused_by_every_command_not_read_as_the_end_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_with_a_nul(dir.path());
    for command in ["validate", "report", "summary"] {
        let output = tool().arg(command).arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}:\n{stderr}");
        assert!(
            stderr.contains("nul.yaml:"),
            "{command}: no position in\n{stderr}"
        );
        assert!(stderr.contains("U+0000 (NUL)"), "{command}:\n{stderr}");
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains('%'),
            "{command} scored it"
        );
    }
}

/// An answers file whose free text holds escape sequences (written as YAML escapes, which
/// the file may hold): erase lines, set the window title, clear the screen.
const ESCAPES: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
    district: \"Evil\\e]0;pwned\\a District\\e[2J\"\ndate: 2026-03-15\nanswers:\n  \
    governance.written-mou:\n    status: partial\n    evidence: \"none\\e[1A\\e[2K\\e[1A\\e[2K\"\n  \
    governance.mou-goals:\n    status: not_met\n    note: \"\\e[31mred\\e[0m\\u009b2J\\x7f\"\n";

/// No control character but tab and newline (and no C1) in `text`.
fn assert_no_controls(what: &str, text: &str) {
    let found: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(found.is_empty(), "{what}: raw {found:?} in:\n{text}");
}

#[test]
fn escape_sequences_in_text_fields_and_file_names_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("esc.yaml"), ESCAPES).unwrap();
    // A file name with an escape sequence, where the file system allows one.
    let odd_name = "e\u{1b}[2Jx.yaml";
    let odd = std::fs::write(dir.path().join(odd_name), ESCAPES).is_ok();
    let second = if odd { odd_name } else { "esc.yaml" };
    for args in [
        &["report", "esc.yaml"][..],
        &["report", "esc.yaml", "--format", "markdown"],
        &[
            "report", "esc.yaml", "--format", "table", "--color", "never",
        ],
        &["compare", "esc.yaml", second],
        &["compare", "esc.yaml", second, "--format", "markdown"],
        &["summary", "."],
        &["summary", ".", "--format", "markdown", "-v"],
        &["validate", second],
    ] {
        let output = tool().current_dir(dir.path()).args(args).output().unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_no_controls(&format!("{args:?} stdout"), &stdout);
        assert_no_controls(
            &format!("{args:?} stderr"),
            &String::from_utf8(output.stderr).unwrap(),
        );
        if args[0] == "validate" {
            assert!(
                !odd || stdout.starts_with(r"e\e[2Jx.yaml: valid"),
                "{stdout}"
            );
            continue;
        }
        // Shown, in the medium's own escaping (Markdown doubles the backslash).
        assert!(
            stdout.contains(r"Evil\e]0;pwnedU+0") || stdout.contains(r"Evil\\e\]0;pwnedU+0"),
            "{args:?}:\n{stdout}"
        );
    }
}

#[test]
fn messages_quote_a_value_with_an_escape_sequence_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    std::fs::write(
        &path,
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\n\
         date: 2026-03-15\nanswers:\n  governance.written-mou: \"\\e[2Jmet\"\n",
    )
    .unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_no_controls("validate", &stderr);
    assert!(stderr.contains(r"unknown status `\e[2Jmet`"), "{stderr}");
}

/// The corpus sheet with one answered row whose evidence has a dash and a curly apostrophe.
fn sheet_with_evidence(evidence: &str) -> String {
    let text = std::fs::read_to_string(repo_path("tests/bad-inputs/151-sheet-unknown-status.csv"))
        .unwrap();
    let row = "governance.written-mou,,,,,,Partially in place,,";
    assert!(text.contains(row));
    text.replace(
        row,
        &format!("governance.written-mou,,,,,,Partly in place,{evidence},"),
    )
}

#[test]
fn a_macroman_or_windows_1252_csv_reads_as_typed_and_the_encoding_is_named() {
    let evidence = "Signed 2025-08-01 \u{2014} on file with the board\u{2019}s clerk";
    for (encoding, name) in [
        (encoding_rs::MACINTOSH, "MacRoman"),
        (encoding_rs::WINDOWS_1252, "Windows-1252"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let sheet = sheet_with_evidence(evidence);
        let (bytes, _, lossy) = encoding.encode(&sheet);
        assert!(!lossy);
        std::fs::write(dir.path().join("sheet.csv"), &bytes).unwrap();
        let output = tool()
            .current_dir(dir.path())
            .args(["report", "sheet.csv", "--format", "markdown"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains(evidence), "{name}:\n{stdout}");
        assert!(
            stderr.contains(&format!(
                "sheet.csv: cell A1: warning: the CSV file is not UTF-8 text; it was read as {name}"
            )),
            "{name}:\n{stderr}"
        );
    }
}

#[test]
fn a_utf16_csv_without_a_byte_order_mark_is_read_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = sheet_with_evidence("on file")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("sheet.csv"), &bytes).unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["validate", "sheet.csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("it was read as UTF-16 LE"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn summary_names_each_folder_entry_it_leaves_out_and_counts_it_as_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    std::fs::copy(
        repo_path("examples/existing-program.yaml"),
        folder.join("a.yaml"),
    )
    .unwrap();
    std::fs::copy(folder.join("a.yaml"), folder.join(".hidden.yaml")).unwrap();
    std::os::unix::fs::symlink("nowhere.yaml", folder.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", folder.join("loop.yaml")).unwrap();
    std::fs::create_dir(folder.join("x.yaml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(folder.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let expected = [
        (".hidden.yaml", "a hidden file"),
        (
            "dangling.yaml",
            "a symbolic link to a file that does not exist",
        ),
        ("loop.yaml", "a symbolic link that cannot be followed"),
        ("x.yaml", "a folder, not a file"),
        ("pipe.yaml", "a named pipe, not a file"),
    ];
    let count = expected.len() - usize::from(!fifo);
    for verbose in [false, true] {
        let mut command = tool();
        command
            .current_dir(folder)
            .args(["summary", ".", "--format", "json"]);
        if verbose {
            command.arg("-v");
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        for (name, reason) in &expected[..count] {
            let line = format!("./{name}: warning: left out: {reason}");
            assert_eq!(stderr.matches(&line).count(), 1, "{line} in:\n{stderr}");
        }
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["skipped"], count, "{json}");
    }
}

#[test]
fn numbers_in_text_fields_are_kept_as_typed_and_quoted_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let head = "checklist: wi-sro-best-practices\nprofile: existing-program\ndate: 2026-03-15\n";
    std::fs::write(
        dir.path().join("n.yaml"),
        format!(
            "{head}district: 0x10\nanswers:\n  governance.written-mou:\n    status: partial\n    \
             evidence: 2.10\n    note: 12345678901234567890123\n"
        ),
    )
    .unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["report", "n.yaml", "--format", "markdown"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    for typed in [
        "**0x10**",
        "Evidence: 2.10\n",
        "Note: 12345678901234567890123\n",
    ] {
        assert!(stdout.contains(typed), "no `{typed}` in:\n{stdout}");
    }
    std::fs::write(
        dir.path().join("s.yaml"),
        format!("{head}district: X\nanswers:\n  governance.written-mou: 0x10\n"),
    )
    .unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["validate", "s.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("s.yaml:6:27: error: unknown status `0x10`"),
        "{stderr}"
    );
}

#[test]
fn init_to_standard_output_ignores_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("-"), "kept").unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["init", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("# sro-assess answers file")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("-")).unwrap(),
        "kept"
    );
}

#[test]
fn init_refuses_a_blank_district_instead_of_writing_a_template_validate_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let output = tool()
        .current_dir(dir.path())
        .args(["init", "--district", "   ", "-o", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the district's name is blank"));
    assert!(!dir.path().join("a.yaml").exists());
}

#[test]
fn init_refuses_a_sheet_template_that_import_could_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let base =
        std::fs::read_to_string(repo_path("tests/bad-inputs/checklists/small-base.yaml")).unwrap();
    let head = base[..base.find("sections:").unwrap()].replace(
        "  - { id: records-only, title: Records only, include: [records.*] }\n",
        "",
    );
    let mut text = format!("{head}sections:\n  - id: mou\n    title: MOU\n    items:\n");
    for n in 0..10_000 {
        text.push_str(&format!(
            "      - {{ id: mou.item-{n}, title: T, guidance: g, priority: low, responsible: joint, \
             recommendation: r, sources: [{{ source: src }}] }}\n"
        ));
    }
    std::fs::write(dir.path().join("big.yaml"), text).unwrap();
    for out in ["big.xlsx", "big.csv"] {
        let output = tool()
            .current_dir(dir.path())
            .args([
                "init",
                "--checklist",
                "big.yaml",
                "--profile",
                "everything",
                "-o",
                out,
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{out}: {stderr}");
        assert!(
            stderr.contains(
                "items and the rows above them); sro-assess reads sheets of at most 10000 rows"
            ),
            "{out}: {stderr}"
        );
        assert!(!dir.path().join(out).exists());
    }
    // As YAML it is written.
    let output = tool()
        .current_dir(dir.path())
        .args([
            "init",
            "--checklist",
            "big.yaml",
            "--profile",
            "everything",
            "-o",
            "big-answers.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
