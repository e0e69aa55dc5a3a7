//! Turns laid-out pages into a tagged PDF (PDF/UA-1). No layout decisions here.
//!
//! printpdf builds the document (page tree, metadata); each page's content stream is written
//! here directly from the marks, each mark inside the marked-content sequence of its structure
//! element or as an artifact. printpdf's own route, one `Op` value per operator translated
//! through lopdf's operation model, took half of a long report's time and most of its memory.
//! The fonts, the structure tree, the outline, links and XMP metadata are added to printpdf's
//! lopdf document ([`super::tagged`]).

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt};

use super::font::{self, Subset};
use super::layout::{FillBox, Geometry, Mark, Page, Rgb, Rule, Tagged, TextBox};
use super::metrics::Face;
use super::tags::{Tag, Tree};

/// Document metadata; the date comes from the assessment, never the clock.
pub struct Meta {
    /// Document title.
    pub title: String,
    /// Author (who prepared the assessment).
    pub author: String,
    /// What the document is about (empty for none).
    pub subject: String,
    /// Creation date as (year, month, day).
    pub date: (u16, u8, u8),
    /// The document's language tag; empty means `en-US`.
    pub language: String,
}

/// Below this many pages the streams are written on one thread: starting threads would cost
/// more than they save.
const PAGES_PER_THREAD: usize = 32;

/// The PDF bytes. Each page's content stream is written and compressed as soon as possible,
/// on every core for long reports; the order of pages and bytes does not depend on threads.
pub fn to_pdf(tagged: Tagged, meta: &Meta) -> Vec<u8> {
    let Tagged {
        mut pages,
        tree,
        geometry,
        ..
    } = tagged;
    let fonts = Fonts::for_pages(&pages);
    let mut deflater = Deflater::new();
    let streams = compressed_page_streams(&pages, geometry.height, &fonts, &tree, &mut deflater);
    // The marks are drawn: only their tags are needed from here on, and the marks (every
    // line's text) are most of a long report's memory.
    for page in &mut pages {
        page.marks = Vec::new();
    }
    let mut document = document_with_blank_pages(pages.len(), geometry, meta);
    let page_ids: Vec<lopdf::ObjectId> = document.get_pages().into_values().collect();
    for (&page_id, stream) in page_ids.iter().zip(streams) {
        set_page_content(&mut document, page_id, stream);
    }
    let elements = super::tagged::finish(
        &mut document,
        &super::tagged::Parts {
            pages: &pages,
            page_ids: &page_ids,
            tree: &tree,
            fonts: &fonts,
            geometry,
            meta,
        },
        &mut deflater,
    );
    super::write::write(&document, &elements, &mut deflater)
}

/// The faces a document uses, each subset to the characters it shows.
pub(crate) struct Fonts {
    /// (face, resource name, subset) for each face used.
    pub faces: Vec<(Face, &'static str, Subset)>,
}

impl Fonts {
    fn for_pages(pages: &[Page]) -> Self {
        let mut used: [Option<font::CharSet>; 2] = [None, None];
        for page in pages {
            for mark in &page.marks {
                if let Mark::Text(text) = mark {
                    used[usize::from(face_index(text.style.face))]
                        .get_or_insert_with(font::CharSet::default)
                        .extend(&text.text);
                }
            }
        }
        let faces = [Face::Regular, Face::Bold]
            .into_iter()
            .filter_map(|face| {
                let chars = used[usize::from(face_index(face))].as_ref()?.chars();
                Some((
                    face,
                    resource_name(face),
                    font::subset(font::font(face), &chars),
                ))
            })
            .collect();
        Self { faces }
    }

    fn subset(&self, face: Face) -> Option<&Subset> {
        self.faces
            .iter()
            .find(|(f, _, _)| *f == face)
            .map(|(_, _, s)| s)
    }
}

fn face_index(face: Face) -> u8 {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
    }
}

/// The name a page's resources give a face.
fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "F1",
        Face::Bold => "F2",
    }
}

