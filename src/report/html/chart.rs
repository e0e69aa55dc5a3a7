//! The section chart as inline SVG: one bar per section on a 0-100 % scale, the figure at the
//! end of the label above each bar. The drawing is narrow (360 units) so that on a 320 px phone
//! it shrinks by less than a fifth and its text stays legible. The SVG is an image with a text alternative that lists every figure, and the
//! table after it repeats them, so nothing depends on seeing the bars.

use maud::{Markup, html};

use crate::report::view;
use crate::score::Assessment;

/// Width of the drawing in SVG units, and the length of the full-scale track; it scales with
/// the page (capped by the stylesheet so desktop text is not oversized).
const WIDTH: f64 = 360.0;
const TRACK: f64 = WIDTH;
/// Vertical room per section: label line(s) above a bar.
const LABEL_LINE: f64 = 18.0;
const BAR: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
/// Longest label line, in characters, before it wraps (SVG text does not wrap by itself); the
/// figure counts as part of the last line.
const LABEL_CHARS: usize = 44;

/// One bar's figures, in words.
fn figure(percent: Option<f64>, fraction: &str) -> String {
    format!("{} ({fraction})", view::percent(percent))
}

/// Splits a label into lines of at most [`LABEL_CHARS`], between words, leaving room on the
/// last line for the figure (`reserve` characters).
fn label_lines(label: &str, reserve: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LABEL_CHARS => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines
        .last()
        .is_some_and(|last| last.chars().count() + 1 + reserve > LABEL_CHARS)
    {
        lines.push(String::new());
    }
    lines
}

/// The text alternative: every section's score in one sentence per section.
fn description(a: &Assessment) -> String {
    let parts: Vec<String> = a
        .sections
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.title,
                figure(s.score.percent, &view::fraction(&s.score))
            )
        })
        .collect();
    format!(
        "Score of each section, as a percentage of its possible weight (earned / possible). {}.",
        parts.join("; ")
    )
}

fn num(value: f64) -> String {
    format!("{value:.1}")
}

/// The chart.
pub(super) fn section_chart(a: &Assessment) -> Markup {
    let mut top = 4.0;
    let mut rows = Vec::with_capacity(a.sections.len());
    for s in &a.sections {
        let value = figure(s.score.percent, &view::fraction(&s.score));
        let lines = label_lines(&s.title, value.chars().count());
        let bar_top = top + lines.len() as f64 * LABEL_LINE + 4.0;
        let fraction = s.score.percent.map_or(0.0, |p| (p / 100.0).clamp(0.0, 1.0));
        rows.push((top, lines, bar_top, TRACK * fraction, value));
        top = bar_top + BAR + ROW_GAP;
    }
    let height = top + 16.0;
    html! {
        svg class="chart" role="img" aria-labelledby="chart-title chart-desc"
            viewBox={ "0 0 " (num(WIDTH)) " " (num(height)) } xmlns="http://www.w3.org/2000/svg" {
            title id="chart-title" { "Section scores" }
            desc id="chart-desc" { (description(a)) }
            // Tracks first, then the grid over them (never across a label), then the bars.
            @for (label_top, lines, bar_top, _, value) in &rows {
                text class="label" x="0" y=(num(label_top + 13.0)) {
                    @for (i, line) in lines.iter().enumerate() {
                        tspan x="0" dy=(if i == 0 { "0" } else { "18" }) {
                            (line)
                            @if i + 1 == lines.len() {
                                @if !line.is_empty() { " " }
                                tspan class="value" { (value) }
                            }
                        }
                    }
                }
                rect class="track" x="0" y=(num(*bar_top)) width=(num(TRACK)) height=(num(BAR)) {}
                (grid(*bar_top))
            }
            (scale(top))
            @for (_, _, bar_top, length, _) in &rows {
                rect class="bar" x="0" y=(num(*bar_top)) width=(num(*length)) height=(num(BAR)) {}
            }
        }
    }
}

/// Gridlines at 25, 50 and 75 % across one track.
fn grid(bar_top: f64) -> Markup {
    html! {
        @for step in 1..=3u8 {
            @let x = TRACK * f64::from(step) / 4.0;
            line class="grid" x1=(num(x)) y1=(num(bar_top)) x2=(num(x)) y2=(num(bar_top + BAR)) {}
        }
    }
}

/// The 0-100 % scale under the last bar.
fn scale(bottom: f64) -> Markup {
    html! {
        @for step in 0..=4u8 {
            @let x = TRACK * f64::from(step) / 4.0;
            text class="scale" x=(num(x)) y=(num(bottom + 6.0))
                text-anchor=(match step { 0 => "start", 4 => "end", _ => "middle" }) {
                (step * 25) "%"
            }
        }
    }
}
