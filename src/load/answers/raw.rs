//! The serde mirror of an answers file: which keys exist at each level and which hold a
//! mapping. Its leaves stay `Value`s, so the checks can explain a value of the wrong kind in
//! the committee's words, quote a number as typed and read a status forgivingly.
//!
//! A key the mirror does not know is kept aside rather than refused, so that one run reports
//! every unknown key (with its nearest known one) and still checks the rest of the file.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_yaml::{Mapping, Value};

use crate::model::{ANSWER_KEYS, AnswerField};

/// The top level of an answers file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswersFile {
    pub checklist: Option<Value>,
    pub checklist_version: Option<Value>,
    pub profile: Option<Value>,
    pub district: Option<Value>,
    pub district_id: Option<Value>,
    pub label: Option<Value>,
    pub date: Option<Value>,
    pub prepared_by: Option<Value>,
    pub reviewed_by: Option<Value>,
    pub presented_on: Option<Value>,
    pub recommendation: Option<Value>,
    pub board_action: Option<Value>,
    pub option: Option<Shaped<RawOption>>,
    pub answers: Option<RawAnswers>,
}

/// The costs of the option an assessment weighs (`option:`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub annual_cost: Option<Value>,
    pub one_time_cost: Option<Value>,
    pub staff_fte: Option<Value>,
    pub years: Option<Value>,
}

/// The long form of an answer (`status:`, `note:`, ...): its keys are the fields of
/// [`AnswerField`], so a new field needs no change here.
pub(super) struct RawAnswerFields {
    values: [Option<Value>; AnswerField::ALL.len()],
}

/// One answer: the long form, or the shorthand `item.id: status` (any other value, which the
/// checks read as the status).
pub(super) type RawAnswer = Shaped<RawAnswerFields>;

/// `answers:`: the answers by item id, in file order, or a value that is not a mapping.
pub(super) enum RawAnswers {
    /// Each item id as written (text, or a number such as `1.1`) with its answer.
    ByItem(Vec<(Value, RawAnswer)>),
    NotAMapping(Value),
}

/// A value that should be a mapping read as `T`, or, when it is not one, the value itself.
/// The mapping is boxed: most answers are the shorthand, which then stay small.
pub(super) enum Shaped<T> {
    Mapping(Box<Keyed<T>>),
    Other(Value),
}

/// A mapping read as `T`, and the keys `T` does not have, in file order.
pub(super) struct Keyed<T> {
    pub known: T,
    /// `None` for a key that is not text.
    pub unknown: Vec<Option<String>>,
}

/// The keys of a level of the file, as its mirror states them.
pub(super) trait Keys {
    fn keys() -> &'static [&'static str];
}

impl Keys for RawAnswersFile {
    fn keys() -> &'static [&'static str] {
        struct_keys::<Self>()
    }
}

impl Keys for RawOption {
    fn keys() -> &'static [&'static str] {
        struct_keys::<Self>()
    }
}

impl Keys for RawAnswerFields {
    fn keys() -> &'static [&'static str] {
        &ANSWER_KEYS
    }
}

impl<T: Keys + DeserializeOwned> Keyed<T> {
    /// Sets aside the keys `T` does not know, then reads the rest as `T`. A key given no
    /// value (`note:`) is left out: the checks treat it as absent.
    pub fn read(mapping: Mapping) -> Result<Self, serde_yaml::Error> {
        let keys = T::keys();
        let mut known = Mapping::new();
        let mut unknown = Vec::new();
        for (key, value) in mapping {
            match key.as_str() {
                Some(name) if !keys.contains(&name) => unknown.push(Some(name.to_string())),
                None => unknown.push(None),
                // A known key under a tag (`!x note:`) was never looked up by its name.
                Some(_) if !matches!(key, Value::String(_)) => {}
                Some(_) if value.is_null() => {}
                Some(_) => {
                    known.insert(key, value);
                }
            }
        }
        let known = serde_yaml::from_value(Value::Mapping(known))?;
        Ok(Self { known, unknown })
    }
}

impl<T: Keys + DeserializeOwned> Shaped<T> {
    /// Reads a mapping under any tags, as [`Value::as_mapping`] sees one.
    pub fn read(value: Value) -> Result<Self, serde_yaml::Error> {
        match into_mapping(value) {
            Ok(mapping) => Keyed::read(mapping).map(|keyed| Self::Mapping(Box::new(keyed))),
            Err(other) => Ok(Self::Other(other)),
        }
    }

    /// Reads only an untagged mapping: a tagged one stays a value, which the checks then
    /// report as a tagged value where a status belongs.
    fn read_untagged(value: Value) -> Result<Self, serde_yaml::Error> {
        match value {
            Value::Mapping(mapping) => {
                Keyed::read(mapping).map(|keyed| Self::Mapping(Box::new(keyed)))
            }
            other => Ok(Self::Other(other)),
        }
    }
}

