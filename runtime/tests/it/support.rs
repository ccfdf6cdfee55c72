//! What a test module's `mod support;` finds: the binary's one `support` module, so that it
//! is compiled once and not once per module.
#![allow(unused_imports)]
pub use crate::support::*;
