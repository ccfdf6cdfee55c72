//! Pages → products: one page per action, models merged across a product's pages, model
//! references checked.
//!
//! Pages of one product often define a model of the same name. When one definition's fields
//! are all among another's (a page written before fields were added), they are one model and
//! are merged, the fields missing somewhere becoming optional. When neither has all of the
//! other's fields, they are different models that happen to share a name (`CheckResult` of
//! `CheckUDTSTask` and of `GetUDTSPrecheckTask`): the definitions that most pages share keep
//! the name and each other group is renamed after the action of its first page
//! (`GetUDTSPrecheckTaskCheckResult`), on that page only, with a warning. When merged
//! definitions type a field differently, the type every page's data fits is kept (typed
//! over untyped, `float` over `int`), else the current format's page's (see `reconcile`).
//!
//! When one action has several pages, one is chosen by these rules, in order: the current
//! format over the legacy one; a file not named `*_old.md`; the file named after the action
//! (`get_repo_image.md` for `GetRepoImage`); the first path in byte order. The others are
//! reported as warnings naming both pages.

use crate::diag::Diagnostics;
use crate::infer;
use crate::names::fresh_name;
use crate::parse::PageSpec;
use crate::spec::{Field, FieldType, Model, PageFormat, Scalar, Service, Span, Spec};
use heck::ToSnakeCase;
use std::collections::{BTreeMap, BTreeSet};

pub fn build(pages: Vec<PageSpec>, diags: &mut Diagnostics) -> Spec {
    let mut by_folder: BTreeMap<String, Vec<PageSpec>> = BTreeMap::new();
    for p in pages {
        by_folder.entry(p.folder.clone()).or_default().push(p);
    }
    let services = by_folder
        .into_iter()
        .map(|(folder, pages)| service(folder, pages, diags))
        .collect();
    Spec {
        schema_version: crate::spec::SCHEMA_VERSION,
        services,
    }
}

fn service(folder: String, pages: Vec<PageSpec>, diags: &mut Diagnostics) -> Service {
    let mut by_action: BTreeMap<String, Vec<PageSpec>> = BTreeMap::new();
    for p in pages {
        by_action.entry(p.action.name.clone()).or_default().push(p);
    }
    let mut chosen: Vec<PageSpec> = Vec::new();
    for (name, mut candidates) in by_action {
        candidates.sort_by_key(rank);
        let mut it = candidates.into_iter();
        let winner = it.next().expect("grouped pages are never empty");
        for loser in it {
            diags.warn_at(
                "duplicate-action",
                &loser.action.source,
                format!(
                    "{name} is also documented by {}; that page is used ({}) and this one is skipped",
                    winner.action.source,
                    reason(&winner, &loser)
                ),
            );
        }
        chosen.push(winner);
    }

    // Current-format pages first, so their field order and types lead a merged model.
    chosen.sort_by(|a, b| {
        (a.action.format != PageFormat::Current, &a.action.source)
            .cmp(&(b.action.format != PageFormat::Current, &b.action.source))
    });
    split_conflicting(&mut chosen, diags);
    let formats: Formats = chosen
        .iter()
        .map(|p| (p.action.source.file.clone(), p.action.format))
        .collect();
    let mut models: BTreeMap<String, (Model, usize)> = BTreeMap::new();
    for page in &chosen {
        for m in &page.models {
            match models.get_mut(&m.name) {
                None => {
                    models.insert(m.name.clone(), (m.clone(), 1));
                }
                Some((merged, count)) => {
                    merge(merged, *count, m, &formats, diags);
                    *count += 1;
                }
            }
        }
    }
    let mut models: Vec<Model> = models.into_values().map(|(m, _)| m).collect();
    let known: BTreeSet<String> = models.iter().map(|m| m.name.clone()).collect();
    chosen.sort_by(|a, b| a.action.name.cmp(&b.action.name));
    let example_keys: Vec<BTreeMap<String, usize>> = chosen
        .iter_mut()
        .map(|p| std::mem::take(&mut p.example_keys))
        .collect();
    let mut actions: Vec<_> = chosen.into_iter().map(|p| p.action).collect();
    for a in &mut actions {
        check_refs(&mut a.response, &known, diags);
    }
    for m in &mut models {
        check_refs(&mut m.fields, &known, diags);
    }
    let files: Vec<String> = actions.iter().map(|a| a.source.file.clone()).collect();
    let examples: Vec<infer::Example> = files
        .iter()
        .zip(&example_keys)
        .map(|(file, keys)| infer::Example { file, keys })
        .collect();
    infer::infer(&mut actions, &mut models, &examples, diags);
    let name = folder.strip_suffix("-api").unwrap_or(&folder).to_string();
    Service {
        name,
        folder,
        product: None,
        actions,
        models,
    }
}

