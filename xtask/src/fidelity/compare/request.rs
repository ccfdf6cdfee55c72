//! Request parameters: the spec's wire names against the SDK's flattened leaf parameters,
//! and the required flag and element type of those both have.

use super::{agree, listed, overridden, page_has, unlisted, Ctx};
use crate::fidelity::raw::{self, RawPage, Row};
use crate::fidelity::truth::{self, SdkAction};
use std::collections::{BTreeMap, BTreeSet};
use ucloud_codegen::spec::{Action, Param};

pub(super) fn request(cx: &mut Ctx, a: &Action, s: &SdkAction) {
    let file = a.source.file.as_str();
    let docs: BTreeMap<&str, &Param> = a
        .request
        .iter()
        .map(|p| (p.wire_name.as_str(), p))
        .collect();
    let sdk: BTreeMap<&str, &truth::SdkParam> = s
        .request_flat
        .iter()
        .filter(|p| p.leaf)
        .map(|p| (p.wire_name.as_str(), p))
        .collect();
    let names: BTreeSet<&str> = docs.keys().chain(sdk.keys()).copied().collect();
    for name in names {
        let row = request_row(cx.pages.get(file), name);
        match (docs.get(name), sdk.get(name)) {
            (Some(d), Some(g)) => {
                cx.figures.request_names.add(true);
                request_values(cx, d, g, row);
            }
            (Some(d), None) => {
                cx.figures.request_names.add(false);
                let judged = listed(row.as_ref(), "request");
                let vals = (d.ty.as_str().into(), "-".into(), page_has(row.as_ref()));
                cx.diff("request-name", name, None, vals, &d.source, judged);
            }
            (None, Some(_)) => {
                cx.figures.request_names.add(false);
                let judged = unlisted(row.as_ref(), "request");
                let vals = ("-".into(), "listed".into(), page_has(row.as_ref()));
                cx.diff("request-name", name, None, vals, &a.source, judged);
            }
            (None, None) => {}
        }
    }
}

/// The page's request row for a wire name: `Disks.n.Size` matches `Disks.N.Size`, and
/// `Tags | array[string]` matches `Tags.N`.
fn request_row(page: &RawPage, wire: &str) -> Option<Row> {
    page.request
        .iter()
        .find(|r| {
            let w = raw::wire(&r.name);
            w == wire || (raw::type_of(&r.ty).1 && format!("{w}.N") == wire)
        })
        .cloned()
}

fn request_values(cx: &mut Ctx, d: &Param, g: &truth::SdkParam, row: Option<Row>) {
    let source = &d.source;
    let name = d.wire_name.as_str();
    if let Some(sdk_required) = g.required {
        let same = d.required == sdk_required;
        cx.figures.required.add(same);
        if !same {
            let page_says = row.as_ref().map(|r| r.required);
            let judged = overridden(&d.overridden, "required")
                .unwrap_or_else(|| agree(page_says == Some(d.required), "required flag"));
            let vals = (
                d.required.to_string(),
                sdk_required.to_string(),
                page_has(row.as_ref()),
            );
            cx.diff("required", name, None, vals, source, judged);
        }
    }
    // The element type: `Tags.N | string` is the SDK's `[]string`.
    let (docs_ty, sdk_ty) = (d.ty.as_str(), truth::kind(&g.go_type));
    cx.figures.types.add(docs_ty == sdk_ty);
    if docs_ty != sdk_ty {
        let page_ty = row.as_ref().map(|r| raw::type_of(&r.ty).0);
        let faithful = page_ty
            .as_deref()
            .is_some_and(|p| p == docs_ty || (docs_ty == "any" && !is_scalar(p)));
        let vals = (docs_ty.into(), g.go_type.clone(), page_has(row.as_ref()));
        let judged = overridden(&d.overridden, "type").unwrap_or_else(|| agree(faithful, "type"));
        cx.diff("type", name, None, vals, source, judged);
    }
}

fn is_scalar(kind: &str) -> bool {
    matches!(kind, "string" | "int" | "float" | "bool")
}
