//! Test harness: run the built binary from the repository root.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    root().join(relative)
}

/// The sro-assess binary, run from the repository root, with colour and width fixed.
pub fn tool() -> Command {
    let mut cmd = Command::cargo_bin("sro-assess").expect("binary builds");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `report ANSWERS -o OUT EXTRA...`, which must succeed; returns its standard error.
pub fn report_to(answers: &Path, out: &Path, extra: &[&str]) -> String {
    let output = tool()
        .arg("report")
        .arg(answers)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every sample answers file in `examples/`, sorted; never empty, so a loop over the samples
/// cannot pass by comparing nothing.
pub fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path("examples"))
        .expect("examples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no sample answers (*.yaml) in examples/: the tests that check every sample would check none"
    );
    files
}

/// The file name without extension.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Runs `sro-assess ARGS`, which must succeed; returns its standard output.
pub fn run_ok(args: &[&str]) -> String {
    let output = tool().args(args).output().expect("sro-assess runs");
    assert!(
        output.status.success(),
        "sro-assess {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// The template's column of an item field, by its code name (`status`), as `init` writes it.
pub const fn template_column(key: &str) -> usize {
    let columns = sro_assess::spreadsheet::COLUMNS;
    let mut i = 0;
    while i < columns.len() {
        let (a, b) = (columns[i].as_bytes(), key.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("the template has no such column")
}

/// The column headers of the template workbook's answers sheet: the template's, but for the
/// two its guidance sheet shows.
pub fn workbook_headers() -> Vec<String> {
    sro_assess::spreadsheet::HEADERS
        .iter()
        .filter(|h| !["Guidance", "Look for"].contains(h))
        .map(|h| h.to_string())
        .collect()
}

/// Runs `sro-assess ARGS EXTRA -o OUT`, which must succeed (the message names the arguments and
/// what the tool printed); returns `out`.
pub fn write_with(args: &[&str], extra: &[&str], out: &std::path::Path) -> std::path::PathBuf {
    let output = tool()
        .args(args)
        .args(extra)
        .arg("-o")
        .arg(out)
        .output()
        .expect("the tool runs");
    assert!(
        output.status.success(),
        "{args:?} {extra:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out.to_path_buf()
}
