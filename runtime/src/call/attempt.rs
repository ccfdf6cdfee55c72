//! One call's attempts over the transport: signing each, its timeout, the limit on
//! requests in flight, what the status and the transport's errors mean, and the wait
//! before the next attempt (backoff, or longer if the server sends `Retry-After`).

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{HeaderName, USER_AGENT};
use tokio::time::Instant;

use super::{RawResponse, Target};
use crate::client::{CallOptions, Inner};
use crate::credentials::{ProvideCredentials, REJECTED_CREDENTIALS};
use crate::encode::{self, Params};
use crate::error::excerpt;
use crate::sign;
use crate::transport::{
    self, HeaderMap, HeaderValue, HttpRequest, HttpResponse, TransportError, TransportErrorKind,
    REQUEST_ID_HEADER,
};
use crate::{Credentials, Error, Result, RetryPolicy};

/// [`TIMESTAMP_HEADER`](crate::TIMESTAMP_HEADER) as a header name (they are lower case).
const TIMESTAMP: HeaderName = HeaderName::from_static("u-timestamp-ms");

/// A failed attempt: the error, and the wait the server asked for (`Retry-After`).
pub(super) struct Failure {
    pub error: Error,
    pub retry_after: Option<Duration>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            retry_after: None,
        }
    }
}

/// One call's prepared parameters, policy and deadline.
pub(super) struct Call<'a> {
    inner: &'a Inner,
    target: &'a Target<'a>,
    params: Params,
    user_agent: HeaderValue,
    timeout: Duration,
    retry: RetryPolicy,
    /// The action is read-only, or retrying mutating actions was opted in.
    may_retry: bool,
    started: Instant,
    deadline: Instant,
    /// The provider's credentials the last attempt was signed with (`None` for fixed keys).
    signed_with: Option<Credentials>,
    /// A rejection of the provider's credentials has already been reported in this call.
    renewed: bool,
    /// Attempts made so far.
    attempts: u32,
}

impl<'a> Call<'a> {
    pub(super) fn new(
        inner: &'a Inner,
        options: &CallOptions,
        target: &'a Target<'a>,
        params: Params,
    ) -> Result<Self> {
        let params = super::prepare(params, target, &inner.config, options)?;
        let user_agent = user_agent(target.product, inner.config.user_agent_suffix())?;
        let (timeout, retry) = options.resolve(&inner.config);
        let may_retry = retry.retry_mutating() || target.read_only;
        let started = Instant::now();
        tracing::trace!(params = %encode::redacted(&params), "request parameters");
        Ok(Call {
            inner,
            target,
            params,
            user_agent,
            timeout,
            retry,
            may_retry,
            started,
            deadline: started + timeout,
            signed_with: None,
            renewed: false,
            attempts: 0,
        })
    }

    /// Attempts made so far; the number of the last one.
    pub(super) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Sends the next attempt and reads its body, within the call's deadline and the
    /// attempt's own timeout.
    pub(super) async fn attempt(
        &mut self,
        span: &tracing::Span,
    ) -> std::result::Result<RawResponse, Failure> {
        self.attempts += 1;
        let attempt = self.attempts;
        span.record("attempt", attempt);
        // Credentials for this attempt (a provider's may have been refreshed since the
        // last); getting them counts against the call, not against the attempt.
        let credentials = self.inner.config.current_credentials();
        let credentials = match tokio::time::timeout_at(self.deadline, credentials).await {
            Ok(credentials) => credentials?,
            Err(_) => return Err(self.timed_out(attempt - 1).into()),
        };
        super::set_credentials(&mut self.params, &credentials);
        // Waiting for a turn counts against the call, not against the attempt.
        let in_flight = self.inner.in_flight.acquire();
        let Ok(permit) = tokio::time::timeout_at(self.deadline, in_flight).await else {
            return Err(self.timed_out(attempt - 1).into());
        };
        let private_key = credentials.private_key().expose();
        let signature = sign::params_signature(&self.params, private_key);
        // Kept (not cloned) in case the API refuses them.
        if let Cow::Owned(provided) = credentials {
            self.signed_with = Some(provided);
        }
        let form: Vec<(&str, &str)> = self
            .params
            .iter()
            .map(|p| (p.name, p.value))
            .chain([("Signature", signature.as_str())])
            .collect();
        let config = &self.inner.config;
        let request = HttpRequest::new(
            config.base_url(),
            self.headers(),
            &form,
            self.target.product,
            self.target.name,
            config.max_body_size(),
        );
        tracing::debug!(attempt, "sending request");
        let send = self.inner.transport.send(request);
        let sent = tokio::time::timeout(self.budget(attempt), send).await;
        drop(permit);
        let result = match sent {
            Ok(Ok(response)) => self.accept(response),
            Ok(Err(e)) => Err(self.transport_error(e).into()),
            Err(_) => Err(self.timed_out(attempt).into()),
        };
        let request_id = match &result {
            Ok(raw) => raw.request_id.as_deref(),
            Err(failure) => failure.error.request_id(),
        };
        if let Some(id) = request_id {
            span.record("request_id", id);
        }
        result
    }

    /// `User-Agent` and a fresh `U-Timestamp-Ms`.
    fn headers(&self) -> HeaderMap {
        let timestamp_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let mut headers = HeaderMap::with_capacity(2);
        headers.insert(USER_AGENT, self.user_agent.clone());
        headers.insert(TIMESTAMP, HeaderValue::from(timestamp_ms));
        headers
    }

