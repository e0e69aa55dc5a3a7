//! `checklist list` and `checklist show`.

use std::fmt::Write as _;
use std::path::Path;

use super::{
    Io, Outcome, ShowArgs, ShowFormat, emit_rendered, refuse_binary_on_terminal, stdout_error,
};
use sro_assess::error::{Error, Result};
use sro_assess::load::{self, BUNDLED};
use sro_assess::model::{Checklist, Profile};
use sro_assess::report::{Format, Rendered, medium, subject};

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
    let listing = || subject::checklist(checklist, profile);
    let text = match show_format(args) {
        ShowFormat::Table => medium::draw(listing(), Format::Table, &options)?,
        ShowFormat::Markdown => medium::draw(listing(), Format::Markdown, &options)?,
        ShowFormat::Json => json(checklist, profile)?,
        ShowFormat::Yaml => yaml_source(&args.checklist)?,
        ShowFormat::Pdf => {
            refuse_binary_on_terminal(Format::Pdf, output, "worksheet.pdf", io)?;
            medium::draw(
                subject::worksheet(checklist, profile),
                Format::Pdf,
                &options,
            )?
        }
    };
    emit_rendered(output, &text, io)?;
    Ok(Outcome::Success)
}

/// The format asked for; a `.pdf` output name with the default format means the worksheet,
/// since a text listing in a file named `.pdf` would be of no use.
fn show_format(args: &ShowArgs) -> ShowFormat {
    let pdf_name = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if args.format == ShowFormat::Table && pdf_name {
        ShowFormat::Pdf
    } else {
        args.format
    }
}

fn json(checklist: &Checklist, profile: Option<&Profile>) -> Result<Rendered> {
    let mut copy = checklist.clone();
    if let Some(p) = profile {
        for section in &mut copy.sections {
            let id = section.id.clone();
            section.items.retain(|i| p.applies_to(&id, &i.id));
        }
        copy.sections.retain(|s| !s.items.is_empty());
    }
    let mut text = serde_json::to_string_pretty(&copy).map_err(|e| Error::Encode {
        format: "JSON",
        message: e.to_string(),
    })?;
    text.push('\n');
    Ok(Rendered::plain(text.into_bytes()))
}

fn yaml_source(reference: &str) -> Result<Rendered> {
    let text = match BUNDLED.iter().find(|b| b.id == reference) {
        Some(bundled) => bundled.text.to_string(),
        None => load::read_input(Path::new(reference))?,
    };
    Ok(Rendered::plain(text.into_bytes()))
}
