//! API facts read from the pages' documentation text: pure functions of a description (and
//! a field's name or type), independent of the spec model, so that the resolver decides each
//! fact once and every emitter (Rust today, OpenAPI next) only reads it.
//!
//! - [`enums`]: the values a description lists (`枚举值：Year，按年付费；Month，按月付费`);
//! - [`text`]: deprecation, default values, units, base64, sensitivity, and the description
//!   as documentation text.
//!
//! The rules and their measured precision are in `docs/enums.md`.

pub mod enums;
pub mod text;
