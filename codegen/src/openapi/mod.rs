//! The spec model as one OpenAPI 3.1 document (`ucloud-codegen openapi`, `cargo xtask
//! openapi`). A second emitter beside [`crate::emit`]: it reads the facts the spec model
//! decided ([`crate::spec::ActionFacts`], [`crate::spec::FieldFacts`], `Param::base64`, the
//! request tree, models, examples) and decides none itself. The mapping is in
//! `docs/openapi.md`; in short:
//!
//! - each action is `POST /#<product>/<Action>`: a path whose product and action sit in the
//!   fragment, which clients do not send, so the call still goes to `POST /` as UCloud wants;
//! - the request is an `application/x-www-form-urlencoded` object with `Action` as a `const`
//!   and nested objects and arrays for `Disks.N.IsBoot`-style parameters (`request.rs`);
//! - the response is UCloud's JSON with `RetCode`, `Action`, `Message` and the action's fields,
//!   models in `components/schemas` as `<product>.<Model>` (`response.rs`);
//! - the signature is an `apiKey` security scheme with `x-ucloud-signature` (`security.rs`).
//!
//! Output is deterministic: maps are sorted, properties keep the page's order.

pub mod document;
mod example;
mod request;
mod response;
pub mod schema;
mod security;
mod value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, LoadError};
use crate::spec::{Action, Service, Spec};
use document::{Components, Document, ExternalDocs, Info, Operation, PathItem, Server, Tag};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The document for `spec`. Problems (two properties of one name, a model the product does
/// not define, an enum whose values are not of the field's type) are added to `diags`; with
/// an error among them the document is incomplete, and [`export`] writes nothing.
pub fn document(spec: &Spec, diags: &mut Diagnostics) -> Document {
    let mut paths = BTreeMap::new();
    let mut schemas = BTreeMap::new();
    let mut tags = Vec::new();
    for svc in &spec.services {
        let scope = response::Scope::new(svc);
        tags.push(Tag {
            name: svc.name.clone(),
            description: format!("The actions of `{}/`.", svc.folder),
        });
        for action in &svc.actions {
            let path = format!("/#{}/{}", svc.name, action.name);
            let post = operation(&scope, svc, action, diags);
            if paths.insert(path, PathItem { post }).is_some() {
                diags.error_at(
                    "openapi-duplicate",
                    &action.source,
                    format!("{}: product {} has two such actions", action.name, svc.name),
                );
            }
        }
        for model in &svc.models {
            let key = response::model_key(&svc.name, &model.name);
            let schema = response::model(&scope, model, diags);
            if schemas.insert(key.clone(), schema).is_some() {
                let at = model.sources.first().cloned().unwrap_or_default();
                diags.error_at(
                    "openapi-duplicate",
                    &at,
                    format!(
                        "model `{}` is the component `{key}`, which is taken",
                        model.name
                    ),
                );
            }
        }
    }
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    Document {
        openapi: OPENAPI_VERSION,
        info: Info {
            title: "UCloud API",
            version: env!("CARGO_PKG_VERSION"),
            description: INFO.into(),
        },
        external_docs: ExternalDocs {
            url: "https://docs.ucloud.cn/api/summary/public".into(),
            description: "UCloud API: common parameters, responses and error codes".into(),
        },
        servers: vec![
            Server {
                url: "https://api.ucloud.cn",
                description: "Public endpoint",
            },
            Server {
                url: "http://api.service.ucloud.cn",
                description: "From inside UCloud's network (VPC); HTTP only",
            },
        ],
        security: vec![BTreeMap::from([(security::NAME, Vec::new())])],
        tags,
        paths,
        components: Components {
            schemas,
            security_schemes: BTreeMap::from([(security::NAME, security::scheme())]),
        },
    }
}

fn operation(
    scope: &response::Scope,
    svc: &Service,
    action: &Action,
    diags: &mut Diagnostics,
) -> Operation {
    let facts = &action.facts;
    Operation {
        operation_id: format!("{}.{}", svc.name, action.name),
        summary: action.title.clone(),
        description: facts.docs.clone(),
        tags: vec![svc.name.clone()],
        deprecated: facts.deprecated,
        external_docs: (!facts.url.is_empty()).then(|| ExternalDocs {
            url: facts.url.clone(),
            description: "The action's page".into(),
        }),
        request_body: request::body(action, diags),
        responses: BTreeMap::from([("200", response::response(scope, action, diags))]),
        read_only: facts.read_only,
        pagination: facts.pagination.clone(),
        waiter: facts.waiter.clone(),
    }
}

/// The document as pretty-printed JSON with a final newline.
pub fn render(doc: &Document) -> String {
    // Every map key is a string and every number finite: serialising cannot fail.
    let mut json = serde_json::to_string_pretty(doc).expect("a document serialises");
    json.push('\n');
    json
}

/// What [`export`] made.
#[derive(Debug)]
pub struct Exported {
    /// The document as JSON; `None` when the pages (or the export) have errors.
    pub json: Option<String>,
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub counts: load::Counts,
    /// Operations (actions) and component schemas (models) in the document.
    pub operations: usize,
    pub schemas: usize,
}

impl Exported {
    /// `wrote FILE (N operations, M schemas, B bytes)`.
    pub fn summary(&self, out: &Path) -> String {
        format!(
            "wrote {} ({} operations, {} schemas, {} bytes)",
            out.display(),
            self.operations,
            self.schemas,
            self.json.as_ref().map_or(0, String::len)
        )
    }
}

/// Writes `json` to `out`, making its folder first.
pub fn write(out: &Path, json: &str) -> std::io::Result<()> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, json)
}

