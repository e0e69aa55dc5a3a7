//! Writing the template as a sheet: XLSX through rust_xlsxwriter, CSV through the csv crate.
//!
//! The XLSX template is made for people who do not program: plain column names, a status
//! drop-down of the scale's labels, rows tall enough to show their text (LibreOffice Calc does
//! not fit row heights on opening), a print setup, a sheet of instructions, and the columns
//! only the template fills protected without a password.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{
    CARRIED_COLUMN, COLUMNS, FIELD_NAMES, GUIDANCE_SHEET, Grid, HEADERS, INSTRUCTIONS_SHEET,
    META_KEYS, META_NOTES, PRINTED_COLUMNS, SHEET, csv_cell,
};
use crate::error::{Error, Result};
use crate::model::{Checklist, Profile};
use crate::template::{CarryOver, TemplateHeader};
use crate::text::LongWords;

/// The columns, by code name, that only the template fills: protected in the workbook.
const READ_ONLY: [&str; 6] = ["id", "section", "title", "priority", "guidance", "look_for"];

/// The header fields, by code name, that only the template fills: protected in the workbook.
const FIXED_FIELDS: [&str; 3] = ["checklist", "checklist_version", "profile"];

/// Column widths in characters, by code name. The printed columns (the first
/// [`PRINTED_COLUMNS`]) add up to 115 characters, so that one page across, landscape, prints
/// them at 9 points or more in LibreOffice Calc (which draws a character of width wider than
/// Excel: about 7.2 points against 5.4) and at full size in Excel; the id wraps at its hyphens
/// rather than widen the page.
const WIDTHS: [(&str, f64); 13] = [
    ("id", 25.0),
    ("title", 32.0),
    ("status", 14.0),
    ("evidence", 22.0),
    ("owner", 12.0),
    ("due", 10.0),
    ("note", 32.0),
    ("internal_note", 32.0),
    ("section", 22.0),
    ("priority", 10.0),
    ("guidance", 60.0),
    ("look_for", 40.0),
    (CARRIED_COLUMN.0, 28.0),
];

/// The columns the workbook's answers sheet leaves to its guidance sheet, where they print
/// whole beside each item (on the answers sheet they made every row a page tall).
const ON_GUIDANCE_SHEET: [&str; 2] = ["guidance", "look_for"];

/// The column of a header field's note (after its name and value).
const NOTE_COLUMN: usize = 2;

/// Lines an item's row has at least: room to write in by hand on the printed sheet.
const WRITING_LINES: usize = 2;

/// Points per line of text at the default font (11 points).
const LINE_HEIGHT: f64 = 15.0;

/// The template as a grid: header fields, a blank row, the column names, one row per item.
pub fn template_grid(
    checklist: &Checklist,
    profile: &Profile,
    header: &TemplateHeader<'_>,
) -> Grid {
    let mut grid = Grid {
        sheet: SHEET.to_string(),
        ..Grid::default()
    };
    let values = [
        header.checklist_reference.to_string(),
        checklist.version.clone(),
        profile.id.clone(),
        header.district.to_string(),
        header.label.to_string(),
        header.date.to_string(),
        header.prepared_by.unwrap_or("").to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        header.rater.unwrap_or("").to_string(),
        header.rater_group.unwrap_or("").to_string(),
    ];
    for ((key, name), value) in META_KEYS.iter().zip(FIELD_NAMES).zip(values) {
        let mut row = vec![name.to_string(), value];
        if let Some((_, note)) = META_NOTES.iter().find(|(k, _)| k == key) {
            row.push((*note).to_string());
        }
        grid.rows.push(row);
    }
    grid.rows.push(Vec::new());
    grid.rows
        .push(HEADERS.iter().map(|c| (*c).to_string()).collect());
    for (section, item) in checklist.items_in_profile(profile) {
        let row: Vec<String> = COLUMNS
            .iter()
            .map(|key| match *key {
                "id" => item.id.clone(),
                "section" => section.title.clone(),
                "title" => item.title.clone(),
                "priority" => item.priority.as_str().to_string(),
                "guidance" => item.guidance.clone(),
                "look_for" => item.evidence.clone(),
                _ => String::new(),
            })
            .collect();
        grid.rows.push(row);
    }
    grid
}

/// The row of column names in a template grid.
fn header_row(grid: &Grid) -> Option<usize> {
    grid.rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == HEADERS[0]))
}

