//! Every Word document the CLI writes (report, brief, comparison, summary, worksheet, consensus
//! agenda), read back in-process (its zip parts) and, when they are installed, through programs
//! we did not write: python-docx reads the headings' styles and the tables, LibreOffice Writer
//! converts each to PDF (poppler's pdftotext reads that), and pandoc reads each to Markdown.
//! Each check is shown to fail on a document whose headings are not Word headings.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::tool;
use crate::external::{self, PDFTOTEXT, Program, have};
use crate::spreadsheet_clients::soffice_convert;

const PANDOC: Program = Program {
    name: "pandoc",
    package: "pandoc",
};

/// One Word document and what it must say: a heading's words and figures of its text.
struct Written {
    kind: &'static str,
    path: PathBuf,
    heading: &'static str,
    figures: Vec<String>,
}

/// The overall percentage the report states (`76.7%`), from the JSON export.
fn report_percent() -> String {
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let model: Value = serde_json::from_slice(&output.stdout).unwrap();
    format!("{:.1}%", model["overall"]["percent"].as_f64().unwrap())
}

/// Writes every kind of Word document into `dir`, the format told by the `.docx` name alone.
fn every_kind(dir: &Path) -> Vec<Written> {
    let percent = report_percent();
    let runs: [(&str, &[&str], &str, Vec<String>); 6] = [
        (
            "report",
            &["report", "examples/existing-program.yaml"],
            "Gaps in priority order",
            vec![percent.clone(), "113 of 118 items answered".into()],
        ),
        (
            "brief",
            &["report", "examples/existing-program.yaml", "--brief"],
            "For the board",
            vec![percent],
        ),
        (
            "comparison",
            &[
                "compare",
                "examples/year-2026.yaml",
                "examples/year-2025.yaml",
            ],
            "What changed",
            vec![],
        ),
        ("summary", &["summary", "examples"], "At a glance", vec![]),
        (
            "worksheet",
            &["checklist", "show", "--profile", "existing-program"],
            "How to fill it in",
            vec!["governance.written-mou".into()],
        ),
        (
            "agenda",
            &[
                "consensus",
                "tests/fixtures/committee/principal.yaml",
                "tests/fixtures/committee/officer.yaml",
                "tests/fixtures/committee/parent.yaml",
                "tests/fixtures/committee/student.yaml",
            ],
            "For discussion",
            vec![],
        ),
    ];
    runs.into_iter()
        .map(|(kind, args, heading, figures)| {
            let path = dir.join(format!("{kind}.docx"));
            let output = tool().args(args).arg("-o").arg(&path).output().unwrap();
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Written {
                kind,
                path,
                heading,
                figures,
            }
        })
        .collect()
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A copy of `file` whose headings are plain paragraphs: what each check must catch.
fn without_headings(file: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("no-headings.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for n in 0..zip.len() {
        let mut entry = zip.by_index(n).unwrap();
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace("w:val=\"Heading", "w:val=\"Plain")
                .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
    out
}

#[test]
fn every_word_document_has_word_headings_repeated_table_headers_and_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    for written in every_kind(dir.path()) {
        let context = written.kind;
        let document = part(&written.path, "word/document.xml");
        assert!(
            document.contains("<w:pStyle w:val=\"Heading1\" />"),
            "{context}"
        );
        assert!(document.contains("<w:tblHeader />"), "{context}");
        assert!(document.contains(written.heading), "{context}");
        for figure in &written.figures {
            assert!(document.contains(figure.as_str()), "{context}: {figure}");
        }
        let styles = part(&written.path, "word/styles.xml");
        assert!(styles.contains("<w:lang w:val=\"en-US\" />"), "{context}");
        assert!(
            styles.contains("<w:name w:val=\"heading 1\" />"),
            "{context}"
        );
        let settings = part(&written.path, "word/settings.xml");
        assert!(!settings.is_empty(), "{context}");
    }
}

#[test]
fn a_word_document_asked_for_by_name_is_written_on_the_paper_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.docx");
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "--format",
            "docx",
            "--paper",
            "a4",
            "-o",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(part(&path, "word/document.xml").contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""));
    // The same answers give the same file, byte for byte (no clock, no hash order).
    let again = dir.path().join("again.docx");
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "--paper",
            "a4",
            "-o",
        ])
        .arg(&again)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        std::fs::read(&path).unwrap() == std::fs::read(&again).unwrap(),
        "two runs wrote different files"
    );
}

