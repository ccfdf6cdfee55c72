//! One HTTP attempt: sign, POST the form, and read the body within the size limit; and
//! the connections attempts go over.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderValue, USER_AGENT};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::call::Target;
use super::client::Inner;
use super::encode::Params;
use super::error::{excerpt, BODY_EXCERPT_LIMIT};
use super::sign;
use crate::{Config, Credentials, Error, Result};

/// Response header carrying UCloud's request id.
pub const REQUEST_ID_HEADER: &str = "X-UCLOUD-REQUEST-UUID";
/// Request header carrying the client's clock, in milliseconds since the Unix epoch.
pub const TIMESTAMP_HEADER: &str = "U-Timestamp-Ms";

/// The HTTP client of a [`Client`](crate::Client) and the limit on its requests in flight.
///
/// reqwest's pool bounds idle connections only; a connection is opened whenever a request
/// finds none idle. Each request holds a permit from `in_flight` from before it is sent
/// until its body is read, so at most [`Config::max_connections`] requests (and HTTP/1.1
/// connections) are busy at once.
pub(crate) struct Http {
    client: reqwest::Client,
    in_flight: Arc<Semaphore>,
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Http> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .use_rustls_tls()
            .pool_max_idle_per_host(config.pool_max_idle_per_host())
            .pool_idle_timeout(config.pool_idle_timeout())
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        // Far more than anyone means; past it the semaphore would refuse to be built.
        let max = config.max_connections().min(Semaphore::MAX_PERMITS);
        Ok(Http {
            client,
            in_flight: Arc::new(Semaphore::new(max)),
        })
    }

    /// Waits until fewer than `max_connections` requests are in flight; the request may
    /// go while the permit lives.
    pub(crate) async fn permit(&self) -> OwnedSemaphorePermit {
        Arc::clone(&self.in_flight)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }
}

/// A 2xx response body, read in full.
pub(crate) struct RawResponse {
    pub body: Vec<u8>,
    pub request_id: Option<String>,
}

/// `ucloud-sdk-rust/<version> product/<product>[ <suffix>]`.
pub(crate) fn user_agent(product: &str, suffix: Option<&str>) -> String {
    let mut ua = format!(
        "ucloud-sdk-rust/{} product/{product}",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(suffix) = suffix {
        ua.push(' ');
        ua.push_str(suffix);
    }
    ua
}

/// Signs `params` (sorted, without `Signature`, with `credentials`' public key) with
/// `credentials`, POSTs them and reads the answer.
pub(crate) async fn send(
    inner: &Inner,
    target: &Target<'_>,
    params: &Params,
    credentials: &Credentials,
) -> Result<RawResponse> {
    let config = &inner.config;
    let signature = sign::params_signature(params, credentials.private_key().expose());
    let mut form: Vec<(&str, &str)> = params.iter().map(|p| (p.name, p.value)).collect();
    form.push(("Signature", &signature));

    let timestamp_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let user_agent = user_agent(target.product, config.user_agent_suffix());
    let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
        Error::config(format!(
            "the User-Agent suffix is not a valid header value: {user_agent:?}"
        ))
    })?;

    let response = inner
        .http
        .client
        .post(config.base_url().clone())
        .header(USER_AGENT, user_agent)
        .header(TIMESTAMP_HEADER, timestamp_ms.to_string())
        .form(&form)
        .send()
        .await
        .map_err(|e| transport_error(target.name, e))?;

    let status = response.status();
    let request_id = response
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    tracing::debug!(
        status = status.as_u16(),
        request_id = request_id.as_deref(),
        "response received"
    );

    if !status.is_success() {
        return Err(Error::HttpStatus {
            status: status.as_u16(),
            action: target.name.to_owned(),
            body_excerpt: excerpt(&read_excerpt(response).await),
            request_id,
        });
    }

    let limit = config.max_body_size();
    let too_large = |request_id| Error::BodyTooLarge {
        action: target.name.to_owned(),
        limit,
        request_id,
    };
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(too_large(request_id));
    }
    // Preallocate what the server announces, but not much: it may not send it.
    let announced = response.content_length();
    let mut body = Vec::with_capacity(announced.unwrap_or(0).min(PREALLOCATE_MAX) as usize);
    let mut response = response;
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => return Err(body_error(target.name, e, body.len(), announced)),
        };
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large(request_id));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse { body, request_id })
}

/// Largest buffer reserved up front from a `Content-Length` header.
const PREALLOCATE_MAX: u64 = 1024 * 1024;

/// The first [`BODY_EXCERPT_LIMIT`] bytes of an error response (what could be read).
async fn read_excerpt(mut response: reqwest::Response) -> Vec<u8> {
    let mut body = Vec::new();
    while body.len() < BODY_EXCERPT_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) | Err(_) => break,
        }
    }
    body.truncate(BODY_EXCERPT_LIMIT);
    body
}

/// A failure while reading a 2xx body: the connection broke, or ended before the
/// `Content-Length` or the last chunk. Said as a body cut short, with what had arrived.
fn body_error(action: &str, e: reqwest::Error, read: usize, announced: Option<u64>) -> Error {
    let of = announced.map_or(String::new(), |n| format!(" of {n}"));
    let mut error = transport_error(action, e);
    if let Error::Transport { message, .. } = &mut error {
        *message = format!("the response body was cut short after {read}{of} bytes: {message}");
    }
    error
}

fn transport_error(action: &str, e: reqwest::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Transport {
        action: action.to_owned(),
        message,
        connect: e.is_connect(),
        source: Box::new(e),
    }
}
