//! `Deserialize` of generated structs and open enums: tolerant of the wire's quirks
//! (see the decoder), strict about required fields.

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::field::field_index;
use super::{
    enum_from_str, enum_from_string, int_enum_from, EnumSlot, Model, ModelVec, OpenEnum,
    OpenIntEnum, OptModelSlot, Slot,
};
use crate::decode::Key;
use crate::Secret;

/// `Deserialize` of a generated struct: from a map of wire names; every required field must
/// be present. A key the struct does not know is an error for a request struct
/// ([`Model::strict`]: the error names the key, the struct and the nearest known key), and
/// skipped otherwise (the client's decoder reports it).
pub fn deserialize<'de, T: Model, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let mut out = T::blank();
    d.deserialize_struct("struct", &[], Fields(&mut out))?;
    Ok(out)
}

/// Reads a map into a struct's fields.
struct Fields<'a>(&'a mut dyn Model);

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.0.type_name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = self.0.fields();
        let mut seen = Seen::new(fields.len());
        let mut next = 0;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.as_str();
            match field_index(fields, key, next) {
                Some(i) => {
                    seen.insert(i);
                    next = i + 1;
                    read(&mut map, self.0.slot_at(i))?;
                }
                None if self.0.strict() => {
                    return Err(de::Error::custom(unknown_key(&*self.0, key)));
                }
                None => read(&mut map, Slot::Unknown)?,
            }
        }
        let missing = fields
            .iter()
            .enumerate()
            .find(|(i, f)| f.required && !seen.contains(*i));
        match missing {
            Some((_, f)) => Err(de::Error::missing_field(f.wire)),
            None => Ok(()),
        }
    }
}

/// The fields of a struct read so far: a bit each, without allocating for the structs of
/// up to 128 fields that nearly all are (a reply has many small structs).
enum Seen {
    Few(u128),
    Many(Vec<bool>),
}

impl Seen {
    fn new(fields: usize) -> Self {
        if fields <= 128 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; fields])
        }
    }

    fn insert(&mut self, i: usize) {
        match self {
            Seen::Few(bits) => *bits |= 1 << i,
            Seen::Many(seen) => seen[i] = true,
        }
    }

    fn contains(&self, i: usize) -> bool {
        match self {
            Seen::Few(bits) => bits & (1 << i) != 0,
            Seen::Many(seen) => seen[i],
        }
    }
}

/// `unknown parameter "Zon" for DescribeXRequest (did you mean "Zone"?)`.
fn unknown_key(m: &dyn Model, key: &str) -> String {
    let known = m.fields().iter().map(|f| f.wire);
    let hint = match super::nearest::nearest(key, known) {
        Some(near) => format!(" (did you mean {near:?}?)"),
        None => String::new(),
    };
    format!("unknown parameter {key:?} for {}{hint}", m.type_name())
}

/// Reads the next map value into `slot`.
#[inline(always)]
fn read<'de, A: MapAccess<'de>>(map: &mut A, slot: Slot<'_>) -> Result<(), A::Error> {
    match slot {
        Slot::Unknown => {
            map.next_value::<de::IgnoredAny>()?;
        }
        Slot::Str(v) => *v = map.next_value()?,
        Slot::OptStr(v) => *v = map.next_value()?,
        Slot::Strs(v) => *v = map.next_value()?,
        Slot::Int(v) => *v = map.next_value()?,
        Slot::OptInt(v) => *v = map.next_value()?,
        Slot::Ints(v) => *v = map.next_value()?,
        Slot::Float(v) => *v = map.next_value()?,
        Slot::OptFloat(v) => *v = map.next_value()?,
        Slot::Floats(v) => *v = map.next_value()?,
        Slot::Bool(v) => *v = map.next_value()?,
        Slot::OptBool(v) => *v = map.next_value()?,
        Slot::Bools(v) => *v = map.next_value()?,
        Slot::Json(v) => *v = map.next_value()?,
        Slot::OptJson(v) => *v = map.next_value()?,
        Slot::Jsons(v) => *v = map.next_value()?,
        Slot::Secret(v) => *v = map.next_value()?,
        Slot::OptSecret(v) => *v = map.next_value()?,
        Slot::Secrets(v) => *v = map.next_value()?,
        Slot::Base64Str(v) => *v = map.next_value::<Decoded<String>>()?.0,
        Slot::OptBase64Str(v) => *v = map.next_value::<Option<Decoded<String>>>()?.map(|d| d.0),
        Slot::Base64Secret(v) => *v = Secret::from(map.next_value::<Decoded<String>>()?.0),
        Slot::OptBase64Secret(v) => {
            *v = map
                .next_value::<Option<Decoded<String>>>()?
                .map(|d| Secret::from(d.0));
        }
        Slot::Enum(v) => map.next_value_seed(EnumSeed(v))?,
        Slot::OptEnum(v) => map.next_value_seed(OptSeed(EnumSeed(v)))?,
        Slot::Enums(v) => map.next_value_seed(EnumsSeed(v))?,
        Slot::IntEnum(v) => v.set(map.next_value()?),
        Slot::OptIntEnum(v) => match map.next_value::<Option<i64>>()? {
            Some(code) => v.set(code),
            None => v.clear(),
        },
        Slot::IntEnums(v) => {
            let codes = map.next_value::<Vec<i64>>()?;
            v.clear();
            codes.into_iter().for_each(|code| v.set(code));
        }
        Slot::Model(v) => map.next_value_seed(ModelSeed(v))?,
        Slot::OptModel(v) => map.next_value_seed(OptModelSeed(v))?,
        Slot::Models(v) => map.next_value_seed(ModelsSeed(v))?,
    }
    Ok(())
}

