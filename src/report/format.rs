//! The output formats, stated once in [`FORMATS`]: each format's name, label, help, file
//! extensions, whether it is binary and which subjects it writes. Every list of formats (the
//! command line's choices and help, the extensions an output name may have, the formats an
//! error suggests) is read from that table.

use std::path::Path;

/// An output format. Its facts are its entry in [`FORMATS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Terminal tables.
    Table,
    /// Markdown document.
    Markdown,
    /// One CSV row per item (plus overall and section rows).
    Csv,
    /// The whole model as JSON.
    Json,
    /// One self-contained, accessible HTML page (WCAG 2.1 AA) for a district website.
    Html,
    /// A PDF for the school board (needs an output file).
    Pdf,
    /// A Word document to edit before it is shared (needs an output file).
    Docx,
}

/// What a report is about: the kind of a [`super::Subject`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    /// One assessment's gap report.
    Assessment,
    /// Several assessments side by side.
    Comparison,
    /// Many districts summarized.
    Summary,
    /// A checklist's printable worksheet.
    Worksheet,
    /// A checklist's sections and items.
    Listing,
    /// A committee's consensus agenda.
    Agenda,
}

impl SubjectKind {
    /// The subject in a sentence (`a comparison cannot be written as csv`).
    pub fn noun(self) -> &'static str {
        match self {
            Self::Assessment => "a report",
            Self::Comparison => "a comparison",
            Self::Summary => "a summary",
            Self::Worksheet => "a worksheet",
            Self::Listing => "a checklist listing",
            Self::Agenda => "a consensus agenda",
        }
    }
}

/// How a format is made from a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Making {
    /// A medium draws the subject's document.
    Drawn,
    /// The subject's model is exported as it is.
    Exported,
}

/// One output format's facts.
#[derive(Debug, Clone, Copy)]
pub struct FormatEntry {
    /// The format.
    pub format: Format,
    /// Its name on the command line (`markdown`).
    pub name: &'static str,
    /// Its name in a sentence (`Markdown`).
    pub label: &'static str,
    /// One line of help for the command line.
    pub help: &'static str,
    /// The help where a subject makes the format something else (a PDF worksheet).
    pub help_for: &'static [(SubjectKind, &'static str)],
    /// The file extensions that imply it, the one to suggest first (lowercase, no dot).
    pub extensions: &'static [&'static str],
    /// Whether it is binary and so cannot go to a terminal.
    pub binary: bool,
    /// Drawn from a document, or exported from the model.
    pub making: Making,
    /// The subjects it writes.
    pub subjects: &'static [SubjectKind],
}

use SubjectKind::{Agenda, Assessment, Comparison, Listing, Summary, Worksheet};

/// Every format, in the order help and errors list them.
pub const FORMATS: [FormatEntry; 7] = [
    FormatEntry {
        format: Format::Table,
        name: "table",
        label: "table",
        help: "Tables for the terminal.",
        help_for: &[],
        extensions: &["txt"],
        binary: false,
        making: Making::Drawn,
        subjects: &[Assessment, Comparison, Summary, Listing, Agenda],
    },
    FormatEntry {
        format: Format::Markdown,
        name: "markdown",
        label: "Markdown",
        help: "Markdown document.",
        help_for: &[],
        extensions: &["md", "markdown"],
        binary: false,
        making: Making::Drawn,
        subjects: &[Assessment, Comparison, Summary, Listing, Agenda],
    },
    FormatEntry {
        format: Format::Csv,
        name: "csv",
        label: "CSV",
        help: "CSV for spreadsheets, one row per item.",
        help_for: &[],
        extensions: &["csv"],
        binary: false,
        making: Making::Exported,
        subjects: &[Assessment, Comparison, Summary],
    },
    FormatEntry {
        format: Format::Json,
        name: "json",
        label: "JSON",
        help: "JSON with documented field names.",
        help_for: &[],
        extensions: &["json"],
        binary: false,
        making: Making::Exported,
        subjects: &[Assessment, Comparison, Summary, Listing, Agenda],
    },
    FormatEntry {
        format: Format::Html,
        name: "html",
        label: "HTML",
        help: "One self-contained, accessible HTML page for a district website.",
        help_for: &[],
        extensions: &["html", "htm"],
        binary: false,
        making: Making::Drawn,
        subjects: &[Assessment, Comparison, Summary, Agenda],
    },
    FormatEntry {
        format: Format::Pdf,
        name: "pdf",
        label: "PDF",
        help: "PDF for the school board (needs -o FILE).",
        help_for: &[(
            Worksheet,
            "Printable worksheet for a committee meeting (needs -o FILE).",
        )],
        extensions: &["pdf"],
        binary: true,
        making: Making::Drawn,
        subjects: &[Assessment, Comparison, Summary, Worksheet, Agenda],
    },
    FormatEntry {
        format: Format::Docx,
        name: "docx",
        label: "Word",
        help: "Word document to edit before sharing (needs -o FILE).",
        help_for: &[(
            Worksheet,
            "Word worksheet for a committee meeting (needs -o FILE).",
        )],
        extensions: &["docx"],
        binary: true,
        making: Making::Drawn,
        subjects: &[Assessment, Comparison, Summary, Worksheet, Agenda],
    },
];

