//! The interactive questionnaire behind `sro-assess answer`: walks the items still to answer
//! (and those carried over from last year), asks for each status and optional details, and
//! saves each one to the file as soon as it is confirmed, so it can be stopped and resumed at
//! will, even by `kill` or a closed terminal.
//!
//! The flow talks to a [`Prompter`], so tests drive it with scripted answers; the terminal
//! prompts, the check that there is a terminal and the handling of signals belong to the
//! binary. Saving (lock, re-read, edit) is in `session`; a signal handler learns from
//! [`Progress`] what was saved and what to set aside.

mod edit;
mod lock;
mod session;

use std::path::Path;
use std::sync::Arc;

pub use edit::{EditError, Entry, Field, editable, set_answer, set_fields};
pub use session::{Progress, ProgressState, Undecided};

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Answers, Checklist, Date, Item, ScaleLevel, Section};
use crate::score::labels;
use crate::text::{LongWords, wrap};
use session::{Saved, Session};

/// What the questionnaire asks through; `None` means the user interrupted (Ctrl-C, Esc).
pub trait Prompter {
    /// Shows text (the item being asked about, progress, messages).
    fn say(&mut self, text: &str);
    /// Asks to choose one of `options`; returns its index.
    fn choose(&mut self, prompt: &str, options: &[String], default: usize) -> Option<usize>;
    /// Asks for a line of text, starting from `initial`.
    fn text(&mut self, prompt: &str, initial: &str) -> Option<String>;
    /// Whether the last `None` was Esc (go back a step) rather than Ctrl-C (stop).
    fn escaped(&mut self) -> bool {
        false
    }
    /// Columns available for text, to wrap the guidance at word boundaries.
    fn width(&self) -> usize {
        80
    }
}

/// Which items to walk.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Every item of the profile, not only the unanswered and carried-over ones.
    pub all: bool,
    /// Only this section.
    pub section: Option<String>,
    /// Only the items of a consensus file that its meeting has still to settle.
    pub flagged: bool,
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

/// Extensions of spreadsheets, which are filled in in the spreadsheet program instead.
const SPREADSHEETS: [&str; 6] = ["xlsx", "xlsm", "xls", "ods", "csv", "tsv"];

/// Refuses a spreadsheet or a missing file with what to do instead; the questionnaire checks
/// this first, and so can a caller before it sets up a terminal.
pub fn check_path(path: &Path) -> Result<()> {
    let refuse = |message: String, hint: String| Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(ext) = extension.filter(|e| SPREADSHEETS.contains(&e.as_str())) {
        let import = if crate::spreadsheet::kind_of(path).is_some() {
            format!("`sro-assess import {} -o answers.yaml`", path.display())
        } else {
            // A kind `import` does not read: it is saved as a workbook first.
            format!(
                "`sro-assess import {} -o answers.yaml` after saving it as .xlsx (File, Save As)",
                path.with_extension("xlsx").display()
            )
        };
        return Err(refuse(
            format!(
                "`sro-assess answer` fills in a YAML answers file, and this is a .{ext} spreadsheet"
            ),
            format!(
                "fill in the spreadsheet in Excel or LibreOffice, then turn it into an answers \
                 file with {import}; `sro-assess answer answers.yaml` then asks the questions \
                 still open"
            ),
        ));
    }
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Err(refuse(
            "there is no such file".into(),
            format!(
                "create it first with `sro-assess init -o {}` (`sro-assess init --help` shows \
                 how to choose the profile and name the district), then run \
                 `sro-assess answer {}`",
                path.display(),
                path.display()
            ),
        ));
    }
    Ok(())
}

/// One item to ask about, with its place for the progress line.
struct Question<'c> {
    section: &'c Section,
    section_number: usize,
    /// Its place among every item of the profile (from 1), so a resumed session shows where
    /// it is in the whole assessment rather than counting from 1 again.
    position: usize,
    item: &'c Item,
}

/// Where the questionnaire stands, for the line above each item.
struct Place {
    items: usize,
    sections: usize,
    open: usize,
}

/// Runs the questionnaire on the file at `path` through `prompter`. The status and each detail
/// are saved as soon as they are confirmed, so an interruption loses at most the one being typed.
pub fn run(path: &Path, selection: &Selection, prompter: &mut dyn Prompter) -> Result<Summary> {
    run_with(path, selection, prompter, Arc::new(Progress::default()))
}

