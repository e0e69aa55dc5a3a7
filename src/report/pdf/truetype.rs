//! A TrueType font cut down to the glyphs a document shows, for embedding in a PDF.
//!
//! Kept: the outlines (`glyf`, `loca`), their metrics (`hmtx`, `hhea`, `maxp`), the hinting
//! programs (`cvt `, `fpgm`, `prep`), `name`, `post` without glyph names, and a `cmap` of the
//! kept characters. Glyphs are renumbered in the order asked for; the parts of composite glyphs
//! follow them and get their new numbers written into the composites. Reading the tables
//! directly, rather than parsing every glyph of the face as a general subsetter does, is most
//! of a short report's font cost saved.

use std::collections::BTreeMap;

/// Tables copied as they are.
const COPIED: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"name", b"prep"];

/// The font with only `glyphs` (original glyph ids; the first must be 0, `.notdef`): the glyph
/// `glyphs[i]` becomes glyph `i`. `chars` gives the characters each kept glyph shows, for the
/// new `cmap`. `None` when the font is not a TrueType font this can read.
pub fn subset(font: &[u8], glyphs: &[u16], chars: &BTreeMap<u16, char>) -> Option<Vec<u8>> {
    let tables = Tables::read(font)?;
    let head = tables.get(b"head").filter(|t| t.len() >= 54)?;
    let maxp = tables.get(b"maxp").filter(|t| t.len() >= 6)?;
    let hhea = tables.get(b"hhea").filter(|t| t.len() >= 36)?;
    let hmtx = tables.get(b"hmtx")?;
    let glyf = tables.get(b"glyf")?;
    let loca = Loca {
        data: tables.get(b"loca")?,
        long: u16_at(head, 50)? == 1,
        glyphs: u16_at(maxp, 4)?,
    };
    let (order, outlines) = outlines(glyphs, &loca, glyf)?;
    let count = u16::try_from(order.len()).ok()?;
    let metrics = metrics(&order, hmtx, u16_at(hhea, 34)?)?;
    let mut locations = Vec::with_capacity((order.len() + 1) * 4);
    for offset in outlines.offsets {
        locations.extend_from_slice(&offset.to_be_bytes());
    }
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]);
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&count.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&count.to_be_bytes());
    let new_ids: BTreeMap<char, u16> = order
        .iter()
        .enumerate()
        .filter_map(|(new, old)| Some((*chars.get(old)?, u16::try_from(new).ok()?)))
        .collect();
    let mut out: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"cmap", cmap(&new_ids)),
        (*b"glyf", outlines.data),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", metrics),
        (*b"loca", locations),
        (*b"maxp", new_maxp),
    ];
    if let Some(post) = tables.get(b"post").filter(|t| t.len() >= 32) {
        // Version 3: no glyph names, which would name the old glyph ids.
        let mut post = post[..32].to_vec();
        post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        out.push((*b"post", post));
    }
    for tag in COPIED {
        if let Some(table) = tables.get(tag) {
            out.push((*tag, table.to_vec()));
        }
    }
    out.sort_by_key(|(tag, _)| *tag);
    Some(assemble(&out))
}

/// The table directory of a font file.
struct Tables<'a> {
    font: &'a [u8],
    records: Vec<([u8; 4], usize, usize)>,
}

impl<'a> Tables<'a> {
    fn read(font: &'a [u8]) -> Option<Self> {
        if u32_at(font, 0)? != 0x0001_0000 {
            return None;
        }
        let count = usize::from(u16_at(font, 4)?);
        let records = (0..count)
            .map(|i| {
                let at = 12 + 16 * i;
                let tag: [u8; 4] = font.get(at..at + 4)?.try_into().ok()?;
                let offset = usize::try_from(u32_at(font, at + 8)?).ok()?;
                let length = usize::try_from(u32_at(font, at + 12)?).ok()?;
                font.get(offset..offset.checked_add(length)?)?;
                Some((tag, offset, length))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self { font, records })
    }

    fn get(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        let &(_, offset, length) = self.records.iter().find(|(t, _, _)| t == tag)?;
        self.font.get(offset..offset + length)
    }
}

/// Where each glyph's outline is in `glyf`.
struct Loca<'a> {
    data: &'a [u8],
    long: bool,
    glyphs: u16,
}

impl Loca<'_> {
    fn range(&self, glyph: u16) -> Option<std::ops::Range<usize>> {
        if glyph >= self.glyphs {
            return None;
        }
        let at = |i: usize| -> Option<usize> {
            if self.long {
                usize::try_from(u32_at(self.data, i * 4)?).ok()
            } else {
                Some(usize::from(u16_at(self.data, i * 2)?) * 2)
            }
        };
        let start = at(usize::from(glyph))?;
        let end = at(usize::from(glyph) + 1)?;
        (start <= end).then_some(start..end)
    }
}

