//! Text for the embedded fonts: normalized to NFC, and limited to what both faces can show.
//!
//! Every string goes through [`Encoder::clean`] first. Decomposed accents are composed
//! (`e` + U+0301 becomes `é`) so they print as one glyph and extract as typed; characters the
//! fonts have (Łódź, Nguyễn, Ő, curly quotes, dashes, arrows) pass unchanged; others get a
//! readable replacement (`✓` becomes `[x]`), and each replaced character is recorded so the
//! caller can warn about it: a PDF never shows a silent box or `?`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::font::covers;

/// Base letters of Latin Extended-A (U+0100..=U+017F): a last resort should the fonts lack one.
const LATIN_EXTENDED_A: &str = concat!(
    "AaAaAaCcCcCcCcDd",
    "DdEeEeEeEeEeGgGg",
    "GgGgHhHhIiIiIiIi",
    "IiIiJjKkkLlLlLlL",
    "lLlNnNnNnnNnOoOo",
    "OoOoRrRrRrSsSsSs",
    "SsTtTtTtUuUuUuUu",
    "UuUuWwYyYZzZzZzs",
);

/// A readable stand-in for a character the fonts lack, or `None` when there is no good one.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2192}' | '\u{27F6}' | '\u{2794}' | '\u{279C}' | '\u{27A1}' => "->",
        '\u{21D2}' => "=>",
        '\u{2190}' | '\u{27F5}' => "<-",
        '\u{2194}' | '\u{27F7}' => "<->",
        '\u{21D0}' => "<=",
        '\u{21D4}' => "<=>",
        '\u{2191}' => "^",
        '\u{2193}' => "v",
        '\u{2713}' | '\u{2714}' | '\u{2611}' | '\u{2705}' => "[x]",
        '\u{2717}' | '\u{2718}' | '\u{274C}' | '\u{2612}' => "[no]",
        '\u{2610}' => "[ ]",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2260}' => "!=",
        '\u{2248}' => "~",
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2043}' => "-",
        '\u{2015}' => "\u{2014}",
        '\u{2032}' | '\u{201B}' => "'",
        '\u{2033}' | '\u{201F}' => "\"",
        '\u{25E6}' | '\u{25AA}' | '\u{25CF}' | '\u{2023}' | '\u{25A0}' => "\u{2022}",
        '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        // Invisible joiners and marks: dropping them changes nothing a reader sees.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// Cleans text for the embedded fonts and remembers what it had to replace.
#[derive(Debug, Default, Clone)]
pub struct Encoder {
    /// Each replaced character and what was printed instead.
    replaced: BTreeMap<char, String>,
}

/// Whether `c` prints as it is: the fonts have it, and it is not a control or a soft hyphen.
fn prints(c: char) -> bool {
    c != '\u{00AD}' && covers(c)
}

impl Encoder {
    /// `text` in NFC with every character the fonts lack replaced; line breaks become spaces.
    pub fn clean(&mut self, text: &str) -> String {
        self.clean_borrowed(text).into_owned()
    }

    /// [`Encoder::clean`] without a copy when nothing needs replacing, which is most text.
    pub fn clean_borrowed<'a>(&mut self, text: &'a str) -> Cow<'a, str> {
        let composed = matches!(is_nfc_quick(text.chars()), IsNormalized::Yes);
        if composed && text.chars().all(prints) {
            return Cow::Borrowed(text);
        }
        let normalized: Cow<'_, str> = if composed {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.nfc().collect())
        };
        let mut out = String::with_capacity(normalized.len());
        for c in normalized.chars() {
            match c {
                '\n' | '\r' | '\t' => out.push(' '),
                '\u{00AD}' => {}
                _ if prints(c) => out.push(c),
                _ => out.push_str(&self.substitute(c)),
            }
        }
        Cow::Owned(out)
    }

    fn substitute(&mut self, c: char) -> String {
        let printed = match replacement(c) {
            Some(text) => text.to_string(),
            None => latin_base(c)
                .map(String::from)
                .unwrap_or_else(|| invisible_or_code(c)),
        };
        self.replaced.insert(c, printed.clone());
        printed
    }

    /// One warning per replaced character, in code point order.
    pub fn warnings(&self) -> Vec<String> {
        self.replaced
            .iter()
            .map(|(c, printed)| {
                let shown = if c.is_control() {
                    String::new()
                } else {
                    format!("\"{c}\" ")
                };
                let instead = if printed.is_empty() {
                    "left out (it is invisible)".to_string()
                } else {
                    format!("printed as \"{printed}\"")
                };
                format!(
                    "the PDF's font cannot show {shown}(U+{:04X}); {instead}",
                    u32::from(*c)
                )
            })
            .collect()
    }
}

/// The base letter of a Latin Extended-A letter.
fn latin_base(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x100)?;
    LATIN_EXTENDED_A.chars().nth(usize::try_from(offset).ok()?)
}

/// Control characters vanish; anything else prints as its code point, visibly marked.
fn invisible_or_code(c: char) -> String {
    if c.is_control() {
        String::new()
    } else {
        format!("[U+{:04X}]", u32::from(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_the_fonts_have() {
        let mut encoder = Encoder::default();
        let text = "Niñez y educación \u{201C}quoted\u{201D} \u{2014} José’s café, Łódź, Nguyễn, Ő, ﬁle \u{2192}";
        assert_eq!(encoder.clean(text), text);
        assert!(encoder.warnings().is_empty());
    }

    #[test]
    fn composes_decomposed_accents() {
        let mut encoder = Encoder::default();
        assert_eq!(
            encoder.clean("Jose\u{0301} O\u{030B} Nguye\u{0302}\u{0303}n"),
            "José Ő Nguyễn"
        );
        assert!(encoder.warnings().is_empty());
    }

    #[test]
    fn replaces_the_rest_readably_and_says_so() {
        let mut encoder = Encoder::default();
        let cleaned = encoder.clean("board \u{2713} \u{2714} \u{5F20}");
        assert_eq!(cleaned, "board [x] [x] [U+5F20]");
        let warnings = encoder.warnings();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("U+2713") && w.contains("\"[x]\""))
        );
        assert!(cleaned.chars().all(prints));
    }

    #[test]
    fn line_breaks_and_soft_hyphens_do_not_warn() {
        let mut encoder = Encoder::default();
        assert_eq!(encoder.clean("a\nb\u{00AD}c"), "a bc");
        assert!(encoder.warnings().is_empty());
    }
}
