//! The two faces every PDF is set in: Liberation Sans Regular and Bold (SIL Open Font License
//! 1.1, `assets/fonts/LICENSE-OFL.txt`), bundled in the binary and embedded, subset, in each PDF.
//!
//! Liberation Sans has Helvetica's advance widths, so text measures as it did with the built-in
//! font; it also covers Latin Extended (Łódź, Nguyễn, Ő), Greek and Cyrillic. Widths are kept in
//! thousandths of an em, rounded once: the layout measures with the same numbers the PDF's `/W`
//! array gives the viewer, so what is measured is what is drawn.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::metrics::Face;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// One face, parsed once per process.
pub struct FontFace {
    /// The font program as bundled.
    pub program: &'static [u8],
    /// The PostScript name (`LiberationSans`, `LiberationSans-Bold`).
    pub postscript_name: &'static str,
    face: ttf_parser::Face<'static>,
    /// Widths of U+0000..=U+00FF in thousandths of an em; `None` where the font has no glyph.
    latin: [Option<u16>; 256],
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("postscript_name", &self.postscript_name)
            .finish_non_exhaustive()
    }
}

impl FontFace {
    fn parse(program: &'static [u8], postscript_name: &'static str) -> Self {
        // The programs are part of the binary; a unit test parses both.
        #[allow(clippy::expect_used)]
        let face = ttf_parser::Face::parse(program, 0).expect("the bundled font parses");
        let mut font = FontFace {
            program,
            postscript_name,
            face,
            latin: [None; 256],
        };
        for code in 0..=255u8 {
            font.latin[usize::from(code)] = font.lookup_width(char::from(code));
        }
        font
    }

    /// The face's glyph for `c`, if it has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face
            .glyph_index(c)
            .map(|g| g.0)
            .filter(|&g| g != 0 && !c.is_control())
    }

    /// Whether the face can show `c`.
    pub fn covers(&self, c: char) -> bool {
        match u8::try_from(u32::from(c)) {
            Ok(code) => self.latin[usize::from(code)].is_some(),
            Err(_) => self.glyph(c).is_some(),
        }
    }

    /// Advance width of `c` in thousandths of an em (that of `?` when the face lacks `c`).
    pub fn width(&self, c: char) -> u16 {
        let known = match u8::try_from(u32::from(c)) {
            Ok(code) => self.latin[usize::from(code)],
            Err(_) => self.lookup_width(c),
        };
        known.unwrap_or_else(|| self.latin[usize::from(b'?')].unwrap_or(556))
    }

    fn lookup_width(&self, c: char) -> Option<u16> {
        self.glyph(c).map(|g| self.glyph_width(g))
    }

    /// Advance width of glyph `gid` in thousandths of an em.
    pub fn glyph_width(&self, gid: u16) -> u16 {
        let advance = self
            .face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        thousandths(i32::from(advance), self.face.units_per_em())
            .try_into()
            .unwrap_or(0)
    }

    /// What the font descriptor states, in thousandths of an em.
    pub fn descriptor(&self) -> Descriptor {
        let upem = self.face.units_per_em();
        let bbox = self.face.global_bounding_box();
        let scale = |v: i16| thousandths(i32::from(v), upem);
        Descriptor {
            bbox: [
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
            ],
            ascent: scale(self.face.ascender()),
            descent: scale(self.face.descender()),
            cap_height: scale(self.face.capital_height().unwrap_or(self.face.ascender())),
            italic_angle: self.face.italic_angle(),
        }
    }
}

/// The font descriptor's metrics, in thousandths of an em.
#[derive(Debug, Clone, Copy)]
pub struct Descriptor {
    /// Bounding box of all glyphs.
    pub bbox: [i32; 4],
    /// Ascender.
    pub ascent: i32,
    /// Descender (negative).
    pub descent: i32,
    /// Height of capitals.
    pub cap_height: i32,
    /// Slant in degrees.
    pub italic_angle: f32,
}

fn thousandths(units: i32, units_per_em: u16) -> i32 {
    let upem = i32::from(units_per_em.max(1));
    let scaled = units * 1000;
    // Round half away from zero, the same for every width.
    if scaled >= 0 {
        (scaled + upem / 2) / upem
    } else {
        (scaled - upem / 2) / upem
    }
}

static FACES: OnceLock<[FontFace; 2]> = OnceLock::new();

/// The bundled face for `face`.
pub fn font(face: Face) -> &'static FontFace {
    let faces = FACES.get_or_init(|| {
        [
            FontFace::parse(REGULAR, "LiberationSans"),
            FontFace::parse(BOLD, "LiberationSans-Bold"),
        ]
    });
    match face {
        Face::Regular => &faces[0],
        Face::Bold => &faces[1],
    }
}

/// Whether both faces can show `c`, so it prints whichever face a caller chooses.
pub fn covers(c: char) -> bool {
    font(Face::Regular).covers(c) && font(Face::Bold).covers(c)
}

/// A face cut down to the glyphs one document uses, renumbered from 1 (0 is `.notdef`).
#[derive(Debug, Clone)]
pub struct Subset {
    /// The subset font program (TrueType).
    pub program: Vec<u8>,
    /// The glyph id each character is drawn with, in the subset.
    pub glyphs: BTreeMap<char, u16>,
    /// The same for U+0000..=U+00FF, looked up for every character drawn (0: none).
    latin: [u16; 256],
    /// Width of each subset glyph in thousandths of an em, by glyph id.
    pub widths: Vec<(u16, u16)>,
    /// The text each subset glyph stands for (the lowest character drawn with it).
    pub text: Vec<(u16, char)>,
}

