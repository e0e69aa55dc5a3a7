//! Rendering: a [`Subject`] (an assessment, a comparison, a summary, a checklist's worksheet or
//! listing) and a [`Format`] in, bytes and warnings out, through the one [`render`]. Each
//! subject is stated once as a document (`subject`) in the words of `view`; a medium
//! (`medium`) draws any document; CSV and JSON export the model (`export`). Nothing here
//! scores, prints, reads the clock or probes the terminal.

pub mod board;
pub mod document;
mod export;
mod format;
pub mod glossary;
pub mod medium;
pub mod pdf;
pub mod subject;
pub mod view;

use std::borrow::Cow;

pub use export::JsonDocument;
pub use format::{FORMATS, Format, FormatEntry, Making, SubjectKind, name_list};

use crate::compare::{Comparison, Summary};
use crate::consensus::Consensus;
use crate::error::{Error, Result};
use crate::model::{Checklist, Profile};
use crate::score::Assessment;

/// Choices that change how a report looks, decided once by the caller.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Use color (terminal table only).
    pub color: bool,
    /// Wrap the terminal table to this many columns (`None`: 100).
    pub width: Option<u16>,
    /// Print internal notes (never on by default: they may name students).
    pub include_internal_notes: bool,
    /// Paper size of PDF output.
    pub paper: Paper,
    /// The board's brief for a consent agenda: the first page and the gap list only
    /// (assessment report; other subjects ignore it).
    pub brief: bool,
    /// Begin a CSV with a UTF-8 byte-order mark, which Excel on Windows needs to read it as
    /// UTF-8 rather than the ANSI code page (other formats ignore it).
    pub bom: bool,
}

/// Paper size of PDF output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in (the default: US school boards print on it).
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// What a medium drew or an export wrote: the bytes, and the warnings to print beside them (the PDF's built-in
/// font names each character it had to replace; the other media have none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The document.
    pub bytes: Vec<u8>,
    /// One line per warning, without the file name.
    pub warnings: Vec<String>,
}

impl Rendered {
    /// Bytes with nothing to warn about.
    pub fn plain(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// What a report is about, borrowed from the caller: one value per subject, so that a new
/// subject is one more variant (and the matches the compiler then asks for).
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// One assessment's gap report (internal notes removed unless the options ask for them).
    Assessment(&'a Assessment),
    /// Several assessments side by side.
    Comparison(&'a Comparison),
    /// Many districts summarized.
    Summary(&'a Summary),
    /// A checklist's printable worksheet for a committee meeting.
    Worksheet(ChecklistItems<'a>),
    /// A checklist's sections and items.
    Listing(ChecklistItems<'a>),
    /// A committee's consensus: the agreement and the agenda of items to settle (internal
    /// notes removed unless the options ask for them).
    Agenda(&'a Consensus),
}

/// A checklist, or only the items of one of its profiles.
#[derive(Debug, Clone, Copy)]
pub struct ChecklistItems<'a> {
    /// The checklist.
    pub checklist: &'a Checklist,
    /// The profile whose items to keep; `None`: every item.
    pub profile: Option<&'a Profile>,
}

impl Subject<'_> {
    /// The kind of subject, as [`FORMATS`] lists what each format writes.
    pub fn kind(&self) -> SubjectKind {
        match self {
            Self::Assessment(_) => SubjectKind::Assessment,
            Self::Comparison(_) => SubjectKind::Comparison,
            Self::Summary(_) => SubjectKind::Summary,
            Self::Worksheet(_) => SubjectKind::Worksheet,
            Self::Listing(_) => SubjectKind::Listing,
            Self::Agenda(_) => SubjectKind::Agenda,
        }
    }
}

/// Writes `subject` in `format`: a medium draws the subject's document, or the model is
/// exported (CSV, JSON). A pair [`FORMATS`] does not list is [`Error::FormatNotAvailable`].
pub fn render(subject: Subject<'_>, format: Format, options: &RenderOptions) -> Result<Rendered> {
    check_format(subject.kind(), format, options)?;
    match format.entry().making {
        Making::Drawn => medium::draw(document(subject, options), format, options),
        Making::Exported => export::write(subject, format, options).map(Rendered::plain),
    }
}

/// Whether `format` writes this kind of subject with these options, said before any work is
/// done: [`render`] asks it, and so may a caller before it loads anything.
pub fn check_format(kind: SubjectKind, format: Format, options: &RenderOptions) -> Result<()> {
    if !format.writes(kind) {
        return Err(not_available(
            kind.noun(),
            format,
            Format::writing(kind, false),
        ));
    }
    // An export holds every item whatever the reader: a brief of one would drop data silently.
    if options.brief && kind == SubjectKind::Assessment && format.entry().making == Making::Exported
    {
        return Err(not_available(
            "a brief",
            format,
            Format::writing(kind, true),
        ));
    }
    Ok(())
}

fn not_available(
    subject: &'static str,
    format: Format,
    available: impl Iterator<Item = Format>,
) -> Error {
    Error::FormatNotAvailable {
        subject,
        format: format.name(),
        available: name_list(available),
    }
}

/// The subject's one format-neutral document.
fn document(subject: Subject<'_>, options: &RenderOptions) -> document::Document {
    match subject {
        // The public copy is dropped once the document is made: a long report's copy is
        // megabytes the drawing does not need.
        Subject::Assessment(a) => subject::assessment(&public_view(a, options), options),
        Subject::Comparison(c) => subject::comparison(c, options),
        Subject::Summary(s) => subject::summary(s, options),
        Subject::Worksheet(items) => subject::worksheet(items.checklist, items.profile),
        Subject::Listing(items) => subject::checklist(items.checklist, items.profile),
        Subject::Agenda(c) => subject::agenda(&public_consensus(c, options), options),
    }
}

/// The assessment as these options may print it: internal notes only when asked for.
pub(crate) fn public_view<'a>(
    assessment: &'a Assessment,
    options: &RenderOptions,
) -> Cow<'a, Assessment> {
    if options.include_internal_notes {
        Cow::Borrowed(assessment)
    } else {
        Cow::Owned(assessment.without_internal_notes())
    }
}

/// The consensus as these options may print it: members' internal notes only when asked for.
pub(crate) fn public_consensus<'a>(
    consensus: &'a Consensus,
    options: &RenderOptions,
) -> Cow<'a, Consensus> {
    if options.include_internal_notes {
        Cow::Borrowed(consensus)
    } else {
        Cow::Owned(consensus.without_internal_notes())
    }
}

pub(crate) fn encode_error(format: Format, err: impl std::fmt::Display) -> Error {
    Error::Encode {
        format: format.label(),
        message: err.to_string(),
    }
}

#[cfg(test)]
mod tests;