/// The mapping `value` is under any tags, or the value as written when it is no mapping.
pub(super) fn into_mapping(value: Value) -> Result<Mapping, Value> {
    if value.as_mapping().is_none() {
        return Err(value);
    }
    let mut value = value;
    loop {
        match value {
            Value::Mapping(mapping) => return Ok(mapping),
            Value::Tagged(tagged) => value = tagged.value,
            other => return Err(other),
        }
    }
}

impl<'de, T: Keys + DeserializeOwned> Deserialize<'de> for Shaped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::read(Value::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for RawAnswers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let by_item = match into_mapping(Value::deserialize(deserializer)?) {
            Ok(by_item) => by_item,
            Err(other) => return Ok(Self::NotAMapping(other)),
        };
        by_item
            .into_iter()
            .map(|(item, answer)| Ok((item, RawAnswer::read_untagged(answer)?)))
            .collect::<Result<_, serde_yaml::Error>>()
            .map(Self::ByItem)
            .map_err(de::Error::custom)
    }
}

impl RawAnswerFields {
    /// The value of `field`, when the answer gives one.
    pub fn get(&self, field: AnswerField) -> Option<&Value> {
        self.values[field_index(field)].as_ref()
    }
}

fn field_index(field: AnswerField) -> usize {
    AnswerField::ALL
        .iter()
        .position(|f| *f == field)
        .unwrap_or_default()
}

impl<'de> Deserialize<'de> for RawAnswerFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = RawAnswerFields;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an answer: a mapping with status and, optionally, note")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values: [Option<Value>; AnswerField::ALL.len()] = Default::default();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Option<Value>>()?;
            match AnswerField::from_key(&key) {
                Some(field) => values[field_index(field)] = value,
                None => return Err(de::Error::unknown_field(&key, &ANSWER_KEYS)),
            }
        }
        Ok(RawAnswerFields { values })
    }
}

/// The fields of a derived struct, as serde lists them to its deserializer: the struct states
/// its keys once, and the checks that name them read them from here.
fn struct_keys<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(KeyLister) {
        Err(Listed(fields)) => fields,
        Ok(_) => &[],
    }
}

/// A deserializer that reads nothing: asked for a struct, it answers with the struct's fields.
struct KeyLister;

#[derive(Debug)]
struct Listed(&'static [&'static str]);

impl fmt::Display for Listed {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "fields: {}", self.0.join(", "))
    }
}

impl std::error::Error for Listed {}

impl de::Error for Listed {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Self(&[])
    }
}

impl<'de> Deserializer<'de> for KeyLister {
    type Error = Listed;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Listed> {
        Err(Listed(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Listed> {
        Err(Listed(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Keyed<RawAnswersFile> {
        let Value::Mapping(root) = serde_yaml::from_str(text).unwrap() else {
            panic!("not a mapping");
        };
        Keyed::read(root).unwrap()
    }

    #[test]
    fn the_structs_state_their_keys() {
        assert_eq!(RawAnswersFile::keys().len(), 14);
        assert_eq!(RawAnswersFile::keys()[0], "checklist");
        assert_eq!(RawAnswersFile::keys()[13], "answers");
        assert_eq!(
            RawOption::keys(),
            ["annual_cost", "one_time_cost", "staff_fte", "years"]
        );
    }

    #[test]
    fn unknown_and_non_text_keys_are_kept_aside_in_file_order() {
        let file = read("districts: D\n1: x\nlabel: L\ndat: 2026-01-01\n");
        assert_eq!(
            file.unknown,
            [Some("districts".to_string()), None, Some("dat".to_string())]
        );
        assert_eq!(file.known.label, Some(Value::from("L")));
    }

    #[test]
    fn reads_both_forms_of_an_answer() {
        let file = read(
            "answers:\n  a.b: met\n  c.d: { status: partial, colour: red, note: }\n  e.f: [1]\n",
        );
        let Some(RawAnswers::ByItem(answers)) = file.known.answers else {
            panic!("answers not read as a mapping");
        };
        assert!(matches!(&answers[0].1, Shaped::Other(Value::String(s)) if s == "met"));
        let Shaped::Mapping(long) = &answers[1].1 else {
            panic!("long form not read");
        };
        assert_eq!(
            long.known.get(AnswerField::Status),
            Some(&Value::from("partial"))
        );
        assert_eq!(long.known.get(AnswerField::Note), None);
        assert_eq!(long.unknown, [Some("colour".to_string())]);
        assert!(matches!(&answers[2].1, Shaped::Other(Value::Sequence(_))));
    }

    #[test]
    fn answers_that_are_not_a_mapping_are_kept_as_written() {
        let file = read("answers: status:met\n");
        assert!(matches!(
            file.known.answers,
            Some(RawAnswers::NotAMapping(Value::String(_)))
        ));
    }
}
