//! How much a spreadsheet may make the tool read. A 16 MiB workbook can unpack to gigabytes
//! (a zip bomb) or declare a used range of 17 billion cells; every bound below is checked
//! before the memory it protects is taken, and a file past one is refused (exit 2) with the
//! bound named.
//!
//! The bounds are far above any real answers sheet: the bundled checklist has 120 items (one
//! row each, 12 columns, a workbook of about 25 KB); a local checklist of 5,000 items still fits.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use crate::error::{Diagnostic, Error, Result};

/// Largest sheet file read, in bytes: the limit of every input file (`load::MAX_INPUT_BYTES`,
/// which a test keeps equal), stated here so that reading a sheet needs nothing of the loader.
pub const MAX_SHEET_BYTES: u64 = 16 * 1024 * 1024;
/// Rows read from a sheet (the header rows, the column names and one row per item).
pub const MAX_ROWS: usize = 10_000;
/// Columns read from a sheet (the template has 12).
pub const MAX_COLUMNS: usize = 100;
/// Cells read from a sheet, empty ones included.
pub const MAX_CELLS: usize = 250_000;
/// Uncompressed bytes of one part of a workbook (the sheet, the shared strings, ...).
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Uncompressed bytes of all the parts of a workbook together.
pub const MAX_WORKBOOK_BYTES: u64 = 128 * 1024 * 1024;
/// Parts in a workbook (a template has about a dozen).
pub const MAX_PARTS: usize = 1_000;

/// What to do when a sheet is past a bound on rows, columns or cells.
pub const SHEET_HINT: &str = "delete the rows and columns beyond the answers (select them, \
right-click, Delete) or copy the answers into a new sheet, then save again";

const WORKBOOK_HINT: &str = "this is not an answers sheet as `init` makes them (the bundled \
checklist's unpacks to about 100 KB); start again from `sro-assess init -o answers.xlsx` and copy \
the answers in, or save the sheet as CSV";

/// A refusal: the bound's name, its value and what to do.
pub fn refuse(path: &Path, message: String, hint: &str) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    }
}

/// `10000` as `10,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `33554432` as `32 MiB`; sizes that are not whole MiB in bytes.
fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} bytes", thousands(bytes))
    }
}

/// The bounds on a workbook's zip parts (the tests use small ones).
struct PartLimits {
    parts: usize,
    part_bytes: u64,
    workbook_bytes: u64,
}

const PART_LIMITS: PartLimits = PartLimits {
    parts: MAX_PARTS,
    part_bytes: MAX_PART_BYTES,
    workbook_bytes: MAX_WORKBOOK_BYTES,
};

/// Checks every part of a workbook against [`MAX_PARTS`], [`MAX_PART_BYTES`] and
/// [`MAX_WORKBOOK_BYTES`] by inflating it (at most one byte past the bound) and counting: a
/// part's declared size is checked first but not trusted, since a crafted file can lie.
///
/// Bytes that are not a zip archive pass: the workbook reader then says what is wrong.
pub fn check_workbook_parts(path: &Path, bytes: &[u8]) -> Result<()> {
    check_parts_within(path, bytes, &PART_LIMITS)
}

/// A sink that notes whether the bytes written to it hold `<!DOCTYPE` (in any case), also
/// across two writes.
#[derive(Default)]
struct DoctypeFinder {
    tail: Vec<u8>,
    found: bool,
}

