//! Writing the template as a sheet: XLSX through rust_xlsxwriter, CSV through the csv crate.

use rust_xlsxwriter::{DataValidation, DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::{COLUMNS, Grid, META_KEYS, META_NOTES, SHEET, csv_cell};
use crate::error::{Error, Result};
use crate::model::{Checklist, Profile};
use crate::template::TemplateHeader;

const STATUS_COL: usize = 6;

/// The template as a grid: header fields, a blank row, the column names, one row per item.
pub fn template_grid(
    checklist: &Checklist,
    profile: &Profile,
    header: &TemplateHeader<'_>,
) -> Grid {
    let mut grid = Grid {
        sheet: SHEET.to_string(),
        rows: Vec::new(),
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
    ];
    for (key, value) in META_KEYS.iter().zip(values) {
        let mut row = vec![(*key).to_string(), value];
        if let Some((_, note)) = META_NOTES.iter().find(|(k, _)| k == key) {
            row.push((*note).to_string());
        }
        grid.rows.push(row);
    }
    grid.rows.push(Vec::new());
    grid.rows
        .push(COLUMNS.iter().map(|c| (*c).to_string()).collect());
    for (section, item) in checklist.items_in_profile(profile) {
        grid.rows.push(vec![
            item.id.clone(),
            section.title.clone(),
            item.title.clone(),
            item.priority.as_str().to_string(),
            item.guidance.clone(),
            item.evidence.clone(),
        ]);
    }
    grid
}

/// The template as CSV bytes, every cell neutralized against formula injection.
pub fn template_csv(grid: &Grid) -> Result<Vec<u8>> {
    Ok(csv_cell::write_rows(&grid.rows))
}

/// The template as XLSX bytes, the status column limited to the scale's values.
pub fn template_xlsx(grid: &Grid, checklist: &Checklist) -> Result<Vec<u8>> {
    let values: Vec<&str> = checklist.scale.iter().map(|l| l.value.as_str()).collect();
    workbook(grid, Some(&values)).map_err(xlsx_error)
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

/// Any grid as XLSX bytes (tests fill a template this way, as a committee would).
pub fn xlsx_from_grid(grid: &Grid) -> Result<Vec<u8>> {
    workbook(grid, None).map_err(xlsx_error)
}

fn xlsx_error(err: XlsxError) -> Error {
    Error::Encode {
        format: "XLSX",
        message: err.to_string(),
    }
}

fn workbook(grid: &Grid, statuses: Option<&[&str]>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes reproducible (the clock would change them).
    let fixed = ExcelDateTime::from_ymd(2026, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let sheet = workbook.add_worksheet();
    sheet.set_name(&grid.sheet)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let header_row = grid
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "id"));
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let format = if Some(r) == header_row || (header_row.is_some_and(|h| r < h) && c == 0) {
                &bold
            } else {
                &wrap
            };
            sheet.write_string_with_format(r as u32, c as u16, text, format)?;
        }
    }
    for (col, width) in [14, 24, 40, 9, 50, 36, 12, 36, 30, 24, 20, 12]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    if let (Some(values), Some(header)) = (statuses, header_row) {
        let first = (header + 1) as u32;
        let last = (grid.rows.len().max(header + 2) - 1) as u32;
        sheet.set_freeze_panes(first, 1)?;
        let validation = DataValidation::new()
            .allow_list_strings(values)?
            .set_error_title("Not a status")?
            .set_error_message(format!("Choose one of: {}", values.join(", ")))?;
        let col = STATUS_COL as u16;
        sheet.add_data_validation(first, col, last, col, &validation)?;
    }
    workbook.save_to_buffer()
}
