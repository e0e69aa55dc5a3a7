//! Line breaking by the embedded font's widths.

use super::super::metrics::{Face, text_width};

/// Splits `text` (already cleaned) into lines no wider than `max_width`. Paragraph breaks
/// (`\n`) are kept; a word wider than a line is broken between characters, without adding a
/// hyphen, so a broken URL reads back whole once the line breaks are removed.
pub fn wrap(text: &str, face: Face, size: f32, max_width: f32) -> Vec<String> {
    wrap_paragraphs(text.split('\n'), face, size, max_width)
}

/// [`wrap`] for text already split at its line breaks.
pub(super) fn wrap_paragraphs<P: AsRef<str>>(
    paragraphs: impl Iterator<Item = P>,
    face: Face,
    size: f32,
    max_width: f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref();
        if paragraph.trim().is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            continue;
        }
        wrap_paragraph(paragraph, face, size, max_width, &mut lines);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
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