/// printpdf's document with `page_count` empty pages.
fn document_with_blank_pages(
    page_count: usize,
    geometry: Geometry,
    meta: &Meta,
) -> lopdf::Document {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.subject = meta.subject.clone();
    doc.metadata.info.creator = format!("sro-assess {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.producer = doc.metadata.info.creator.clone();
    let stamp = date_time(meta.date);
    doc.metadata.info.creation_date = stamp;
    doc.metadata.info.modification_date = stamp;
    doc.metadata.info.metadata_date = stamp;
    let width = page_mm(geometry.width);
    let height = page_mm(geometry.height);
    let pdf_pages = (0..page_count)
        .map(|_| PdfPage::new(width, height, Vec::new()))
        .collect();
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    doc.to_lopdf_document(&options, &mut Vec::new())
}

/// Replaces the content stream printpdf made for a page with ours (already deflated).
fn set_page_content(document: &mut lopdf::Document, page_id: lopdf::ObjectId, deflated: Vec<u8>) {
    let contents = document
        .get_dictionary(page_id)
        .and_then(|page| page.get(b"Contents"))
        .and_then(lopdf::Object::as_reference);
    if let Ok(stream_id) = contents
        && let Ok(lopdf::Object::Stream(stream)) = document.get_object_mut(stream_id)
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(deflated);
    }
}

/// Every page's deflated content stream, in page order.
fn compressed_page_streams(
    pages: &[Page],
    page_height: f32,
    fonts: &Fonts,
    tree: &Tree,
    deflater: &mut Deflater,
) -> Vec<Vec<u8>> {
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(pages.len() / PAGES_PER_THREAD)
        .max(1);
    let encode = |chunk: &[Page], deflater: &mut Deflater| -> Vec<Vec<u8>> {
        chunk
            .iter()
            .map(|page| deflater.deflate_fast(&page_content(page, page_height, fonts, tree)))
            .collect()
    };
    if threads == 1 {
        return encode(pages, deflater);
    }
    let chunk_size = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk_size)
            .map(|chunk| scope.spawn(move || encode(chunk, &mut Deflater::new())))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(streams) => streams,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// zlib compression with one state reused for every stream of a thread: setting up a fresh
/// state (a quarter megabyte, zeroed) cost as much as compressing a page.
pub(crate) struct Deflater {
    state: flate2::Compress,
    level: u32,
}

/// Levels measured on the tagged sample report (`perf stat`, process CPU time; instruction
/// counts from callgrind; the file's size). The structure tree and other objects at 2: level 3
/// took 17.2 ms and 159 KB, 2 13.8 ms and 167 KB, 1 12.6 ms and 213 KB for the whole file, and
/// the objects alone at 1 would save 5 % of the instructions for 14 KB (8 %) more. The page
/// content at 1: 11 % fewer instructions for 24 KB (14 %) more. The font programs at 1: 0.4 ms
/// less for 5 KB more, since binary glyph outlines gain little from the slower search.
const OBJECT_LEVEL: u32 = 2;
const FAST_LEVEL: u32 = 1;

impl Deflater {
    pub(crate) fn new() -> Self {
        Deflater {
            state: flate2::Compress::new(flate2::Compression::new(OBJECT_LEVEL), true),
            level: OBJECT_LEVEL,
        }
    }

    /// `bytes` (PDF objects, a CMap, cross-references) as a zlib stream.
    pub(crate) fn deflate(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.deflate_at(OBJECT_LEVEL, &[bytes])
    }

    /// The parts one after the other as one zlib stream, without joining them first.
    pub(crate) fn deflate_parts(&mut self, parts: &[&[u8]]) -> Vec<u8> {
        self.deflate_at(OBJECT_LEVEL, parts)
    }

    /// A page's content or a font program as a zlib stream, at the faster level.
    pub(crate) fn deflate_fast(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.deflate_at(FAST_LEVEL, &[bytes])
    }

