//! How much a spreadsheet may make the tool read. A 16 MiB workbook can unpack to gigabytes
//! (a zip bomb) or declare a used range of 17 billion cells; every bound below is checked
//! before the memory it protects is taken, and a file past one is refused (exit 2) with the
//! bound named.
//!
//! The bounds are far above any real answers sheet: the bundled checklist has 114 items (one
//! row each, 12 columns, a workbook of about 25 KB); a local checklist of 5,000 items still fits.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use crate::error::{Diagnostic, Error, Result};

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

const WORKBOOK_HINT: &str = "this is not an answers sheet as the template makes them (those are \
well under 1 MiB unpacked); start again from `sro-assess init -o answers.xlsx`, or save the sheet \
as CSV";

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

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

/// Checks every part of a workbook against [`MAX_PARTS`], [`MAX_PART_BYTES`] and
/// [`MAX_WORKBOOK_BYTES`] by inflating it (at most one byte past the bound) and counting: a
/// part's declared size is checked first but not trusted, since a crafted file can lie.
///
/// Bytes that are not a zip archive pass: the workbook reader then says what is wrong.
pub fn check_workbook_parts(path: &Path, bytes: &[u8]) -> Result<()> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_PARTS {
        return Err(refuse(
            path,
            format!(
                "the workbook has {} parts; sro-assess reads workbooks of at most {} parts",
                thousands(archive.len() as u64),
                thousands(MAX_PARTS as u64)
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
                    mib(MAX_PART_BYTES)
                ),
                WORKBOOK_HINT,
            )
        };
        if part.size() > MAX_PART_BYTES {
            return Err(too_large(format!("{} bytes", thousands(part.size()))));
        }
        let unpacked = std::io::copy(
            &mut (&mut part).take(MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|err| unreadable(path, &err))?;
        if unpacked > MAX_PART_BYTES {
            return Err(too_large(format!("more than {}", mib(MAX_PART_BYTES))));
        }
        total += unpacked;
        if total > MAX_WORKBOOK_BYTES {
            return Err(refuse(
                path,
                format!(
                    "the workbook unpacks to more than {}, the most sro-assess reads",
                    mib(MAX_WORKBOOK_BYTES)
                ),
                WORKBOOK_HINT,
            ));
        }
    }
    Ok(())
}

fn unreadable(path: &Path, err: &dyn std::fmt::Display) -> Error {
    refuse(
        path,
        format!("the file is not a readable XLSX workbook: {err}"),
        "save it again from the spreadsheet program as an Excel workbook (.xlsx)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_thousands_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
