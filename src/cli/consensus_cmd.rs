//! `consensus`: two or more committee members' answers to one checklist, side by side, with
//! the agreement and the agenda of items the meeting must settle.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::compare_cmd::{AnnouncedChecklists, Checklists};
use super::warnings::Warnings;
use super::{
    ConsensusArgs, Io, Outcome, emit, emit_rendered, output_format, refuse_binary_on_terminal,
};
use sro_assess::compare::check_one_checklist;
use sro_assess::consensus::{self, Member};
use sro_assess::error::{Diagnostic, Error, Result};
use sro_assess::fsio::Overwrite;
use sro_assess::load::{AnswersFile, LoadedChecklist};
use sro_assess::model::Answers;
use sro_assess::report::{self, RenderOptions, Subject, SubjectKind};

/// One member's file, read and validated.
struct MemberFile {
    path: PathBuf,
    /// The path as given, as the agenda lists members' files.
    shown: String,
    /// The file's `rater`, else the file's name without its extension.
    name: String,
    answers: Answers,
}

pub(super) fn consensus(args: &ConsensusArgs, color: bool, io: &mut Io<'_>) -> Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    refuse_binary_on_terminal(format, args.output.as_deref(), "agenda", io)?;
    let options = RenderOptions {
        include_internal_notes: args.include_internal_notes,
        paper: args.paper.into(),
        ..io.render_options(color, args.width, args.output.as_deref())
    };
    report::check_format(SubjectKind::Agenda, format, &options)?;
    let read = read_members(&args.members, args.checklist.as_deref(), io)?;
    let Some((checklist, first)) = read.first() else {
        return Ok(Outcome::Success); // clap requires two files; nothing to do without them
    };
    // Validation checked the profile against this checklist.
    let Some(profile) = checklist.checklist.profile(&first.answers.profile) else {
        return Ok(Outcome::Success);
    };
    let members: Vec<Member> = read
        .iter()
        .map(|(_, f)| Member {
            rater: &f.name,
            group: f.answers.rater_group.as_deref(),
            file: &f.shown,
            answers: &f.answers,
        })
        .collect();
    let result = consensus::consensus(&checklist.checklist, profile, &members, args.threshold);
    let rendered = report::render(Subject::Agenda(&result), format, &options)?;
    emit_rendered(args.output.as_deref(), &rendered, io)?;
    if let Some(path) = &args.answers_out {
        let overwrite = if args.force {
            Overwrite::Allow
        } else {
            Overwrite::Refuse
        };
        let text = consensus::answers_file(&result);
        emit(Some(path), text.as_bytes(), overwrite, io)?;
    }
    Ok(Outcome::Success)
}

/// Reads every member's file; warnings are printed as they are found, and a file of another
/// checklist, profile or district than the first stops the run, naming the file and the field.
fn read_members(
    paths: &[PathBuf],
    forced: Option<&Path>,
    io: &mut Io<'_>,
) -> Result<Vec<(Arc<LoadedChecklist>, MemberFile)>> {
    let checklists = Checklists::new(forced)?;
    let mut warnings = Warnings::new(true);
    let mut announced = AnnouncedChecklists::default();
    let mut read: Vec<(Arc<LoadedChecklist>, MemberFile)> = Vec::with_capacity(paths.len());
    for path in paths {
        let file = AnswersFile::read(path)?;
        let checklist = checklists.for_file(&file)?;
        announced.warn_once(&checklist, &mut warnings, io)?;
        let (answers, file_warnings) = file.validate(&checklist.checklist)?;
        warnings.add(&path.display().to_string(), &file_warnings, io)?;
        let member = MemberFile {
            path: path.clone(),
            shown: path.display().to_string(),
            name: answers.rater.clone().unwrap_or_else(|| file_name(path)),
            answers,
        };
        if let Some((first_checklist, first)) = read.first() {
            same_ground(
                first_checklist,
                first,
                &checklist,
                &member,
                &mut warnings,
                io,
            )?;
        }
        read.push((checklist, member));
    }
    Ok(read)
}

/// Another member's file must answer the first one's checklist, profile and district.
fn same_ground(
    first_checklist: &LoadedChecklist,
    first: &MemberFile,
    checklist: &LoadedChecklist,
    member: &MemberFile,
    warnings: &mut Warnings,
    io: &mut Io<'_>,
) -> Result<()> {
    let differs = |field: &str, theirs: &str, ours: &str| {
        Error::Invalid {
        path: member.path.clone(),
        diagnostics: vec![
            Diagnostic::error(
                None,
                format!(
                    "this member's `{field}` is `{theirs}`, but {} has `{ours}`",
                    first.path.display()
                ),
            )
            .with_hint("every member rates the same checklist, profile and district: correct the field, or leave this file out"),
        ],
    }
    };
    match check_one_checklist(&first_checklist.checklist, &checklist.checklist) {
        Err(other) => return Err(differs("checklist", &other.this, &other.first)),
        Ok(Some(version)) => {
            let warning = Diagnostic::warning(
                None,
                format!(
                    "rated against checklist version {}, but {} against version {}; answers to renamed items are read under their new ids",
                    version.this,
                    first.path.display(),
                    version.first
                ),
            );
            warnings.add(&member.path.display().to_string(), &[warning], io)?;
        }
        Ok(None) => {}
    }
    if member.answers.profile != first.answers.profile {
        return Err(differs(
            "profile",
            &member.answers.profile,
            &first.answers.profile,
        ));
    }
    if member.answers.district != first.answers.district {
        return Err(differs(
            "district",
            &member.answers.district,
            &first.answers.district,
        ));
    }
    Ok(())
}

/// The file's name without its folder, as the agenda lists members' files.
fn file_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}
