//! The section chart as inline SVG: one bar per section on a 0-100 % scale. Two drawings of the
//! same figures, one shown at a time by the stylesheet: a wide one (the figure beside each bar)
//! for desktops and print, and a narrow one (the figure at the end of the label above the bar)
//! that a 320 px phone shrinks by less than a fifth, so its text stays legible. Each is an image
//! with a text alternative that lists every figure, and the table after them repeats the
//! figures, so nothing depends on seeing the bars.

use maud::{Markup, html};

use crate::report::view;
use crate::score::Assessment;

/// One drawing's proportions, in SVG units.
struct Shape {
    /// `wide` or `narrow`: the CSS class that shows it, and the suffix of its ids.
    name: &'static str,
    /// Width of the drawing; it scales with the page (capped by the stylesheet).
    width: f64,
    /// Length of the full-scale track.
    track: f64,
    /// Longest label line, in characters, before it wraps (SVG text does not wrap by itself).
    label_chars: usize,
    /// Whether the figure sits right of the bar (else at the end of the label).
    figure_beside: bool,
}

const WIDE: Shape = Shape {
    name: "wide",
    width: 640.0,
    track: 470.0,
    label_chars: 76,
    figure_beside: true,
};

const NARROW: Shape = Shape {
    name: "narrow",
    width: 360.0,
    track: 360.0,
    label_chars: 44,
    figure_beside: false,
};

/// Vertical room per section: label line(s) above a bar.
const LABEL_LINE: f64 = 18.0;
const BAR: f64 = 18.0;
const ROW_GAP: f64 = 12.0;

/// One bar's figures, in words.
fn figure(percent: Option<f64>, fraction: &str) -> String {
    format!("{} ({fraction})", view::percent(percent))
}

/// Splits a label into lines of at most `limit` characters, between words, leaving room on the
/// last line for `reserve` more characters (the figure, in the narrow drawing).
fn label_lines(label: &str, limit: usize, reserve: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= limit => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if reserve > 0
        && lines
            .last()
            .is_some_and(|last| last.chars().count() + 1 + reserve > limit)
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

/// Both drawings of the chart.
pub(super) fn section_chart(a: &Assessment) -> Markup {
    html! {
        (drawing(a, &WIDE))
        (drawing(a, &NARROW))
    }
}

/// One section's place in a drawing.
struct Row {
    label_top: f64,
    lines: Vec<String>,
    bar_top: f64,
    length: f64,
    value: String,
}

fn drawing(a: &Assessment, shape: &Shape) -> Markup {
    let mut top = 4.0;
    let mut rows = Vec::with_capacity(a.sections.len());
    for s in &a.sections {
        let value = figure(s.score.percent, &view::fraction(&s.score));
        let reserve = if shape.figure_beside {
            0
        } else {
            value.chars().count()
        };
        let lines = label_lines(&s.title, shape.label_chars, reserve);
        let bar_top = top + lines.len() as f64 * LABEL_LINE + 4.0;
        let fraction = s.score.percent.map_or(0.0, |p| (p / 100.0).clamp(0.0, 1.0));
        rows.push(Row {
            label_top: top,
            lines,
            bar_top,
            length: shape.track * fraction,
            value,
        });
        top = bar_top + BAR + ROW_GAP;
    }
    let height = top + 16.0;
    let (title_id, desc_id) = (
        format!("chart-title-{}", shape.name),
        format!("chart-desc-{}", shape.name),
    );
    html! {
        svg class={ "chart chart-" (shape.name) } role="img"
            aria-labelledby={ (title_id) " " (desc_id) }
            viewBox={ "0 0 " (num(shape.width)) " " (num(height)) } xmlns="http://www.w3.org/2000/svg" {
            title id=(title_id) { "Section scores" }
            desc id=(desc_id) { (description(a)) }
            // Tracks first, then the grid over them (never across a label), then the bars.
            @for row in &rows {
                (label(row, shape))
                rect class="track" x="0" y=(num(row.bar_top)) width=(num(shape.track)) height=(num(BAR)) {}
                (grid(row.bar_top, shape.track))
            }
            (scale(top, shape.track))
            @for row in &rows {
                rect class="bar" x="0" y=(num(row.bar_top)) width=(num(row.length)) height=(num(BAR)) {}
                @if shape.figure_beside {
                    text class="value" x=(num(shape.track + 10.0)) y=(num(row.bar_top + 13.5)) { (row.value) }
                }
            }
        }
    }
}

/// A section's label; in the narrow drawing its last line ends with the figure.
fn label(row: &Row, shape: &Shape) -> Markup {
    html! {
        text class="label" x="0" y=(num(row.label_top + 13.0)) {
            @for (i, line) in row.lines.iter().enumerate() {
                tspan x="0" dy=(if i == 0 { "0" } else { "18" }) {
                    (line)
                    @if !shape.figure_beside && i + 1 == row.lines.len() {
                        @if !line.is_empty() { " " }
                        tspan class="value" { (row.value) }
                    }
                }
            }
        }
    }
}

/// Gridlines at 25, 50 and 75 % across one track.
fn grid(bar_top: f64, track: f64) -> Markup {
    html! {
        @for step in 1..=3u8 {
            @let x = track * f64::from(step) / 4.0;
            line class="grid" x1=(num(x)) y1=(num(bar_top)) x2=(num(x)) y2=(num(bar_top + BAR)) {}
        }
    }
}

/// The 0-100 % scale under the last bar.
fn scale(bottom: f64, track: f64) -> Markup {
    html! {
        @for step in 0..=4u8 {
            @let x = track * f64::from(step) / 4.0;
            text class="scale" x=(num(x)) y=(num(bottom + 6.0))
                text-anchor=(match step { 0 => "start", 4 => "end", _ => "middle" }) {
                (step * 25) "%"
            }
        }
    }
}
