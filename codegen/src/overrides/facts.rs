//! Corrections of decided facts (see [`crate::annotate`]): applied after the facts are
//! decided, so they win over what the page's text says.
//!
//! ```json
//! { "product": "ulb", "action": "UpdateTargetsAttribute", "field": "Targets.N.Id",
//!   "enum": false, "reason": "the description is ResourceType's, copied" }
//! { "product": "ulb", "action": "CreateListener", "field": "HealthCheckConfig.Type",
//!   "enum": ["HTTP", "GRPC", "Port"], "reason": "the page writes \"HTTP/GRPC\" as one value" }
//! { "product": "uhost", "action": "CreateUHostInstance", "field": "Password",
//!   "sensitive": true, "base64": true, "reason": "…" }
//! { "product": "unet", "action": "ReleaseEIP", "read_only": false, "reason": "…" }
//! ```
//!
//! `enum` is `false` (no enumeration: the plain type) or the values, each a string or
//! `{"value": …, "doc": …}`; `enum_type` pins the name of the field's enum type (fields
//! pinned to one name share one type: see `facts::enums::group`); `sensitive`, `base64`
//! (request parameters) and `deprecated` are
//! booleans; an action's own facts are `read_only`, `deprecated` and `waiter` (`false`, or the
//! waiter's description as the spec JSON has it). What an entry changes
//! is listed in the `overridden` list of the parameter, field or action.

use super::apply::{locate, record, redundant, unmatched, Applied, Miss, Place};
use super::format::{enumeration, waiter, Override, Target};
use crate::diag::Diagnostics;
use crate::spec::{Enumeration, FieldFacts, Spec};

/// Applies the fact corrections of every entry to the decided facts; `file` names the
/// overrides file in diagnostics. An entry that also sets a type or required flag was
/// matched (or reported unmatched) by [`super::apply`] already.
pub fn apply_facts(spec: &mut Spec, overrides: &[Override], file: &str, diags: &mut Diagnostics) {
    for o in overrides {
        let result = match o.target() {
            Target::Action(action) => apply_action(spec, o, action),
            Target::Correct(field) | Target::Add(field) if sets_facts(o) => {
                apply_field(spec, o, field)
            }
            _ => continue,
        };
        match result {
            Ok(Applied::Changed | Applied::Removed(_)) => {}
            // Judged by `apply` when the entry also corrects the type or required flag.
            Ok(Applied::Unchanged) | Err(_) if o.sets_shape() => {}
            Ok(Applied::Unchanged) => redundant(o, file, diags, "the facts are already so"),
            Err(miss) => miss.report(o, file, diags),
        }
    }
}

fn sets_facts(o: &Override) -> bool {
    o.enumeration.is_some()
        || o.enum_type.is_some()
        || o.sensitive.is_some()
        || o.base64.is_some()
        || o.deprecated.is_some()
}

fn apply_action(spec: &mut Spec, o: &Override, action: &str) -> Result<Applied, Miss> {
    let svc = product(spec, o)?;
    let a = svc
        .actions
        .iter_mut()
        .find(|a| a.name == action)
        .ok_or_else(|| unmatched(format!("no action `{action}` in this product")))?;
    let facts = &mut a.facts;
    let mut changed = false;
    if let Some(r) = o.read_only {
        changed |= record(&mut facts.overridden, "read_only", facts.read_only != r);
        facts.read_only = r;
    }
    if let Some(d) = o.deprecated {
        changed |= record(&mut facts.overridden, "deprecated", facts.deprecated != d);
        facts.deprecated = d;
    }
    if let Some(v) = &o.waiter {
        let w = waiter(v).map_err(Miss::Bad)?;
        changed |= record(&mut facts.overridden, "waiter", facts.waiter != w);
        facts.waiter = w;
    }
    Ok(changed.into())
}

fn apply_field(spec: &mut Spec, o: &Override, field: &str) -> Result<Applied, Miss> {
    let svc = product(spec, o)?;
    let enumeration = o
        .enumeration
        .as_ref()
        .map(enumeration)
        .transpose()
        .map_err(Miss::Bad)?;
    let (facts, overridden, base64) = match locate(svc, o, field)? {
        Place::Param(a, p) => {
            let p = &mut svc.actions[a].request[p];
            (&mut p.facts, &mut p.overridden, Some(&mut p.base64))
        }
        Place::Response(a, f) => {
            let f = &mut svc.actions[a].response[f];
            (&mut f.facts, &mut f.overridden, None)
        }
        Place::Model(m, f) => {
            let f = &mut svc.models[m].fields[f];
            (&mut f.facts, &mut f.overridden, None)
        }
    };
    let mut changed = set_facts(facts, overridden, o, enumeration);
    match (o.base64, base64) {
        (Some(b), Some(base64)) => {
            changed |= record(overridden, "base64", *base64 != b);
            *base64 = b;
        }
        (Some(_), None) => {
            return Err(Miss::Bad(
                "`base64` is a fact of request parameters (the SDK encodes what it sends)".into(),
            ))
        }
        (None, _) => {}
    }
    Ok(changed.into())
}

/// Sets the entry's `enum`, `sensitive` and `deprecated`; whether any changed.
fn set_facts(
    facts: &mut FieldFacts,
    overridden: &mut Vec<String>,
    o: &Override,
    enumeration: Option<Option<Enumeration>>,
) -> bool {
    let mut changed = false;
    if let Some(e) = enumeration {
        let same = facts.enumeration.as_ref().map(values) == e.as_ref().map(values);
        changed |= record(overridden, "enum", !same);
        facts.enumeration = e;
    }
    if let Some(name) = &o.enum_type {
        // Pins the enum's name; `facts::enums::group` keeps it and joins the fields pinned
        // to one name. Always a change: the pages never name an enum.
        changed |= record(overridden, "enum_type", true);
        facts.enum_type = Some(name.clone());
    }
    if let Some(s) = o.sensitive {
        changed |= record(overridden, "sensitive", facts.sensitive != s);
        facts.sensitive = s;
    }
    if let Some(d) = o.deprecated {
        changed |= record(overridden, "deprecated", facts.deprecated != d);
        facts.deprecated = d;
    }
    changed
}

fn values(e: &Enumeration) -> Vec<&str> {
    e.values.iter().map(|v| v.value.as_str()).collect()
}

fn product<'a>(spec: &'a mut Spec, o: &Override) -> Result<&'a mut crate::spec::Service, Miss> {
    let name = o.product_name();
    spec.services
        .iter_mut()
        .find(|s| s.name == name)
        .ok_or_else(|| unmatched(format!("no product `{}` among the pages", o.product)))
}
