//! [`HttpTransport`]: the default transport, reqwest with rustls.

use std::fmt;

use reqwest::header::{HeaderValue, CONTENT_TYPE};

use super::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, REQUEST_ID_HEADER};
use crate::error::BODY_EXCERPT_LIMIT;
use crate::{Config, Error, Result};

/// The default [`Transport`]: HTTP/1.1 or HTTP/2 over rustls with reqwest, redirects not
/// followed, 2xx bodies read in chunks and refused as soon as they pass the size limit.
///
/// Its connection pool follows the [`Config`]: idle connections are kept
/// ([`pool_max_idle_per_host`](Config::pool_max_idle_per_host)) for
/// [`pool_idle_timeout`](Config::pool_idle_timeout). (The limit on requests in flight,
/// [`max_connections`](Config::max_connections), is the client's, for any transport.)
/// Cloning it is cheap and clones share the pool.
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
}

impl HttpTransport {
    /// A transport with the pool settings of `config`.
    pub fn new(config: &Config) -> Result<HttpTransport> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .use_rustls_tls()
            .pool_max_idle_per_host(config.pool_max_idle_per_host())
            .pool_idle_timeout(config.pool_idle_timeout())
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpTransport { client })
    }

    /// A transport over a reqwest client of your own (for a proxy, extra root
    /// certificates, …). Build it with `redirect(reqwest::redirect::Policy::none())`: the
    /// SDK treats a redirect as an error, and a followed one would re-send the request
    /// elsewhere.
    pub fn from_reqwest(client: reqwest::Client) -> HttpTransport {
        HttpTransport { client }
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport").finish_non_exhaustive()
    }
}

impl Transport for HttpTransport {
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(self.post(request))
    }
}

const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");

/// Largest buffer reserved up front from a `Content-Length` header.
const PREALLOCATE_MAX: u64 = 1024 * 1024;

impl HttpTransport {
    async fn post(
        &self,
        mut request: HttpRequest<'_>,
    ) -> std::result::Result<HttpResponse, TransportError> {
        let mut headers = request.take_headers();
        headers.insert(CONTENT_TYPE, FORM);
        let mut response = self
            .client
            .post(request.url().clone())
            .headers(headers)
            .body(request.form_body())
            .send()
            .await
            .map_err(request_error)?;

        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = if (200..300).contains(&status) {
            let request_id = || {
                headers
                    .get(REQUEST_ID_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            read_body(response, request.max_body_size(), request_id).await?
        } else {
            read_excerpt(response).await
        };
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Reads a whole body, refusing it (after at most the limit and one chunk) once it grows
/// past `limit`.
async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
    request_id: impl Fn() -> Option<String>,
) -> std::result::Result<Vec<u8>, TransportError> {
    let announced = response.content_length();
    if announced.is_some_and(|len| len > limit) {
        return Err(TransportError::body_too_large(request_id()));
    }
    // Preallocate what the server announces, but not much: it may not send it.
    let mut body = Vec::with_capacity(announced.unwrap_or(0).min(PREALLOCATE_MAX) as usize);
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => return Ok(body),
            Err(e) => return Err(cut_short(e, body.len(), announced)),
        };
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(TransportError::body_too_large(request_id()));
        }
        body.extend_from_slice(&chunk);
    }
}

/// The first [`BODY_EXCERPT_LIMIT`] bytes of a body (what could be read).
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

fn request_error(e: reqwest::Error) -> TransportError {
    if e.is_connect() {
        TransportError::connect(e)
    } else {
        TransportError::io(e)
    }
}

/// A failure while reading a 2xx body: the connection broke, or ended before the
/// `Content-Length` or the last chunk. Said as a body cut short, with what had arrived.
fn cut_short(e: reqwest::Error, read: usize, announced: Option<u64>) -> TransportError {
    TransportError::io(CutShort {
        read,
        announced,
        source: e,
    })
}

#[derive(Debug)]
struct CutShort {
    read: usize,
    announced: Option<u64>,
    source: reqwest::Error,
}

impl fmt::Display for CutShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body was cut short after {} ", self.read)?;
        if let Some(n) = self.announced {
            write!(f, "of {n} ")?;
        }
        f.write_str("bytes")
    }
}

impl std::error::Error for CutShort {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