/// The kept outlines, one after the other, and where each starts.
struct Outlines {
    data: Vec<u8>,
    offsets: Vec<u32>,
}

/// The glyphs kept, in their new order (those asked for, then the parts of composites), and
/// their outlines with the composites' parts renumbered.
fn outlines(glyphs: &[u16], loca: &Loca<'_>, glyf: &[u8]) -> Option<(Vec<u16>, Outlines)> {
    if glyphs.first() != Some(&0) {
        return None;
    }
    let mut order: Vec<u16> = Vec::with_capacity(glyphs.len() + 8);
    let mut new_id: Vec<Option<u16>> = vec![None; usize::from(loca.glyphs)];
    let mut keep = |old: u16, order: &mut Vec<u16>| -> Option<u16> {
        let slot = new_id.get_mut(usize::from(old))?;
        if let Some(id) = *slot {
            return Some(id);
        }
        let id = u16::try_from(order.len()).ok()?;
        *slot = Some(id);
        order.push(old);
        Some(id)
    };
    for &glyph in glyphs {
        keep(glyph, &mut order)?;
    }
    let mut outlines = Outlines {
        data: Vec::new(),
        offsets: Vec::with_capacity(order.len() + 1),
    };
    // `order` grows as composites name their parts; each is copied once.
    let mut index = 0;
    while let Some(&old) = order.get(index) {
        index += 1;
        outlines
            .offsets
            .push(u32::try_from(outlines.data.len()).ok()?);
        let outline = glyf.get(loca.range(old)?)?;
        let start = outlines.data.len();
        outlines.data.extend_from_slice(outline);
        if outline.len() >= 10 && i16::from_be_bytes([outline[0], outline[1]]) < 0 {
            for at in component_ids(outline)? {
                let part = u16_at(outline, at)?;
                let id = keep(part, &mut order)?;
                outlines.data[start + at..start + at + 2].copy_from_slice(&id.to_be_bytes());
            }
        }
        // Long offsets: each outline starts on a four-byte boundary.
        outlines
            .data
            .resize(outlines.data.len().next_multiple_of(4), 0);
    }
    outlines
        .offsets
        .push(u32::try_from(outlines.data.len()).ok()?);
    Some((order, outlines))
}

/// Where a composite glyph names its parts: the byte offset of each part's glyph id.
fn component_ids(outline: &[u8]) -> Option<Vec<usize>> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut at = 10;
    let mut ids = Vec::new();
    loop {
        let flags = u16_at(outline, at)?;
        ids.push(at + 2);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & X_AND_Y_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Some(ids);
        }
    }
}

/// `hmtx` for the kept glyphs: each its advance and left side bearing.
fn metrics(order: &[u16], hmtx: &[u8], long_metrics: u16) -> Option<Vec<u8>> {
    let long_metrics = usize::from(long_metrics).max(1);
    let mut out = Vec::with_capacity(order.len() * 4);
    for &old in order {
        let old = usize::from(old);
        let (advance, bearing) = if old < long_metrics {
            (u16_at(hmtx, old * 4)?, u16_at(hmtx, old * 4 + 2)?)
        } else {
            // Past the long metrics, glyphs share the last advance.
            let bearing_at = long_metrics * 4 + (old - long_metrics) * 2;
            (
                u16_at(hmtx, (long_metrics - 1) * 4)?,
                u16_at(hmtx, bearing_at)?,
            )
        };
        out.extend_from_slice(&advance.to_be_bytes());
        out.extend_from_slice(&bearing.to_be_bytes());
    }
    Some(out)
}

/// A `cmap` with one Unicode BMP subtable (format 4) mapping each kept character to its glyph.
fn cmap(glyphs: &BTreeMap<char, u16>) -> Vec<u8> {
    let mut segments: Vec<(u16, u16)> = glyphs
        .iter()
        .filter_map(|(&c, &glyph)| Some((u16::try_from(u32::from(c)).ok()?, glyph)))
        .filter(|&(code, _)| code != 0xFFFF)
        .collect();
    // The last segment must end at U+FFFF; it maps to glyph 0.
    segments.push((0xFFFF, 0));
    let count = u16::try_from(segments.len()).unwrap_or(u16::MAX);
    let search = if count == 0 {
        1
    } else {
        1u16 << (15 - count.leading_zeros())
    };
    let mut table = Vec::with_capacity(16 + segments.len() * 8);
    let push = |table: &mut Vec<u8>, value: u16| table.extend_from_slice(&value.to_be_bytes());
    push(&mut table, 4);
    push(&mut table, 0); // length, set below
    push(&mut table, 0);
    push(&mut table, count * 2);
    push(&mut table, search * 2);
    push(&mut table, search.trailing_zeros() as u16);
    push(&mut table, count * 2 - search * 2);
    for &(code, _) in &segments {
        push(&mut table, code);
    }
    push(&mut table, 0);
    for &(code, _) in &segments {
        push(&mut table, code);
    }
    for &(code, glyph) in &segments {
        push(
            &mut table,
            if code == 0xFFFF {
                1
            } else {
                glyph.wrapping_sub(code)
            },
        );
    }
    for _ in &segments {
        push(&mut table, 0);
    }
    let length = u16::try_from(table.len()).unwrap_or(u16::MAX);
    table[2..4].copy_from_slice(&length.to_be_bytes());
    let mut out = Vec::with_capacity(12 + table.len());
    for value in [0u16, 1, 3, 1] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&table);
    out
}

