//! # ucloud-codegen
//!
//! Turns UCloud's API documentation pages (one markdown page per action) into a typed Rust
//! SDK. The pipeline is plain functions, one module per step:
//!
//! - [`load`] finds pages and reads them; [`parse`] reads one page (both the legacy
//!   `# Request Parameters` format and the current `## 定义` format) into a [`parse::PageSpec`];
//! - [`resolve`] picks one page per action and merges each product's models into a
//!   [`spec::Spec`], inferring the fields the tables leave out from the examples ([`infer`]);
//! - [`overrides`] corrects known documentation errors; [`annotate`] decides every fact an
//!   emitter reads (enums, secrets, base64, pagination, read-only, waiters, docs; the text rules
//!   are in [`facts`]); [`defects`] marks examples that contradict their pages;
//! - [`emit`] writes the Rust files of the `ucloud-sdk` crate ([`output`] writes or checks
//!   them; [`generate_crate`] does it all);
//! - [`openapi`], a second emitter of the same facts, describes the spec as one OpenAPI 3.1
//!   document (`docs/openapi.md`).
//!
//! Problems are [`diag::Diagnostic`]s (`file:line: severity: [kind] message`); nothing panics
//! on bad input.
//!
//! ## The spec model as JSON
//!
//! `ucloud-codegen parse PATH...` prints [`spec::Spec`] as JSON. Its shape is stable:
//!
//! ```text
//! { "schema_version": 2,
//!   "services": [ {
//!     "name": "uhub", "folder": "uhub-api",
//!     "product": { "title": "公共镜像库", "name": "UHub"?,
//!                  "source": { "file": "specs/uhub-api/README.md", "line": 1 } }?,
//!     "actions": [ {
//!         "name": "GetRepoImage", "title": "...", "description": "...",
//!         "source": { "file": "specs/uhub-api/get_repo_image.md", "line": 1 },
//!         "format": "legacy" | "current",
//!         "request": [ { "wire_name": "Disks.N.IsBoot", "type": "string|int|float|bool|any",
//!                        "required": true, "common": false, "base64": true?, "description": "...",
//!                        "source": { "file": "...", "line": 12 },
//!                        "from_model": { "model": "DiskConfig", "group": "Disks.N",
//!                                        "required": true }?,
//!                        "overridden": ["type", "enum"]?, "facts": FIELD_FACTS } ],
//!         "request_tree": [ { "name": "Disks", "list": true, "required": true,
//!                             "model": "DiskConfig"?,
//!                             "children": [ { "name": "IsBoot", "list": false, "required": true,
//!                                             "type": "string", "param": 3 } ] } ],
//!         "response": [ { "name": "ImageSet", "type": "model:ImageSet", "array": true,
//!                         "required": true, "description": "...",
//!                         "source": { "file": "...", "line": 40 },
//!                         "inferred": { "file": "...", "line": 88 }?,
//!                         "facts": FIELD_FACTS } ],
//!         "examples": { "request": [["RepoName", "idkTdEFo"]], "response": { ... } | null,
//!                       "response_defects": ["TotalCount: the table says an integer, …"]? },
//!         "facts": { "read_only": true, "deprecated": true?,
//!                    "pagination": { "offset": "Offset", "limit": "Limit",
//!                                    "total": "TotalCount", "list": "ImageSet" }?,
//!                    "waiter": { "id_param": "UHostIds", "ids": true, "list": "UHostSet",
//!                                "model": "UHostInstanceSet", "id_field": "UHostId",
//!                                "state_field": "State", "states": ["Running", …] }?,
//!                    "docs": "plain text", "url": "https://docs.ucloud.cn/api/uhub-api/…",
//!                    "overridden": ["read_only"]? }
//!     } ],
//!     "models": [ { "name": "ImageSet", "fields": [ /* as response */ ],
//!                   "sources": [ { "file": "...", "line": 52 } ],
//!                   "inferred": { "file": "...", "line": 90 }? } ]
//! } ] }
//! ```
//!
//! where `FIELD_FACTS` is
//!
//! ```text
//! { "sensitive": true?, "deprecated": true?, "boxed": true?, "default": "Month"?, "unit": "GB"?,
//!   "enum": { "values": [ { "value": "Year", "doc": "按年付费" } ],
//!             "source": "枚举值为：Year，按年付费；Month，…" }?,
//!   "docs": "plain text: markdown and <br> resolved, links absolute on docs.ucloud.cn" }
//! ```
//!
//! Keys marked `?` are present only when they apply. `schema_version` ([`spec::SCHEMA_VERSION`])
//! is raised when a key changes meaning or goes away.
//!
//! - Every `source` is a [`spec::Span`]: the file as given to the generator (with `/`
//!   separators) and the 1-based line of the title, table row or model heading; line 0 means
//!   the file as a whole.
//! - `type` of a request parameter is the element type for `X.N` names. `common` marks Region,
//!   Zone and ProjectId.
//! - `from_model`: the page typed a request row by one of its models (`Disks |
//!   array[DiskConfig]`); the row stands for the model's fields, each a parameter of its own,
//!   and the group they make (`group`, required as `required` says) is a node of
//!   `request_tree` with `model` set. A parameter's own `required` is within its group.
//! - A group node of `request_tree` is required when its row is (a model group) or when any
//!   child is (a group of flattened rows such as `Disks.N.Size`).
//! - `RetCode`, `Action` and `Message` are not listed in `response`: every action has them.
//! - `inferred`: no table lists the field (or defines the model); it was inferred from the
//!   response example, where its key (or object) is at this place. See [`infer`].
//! - Fields marked in `overridden` were set by the overrides file; a request parameter whose
//!   `overridden` says `added` is not on the page at all (its `source` is the entry's line
//!   in the overrides file).
//! - `facts` are decided once, after resolving, by [`annotate`] (and corrected by the
//!   overrides): an emitter reads them and never decides them itself. `base64` (on request
//!   parameters) and `facts` are the facts; `read_only` says a call can be retried safely;
//!   `waiter` says how to poll the action until resources reach a state.
//! - `response_defects` (see [`defects`]): where the response example contradicts the page's
//!   tables; its generated test is ignored with these reasons.
//!
//! ## Overrides
//!
//! Known documentation errors are corrected by an overrides file (`specs/overrides.json` for
//! `cargo xtask gen`, `--overrides FILE` for `ucloud-codegen parse`, [`load_spec_with`] in the
//! library). It is a JSON list of entries, or an object with `_doc` and an `overrides` list:
//!
//! ```text
//! { "product": "uhost", "action": "CreateUHostInstance" | null, "model": "X" | null,
//!   "field": "Disks.N.Size", "in": "request" | "response"?, "type": "int"?, "required": true?,
//!   "reason": "..." }
//! { "product": "uhost", "page": "uhost-api/foo.md", "exclude": true, "reason": "..." }
//! { "product": "uhost", "action": "Foo", "exclude": true, "reason": "..." }
//! { "product": "uhost", "action": "Foo" | null, "model": "X" | null, "field": "Key",
//!   "exclude": true, "reason": "..." }
//! ```
//!
//! A correction names a field: a request wire name or a response field name with `action`,
//! a model field name with `model`. `type` is `string|int|float|bool|any`, for response and
//! model fields also `model:Name` and `array[...]`. It is applied after resolving; changed
//! values are listed in `overridden`.
//!
//! An exclusion (`"exclude": true`) leaves out a page, every page of an action (applied
//! right after parsing, so that the page's errors no longer fail generation; see
//! [`exclude`]), or a field inferred from an example. An entry that matches nothing is an
//! `unmatched-override` error at its line. See [`overrides`] and `docs/overrides.md`.

