//! Every subject in every medium it supports states the same figures: an assessment of each
//! example, a comparison of options, a comparison of years and the summary of examples/, each
//! drawn as table, Markdown, HTML, PDF, CSV and JSON. The JSON export of the
//! model is the reference; every other medium must state its overall percentage, band (or "not
//! rated"), coverage and number of gaps. The checklist listing (table, Markdown) and the
//! worksheet (PDF) name every section and item of each profile, and how many items it has.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sro_assess::load::{BUNDLED, parse_checklist};
use sro_assess::model::Checklist;
use sro_assess::spreadsheet::{self, SpreadsheetKind};

use crate::common::{example_files, tool};
use crate::pdf_read;

const ASSESSMENT_MEDIA: [&str; 7] = ["table", "markdown", "html", "pdf", "docx", "csv", "json"];
const COMPARISON_MEDIA: [&str; 7] = ["table", "markdown", "html", "pdf", "docx", "csv", "json"];

/// Runs `sro-assess ARGS -f FORMAT -o FILE`, which must succeed; returns the file.
fn draw(args: &[String], format: &str, dir: &Path) -> PathBuf {
    let extension = match format {
        "table" => "txt",
        "markdown" => "md",
        other => other,
    };
    let out = dir.join(format!("out.{extension}"));
    let output = tool()
        .args(args)
        .args(["--format", format, "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?} as {format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn json_of(args: &[String], dir: &Path) -> Value {
    let path = draw(args, "json", dir);
    serde_json::from_slice(&std::fs::read(path).unwrap()).expect("valid JSON")
}

/// What a reader sees of a text medium, whitespace collapsed: HTML without its tags, Markdown
/// without its emphasis, a PDF's text as lopdf reads it.
fn readable_text(format: &str, path: &Path) -> String {
    let raw = match format {
        "pdf" => pdf_read::read(path).text(),
        "docx" => docx_text(path),
        _ => std::fs::read_to_string(path).unwrap(),
    };
    let text = match format {
        "html" => without_tags(&raw)
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
        "markdown" => raw.replace("**", "").replace('\\', ""),
        _ => raw,
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Word document's words: its runs' text, a space between paragraphs and table cells.
fn docx_text(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for piece in xml.split('<') {
        if piece.starts_with("/w:p>") {
            out.push(' ');
        } else if let Some((_, text)) = piece.strip_prefix("w:t").and_then(|r| r.split_once('>')) {
            out.push_str(text);
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn without_tags(html: &str) -> String {
    // The style sheet's text is not what a reader sees.
    let body = html.split("</style>").last().unwrap_or(html);
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    spreadsheet::read_grid(path, SpreadsheetKind::Csv)
        .expect("the CSV reads back")
        .rows
}

fn percent(figure: &Value) -> String {
    format!("{:.1}", figure["percent"].as_f64().expect("a percentage"))
}

fn count(value: &Value) -> usize {
    value.as_u64().expect("a count") as usize
}

/// The band as the text media print it after the percentage, or the start of "not rated".
fn band_text(document: &Value) -> String {
    match document["band"].as_str() {
        Some(band) => band.to_string(),
        None => "not rated".to_string(),
    }
}

/// Case aside: the terminal sets a chapter heading in capitals.
fn assert_states(text: &str, statements: &[String], context: &str) {
    let text = text.to_lowercase();
    for statement in statements {
        assert!(
            text.contains(&statement.to_lowercase()),
            "{context}: does not state `{statement}`"
        );
    }
}

#[test]
fn every_assessment_states_the_same_figures_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    // Reading a PDF back is most of this test's time in a debug build: without CI the PDF of
    // the first example is read, every other medium of every example still is.
    let every_pdf = crate::external::full(
        "every example's PDF read back for its figures (this run reads the first)",
    );
    for (nth, example) in example_files().into_iter().enumerate() {
        let args = vec!["report".to_string(), example.display().to_string()];
        let model = json_of(&args, dir.path());
        let pct = percent(&model["overall"]);
        let band = band_text(&model);
        let (answered, items) = (
            count(&model["coverage"]["answered"]),
            count(&model["coverage"]["items"]),
        );
        let gaps = model["gaps"].as_array().expect("gaps").len();
        let statements = [
            format!("{pct}% ({band}"),
            format!("{answered} of {items} items answered"),
            format!("Gaps in priority order ({gaps})"),
        ];
        for format in ASSESSMENT_MEDIA {
            if format == "pdf" && nth > 0 && !every_pdf {
                continue;
            }
            let context = format!("{} as {format}", example.display());
            let path = draw(&args, format, dir.path());
            match format {
                "json" => {}
                "csv" => check_assessment_csv(&path, &model, &context),
                _ => assert_states(&readable_text(format, &path), &statements, &context),
            }
        }
    }
}

/// The CSV states the figures as cells: the overall row's percent and band, one item row per
/// item of the profile, a status for each answered one and a rank for each gap.
fn check_assessment_csv(path: &Path, model: &Value, context: &str) {
    let rows = csv_rows(path);
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "district"))
        .expect("a header row");
    let column = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (row_type, status, gap_rank) = (column("row_type"), column("status"), column("gap_rank"));
    let cell = |row: &Vec<String>, at: usize| row.get(at).cloned().unwrap_or_default();
    let overall = rows
        .iter()
        .find(|r| cell(r, row_type) == "overall")
        .expect("an overall row");
    assert_eq!(
        cell(overall, column("percent")),
        percent(&model["overall"]),
        "{context}"
    );
    let band = model["band"].as_str().unwrap_or("");
    assert_eq!(cell(overall, column("band")), band, "{context}: band");
    let rated = model["rating"]["rated"].as_bool().expect("rated");
    assert_eq!(
        cell(overall, column("rated")),
        rated.to_string(),
        "{context}"
    );
    let items: Vec<_> = rows
        .iter()
        .filter(|r| cell(r, row_type) == "item")
        .collect();
    assert_eq!(
        items.len(),
        count(&model["coverage"]["items"]),
        "{context}: items"
    );
    let answered = items.iter().filter(|r| !cell(r, status).is_empty()).count();
    assert_eq!(
        answered,
        count(&model["coverage"]["answered"]),
        "{context}: answered"
    );
    let gaps = items
        .iter()
        .filter(|r| !cell(r, gap_rank).is_empty())
        .count();
    let expected = model["gaps"].as_array().expect("gaps").len();
    assert_eq!(gaps, expected, "{context}: gaps");
}

#[test]
fn both_comparisons_state_the_same_figures_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    for files in [
        [
            "examples/option-a-contract-sro.yaml",
            "examples/option-b-mental-health.yaml",
        ],
        ["examples/year-2025.yaml", "examples/year-2026.yaml"],
    ] {
        let args: Vec<String> = std::iter::once("compare")
            .chain(files)
            .map(String::from)
            .collect();
        let model = json_of(&args, dir.path());
        let columns = model["columns"].as_array().expect("columns");
        let gaps_everywhere = model["gaps_everywhere"].as_array().expect("gaps").len();
        let mut statements = Vec::new();
        for c in columns {
            let (answered, items) = (
                count(&c["coverage"]["answered"]),
                count(&c["coverage"]["items"]),
            );
            statements.push(format!("{}%", percent(&c["overall"])));
            statements.push(band_text(c));
            statements.push(format!("{answered} of {items}"));
        }
        for format in COMPARISON_MEDIA {
            let context = format!("compare {files:?} as {format}");
            let path = draw(&args, format, dir.path());
            match format {
                "json" => {}
                "csv" => check_comparison_csv(&path, columns, &context),
                _ => {
                    let text = readable_text(format, &path);
                    assert_states(&text, &statements, &context);
                    let gaps = if gaps_everywhere == 0 {
                        [
                            "No gap remains under every option.".to_string(),
                            "No gap was open in every assessment.".to_string(),
                        ]
                    } else {
                        [
                            format!("under every option ({gaps_everywhere})"),
                            format!("in every assessment ({gaps_everywhere})"),
                        ]
                    };
                    assert!(
                        gaps.iter().any(|g| text.contains(g.as_str())),
                        "{context}: does not state the {gaps_everywhere} gaps open everywhere"
                    );
                }
            }
        }
    }
}

/// The comparison CSV's figure rows hold one value per column, in the JSON's column order
/// (a comparison of years adds the change after them).
fn check_comparison_csv(path: &Path, columns: &[Value], context: &str) {
    let rows = csv_rows(path);
    let figure = |id: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r.len() > 1 && r[0] == "figure" && r[1] == id)
            .unwrap_or_else(|| panic!("{context}: no figure row `{id}`"))[4..4 + columns.len()]
            .to_vec()
    };
    let expected = |f: &dyn Fn(&Value) -> String| columns.iter().map(f).collect::<Vec<_>>();
    assert_eq!(
        figure("percent"),
        expected(&|c| percent(&c["overall"])),
        "{context}"
    );
    assert_eq!(
        figure("band"),
        expected(&|c| c["band"].as_str().unwrap_or("").to_string()),
        "{context}"
    );
    assert_eq!(
        figure("answered"),
        expected(&|c| c["coverage"]["answered"].to_string()),
        "{context}"
    );
    assert_eq!(
        figure("profile_items"),
        expected(&|c| c["coverage"]["items"].to_string()),
        "{context}"
    );
}

#[test]
fn the_summary_states_the_same_figures_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    let args = vec!["summary".to_string(), "examples".to_string()];
    let model = json_of(&args, dir.path());
    let average = format!("{:.1}", model["overall_average"].as_f64().expect("average"));
    let assessments: Vec<&Value> = model["districts"]
        .as_array()
        .expect("districts")
        .iter()
        .chain(model["other_assessments"].as_array().expect("others"))
        .collect();
    // examples/ holds one district's latest assessment: its score, not an average.
    let mut statements = vec![format!(
        "{average}% for the latest assessment of the one district"
    )];
    for a in &assessments {
        let (answered, items) = (
            count(&a["coverage"]["answered"]),
            count(&a["coverage"]["items"]),
        );
        statements.push(format!("{}%", percent(&a["overall"])));
        statements.push(band_text(a));
        statements.push(format!("{:.1}%", 100.0 * answered as f64 / items as f64));
    }
    for format in COMPARISON_MEDIA {
        let context = format!("summary examples as {format}");
        let path = draw(&args, format, dir.path());
        match format {
            "json" => {}
            "csv" => check_summary_csv(&path, &assessments, &average, &context),
            _ => assert_states(&readable_text(format, &path), &statements, &context),
        }
    }
}

