//! The answers file being filled in, and saving one item's fields to it.
//!
//! Each save takes the folder's lock, re-reads the file and applies the one item's change to
//! the text it finds there, so what another session, command or editor wrote to other items
//! is kept. When that same item changed under the session, the user chooses which version to
//! keep; neither is ever dropped without them knowing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::Prompter;
use super::edit::{EditError, Field, remove_entries, set_fields};
use super::lock::SaveLock;
use crate::error::{Diagnostic, Error, Result};
use crate::fsio::{Overwrite, write_atomic, write_copy_atomic};
use crate::load::{AnswersFile, LoadedChecklist, read_input};
use crate::model::{Answers, Checklist};
use crate::template::yaml_text;

/// Every field of an answer held as text, in the order they are shown and set aside (the
/// members' ratings of a consensus file are never edited, so never set aside).
const FIELDS: [Field; Field::EDITABLE.len()] = Field::EDITABLE;

/// What the thread that handles signals needs to end the process without losing anything.
/// A save holds it from the re-read to the rename, so a signal never ends the process half-way
/// through one.
#[derive(Debug, Default)]
pub struct Progress {
    state: Mutex<ProgressState>,
}

/// Guarded by [`Progress`].
#[derive(Debug, Default)]
pub struct ProgressState {
    /// The items that had at least one field saved.
    pub saved: BTreeSet<String>,
    /// While the user is asked which version of a changed item to keep: the session's version,
    /// to be set aside if the process is ended before they answer.
    pub undecided: Option<Undecided>,
}

/// The session's version of an item the user has not yet chosen to keep or drop.
#[derive(Debug, Clone)]
pub struct Undecided {
    /// The answers file.
    pub path: PathBuf,
    /// The item.
    pub id: String,
    /// The file's text to set aside.
    pub text: String,
}

impl Undecided {
    /// Writes the session's version beside the answers file; returns where.
    pub fn set_aside(&self) -> Result<PathBuf> {
        let mut number = 1;
        loop {
            let path = aside_path(&self.path, &self.id, number);
            match write_copy_atomic(&path, self.text.as_bytes(), &self.path, Overwrite::Refuse) {
                Err(Error::WouldOverwrite { .. }) if number < 100 => number += 1,
                result => return result.map(|_| path),
            }
        }
    }
}

impl Progress {
    /// Waits for any save under way and keeps others from starting while the guard lives.
    pub fn hold(&self) -> MutexGuard<'_, ProgressState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many items had at least one field saved.
    pub fn saved(&self) -> usize {
        self.hold().saved.len()
    }
}

/// One item's fields as a file has them (status `None` when unanswered), in [`FIELDS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFields(Vec<(Field, Option<String>)>);

impl ItemFields {
    fn of(answers: &Answers, carried: &[(String, String)], id: &str) -> Self {
        let answer = answers.answer(id);
        let text = |value: Option<&String>| value.cloned();
        let values = FIELDS.map(|field| match (field, answer) {
            (Field::CarriedFrom, _) => carried
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, f)| f.clone()),
            (_, None) => None,
            (Field::Status, Some(a)) => a.status.clone(),
            (Field::Evidence, Some(a)) => text(a.evidence.as_ref()),
            (Field::Note, Some(a)) => text(a.note.as_ref()),
            (Field::InternalNote, Some(a)) => text(a.internal_note.as_ref()),
            (Field::Owner, Some(a)) => text(a.owner.as_ref()),
            (Field::Due, Some(a)) => a.due.map(|d| d.to_string()),
            (Field::Unsettled, Some(a)) => text(a.unsettled.as_ref()),
            (Field::Ratings, Some(_)) => None,
        });
        Self(FIELDS.into_iter().zip(values).collect())
    }

    /// The value of one field.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, v)| v.as_deref())
    }

    fn with(&self, changes: &[(Field, Option<String>)]) -> Self {
        let mut out = self.clone();
        for (field, value) in changes {
            if let Some(slot) = out.0.iter_mut().find(|(f, _)| f == field) {
                slot.1.clone_from(value);
            }
        }
        out
    }

    /// `status met; evidence: Signed MOU` (unanswered when there is no status).
    fn describe(&self) -> String {
        if self.get(Field::Status).is_none() {
            return "unanswered".into();
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .filter_map(|(f, v)| Some(format!("{}: {}", f.key(), v.as_deref()?)))
            .collect();
        parts.join("; ")
    }
}