    fn deflate_at(&mut self, level: u32, parts: &[&[u8]]) -> Vec<u8> {
        use flate2::{FlushCompress, Status};
        self.state.reset();
        // Between streams nothing is pending, so the change cannot fail; if it did, the
        // stream would only be compressed at the other level.
        if level != self.level
            && self
                .state
                .set_level(flate2::Compression::new(level))
                .is_ok()
        {
            self.level = level;
        }
        let total: usize = parts.iter().map(|part| part.len()).sum();
        let mut out = Vec::with_capacity(total / 3 + 64);
        let mut earlier = 0;
        for (index, part) in parts.iter().enumerate() {
            let last = index + 1 == parts.len();
            let flush = if last {
                FlushCompress::Finish
            } else {
                FlushCompress::None
            };
            loop {
                let read = usize::try_from(self.state.total_in()).unwrap_or(total);
                let rest = part.get(read.saturating_sub(earlier)..).unwrap_or_default();
                if !last && rest.is_empty() {
                    break;
                }
                match self.state.compress_vec(rest, &mut out, flush) {
                    Ok(Status::StreamEnd) | Err(_) => return out,
                    // Out of room: the rest goes into a larger buffer.
                    Ok(_) if last || out.len() == out.capacity() => {
                        out.reserve(out.capacity().max(1024));
                    }
                    Ok(_) => {}
                }
            }
            earlier += part.len();
        }
        out
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

/// A page's content stream. Graphics state is tracked rather than saved and restored around
/// every mark, and consecutive lines of one element share one text section placed with
/// absolute matrices: a line of text costs two operators. Each run of marks of one structure
/// element is one marked-content sequence; marks of none are artifacts.
fn page_content(page: &Page, page_height: f32, fonts: &Fonts, tree: &Tree) -> Vec<u8> {
    let mut pen = Pen {
        out: Vec::with_capacity(page.marks.len() * 56 + 64),
        page_height,
        fonts: Some(fonts),
        ..Pen::default()
    };
    let mut open: Option<Tag> = None;
    for (index, mark) in page.marks.iter().enumerate() {
        let tag = page.tags.get(index).copied().flatten();
        if open != Some(tag) {
            pen.end_text();
            if open.is_some() {
                pen.out.extend_from_slice(b"EMC\n");
            }
            pen.begin_marked(tag, tree);
            open = Some(tag);
        }
        match mark {
            Mark::Text(text) => pen.text(text),
            Mark::Fill(fill) => pen.fill(fill),
            Mark::Line(rule) => pen.line(rule),
        }
    }
    pen.end_text();
    if open.is_some() {
        pen.out.extend_from_slice(b"EMC\n");
    }
    pen.out
}

/// The graphics state as the PDF viewer will have it, so that only changes are written.
#[derive(Default)]
struct Pen<'a> {
    out: Vec<u8>,
    fonts: Option<&'a Fonts>,
    page_height: f32,
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    thickness: Option<f32>,
}

impl Pen<'_> {
    /// Opens the marked-content sequence of `tag`: `/P <</MCID 3>> BDC`, or `/Artifact BMC`.
    fn begin_marked(&mut self, tag: Tag, tree: &Tree) {
        match tag.and_then(|(element, mcid)| Some((tree.get(element as usize)?.role, mcid))) {
            Some((role, mcid)) => {
                self.out.push(b'/');
                self.out.extend_from_slice(role.name().as_bytes());
                self.out.extend_from_slice(b" <</MCID ");
                push_digits(&mut self.out, u64::from(mcid));
                self.out.extend_from_slice(b">> BDC\n");
            }
            None => self.out.extend_from_slice(b"/Artifact BMC\n"),
        }
    }

    fn text(&mut self, text: &TextBox) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
        let style = text.style;
        if self.font != Some((style.face, style.size)) {
            self.out.push(b'/');
            self.out
                .extend_from_slice(resource_name(style.face).as_bytes());
            self.out.push(b' ');
            self.number(style.size);
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some((style.face, style.size));
        }
        self.fill_color(style.color);
        // `Tm` places each line absolutely (`Td` would be relative to the previous line).
        self.out.extend_from_slice(b"1 0 0 1 ");
        self.point(text.x, text.baseline);
        self.out.extend_from_slice(b" Tm\n");
        self.glyphs(&text.text, style.face);
        self.out.extend_from_slice(b" Tj\n");
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// Text and shapes share the fill colour.
    fn fill_color(&mut self, rgb: Rgb) {
        if self.fill != Some(rgb) {
            self.color(rgb);
            self.out.extend_from_slice(b" rg\n");
            self.fill = Some(rgb);
        }
    }

