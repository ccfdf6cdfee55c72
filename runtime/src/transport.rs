//! The transport seam: what carries one signed request to UCloud and brings the answer
//! back.
//!
//! A [`Client`](crate::Client) does everything that is UCloud rather than HTTP itself:
//! it encodes and signs the parameters, fills the common ones, retries, enforces the
//! call's timeout and its limit on requests in flight, checks the status and `RetCode`,
//! decodes the body and logs. What it hands to a [`Transport`] is one attempt, ready to
//! go: an [`HttpRequest`] (the URL, the headers the client sets, the form pairs as sent,
//! `Signature` last). What it wants back is an [`HttpResponse`] (status, headers, body)
//! or a [`TransportError`].
//!
//! [`HttpTransport`] (reqwest with rustls) is the default: [`Client::new`](crate::Client::new) uses it.
//! [`Client::with_transport`](crate::Client::with_transport) takes any other, for example the mock transport of the
//! `testing` feature, or a wrapper that records or rewrites requests around an
//! `HttpTransport`:
//!
//! ```
//! use ucloud_sdk_runtime::transport::{
//!     BoxFuture, HttpRequest, HttpResponse, HttpTransport, Transport, TransportError,
//! };
//! use ucloud_sdk_runtime::{Client, Config, Credentials};
//!
//! /// Counts the requests the default transport sends.
//! struct Counting {
//!     http: HttpTransport,
//!     sent: std::sync::atomic::AtomicUsize,
//! }
//!
//! impl Transport for Counting {
//!     fn send<'a>(
//!         &'a self,
//!         request: HttpRequest<'a>,
//!     ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
//!         self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
//!         self.http.send(request)
//!     }
//! }
//!
//! # fn main() -> ucloud_sdk_runtime::Result<()> {
//! let config = Config::builder()
//!     .credentials(Credentials::new("my-public-key", "my-private-key"))
//!     .build()?;
//! let http = HttpTransport::new(&config)?;
//! let client = Client::with_transport(config, Counting { http, sent: Default::default() });
//! # drop(client);
//! # Ok(())
//! # }
//! ```
//!
//! # What a transport must do
//!
//! - POST [`form_body`](HttpRequest::form_body) (or the [`form`](HttpRequest::form) pairs,
//!   `application/x-www-form-urlencoded`) to [`url`](HttpRequest::url) with
//!   [`headers`](HttpRequest::headers), and follow no redirect: a 3xx goes back to the
//!   client as it is.
//! - Return the response whatever its status. For a 2xx, the whole body, but stop reading
//!   and return [`TransportError::body_too_large`] once it passes
//!   [`max_body_size`](HttpRequest::max_body_size) (the client checks the size of what it
//!   gets too, but only a transport can stop before buffering it). For any other status
//!   the client keeps the first [`BODY_EXCERPT_LIMIT`](crate::error::BODY_EXCERPT_LIMIT)
//!   bytes, so the transport may read just those.
//! - Fail with [`TransportError::connect`] when the request cannot have reached the server
//!   and [`TransportError::io`] for any other failure (a reset, TLS, a body cut short);
//!   both are retried like UCloud's transient errors.
//! - Be cancel-safe: the client drops the future when the call or the attempt times out
//!   or the caller stops waiting.
//!
//! Timeouts, retries and the limit on requests in flight are the client's, for any
//! transport: a transport needs no timeout of its own.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use reqwest::Url;

use crate::error::BoxError;

mod http;
mod retry_after;

pub use self::http::HttpTransport;
/// The header map of [`HttpRequest`] and [`HttpResponse`] (the `http` crate's).
pub use ::http::header::HeaderMap;
/// A header value of a [`HeaderMap`].
pub use ::http::header::HeaderValue;
pub(crate) use retry_after::retry_after;

/// Response header carrying UCloud's request id.
pub const REQUEST_ID_HEADER: &str = "X-UCLOUD-REQUEST-UUID";
/// Request header carrying the client's clock, in milliseconds since the Unix epoch.
pub const TIMESTAMP_HEADER: &str = "U-Timestamp-Ms";

/// A future a [`Transport`] returns: boxed, so that the trait is object safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Carries one signed request to UCloud and returns the answer. See the
/// [module](self) for what an implementation must do.
///
/// It is object safe: a [`Client`](crate::Client) keeps its transport as a
/// `dyn Transport`, shared by its clones and by concurrent calls.
pub trait Transport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// One attempt of a call, signed and ready to POST.
///
/// The form pairs are the parameters exactly as the client signed them (sorted by name,
/// then `Signature`), before URL encoding; secrets among them (a `SecurityToken`, base64
/// passwords) are plain here, so a transport that logs requests must redact them.
pub struct HttpRequest<'a> {
    url: &'a Url,
    headers: HeaderMap,
    form: &'a [(&'a str, &'a str)],
    product: &'a str,
    action: &'a str,
    max_body_size: u64,
}

impl<'a> HttpRequest<'a> {
    pub(crate) fn new(
        url: &'a Url,
        headers: HeaderMap,
        form: &'a [(&'a str, &'a str)],
        product: &'a str,
        action: &'a str,
        max_body_size: u64,
    ) -> Self {
        HttpRequest {
            url,
            headers,
            form,
            product,
            action,
            max_body_size,
        }
    }

