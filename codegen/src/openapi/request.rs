//! An action's request body: an `application/x-www-form-urlencoded` object built from the
//! spec's request tree, so `Disks.N.IsBoot` is the `IsBoot` property of the items of the
//! `Disks` array. OpenAPI has no serialisation style for UCloud's flattening (`Disks.0.IsBoot`:
//! members joined by `.`, list items by their 0-based index), so each nested property's
//! encoding carries [`STYLE`] and each nested leaf its wire name ([`WIRE_NAME`]).

use super::document::{Example, MediaType, RequestBody};
use super::example;
use super::schema::{Properties, Schema};
use super::value::{self, Place};
use crate::diag::Diagnostics;
use crate::spec::{Action, Param, ParamNode};
use serde_json::Value;
use std::collections::BTreeMap;

/// Extension of a nested property's encoding object: how UCloud flattens it.
pub const STYLE: &str = "x-ucloud-style";
/// [`STYLE`]'s value: members as `Name.Member`, list items as `Name.0`, `Name.1`, ….
pub const DOTTED: &str = "dotted";
/// Extension of a nested leaf: its wire name with `N` for list indices (`Disks.N.IsBoot`).
pub const WIRE_NAME: &str = "x-ucloud-wire-name";

const FORM: &str = "application/x-www-form-urlencoded";

const BODY_DOC: &str = "The action's parameters as an HTML form, sent with `POST /` and \
`Action` among them (UCloud reads the action from the form, not from the path). Nested \
parameters are flattened as UCloud does, which no OpenAPI style describes: an object's \
members as `Name.Member` and a list's items as `Name.0`, `Name.1`, … (0-based), combined as \
deep as they nest (`Disks.0.IsBoot=True`). Each nested property's encoding says \
`x-ucloud-style: dotted` and each nested leaf gives its wire name in `x-ucloud-wire-name`. \
`PublicKey` and `Signature` (see the security scheme) are added to the same form.";

/// The request body of `action`.
pub fn body(action: &Action, diags: &mut Diagnostics) -> RequestBody {
    let action_name = Schema {
        description: "The action's name.".into(),
        constant: Some(Value::String(action.name.clone())),
        ..Schema::typed("string")
    };
    let mut properties = Properties::known([("Action", action_name)]);
    let mut required = vec!["Action".to_string()];
    let mut encoding = BTreeMap::new();
    for node in &action.request_tree {
        if node.list || node.param.is_none() {
            encoding.insert(
                node.name.clone(),
                BTreeMap::from([(STYLE, Value::from(DOTTED))]),
            );
        }
        add(&mut properties, &mut required, node, action, diags);
    }
    let mut media = MediaType {
        schema: Schema::object(properties, required),
        encoding,
        examples: BTreeMap::new(),
    };
    if !action.examples.request.is_empty() {
        media.examples.insert(
            "page",
            Example {
                summary: "The page's request example".into(),
                description: format!(
                    "The page's names and values as a form: `{}`",
                    form(&action.name, &action.examples.request)
                ),
                value: example::request(action),
            },
        );
    }
    RequestBody {
        description: BODY_DOC.into(),
        required: true,
        content: BTreeMap::from([(FORM, media)]),
    }
}

/// Adds `node`'s property to an object's `properties` (and its name to `required`).
fn add(
    properties: &mut Properties,
    required: &mut Vec<String>,
    node: &ParamNode,
    action: &Action,
    diags: &mut Diagnostics,
) {
    let Some(schema) = property(node, action, diags) else {
        return;
    };
    if let Err(name) = properties.insert(&node.name, schema) {
        diags.error_at(
            "openapi-duplicate",
            &action.source,
            format!(
                "{}: the request has two parameters named `{name}` at one level",
                action.name
            ),
        );
        return;
    }
    if node.required {
        required.push(node.name.clone());
    }
}

/// The schema of one node: a leaf's value, or an object of its children; an array of
/// either for a list (at least one item when required: an empty list sends nothing).
fn property(node: &ParamNode, action: &Action, diags: &mut Diagnostics) -> Option<Schema> {
    let (inner, param) = match node.param {
        Some(i) => {
            let Some(param) = action.request.get(i) else {
                diags.error_at(
                    "openapi-internal",
                    &action.source,
                    format!(
                        "{}: request tree node `{}` points at parameter {i}, which does not exist",
                        action.name, node.name
                    ),
                );
                return None;
            };
            (leaf_value(param, diags), Some(param))
        }
        None => (group(&node.children, action, diags), None),
    };
    let mut schema = if node.list {
        let mut list = Schema::array(inner);
        if node.required {
            list.min_items = Some(1);
        }
        list
    } else {
        inner
    };
    if let Some(param) = param {
        value::describe(&mut schema, &param.facts);
        if param.wire_name.contains('.') {
            schema.extension(WIRE_NAME, param.wire_name.as_str());
        }
    }
    Some(schema)
}

/// One value of a leaf parameter: its type and facts, base64 as `contentEncoding`.
fn leaf_value(param: &Param, diags: &mut Diagnostics) -> Schema {
    let place = Place {
        at: &param.source,
        name: &param.wire_name,
    };
    let mut schema = value::schema(param.ty, &param.facts, &place, diags);
    if param.base64 {
        schema.content_encoding = Some("base64");
    }
    schema
}

/// An object of `children`, required as each child says.
fn group(children: &[ParamNode], action: &Action, diags: &mut Diagnostics) -> Schema {
    let mut properties = Properties::default();
    let mut required = Vec::new();
    for child in children {
        add(&mut properties, &mut required, child, action, diags);
    }
    Schema::object(properties, required)
}

/// The page's request example as a form (without `PublicKey` and `Signature`):
/// `Action=…&Name=value&…`, names and values as the page writes them.
fn form(action: &str, pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    let all = std::iter::once(("Action", action))
        .chain(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for (name, value) in all {
        if !out.is_empty() {
            out.push('&');
        }
        form_encode(name, &mut out);
        out.push('=');
        form_encode(value, &mut out);
    }
    out
}

/// `application/x-www-form-urlencoded` byte serialisation (WHATWG URL standard):
/// alphanumerics and `*-._` as they are, space as `+`, every other byte as `%XX`.
fn form_encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn examples_are_form_encoded() {
        let pairs = vec![
            ("Disks.0.IsBoot".to_string(), "True".to_string()),
            ("Name".to_string(), "a b&c=d/中".to_string()),
        ];
        assert_eq!(
            super::form("CreateUHostInstance", &pairs),
            "Action=CreateUHostInstance&Disks.0.IsBoot=True&Name=a+b%26c%3Dd%2F%E4%B8%AD"
        );
    }
}