impl std::io::Write for DoctypeFinder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        const MARK: &[u8] = b"<!doctype";
        if !self.found {
            let mut window = std::mem::take(&mut self.tail);
            window.extend_from_slice(&buf[..buf.len().min(MARK.len())]);
            let has_mark = |bytes: &[u8]| {
                bytes.iter().enumerate().any(|(i, &b)| {
                    b == b'<'
                        && bytes
                            .get(i..i + MARK.len())
                            .is_some_and(|w| w.eq_ignore_ascii_case(MARK))
                })
            };
            self.found = has_mark(&window) || has_mark(buf);
            let keep = buf.len().min(MARK.len() - 1);
            self.tail = buf[buf.len() - keep..].to_vec();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn check_parts_within(path: &Path, bytes: &[u8], limits: &PartLimits) -> Result<()> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > limits.parts {
        return Err(refuse(
            path,
            format!(
                "the workbook has {} parts; sro-assess reads workbooks of at most {} parts",
                thousands(archive.len() as u64),
                thousands(limits.parts as u64)
            ),
            WORKBOOK_HINT,
        ));
    }
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|err| unreadable(path, &err))?;
        let name = part.name().to_string();
        let too_large = |size: String| {
            refuse(
                path,
                format!(
                    "the workbook part `{name}` unpacks to {size}; sro-assess reads at most {} \
                     from one part",
                    size_text(limits.part_bytes)
                ),
                WORKBOOK_HINT,
            )
        };
        if part.size() > limits.part_bytes {
            return Err(too_large(format!("{} bytes", thousands(part.size()))));
        }
        let mut doctype = DoctypeFinder::default();
        let unpacked = std::io::copy(&mut (&mut part).take(limits.part_bytes + 1), &mut doctype)
            .map_err(|err| unreadable(path, &err))?;
        if doctype.found {
            return Err(refuse(
                path,
                format!(
                    "the workbook part `{name}` declares a DTD (`<!DOCTYPE`); sro-assess \
                     refuses it for safety, since a DTD can make a reader expand entities \
                     without bound or read other files"
                ),
                "spreadsheet programs never write one: open the file in one and save it \
                 again as .xlsx or .ods",
            ));
        }
        if unpacked > limits.part_bytes {
            return Err(too_large(format!(
                "more than {}",
                size_text(limits.part_bytes)
            )));
        }
        total += unpacked;
        if total > limits.workbook_bytes {
            return Err(refuse(
                path,
                format!(
                    "the workbook unpacks to more than {}, the most sro-assess reads",
                    size_text(limits.workbook_bytes)
                ),
                WORKBOOK_HINT,
            ));
        }
    }
    Ok(())
}

/// Checks what an ODS sheet's repeat counts stand for before calamine expands them: one
/// `<table:table-cell table:number-columns-repeated="16384">` with a value becomes 16,384
/// cells, a repeated row multiplies them again. The rows and columns spanned up to the last
/// filled cell of every sheet together must fit [`MAX_ROWS`], [`MAX_COLUMNS`] and
/// [`MAX_CELLS`]. Bytes that are not an ODS pass.
pub fn check_ods_content(path: &Path, bytes: &[u8]) -> Result<()> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(mut part) = archive.by_name("content.xml") else {
        return Ok(());
    };
    // The part's size is bounded already by [`check_workbook_parts`].
    let mut content = Vec::new();
    (&mut part)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut content)
        .map_err(|err| unreadable(path, &err))?;
    let extent = ods_extent(&String::from_utf8_lossy(&content));
    let refuse_extent = |what: String| {
        refuse(
            path,
            format!("the spreadsheet's sheets span {what}, more than sro-assess reads"),
            SHEET_HINT,
        )
    };
    if extent.rows > MAX_ROWS as u64 {
        return Err(refuse_extent(format!(
            "{} rows (at most {})",
            thousands(extent.rows),
            thousands(MAX_ROWS as u64)
        )));
    }
    if extent.columns > MAX_COLUMNS as u64 {
        return Err(refuse_extent(format!(
            "{} columns (at most {MAX_COLUMNS})",
            thousands(extent.columns)
        )));
    }
    if extent.rows.saturating_mul(extent.columns) > MAX_CELLS as u64 {
        return Err(refuse_extent(format!(
            "{} rows of {} columns (at most {} cells)",
            thousands(extent.rows),
            thousands(extent.columns),
            thousands(MAX_CELLS as u64)
        )));
    }
    Ok(())
}

