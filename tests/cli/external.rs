//! Checks through programs we did not write (qpdf, poppler, pdfua, axe-core in Chromium,
//! LibreOffice), and checks too heavy for every run. A check through a program runs when the
//! program is installed; when it is not, one line says what was skipped and how to install it.
//! With `CI` set (`.ci/run` sets it and installs every program) a missing program fails the
//! test, so CI never passes by skipping. The heavy checks run in full under CI and in a reduced
//! form otherwise. `SRO_ASSESS_QUICK=1` is the developer's everyday loop: it skips the checks
//! through programs too (one line each), since starting Chromium or LibreOffice takes most of
//! the suite's time and seldom finds what CI would not.

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

/// Prints `skipped: {check} ({why})` once per test run, past the test harness's capture so
/// that `cargo test` shows it.
fn report_skipped(check: &str, why: &str) {
    report_line(check, &format!("skipped: {check} ({why})"));
}

fn report_line(check: &str, line: &str) {
    let first = SKIPPED
        .lock()
        .map_or(true, |mut seen| seen.insert(check.to_string()));
    if first {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// Whether this is the everyday loop (`SRO_ASSESS_QUICK` set, and not CI).
pub fn quick() -> bool {
    !required() && std::env::var_os("SRO_ASSESS_QUICK").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether `check`, which needs a program we did not write, runs. When `missing` is
/// `Some(why)` the program is not there: under CI that fails the test; otherwise one line
/// names the check and the caller skips it. In the everyday loop it is skipped the same way.
pub fn can_run(check: &str, missing: Option<String>) -> bool {
    if quick() {
        report_skipped(check, "SRO_ASSESS_QUICK is set; runs without it and in CI");
        return false;
    }
    let Some(why) = missing else {
        return true;
    };
    assert!(
        !required(),
        "{check}: {why}, and CI requires this check (.ci/run installs it)"
    );
    report_skipped(check, &format!("{why}; .ci/run installs it"));
    false
}

/// Whether the full form of a heavy check runs: under CI, yes. Otherwise one line names what
/// is left out and the caller runs its reduced form.
pub fn full(check: &str) -> bool {
    if required() {
        return true;
    }
    report_line(check, &format!("skipped: {check}; in full when CI is set"));
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