/// What became of one save.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// The change is in the file.
    Written,
    /// The item had changed in the file and the user kept the file's version.
    KeptTheirs,
    /// The item had changed in the file and the user stopped at the question: the file's
    /// version stays and the session's is in this file beside it.
    SetAside(PathBuf),
}

/// A parsed, valid text of the file.
struct Snapshot {
    text: String,
    answers: Answers,
    carried: Vec<(String, String)>,
}

impl Snapshot {
    fn parse(text: String, path: &Path, checklist: &Checklist) -> Result<Self> {
        let file = AnswersFile::from_text(&text, path)?;
        let (answers, _) = file.validate(checklist)?;
        Ok(Self {
            carried: file.document.carried_items(),
            answers,
            text,
        })
    }
}

enum Attempt {
    Saved,
    Conflict {
        theirs: ItemFields,
        file: Box<Snapshot>,
    },
}

/// The file being filled in: its text as last read or written, its checklist and answers.
pub struct Session {
    /// The answers file.
    pub path: PathBuf,
    /// Its checklist.
    pub loaded: LoadedChecklist,
    current: Snapshot,
    progress: std::sync::Arc<Progress>,
}

impl Session {
    /// Reads and validates the file.
    pub fn open(path: &Path, progress: std::sync::Arc<Progress>) -> Result<Self> {
        let text = read_input(path)?;
        let file = AnswersFile::from_text(&text, path)?;
        let loaded = file.checklist(None)?;
        let current = Snapshot::parse(text, path, &loaded.checklist)?;
        Ok(Self {
            path: path.to_path_buf(),
            loaded,
            current,
            progress,
        })
    }

    /// The answers as the session last read or wrote them.
    pub fn answers(&self) -> &Answers {
        &self.current.answers
    }

    /// The items marked `carried_from`, with where from.
    pub fn carried(&self) -> &[(String, String)] {
        &self.current.carried
    }

    /// Takes in what others wrote to the file since the session last read it, so the next
    /// question shows the current answer. A file that does not load now is left for the next
    /// save to report.
    pub fn refresh(&mut self) {
        let Ok(text) = read_input(&self.path) else {
            return;
        };
        if text != self.current.text
            && let Ok(file) = Snapshot::parse(text, &self.path, &self.loaded.checklist)
        {
            self.current = file;
        }
    }

    /// One item's fields as the session last read or wrote them.
    pub fn fields(&self, id: &str) -> ItemFields {
        ItemFields::of(&self.current.answers, &self.current.carried, id)
    }

    /// Saves `changes` to item `id`. The file is re-read first: other items' changes are kept,
    /// and when this item itself changed, `prompter` asks which version to keep.
    pub fn save(
        &mut self,
        id: &str,
        changes: &[(Field, Option<String>)],
        prompter: &mut dyn Prompter,
    ) -> Result<Saved> {
        let mut changes = changes.to_vec();
        loop {
            let mine = self.fields(id).with(&changes);
            match self.try_save(id, &changes, &mine)? {
                Attempt::Saved => return Ok(Saved::Written),
                Attempt::Conflict { theirs, file } => {
                    self.current = *file;
                    let undecided = self.undecided(id, &mine);
                    self.progress.hold().undecided = Some(undecided.clone());
                    let choice = self.choose_version(id, &theirs, &mine, prompter);
                    self.progress.hold().undecided = None;
                    match choice {
                        Some(true) => changes = mine.0,
                        Some(false) => return Ok(Saved::KeptTheirs),
                        None => return undecided.set_aside().map(Saved::SetAside),
                    }
                }
            }
        }
    }

