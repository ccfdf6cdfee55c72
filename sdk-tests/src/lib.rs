//! Tests of the generated SDK as an application uses it. The README's Rust code blocks are
//! this crate's doctests (`cargo test -p ucloud-sdk-tests --doc`), so the examples users copy
//! compile against the SDK as generated; `tests/` calls the SDK end to end.
#![doc = include_str!("../../README.md")]
