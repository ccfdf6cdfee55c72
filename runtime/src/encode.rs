//! Form encoding of requests: a `serde::Serializer` that flattens any `Serialize` value
//! into UCloud's `Name.0.Field` parameters.
//!
//! Rules:
//! - the top level must be a struct or a map (a `serde_json::Value` object works too);
//! - a list is numbered from 0: `Name.0`, `Name.1`, …;
//! - nested structs and maps join names with dots, to any depth:
//!   `NetworkInterface.0.EIP.Bandwidth`;
//! - `None`, `()` and JSON `null` are left out; an empty list sends nothing;
//! - `bool` becomes `true`/`false`;
//! - floats have no trailing `.0` and never use scientific notation (`42.0` → `42`,
//!   `1e21` → `1000000000000000000000`); NaN and infinities are refused;
//! - unit enum variants become their (serde-renamed) name.
//!
//! [`base64()`] and [`base64_opt`] are `serialize_with` helpers for parameters the API
//! wants base64-encoded. Values of [`Secret`](crate::Secret) and base64-encoded values
//! are marked sensitive and redacted wherever parameters are logged.

use std::fmt;

use base64::Engine as _;
use serde::ser::{self, Impossible, Serialize, Serializer};

use super::secret::SECRET_MARKER;

/// Newtype name that [`base64`] uses to mark its output as sensitive.
const BASE64_MARKER: &str = "$ucloud_sdk::Base64";

/// One form parameter.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Param {
    pub name: String,
    pub value: String,
    /// Redact the value in logs (a `Secret`, a base64 value, the signature, a token).
    pub sensitive: bool,
}

impl Param {
    pub(crate) fn new(name: impl Into<String>, value: impl Into<String>, sensitive: bool) -> Self {
        Param {
            name: name.into(),
            value: value.into(),
            sensitive,
        }
    }
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.sensitive { "***" } else { &self.value };
        write!(f, "{}={value:?}", self.name)
    }
}

/// The parameters as `Name=value&…` with sensitive values replaced by `***`, for logs.
pub(crate) fn redacted(params: &[Param]) -> String {
    let mut out = String::new();
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&p.name);
        out.push('=');
        out.push_str(if p.sensitive { "***" } else { &p.value });
    }
    out
}

/// `serialize_with` helper: sends the base64 (standard alphabet, padded) of the value.
pub fn base64<T: AsRef<str>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(value.as_ref());
    serializer.serialize_newtype_struct(BASE64_MARKER, &encoded)
}

/// `serialize_with` helper for optional values: `None` is left out, `Some` is sent as
/// with [`base64()`].
pub fn base64_opt<T: AsRef<str>, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => base64(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// Encoding failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EncodeError(pub String);

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        EncodeError(msg.to_string())
    }
}

/// Flattens `value` into form parameters, in field order (not sorted).
pub(crate) fn to_params<T: Serialize + ?Sized>(value: &T) -> Result<Vec<Param>, EncodeError> {
    let mut out = Vec::new();
    value.serialize(Encoder {
        out: &mut out,
        name: Name::Root,
        sensitive: false,
    })?;
    Ok(out)
}

/// Formats a float the way UCloud expects: no trailing `.0`, no exponent.
pub(crate) fn format_float(v: f64) -> Result<String, EncodeError> {
    if !v.is_finite() {
        return Err(EncodeError(format!(
            "cannot send the non-finite number {v}"
        )));
    }
    // `Display` for f64 never uses scientific notation and prints 42.0 as "42".
    let s = v.to_string();
    Ok(if s == "-0" { "0".to_owned() } else { s })
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        let mut name = String::with_capacity(prefix.len() + 1 + key.len());
        name.push_str(prefix);
        name.push('.');
        name.push_str(key);
        name
    }
}

/// A parameter name not built yet: the enclosing name and this value's segment. It is
/// built only for a value that is sent or has members, so the many unset fields of a
/// request cost nothing.
#[derive(Clone, Copy)]
enum Name<'n> {
    /// The request itself.
    Root,
    /// A struct field or map entry.
    Key(&'n str, &'n str),
    /// A list element.
    Index(&'n str, usize),
}

impl Name<'_> {
    fn is_root(self) -> bool {
        matches!(self, Name::Root)
    }

    fn build(self) -> String {
        match self {
            Name::Root => String::new(),
            Name::Key(prefix, key) => join(prefix, key),
            Name::Index(prefix, index) => {
                use std::fmt::Write as _;
                let mut name = String::with_capacity(prefix.len() + 4);
                name.push_str(prefix);
                if !prefix.is_empty() {
                    name.push('.');
                }
                let _ = write!(name, "{index}");
                name
            }
        }
    }
}