/// Copies earlier answers into a template's rows (`init --from`): the status as the drop-down
/// offers it, the evidence and the note, and a column that marks each copied answer until
/// someone clears it, as `carried_from:` does in an answers file.
pub fn prefill_carried(
    grid: &mut Grid,
    carry: &CarryOver,
    checklist: &Checklist,
    profile: &Profile,
) {
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name);
    let (Some(status), Some(evidence), Some(note), Some(header)) = (
        column("status"),
        column("evidence"),
        column("note"),
        header_row(grid),
    ) else {
        return;
    };
    let carried = COLUMNS.len();
    grid.set(header, carried, CARRIED_COLUMN.1);
    for row in header + 1..grid.rows.len() {
        let id = grid.cell(row, 0).to_string();
        let Some(answer) = carry.answers.iter().find(|a| a.item_id == id) else {
            continue;
        };
        let value = answer.status.as_deref().unwrap_or("");
        let label = checklist
            .scale
            .iter()
            .zip(status_labels(checklist, profile))
            .find(|(level, _)| level.value == value)
            .map_or(value, |(_, label)| label);
        grid.set(row, status, label);
        grid.set(row, evidence, answer.evidence.as_deref().unwrap_or(""));
        grid.set(row, note, answer.note.as_deref().unwrap_or(""));
        // Only a status is re-checked: an unanswered item's note is carried as it was.
        if answer.status.is_some() {
            grid.set(row, carried, &carry.from);
        }
    }
}

/// The template as CSV bytes, every cell neutralized against formula injection.
pub fn template_csv(grid: &Grid) -> Result<Vec<u8>> {
    Ok(csv_cell::write_rows(&grid.rows))
}

/// The template as XLSX bytes: the answers sheet, made to be filled in and printed, and the
/// instructions.
pub fn template_xlsx(grid: &Grid, checklist: &Checklist, profile: &Profile) -> Result<Vec<u8>> {
    template_workbook(grid, &status_labels(checklist, profile), checklist).map_err(xlsx_error)
}

/// The statuses as the drop-down offers them, in scale order: the profile's labels where it
/// sets them (a plan's `Provided for in the plan`), else the scale's.
fn status_labels<'c>(checklist: &'c Checklist, profile: &'c Profile) -> Vec<&'c str> {
    checklist
        .scale
        .iter()
        .map(|level| {
            profile
                .label_for(&level.value)
                .unwrap_or(level.label.as_str())
        })
        .collect()
}

/// Why `init` does not write a workbook in a format it only reads (ODS, XLS).
pub fn unwritable_template(path: &std::path::Path) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![
            crate::error::Diagnostic::error(
                None,
                "sro-assess writes templates as .xlsx or .csv; it reads .ods and .xls sheets but \
                 does not write them",
            )
            .with_hint(
                "name the template answers.xlsx (LibreOffice Calc opens it and can save it as \
                 .ods), or answers.csv",
            ),
        ],
    }
}

/// Any grid as XLSX bytes, one plain sheet (tests fill a template this way, as a committee
/// would).
pub fn xlsx_from_grid(grid: &Grid) -> Result<Vec<u8>> {
    let mut workbook = reproducible_workbook().map_err(xlsx_error)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(&grid.sheet).map_err(xlsx_error)?;
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(r as u32, c as u16, text)
                .map_err(xlsx_error)?;
        }
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

fn xlsx_error(err: XlsxError) -> Error {
    Error::Encode {
        format: "XLSX",
        message: err.to_string(),
    }
}

fn reproducible_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes reproducible (the clock would change them).
    let fixed = ExcelDateTime::from_ymd(2026, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    Ok(workbook)
}

fn template_workbook(
    grid: &Grid,
    labels: &[&str],
    checklist: &Checklist,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = reproducible_workbook()?;
    answers_sheet(workbook.add_worksheet(), &without_guidance(grid), labels)?;
    guidance_sheet(workbook.add_worksheet(), grid)?;
    instructions_sheet(workbook.add_worksheet(), labels, checklist)?;
    workbook.save_to_buffer()
}

/// How many lines `text` takes in a wrapped cell `width` characters wide.
fn lines_in(text: &str, width: f64) -> usize {
    // A column N digits wide holds about 1.25 N characters of text in Calc and 1.2 N in
    // Excel; 1.1 N leaves a little room, so no text is cut off.
    let per_line = ((width * 1.1).floor() as usize).max(1);
    // A spreadsheet breaks a word longer than the cell across lines.
    crate::text::wrap(text, per_line, LongWords::Break).len()
}