    fn fill(&mut self, fill: &FillBox) {
        self.end_text();
        self.fill_color(fill.color);
        self.point(fill.x, fill.y + fill.height);
        self.out.push(b' ');
        self.number(fill.width);
        self.out.push(b' ');
        self.number(fill.height);
        self.out.extend_from_slice(b" re\nf\n");
    }

    fn line(&mut self, rule: &Rule) {
        self.end_text();
        if self.stroke != Some(rule.color) {
            self.color(rule.color);
            self.out.extend_from_slice(b" RG\n");
            self.stroke = Some(rule.color);
        }
        if self.thickness != Some(rule.thickness) {
            self.number(rule.thickness);
            self.out.extend_from_slice(b" w\n");
            self.thickness = Some(rule.thickness);
        }
        self.point(rule.from.0, rule.from.1);
        self.out.extend_from_slice(b" m\n");
        self.point(rule.to.0, rule.to.1);
        self.out.extend_from_slice(b" l\nS\n");
    }

    fn color(&mut self, Rgb(r, g, b): Rgb) {
        self.number(r);
        self.out.push(b' ');
        self.number(g);
        self.out.push(b' ');
        self.number(b);
    }

    /// A point given from the top of the page, in PDF's bottom-up coordinates.
    fn point(&mut self, x: f32, from_top: f32) {
        self.number(x);
        self.out.push(b' ');
        self.number(self.page_height - from_top);
    }

    /// `value` to three decimals, trailing zeros dropped: a thousandth of a point is far below
    /// what any printer or screen shows.
    fn number(&mut self, value: f32) {
        let thousandths = (f64::from(value) * 1000.0).round();
        if !thousandths.is_finite() || thousandths.abs() >= 1e15 {
            self.out.push(b'0');
            return;
        }
        // In range: checked just above.
        #[allow(clippy::cast_possible_truncation)]
        let thousandths = thousandths as i64;
        if thousandths < 0 {
            self.out.push(b'-');
        }
        let magnitude = thousandths.unsigned_abs();
        push_digits(&mut self.out, magnitude / 1000);
        let mut fraction = magnitude % 1000;
        if fraction != 0 {
            self.out.push(b'.');
            let mut divisor = 100;
            while fraction != 0 {
                self.out
                    .push(b'0' + u8::try_from(fraction / divisor).unwrap_or(0));
                fraction %= divisor;
                divisor /= 10;
            }
        }
    }

    /// A literal string of two-byte glyph ids in the face's subset (Identity-H), the bytes
    /// that would end or escape the string escaped. The layout has let through only characters
    /// the font has; glyph 0 is a last resort.
    fn glyphs(&mut self, text: &str, face: Face) {
        let subset = self.fonts.and_then(|fonts| fonts.subset(face));
        self.out.push(b'(');
        for c in text.chars() {
            let gid = subset.and_then(|s| s.glyph(c)).unwrap_or(0);
            for byte in gid.to_be_bytes() {
                match byte {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', byte]),
                    // A bare CR or LF inside a string reads back as LF: escape them.
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    b'\n' => self.out.extend_from_slice(b"\\n"),
                    _ => self.out.push(byte),
                }
            }
        }
        self.out.push(b')');
    }
}