    /// A 2xx response within the size limit; any other status is an error, with the
    /// server's `Retry-After`.
    // A failed attempt is moved once, to the retry decision: its size costs nothing.
    #[allow(clippy::result_large_err)]
    fn accept(&self, response: HttpResponse) -> std::result::Result<RawResponse, Failure> {
        let status = response.status;
        let request_id = response.header(REQUEST_ID_HEADER).map(str::to_owned);
        tracing::debug!(
            status,
            request_id = request_id.as_deref(),
            "response received"
        );
        if !(200..300).contains(&status) {
            let retry_after = transport::retry_after(&response.headers, SystemTime::now());
            let error = Error::HttpStatus {
                status,
                action: self.target.name.to_owned(),
                body_excerpt: excerpt(&response.body),
                request_id,
            };
            return Err(Failure { error, retry_after });
        }
        let limit = self.inner.config.max_body_size();
        if response.body.len() as u64 > limit {
            return Err(Error::BodyTooLarge {
                action: self.target.name.to_owned(),
                limit,
                request_id,
            }
            .into());
        }
        Ok(RawResponse {
            body: response.body,
            request_id,
        })
    }

    fn transport_error(&self, e: TransportError) -> Error {
        let action = self.target.name.to_owned();
        if e.kind() == TransportErrorKind::BodyTooLarge {
            return Error::BodyTooLarge {
                action,
                limit: self.inner.config.max_body_size(),
                request_id: e.request_id().map(str::to_owned),
            };
        }
        let message = e.message();
        let connect = e.kind() == TransportErrorKind::Connect;
        let source = e.into_source().unwrap_or_else(|| message.clone().into());
        Error::Transport {
            action,
            message,
            connect,
            source,
        }
    }

    /// Time attempt number `attempt` may take: what is left of the call, or less if the
    /// policy gives the attempt a timeout of its own (see
    /// [`RetryPolicy::attempt_timeout_for`]).
    fn budget(&self, attempt: u32) -> Duration {
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        let retryable = self.may_retry && attempt < self.retry.max_attempts();
        self.retry
            .attempt_timeout_for(self.timeout, retryable)
            .map_or(remaining, |t| t.min(remaining))
    }

    fn timed_out(&self, attempts: u32) -> Error {
        Error::Timeout {
            action: self.target.name.to_owned(),
            elapsed: self.started.elapsed(),
            attempts,
        }
    }

    /// After a failed attempt: when UCloud refused the provider's credentials it was signed
    /// with ([`REJECTED_CREDENTIALS`]), tells the provider (which drops them) and says to
    /// try again at once, with the credentials it then provides. Once per call, and not for
    /// fixed keys (nothing would change). The refused request was not carried out, so this
    /// holds for mutating actions and with retries off too; the new try is numbered as the
    /// call's next attempt (`Response::attempts` counts it).
    pub(super) fn renew_rejected_credentials(&mut self, failure: &Failure) -> bool {
        let Error::Api { code, .. } = &failure.error else {
            return false;
        };
        if self.renewed || !REJECTED_CREDENTIALS.contains(code) || Instant::now() >= self.deadline {
            return false;
        }
        let Some(rejected) = self.signed_with.take() else {
            return false;
        };
        self.renewed = true;
        tracing::debug!(
            code,
            "the API rejected the provider's credentials: trying again with new ones"
        );
        self.inner
            .config
            .credentials_provider()
            .credentials_rejected(&rejected);
        true
    }

    /// The wait before the next attempt after attempt `attempt` failed, or `None` when
    /// the call ends with the failure: it is not retryable, attempts ran out, or the wait
    /// would not end before the call's deadline. The wait is the policy's backoff, or
    /// what the server's `Retry-After` asks if that is longer.
    pub(super) fn delay(&self, failure: &Failure, attempt: u32) -> Option<Duration> {
        let error = &failure.error;
        if !(error.is_retryable() && self.may_retry && attempt < self.retry.max_attempts()) {
            return None;
        }
        let backoff = self.retry.backoff(attempt - 1);
        let delay = failure
            .retry_after
            .map_or(backoff, |asked| asked.max(backoff));
        let retry_at = Instant::now().checked_add(delay);
        if retry_at.is_none_or(|at| at >= self.deadline) {
            if let Some(asked) = failure.retry_after {
                tracing::debug!(
                    attempt,
                    retry_after_ms = asked.as_millis() as u64,
                    "the server's Retry-After does not fit in the call's timeout"
                );
            }
            return None;
        }
        tracing::debug!(
            attempt,
            error = %error,
            delay_ms = delay.as_millis() as u64,
            retry_after_ms = failure.retry_after.map(|d| d.as_millis() as u64),
            "retrying"
        );
        Some(delay)
    }
}

/// `ucloud-sdk-rust/<version> product/<product>[ <suffix>]`.
fn user_agent(product: &str, suffix: Option<&str>) -> Result<HeaderValue> {
    let mut ua = format!(
        "ucloud-sdk-rust/{} product/{product}",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(suffix) = suffix {
        ua.push(' ');
        ua.push_str(suffix);
    }
    HeaderValue::try_from(ua).map_err(|e| {
        Error::config(format!(
            "the User-Agent (product {product:?}, suffix {suffix:?}) is not a valid header value: {e}"
        ))
    })
}
