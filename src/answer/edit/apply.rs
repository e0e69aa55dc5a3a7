//! Applying the planned edits to the text.

use super::EditError;
use super::plan::Edit;
use super::scan::{layout_error, line_end, line_start};

/// Applies the edits, then drops the lines that removals left holding only spaces.
pub(super) fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, EditError> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    let mut markers = Vec::new();
    for edit in &edits {
        if edit.start < at || edit.end < edit.start || edit.end > text.len() {
            return Err(layout_error("two changes overlap"));
        }
        out.push_str(&text[at..edit.start]);
        if edit.tidy {
            markers.push(out.len());
        }
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    let mut lines: Vec<(usize, usize)> = markers
        .into_iter()
        .map(|m| (line_start(&out, m), line_end(&out, m)))
        .filter(|&(s, e)| out[s..e].bytes().all(|c| c == b' ' || c == b'\t'))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    for &(s, e) in lines.iter().rev() {
        let rest = &out[e..];
        let break_len = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with(['\r', '\n']))
        };
        if break_len > 0 {
            out.replace_range(s..e + break_len, "");
        } else if s > 0 {
            let before = if out[..s].ends_with("\r\n") { 2 } else { 1 };
            out.replace_range(s - before..e, "");
        } else {
            out.replace_range(s..e, "");
        }
    }
    Ok(out)
}
