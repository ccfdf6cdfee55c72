//! Acknowledged broken pages. An overrides entry with `"exclude": true` and a `page` (or an
//! `action`) leaves that page (or every page of that action) out of generation:
//!
//! ```json
//! { "product": "uhost", "page": "uhost-api/foo.md", "exclude": true,
//!   "reason": "the tables are cut off in the middle; reported upstream" }
//! ```
//!
//! Exclusions are applied after parsing and before anything is resolved or judged: the
//! page's errors no longer fail generation (they and its warnings are kept, as info, for
//! whoever fixes the page), and an `excluded-page` warning at the page names the entry and
//! its reason, so every summary lists what was left out. An exclusion that matches no page
//! is an `unmatched-override` error, like any other entry.
//!
//! Without an exclusion a page's error still fails generation; [`hint`] adds to the first
//! error of each page the entry that would exclude it.

use crate::diag::{kind, Diagnostics, Severity};
use crate::overrides::{Override, Target};
use crate::parse::PageSpec;
use std::collections::{BTreeMap, BTreeSet};

/// A page the exclusions left out: its label, and the entry that did.
struct Excluded<'a> {
    label: String,
    action: Option<String>,
    entry: &'a Override,
}

/// Drops the excluded pages from `pages` (`labels` are every file read, so that a page too
/// broken to parse can be excluded too), turns their diagnostics into info, and reports
/// each one. Returns how many pages were left out.
pub fn apply(
    pages: &mut Vec<PageSpec>,
    labels: &[String],
    entries: &[Override],
    overrides_file: &str,
    diags: &mut Diagnostics,
) -> usize {
    let mut excluded: Vec<Excluded> = Vec::new();
    for o in entries {
        let found = matches(o, pages, labels);
        let excludes = matches!(
            o.target(),
            Target::ExcludePage(_) | Target::ExcludeAction(_)
        );
        if found.is_empty() && excludes {
            diags.error(
                kind::UNMATCHED_OVERRIDE,
                overrides_file,
                o.line,
                format!("{}: {}", o.label(), unmatched_why(o)),
            );
        }
        for (label, action) in found {
            if !excluded.iter().any(|e| e.label == label) {
                excluded.push(Excluded {
                    label,
                    action,
                    entry: o,
                });
            }
        }
    }
    if excluded.is_empty() {
        return 0;
    }
    let left_out: BTreeSet<&str> = excluded.iter().map(|e| e.label.as_str()).collect();
    // (errors, warnings) of each page left out.
    let mut demoted: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in &mut diags.items {
        if left_out.contains(d.file.as_str()) && d.severity > Severity::Info {
            let counts = demoted.entry(d.file.clone()).or_default();
            if d.severity == Severity::Error {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
            d.severity = Severity::Info;
            d.message = format!("(excluded page) {}", d.message);
        }
    }
    let titles: BTreeMap<String, usize> = pages
        .iter()
        .filter(|p| left_out.contains(p.action.source.file.as_str()))
        .map(|p| (p.action.source.file.clone(), p.action.source.line))
        .collect();
    pages.retain(|p| !left_out.contains(p.action.source.file.as_str()));
    for e in &excluded {
        let what = match &e.action {
            Some(a) => format!("action {a} is not generated"),
            None => "it was not an action page".to_string(),
        };
        let demoted = match demoted.get(e.label.as_str()) {
            Some((errors, warnings)) => {
                format!(" (its {errors} error(s) and {warnings} warning(s) are shown as info)")
            }
            None => String::new(),
        };
        let line = titles.get(&e.label).copied().unwrap_or(0);
        diags.warn(
            kind::EXCLUDED_PAGE,
            &e.label,
            line,
            format!(
                "left out by {overrides_file}:{}: {}; {what}{demoted}",
                e.entry.line,
                e.entry.reason.trim()
            ),
        );
    }
    excluded.len()
}

/// The pages an exclusion entry names, as (label, action of the page if it parsed as one).
fn matches(o: &Override, pages: &[PageSpec], labels: &[String]) -> Vec<(String, Option<String>)> {
    let in_product = |label: &str| folder_of(label).is_some_and(|f| same_product(f, o));
    match o.target() {
        Target::ExcludePage(page) => {
            let file = page.rsplit('/').next().unwrap_or(page);
            let folder = page.rsplit_once('/').map(|(f, _)| f);
            labels
                .iter()
                .filter(|l| in_product(l) && l.rsplit('/').next() == Some(file))
                .filter(|l| folder.is_none_or(|f| l.ends_with(&format!("{f}/{file}"))))
                .map(|l| {
                    let action = pages
                        .iter()
                        .find(|p| p.action.source.file == **l)
                        .map(|p| p.action.name.clone());
                    (l.clone(), action)
                })
                .collect()
        }
        Target::ExcludeAction(action) => pages
            .iter()
            .filter(|p| p.action.name == action && same_product(&p.folder, o))
            .map(|p| (p.action.source.file.clone(), Some(action.to_string())))
            .collect(),
        Target::ExcludeField(_) | Target::Correct(_) | Target::Action(_) | Target::Add(_) => {
            Vec::new()
        }
    }
}

fn unmatched_why(o: &Override) -> String {
    match o.target() {
        Target::ExcludePage(page) => format!(
            "no page `{page}` in product `{}` among the pages read",
            o.product
        ),
        Target::ExcludeAction(action) => format!(
            "no page documents action `{action}` in product `{}`",
            o.product
        ),
        _ => String::new(),
    }
}

/// Whether a documentation folder (`uhost-api`) is the entry's product (`uhost` or
/// `uhost-api`).
fn same_product(folder: &str, o: &Override) -> bool {
    folder.strip_suffix("-api").unwrap_or(folder) == o.product_name()
}

/// `specs/uhost-api/foo.md` → `uhost-api`.
fn folder_of(label: &str) -> Option<&str> {
    let mut parts = label.rsplit('/');
    parts.next();
    parts.next()
}

/// Adds to the first error of each page (a file among `labels`) the entry that would
/// exclude the page, so that a maintainer who cannot fix the page can still generate.
pub fn hint(diags: &mut Diagnostics, labels: &[String], overrides_file: Option<&str>) {
    let pages: BTreeSet<&str> = labels.iter().map(String::as_str).collect();
    let mut hinted: BTreeSet<String> = BTreeSet::new();
    let mut order: Vec<usize> = (0..diags.items.len()).collect();
    order.sort_by(|&a, &b| diags.items[a].cmp(&diags.items[b]));
    for i in order {
        let d = &mut diags.items[i];
        if d.severity != Severity::Error
            || hinted.contains(&d.file)
            || !pages.contains(d.file.as_str())
        {
            continue;
        }
        let Some(folder) = folder_of(&d.file) else {
            continue;
        };
        let product = folder.strip_suffix("-api").unwrap_or(folder);
        let file = d.file.rsplit('/').next().unwrap_or(&d.file);
        let quote = |s: &str| serde_json::Value::from(s).to_string();
        let entry = format!(
            "{{ \"product\": {}, \"page\": {}, \"exclude\": true, \"reason\": \"…\" }}",
            quote(product),
            quote(&format!("{folder}/{file}"))
        );
        d.hint = Some(format!(
            "to generate without this page until it is fixed, add {entry} to {}",
            overrides_file.unwrap_or("the overrides file")
        ));
        hinted.insert(d.file.clone());
    }
}
