//! Tolerant decoding of responses: a `serde::Deserializer` over `serde_json::Value` that
//! forgives the type mismatches UCloud's APIs are known for.
//!
//! What it accepts beyond strict JSON typing:
//! - a number where a string is expected (sent as its decimal text), a bool there
//!   (`"true"`/`"false"`), or an object/array there (its JSON text);
//! - a numeric string where a number is expected (`"42"`, `" 7 "`, `"1.5"`), a float with
//!   an integral value where an integer is expected (`3.0` → `3`), `true`/`false` as 1/0;
//! - `true`/`false`, `1`/`0`, `"true"`/`"false"` (any case), `"1"`/`"0"` for bools;
//! - `null` (and, for numbers and bools, `""`) as the type's default: `None`, 0, false, an
//!   empty string, an empty list, a struct of defaults;
//! - `{}` or `""` for a list (empty), `[]` or `""` for a struct (all defaults), and a single
//!   value where a list is expected (a list of one);
//! - unknown fields, whose paths are collected (see `tracked`) and logged at debug level by
//!   the client.
//!
//! A value that cannot be read even so (e.g. `"abc"` for an integer, `1.5` for an
//! integer, `300` for a `u8`) fails with the path of the field, e.g. `ImageSet.2.PullCount`.
//!
//! Most bodies need none of this: the client first reads the type strictly, straight from
//! the JSON text (in one pass that also reads `RetCode`), and takes this lenient path over
//! a `serde_json::Value` only when that fails. Both give the same value and the same
//! unknown fields.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::{Map, Number, Value};

/// Fields of every response that the runtime handles itself and generated types omit.
const COMMON_FIELDS: &[&str] = &["RetCode", "Action", "Message"];

/// Decoding failure with the path of the field that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError {
    /// `None` until an enclosing container attaches the path; `.` is the whole body.
    pub path: Option<String>,
    pub message: String,
}

impl DecodeError {
    pub(crate) fn path(&self) -> &str {
        self.path.as_deref().unwrap_or(".")
    }

    fn at(mut self, path: Path<'_>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path(), self.message)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError {
            path: None,
            message: msg.to_string(),
        }
    }
}

/// Decodes `value` into `T` leniently; also returns the paths of fields present in
/// `value` that `T` does not know (except `RetCode`, `Action` and `Message` at the top).
pub(crate) fn decode<T: DeserializeOwned>(value: &Value) -> Result<(T, Vec<String>), DecodeError> {
    let mut seen = Seen::default();
    let de = Lenient {
        value,
        path: Path::Root,
    };
    let decoded = T::deserialize(tracked::Tracked::root(de, &mut seen))?;
    Ok((decoded, joined(&seen.unknown)))
}

/// Unknown fields' paths as text. Not inline in the generic decoders: a closure there
/// would be compiled again for every type decoded.
fn joined(unknown: &[Vec<Segment>]) -> Vec<String> {
    unknown.iter().map(|s| join(s)).collect()
}

/// [`decode`] for the mock's check of a reply: the unknown fields with their paths as
/// steps (the value itself is not needed).
#[cfg(feature = "testing")]
pub(crate) fn unknown_fields<T: DeserializeOwned>(
    value: &Value,
) -> Result<Vec<Vec<Segment>>, DecodeError> {
    let mut seen = Seen::default();
    let de = Lenient {
        value,
        path: Path::Root,
    };
    T::deserialize(tracked::Tracked::root(de, &mut seen))?;
    Ok(seen.unknown)
}

/// What the fast path read: the value, the unknown fields, and the top-level `RetCode`s.
pub(crate) struct Fast<T> {
    pub value: T,
    pub unknown_fields: Vec<String>,
    /// Every top-level `RetCode` value, in order (the body may repeat the key).
    pub ret_codes: Vec<Value>,
}

