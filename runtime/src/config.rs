//! [`Config`] and its [`ConfigBuilder`].
//!
//! Precedence, per setting: a value set on the builder wins over the environment, which
//! wins over the profile files (see [`profile`]). The key pair
//! (with its security token) is taken whole from the first source that has one.
//!
//! Credentials follow the default chain: a key pair or a
//! [provider](crate::credentials::ProvideCredentials) set on the builder, else the key pair
//! of the environment, else that of the profile files (all three read when the
//! configuration is built), else (only for [`ConfigBuilder::build_with_env`] and
//! [`ConfigBuilder::build_with`], and unless
//! [`ConfigBuilder::without_instance_metadata`] is set) the instance metadata service of a
//! UHost, asked at the first call and refreshed ahead of expiry (see
//! [`credentials`](mod@crate::credentials)).

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;

use super::profile::{self, Environment, Layer};
use crate::credentials::{
    self, CachingProvider, InstanceMetadataProvider, ProvideCredentials, SharedCredentialsProvider,
};
use crate::{Credentials, Error, Result, RetryPolicy, Secret};

/// Default base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.ucloud.cn";
/// UCloud's internal (VPC) endpoint; plain HTTP is allowed for it without opting in.
pub const INTERNAL_BASE_URL: &str = "http://api.service.ucloud.cn";
/// Default call timeout (overall, across retries).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default limit of a response body: 64 MiB.
pub const DEFAULT_MAX_BODY_SIZE: u64 = 64 * 1024 * 1024;
/// Default limit of requests a client has in flight at once, and so of the connections
/// it uses at once: 64.
pub const DEFAULT_MAX_CONNECTIONS: usize = 64;
/// Default time an idle connection is kept for reuse: 30 s, under the 60 s after which
/// load balancers commonly close idle connections (a request sent on a connection the
/// server is closing fails).
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

const INTERNAL_HOST: &str = "api.service.ucloud.cn";

/// Client configuration. Build one with [`Config::builder`] or [`Config::from_env`].
///
/// `Debug` never shows the private key or the security token.
#[derive(Clone)]
pub struct Config {
    /// Fixed keys (explicit, environment or profile file), if that is what was found.
    credentials: Option<Credentials>,
    /// Where credentials come from: `credentials` itself, or a cached provider.
    provider: SharedCredentialsProvider,
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
    base_url: Url,
    timeout: Duration,
    retry: RetryPolicy,
    user_agent_suffix: Option<String>,
    max_body_size: u64,
    max_connections: usize,
    pool_max_idle_per_host: usize,
    pool_idle_timeout: Option<Duration>,
}

impl Config {
    /// A builder for explicit configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Configuration from the process environment and the profile files, with credentials
    /// by the default chain (explicit, environment, files, then the instance metadata
    /// service at the first call): `ConfigBuilder::default().build_with_env()`.
    pub fn from_env() -> Result<Config> {
        ConfigBuilder::default().build_with_env()
    }

    /// The key pair, when the configuration holds fixed keys (set on the builder, or found
    /// in the environment or a profile file); `None` when credentials come from a provider
    /// (see [`credentials_provider`](Config::credentials_provider)).
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// Where calls get their credentials: the fixed keys, or a provider cached by a
    /// [`CachingProvider`]. Shared by the clones of this configuration and the clients
    /// built from them.
    pub fn credentials_provider(&self) -> &SharedCredentialsProvider {
        &self.provider
    }

    /// The credentials to sign with now: the fixed keys, or the provider's.
    pub(crate) async fn current_credentials(&self) -> Result<Cow<'_, Credentials>> {
        match &self.credentials {
            Some(fixed) => Ok(Cow::Borrowed(fixed)),
            None => self.provider.provide_credentials().await.map(Cow::Owned),
        }
    }

    /// Default `Region`.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Default `Zone`.
    pub fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }

    /// Default `ProjectId`.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// Where requests are sent.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// Overall timeout of a call, across retries.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Text appended to the `User-Agent`.
    pub fn user_agent_suffix(&self) -> Option<&str> {
        self.user_agent_suffix.as_deref()
    }

    /// Largest response body accepted, in bytes; larger ones fail with
    /// [`Error::BodyTooLarge`].
    pub fn max_body_size(&self) -> u64 {
        self.max_body_size
    }

    /// Most requests a client has in flight at once; further calls wait their turn (within
    /// their timeout). Requests go over HTTP/1.1, one at a time per connection, so this is
    /// also the most connections the client is using at once.
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }

    /// Most idle connections kept open for reuse, per host.
    pub fn pool_max_idle_per_host(&self) -> usize {
        self.pool_max_idle_per_host
    }

    /// How long an idle connection is kept for reuse before it is closed; `None`: until
    /// the server closes it.
    pub fn pool_idle_timeout(&self) -> Option<Duration> {
        self.pool_idle_timeout
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials: &dyn fmt::Debug = match &self.credentials {
            Some(fixed) => fixed,
            None => &self.provider,
        };
        f.debug_struct("Config")
            .field("credentials", credentials)
            .field("region", &self.region)
            .field("zone", &self.zone)
            .field("project_id", &self.project_id)
            .field("base_url", &self.base_url.as_str())
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("max_body_size", &self.max_body_size)
            .field("max_connections", &self.max_connections)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .finish()
    }
}

