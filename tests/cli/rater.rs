//! Who rated: `rater` and `rater_group` in an answers file and in a sheet's header rows, filled
//! by `init --rater --rater-group`, read by `validate`, `report` and `import`.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::common::{run_ok, tool};

const RATED: &str = "checklist: wi-sro-best-practices
profile: existing-program
district: Example Area School District
date: 2026-03-15
rater: \"  School resource officer  \"
rater_group: law enforcement
answers:
  governance.written-mou: met
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn validate_and_report_read_who_rated_and_the_report_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "officer.yaml", RATED);
    tool().args(["validate", &file]).assert().success();
    let markdown = run_ok(&["report", &file, "-f", "markdown"]);
    assert!(
        markdown.contains("**Rated by**: School resource officer (law enforcement)"),
        "{markdown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", &file, "-f", "json"])).unwrap();
    assert_eq!(json["meta"]["rater"], "School resource officer");
    assert_eq!(json["meta"]["rater_group"], "law enforcement");
}

#[test]
fn a_number_is_read_as_text_and_an_empty_rater_is_no_rater() {
    let dir = tempfile::tempdir().unwrap();
    let numbered = RATED
        .replace("rater: \"  School resource officer  \"", "rater: 7")
        .replace("rater_group: law enforcement", "rater_group: \"\"");
    let file = write(dir.path(), "seven.yaml", &numbered);
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", &file, "-f", "json"])).unwrap();
    assert_eq!(json["meta"]["rater"], "7");
    assert!(
        json["meta"].get("rater_group").is_none(),
        "{}",
        json["meta"]
    );
    let empty = RATED.replace("rater: \"  School resource officer  \"", "rater: \"\"");
    let file = write(dir.path(), "empty.yaml", &empty);
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", &file, "-f", "json"])).unwrap();
    assert!(json["meta"].get("rater").is_none(), "{}", json["meta"]);
    let markdown = run_ok(&["report", &file, "-f", "markdown"]);
    assert!(!markdown.contains("Rated by"), "{markdown}");
}

#[test]
fn a_list_as_rater_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let listed = RATED.replace(
        "rater: \"  School resource officer  \"",
        "rater:\n  - Parent\n  - Student",
    );
    let file = write(dir.path(), "listed.yaml", &listed);
    tool()
        .args(["validate", &file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ":6:3: error: `rater` should be text",
        ));
}

fn init(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    tool()
        .args(["init", "--date", "2026-03-15", "-o"])
        .arg(&path)
        .args(extra)
        .assert()
        .success();
    path
}

/// `import`'s answers file from a sheet.
fn imported(sheet: &Path) -> String {
    let extension = sheet.extension().unwrap().to_string_lossy();
    let out = sheet.with_extension(format!("{extension}.yaml"));
    tool()
        .arg("import")
        .arg(sheet)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    fs::read_to_string(out).unwrap()
}

#[test]
fn init_fills_the_rater_rows_of_a_sheet_and_import_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let rater = ["--rater", "Parent", "--rater-group", "family"];
    for name in ["member.xlsx", "member.csv"] {
        let sheet = init(dir.path(), name, &rater);
        let yaml = imported(&sheet);
        assert!(yaml.contains("\nrater: Parent\n"), "{name}: {yaml}");
        assert!(yaml.contains("\nrater_group: family\n"), "{name}: {yaml}");
    }
    let csv = fs::read_to_string(dir.path().join("member.csv")).unwrap();
    assert!(csv.contains("\nRater,Parent,"), "{csv}");
    assert!(csv.contains("\nRater group,family,"), "{csv}");
}

#[test]
fn a_sheet_without_a_rater_imports_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = imported(&init(dir.path(), "blank.csv", &[]));
    assert!(!yaml.contains("rater"), "{yaml}");
}

#[test]
fn init_writes_the_rater_lines_and_from_does_not_copy_the_earlier_rater() {
    let dir = tempfile::tempdir().unwrap();
    let first = init(
        dir.path(),
        "first.yaml",
        &["--rater", "Principal", "--rater-group", "district staff"],
    );
    let text = fs::read_to_string(&first).unwrap();
    assert!(text.contains("\nrater: Principal\n"), "{text}");
    assert!(text.contains("\nrater_group: district staff\n"), "{text}");
    assert!(text.contains("law enforcement, family, student, community, board"));
    let from = first.display().to_string();
    let next = run_ok(&["init", "--from", &from, "--date", "2026-09-01"]);
    assert!(next.contains("\nrater: \"\"\n"), "{next}");
    assert!(next.contains("\nrater_group: \"\"\n"), "{next}");
}

/// A small ODS sheet of `rows`, as LibreOffice Calc saves one (text cells only).
fn ods(path: &Path, rows: &[&[&str]]) {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p>\
                 </table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(
        format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"Answers\">{table}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
        .as_bytes(),
    )
    .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        b"<manifest:manifest><manifest:file-entry manifest:full-path=\"/\" \
          manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
          </manifest:manifest>",
    )
    .unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_sheet_gives_its_rater_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("student.ods");
    ods(
        &path,
        &[
            &["Checklist", "wi-sro-best-practices"],
            &["Profile", "existing-program"],
            &["District", "Example Area School District"],
            &["Date", "2026-03-15"],
            &["Rater", "Student"],
            &["Rater group", "student"],
            &[],
            &["Item ID", "Status"],
            &["governance.written-mou", "met"],
        ],
    );
    let yaml = imported(&path);
    assert!(
        yaml.contains("\nrater: Student\nrater_group: student\n"),
        "{yaml}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["report", path.to_str().unwrap(), "-f", "json"])).unwrap();
    assert_eq!(json["meta"]["rater"], "Student");
}
