//! CSV and JSON: direct exports of the score and comparison models (and of a checklist),
//! not drawn from a document.

pub(crate) mod assessment_csv;
pub(crate) mod comparison_csv;
pub(crate) mod comparison_json;
mod consensus_json;
mod envelope;
pub(crate) mod json;

use super::{Format, RenderOptions, Subject, name_list, public_view};
use crate::error::{Error, Result};

/// The export of `subject` in `format` (CSV or JSON).
pub(crate) fn write(
    subject: Subject<'_>,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    let bytes = exported(subject, format, options)?;
    if format == Format::Csv && options.bom {
        return Ok([UTF8_BOM.as_slice(), &bytes].concat());
    }
    Ok(bytes)
}

/// The byte-order mark that tells Excel a CSV is UTF-8.
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

fn exported(subject: Subject<'_>, format: Format, options: &RenderOptions) -> Result<Vec<u8>> {
    match (format, subject) {
        (Format::Csv, Subject::Assessment(a)) => {
            assessment_csv::CsvRenderer.render(&public_view(a, options), options)
        }
        (Format::Csv, Subject::Comparison(c)) => comparison_csv::CsvRenderer.comparison(c, options),
        (Format::Csv, Subject::Summary(s)) => comparison_csv::CsvRenderer.summary(s, options),
        (Format::Json, Subject::Assessment(a)) => {
            json::JsonRenderer.render(&public_view(a, options), options)
        }
        (Format::Json, Subject::Comparison(c)) => {
            comparison_json::JsonRenderer.comparison(c, options)
        }
        (Format::Json, Subject::Summary(s)) => comparison_json::JsonRenderer.summary(s, options),
        (Format::Json, Subject::Listing(items)) => json::checklist(items),
        (Format::Json, Subject::Agenda(c)) => consensus_json::consensus(c, options),
        // `render` asks the format table first; a pair it does not list never gets here.
        (format, subject) => Err(Error::FormatNotAvailable {
            subject: subject.kind().noun(),
            format: format.name(),
            available: name_list(Format::writing(subject.kind(), false)),
        }),
    }
}
