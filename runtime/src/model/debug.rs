//! `Debug` and `PartialEq` of generated structs, field by field through their [`Model`].

use std::fmt;

use super::{each, List, Model, Shape, Value};

/// `Debug` of a generated struct: like the derive, with `Secret`s redacted; a request's
/// extra parameters, when it has any, last (`extras: {"Name": "value"}`).
pub fn debug(m: &dyn Model, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut s = f.debug_struct(m.type_name());
    let fields = m.fields();
    let mut i = 0;
    m.visit(&mut |v| {
        if let Some(info) = fields.get(i) {
            s.field(info.name, &Shown(v, info.shape));
        }
        i += 1;
    });
    if let Some(extras) = m.extra_params().filter(|e| !e.is_empty()) {
        s.field("extras", extras);
    }
    s.finish()
}

/// A value as `Debug` shows it in its field's shape (`Some(…)`, `None`, `[…]`).
struct Shown<'a>(Value<'a>, Shape);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0, self.1) {
            (Value::Absent, Shape::Optional) => f.write_str("None"),
            (Value::Absent, _) => f.write_str("[]"),
            (v, Shape::Optional) => f.debug_tuple("Some").field(&Plain(v)).finish(),
            (v, _) => Plain(v).fmt(f),
        }
    }
}

struct Plain<'a>(Value<'a>);

impl fmt::Debug for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Absent => f.write_str("None"),
            Value::Str(s) | Value::Base64(s) | Value::Enum(s) => s.fmt(f),
            Value::Int(i) => i.fmt(f),
            Value::Float(x) => x.fmt(f),
            Value::Bool(b) => b.fmt(f),
            Value::Json(j) => j.fmt(f),
            Value::Secret(s) | Value::Base64Secret(s) => s.fmt(f),
            Value::Model(m) => debug(m, f),
            Value::List(list) => {
                let mut l = f.debug_list();
                each(list, |v| {
                    l.entry(&Plain(v));
                });
                l.finish()
            }
        }
    }
}

/// `PartialEq` of two structs of one generated type: field by field, and their extra
/// parameters.
pub fn eq(a: &dyn Model, b: &dyn Model) -> bool {
    fields_eq(a, b) && a.extra_params() == b.extra_params()
}

fn fields_eq(a: &dyn Model, b: &dyn Model) -> bool {
    let mut left = Vec::with_capacity(a.fields().len());
    a.visit(&mut |v| left.push(v));
    let mut i = 0;
    let mut same = true;
    b.visit(&mut |v| {
        same = same && left.get(i).is_some_and(|l| value_eq(*l, v));
        i += 1;
    });
    same && i == left.len()
}

fn value_eq(a: Value<'_>, b: Value<'_>) -> bool {
    match (a, b) {
        (Value::Absent, Value::Absent) => true,
        (Value::Str(x), Value::Str(y))
        | (Value::Base64(x), Value::Base64(y))
        | (Value::Enum(x), Value::Enum(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Json(x), Value::Json(y)) => x == y,
        (Value::Secret(x), Value::Secret(y)) | (Value::Base64Secret(x), Value::Base64Secret(y)) => {
            x == y
        }
        (Value::Model(x), Value::Model(y)) => eq(x, y),
        (Value::List(x), Value::List(y)) => list_eq(x, y),
        _ => false,
    }
}

fn list_eq(a: List<'_>, b: List<'_>) -> bool {
    let mut left = Vec::new();
    each(a, |v| left.push(v));
    let mut right = Vec::new();
    each(b, |v| right.push(v));
    left.len() == right.len() && left.iter().zip(right).all(|(l, r)| value_eq(*l, r))
}
