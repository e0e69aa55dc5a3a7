//! `checklist list` and `checklist show`.

use std::fmt::Write as _;
use std::path::Path;

use super::{
    Io, Outcome, ShowArgs, ShowFormat, emit_rendered, refuse_binary_on_terminal, stdout_error,
};
use sro_assess::error::{Error, Result};
use sro_assess::load::{self, BUNDLED};
use sro_assess::report::{self, ChecklistItems, Format, Rendered, Subject, SubjectKind};

pub(super) fn list(io: &mut Io<'_>) -> Result<Outcome> {
    let mut out = String::new();
    for bundled in BUNDLED {
        let loaded = load::parse_checklist(bundled.text, Path::new(bundled.id))?;
        let c = &loaded.checklist;
        let _ = writeln!(
            out,
            "{}  (version {}, {} items in {} sections)",
            c.id,
            c.version,
            c.item_count(),
            c.sections.len()
        );
        let _ = writeln!(out, "  {}", c.title);
        let _ = writeln!(out, "  profiles:");
        for p in &c.profiles {
            let _ = writeln!(
                out,
                "    {:<28} {} ({} items)",
                p.id,
                p.title,
                c.items_in_profile(p).count()
            );
        }
    }
    let _ = writeln!(
        out,
        "\nShow one with: sro-assess checklist show <id>  (or pass a checklist file's path)"
    );
    io.stdout.write_all(out.as_bytes()).map_err(stdout_error)?;
    Ok(Outcome::Success)
}

pub(super) fn show(args: &ShowArgs, color: bool, io: &mut Io<'_>) -> Result<Outcome> {
    let loaded = load::resolve_checklist(&args.checklist, Path::new("."))?;
    io.warn(&loaded.origin, &loaded.warnings)?;
    let checklist = &loaded.checklist;
    let profile = match &args.profile {
        Some(id) => Some(checklist.profile(id).ok_or_else(|| Error::UnknownProfile {
            checklist: checklist.id.clone(),
            profile: id.clone(),
            available: checklist.profiles.iter().map(|p| p.id.clone()).collect(),
        })?),
        None => None,
    };
    let output = args.output.as_deref();
    let mut options = io.render_options(color, None, output);
    options.paper = args.paper.into();
    let items = ChecklistItems { checklist, profile };
    let text = match show_format(args) {
        ShowFormat::Yaml => yaml_source(&args.checklist)?,
        ShowFormat::Rendered(format) => {
            // A format that draws no listing (PDF, Word) writes the worksheet.
            let subject = if format.writes(SubjectKind::Listing) {
                Subject::Listing(items)
            } else {
                refuse_binary_on_terminal(format, output, "worksheet", io)?;
                Subject::Worksheet(items)
            };
            report::render(subject, format, &options)?
        }
    };
    emit_rendered(output, &text, io)?;
    Ok(Outcome::Success)
}

/// The format asked for; a `.pdf` or `.docx` output name with the default format means the
/// worksheet, since a text listing in such a file would be of no use.
fn show_format(args: &ShowArgs) -> ShowFormat {
    let pdf_name = args
        .output
        .as_deref()
        .and_then(Format::from_extension)
        .filter(|f| f.writes(SubjectKind::Worksheet));
    match (args.format, pdf_name) {
        (ShowFormat::Rendered(Format::Table), Some(format)) => ShowFormat::Rendered(format),
        (asked, _) => asked,
    }
}

fn yaml_source(reference: &str) -> Result<Rendered> {
    let text = match BUNDLED.iter().find(|b| b.id == reference) {
        Some(bundled) => bundled.text.to_string(),
        None => load::read_input(Path::new(reference))?,
    };
    Ok(Rendered::plain(text.into_bytes()))
}
