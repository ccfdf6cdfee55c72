//! [`InstanceMetadataProvider`]: the temporary credentials of a UHost's role, from the
//! instance metadata service.
//!
//! What UCloud's Go SDK reads (`external/sts_common.go`, `external/sts_creds.go`,
//! `external/sts_creds_v2.go` and their tests in `ucloud/ucloud-sdk-go`):
//!
//! - v1: `GET http://100.80.80.80/meta-data/v1/uam/security-credentials[/<RoleName>]`,
//!   answered with `{"RetCode": 0, "Message": "", "Data": {"PublicKey", "PrivateKey",
//!   "SecurityToken", "Expiration": <Unix seconds>, "ProjectID", "RoleName"/"CharacterName",
//!   "UHostID"}}`;
//! - v2: `GET http://100.80.80.80/meta-data/v2/iam/security-credentials/<RoleName>` with the
//!   optional headers `Duration-Seconds`, `Session-Name` and `Role-Policy` (base64 JSON),
//!   answered with `{"RetCode": 0, "Message": "", "Data": {"AccessKeyId",
//!   "AccessKeySecret", "SecurityToken", "Expiration": "2025-11-11T04:32:54Z", "ProjectID",
//!   "CharacterName", "HostID", "UHostID"}}`.
//!
//! Either answer is read whichever path was asked (the key fields under either name, the
//! expiry as Unix seconds or an ISO 8601 time).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::{expiry, Credentials, ProvideCredentials, ProvideCredentialsFuture};
use crate::{Error, Result};

/// The instance metadata service, as reached from inside a UHost.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://100.80.80.80";

/// Time allowed for one request to the metadata service, by default: 5 s (of which at most
/// 1 s to connect, so that off a UHost the default chain gives up quickly).
pub const DEFAULT_METADATA_TIMEOUT: Duration = Duration::from_secs(5);

const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// Largest answer read from the metadata service.
const BODY_LIMIT: usize = 64 * 1024;

/// Temporary credentials of the role bound to this UHost, from the instance metadata
/// service (`http://100.80.80.80`), as UCloud's Go SDK reads them.
///
/// [`new`](Self::new) asks the v1 path for the instance's role (or the one named with
/// [`role_name`](Self::role_name)); [`v2`](Self::v2) the v2 path, which can also ask for a
/// duration, a session name and a narrower policy. The credentials carry the expiry the
/// service gives, so a [`CachingProvider`](super::CachingProvider) refreshes them in time.
/// The answer's format, and where it comes from, are in `docs/credentials.md`.
///
/// Errors are [`Error::Credentials`]: with `not_found` when the service cannot be
/// connected to (not on a UHost) or answers 404; otherwise (a timeout, another status, a
/// `RetCode` other than 0, an answer without the keys or with an expiry it cannot read) a
/// failure. They never contain the answer's body.
#[derive(Clone)]
pub struct InstanceMetadataProvider {
    endpoint: String,
    role_name: Option<String>,
    v2: bool,
    duration_seconds: Option<u32>,
    session_name: Option<String>,
    role_policy: Option<String>,
    timeout: Duration,
    http: Arc<tokio::sync::OnceCell<reqwest::Client>>,
}

impl InstanceMetadataProvider {
    /// The v1 path, for the role bound to the instance.
    pub fn new() -> Self {
        InstanceMetadataProvider {
            endpoint: DEFAULT_METADATA_ENDPOINT.to_owned(),
            role_name: None,
            v2: false,
            duration_seconds: None,
            session_name: None,
            role_policy: None,
            timeout: DEFAULT_METADATA_TIMEOUT,
            http: Arc::default(),
        }
    }

    /// The v2 path (`/meta-data/v2/iam/security-credentials/<role_name>`).
    pub fn v2(role_name: impl Into<String>) -> Self {
        InstanceMetadataProvider {
            v2: true,
            ..Self::new().role_name(role_name)
        }
    }

    /// Asks for this role's credentials (appended to the path).
    pub fn role_name(mut self, role_name: impl Into<String>) -> Self {
        self.role_name = Some(role_name.into()).filter(|r| !r.is_empty());
        self
    }

