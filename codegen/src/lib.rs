//! # ucloud-codegen
//!
//! Turns UCloud's API documentation pages (one markdown page per action) into a typed Rust
//! SDK. The pipeline is plain functions, one module per step:
//!
//! - [`load`] finds pages and reads them; [`parse`] reads one page (both the legacy
//!   `# Request Parameters` format and the current `## 定义` format) into a [`parse::PageSpec`];
//! - [`resolve`] picks one page per action and merges each product's models into a [`spec::Spec`];
//! - [`emit`] writes the Rust files of the `ucloud-sdk` crate.
//!
//! Problems are [`diag::Diagnostic`]s (`file:line: severity: [kind] message`); nothing panics
//! on bad input.
//!
//! ## The spec model as JSON
//!
//! `ucloud-codegen parse PATH...` prints [`spec::Spec`] as JSON. Its shape is stable:
//!
//! ```text
//! { "services": [ {
//!     "name": "uhub", "folder": "uhub-api",
//!     "actions": [ {
//!         "name": "GetRepoImage", "title": "...", "description": "...",
//!         "source": "specs/uhub-api/get_repo_image.md:1", "format": "legacy" | "current",
//!         "request": [ { "wire_name": "Disks.N.IsBoot", "type": "string|int|float|bool|any",
//!                        "required": true, "common": false, "base64": true?, "description": "...",
//!                        "line": 12, "overridden": ["type"]? } ],
//!         "request_tree": [ { "name": "Disks", "list": true, "required": true,
//!                             "children": [ { "name": "IsBoot", "list": false, "required": true,
//!                                             "type": "string", "param": 3 } ] } ],
//!         "response": [ { "name": "ImageSet", "type": "model:ImageSet", "array": true,
//!                         "required": true, "description": "...", "source": "file:line" } ],
//!         "examples": { "request": [["RepoName", "idkTdEFo"]], "response": { ... } | null }
//!     } ],
//!     "models": [ { "name": "ImageSet", "fields": [ /* as response */ ], "sources": ["file:line"] } ]
//! } ] }
//! ```
//!
//! `type` of a request parameter is the element type for `X.N` names. `RetCode`, `Action` and
//! `Message` are not listed in `response`: every action has them. `common` marks Region, Zone
//! and ProjectId. Fields marked in `overridden` were set by the overrides file.

pub mod diag;
pub mod emit;
pub mod load;
pub mod parse;
pub mod resolve;
pub mod spec;

use diag::Diagnostics;
use std::path::PathBuf;

/// Result of reading a set of pages.
pub struct Loaded {
    pub spec: spec::Spec,
    pub diagnostics: Diagnostics,
    pub counts: load::Counts,
}

/// Reads, parses and resolves every page under `paths`.
pub fn load_spec(paths: &[PathBuf]) -> Result<Loaded, load::LoadError> {
    let files = load::files(paths)?;
    let mut diagnostics = Diagnostics::default();
    let (pages, counts) = load::pages(&files, &mut diagnostics);
    let spec = resolve::build(pages, &mut diagnostics);
    Ok(Loaded {
        spec,
        diagnostics,
        counts,
    })
}
