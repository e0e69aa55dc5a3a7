//! The PDF report's type, colors and heading helpers, kept for the comparison and summary
//! PDFs (`report::compare::pdf`) until they draw a document too; the assessment report itself
//! is `report::subject::assessment` drawn by `report::medium::pdf`.

use super::layout::{ChartStyle, Column, Layout, Rgb, TableStyle, TextStyle};
use super::metrics::Face;

pub(crate) const INK: Rgb = Rgb(0.11, 0.11, 0.13);
pub(crate) const MUTED: Rgb = Rgb(0.38, 0.39, 0.42);
pub(crate) const NAVY: Rgb = Rgb(0.10, 0.22, 0.40);
pub(crate) const GREEN: Rgb = Rgb(0.10, 0.45, 0.22);
pub(crate) const AMBER: Rgb = Rgb(0.66, 0.40, 0.0);
pub(crate) const RED: Rgb = Rgb(0.70, 0.10, 0.10);
pub(crate) const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);

pub(crate) const BODY: TextStyle = TextStyle::new(Face::Regular, 9.5, INK);
pub(crate) const SMALL: TextStyle = TextStyle::new(Face::Regular, 8.0, MUTED);
pub(crate) const H1: TextStyle = TextStyle::new(Face::Bold, 17.0, NAVY);
pub(crate) const H2: TextStyle = TextStyle::new(Face::Bold, 12.0, NAVY);
pub(crate) const CELL: TextStyle = TextStyle::new(Face::Regular, 8.0, INK);
pub(crate) const CELL_NOTE: TextStyle = TextStyle::new(Face::Regular, 7.0, MUTED);

pub(crate) const TABLE: TableStyle = TableStyle {
    header: TextStyle::new(Face::Bold, 8.0, NAVY),
    header_fill: Rgb(0.88, 0.91, 0.95),
    stripe: Rgb(0.965, 0.97, 0.98),
    rule: Rgb(0.82, 0.84, 0.87),
    padding: 3.0,
};

pub(crate) const CHART: ChartStyle = ChartStyle {
    label: TextStyle::new(Face::Regular, 8.5, INK),
    value: TextStyle::new(Face::Bold, 8.0, INK),
    on_bar: WHITE,
    bar: NAVY,
    track: Rgb(0.90, 0.91, 0.93),
    grid: TextStyle::new(Face::Regular, 7.0, MUTED),
};

pub(crate) fn h1(l: &mut Layout, text: &str) {
    l.heading(text, H1, 60.0);
    l.rule(NAVY, 1.0);
    l.advance(8.0);
}

pub(crate) fn h2(l: &mut Layout, text: &str) {
    l.space(10.0);
    l.heading(text, H2, 40.0);
    l.advance(3.0);
}

pub(crate) fn col(title: &str, share: f32) -> Column {
    Column {
        title: title.to_string(),
        share,
    }
}
