//! What a page offers beyond a legacy `array`/`object` cell: its other tables and its response
//! example. A difference on such a field is the generator's only when this evidence points at
//! the SDK's type and the spec model chose something else.

use super::raw::RawPage;
use serde_json::Value;
use std::collections::BTreeSet;

/// |a ∩ b| / min(|a|, |b|): a page's table that lists only some of the SDK model's fields
/// (an older page) still counts as that model's table.
pub fn overlap(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// The page's table whose row names are closest to `fields` by |∩| / |∪|, with its
/// [`overlap`] (how much of the smaller side it shares).
pub fn best_table<'a>(page: &'a RawPage, fields: &BTreeSet<&str>) -> Option<(&'a str, f64)> {
    page.models
        .iter()
        .map(|(name, rows)| {
            let names: BTreeSet<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            (
                name.as_str(),
                jaccard(&names, fields),
                overlap(&names, fields),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _, o)| (n, o))
}

/// |a ∩ b| / |a ∪ b|.
pub fn jaccard(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The [`jaccard`] of the page's table `name` with `fields`.
pub fn table_jaccard(page: &RawPage, name: &str, fields: &BTreeSet<&str>) -> f64 {
    let names: BTreeSet<&str> = page.model(name).map(|r| r.name.as_str()).collect();
    jaccard(&names, fields)
}

/// The scalar kind of `key`'s values in the example when every one is a scalar or a list
/// of scalars of one kind.
pub fn example_scalars(page: &RawPage, key: &str) -> Option<&'static str> {
    let mut values = Vec::new();
    find(page.example.as_ref()?, key, &mut values);
    let items: Vec<&Value> = values
        .iter()
        .flat_map(|v| match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![*other],
        })
        .filter(|v| !v.is_null())
        .collect();
    if items.is_empty() || items.iter().any(|v| v.is_object() || v.is_array()) {
        return None;
    }
    Some(if items.iter().all(|v| v.is_boolean()) {
        "bool"
    } else if items.iter().all(|v| v.is_i64() || v.is_u64()) {
        "int"
    } else if items.iter().all(|v| v.is_number()) {
        "float"
    } else {
        "string"
    })
}

fn find<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                if k == key {
                    out.push(child);
                }
                find(child, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| find(c, key, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_examples() {
        let page = RawPage::read("# T-A\n# Response Elements\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|Set|array|x|No|\n## Info\n|Parameter name|Type|Description|Required|\n|Id|string|x|No|\n|Name|string|x|No|\n# Response Example\n```\n{\"Set\": [\"a\", \"b\"]}\n```\n");
        let want: BTreeSet<&str> = ["Id", "Name", "Size"].into();
        let (name, j) = best_table(&page, &want).unwrap();
        assert_eq!(name, "Info");
        assert!((j - 1.0).abs() < 1e-9);
        assert_eq!(example_scalars(&page, "Set"), Some("string"));
        assert_eq!(example_scalars(&page, "Nope"), None);
    }
}
