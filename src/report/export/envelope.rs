//! The envelope every JSON output of the tool starts with, so that a reader can tell what a
//! file is, which shape it has and whether it may be published, before reading the rest.

use serde::Serialize;

use crate::error::Result;
use crate::report::{Format, encode_error};

/// What kind of document a JSON output is, and the version of its shape (bumped whenever a
/// field is renamed or removed).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kind {
    /// `sro-assess/assessment`, `sro-assess/comparison`, ...
    pub name: &'static str,
    pub format_version: u32,
}

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    format: &'static str,
    format_version: u32,
    tool_version: &'static str,
    /// True when the document carries internal notes (made with `--include-internal-notes`
    /// from answers that have some): it may name students and must not be published.
    confidential: bool,
    #[serde(flatten)]
    body: &'a T,
}

/// `body` inside the envelope, as pretty JSON ending in a newline.
pub(crate) fn to_json<T: Serialize>(kind: Kind, confidential: bool, body: &T) -> Result<Vec<u8>> {
    let envelope = Envelope {
        format: kind.name,
        format_version: kind.format_version,
        tool_version: env!("CARGO_PKG_VERSION"),
        confidential,
        body,
    };
    let mut bytes =
        serde_json::to_vec_pretty(&envelope).map_err(|e| encode_error(Format::Json, e))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Body {
        items: u32,
    }

    #[test]
    fn the_envelope_comes_first_and_the_body_follows_it() {
        let kind = Kind {
            name: "sro-assess/test",
            format_version: 3,
        };
        let text = String::from_utf8(to_json(kind, true, &Body { items: 2 }).unwrap()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], "sro-assess/test");
        assert_eq!(value["format_version"], 3);
        assert_eq!(value["tool_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(value["confidential"], true);
        assert_eq!(value["items"], 2);
        let order: Vec<usize> = [
            "\"format\"",
            "\"format_version\"",
            "\"tool_version\"",
            "\"confidential\"",
            "\"items\"",
        ]
        .iter()
        .map(|key| text.find(key).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.ends_with("}\n"));
    }
}
