//! The call pipeline: common parameters, signing, retries, timeouts, `RetCode` and
//! decoding. One `tracing` span per call.

use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use tracing::field::Empty;
use tracing::Instrument as _;

use super::action::is_read_only;
use super::client::{CallOptions, Client, Inner, Response};
use super::decode;
use super::encode::{self, Params};
use super::error::excerpt;
use super::transport::{self, RawResponse};
use crate::{Action, Config, Error, Result, RetryPolicy};

/// What is being called.
pub(crate) struct Target<'x> {
    pub product: &'x str,
    pub name: &'x str,
    pub common: u8,
}

impl<'x> Target<'x> {
    pub(crate) fn of(action: &'x Action) -> Self {
        Target {
            product: action.product,
            name: action.name,
            common: action.common,
        }
    }
}

/// Runs a call: `params` are the caller's encoded parameters.
///
/// Only the final decoding is generic; everything before it (defaults, signing, the
/// retry loop, HTTP) is compiled once, not once per action.
pub(crate) async fn execute<Resp: DeserializeOwned>(
    client: &Client,
    target: Target<'_>,
    params: Params,
) -> Result<Response<Resp>> {
    let span = call_span(&target);
    let started = Instant::now();
    let accepted = run(client.inner(), client.options(), &target, params, &span)
        .instrument(span.clone())
        .await;
    let result = span.in_scope(|| accepted.and_then(|a| decode_response::<Resp>(a, target.name)));
    let attempts = result.as_ref().map(|r| r.attempts).ok();
    finish(&span, started, attempts, result.as_ref().err());
    result
}

fn call_span(target: &Target<'_>) -> tracing::Span {
    tracing::info_span!(
        "ucloud_call",
        action = target.name,
        product = target.product,
        request_id = Empty,
        attempt = Empty,
        duration_ms = Empty,
    )
}

/// Records the duration on the span and logs the outcome.
fn finish(span: &tracing::Span, started: Instant, attempts: Option<u32>, error: Option<&Error>) {
    let duration_ms = started.elapsed().as_millis() as u64;
    span.record("duration_ms", duration_ms);
    let _entered = span.enter();
    match error {
        None => tracing::debug!(attempts, duration_ms, "call succeeded"),
        Some(e) => tracing::debug!(duration_ms, error = %e, "call failed"),
    }
}

/// Drops the names the runtime sets itself (`Action`, `PublicKey`, `Signature`,
/// `SecurityToken`: callers' values for them are dropped), fills `Region`/`Zone`/`ProjectId` (an empty value counts as
/// unset), adds `Action`, `PublicKey` and `SecurityToken`, and sorts by name.
pub(crate) fn prepare(mut params: Params, target: &Target<'_>, config: &Config) -> Result<Params> {
    // Which common parameters the request sets (to a non-empty value), learnt on the way.
    let (mut region, mut zone, mut project) = (false, false, false);
    params.retain(|name, value| {
        let set = match name {
            b"Action" | b"PublicKey" | b"Signature" | b"SecurityToken" => return false,
            b"Region" => &mut region,
            b"Zone" => &mut zone,
            b"ProjectId" => &mut project,
            _ => return true,
        };
        *set |= !value.is_empty();
        !value.is_empty()
    });
    let common = [
        (
            Action::REGION,
            Action::REGION_REQUIRED,
            "Region",
            region,
            config.region(),
            "region / UCLOUD_REGION",
        ),
        (
            Action::ZONE,
            Action::ZONE_REQUIRED,
            "Zone",
            zone,
            config.zone(),
            "zone / UCLOUD_ZONE",
        ),
        (
            Action::PROJECT_ID,
            Action::PROJECT_ID_REQUIRED,
            "ProjectId",
            project,
            config.project_id(),
            "project_id / UCLOUD_PROJECT_ID",
        ),
    ];
    for (takes, required, name, set, default, setting) in common {
        if target.common & (takes | required) == 0 || set {
            continue;
        }
        match default {
            Some(value) => params.push(name, value, false),
            None if target.common & required != 0 => {
                return Err(Error::config(format!(
                    "{} requires the parameter {name}, which neither the request nor the \
                     configuration ({setting} / profile) sets",
                    target.name
                )))
            }
            None => {}
        }
    }
    let credentials = config.credentials();
    params.push("Action", target.name, false);
    params.push("PublicKey", credentials.public_key(), false);
    if let Some(token) = credentials.security_token() {
        params.push("SecurityToken", token.expose(), true);
    }
    params.sort();
    Ok(params)
}

/// A response whose `RetCode` is 0, not yet decoded into the caller's type.
struct Accepted {
    /// The parsed body, when the envelope check had to build it.
    value: Option<Value>,
    body: Vec<u8>,
    request_id: Option<String>,
    attempts: u32,
}

