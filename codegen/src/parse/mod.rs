//! One page → one [`PageSpec`]: the action it documents and the models it defines.
//!
//! Reading goes markdown → [`blocks`] → [`page`] parts → [`cells`] → spec types; legacy
//! `array`/`object` types are resolved against the page's own models in `bare`, and request
//! rows typed by a model of the page are expanded into the model's fields in `expand`.
//!
//! The pages are read as a careful person reads them, not as a markdown renderer shows them:
//!
//! - a table cell wrapped onto the next source line continues its row (`repair`); only a
//!   table without any delimiter row (the 2019 drafts) gets one;
//! - `|` inside a cell (`GE大于等于|LE小于等于`) does not cost the row its last cells: the row
//!   keeps name and type from its first cells and the required flag from its last, and the
//!   cells between are the description (`extra-cells` warning); a wiki link's `|`
//!   (`[[api:uhost-api:disk_type|磁盘类型]]`) never splits a cell;
//! - a name that is not an identifier path (`---`, prose) is an error at its row, never a
//!   parameter;
//! - a bold line `**模型定义**：`ProjectSet`` (or `**ProjectSet**`) after the response table
//!   introduces a model as a heading would;
//! - a code fence that is never closed is reported at its line, with the section headings it
//!   swallowed when that is why a table is missing.
//!
//! **Common pages.** The documentation tree's `summary/` folder holds the pages every product
//! shares (signature, common parameters, regions, projects). At the end of 2019 two of them
//! documented `GetProjectList` and `GetRegion` with tables; today they are prose. They are
//! skipped at every revision, whatever they contain (`skipped-page` info), because the actions
//! they show belong to a product: `uaccount-api` documents both on pages of its own, which is
//! where UCloud's Go SDK has them (`uaccount.GetProjectList`, `uaccount.GetRegion`). Read as
//! actions they would make a `summary` product duplicating uaccount's, and the parameters they
//! are about (Region, Zone, ProjectId) are the ones the SDK fills in from its configuration.

mod bare;
pub mod blocks;
pub mod cells;
pub mod example;
mod expand;
pub mod page;
pub mod product;
pub mod reference;
mod repair;

use crate::diag::{kind, Diagnostics};
use crate::names::normalize_wire_name;
use crate::spec::tree;
use crate::spec::{
    Action, Examples, Field, FieldType, FromModel, Model, Param, Scalar, Span, COMMON_PARAMS,
};
use cells::{RawField, TypeExpr};
pub use page::{Skip, COMMON_FOLDER};
use std::collections::BTreeMap;

/// What one action page contributes.
#[derive(Debug, Clone)]
pub struct PageSpec {
    /// The documentation folder (`uhub-api`).
    pub folder: String,
    pub action: Action,
    pub models: Vec<Model>,
    /// The line of each key of the response example, by path (see [`example::key_lines`]),
    /// for the location of fields inferred from it.
    pub example_keys: BTreeMap<String, usize>,
}

/// The response fields every action has; the runtime handles them.
const RESPONSE_COMMON: [&str; 3] = ["RetCode", "Action", "Message"];

