//! The serde mirror of an answers file: which keys exist at each level and which hold a
//! mapping. Its leaves stay `Value`s, so the checks can explain a value of the wrong kind in
//! the committee's words, quote a number as typed and read a status forgivingly.
//!
//! A key the mirror does not know is kept aside rather than refused, so that one run reports
//! every unknown key (with its nearest known one) and still checks the rest of the file.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{EnumAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    Visitor,
};
use serde_yaml::{Mapping, Value};

use crate::error::{Diagnostic, Location};
use crate::model::{ANSWER_KEYS, AnswerField};

/// The file read into its mirror, or what it is instead of a mapping of keys.
pub(super) enum Root {
    File(Box<Keyed<RawAnswersFile>>),
    NotAMapping(Value),
}

impl Root {
    /// Reads the parsed tree into the mirror. Its leaves take any value, so only a fault of
    /// the mirror itself could fail here; that is reported, not panicked on.
    pub fn read(root: Value, problems: &mut Vec<Diagnostic>) -> Self {
        let mapping = match into_mapping(root) {
            Ok(mapping) => mapping,
            Err(other) => return Self::NotAMapping(other),
        };
        match Keyed::read(mapping) {
            Ok(file) => Self::File(Box::new(file)),
            Err(error) => {
                problems.push(Diagnostic::error(
                    Some(Location { line: 1, column: 1 }),
                    format!("the answers file could not be read: {error}"),
                ));
                Self::File(Box::default())
            }
        }
    }

    pub fn file(&self) -> Option<&RawAnswersFile> {
        match self {
            Self::File(file) => Some(&file.known),
            Self::NotAMapping(_) => None,
        }
    }
}

/// The keys at the top of an answers file.
pub(super) fn top_keys() -> &'static [&'static str] {
    RawAnswersFile::keys()
}

/// The keys of `option:`.
pub(super) fn option_keys() -> &'static [&'static str] {
    RawOption::keys()
}

/// The keys of `consensus:`.
pub(super) fn consensus_keys() -> &'static [&'static str] {
    RawConsensus::keys()
}

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
    pub rater: Option<Value>,
    pub rater_group: Option<Value>,
    pub reviewed_by: Option<Value>,
    pub presented_on: Option<Value>,
    pub recommendation: Option<Value>,
    pub board_action: Option<Value>,
    pub option: Option<Shaped<RawOption>>,
    pub consensus: Option<Shaped<RawConsensus>>,
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

/// How a committee's consensus was reached (`consensus:`), as `sro-assess consensus` writes
/// it; `groups` is a mapping of the committee's own group names, read by the checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConsensus {
    pub members: Option<Value>,
    pub groups: Option<Value>,
    pub threshold: Option<Value>,
    pub percent_agreement: Option<Value>,
    pub krippendorff_alpha_ordinal: Option<Value>,
    pub flagged: Option<Value>,
}

/// The long form of an answer (`status:`, `note:`, ...): its keys are the fields of
/// [`AnswerField`], so a new field needs no change here.
pub(super) struct RawAnswerFields {
    values: [Option<Value>; AnswerField::ALL.len()],
}

/// `answers:`: each item id as written (text, or a number such as `1.1`) with its answer, in
/// file order.
pub(super) struct AnswersByItem {
    pub entries: Vec<(Value, RawAnswer)>,
}

pub(super) type RawAnswers = MappingOr<AnswersByItem>;

/// One answer: the long form, or the shorthand `item.id: status` (any other value, which the
/// checks read as the status).
pub(super) type RawAnswer = Shaped<RawAnswerFields>;

/// A value that should be a mapping of `T`'s keys.
pub(super) type Shaped<T> = MappingOr<Keyed<T>>;

/// A value that should be a mapping, read as `M`, or, when it is not one, the value itself.
/// The mapping is boxed: most answers are the shorthand, which then stay small.
pub(super) enum MappingOr<M> {
    Mapping(Box<M>),
    Other(Value),
}

/// A mapping read as `T`, and the keys `T` does not have, in file order.
#[derive(Default)]
pub(super) struct Keyed<T> {
    pub known: T,
    /// `None` for a key that is not text.
    pub unknown: Vec<Option<String>>,
}

