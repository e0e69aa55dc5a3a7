//! `checklist list` and `checklist show`.

use std::fmt::Write as _;
use std::path::Path;

use super::{
    Io, Outcome, ShowArgs, ShowFormat, emit_rendered, refuse_binary_on_terminal, stdout_error,
};
use sro_assess::error::{Error, Result};
use sro_assess::load::{self, BUNDLED};
use sro_assess::model::{Checklist, Item, Profile};
use sro_assess::report::pdf::worksheet;
use sro_assess::report::{Format, Rendered};

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
    let text = match show_format(args) {
        ShowFormat::Table => {
            let width = io.render_options(color, None, output).width;
            wrap_listing(&text(checklist, profile), width)
        }
        ShowFormat::Markdown => Rendered::plain(markdown(checklist, profile).into_bytes()),
        ShowFormat::Json => json(checklist, profile)?,
        ShowFormat::Yaml => yaml_source(&args.checklist)?,
        ShowFormat::Pdf => {
            refuse_binary_on_terminal(Format::Pdf, output, "worksheet.pdf", io)?;
            let (bytes, warnings) = worksheet::render(checklist, profile, args.paper.into());
            Rendered { bytes, warnings }
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

fn citations(checklist: &Checklist, item: &Item) -> String {
    item.sources
        .iter()
        .map(|r| {
            let title = checklist
                .source(&r.source)
                .map_or(r.source.as_str(), |s| s.title.as_str());
            if r.at.is_empty() {
                title.to_string()
            } else {
                format!("{title}, {}", r.at)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn heading(checklist: &Checklist, profile: Option<&Profile>) -> String {
    match profile {
        Some(p) => format!(
            "{} (version {}), profile {}: {}",
            checklist.title, checklist.version, p.id, p.title
        ),
        None => format!("{} (version {})", checklist.title, checklist.version),
    }
}

fn text(checklist: &Checklist, profile: Option<&Profile>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n{}\n",
        heading(checklist, profile),
        checklist.description
    );
    for (number, (section, items)) in checklist.sections_in(profile).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} [{}] ({} items)",
            number + 1,
            section.title,
            section.id,
            items.len()
        );
        for item in items {
            let mou = if item.in_mou { ", in MOU" } else { "" };
            let basis = item
                .basis
                .map_or(String::new(), |b| format!(", {}", b.label()));
            let _ = writeln!(
                out,
                "  - {}  [{}, {}{mou}{basis}]",
                item.id,
                item.priority.as_str(),
                item.responsible.label()
            );
            let _ = writeln!(out, "    {}", item.title);
            let _ = writeln!(out, "    Guidance: {}", item.guidance);
            let _ = writeln!(out, "    Next step if missing: {}", item.recommendation);
            if let Some(partial) = &item.recommendation_partial {
                let _ = writeln!(out, "    Next step if partly in place: {partial}");
            }
            let _ = writeln!(out, "    Sources: {}", citations(checklist, item));
        }
        out.push('\n');
    }
    out
}

fn md(text: &str) -> String {
    text.replace('\n', " ")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

fn markdown(checklist: &Checklist, profile: Option<&Profile>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        md(&heading(checklist, profile)),
        md(&checklist.description)
    );
    for (number, (section, items)) in checklist.sections_in(profile).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "## {}. {}\n\n{}\n",
            number + 1,
            md(&section.title),
            md(&section.description)
        );
        for item in items {
            let _ = writeln!(
                out,
                "### {}\n\n`{}` · priority {} · responsible: {}{}{}\n",
                md(&item.title),
                item.id,
                item.priority.as_str(),
                item.responsible.label(),
                if item.in_mou {
                    " · belongs in the MOU"
                } else {
                    ""
                },
                item.basis
                    .map_or(String::new(), |b| format!(" · basis: {}", b.label()))
            );
            let _ = writeln!(out, "- **Guidance:** {}", md(&item.guidance));
            if !item.evidence.is_empty() {
                let _ = writeln!(out, "- **Evidence:** {}", md(&item.evidence));
            }
            let _ = writeln!(
                out,
                "- **Next step if missing:** {}",
                md(&item.recommendation)
            );
            if let Some(partial) = &item.recommendation_partial {
                let _ = writeln!(out, "- **Next step if partly in place:** {}", md(partial));
            }
            let _ = writeln!(out, "- **Sources:** {}\n", md(&citations(checklist, item)));
        }
    }
    let _ = writeln!(out, "## Sources\n");
    for s in &checklist.sources {
        let _ = writeln!(
            out,
            "- {}. {}, {}. <{}>",
            md(&s.title),
            md(&s.publisher),
            md(&s.year),
            s.url
        );
    }
    out
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

/// The text listing wrapped to `width` columns when one is known (a terminal, `COLUMNS`
/// through a pipe); a wrapped line keeps its indentation plus two spaces, and a word longer
/// than the line (a URL) is left whole. With no width it stays as written.
fn wrap_listing(text: &str, width: Option<u16>) -> Rendered {
    let Some(width) = width.map(usize::from) else {
        return Rendered::plain(text.as_bytes().to_vec());
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        wrap_line(line, width, &mut out);
    }
    Rendered::plain(out.into_bytes())
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let continuation = " ".repeat(indent + 2);
    let mut current = line[..indent].to_string();
    let mut current_len = indent;
    let mut empty = true;
    for word in body.split(' ') {
        let word_len = word.chars().count();
        if !empty && current_len + 1 + word_len > width {
            out.push_str(&current);
            out.push('\n');
            current = continuation.clone();
            current_len = continuation.len();
            empty = true;
        }
        if !empty {
            current.push(' ');
            current_len += 1;
        }
        current.push_str(word);
        current_len += word_len;
        empty = false;
    }
    out.push_str(&current);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(line: &str, width: usize) -> String {
        let mut out = String::new();
        wrap_line(line, width, &mut out);
        out
    }

    #[test]
    fn a_wrapped_line_keeps_its_indentation_and_every_word() {
        let line = "    Guidance: one two three four five six seven";
        assert_eq!(
            wrapped(line, 24),
            "    Guidance: one two\n      three four five\n      six seven\n"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole() {
        let url = "https://example.org/a/very/long/address";
        assert_eq!(
            wrapped(&format!("  see {url}"), 20),
            format!("  see\n    {url}\n")
        );
    }

    #[test]
    fn without_a_width_the_listing_is_unchanged() {
        let text = "a line that is rather long for a narrow terminal\n";
        assert_eq!(wrap_listing(text, None).bytes, text.as_bytes());
    }
}