/// Reads the pages, applies the overrides and renders the document: the one path
/// `ucloud-codegen openapi` and `cargo xtask openapi` both take.
pub fn export(pages: &[PathBuf], overrides: Option<&Path>) -> Result<Exported, LoadError> {
    let loaded = crate::load_spec_with(pages, overrides)?;
    let mut diagnostics = loaded.diagnostics;
    if loaded.counts.action_pages == 0 {
        let names: Vec<String> = pages.iter().map(|p| p.display().to_string()).collect();
        diagnostics.error(
            "no-action-pages",
            &names.join(", "),
            0,
            "no action pages; nothing to describe",
        );
    }
    let doc = document(&loaded.spec, &mut diagnostics);
    let json = (!diagnostics.has_errors()).then(|| render(&doc));
    Ok(Exported {
        json,
        diagnostics: diagnostics.sorted(),
        counts: loaded.counts,
        operations: doc.paths.len(),
        schemas: doc.components.schemas.len(),
    })
}

const INFO: &str = "\
UCloud's API, generated by `ucloud-codegen openapi` from UCloud's documentation pages: one \
operation per action, its form parameters, its response, its documented values and examples.

**On the wire** every action is `POST /` with an `application/x-www-form-urlencoded` body \
holding `Action`, the action's parameters, `PublicKey` and `Signature`. This document's paths \
(`/#uhost/DescribeUHostInstance`) keep the product and action after `#`: a URL fragment, which \
HTTP clients do not send, so a tool that builds the URL from the path still calls `POST /`. \
`Action` is a required `const` property of each body.

**Nested parameters** (`Disks.N.IsBoot`) are nested objects and arrays in the schema; UCloud \
flattens them as `Disks.0.IsBoot` (see each request body's description, `x-ucloud-style` and \
`x-ucloud-wire-name`).

**Errors** come with HTTP 200: `RetCode` is 0 on success, anything else is an error with a \
`Message`. The action's required fields are required only when `RetCode` is 0.

**Extensions**: `x-ucloud-read-only` (the action only reads state: safe to retry), \
`x-ucloud-pagination` (offset/limit parameters, total count and list field of a paged action), \
`x-ucloud-waiter` (the action can be polled until the resources given by id reach a state: \
the id parameter, the list and model returned, their id and state fields and the states), \
`x-enum-descriptions` (what each `enum` value means), `x-ucloud-unit`, `x-ucloud-default` (a \
stated default that is not a value of the type), `x-ucloud-inferred` (no table lists the \
field; it was read from the response example), `x-ucloud-signature` (the signature algorithm).";
