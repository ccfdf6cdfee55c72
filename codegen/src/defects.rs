//! Where a page's response example contradicts the page's own tables: a documentation
//! defect. The generated example test of such a page is still emitted but ignored, with the
//! reason, so that a user's `cargo test` passes and `cargo test -- --ignored` lists the
//! defects.
//!
//! The judgement follows the tolerant decoding rules the runtime documents (and implements
//! in `ucloud-sdk-runtime`'s `decode` module): a number or bool where a string is expected is
//! fine, as are numeric strings for numbers, `1`/`0`/`"true"` for bools, `null` for anything,
//! `{}`/`""` for an empty list, `[]`/`""` for an empty struct and a single value for a list
//! of one. What is left is a defect: a value no rule reads (`"PGQJugFR"` for an integer, an
//! object for a number), a field the tables do not have, or an enum value spelled in
//! another case than the page lists it (read as the value, but written back otherwise). `cargo xtask corpus` runs the
//! ignored tests and fails if one of them passes, so this judgement and the runtime's cannot
//! drift apart unnoticed.

use crate::spec::{Enumeration, Field, FieldType, Model, Scalar, Spec};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields every response has; the runtime reads them itself.
const COMMON_FIELDS: [&str; 3] = ["RetCode", "Action", "Message"];

/// Records on every action why its response example contradicts its tables, if it does.
pub fn mark(spec: &mut Spec) {
    for svc in &mut spec.services {
        let models: BTreeMap<&str, &Model> =
            svc.models.iter().map(|m| (m.name.as_str(), m)).collect();
        for action in &mut svc.actions {
            action.examples.response_defects = match &action.examples.response {
                Some(Value::Object(map)) => {
                    let mut found = Vec::new();
                    let fields = fields_of(&action.response);
                    object(map, &fields, "", true, &models, &mut found);
                    found
                }
                _ => Vec::new(),
            };
        }
    }
}

fn fields_of(fields: &[Field]) -> BTreeMap<&str, &Field> {
    fields.iter().map(|f| (f.name.as_str(), f)).collect()
}

fn object(
    map: &serde_json::Map<String, Value>,
    fields: &BTreeMap<&str, &Field>,
    path: &str,
    top: bool,
    models: &BTreeMap<&str, &Model>,
    found: &mut Vec<String>,
) {
    for (key, value) in map {
        let at = join(path, key);
        match fields.get(key.as_str()) {
            Some(f) => field(value, f, &at, models, found),
            None if top && COMMON_FIELDS.contains(&key.as_str()) => {}
            None => found.push(format!("{at} is not in the page's tables")),
        }
    }
}

fn field(
    value: &Value,
    f: &Field,
    path: &str,
    models: &BTreeMap<&str, &Model>,
    found: &mut Vec<String>,
) {
    if let Some(e) = f
        .facts
        .enumeration
        .as_ref()
        .filter(|_| f.facts.enum_type.is_some())
    {
        respelled(value, e, path, found);
    }
    if !f.array {
        return element(value, &f.ty, path, models, found);
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                element(item, &f.ty, &join(path, &i.to_string()), models, found);
            }
        }
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::Object(m) if m.is_empty() => {}
        // A lone value where a list is expected is a list of one.
        single => element(single, &f.ty, &join(path, "0"), models, found),
    }
}

fn element(
    value: &Value,
    ty: &FieldType,
    path: &str,
    models: &BTreeMap<&str, &Model>,
    found: &mut Vec<String>,
) {
    if value.is_null() {
        return;
    }
    let expected = match ty {
        FieldType::Scalar(s) if scalar_fits(value, *s) => return,
        FieldType::Scalar(Scalar::Int) => "an integer",
        FieldType::Scalar(Scalar::Float) => "a number",
        FieldType::Scalar(_) => "a boolean",
        FieldType::Model(name) => match value {
            Value::Object(map) => {
                let fields = models
                    .get(name.as_str())
                    .map(|m| fields_of(&m.fields))
                    .unwrap_or_default();
                return object(map, &fields, path, false, models, found);
            }
            Value::Array(a) if a.is_empty() => return,
            Value::String(s) if s.is_empty() => return,
            _ => "an object",
        },
    };
    let shown = match value {
        Value::String(s) => crate::diag::quoted(s),
        other => crate::diag::quoted(&other.to_string())
            .trim_matches('"')
            .to_string(),
    };
    found.push(format!(
        "{path}: the table says {expected}, the example has {shown}"
    ));
}

