//! [`Credentials`] and where they come from: the [`ProvideCredentials`] trait and its
//! providers.
//!
//! | provider | credentials from |
//! |---|---|
//! | [`Credentials`] itself | a key pair you hold (never expires) |
//! | [`EnvironmentProvider`] | `UCLOUD_PUBLIC_KEY`, `UCLOUD_PRIVATE_KEY`, `UCLOUD_SECURITY_TOKEN` |
//! | [`ProfileProvider`] | ucloud-cli's `~/.ucloud/credential.json` (see [`profile`](crate::profile)) |
//! | [`InstanceMetadataProvider`] | the instance metadata service of a UHost with a role (temporary) |
//! | [`AssumeRoleProvider`] | the `sts` product's `AssumeRole`, called with other credentials (temporary) |
//! | [`ChainProvider`] | the first of several providers that has credentials |
//! | [`CachingProvider`] | another provider, cached and refreshed ahead of expiry, one refresh at a time |
//!
//! A [`Config`](crate::Config) takes a key pair, or any provider through
//! [`ConfigBuilder::credentials_provider`](crate::ConfigBuilder::credentials_provider)
//! (which it caches with a [`CachingProvider`]); the client asks for credentials before it
//! signs each attempt. Without either, [`ConfigBuilder::build_with_env`](crate::ConfigBuilder::build_with_env)
//! follows the default chain: explicit configuration, then the environment, then the
//! profile files, then the instance metadata service. The design, the chain, the formats
//! of the metadata service and of STS and the refresh policy are described in
//! `docs/credentials.md`.

mod cache;
mod chain;
mod expiry;
mod local;
mod metadata;
mod sts;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use crate::{Result, Secret};

pub use cache::{CachingProvider, DEFAULT_REFRESH_MARGIN, REFRESH_RETRY_DELAY};
pub use chain::ChainProvider;
pub use local::{EnvironmentProvider, ProfileProvider};
pub use metadata::{InstanceMetadataProvider, DEFAULT_METADATA_ENDPOINT, DEFAULT_METADATA_TIMEOUT};
pub use sts::AssumeRoleProvider;

pub(crate) use chain::default_fallback;

/// An API key pair from the UAPI console, optionally with an STS security token and the
/// time the credentials expire.
///
/// `Debug` shows the public key and the expiry only; the private key and the token print
/// as `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    public_key: String,
    private_key: Secret,
    security_token: Option<Secret>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// A key pair.
    pub fn new(public_key: impl Into<String>, private_key: impl Into<Secret>) -> Self {
        Credentials {
            public_key: public_key.into(),
            private_key: private_key.into(),
            security_token: None,
            expiry: None,
        }
    }

    /// Adds an STS security token; it is sent (and signed) as `SecurityToken`.
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Sets when the credentials stop being valid (temporary credentials); a
    /// [`CachingProvider`] refreshes them before then.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The public key, sent as `PublicKey`.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The private key, used to sign requests and never sent.
    pub fn private_key(&self) -> &Secret {
        &self.private_key
    }

    /// The STS security token, if any.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// When the credentials expire; `None` for long-term keys.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("public_key", &self.public_key)
            .field("private_key", &"***")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// What [`ProvideCredentials::provide_credentials`] returns: a boxed future, so that the
/// trait stays object-safe and providers may do I/O.
pub type ProvideCredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials>> + Send + 'a>>;

/// A source of [`Credentials`]: the client asks it before signing each attempt.
///
/// Implement it for credentials kept elsewhere (a vault, a file another process renews).
/// Failures are [`Error::Credentials`](crate::Error::Credentials) (use
/// [`Error::credentials`](crate::Error::credentials) or
/// [`Error::credentials_not_found`](crate::Error::credentials_not_found)); their messages must
/// not contain secrets. Providers that do I/O should be wrapped in a [`CachingProvider`],
/// which [`ConfigBuilder::credentials_provider`](crate::ConfigBuilder::credentials_provider)
/// does.
///
/// ```
/// use ucloud_sdk_runtime::credentials::{ProvideCredentials, ProvideCredentialsFuture};
/// use ucloud_sdk_runtime::Credentials;
///
/// #[derive(Debug)]
/// struct FromVault;
///
/// impl ProvideCredentials for FromVault {
///     fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
///         Box::pin(async { Ok(Credentials::new("public", "private")) })
///     }
/// }
/// ```
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Current credentials, or why there are none.
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_>;

    /// UCloud refused `rejected` (a call answered [`REJECTED_CREDENTIALS`] codes: a bad
    /// signature, an unknown token), so they may have been revoked or have expired early.
    /// A provider that keeps credentials forgets these if they are still the ones it keeps,
    /// so that the next call gets new ones; [`CachingProvider`] does. The default does
    /// nothing.
    fn credentials_rejected(&self, rejected: &Credentials) {
        let _ = rejected;
    }
}

/// The `RetCode`s that say UCloud refused the credentials a request was signed with: 171
/// (signature error) and 174 (token does not exist), from UCloud's table of common error
/// codes. A call signed with a provider's credentials that gets one tells the provider
/// ([`ProvideCredentials::credentials_rejected`]) and is tried once more with the
/// credentials it then provides.
pub const REJECTED_CREDENTIALS: [i64; 2] = [171, 174];

/// Fixed credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

/// A provider behind an `Arc`: cheap to clone, shared by every clone of a
/// [`Config`](crate::Config) and of the clients built from it.
#[derive(Clone)]
pub struct SharedCredentialsProvider(Arc<dyn ProvideCredentials>);

impl SharedCredentialsProvider {
    /// Shares `provider`.
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        SharedCredentialsProvider(Arc::new(provider))
    }
}

impl ProvideCredentials for SharedCredentialsProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        self.0.provide_credentials()
    }

    fn credentials_rejected(&self, rejected: &Credentials) {
        self.0.credentials_rejected(rejected);
    }
}

impl fmt::Debug for SharedCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
