//! Rust SDK for the [UCloud](https://www.ucloud.cn) cloud API.
//!
//! Every product is a cargo feature (e.g. `uhub`) that adds an accessor to [`Client`]
//! with one async method per API action, taking a typed request and returning a typed
//! response. Any action can also be called by name with [`Client::call`].
//!
//! ```no_run
//! # #[cfg(feature = "uhub")]
//! # async fn example() -> ucloud_sdk::Result<()> {
//! use ucloud_sdk::services::uhub::GetRepoImageRequest;
//! use ucloud_sdk::{Client, Config, Credentials};
//!
//! // Explicit configuration…
//! let config = Config::builder()
//!     .credentials(Credentials::new("my-public-key", "my-private-key"))
//!     .region("cn-bj2")
//!     .build()?;
//! let client = Client::new(config)?;
//! // …or UCLOUD_PUBLIC_KEY / UCLOUD_PRIVATE_KEY / … and ~/.ucloud/*.json:
//! let client = Client::from_env()?;
//!
//! let images = client.uhub().get_repo_image(GetRepoImageRequest::new("repo")).await?;
//! println!("{images:?}");
//!
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
//! that order of precedence (see [`runtime::profile`]). Calls are retried per
//! [`RetryPolicy`]: read-only actions (see [`runtime::action::is_read_only`]) on
//! transient errors, mutating actions only when [`CallOptions::retry_mutating`] opts in.
//! Failures are an [`Error`] to match on. Each call runs in a `tracing` span named
//! `ucloud_call`; secrets never appear in logs, `Debug` output or errors.

#![warn(missing_docs)]

/// `action!(GET_REPO_IMAGE = "GetRepoImage", PROJECT_ID)`: a static [`Action`] of the
/// calling module's `PRODUCT`, naming the common parameters the action takes
/// (`REGION_REQUIRED` and the like imply the plain flag). The generated product modules
/// declare one per action.
#[allow(unused_macros)]
macro_rules! action {
    ($name:ident = $wire:literal $(, $common:ident)*) => {
        static $name: $crate::Action =
            $crate::Action::new(PRODUCT, $wire, 0 $(| $crate::Action::$common)*);
    };
}

/// `deserialize!(ImageSet, image_name: "ImageName", pull_count: "PullCount");`: the
/// `Deserialize` impl of a generated response or model struct. Fields are read by wire
/// name from a map, missing ones keep their `Default`, unknown ones are skipped (and
/// reported by the decoder). It stands for `#[derive(serde::Deserialize)]` with
/// `#[serde(default)]` and expands to a seventh of the code (about 29 lines instead of
/// 204): the derive was most of what compiling the full SDK cost.
#[allow(unused_macros)]
macro_rules! deserialize {
    ($ty:ident $(, $field:ident: $wire:literal)* $(,)?) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct Fields;
                impl<'de> ::serde::de::Visitor<'de> for Fields {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    // A struct without fields neither reads a key nor changes `out`.
                    #[allow(unused_mut, unused_variables)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$ty, A::Error> {
                        let mut out = <$ty as ::std::default::Default>::default();
                        while let Some(key) = map.next_key::<$crate::runtime::decode::Key<'de>>()? {
                            let key = key.as_str();
                            $(if key == $wire {
                                out.$field = map.next_value()?;
                                continue;
                            })*
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                        Ok(out)
                    }
                }
                d.deserialize_struct(stringify!($ty), &[$($wire),*], Fields)
            }
        }
    };
}

pub mod runtime;
// Generated code is formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
pub mod services;

pub use runtime::action::Action;
pub use runtime::client::{CallOptions, Client, Handle, Response};
pub use runtime::config::{Config, ConfigBuilder};
pub use runtime::credentials::Credentials;
pub use runtime::error::{Error, Result};
pub use runtime::profile::Environment;
pub use runtime::retry::RetryPolicy;
pub use runtime::secret::Secret;

