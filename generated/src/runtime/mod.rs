//! The hand-written runtime the generated product APIs call into.
//!
//! | module | holds |
//! |---|---|
//! | [`action`] | [`Action`](crate::Action) and the read-only rule |
//! | [`config`] | [`Config`](crate::Config), [`ConfigBuilder`](crate::ConfigBuilder), base URL checks |
//! | [`credentials`] | [`Credentials`](crate::Credentials) |
//! | [`profile`] | environment variables and ucloud-cli profile files |
//! | [`secret`] | [`Secret`](crate::Secret) |
//! | [`encode`] | form encoding of requests, `base64` helpers |
//! | [`sign`] | the request signature |
//! | [`decode`] | tolerant decoding of responses |
//! | [`error`] | [`Error`](crate::Error) |
//! | [`retry`] | [`RetryPolicy`](crate::RetryPolicy) |
//! | [`client`] | [`Client`](crate::Client), [`Handle`](crate::Handle), [`CallOptions`](crate::CallOptions) |
//! | `call`, `transport` | the call pipeline and one HTTP attempt |
//! | `paginate` | [`Handle::paginate`](crate::Handle::paginate) |

pub mod action;
pub(crate) mod call;
pub mod client;
pub mod config;
pub mod credentials;
pub mod decode;
pub mod encode;
pub mod error;
mod paginate;
pub mod profile;
pub mod retry;
pub mod secret;
pub mod sign;
mod transport;

pub use transport::{REQUEST_ID_HEADER, TIMESTAMP_HEADER};