    /// One locked re-read, edit and write; the lock is released before any question.
    fn try_save(
        &mut self,
        id: &str,
        changes: &[(Field, Option<String>)],
        mine: &ItemFields,
    ) -> Result<Attempt> {
        let progress = std::sync::Arc::clone(&self.progress);
        let mut saved = progress.hold();
        let _lock = SaveLock::acquire(&self.path)?;
        let on_disk = read_input(&self.path)?;
        if on_disk != self.current.text {
            let file = Snapshot::parse(on_disk.clone(), &self.path, &self.loaded.checklist)
                .map_err(|err| self.changed_and_invalid(id, mine, err))?;
            let theirs = ItemFields::of(&file.answers, &file.carried, id);
            if theirs != self.fields(id) {
                return Ok(Attempt::Conflict {
                    theirs,
                    file: Box::new(file),
                });
            }
            self.current = file;
        }
        let text = set_fields(&self.current.text, id, changes)
            .map_err(|err| edit_failed(&self.path, id, &err))?;
        let text = self.without_old_ids(text, id);
        let edited = Snapshot::parse(text, &self.path, &self.loaded.checklist)
            .map_err(|err| edit_invalid(&self.path, id, err))?;
        if edited.text != on_disk {
            write_atomic(
                &self.path,
                &with_bom_as_found(&self.path, &edited.text),
                Overwrite::Allow,
            )?;
            saved.saved.insert(id.to_string());
        }
        self.current = edited;
        Ok(Attempt::Saved)
    }

    /// Drops the keys that the checklist's `renamed:` map sends to `id`: the answer just saved
    /// was built from the one carried from them, so it already holds what they said (left in
    /// place, a lower old status would outweigh it). A file whose shape does not allow it keeps
    /// them.
    fn without_old_ids(&self, text: String, id: &str) -> String {
        let old_ids: Vec<&str> = (self.loaded.checklist.renamed.iter())
            .filter(|r| r.to == id)
            .map(|r| r.from.as_str())
            .collect();
        if old_ids.is_empty() {
            return text;
        }
        remove_entries(&text, &old_ids).unwrap_or(text)
    }

    /// Asks which version of a changed item to keep: `Some(true)` for the session's.
    fn choose_version(
        &self,
        id: &str,
        theirs: &ItemFields,
        mine: &ItemFields,
        prompter: &mut dyn Prompter,
    ) -> Option<bool> {
        prompter.say(&format!(
            "\n`{id}` was changed in {} while you were answering it (another session, command \
             or editor).\n  In the file now: {}\n  Your version:    {}",
            self.path.display(),
            theirs.describe(),
            mine.describe()
        ));
        let options = [
            "keep the file's version (yours is dropped)".to_string(),
            "keep your version (replaces the file's)".into(),
        ];
        prompter
            .choose(&format!("Which version of `{id}` to keep?"), &options, 0)
            .map(|choice| choice == 1)
    }

    fn undecided(&self, id: &str, mine: &ItemFields) -> Undecided {
        Undecided {
            path: self.path.clone(),
            id: id.to_string(),
            text: aside_text(&self.path, id, mine),
        }
    }

    /// The error for a file that changed under the session into one that does not load; the
    /// session's version of the item is set aside first when it can be.
    fn changed_and_invalid(&self, id: &str, mine: &ItemFields, err: Error) -> Error {
        let kept = match self.undecided(id, mine).set_aside() {
            Ok(path) => format!("your answer to `{id}` is kept in {}", path.display()),
            Err(aside) => format!("your answer to `{id}` could not be kept either: {aside}"),
        };
        let first = Diagnostic::error(
            None,
            "the file was changed while you were answering and now has errors, so nothing \
             was saved to it",
        )
        .with_hint(format!(
            "fix the errors below, then run the same command to go on; {kept}"
        ));
        headed_by(first, &self.path, err)
    }
}

/// The bytes to write: `text`, after a byte-order mark when the file has one (reading drops
/// it; some Windows editors add it and expect it kept).
fn with_bom_as_found(path: &Path, text: &str) -> Vec<u8> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut start = [0u8; 3];
    let has_bom = std::fs::File::open(path)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut start))
        .is_ok_and(|()| start == BOM);
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if has_bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

fn edit_failed(path: &Path, id: &str, err: &EditError) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![
            Diagnostic::error(
                None,
                format!(
                    "cannot save the answer to `{id}`: {}; nothing was changed",
                    err.message
                ),
            )
            .with_hint("the file is as it was before this answer; edit it in a text editor"),
        ],
    }
}

fn edit_invalid(path: &Path, id: &str, err: Error) -> Error {
    let first = Diagnostic::error(
        None,
        format!("saving the answer to `{id}` would leave the file invalid; nothing was changed"),
    )
    .with_hint("the file is as it was before this answer; edit it in a text editor");
    headed_by(first, path, err)
}

