//! Turns laid-out pages into printpdf operations and PDF bytes. No layout decisions here.

use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::layout::{FillBox, Geometry, Mark, Page, Rgb, Rule, TextBox};
use super::metrics::Face;

/// Document metadata; the date comes from the assessment, never the clock.
pub struct Meta {
    /// Document title.
    pub title: String,
    /// Author (who prepared the assessment).
    pub author: String,
    /// Creation date as (year, month, day).
    pub date: (u16, u8, u8),
}

/// The PDF bytes and printpdf's own warnings.
pub fn to_pdf(pages: &[Page], geometry: Geometry, meta: &Meta) -> (Vec<u8>, Vec<String>) {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.creator = format!("sro-assess {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.producer = doc.metadata.info.creator.clone();
    let stamp = date_time(meta.date);
    doc.metadata.info.creation_date = stamp;
    doc.metadata.info.modification_date = stamp;
    doc.metadata.info.metadata_date = stamp;
    let width = page_mm(geometry.width);
    let height = page_mm(geometry.height);
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|page| PdfPage::new(width, height, page_ops(page, geometry.height)))
        .collect();
    let mut warnings = Vec::new();
    let bytes = doc
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    let messages = warnings.iter().map(|w| format!("{w:?}")).collect();
    (bytes, messages)
}

/// Millimetres that printpdf turns back into `points` as closely as f32 allows, so a Letter
/// page reads 612 x 792 pt rather than 612 x 792.001.
fn page_mm(points: f32) -> Mm {
    let first = Mm::from(Pt(points)).0;
    let error = |mm: f32| (Pt::from(Mm(mm)).0 - points).abs();
    let mut best = first;
    let mut candidate = first;
    for _ in 0..64 {
        candidate = f32::from_bits(candidate.to_bits() - 1);
        if error(candidate) < error(best) {
            best = candidate;
        }
    }
    candidate = first;
    for _ in 0..64 {
        candidate = f32::from_bits(candidate.to_bits() + 1);
        if error(candidate) < error(best) {
            best = candidate;
        }
    }
    Mm(best)
}

fn date_time((year, month, day): (u16, u8, u8)) -> printpdf::OffsetDateTime {
    printpdf::OffsetDateTime {
        date: printpdf::Date {
            year: i32::from(year),
            month,
            day,
        },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

fn color(rgb: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: rgb.0,
        g: rgb.1,
        b: rgb.2,
        icc_profile: None,
    })
}

fn page_ops(page: &Page, page_height: f32) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.marks.len() * 7);
    for mark in &page.marks {
        // Fill and stroke colours persist in PDF: isolate every mark.
        ops.push(Op::SaveGraphicsState);
        match mark {
            Mark::Text(text) => text_ops(text, page_height, &mut ops),
            Mark::Fill(fill) => fill_ops(fill, page_height, &mut ops),
            Mark::Line(rule) => line_ops(rule, page_height, &mut ops),
        }
        ops.push(Op::RestoreGraphicsState);
    }
    ops
}

fn text_ops(text: &TextBox, page_height: f32, ops: &mut Vec<Op>) {
    let font = match text.style.face {
        Face::Regular => BuiltinFont::Helvetica,
        Face::Bold => BuiltinFont::HelveticaBold,
    };
    // One text section per line: `SetTextCursor` is relative inside a section.
    ops.extend([
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::Builtin(font),
            size: Pt(text.style.size),
        },
        Op::SetFillColor {
            col: color(text.style.color),
        },
        Op::SetTextCursor {
            pos: Point {
                x: Pt(text.x),
                y: Pt(page_height - text.baseline),
            },
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.text.clone())],
        },
        Op::EndTextSection,
    ]);
}

fn fill_ops(fill: &FillBox, page_height: f32, ops: &mut Vec<Op>) {
    ops.push(Op::SetFillColor {
        col: color(fill.color),
    });
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(fill.x),
            y: Pt(page_height - fill.y - fill.height),
            width: Pt(fill.width),
            height: Pt(fill.height),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        },
    });
}

fn line_ops(rule: &Rule, page_height: f32, ops: &mut Vec<Op>) {
    let point = |(x, y): (f32, f32)| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(page_height - y),
        },
        bezier: false,
    };
    ops.extend([
        Op::SetOutlineColor {
            col: color(rule.color),
        },
        Op::SetOutlineThickness {
            pt: Pt(rule.thickness),
        },
        Op::DrawLine {
            line: Line {
                points: vec![point(rule.from), point(rule.to)],
                is_closed: false,
            },
        },
    ]);
}