/// The summary CSV has one `district` row per assessment, with its figures as cells.
fn check_summary_csv(path: &Path, assessments: &[&Value], average: &str, context: &str) {
    let mut rows = csv_rows(path);
    // A draft summary's CSV says DRAFT on its first line, above the header.
    if rows[0][0].starts_with("DRAFT") {
        rows.remove(0);
    }
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|c| c == name).expect(name);
    let cell = |row: &Vec<String>, name: &str| row.get(column(name)).cloned().unwrap_or_default();
    let average_row = rows
        .iter()
        .find(|r| r[0] == "overall_average")
        .expect("an overall_average row");
    assert_eq!(cell(average_row, "percent"), average, "{context}");
    for a in assessments {
        let source = a["source"].as_str().expect("source");
        let row = rows
            .iter()
            .find(|r| r[0] == "district" && cell(r, "source") == source)
            .unwrap_or_else(|| panic!("{context}: no row for {source}"));
        assert_eq!(
            cell(row, "percent"),
            percent(&a["overall"]),
            "{context}: {source}"
        );
        assert_eq!(
            cell(row, "band"),
            a["band"].as_str().unwrap_or(""),
            "{context}"
        );
        assert_eq!(cell(row, "answered"), a["coverage"]["answered"].to_string());
        assert_eq!(cell(row, "items"), a["coverage"]["items"].to_string());
        assert_eq!(
            cell(row, "gaps"),
            a["gaps"].to_string(),
            "{context}: {source}"
        );
    }
}

