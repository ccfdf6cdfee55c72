//! An action's `200` response and a product's data models. UCloud answers every call with
//! HTTP 200 and a JSON object holding `RetCode` (0 on success), `Action` and, on failure,
//! `Message`; the action's own fields come only on success, so their `required` list sits
//! under `if RetCode == 0`.

use super::document::{Example, MediaType, Response};
use super::schema::{Properties, Schema};
use super::value::{self, Place};
use crate::diag::Diagnostics;
use crate::spec::{Action, Field, FieldType, Model, Service, Span};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Extension of a field or model no table lists: the spec inferred it from a response
/// example.
pub const INFERRED: &str = "x-ucloud-inferred";

const JSON: &str = "application/json";
const COMMON_DOC: &str = "https://docs.ucloud.cn/api/summary/public";

/// A product's models, for resolving `model:Name` field types.
pub struct Scope<'a> {
    product: &'a str,
    models: BTreeSet<&'a str>,
}

impl<'a> Scope<'a> {
    pub fn new(svc: &'a Service) -> Scope<'a> {
        Scope {
            product: &svc.name,
            models: svc.models.iter().map(|m| m.name.as_str()).collect(),
        }
    }
}

/// `<product>.<Model>`, with any character a component name cannot hold (outside
/// `A-Za-z0-9._-`) as `_`.
pub fn model_key(product: &str, model: &str) -> String {
    format!("{product}.{model}")
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '_',
        })
        .collect()
}

/// The `200` response of `action`.
pub fn response(scope: &Scope, action: &Action, diags: &mut Diagnostics) -> Response {
    let mut properties = Properties::known([
        ("RetCode", common("integer", RET_CODE)),
        ("Action", common("string", ACTION)),
        ("Message", common("string", MESSAGE)),
    ]);
    let (fields, required) = fields(scope, &action.response, &action.source, diags);
    for (name, schema) in fields {
        if properties.insert(&name, schema).is_err() {
            diags.error_at(
                "openapi-duplicate",
                &action.source,
                format!(
                    "{}: a response field is named `{name}`, which every response has",
                    action.name
                ),
            );
        }
    }
    let mut schema = Schema::object(properties, vec!["RetCode".into(), "Action".into()]);
    if !required.is_empty() {
        schema.condition = Some(Box::new(Schema {
            properties: Properties::known([(
                "RetCode",
                Schema {
                    constant: Some(json!(0)),
                    ..Schema::default()
                },
            )]),
            ..Schema::default()
        }));
        schema.then = Some(Box::new(Schema {
            required,
            ..Schema::default()
        }));
    }
    let mut media = MediaType {
        schema,
        encoding: BTreeMap::new(),
        examples: BTreeMap::new(),
    };
    if let Some(example) = &action.examples.response {
        media
            .examples
            .insert("page", response_example(action, example));
    }
    Response {
        description: "UCloud's answer: `RetCode` 0 and the action's fields on success, \
                      another `RetCode` and a `Message` on failure (always HTTP 200)."
            .into(),
        content: BTreeMap::from([(JSON, media)]),
    }
}

const RET_CODE: &str = "0 on success; any other value is an error described by `Message`.";
const ACTION: &str = "The action answered, with `Response` appended to its name.";
const MESSAGE: &str = "What went wrong, when `RetCode` is not 0.";

fn common(ty: &'static str, doc: &str) -> Schema {
    Schema {
        description: format!("{doc} See {COMMON_DOC}."),
        ..Schema::typed(ty)
    }
}

fn response_example(action: &Action, example: &Value) -> Example {
    let description = match action.examples.response_defects.as_slice() {
        [] => String::new(),
        defects => format!(
            "The example contradicts the page's tables: {}.",
            defects.join("; ")
        ),
    };
    Example {
        summary: "The page's response example".into(),
        description,
        value: example.clone(),
    }
}

/// The component schema of a model.
pub fn model(scope: &Scope, model: &Model, diags: &mut Diagnostics) -> Schema {
    let at = model.sources.first().cloned().unwrap_or_default();
    let (properties, required) = fields(scope, &model.fields, &at, diags);
    let mut schema = Schema::object(properties, required);
    if model.inferred.is_some() {
        schema.extension(INFERRED, true);
    }
    schema
}

/// The properties for `fields` and the names of the required ones.
fn fields(
    scope: &Scope,
    fields: &[Field],
    owner: &Span,
    diags: &mut Diagnostics,
) -> (Properties, Vec<String>) {
    let mut properties = Properties::default();
    let mut required = Vec::new();
    for f in fields {
        if properties.insert(&f.name, field(scope, f, diags)).is_err() {
            diags.error_at(
                "openapi-duplicate",
                owner,
                format!("two fields are named `{}`", f.name),
            );
            continue;
        }
        if f.required {
            required.push(f.name.clone());
        }
    }
    (properties, required)
}

/// One field: a scalar with its facts or a reference to a model, in an array when the
/// field is a list.
fn field(scope: &Scope, f: &Field, diags: &mut Diagnostics) -> Schema {
    let item = match &f.ty {
        FieldType::Scalar(ty) => {
            let place = Place {
                at: &f.source,
                name: &f.name,
            };
            value::schema(*ty, &f.facts, &place, diags)
        }
        FieldType::Model(name) => {
            if !scope.models.contains(name.as_str()) {
                diags.error_at(
                    "openapi-unresolved",
                    &f.source,
                    format!(
                        "`{}` is of model `{name}`, which product {} does not define",
                        f.name, scope.product
                    ),
                );
            }
            Schema::reference(format!(
                "#/components/schemas/{}",
                model_key(scope.product, name)
            ))
        }
    };
    let mut schema = if f.array { Schema::array(item) } else { item };
    value::describe(&mut schema, &f.facts);
    if f.inferred.is_some() {
        schema.extension(INFERRED, true);
    }
    schema
}

#[cfg(test)]
mod tests {
    #[test]
    fn component_names_keep_what_they_may_hold() {
        assert_eq!(super::model_key("vpc2.0", "RouteRule"), "vpc2.0.RouteRule");
        assert_eq!(super::model_key("uddos-uclean", "A_b"), "uddos-uclean.A_b");
        assert_eq!(super::model_key("x", "规则 Set"), "x.___Set");
    }
}