/// A level of the file whose keys are known: what they are, and how it is read from them.
pub(super) trait Keys: Sized {
    fn keys() -> &'static [&'static str];

    /// Reads the level from its known keys, each given a value.
    fn from_known(known: Vec<(String, Value)>) -> Result<Self, serde_yaml::Error>;
}

impl Keys for RawAnswersFile {
    fn keys() -> &'static [&'static str] {
        struct_keys::<Self>()
    }

    fn from_known(known: Vec<(String, Value)>) -> Result<Self, serde_yaml::Error> {
        derived_from_known(known)
    }
}

impl Keys for RawOption {
    fn keys() -> &'static [&'static str] {
        struct_keys::<Self>()
    }

    fn from_known(known: Vec<(String, Value)>) -> Result<Self, serde_yaml::Error> {
        derived_from_known(known)
    }
}

impl Keys for RawConsensus {
    fn keys() -> &'static [&'static str] {
        struct_keys::<Self>()
    }

    fn from_known(known: Vec<(String, Value)>) -> Result<Self, serde_yaml::Error> {
        derived_from_known(known)
    }
}

impl Keys for RawAnswerFields {
    fn keys() -> &'static [&'static str] {
        &ANSWER_KEYS
    }

    /// Placed by hand: this runs once per answer, and the keys are known to be fields.
    fn from_known(known: Vec<(String, Value)>) -> Result<Self, serde_yaml::Error> {
        let mut values: [Option<Value>; AnswerField::ALL.len()] = Default::default();
        for (key, value) in known {
            if let Some(field) = AnswerField::from_key(&key) {
                values[field_index(field)] = Some(value);
            }
        }
        Ok(Self { values })
    }
}

fn derived_from_known<T: DeserializeOwned>(
    known: Vec<(String, Value)>,
) -> Result<T, serde_yaml::Error> {
    let mapping = known
        .into_iter()
        .map(|(key, value)| (Value::String(key), value))
        .collect();
    serde_yaml::from_value(Value::Mapping(mapping))
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

/// A level that is read from a mapping: from the parsed tree's own, or as it is deserialized.
pub(super) trait FromMapping: Sized {
    fn from_entries(
        entries: impl Iterator<Item = (Value, Value)>,
    ) -> Result<Self, serde_yaml::Error>;

    /// Reads the entries as they are deserialized, without building a mapping first.
    fn from_map_access<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(entry) = map.next_entry::<Value, Value>()? {
            entries.push(entry);
        }
        Self::from_entries(entries.into_iter()).map_err(de::Error::custom)
    }
}

impl<T: Keys> FromMapping for Keyed<T> {
    /// Sets aside the keys `T` does not know, then reads the rest as `T`. A key given no
    /// value (`note:`) is left out: the checks treat it as absent.
    fn from_entries(
        entries: impl Iterator<Item = (Value, Value)>,
    ) -> Result<Self, serde_yaml::Error> {
        let keys = T::keys();
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        for (key, value) in entries {
            match key {
                // A known key under a tag (`!x note:`) was never looked up by its name.
                _ if key.as_str().is_some_and(|name| keys.contains(&name)) => {
                    if let Value::String(name) = key
                        && !value.is_null()
                    {
                        known.push((name, value));
                    }
                }
                _ => unknown.push(key.as_str().map(str::to_string)),
            }
        }
        Ok(Self {
            known: T::from_known(known)?,
            unknown,
        })
    }
}

impl FromMapping for AnswersByItem {
    fn from_entries(
        entries: impl Iterator<Item = (Value, Value)>,
    ) -> Result<Self, serde_yaml::Error> {
        let entries = entries
            .map(|(item, answer)| Ok((item, RawAnswer::read_untagged(answer)?)))
            .collect::<Result<_, serde_yaml::Error>>()?;
        Ok(Self { entries })
    }

    /// Each answer is deserialized in place: the file's largest part is read in one pass.
    fn from_map_access<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(item) = map.next_key::<Value>()? {
            let answer = map.next_value_seed(MappingOrVisitor::<Keyed<RawAnswerFields>> {
                under_tags: false,
                read: PhantomData,
            })?;
            entries.push((item, answer));
        }
        Ok(Self { entries })
    }
}

impl<T: Keys> Keyed<T> {
    pub fn read(mapping: Mapping) -> Result<Self, serde_yaml::Error> {
        Self::from_entries(mapping.into_iter())
    }
}