/// Builds a [`Config`].
///
/// [`build`](ConfigBuilder::build) uses only what was set on the builder;
/// [`build_with_env`](ConfigBuilder::build_with_env) fills what was not set from the
/// environment and then from the profile files, and falls back on the instance metadata
/// service for credentials.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    public_key: Option<String>,
    private_key: Option<Secret>,
    security_token: Option<Secret>,
    credentials_provider: Option<SharedCredentialsProvider>,
    instance_metadata: Option<InstanceMetadataProvider>,
    without_instance_metadata: bool,
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    user_agent_suffix: Option<String>,
    max_body_size: Option<u64>,
    max_connections: Option<usize>,
    pool_max_idle_per_host: Option<usize>,
    pool_idle_timeout: Option<Option<Duration>>,
    allow_insecure_http: bool,
    profile: Option<String>,
}

fn nonempty(value: impl Into<String>) -> Option<String> {
    Some(value.into()).filter(|v| !v.is_empty())
}

impl ConfigBuilder {
    /// Sets the key pair and security token from `credentials`.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.public_key = Some(credentials.public_key().to_owned());
        self.private_key = Some(credentials.private_key().clone());
        self.security_token = credentials.security_token().cloned();
        self
    }

    /// Sets the public key.
    pub fn public_key(mut self, key: impl Into<String>) -> Self {
        self.public_key = nonempty(key);
        self
    }

    /// Sets the private key.
    pub fn private_key(mut self, key: impl Into<Secret>) -> Self {
        self.private_key = Some(key.into()).filter(|k| !k.expose().is_empty());
        self
    }

    /// Sets an STS security token (used with the key pair set on this builder).
    pub fn security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into()).filter(|k| !k.expose().is_empty());
        self
    }

    /// Gets credentials from `provider` (an
    /// [`AssumeRoleProvider`](crate::credentials::AssumeRoleProvider), an
    /// [`InstanceMetadataProvider`], one of your own, …) instead of a key pair; it takes
    /// precedence over the environment and the files. The configuration wraps it in a
    /// [`CachingProvider`]: it is asked at the first call and again ahead of expiry, one
    /// refresh at a time. Setting both a key pair and a provider is an error.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Uses this instance metadata provider (a role name, the v2 path, another endpoint)
    /// as the last link of the default chain, instead of
    /// [`InstanceMetadataProvider::new`]. Only used by
    /// [`build_with_env`](ConfigBuilder::build_with_env).
    pub fn instance_metadata(mut self, provider: InstanceMetadataProvider) -> Self {
        self.instance_metadata = Some(provider);
        self
    }

    /// Leaves the instance metadata service out of the default chain: without keys in the
    /// builder, the environment or the files,
    /// [`build_with_env`](ConfigBuilder::build_with_env) fails (as off a UHost you may
    /// prefer) instead of asking the metadata service at the first call. The environment
    /// variable `UCLOUD_METADATA_DISABLED=true` does the same without changing code.
    pub fn without_instance_metadata(mut self) -> Self {
        self.without_instance_metadata = true;
        self
    }

    /// Sets the default `Region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = nonempty(region);
        self
    }

    /// Sets the default `Zone`.
    pub fn zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = nonempty(zone);
        self
    }

    /// Sets the default `ProjectId`.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = nonempty(project_id);
        self
    }

    /// Sets the base URL (default [`DEFAULT_BASE_URL`]). Plain `http://` is accepted only
    /// for loopback hosts, [`INTERNAL_BASE_URL`], or with
    /// [`allow_insecure_http`](ConfigBuilder::allow_insecure_http).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = nonempty(url);
        self
    }

    /// Sets the overall timeout of a call, across retries (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Appends text to the `User-Agent` header.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = nonempty(suffix);
        self
    }

    /// Sets the largest response body accepted, in bytes (default
    /// [`DEFAULT_MAX_BODY_SIZE`], 64 MiB).
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body_size = Some(bytes);
        self
    }

    /// Sets the most requests the client has in flight at once (default
    /// [`DEFAULT_MAX_CONNECTIONS`], 64; at least 1). Calls beyond it wait for a request to
    /// finish; the wait counts against their timeout but not against an attempt's. As each
    /// request takes one HTTP/1.1 connection, this bounds the connections in use too.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = Some(max);
        self
    }

    /// Sets the most idle connections kept open for reuse, per host (default: as many as
    /// [`max_connections`](Self::max_connections)). 0 closes every connection after its
    /// request.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = Some(max);
        self
    }

    /// Sets how long an idle connection is kept for reuse (default
    /// [`DEFAULT_POOL_IDLE_TIMEOUT`], 30 s); `None` keeps it until the server closes it.
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = Some(timeout);
        self
    }

    /// Allows a plain `http://` base URL to any host. Credentials are still never sent
    /// (only a signature), but requests and responses can be read and altered in transit.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Chooses the profile of the profile files (overrides `UCLOUD_PROFILE`); only used by
    /// [`build_with_env`](ConfigBuilder::build_with_env).
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = nonempty(profile);
        self
    }

    /// Builds from what was set on the builder only: it needs a key pair or a credentials
    /// provider.
    pub fn build(self) -> Result<Config> {
        self.finish(Layer::default(), Layer::default(), None)
    }

    /// Builds, filling unset values from the process environment and then the profile
    /// files; without a key pair in any of them, credentials come from the instance
    /// metadata service (see [`without_instance_metadata`](ConfigBuilder::without_instance_metadata)).
    pub fn build_with_env(self) -> Result<Config> {
        self.build_with(&Environment::from_process())
    }

    /// Like [`build_with_env`](ConfigBuilder::build_with_env) with the given environment.
    pub fn build_with(self, env: &Environment) -> Result<Config> {
        let from_env = profile::from_env(env)?;
        let files = profile::from_files(env, self.profile.as_deref())?;
        let source = files.credential_source;
        self.finish(from_env, files.layer, Some((env, source)))
    }

    fn explicit_credentials(&self) -> Result<Option<Credentials>> {
        match (&self.public_key, &self.private_key) {
            (Some(public), Some(private)) => {
                let creds = Credentials::new(public.clone(), private.clone());
                Ok(Some(match &self.security_token {
                    Some(token) => creds.with_security_token(token.clone()),
                    None => creds,
                }))
            }
            (Some(_), None) => Err(Error::config("a public key was set but no private key")),
            (None, Some(_)) => Err(Error::config("a private key was set but no public key")),
            (None, None) if self.security_token.is_some() => {
                Err(Error::config("a security token was set without a key pair"))
            }
            (None, None) => Ok(None),
        }
    }

    /// The credentials by the default chain: explicit keys or provider, environment,
    /// files, and (when `found_in` has the environment) the instance metadata service.
    fn resolve_credentials(
        &mut self,
        env: Option<Credentials>,
        files: Option<Credentials>,
        found_in: Option<(&Environment, String)>,
    ) -> Result<(Option<Credentials>, SharedCredentialsProvider)> {
        let fixed = |c: Credentials| Ok((Some(c.clone()), SharedCredentialsProvider::new(c)));
        match (
            self.explicit_credentials()?,
            self.credentials_provider.take(),
        ) {
            (Some(_), Some(_)) => {
                return Err(Error::config(
                    "both a key pair and a credentials provider were set; set one",
                ))
            }
            (Some(c), None) => return fixed(c),
            (None, Some(p)) => {
                let cached = CachingProvider::shared(p);
                return Ok((None, SharedCredentialsProvider::new(cached)));
            }
            (None, None) => {}
        }
        if let Some(c) = env.or(files) {
            return fixed(c);
        }
        let mut tried = vec!["explicit configuration (ConfigBuilder::credentials)".to_owned()];
        if let Some((environment, file_source)) = found_in {
            if !self.without_instance_metadata {
                let metadata = self.instance_metadata.take().unwrap_or_default();
                let profile = self.profile.as_deref();
                let provider = credentials::default_fallback(environment, profile, metadata);
                return Ok((None, provider));
            }
            tried.push(format!(
                "environment variables {} and {}",
                profile::ENV_PUBLIC_KEY,
                profile::ENV_PRIVATE_KEY
            ));
            tried.push(file_source);
        }
        Err(Error::config(format!(
            "no API key pair found; tried {}",
            tried.join(", ")
        )))
    }

    /// Merges explicit > environment > files and validates.
    fn finish(
        mut self,
        env: Layer,
        files: Layer,
        found_in: Option<(&Environment, String)>,
    ) -> Result<Config> {
        self.without_instance_metadata |= env.metadata_disabled;
        let (credentials, provider) =
            self.resolve_credentials(env.credentials, files.credentials, found_in)?;
        let base_url = self
            .base_url
            .or(env.base_url)
            .or(files.base_url)
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = validate_base_url(&base_url, self.allow_insecure_http)?;
        let timeout = self
            .timeout
            .or(env.timeout)
            .or(files.timeout)
            .unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::config("the timeout must be greater than zero"));
        }
        let max_connections = self.max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS);
        if max_connections == 0 {
            return Err(Error::config("max_connections must be at least 1"));
        }
        if let Some(suffix) = &self.user_agent_suffix {
            if reqwest::header::HeaderValue::from_str(suffix).is_err() {
                return Err(Error::config(format!(
                    "the User-Agent suffix {suffix:?} is not a valid header value"
                )));
            }
        }
        Ok(Config {
            credentials,
            provider,
            region: self.region.or(env.region).or(files.region),
            zone: self.zone.or(env.zone).or(files.zone),
            project_id: self.project_id.or(env.project_id).or(files.project_id),
            base_url,
            timeout,
            retry: self.retry.unwrap_or_default(),
            user_agent_suffix: self.user_agent_suffix,
            max_body_size: self.max_body_size.unwrap_or(DEFAULT_MAX_BODY_SIZE),
            max_connections,
            pool_max_idle_per_host: self.pool_max_idle_per_host.unwrap_or(max_connections),
            pool_idle_timeout: self
                .pool_idle_timeout
                .unwrap_or(Some(DEFAULT_POOL_IDLE_TIMEOUT)),
        })
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |set: bool| if set { Some("***") } else { None };
        f.debug_struct("ConfigBuilder")
            .field("public_key", &self.public_key)
            .field("private_key", &hidden(self.private_key.is_some()))
            .field("security_token", &hidden(self.security_token.is_some()))
            .field("credentials_provider", &self.credentials_provider)
            .field("instance_metadata", &self.instance_metadata)
            .field("without_instance_metadata", &self.without_instance_metadata)
            .field("region", &self.region)
            .field("zone", &self.zone)
            .field("project_id", &self.project_id)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("max_body_size", &self.max_body_size)
            .field("max_connections", &self.max_connections)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("profile", &self.profile)
            .finish()
    }
}

