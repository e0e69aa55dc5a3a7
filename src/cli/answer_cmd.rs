//! The commands that help a committee fill in answers: `answer` (the questionnaire), `import`
//! (a filled spreadsheet), `init` (every template), and `checklist lint`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{InitArgs, Io, Outcome, checklist_reference, emit, error_text, stdout_error, today};
use sro_assess::error::{Diagnostic, Error, Result};
use sro_assess::fsio::Overwrite;
use sro_assess::load::{self, AnswersFile};
use sro_assess::model::{Answer, Checklist, Profile};
use sro_assess::spreadsheet::{self, SpreadsheetKind};
use sro_assess::template::{CarriedAnswer, CarryOver, TemplateHeader, answers_template_from};

/// Arguments of `checklist lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// A checklist file (or a bundled id).
    #[arg(value_name = "FILE")]
    pub checklist: String,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A filled spreadsheet from `init -o answers.xlsx` or `answers.csv`, as Excel, LibreOffice
    /// Calc or Google Sheets save it: .xlsx, .ods, .xls, .csv or .tsv (UTF-8, UTF-16,
    /// Windows-1252 or MacRoman; commas, semicolons or tabs).
    #[arg(value_name = "SHEET")]
    pub sheet: PathBuf,
    /// Write the answers (YAML) to this file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `answer`.
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The answers file (YAML) to fill in; start one with `sro-assess init -o answers.yaml`.
    pub answers: PathBuf,
    /// Walk every item of the profile, not only the unanswered and carried-over ones.
    #[arg(long)]
    pub all: bool,
    /// Walk only the items of this section (its id, see `sro-assess checklist show`).
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// Walk only the items a consensus file marks unsettled, showing each member's rating:
    /// choosing a status settles the item.
    #[arg(long, conflicts_with = "all")]
    pub flagged: bool,
}

/// An error already printed in full (exit 2, nothing more to print).
fn already_reported(path: &Path) -> Error {
    Error::AlreadyReported {
        path: path.to_path_buf(),
    }
}

/// `checklist lint FILE`.
pub fn lint(args: &LintArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let loaded = match load::resolve_checklist(&args.checklist, Path::new(".")) {
        Ok(loaded) => loaded,
        Err(err @ Error::Invalid { .. }) => {
            writeln!(io.stderr, "{}", error_text(&err)).map_err(stdout_error)?;
            return Err(already_reported(Path::new(&args.checklist)));
        }
        Err(other) => return Err(other),
    };
    let found = sro_assess::lint::lint(&loaded.checklist);
    for d in &found {
        writeln!(io.stderr, "{}", d.render(&loaded.origin)).map_err(stdout_error)?;
    }
    let errors = found.iter().filter(|d| d.is_error()).count();
    let c = &loaded.checklist;
    let summary = format!(
        "{}: {} ({} sections, {} items, {} sources, {} profiles; {errors} error{}, {} warning{})",
        loaded.origin,
        if errors == 0 {
            "passes lint"
        } else {
            "fails lint"
        },
        c.sections.len(),
        c.item_count(),
        c.sources.len(),
        c.profiles.len(),
        if errors == 1 { "" } else { "s" },
        found.len() - errors,
        if found.len() - errors == 1 { "" } else { "s" },
    );
    writeln!(io.stdout, "{}", sro_assess::text::visible(&summary)).map_err(stdout_error)?;
    if errors > 0 {
        return Err(already_reported(Path::new(&args.checklist)));
    }
    Ok(Outcome::Success)
}

