//! One value's schema from its scalar type and the facts the spec model decided about it
//! (enumeration, default, unit, secrecy, deprecation, docs). Nothing here reads a page's
//! text: every fact comes from [`FieldFacts`].

use super::schema::Schema;
use crate::diag::Diagnostics;
use crate::spec::{FieldFacts, Scalar, Span};
use serde_json::{Number, Value};

/// Extension naming a value's unit as the page states it (`GB`, `秒`).
pub const UNIT: &str = "x-ucloud-unit";
/// Extension holding a stated default that is not a value of the field's type, as written
/// (an int whose page says `默认值：Auto` cannot have `"Auto"` as its JSON default).
pub const DEFAULT_TEXT: &str = "x-ucloud-default";

/// `string`, `integer`, `number`, `boolean`, or `{}` (any JSON value) for an untyped one.
pub fn scalar(ty: Scalar) -> Schema {
    match ty {
        Scalar::String => Schema::typed("string"),
        Scalar::Int => Schema::typed("integer"),
        Scalar::Float => Schema::typed("number"),
        Scalar::Bool => Schema::typed("boolean"),
        Scalar::Any => Schema::default(),
    }
}

/// Where a value is, for diagnostics: the row and the field's name.
pub struct Place<'a> {
    pub at: &'a Span,
    pub name: &'a str,
}

/// The schema of one value (a list's element) of type `ty`: the documented values as
/// `enum` with `x-enum-descriptions`, the default, the unit, and `format: password` for a
/// secret string.
pub fn schema(ty: Scalar, facts: &FieldFacts, place: &Place, diags: &mut Diagnostics) -> Schema {
    let mut schema = scalar(ty);
    if let Some(e) = &facts.enumeration {
        let values: Option<Vec<Value>> = e.values.iter().map(|v| typed(ty, &v.value)).collect();
        match values {
            Some(values) => {
                schema.enumeration = values;
                if e.values.iter().any(|v| !v.doc.is_empty()) {
                    schema.enum_descriptions = e.values.iter().map(|v| v.doc.clone()).collect();
                }
            }
            None => diags.warn_at(
                "openapi-enum",
                place.at,
                format!(
                    "`{}` is {} but not every documented value is one ({}); the OpenAPI \
                     document gives no `enum` for it (the values stay in its description)",
                    place.name,
                    ty.as_str(),
                    e.values
                        .iter()
                        .map(|v| format!("{:?}", v.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        }
    }
    if let Some(default) = &facts.default {
        match typed(ty, default) {
            Some(v) => schema.default = Some(v),
            None => schema.extension(DEFAULT_TEXT, default.as_str()),
        }
    }
    if let Some(unit) = &facts.unit {
        schema.extension(UNIT, unit.as_str());
    }
    if facts.sensitive && ty == Scalar::String {
        schema.format = Some("password");
    }
    schema
}

/// The facts about the property as a whole (for a list, the list rather than an element):
/// its docs and whether it is deprecated.
pub fn describe(schema: &mut Schema, facts: &FieldFacts) {
    schema.description = facts.docs.clone();
    schema.deprecated = facts.deprecated;
}

/// `text` as a JSON value of type `ty`, if it is one: `1` for an int, `1.5` for a float,
/// `true` for a bool (`True` and `TRUE` too: the pages capitalise), the text for a string.
pub fn typed(ty: Scalar, text: &str) -> Option<Value> {
    let number = text.trim();
    match ty {
        Scalar::String | Scalar::Any => Some(Value::String(text.to_string())),
        Scalar::Int => number
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| number.parse::<u64>().map(Value::from))
            .ok(),
        Scalar::Float => number
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
        Scalar::Bool => match number.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_values() {
        assert_eq!(typed(Scalar::Int, "20"), Some(json!(20)));
        assert_eq!(typed(Scalar::Int, "Auto"), None);
        assert_eq!(typed(Scalar::Float, "1.5"), Some(json!(1.5)));
        assert_eq!(typed(Scalar::Float, "NaN"), None);
        assert_eq!(typed(Scalar::Bool, "False"), Some(json!(false)));
        assert_eq!(typed(Scalar::Bool, "0"), None);
        assert_eq!(typed(Scalar::String, "Month"), Some(json!("Month")));
    }
}
