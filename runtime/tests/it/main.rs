//! The runtime's integration tests, one binary: each file was its own test crate, and each
//! crate linked the runtime, tokio and reqwest again (issue 22). Two stay separate because
//! they need a process of their own: `client_cancel` (a counting global allocator) and
//! `client_env_process` (it changes the process environment).
//!
//! Each module reaches the shared helpers (`tests/support/`, compiled once below) with
//! `use crate::support;`.

#[path = "../support/mod.rs"]
mod support;

#[path = "client_config.rs"]
mod client_config;
#[path = "client_decode.rs"]
mod client_decode;
#[path = "client_errors.rs"]
mod client_errors;
#[path = "client_invalid_request.rs"]
mod client_invalid_request;
#[path = "client_paginate.rs"]
mod client_paginate;
#[path = "client_pool.rs"]
mod client_pool;
#[path = "client_requests.rs"]
mod client_requests;
#[path = "client_retry.rs"]
mod client_retry;
#[path = "client_secrets.rs"]
mod client_secrets;
#[path = "client_timeout.rs"]
mod client_timeout;
#[path = "credentials_local.rs"]
mod credentials_local;
#[path = "credentials_metadata.rs"]
mod credentials_metadata;
#[path = "credentials_rejected.rs"]
mod credentials_rejected;
#[path = "credentials_sts.rs"]
mod credentials_sts;
#[path = "generated_paths.rs"]
mod generated_paths;
#[path = "generated_types.rs"]
mod generated_types;
#[path = "mock_replies.rs"]
mod mock_replies;
#[path = "mock_transport.rs"]
mod mock_transport;
#[path = "no_api_names.rs"]
mod no_api_names;
#[path = "request_extras.rs"]
mod request_extras;