/// Rows (up to each sheet's last filled row, summed over sheets) and the widest filled row.
#[derive(Debug, Default, PartialEq, Eq)]
struct OdsExtent {
    rows: u64,
    columns: u64,
}

/// Walks the start tags of `content.xml`: enough to count repeats, without building a tree.
fn ods_extent(xml: &str) -> OdsExtent {
    let mut extent = OdsExtent::default();
    let (mut sheet_rows, mut sheet_filled_rows) = (0u64, 0u64);
    let (mut row_repeats, mut row_width, mut row_filled) = (1u64, 0u64, 0u64);
    for tag in xml.split('<').skip(1) {
        let Some(end) = tag.find('>') else {
            continue;
        };
        let tag = &tag[..end];
        let (closing, body) = match tag.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, tag),
        };
        let name = body
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match (closing, name) {
            (false, "table:table") => (sheet_rows, sheet_filled_rows) = (0, 0),
            (true, "table:table") => extent.rows = extent.rows.saturating_add(sheet_filled_rows),
            (false, "table:table-row") => {
                row_repeats = repeat(tag, "table:number-rows-repeated");
                (row_width, row_filled) = (0, 0);
                if tag.ends_with('/') {
                    sheet_rows = sheet_rows.saturating_add(row_repeats);
                }
            }
            (true, "table:table-row") => {
                sheet_rows = sheet_rows.saturating_add(row_repeats);
                if row_filled > 0 {
                    sheet_filled_rows = sheet_rows;
                    extent.columns = extent.columns.max(row_filled);
                }
            }
            (false, "table:table-cell" | "table:covered-table-cell") => {
                row_width = row_width.saturating_add(repeat(tag, "table:number-columns-repeated"));
                // A cell is filled when it has content or a value; LibreOffice writes empty
                // ones as `<table:table-cell/>`.
                if !tag.ends_with('/') || tag.contains("office:value-type") {
                    row_filled = row_width;
                }
            }
            _ => {}
        }
    }
    extent
}

fn repeat(tag: &str, attribute: &str) -> u64 {
    tag.split_once(attribute)
        .and_then(|(_, rest)| rest.split('"').nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// Checks an XLS workbook (an OLE compound file) before calamine reads it: calamine reads
/// every sheet at once and reserves memory for each sheet's declared range (its DIMENSIONS
/// record) and for the span of its cells. Each sheet is walked as calamine finds it (from its
/// BOUNDSHEET offset to its EOF); the declared ranges and the cells' spans of all sheets
/// together must fit [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELLS`]. Bytes that are not an
/// OLE file pass: calamine then says what is wrong.
pub fn check_xls_records(path: &Path, bytes: &[u8]) -> Result<()> {
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut stream = Vec::new();
    let opened = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"));
    let Ok(opened) = opened else {
        return Ok(());
    };
    opened
        .take(MAX_SHEET_BYTES + 1)
        .read_to_end(&mut stream)
        .map_err(|err| unreadable(path, &err))?;
    let mut total = 0u64;
    for offset in sheet_offsets(&stream) {
        let span = sheet_span(stream.get(offset..).unwrap_or_default());
        if span.rows > MAX_ROWS as u64 || span.columns > MAX_COLUMNS as u64 {
            return Err(refuse(
                path,
                format!(
                    "a sheet of the workbook spans {} rows and {} columns; sro-assess reads at \
                     most {} rows and {MAX_COLUMNS} columns",
                    thousands(span.rows),
                    thousands(span.columns),
                    thousands(MAX_ROWS as u64)
                ),
                SHEET_HINT,
            ));
        }
        total = total.saturating_add(span.rows * span.columns);
        if total > MAX_CELLS as u64 {
            return Err(refuse(
                path,
                format!(
                    "the workbook's sheets span more than {} cells, the most sro-assess reads",
                    thousands(MAX_CELLS as u64)
                ),
                SHEET_HINT,
            ));
        }
    }
    Ok(())
}

/// BIFF records: a 2-byte type, a 2-byte length, the data.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let header = rest.get(..4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((kind, data))
    })
}

