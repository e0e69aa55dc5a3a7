//! The accessible HTML report: the PDF's content, in the PDF's order, as one self-contained
//! page that can be posted on a district website (WCAG 2.1 AA).
//!
//! Built with maud, which escapes every interpolated value, so a note holding `<script>`
//! prints as text. The stylesheet is inlined and nothing is scripted or fetched. Headings
//! follow the PDF: its page titles become `h2`, its sub-headings `h3`. Every figure is read
//! from the [`Assessment`] and formatted by [`super::view`], never recomputed.

mod chart;
mod sections;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{RenderOptions, view};
use crate::error::Result;
use crate::report::pdf::content::is_confidential;
use crate::score::Assessment;

/// The stylesheet, inlined so the file stands alone (no network, no second file to post).
const STYLE: &str = include_str!("style.css");

/// Renders the HTML report.
pub struct HtmlRenderer;

impl HtmlRenderer {
    pub(crate) fn render(
        &self,
        assessment: &Assessment,
        options: &RenderOptions,
    ) -> Result<Vec<u8>> {
        Ok(document(assessment, options).into_string().into_bytes())
    }
}

/// The whole page.
fn document(a: &Assessment, options: &RenderOptions) -> Markup {
    let confidential = is_confidential(a, options);
    let mut title = format!("SRO program gap report: {}", a.meta.district);
    if a.draft.is_draft {
        title.insert_str(0, "DRAFT: ");
    }
    if confidential {
        title.insert_str(0, "CONFIDENTIAL: ");
    }
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("sro-assess {}", a.meta.tool_version));
                title { (title) }
                style { (PreEscaped(STYLE)) }
                @if let Some(draft) = view::draft_line(a) {
                    style { (PreEscaped(draft_page_rule(&draft))) }
                }
            }
            body {
                (sections::cover(a, confidential))
                main {
                    (sections::contents(a))
                    (sections::summary(a))
                    (sections::gaps(a))
                    (sections::mou(a))
                    (sections::action_plan(a))
                    (sections::every_item(a, options.include_internal_notes))
                    (sections::unanswered(a))
                    (sections::method(a))
                    (sections::sources(a))
                }
                (sections::stamp(a, confidential))
            }
        }
    }
}

/// Prints the DRAFT line at the top of every printed page (a CSS page margin box). Every
/// character but letters, digits and spaces is written as a CSS escape, so no text from the
/// answers file can end the string or the style element.
fn draft_page_rule(draft: &str) -> String {
    let mut escaped = String::with_capacity(draft.len() * 2);
    for c in draft.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            escaped.push(c);
        } else {
            escaped.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    format!(
        "@media print {{ @page {{ @top-center {{ content: \"{escaped}\"; \
         font: 700 8pt sans-serif; color: #7a4a00; }} }} }}"
    )
}

#[cfg(test)]
mod tests;