/// `err`'s problems, said after `first`, which tells what they mean for the session.
fn headed_by(first: Diagnostic, path: &Path, err: Error) -> Error {
    let mut diagnostics = match err {
        Error::Invalid { diagnostics, .. } => diagnostics,
        other => vec![Diagnostic::error(None, other.to_string())],
    };
    diagnostics.insert(0, first);
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics,
    }
}

/// `answers.yaml` → `answers.governance.written-mou.yours.yaml` (then `.yours-2.yaml`, ...).
fn aside_path(path: &Path, id: &str, number: usize) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "answers".into(), |s| s.to_string_lossy());
    let suffix = if number == 1 {
        String::new()
    } else {
        format!("-{number}")
    };
    path.with_file_name(format!("{stem}.{id}.yours{suffix}.yaml"))
}

fn aside_text(path: &Path, id: &str, mine: &ItemFields) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let mut out = format!(
        "# Your answer to {id}, typed in `sro-assess answer` while someone else changed the\n\
         # same item in {name}. {name} keeps their version. Copy what you want from here into\n\
         # {name} (under `answers:`), then delete this file.\n{id}:\n"
    );
    for (field, value) in &mine.0 {
        if let (Some(value), false) = (value, *field == Field::CarriedFrom) {
            out.push_str(&format!("  {}: {}\n", field.key(), yaml_text(value)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(Field, &str)]) -> ItemFields {
        ItemFields(
            FIELDS
                .iter()
                .map(|f| {
                    let value = pairs
                        .iter()
                        .find(|(g, _)| g == f)
                        .map(|(_, v)| v.to_string());
                    (*f, value)
                })
                .collect(),
        )
    }

    #[test]
    fn describes_and_changes_fields() {
        let item = fields(&[(Field::Status, "met"), (Field::Evidence, "Signed MOU")]);
        assert_eq!(item.describe(), "status: met; evidence: Signed MOU");
        let changed = item.with(&[
            (Field::Evidence, None),
            (Field::Owner, Some("Chief".into())),
        ]);
        assert_eq!(changed.describe(), "status: met; owner: Chief");
        assert_eq!(fields(&[]).describe(), "unanswered");
    }

    #[test]
    fn the_set_aside_file_is_named_after_the_answers_and_the_item() {
        let path = Path::new("/tmp/x/answers.yaml");
        assert_eq!(
            aside_path(path, "mou.review", 1),
            PathBuf::from("/tmp/x/answers.mou.review.yours.yaml")
        );
        assert_eq!(
            aside_path(Path::new("answers.yaml"), "mou.review", 1),
            PathBuf::from("answers.mou.review.yours.yaml")
        );
        assert_eq!(
            aside_path(path, "mou.review", 2),
            PathBuf::from("/tmp/x/answers.mou.review.yours-2.yaml")
        );
        let mine = fields(&[
            (Field::Status, "partial"),
            (Field::Note, "Due: June"),
            (Field::CarriedFrom, "2025"),
        ]);
        let text = aside_text(path, "mou.review", &mine);
        assert!(text.contains("answers.yaml keeps their version"), "{text}");
        assert!(
            text.ends_with("mou.review:\n  status: partial\n  note: \"Due: June\"\n"),
            "{text}"
        );
    }

    #[test]
    fn keeps_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"\xEF\xBB\xBFdistrict: X\n").unwrap();
        assert_eq!(with_bom_as_found(&path, "a: b\n"), b"\xEF\xBB\xBFa: b\n");
        std::fs::write(&path, b"district: X\n").unwrap();
        assert_eq!(with_bom_as_found(&path, "a: b\n"), b"a: b\n");
    }

    #[test]
    fn an_edit_error_names_the_file_and_says_nothing_changed() {
        let err = edit_failed(
            Path::new("a.yaml"),
            "mou.review",
            &EditError {
                message: "the answers cannot be edited in place".into(),
            },
        );
        let text = err.to_string();
        assert!(
            text.starts_with(
                "a.yaml: error: cannot save the answer to `mou.review`: the answers cannot be \
                 edited in place; nothing was changed"
            ),
            "{text}"
        );
    }
}
