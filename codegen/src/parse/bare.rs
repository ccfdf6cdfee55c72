//! Legacy pages type a field only as `array` or `object` and never say which model describes
//! it. These rules bind such a field to a model only where the page itself supports it, in
//! this order:
//!
//! 1. a model heading with the field's own name;
//! 2. the field's description names one of the page's models (`详见 UHostDiskSet`); when it
//!    names several, the first;
//! 3. the response example: the field's values there are objects whose keys all belong to
//!    exactly one of the page's models (or, failing that, the one model that has most and at
//!    least half of them). Only the field's own occurrences count: the values of the key in
//!    the objects that are instances of the field's owner (the top level for a response
//!    field; for a model field the objects whose keys are closest to that model's fields);
//! 4. exactly one model's name ends with the field's name (`DataSet` →
//!    `DescribeWhiteListResourceDataSet`): legacy models are often named action + field;
//! 5. the example's values are scalars, in lists: `array[string]` etc.;
//! 6. the field's stem (its name without a trailing `Set`, `List`, `Info` or `s`) ends exactly
//!    one unclaimed model's name (`L4ForwarderSet` → `UGAL4Forwarder`);
//! 7. the page has exactly one model that nothing else claims and exactly one field left;
//! 8. the other bare fields of the same table and shape (`array` or `object`) whose names
//!    extend the field's name or the other way round were bound, all to one model
//!    (`NetworkIn` beside `NetworkInUsage`, when the example has `null` for the former).
//!
//! A model named after the field comes before scalar values in the example because examples
//! are often invented (`DataSet: ["abc"]` next to a `DescribeWhiteListResourceDataSet` table),
//! while the tables are the page's own structure.
//!
//! Anything else becomes an untyped JSON value, with a warning naming the field.

use super::cells::{RawField, TypeExpr};
use crate::diag::Diagnostics;
use crate::spec::Scalar;
use serde_json::Value;
use std::collections::BTreeSet;

type Models = Vec<(String, usize, Vec<RawField>)>;

pub fn resolve(
    response: &mut [RawField],
    models: &mut Models,
    example: Option<&Value>,
    file: &str,
    diags: &mut Diagnostics,
) {
    let page = Page {
        names: models.iter().map(|(n, _, _)| n.clone()).collect(),
        field_sets: models
            .iter()
            .map(|(_, _, f)| f.iter().map(|f| f.name.clone()).collect())
            .collect(),
        example,
    };
    // Every bare field, as (model index or None for the response table, row index).
    let mut pending: Vec<(Option<usize>, usize)> = Vec::new();
    let mut claimed: BTreeSet<String> = BTreeSet::new();
    collect(response, None, &mut pending, &mut claimed);
    for (mi, (_, _, fields)) in models.iter().enumerate() {
        collect(fields, Some(mi), &mut pending, &mut claimed);
    }

    let mut resolved: Vec<Resolved> = Vec::new();
    let mut unresolved = Vec::new();
    for (owner, row) in pending {
        let field = row_mut(response, models, owner, row);
        match rules_1_to_6(&page, owner, field, &claimed) {
            Some(ty) => {
                if let TypeExpr::Model(m) = &ty {
                    claimed.insert(m.clone());
                }
                if let TypeExpr::Scalar(_) = ty {
                    field.array = true;
                }
                field.ty = ty.clone();
                resolved.push(Resolved {
                    owner,
                    array: field.array,
                    name: field.name.clone(),
                    ty,
                });
            }
            None => unresolved.push((owner, row)),
        }
    }
    let unclaimed: Vec<&String> = page
        .names
        .iter()
        .filter(|n| !claimed.contains(*n))
        .collect();
    if let ([(owner, row)], [model]) = (unresolved.as_slice(), unclaimed.as_slice()) {
        row_mut(response, models, *owner, *row).ty = TypeExpr::Model((*model).clone());
        return;
    }
    for (owner, row) in unresolved {
        let field = row_mut(response, models, owner, row);
        match by_siblings(owner, field, &resolved) {
            Some(m) => field.ty = TypeExpr::Model(m),
            None => untyped(field, file, diags),
        }
    }
}

/// What every rule may look at.
struct Page<'a> {
    names: Vec<String>,
    field_sets: Vec<BTreeSet<String>>,
    example: Option<&'a Value>,
}

/// The rules that look at one field at a time, in the module's order.
fn rules_1_to_6(
    page: &Page,
    owner: Option<usize>,
    field: &RawField,
    claimed: &BTreeSet<String>,
) -> Option<TypeExpr> {
    let names = &page.names;
    let site = Site {
        owner,
        name: &field.name,
        example: page.example,
    };
    let example = || by_example(&site, names, &page.field_sets, claimed);
    by_name(&field.name, names)
        .or_else(|| by_description(&field.description, names))
        .map(TypeExpr::Model)
        .or_else(|| example().filter(|t| matches!(t, TypeExpr::Model(_))))
        .or_else(|| by_suffix(&field.name, names).map(TypeExpr::Model))
        .or_else(example)
        .or_else(|| by_stem(&field.name, names, claimed).map(TypeExpr::Model))
}

