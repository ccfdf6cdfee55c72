//! A [`Report`] as Markdown: one CHANGELOG entry, products with breaking changes first, and
//! in each product its breaking, additive and docs-only changes.

use super::{Change, Class, Report};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The entry, headed `## {title}`.
pub fn markdown(report: &Report, title: &str) -> String {
    let mut s = format!("## {title}\n\n");
    let _ = writeln!(
        s,
        "Documentation {} → {}. {} breaking, {} additive, {} docs-only change(s) in {} \
         product(s).\n",
        side(&report.from),
        side(&report.to),
        report.count(Class::Breaking),
        report.count(Class::Additive),
        report.count(Class::DocsOnly),
        by_product(&report.changes).len(),
    );
    if report.changes.is_empty() {
        s.push_str("No change to the API.\n");
        return s;
    }
    let mut products: Vec<(&str, Vec<&Change>)> = by_product(&report.changes).into_iter().collect();
    // Stable: products with breaking changes first, each group in name order.
    products.sort_by_key(|(name, changes)| {
        let breaking = changes.iter().any(|c| c.class == Class::Breaking);
        (!breaking, *name)
    });
    for (name, changes) in products {
        let _ = writeln!(s, "### `{name}`\n");
        for class in [Class::Breaking, Class::Additive, Class::DocsOnly] {
            let of_class: Vec<&&Change> = changes.iter().filter(|c| c.class == class).collect();
            if of_class.is_empty() {
                continue;
            }
            let _ = writeln!(s, "{}:\n", heading(class));
            for c in of_class {
                let detail = match c.detail.is_empty() {
                    true => String::new(),
                    false => format!(" ({})", c.detail),
                };
                let _ = writeln!(s, "- {}: `{}`{detail}", c.kind, c.item);
            }
            s.push('\n');
        }
    }
    s
}

fn heading(class: Class) -> &'static str {
    match class {
        Class::Breaking => "Breaking",
        Class::Additive => "Additive",
        Class::DocsOnly => "Docs only",
    }
}

fn side(s: &super::Side) -> String {
    let commit = s
        .docs_commit
        .as_deref()
        .map(|c| format!("`{}`", &c[..c.len().min(12)]))
        .unwrap_or_else(|| format!("`{}`", s.label));
    match &s.date {
        Some(d) => format!("{commit} ({d})"),
        None => commit,
    }
}

fn by_product(changes: &[Change]) -> BTreeMap<&str, Vec<&Change>> {
    let mut out: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        out.entry(c.product.as_str()).or_default().push(c);
    }
    out
}
