//! Top-level response fields, and the type check of a field both sides have, which the model
//! fields ([`super::models`]) go through too.

use super::{agree, listed, overridden, page_has, unlisted, Blame, Ctx, Pages};
use crate::fidelity::raw::{self, RawPage, Row};
use crate::fidelity::truth::{self, SdkAction, SdkField};
use crate::fidelity::{evidence, inferred};
use std::collections::{BTreeMap, BTreeSet};
use ucloud_codegen::spec::{Action, Field, FieldType, Span};

/// Common response fields, left out on both sides.
const RESPONSE_COMMON: [&str; 3] = ["RetCode", "Action", "Message"];

pub(super) fn response(cx: &mut Ctx, a: &Action, s: &SdkAction) {
    let file = a.source.file.as_str();
    let docs: BTreeMap<&str, &Field> = a.response.iter().map(|f| (f.name.as_str(), f)).collect();
    let sdk: BTreeMap<&str, &SdkField> = s
        .response
        .iter()
        .filter(|f| !f.common && !RESPONSE_COMMON.contains(&f.name.as_str()))
        .map(|f| (f.name.as_str(), f))
        .collect();
    let sdk_names: Vec<&str> = sdk.keys().copied().collect();
    inferred::judge(&a.response, &sdk_names, &mut cx.figures.inferred);
    tables_only(cx, a, &sdk_names);
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        match (docs.get(name), sdk.get(name)) {
            (Some(d), Some(g)) => {
                cx.figures.response_names.add(true);
                field_values(cx, d, g, None);
            }
            (Some(d), None) => {
                cx.figures.response_names.add(false);
                let row = row_at(cx.pages, &d.source, name);
                let vals = (describe(d), "-".into(), page_has(row.as_ref()));
                let by_line = row_on_line(cx.pages, &d.source);
                let judged = inferred::docs_only(d, by_line.as_ref())
                    .unwrap_or_else(|| listed(row.as_ref(), "response"));
                cx.diff("response-name", name, None, vals, &d.source, judged);
            }
            (None, Some(g)) => {
                cx.figures.response_names.add(false);
                let row = cx
                    .pages
                    .get(file)
                    .response
                    .iter()
                    .find(|r| r.name == name)
                    .cloned();
                let vals = ("-".into(), g.go_type.clone(), page_has(row.as_ref()));
                let judged = inferred::sdk_only(name, &a.response)
                    .unwrap_or_else(|| unlisted(row.as_ref(), "response"));
                cx.diff("response-name", name, None, vals, &a.source, judged);
            }
            (None, None) => {}
        }
    }
}

/// The response-name figure of the tables alone: inferred fields left out, and table fields
/// spelled as their rows spell them.
fn tables_only(cx: &mut Ctx, a: &Action, sdk: &[&str]) {
    let docs: BTreeSet<String> = a
        .response
        .iter()
        .filter(|f| f.inferred.is_none())
        .map(|f| match row_on_line(cx.pages, &f.source) {
            Some(r) if inferred::respelled(f, &r) => r.name,
            _ => f.name.clone(),
        })
        .collect();
    let all: BTreeSet<&str> = docs
        .iter()
        .map(String::as_str)
        .chain(sdk.iter().copied())
        .collect();
    for name in all {
        let both = docs.contains(name) && sdk.contains(&name);
        cx.figures.response_names_tables.add(both);
    }
}

/// The response or model row on the line a spec field was read from, whatever its name.
pub(super) fn row_on_line(pages: &mut Pages, source: &Span) -> Option<Row> {
    let page = pages.get(&source.file);
    page.response
        .iter()
        .chain(page.models.iter().flat_map(|(_, r)| r))
        .find(|r| r.line == source.line)
        .cloned()
}

/// The raw row a spec field was read from (its `source` names file and line).
pub(super) fn row_at(pages: &mut Pages, source: &Span, name: &str) -> Option<Row> {
    let line = source.line;
    let page = pages.get(&source.file);
    let all = page
        .response
        .iter()
        .chain(page.models.iter().flat_map(|(_, r)| r));
    all.filter(|r| r.name == name)
        .find(|r| r.line == line)
        .cloned()
}

pub(super) fn describe(f: &Field) -> String {
    let ty = match &f.ty {
        FieldType::Scalar(s) => s.as_str().to_string(),
        FieldType::Model(m) => format!("model:{m}"),
    };
    if f.array {
        format!("array[{ty}]")
    } else {
        ty
    }
}