    /// v2 only: how long the credentials should last (`Duration-Seconds`).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = Some(seconds);
        self
    }

    /// v2 only: the session name (`Session-Name`), for auditing.
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// v2 only: a policy narrowing the credentials (`Role-Policy`, base64-encoded JSON).
    pub fn role_policy(mut self, policy_base64: impl Into<String>) -> Self {
        self.role_policy = Some(policy_base64.into());
        self
    }

    /// Asks this endpoint instead of [`DEFAULT_METADATA_ENDPOINT`] (e.g. a test server).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// Time allowed for one request (default [`DEFAULT_METADATA_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        // The HTTP client is built with the timeouts: not the one of a clone made before.
        self.http = Arc::default();
        self
    }

    /// The URL asked.
    pub fn url(&self) -> String {
        let base = self.endpoint.trim_end_matches('/');
        let path = if self.v2 {
            "/meta-data/v2/iam/security-credentials"
        } else {
            "/meta-data/v1/uam/security-credentials"
        };
        match &self.role_name {
            Some(role) => format!("{base}{path}/{role}"),
            None => format!("{base}{path}"),
        }
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(d) = self.duration_seconds {
            headers.push(("Duration-Seconds", d.to_string()));
        }
        if let Some(s) = &self.session_name {
            headers.push(("Session-Name", s.clone()));
        }
        if let Some(p) = &self.role_policy {
            headers.push(("Role-Policy", p.clone()));
        }
        headers
    }

    async fn http(&self) -> Result<&reqwest::Client, String> {
        self.http
            .get_or_try_init(|| async {
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .no_proxy()
                    .connect_timeout(CONNECT_TIMEOUT.min(self.timeout))
                    .timeout(self.timeout)
                    .use_rustls_tls()
                    .build()
                    .map_err(|e| format!("cannot build the HTTP client: {e}"))
            })
            .await
    }

    async fn fetch(&self) -> Result<Credentials> {
        let url = self.url();
        let provider = format!("instance metadata service {url}");
        let fail = |message: String| Error::credentials(&provider, message);
        let headers = self.headers();
        if !self.v2 && !headers.is_empty() {
            return Err(fail(
                "Duration-Seconds, Session-Name and Role-Policy are options of the v2 path \
                 (InstanceMetadataProvider::v2)"
                    .to_owned(),
            ));
        }
        let http = self.http().await.map_err(fail)?;
        let mut request = http.get(&url);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let mut response = request.send().await.map_err(|e| {
            if e.is_connect() {
                Error::credentials_not_found(
                    &provider,
                    format!("cannot connect (not on a UHost?): {}", describe(&e)),
                )
            } else {
                fail(describe(&e))
            }
        })?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Err(Error::credentials_not_found(
                &provider,
                "HTTP status 404 (no such role?)",
            ));
        }
        if !status.is_success() {
            return Err(fail(format!("HTTP status {}", status.as_u16())));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| fail(describe(&e)))? {
            if body.len() + chunk.len() > BODY_LIMIT {
                return Err(fail(format!(
                    "the answer is larger than {BODY_LIMIT} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        let value: Value = serde_json::from_slice(&body)
            .map_err(|e| fail(format!("the answer is not JSON: {e}")))?;
        read_answer(&value).map_err(fail)
    }
}

/// The credentials in a metadata service answer, or what is wrong with it (without any
/// of its values but the `RetCode`, `Message` and `Expiration`).
fn read_answer(value: &Value) -> Result<Credentials, String> {
    let Value::Object(answer) = value else {
        return Err("the answer is not a JSON object".to_owned());
    };
    match answer.get("RetCode") {
        Some(code) if code.as_i64() == Some(0) => {}
        Some(code) => {
            let message = answer.get("Message").and_then(Value::as_str).unwrap_or("");
            return Err(format!("RetCode {code}: {message}"));
        }
        None => return Err("the answer has no RetCode".to_owned()),
    }
    temporary_credentials(answer.get("Data"), "Data")
}

/// Temporary credentials from an object with `AccessKeyId` (or `PublicKey`),
/// `AccessKeySecret` (or `PrivateKey`), `SecurityToken` and `Expiration`: the `Data` of
/// the metadata service, the `Credentials` of STS `AssumeRole`. Errors name fields (at
/// `path`), never their secret values.
pub(super) fn temporary_credentials(
    data: Option<&Value>,
    path: &str,
) -> Result<Credentials, String> {
    let Some(Value::Object(data)) = data else {
        return Err(format!("the answer has no {path} object"));
    };
    let field = |names: &[&str]| -> Result<&str, String> {
        names
            .iter()
            .find_map(|n| {
                data.get(*n)
                    .and_then(Value::as_str)
                    .filter(|v| !v.is_empty())
            })
            .ok_or_else(|| {
                let names: Vec<String> = names.iter().map(|n| format!("{path}.{n}")).collect();
                format!("the answer has no {}", names.join(" or "))
            })
    };
    let public_key = field(&["AccessKeyId", "PublicKey"])?;
    let private_key = field(&["AccessKeySecret", "PrivateKey"])?;
    let expiration = data
        .get("Expiration")
        .ok_or_else(|| format!("the answer has no {path}.Expiration"))?;
    let expiry = expiry::parse(expiration).ok_or_else(|| {
        format!("{path}.Expiration {expiration} is neither Unix seconds nor an ISO 8601 time")
    })?;
    let mut credentials = Credentials::new(public_key, private_key).with_expiry(expiry);
    if let Ok(token) = field(&["SecurityToken"]) {
        credentials = credentials.with_security_token(token);
    }
    Ok(credentials)
}

/// A reqwest error with its causes.
fn describe(e: &reqwest::Error) -> String {
    let mut message = if e.is_timeout() {
        format!("timed out: {e}")
    } else {
        e.to_string()
    };
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

impl Default for InstanceMetadataProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for InstanceMetadataProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

impl fmt::Debug for InstanceMetadataProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstanceMetadataProvider")
            .field("url", &self.url())
            .field(
                "headers",
                &self.headers().iter().map(|h| h.0).collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn urls() {
        let p = InstanceMetadataProvider::new();
        assert_eq!(
            p.url(),
            "http://100.80.80.80/meta-data/v1/uam/security-credentials"
        );
        let p = p.role_name("UHostInstance").endpoint("http://127.0.0.1:9/");
        assert_eq!(
            p.url(),
            "http://127.0.0.1:9/meta-data/v1/uam/security-credentials/UHostInstance"
        );
        assert_eq!(
            InstanceMetadataProvider::v2("ServiceRoleForUK8S").url(),
            "http://100.80.80.80/meta-data/v2/iam/security-credentials/ServiceRoleForUK8S"
        );
    }

    #[test]
    fn answers_of_both_versions() {
        // The Go SDK's test vectors.
        let v1 = json!({"Data": {"Expiration": 1571218055, "PrivateKey": "bar",
            "ProjectID": "org-xp2ucn", "PublicKey": "foo", "RoleName": "UHostInstance",
            "SecurityToken": "foobar", "UHostID": "uhost-hhqeihh5"}, "Message": "", "RetCode": 0});
        let c = read_answer(&v1).unwrap();
        assert_eq!(c.public_key(), "foo");
        assert_eq!(c.private_key().expose(), "bar");
        assert_eq!(c.security_token().unwrap().expose(), "foobar");
        assert_eq!(
            c.expiry(),
            Some(std::time::UNIX_EPOCH + Duration::from_secs(1571218055))
        );
        let v2 = json!({"RetCode": 0, "Message": "", "Data": {
            "AccessKeyId": "STS.3iXw5eCvtFQBwXmVVypLUa",
            "AccessKeySecret": "PmZfAbCdEfGhIjKlMnOpQrStUvWxYzDiHw",
            "SecurityToken": "AAE7TokenString", "Expiration": "2025-11-11T04:32:54Z",
            "CharacterName": "ucs:iam::60036:role/ucs-service-role/ServiceRoleForUK8S",
            "ProjectID": "org-hlrtnn", "HostID": "uhost-abc123", "UHostID": "uhost-abc123"}});
        let c = read_answer(&v2).unwrap();
        assert_eq!(c.public_key(), "STS.3iXw5eCvtFQBwXmVVypLUa");
        assert_eq!(
            c.private_key().expose(),
            "PmZfAbCdEfGhIjKlMnOpQrStUvWxYzDiHw"
        );
        assert_eq!(
            c.expiry(),
            Some(std::time::UNIX_EPOCH + Duration::from_secs(1_762_835_574))
        );
    }

    #[test]
    fn faulty_answers_name_what_is_wrong_without_secrets() {
        let cases = [
            (json!([]), "not a JSON object"),
            (json!({"Data": {}}), "no RetCode"),
            (
                json!({"RetCode": 161, "Message": "Role not found"}),
                "RetCode 161: Role not found",
            ),
            (json!({"RetCode": 0}), "no Data object"),
            (
                json!({"RetCode": 0, "Data": {"PrivateKey": "SECRET", "Expiration": 1}}),
                "no Data.AccessKeyId or Data.PublicKey",
            ),
            (
                json!({"RetCode": 0, "Data": {"PublicKey": "p", "PrivateKey": "SECRET"}}),
                "no Data.Expiration",
            ),
            (
                json!({"RetCode": 0, "Data": {"PublicKey": "p", "PrivateKey": "SECRET",
                    "SecurityToken": "SECRET", "Expiration": "soon"}}),
                "Data.Expiration \"soon\" is neither",
            ),
        ];
        for (answer, expected) in cases {
            let message = read_answer(&answer).unwrap_err();
            assert!(message.contains(expected), "{answer}: {message}");
            assert!(!message.contains("SECRET"), "{message}");
        }
    }
}
