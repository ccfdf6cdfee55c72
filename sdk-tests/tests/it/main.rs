//! The end-to-end tests of the generated SDK, one binary: each file was its own test crate,
//! and each linked the SDK again (issue 22). None needs a process of its own.

// `#[path]` so that the runtime's test support it includes by a relative path is found
// from this folder.
#[path = "client_uhub.rs"]
mod client_uhub;
mod common_params;
mod enum_text;
mod mock_user;
mod waiters;
