//! The facts emitters read, decided once for the resolved spec (after the overrides' types
//! and required flags, before their fact corrections): whether an action is read-only or
//! paged, whether a parameter is secret or base64-encoded, what values it documents, its
//! default, unit and deprecation, its docs as plain text. The text rules are in
//! [`crate::facts`]. An emitter that decides one of these itself is a bug; a wrong decision
//! is corrected here or in `specs/overrides.json`, never in an emitter.

use crate::facts::enums::{self, Extraction};
use crate::facts::text;
use crate::spec::{
    Action, ActionFacts, EnumValue, Enumeration, Field, FieldFacts, FieldType, Pagination, Param,
    Scalar, Service, Span, Spec,
};

/// Name prefixes of actions that only read state: the rule is the prefix followed by an
/// upper-case letter, a digit or the end (`GetRepoImage`, but not `Getaway`). UCloud
/// names its actions this way; an override corrects an action that does not follow it.
pub const READ_ONLY_PREFIXES: &[&str] = &[
    "Describe", "Get", "List", "Query", "Check", "Search", "Inquire", "Stat", "Fetch",
];

/// Decides every fact of every action, parameter and field.
pub fn annotate(spec: &mut Spec) {
    spec.schema_version = crate::spec::SCHEMA_VERSION;
    for svc in &mut spec.services {
        annotate_service(svc);
    }
}

fn annotate_service(svc: &mut Service) {
    let folder = svc.folder.clone();
    for action in &mut svc.actions {
        for p in &mut action.request {
            // A request value the page describes as base64 is one the caller would have to
            // encode: the SDK does it. (A response field that is base64 is returned as is.)
            p.base64 = p.ty == Scalar::String && text::mentions_base64(&p.description);
            p.facts = param_facts(p, &folder);
        }
        for f in &mut action.response {
            f.facts = field_facts(f, &folder);
        }
        action.facts = action_facts(action, &folder);
    }
    for model in &mut svc.models {
        for f in &mut model.fields {
            f.facts = field_facts(f, &folder);
        }
    }
}

fn action_facts(a: &Action, folder: &str) -> ActionFacts {
    ActionFacts {
        read_only: is_read_only(&a.name),
        deprecated: text::deprecated(&a.title) || text::deprecated(&a.description),
        pagination: pagination(a),
        docs: text::docs(&a.description, folder),
        url: page_url(&a.source, folder),
        overridden: Vec::new(),
    }
}

fn param_facts(p: &Param, folder: &str) -> FieldFacts {
    let leaf = p
        .wire_name
        .rsplit('.')
        .find(|s| *s != "N")
        .unwrap_or(&p.wire_name);
    text_facts(leaf, &p.description, p.ty, folder)
}

fn field_facts(f: &Field, folder: &str) -> FieldFacts {
    let scalar = match &f.ty {
        FieldType::Scalar(s) => Some(*s),
        FieldType::Model(_) => None,
    };
    match scalar {
        Some(s) => text_facts(&f.name, &f.description, s, folder),
        None => FieldFacts {
            deprecated: text::deprecated(&f.description),
            docs: text::docs(&f.description, folder),
            ..FieldFacts::default()
        },
    }
}

/// The facts a scalar's name and description state (see [`crate::facts`]).
fn text_facts(name: &str, description: &str, ty: Scalar, folder: &str) -> FieldFacts {
    let enumeration = match enums::extract(description, ty.as_str()) {
        Extraction::Enum(e) => Some(Enumeration {
            values: e
                .values
                .into_iter()
                .map(|v| EnumValue {
                    value: v.value,
                    doc: v.doc,
                })
                .collect(),
            source: e.source,
        }),
        Extraction::Ambiguous(_) | Extraction::None => None,
    };
    FieldFacts {
        sensitive: ty == Scalar::String && text::sensitive(name, description),
        deprecated: text::deprecated(description),
        default: text::default_value(description),
        unit: text::unit(description),
        enumeration,
        docs: text::docs(description, folder),
    }
}

/// See [`READ_ONLY_PREFIXES`].
pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|prefix| {
        action.strip_prefix(prefix).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
    })
}

/// Paged by offset: optional int `Offset` and `Limit` parameters, an int `TotalCount`
/// field and exactly one list field in the response.
fn pagination(action: &Action) -> Option<Pagination> {
    let int_param = |name: &str| {
        action
            .request_tree
            .iter()
            .any(|n| n.name == name && !n.list && n.ty == Some(Scalar::Int) && !n.required)
    };
    if !int_param("Offset") || !int_param("Limit") {
        return None;
    }
    let total = action
        .response
        .iter()
        .any(|f| f.name == "TotalCount" && !f.array && f.ty == FieldType::Scalar(Scalar::Int));
    let mut lists = action.response.iter().filter(|f| f.array);
    match (total, lists.next(), lists.next()) {
        (true, Some(list), None) => Some(Pagination {
            offset: "Offset".into(),
            limit: "Limit".into(),
            total: "TotalCount".into(),
            list: list.name.clone(),
        }),
        _ => None,
    }
}

/// `https://docs.ucloud.cn/api/<folder>/<page>` for the page an action came from.
fn page_url(source: &Span, folder: &str) -> String {
    let file = source.file.as_str();
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    format!("https://docs.ucloud.cn/api/{folder}/{stem}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn read_only_by_name() {
        for name in [
            "DescribeUHostInstance",
            "GetRepoImage",
            "ListUHubRepo",
            "Get",
        ] {
            assert!(super::is_read_only(name), "{name}");
        }
        for name in ["CreateUHostInstance", "Getaway", "Statement", ""] {
            assert!(!super::is_read_only(name), "{name}");
        }
    }
}
