//! Errors and diagnostics: every failure the library reports, with file and position as data.

use std::fmt;
use std::path::PathBuf;

/// A 1-based line and column in an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// How serious a diagnostic is: errors stop a run, warnings are printed and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// Worth fixing, but the file can be used.
    Warning,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// For spreadsheets: the cell (`G14`), with its sheet when the file has several
    /// (`Answers!G14`), printed instead of line:column.
    pub cell: Option<String>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location,
            cell: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location,
            cell: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Places the diagnostic at a spreadsheet cell (`Answers!G14`).
    #[must_use]
    pub fn at_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// Adds a hint saying how to fix the problem.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What kind of problem this is: the message with its specifics (each `quoted` name and
    /// each number) replaced, so the same warning about different items is one kind. Warnings
    /// of many files are counted by it.
    pub fn kind(&self) -> String {
        let mut kind = String::with_capacity(self.message.len());
        let mut in_quote = false;
        let mut in_number = false;
        for c in self.message.chars() {
            if c == '`' {
                if !in_quote {
                    kind.push_str("`…`");
                }
                in_quote = !in_quote;
                in_number = false;
            } else if in_quote {
                continue;
            } else if in_number && (c == '.' || c == ',') {
                // A version (2026.1) or a count (1,000) is one number.
            } else if c.is_ascii_digit() {
                if !in_number {
                    kind.push('#');
                }
                in_number = true;
            } else {
                in_number = false;
                kind.push(c);
            }
        }
        kind
    }

    /// Formats as `path:line:column: error: message` plus an indented hint line.
    pub fn render(&self, path: &str) -> String {
        let place = match (&self.cell, self.location) {
            // A sheet's cell, in words a spreadsheet user reads: `cell G14`, or `sheet
            // Answers, cell G14` when the file has other sheets.
            (Some(cell), _) => match cell.rsplit_once('!') {
                Some((sheet, cell)) => format!("{path}: sheet {sheet}, cell {cell}"),
                None => format!("{path}: cell {cell}"),
            },
            (None, Some(loc)) => format!("{path}:{loc}"),
            (None, None) => path.to_string(),
        };
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{place}: {kind}: {}", self.message);
        if let Some(hint) = &self.hint {
            out.push_str("\n  hint: ");
            out.push_str(hint);
        }
        out
    }
}