/// Parses a base URL and refuses plain HTTP unless it is safe or allowed.
fn validate_base_url(text: &str, allow_insecure_http: bool) -> Result<Url> {
    let url =
        Url::parse(text).map_err(|e| Error::config(format!("invalid base URL {text:?}: {e}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the base URL must not contain a user name or password",
        ));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_insecure_http || is_trusted_http_host(&url) => Ok(url),
        "http" => Err(Error::config(format!(
            "refusing plain-HTTP base URL {text:?}: only loopback hosts and {INTERNAL_BASE_URL} \
             may use http:// unless allow_insecure_http(true) is set"
        ))),
        other => Err(Error::config(format!(
            "base URL {text:?} has unsupported scheme {other:?} (use https)"
        ))),
    }
}

fn is_trusted_http_host(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => {
            host.eq_ignore_ascii_case("localhost") || host.eq_ignore_ascii_case(INTERNAL_HOST)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_rules() {
        for ok in [
            "https://api.ucloud.cn",
            "http://api.service.ucloud.cn",
            "http://127.0.0.1:8080",
            "http://127.3.4.5/",
            "http://[::1]:9000",
            "http://localhost:1234/prefix",
        ] {
            assert!(validate_base_url(ok, false).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.ucloud.cn",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "http://api.service.ucloud.cn.evil.com",
        ] {
            let err = validate_base_url(bad, false).unwrap_err().to_string();
            assert!(err.contains("allow_insecure_http"), "{bad}: {err}");
            assert!(validate_base_url(bad, true).is_ok(), "{bad}");
        }
        assert!(validate_base_url("ftp://x", true).is_err());
        assert!(validate_base_url("not a url", true).is_err());
        assert!(validate_base_url("https://user:pw@api.ucloud.cn", false).is_err());
    }
}