    /// Where to POST: the configured [base URL](crate::Config::base_url).
    pub fn url(&self) -> &'a Url {
        self.url
    }

    /// The headers the client sets: `User-Agent` and [`U-Timestamp-Ms`](TIMESTAMP_HEADER).
    /// (The content type of the form is the transport's to set.)
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Takes the headers out of the request (leaving it none), to move them into the
    /// request a transport builds.
    pub fn take_headers(&mut self) -> HeaderMap {
        std::mem::take(&mut self.headers)
    }

    /// The form parameters as sent, in order: names and values before URL encoding,
    /// `Signature` last.
    pub fn form(&self) -> &'a [(&'a str, &'a str)] {
        self.form
    }

    /// The value of the form parameter `name`, if sent.
    pub fn param(&self, name: &str) -> Option<&'a str> {
        self.form.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// The form as an `application/x-www-form-urlencoded` body.
    pub fn form_body(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.form)
            .finish()
    }

    /// The product the action belongs to (as in the `User-Agent`; `generic` for
    /// [`Client::call`](crate::Client::call)).
    pub fn product(&self) -> &'a str {
        self.product
    }

    /// The action called (the form's `Action`).
    pub fn action(&self) -> &'a str {
        self.action
    }

    /// The largest 2xx body the client accepts ([`Config::max_body_size`](crate::Config::max_body_size)):
    /// past it, stop reading and return [`TransportError::body_too_large`].
    pub fn max_body_size(&self) -> u64 {
        self.max_body_size
    }
}

impl fmt::Debug for HttpRequest<'_> {
    /// Names the parameters, not their values (they include secrets).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.form.iter().map(|(name, _)| *name).collect();
        f.debug_struct("HttpRequest")
            .field("url", &self.url.as_str())
            .field("action", &self.action)
            .field("product", &self.product)
            .field("form", &names)
            .finish_non_exhaustive()
    }
}

/// What came back: status, headers and body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body: whole for a 2xx, at least its start otherwise.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// The response with `headers`.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = headers;
        self
    }

    /// The value of header `name` (case-insensitive), if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Why a [`Transport`] got no (whole) response. The client turns it into an
/// [`Error`](crate::Error) naming the action: [`Error::Transport`](crate::Error::Transport)
/// (with `connect` set for [`connect`](TransportError::connect) errors) or
/// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Option<BoxError>,
    request_id: Option<String>,
}

/// The kind of a [`TransportError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The request cannot have reached the server (no connection could be made).
    Connect,
    /// Sending or receiving failed: the server may have seen the request.
    Io,
    /// The body grew past [`HttpRequest::max_body_size`].
    BodyTooLarge,
}

impl TransportError {
    /// The request cannot have reached the server: the connection could not be made.
    pub fn connect(source: impl Into<BoxError>) -> Self {
        TransportError {
            kind: TransportErrorKind::Connect,
            source: Some(source.into()),
            request_id: None,
        }
    }

    /// Sending the request or receiving the response failed (a reset, TLS, a body cut
    /// short): the server may have seen the request.
    pub fn io(source: impl Into<BoxError>) -> Self {
        TransportError {
            kind: TransportErrorKind::Io,
            source: Some(source.into()),
            request_id: None,
        }
    }

    /// The body grew past [`HttpRequest::max_body_size`]; `request_id` is the response's
    /// [`REQUEST_ID_HEADER`], if it had one.
    pub fn body_too_large(request_id: Option<String>) -> Self {
        TransportError {
            kind: TransportErrorKind::BodyTooLarge,
            source: None,
            request_id,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The response's request id, for [`body_too_large`](TransportError::body_too_large).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The error and its causes, joined by `": "`.
    pub(crate) fn message(&self) -> String {
        let mut message = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(e) = cause {
            message.push_str(": ");
            message.push_str(&e.to_string());
            cause = e.source();
        }
        message
    }

    /// The underlying error, if any.
    pub fn into_source(self) -> Option<BoxError> {
        self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.kind, &self.source) {
            (TransportErrorKind::BodyTooLarge, _) => {
                f.write_str("the response body exceeds the size limit")
            }
            (_, Some(source)) => fmt::Display::fmt(source, f),
            (TransportErrorKind::Connect, None) => f.write_str("cannot connect"),
            (_, None) => f.write_str("the request failed"),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let source = self.source.as_deref()?;
        source.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_shows_parameter_names_only_and_encodes_its_form() {
        let url = Url::parse("https://api.ucloud.cn").unwrap();
        let form = [
            ("Action", "CreateX"),
            ("Password", "c2VjcmV0"),
            ("SecurityToken", "token value"),
            ("Signature", "0123abcd"),
        ];
        let request = HttpRequest::new(&url, HeaderMap::new(), &form, "uhost", "CreateX", 10);
        let debug = format!("{request:?}");
        for secret in ["c2VjcmV0", "token value", "0123abcd"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("SecurityToken"), "{debug}");
        assert_eq!(request.param("Action"), Some("CreateX"));
        assert_eq!(
            request.form_body(),
            "Action=CreateX&Password=c2VjcmV0&SecurityToken=token+value&Signature=0123abcd"
        );
    }

    #[test]
    fn transport_errors_say_what_happened() {
        let io = TransportError::io("connection reset by peer");
        assert_eq!(io.kind(), TransportErrorKind::Io);
        assert_eq!(io.message(), "connection reset by peer");
        let too_large = TransportError::body_too_large(Some("rid-1".into()));
        assert_eq!(too_large.request_id(), Some("rid-1"));
        assert!(too_large.into_source().is_none());
    }
}