/// Parses one page. `file` is the path used in diagnostics and `source` fields.
pub fn parse_page(file: &str, text: &str, diags: &mut Diagnostics) -> Result<PageSpec, Skip> {
    let p = page::page(file, blocks::blocks(text), diags)?;
    let folder = folder_of(file);
    if !is_identifier(&p.action) {
        diags.error(
            "bad-action-name",
            file,
            p.title_line,
            format!(
                "the title should end in `- ActionName`, but {} is not an identifier",
                crate::diag::quoted(&p.action)
            ),
        );
    }
    missing_tables(&p, file, diags);
    let request_example = p
        .request_example
        .as_ref()
        .map(|(t, l)| example::request(t, *l));
    let response_example = p
        .response_example
        .as_ref()
        .and_then(|(t, l)| example::response(t, *l, file, diags));

    let req_rows = p
        .request
        .as_ref()
        .map(|t| cells::fields(t, file, diags))
        .unwrap_or_default();
    let mut resp_rows: Vec<RawField> = p
        .response
        .as_ref()
        .map(|t| cells::fields(t, file, diags))
        .unwrap_or_default();
    resp_rows.retain(|f| !RESPONSE_COMMON.contains(&f.name.as_str()));
    let mut models: Vec<(String, usize, Vec<RawField>)> = Vec::new();
    for (name, line, t) in &p.models {
        if cells::is_field_table(t) {
            models.push((name.clone(), *line, cells::fields(t, file, diags)));
        } else {
            diags.info("not-a-model", file, t.line, format!("the table under `{name}` has no type column: a reference table, not a data model; skipped"));
        }
    }
    dedup_fields(&mut resp_rows, "response field", file, diags);
    for (_, _, fields) in &mut models {
        dedup_fields(fields, "model field", file, diags);
    }

    bare::resolve(
        &mut resp_rows,
        &mut models,
        response_example.as_ref(),
        file,
        diags,
    );

    let request = request_params(&req_rows, &models, file, diags);
    let (request_tree, misfits) = tree::build(&request);
    for m in misfits {
        let kind = match m.why {
            tree::Why::BadName => kind::BAD_NAME,
            tree::Why::Conflict => kind::PARAM_CONFLICT,
        };
        diags.error_at(kind, &request[m.param].source, m.message);
    }
    let action = Action {
        name: p.action.clone(),
        title: p.title.clone(),
        description: p.description.clone(),
        source: Span::new(file, p.title_line),
        format: p.format,
        request,
        request_tree,
        response: resp_rows.iter().map(|f| to_field(f, file)).collect(),
        examples: Examples {
            request: request_example.unwrap_or_default(),
            response: response_example,
            response_defects: Vec::new(),
        },
        facts: Default::default(),
    };
    let models = models
        .into_iter()
        .map(|(name, line, fields)| Model {
            name,
            fields: fields.iter().map(|f| to_field(f, file)).collect(),
            sources: vec![Span::new(file, line)],
            inferred: None,
        })
        .collect();
    let example_keys = p
        .response_example
        .as_ref()
        .map(|(text, line)| example::key_lines(text, line + 1))
        .unwrap_or_default();
    Ok(PageSpec {
        folder,
        action,
        models,
        example_keys,
    })
}

/// Errors for a page without its request or response table, saying why when an unclosed
/// code fence swallowed the section; a warning for an unclosed fence that swallowed nothing
/// the page needs.
fn missing_tables(p: &page::Page, file: &str, diags: &mut Diagnostics) {
    let fence = p.unclosed_fence.as_ref();
    let mut blamed = false;
    for (what, missing, hidden) in [
        (
            "request parameter",
            p.request.is_none(),
            fence.and_then(|f| f.request_heading()),
        ),
        (
            "response field",
            p.response.is_none(),
            fence.and_then(|f| f.response_heading()),
        ),
    ] {
        if !missing {
            continue;
        }
        match (fence, hidden) {
            (Some(f), Some((heading, line))) => {
                blamed = true;
                diags.error(
                    "unclosed-fence",
                    file,
                    f.line,
                    format!(
                        "the page has no {what} table: the code fence opened here is never closed, so everything after it, including `{heading}` at line {line}, is read as code; close the fence"
                    ),
                );
            }
            _ => diags.error(
                "missing-table",
                file,
                0,
                format!("the page has no {what} table"),
            ),
        }
    }
    if let (Some(f), false) = (fence, blamed) {
        diags.warn(
            "unclosed-fence",
            file,
            f.line,
            "this code fence is never closed: everything after it is read as code",
        );
    }
}