/// Where each sheet starts: the first 4 bytes of each BOUNDSHEET record of the globals.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    records(stream)
        .take_while(|&(kind, _)| kind != 0x000A)
        .filter(|&(kind, data)| kind == 0x0085 && data.len() >= 4)
        .filter_map(|(_, data)| {
            usize::try_from(u32::from_le_bytes([data[0], data[1], data[2], data[3]])).ok()
        })
        .collect()
}

/// The larger of a sheet's declared range and the span of its cells (rows and columns from
/// 0 to the last), as calamine reserves and builds them.
#[derive(Debug, Default, PartialEq, Eq)]
struct SheetSpan {
    rows: u64,
    columns: u64,
}

fn sheet_span(sheet: &[u8]) -> SheetSpan {
    let u16_at = |data: &[u8], at: usize| {
        data.get(at..at + 2)
            .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |data: &[u8], at: usize| {
        data.get(at..at + 4).map_or(0, |b| {
            u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        })
    };
    let mut span = SheetSpan::default();
    let mut grow = |rows: u64, columns: u64| {
        span.rows = span.rows.max(rows);
        span.columns = span.columns.max(columns);
    };
    // The first record is the sheet's BOF; the sheet ends at its EOF.
    for (kind, data) in records(sheet)
        .skip(1)
        .take_while(|&(kind, _)| kind != 0x000A)
    {
        match kind {
            // DIMENSIONS, BIFF8 (32-bit rows) and BIFF5: one past the last row and column.
            0x0200 if data.len() >= 14 => grow(u32_at(data, 4), u16_at(data, 10)),
            0x0200 => grow(u16_at(data, 2), u16_at(data, 6)),
            // NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA: row, column.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                grow(u16_at(data, 0) + 1, u16_at(data, 2) + 1);
            }
            // MULRK: row, first column, ..., last column.
            0x00BD if data.len() >= 6 => {
                grow(u16_at(data, 0) + 1, u16_at(data, data.len() - 2) + 1);
            }
            _ => {}
        }
    }
    span
}