/// [`run`], recording in `progress` what is saved, so that a signal handler can wait for a save
/// under way and tell what was saved (see [`Progress::hold`]).
pub fn run_with(
    path: &Path,
    selection: &Selection,
    prompter: &mut dyn Prompter,
    progress: Arc<Progress>,
) -> Result<Summary> {
    check_path(path)?;
    let mut session = Session::open(path, Arc::clone(&progress))?;
    let loaded = session.loaded.clone();
    let checklist = &loaded.checklist;
    let questions = questions(checklist, &session, selection)?;
    let sections_total = section_count(checklist, &session.answers().profile);
    let items_total = profile_items(checklist, &session).len();
    let mut summary = Summary {
        saved: 0,
        visited: 0,
        offered: questions.len(),
        stopped: false,
    };
    if questions.is_empty() {
        prompter.say(if selection.flagged {
            "Nothing to settle: no item is marked unsettled."
        } else {
            "Nothing to answer: every item is answered (use --all to revisit them)."
        });
        return Ok(summary);
    }
    let mut i = 0;
    while i < questions.len() {
        let q = &questions[i];
        session.refresh();
        let place = Place {
            items: items_total,
            sections: sections_total,
            open: open_count(checklist, &session, selection.flagged),
        };
        prompter.say(&describe(q, &place, &session, prompter.width()));
        let step = ask(q, checklist, &mut session, prompter);
        summary.saved = progress.saved();
        match step? {
            Step::Next => {
                summary.visited = summary.visited.max(i + 1);
                i += 1;
            }
            Step::Again => {}
            Step::Back if i == 0 => {
                prompter.say("This is the first item; there is none before it.");
            }
            Step::Back => i -= 1,
            Step::Stop => {
                summary.stopped = true;
                prompter.say(&format!(
                    "Stopped: {} answer{} saved in this session. Run the same command to resume.",
                    summary.saved,
                    if summary.saved == 1 { "" } else { "s" },
                ));
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
    let profile_id = &session.answers().profile;
    let profile = checklist
        .profile(profile_id)
        .ok_or_else(|| Error::UnknownProfile {
            checklist: checklist.id.clone(),
            profile: profile_id.clone(),
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
    for (position, (section, item)) in checklist.items_in_profile(profile).enumerate() {
        if section_ids.last() != Some(&section.id.as_str()) {
            section_ids.push(&section.id);
        }
        let open = session.answers().answer(&item.id).is_none() || is_carried(session, &item.id);
        let wanted = if selection.flagged {
            is_unsettled(session, &item.id)
        } else {
            selection.all || open
        };
        let in_section = selection.section.as_ref().is_none_or(|s| *s == section.id);
        if in_section && wanted {
            out.push(Question {
                section,
                section_number: section_ids.len(),
                position: position + 1,
                item,
            });
        }
    }
    Ok(out)
}

fn is_carried(session: &Session, id: &str) -> bool {
    session.carried().iter().any(|(i, _)| i == id)
}

/// Whether a consensus file marks the item for its meeting to settle.
fn is_unsettled(session: &Session, id: &str) -> bool {
    session
        .answers()
        .answer(id)
        .is_some_and(|a| a.unsettled.is_some())
}

/// The items of the session's profile, in checklist order.
fn profile_items<'c>(checklist: &'c Checklist, session: &Session) -> Vec<&'c Item> {
    checklist
        .profile(&session.answers().profile)
        .map(|profile| {
            checklist
                .items_in_profile(profile)
                .map(|(_, item)| item)
                .collect()
        })
        .unwrap_or_default()
}

/// Items of the profile with no answer yet, or carried over and not yet re-checked; when the
/// meeting walks a consensus file's flagged items, those still unsettled.
fn open_count(checklist: &Checklist, session: &Session, flagged: bool) -> usize {
    profile_items(checklist, session)
        .iter()
        .filter(|item| match flagged {
            true => is_unsettled(session, &item.id),
            false => session.answers().answer(&item.id).is_none() || is_carried(session, &item.id),
        })
        .count()
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

fn describe(q: &Question<'_>, place: &Place, session: &Session, width: usize) -> String {
    let mut text = String::from("\n");
    let header = format!(
        "item {} of {}, section {} of {} ({} still open): {}",
        q.position, place.items, q.section_number, place.sections, place.open, q.section.title,
    );
    push_wrapped(&mut text, &header, "", width);
    push_wrapped(
        &mut text,
        &format!("[{}] {}", q.item.priority.as_str(), q.item.title),
        "",
        width,
    );
    push_wrapped(&mut text, &q.item.guidance, "  ", width);
    if !q.item.evidence.is_empty() {
        push_wrapped(
            &mut text,
            &format!("Look for: {}", q.item.evidence),
            "  ",
            width,
        );
    }
    if let Some(answer) = session.answers().answer(&q.item.id) {
        text.push_str(&format!(
            "  Current answer: {}",
            answer.status().unwrap_or("none yet")
        ));
        if let Some((_, from)) = session.carried().iter().find(|(id, _)| *id == q.item.id) {
            text.push_str(&format!(" (carried over from {from}: please re-check)"));
        }
        if let Some(why) = &answer.unsettled {
            text.push_str(&format!(" (proposed; not yet settled: {why})"));
        }
        text.push('\n');
        push_members(&mut text, answer, session, width);
    }
    text
}

/// A consensus file's record of the item: each member's rating, then what they wrote.
fn push_members(text: &mut String, answer: &crate::model::Answer, session: &Session, width: usize) {
    if answer.ratings.is_empty() {
        return;
    }
    let checklist = &session.loaded.checklist;
    text.push_str("  Members' ratings:\n");
    for rating in &answer.ratings {
        let label = rating
            .status
            .as_deref()
            .and_then(|value| checklist.scale_level(value))
            .map_or_else(
                || "not answered".to_string(),
                |l| level_label(checklist, session.answers(), l),
            );
        push_wrapped(text, &format!("{}: {label}", rating.rater), "    ", width);
    }
    for (what, said) in [("Evidence", &answer.evidence), ("Notes", &answer.note)] {
        if let Some(said) = said {
            push_wrapped(text, &format!("{what}: {said}"), "  ", width);
        }
    }
}

/// Appends `text` wrapped to `width` columns, each line starting with `indent`. A word longer
/// than a line has a line to itself (a URL must stay whole to be copied); line breaks in `text`
/// are kept.
fn push_wrapped(out: &mut String, text: &str, indent: &str, width: usize) {
    let width = width.saturating_sub(indent.len()).max(20);
    for paragraph in text.lines() {
        for line in wrap(paragraph, width, LongWords::KeepWhole) {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// Where the questionnaire goes after an item.
enum Step {
    /// On to the next item (answered, skipped, or the file's version kept).
    Next,
    /// The same item again (Esc in its details, or "stay" after Esc).
    Again,
    Back,
    Stop,
}

/// What Esc means where it was pressed: at the status question, a choice between going back,
/// staying and leaving (never a silent quit); in the details, back to the item's status.
fn escape(at_status: bool, prompter: &mut dyn Prompter) -> Step {
    if !at_status {
        prompter.say("Esc: back to this item's status; what was confirmed is saved.");
        return Step::Again;
    }
    let options = [
        "stay on this item".to_string(),
        "back to the previous item".into(),
        "save and quit (every confirmed answer is already saved)".into(),
    ];
    match prompter.choose("Esc pressed: what now?", &options, 0) {
        Some(1) => Step::Back,
        Some(2) => Step::Stop,
        // Esc again stays; Ctrl-C stops.
        None if !prompter.escaped() => Step::Stop,
        _ => Step::Again,
    }
}

/// A prompt gave no answer: Ctrl-C stops, Esc goes back a step.
fn interrupted(at_status: bool, prompter: &mut dyn Prompter) -> Step {
    if prompter.escaped() {
        escape(at_status, prompter)
    } else {
        Step::Stop
    }
}

/// What to do after one field was saved (or not).
enum Flow {
    Continue,
    Done(Step),
}

/// Saves one confirmed change to the item and tells the user when it did not go in as typed.
fn confirm(
    session: &mut Session,
    id: &str,
    changes: &[(Field, Option<String>)],
    prompter: &mut dyn Prompter,
) -> Result<Flow> {
    Ok(match session.save(id, changes, prompter)? {
        Saved::Written => Flow::Continue,
        Saved::KeptTheirs => {
            prompter.say(&format!("Kept the file's version of `{id}`."));
            Flow::Done(Step::Next)
        }
        Saved::SetAside(aside) => {
            prompter.say(&format!(
                "Kept the file's version of `{id}`; yours is saved in {}.",
                aside.display()
            ));
            Flow::Done(Step::Stop)
        }
    })
}

/// What a status choice reads as: the report's label, so a plan asks "Provided for in the
/// plan" rather than "In place".
fn level_label(checklist: &Checklist, answers: &Answers, level: &ScaleLevel) -> String {
    match checklist.profile(&answers.profile) {
        Some(profile) => {
            let plan = labels::describes_plan(profile, answers);
            labels::level_label(profile, plan, level)
        }
        None => level.label.clone(),
    }
}

fn ask(
    q: &Question<'_>,
    checklist: &Checklist,
    session: &mut Session,
    prompter: &mut dyn Prompter,
) -> Result<Step> {
    let id = &q.item.id;
    let current = session.fields(id);
    let mut options: Vec<String> = checklist
        .scale
        .iter()
        .map(|l| {
            format!(
                "{}: {}",
                l.value,
                level_label(checklist, session.answers(), l)
            )
        })
        .collect();
    let levels = options.len();
    options.extend(["skip".to_string(), "back".into(), "save and quit".into()]);
    let default = current
        .get(Field::Status)
        .and_then(|status| checklist.scale.iter().position(|l| l.value == status))
        .unwrap_or(0);
    let Some(choice) = prompter.choose("Status?", &options, default) else {
        return Ok(interrupted(true, prompter));
    };
    match choice.checked_sub(levels) {
        Some(0) => return Ok(Step::Next),
        Some(1) => return Ok(Step::Back),
        Some(_) => return Ok(Step::Stop),
        None => {}
    }
    let level = &checklist.scale[choice];
    // Choosing a status is the re-check that a carried-over answer asks for.
    let mut changes = vec![(Field::Status, Some(level.value.clone()))];
    if is_carried(session, id) {
        changes.push((Field::CarriedFrom, None));
    }
    // Choosing a status is the meeting's decision on an item the members disagreed on.
    if is_unsettled(session, id) {
        changes.push((Field::Unsettled, None));
    }
    if let Flow::Done(step) = confirm(session, id, &changes, prompter)? {
        return Ok(step);
    }
    details(id, level, session, prompter)
}

/// The note a status without credit asks for: why it does not apply, or what could not be
/// seen (the board's only clue to an item nobody could verify).
fn note_question(level: &ScaleLevel) -> Option<&'static str> {
    if level.is_unknown() {
        Some("What could not be verified, and why? (printed in reports)")
    } else if level.is_not_applicable() {
        Some("Why does it not apply? (printed in reports)")
    } else {
        None
    }
}

/// Asks the optional details, saving each as it is confirmed. An item in place (full credit)
/// has no gap to close, so it is not asked for an owner or a due date.
fn details(
    id: &str,
    level: &ScaleLevel,
    session: &mut Session,
    prompter: &mut dyn Prompter,
) -> Result<Step> {
    let in_place = level.credit.is_some_and(|c| c >= 1.0);
    if let Some(question) = note_question(level)
        && session.fields(id).get(Field::Note).is_none()
    {
        let Some(why) = prompter.text(question, "") else {
            return Ok(interrupted(false, prompter));
        };
        if let Flow::Done(step) = save_text(session, id, Field::Note, &why, prompter)? {
            return Ok(step);
        }
    }
    let more = [
        "no, next item".to_string(),
        if in_place {
            "yes: evidence, notes".into()
        } else {
            "yes: evidence, notes, owner, due date".into()
        },
    ];
    match prompter.choose("Add or change details?", &more, 0) {
        None => return Ok(interrupted(false, prompter)),
        Some(0) => return Ok(Step::Next),
        Some(_) => {}
    }
    let fields = [
        ("Evidence (what shows it)", Field::Evidence),
        ("Note (printed in reports)", Field::Note),
        (
            "Internal note (never printed unless asked for)",
            Field::InternalNote,
        ),
        ("Owner (who will close the gap)", Field::Owner),
    ];
    let asked = if in_place { &fields[..3] } else { &fields[..] };
    for &(prompt, field) in asked {
        let initial = session.fields(id).get(field).unwrap_or("").to_string();
        let Some(typed) = prompter.text(prompt, &initial) else {
            return Ok(interrupted(false, prompter));
        };
        if let Flow::Done(step) = save_text(session, id, field, &typed, prompter)? {
            return Ok(step);
        }
    }
    if in_place {
        return Ok(Step::Next);
    }
    loop {
        let initial = session.fields(id).get(Field::Due).unwrap_or("").to_string();
        let Some(due) = prompter.text("Due date (YYYY-MM-DD, empty for none)", &initial) else {
            return Ok(interrupted(false, prompter));
        };
        let due = due.trim();
        let value = if due.is_empty() {
            None
        } else {
            match read_due(due) {
                Ok((date, read_as)) => {
                    if let Some(note) = read_as {
                        prompter.say(&note);
                    }
                    Some(date.to_string())
                }
                Err(message) => {
                    prompter.say(&format!("{message}; write it as YYYY-MM-DD"));
                    continue;
                }
            }
        };
        return Ok(
            match save_if_changed(session, id, Field::Due, value, prompter)? {
                Flow::Continue => Step::Next,
                Flow::Done(step) => step,
            },
        );
    }
}

/// A typed due date: YYYY-MM-DD, or M/D/YYYY with a note saying how it was read.
fn read_due(typed: &str) -> std::result::Result<(Date, Option<String>), String> {
    match Date::parse(typed) {
        Ok(date) => Ok((date, None)),
        Err(message) => match Date::parse_us(typed) {
            Some(Ok(date)) => Ok((
                date,
                Some(format!("Read `{typed}` as {date} (month/day/year).")),
            )),
            Some(Err(us_message)) => Err(us_message),
            None => Err(message),
        },
    }
}

/// Saves a typed text field (trimmed; empty removes it).
fn save_text(
    session: &mut Session,
    id: &str,
    field: Field,
    typed: &str,
    prompter: &mut dyn Prompter,
) -> Result<Flow> {
    let value = Some(typed.trim().to_string()).filter(|s| !s.is_empty());
    save_if_changed(session, id, field, value, prompter)
}

fn save_if_changed(
    session: &mut Session,
    id: &str,
    field: Field,
    value: Option<String>,
    prompter: &mut dyn Prompter,
) -> Result<Flow> {
    if session.fields(id).get(field) == value.as_deref() {
        return Ok(Flow::Continue);
    }
    confirm(session, id, &[(field, value)], prompter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OptionFigures;

    fn bundled() -> Checklist {
        crate::load::bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist
    }

    fn answers(profile: &str, option: Option<OptionFigures>) -> Answers {
        Answers {
            checklist: "wi-sro-best-practices".into(),
            checklist_version: None,
            profile: profile.into(),
            district: "D".into(),
            district_id: None,
            label: "L".into(),
            date: Date::parse("2026-03-15").unwrap(),
            prepared_by: None,
            rater: None,
            rater_group: None,
            board: Default::default(),
            option,
            consensus: None,
            answers: Vec::new(),
        }
    }

    fn met_label(checklist: &Checklist, answers: &Answers) -> String {
        let met = checklist.scale.iter().find(|l| l.value == "met").unwrap();
        level_label(checklist, answers, met)
    }

    #[test]
    fn guidance_is_wrapped_and_indented_and_keeps_its_line_breaks() {
        let mut out = String::new();
        let url = "https://dpi.wi.gov/sspw/school-resource-officers/guidance";
        push_wrapped(
            &mut out,
            &format!("See the guidance at {url} now\nthen"),
            "  ",
            32,
        );
        assert_eq!(
            out,
            format!("  See the guidance at\n  {url}\n  now\n  then\n")
        );
        let mut narrow = String::new();
        push_wrapped(&mut narrow, "a b c d e f g h i j k l m n", "  ", 5);
        assert_eq!(
            narrow, "  a b c d e f g h i j\n  k l m n\n",
            "at least 20 columns"
        );
        let mut empty = String::new();
        push_wrapped(&mut empty, "", "", 80);
        assert_eq!(empty, "");
    }

    #[test]
    fn a_us_due_date_is_read_with_a_note() {
        let (date, note) = read_due("6/30/2026").unwrap();
        assert_eq!(date.to_string(), "2026-06-30");
        assert!(note.unwrap().contains("month/day/year"));
        assert_eq!(read_due("2026-06-30").unwrap().1, None);
        assert!(read_due("6/31/2026").unwrap_err().contains("has 30 days"));
    }

    #[test]
    fn dont_know_asks_what_could_not_be_verified_and_na_asks_why() {
        let checklist = bundled();
        let question = |value: &str| checklist.scale_level(value).and_then(note_question);
        assert!(
            question("unknown")
                .unwrap()
                .contains("could not be verified")
        );
        assert!(question("na").unwrap().contains("not apply"));
        assert_eq!(question("met"), None);
    }

    #[test]
    fn a_program_is_asked_about_in_the_scale_labels() {
        let checklist = bundled();
        assert_eq!(
            met_label(&checklist, &answers("existing-program", None)),
            "In place"
        );
    }

    #[test]
    fn a_plan_is_asked_about_in_the_plan_labels() {
        let checklist = bundled();
        assert_eq!(
            met_label(&checklist, &answers("considering-sro", None)),
            "Provided for in the plan"
        );
        let option = OptionFigures {
            annual_cost: Some(98_000.0),
            one_time_cost: None,
            staff_fte: None,
            years: None,
        };
        assert_eq!(
            met_label(&checklist, &answers("existing-program", Some(option))),
            "Provided for in the plan"
        );
    }
}
