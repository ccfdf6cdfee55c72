//! The facts emitters read, decided once for the resolved spec (after the overrides' types
//! and required flags, before their fact corrections): whether an action is read-only or
//! paged, whether a parameter is secret or base64-encoded, what values it documents, its
//! docs as plain text. An emitter that decides one of these itself is a bug; a wrong
//! decision is corrected here or in `specs/overrides.json`, never in an emitter.

use crate::spec::{
    Action, ActionFacts, Field, FieldFacts, FieldType, Pagination, Param, Scalar, Service, Span,
    Spec,
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
            p.base64 = p.ty == Scalar::String && mentions_base64(&p.description);
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
        deprecated: deprecated(&a.title) || deprecated(&a.description),
        pagination: pagination(a),
        docs: docs(&a.description, folder),
        url: page_url(&a.source, folder),
    }
}

fn param_facts(p: &Param, folder: &str) -> FieldFacts {
    FieldFacts {
        sensitive: p.ty == Scalar::String && is_secret(&p.wire_name),
        deprecated: deprecated(&p.description),
        docs: docs(&p.description, folder),
        ..FieldFacts::default()
    }
}

fn field_facts(f: &Field, folder: &str) -> FieldFacts {
    FieldFacts {
        sensitive: f.ty == FieldType::Scalar(Scalar::String) && is_secret(&f.name),
        deprecated: deprecated(&f.description),
        docs: docs(&f.description, folder),
        ..FieldFacts::default()
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

/// The page asks for the value base64-encoded.
fn mentions_base64(description: &str) -> bool {
    description.to_ascii_lowercase().contains("base64")
}

/// Passwords, private keys, tokens: judged by the last segment of the name.
fn is_secret(wire: &str) -> bool {
    let last = wire.rsplit('.').next().unwrap_or(wire).to_ascii_lowercase();
    [
        "password",
        "passwd",
        "privatekey",
        "secretkey",
        "securitytoken",
        "secret",
    ]
    .iter()
    .any(|s| last.contains(s))
}

fn deprecated(text: &str) -> bool {
    text.contains("【已废弃】") || text.contains("已废弃")
}

/// The description as plain text lines joined by newlines.
fn docs(description: &str, folder: &str) -> String {
    crate::emit::docs_text(description, folder)
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