/// The subset of `face` for `chars`. When subsetting fails the whole font is kept, glyph ids
/// unchanged, so the PDF still shows every character.
pub fn subset(face: &FontFace, chars: &BTreeSet<char>) -> Subset {
    let mut original: BTreeMap<u16, char> = BTreeMap::new();
    for &c in chars {
        if let Some(gid) = face.glyph(c) {
            original.entry(gid).or_insert(c);
        }
    }
    let ids: Vec<u16> = std::iter::once(0).chain(original.keys().copied()).collect();
    let (program, renumbered): (Vec<u8>, BTreeMap<u16, u16>) =
        match super::truetype::subset(face.program, &ids, &original) {
            Some(program) => (
                program,
                ids.iter()
                    .enumerate()
                    .filter_map(|(new, &old)| Some((old, u16::try_from(new).ok()?)))
                    .collect(),
            ),
            None => (face.program.to_vec(), ids.iter().map(|&g| (g, g)).collect()),
        };
    let glyphs = chars
        .iter()
        .filter_map(|&c| Some((c, *renumbered.get(&face.glyph(c)?)?)))
        .collect();
    let widths = renumbered
        .iter()
        .map(|(&old, &new)| (new, face.glyph_width(old)))
        .collect::<BTreeMap<u16, u16>>()
        .into_iter()
        .collect();
    let text = original
        .iter()
        .filter_map(|(old, &c)| Some((*renumbered.get(old)?, c)))
        .collect::<BTreeMap<u16, char>>()
        .into_iter()
        .collect();
    let mut latin = [0; 256];
    for (&c, &gid) in &glyphs {
        if let Ok(code) = u8::try_from(u32::from(c)) {
            latin[usize::from(code)] = gid;
        }
    }
    Subset {
        program,
        glyphs,
        latin,
        widths,
        text,
    }
}

impl Subset {
    /// The subset's glyph for `c`, if it has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match u8::try_from(u32::from(c)) {
            Ok(code) => Some(self.latin[usize::from(code)]).filter(|&g| g != 0),
            Err(_) => self.glyphs.get(&c).copied(),
        }
    }
}

/// The characters a document shows in one face, collected without a tree insert for each
/// Latin-1 character (most of them).
#[derive(Debug)]
pub struct CharSet {
    latin: [bool; 256],
    other: BTreeSet<char>,
}

impl Default for CharSet {
    fn default() -> Self {
        Self {
            latin: [false; 256],
            other: BTreeSet::new(),
        }
    }
}

impl CharSet {
    /// Adds every character of `text`.
    pub fn extend(&mut self, text: &str) {
        for c in text.chars() {
            match u8::try_from(u32::from(c)) {
                Ok(code) => self.latin[usize::from(code)] = true,
                Err(_) => {
                    self.other.insert(c);
                }
            }
        }
    }

    /// The characters, in code point order.
    pub fn chars(&self) -> BTreeSet<char> {
        let latin = (0..=255u8)
            .filter(|&code| self.latin[usize::from(code)])
            .map(char::from);
        latin.chain(self.other.iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse_and_keep_helvetica_widths_for_ascii() {
        for (face, table) in [
            (Face::Regular, &super::super::metrics::HELVETICA),
            (Face::Bold, &super::super::metrics::HELVETICA_BOLD),
        ] {
            let font = font(face);
            for code in 0x20u8..0x7F {
                let c = char::from(code);
                assert_eq!(
                    font.width(c),
                    table[usize::from(code - 0x20)],
                    "{face:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn covers_names_outside_latin_1() {
        for c in "ŁódźNguyễnŐﬁ→€".chars() {
            assert!(covers(c), "{c:?} ({:04X})", u32::from(c));
        }
        assert!(!covers('\u{5F20}'));
        assert!(!covers('\n'));
    }

    #[test]
    fn a_subset_keeps_only_the_glyphs_used_and_maps_them_back_to_text() {
        let chars: BTreeSet<char> = "Łódź abc".chars().collect();
        let subset = subset(font(Face::Regular), &chars);
        assert!(
            subset.program.len() < REGULAR.len() / 4,
            "{}",
            subset.program.len()
        );
        assert_eq!(subset.glyphs.len(), chars.len());
        let parsed = ttf_parser::Face::parse(&subset.program, 0).unwrap();
        for (&c, &gid) in &subset.glyphs {
            let original = font(Face::Regular);
            let width = subset.widths.iter().find(|(g, _)| *g == gid).unwrap().1;
            assert_eq!(width, original.width(c), "{c}");
            assert!(u32::from(gid) < u32::from(parsed.number_of_glyphs()));
            assert!(subset.text.contains(&(gid, c)), "{c}");
        }
    }
}

#[cfg(test)]
mod char_set_tests {
    use super::*;

    #[test]
    fn the_fast_lookups_agree_with_the_maps() {
        let mut set = CharSet::default();
        set.extend("Łódź abc é\u{2192}");
        set.extend("abc");
        let chars = set.chars();
        assert_eq!(
            chars,
            "Łódź abcé\u{2192}".chars().collect::<BTreeSet<char>>()
        );
        let subset = subset(font(Face::Bold), &chars);
        for c in chars {
            assert_eq!(subset.glyph(c), subset.glyphs.get(&c).copied(), "{c}");
        }
        assert_eq!(subset.glyph('Z'), None);
    }
}
