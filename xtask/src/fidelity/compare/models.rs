//! The models the responses reach: which docs model pairs with which SDK model (their names
//! differ, so a pair is found through a response or model field both sides have), and the
//! fields of each pair.

use super::response::{describe, field_values, row_at, row_on_line};
use super::{listed, page_has, unlisted, Blame, Ctx, Pages};
use crate::fidelity::raw::{self, Row};
use crate::fidelity::truth::{SdkField, SdkService};
use crate::fidelity::{evidence, inferred};
use std::collections::{BTreeMap, BTreeSet};
use ucloud_codegen::spec::{Field, FieldType, Model, Service, Span};

/// A docs model and the SDK model the same field points at.
#[derive(Default)]
pub(super) struct Pair {
    /// The first action that reaches it, for the report.
    action: String,
    /// The pages whose fields point at the docs model here: a field of the model is the
    /// page's when one of these pages' tables of that name lists it. (A model merged from a
    /// page that reaches another SDK model does not count.)
    files: BTreeSet<String>,
    /// The field's `source` when the page types it only `array`/`object`: the generator chose
    /// the model, so the choice is checked against the page's other tables.
    chosen_at: Option<Span>,
}

/// (docs model, SDK model)
pub(super) type Key = (String, String);
pub(super) type Pairs = BTreeMap<Key, Pair>;

/// Every (docs model, SDK model) pair the responses reach, following fields both sides have,
/// with the pages of the actions that reach it.
pub(super) fn discover(cx: &mut Ctx, svc: &Service, sdk: &SdkService) -> Pairs {
    let mut pairs = Pairs::new();
    let mut edges: BTreeSet<(Key, Key)> = BTreeSet::new();
    let mut queue: Vec<Key> = Vec::new();
    for a in &svc.actions {
        let Some(s) = sdk.actions.get(&a.name) else {
            continue;
        };
        let page = a.source.file.clone();
        for key in note_pairs(
            cx,
            &a.name,
            &a.response,
            &s.response,
            &mut pairs,
            &mut queue,
        ) {
            pairs.entry(key).or_default().files.insert(page.clone());
        }
    }
    while let Some(parent) = queue.pop() {
        let d = svc.models.iter().find(|m| m.name == parent.0);
        let (Some(d), Some(s)) = (d, sdk.models.get(&parent.1)) else {
            continue;
        };
        let action = pairs
            .get(&parent)
            .map(|p| p.action.clone())
            .unwrap_or_default();
        for child in note_pairs(cx, &action, &d.fields, s, &mut pairs, &mut queue) {
            edges.insert((parent.clone(), child));
        }
    }
    spread_files(&mut pairs, &edges);
    pairs
}

/// A nested model is reached from the pages that reach its parent; repeated until nothing
/// changes, since the pair graph may have cycles.
fn spread_files(pairs: &mut Pairs, edges: &BTreeSet<(Key, Key)>) {
    let mut changed = true;
    while changed {
        changed = false;
        for (parent, child) in edges {
            let from = pairs
                .get(parent)
                .map(|p| p.files.clone())
                .unwrap_or_default();
            let to = &mut pairs.entry(child.clone()).or_default().files;
            let before = to.len();
            to.extend(from);
            changed |= to.len() != before;
        }
    }
}

/// Notes the pairs the fields both sides have point at; returns their keys.
fn note_pairs(
    cx: &mut Ctx,
    action: &str,
    ours: &[Field],
    theirs: &[SdkField],
    pairs: &mut Pairs,
    queue: &mut Vec<Key>,
) -> Vec<Key> {
    let mut keys = Vec::new();
    for d in ours {
        let g = theirs.iter().find(|g| g.name == d.name);
        let (FieldType::Model(dm), Some(sm)) = (&d.ty, g.and_then(|g| g.model.as_ref())) else {
            continue;
        };
        let key = (dm.clone(), sm.clone());
        let pair = pairs.entry(key.clone()).or_insert_with(|| {
            queue.push(key.clone());
            Pair {
                action: action.to_string(),
                ..Pair::default()
            }
        });
        let row = row_at(cx.pages, &d.source, &d.name);
        if row.is_some_and(|r| raw::type_of(&r.ty).0 == "bare") && pair.chosen_at.is_none() {
            pair.chosen_at = Some(d.source.clone());
        }
        keys.push(key);
    }
    keys
}

pub(super) fn models(cx: &mut Ctx, svc: &Service, sdk: &SdkService, pairs: &Pairs) {
    for ((dm, sm), pair) in pairs {
        let d = svc.models.iter().find(|m| &m.name == dm);
        let (Some(d), Some(s)) = (d, sdk.models.get(sm)) else {
            continue;
        };
        cx.action = pair.action.clone();
        let before = cx.diffs.len();
        model_pair(cx, d, sm, s, &pair.files);
        if let Some(source) = &pair.chosen_at {
            let misbound = better_table(cx.pages, source, &d.name, s);
            for diff in &mut cx.diffs[before..] {
                if let Some(why) = &misbound {
                    (diff.blame, diff.why) = (Blame::Generator, why.clone());
                }
            }
        }
    }
}