/// The fast path of [`decode`] for a body that needs no leniency: `T` read strictly,
/// straight from the JSON text in one pass, without building a `Value`, and the top-level
/// `RetCode`s noted on the way. `None` when any value does not fit `T` strictly (a number
/// in a string field, `null` for a list, a duplicate key, a list for a struct…) or the body
/// is not JSON: the caller then takes the lenient path, which decides. When this succeeds
/// the lenient path would give the same value, and the unknown fields are listed in the
/// same order (sorted by key at each level, as the lenient path walks `Value`'s sorted
/// maps).
pub(crate) fn decode_fast<T: DeserializeOwned>(body: &[u8]) -> Option<Fast<T>> {
    // Checked once here, the text's strings need no check each (`from_str`, not
    // `from_slice`). A body that is not UTF-8 is not JSON either.
    let text = std::str::from_utf8(body).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut seen = Seen {
        envelope: true,
        ..Seen::default()
    };
    let value = T::deserialize(tracked::Tracked::root(&mut de, &mut seen)).ok()?;
    de.end().ok()?;
    let (unknown_fields, ret_codes) = seen.into_fast();
    Some(Fast {
        value,
        unknown_fields,
        ret_codes,
    })
}

/// [`decode_fast`] without the envelope.
#[cfg(test)]
pub(crate) fn decode_strict<T: DeserializeOwned>(body: &[u8]) -> Option<(T, Vec<String>)> {
    decode_fast(body).map(|f| (f.value, f.unknown_fields))
}

/// One step of a path to an unknown field; ordered as the lenient path visits them.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// `A.0.B`; `.` for the whole body.
pub(crate) fn join(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        if !out.is_empty() {
            out.push('.');
        }
        match s {
            Segment::Key(k) => out.push_str(k),
            Segment::Index(i) => out.push_str(&i.to_string()),
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// Where a value sits in the response.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (parent, segment): (&Path<'_>, &dyn fmt::Display) = match self {
            Path::Root => return f.write_str("."),
            Path::Key(parent, key) => (parent, key),
            Path::Index(parent, index) => (parent, index),
        };
        if !matches!(parent, Path::Root) {
            write!(f, "{parent}.")?;
        }
        write!(f, "{segment}")
    }
}

/// The lenient deserializer for one value.
struct Lenient<'de, 'p> {
    value: &'de Value,
    path: Path<'p>,
}

/// 2^63, the first float above `i64::MAX`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

enum Int {
    Signed(i64),
    Unsigned(u64),
}

fn describe(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 64 {
        let mut cut = 61;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &text[..cut])
    } else {
        text
    }
}

impl<'de> Lenient<'de, '_> {
    fn invalid(&self, expected: &str) -> DecodeError {
        DecodeError {
            path: Some(self.path.to_string()),
            message: format!("expected {expected}, found {}", describe(self.value)),
        }
    }

    fn integer(&self) -> Result<Int, DecodeError> {
        let from_float = |f: f64| {
            if f.fract() != 0.0 || !f.is_finite() {
                None
            } else if (-TWO_POW_63..TWO_POW_63).contains(&f) {
                Some(Int::Signed(f as i64))
            } else if (0.0..2.0 * TWO_POW_63).contains(&f) {
                Some(Int::Unsigned(f as u64))
            } else {
                None
            }
        };
        let parsed = match self.value {
            Value::Null => Some(Int::Signed(0)),
            Value::Bool(b) => Some(Int::Signed(i64::from(*b))),
            Value::Number(n) => number_to_int(n).or_else(|| n.as_f64().and_then(from_float)),
            Value::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    Some(Int::Signed(0))
                } else if let Ok(i) = s.parse::<i64>() {
                    Some(Int::Signed(i))
                } else if let Ok(u) = s.parse::<u64>() {
                    Some(Int::Unsigned(u))
                } else {
                    s.parse::<f64>().ok().and_then(from_float)
                }
            }
            Value::Array(_) | Value::Object(_) => None,
        };
        parsed.ok_or_else(|| self.invalid("an integer"))
    }

    fn float(&self) -> Result<f64, DecodeError> {
        let parsed = match self.value {
            Value::Null => Some(0.0),
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Number(n) => n.as_f64(),
            Value::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    Some(0.0)
                } else {
                    s.parse::<f64>().ok()
                }
            }
            Value::Array(_) | Value::Object(_) => None,
        };
        parsed.ok_or_else(|| self.invalid("a number"))
    }

    fn visit_int<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.integer()? {
            Int::Signed(i) => visitor.visit_i64(i),
            Int::Unsigned(u) => visitor.visit_u64(u),
        }
    }

    fn seq<V: Visitor<'de>>(
        self,
        items: &'de [Value],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_seq(SeqAccess {
            items: items.iter().enumerate(),
            path: self.path,
        })
    }

    fn map<V: Visitor<'de>>(
        self,
        map: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_map(MapAccess {
            entries: map.iter(),
            value: None,
            path: self.path,
        })
    }
}

