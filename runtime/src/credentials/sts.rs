//! [`AssumeRoleProvider`]: temporary credentials of an IAM role, from the `sts` product's
//! `AssumeRole` action.

use std::fmt;

use serde::Serialize;
use serde_json::Value;
use tracing::instrument::WithSubscriber as _;
use tracing::subscriber::NoSubscriber;

use super::metadata::temporary_credentials;
use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::{Action, CallOptions, Client, Error, Result};

/// `sts` `AssumeRole` (`specs/sts-api/assume_role.md`): no `Region`, `Zone` or
/// `ProjectId`.
static ASSUME_ROLE: Action = Action::new("sts", "AssumeRole", 0);

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRole<'a> {
    role_urn: &'a str,
    role_session_name: &'a str,
    duration_seconds: Option<u32>,
    policy: Option<&'a str>,
}

/// Temporary credentials of an IAM role, from `AssumeRole` of UCloud's `sts` product,
/// called through a base client whose own credentials may assume the role.
///
/// The request is `AssumeRole` with `RoleUrn`, `RoleSessionName` and, if set,
/// `DurationSeconds` (at least 900, at most the role's maximum session) and `Policy`; the
/// answer's `Credentials` object gives `AccessKeyId` (the public key), `AccessKeySecret`
/// (the private key), `SecurityToken` and `Expiration` (a UTC time, read as ISO 8601 /
/// RFC 3339, with or without an offset, or Unix seconds). The call uses the base client's
/// endpoint, timeout and retry policy, and is retried on transient errors even though
/// `AssumeRole` is not read-only (a retry only makes another token). It is not traced
/// (the client logs a failed call's error, and the body excerpt of a malformed answer
/// could hold the secrets); the [`CachingProvider`](super::CachingProvider) logs the
/// refresh and its outcome.
///
/// Wrap it in a [`CachingProvider`](super::CachingProvider) (which
/// [`ConfigBuilder::credentials_provider`](crate::ConfigBuilder::credentials_provider)
/// does) so that the role is assumed once per lifetime of its credentials, not per call.
/// Errors are [`Error::Credentials`] saying what failed (the API's `RetCode` and
/// `Message`, a status, a missing field) without any part of the answer's body.
///
/// ```no_run
/// # fn example() -> ucloud_sdk_runtime::Result<()> {
/// use ucloud_sdk_runtime::credentials::AssumeRoleProvider;
/// use ucloud_sdk_runtime::{Client, Config};
///
/// let base = Client::from_env()?; // long-term keys allowed to assume the role
/// let role = AssumeRoleProvider::new(base, "ucs:iam::12345:role/deployer", "ci-run-42")
///     .duration_seconds(3600);
/// let client = Client::new(Config::builder().credentials_provider(role).build()?)?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct AssumeRoleProvider {
    client: Client,
    role_urn: String,
    session_name: String,
    duration_seconds: Option<u32>,
    policy: Option<String>,
}

impl AssumeRoleProvider {
    /// Assumes `role_urn` as session `session_name` (letters, digits, `_`, `-`, `.`; 1 to 64)
    /// through `client`.
    pub fn new(
        client: Client,
        role_urn: impl Into<String>,
        session_name: impl Into<String>,
    ) -> Self {
        AssumeRoleProvider {
            client,
            role_urn: role_urn.into(),
            session_name: session_name.into(),
            duration_seconds: None,
            policy: None,
        }
    }

    /// How long the credentials last, in seconds (`DurationSeconds`).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = Some(seconds);
        self
    }

    /// A policy narrowing the credentials' permissions (`Policy`, up to 2048 characters).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    async fn assume(&self) -> Result<Credentials> {
        let provider = format!("sts AssumeRole of {}", self.role_urn);
        let request = AssumeRole {
            role_urn: &self.role_urn,
            role_session_name: &self.session_name,
            duration_seconds: self.duration_seconds,
            policy: self.policy.as_deref(),
        };
        let client = self
            .client
            .with_options(CallOptions::new().retry_mutating(true));
        // Not traced: the client logs a failed call's error, and the body excerpt of a
        // malformed answer can hold the secrets. The cache logs the refresh instead.
        let answer: Value = client
            .invoke(&ASSUME_ROLE, &request)
            .with_subscriber(NoSubscriber::default())
            .await
            .map_err(|e| Error::credentials(&provider, without_body(&e)))?;
        temporary_credentials(answer.get("Credentials"), "Credentials")
            .map_err(|message| Error::credentials(&provider, message))
    }
}

/// What `error` says, without the response body excerpts some variants carry: the body
/// of an `AssumeRole` answer holds the secrets.
fn without_body(error: &Error) -> String {
    let rid = |id: &Option<String>| {
        id.as_ref()
            .map_or(String::new(), |id| format!(" (request id {id})"))
    };
    match error {
        Error::HttpStatus {
            status, request_id, ..
        } => format!("HTTP status {status}{}", rid(request_id)),
        Error::Decode {
            path, request_id, ..
        } => format!("the answer cannot be decoded at {path}{}", rid(request_id)),
        Error::MalformedBody {
            truncated,
            request_id,
            ..
        } => format!(
            "the answer is {}{}",
            if *truncated { "cut short" } else { "not JSON" },
            rid(request_id)
        ),
        // The others hold no body: the API's code and message, a transport or timeout
        // description, a configuration or credentials problem of the base client.
        other => other.to_string(),
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.assume())
    }
}

impl fmt::Debug for AssumeRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleProvider")
            .field("role_urn", &self.role_urn)
            .field("session_name", &self.session_name)
            .field("duration_seconds", &self.duration_seconds)
            .field("policy", &self.policy.as_ref().map(|_| "…"))
            .field("client", &self.client)
            .finish()
    }
}