/// The font file of `tables` (sorted by tag), with checksums and `head`'s adjustment.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = u16::try_from(tables.len()).unwrap_or(u16::MAX);
    let search = 1u16 << (15 - count.max(1).leading_zeros());
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for value in [
        count,
        search * 16,
        search.trailing_zeros() as u16,
        count * 16 - search * 16,
    ] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).unwrap_or(0).to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The sum of the data as big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::font::font;
    use crate::report::pdf::metrics::Face;

    fn cut(face: Face, text: &str) -> (Vec<u8>, BTreeMap<char, u16>, Vec<u16>) {
        let f = font(face);
        let mut chars = BTreeMap::new();
        for c in text.chars() {
            if let Some(g) = f.glyph(c) {
                chars.entry(g).or_insert(c);
            }
        }
        let glyphs: Vec<u16> = std::iter::once(0).chain(chars.keys().copied()).collect();
        let program = subset(f.program, &glyphs, &chars).expect("subsets");
        let by_char = chars.iter().map(|(&g, &c)| (c, g)).collect();
        (program, by_char, glyphs)
    }

    #[test]
    fn kept_glyphs_keep_their_outlines_widths_and_characters() {
        for face in [Face::Regular, Face::Bold] {
            let text = "Łódź Nguyễn Ő ﬁ → € “quoted” — SRO’s MOU 2026-27";
            let (program, by_char, glyphs) = cut(face, text);
            let original = ttf_parser::Face::parse(font(face).program, 0).expect("parses");
            let small = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
            assert!(
                program.len() < font(face).program.len() / 8,
                "{}",
                program.len()
            );
            for (c, old) in by_char {
                let new = glyphs.iter().position(|&g| g == old).expect("kept");
                let new = ttf_parser::GlyphId(u16::try_from(new).expect("small"));
                let old = ttf_parser::GlyphId(old);
                assert_eq!(small.glyph_index(c), Some(new), "{c:?}");
                assert_eq!(
                    small.glyph_hor_advance(new),
                    original.glyph_hor_advance(old)
                );
                assert_eq!(
                    small.glyph_hor_side_bearing(new),
                    original.glyph_hor_side_bearing(old)
                );
                let mut a = Path::default();
                let mut b = Path::default();
                assert_eq!(
                    small.outline_glyph(new, &mut a),
                    original.outline_glyph(old, &mut b),
                    "{c:?}"
                );
                assert_eq!(a.0, b.0, "{c:?}");
            }
            assert_eq!(small.glyph_index('Q'), None);
        }
    }

    #[test]
    fn a_composite_brings_its_parts_under_new_numbers() {
        let original = ttf_parser::Face::parse(font(Face::Regular).program, 0).expect("parses");
        // An accented letter drawn from its base letter and accent, neither asked for.
        let (program, _, glyphs) = cut(Face::Regular, "ễ");
        let small = ttf_parser::Face::parse(&program, 0).expect("parses");
        assert!(
            small.number_of_glyphs() > 2,
            "parts kept: {}",
            small.number_of_glyphs()
        );
        let old = original.glyph_index('ễ').expect("covered");
        let new = small.glyph_index('ễ').expect("kept");
        assert_eq!(usize::from(new.0), glyphs.len() - 1);
        let (mut a, mut b) = (Path::default(), Path::default());
        assert!(small.outline_glyph(new, &mut a).is_some());
        original.outline_glyph(old, &mut b);
        assert_eq!(a.0, b.0);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let chars = BTreeMap::new();
        assert!(subset(b"", &[0], &chars).is_none());
        assert!(subset(b"OTTO\0\0\0\0\0\0\0\0", &[0], &chars).is_none());
        assert!(subset(font(Face::Regular).program, &[5], &chars).is_none());
        assert!(subset(font(Face::Regular).program, &[0, 60_000], &chars).is_none());
        let mut broken = font(Face::Regular).program.to_vec();
        broken.truncate(2_000);
        assert!(subset(&broken, &[0, 5], &chars).is_none());
    }

    /// An outline as the commands that draw it.
    #[derive(Default)]
    struct Path(Vec<String>);

    impl ttf_parser::OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }
}