pub(crate) fn push_digits(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + u8::try_from(value % 10).unwrap_or(0);
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::layout::TextStyle;
    use crate::report::pdf::tags::Role;

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

    /// The content stream of a page whose marks are all artifacts.
    fn content(marks: Vec<Mark>) -> String {
        let tags = vec![None; marks.len()];
        tagged_content(marks, tags, &Tree::default())
    }

    fn tagged_content(marks: Vec<Mark>, tags: Vec<Tag>, tree: &Tree) -> String {
        let page = Page {
            marks,
            tags,
            ..Page::default()
        };
        let fonts = Fonts::for_pages(std::slice::from_ref(&page));
        String::from_utf8_lossy(&page_content(&page, 792.0, &fonts, tree)).into_owned()
    }

    /// The glyph ids of `text` in the subset `marks` make, as the content stream shows them.
    fn glyph_string(marks: &[Mark], face: Face, text: &str) -> String {
        let page = Page {
            marks: marks.to_vec(),
            ..Page::default()
        };
        let fonts = Fonts::for_pages(std::slice::from_ref(&page));
        let subset = fonts.subset(face).unwrap();
        let mut pen = Pen {
            fonts: Some(&fonts),
            ..Pen::default()
        };
        pen.glyphs(text, face);
        assert!(text.chars().all(|c| subset.glyphs.contains_key(&c)));
        String::from_utf8_lossy(&pen.out).into_owned()
    }

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        let read = flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut out);
        assert!(read.is_ok(), "{read:?}");
        out
    }

    #[test]
    fn digits_are_written_as_decimal() {
        for value in [0, 7, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = b"x".to_vec();
            push_digits(&mut out, value);
            assert_eq!(out, format!("x{value}").into_bytes());
        }
    }

    #[test]
    fn parts_deflate_to_what_they_hold_joined_at_either_level() {
        let long: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut deflater = Deflater::new();
        for parts in [
            vec![&b"12 0 13 40 "[..], &b"<</Type /StructElem>>"[..]],
            vec![&long[..1000], &long[..]],
            vec![&b""[..], &long[..], &b""[..]],
            vec![&b""[..]],
        ] {
            let joined = parts.concat();
            assert_eq!(inflate(&deflater.deflate_parts(&parts)), joined);
            assert_eq!(inflate(&deflater.deflate_fast(&joined)), joined);
            assert_eq!(inflate(&deflater.deflate(&joined)), joined);
        }
    }

    #[test]
    fn lines_in_one_style_share_a_text_section_and_the_state() {
        let marks = vec![
            text(100.0, Face::Regular, INK),
            text(112.0, Face::Regular, INK),
            text(124.5, Face::Bold, INK),
        ];
        let page = content(marks.clone());
        let glyphs = |face, words| glyph_string(&marks, face, words);
        assert_eq!(
            page,
            format!(
                "/Artifact BMC\nBT\n/F1 10 Tf\n0.1 0.1 0.1 rg\n1 0 0 1 54 692 Tm\n{} Tj\n\
                 1 0 0 1 54 680 Tm\n{} Tj\n\
                 /F2 10 Tf\n1 0 0 1 54 667.5 Tm\n{} Tj\nET\nEMC\n",
                glyphs(Face::Regular, "line at 100"),
                glyphs(Face::Regular, "line at 112"),
                glyphs(Face::Bold, "line at 124.5"),
            )
        );
    }

    #[test]
    fn shapes_close_the_text_section_and_colours_are_set_again_when_they_change() {
        let fill = Mark::Fill(FillBox {
            x: 54.0,
            y: 130.0,
            width: 100.25,
            height: 10.0,
            color: RED,
        });
        let rule = Mark::Line(Rule {
            from: (54.0, 150.0),
            to: (500.0, 150.0),
            thickness: 0.5,
            color: INK,
        });
        let page = content(vec![
            text(100.0, Face::Regular, INK),
            fill,
            text(160.0, Face::Regular, INK),
            rule.clone(),
            rule,
        ]);
        let operators: Vec<&str> = page
            .lines()
            .map(|line| line.rsplit(' ').next().unwrap_or(line))
            .collect();
        assert_eq!(
            operators,
            [
                "BMC", // all artifacts: one sequence
                "BT", "Tf", "rg", "Tm", "Tj", "ET", // first line
                "rg", "re", "f", // the red box changes the shared fill colour
                "BT", "rg", "Tm", "Tj",
                "ET", // the font is graphics state and persists; the ink not
                "RG", "w", "m", "l", "S", "m", "l", "S", // the second rule needs no state
                "EMC",
            ]
        );
        assert!(page.contains("\n54 652 100.25 10 re\n"), "{page}");
        assert!(page.contains("\n54 642 m\n500 642 l\n"), "{page}");
    }

    #[test]
    fn numbers_have_at_most_three_decimals_and_no_trailing_zeros() {
        let mut pen = Pen::default();
        for value in [
            0.0,
            1.0,
            -2.5,
            0.05,
            612.0,
            67.099_976,
            1e-4,
            -1e-4,
            f32::NAN,
        ] {
            pen.number(value);
            pen.out.push(b' ');
        }
        assert_eq!(
            String::from_utf8_lossy(&pen.out),
            "0 1 -2.5 0.05 612 67.1 0 0 0 "
        );
    }

    #[test]
    fn each_element_is_one_marked_sequence_and_the_rest_artifacts() {
        let mut tree = Tree::default();
        let heading = tree.add(Role::Heading(1), 0);
        let paragraph = tree.add(Role::Paragraph, 0);
        let marks = vec![
            text(100.0, Face::Bold, INK),
            text(112.0, Face::Regular, INK),
            text(124.0, Face::Regular, INK),
            text(700.0, Face::Regular, INK),
        ];
        let (heading, paragraph) = (heading as u32, paragraph as u32);
        let tags = vec![
            Some((heading, 0)),
            Some((paragraph, 1)),
            Some((paragraph, 1)),
            None,
        ];
        let page = tagged_content(marks, tags, &tree);
        let markers: Vec<&str> = page
            .lines()
            .filter(|l| l.ends_with("BDC") || l.ends_with("BMC") || *l == "EMC")
            .collect();
        assert_eq!(
            markers,
            [
                "/H1 <</MCID 0>> BDC",
                "EMC",
                "/P <</MCID 1>> BDC",
                "EMC",
                "/Artifact BMC",
                "EMC"
            ]
        );
        // Text objects close inside their sequence.
        let depth = page.lines().try_fold((0i32, 0i32), |(marked, text), line| {
            let next = match line {
                l if l.ends_with("BDC") || l.ends_with("BMC") => (marked + 1, text),
                "EMC" => (marked - 1, text),
                "BT" => (marked, text + 1),
                "ET" => (marked, text - 1),
                _ => (marked, text),
            };
            (text == 0 || line != "EMC").then_some(next)
        });
        assert_eq!(depth, Some((0, 0)), "{page}");
    }

    /// Reads a PDF literal string back: the bytes between the outer parentheses, unescaped.
    fn read_literal(literal: &[u8]) -> Option<Vec<u8>> {
        let inner = literal.strip_prefix(b"(")?.strip_suffix(b")")?;
        let mut bytes = Vec::new();
        let mut escaped = false;
        for &byte in inner {
            match (escaped, byte) {
                (false, b'\\') => escaped = true,
                // An unescaped parenthesis would end or nest the string early.
                (false, b'(' | b')') => return None,
                (false, b'\r' | b'\n') => return None,
                (true, b'n') => {
                    bytes.push(b'\n');
                    escaped = false;
                }
                (true, b'r') => {
                    bytes.push(b'\r');
                    escaped = false;
                }
                _ => {
                    bytes.push(byte);
                    escaped = false;
                }
            }
        }
        (!escaped).then_some(bytes)
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_its_glyph_ids(text in "(?s).{0,60}") {
            let cleaned = crate::report::pdf::encode::Encoder::default().clean(&text);
            let marks = vec![Mark::Text(TextBox {
                x: 0.0,
                baseline: 10.0,
                text: cleaned.clone(),
                style: TextStyle::new(Face::Regular, 10.0, INK),
                width: 0.0,
            })];
            let page = Page { marks, ..Page::default() };
            let fonts = Fonts::for_pages(std::slice::from_ref(&page));
            let mut pen = Pen { fonts: Some(&fonts), ..Pen::default() };
            pen.glyphs(&cleaned, Face::Regular);
            let expected: Vec<u8> = match fonts.subset(Face::Regular) {
                Some(subset) => cleaned
                    .chars()
                    .flat_map(|c| subset.glyphs[&c].to_be_bytes())
                    .collect(),
                None => Vec::new(),
            };
            proptest::prop_assert!(!expected.chunks(2).any(|g| g == [0, 0]), "no .notdef");
            proptest::prop_assert_eq!(read_literal(&pen.out), Some(expected));
        }

        #[test]
        fn any_number_reads_back_within_half_a_thousandth(value in -10_000.0f32..10_000.0) {
            let mut pen = Pen::default();
            pen.number(value);
            let written = String::from_utf8_lossy(&pen.out).into_owned();
            let read: f64 = written.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{written}: {e}")))?;
            proptest::prop_assert!((read - f64::from(value)).abs() <= 0.000_5 + 1e-9, "{} -> {}", value, written);
            proptest::prop_assert!(!written.contains('e') && !written.ends_with('.'));
        }
    }
}