fn number_to_int(n: &Number) -> Option<Int> {
    n.as_i64()
        .map(Int::Signed)
        .or_else(|| n.as_u64().map(Int::Unsigned))
}

static EMPTY_LIST: [Value; 0] = [];

macro_rules! ints {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
            self.visit_int(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Lenient<'de, '_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match number_to_int(n) {
                Some(Int::Signed(i)) => visitor.visit_i64(i),
                Some(Int::Unsigned(u)) => visitor.visit_u64(u),
                None => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, visitor),
            Value::Object(map) => self.map(map, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let b = match self.value {
            Value::Null => Some(false),
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_f64() {
                Some(0.0) => Some(false),
                Some(1.0) => Some(true),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" | "" => Some(false),
                _ => None,
            },
            Value::Array(_) | Value::Object(_) => None,
        };
        match b {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.invalid("a boolean")),
        }
    }

    ints! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Null => visitor.visit_borrowed_str(""),
            Value::Bool(b) => visitor.visit_borrowed_str(if *b { "true" } else { "false" }),
            Value::Number(n) => visitor.visit_string(n.to_string()),
            other => visitor.visit_string(other.to_string()),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            _ => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Array(items) => self.seq(items, visitor),
            Value::Null => self.seq(&EMPTY_LIST, visitor),
            Value::String(s) if s.is_empty() => self.seq(&EMPTY_LIST, visitor),
            Value::Object(map) if map.is_empty() => self.seq(&EMPTY_LIST, visitor),
            // A lone value where a list is expected: a list of one.
            single => self.seq(std::slice::from_ref(single), visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        static EMPTY_MAP: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        match self.value {
            Value::Object(map) => self.map(map, visitor),
            Value::Null => self.map(EMPTY_MAP.get_or_init(Map::new), visitor),
            Value::Array(items) if items.is_empty() => {
                self.map(EMPTY_MAP.get_or_init(Map::new), visitor)
            }
            Value::String(s) if s.is_empty() => self.map(EMPTY_MAP.get_or_init(Map::new), visitor),
            _ => Err(self.invalid("an object")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Number(n) => visitor.visit_enum(n.to_string().into_deserializer()),
            _ => Err(self.invalid("a string naming an enum variant")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'de, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    path: Path<'p>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de, '_> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some((index, value)) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(&self.path, index);
        seed.deserialize(Lenient { value, path })
            .map(Some)
            .map_err(|e| e.at(path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'de, 'p> {
    entries: serde_json::map::Iter<'de>,
    value: Option<(&'de str, &'de Value)>,
    path: Path<'p>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de, '_> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let key_de = de::value::BorrowedStrDeserializer::<DecodeError>::new(key);
        seed.deserialize(key_de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("value requested before its key"))?;
        let path = Path::Key(&self.path, key);
        seed.deserialize(Lenient { value, path })
            .map_err(|e| e.at(path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A field name read by the `Deserialize` of generated structs: borrowed from the input when
/// it can be, so matching it allocates nothing.
pub(crate) enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the input had escapes, or is not borrowable).
    Owned(String),
}

impl Key<'_> {
    /// The name.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

mod tracked;

use tracked::Seen;

#[cfg(test)]
mod tests;
