//! The interactive questionnaire behind `sro-assess answer`: walks the items still to answer
//! (and those carried over from last year), asks for each status and optional details, and
//! saves the file atomically after every answer, so it can be stopped and resumed at will.
//!
//! The flow talks to a [`Prompter`], so tests drive it with scripted answers; the terminal
//! implementation (inquire) is in `terminal`.

mod edit;
mod terminal;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub use edit::{EditError, Entry, Field, set_answer, set_fields};

use crate::error::{Diagnostic, Error, Result};
use crate::fsio::{Overwrite, write_atomic};
use crate::load::{AnswersFile, LoadedChecklist};
use crate::model::{Answers, Checklist, Date, Item, Section};

/// What the questionnaire asks through; `None` means the user interrupted (Ctrl-C, Esc).
pub trait Prompter {
    /// Shows text (the item being asked about, progress, messages).
    fn say(&mut self, text: &str);
    /// Asks to choose one of `options`; returns its index.
    fn choose(&mut self, prompt: &str, options: &[String], default: usize) -> Option<usize>;
    /// Asks for a line of text, starting from `initial`.
    fn text(&mut self, prompt: &str, initial: &str) -> Option<String>;
}

/// Which items to walk.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Every item of the profile, not only the unanswered and carried-over ones.
    pub all: bool,
    /// Only this section.
    pub section: Option<String>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Answers saved in this session.
    pub saved: usize,
    /// Items visited (answered or skipped).
    pub visited: usize,
    /// Items offered.
    pub offered: usize,
    /// Whether the user stopped before the end.
    pub stopped: bool,
}

/// Runs the questionnaire on a real terminal, refusing when standard input is not one.
pub fn run_interactive(
    path: &Path,
    all: bool,
    section: Option<&str>,
    out: &mut dyn Write,
) -> Result<Summary> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            diagnostics: vec![
                Diagnostic::error(
                    None,
                    "`sro-assess answer` asks questions, but standard input is not a terminal",
                )
                .with_hint(
                    "run it in a terminal; or fill in the answers without it: edit the YAML file \
                     (each item has its guidance as comments), or use the spreadsheet round trip: \
                     `sro-assess init -o answers.xlsx`, fill it in, then \
                     `sro-assess import answers.xlsx -o answers.yaml`",
                ),
            ],
        });
    }
    let selection = Selection {
        all,
        section: section.map(str::to_string),
    };
    let mut prompter = terminal::Terminal;
    let summary = run(path, &selection, &mut prompter)?;
    let _ = writeln!(
        out,
        "{}: saved {} answer{} ({} of {} items visited{})",
        path.display(),
        summary.saved,
        if summary.saved == 1 { "" } else { "s" },
        summary.visited,
        summary.offered,
        if summary.stopped {
            "; run the same command to resume"
        } else {
            ""
        }
    );
    Ok(summary)
}

/// The file being filled in: its text, checklist and current answers.
struct Session {
    path: PathBuf,
    text: String,
    loaded: LoadedChecklist,
    answers: Answers,
    carried: Vec<(String, String)>,
    /// Whether saving rewrites the whole file (comments lost); a backup is kept then.
    rewrite: bool,
    backed_up: bool,
}

impl Session {
    fn open(path: &Path) -> Result<Self> {
        let text = crate::load::read_input(path)?;
        let file = AnswersFile::from_text(&text, path)?;
        let loaded = file.checklist(None)?;
        let (answers, _) = file.validate(&loaded.checklist)?;
        Ok(Self {
            path: path.to_path_buf(),
            rewrite: !edit::editable(&text),
            carried: file.document.carried_items(),
            text,
            loaded,
            answers,
            backed_up: false,
        })
    }

    fn checklist(&self) -> &Checklist {
        &self.loaded.checklist
    }

    /// Saves one answer: edits the text in place when it can, otherwise rewrites the file
    /// (after a backup). The new text is checked before it replaces the file.
    fn save(&mut self, item_id: &str, entry: &Entry) -> Result<()> {
        let edited = if self.rewrite {
            None
        } else {
            set_answer(&self.text, item_id, entry)
        };
        let text = match edited {
            Some(text) => self.without_old_ids(text, item_id),
            None => {
                self.backup()?;
                rewrite(&self.answers, &self.path, item_id, entry)
            }
        };
        let file = AnswersFile::from_text(&text, &self.path)?;
        let (answers, _) = file.validate(self.checklist())?;
        write_atomic(&self.path, text.as_bytes(), Overwrite::Allow)?;
        self.carried = file.document.carried_items();
        self.answers = answers;
        self.text = text;
        Ok(())
    }

    /// Drops the keys that the checklist's `renamed:` map sends to `item_id`: the entry just
    /// saved was built from the answer carried from them, so it already holds their text.
    fn without_old_ids(&self, text: String, item_id: &str) -> String {
        let old_ids: Vec<&str> = self
            .checklist()
            .renamed
            .iter()
            .filter(|r| r.to == item_id)
            .map(|r| r.from.as_str())
            .collect();
        if old_ids.is_empty() {
            return text;
        }
        edit::remove_entries(&text, &old_ids).unwrap_or(text)
    }