/// The height of a row that shows every cell's text whole.
fn row_height(row: &[String], width_of: impl Fn(usize) -> f64) -> Option<f64> {
    let lines = row
        .iter()
        .enumerate()
        .map(|(c, text)| lines_in(text, width_of(c)))
        .max()?;
    (lines > 1).then_some(lines as f64 * LINE_HEIGHT)
}

/// Whether a header field names what the template is for (its checklist, version and
/// profile): protected like the template's columns.
fn is_fixed_field(name: &str) -> bool {
    super::field_key(name).is_some_and(|key| FIXED_FIELDS.contains(&key))
}

fn width_of(key: Option<&str>) -> f64 {
    WIDTHS
        .iter()
        .find(|(k, _)| Some(*k) == key)
        .map_or(20.0, |(_, width)| *width)
}

/// The grid as the answers sheet shows it: without the columns of the guidance sheet.
fn without_guidance(grid: &Grid) -> Grid {
    let Some(header) = header_row(grid) else {
        return grid.clone();
    };
    let kept: Vec<usize> = (0..grid.rows[header].len())
        .filter(|&c| {
            super::column_key(grid.cell(header, c))
                .is_none_or(|key| !ON_GUIDANCE_SHEET.contains(&key))
        })
        .collect();
    let rows = grid
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            if r < header {
                return row.clone();
            }
            kept.iter().filter_map(|&c| row.get(c).cloned()).collect()
        })
        .collect();
    Grid {
        rows,
        ..grid.clone()
    }
}

fn answers_sheet(sheet: &mut Worksheet, grid: &Grid, labels: &[&str]) -> Result<(), XlsxError> {
    sheet.set_name(&grid.sheet)?;
    sheet.set_active(true);
    let header = header_row(grid).unwrap_or(0);
    let read_only = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let fillable = read_only.clone().set_unlocked();
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let keys: Vec<Option<&str>> = grid
        .rows
        .get(header)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|name| super::column_key(name))
        .collect();
    let key_of = |col: usize| keys.get(col).copied().flatten();
    // The column after the last is open too: `init --from` adds the carried-over column there.
    let answer_cols: Vec<usize> = (0..=keys.len())
        .filter(|&c| key_of(c).is_none_or(|key| !READ_ONLY.contains(&key)))
        .collect();
    for col in 0..=keys.len() {
        sheet.set_column_width(col as u16, width_of(key_of(col)))?;
    }
    // The answer columns are open to typing, down to the empty cells below the items.
    for &col in &answer_cols {
        sheet.set_column_format(col as u16, &fillable)?;
    }
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let format = if r == header || (r < header && c == 0) {
                &bold
            } else if (r < header && c == 1 && !is_fixed_field(grid.cell(r, 0)))
                || (r > header && answer_cols.contains(&c))
            {
                &fillable
            } else {
                &read_only
            };
            if r < header && c == NOTE_COLUMN {
                // A header field's note spans the printed columns after it, to be read whole.
                let last = (PRINTED_COLUMNS - 1) as u16;
                sheet.merge_range(r as u32, c as u16, r as u32, last, text, format)?;
            } else {
                sheet.write_string_with_format(r as u32, c as u16, text, format)?;
            }
        }
        let height = if r < header {
            row_height(row, |c| match c {
                NOTE_COLUMN => (NOTE_COLUMN..PRINTED_COLUMNS)
                    .map(|c| width_of(key_of(c)))
                    .sum(),
                _ => width_of(key_of(c)),
            })
        } else {
            row_height(row, |c| width_of(key_of(c)))
        };
        let writing = WRITING_LINES as f64 * LINE_HEIGHT;
        if r > header {
            sheet.set_row_height(r as u32, height.unwrap_or(writing).max(writing))?;
        } else if let Some(height) = height {
            sheet.set_row_height(r as u32, height)?;
        }
    }
    let first = (header + 1) as u32;
    let last = (grid.rows.len().max(header + 2) - 1) as u32;
    sheet.set_freeze_panes(first, 1)?;
    status_drop_down(sheet, labels, first, last)?;
    print_setup(sheet, header as u32, last)?;
    // Without a password: anyone can turn it off (Review, Unprotect Sheet in Excel; Tools,
    // Protect Sheet in LibreOffice Calc), it only keeps the template's text from being typed
    // over by accident.
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The status column offers the scale's labels; a value typed another way (an alias, the
/// code `met`) only warns, since the import accepts it.
fn status_drop_down(
    sheet: &mut Worksheet,
    labels: &[&str],
    first: u32,
    last: u32,
) -> Result<(), XlsxError> {
    let validation = DataValidation::new()
        .allow_list_strings(labels)?
        .set_input_title("Status")?
        .set_input_message("Choose from the list; leave empty if not decided yet.")?
        .set_error_title("Not one of the statuses")?
        .set_error_message(format!("Choose one of: {}.", labels.join(", ")))?
        .set_error_style(DataValidationErrorStyle::Warning);
    let Some(col) = COLUMNS.iter().position(|c| *c == "status") else {
        return Ok(());
    };
    let col = col as u16;
    sheet.add_data_validation(first, col, last, col, &validation)?;
    Ok(())
}

