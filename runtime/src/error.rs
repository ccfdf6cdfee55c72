//! [`Error`]: everything a call can fail with.

use std::fmt;
use std::time::Duration;

/// Result of SDK operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Boxed source error of a transport failure.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Longest excerpt of a response body kept in an error, in bytes.
pub const BODY_EXCERPT_LIMIT: usize = 512;

/// Everything a call can fail with. Match on the variant to tell them apart; none of
/// them ever contains the private key, a signature, a security token or a
/// [`Secret`](crate::Secret) value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a `RetCode` other than 0.
    #[error("UCloud API error {code} from {action}: {message}{}", rid(request_id))]
    Api {
        /// The `RetCode`.
        code: i64,
        /// The `Message` (empty if the API sent none).
        message: String,
        /// The action that was called.
        action: String,
        /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
        request_id: Option<String>,
    },

    /// The HTTP status was not 2xx. Redirects are never followed and end up here.
    #[error(
        "HTTP status {status} from {action}{}: {body_excerpt:?}",
        rid(request_id)
    )]
    HttpStatus {
        /// The HTTP status code.
        status: u16,
        /// The action that was called.
        action: String,
        /// The first [`BODY_EXCERPT_LIMIT`] bytes of the body (lossy UTF-8).
        body_excerpt: String,
        /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
        request_id: Option<String>,
    },

    /// The response body is JSON but could not be decoded: not an object, no `RetCode`, or
    /// a field whose value does not fit its type even leniently. (A body that is not JSON
    /// is [`MalformedBody`](Error::MalformedBody).)
    #[error(
        "cannot decode the response of {action} at {path}: {message}{}; body starts with {body_excerpt:?}",
        rid(request_id)
    )]
    Decode {
        /// The action that was called.
        action: String,
        /// Path of the field that failed, e.g. `ImageSet.2.PullCount`; `.` for the whole body.
        path: String,
        /// What went wrong.
        message: String,
        /// The first [`BODY_EXCERPT_LIMIT`] bytes of the body (lossy UTF-8).
        body_excerpt: String,
        /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
        request_id: Option<String>,
    },

    /// A 2xx response whose body is not a JSON document: cut short (`truncated`: it ends
    /// inside a value, or is empty) or not JSON at all (an HTML page from a proxy, …).
    /// Retryable: a fresh attempt usually gets the whole body. (A body that the connection
    /// cut before its `Content-Length` is a [`Transport`](Error::Transport) error saying
    /// so.)
    #[error(
        "the response body of {action} is {}{}: {message}; body starts with {body_excerpt:?}",
        if *truncated { "cut short" } else { "not JSON" },
        rid(request_id)
    )]
    MalformedBody {
        /// The action that was called.
        action: String,
        /// Whether the body ends early (mid-value, or empty) rather than being something
        /// else than JSON.
        truncated: bool,
        /// What the JSON parser found.
        message: String,
        /// The first [`BODY_EXCERPT_LIMIT`] bytes of the body (lossy UTF-8).
        body_excerpt: String,
        /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
        request_id: Option<String>,
    },

    /// The request could not be sent or the response not received (connection refused,
    /// reset, TLS failure, a body cut short by the connection, ...).
    #[error("transport error calling {action}: {message}")]
    Transport {
        /// The action that was called.
        action: String,
        /// Description of the failure, including its causes.
        message: String,
        /// Whether the request is known not to have reached the server (connect failure).
        connect: bool,
        /// The underlying error.
        #[source]
        source: BoxError,
    },

    /// The call did not finish within its timeout (overall, across retries), or an
    /// attempt did not finish within [`RetryPolicy::attempt_timeout`](crate::RetryPolicy::attempt_timeout).
    #[error("{action} timed out after {:?} ({attempts} attempt{})", elapsed, if *attempts == 1 { "" } else { "s" })]
    Timeout {
        /// The action that was called.
        action: String,
        /// Time spent on the call when it was abandoned.
        elapsed: Duration,
        /// Attempts made, including the one that timed out.
        attempts: u32,
    },

    /// A waiter ([`Client::wait_until`](crate::Client::wait_until)) ran out of time before the
    /// resources reached the state it waited for.
    #[error(
        "gave up waiting after {waited:?} ({polls} call(s) of {action}); last seen: {last_state}"
    )]
    WaitTimeout {
        /// The action that was polled.
        action: String,
        /// Time spent waiting.
        waited: Duration,
        /// Calls made.
        polls: u32,
        /// What the last call found, as the waiter describes it
        /// (`uhost-1: Initializing; uhost-2: not listed`).
        last_state: String,
    },

    /// The response body was larger than [`Config::max_body_size`](crate::Config::max_body_size).
    /// It was refused while streaming: at most the limit (plus one network read) was buffered.
    #[error(
        "response of {action} exceeds the body size limit of {limit} bytes{}",
        rid(request_id)
    )]
    BodyTooLarge {
        /// The action that was called.
        action: String,
        /// The configured limit in bytes.
        limit: u64,
        /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
        request_id: Option<String>,
    },

    /// The request could not be encoded as form parameters (e.g. a NaN float, a map with
    /// non-string keys, or a top-level value that is not a struct or map).
    #[error("cannot encode the parameters of {action}: {message}")]
    Encode {
        /// The action that was called.
        action: String,
        /// What went wrong.
        message: String,
    },

    /// The client refused to send the request: it breaks a rule the SDK checks before
    /// sending. A list the documentation requires left empty, at any depth (`Disks`,
    /// `Disks.1.SnapshotIds`); an extra parameter that names a documented field or one the
    /// protocol reserves (see [`ExtraParams`](crate::model::ExtraParams)). Nothing was sent.
    #[error("invalid request for {action}: parameter {parameter}: {reason}")]
    InvalidRequest {
        /// The action that was called.
        action: String,
        /// The parameter's wire name (`Disks.0.Type`).
        parameter: String,
        /// What is wrong with it.
        reason: String,
    },

    /// Credentials could not be obtained: a provider found none (`not_found`, see
    /// [`ChainProvider`](crate::credentials::ChainProvider)), or failed (the instance
    /// metadata service or STS could not be reached or refused, a response without the
    /// keys, …). The message never contains a key, a token or a response body.
    #[error("cannot get credentials from {provider}: {message}")]
    Credentials {
        /// Where they were looked for, e.g. `instance metadata service http://100.80.80.80/…`.
        provider: String,
        /// What went wrong.
        message: String,
        /// Whether the provider simply has none (no variables set, no file, not on a
        /// UHost), rather than failing: a chain then tries its next provider.
        not_found: bool,
    },

    /// Configuration problem: missing credentials, an unreadable profile file, an
    /// insecure base URL, a required `Region`/`Zone`/`ProjectId` that neither the request
    /// nor the configuration sets, ... Raised before any network I/O.
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong and where it came from.
        message: String,
    },
}