/// Prepares the parameters and makes attempts until one is accepted, an error is not
/// to be retried, attempts run out, or the next backoff would pass the deadline.
async fn run(
    inner: &Inner,
    options: &CallOptions,
    target: &Target<'_>,
    params: Params,
    span: &tracing::Span,
) -> Result<Accepted> {
    let params = prepare(params, target, &inner.config)?;
    let (timeout, retry) = options.resolve(&inner.config);
    let may_retry = retry.retry_mutating() || is_read_only(target.name);
    let started = Instant::now();
    let deadline = started + timeout;
    tracing::trace!(params = %encode::redacted(&params), "request parameters");

    let mut attempt = 0;
    loop {
        attempt += 1;
        span.record("attempt", attempt);
        tracing::debug!(attempt, "sending request");
        let budget = attempt_budget(&retry, deadline);
        let outcome =
            match tokio::time::timeout(budget, transport::send(inner, target, &params)).await {
                Ok(Ok(raw)) => accept(raw, target.name, attempt),
                Ok(Err(e)) => Err(e),
                Err(_) => Err(Error::Timeout {
                    action: target.name.to_owned(),
                    elapsed: started.elapsed(),
                    attempts: attempt,
                }),
            };
        let request_id = match &outcome {
            Ok(accepted) => accepted.request_id.as_deref(),
            Err(e) => e.request_id(),
        };
        if let Some(id) = request_id {
            span.record("request_id", id);
        }
        let error = match outcome {
            Ok(accepted) => return Ok(accepted),
            Err(e) => e,
        };
        if !(error.is_retryable() && may_retry && attempt < retry.max_attempts()) {
            return Err(error);
        }
        let delay = retry.backoff(attempt - 1);
        if Instant::now() + delay >= deadline {
            return Err(error);
        }
        tracing::debug!(attempt, error = %error, delay_ms = delay.as_millis() as u64, "retrying");
        tokio::time::sleep(delay).await;
    }
}

/// Time the next attempt may take: what is left of the call, or less if attempts have
/// their own timeout.
fn attempt_budget(retry: &RetryPolicy, deadline: Instant) -> std::time::Duration {
    let remaining = deadline.saturating_duration_since(Instant::now());
    retry
        .attempt_timeout()
        .map_or(remaining, |t| t.min(remaining))
}

fn decode_error(
    action: &str,
    body: &[u8],
    request_id: &Option<String>,
    path: &str,
    message: String,
) -> Error {
    Error::Decode {
        action: action.to_owned(),
        path: path.to_owned(),
        message,
        body_excerpt: excerpt(body),
        request_id: request_id.clone(),
    }
}

/// The fields of the envelope that decide whether a response is accepted. Reading only
/// these skips through the body without building a `Value`.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "RetCode")]
    ret_code: Option<Value>,
}

/// Whether `body` is a JSON object whose one `RetCode` is 0: the common case, decided
/// without building a `Value`. `false` sends the body down the full check in [`accept`].
fn plainly_accepted(body: &[u8]) -> bool {
    body.trim_ascii_start().first() == Some(&b'{')
        && serde_json::from_slice::<Envelope>(body)
            .is_ok_and(|e| e.ret_code.as_ref().and_then(ret_code) == Some(0))
}

/// Parses the body and checks `RetCode`.
fn accept(raw: RawResponse, action: &str, attempts: u32) -> Result<Accepted> {
    let RawResponse { body, request_id } = raw;
    if plainly_accepted(&body) {
        return Ok(Accepted {
            value: None,
            body,
            request_id,
            attempts,
        });
    }
    let fail = |path: &str, message: &str| {
        decode_error(action, &body, &request_id, path, message.to_owned())
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(".", "the response body is empty"));
    }
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| fail(".", &format!("the response is not valid JSON: {e}")))?;
    let Value::Object(map) = &value else {
        return Err(fail(".", "the response is not a JSON object"));
    };
    let code = match map.get("RetCode") {
        None => return Err(fail("RetCode", "the response has no RetCode")),
        Some(v) => ret_code(v)
            .ok_or_else(|| fail("RetCode", &format!("RetCode is not an integer: {v}")))?,
    };
    if code != 0 {
        let message = match map.get("Message") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        return Err(Error::Api {
            code,
            message,
            action: action.to_owned(),
            request_id,
        });
    }
    Ok(Accepted {
        value: Some(value),
        body,
        request_id,
        attempts,
    })
}

/// What a call does with a 2xx body: checks `RetCode` and decodes it leniently (for
/// benchmarks, through `bench::decode_body`).
#[cfg(any(test, feature = "bench"))]
pub(crate) fn decode_body<Resp: DeserializeOwned>(
    body: Vec<u8>,
    action: &str,
) -> Result<Response<Resp>> {
    let raw = RawResponse {
        body,
        request_id: None,
    };
    accept(raw, action, 1).and_then(|a| decode_response(a, action))
}

