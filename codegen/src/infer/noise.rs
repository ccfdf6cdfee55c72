//! Keys of a response example that are no evidence of a field, though no table lists them.
//! Measured against the official Go SDK, most inferred fields were such noise (3.8%
//! precision): a model's name written at the top of a flattened example, a request id the
//! runtime already reads from the response headers, a misspelling of a protocol field.

use crate::spec::{Field, FieldType, Model};
use std::collections::BTreeSet;

/// Fields every response has, or most list responses: a key a letter or two away from one
/// of them is its misspelling (`Aciton`, `TotolCount`), not another field.
const PROTOCOL_FIELDS: [&str; 4] = ["Action", "RetCode", "Message", "TotalCount"];

/// Request ids as examples spell them (compared lowercase, without `_` and `-`): the
/// runtime gives every call's request id (`X-UCLOUD-REQUEST-UUID`), so a field would only
/// repeat it.
const REQUEST_IDS: [&str; 4] = ["requestuuid", "requuid", "requestid", "reqid"];

/// Why `key`, which the tables of its owner lack, is not a field; `None` when it may be
/// one. `fields` are the owner's; `top` holds the keys of the example's response object
/// when the owner is the action's response itself.
pub fn why_not_a_field(
    key: &str,
    fields: &[Field],
    models: &[Model],
    top: Option<&BTreeSet<&str>>,
) -> Option<String> {
    if let Some(present) = top {
        if let Some(name) = misspelled_protocol_field(key) {
            return Some(format!("it is a misspelling of {name}"));
        }
        if is_request_id(key) {
            return Some(
                "it is the request id, which the SDK reads from every response's headers".into(),
            );
        }
        if let Some(model) = flattened_into(key, fields, models, present) {
            return Some(format!(
                "it is a field of the model {model}, which the page nests inside this response \
                 under a field the example leaves out: the example flattens that model's fields \
                 to the top"
            ));
        }
    }
    nested_models(fields, models)
        .into_iter()
        .find(|m| m.name == key)
        .map(|model| {
            format!(
                "it names the model {}, which the page nests inside this response: the example \
                 writes that model's object at the top instead of where the tables put it",
                model.name
            )
        })
}

/// The model whose field `key` is, when a response field that leads to it is missing from
/// the example (`present`): the example shows the model's fields where the field should be.
fn flattened_into<'a>(
    key: &str,
    fields: &[Field],
    models: &'a [Model],
    present: &BTreeSet<&str>,
) -> Option<&'a str> {
    let absent: Vec<Field> = fields
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Model(_)) && !present.contains(f.name.as_str()))
        .cloned()
        .collect();
    nested_models(&absent, models)
        .into_iter()
        .find(|m| m.fields.iter().any(|f| f.name.eq_ignore_ascii_case(key)))
        .map(|m| m.name.as_str())
}

fn misspelled_protocol_field(key: &str) -> Option<&'static str> {
    PROTOCOL_FIELDS.into_iter().find(|name| {
        // Same length: a letter swapped, doubled for another, or in the other case. A longer
        // or shorter key (`Messages`, `Count`) may well be a field of its own.
        key.len() == name.len() && (1..=2).contains(&strsim::damerau_levenshtein(key, name))
    })
}

fn is_request_id(key: &str) -> bool {
    let plain: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    REQUEST_IDS.contains(&plain.as_str())
}

/// The models the owner's fields reach, through one or more levels.
fn nested_models<'a>(fields: &[Field], models: &'a [Model]) -> Vec<&'a Model> {
    let mut reached = BTreeSet::new();
    let mut next: Vec<&str> = model_types(fields).collect();
    while let Some(name) = next.pop() {
        if !reached.insert(name.to_owned()) {
            continue;
        }
        if let Some(m) = models.iter().find(|m| m.name == name) {
            next.extend(model_types(&m.fields));
        }
    }
    models
        .iter()
        .filter(|m| reached.contains(&m.name))
        .collect()
}

fn model_types(fields: &[Field]) -> impl Iterator<Item = &str> {
    fields.iter().filter_map(|f| match &f.ty {
        FieldType::Model(m) => Some(m.as_str()),
        FieldType::Scalar(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_of_protocol_fields_are_noise_and_real_fields_are_not() {
        assert_eq!(misspelled_protocol_field("Aciton"), Some("Action"));
        assert_eq!(misspelled_protocol_field("TotolCount"), Some("TotalCount"));
        assert_eq!(misspelled_protocol_field("Retcode"), Some("RetCode"));
        assert_eq!(misspelled_protocol_field("TotalCount"), None);
        assert_eq!(misspelled_protocol_field("Count"), None);
        assert_eq!(misspelled_protocol_field("Messages"), None);
        assert_eq!(misspelled_protocol_field("UHostId"), None);
    }

    #[test]
    fn request_ids_in_their_spellings() {
        for key in ["Request_uuid", "ReqUuid", "RequestId", "request-uuid"] {
            assert!(is_request_id(key), "{key}");
        }
        for key in ["RequestNum", "OriginRequest", "TraceId", "EIPUUID"] {
            assert!(!is_request_id(key), "{key}");
        }
    }
}