    fn backup(&mut self) -> Result<()> {
        if self.backed_up {
            return Ok(());
        }
        write_atomic(
            &backup_path(&self.path),
            self.text.as_bytes(),
            Overwrite::Allow,
        )?;
        self.backed_up = true;
        Ok(())
    }
}

/// `answers.yaml` → `answers.yaml.bak`, beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The whole file written from the parsed answers, for files that cannot be edited in place.
fn rewrite(answers: &Answers, path: &Path, item_id: &str, entry: &Entry) -> String {
    use crate::template::yaml_text;
    let mut out = format!(
        "# Rewritten by `sro-assess answer` (the original is in {}).\n",
        backup_path(path).display()
    );
    let mut line = |key: &str, value: &str| out.push_str(&format!("{key}: {}\n", yaml_text(value)));
    line("checklist", &answers.checklist);
    if let Some(version) = &answers.checklist_version {
        line("checklist_version", version);
    }
    line("profile", &answers.profile);
    line("district", &answers.district);
    line("label", &answers.label);
    line("date", &answers.date.to_string());
    if let Some(by) = &answers.prepared_by {
        line("prepared_by", by);
    }
    if let Some(option) = answers.option {
        out.push_str("option:\n");
        for (key, value) in [
            ("annual_cost", option.annual_cost),
            ("staff_fte", option.staff_fte),
        ] {
            if let Some(value) = value {
                out.push_str(&format!("  {key}: {value}\n"));
            }
        }
    }
    out.push_str("answers:\n");
    let mut written = false;
    for answer in &answers.answers {
        let lines = if answer.item_id == item_id {
            written = true;
            entry.render(item_id, 2)
        } else {
            entry_of(answer).render(&answer.item_id, 2)
        };
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    if !written {
        for l in entry.render(item_id, 2) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

fn entry_of(answer: &crate::model::Answer) -> Entry {
    Entry {
        status: answer.status.clone(),
        evidence: answer.evidence.clone(),
        note: answer.note.clone(),
        internal_note: answer.internal_note.clone(),
        owner: answer.owner.clone(),
        due: answer.due.map(|d| d.to_string()),
    }
}

/// One item to ask about, with its place for the progress line.
struct Question<'c> {
    section: &'c Section,
    section_number: usize,
    item: &'c Item,
}

/// Runs the questionnaire on the file at `path` through `prompter`. Every answer is saved
/// before the next question, so an interruption loses at most the answer being typed.
pub fn run(path: &Path, selection: &Selection, prompter: &mut dyn Prompter) -> Result<Summary> {
    let mut session = Session::open(path)?;
    let loaded = session.loaded.clone();
    let checklist = &loaded.checklist;
    let questions = questions(checklist, &session, selection)?;
    let sections_total = section_count(checklist, &session.answers.profile);
    let mut summary = Summary {
        saved: 0,
        visited: 0,
        offered: questions.len(),
        stopped: false,
    };
    if questions.is_empty() {
        prompter.say("Nothing to answer: every item is answered (use --all to revisit them).");
        return Ok(summary);
    }
    if session.rewrite {
        prompter.say(&format!(
            "Note: this file's `answers:` cannot be edited in place, so saving rewrites the whole \
             file and drops its comments. The original is kept as {}.",
            backup_path(path).display()
        ));
    }
    let mut i = 0;
    while i < questions.len() {
        let q = &questions[i];
        prompter.say(&describe(q, i, questions.len(), sections_total, &session));
        match ask(q, checklist, &session, prompter) {
            Step::Answer(entry) => {
                session.save(&q.item.id, &entry)?;
                summary.saved += 1;
                summary.visited = summary.visited.max(i + 1);
                i += 1;
            }
            Step::Skip => {
                summary.visited = summary.visited.max(i + 1);
                i += 1;
            }
            Step::Back => i = i.saturating_sub(1),
            Step::Stop => {
                summary.stopped = true;
                break;
            }
        }
    }
    Ok(summary)
}

fn questions<'c>(
    checklist: &'c Checklist,
    session: &Session,
    selection: &Selection,
) -> Result<Vec<Question<'c>>> {
    let profile =
        checklist
            .profile(&session.answers.profile)
            .ok_or_else(|| Error::UnknownProfile {
                checklist: checklist.id.clone(),
                profile: session.answers.profile.clone(),
                available: checklist.profiles.iter().map(|p| p.id.clone()).collect(),
            })?;
    if let Some(wanted) = &selection.section
        && !checklist.sections.iter().any(|s| &s.id == wanted)
    {
        let ids = checklist.sections.iter().map(|s| s.id.as_str());
        let hint = crate::load::nearest(wanted, ids)
            .map_or_else(String::new, |b| format!("; did you mean `{b}`?"));
        return Err(Error::Invalid {
            path: session.path.clone(),
            diagnostics: vec![Diagnostic::error(
                None,
                format!(
                    "checklist `{}` has no section `{wanted}`{hint}",
                    checklist.id
                ),
            )],
        });
    }
    let mut section_ids: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (section, item) in checklist.items_in_profile(profile) {
        if section_ids.last() != Some(&section.id.as_str()) {
            section_ids.push(&section.id);
        }
        let open = session.answers.answer(&item.id).is_none()
            || session.carried.iter().any(|(id, _)| *id == item.id);
        let in_section = selection.section.as_ref().is_none_or(|s| *s == section.id);
        if in_section && (selection.all || open) {
            out.push(Question {
                section,
                section_number: section_ids.len(),
                item,
            });
        }
    }
    Ok(out)
}

