//! Loading: the only module that reads files and YAML. Text goes in; a validated
//! [`Checklist`] or [`Answers`] comes out, or every problem found, with its position.

mod answers;
mod bundled;
mod checklist;
mod extends;
mod positions;
mod read;
mod renamed;
mod serde_words;
mod status;
mod suggest;
mod tree;
#[cfg(test)]
mod wrong_kinds;
mod yaml;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use answers::{AnswersDocument, status_value};
pub use read::{MAX_INPUT_BYTES, read_bounded, read_input};
pub use status::{StatusProblem, StatusProblemKind, resolve_status};
pub use suggest::{edit_distance, nearest};

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Answers, Checklist};

/// A checklist compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledChecklist {
    /// Its id.
    pub id: &'static str,
    /// Its YAML text.
    pub text: &'static str,
}

/// The checklists that ship inside the binary, so the tool works with no files beside it.
pub const BUNDLED: &[BundledChecklist] = &[BundledChecklist {
    id: "wi-sro-best-practices",
    text: include_str!("../../checklists/wi-sro-best-practices.yaml"),
}];

/// A checklist and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedChecklist {
    /// The validated checklist.
    pub checklist: Checklist,
    /// `bundled:<id>` or the file's path.
    pub origin: String,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

/// Parses checklist text; `origin` names it in errors.
pub fn parse_checklist(text: &str, origin: &Path) -> Result<LoadedChecklist> {
    if extends::is_tailoring(text) {
        return Ok(LoadedChecklist {
            checklist: extends::parse_tailored(text, origin)?,
            origin: origin.display().to_string(),
            warnings: Vec::new(),
        });
    }
    match checklist::parse_checklist(text) {
        Ok((checklist, warnings)) => Ok(LoadedChecklist {
            checklist,
            origin: origin.display().to_string(),
            warnings,
        }),
        Err(diagnostics) => Err(Error::Invalid {
            path: origin.to_path_buf(),
            diagnostics,
        }),
    }
}

/// Loads a bundled checklist by id.
pub fn bundled_checklist(id: &str) -> Option<Result<LoadedChecklist>> {
    // Checked and compiled at build time: no YAML to parse here.
    let (checklist, warnings) = bundled::model(id)?;
    Some(Ok(LoadedChecklist {
        checklist,
        origin: PathBuf::from(format!("bundled:{id}")).display().to_string(),
        warnings,
    }))
}

/// Loads a checklist file.
pub fn load_checklist(path: &Path) -> Result<LoadedChecklist> {
    let text = read_input(path)?;
    parse_checklist(&text, path)
}

/// Loads a checklist named by a bundled id, or by a path (relative paths from `base_dir`).
pub fn resolve_checklist(reference: &str, base_dir: &Path) -> Result<LoadedChecklist> {
    if let Some(bundled) = bundled_checklist(reference) {
        return bundled;
    }
    let path = base_dir.join(reference);
    if path.exists() || reference.ends_with(".yaml") || reference.ends_with(".yml") {
        return load_checklist(&path);
    }
    Err(Error::UnknownChecklist {
        id: reference.to_string(),
        suggestion: nearest(reference, BUNDLED.iter().map(|b| b.id)).map(str::to_string),
    })
}

/// An answers file read from disk, parsed but not yet checked against a checklist.
pub struct AnswersFile {
    /// The file's path.
    pub path: PathBuf,
    /// The first 12 hex digits of the SHA-256 of its bytes, printed on reports.
    pub hash: String,
    /// The parsed document.
    pub document: AnswersDocument,
}

impl AnswersFile {
    /// Reads and parses an answers file.
    pub fn read(path: &Path) -> Result<Self> {
        // A filled spreadsheet's cells are read as raw answers, so every command accepts one
        // directly and every problem names a cell.
        if let Some(kind) = crate::spreadsheet::kind_of(path) {
            let (sheet, bytes) = crate::spreadsheet::read_answers(path, kind)?;
            return Ok(Self {
                path: path.to_path_buf(),
                hash: short_hash(&bytes),
                document: AnswersDocument::from_sheet(sheet),
            });
        }
        let text = read_input(path)?;
        Self::from_text(&text, path)
    }

    /// Parses answers text; `path` names it in errors and resolves a relative checklist path.
    pub fn from_text(text: &str, path: &Path) -> Result<Self> {
        let document = AnswersDocument::parse(text).map_err(|diagnostics| Error::Invalid {
            path: path.to_path_buf(),
            diagnostics,
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            hash: short_hash(text.as_bytes()),
            document,
        })
    }

    /// Loads the checklist the file names, unless `override_checklist` is given.
    pub fn checklist(
        &self,
        override_checklist: Option<&LoadedChecklist>,
    ) -> Result<LoadedChecklist> {
        if let Some(loaded) = override_checklist {
            return Ok(loaded.clone());
        }
        let Some(reference) = self.document.checklist_reference() else {
            if let Some(diagnostics) = self.document.missing_checklist() {
                return Err(Error::Invalid {
                    path: self.path.clone(),
                    diagnostics,
                });
            }
            let diagnostic = self.document.shape_error().unwrap_or_else(|| {
                Diagnostic::error(None, "the file does not say which checklist it answers")
                    .with_hint("add `checklist: wi-sro-best-practices` at the top")
            });
            return Err(Error::Invalid {
                path: self.path.clone(),
                diagnostics: vec![diagnostic],
            });
        };
        let base = self.path.parent().unwrap_or(Path::new("."));
        resolve_checklist(&reference, base).map_err(|err| match err {
            Error::UnknownChecklist { id, suggestion } => Error::Invalid {
                path: self.path.clone(),
                diagnostics: vec![
                    self.document.at_checklist(Diagnostic::error(None, format!("unknown checklist `{id}`"))).with_hint(
                        match suggestion {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "use `sro-assess checklist list` for the bundled ids, or give a path to a checklist file".into(),
                        },
                    ),
                ],
            },
            other => other,
        })
    }

    /// Checks the answers against `checklist`: the answers and their warnings, or every problem.
    pub fn validate(&self, checklist: &Checklist) -> Result<(Answers, Vec<Diagnostic>)> {
        self.document
            .validate(checklist)
            .map_err(|diagnostics| Error::Invalid {
                path: self.path.clone(),
                diagnostics,
            })
    }
}

/// The first 12 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