fn request_params(
    rows: &[RawField],
    models: &expand::Models,
    file: &str,
    diags: &mut Diagnostics,
) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    for f in rows {
        let wire_name = normalize_wire_name(&f.name);
        let ty = match &f.ty {
            TypeExpr::Scalar(s) => *s,
            TypeExpr::Model(m) if expand::has_fields(models, m) => {
                match expand::expand(f, &wire_name, m, models, file, diags) {
                    Ok(leaves) => {
                        for leaf in leaves {
                            let from = Some(leaf.from_model);
                            let p = param(
                                leaf.wire_name,
                                leaf.ty,
                                leaf.required,
                                &leaf.description,
                                (file, f.line),
                                from,
                            );
                            push_param(&mut out, p, diags);
                        }
                        continue;
                    }
                    Err(why) => {
                        diags.error(
                            "bad-request-model",
                            file,
                            f.line,
                            format!("request parameter {wire_name}: {why}; sent as an untyped JSON value"),
                        );
                        Scalar::Any
                    }
                }
            }
            other => {
                diags.warn(
                    "unresolved-type",
                    file,
                    f.line,
                    format!(
                        "request parameter {wire_name}: {}; sent as an untyped JSON value",
                        expand::untyped_why(other, models)
                    ),
                );
                Scalar::Any
            }
        };
        // `Tags | array[string]` without `.N`: the list is the wire's `Tags.N`.
        let wire_name = if f.array && !wire_name.ends_with(".N") && ty != Scalar::Any {
            format!("{wire_name}.N")
        } else {
            wire_name
        };
        let p = param(
            wire_name,
            ty,
            f.required,
            &f.description,
            (file, f.line),
            None,
        );
        push_param(&mut out, p, diags);
    }
    out
}

/// A request parameter as the page gives it; its facts (base64 among them) are decided
/// after resolving (`annotate`).
fn param(
    wire_name: String,
    ty: Scalar,
    required: bool,
    description: &str,
    (file, line): (&str, usize),
    from_model: Option<FromModel>,
) -> Param {
    Param {
        common: COMMON_PARAMS.contains(&wire_name.as_str()),
        base64: false,
        wire_name,
        ty,
        required,
        description: description.to_string(),
        source: Span::new(file, line),
        from_model,
        overridden: Vec::new(),
        facts: Default::default(),
    }
}

/// Adds `p` unless a parameter of the same wire name is already there (then warns).
fn push_param(out: &mut Vec<Param>, p: Param, diags: &mut Diagnostics) {
    match out.iter().find(|q| q.wire_name == p.wire_name) {
        Some(prev) => diags.warn_at(
            "duplicate-field",
            &p.source,
            format!(
                "request parameter {} is listed again (first at line {}); this row is ignored",
                p.wire_name, prev.source.line
            ),
        ),
        None => out.push(p),
    }
}

fn to_field(f: &RawField, file: &str) -> Field {
    Field {
        name: f.name.clone(),
        ty: match &f.ty {
            TypeExpr::Scalar(s) => FieldType::Scalar(*s),
            TypeExpr::Model(m) => FieldType::Model(m.clone()),
            TypeExpr::Bare => FieldType::Scalar(Scalar::Any),
        },
        array: f.array,
        required: f.required,
        description: f.description.clone(),
        source: Span::new(file, f.line),
        inferred: None,
        overridden: Vec::new(),
        facts: Default::default(),
    }
}

/// Keeps the first row of each name, warning about the others.
fn dedup_fields(fields: &mut Vec<RawField>, what: &str, file: &str, diags: &mut Diagnostics) {
    let mut kept: Vec<RawField> = Vec::with_capacity(fields.len());
    for f in fields.drain(..) {
        match kept.iter().find(|g| g.name == f.name) {
            Some(first) => diags.warn(
                "duplicate-field",
                file,
                f.line,
                format!(
                    "{what} {} is listed again (first at line {}); this row is ignored",
                    f.name, first.line
                ),
            ),
            None => kept.push(f),
        }
    }
    *fields = kept;
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `specs/uhub-api/get_repo_image.md` → `uhub-api`.
fn folder_of(file: &str) -> String {
    let mut parts = file.rsplit(['/', '\\']);
    parts.next();
    parts
        .next()
        .filter(|p| !p.is_empty() && *p != ".")
        .unwrap_or("default")
        .to_string()
}
