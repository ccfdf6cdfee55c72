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
//! `base64` is the crate's own `serialize_with` helper for parameters the API wants
//! base64-encoded (generated code encodes through the field table). Values of [`Secret`](crate::Secret) and base64-encoded values
//! are marked sensitive and redacted wherever parameters are logged.

use std::convert::Infallible;
use std::fmt;
use std::fmt::Write as _;

use base64::Engine as _;
use serde::ser::{self, Impossible, Serialize, Serializer};

use super::secret::SECRET_MARKER;
use crate::Request;

mod model;
mod params;

pub(crate) use model::{model_params, Encoded};
pub(crate) use params::Params;

/// The parameters as `Name=value&…` with sensitive values replaced by `***`, for logs.
pub(crate) fn redacted(params: &Params) -> String {
    let mut out = String::new();
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(p.name);
        out.push('=');
        out.push_str(if p.sensitive { "***" } else { p.value });
    }
    out
}

/// `serialize_with` helper: sends the base64 (standard alphabet, padded) of the value,
/// redacted in logs (it may be a secret: this helper cannot tell).
pub(crate) fn base64<T: AsRef<str>, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(value.as_ref());
    serializer.serialize_newtype_struct(SECRET_MARKER, &encoded)
}

/// Sends the base64 of a generated field that the spec says is not a secret (`UserData`):
/// logs show it, as they show every other non-secret value.
pub(crate) fn base64_shown<S: Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(value))
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

/// A request's form parameters, in field order (not sorted): from its field table when it
/// has one ([`Request::as_model`]), then its extra parameters, once checked; else through
/// `Serialize`. Both give the same parameters. A request that breaks a rule its field
/// table carries (a required list left empty, an extra parameter that names a documented
/// one) is refused here, before anything is sent, by every path that sends it.
pub(crate) fn request_params<R: Request + ?Sized>(req: &R) -> crate::Result<Params> {
    let action = R::ACTION.name;
    match req.as_model() {
        Some(model) => model_request_params(action, model),
        None => match to_params(req) {
            Ok(params) => Ok(params),
            Err(e) => Err(encode_error(action, e)),
        },
    }
}

/// [`request_params`] from the field table: not generic, so compiled once for all
/// requests.
fn model_request_params(action: &str, model: &dyn crate::model::Model) -> crate::Result<Params> {
    let Encoded {
        mut params,
        empty_required_list,
    } = model_params(model).map_err(|e| encode_error(action, e))?;
    if let Some(parameter) = empty_required_list {
        return Err(crate::Error::InvalidRequest {
            action: action.to_owned(),
            parameter,
            reason: "a required list left empty (it must have at least one item)".into(),
        });
    }
    if let Some(extras) = model.extra_params().filter(|e| !e.is_empty()) {
        crate::model::check_extras(model, extras).map_err(|(parameter, reason)| {
            crate::Error::InvalidRequest {
                action: action.to_owned(),
                parameter,
                reason,
            }
        })?;
        for (name, value, secret) in extras.iter() {
            params.push(name, value, secret);
        }
        params.check_size().map_err(|e| encode_error(action, e))?;
    }
    Ok(params)
}

/// The client's error for parameters of `action` that cannot be encoded.
pub(crate) fn encode_error(action: &str, e: EncodeError) -> crate::Error {
    crate::Error::Encode {
        action: action.to_owned(),
        message: e.0,
    }
}

/// Flattens `value` into form parameters through `Serialize`, in field order (not sorted).
pub(crate) fn to_params<T: Serialize + ?Sized>(value: &T) -> Result<Params, EncodeError> {
    let mut out = Out::new();
    value.serialize(Encoder {
        out: &mut out,
        seg: Seg::Root,
        sensitive: false,
    })?;
    out.params.check_size()?;
    Ok(out.params)
}

/// Formats a float the way UCloud expects: no trailing `.0`, no exponent.
#[cfg(test)]
pub(crate) fn format_float(v: f64) -> Result<String, EncodeError> {
    let mut s = String::new();
    write_float(&mut s, v)?;
    Ok(s)
}

/// Appends `v` formatted the way UCloud expects. `Display` for floats never uses an
/// exponent and prints 42.0 as `42`; -0 is sent as `0`.
fn write_float<F: fmt::Display + PartialEq + Default>(
    out: &mut String,
    v: F,
) -> Result<(), EncodeError> {
    let start = out.len();
    let _ = write!(out, "{v}");
    let text = &out[start..];
    if matches!(text, "NaN" | "inf" | "-inf") {
        let text = text.to_owned();
        out.truncate(start);
        return Err(EncodeError(format!(
            "cannot send the non-finite number {text}"
        )));
    }
    if v == F::default() {
        out.truncate(start);
        out.push('0');
    }
    Ok(())
}

/// What the encoder writes into: the parameters, and the name of the list, struct or map
/// being encoded (`NetworkInterface.0.EIP`), grown and shrunk as the encoder goes in and out.
struct Out {
    params: Params,
    path: String,
}

impl Out {
    /// Room for a large request and the parameters the client adds to it (a
    /// `CreateUHostInstance` of 63 parameters takes 1.3 KB): growing the buffers costs more
    /// than their first allocation.
    fn new() -> Self {
        Out {
            params: Params::with_capacity(96, 2048),
            path: String::with_capacity(64),
        }
    }