/// An enum field's example text that is a documented value only ignoring ASCII case
/// (`"esp"` where the page lists `ESP`): the runtime reads it as that value, and it is
/// written back in the documented spelling, so the example cannot round-trip. The page
/// contradicts itself; an override (`enum` with the example's spelling) says which is right.
fn respelled(value: &Value, e: &Enumeration, path: &str, found: &mut Vec<String>) {
    let texts: Vec<(String, &str)> = match value {
        Value::String(s) => vec![(path.to_string(), s.as_str())],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((join(path, &i.to_string()), v.as_str()?)))
            .collect(),
        _ => Vec::new(),
    };
    for (at, text) in texts {
        if e.values.iter().any(|v| v.value == text) {
            continue;
        }
        if let Some(v) = e.values.iter().find(|v| v.value.eq_ignore_ascii_case(text)) {
            found.push(format!(
                "{at}: the page lists {}, the example spells it {}",
                crate::diag::quoted(&v.value),
                crate::diag::quoted(text)
            ));
        }
    }
}

/// Whether the runtime reads `value` as a `scalar` (null aside).
fn scalar_fits(value: &Value, scalar: Scalar) -> bool {
    match scalar {
        Scalar::String | Scalar::Any => true,
        Scalar::Int => match value {
            Value::Bool(_) | Value::Null => true,
            Value::Number(n) => n.is_i64() || n.is_u64() || n.as_f64().is_some_and(integral),
            Value::String(s) => {
                let s = s.trim();
                s.is_empty()
                    || s.parse::<i64>().is_ok()
                    || s.parse::<u64>().is_ok()
                    || s.parse::<f64>().is_ok_and(integral)
            }
            Value::Array(_) | Value::Object(_) => false,
        },
        Scalar::Float => match value {
            Value::Bool(_) | Value::Null | Value::Number(_) => true,
            Value::String(s) => {
                let s = s.trim();
                s.is_empty() || s.parse::<f64>().is_ok()
            }
            Value::Array(_) | Value::Object(_) => false,
        },
        Scalar::Bool => match value {
            Value::Bool(_) | Value::Null => true,
            Value::Number(n) => matches!(n.as_f64(), Some(f) if f == 0.0 || f == 1.0),
            Value::String(s) => matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "false" | "0" | ""
            ),
            Value::Array(_) | Value::Object(_) => false,
        },
    }
}

/// A float the runtime takes as an integer: integral and within `i64`/`u64`.
fn integral(f: f64) -> bool {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    f.is_finite() && f.fract() == 0.0 && (-TWO_POW_63..2.0 * TWO_POW_63).contains(&f)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lenient_values_fit_and_others_do_not() {
        let fits = |v: Value, s| scalar_fits(&v, s);
        for v in [
            json!(3),
            json!("4"),
            json!(" 5 "),
            json!(2.0),
            json!(""),
            json!(true),
        ] {
            assert!(fits(v.clone(), Scalar::Int), "{v}");
        }
        for v in [json!("PGQJugFR"), json!(1.5), json!([1]), json!({})] {
            assert!(!fits(v.clone(), Scalar::Int), "{v}");
        }
        assert!(fits(json!("1.39684"), Scalar::Float));
        assert!(!fits(json!("abc"), Scalar::Float));
        for v in [json!("True"), json!(1), json!("0"), json!(false)] {
            assert!(fits(v.clone(), Scalar::Bool), "{v}");
        }
        assert!(!fits(json!("yes"), Scalar::Bool));
        assert!(!fits(json!(2), Scalar::Bool));
        assert!(fits(json!({"a": 1}), Scalar::String));
    }

    #[test]
    fn an_enum_value_in_another_case_is_a_defect() {
        let e = Enumeration {
            values: ["ESP", "AH"]
                .map(|v| crate::spec::EnumValue {
                    value: v.into(),
                    doc: String::new(),
                })
                .to_vec(),
            source: String::new(),
            reference: None,
        };
        let mut found = Vec::new();
        respelled(&json!("ESP"), &e, "P", &mut found);
        respelled(&json!("other"), &e, "P", &mut found);
        assert!(found.is_empty(), "{found:?}");
        respelled(&json!(["AH", "esp"]), &e, "P", &mut found);
        assert_eq!(
            found,
            ["P.1: the page lists \"ESP\", the example spells it \"esp\""]
        );
    }
}