/// Every failure the library can report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A path is not a regular file (a folder, a FIFO, a device).
    #[error("{}: not a regular file ({kind})", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
    /// An input file is larger than the documented limit.
    #[error(
        "{}: the file is {size} bytes, over the limit of {limit} bytes for input files",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An input file has problems; every one found is listed.
    #[error("{}", render_diagnostics(path, diagnostics))]
    Invalid {
        /// The file (or a bundled checklist's name).
        path: PathBuf,
        /// Every problem found, errors and warnings, in file order.
        diagnostics: Vec<Diagnostic>,
    },
    /// A checklist id that is neither bundled nor a readable file.
    #[error("unknown checklist `{id}`{}", suggestion_suffix(suggestion.as_deref()))]
    UnknownChecklist {
        /// What was asked for.
        id: String,
        /// The nearest bundled id, if any is close.
        suggestion: Option<String>,
    },
    /// A profile that the checklist does not define.
    #[error("checklist `{checklist}` has no profile `{profile}`; its profiles are: {}", available.join(", "))]
    UnknownProfile {
        /// The checklist id.
        checklist: String,
        /// What was asked for.
        profile: String,
        /// The profiles it has.
        available: Vec<String>,
    },
    /// The subject (a comparison, a summary) has no output in the format asked for.
    #[error("{subject} cannot be written as {format}; use {available}")]
    FormatNotAvailable {
        /// What was to be written (`a comparison`).
        subject: &'static str,
        /// The format asked for.
        format: &'static str,
        /// The formats the subject has, as a reader would list them.
        available: String,
    },
    /// An output file whose name implies no format, and no `--format`.
    #[error(
        "{}: cannot tell the format from the file name; use {}, or pass --format",
        path.display(),
        extensions
    )]
    UnknownOutputFormat {
        /// The output file as given.
        path: PathBuf,
        /// The extensions that imply a format (`.txt, .md ... or .pdf`).
        extensions: String,
    },
    /// A binary format (PDF, Word) asked for on a terminal, which it would fill with noise.
    #[error(
        "a {label} file cannot be shown in the terminal; write it to a file with `-o {suggested}`"
    )]
    BinaryOnTerminal {
        /// The format's name in a sentence (`PDF`, `Word`).
        label: &'static str,
        /// A file name to suggest (`report.pdf`, `report.docx`).
        suggested: String,
    },
    /// The encoder of an output format (JSON, XLSX) failed on the data.
    #[error("cannot encode the {format} output: {message}")]
    Encode {
        /// The format's name.
        format: &'static str,
        /// The encoder's message.
        message: String,
    },
    /// `import` was given a file that is not a spreadsheet.
    #[error("{}: not a spreadsheet; import reads .xlsx, .ods, .xls and .csv files", path.display())]
    NotASpreadsheet {
        /// The file.
        path: PathBuf,
    },
    /// Problems the command printed already, as it found them: exit 2 with nothing more to say.
    #[error("{}: has errors (listed above)", path.display())]
    AlreadyReported {
        /// The file the problems are in.
        path: PathBuf,
    },
    /// An output file could not be written.
    #[error("{}: cannot write the file: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Some of several input files had errors (each was reported as it was found).
    #[error("{failed} of {total} files have errors")]
    FilesFailed {
        /// How many failed.
        failed: usize,
        /// How many were given.
        total: usize,
    },
    /// An output file is one of the files the command read: writing it would destroy the input.
    #[error(
        "{}: refusing to write over an input of this command ({}, the same file); choose another output name",
        output.display(),
        input.display()
    )]
    OutputIsInput {
        /// The output as given.
        output: PathBuf,
        /// The input it leads to, as it was named when read.
        input: PathBuf,
    },
    /// An output file exists and overwriting it was not asked for.
    #[error("{}: the file already exists; pass --force to overwrite it", path.display())]
    WouldOverwrite {
        /// The file.
        path: PathBuf,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn suggestion_suffix(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

fn render_diagnostics(path: &std::path::Path, diagnostics: &[Diagnostic]) -> String {
    let name = path.display().to_string();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut lines: Vec<String> = diagnostics.iter().map(|d| d.render(&name)).collect();
    lines.push(format!(
        "{name}: {errors} error{} found",
        if errors == 1 { "" } else { "s" }
    ));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_hint() {
        let d = Diagnostic::error(
            Some(Location { line: 3, column: 5 }),
            "unknown status `mett`",
        )
        .with_hint("did you mean `met`?");
        assert_eq!(
            d.render("a.yaml"),
            "a.yaml:3:5: error: unknown status `mett`\n  hint: did you mean `met`?"
        );
    }

    #[test]
    fn renders_a_spreadsheet_cell_in_place_of_line_and_column() {
        let d = Diagnostic::error(None, "unknown status `mett`").at_cell("Answers!G14");
        assert_eq!(
            d.render("a.xlsx"),
            "a.xlsx: sheet Answers, cell G14: error: unknown status `mett`"
        );
        let d = Diagnostic::warning(None, "the row `cost` is not imported").at_cell("A12");
        assert_eq!(
            d.render("a.csv"),
            "a.csv: cell A12: warning: the row `cost` is not imported"
        );
    }

    #[test]
    fn the_kind_leaves_out_quoted_names_and_numbers() {
        let na = |id: &str| {
            Diagnostic::warning(
                None,
                format!("`{id}` is marked not applicable without a note saying why"),
            )
        };
        assert_eq!(na("mou.written-agreement").kind(), na("training.x2").kind());
        assert_eq!(
            na("a").kind(),
            "`…` is marked not applicable without a note saying why"
        );
        let version = |v: &str| {
            Diagnostic::warning(
                None,
                format!("written for version {v}; this is version 2026.1"),
            )
        };
        assert_eq!(version("2025.10").kind(), version("3").kind());
        assert_eq!(
            version("3").kind(),
            "written for version #; this is version #"
        );
        assert_ne!(na("a").kind(), version("3").kind());
    }

    #[test]
    fn renders_without_location() {
        let d = Diagnostic::warning(None, "no answers yet");
        assert_eq!(d.render("a.yaml"), "a.yaml: warning: no answers yet");
    }
}