/// Helpers for generated tests and examples; not part of the stable API.
#[doc(hidden)]
pub mod __private {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    /// Decodes `json` like the client does and returns the paths of fields present in the
    /// JSON that `T` does not know (ignoring `RetCode`, `Action` and `Message` at the top).
    pub fn check_response<T: DeserializeOwned>(json: &str) -> Result<Vec<String>, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))?;
        crate::runtime::decode::decode::<T>(&value)
            .map(|(_, unknown)| unknown)
            .map_err(|e| e.to_string())
    }

    /// Fails unless `json` decodes into `T` with every field known: the check the generated
    /// example tests run on each page's response example.
    pub fn assert_response_example<T: DeserializeOwned>(json: &str) {
        match check_response::<T>(json) {
            Ok(unknown) => assert!(
                unknown.is_empty(),
                "fields the type does not know: {unknown:?}"
            ),
            Err(e) => panic!("the example does not decode: {e}"),
        }
    }

    /// Fails unless `req` encodes to exactly `expected` (sorted by name): the check the
    /// generated example tests run on each page's request example.
    pub fn assert_request_example<T: Serialize>(req: &T, expected: &[(&str, &str)]) {
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(encode(req), expected);
    }

    /// The form parameters the client would send for `req` (without `Action`,
    /// `PublicKey`, `Signature` or defaults), sorted by name.
    ///
    /// # Panics
    ///
    /// If `req` cannot be encoded (the client returns [`Error::Encode`](crate::Error::Encode) then).
    pub fn encode<T: Serialize>(req: &T) -> Vec<(String, String)> {
        let mut params = crate::runtime::encode::to_params(req)
            .unwrap_or_else(|e| panic!("cannot encode the request: {e}"));
        params.sort_by(|a, b| a.name.cmp(&b.name));
        params.into_iter().map(|p| (p.name, p.value)).collect()
    }

    /// The parameters the client signs for `req` sent as `action` with `config`: encoded,
    /// `Region`/`Zone`/`ProjectId` filled in from `config`, `Action`, `PublicKey` and
    /// `SecurityToken` added, sorted by name. No network; for benchmarks.
    pub fn prepare_request<T: Serialize + ?Sized>(
        req: &T,
        action: &crate::Action,
        config: &crate::Config,
    ) -> crate::Result<Vec<(String, String)>> {
        let params = crate::runtime::encode::to_params(req).map_err(|e| crate::Error::Encode {
            action: action.name.to_owned(),
            message: e.0,
        })?;
        let target = crate::runtime::call::Target {
            product: action.product,
            name: action.name,
            common: action.common,
        };
        let params = crate::runtime::call::prepare(params, &target, config)?;
        Ok(params.into_iter().map(|p| (p.name, p.value)).collect())
    }

    /// The signature the client computes over prepared parameters.
    pub fn sign(params: &[(String, String)], private_key: &str) -> String {
        crate::runtime::sign::signature(
            params.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            private_key,
        )
    }

    /// [`prepare_request`] then [`sign`], with `Signature` appended: the form the client
    /// posts for `req` (before URL encoding). No network; for benchmarks.
    pub fn signed_request<T: Serialize + ?Sized>(
        req: &T,
        action: &crate::Action,
        config: &crate::Config,
    ) -> crate::Result<Vec<(String, String)>> {
        let mut params = prepare_request(req, action, config)?;
        let signature = sign(&params, config.credentials().private_key().expose());
        params.push(("Signature".to_owned(), signature));
        Ok(params)
    }

    /// What the client does with a successful HTTP response's body: checks `RetCode` and
    /// decodes it leniently into `T`. For benchmarks.
    pub fn decode_body<T: DeserializeOwned>(body: Vec<u8>, action: &str) -> crate::Result<T> {
        crate::runtime::call::decode_body::<T>(body, action).map(|r| r.value)
    }
}
