//! CSV and JSON: direct exports of the score and comparison models (and of a checklist),
//! not drawn from a document.

pub(crate) mod assessment_csv;
pub(crate) mod comparison_csv;
pub(crate) mod comparison_json;
mod consensus_json;
mod envelope;
pub(crate) mod json;

use super::{Format, RenderOptions, Subject, SubjectKind, name_list, public_view};
use crate::error::{Error, Result};

/// A kind of JSON document the tool writes, each with its JSON Schema (`schemas/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonDocument {
    /// `report -f json`: `sro-assess/assessment`.
    Assessment,
    /// `compare -f json`: `sro-assess/comparison`.
    Comparison,
    /// `summary -f json`: `sro-assess/summary`.
    Summary,
    /// `consensus -f json`: `sro-assess/consensus`.
    Consensus,
    /// `checklist list` / `show` `-f json`: `sro-assess/checklist`.
    Checklist,
}

impl JsonDocument {
    /// Every kind, in the order docs/reference.md lists them.
    pub const ALL: [Self; 5] = [
        Self::Assessment,
        Self::Comparison,
        Self::Summary,
        Self::Consensus,
        Self::Checklist,
    ];

    /// The name in its `format` field after `sro-assess/`, and of its file in `schemas/`
    /// (`assessment.schema.json`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Assessment => "assessment",
            Self::Comparison => "comparison",
            Self::Summary => "summary",
            Self::Consensus => "consensus",
            Self::Checklist => "checklist",
        }
    }

    /// The document a subject's JSON is; `None` for a subject not written as JSON. Every
    /// subject is named, so a new one must say which schema its JSON has.
    pub fn of(subject: SubjectKind) -> Option<Self> {
        match subject {
            SubjectKind::Assessment => Some(Self::Assessment),
            SubjectKind::Comparison => Some(Self::Comparison),
            SubjectKind::Summary => Some(Self::Summary),
            SubjectKind::Agenda => Some(Self::Consensus),
            SubjectKind::Listing => Some(Self::Checklist),
            SubjectKind::Worksheet => None,
        }
    }

    /// Its JSON Schema (draft 2020-12), as pretty JSON ending in a newline.
    pub fn schema(self) -> Result<Vec<u8>> {
        match self {
            Self::Assessment => json::assessment_schema(),
            Self::Comparison => comparison_json::comparison_schema(),
            Self::Summary => comparison_json::summary_schema(),
            Self::Consensus => consensus_json::consensus_schema(),
            Self::Checklist => json::checklist_schema(),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each subject the format table writes as JSON has a schema, and no other does.
    #[test]
    fn every_subject_written_as_json_has_a_schema() {
        let subjects = [
            SubjectKind::Assessment,
            SubjectKind::Comparison,
            SubjectKind::Summary,
            SubjectKind::Worksheet,
            SubjectKind::Listing,
            SubjectKind::Agenda,
        ];
        for subject in subjects {
            let json = Format::writing(subject, false).any(|f| f == Format::Json);
            assert_eq!(JsonDocument::of(subject).is_some(), json, "{subject:?}");
        }
        let mut documents: Vec<_> = subjects.into_iter().filter_map(JsonDocument::of).collect();
        documents.dedup();
        assert_eq!(documents.len(), JsonDocument::ALL.len());
        for document in JsonDocument::ALL {
            let schema: serde_json::Value =
                serde_json::from_slice(&document.schema().unwrap()).unwrap();
            assert_eq!(
                schema["properties"]["format"]["const"],
                format!("sro-assess/{}", document.name())
            );
        }
    }
}
