//! Every CSV file the tool writes (reports, comparisons, summaries, answers templates) goes
//! through [`write_rows`], so no cell can reach a spreadsheet program as a formula.
//!
//! The rule (OWASP "CSV injection"): a cell whose first character is `=`, `+`, `-`, `@`, a tab
//! or a carriage return gets a single quote `'` in front and is always written in double
//! quotes, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
//! Plain numbers such as `-12.5` are left alone: a spreadsheet reads them as numbers, never
//! as formulas, and tools summing a column still can.
//!
//! So that `import` gives back exactly what was written, a cell that really starts with `'`
//! followed by one of those characters or by another `'` gets a `'` added too, and
//! [`restore`] takes off exactly one leading `'` when a `'` starts the cell and one of those
//! characters (or a second `'`) follows it. A cell such as `'Tis` is written and read as is.

use std::borrow::Cow;

/// The first characters that make a spreadsheet program read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `c`, right after a leading `'`, means the `'` was added by [`neutralize`].
fn escaped_after_quote(c: char) -> bool {
    FORMULA_STARTS.contains(&c) || c == '\''
}

/// `-12`, `-0.5`: a negative number, which no spreadsheet reads as a formula.
fn is_negative_number(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('-') else {
        return false;
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a cell must be written with a leading `'` (see the module documentation).
pub fn needs_neutralizing(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('\'') => chars.next().is_some_and(escaped_after_quote),
        Some(c) if FORMULA_STARTS.contains(&c) => !is_negative_number(text),
        _ => false,
    }
}

/// The cell as it is written: with a leading `'` when a spreadsheet would run it.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if needs_neutralizing(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell read from a CSV file the tool wrote, without the `'` that [`neutralize`] added.
pub fn restore(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(escaped_after_quote) => rest,
        _ => text,
    }
}

/// Writes rows as CSV (comma-separated, `\n` after each row), every cell neutralized.
///
/// A cell is quoted when it holds a comma, a quote or a line break, when it was neutralized,
/// and when it is the only cell of its row and empty (so the blank row stays a row).
pub fn write_rows<R, C>(rows: R) -> Vec<u8>
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = String::new();
    for row in rows {
        let start = out.len();
        let mut cells = 0;
        for cell in row {
            if cells > 0 {
                out.push(',');
            }
            cells += 1;
            write_cell(&mut out, cell.as_ref());
        }
        if cells <= 1 && out.len() == start {
            out.push_str("\"\"");
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn write_cell(out: &mut String, text: &str) {
    let neutralized = needs_neutralizing(text);
    let quoted = neutralized || text.contains([',', '"', '\n', '\r']);
    if !quoted {
        out.push_str(text);
        return;
    }
    out.push('"');
    if neutralized {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(|c| restore(c).to_string()).collect())
            .collect()
    }

    #[test]
    fn every_formula_start_is_quoted_and_prefixed() {
        for first in FORMULA_STARTS {
            let cell = format!("{first}HYPERLINK(\"http://x\")");
            let bytes = write_rows([["a".to_string(), cell.clone()]]);
            let text = String::from_utf8(bytes.clone()).unwrap();
            let expected = format!("a,\"'{}\"\n", cell.replace('"', "\"\""));
            assert_eq!(text, expected, "{first:?}");
            assert_eq!(read_back(&bytes), vec![vec!["a".to_string(), cell]]);
        }
    }

    #[test]
    fn negative_numbers_and_plain_text_are_left_alone() {
        for cell in ["-12.5", "-3", "0", "Plain text", "'Tis the season", "a=b"] {
            assert_eq!(neutralize(cell), cell);
        }
        for cell in ["-", "-1.", "-.5", "-1-1", "-1e5", "--"] {
            assert_eq!(neutralize(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn a_genuine_leading_quote_survives_the_round_trip() {
        for cell in ["'=1+1", "''", "'", "'-", "''=x", "'Tis"] {
            let bytes = write_rows([[cell]]);
            assert_eq!(read_back(&bytes), vec![vec![cell.to_string()]], "{cell}");
        }
    }

    #[test]
    fn matches_the_csv_crate_for_ordinary_cells() {
        let rows = vec![
            vec!["id", "a,b", "say \"hi\"", "two\nlines", ""],
            vec![""],
            vec!["x"],
        ];
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        assert_eq!(write_rows(&rows), writer.into_inner().unwrap());
    }

    proptest::proptest! {
        #[test]
        fn any_cell_reads_back_as_written(cell in "\\PC{0,12}|['=+@\\t\\r-]{1,3}\\PC{0,4}") {
            let bytes = write_rows([[cell.as_str(), "next"]]);
            let rows = read_back(&bytes);
            proptest::prop_assert_eq!(&rows[0][0], &cell);
            let first = rows[0][0].chars().next();
            let raw = String::from_utf8(bytes).unwrap();
            if first.is_some_and(|c| FORMULA_STARTS.contains(&c)) && !is_negative_number(&cell) {
                proptest::prop_assert!(raw.starts_with("\"'"));
            }
        }
    }
}
