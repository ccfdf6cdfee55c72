//! The deserializer wrapper both decoding paths read through. On the way it:
//!
//! - reads structs from JSON objects only. Derived `Deserialize` impls also accept a JSON
//!   array for a struct (fields by position), which the lenient decoder refuses; turning
//!   `deserialize_struct` into `deserialize_map` at every level makes the fast (strict) path
//!   decline such a body, and the lenient path decides, as for every other body the fast
//!   path cannot read (for the lenient decoder, which reads structs as maps anyway, this
//!   changes nothing);
//! - notes the path of every value the type ignores (an unknown field), as `serde_ignored`
//!   would, but with the keys borrowed from the body: a path is built only for an unknown
//!   field, not for every key read;
//! - on the fast path, notes the top-level `RetCode` values, so that the envelope needs no
//!   pass of its own.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{Key, Segment, COMMON_FIELDS};

/// What the pass noticed besides the value.
#[derive(Default)]
pub(super) struct Seen {
    /// Whether to note the top-level `RetCode` values.
    pub envelope: bool,
    /// Paths of the values the type ignored, except the common top-level fields.
    pub unknown: Vec<Vec<Segment>>,
    /// The top-level `RetCode` values (more than one if the body repeats the key).
    pub ret_codes: Vec<Value>,
}

impl Seen {
    /// What the fast path reports: the unknown fields' paths, sorted and each once (a key
    /// given twice; the lenient path's maps hold it once), and the `RetCode` values.
    pub(super) fn into_fast(self) -> (Vec<String>, Vec<Value>) {
        let mut unknown = self.unknown;
        unknown.sort();
        unknown.dedup();
        (super::joined(&unknown), self.ret_codes)
    }
}

/// Where a value sits; parents are borrowed from the wrappers of enclosing values.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn segments(self) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    out.push(Segment::Key(key.to_owned()));
                    at = *parent;
                }
                Path::Index(parent, index) => {
                    out.push(Segment::Index(index));
                    at = *parent;
                }
            }
        }
        out.reverse();
        out
    }

    /// A field the runtime reads itself (`RetCode`, `Action`, `Message` at the top).
    fn is_common_field(self) -> bool {
        matches!(self, Path::Key(Path::Root, key) if COMMON_FIELDS.contains(&key))
    }
}

/// `D` with structs read from objects only, noting what [`Seen`] holds.
pub(super) struct Tracked<'s, 'p, D> {
    de: D,
    seen: &'s mut Seen,
    path: Path<'p>,
}

impl<'s, D> Tracked<'s, 'static, D> {
    /// The whole body.
    pub(super) fn root(de: D, seen: &'s mut Seen) -> Self {
        Tracked {
            de,
            seen,
            path: Path::Root,
        }
    }
}

impl<'s, 'p, D> Tracked<'s, 'p, D> {
    fn wrap<V>(self, visitor: V) -> (D, Wrap<'s, 'p, V>) {
        let wrap = Wrap {
            visitor,
            seen: self.seen,
            path: self.path,
        };
        (self.de, wrap)
    }
}

macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let (de, visitor) = self.wrap(visitor);
            de.$method(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tracked<'_, '_, D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (de, visitor) = self.wrap(visitor);
        de.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (de, visitor) = self.wrap(visitor);
        de.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (de, visitor) = self.wrap(visitor);
        de.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (de, visitor) = self.wrap(visitor);
        de.deserialize_tuple_struct(name, len, visitor)
    }

    /// A struct only from an object.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (de, visitor) = self.wrap(visitor);
        de.deserialize_map(visitor)
    }

    /// Enums are read as they are (the generated ones are strings).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.de.deserialize_enum(name, variants, visitor)
    }

    /// A value the type does not want: an unknown field.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if !self.path.is_common_field() {
            self.seen.unknown.push(self.path.segments());
        }
        self.de.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// A visitor whose nested values are read through [`Tracked`] too.
struct Wrap<'s, 'p, V> {
    visitor: V,
    seen: &'s mut Seen,
    path: Path<'p>,
}