fn bundled() -> Checklist {
    let first = &BUNDLED[0];
    parse_checklist(first.text, Path::new(first.id))
        .unwrap()
        .checklist
}

/// Words broken across lines by a medium read as one when whitespace is collapsed.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_listing_names_every_item_of_the_profile_in_every_medium() {
    let checklist = bundled();
    let dir = tempfile::tempdir().unwrap();
    for profile in &checklist.profiles {
        for (format, name) in [("table", "list.txt"), ("markdown", "list.md")] {
            let out = dir.path().join(name);
            let output = tool()
                .args(["checklist", "show", &checklist.id, "--profile", &profile.id])
                .args(["--format", format, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", profile.id);
            let text = collapsed(&std::fs::read_to_string(&out).unwrap().replace('\\', ""));
            for (section, items) in checklist.sections_in(Some(profile)) {
                let count = match items.len() {
                    1 => "1 item".to_string(),
                    n => format!("{n} items"),
                };
                let about = format!("{count}, section id {}", section.id);
                assert!(text.contains(&about), "{format} {}: {about}", profile.id);
                for item in items {
                    assert!(
                        text.contains(&item.id),
                        "{format} {}: {}",
                        profile.id,
                        item.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_worksheet_pdf_names_every_item_and_a_box_per_scale_value() {
    let checklist = bundled();
    let dir = tempfile::tempdir().unwrap();
    let profile = &checklist.profiles[0];
    let out = dir.path().join("worksheet.pdf");
    let output = tool()
        .args([
            "checklist",
            "show",
            &checklist.id,
            "--profile",
            &profile.id,
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = collapsed(&pdf_read::read(&out).text());
    let cover = format!(
        "{} items in {} sections",
        checklist.items_in_profile(profile).count(),
        checklist.sections_in(Some(profile)).len()
    );
    assert!(text.contains(&cover), "the cover says `{cover}`");
    let items: Vec<_> = checklist
        .sections_in(Some(profile))
        .into_iter()
        .flat_map(|(_, i)| i)
        .collect();
    for item in &items {
        assert!(text.contains(&item.id), "{}", item.id);
    }
    for level in &checklist.scale {
        // A text reader may collapse the box's two spaces.
        let boxes = text.matches(&format!("] {}", level.label)).count();
        assert!(
            boxes >= items.len(),
            "{}: {boxes} boxes for {} items",
            level.label,
            items.len()
        );
    }
}