/// `import SHEET -o answers.yaml`.
pub fn import(args: &ImportArgs, io: &mut Io<'_>) -> Result<Outcome> {
    if spreadsheet::kind_of(&args.sheet).is_none() {
        return Err(Error::NotASpreadsheet {
            path: args.sheet.clone(),
        });
    }
    if let Some(path) = &args.output
        && !args.force
        && sro_assess::fsio::would_overwrite(path)
    {
        return Err(Error::WouldOverwrite { path: path.clone() });
    }
    let name = args.sheet.display().to_string();
    // The cells are checked as an answers file is, each problem at its cell; nothing the sheet
    // holds that the answers file will not is left unsaid.
    let file = AnswersFile::read(&args.sheet)?;
    let loaded = file.checklist(None)?;
    let (answers, warnings) = file.validate(&loaded.checklist)?;
    io.warn(&name, &warnings)?;
    let Some(sheet) = file.document.sheet() else {
        return Err(Error::NotASpreadsheet {
            path: args.sheet.clone(),
        });
    };
    let checklist = &loaded.checklist;
    // Ids as the checklist writes them, by their lowercase form (one lookup per row); two ids
    // that differ only in case leave the id as typed, as the loader reads it.
    let mut ids: std::collections::HashMap<String, Option<&str>> = Default::default();
    for (_, item) in checklist.items() {
        ids.entry(item.id.to_ascii_lowercase())
            .and_modify(|id| *id = None)
            .or_insert(Some(item.id.as_str()));
    }
    let text = spreadsheet::answers_yaml(
        sheet,
        |id| {
            ids.get(&id.to_ascii_lowercase())
                .copied()
                .flatten()
                .map(str::to_string)
        },
        |status| load::status_value(status, checklist, checklist.profile(&answers.profile)),
        &file.hash,
    );
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    emit(args.output.as_deref(), text.as_bytes(), overwrite, io)?;
    Ok(Outcome::Success)
}

/// `init`: a YAML or spreadsheet (`-o answers.xlsx|csv`) template, empty or started from an
/// earlier assessment (`--from last-year.yaml`).
pub fn init(args: &InitArgs, io: &mut Io<'_>) -> Result<Outcome> {
    if let Some(path) = &args.output
        && !args.force
        && sro_assess::fsio::would_overwrite(path)
    {
        return Err(Error::WouldOverwrite { path: path.clone() });
    }
    let previous = args.from.as_deref().map(read_previous).transpose()?;
    if let (Some(path), Some(previous)) = (&args.from, &previous) {
        // Renamed and merged items, and answers that could not be carried, are warnings here.
        io.warn(&path.display().to_string(), &previous.warnings)?;
    }
    let (reference, district, prepared_by, profile_id) = match &previous {
        Some(p) => (
            p.reference.clone(),
            p.district.clone(),
            p.prepared_by.clone(),
            p.profile.clone(),
        ),
        None => (
            args.checklist.clone(),
            args.district.clone(),
            args.prepared_by.clone(),
            args.profile.clone(),
        ),
    };
    let loaded = load::resolve_checklist(&reference, Path::new("."))?;
    io.warn(&loaded.origin, &loaded.warnings)?;
    let checklist = &loaded.checklist;
    let profile = find_profile(checklist, &profile_id)?;
    let date = args.date.unwrap_or_else(today);
    let label = args
        .label
        .clone()
        .unwrap_or_else(|| format!("{} assessment", date.year()));
    let written_reference = checklist_reference(&reference, args.output.as_deref());
    let header = TemplateHeader {
        checklist_reference: &written_reference,
        district: &district,
        label: &label,
        date,
        prepared_by: prepared_by.as_deref(),
        // Not taken from `--from`: each rating is its rater's own, so the earlier file's
        // rater does not sign the new one.
        rater: given_text(args.rater.as_deref()),
        rater_group: given_text(args.rater_group.as_deref()),
    };
    let mut carry = previous.map(|p| p.carry);
    if let Some(carry) = &mut carry {
        for id in carry.retain_profile(checklist, profile) {
            writeln!(
                io.stderr,
                "not carried: the answer to `{id}`, which is not an item of profile `{}`",
                profile.id
            )
            .map_err(stdout_error)?;
        }
    }
    let bytes = template_bytes(
        args.output.as_deref(),
        checklist,
        profile,
        &header,
        carry.as_ref(),
    )?;
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    emit(args.output.as_deref(), &bytes, overwrite, io)?;
    if let Some(carry) = &carry {
        writeln!(
            io.stderr,
            "carried {} answers from {}; each is marked `carried_from` until re-checked",
            carry.answers.len(),
            carry.from
        )
        .map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}

/// A free-text option as the loader reads its field: trimmed, and absent when empty.
fn given_text(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn find_profile<'c>(checklist: &'c Checklist, id: &str) -> Result<&'c Profile> {
    checklist.profile(id).ok_or_else(|| Error::UnknownProfile {
        checklist: checklist.id.clone(),
        profile: id.to_string(),
        available: checklist.profiles.iter().map(|p| p.id.clone()).collect(),
    })
}

