//! Support for the generated types: what the [`model!`](crate::model!) and
//! [`open_enum!`](crate::open_enum!) macros expand to calls of. Generated crates use these
//! through the macros; they are public because macros expand in another crate.
//!
//! - Optional fields (`Option`, `Vec`) are left out when empty ([`Empty`]), so a value
//!   serialises back to the JSON it came from, and a request sends nothing for them.
//! - Fields the API wants base64-encoded are written encoded and read decoded ([`Base64`],
//!   [`FromBase64`]): a request read from wire-shaped JSON re-encodes to the same wire.
//! - Open enums ([`OpenEnum`]) map documented values to variants and keep any other value.

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::Secret;

/// Whether an optional field has nothing to send: `None`, or an empty list.
pub trait Empty {
    /// `true` for `None` and empty lists.
    fn is_empty_value(&self) -> bool;
}

impl<T> Empty for Option<T> {
    fn is_empty_value(&self) -> bool {
        self.is_none()
    }
}

impl<T> Empty for Vec<T> {
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

/// Serialises the wrapped field base64-encoded (standard alphabet, padded), marked
/// sensitive for logs.
pub struct Base64<'a, T: ?Sized>(pub &'a T);

/// A field type sent base64-encoded: a string or secret, or an optional one.
pub trait Base64Value {
    /// The plain text to encode, if any.
    fn plain(&self) -> Option<&str>;
}

impl Base64Value for String {
    fn plain(&self) -> Option<&str> {
        Some(self)
    }
}

impl Base64Value for Secret {
    fn plain(&self) -> Option<&str> {
        Some(self.expose())
    }
}

impl<T: Base64Value> Base64Value for Option<T> {
    fn plain(&self) -> Option<&str> {
        self.as_ref().and_then(T::plain)
    }
}

impl<T: Base64Value + ?Sized> Serialize for Base64<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.plain() {
            Some(v) => crate::encode::base64(&v, s),
            None => s.serialize_none(),
        }
    }
}

/// A field type that can be read from its base64 text: the plain value is what the
/// generated type holds.
pub trait FromBase64: Sized {
    /// Decodes `text`; `None` when it is not base64 of UTF-8 text.
    fn from_base64(text: &str) -> Option<Self>;
}

fn decode_base64(text: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

impl FromBase64 for String {
    fn from_base64(text: &str) -> Option<Self> {
        decode_base64(text)
    }
}

impl FromBase64 for Secret {
    fn from_base64(text: &str) -> Option<Self> {
        decode_base64(text).map(Secret::from)
    }
}

/// Reads a base64 field: the decoded value of a base64 string (`null` is `None`).
pub struct Decoded<T>(pub T);

impl<'de, T: FromBase64> Deserialize<'de> for Decoded<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        T::from_base64(&text)
            .map(Decoded)
            .ok_or_else(|| de::Error::custom("expected base64 of UTF-8 text"))
    }
}

impl<'de, T: FromBase64> Deserialize<'de> for Decoded<Option<T>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Decoded<T>>::deserialize(d).map(|v| Decoded(v.map(|d| d.0)))
    }
}

/// An enum of documented string values that keeps any other value too (an open enum): what
/// [`open_enum!`](crate::open_enum!) implements. A value the documentation does not list
/// still decodes, and can be sent.
pub trait OpenEnum: Sized {
    /// The documented values, in the order of the variants.
    const VALUES: &'static [&'static str];
    /// The variant of documented value `VALUES[index]`.
    fn documented(index: usize) -> Self;
    /// The catch-all variant, holding an undocumented value.
    fn undocumented(value: String) -> Self;
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
}

/// The variant for `value`: a documented one when it is listed, else the catch-all.
pub fn enum_from_str<E: OpenEnum>(value: &str) -> E {
    match E::VALUES.iter().position(|v| *v == value) {
        Some(i) => E::documented(i),
        None => E::undocumented(value.to_owned()),
    }
}

/// [`enum_from_str`] without copying a documented value's string.
pub fn enum_from_string<E: OpenEnum>(value: String) -> E {
    match E::VALUES.iter().position(|v| *v == value) {
        Some(i) => E::documented(i),
        None => E::undocumented(value),
    }
}

/// `Serialize` of an open enum: its wire string.
pub fn serialize_enum<E: OpenEnum, S: Serializer>(value: &E, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_fields_round_trip() {
        let plain = Secret::from("UCloud.cn");
        assert_eq!(
            serde_json::to_string(&Base64(&plain)).unwrap(),
            "\"VUNsb3VkLmNu\""
        );
        let back: Decoded<Secret> = serde_json::from_str("\"VUNsb3VkLmNu\"").unwrap();
        assert_eq!(back.0.expose(), "UCloud.cn");
        let none: Decoded<Option<String>> = serde_json::from_str("null").unwrap();
        assert_eq!(none.0, None);
        assert!(serde_json::from_str::<Decoded<String>>("\"not base64!\"").is_err());
    }

    #[test]
    fn empty_optional_fields() {
        assert!(None::<i64>.is_empty_value());
        assert!(Vec::<i64>::new().is_empty_value());
        assert!(!Some(0).is_empty_value());
        assert!(!vec![0].is_empty_value());
    }
}
