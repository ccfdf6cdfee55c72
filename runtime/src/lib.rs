//! The runtime of the [UCloud](https://www.ucloud.cn) SDK for Rust: configuration and
//! credentials, request encoding and signing, HTTP, retries and timeouts, tolerant response
//! decoding, errors and pagination.
//!
//! Applications use it through the `ucloud-sdk` crate, which is generated from UCloud's API
//! documentation and re-exports what they need ([`Client`], [`Config`], [`Error`], …). This
//! crate is hand-written and versioned on its own; generated code is thin calls into its
//! public API, listed below.
//!
//! ```no_run
//! # async fn example() -> ucloud_sdk_runtime::Result<()> {
//! use ucloud_sdk_runtime::{Client, Config, Credentials};
//!
//! let config = Config::builder()
//!     .credentials(Credentials::new("my-public-key", "my-private-key"))
//!     .region("cn-bj2")
//!     .build()?;
//! let client = Client::new(config)?;
//! // Any action by name, with JSON parameters:
//! let hosts = client
//!     .call("DescribeUHostInstance", serde_json::json!({ "Limit": 10 }))
//!     .await?;
//! println!("{}", hosts["TotalCount"]);
//! # Ok(())
//! # }
//! ```
//!
//! Configuration comes from [`Config::builder`] (explicit), the `UCLOUD_*` environment
//! variables and ucloud-cli's `~/.ucloud/config.json` and `~/.ucloud/credential.json`, in
//! that order of precedence (see [`profile`]). Credentials can also come from a provider
//! (see [`credentials`]): the instance metadata service of a UHost (the default chain's
//! last resort), STS role assumption, or your own; temporary credentials are renewed
//! before they expire, one refresh at a time. Calls are retried per [`RetryPolicy`]:
//! read-only actions (see [`Action::is_read_only`]) on transient errors, mutating actions
//! only when [`CallOptions::retry_mutating`] opts in. Failures are an [`Error`] to match on.
//! Each call runs in a `tracing` span named `ucloud_call`; secrets never appear in logs,
//! `Debug` output or errors.
//!
//! # What generated code uses
//!
//! The generator emits code against these public items, which follow semver like the rest
//! of the public API:
//!
//! | item | used for |
//! |---|---|
//! | [`Request`], [`Action`] | each request type's action, through `request!` |
//! | [`Extras`], [`ExtraParams`] | the `extras` field of each request type and `.extra(name, value)` on it |
//! | [`Client`], [`Client::send`], [`Client::paginate`], [`Paging`] | product clients own a `Client`; the body of each product method (a list action's paging parameters as its spec names them) |
//! | [`Client::wait_until`], [`wait::states`], [`Waiter`], [`Poll`] | the body of each generated waiter |
//! | [`CallOptions`], [`Result`], [`Secret`] | method signatures and secret parameters |
//! | [`serde`], [`serde_json`], [`Stream`] | re-exported, so generated crates name no other dependency for them |
//! | `testing::{ActionInfo, TypedAction, ResponseType}` (feature `testing`) | what the mock knows of each generated action |
//!
//! and against the hidden module `__private` and the hidden macros `model!`, `request!`,
//! `open_enum!` and `open_int_enum!` (the field tables that `Debug`, `PartialEq`, `Serialize` and `Deserialize`
//! of every generated type run on, and the checks of the generated example tests). Those
//! are the generator's alone: not for applications, and not covered by semver, which is why
//! `ucloud-sdk` depends on this crate with an exact version (`=x.y.z`). A test
//! (`tests/it/generated_paths.rs`) checks that generated code names nothing else.
//!
//! # Modules
//!
//! | module | holds |
//! |---|---|
//! | [`action`] | [`Action`], [`Request`] and the read-only rule |
//! | [`config`] | [`Config`], [`ConfigBuilder`], base URL checks |
//! | [`credentials`] | [`Credentials`], the [`ProvideCredentials`](credentials::ProvideCredentials) trait, its providers and cache |
//! | [`profile`] | environment variables and ucloud-cli profile files |
//! | [`secret`] | [`Secret`] |
//! | [`encode`] | form encoding of requests, `base64` helpers |
//! | [`sign`] | the request signature |
//! | [`decode`] | tolerant decoding of responses |
//! | [`error`] | [`Error`] |
//! | [`retry`] | [`RetryPolicy`] |
//! | [`client`] | [`Client`], [`CallOptions`], [`Response`] |
//! | [`transport`] | the [`Transport`](transport::Transport) seam and [`HttpTransport`](transport::HttpTransport), the default |
//! | [`paginate`] | [`Client::paginate`], [`Paging`] |
//! | [`wait`] | [`Client::wait_until`], [`Waiter`] |
//! | `testing` (feature `testing`) | a mock transport for tests of code that calls UCloud |
//!
//! # Features
//!
//! - `testing` adds `testing`, a mock transport for your tests: no network, no server; it
//!   checks each request's signature and required parameters, records the calls, and
//!   answers from replies the test queues or from the documentation's response examples.
//!   Enable it in `[dev-dependencies]` through `ucloud-sdk`'s `testing` feature, which
//!   also supplies the description of every action.
//! - `bench` adds the client's encode, sign and decode steps without network, for
//!   `cargo xtask bench`, under the hidden `__private` module: not part of the stable API.

#![warn(missing_docs)]

#[macro_use]
mod macros;

pub mod action;
#[cfg(feature = "bench")]
mod bench;
pub(crate) mod call;
pub mod client;
pub mod config;
pub mod credentials;
pub mod decode;
pub mod encode;
pub mod error;
mod examples;
mod model;
pub mod paginate;
pub mod profile;
pub mod retry;
pub mod secret;
pub mod sign;
#[cfg(feature = "testing")]
pub mod testing;
pub mod transport;
pub mod wait;

pub use action::{Action, Request};
pub use client::{CallOptions, Client, Response};
pub use config::{Config, ConfigBuilder};
pub use credentials::Credentials;
pub use error::{Error, Result};
pub use futures_core::Stream;
pub use model::{ExtraParams, Extras};
pub use paginate::Paging;
pub use profile::Environment;
pub use retry::RetryPolicy;
pub use secret::Secret;
/// Re-exported: the generated types implement its traits.
pub use serde;
/// Re-exported: untyped fields are [`serde_json::Value`]s, and [`Client::call`] takes and
/// returns them.
pub use serde_json;
pub use transport::{REQUEST_ID_HEADER, TIMESTAMP_HEADER};
pub use wait::{Poll, Waiter};

/// The generator's side of the contract with generated code: the field tables of generated
/// types and the runtime code that walks them, the checks of the generated example tests,
/// and (feature `bench`) the benchmarks' hooks. Not for applications: any release may
/// change it (`ucloud-sdk` pins this crate's exact version).
#[doc(hidden)]
pub mod __private {
    /// The client's encode, sign and decode steps without network, for `cargo xtask bench`.
    #[cfg(feature = "bench")]
    pub mod bench {
        pub use crate::bench::*;
    }
    /// The checks of the generated example tests.
    pub mod examples {
        pub use crate::examples::*;
    }
    pub use crate::model::{
        access, blank, debug, deserialize, deserialize_enum, deserialize_int_enum, enum_from_str,
        enum_from_string, eq, int_enum_from, serialize, serialize_enum, serialize_int_enum, types,
        Access, EnumList, EnumSlot, FieldInfo, IntEnumList, IntEnumSlot, List, Model, ModelList,
        ModelVec, OpenEnum, OpenIntEnum, OptModelSlot, Shape, Slot, Table, Value,
    };
    pub use crate::{model, open_enum, open_int_enum, request};
}
