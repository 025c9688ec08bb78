//! The meeting file as written, before the rules: raw structs that mirror the file. Every scalar
//! is read as its source text (serde_yaml hands a string field the scalar's text), so `number: 3`,
//! `start: 19:30` and `start: 19.30` arrive exactly as typed.

use super::*;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a meeting: a mapping with title, date and items"
)]
pub(super) struct RawMeeting {
    pub(super) title: Option<String>,
    pub(super) date: Option<String>,
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    pub(super) location: Option<String>,
    pub(super) body: Option<String>,
    pub(super) chair: Option<String>,
    pub(super) clerk: Option<String>,
    pub(super) language: Option<String>,
    pub(super) factions: Option<OneOrMany<RawFaction>>,
    pub(super) speaking_time: Option<String>,
    pub(super) items: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an agenda item: a mapping with number, title and more"
)]
pub(super) struct RawItem {
    pub(super) number: Option<String>,
    pub(super) title: Option<String>,
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    pub(super) duration: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) portfolio_holder: Option<Names>,
    pub(super) informants: Option<OneOrMany<RawInformant>>,
    pub(super) co_authors: Option<Names>,
    pub(super) department: Option<String>,
    pub(super) requested_by: Option<Names>,
    pub(super) summary: Option<String>,
    pub(super) debate_question: Option<String>,
    pub(super) proposed_decision: Option<String>,
    pub(super) speaking_time: Option<String>,
    pub(super) attachments: Option<OneOrMany<RawAttachment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFaction {
    pub(super) name: Option<String>,
    pub(super) seats: Option<u32>,
    pub(super) members: Option<Names>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInformant {
    pub(super) name: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) email: Option<String>,
    pub(super) role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAttachment {
    pub(super) title: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) file: Option<String>,
}

/// Things that may be written as a bare name instead of a mapping.
pub(super) trait FromName {
    /// Completes "expected ..." in type errors.
    const EXPECTING: &'static str;
    fn from_name(name: String) -> Self;
}

impl FromName for RawFaction {
    const EXPECTING: &'static str = "a faction name, or a mapping with name, seats and members";
    fn from_name(name: String) -> Self {
        RawFaction {
            name: Some(name),
            seats: None,
            members: None,
        }
    }
}

impl FromName for RawInformant {
    const EXPECTING: &'static str = "a name, or a mapping with name, phone, email and role";
    fn from_name(name: String) -> Self {
        RawInformant {
            name: Some(name),
            phone: None,
            email: None,
            role: None,
        }
    }
}

impl FromName for RawAttachment {
    const EXPECTING: &'static str = "a title, or a mapping with title, kind and file";
    fn from_name(title: String) -> Self {
        RawAttachment {
            title: Some(title),
            kind: None,
            file: None,
        }
    }
}

/// A name or a mapping. Hand-written rather than `#[serde(untagged)]`, because an untagged enum
/// buffers the value and loses the location of an unknown key inside the mapping.
pub(super) struct NameOrMap<T>(pub(super) T);

/// One entry or a list of entries, each a name or a mapping.
pub(super) struct OneOrMany<T>(pub(super) Vec<T>);

/// One name or a list of names.
pub(super) struct Names(pub(super) Vec<String>);

/// Accepts any scalar as text. Under `deserialize_any` serde_yaml types plain scalars, so `2017`
/// arrives as a number; its text is the same, except that a float loses trailing zeros.
macro_rules! scalars_as_text {
    ($wrap:expr) => {
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
    };
}

impl<'de, T: Deserialize<'de> + FromName> Deserialize<'de> for NameOrMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameOrMapVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromName> Visitor<'de> for NameOrMapVisitor<T> {
            type Value = NameOrMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            scalars_as_text!(|text| NameOrMap(T::from_name(text)));
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(NameOrMap)
            }
        }
        deserializer.deserialize_any(NameOrMapVisitor(PhantomData))
    }
}

impl<'de, T: Deserialize<'de> + FromName> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromName> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{}, or a list of those", T::EXPECTING)
            }
            scalars_as_text!(|text| OneOrMany(vec![T::from_name(text)]));
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(NameOrMap(one)) = seq.next_element::<NameOrMap<T>>()? {
                    all.push(one);
                }
                Ok(OneOrMany(all))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamesVisitor;
        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or a list of names")
            }
            scalars_as_text!(|text| Names(vec![text]));
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut names = Vec::new();
                // Elements are read as strings, which gives their source text.
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_any(NamesVisitor)
    }
}