fn untyped(f: &mut RawField, file: &str, diags: &mut Diagnostics) {
    f.ty = TypeExpr::Scalar(Scalar::Any);
    diags.warn(
        "unresolved-type",
        file,
        f.line,
        format!(
            "{}: the page types it only as `{}` and neither a model named after it or in its description, the response example, its sibling fields nor a single unclaimed model says which; using an untyped JSON value",
            f.name,
            if f.array { "array" } else { "object" }
        ),
    );
}

/// A bare field the rules bound, for rule 8.
struct Resolved {
    owner: Option<usize>,
    array: bool,
    name: String,
    ty: TypeExpr,
}

/// Rule 8: the owner's other bare fields of the same shape whose names extend this one's or
/// the other way round (`NetworkIn`, `NetworkInUsage`) were all bound to one model, when the
/// example has `null` for this one.
fn by_siblings(owner: Option<usize>, field: &RawField, resolved: &[Resolved]) -> Option<String> {
    let related = |r: &&Resolved| {
        r.owner == owner
            && r.array == field.array
            && (r.name.starts_with(&field.name) || field.name.starts_with(&r.name))
    };
    let mut kin = resolved.iter().filter(related).map(|r| &r.ty);
    let first = kin.next()?;
    match first {
        TypeExpr::Model(m) if kin.all(|t| t == first) => Some(m.clone()),
        _ => None,
    }
}

fn collect(
    fields: &[RawField],
    owner: Option<usize>,
    pending: &mut Vec<(Option<usize>, usize)>,
    claimed: &mut BTreeSet<String>,
) {
    for (i, f) in fields.iter().enumerate() {
        match &f.ty {
            TypeExpr::Bare => pending.push((owner, i)),
            TypeExpr::Model(m) => {
                claimed.insert(m.clone());
            }
            TypeExpr::Scalar(_) => {}
        }
    }
}

fn row_mut<'a>(
    response: &'a mut [RawField],
    models: &'a mut Models,
    owner: Option<usize>,
    row: usize,
) -> &'a mut RawField {
    match owner {
        None => &mut response[row],
        Some(m) => &mut models[m].2[row],
    }
}

fn by_name(name: &str, models: &[String]) -> Option<String> {
    models.iter().find(|m| *m == name).cloned()
}

fn by_stem(name: &str, names: &[String], claimed: &BTreeSet<String>) -> Option<String> {
    let stem = ["Set", "List", "Info", "s"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|s| s.len() >= 2)?;
    let lower = stem.to_ascii_lowercase();
    let mut hits = names.iter().filter(|m| {
        let l = m.to_ascii_lowercase();
        !claimed.contains(m.as_str())
            && (l.ends_with(&lower) || l == format!("{lower}info") || l == format!("{lower}set"))
    });
    match (hits.next(), hits.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// Where a bare field sits: its owner (`None`: the response) and the page's example.
struct Site<'a> {
    owner: Option<usize>,
    name: &'a str,
    example: Option<&'a Value>,
}

/// The model the description names first as a word (`详见 UHostDiskSet`, `见下方VPCInfo`;
/// `类型参见AppTConsumption，……内容参见DailyConsumptionData` names the field's own type first).
fn by_description(description: &str, names: &[String]) -> Option<String> {
    names
        .iter()
        .filter_map(|m| mention(description, m).map(|at| (at, m)))
        .min_by_key(|(at, m)| (*at, std::cmp::Reverse(m.len())))
        .map(|(_, m)| m.clone())
}

/// Where `text` first contains `word` not as part of a longer ASCII identifier.
fn mention(text: &str, word: &str) -> Option<usize> {
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        !ident(text[..i].chars().next_back()) && !ident(text[i + word.len()..].chars().next())
    })
}