impl FormatEntry {
    /// One line of help for the command line, for the format writing `subject`.
    pub fn help_writing(&self, subject: SubjectKind) -> &'static str {
        self.help_for
            .iter()
            .find(|(kind, _)| *kind == subject)
            .map_or(self.help, |(_, help)| help)
    }
}

impl Format {
    /// Every format, in the order of [`FORMATS`].
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|entry| entry.format)
    }

    /// The format's facts.
    pub fn entry(self) -> &'static FormatEntry {
        // The table lists the formats in declaration order (a test checks it).
        &FORMATS[self as usize]
    }

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// The format's name in a sentence (`JSON`, `PDF`).
    pub fn label(self) -> &'static str {
        self.entry().label
    }

    /// Whether the format is binary and so cannot go to a terminal.
    pub fn is_binary(self) -> bool {
        self.entry().binary
    }

    /// Whether the format writes this kind of subject.
    pub fn writes(self, subject: SubjectKind) -> bool {
        self.entry().subjects.contains(&subject)
    }

    /// The format of a command-line name.
    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS.iter().find(|e| e.name == name).map(|e| e.format)
    }

    /// The format a file name's extension implies (`.md`, `.csv`, `.json`, `.txt`, ...).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|e| e.extensions.contains(&ext.as_str()))
            .map(|e| e.format)
    }

    /// The formats that write `subject` (and are drawn, when `drawn_only`), in table order.
    pub fn writing(subject: SubjectKind, drawn_only: bool) -> impl Iterator<Item = Format> {
        FORMATS
            .iter()
            .filter(move |e| e.subjects.contains(&subject))
            .filter(move |e| !drawn_only || e.making == Making::Drawn)
            .map(|e| e.format)
    }

    /// `.txt, .md, .csv, .json, .html, .pdf or .docx`: one extension per format, as an error
    /// suggests them.
    pub fn extension_list() -> String {
        or_list(
            FORMATS
                .iter()
                .filter_map(|e| e.extensions.first())
                .map(|ext| format!(".{ext}")),
        )
    }
}

/// `table, markdown, html or pdf`: names as a sentence lists choices.
pub fn name_list(formats: impl Iterator<Item = Format>) -> String {
    or_list(formats.map(|f| f.name().to_string()))
}

fn or_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_the_formats_in_declaration_order() {
        for (n, entry) in FORMATS.iter().enumerate() {
            assert_eq!(entry.format as usize, n, "{}", entry.name);
            assert_eq!(Format::from_name(entry.name), Some(entry.format));
            assert!(!entry.extensions.is_empty() && !entry.subjects.is_empty());
            for (subject, _) in entry.help_for {
                assert!(
                    entry.subjects.contains(subject),
                    "{}: {subject:?}",
                    entry.name
                );
            }
        }
    }

    #[test]
    fn a_pdf_worksheet_is_helped_as_a_worksheet_and_a_report_as_a_report() {
        let pdf = Format::Pdf.entry();
        assert!(
            pdf.help_writing(SubjectKind::Worksheet)
                .contains("worksheet")
        );
        assert!(
            !pdf.help_writing(SubjectKind::Assessment)
                .contains("worksheet")
        );
        assert_eq!(
            Format::Csv.entry().help_writing(SubjectKind::Summary),
            Format::Csv.entry().help
        );
    }

    #[test]
    fn lists_come_from_the_table() {
        assert_eq!(
            name_list(Format::writing(SubjectKind::Assessment, true)),
            "table, markdown, html, pdf or docx"
        );
        assert_eq!(
            Format::extension_list(),
            ".txt, .md, .csv, .json, .html, .pdf or .docx"
        );
        assert_eq!(
            Format::from_extension(Path::new("r.HTM")),
            Some(Format::Html)
        );
        assert_eq!(
            Format::from_extension(Path::new("r.DOCX")),
            Some(Format::Docx)
        );
        assert_eq!(Format::from_extension(Path::new("r.doc")), None);
    }
}
