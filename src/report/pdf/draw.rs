//! Turns laid-out pages into printpdf operations and PDF bytes. No layout decisions here.

use std::io::Write;

use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
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

/// The PDF bytes and printpdf's own warnings. Takes the pages by value and lets go of each
/// stage (layout, printpdf operations, uncompressed streams) as soon as the next one exists,
/// so a long report never holds all of them at once.
pub fn to_pdf(pages: Vec<Page>, geometry: Geometry, meta: &Meta) -> (Vec<u8>, Vec<String>) {
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
        .into_iter()
        .map(|page| PdfPage::new(width, height, page_ops(page, geometry.height)))
        .collect();
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    doc.with_pages(pdf_pages);
    let mut document = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);
    compress_streams(&mut document);
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = document.save_to(&mut bytes);
    let messages = warnings.iter().map(|w| format!("{w:?}")).collect();
    (bytes, messages)
}

/// Deflates every stream at zlib level 3: printpdf's `save` uses the slowest level (9), which
/// took a tenth of a report's time. Measured on the sample report: level 9 56.4 KB, 6 56.0 KB,
/// 3 57.1 KB, 1 73.8 KB; level 3 is as fast as 2 and within 2 % of the smallest.
fn compress_streams(document: &mut lopdf::Document) {
    for object in document.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
            if encoder.write_all(&stream.content).is_ok()
                && let Ok(compressed) = encoder.finish()
                && compressed.len() + 19 < stream.content.len()
            {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
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

/// A page's operations. Graphics state is tracked rather than saved and restored around every
/// mark, and consecutive lines of text share one text section placed with absolute matrices:
/// a page of text then costs two operations per line instead of eight, which makes the PDF
/// smaller and its writing several times faster on long reports.
fn page_ops(page: Page, page_height: f32) -> Vec<Op> {
    let mut pen = Pen {
        ops: Vec::with_capacity(page.marks.len() * 2 + 16),
        page_height,
        ..Pen::default()
    };
    for mark in page.marks {
        match mark {
            Mark::Text(text) => pen.text(text),
            Mark::Fill(fill) => pen.fill(&fill),
            Mark::Line(rule) => pen.line(&rule),
        }
    }
    pen.end_text();
    // Every page's operations live until the document is written: keep no spare room.
    pen.ops.shrink_to_fit();
    pen.ops
}

/// The graphics state as the PDF viewer will have it, so that only changes are written.
#[derive(Default)]
struct Pen {
    ops: Vec<Op>,
    page_height: f32,
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    thickness: Option<f32>,
}

impl Pen {
    fn text(&mut self, text: TextBox) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        let style = text.style;
        if self.font != Some((style.face, style.size)) {
            let font = match style.face {
                Face::Regular => BuiltinFont::Helvetica,
                Face::Bold => BuiltinFont::HelveticaBold,
            };
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::Builtin(font),
                size: Pt(style.size),
            });
            self.font = Some((style.face, style.size));
        }
        self.fill_color(style.color);
        // `Tm` places each line absolutely (`Td` would be relative to the previous line).
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(text.x), Pt(self.page_height - text.baseline)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.text)],
        });
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    /// Text and shapes share the fill colour.
    fn fill_color(&mut self, rgb: Rgb) {
        if self.fill != Some(rgb) {
            self.ops.push(Op::SetFillColor { col: color(rgb) });
            self.fill = Some(rgb);
        }
    }

    fn fill(&mut self, fill: &FillBox) {
        self.end_text();
        self.fill_color(fill.color);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(fill.x),
                y: Pt(self.page_height - fill.y - fill.height),
                width: Pt(fill.width),
                height: Pt(fill.height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    fn line(&mut self, rule: &Rule) {
        self.end_text();
        if self.stroke != Some(rule.color) {
            self.ops.push(Op::SetOutlineColor {
                col: color(rule.color),
            });
            self.stroke = Some(rule.color);
        }
        if self.thickness != Some(rule.thickness) {
            self.ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.thickness),
            });
            self.thickness = Some(rule.thickness);
        }
        let height = self.page_height;
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(height - y),
            },
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(rule.from), point(rule.to)],
                is_closed: false,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::layout::TextStyle;

    const INK: Rgb = Rgb(0.1, 0.1, 0.1);
    const RED: Rgb = Rgb(0.8, 0.1, 0.1);

    fn text(baseline: f32, face: Face, color: Rgb) -> Mark {
        Mark::Text(TextBox {
            x: 54.0,
            baseline,
            text: format!("line at {baseline}"),
            style: TextStyle {
                face,
                size: 10.0,
                color,
            },
            width: 40.0,
        })
    }

    fn names(ops: &[Op]) -> Vec<&'static str> {
        ops.iter()
            .map(|op| match op {
                Op::StartTextSection => "BT",
                Op::EndTextSection => "ET",
                Op::SetFont { .. } => "Tf",
                Op::SetFillColor { .. } => "rg",
                Op::SetOutlineColor { .. } => "RG",
                Op::SetOutlineThickness { .. } => "w",
                Op::SetTextMatrix { .. } => "Tm",
                Op::ShowText { .. } => "Tj",
                Op::DrawRectangle { .. } => "re",
                Op::DrawLine { .. } => "l",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn lines_in_one_style_share_a_text_section_and_the_state() {
        let page = Page {
            marks: vec![
                text(100.0, Face::Regular, INK),
                text(112.0, Face::Regular, INK),
                text(124.0, Face::Bold, INK),
            ],
        };
        assert_eq!(
            names(&page_ops(page, 792.0)),
            [
                "BT", "Tf", "rg", "Tm", "Tj", "Tm", "Tj", "Tf", "Tm", "Tj", "ET"
            ]
        );
    }

    #[test]
    fn shapes_close_the_text_section_and_colours_are_set_again_when_they_change() {
        let fill = Mark::Fill(FillBox {
            x: 54.0,
            y: 130.0,
            width: 100.0,
            height: 10.0,
            color: RED,
        });
        let rule = Mark::Line(Rule {
            from: (54.0, 150.0),
            to: (500.0, 150.0),
            thickness: 0.5,
            color: INK,
        });
        let page = Page {
            marks: vec![
                text(100.0, Face::Regular, INK),
                fill,
                text(160.0, Face::Regular, INK),
                rule.clone(),
                rule,
            ],
        };
        assert_eq!(
            names(&page_ops(page, 792.0)),
            [
                "BT", "Tf", "rg", "Tm", "Tj", "ET", // first line
                "rg", "re", // the red box changes the shared fill colour
                "BT", "rg", "Tm", "Tj",
                "ET", // the font is graphics state and persists; the ink not
                "RG", "w", "l", "l", // the second rule needs no state
            ]
        );
    }
}
