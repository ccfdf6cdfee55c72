//! [`ChainProvider`], and the end of the default chain that a
//! [`Config`](crate::Config) builds.

use std::fmt;

use super::{
    CachingProvider, EnvironmentProvider, InstanceMetadataProvider, ProfileProvider,
    ProvideCredentials, ProvideCredentialsFuture, SharedCredentialsProvider,
};
use crate::profile::Environment;
use crate::{Credentials, Error, Result};

/// Tries providers in order and returns the first credentials found.
///
/// A provider that has none ([`Error::Credentials`] with `not_found`: no variables, no
/// file, not on a UHost) passes to the next; any other failure ends the chain with that
/// error (a malformed file is not skipped). When every provider has none, the error lists
/// each one with what it said.
///
/// ```
/// use ucloud_sdk_runtime::credentials::{ChainProvider, EnvironmentProvider, InstanceMetadataProvider};
///
/// let chain = ChainProvider::first_try(EnvironmentProvider::new())
///     .or_else(InstanceMetadataProvider::new());
/// ```
#[derive(Clone)]
pub struct ChainProvider {
    links: Vec<SharedCredentialsProvider>,
    /// Sources tried before this chain, listed first when none has credentials.
    tried_before: Vec<String>,
    /// The start of the message when none has credentials.
    none_found: &'static str,
}

impl ChainProvider {
    /// A chain that starts with `provider`.
    pub fn first_try(provider: impl ProvideCredentials + 'static) -> Self {
        ChainProvider {
            links: vec![SharedCredentialsProvider::new(provider)],
            tried_before: Vec::new(),
            none_found: "no provider of the chain has credentials",
        }
    }

    /// Adds `provider`, tried when the ones before have no credentials.
    pub fn or_else(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.links.push(SharedCredentialsProvider::new(provider));
        self
    }

    async fn get(&self) -> Result<crate::Credentials> {
        let mut tried = self.tried_before.clone();
        for link in &self.links {
            match link.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(Error::Credentials {
                    provider,
                    message,
                    not_found: true,
                }) => tried.push(format!("{provider}: {message}")),
                Err(other) => return Err(other),
            }
        }
        Err(Error::credentials_not_found(
            "the credentials chain",
            format!("{}; tried {}", self.none_found, tried.join("; ")),
        ))
    }
}

impl ProvideCredentials for ChainProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.get())
    }

    /// Passed to every link: the chain does not know which one provided `rejected`.
    fn credentials_rejected(&self, rejected: &Credentials) {
        for link in &self.links {
            link.credentials_rejected(rejected);
        }
    }
}

impl fmt::Debug for ChainProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.links).finish()
    }
}

/// The default chain past the explicit configuration, for a configuration whose
/// environment and profile files have no key pair when it is built: the environment and
/// the files (read again at the first call), then the instance metadata service; cached.
pub(crate) fn default_fallback(
    env: &Environment,
    profile: Option<&str>,
    metadata: InstanceMetadataProvider,
) -> SharedCredentialsProvider {
    let mut files = ProfileProvider::with_environment(env.clone());
    if let Some(profile) = profile {
        files = files.profile(profile);
    }
    let mut chain = ChainProvider::first_try(EnvironmentProvider::with_environment(env.clone()))
        .or_else(files)
        .or_else(metadata);
    chain.tried_before = vec!["explicit configuration (ConfigBuilder::credentials)".to_owned()];
    chain.none_found = "no API key pair found";
    SharedCredentialsProvider::new(CachingProvider::new(chain))
}