pub mod annotate;
#[doc(hidden)]
pub mod bench;
pub mod changes;
pub mod defects;
pub mod diag;
pub mod emit;
pub mod exclude;
pub mod facts;
pub mod infer;
pub mod load;
pub mod names;
pub mod openapi;
pub mod output;
pub mod overrides;
mod par;
pub mod parse;
pub mod release;
pub mod resolve;
pub mod spec;
#[cfg(test)]
mod stage_graph;

use diag::Diagnostics;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Result of reading a set of pages.
pub struct Loaded {
    pub spec: spec::Spec,
    pub diagnostics: Diagnostics,
    pub counts: load::Counts,
}

/// Reads, parses and resolves every page under `paths`.
pub fn load_spec(paths: &[PathBuf]) -> Result<Loaded, load::LoadError> {
    load_spec_with(paths, None)
}

/// [`load_spec`], then applies the overrides file, if any (see [`overrides`]). A file that
/// cannot be read is a [`load::LoadError`]; bad or unmatched entries are error diagnostics.
pub fn load_spec_with(
    paths: &[PathBuf],
    overrides: Option<&Path>,
) -> Result<Loaded, load::LoadError> {
    bench::load_spec_timed(paths, overrides, &mut bench::Timings::default())
}

/// The pipeline from pages read (as [`load::read_all`] returns them, one per entry of
/// `files`) to the spec model: parse every page; leave out the pages the overrides exclude
/// ([`exclude`]); resolve, which infers the fields the tables lack ([`infer`]); apply the
/// other overrides ([`overrides`]); and add to each page's first error the entry that would
/// exclude it. `overrides` is the overrides file's (label, text), if any.
pub fn load_texts(
    files: &[(String, PathBuf)],
    texts: Vec<Result<String, String>>,
    overrides: Option<(&str, &str)>,
) -> Loaded {
    load_texts_timed(files, texts, overrides, &mut bench::Timings::default())
}

