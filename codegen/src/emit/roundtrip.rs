//! What a response example looks like when the SDK decodes it and serialises it back: the
//! expectation of the generated response example tests (see
//! `ucloud_sdk_runtime::__private::examples::assert_response_example`).
//!
//! It follows the runtime's documented rules: tolerant decoding (a number read into a string
//! field becomes its text, `"7"` read into an integer field becomes 7, `null` is `None`, a
//! lone value is a list of one, `{}`/`""` an empty list, `[]`/`""` an empty struct) and the
//! generated types' serialisation (`None` and empty lists are left out; `RetCode`, `Action`
//! and `Message` belong to the runtime, not to the response type). For an example that is
//! already typed as its tables say, the result is the example itself without those fields.
//! Only examples without page defects are checked, so unknown fields do not occur.

use crate::spec::{Action, Field, FieldType, Model, Scalar};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// Fields every response has; the runtime reads them itself.
const COMMON_FIELDS: [&str; 3] = ["RetCode", "Action", "Message"];

/// The action's response example as the SDK writes it back, if it has one.
pub fn response(action: &Action, models: &[Model]) -> Option<Value> {
    let Value::Object(map) = action.examples.response.as_ref()? else {
        return None;
    };
    let models: BTreeMap<&str, &Model> = models.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut top = map.clone();
    for common in COMMON_FIELDS {
        top.remove(common);
    }
    Some(object(&top, &action.response, &models))
}

fn object(map: &Map<String, Value>, fields: &[Field], models: &BTreeMap<&str, &Model>) -> Value {
    let mut out = Map::new();
    for (key, value) in map {
        let Some(f) = fields.iter().find(|f| f.name == *key) else {
            continue;
        };
        if let Some(v) = field(value, f, models) {
            out.insert(key.clone(), v);
        }
    }
    Value::Object(out)
}

/// The field's value as written back; `None` when it is left out (`None`, an empty list).
fn field(value: &Value, f: &Field, models: &BTreeMap<&str, &Model>) -> Option<Value> {
    if !f.array {
        return (!value.is_null()).then(|| element(value, &f.ty, models));
    }
    let items: Vec<Value> = match value {
        Value::Array(items) => items.iter().map(|v| element(v, &f.ty, models)).collect(),
        Value::Null => Vec::new(),
        Value::String(s) if s.is_empty() => Vec::new(),
        Value::Object(m) if m.is_empty() => Vec::new(),
        single => vec![element(single, &f.ty, models)],
    };
    (!items.is_empty()).then_some(Value::Array(items))
}

/// One value (a field's, or a list item, which may be `null`) as its type holds it.
fn element(value: &Value, ty: &FieldType, models: &BTreeMap<&str, &Model>) -> Value {
    match ty {
        FieldType::Scalar(Scalar::String) => Value::String(text(value)),
        FieldType::Scalar(Scalar::Any) => value.clone(),
        FieldType::Scalar(Scalar::Int) => integer(value).map_or(Value::Null, Value::from),
        FieldType::Scalar(Scalar::Float) => float(value)
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        FieldType::Scalar(Scalar::Bool) => boolean(value).map_or(Value::Null, Value::Bool),
        FieldType::Model(name) => match value {
            Value::Object(map) => {
                let fields = models.get(name.as_str()).map_or(&[][..], |m| &m.fields);
                object(map, fields, models)
            }
            _ => Value::Object(Map::new()),
        },
    }
}

/// A value read into a string: its text (JSON text for objects and lists).
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn integer(value: &Value) -> Option<i64> {
    let from_float = |f: f64| (f.is_finite() && f.fract() == 0.0).then_some(f as i64);
    match value {
        Value::Null => Some(0),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(from_float)),
        Value::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                Some(0)
            } else {
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().and_then(from_float))
            }
        }
        _ => None,
    }
}

fn float(value: &Value) -> Option<f64> {
    match value {
        Value::Null => Some(0.0),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => Some(0.0),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn boolean(value: &Value) -> Option<bool> {
    match value {
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
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn f(name: &str, ty: FieldType, array: bool) -> Field {
        Field {
            name: name.into(),
            ty,
            array,
            required: false,
            description: String::new(),
            source: crate::spec::Span::new("x.md", 1),
            inferred: None,
            overridden: Vec::new(),
            facts: Default::default(),
        }
    }

    #[test]
    fn tolerant_values_are_written_typed_and_empty_ones_left_out() {
        let fields = vec![
            f("Count", FieldType::Scalar(Scalar::Int), false),
            f("Name", FieldType::Scalar(Scalar::String), false),
            f("Tags", FieldType::Scalar(Scalar::String), true),
            f("Gone", FieldType::Scalar(Scalar::String), true),
            f("Ratio", FieldType::Scalar(Scalar::Float), false),
            f("On", FieldType::Scalar(Scalar::Bool), false),
            f("Null", FieldType::Scalar(Scalar::String), false),
        ];
        let example = json!({"Count": "7", "Name": 5, "Tags": "one", "Gone": {}, "Ratio": 2,
                             "On": "True", "Null": null});
        let map = example.as_object().unwrap();
        assert_eq!(
            object(map, &fields, &BTreeMap::new()),
            json!({"Count": 7, "Name": "5", "Tags": ["one"], "Ratio": 2.0, "On": true})
        );
    }
}
