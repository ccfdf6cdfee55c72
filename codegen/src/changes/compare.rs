//! Two API surfaces → the changes between them, each with its kind and class.

use super::surface::{ActionApi, FieldApi, Product, StructApi, StructKind, Surface};
use super::{class_of, Change};
use std::collections::{BTreeMap, BTreeSet};

/// Collects changes of one product.
struct Out<'a> {
    product: &'a str,
    changes: Vec<Change>,
}

impl Out<'_> {
    fn push(&mut self, kind: &str, item: impl Into<String>, detail: impl Into<String>) {
        self.changes.push(Change {
            product: self.product.to_string(),
            class: class_of(kind),
            kind: kind.to_string(),
            item: item.into(),
            detail: detail.into(),
        });
    }
}

pub fn surfaces(from: &Surface, to: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    for name in keys(from, to) {
        let mut out = Out {
            product: name,
            changes: Vec::new(),
        };
        match (from.get(name), to.get(name)) {
            (Some(old), Some(new)) => product(old, new, &mut out),
            (Some(old), None) => whole_product(old, "product-removed", "action-removed", &mut out),
            (None, Some(new)) => whole_product(new, "product-added", "action-added", &mut out),
            (None, None) => {}
        }
        changes.extend(out.changes);
    }
    changes
}

/// The names in either map, sorted.
fn keys<'a, V>(a: &'a BTreeMap<String, V>, b: &'a BTreeMap<String, V>) -> BTreeSet<&'a str> {
    a.keys().chain(b.keys()).map(String::as_str).collect()
}

/// A product that is there on one side only: the feature, and each of its actions.
fn whole_product(p: &Product, kind: &str, action_kind: &str, out: &mut Out) {
    let what = format!(
        "feature `{}`: {} action(s), {} type(s), {} enum(s)",
        out.product,
        p.actions.len(),
        p.structs.len(),
        p.enums.len()
    );
    out.push(kind, out.product.to_string(), what);
    for (method, a) in &p.actions {
        out.push(action_kind, method.clone(), a.action.clone());
    }
}

fn product(old: &Product, new: &Product, out: &mut Out) {
    for method in keys(&old.actions, &new.actions) {
        match (old.actions.get(method), new.actions.get(method)) {
            (Some(a), Some(b)) => action(method, a, b, out),
            (Some(a), None) => out.push("action-removed", method, a.action.clone()),
            (None, Some(b)) => out.push("action-added", method, b.action.clone()),
            (None, None) => {}
        }
    }
    // Structs of an action that went or came are part of that change.
    let gone = |s: &StructApi, side: &Product| {
        s.owner
            .as_ref()
            .is_some_and(|m| !side.actions.contains_key(m))
    };
    for name in keys(&old.structs, &new.structs) {
        match (old.structs.get(name), new.structs.get(name)) {
            (Some(a), Some(b)) => fields(name, a, b, out),
            (Some(a), None) if !gone(a, new) => {
                let kind = match a.kind {
                    StructKind::Model => "model-removed",
                    _ => "type-removed",
                };
                out.push(kind, name, owner_of(a));
            }
            (None, Some(b)) if !gone(b, old) => {
                let kind = match b.kind {
                    StructKind::Model => "model-added",
                    _ => "type-added",
                };
                out.push(kind, name, owner_of(b));
            }
            _ => {}
        }
    }
    for name in keys(&old.enums, &new.enums) {
        match (old.enums.get(name), new.enums.get(name)) {
            (Some(a), Some(b)) => variants(name, a, b, out),
            (Some(a), None) => out.push("enum-removed", name, values(a)),
            (None, Some(b)) => out.push("enum-added", name, values(b)),
            (None, None) => {}
        }
    }
}

fn owner_of(s: &StructApi) -> String {
    match &s.owner {
        Some(method) => format!("of `{method}`"),
        None => String::new(),
    }
}

fn values(v: &BTreeMap<String, String>) -> String {
    let wires: Vec<&str> = v.values().map(String::as_str).collect();
    format!("values {}", wires.join(", "))
}

fn action(method: &str, a: &ActionApi, b: &ActionApi, out: &mut Out) {
    match (a.deprecated, b.deprecated) {
        (false, true) => out.push("action-deprecated", method, b.action.clone()),
        (true, false) => out.push("action-undeprecated", method, b.action.clone()),
        _ => {}
    }
    gained_lost(&a.stream, &b.stream, "pagination", out);
    gained_lost(&a.waiter, &b.waiter, "waiter", out);
}

/// A method that comes and goes with a fact of the action (`*_stream`, `wait_until_*`).
fn gained_lost(a: &Option<String>, b: &Option<String>, what: &str, out: &mut Out) {
    match (a, b) {
        (Some(x), None) => out.push(&format!("{what}-lost"), x.clone(), ""),
        (None, Some(y)) => out.push(&format!("{what}-gained"), y.clone(), ""),
        (Some(x), Some(y)) if x != y => {
            out.push(&format!("{what}-lost"), x.clone(), format!("now `{y}`"));
            out.push(&format!("{what}-gained"), y.clone(), format!("was `{x}`"));
        }
        _ => {}
    }
}

fn fields(name: &str, a: &StructApi, b: &StructApi, out: &mut Out) {
    let request = b.kind == StructKind::Request;
    for field in keys(&a.fields, &b.fields) {
        let item = format!("{name}::{field}");
        match (a.fields.get(field), b.fields.get(field)) {
            (Some(x), Some(y)) => field_change(&item, x, y, request, out),
            (Some(x), None) => {
                let kind = if request {
                    "param-removed"
                } else {
                    "field-removed"
                };
                out.push(kind, item, describe(x));
            }
            (None, Some(y)) => {
                let kind = match (request, y.required) {
                    (true, true) => "required-param-added",
                    (true, false) => "param-added",
                    (false, _) => "field-added",
                };
                out.push(kind, item, describe(y));
            }
            (None, None) => {}
        }
    }
}

fn describe(f: &FieldApi) -> String {
    let required = if f.required { ", required" } else { "" };
    format!("`{}`: {}{required}", f.wire, f.ty)
}

fn field_change(item: &str, x: &FieldApi, y: &FieldApi, request: bool, out: &mut Out) {
    if x.ty != y.ty {
        let kind = if request {
            "param-retyped"
        } else {
            "field-retyped"
        };
        out.push(kind, item, format!("{} → {}", x.ty, y.ty));
    }
    if x.required != y.required {
        let kind = match (request, y.required) {
            (true, true) => "param-now-required",
            (true, false) => "param-now-optional",
            (false, _) => "field-required-changed",
        };
        let was = |r: bool| if r { "required" } else { "optional" };
        out.push(
            kind,
            item,
            format!("`{}`: {} → {}", y.wire, was(x.required), was(y.required)),
        );
    }
    if x.wire != y.wire {
        out.push(
            "wire-name-changed",
            item,
            format!("`{}` → `{}`", x.wire, y.wire),
        );
    }
}

fn variants(name: &str, a: &BTreeMap<String, String>, b: &BTreeMap<String, String>, out: &mut Out) {
    for v in keys(a, b) {
        let item = format!("{name}::{v}");
        match (a.get(v), b.get(v)) {
            (Some(x), None) => out.push("enum-value-removed", item, format!("`{x}`")),
            (None, Some(y)) => out.push("enum-value-added", item, format!("`{y}`")),
            (Some(x), Some(y)) if x != y => {
                out.push("wire-name-changed", item, format!("`{x}` → `{y}`"))
            }
            _ => {}
        }
    }
}