/// Renames the definitions of a model name that are not compatible with the main one (see
/// the module docs), page by page.
fn split_conflicting(pages: &mut [PageSpec], diags: &mut Diagnostics) {
    let mut defs: BTreeMap<String, Vec<(usize, BTreeSet<String>)>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        for m in &p.models {
            let fields = m.fields.iter().map(|f| f.name.clone()).collect();
            defs.entry(m.name.clone()).or_default().push((i, fields));
        }
    }
    let mut taken: BTreeSet<String> = defs.keys().cloned().collect();
    for (name, list) in &defs {
        let groups = compatible_groups(list);
        for group in groups.iter().skip(1) {
            let first = group[0];
            let new = fresh_name(&format!("{}{name}", pages[first].action.name), &mut taken);
            let main = pages[groups[0][0]].action.source.clone();
            for &page in group {
                rename_model(&mut pages[page], name, &new);
                diags.warn_at(
                    "model-split",
                    &pages[page].action.source,
                    format!("model {name} here has fields the definition at {main} lacks and lacks some of its fields: a different model of the same name, generated as {new}"),
                );
            }
        }
    }
}

/// Groups definitions (page index, field names) so that every member's fields are among the
/// group's first (largest) member's. The group with most pages comes first; ties go to the
/// group whose first page comes first.
fn compatible_groups(defs: &[(usize, BTreeSet<String>)]) -> Vec<Vec<usize>> {
    let mut by_size: Vec<&(usize, BTreeSet<String>)> = defs.iter().collect();
    by_size.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut groups: Vec<(&BTreeSet<String>, Vec<usize>)> = Vec::new();
    for (page, fields) in by_size {
        match groups.iter_mut().find(|(top, _)| fields.is_subset(top)) {
            Some((_, members)) => members.push(*page),
            None => groups.push((fields, vec![*page])),
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|(_, mut m)| {
            m.sort();
            m
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// Renames model `old` to `new` on one page: its definition and every field that refers to it.
fn rename_model(page: &mut PageSpec, old: &str, new: &str) {
    let refers = |f: &mut Field| {
        if f.ty == FieldType::Model(old.to_string()) {
            f.ty = FieldType::Model(new.to_string());
        }
    };
    page.action.response.iter_mut().for_each(refers);
    for m in &mut page.models {
        if m.name == old {
            m.name = new.to_string();
        }
        m.fields.iter_mut().for_each(refers);
    }
}

fn rank(p: &PageSpec) -> (bool, bool, bool, String, usize) {
    let file = &p.action.source.file;
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md");
    (
        p.action.format != PageFormat::Current,
        stem.ends_with("_old"),
        stem != p.action.name.to_snake_case(),
        p.action.source.file.clone(),
        p.action.source.line,
    )
}

fn reason(winner: &PageSpec, loser: &PageSpec) -> &'static str {
    let (w, l) = (rank(winner), rank(loser));
    if w.0 != l.0 {
        "current format over legacy"
    } else if w.1 != l.1 {
        "not an `_old` page"
    } else if w.2 != l.2 {
        "named after the action"
    } else {
        "first path in byte order"
    }
}

/// Each page's format, by file.
type Formats = BTreeMap<String, PageFormat>;

/// Adds `other`'s fields to `merged`: fields missing on either side become optional, and
/// fields both have but type differently are reconciled ([`reconcile`]).
fn merge(
    merged: &mut Model,
    merged_count: usize,
    other: &Model,
    formats: &Formats,
    diags: &mut Diagnostics,
) {
    let theirs: BTreeSet<&str> = other.fields.iter().map(|f| f.name.as_str()).collect();
    let ours: BTreeSet<String> = merged.fields.iter().map(|f| f.name.clone()).collect();
    let mut differs = false;
    for f in &mut merged.fields {
        if !theirs.contains(f.name.as_str()) && f.required {
            f.required = false;
        }
        differs |= !theirs.contains(f.name.as_str());
        if let Some(o) = other.fields.iter().find(|o| o.name == f.name) {
            if o.ty != f.ty || o.array != f.array {
                reconcile(&merged.name, f, o, formats, diags);
            }
        }
    }
    for o in &other.fields {
        if !ours.contains(&o.name) {
            differs = true;
            let mut f = o.clone();
            // Absent from the pages merged so far.
            f.required = f.required && merged_count == 0;
            merged.fields.push(f);
        }
    }
    if differs {
        diags.warn_at(
            "model-merged",
            &other.sources[0],
            format!(
                "model {} differs from its definition at {}; merged into one type with the union of the fields (fields not on every page are optional)",
                merged.name, merged.sources[0]
            ),
        );
    }
    merged.sources.extend(other.sources.iter().cloned());
}

/// Two pages type one model field differently; the merged field `f` takes the type every
/// page's data fits:
///
/// 1. a typed value over an untyped one (`any`: a legacy `array`/`object` nothing resolved),
///    silently, since the untyped page said nothing against it;
/// 2. `float` over `int` (same list-ness): an integer is a float too, not the other way
///    round (`1.39684` does not decode as an int);
/// 3. otherwise the current format's page over the legacy one's, and between pages of one
///    format the one read first (by path), as no type fits both.
///
/// 2 and 3 are warned at `o`'s row, naming `f`'s.
fn reconcile(model: &str, f: &mut Field, o: &Field, formats: &Formats, diags: &mut Diagnostics) {
    let any = FieldType::Scalar(Scalar::Any);
    if f.ty == any {
        f.ty = o.ty.clone();
        f.array = o.array;
        return;
    }
    if o.ty == any {
        return;
    }
    let (ours, theirs) = (describe(f), describe(o));
    let numbers = [&f.ty, &o.ty].map(|t| match t {
        FieldType::Scalar(s) => Some(*s),
        FieldType::Model(_) => None,
    });
    let take_theirs;
    let why;
    if f.array == o.array
        && matches!(
            numbers,
            [Some(Scalar::Int), Some(Scalar::Float)] | [Some(Scalar::Float), Some(Scalar::Int)]
        )
    {
        take_theirs = o.ty == FieldType::Scalar(Scalar::Float);
        why = "an integer is a float too, so every page's values fit float";
    } else {
        let format = |s: &Span| formats.get(&s.file).copied();
        take_theirs = format(&f.source) == Some(PageFormat::Legacy)
            && format(&o.source) == Some(PageFormat::Current);
        why = if format(&f.source) == format(&o.source) {
            "no type fits both; the page read first (by path) is kept"
        } else {
            "no type fits both; the current-format page is kept over the legacy one"
        };
    }
    let kept = if take_theirs { &theirs } else { &ours };
    diags.warn_at(
        "model-conflict",
        &o.source,
        format!(
            "model {model} field {} is {theirs} here but {ours} at {}; {kept} is used: {why}",
            f.name, f.source
        ),
    );
    if take_theirs {
        f.ty = o.ty.clone();
        f.array = o.array;
        f.source = o.source.clone();
    }
}

fn describe(f: &Field) -> String {
    if f.array {
        format!("array[{}]", f.ty)
    } else {
        f.ty.to_string()
    }
}

fn check_refs(fields: &mut [Field], known: &BTreeSet<String>, diags: &mut Diagnostics) {
    for f in fields {
        if let FieldType::Model(m) = &f.ty {
            if !known.contains(m) {
                diags.warn_at(
                    "undefined-model",
                    &f.source,
                    format!("{}: model {m} is referenced but not defined on any page of this product; using an untyped JSON value", f.name),
                );
                f.ty = FieldType::Scalar(Scalar::Any);
            }
        }
    }
}