/// Serializes one value whose parameter name is `name`.
struct Encoder<'a, 'n> {
    out: &'a mut Vec<Param>,
    name: Name<'n>,
    sensitive: bool,
}

impl<'a> Encoder<'a, '_> {
    fn scalar(self, value: String) -> Result<(), EncodeError> {
        if self.name.is_root() {
            return Err(EncodeError(
                "the request must be a struct or a map, not a single value".into(),
            ));
        }
        self.out.push(Param {
            name: self.name.build(),
            value,
            sensitive: self.sensitive,
        });
        Ok(())
    }

    fn nested(self) -> Nested<'a> {
        Nested {
            out: self.out,
            prefix: self.name.build(),
            sensitive: self.sensitive,
            index: 0,
            key: None,
        }
    }

    fn list(self) -> Result<Nested<'a>, EncodeError> {
        if self.name.is_root() {
            return Err(EncodeError(
                "the request must be a struct or a map, not a list".into(),
            ));
        }
        Ok(self.nested())
    }
}

fn unsupported(what: &str) -> EncodeError {
    EncodeError(format!("{what} cannot be sent as a form parameter"))
}

impl<'a> Serializer for Encoder<'a, '_> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Nested<'a>;
    type SerializeTuple = Nested<'a>;
    type SerializeTupleStruct = Nested<'a>;
    type SerializeTupleVariant = Impossible<(), EncodeError>;
    type SerializeMap = Nested<'a>;
    type SerializeStruct = Nested<'a>;
    type SerializeStructVariant = Impossible<(), EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.scalar(if v { "true" } else { "false" }.to_owned())
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        if !v.is_finite() {
            return Err(EncodeError(format!(
                "cannot send the non-finite number {v}"
            )));
        }
        // Format the f32 itself so that 0.1f32 is sent as "0.1", not "0.10000000149011612".
        let s = v.to_string();
        self.scalar(if s == "-0" { "0".to_owned() } else { s })
    }
    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        let s = format_float(v)?;
        self.scalar(s)
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.scalar(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.scalar(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), EncodeError> {
        Err(unsupported("raw bytes (use encode::base64)"))
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.scalar(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        if name == SECRET_MARKER || name == BASE64_MARKER {
            self.sensitive = true;
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let prefix = self.name.build();
        value.serialize(Encoder {
            name: Name::Key(&prefix, variant),
            out: self.out,
            sensitive: self.sensitive,
        })
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Nested<'a>, EncodeError> {
        self.list()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Nested<'a>, EncodeError> {
        self.list()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Nested<'a>, EncodeError> {
        self.list()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(unsupported("a tuple enum variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Nested<'a>, EncodeError> {
        Ok(self.nested())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Nested<'a>, EncodeError> {
        Ok(self.nested())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(unsupported("a struct enum variant"))
    }
}

/// Serializes the members of a list, struct or map under `prefix`.
struct Nested<'a> {
    out: &'a mut Vec<Param>,
    prefix: String,
    sensitive: bool,
    /// Next list index.
    index: usize,
    /// Map key waiting for its value.
    key: Option<String>,
}

impl Nested<'_> {
    fn child<'s>(&'s mut self, key: &'s str) -> Encoder<'s, 's> {
        Encoder {
            name: Name::Key(&self.prefix, key),
            out: &mut *self.out,
            sensitive: self.sensitive,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let index = self.index;
        self.index += 1;
        value.serialize(Encoder {
            name: Name::Index(&self.prefix, index),
            out: &mut *self.out,
            sensitive: self.sensitive,
        })
    }
}

impl ser::SerializeSeq for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeTuple for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeStruct for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.serialize(self.child(key))
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ser::SerializeMap for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        self.key = Some(key_segment(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| EncodeError("map value without a key".into()))?;
        value.serialize(self.child(&key))
    }
    fn end(self) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// Turns a map key into a parameter name segment: strings, integers and unit enum
/// variants are accepted.
fn key_segment<T: Serialize + ?Sized>(key: &T) -> Result<String, EncodeError> {
    match key.serialize(serde_json::value::Serializer) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(serde_json::Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        _ => Err(EncodeError(
            "map keys must be strings, integers or unit enum variants".into(),
        )),
    }
}

#[cfg(test)]
mod tests;