/// Landscape, the columns a committee fills at the table only (all thirteen would print at
/// about 3.5 points), one page wide, the header row on every page, page numbers in the footer.
fn print_setup(sheet: &mut Worksheet, header: u32, last: u32) -> Result<(), XlsxError> {
    sheet.set_landscape();
    // US Letter.
    sheet.set_paper_size(1);
    // Half-inch margins (the default 0.7 inch sides would print at 9 points, not 10).
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_area(0, 0, last, (PRINTED_COLUMNS - 1) as u16)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header, header)?;
    sheet.set_print_gridlines(true);
    sheet.set_footer("&L&A&RPage &P of &N");
    Ok(())
}

/// The instructions, in plain words: what to fill in, what to leave, how to import.
fn instructions_text(labels: &[&str], checklist: &Checklist) -> Vec<(bool, String)> {
    let heading = |text: &str| (true, text.to_string());
    let line = |text: String| (false, text);
    vec![
        heading("How to fill in this workbook"),
        line(format!(
            "This workbook holds the answers to the checklist \"{}\" (version {}). Fill it in \
             on the Answers sheet, then give it to sro-assess.",
            checklist.title, checklist.version
        )),
        heading("What to fill in"),
        line(
            "At the top of the Answers sheet, in column B: District, Label (a name for this \
             assessment, such as \"2025-26 annual review\" or \"Option A\"), Date (the day the \
             committee completed it, as YYYY-MM-DD) and Prepared by. For a planning option, also \
             its Annual cost, One-time cost and Staff FTE, in digits. When each committee \
             member rates alone, also Rater (a name or a role) and Rater group (district staff, \
             law enforcement, family, student, community, board)."
                .into(),
        ),
        line(format!(
            "For each item (one row each): Status, chosen from the list in the cell ({}). \
             Leave it empty if the committee has not decided: the item then counts as \
             unanswered, and the report lists it.",
            labels.join(", ")
        )),
        line(
            "Evidence: the documents that show it (a signed MOU, board minutes, a training \
             roster)."
                .into(),
        ),
        line(
            "Note (printed in reports): a note the public may read. For Not applicable, write \
             why the item does not apply."
                .into(),
        ),
        line(
            "Internal note (never published): for the committee only. It may name people, \
             students included; reports leave it out unless asked to include internal notes."
                .into(),
        ),
        line(
            "Owner (who will close the gap) and Due date (YYYY-MM-DD): who will act on a gap, \
             and by when."
                .into(),
        ),
        heading("What not to change"),
        line(
            "The Item ID, Section, Practice, Priority, Guidance and Look for columns, and the \
             Checklist, Checklist version and Profile values: they tie each answer to its item. \
             They are protected against typing over them by accident; to sort the rows or add a \
             column of your own, turn the protection off first (no password: in Excel, Review, \
             Unprotect Sheet; in LibreOffice Calc, Tools, Protect Sheet)."
                .into(),
        ),
        line(
            "Keep the names in the header row. Columns may be moved, and rows sorted: the \
             import finds each column and field by its name."
                .into(),
        ),
        heading("Printing"),
        line(
            "The Answers sheet prints the columns a committee fills in at the table: Item ID, \
             Practice, Status, Evidence, Owner and Due date, one page across. The Guidance sheet \
             prints each item's guidance and what to look for, to read beside it."
                .into(),
        ),
        heading("When the answers are in"),
        line(
            "Save the workbook (as .xlsx, .ods or .csv). Then, in a terminal, in its folder: \
             sro-assess report answers.xlsx (use the file's own name) shows the gap report, and \
             sro-assess import answers.xlsx -o answers.yaml turns it into an answers file."
                .into(),
        ),
        line(
            "If something needs fixing, the message names the cell (for example \"cell G14\") \
             and says what to write there. Nothing typed in the sheet is dropped without a \
             word: a cell the import does not read is named in a warning."
                .into(),
        ),
    ]
}