/// Decodes an accepted response into the caller's type, leniently.
fn decode_response<Resp: DeserializeOwned>(
    accepted: Accepted,
    action: &str,
) -> Result<Response<Resp>> {
    let Accepted {
        value,
        body,
        request_id,
        attempts,
    } = accepted;
    // Most bodies fit the type strictly; the lenient decoder decides the rest.
    let strict = match &value {
        None => decode::decode_strict::<Resp>(&body),
        Some(_) => None,
    };
    let (decoded, unknown_fields) = match strict {
        Some(decoded) => decoded,
        None => {
            let value = match value {
                Some(value) => value,
                None => serde_json::from_slice(&body)
                    .map_err(|e| decode_error(action, &body, &request_id, ".", format!("{e}")))?,
            };
            decode::decode::<Resp>(&value).map_err(|e| {
                decode_error(action, &body, &request_id, e.path(), e.message.clone())
            })?
        }
    };
    if !unknown_fields.is_empty() {
        tracing::debug!(
            ?unknown_fields,
            "the response has fields the SDK does not know"
        );
    }
    Ok(Response {
        value: decoded,
        request_id,
        attempts,
        unknown_fields,
    })
}

fn ret_code(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Credentials;

    fn config() -> Config {
        Config::builder()
            .credentials(Credentials::new("pub", "priv").with_security_token("tok"))
            .region("cn-bj2")
            .build()
            .unwrap()
    }

    fn names(params: &Params) -> Vec<(&str, &str)> {
        params.iter().map(|p| (p.name, p.value)).collect()
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        let mut params = Params::default();
        for (name, value) in pairs {
            params.push(name, value, false);
        }
        params
    }

    #[test]
    fn fills_common_parameters_and_sorts() {
        let target = Target {
            product: "p",
            name: "DescribeX",
            common: Action::REGION | Action::ZONE | Action::PROJECT_ID,
        };
        let params = params(&[
            ("Region", ""),
            ("Zone", "z-explicit"),
            ("Signature", "forged"),
            ("Limit", "10"),
        ]);
        let out = prepare(params, &target, &config()).unwrap();
        assert_eq!(
            names(&out),
            vec![
                ("Action", "DescribeX"),
                ("Limit", "10"),
                ("PublicKey", "pub"),
                ("Region", "cn-bj2"),
                ("SecurityToken", "tok"),
                ("Zone", "z-explicit"),
            ]
        );
        assert!(
            out.iter()
                .find(|p| p.name == "SecurityToken")
                .unwrap()
                .sensitive
        );
    }

    #[test]
    fn required_common_parameter_missing_is_a_config_error() {
        let target = Target {
            product: "p",
            name: "CreateX",
            common: Action::ZONE | Action::ZONE_REQUIRED,
        };
        let err = prepare(Params::default(), &target, &config()).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        let msg = err.to_string();
        assert!(msg.contains("CreateX") && msg.contains("Zone"), "{msg}");
        // Not taken: not sent, even though the configuration has a region.
        let target = Target {
            product: "p",
            name: "X",
            common: 0,
        };
        let out = prepare(Params::default(), &target, &config()).unwrap();
        assert!(out.iter().all(|p| p.name != "Region"));
    }

    #[test]
    fn the_envelope_shortcut_accepts_only_plain_successes() {
        for (body, plain) in [
            (r#"{"RetCode":0,"X":[1,{"RetCode":1}]}"#, true),
            (r#" {"Action":"A","RetCode":0}"#, true),
            (r#"{"RetCode":"0"}"#, true),
            (r#"{"RetCode":0,"RetCode":0}"#, false),
            (r#"{"RetCode":1,"Message":"no"}"#, false),
            (r#"{"Message":"no RetCode"}"#, false),
            (r#"[{"RetCode":0}]"#, false),
            (r#"{"RetCode":0} trailing"#, false),
            ("", false),
        ] {
            assert_eq!(plainly_accepted(body.as_bytes()), plain, "{body}");
        }
        let decode = |body: &str| decode_body::<Value>(body.as_bytes().to_vec(), "X");
        assert!(matches!(
            decode(r#"{"RetCode":8,"Message":"m"}"#),
            Err(Error::Api { code: 8, .. })
        ));
        assert!(matches!(decode(r#"[0]"#), Err(Error::Decode { .. })));
        let ok = decode(r#"{"RetCode":0,"A":1}"#).unwrap();
        assert_eq!(ok.value["A"], 1);
        assert!(ok.unknown_fields.is_empty());
    }

    #[test]
    fn ret_code_forms() {
        assert_eq!(ret_code(&serde_json::json!(0)), Some(0));
        assert_eq!(ret_code(&serde_json::json!("171")), Some(171));
        assert_eq!(ret_code(&serde_json::json!(2000.0)), Some(2000));
        assert_eq!(ret_code(&serde_json::json!("x")), None);
        assert_eq!(ret_code(&serde_json::json!(null)), None);
    }
}
