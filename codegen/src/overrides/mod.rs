//! Corrections for known documentation errors, applied to the resolved spec model.
//!
//! The file (`specs/overrides.json`; format in `docs/overrides.md`) is either a JSON list of
//! entries or an object `{ "_doc": "...", "overrides": [ ... ] }`. An entry names one request
//! parameter, response field or model field and sets its `type` and/or `required`:
//!
//! ```json
//! { "product": "uhost", "action": "CreateUHostInstance", "model": null,
//!   "field": "Disks.N.Size", "type": "int", "required": true,
//!   "reason": "the page says string; the API takes an integer" }
//! ```
//!
//! - `product` is the service name (`uhost`) or its folder (`uhost-api`);
//! - with `action`, `field` is a request wire name (`Disks.N.Size`) or a response field name;
//!   when both exist, `"in": "request"` or `"in": "response"` says which;
//! - with `model` (and no `action`), `field` is a field of that model;
//! - `type` is `string`, `int`, `float`, `bool` or `any`, and for response and model fields
//!   also `model:Name` or `array[...]` of those;
//! - `reason` says why, for the reader of the file.
//!
//! Every value an entry changes is recorded in the `overridden` list of the parameter or
//! field. An entry that matches nothing is an error naming the entry's line in the file; an
//! entry that changes nothing (the page has been fixed) is a warning.
//!
//! An entry with `"exclude": true` leaves something out instead ([`Target`]): a `page` or an
//! `action` (applied to the parsed pages by [`crate::exclude`]), or, with `field`, a field
//! inferred from a response example (applied here; a field of the tables cannot be
//! excluded).
//!
//! The file's format (the entries, their targets, the checks an entry passes on its own) is
//! `format`; applying it is `apply` (shapes, additions, exclusions of fields, before the
//! facts are decided) and `facts` (corrections of decided facts).

mod apply;
mod facts;
mod format;

pub use apply::apply;
pub use facts::apply_facts;
pub use format::{parse, Override, Target};