    /// Sends one parameter named by the path and `seg`, whose value is `value`.
    #[inline]
    fn text(&mut self, seg: Seg<'_>, value: &str, sensitive: bool) {
        let Ok(()) = self.scalar::<Infallible>(seg, sensitive, |t| {
            t.push_str(value);
            Ok(())
        });
    }

    /// Sends one parameter named by the path and `seg`, whose value `write` appends.
    #[inline]
    fn scalar<E>(
        &mut self,
        seg: Seg<'_>,
        sensitive: bool,
        write: impl FnOnce(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        let text = self.params.text_mut();
        let start = text.len();
        seg.append_name(&self.path, text);
        let value = text.len();
        write(text)?;
        self.params.add(start, value, sensitive);
        Ok(())
    }

    /// Appends `.segment` (or `segment` at the top) to the path; returns the length to
    /// go back to.
    fn enter(&mut self, seg: Seg<'_>) -> usize {
        let restore = self.path.len();
        seg.append(!self.path.is_empty(), &mut self.path);
        restore
    }
}

/// The last segment of a parameter name, under the current path. The name itself is
/// written only for a value that is sent, so the many unset fields of a request cost
/// nothing.
#[derive(Clone, Copy)]
enum Seg<'k> {
    /// The request itself.
    Root,
    /// A struct field or map entry.
    Key(&'k str),
    /// A list element.
    Index(usize),
}

impl Seg<'_> {
    fn is_root(self) -> bool {
        matches!(self, Seg::Root)
    }

    /// Appends the name `prefix.segment` (`segment` under an empty prefix) to `out`.
    /// Inlined into each kind of value the encoder writes: most names are a top-level
    /// key, written with one copy.
    #[inline(always)]
    fn append_name(self, prefix: &str, out: &mut String) {
        if !prefix.is_empty() {
            out.push_str(prefix);
        }
        self.append(!prefix.is_empty(), out);
    }

    /// Appends the segment to `out`, after a dot if `dot`.
    #[inline]
    fn append(self, dot: bool, out: &mut String) {
        if self.is_root() {
            return;
        }
        if dot {
            out.push('.');
        }
        match self {
            Seg::Root => {}
            Seg::Key(key) => out.push_str(key),
            Seg::Index(index) => out.push_str(itoa::Buffer::new().format(index)),
        }
    }
}

/// Serializes one value whose parameter name is the path and `seg`.
struct Encoder<'a, 'k> {
    out: &'a mut Out,
    seg: Seg<'k>,
    sensitive: bool,
}

impl<'a> Encoder<'a, '_> {
    /// Sends one parameter whose value `write` appends.
    fn scalar(
        self,
        write: impl FnOnce(&mut String) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        if self.seg.is_root() {
            return Err(EncodeError(
                "the request must be a struct or a map, not a single value".into(),
            ));
        }
        self.out.scalar(self.seg, self.sensitive, write)
    }

    fn text(self, value: &str) -> Result<(), EncodeError> {
        self.scalar(|out| {
            out.push_str(value);
            Ok(())
        })
    }

    fn int(self, value: impl itoa::Integer) -> Result<(), EncodeError> {
        self.text(itoa::Buffer::new().format(value))
    }

    fn nested(self) -> Nested<'a> {
        let restore = self.out.enter(self.seg);
        Nested {
            out: self.out,
            restore,
            sensitive: self.sensitive,
            index: 0,
            key: None,
        }
    }

    fn list(self) -> Result<Nested<'a>, EncodeError> {
        if self.seg.is_root() {
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
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        // The f32 itself, so that 0.1f32 is sent as "0.1", not "0.10000000149011612".
        self.scalar(|out| write_float(out, v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        self.scalar(|out| write_float(out, v))
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.text(v)
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
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        if name == SECRET_MARKER {
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
        let restore = self.out.enter(self.seg);
        value.serialize(Encoder {
            seg: Seg::Key(variant),
            out: &mut *self.out,
            sensitive: self.sensitive,
        })?;
        self.out.path.truncate(restore);
        Ok(())
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

/// Serializes the members of a list, struct or map whose name is the path; puts the path
/// back as it was when done.
struct Nested<'a> {
    out: &'a mut Out,
    /// Length of the path before this container's segment.
    restore: usize,
    sensitive: bool,
    /// Next list index.
    index: usize,
    /// Map key waiting for its value.
    key: Option<String>,
}

impl Nested<'_> {
    fn child<'s>(&'s mut self, key: &'s str) -> Encoder<'s, 's> {
        Encoder {
            seg: Seg::Key(key),
            out: &mut *self.out,
            sensitive: self.sensitive,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let index = self.index;
        self.index += 1;
        value.serialize(Encoder {
            seg: Seg::Index(index),
            out: &mut *self.out,
            sensitive: self.sensitive,
        })
    }

    fn end(self) -> Result<(), EncodeError> {
        self.out.path.truncate(self.restore);
        Ok(())
    }
}

impl ser::SerializeSeq for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Nested::end(self)
    }
}

impl ser::SerializeTuple for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Nested::end(self)
    }
}

impl ser::SerializeTupleStruct for Nested<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        Nested::end(self)
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
        Nested::end(self)
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
        Nested::end(self)
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