/// [`load_texts`], recording how long parsing and resolving took (see [`bench`]).
pub(crate) fn load_texts_timed(
    files: &[(String, PathBuf)],
    texts: Vec<Result<String, String>>,
    overrides: Option<(&str, &str)>,
    timings: &mut bench::Timings,
) -> Loaded {
    let parsing = Instant::now();
    let mut diagnostics = Diagnostics::default();
    let mut products: BTreeMap<String, spec::Product> = files
        .iter()
        .zip(&texts)
        .filter_map(|((label, _), text)| parse::product::product(label, text.as_ref().ok()?))
        .collect();
    let load::Parsed {
        mut pages,
        mut counts,
        references,
    } = load::parse_all(files, texts, &mut diagnostics);
    let resolving = Instant::now();
    timings.parse = resolving - parsing;
    let labels: Vec<String> = files.iter().map(|(label, _)| label.clone()).collect();
    let mut entries = Vec::new();
    if let Some((label, text)) = overrides {
        entries = overrides::parse(label, text, &mut diagnostics);
        counts.excluded = exclude::apply(&mut pages, &labels, &entries, label, &mut diagnostics);
    }
    let mut spec = resolve::build(pages, &mut diagnostics);
    for svc in &mut spec.services {
        svc.product = products.remove(&svc.folder);
    }
    if let Some((label, _)) = overrides {
        overrides::apply(&mut spec, &entries, label, &mut diagnostics);
    }
    annotate::annotate(&mut spec);
    // Before the overrides' facts, so that an override has the last word on a field's values;
    // a field given a reference page's values is then a sibling with values.
    facts::enums::references::apply(&mut spec, &references, &mut diagnostics);
    facts::enums::siblings::share(&mut spec);
    if let Some((label, _)) = overrides {
        overrides::apply_facts(&mut spec, &entries, label, &mut diagnostics);
    }
    facts::enums::group::assign(&mut spec);
    defects::mark(&mut spec);
    exclude::hint(&mut diagnostics, &labels, overrides.map(|(label, _)| label));
    timings.resolve = resolving.elapsed();
    Loaded {
        spec,
        diagnostics,
        counts,
    }
}

/// What [`generate_crate`] reads and where it writes.
#[derive(Debug, Clone)]
pub struct Generate {
    /// Page files or folders (searched recursively for `.md` files).
    pub pages: Vec<PathBuf>,
    /// The overrides file, if any.
    pub overrides: Option<PathBuf>,
    /// The crate folder.
    pub out: PathBuf,
    pub options: emit::Options,
    pub mode: output::Mode,
}

/// What [`generate_crate`] did.
#[derive(Debug)]
pub struct Generated {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<diag::Diagnostic>,
    pub counts: load::Counts,
    /// Number of generated files.
    pub files: usize,
    /// The differences found (and in [`output::Mode::Write`] written); `None` when the pages
    /// have errors and nothing was written or checked.
    pub outcome: Option<output::Outcome>,
}

/// Reads the pages, applies the overrides, generates the crate and writes it to (or checks
/// it against) the output folder: the one path `cargo xtask gen` and `ucloud-codegen
/// generate` both take. Nothing is written when any page or override has an error.
/// `progress` is told what each long step is about to do.
pub fn generate_crate(
    job: &Generate,
    progress: &mut dyn FnMut(&str),
) -> Result<Generated, Box<dyn std::error::Error + Send + Sync>> {
    progress("reading the pages");
    let loaded = load_spec_with(&job.pages, job.overrides.as_deref())?;
    let mut diagnostics = loaded.diagnostics;
    if loaded.counts.action_pages == 0 {
        let names: Vec<String> = job.pages.iter().map(|p| p.display().to_string()).collect();
        diagnostics.error(
            "no-action-pages",
            &names.join(", "),
            0,
            format!(
                "no action pages among {} file(s); nothing to generate",
                loaded.counts.files
            ),
        );
    }
    progress("generating the crate");
    let generated = emit::generate(&loaded.spec, &job.options, &mut diagnostics);
    let failed = diagnostics.has_errors();
    let outcome = if failed {
        None
    } else {
        progress(match job.mode {
            output::Mode::Write => "writing",
            output::Mode::Check => "comparing",
        });
        Some(output::sync(&job.out, &generated, job.mode)?)
    };
    Ok(Generated {
        diagnostics: diagnostics.sorted(),
        counts: loaded.counts,
        files: generated.len(),
        outcome,
    })
}