macro_rules! visit {
    ($($method:ident($ty:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

/// The scalar visits, forwarded as they are.
macro_rules! visit_scalars {
    () => {
        visit! {
            visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64)
            visit_i128(i128) visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64)
            visit_u128(u128) visit_f32(f32) visit_f64(f64) visit_char(char) visit_str(&str)
            visit_borrowed_str(&'de str) visit_string(String) visit_bytes(&[u8])
            visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.visitor.visit_none()
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.visitor.visit_unit()
        }
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    visit_scalars!();

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let (seen, path) = (self.seen, self.path);
        self.visitor.visit_some(Tracked { de, seen, path })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let (seen, path) = (self.seen, self.path);
        self.visitor
            .visit_newtype_struct(Tracked { de, seen, path })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_seq(Seq {
            seq,
            seen: self.seen,
            path: self.path,
            index: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_map(Map {
            map,
            seen: self.seen,
            path: self.path,
            key: None,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

struct Seq<'s, 'p, A> {
    seq: A,
    seen: &'s mut Seen,
    path: Path<'p>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<'_, '_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let path = Path::Index(&self.path, self.index);
        self.index += 1;
        self.seq.next_element_seed(Seed {
            seed,
            seen: &mut *self.seen,
            path,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct Map<'s, 'p, 'de, A> {
    map: A,
    seen: &'s mut Seen,
    path: Path<'p>,
    /// The key whose value comes next.
    key: Option<Key<'de>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(KeySeed {
            seed,
            key: &mut self.key,
        })
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let key = self.key.take();
        let key = key.as_ref().map_or("", Key::as_str);
        if self.seen.envelope && matches!(self.path, Path::Root) && key == "RetCode" {
            // Read it for the envelope, then hand it to the type (which may want it too).
            let value: Value = self.map.next_value()?;
            self.seen.ret_codes.push(value.clone());
            return seed.deserialize(value).map_err(de::Error::custom);
        }
        self.map.next_value_seed(Seed {
            seed,
            seen: &mut *self.seen,
            path: Path::Key(&self.path, key),
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Reads a value at `path` through [`Tracked`].
struct Seed<'s, 'p, S> {
    seed: S,
    seen: &'s mut Seen,
    path: Path<'p>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Tracked {
            de,
            seen: self.seen,
            path: self.path,
        })
    }
}

/// Reads a map key and keeps a copy of it in `key` (borrowed from the body when it can be).
struct KeySeed<'k, 'de, S> {
    seed: S,
    key: &'k mut Option<Key<'de>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyDe { de, key: self.key })
    }
}

struct KeyDe<'k, 'de, D> {
    de: D,
    key: &'k mut Option<Key<'de>>,
}

macro_rules! forward_key {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.de.$method(KeyVisitor { visitor, key: self.key })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, 'de, D> {
    type Error = D::Error;

    forward_key! {
        deserialize_any deserialize_bool
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = KeyVisitor {
            visitor,
            key: self.key,
        };
        self.de.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = KeyVisitor {
            visitor,
            key: self.key,
        };
        self.de.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.de.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.de.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.de.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visitor = KeyVisitor {
            visitor,
            key: self.key,
        };
        self.de.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Notes the key it visits; JSON keys are strings, read borrowed unless escaped.
struct KeyVisitor<'k, 'de, V> {
    visitor: V,
    key: &'k mut Option<Key<'de>>,
}

macro_rules! visit_key {
    ($($method:ident($ty:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            *self.key = Some(Key::Owned(v.to_string()));
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        *self.key = Some(Key::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        *self.key = Some(Key::Owned(v.clone()));
        self.visitor.visit_string(v)
    }

    visit_key! {
        visit_str(&str) visit_bool(bool) visit_char(char)
        visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128)
        visit_f32(f32) visit_f64(f64)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        *self.key = Some(Key::Owned(String::from_utf8_lossy(v).into_owned()));
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        *self.key = Some(Key::Owned(String::from_utf8_lossy(v).into_owned()));
        self.visitor.visit_borrowed_bytes(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}
