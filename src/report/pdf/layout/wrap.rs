//! Line breaking by the embedded font's widths.

use super::super::metrics::{Face, text_width};

/// Splits `text` (already cleaned) into lines no wider than `max_width`. Paragraph breaks
/// (`\n`) are kept; a word wider than a line is broken between characters, without adding a
/// hyphen, so a broken URL reads back whole once the line breaks are removed.
pub fn wrap(text: &str, face: Face, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = wrap_paragraphs(text.split('\n'), face, size, max_width);
    trim_soft_spaces(&mut lines);
    lines
}

/// Drops the space [`wrap_paragraphs`] leaves at the end of a line broken between words, for
/// callers that measure, count or join the lines rather than draw them as text.
pub(super) fn trim_soft_spaces(lines: &mut [String]) {
    for line in lines {
        line.truncate(line.trim_end_matches(' ').len());
    }
}

/// The visible part of a line from [`wrap_paragraphs`]: without its soft space.
pub(super) fn visible(line: &str) -> &str {
    line.strip_suffix(' ').unwrap_or(line)
}

/// [`wrap`] for text already split at its line breaks. A line broken at a space between words
/// (a soft break) keeps that space at its end: drawn there, it is invisible and moves nothing
/// after it, but text read from the PDF (a screen reader, reflow, copy) keeps the words apart
/// instead of gluing the last word of one line to the first of the next. The last line of a
/// paragraph followed by another gets one too: a line break in the text separates words as
/// well. Lines ending inside a broken word, and the last line, have none.
pub(super) fn wrap_paragraphs<P: AsRef<str>>(
    paragraphs: impl Iterator<Item = P>,
    face: Face,
    size: f32,
    max_width: f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut paragraph_ends = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref();
        if paragraph.trim().is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            continue;
        }
        wrap_paragraph(paragraph, face, size, max_width, &mut lines);
        paragraph_ends.push(lines.len().saturating_sub(1));
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    for end in paragraph_ends {
        if end + 1 < lines.len()
            && let Some(line) = lines.get_mut(end)
        {
            line.push(' ');
        }
    }
    lines
}

fn wrap_paragraph(text: &str, face: Face, size: f32, max_width: f32, lines: &mut Vec<String>) {
    let space = text_width(" ", face, size);
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = text_width(word, face, size);
        if !current.is_empty() && current_width + space + word_width <= max_width {
            current.push(' ');
            current.push_str(word);
            current_width += space + word_width;
            continue;
        }
        if !current.is_empty() {
            // A soft break: the space between the words stays with the line.
            current.push(' ');
            lines.push(std::mem::take(&mut current));
        }
        if word_width <= max_width {
            current = word.to_string();
            current_width = word_width;
        } else {
            let mut pieces = break_word(word, face, size, max_width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            current_width = text_width(&last, face, size);
            current = last;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
}

/// Breaks one over-long word into pieces that fit, preferring a break after `/`, `.`, `?`,
/// `&` or `=`, or before `-`, in the second half of a piece (so URLs and ids break where a
/// reader expects).
fn break_word(word: &str, face: Face, size: f32, max_width: f32) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = start;
        let mut width = 0.0;
        while end < chars.len() {
            let w = text_width(chars[end].encode_utf8(&mut [0; 4]), face, size);
            // Always take one character, so a line narrower than a glyph still makes progress.
            if end > start && width + w > max_width {
                break;
            }
            width += w;
            end += 1;
        }
        if end < chars.len() {
            let half = start + (end - start) / 2;
            // Break after a URL or id separator, or just before a `-`.
            let cut = (half.max(start + 1)..end)
                .rev()
                .find_map(|i| match chars[i] {
                    '/' | '.' | '?' | '&' | '=' => Some(i + 1),
                    '-' => Some(i),
                    _ => None,
                });
            if let Some(cut) = cut {
                end = cut;
            }
            // A line ending in `-` reads as a hyphenated word: text extractors drop the `-` and
            // join the halves, which would corrupt a URL. Move such a break one character back.
            if end - start > 1 && chars[end - 1] == '-' {
                end -= 1;
            }
        }
        pieces.push(chars[start..end].iter().collect());
        start = end;
    }
    pieces
}
