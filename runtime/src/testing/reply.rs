//! [`Reply`]: what the mock answers a request with.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::transport::{HeaderMap, HeaderValue, HttpResponse, TransportError, REQUEST_ID_HEADER};

/// What the mock answers one request with: a UCloud response (a success or an API error),
/// any HTTP answer, or a transport failure.
///
/// Replies without a request id get `mock-<n>`, `n` the request's [number](super::Call::number).
#[derive(Debug, Clone)]
pub struct Reply {
    kind: Kind,
    headers: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
enum Kind {
    /// A UCloud response: `RetCode` 0 and `Action` are added when absent.
    Json(Map<String, Value>),
    /// A status and body as they are.
    Raw { status: u16, body: Vec<u8> },
    /// The transport fails.
    Fail { connect: bool, message: String },
}

impl Reply {
    /// A successful response with the fields of `value`: a typed response (a generated
    /// `…Response`), a `serde_json::json!` object, any `Serialize` struct or map. `RetCode`
    /// (0) and `Action` (`<Name>Response`) are added unless `value` has them, so a
    /// `RetCode` other than 0 makes it an API error.
    ///
    /// # Panics
    ///
    /// When `value` does not serialise to a JSON object.
    pub fn ok(value: impl Serialize) -> Reply {
        let json = serde_json::to_value(value)
            .unwrap_or_else(|e| panic!("Reply::ok: the value does not serialise to JSON: {e}"));
        match json {
            Value::Object(fields) => Reply::new(Kind::Json(fields)),
            other => panic!("Reply::ok: a UCloud response is a JSON object, not {other}"),
        }
    }

    /// An API error: `RetCode` `code` (not 0) with `message`.
    pub fn api_error(code: i64, message: impl Into<String>) -> Reply {
        let mut fields = Map::new();
        fields.insert("RetCode".into(), code.into());
        fields.insert("Message".into(), message.into().into());
        Reply::new(Kind::Json(fields))
    }

    /// An HTTP response with `status` and `body` as they are (a 503, a 200 whose body is
    /// cut short or is an HTML page, …).
    pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(Kind::Raw {
            status,
            body: body.into(),
        })
    }

    /// The transport fails after the request may have reached UCloud (a reset, a body cut
    /// short by the connection): the call gets an
    /// [`Error::Transport`](crate::Error::Transport) with `message`.
    pub fn transport_error(message: impl Into<String>) -> Reply {
        Reply::new(Kind::Fail {
            connect: false,
            message: message.into(),
        })
    }

    /// The transport cannot connect: an [`Error::Transport`](crate::Error::Transport) whose
    /// `connect` is true.
    pub fn connect_error(message: impl Into<String>) -> Reply {
        Reply::new(Kind::Fail {
            connect: true,
            message: message.into(),
        })
    }

    /// The reply with a response header (`Retry-After`, …).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The reply with the request id (the `X-UCLOUD-REQUEST-UUID` header) `id`.
    pub fn request_id(self, id: impl Into<String>) -> Reply {
        self.header(REQUEST_ID_HEADER, id)
    }

    /// The reply's fields when it is a success given as JSON or a typed value (`RetCode`
    /// absent or 0): what the mock checks against the action's response type. API errors,
    /// raw bodies and transport failures are `None`: they are not responses to decode.
    pub(super) fn success_json(&self) -> Option<Value> {
        match &self.kind {
            Kind::Json(fields)
                if fields
                    .get("RetCode")
                    .is_none_or(|code| code.as_i64() == Some(0)) =>
            {
                Some(Value::Object(fields.clone()))
            }
            _ => None,
        }
    }

    fn new(kind: Kind) -> Reply {
        Reply {
            kind,
            headers: Vec::new(),
        }
    }

    /// What the transport returns for request number `number`, of `action`.
    pub(super) fn respond(
        self,
        action: &str,
        number: usize,
    ) -> Result<HttpResponse, TransportError> {
        let (status, body, json) = match self.kind {
            Kind::Fail { connect, message } => {
                let error: Box<dyn std::error::Error + Send + Sync> = message.into();
                return Err(if connect {
                    TransportError::connect(error)
                } else {
                    TransportError::io(error)
                });
            }
            Kind::Raw { status, body } => (status, body, false),
            Kind::Json(mut fields) => {
                fields.entry("RetCode").or_insert(0.into());
                fields
                    .entry("Action")
                    .or_insert_with(|| format!("{action}Response").into());
                let body = serde_json::to_vec(&fields).expect("a JSON map serialises");
                (200, body, true)
            }
        };
        let mut headers = HeaderMap::new();
        if json {
            headers.insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        for (name, value) in &self.headers {
            let name: http::HeaderName = name
                .parse()
                .unwrap_or_else(|e| panic!("Reply::header: {name:?} is no header name: {e}"));
            let value = HeaderValue::from_str(value)
                .unwrap_or_else(|e| panic!("Reply::header: {value:?} is no header value: {e}"));
            headers.append(name, value);
        }
        if !headers.contains_key(REQUEST_ID_HEADER) {
            let id = HeaderValue::from_str(&format!("mock-{number}")).expect("ASCII");
            headers.insert(REQUEST_ID_HEADER, id);
        }
        Ok(HttpResponse::new(status, body).with_headers(headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(reply: Reply) -> Value {
        let response = reply.respond("DescribeX", 3).unwrap();
        serde_json::from_slice(&response.body).unwrap()
    }

    #[test]
    fn responses_get_ret_code_action_and_a_request_id() {
        let response = Reply::ok(serde_json::json!({"TotalCount": 2}))
            .respond("DescribeX", 3)
            .unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.header(REQUEST_ID_HEADER), Some("mock-3"));
        let json: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"TotalCount": 2, "RetCode": 0, "Action": "DescribeXResponse"})
        );
        assert_eq!(
            body(Reply::ok(serde_json::json!({"RetCode": 8, "Action": "Y"}))),
            serde_json::json!({"RetCode": 8, "Action": "Y"})
        );
        assert_eq!(
            body(Reply::api_error(8039, "repo not exist")),
            serde_json::json!({"RetCode": 8039, "Message": "repo not exist", "Action": "DescribeXResponse"})
        );
        let raw = Reply::status(503, "busy")
            .header("Retry-After", "1")
            .request_id("rid-1")
            .respond("X", 1)
            .unwrap();
        assert_eq!((raw.status, raw.body.as_slice()), (503, b"busy".as_slice()));
        assert_eq!(raw.header("retry-after"), Some("1"));
        assert_eq!(raw.header(REQUEST_ID_HEADER), Some("rid-1"));
        let error = Reply::connect_error("refused").respond("X", 1).unwrap_err();
        assert_eq!(error.kind(), crate::transport::TransportErrorKind::Connect);
    }

    #[test]
    #[should_panic(expected = "a UCloud response is a JSON object, not [1,2]")]
    fn a_reply_is_an_object() {
        let _ = Reply::ok([1, 2]);
    }
}
