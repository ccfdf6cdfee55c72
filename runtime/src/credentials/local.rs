//! Providers that read this machine: [`EnvironmentProvider`] and [`ProfileProvider`].

use std::fmt;

use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::profile::{self, Environment, ENV_PRIVATE_KEY, ENV_PUBLIC_KEY};
use crate::{Error, Result};

/// Credentials from `UCLOUD_PUBLIC_KEY` and `UCLOUD_PRIVATE_KEY`, with
/// `UCLOUD_SECURITY_TOKEN` if set (empty values count as unset).
///
/// None of them set: [`Error::Credentials`] with `not_found`; only one key set: an error
/// naming the missing variable. `Debug` shows variable names only.
#[derive(Clone)]
pub struct EnvironmentProvider {
    env: Environment,
}

impl EnvironmentProvider {
    /// Reads the process's variables as they are now ([`Environment::from_process`]).
    pub fn new() -> Self {
        Self::with_environment(Environment::from_process())
    }

    /// Reads `env` (for tests and embedders).
    pub fn with_environment(env: Environment) -> Self {
        EnvironmentProvider { env }
    }

    pub(crate) fn load(&self) -> Result<Credentials> {
        let provider = || format!("environment variables {ENV_PUBLIC_KEY} and {ENV_PRIVATE_KEY}");
        match profile::env_credentials(&self.env) {
            Ok(Some(credentials)) => Ok(credentials),
            Ok(None) => Err(Error::credentials_not_found(provider(), "not set")),
            Err(e) => Err(Error::credentials(provider(), config_message(e))),
        }
    }
}

impl Default for EnvironmentProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentProvider")
            .field("env", &self.env)
            .finish()
    }
}

/// Credentials of a profile in ucloud-cli's `credential.json` (`~/.ucloud/credential.json`,
/// or the file `UCLOUD_SHARED_CREDENTIAL_FILE` names), read at each call.
///
/// The profile is the one given to [`ProfileProvider::profile`], else `UCLOUD_PROFILE`, else
/// the active one of `config.json`, else `default` (see [`profile`](crate::profile)). No file
/// or no such profile: [`Error::Credentials`] with `not_found`; a malformed or unreadable
/// file, or a profile without both keys: an error naming the file.
#[derive(Clone, Debug)]
pub struct ProfileProvider {
    env: Environment,
    profile: Option<String>,
}

impl ProfileProvider {
    /// Reads the files that the process's variables (as they are now) and home directory
    /// lead to; the files themselves are read at each call.
    pub fn new() -> Self {
        Self::with_environment(Environment::from_process())
    }

    /// Reads the files `env` names, under its home directory.
    pub fn with_environment(env: Environment) -> Self {
        ProfileProvider { env, profile: None }
    }

    /// Uses this profile (overrides `UCLOUD_PROFILE`).
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into()).filter(|p| !p.is_empty());
        self
    }

    pub(crate) fn load(&self) -> Result<Credentials> {
        let files = profile::from_files(&self.env, self.profile.as_deref())
            .map_err(|e| Error::credentials("profile files", config_message(e)))?;
        match files.layer.credentials {
            Some(credentials) => Ok(credentials),
            None => Err(Error::credentials_not_found(
                files.credential_source,
                "no key pair",
            )),
        }
    }
}

impl Default for ProfileProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

/// The message of a configuration error from [`profile`].
fn config_message(e: Error) -> String {
    match e {
        Error::Config { message } => message,
        other => other.to_string(),
    }
}