/// The one model whose name is some prefix followed by the field's name.
fn by_suffix(name: &str, names: &[String]) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let mut hits = names.iter().filter(|m| {
        let l = m.to_ascii_lowercase();
        l.len() > lower.len() && l.ends_with(&lower)
    });
    match (hits.next(), hits.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// Reads the field's values in the example, where the field's owner occurs.
fn by_example(
    site: &Site,
    names: &[String],
    field_sets: &[BTreeSet<String>],
    claimed: &BTreeSet<String>,
) -> Option<TypeExpr> {
    let mut values = Vec::new();
    let example = site.example?;
    own_values(
        example,
        response_root(example),
        site,
        field_sets,
        &mut values,
    );
    // `"Mod": null` in one item says nothing about the type the others show.
    values.retain(|v| !v.is_null());
    let mut items: Vec<&Value> = Vec::new();
    for v in &values {
        match v {
            Value::Array(a) => items.extend(a.iter()),
            other => items.push(other),
        }
    }
    items.retain(|v| !v.is_null());
    if items.is_empty() {
        return None;
    }
    if items.iter().all(|v| !v.is_object() && !v.is_array()) {
        // Only an `array` of scalars is resolved this way; an `object` holding a scalar is the
        // page contradicting itself, which the example tests report.
        let all_arrays = values.iter().all(|v| v.is_array());
        return all_arrays.then(|| TypeExpr::Scalar(scalar_of(&items)));
    }
    if !items.iter().all(|v| v.is_object()) {
        return None;
    }
    let keys: BTreeSet<&str> = items
        .iter()
        .flat_map(|v| v.as_object().into_iter().flat_map(|o| o.keys()))
        .map(String::as_str)
        .collect();
    if keys.is_empty() {
        return None;
    }
    let covering: Vec<usize> = (0..names.len())
        .filter(|&i| keys.iter().all(|k| field_sets[i].contains(*k)))
        .collect();
    let pick = match covering.as_slice() {
        [] => mostly_covering(&keys, field_sets),
        [one] => Some(*one),
        many => {
            let free: Vec<usize> = many
                .iter()
                .copied()
                .filter(|&i| !claimed.contains(&names[i]))
                .collect();
            (free.len() == 1).then(|| free[0])
        }
    }?;
    Some(TypeExpr::Model(names[pick].clone()))
}

/// When no model has every key (the example shows fields the tables lack), the one model
/// closest to the keys, if it has at least half of them.
fn mostly_covering(keys: &BTreeSet<&str>, field_sets: &[BTreeSet<String>]) -> Option<usize> {
    let map: serde_json::Map<String, Value> =
        keys.iter().map(|k| (k.to_string(), Value::Null)).collect();
    let best = closest(&map, field_sets)?;
    let have = keys
        .iter()
        .filter(|k| field_sets[best].contains(**k))
        .count();
    (2 * have >= keys.len()).then_some(best)
}

/// The values of the field's key in the objects that are instances of its owner: the
/// response object for a response field, else the objects whose keys are closest to the
/// owner model's fields. (`Network` is a list of strings in `VPCInfo` but a string in
/// `VPCNetworkInfo`.)
fn own_values<'a>(
    v: &'a Value,
    root: &Value,
    site: &Site,
    field_sets: &[BTreeSet<String>],
    out: &mut Vec<&'a Value>,
) {
    match v {
        Value::Object(o) => {
            let top = std::ptr::eq(v, root);
            let home = if top { None } else { closest(o, field_sets) };
            if home == site.owner && (top || home.is_some()) {
                out.extend(o.get(site.name));
            }
            for child in o.values() {
                own_values(child, root, site, field_sets, out);
            }
        }
        Value::Array(a) => a
            .iter()
            .for_each(|c| own_values(c, root, site, field_sets, out)),
        _ => {}
    }
}

/// The response object of an example: the top level, or the first object inside it that has
/// `Action` or `RetCode` (some pages wrap the response in `{"JSON": {...}}`).
fn response_root(example: &Value) -> &Value {
    fn find(v: &Value) -> Option<&Value> {
        match v {
            Value::Object(o) if o.contains_key("Action") || o.contains_key("RetCode") => Some(v),
            Value::Object(o) => o.values().find_map(find),
            Value::Array(a) => a.iter().find_map(find),
            _ => None,
        }
    }
    find(example).unwrap_or(example)
}

/// The model whose fields are closest to the object's keys (by |∩| / |∪|); `None` on a tie
/// or when no model shares a key.
fn closest(o: &serde_json::Map<String, Value>, field_sets: &[BTreeSet<String>]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    let mut tie = false;
    for (i, fields) in field_sets.iter().enumerate() {
        let common = o.keys().filter(|k| fields.contains(*k)).count();
        if common == 0 {
            continue;
        }
        let score = common as f64 / (o.len() + fields.len() - common) as f64;
        match best {
            Some((_, b)) if score < b => {}
            Some((_, b)) if score == b => tie = true,
            _ => {
                best = Some((i, score));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(i, _)| i)
}

fn scalar_of(items: &[&Value]) -> Scalar {
    if items.iter().all(|v| v.is_boolean()) {
        Scalar::Bool
    } else if items.iter().all(|v| v.is_i64() || v.is_u64()) {
        Scalar::Int
    } else if items.iter().all(|v| v.is_number()) {
        Scalar::Float
    } else {
        Scalar::String
    }
}