/// When the generator bound a bare field to `chosen` but another table of the page has the
/// SDK model's fields more closely, says so.
fn better_table(pages: &mut Pages, source: &Span, chosen: &str, s: &[SdkField]) -> Option<String> {
    let page = pages.get(&source.file);
    let fields: BTreeSet<&str> = s.iter().map(|f| f.name.as_str()).collect();
    let ours = evidence::table_jaccard(page, chosen, &fields);
    let best = page
        .models
        .iter()
        .map(|(n, _)| (n.as_str(), evidence::table_jaccard(page, n, &fields)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (best.0 != chosen && best.1 > ours).then(|| {
        format!("the generator bound the field to `{chosen}` (overlap {ours:.2}), but the page's table `{}` matches the SDK model better ({:.2})", best.0, best.1)
    })
}

fn model_pair(cx: &mut Ctx, d: &Model, sm: &str, s: &[SdkField], files: &BTreeSet<String>) {
    let tag = Some(format!("{}~{sm}", d.name));
    let docs: BTreeMap<&str, &Field> = d.fields.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk: BTreeMap<&str, &SdkField> = s.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk_names: Vec<&str> = sdk.keys().copied().collect();
    inferred::judge(&d.fields, &sdk_names, &mut cx.figures.inferred);
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        match (docs.get(name), sdk.get(name)) {
            (Some(f), Some(g)) => {
                cx.figures.model_fields.add(true);
                field_values(cx, f, g, tag.clone());
            }
            (Some(f), None) => {
                cx.figures.model_fields.add(false);
                let row = row_at(cx.pages, &f.source, name);
                let vals = (describe(f), "-".into(), page_has(row.as_ref()));
                let listed_here = files
                    .iter()
                    .any(|p| cx.pages.get(p).model(&d.name).any(|r| r.name == name));
                let by_line = row_on_line(cx.pages, &f.source);
                let judged = match (inferred::docs_only(f, by_line.as_ref()), row.as_ref()) {
                    (Some(example), _) => example,
                    (None, Some(_)) if !listed_here => {
                        merged_field(cx.pages, &d.name, files, &f.source)
                    }
                    (None, r) => listed(r, "model"),
                };
                cx.diff("model-field", name, tag.clone(), vals, &f.source, judged);
            }
            (None, Some(g)) => {
                cx.figures.model_fields.add(false);
                let row = model_row(cx.pages, d, files, name);
                let vals = ("-".into(), g.go_type.clone(), page_has(row.as_ref()));
                let source = d.sources.first().cloned().unwrap_or_default();
                cx.diff(
                    "model-field",
                    name,
                    tag.clone(),
                    vals,
                    &source,
                    inferred::sdk_only(name, &d.fields)
                        .unwrap_or_else(|| unlisted(row.as_ref(), "model")),
                );
            }
            (None, None) => {}
        }
    }
}

/// A field the spec's model has from another page's table of the same name. Merging is right
/// when that table is an extension of the reaching page's (it has all of its fields): then
/// the other page's table says so. Otherwise the generator merged two different models.
fn merged_field(
    pages: &mut Pages,
    model: &str,
    files: &BTreeSet<String>,
    source: &Span,
) -> (Blame, String) {
    let other = source.file.as_str();
    let theirs: BTreeSet<String> = pages
        .get(other)
        .model(model)
        .map(|r| r.name.clone())
        .collect();
    let extends = files.iter().find(|f| {
        let ours: BTreeSet<String> = pages.get(f).model(model).map(|r| r.name.clone()).collect();
        !ours.is_empty() && ours.is_subset(&theirs)
    });
    match extends {
        Some(f) => (
            Blame::Page,
            format!("the `{model}` table of {other} lists it; it has every field of the `{model}` table of {f}, so the two are one model"),
        ),
        None => (
            Blame::Generator,
            format!("merged in from {source}, whose `{model}` table is not an extension of the one on the pages that reach this SDK model"),
        ),
    }
}

/// A row named `name` in any table headed like the model, on any page that defines the model
/// or reaches it.
fn model_row(pages: &mut Pages, d: &Model, files: &BTreeSet<String>, name: &str) -> Option<Row> {
    let defining = d.sources.iter().map(|s| s.file.clone());
    let all: BTreeSet<String> = defining.chain(files.iter().cloned()).collect();
    all.iter().find_map(|file| {
        pages
            .get(file)
            .model(&d.name)
            .find(|r| r.name == name)
            .cloned()
    })
}
