//! The generator's integration tests, one binary: each file was its own test crate, and
//! each crate linked the generator, syn and prettyplease again (issue 22). None needs a
//! process of its own (none changes the environment or other process-wide state).
//!
//! Each module reaches the shared helpers (`tests/support/`, compiled once below) with
//! `use crate::support;`.

#[path = "../support/mod.rs"]
mod support;

#[path = "bad_pages.rs"]
mod bad_pages;
#[path = "changes.rs"]
mod changes;
#[path = "cli.rs"]
mod cli;
#[path = "compile_pages.rs"]
mod compile_pages;
#[path = "corpus.rs"]
mod corpus;
#[path = "field_docs.rs"]
mod field_docs;
#[path = "golden.rs"]
mod golden;
#[path = "legacy_types.rs"]
mod legacy_types;
#[path = "models.rs"]
mod models;
#[path = "names.rs"]
mod names;
#[path = "openapi.rs"]
mod openapi;
#[path = "openapi_cli.rs"]
mod openapi_cli;
#[path = "overrides.rs"]
mod overrides;
#[path = "properties.rs"]
mod properties;
#[path = "spec_facts.rs"]
mod spec_facts;
#[path = "table_loss.rs"]
mod table_loss;