fn unreadable(path: &Path, err: &dyn std::fmt::Display) -> Error {
    refuse(
        path,
        format!("the file is not a readable workbook: {err}"),
        "save it again from the spreadsheet program as an Excel workbook (.xlsx) or an \
         OpenDocument spreadsheet (.ods)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_doctype_in_any_case_and_across_two_writes() {
        use std::io::Write as _;
        let text = b"<?xml version=\"1.0\"?><!DocType w [<!ENTITY a \"b\">]><w/>";
        for split in 0..text.len() {
            let mut finder = DoctypeFinder::default();
            finder.write_all(&text[..split]).unwrap();
            finder.write_all(&text[split..]).unwrap();
            assert!(finder.found, "split at {split}");
        }
        let mut finder = DoctypeFinder::default();
        finder
            .write_all(b"<workbook><!-- no doctype --></workbook>")
            .unwrap();
        assert!(!finder.found);
    }

    #[test]
    fn a_sheet_file_has_the_size_limit_of_every_input_file() {
        assert_eq!(MAX_SHEET_BYTES, crate::load::MAX_INPUT_BYTES);
    }

    fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
        use std::io::Write as _;
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, size) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(&vec![b'x'; *size]).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const SMALL: PartLimits = PartLimits {
        parts: 3,
        part_bytes: 1_000,
        workbook_bytes: 2_500,
    };

    fn message(bytes: &[u8]) -> Option<String> {
        let err = check_parts_within(Path::new("w.xlsx"), bytes, &SMALL).err()?;
        match err {
            Error::Invalid { diagnostics, .. } => Some(diagnostics[0].message.clone()),
            other => Some(other.to_string()),
        }
    }

    #[test]
    fn refuses_each_part_bound_by_name_and_value() {
        assert_eq!(message(&zip_of(&[("a", 1_000), ("b", 1_000)])), None);
        assert_eq!(
            message(&zip_of(&[("a", 1), ("b", 1), ("c", 1), ("d", 1)])).as_deref(),
            Some("the workbook has 4 parts; sro-assess reads workbooks of at most 3 parts")
        );
        assert_eq!(
            message(&zip_of(&[("a", 1), ("big", 1_001)])).as_deref(),
            Some(
                "the workbook part `big` unpacks to 1,001 bytes; sro-assess reads at most 1,000 bytes from one part"
            )
        );
        assert_eq!(
            message(&zip_of(&[("a", 900), ("b", 900), ("c", 900)])).as_deref(),
            Some("the workbook unpacks to more than 2,500 bytes, the most sro-assess reads")
        );
        assert_eq!(
            message(b"not a zip at all"),
            None,
            "left to the workbook reader"
        );
    }

    #[test]
    fn counts_the_cells_an_ods_repeat_stands_for() {
        let row = |cells: &str, repeats: u64| {
            format!(
                "<table:table-row table:number-rows-repeated=\"{repeats}\">{cells}</table:table-row>"
            )
        };
        let sheet = |rows: &str| format!("<table:table table:name=\"A\">{rows}</table:table>");
        let filled =
            "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";
        let wide = "<table:table-cell table:number-columns-repeated=\"5000\" \
                    office:value-type=\"float\" office:value=\"1\"/>";
        let empty_tail = "<table:table-cell table:number-columns-repeated=\"16000\"/>";
        let trailing = row(empty_tail, 1_048_000);
        assert_eq!(
            ods_extent(&sheet(&format!(
                "{}{}",
                row(&format!("{filled}{empty_tail}"), 1),
                trailing
            ))),
            OdsExtent {
                rows: 1,
                columns: 1
            },
            "empty trailing cells and rows, as LibreOffice writes them, do not count"
        );
        assert_eq!(
            ods_extent(&sheet(&row(&format!("{filled}{wide}"), 3))),
            OdsExtent {
                rows: 3,
                columns: 5001
            }
        );
        assert_eq!(
            ods_extent(&format!(
                "{}{}",
                sheet(&row(filled, 2)),
                sheet(&row(filled, 4))
            )),
            OdsExtent {
                rows: 6,
                columns: 1
            }
        );
    }

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    #[test]
    fn spans_an_xls_sheet_by_its_declared_range_and_its_cells() {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        let mut dimensions = Vec::new();
        dimensions.extend(0u32.to_le_bytes());
        dimensions.extend(65_536u32.to_le_bytes());
        dimensions.extend(0u16.to_le_bytes());
        dimensions.extend(256u16.to_le_bytes());
        dimensions.extend(0u16.to_le_bytes());
        let declared = [bof.clone(), record(0x0200, &dimensions), eof.clone()].concat();
        assert_eq!(
            sheet_span(&declared),
            SheetSpan {
                rows: 65_536,
                columns: 256
            }
        );
        let mut number = Vec::new();
        number.extend(11u16.to_le_bytes());
        number.extend(6u16.to_le_bytes());
        number.extend([0; 10]);
        let after_eof = [bof, record(0x0203, &number), eof.clone(), eof].concat();
        assert_eq!(
            sheet_span(&after_eof),
            SheetSpan {
                rows: 12,
                columns: 7
            }
        );
        let mut boundsheet = 20u32.to_le_bytes().to_vec();
        boundsheet.extend([0, 0, 1, 0x41]);
        let globals = [record(0x0085, &boundsheet), record(0x000A, &[])].concat();
        assert_eq!(sheet_offsets(&globals), vec![20]);
        assert_eq!(sheet_offsets(&[1, 2, 3]), Vec::<usize>::new(), "truncated");
    }

    #[test]
    fn writes_thousands_with_commas() {
        assert_eq!(size_text(32 * 1024 * 1024), "32 MiB");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