fn section_count(checklist: &Checklist, profile_id: &str) -> usize {
    let Some(profile) = checklist.profile(profile_id) else {
        return 0;
    };
    checklist
        .sections
        .iter()
        .filter(|s| s.items.iter().any(|i| profile.applies_to(&s.id, &i.id)))
        .count()
}

fn describe(
    q: &Question<'_>,
    index: usize,
    total: usize,
    sections: usize,
    session: &Session,
) -> String {
    let mut text = format!(
        "\nitem {} of {total}, section {} of {sections}: {}\n[{}] {}\n  {}\n",
        index + 1,
        q.section_number,
        q.section.title,
        q.item.priority.as_str(),
        q.item.title,
        q.item.guidance
    );
    if !q.item.evidence.is_empty() {
        text.push_str(&format!("  Look for: {}\n", q.item.evidence));
    }
    if let Some(answer) = session.answers.answer(&q.item.id) {
        text.push_str(&format!("  Current answer: {}", answer.status));
        if let Some((_, from)) = session.carried.iter().find(|(id, _)| *id == q.item.id) {
            text.push_str(&format!(" (carried over from {from}: please re-check)"));
        }
        text.push('\n');
    }
    text
}

enum Step {
    Answer(Entry),
    Skip,
    Back,
    Stop,
}

fn ask(
    q: &Question<'_>,
    checklist: &Checklist,
    session: &Session,
    prompter: &mut dyn Prompter,
) -> Step {
    let current = session.answers.answer(&q.item.id).map(entry_of);
    let mut options: Vec<String> = checklist
        .scale
        .iter()
        .map(|l| format!("{}: {}", l.value, l.label))
        .collect();
    let levels = options.len();
    options.extend(["skip".to_string(), "back".into(), "save and quit".into()]);
    let default = current
        .as_ref()
        .and_then(|c| checklist.scale.iter().position(|l| l.value == c.status))
        .unwrap_or(0);
    let Some(choice) = prompter.choose("Status?", &options, default) else {
        return Step::Stop;
    };
    match choice.checked_sub(levels) {
        Some(0) => return Step::Skip,
        Some(1) => return Step::Back,
        Some(_) => return Step::Stop,
        None => {}
    }
    let status = checklist.scale[choice].value.clone();
    let not_applicable = checklist.scale[choice].credit.is_none();
    let mut entry = current.unwrap_or_default();
    entry.status = status;
    match details(&mut entry, not_applicable, prompter) {
        Some(()) => Step::Answer(entry),
        None => Step::Stop,
    }
}

/// Asks the optional details; `None` when the user interrupted.
fn details(entry: &mut Entry, not_applicable: bool, prompter: &mut dyn Prompter) -> Option<()> {
    if not_applicable && entry.note.is_none() {
        let why = prompter.text("Why does it not apply? (printed in reports)", "")?;
        entry.note = Some(why.trim().to_string()).filter(|s| !s.is_empty());
    }
    let more = [
        "no, next item".to_string(),
        "yes: evidence, notes, owner, due date".into(),
    ];
    if prompter.choose("Add or change details?", &more, 0)? == 0 {
        return Some(());
    }
    for (prompt, field) in [
        ("Evidence (what shows it)", &mut entry.evidence),
        ("Note (printed in reports)", &mut entry.note),
        (
            "Internal note (never printed unless asked for)",
            &mut entry.internal_note,
        ),
        ("Owner (who will close the gap)", &mut entry.owner),
    ] {
        let text = prompter.text(prompt, field.as_deref().unwrap_or(""))?;
        *field = Some(text.trim().to_string()).filter(|s| !s.is_empty());
    }
    loop {
        let due = prompter.text(
            "Due date (YYYY-MM-DD, empty for none)",
            entry.due.as_deref().unwrap_or(""),
        )?;
        let due = due.trim();
        if due.is_empty() {
            entry.due = None;
            return Some(());
        }
        match Date::parse(due) {
            Ok(date) => {
                entry.due = Some(date.to_string());
                return Some(());
            }
            Err(message) => prompter.say(&format!("{message}; write it as YYYY-MM-DD")),
        }
    }
}