#[test]
fn the_draft_line_is_in_every_footer_and_confidential_in_every_header() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.docx");
    let private = dir.path().join("private.docx");
    for (answers, out, extra) in [
        ("examples/draft-carried-over.yaml", &draft, None),
        (
            "examples/existing-program.yaml",
            &private,
            Some("--include-internal-notes"),
        ),
    ] {
        let output = tool()
            .args(["report", answers, "-o"])
            .arg(out)
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{answers}");
    }
    assert!(part(&draft, "word/footer1.xml").contains("DRAFT: 6 answers carried over"));
    assert!(!part(&draft, "word/header1.xml").contains("CONFIDENTIAL"));
    assert!(part(&private, "word/header1.xml").contains("CONFIDENTIAL"));
    assert!(part(&private, "word/footer1.xml").contains("CONFIDENTIAL"));
    assert!(part(&private, "docProps/core.xml").contains("<dc:title>CONFIDENTIAL: "));
}

/// What python-docx reads of a document: its headings (style and words), its tables (rows and
/// whether the first repeats as a header) and all its words.
const PYTHON_DOCX: &str = r#"
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
headings = [[p.style.name, p.text] for p in d.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
tables = []
for t in d.tables:
    trPr = t.rows[0]._tr.trPr if len(t.rows) else None
    tables.append({"rows": len(t.rows), "header": trPr is not None and trPr.find(qn("w:tblHeader")) is not None})
words = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            words.append(cell.text)
print(json.dumps({"headings": headings, "tables": tables, "text": "\n".join(words)}))
"#;

fn python_docx_installed() -> Option<String> {
    let ok = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    (!ok).then(|| "python-docx is not installed: python3 -m pip install python-docx".to_string())
}

/// python-docx's reading of `path`, checked: Heading 1 (and only Heading 1-3) styles, one
/// with `heading`'s words, tables whose header row repeats, and the figures in the text.
fn python_docx_check(path: &Path, heading: &str, figures: &[String]) -> Result<(), String> {
    let output = Command::new("python3")
        .args(["-c", PYTHON_DOCX])
        .arg(path)
        .output()
        .unwrap();
    if !output.status.success() {
        return Err(format!(
            "python-docx cannot read it: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let read: Value = serde_json::from_slice(&output.stdout).unwrap();
    let headings: Vec<(String, String)> = read["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h[0].as_str().unwrap().into(), h[1].as_str().unwrap().into()))
        .collect();
    if !headings.iter().any(|(style, _)| style == "Heading 1") {
        return Err(format!("no Heading 1: {headings:?}"));
    }
    if let Some((style, _)) = headings
        .iter()
        .find(|(style, _)| !["Heading 1", "Heading 2", "Heading 3"].contains(&style.as_str()))
    {
        return Err(format!("a heading in style {style}"));
    }
    if !headings.iter().any(|(_, text)| text.contains(heading)) {
        return Err(format!("no heading {heading:?} in {headings:?}"));
    }
    let tables = read["tables"].as_array().unwrap();
    if tables.is_empty() || !tables.iter().all(|t| t["header"] == true) {
        return Err(format!("tables without a repeated header row: {tables:?}"));
    }
    let text = read["text"].as_str().unwrap();
    for figure in figures {
        if !text.contains(figure.as_str()) {
            return Err(format!("does not say {figure}"));
        }
    }
    Ok(())
}

#[test]
fn python_docx_reads_every_word_document_with_real_headings_and_tables() {
    let check = "python-docx reading every Word document";
    if !external::can_run(check, python_docx_installed()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let written = every_kind(dir.path());
    for w in &written {
        python_docx_check(&w.path, w.heading, &w.figures)
            .unwrap_or_else(|e| panic!("{}: {e}", w.kind));
    }
    // The check can fail: the same report with its headings made plain paragraphs.
    let plain = without_headings(&written[0].path, dir.path());
    let err = python_docx_check(&plain, written[0].heading, &[]).unwrap_err();
    assert!(err.contains("no Heading 1"), "{err}");
}

/// Whether LibreOffice Writer (not only Calc, which the spreadsheet checks need) is here:
/// Debian's packages put Writer's library beside soffice.
fn writer_missing() -> Option<String> {
    let has_writer = external::installed("soffice")
        && Path::new("/usr/lib/libreoffice/program/libswlo.so").exists();
    (!has_writer).then(|| {
        "LibreOffice Writer is not installed: apt-get install libreoffice-writer-nogui".to_string()
    })
}

#[test]
fn libreoffice_converts_every_word_document_to_a_pdf_that_says_the_same() {
    let check = "LibreOffice Writer converting every Word document to PDF";
    let pdftotext = external::installed(PDFTOTEXT.name);
    let missing = writer_missing().or_else(|| {
        (!pdftotext).then(|| "pdftotext is not installed: apt-get install poppler-utils".into())
    });
    if !external::can_run(check, missing) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    for w in every_kind(dir.path()) {
        let pdf = soffice_convert(
            &profile,
            &w.path,
            "pdf",
            &dir.path().join("pdf").join(w.kind),
            "pdf",
        );
        let output = Command::new("pdftotext")
            .args(["-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", w.kind);
        let text = String::from_utf8_lossy(&output.stdout);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(w.heading), "{}: {text}", w.kind);
        for figure in &w.figures {
            assert!(text.contains(figure.as_str()), "{}: {figure}", w.kind);
        }
        assert!(
            text.contains("Page 1 of"),
            "{}: the footer's page number",
            w.kind
        );
    }
}

/// pandoc's Markdown of `path`: the heading as a `#` line, and at least one table.
fn pandoc_check(path: &Path, heading: &str) -> Result<(), String> {
    let output = Command::new("pandoc")
        .args(["--from", "docx", "--to", "markdown", "--wrap=none"])
        .arg(path)
        .output()
        .unwrap();
    if !output.status.success() {
        return Err(format!(
            "pandoc cannot read it: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let markdown = String::from_utf8_lossy(&output.stdout);
    let is_heading = |line: &str| line.starts_with('#') && line.contains(heading);
    if !markdown.lines().any(is_heading) {
        return Err(format!("no `#` heading {heading:?}"));
    }
    // pandoc writes a table as a grid (+---+), pipe (|---|) or simple (--- ---) table.
    let is_rule = |line: &str| {
        let line = line.trim();
        (line.starts_with("+-") || line.starts_with("|-") || line.starts_with("--"))
            && line.chars().all(|c| "+-|: ".contains(c))
    };
    if !markdown.lines().any(is_rule) {
        return Err("no table".into());
    }
    Ok(())
}

#[test]
fn pandoc_reads_every_word_document_with_its_headings_and_tables() {
    let check = "pandoc reading every Word document";
    if !have(check, &[PANDOC]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let written = every_kind(dir.path());
    for w in &written {
        pandoc_check(&w.path, w.heading).unwrap_or_else(|e| panic!("{}: {e}", w.kind));
    }
    let plain = without_headings(&written[0].path, dir.path());
    let err = pandoc_check(&plain, written[0].heading).unwrap_err();
    assert!(err.contains("no `#` heading"), "{err}");
}
