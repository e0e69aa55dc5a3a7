//! Characters as the file holds them: which ones an input may not contain, and how text from
//! a file is shown so that it cannot act on the screen it is shown on; and plain text wrapped
//! to a width, for every medium and file that wraps it.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::error::{Diagnostic, Location};

/// The most characters refused one by one in a file; past it, one error says how many more.
const MAX_REPORTED: usize = 5;

/// Whether YAML forbids `c` in a stream: C0 controls other than tab, line feed and carriage
/// return, DEL, C1 controls other than NEL, and the non-characters U+FFFE and U+FFFF. The
/// parsers stop at a NUL as if the file ended there, so such a file must be refused, not read.
pub fn forbidden_in_yaml(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'
        | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `c` could act on a terminal or hide text when printed raw: C0 controls other than
/// tab and newline, DEL and C1 controls.
pub fn is_unsafe_to_show(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || matches!(c, '\u{80}'..='\u{9f}')
}

/// `text` with every character that could act on a terminal written out visibly: `\e` for
/// escape, `\r` for carriage return, `U+0007` for the others. Every terminal, Markdown and
/// message text that echoes a value or a file name goes through this.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_show) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe_to_show(c) => {
                let _ = write!(out, "U+{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that shows every control character written through it visibly, as [`visible`]
/// does: messages on standard error echo values and file names as the file has them.
pub struct VisibleWriter<W: std::io::Write> {
    inner: W,
    /// A lead byte (0xC2) written last, whose continuation decides whether it starts a C1.
    pending_lead: bool,
}

impl<W: std::io::Write> VisibleWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending_lead: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for VisibleWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &byte in buf {
            if std::mem::take(&mut self.pending_lead) {
                if (0x80..=0x9f).contains(&byte) {
                    out.extend_from_slice(format!("U+{byte:04X}").as_bytes());
                    continue;
                }
                out.push(0xc2);
            }
            match byte {
                0xc2 => self.pending_lead = true,
                0x1b => out.extend_from_slice(b"\\e"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' | b'\n' => out.push(byte),
                0x00..=0x1f | 0x7f => out.extend_from_slice(format!("U+{byte:04X}").as_bytes()),
                _ => out.push(byte),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.pending_lead) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for VisibleWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// What becomes of a word wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Broken across lines at the width, so that no line is wider (a report on a terminal).
    Break,
    /// Kept whole on a line of its own, wider than the others (a web address stays whole, to be
    /// copied).
    KeepWhole,
}

/// Splits `text` into lines no wider than `width` columns as a terminal shows them (a wide
/// character takes two, a combining mark none), breaking only at spaces and never hyphenating.
/// Each line break in `text` starts a new line; within a line, a run of spaces, tabs or other
/// whitespace reads as one space. An empty line gives one empty line.
pub fn wrap(text: &str, width: usize, long_words: LongWords) -> Vec<String> {
    // First fit between ASCII spaces: textwrap's defaults (Unicode line breaking, optimal fit,
    // hyphenation) would move breaks that reports and templates have always had.
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(long_words == LongWords::Break);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.extend(
            textwrap::wrap(&words, &options)
                .into_iter()
                .map(Cow::into_owned),
        );
    }
    lines
}

/// A forbidden character as an error names it.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{c}' => " (form feed)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// What to do about a forbidden character `c`.
pub fn hint(c: char) -> &'static str {
    if c == '\0' {
        "a NUL often means the file was cut short by a crash or a power cut, and what follows \
         it would be lost: restore the file from a copy, or delete the character and check the \
         rest of the file"
    } else {
        "delete the character: most editors do not show it, and it may have come with text \
         pasted from another program"
    }
}

/// One error per line holding a character YAML forbids (up to a few, then a count), each at its
/// line and column.
pub fn forbidden_characters(text: &str) -> Vec<Diagnostic> {
    if !text.chars().any(forbidden_in_yaml) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut lines_with = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let Some((column, c)) = line
            .chars()
            .enumerate()
            .find(|&(_, c)| forbidden_in_yaml(c))
        else {
            continue;
        };
        lines_with += 1;
        if found.len() < MAX_REPORTED {
            found.push(
                Diagnostic::error(
                    Some(Location {
                        line: i + 1,
                        column: column + 1,
                    }),
                    format!(
                        "the file holds the control character {}, which YAML does not allow",
                        describe(c)
                    ),
                )
                .with_hint(hint(c)),
            );
        }
    }
    if lines_with > MAX_REPORTED {
        found.push(Diagnostic::error(
            None,
            format!(
                "{} more lines hold control characters YAML does not allow",
                lines_with - MAX_REPORTED
            ),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns `text` takes on a terminal.
    fn columns(text: &str) -> usize {
        textwrap::core::display_width(text)
    }

    #[test]
    fn wraps_between_words_within_the_width() {
        let text = "Look for a signed memorandum of understanding that names both parties";
        let lines = wrap(text, 24, LongWords::Break);
        assert_eq!(
            lines,
            [
                "Look for a signed",
                "memorandum of",
                "understanding that names",
                "both parties"
            ]
        );
        assert_eq!(lines.join(" "), text, "no word is cut or lost");
        assert_eq!(
            wrap("one two three", 7, LongWords::Break),
            ["one two", "three"]
        );
        assert_eq!(
            wrap("a\nb", 10, LongWords::Break),
            ["a", "b"],
            "line breaks are kept"
        );
        assert_eq!(wrap("", 10, LongWords::Break), [""]);
        assert_eq!(
            wrap("a  \tb ", 10, LongWords::Break),
            ["a b"],
            "one space between words"
        );
        assert_eq!(
            wrap("a district-wide agreement", 14, LongWords::Break),
            ["a", "district-wide", "agreement"],
            "never hyphenated"
        );
    }

    #[test]
    fn measures_in_terminal_columns() {
        let lines = wrap("日本語のテキスト", 5, LongWords::Break);
        assert_eq!(lines, ["日本", "語の", "テキ", "スト"]);
        // "é" is two bytes and one column; "ü" here is a u and a combining mark.
        assert_eq!(
            wrap("café cafe\u{308} x", 11, LongWords::Break),
            ["café cafe\u{308} x"]
        );
        assert!(
            wrap("wide 字字字 words", 6, LongWords::Break)
                .iter()
                .all(|l| columns(l) <= 6)
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_or_kept_whole() {
        assert_eq!(
            wrap("abcdefghij", 4, LongWords::Break),
            ["abcd", "efgh", "ij"]
        );
        assert_eq!(
            wrap("x abcdefghij y", 4, LongWords::Break),
            ["x", "abcd", "efgh", "ij y"]
        );
        let url = "https://dpi.wi.gov/sspw/school-resource-officers/guidance";
        assert_eq!(
            wrap(&format!("See {url} now"), 30, LongWords::KeepWhole),
            ["See", url, "now"]
        );
    }

    #[test]
    fn finds_a_nul_at_its_line_and_column() {
        let found = forbidden_characters("a: 1\nb: met\0\nc: 2\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location, Some(Location { line: 2, column: 7 }));
        assert!(found[0].message.contains("U+0000 (NUL)"));
        assert!(found[0].hint.as_deref().unwrap().contains("power cut"));
    }

    #[test]
    fn allows_tab_line_breaks_nel_and_bom() {
        assert!(forbidden_characters("a:\tb\r\nc: d\u{85}e\u{feff}\n").is_empty());
        for c in ['\u{1}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{fffe}'] {
            assert_eq!(forbidden_characters(&format!("a: {c}")).len(), 1, "{c:?}");
        }
    }

    #[test]
    fn a_zero_filled_tail_is_counted_not_listed() {
        let text = format!("a: 1\n{}", "\0\n".repeat(1000));
        let found = forbidden_characters(&text);
        assert_eq!(found.len(), MAX_REPORTED + 1);
        assert!(found[MAX_REPORTED].message.starts_with("995 more lines"));
    }

    #[test]
    fn shows_controls_visibly_and_leaves_other_text_alone() {
        assert_eq!(
            visible("none\u{1b}[1A\u{1b}[2K\r\u{7}\u{9b}\u{7f}"),
            "none\\e[1A\\e[2K\\rU+0007U+009BU+007F"
        );
        assert!(matches!(visible("café\tà\nlà"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_shows_what_visible_shows_however_the_bytes_are_split() {
        use std::io::Write as _;
        let text = "unknown status `\u{1b}[2Jmet` in caf\u{e9}\u{9b}2J\r\u{7f}\n";
        for split in 0..=text.len() {
            let mut out = Vec::new();
            {
                let mut writer = VisibleWriter::new(&mut out);
                writer.write_all(&text.as_bytes()[..split]).unwrap();
                writer.write_all(&text.as_bytes()[split..]).unwrap();
            }
            assert_eq!(
                String::from_utf8(out).unwrap(),
                visible(text),
                "split at {split}"
            );
        }
    }
}