impl<M: FromMapping> MappingOr<M> {
    /// Reads a mapping under any tags, as [`Value::as_mapping`] sees one.
    fn read(value: Value) -> Result<Self, serde_yaml::Error> {
        match into_mapping(value) {
            Ok(mapping) => Ok(Self::Mapping(Box::new(M::from_entries(
                mapping.into_iter(),
            )?))),
            Err(other) => Ok(Self::Other(other)),
        }
    }

    /// Reads only an untagged mapping: a tagged one stays a value, which the checks then
    /// report as a tagged value where a status belongs.
    fn read_untagged(value: Value) -> Result<Self, serde_yaml::Error> {
        match value {
            Value::Mapping(mapping) => Ok(Self::Mapping(Box::new(M::from_entries(
                mapping.into_iter(),
            )?))),
            other => Ok(Self::Other(other)),
        }
    }
}

/// The mapping `value` is under any tags, or the value as written when it is no mapping.
fn into_mapping(value: Value) -> Result<Mapping, Value> {
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

impl<'de, M: FromMapping> Deserialize<'de> for MappingOr<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        MappingOrVisitor {
            under_tags: true,
            read: PhantomData,
        }
        .deserialize(deserializer)
    }
}

/// Reads a mapping as `M` while it is deserialized, and any other value as the `Value` it is.
struct MappingOrVisitor<M> {
    /// Whether a tagged mapping counts as a mapping (see [`MappingOr::read_untagged`]).
    under_tags: bool,
    read: PhantomData<M>,
}

impl<'de, M: FromMapping> DeserializeSeed<'de> for MappingOrVisitor<M> {
    type Value = MappingOr<M>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, M: FromMapping> Visitor<'de> for MappingOrVisitor<M> {
    type Value = MappingOr<M>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        M::from_map_access(map).map(|read| MappingOr::Mapping(Box::new(read)))
    }

    /// serde_yaml hands a tagged value over as an enum.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(EnumAccessDeserializer::new(data))?;
        match self.under_tags {
            true => MappingOr::read(value).map_err(de::Error::custom),
            false => Ok(MappingOr::Other(value)),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(MappingOr::Other)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(MappingOr::Other(Value::Null))
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
        assert_eq!(RawAnswersFile::keys().len(), 17);
        assert_eq!(RawAnswersFile::keys()[0], "checklist");
        assert_eq!(RawAnswersFile::keys()[16], "answers");
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
        let Some(MappingOr::Mapping(answers)) = file.known.answers else {
            panic!("answers not read as a mapping");
        };
        let answers = answers.entries;
        assert!(matches!(&answers[0].1, MappingOr::Other(Value::String(s)) if s == "met"));
        let MappingOr::Mapping(long) = &answers[1].1 else {
            panic!("long form not read");
        };
        assert_eq!(
            long.known.get(AnswerField::Status),
            Some(&Value::from("partial"))
        );
        assert_eq!(long.known.get(AnswerField::Note), None);
        assert_eq!(long.unknown, [Some("colour".to_string())]);
        assert!(matches!(
            &answers[2].1,
            MappingOr::Other(Value::Sequence(_))
        ));
    }

    #[test]
    fn answers_that_are_not_a_mapping_are_kept_as_written() {
        let file = read("answers: status:met\n");
        assert!(matches!(
            file.known.answers,
            Some(MappingOr::Other(Value::String(_)))
        ));
    }

    #[test]
    fn tags_are_read_as_the_checks_have_always_seen_them() {
        let file = read(
            "option: !costs { years: 5 }\n!x label: L\nanswers: !list\n  a.b: !pick { status: met }\n",
        );
        // A tagged mapping is a mapping where `option` and `answers` belong...
        assert!(matches!(file.known.option, Some(MappingOr::Mapping(_))));
        let Some(MappingOr::Mapping(answers)) = file.known.answers else {
            panic!("tagged answers not read as a mapping");
        };
        // ...but a tagged answer is a value, reported where its status belongs.
        assert!(matches!(
            &answers.entries[0].1,
            MappingOr::Other(Value::Tagged(_))
        ));
        // A known key under a tag is neither read nor unknown.
        assert_eq!(file.known.label, None);
        assert!(file.unknown.is_empty());
    }
}
