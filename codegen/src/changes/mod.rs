//! The API diff of two spec models, as a user of `ucloud-sdk` sees it: what a docs update
//! adds, removes or changes in the generated Rust API, each change classified by what it does
//! to code that compiles against the old version.
//!
//! Both models are planned as the emitter plans them ([`surface`]), so changes are named by
//! the Rust names (`uhost::DescribeUHostInstanceRequest::limit`) and judged by the Rust types.
//! The rules follow from how the SDK is generated:
//!
//! - structs are `#[non_exhaustive]` and built with `new`/setters, so a new optional request
//!   parameter, response field or model is **additive**;
//! - required parameters are arguments of `new` (or fields of its `…Required` struct), so a
//!   parameter becoming required or optional, or a new required one, is **breaking**;
//! - response fields are `Option`s or `Vec`s, so a response field's required flag is
//!   **docs-only**; removing or retyping any field, method, type or variant is **breaking**;
//! - enums are open and `#[non_exhaustive]` with an `Unknown` variant, so a new value is
//!   **additive** and a removed one **breaking**;
//! - a new product (feature), action, `*_stream` method (pagination) or waiter is
//!   **additive**; losing one is **breaking**; `#[deprecated]` is **additive** (a warning).
//!
//! The diff compares what the generator makes of each model, with today's generator: a
//! change of the generator or the runtime is versioned by the same rule, but by hand (see
//! `docs/releases.md`).

mod compare;
mod markdown;
pub mod surface;

use crate::release::Bump;
use serde::{Deserialize, Serialize};

pub use markdown::markdown;

/// What a change does to code written against the old API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Code that compiled may no longer compile.
    Breaking,
    /// Only new API; all code that compiled still does.
    Additive,
    /// No change to the Rust API (documentation, wire details behind the same API).
    DocsOnly,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::DocsOnly => "docs-only",
        }
    }
}

/// One change of the API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Change {
    /// The product feature (module) it is in.
    pub product: String,
    pub class: Class,
    /// What happened (`action-removed`, `param-now-required`, `enum-value-added`, …); one of
    /// [`KINDS`].
    pub kind: String,
    /// The Rust item (`DescribeEIPRequest::project_id`, `OperatorName::Bgp2`, `create_eip`).
    pub item: String,
    /// The details a reader needs (old and new type, the wire name).
    pub detail: String,
}

/// Every kind of change, with its class.
pub const KINDS: &[(&str, Class)] = &[
    ("product-added", Class::Additive),
    ("product-removed", Class::Breaking),
    ("action-added", Class::Additive),
    ("action-removed", Class::Breaking),
    ("action-deprecated", Class::Additive),
    ("action-undeprecated", Class::DocsOnly),
    ("pagination-gained", Class::Additive),
    ("pagination-lost", Class::Breaking),
    ("waiter-gained", Class::Additive),
    ("waiter-lost", Class::Breaking),
    ("param-added", Class::Additive),
    ("required-param-added", Class::Breaking),
    ("param-removed", Class::Breaking),
    ("param-now-required", Class::Breaking),
    ("param-now-optional", Class::Breaking),
    ("param-retyped", Class::Breaking),
    ("field-added", Class::Additive),
    ("field-removed", Class::Breaking),
    ("field-retyped", Class::Breaking),
    ("field-required-changed", Class::DocsOnly),
    ("wire-name-changed", Class::DocsOnly),
    ("type-added", Class::Additive),
    ("type-removed", Class::Breaking),
    ("model-added", Class::Additive),
    ("model-removed", Class::Breaking),
    ("enum-added", Class::Additive),
    ("enum-removed", Class::Breaking),
    ("enum-value-added", Class::Additive),
    ("enum-value-removed", Class::Breaking),
];

/// The class of a kind of change.
pub fn class_of(kind: &str) -> Class {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(Class::Breaking, |(_, c)| *c)
}

/// One side of a comparison: a label for people (`legacy`, `HEAD~3`, a folder) and the
/// documentation commit, when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    pub label: String,
    pub docs_commit: Option<String>,
    pub date: Option<String>,
}

/// The diff of two spec models: sorted by product, then breaking before additive before
/// docs-only, the product's own change first, then item and kind, so that the same inputs
/// give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub from: Side,
    pub to: Side,
    pub changes: Vec<Change>,
}

impl Report {
    /// The version bump the changes call for.
    pub fn bump(&self) -> Bump {
        let has = |c: Class| self.changes.iter().any(|x| x.class == c);
        if has(Class::Breaking) {
            Bump::Breaking
        } else if has(Class::Additive) {
            Bump::Additive
        } else {
            Bump::Patch
        }
    }

    /// The number of changes of a class.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// The API changes from `from` to `to`, sorted.
pub fn diff(from: &crate::spec::Spec, to: &crate::spec::Spec) -> Vec<Change> {
    let mut changes = compare::surfaces(&surface::surface(from), &surface::surface(to));
    // The product's own change (added, removed) heads its class; then by item.
    let key = |c: &Change| {
        let whole = !c.kind.starts_with("product-");
        (
            c.product.clone(),
            c.class,
            whole,
            c.item.clone(),
            c.kind.clone(),
        )
    };
    changes.sort_by_key(key);
    changes.dedup();
    changes
}

/// [`diff`] with its two sides, as a [`Report`].
pub fn report(from: (&crate::spec::Spec, Side), to: (&crate::spec::Spec, Side)) -> Report {
    Report {
        changes: diff(from.0, to.0),
        from: from.1,
        to: to.1,
    }
}
