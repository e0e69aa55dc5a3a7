//! The envelope every JSON output of the tool starts with, so that a reader can tell what a
//! file is, which shape it has and whether it may be published, before reading the rest.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde::Serialize;
use serde_json::{Value, json};

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

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Envelope<'a, T: Serialize> {
    /// What kind of document this is (`sro-assess/assessment`, ...).
    format: &'static str,
    /// The version of the document's shape, bumped whenever a field is renamed or removed.
    format_version: u32,
    /// The version of sro-assess that wrote it.
    tool_version: &'static str,
    /// True when the document carries internal notes (made with `--include-internal-notes`
    /// from answers that have some): it may name students and must not be published.
    confidential: bool,
    #[serde(flatten)]
    body: &'a T,
}

/// The JSON Schema (draft 2020-12) of `kind`'s documents: the envelope around `T`, derived from
/// the types that serialize them, with `format` and `format_version` fixed to `kind`'s so that
/// a document of another kind or version fails it.
pub(crate) fn schema<T: JsonSchema + Serialize + 'static>(kind: Kind) -> Schema {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Envelope<'static, T>>();
    absent_not_null(&mut schema);
    let short = kind.name.trim_start_matches("sro-assess/");
    schema.insert(
        "$id".into(),
        format!("urn:sro-assess:schema:{short}:{}", kind.format_version).into(),
    );
    schema.insert(
        "title".into(),
        format!("{}, format_version {}", kind.name, kind.format_version).into(),
    );
    schema.insert(
        "description".into(),
        format!(
            "A JSON document sro-assess writes: `{}` at format_version {}.",
            kind.name, kind.format_version
        )
        .into(),
    );
    if let Some(properties) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        for (field, value) in [
            ("format", json!(kind.name)),
            ("format_version", json!(kind.format_version)),
        ] {
            if let Some(property) = properties.get_mut(field).and_then(Value::as_object_mut) {
                property.remove("type");
                property.remove("format");
                property.remove("minimum");
                property.insert("const".into(), value);
            }
        }
    }
    schema
}

/// A field that is not required is one serde skips (`skip_serializing_if`): an `Option` is
/// then left out when `None`, never written as `null`, so its schema drops `null` and a
/// document that writes one has drifted.
fn absent_not_null(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        let required: Vec<Value> = object
            .get("required")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
            for (name, property) in properties.iter_mut() {
                if !required.contains(&Value::String(name.clone())) {
                    drop_null(property);
                }
            }
        }
    }
    schemars::transform::transform_subschemas(&mut absent_not_null, schema);
}

/// `property` without its `null` alternative: `"type": ["string", "null"]` becomes `"string"`,
/// `"anyOf": [{...}, {"type": "null"}]` the one schema left.
fn drop_null(property: &mut Value) {
    let Some(object) = property.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".into(), only);
        }
    }
    let null = json!({ "type": "null" });
    if let Some(Value::Array(alternatives)) = object.get_mut("anyOf") {
        alternatives.retain(|a| *a != null);
        if let [Value::Object(only)] = alternatives.as_slice() {
            let only = only.clone();
            object.remove("anyOf");
            object.extend(only);
        }
    }
}

/// [`schema`] as pretty JSON ending in a newline, as `--generate` prints it and `schemas/`
/// keeps it.
pub(crate) fn schema_json<T: JsonSchema + Serialize + 'static>(kind: Kind) -> Result<Vec<u8>> {
    let mut bytes =
        serde_json::to_vec_pretty(&schema::<T>(kind)).map_err(|e| encode_error(Format::Json, e))?;
    bytes.push(b'\n');
    Ok(bytes)
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

    #[derive(Serialize, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    struct Body {
        items: u32,
    }

    #[derive(Serialize, JsonSchema)]
    #[schemars(deny_unknown_fields)]
    struct Optional {
        /// Always written, `null` when unknown.
        written: Option<String>,
        /// Left out when unknown.
        #[serde(skip_serializing_if = "Option::is_none")]
        left_out: Option<Body>,
    }

    #[test]
    fn the_schema_fixes_the_kind_closes_the_body_and_refuses_null_for_a_skipped_field() {
        let kind = Kind {
            name: "sro-assess/test",
            format_version: 3,
        };
        let schema = schema::<Optional>(kind).to_value();
        assert_eq!(schema["$id"], "urn:sro-assess:schema:test:3");
        assert_eq!(schema["properties"]["format"]["const"], "sro-assess/test");
        assert_eq!(schema["properties"]["format_version"]["const"], 3);
        assert!(schema["properties"]["format"].get("type").is_none());
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["required"],
            json!([
                "format",
                "format_version",
                "tool_version",
                "confidential",
                "written"
            ])
        );
        assert_eq!(
            schema["properties"]["written"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(schema["properties"]["left_out"]["$ref"], "#/$defs/Body");
        assert!(schema["properties"]["left_out"].get("anyOf").is_none());
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