fn template_bytes(
    output: Option<&Path>,
    checklist: &Checklist,
    profile: &Profile,
    header: &TemplateHeader<'_>,
    carry: Option<&CarryOver>,
) -> Result<Vec<u8>> {
    let Some((kind, path)) = output.and_then(|p| spreadsheet::kind_of(p).map(|k| (k, p))) else {
        return Ok(answers_template_from(checklist, profile, header, carry).into_bytes());
    };
    let mut grid = spreadsheet::template_grid(checklist, profile, header);
    // A template `import` would refuse is not written: its rows count the header rows too.
    if grid.rows.len() > spreadsheet::bounds::MAX_ROWS {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            diagnostics: vec![
                Diagnostic::error(
                    None,
                    format!(
                        "the template would have {} rows (the profile's {} items and the rows \
                         above them); sro-assess reads sheets of at most {} rows",
                        grid.rows.len(),
                        checklist.items_in_profile(profile).count(),
                        spreadsheet::bounds::MAX_ROWS
                    ),
                )
                .with_hint("write the template as YAML instead: `-o answers.yaml`"),
            ],
        });
    }
    if let Some(carry) = carry {
        spreadsheet::prefill_carried(&mut grid, carry, checklist, profile);
    }
    match kind {
        SpreadsheetKind::Csv => spreadsheet::template_csv(&grid),
        SpreadsheetKind::Xlsx => spreadsheet::template_xlsx(&grid, checklist, profile),
        SpreadsheetKind::Ods | SpreadsheetKind::Xls => Err(spreadsheet::unwritable_template(path)),
    }
}

/// What `init --from` takes from the earlier assessment.
struct Previous {
    reference: String,
    district: String,
    prepared_by: Option<String>,
    profile: String,
    carry: CarryOver,
    warnings: Vec<Diagnostic>,
}

fn read_previous(path: &Path) -> Result<Previous> {
    let file = AnswersFile::read(path)?;
    let loaded = file.checklist(None)?;
    let (answers, warnings) = file.validate(&loaded.checklist)?;
    // A checklist path in the old file is relative to its folder; make it usable from here.
    let reference = if load::bundled_checklist(&answers.checklist).is_some() {
        answers.checklist.clone()
    } else {
        let folder = path.parent().unwrap_or(Path::new("."));
        folder.join(&answers.checklist).display().to_string()
    };
    let carry = CarryOver {
        from: format!("{} ({})", answers.label, answers.date),
        answers: answers
            .answers
            .iter()
            .map(|a| carried_answer(a, &loaded.checklist))
            .collect(),
    };
    Ok(Previous {
        reference,
        district: answers.district,
        prepared_by: answers.prepared_by,
        profile: answers.profile,
        carry,
        warnings,
    })
}

/// An earlier answer as the new file gets it: the reason a not-applicable answer gave, and
/// the note of an item left unanswered (what could not be seen), stay with it; other notes
/// were about last year and are left behind.
fn carried_answer(answer: &Answer, checklist: &Checklist) -> CarriedAnswer {
    let keeps_note = answer.status().is_none_or(|status| {
        checklist
            .scale_level(status)
            .is_some_and(|l| l.credit.is_none())
    });
    CarriedAnswer {
        item_id: answer.item_id.clone(),
        status: answer.status.clone(),
        evidence: answer.evidence.clone(),
        note: answer.note.clone().filter(|_| keeps_note),
    }
}

/// The lines `validate` adds for answers carried over and not yet re-checked.
pub fn carried_text(file: &AnswersFile) -> String {
    let carried = file.document.carried_items();
    let Some((_, from)) = carried.first() else {
        return String::new();
    };
    // A sheet marks them in a column, an answers file on a line of each answer.
    let clear = if file.document.sheet().is_some() {
        "clear each one's Carried from cell once checked"
    } else {
        "delete each `carried_from` line once checked"
    };
    let mut out = format!(
        "carried over from {from}, to re-check ({}); {clear}:\n",
        carried.len()
    );
    for (id, _) in &carried {
        out.push_str(&format!("  {id}\n"));
    }
    out
}

/// `answer answers.yaml`: the questionnaire.
pub fn answer(args: &AnswerArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let selection = sro_assess::answer::Selection {
        all: args.all,
        section: args.section.clone(),
        flagged: args.flagged,
    };
    super::questionnaire::run(&args.answers, &selection, io.stderr)?;
    Ok(Outcome::Success)
}
