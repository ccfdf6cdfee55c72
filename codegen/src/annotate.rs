//! The facts emitters read, decided once for the resolved spec (after the overrides' types
//! and required flags, before their fact corrections): whether an action is read-only or
//! paged, whether a parameter is secret or base64-encoded, what values it documents, its
//! default, unit and deprecation, its docs as plain text. The text rules are in
//! [`crate::facts`]. An emitter that decides one of these itself is a bug; a wrong decision
//! is corrected here or in `specs/overrides.json`, never in an emitter.

use crate::facts::enums::{self, Extraction};
use crate::facts::text;
use crate::spec::{
    Action, ActionFacts, EnumValue, Enumeration, Field, FieldFacts, FieldType, Model, Pagination,
    Param, Scalar, Service, Span, Spec, Waiter,
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
    let boxed: Vec<(usize, usize)> = svc
        .models
        .iter()
        .enumerate()
        .flat_map(|(mi, m)| {
            m.fields
                .iter()
                .enumerate()
                .map(move |(fi, f)| (mi, fi, m, f))
        })
        .filter(|(_, _, m, f)| match &f.ty {
            FieldType::Model(to) => !f.array && needs_box(&svc.models, &m.name, to),
            FieldType::Scalar(_) => false,
        })
        .map(|(mi, fi, _, _)| (mi, fi))
        .collect();
    for (mi, fi) in boxed {
        svc.models[mi].fields[fi].facts.boxed = true;
    }
    // Waiters read the models' facts (their state enums), so they come last.
    for action in &mut svc.actions {
        action.facts.waiter = waiter(action, &svc.models);
    }
}

/// Whether a non-list field of `from` pointing at `to` needs a `Box`: `to` leads back to
/// `from` through non-list model fields, so the struct would otherwise be infinitely large.
fn needs_box(models: &[Model], from: &str, to: &str) -> bool {
    let mut stack = vec![to.to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(m) = stack.pop() {
        if m == from {
            return true;
        }
        if !seen.insert(m.clone()) {
            continue;
        }
        if let Some(model) = models.iter().find(|x| x.name == m) {
            for f in model.fields.iter().filter(|f| !f.array) {
                if let FieldType::Model(next) = &f.ty {
                    stack.push(next.clone());
                }
            }
        }
    }
    false
}

/// The state fields a waiter polls, by preference.
const STATE_FIELDS: [&str; 2] = ["State", "Status"];

/// A read-only action can wait for resources when it takes a list of ids (`UHostIds.N`; or
/// else one id, `DBId`), and returns one list of a model that has the matching id field
/// (`UHostId`, `DBId`) and a `State` (else `Status`) string field with documented values.
/// That is how UCloud's describe actions look (`DescribeUHostInstance`,
/// `DescribeUDBInstance`, …), and what the Go SDK's hand-written `WaitUntilUHostInstanceState`
/// polls. An override adds or removes one (`"waiter": false`).
fn waiter(action: &Action, models: &[crate::spec::Model]) -> Option<Waiter> {
    if !action.facts.read_only {
        return None;
    }
    let mut lists = action.response.iter().filter(|f| f.array);
    let (Some(list), None) = (lists.next(), lists.next()) else {
        return None;
    };
    let FieldType::Model(model_name) = &list.ty else {
        return None;
    };
    let model = models.iter().find(|m| m.name == *model_name)?;
    let state = STATE_FIELDS.iter().find_map(|name| {
        model.fields.iter().find(|f| {
            f.name == *name
                && !f.array
                && f.ty == FieldType::Scalar(Scalar::String)
                && f.facts.enumeration.is_some()
        })
    })?;
    let string_field = |name: &str| {
        model
            .fields
            .iter()
            .find(|f| f.name == name && !f.array && f.ty == FieldType::Scalar(Scalar::String))
            .map(|f| f.name.clone())
    };
    let ids = action.request.iter().find_map(|p| {
        let param = p.wire_name.strip_suffix(".N")?;
        if p.ty != Scalar::String || param.contains('.') {
            return None;
        }
        Some((
            param.to_string(),
            string_field(param.strip_suffix('s')?)?,
            true,
        ))
    });
    // One id: a parameter named like an id of what the action names (`DBId` of
    // `DescribeUDBInstance`, `SnapshotId` of `DescribeUDiskSnapshot`, not `CityId` of
    // `DescribeUPhoneDetailByApp`) that is also a field of the model; of several, the one the
    // model lists first (its own id comes before the ids it refers to).
    let names_the_action = |id: &str| {
        let stem = id
            .strip_suffix("Id")
            .or_else(|| id.strip_suffix("ID"))
            .unwrap_or(id);
        let last = crate::names::words(stem).pop().unwrap_or_default();
        !last.is_empty() && (action.name.contains(stem) || action.name.contains(&last))
    };
    let one = || {
        model
            .fields
            .iter()
            .filter(|f| {
                (f.name.ends_with("Id") || f.name.ends_with("ID")) && names_the_action(&f.name)
            })
            .find_map(|f| {
                let p = action.request.iter().find(|p| p.wire_name == f.name)?;
                let plain = !p.common && p.ty == Scalar::String;
                plain
                    .then(|| string_field(&f.name))
                    .flatten()
                    .map(|name| (name.clone(), name, false))
            })
    };
    let (id_param, id_field, ids) = ids.or_else(one)?;
    // The waiter builds the request from the ids alone.
    let other_required = action.request.iter().any(|p| {
        let param = p.wire_name.strip_suffix(".N").unwrap_or(&p.wire_name);
        p.required && !p.common && param != id_param
    });
    if other_required {
        return None;
    }
    Some(Waiter {
        id_param,
        ids,
        list: list.name.clone(),
        model: model.name.clone(),
        id_field,
        state_field: state.name.clone(),
        states: state
            .facts
            .enumeration
            .iter()
            .flat_map(|e| e.values.iter().map(|v| v.value.clone()))
            .collect(),
    })
}

fn action_facts(a: &Action, folder: &str) -> ActionFacts {
    ActionFacts {
        read_only: is_read_only(&a.name),
        deprecated: text::deprecated(&a.title) || text::deprecated(&a.description),
        pagination: pagination(a),
        waiter: None,
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
            reference: None,
        }),
        Extraction::Ambiguous(_) | Extraction::None => None,
    };
    FieldFacts {
        sensitive: ty == Scalar::String && text::sensitive(name, description),
        deprecated: text::deprecated(description),
        boxed: false,
        default: text::default_value(description),
        unit: text::unit(description),
        enumeration,
        // Decided per product once every field's values are known (`facts::enums::group`).
        enum_type: None,
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

/// `https://docs.ucloud.cn/api/<folder>/`: a product's documentation, its folder's page
/// (the README, which introduces the product and indexes its actions).
pub fn folder_url(folder: &str) -> String {
    format!("https://docs.ucloud.cn/api/{folder}/")
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
