//! `Serialize` of generated structs and open enums.

use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde::Serialize;

use super::{each, list_len, Model, OpenEnum, OpenIntEnum, Value};

/// `Serialize` of a generated struct: a struct of its present fields, by wire name. The
/// length hint is the number of fields (absent ones are skipped): counting the present ones
/// first would walk the struct twice on the request path, and neither JSON nor the form
/// encoder uses it.
///
/// A request with extra parameters is a map instead: its fields, then each extra parameter
/// under its flattened name (`"Disks.0.Type"`), so the form encoder sends them too. (Reading
/// such JSON back fails on those names: a request reads only the keys it knows.)
pub fn serialize<S: Serializer>(m: &dyn Model, s: S) -> Result<S::Ok, S::Error> {
    if let Some(extras) = m.extra_params().filter(|e| !e.is_empty()) {
        return serialize_with_extras(m, extras, s);
    }
    let fields = m.fields();
    let mut st = s.serialize_struct(m.type_name(), fields.len())?;
    let mut i = 0;
    let mut result = Ok(());
    m.visit(&mut |v| {
        if result.is_ok() {
            if let (false, Some(info)) = (matches!(v, Value::Absent), fields.get(i)) {
                result = st.serialize_field(info.wire, &Ser(v));
            }
        }
        i += 1;
    });
    result?;
    st.end()
}

/// A request's present fields by wire name, then its extra parameters, as one map.
fn serialize_with_extras<S: Serializer>(
    m: &dyn Model,
    extras: &super::Extras,
    s: S,
) -> Result<S::Ok, S::Error> {
    let fields = m.fields();
    let mut map = s.serialize_map(None)?;
    let mut i = 0;
    let mut result = Ok(());
    m.visit(&mut |v| {
        if result.is_ok() {
            if let (false, Some(info)) = (matches!(v, Value::Absent), fields.get(i)) {
                result = map.serialize_entry(info.wire, &Ser(v));
            }
        }
        i += 1;
    });
    result?;
    for (name, value, secret) in extras.iter() {
        if secret {
            map.serialize_entry(name, &crate::Secret::new(value))?;
        } else {
            map.serialize_entry(name, value)?;
        }
    }
    map.end()
}

/// A value, serialised as the wire wants it.
struct Ser<'a>(Value<'a>);

impl Serialize for Ser<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Absent => s.serialize_none(),
            Value::Str(v) | Value::Enum(v) => s.serialize_str(v),
            Value::Int(v) => s.serialize_i64(v),
            Value::Float(v) => s.serialize_f64(v),
            Value::Bool(v) => s.serialize_bool(v),
            Value::Json(v) => v.serialize(s),
            Value::Secret(v) => v.serialize(s),
            Value::Base64(v) => crate::encode::base64_shown(v, s),
            Value::Base64Secret(v) => crate::encode::base64(&v.expose(), s),
            Value::Model(m) => serialize(m, s),
            Value::List(list) => {
                let mut seq = s.serialize_seq(Some(list_len(list)))?;
                let mut result = Ok(());
                each(list, |v| {
                    if result.is_ok() {
                        result = seq.serialize_element(&Ser(v));
                    }
                });
                result?;
                seq.end()
            }
        }
    }
}

/// `Serialize` of an open enum: its wire string.
pub fn serialize_enum<E: OpenEnum, S: Serializer>(value: &E, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_str())
}

/// `Serialize` of an int-backed open enum: its code.
pub fn serialize_int_enum<E: OpenIntEnum, S: Serializer>(
    value: &E,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_i64(value.value())
}