/// Each item's guidance and what to look for, to print and read beside the answers (the
/// answers sheet prints without them): two columns, portrait, at full size.
fn guidance_sheet(sheet: &mut Worksheet, grid: &Grid) -> Result<(), XlsxError> {
    // 88 characters across a portrait page: 9 points or more in Calc, as the answers sheet.
    const WIDTHS: [f64; 2] = [30.0, 58.0];
    sheet.set_name(GUIDANCE_SHEET)?;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = text.clone().set_bold();
    sheet.write_string_with_format(0, 0, "Item", &bold)?;
    sheet.write_string_with_format(0, 1, "Guidance, and what to look for", &bold)?;
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let (id, title, guidance, look_for) = (
        column("id"),
        column("title"),
        column("guidance"),
        column("look_for"),
    );
    let items = header_row(grid).map_or(0, |header| header + 1);
    for (row, r) in (1u32..).zip(items..grid.rows.len()) {
        let item = format!("{}\n{}", grid.cell(r, title), grid.cell(r, id));
        let mut advice = grid.cell(r, guidance).to_string();
        if !grid.cell(r, look_for).is_empty() {
            advice.push_str(&format!("\n\nLook for: {}", grid.cell(r, look_for)));
        }
        sheet.write_string_with_format(row, 0, &item, &text)?;
        sheet.write_string_with_format(row, 1, &advice, &text)?;
        let lines = [(item.as_str(), WIDTHS[0]), (advice.as_str(), WIDTHS[1])]
            .iter()
            .map(|(text, width)| text.split('\n').map(|l| lines_in(l, *width)).sum::<usize>())
            .max()
            .unwrap_or(1);
        sheet.set_row_height(row, lines as f64 * LINE_HEIGHT + 4.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_portrait();
    sheet.set_paper_size(1);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_footer("&L&A&RPage &P of &N");
    sheet.protect();
    Ok(())
}

fn instructions_sheet(
    sheet: &mut Worksheet,
    labels: &[&str],
    checklist: &Checklist,
) -> Result<(), XlsxError> {
    const WIDTH: f64 = 100.0;
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    sheet.set_column_width(0, WIDTH)?;
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let heading = Format::new().set_bold().set_font_size(13);
    for (r, (is_heading, line)) in instructions_text(labels, checklist).iter().enumerate() {
        let row = r as u32;
        if *is_heading {
            sheet.write_string_with_format(row, 0, line, &heading)?;
            sheet.set_row_height(row, 22)?;
        } else {
            sheet.write_string_with_format(row, 0, line, &text)?;
            let lines = lines_in(line, WIDTH) as f64;
            sheet.set_row_height(row, lines * LINE_HEIGHT + 4.0)?;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(1);
    sheet.set_print_fit_to_pages(1, 1);
    sheet.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drop_down_offers_dont_know_last() {
        let Some(Ok(loaded)) = crate::load::bundled_checklist("wi-sro-best-practices") else {
            panic!("the bundled checklist loads");
        };
        let checklist = loaded.checklist;
        for profile in &checklist.profiles {
            let labels = status_labels(&checklist, profile);
            assert_eq!(labels.last(), Some(&"Don't know"), "{}", profile.id);
        }
    }

    #[test]
    fn counts_the_lines_of_wrapped_text() {
        assert_eq!(lines_in("short", 40.0), 1);
        assert_eq!(lines_in("", 40.0), 1);
        // Ten words of ten letters, four to a line of 44 characters.
        let text = ["wordswords"; 10].join(" ");
        assert_eq!(lines_in(&text, 40.0), 3);
        assert_eq!(lines_in("one\ntwo\nthree", 40.0), 3);
        // A 44-character word fits a column 40 wide on one line.
        let id = "x".repeat(44);
        assert_eq!(lines_in(&id, 40.0), 1);
    }

    #[test]
    fn a_row_is_as_tall_as_its_longest_cell() {
        let row = vec!["id".to_string(), "a ".repeat(60)];
        // Sixty one-letter words, eleven to a line of 22 characters.
        assert_eq!(row_height(&row, |_| 20.0), Some(6.0 * LINE_HEIGHT));
        assert_eq!(row_height(&["id".to_string()], |_| 20.0), None);
    }
}
