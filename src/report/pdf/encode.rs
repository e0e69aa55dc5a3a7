//! Text for the built-in Helvetica, which covers WinAnsi (Windows-1252) only.
//!
//! A built-in font can show no other character (printpdf would print `?` without a word).
//! Every string goes through [`Encoder::clean`] first: characters WinAnsi has (Spanish accents,
//! curly quotes, dashes) pass unchanged, others get a readable replacement (`→` becomes `->`),
//! and each replaced character is recorded so the caller can warn about it.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The WinAnsi byte for `c`, or `None` when the encoding has no such character.
pub fn win_ansi_code(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x20..=0x7E).contains(&code) || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    Some(match c {
        '\u{20AC}' => 0x80,
        '\u{201A}' => 0x82,
        '\u{0192}' => 0x83,
        '\u{201E}' => 0x84,
        '\u{2026}' => 0x85,
        '\u{2020}' => 0x86,
        '\u{2021}' => 0x87,
        '\u{02C6}' => 0x88,
        '\u{2030}' => 0x89,
        '\u{0160}' => 0x8A,
        '\u{2039}' => 0x8B,
        '\u{0152}' => 0x8C,
        '\u{017D}' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{02DC}' => 0x98,
        '\u{2122}' => 0x99,
        '\u{0161}' => 0x9A,
        '\u{203A}' => 0x9B,
        '\u{0153}' => 0x9C,
        '\u{017E}' => 0x9E,
        '\u{0178}' => 0x9F,
        _ => return None,
    })
}

/// Base letters of Latin Extended-A (U+0100..=U+017F), so `ł` prints as `l` rather than `?`.
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

/// A readable stand-in for a character WinAnsi lacks, or `None` when there is no good one.
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

/// Cleans text for the built-in fonts and remembers what it had to replace.
#[derive(Debug, Default, Clone)]
pub struct Encoder {
    /// Each replaced character and what was printed instead.
    replaced: BTreeMap<char, String>,
}

impl Encoder {
    /// `text` with every character WinAnsi lacks replaced; line breaks become spaces.
    pub fn clean(&mut self, text: &str) -> String {
        self.clean_borrowed(text).into_owned()
    }

    /// [`Encoder::clean`] without a copy when nothing needs replacing, which is most text.
    pub fn clean_borrowed<'a>(&mut self, text: &'a str) -> Cow<'a, str> {
        if text
            .chars()
            .all(|c| c != '\u{00AD}' && win_ansi_code(c).is_some())
        {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' | '\r' | '\t' => out.push(' '),
                '\u{00AD}' => {}
                _ if win_ansi_code(c).is_some() => out.push(c),
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
                    "the PDF's built-in font cannot show {shown}(U+{:04X}); {instead}",
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
    fn keeps_what_win_ansi_has() {
        let mut encoder = Encoder::default();
        let text = "Niñez y educación \u{201C}quoted\u{201D} \u{2014} José’s café";
        assert_eq!(encoder.clean(text), text);
        assert!(encoder.warnings().is_empty());
    }

    #[test]
    fn replaces_the_rest_readably_and_says_so() {
        let mut encoder = Encoder::default();
        let cleaned = encoder.clean("MOU \u{2192} board \u{2713} Łódź \u{5F20}");
        assert_eq!(cleaned, "MOU -> board [x] Lódz [U+5F20]");
        let warnings = encoder.warnings();
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("U+2192") && w.contains("\"->\""))
        );
        assert!(cleaned.chars().all(|c| win_ansi_code(c).is_some()));
    }

    #[test]
    fn line_breaks_and_soft_hyphens_do_not_warn() {
        let mut encoder = Encoder::default();
        assert_eq!(encoder.clean("a\nb\u{00AD}c"), "a bc");
        assert!(encoder.warnings().is_empty());
    }
}