/// A base64 field read from the wire: its decoded text.
struct Decoded<T>(T);

impl<'de> Deserialize<'de> for Decoded<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| de::Error::custom("expected base64"))?;
        String::from_utf8(bytes)
            .map(Decoded)
            .map_err(|_| de::Error::custom("expected base64 of UTF-8 text"))
    }
}

/// Reads a struct into the given one.
struct ModelSeed<'a>(&'a mut dyn Model);

impl<'de> DeserializeSeed<'de> for ModelSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("struct", &[], Fields(self.0))
    }
}

/// Reads `null` as `None`, anything else as a struct.
struct OptModelSeed<'a>(&'a mut dyn OptModelSlot);

impl<'de> DeserializeSeed<'de> for OptModelSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptModelSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        ModelSeed(self.0.insert_blank()).deserialize(d)
    }
}

/// Reads a list of structs.
struct ModelsSeed<'a>(&'a mut dyn ModelVec);

impl<'de> DeserializeSeed<'de> for ModelsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.clear();
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ModelsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Each element is read into a new item; the seed is placed before knowing whether
        // there is one, and a slot added for the end of the list is taken back.
        loop {
            let slot = self.0.push_blank();
            if seq.next_element_seed(ModelSeed(slot))?.is_none() {
                self.0.pop_blank();
                return Ok(());
            }
        }
    }
}

/// Reads an open enum value (or, for a list field, one item) from a string.
struct EnumSeed<'a>(&'a mut dyn EnumSlot);

impl<'de> DeserializeSeed<'de> for EnumSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let value = String::deserialize(d)?;
        self.0.set(value);
        Ok(())
    }
}

/// `null` as `None`, else the inner seed.
struct OptSeed<T>(T);

impl<'de> DeserializeSeed<'de> for OptSeed<EnumSeed<'_>> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(v) => self.0 .0.set(v),
            None => self.0 .0.clear(),
        }
        Ok(())
    }
}

/// Reads a list of open enum values.
struct EnumsSeed<'a>(&'a mut dyn EnumSlot);

impl<'de> DeserializeSeed<'de> for EnumsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let values = Vec::<String>::deserialize(d)?;
        self.0.clear();
        for v in values {
            self.0.set(v);
        }
        Ok(())
    }
}

/// `Deserialize` of an open enum: any string.
pub fn deserialize_enum<'de, E: OpenEnum, D: Deserializer<'de>>(d: D) -> Result<E, D::Error> {
    struct Values<E>(PhantomData<E>);
    impl<E: OpenEnum> Visitor<'_> for Values<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(enum_from_str(v))
        }
        fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
            Ok(enum_from_string(v))
        }
    }
    d.deserialize_string(Values(PhantomData))
}

/// `Deserialize` of an int-backed open enum: any integer (the lenient reader also takes a
/// numeric string).
pub fn deserialize_int_enum<'de, E: OpenIntEnum, D: Deserializer<'de>>(
    d: D,
) -> Result<E, D::Error> {
    i64::deserialize(d).map(int_enum_from)
}