/// Compares the type of a field both sides have. The figure counts the element type; a list where the other side has one value is reported too.
pub(super) fn field_values(cx: &mut Ctx, d: &Field, g: &SdkField, model: Option<String>) {
    let docs_kind = match &d.ty {
        FieldType::Scalar(s) => s.as_str(),
        FieldType::Model(_) => "model",
    };
    let same_kind = docs_kind == truth::kind(&g.go_type);
    let same_list = d.array == truth::is_slice(&g.go_type);
    match model {
        None => cx.figures.types.add(same_kind),
        Some(_) => cx.figures.model_types.add(same_kind),
    }
    if same_kind && same_list {
        return;
    }
    let row = row_at(cx.pages, &d.source, &d.name);
    let bare = row
        .as_ref()
        .is_some_and(|r| raw::type_of(&r.ty).0 == "bare");
    let judged = match row.as_ref() {
        _ if d.overridden.iter().any(|o| o == "type") => {
            overridden(&d.overridden, "type").unwrap_or((Blame::Override, String::new()))
        }
        _ if d.inferred.is_some() => (
            Blame::Example,
            "the type was inferred from the values of the response example".into(),
        ),
        Some(r) if bare => judge_bare(d, r, g, cx.pages.get(&d.source.file), &cx.sdk.models),
        _ => judge_field_type(d, row.as_ref()),
    };
    let vals = (describe(d), g.go_type.clone(), page_has(row.as_ref()));
    let kind = if same_kind { "list" } else { "type" };
    cx.diff(kind, &d.name, model, vals, &d.source, judged);
}

/// Whether the spec's type for a response or model field is what the page's cell says.
fn judge_field_type(d: &Field, row: Option<&Row>) -> (Blame, String) {
    let Some(row) = row else {
        return (Blame::Generator, "no such row in the page's table".into());
    };
    let (kind, list) = raw::type_of(&row.ty);
    let spec = match &d.ty {
        FieldType::Scalar(s) => s.as_str().to_string(),
        FieldType::Model(m) => format!("model:{m}"),
    };
    let faithful = match kind.as_str() {
        // A link to a model the page does not define becomes untyped.
        k if k.starts_with("model:") => list == d.array && (spec == k || spec == "any"),
        "bare" => spec == "any",
        k if k.starts_with('?') => spec == "any",
        k => list == d.array && spec == k,
    };
    if faithful {
        (
            Blame::Page,
            format!("the page's table types it `{}`", row.ty),
        )
    } else if kind == "bare" {
        (
            Blame::Generator,
            format!(
                "the page types it only `{}`; the generator resolved it to {}",
                row.ty,
                describe(d)
            ),
        )
    } else {
        (
            Blame::Generator,
            format!("the page's table types it `{}`", row.ty),
        )
    }
}

/// A field the page types only `array`/`object`: the spec's type came from the generator's
/// resolution, so it is wrong when the page's other tables or its example show the SDK's type.
fn judge_bare(
    d: &Field,
    row: &Row,
    g: &SdkField,
    page: &RawPage,
    sdk_models: &BTreeMap<String, Vec<SdkField>>,
) -> (Blame, String) {
    let cell = &row.ty;
    if let (FieldType::Model(_), Some(_)) = (&d.ty, &g.model) {
        // Both are models; only the list flag differs, and `array`/`object` does say that.
        let page_list = raw::type_of(cell).1;
        return agree(page_list == d.array, "list flag");
    }
    if let Some(sm) = &g.model {
        let fields = field_names(sdk_models.get(sm));
        return match evidence::best_table(page, &fields) {
            Some((t, j)) if j >= 0.6 => (
                Blame::Generator,
                format!("the page types it only `{cell}`, but its table `{t}` has the fields of the SDK's {sm} (overlap {j:.2})"),
            ),
            _ => (
                Blame::Page,
                format!("the page types it only `{cell}` and has no table with the fields of the SDK's {sm}"),
            ),
        };
    }
    let want = truth::kind(&g.go_type);
    match evidence::example_scalars(page, &d.name) {
        Some(k) if k == want => (
            Blame::Generator,
            format!("the page types it only `{cell}`, but its example gives {k} values"),
        ),
        _ => (
            Blame::Page,
            format!(
                "the page types it only `{cell}`; neither its tables nor its example show {}",
                g.go_type
            ),
        ),
    }
}

fn field_names(fields: Option<&Vec<SdkField>>) -> BTreeSet<&str> {
    fields
        .into_iter()
        .flatten()
        .map(|f| f.name.as_str())
        .collect()
}
