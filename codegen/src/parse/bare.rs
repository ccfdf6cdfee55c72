//! Legacy pages type a field only as `array` or `object` and never say which model describes
//! it. These rules bind such a field to a model only where the page itself supports it, in
//! this order:
//!
//! 1. a model heading with the field's own name;
//! 2. the response example: the field's values there are objects whose keys all belong to
//!    exactly one of the page's models (or are scalars, which makes it `array[string]` etc.);
//! 3. the field's stem (its name without a trailing `Set`, `List`, `Info` or `s`) ends exactly
//!    one unclaimed model's name (`L4ForwarderSet` → `UGAL4Forwarder`);
//! 4. the page has exactly one model that nothing else claims and exactly one field left.
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
    let names: Vec<String> = models.iter().map(|(n, _, _)| n.clone()).collect();
    let field_sets: Vec<BTreeSet<String>> = models
        .iter()
        .map(|(_, _, f)| f.iter().map(|f| f.name.clone()).collect())
        .collect();

    // Every bare field, as (model index or None for the response table, row index).
    let mut pending: Vec<(Option<usize>, usize)> = Vec::new();
    let mut claimed: BTreeSet<String> = BTreeSet::new();
    collect(response, None, &mut pending, &mut claimed);
    for (mi, (_, _, fields)) in models.iter().enumerate() {
        collect(fields, Some(mi), &mut pending, &mut claimed);
    }

    let mut unresolved = Vec::new();
    for (owner, row) in pending {
        let field = row_mut(response, models, owner, row);
        let name = field.name.clone();
        let resolved = by_name(&name, &names)
            .map(TypeExpr::Model)
            .or_else(|| by_example(&name, example, &names, &field_sets, &claimed))
            .or_else(|| by_stem(&name, &names, &claimed).map(TypeExpr::Model));
        match resolved {
            Some(ty) => {
                if let TypeExpr::Model(m) = &ty {
                    claimed.insert(m.clone());
                }
                let field = row_mut(response, models, owner, row);
                if let TypeExpr::Scalar(_) = ty {
                    field.array = true;
                }
                field.ty = ty;
            }
            None => unresolved.push((owner, row)),
        }
    }

    let unclaimed: Vec<&String> = names.iter().filter(|n| !claimed.contains(*n)).collect();
    if let ([(owner, row)], [model]) = (unresolved.as_slice(), unclaimed.as_slice()) {
        let model = (*model).clone();
        row_mut(response, models, *owner, *row).ty = TypeExpr::Model(model);
        return;
    }
    for (owner, row) in unresolved {
        let f = row_mut(response, models, owner, row);
        f.ty = TypeExpr::Scalar(Scalar::Any);
        diags.warn(
            "unresolved-type",
            file,
            f.line,
            format!(
                "{}: the page types it only as `{}` and neither a model of that name, the response example nor a single unclaimed model says which; using an untyped JSON value",
                f.name,
                if f.array { "array" } else { "object" }
            ),
        );
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

/// Reads the field's values in the example, wherever the key occurs.
fn by_example(
    name: &str,
    example: Option<&Value>,
    names: &[String],
    field_sets: &[BTreeSet<String>],
    claimed: &BTreeSet<String>,
) -> Option<TypeExpr> {
    let mut values = Vec::new();
    find_key(example?, name, &mut values);
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

fn find_key<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                if k == key {
                    out.push(child);
                }
                find_key(child, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| find_key(c, key, out)),
        _ => {}
    }
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