fn rid(request_id: &Option<String>) -> RequestIdSuffix<'_> {
    RequestIdSuffix(request_id.as_deref())
}

struct RequestIdSuffix<'a>(Option<&'a str>);

impl fmt::Display for RequestIdSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (request id {id})"),
            None => Ok(()),
        }
    }
}

impl Error {
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// An [`Error::Credentials`]: `provider` failed. For implementations of
    /// [`ProvideCredentials`](crate::credentials::ProvideCredentials); keep secrets out of
    /// `message`.
    pub fn credentials(provider: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Credentials {
            provider: provider.into(),
            message: message.into(),
            not_found: false,
        }
    }

    /// An [`Error::Credentials`] saying that `provider` has no credentials (so a chain
    /// moves on to its next provider).
    pub fn credentials_not_found(provider: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Credentials {
            provider: provider.into(),
            message: message.into(),
            not_found: true,
        }
    }

    /// A copy of a credentials error (any other error becomes one, with its message), to
    /// hand one refresh's failure to every caller that waited for it.
    pub(crate) fn to_credentials_error(&self) -> Error {
        match self {
            Error::Credentials {
                provider,
                message,
                not_found,
            } => Error::Credentials {
                provider: provider.clone(),
                message: message.clone(),
                not_found: *not_found,
            },
            other => Error::credentials("a credentials provider", other.to_string()),
        }
    }

    /// Whether retrying the same call may succeed: transport errors, timeouts, HTTP
    /// 429/502/503/504, API errors with `RetCode` ≥ 2000 and 2xx bodies that are cut short
    /// or not JSON.
    ///
    /// The client retries such errors automatically for read-only actions (see
    /// [`Action::is_read_only`](crate::Action::is_read_only)), and for mutating ones only
    /// when the caller opts in.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::Timeout { .. } | Error::MalformedBody { .. } => true,
            Error::HttpStatus { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Api { code, .. } => *code >= 2000,
            Error::Decode { .. }
            | Error::BodyTooLarge { .. }
            | Error::Encode { .. }
            | Error::InvalidRequest { .. }
            | Error::Credentials { .. }
            | Error::Config { .. }
            | Error::WaitTimeout { .. } => false,
        }
    }

    /// The `X-UCLOUD-REQUEST-UUID` of the response that caused the error, if any.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. }
            | Error::HttpStatus { request_id, .. }
            | Error::Decode { request_id, .. }
            | Error::MalformedBody { request_id, .. }
            | Error::BodyTooLarge { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The API `RetCode`, for [`Error::Api`].
    pub fn ret_code(&self) -> Option<i64> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// The first [`BODY_EXCERPT_LIMIT`] bytes of `body` as lossy UTF-8.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(BODY_EXCERPT_LIMIT)];
    match std::str::from_utf8(cut) {
        Ok(s) => s.to_owned(),
        // Only the last character was cut in half: drop it.
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&cut[..e.valid_up_to()]).into_owned()
        }
        Err(_) => String::from_utf8_lossy(cut).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_kinds() {
        let http = |status| Error::HttpStatus {
            status,
            action: "A".into(),
            body_excerpt: String::new(),
            request_id: None,
        };
        for s in [429, 502, 503, 504] {
            assert!(http(s).is_retryable(), "{s}");
        }
        for s in [400, 403, 404, 500, 301] {
            assert!(!http(s).is_retryable(), "{s}");
        }
        let api = |code| Error::Api {
            code,
            message: "m".into(),
            action: "A".into(),
            request_id: Some("rid-1".into()),
        };
        assert!(api(2000).is_retryable());
        assert!(api(5001).is_retryable());
        assert!(!api(171).is_retryable());
        assert_eq!(api(171).request_id(), Some("rid-1"));
        assert_eq!(api(171).ret_code(), Some(171));
        assert!(api(171).to_string().contains("(request id rid-1)"));
        assert!(!Error::config("x").is_retryable());
    }

    #[test]
    fn excerpt_is_bounded_and_keeps_utf8_whole() {
        let body = "é".repeat(1000);
        let e = excerpt(body.as_bytes());
        assert!(e.len() <= BODY_EXCERPT_LIMIT);
        assert!(!e.contains('\u{FFFD}'));
        assert_eq!(excerpt(b"short"), "short");
    }
}
