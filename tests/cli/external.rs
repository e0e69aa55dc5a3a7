//! Checks through programs we did not write (qpdf, poppler, axe-core in Chromium). Each runs
//! when its program is installed. When it is not, the check prints one line saying what it
//! skipped and how to install it; with `CI` set, a missing program fails the test instead, so
//! CI never passes by skipping. `.ci/run` installs them all.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

/// The checks already reported as skipped: one line each per test run.
static SKIPPED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// A program one of the checks needs, and the Debian package that has it.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    pub name: &'static str,
    pub package: &'static str,
}

pub const QPDF: Program = Program {
    name: "qpdf",
    package: "qpdf",
};
pub const PDFTOTEXT: Program = Program {
    name: "pdftotext",
    package: "poppler-utils",
};
pub const PDFINFO: Program = Program {
    name: "pdfinfo",
    package: "poppler-utils",
};
pub const PDFFONTS: Program = Program {
    name: "pdffonts",
    package: "poppler-utils",
};
/// The PDF/UA-1 checker from PyPI (pikepdf-based); not a Debian package: `pip install pdfua`.
pub const PDFUA: Program = Program {
    name: "pdfua",
    package: "pdfua (from PyPI)",
};

/// Whether `program` runs here (`-v` / `--version` answer on every one of them).
pub fn installed(program: &str) -> bool {
    ["-v", "--version"].iter().any(|flag| {
        Command::new(program)
            .arg(flag)
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Whether CI is running: a missing program is then a failure, not a skip.
pub fn required() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether `check` can run. When `missing` is `Some(why)` the check cannot run: under CI that
/// fails the test; otherwise one line naming the check goes to the terminal (written past the
/// test harness's capture, so `cargo test` shows it) and the caller skips the check.
pub fn can_run(check: &str, missing: Option<String>) -> bool {
    let Some(why) = missing else {
        return true;
    };
    assert!(
        !required(),
        "{check}: {why}, and CI requires this check (.ci/run installs it)"
    );
    let first = SKIPPED
        .lock()
        .map_or(true, |mut seen| seen.insert(check.to_string()));
    if first {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {check} ({why}; .ci/run installs it)"
        );
    }
    false
}

/// Whether `check` can run with `programs`; see [`can_run`].
pub fn have(check: &str, programs: &[Program]) -> bool {
    let missing: Vec<String> = programs
        .iter()
        .filter(|p| !installed(p.name))
        .map(|p| format!("{} is not installed: apt-get install {}", p.name, p.package))
        .collect();
    can_run(check, (!missing.is_empty()).then(|| missing.join("; ")))
}

/// Runs `program ARGS FILE [EXTRA]`, which must succeed; returns its standard output.
pub fn run(program: Program, args: &[&str], file: &Path, extra: &[&str]) -> String {
    let output = Command::new(program.name)
        .args(args)
        .arg(file)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{} runs: {e}", program.name));
    assert!(
        output.status.success(),
        "{} {}: {}{}",
        program.name,
        file.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `qpdf --check` passes on `file`, when qpdf is installed.
pub fn qpdf_check(file: &Path) {
    if have("qpdf --check of the PDFs", &[QPDF]) {
        run(QPDF, &["--check"], file, &[]);
    }
}

/// The text of `file` as poppler lays it out, when poppler is installed.
pub fn poppler_text(file: &Path) -> Option<String> {
    have(
        "pdftotext (poppler's text layout) of the PDFs",
        &[PDFTOTEXT],
    )
    .then(|| run(PDFTOTEXT, &["-enc", "UTF-8"], file, &["-"]))
}

/// The page count poppler reads from `file`, when poppler is installed.
pub fn poppler_pages(file: &Path) -> Option<usize> {
    have("pdfinfo (poppler's page count) of the PDFs", &[PDFINFO]).then(|| {
        run(PDFINFO, &[], file, &[])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo prints Pages")
    })
}
