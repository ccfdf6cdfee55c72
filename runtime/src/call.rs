//! The call pipeline: common parameters, signing, retries, timeouts, `RetCode` and
//! decoding, over any [`Transport`](crate::transport::Transport). One `tracing` span per
//! call.

use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use tracing::field::Empty;
use tracing::Instrument as _;

use super::client::{CallOptions, Client, Inner, Response};
use super::decode;
use super::encode::Params;
use super::error::excerpt;
use crate::{Action, Config, Credentials, Error, Result};

mod attempt;

use attempt::{Call, Failure};

/// What is being called.
pub(crate) struct Target<'x> {
    pub product: &'x str,
    pub name: &'x str,
    /// The [`Action`] flags of the action's common parameters: those of a page that requires
    /// one (`REGION_REQUIRED`, …) make a call that cannot fill it fail.
    pub common: u8,
    /// Retried on transient errors without opting in.
    pub read_only: bool,
}

impl<'x> Target<'x> {
    pub(crate) fn of(action: &'x Action) -> Self {
        Target {
            product: action.product,
            name: action.name,
            common: action.common,
            read_only: action.is_read_only(),
        }
    }

    /// An action called by name ([`Client::call`]): no page says anything of it, so no
    /// common parameter is required (each is filled as for every action), and it is
    /// mutating: nothing says it only reads state.
    pub(crate) fn generic(name: &'x str) -> Self {
        Target {
            product: "generic",
            name,
            common: 0,
            // No spec says the action only reads state: it is mutating.
            read_only: false,
        }
    }
}

/// Runs a call: `params` are the caller's encoded parameters.
///
/// Little is generic: the decoding, and the retry loop that hands each 2xx body to it
/// (the type is read in the same pass that checks `RetCode`, so it decides whether an
/// attempt succeeded). Everything else (defaults, signing, the transport, timeouts, retry
/// decisions) is compiled once, not once per action.
pub(crate) async fn execute<Resp: DeserializeOwned>(
    client: &Client,
    target: Target<'_>,
    params: Params,
) -> Result<Response<Resp>> {
    let span = call_span(&target);
    let started = Instant::now();
    let result = run(client.inner(), client.options(), &target, params, &span).await;
    match &result {
        Ok(response) => finish(&span, started, Some(response.attempts), None),
        Err(e) => finish(&span, started, None, Some(e)),
    }
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

/// The common parameters: each one's name, the [`Action`] flag of a page that requires it,
/// and the setting that configures it (for the error when it is required and unset).
const COMMON: [(&str, u8, &str); 3] = [
    ("Region", Action::REGION_REQUIRED, "region / UCLOUD_REGION"),
    ("Zone", Action::ZONE_REQUIRED, "zone / UCLOUD_ZONE"),
    (
        "ProjectId",
        Action::PROJECT_ID_REQUIRED,
        "project_id / UCLOUD_PROJECT_ID",
    ),
];

/// Drops the names the runtime sets itself (`Action`, `PublicKey`, `Signature`,
/// `SecurityToken`: callers' values for them are dropped), fills the common parameters,
/// adds `Action` and, for fixed keys, `PublicKey` and `SecurityToken` (credentials from a
/// provider are added per attempt, see [`set_credentials`]), and sorts by name.
///
/// The common parameters follow one rule, the official SDKs' (UCloud's Go SDK sets them on
/// every request from its configuration): on every action, typed or generic, `Region`,
/// `Zone` and `ProjectId` are sent when the request leaves them unset (an empty value counts
/// as unset) and the call's options or else the configuration have them. Whether the
/// action's page documents them does not matter; a page that marks one required makes the
/// call fail, before anything is sent, when none of the three sets it.
pub(crate) fn prepare(
    mut params: Params,
    target: &Target<'_>,
    config: &Config,
    options: &CallOptions,
) -> Result<Params> {
    let set = drop_runtime_names(&mut params);
    let defaults = [
        options.region_value().or(config.region()),
        options.zone_value().or(config.zone()),
        options.project_id_value().or(config.project_id()),
    ];
    for (((name, required, setting), set), default) in COMMON.iter().zip(set).zip(defaults) {
        if set {
            continue;
        }
        match default.filter(|v| !v.is_empty()) {
            Some(value) => params.push(name, value, false),
            None if target.common & required != 0 => {
                return Err(Error::config(format!(
                    "{} requires the parameter {name}, which neither the request, the call's \
                     options nor the configuration ({setting} / profile) sets",
                    target.name
                )))
            }
            None => {}
        }
    }
    params.push("Action", target.name, false);
    if let Some(credentials) = config.credentials() {
        push_credentials(&mut params, credentials);
    }
    params.sort();
    Ok(params)
}

/// Removes the caller's `Action`, `PublicKey`, `Signature` and `SecurityToken`, and empty
/// common parameters; returns which of the common parameters ([`COMMON`], in order) the
/// request sets. Requests rarely hold any of them, so the parameters are read first and
/// rewritten only when one must go.
fn drop_runtime_names(params: &mut Params) -> [bool; 3] {
    let mut set = [false; 3];
    let mut remove = false;
    for (name, value) in params.bytes() {
        match runtime_name(name) {
            RuntimeName::Other => {}
            RuntimeName::Protocol => remove = true,
            RuntimeName::Common(i) => {
                set[i] |= !value.is_empty();
                remove |= value.is_empty();
            }
        }
    }
    if remove {
        params.retain(|name, value| match runtime_name(name) {
            RuntimeName::Other => true,
            RuntimeName::Protocol => false,
            RuntimeName::Common(_) => !value.is_empty(),
        });
    }
    set
}

/// What a request's parameter name is to the client.
enum RuntimeName {
    /// `Action`, `PublicKey`, `Signature` or `SecurityToken`: set by the client alone.
    Protocol,
    /// The common parameter at this index of [`COMMON`].
    Common(usize),
    /// The request's own.
    Other,
}

fn runtime_name(name: &[u8]) -> RuntimeName {
    // Most names start with another letter than the names matched below (keep the two in
    // step): those are told apart without comparing them.
    if !matches!(name.first(), Some(b'A' | b'P' | b'R' | b'S' | b'Z')) {
        return RuntimeName::Other;
    }
    match name {
        b"Action" | b"PublicKey" | b"Signature" | b"SecurityToken" => RuntimeName::Protocol,
        b"Region" => RuntimeName::Common(0),
        b"Zone" => RuntimeName::Common(1),
        b"ProjectId" => RuntimeName::Common(2),
        _ => RuntimeName::Other,
    }
}

fn push_credentials(params: &mut Params, credentials: &Credentials) {
    params.push("PublicKey", credentials.public_key(), false);
    if let Some(token) = credentials.security_token() {
        params.push("SecurityToken", token.expose(), true);
    }
}

/// Makes sorted `params` carry `credentials`' `PublicKey` and `SecurityToken` (a no-op when
/// they already do, as with fixed keys).
pub(crate) fn set_credentials(params: &mut Params, credentials: &Credentials) {
    let token = credentials.security_token().map(|t| t.expose());
    if params.get("PublicKey") == Some(credentials.public_key())
        && params.get("SecurityToken") == token
    {
        return;
    }
    params.retain(|name, _| name != b"PublicKey" && name != b"SecurityToken");
    push_credentials(params, credentials);
    params.sort();
}

/// Makes attempts until one's body is accepted and decoded, an error is not to be
/// retried, attempts run out, or the next wait would pass the deadline.
///
/// Only the decoding is generic: the attempts, waits and retry decisions are
/// [`next_body`]'s, compiled once rather than once per response type (each action a
/// program sends would otherwise carry its own copy of the retry loop's state machine).
/// For the same reason the span is entered around each step here rather than by
/// instrumenting this future (which would wrap it in a generic `Instrumented`).
async fn run<Resp: DeserializeOwned>(
    inner: &Inner,
    options: &CallOptions,
    target: &Target<'_>,
    params: Params,
    span: &tracing::Span,
) -> Result<Response<Resp>> {
    let mut call = {
        let _entered = span.enter();
        Call::new(inner, options, target, params)?
    };
    let mut failure = None;
    loop {
        let (raw, attempt) = next_body(&mut call, failure.take(), span)
            .instrument(span.clone())
            .await?;
        let _entered = span.enter();
        match decode_response::<Resp>(raw, target.name, attempt) {
            Ok(response) => return Ok(response),
            Err(e) => failure = Some(Failure::from(e)),
        }
    }
}

/// The next 2xx body and its attempt number (from 1). After `failure`, the previous
/// attempt's (its body refused: an error `RetCode`, or one that does not decode), it first
/// renews rejected credentials or waits as the retry policy says, or ends the call with
/// the failure's error; failures of the attempts it makes itself are handled the same way.
async fn next_body(
    call: &mut Call<'_>,
    mut failure: Option<Failure>,
    span: &tracing::Span,
) -> Result<(RawResponse, u32)> {
    loop {
        if let Some(failure) = failure.take() {
            if !call.renew_rejected_credentials(&failure) {
                match call.delay(&failure, call.attempts()) {
                    Some(delay) => tokio::time::sleep(delay).await,
                    None => return Err(failure.error),
                }
            }
        }
        match call.attempt(span).await {
            Ok(raw) => return Ok((raw, call.attempts())),
            Err(e) => failure = Some(e),
        }
    }
}

/// A 2xx response body, read in full.
pub(crate) struct RawResponse {
    pub body: Vec<u8>,
    pub request_id: Option<String>,
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

/// A 2xx body that does not parse as JSON: cut short, or something else.
fn malformed(
    action: &str,
    body: &[u8],
    request_id: &Option<String>,
    truncated: bool,
    message: String,
) -> Error {
    Error::MalformedBody {
        action: action.to_owned(),
        truncated,
        message,
        body_excerpt: excerpt(body),
        request_id: request_id.clone(),
    }
}

/// Decodes a 2xx body into the caller's type, if its `RetCode` is 0.
///
/// Most bodies take one pass: the type read strictly from the bytes, with the top-level
/// `RetCode` noted on the way. The others (an error `RetCode`, a body that needs
/// leniency, one that is not JSON) are parsed into a `Value`, checked, and decoded
/// leniently from it.
fn decode_response<Resp: DeserializeOwned>(
    raw: RawResponse,
    action: &str,
    attempts: u32,
) -> Result<Response<Resp>> {
    let RawResponse { body, request_id } = raw;
    let (value, unknown_fields) = match decode::decode_fast::<Resp>(&body) {
        Some(fast) if plain_success(&fast.ret_codes) => (fast.value, fast.unknown_fields),
        _ => {
            let envelope = accept(&body, &request_id, action)?;
            match decode::decode::<Resp>(&envelope) {
                Ok(decoded) => decoded,
                Err(e) => {
                    let path = e.path().to_owned();
                    return Err(decode_error(action, &body, &request_id, &path, e.message));
                }
            }
        }
    };
    note_unknown_fields(&unknown_fields);
    Ok(Response {
        value,
        request_id,
        attempts,
        unknown_fields,
    })
}

fn note_unknown_fields(unknown_fields: &[String]) {
    if !unknown_fields.is_empty() {
        tracing::debug!(
            ?unknown_fields,
            "the response has fields the SDK does not know"
        );
    }
}

/// One top-level `RetCode`, and it is 0.
fn plain_success(ret_codes: &[Value]) -> bool {
    matches!(ret_codes, [code] if ret_code(code) == Some(0))
}

/// Parses the body and checks `RetCode`: the body as a `Value` if it is 0.
fn accept(body: &[u8], request_id: &Option<String>, action: &str) -> Result<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let message = "the response body is empty".to_owned();
        return Err(malformed(action, body, request_id, true, message));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        let truncated = e.classify() == serde_json::error::Category::Eof;
        malformed(action, body, request_id, truncated, e.to_string())
    })?;
    let fail = |path: &str, message: &str| {
        decode_error(action, body, request_id, path, message.to_owned())
    };
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
            request_id: request_id.clone(),
        });
    }
    Ok(value)
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
    decode_response(raw, action, 1)
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

    fn target(common: u8) -> Target<'static> {
        Target {
            product: "p",
            name: "CreateX",
            common,
            read_only: false,
        }
    }

    fn prepared(params: Params, common: u8, options: &CallOptions) -> Result<Params> {
        prepare(params, &target(common), &config(), options)
    }

    /// The parameters are rewritten only when one must go; either way the request's own
    /// common parameters are reported, and nothing else is touched.
    #[test]
    fn runtime_names_are_dropped_only_when_present() {
        let mut kept = params(&[("Limit", "10"), ("Region", "cn-bj2"), ("Pages", "")]);
        assert_eq!(drop_runtime_names(&mut kept), [true, false, false]);
        assert_eq!(
            names(&kept),
            vec![("Limit", "10"), ("Region", "cn-bj2"), ("Pages", "")]
        );
        let mut dropped = params(&[
            ("PublicKey", "forged"),
            ("Zone", ""),
            ("ProjectId", "org-1"),
            ("Action", "Other"),
            ("Limit", "10"),
        ]);
        assert_eq!(drop_runtime_names(&mut dropped), [false, false, true]);
        assert_eq!(
            names(&dropped),
            vec![("ProjectId", "org-1"), ("Limit", "10")]
        );
    }

    #[test]
    fn fills_common_parameters_and_sorts() {
        let config = Config::builder()
            .credentials(Credentials::new("pub", "priv").with_security_token("tok"))
            .region("cn-bj2")
            .zone("cn-bj2-05")
            .build()
            .unwrap();
        let params = params(&[
            ("Region", ""),
            ("Zone", "z-explicit"),
            ("Signature", "forged"),
            ("Limit", "10"),
        ]);
        let target = target(Action::REGION | Action::ZONE);
        let out = prepare(params, &target, &config, &CallOptions::new()).unwrap();
        assert_eq!(
            names(&out),
            vec![
                ("Action", "CreateX"),
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

    /// The one rule: on every action, whatever its page lists, the request's value wins,
    /// then the call's options, then the configuration.
    #[test]
    fn common_parameters_are_filled_on_every_action() {
        let options = CallOptions::new().zone("z-option").project_id("org-option");
        for common in [0, Action::REGION | Action::ZONE | Action::PROJECT_ID] {
            let out = prepared(params(&[("ProjectId", "org-request")]), common, &options);
            let out = out.unwrap();
            assert_eq!(out.get("Region"), Some("cn-bj2"), "configured");
            assert_eq!(out.get("Zone"), Some("z-option"), "the option");
            assert_eq!(
                out.get("ProjectId"),
                Some("org-request"),
                "the request's own"
            );
        }
        // Nothing configured: nothing sent.
        let out = prepared(Params::default(), 0, &CallOptions::new()).unwrap();
        assert!(out
            .iter()
            .all(|p| p.name != "Zone" && p.name != "ProjectId"));
        // An empty option is as good as none.
        let out = prepared(Params::default(), 0, &CallOptions::new().region("")).unwrap();
        assert_eq!(out.get("Region"), Some("cn-bj2"));
    }

    #[test]
    fn required_common_parameter_missing_is_a_config_error() {
        let common = Action::ZONE | Action::ZONE_REQUIRED;
        let err = prepared(Params::default(), common, &CallOptions::new()).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        let msg = err.to_string();
        assert!(msg.contains("CreateX") && msg.contains("Zone"), "{msg}");
        // The call's options can set it.
        let options = CallOptions::new().zone("z");
        let out = prepared(Params::default(), common, &options).unwrap();
        assert_eq!(out.get("Zone"), Some("z"));
    }

    #[test]
    fn the_generic_target_requires_nothing() {
        // Nor does any name make it read-only: no spec says so.
        let generic = Target::generic("DescribeX");
        assert_eq!((generic.common, generic.read_only), (0, false));
    }

    #[test]
    fn one_pass_accepts_only_plain_successes() {
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
            let fast = decode::decode_fast::<Value>(body.as_bytes());
            assert_eq!(
                fast.is_some_and(|f| plain_success(&f.ret_codes)),
                plain,
                "{body}"
            );
        }
        let decode = |body: &str| decode_body::<Value>(body.as_bytes().to_vec(), "X");
        assert!(matches!(
            decode(r#"{"RetCode":8,"Message":"m"}"#),
            Err(Error::Api { code: 8, .. })
        ));
        assert!(matches!(decode(r#"[0]"#), Err(Error::Decode { .. })));
        assert!(matches!(
            decode(r#"{"RetCode":0,"A":[1,"#),
            Err(Error::MalformedBody {
                truncated: true,
                ..
            })
        ));
        assert!(matches!(
            decode("<html>"),
            Err(Error::MalformedBody {
                truncated: false,
                ..
            })
        ));
        let ok = decode(r#"{"RetCode":0,"A":1}"#).unwrap();
        assert_eq!(ok.value["A"], 1);
        assert_eq!(ok.value["RetCode"], 0, "the whole object, RetCode too");
        assert!(ok.unknown_fields.is_empty());
        // A repeated RetCode: the last one counts, as in the lenient path.
        assert!(matches!(
            decode(r#"{"RetCode":0,"RetCode":171}"#),
            Err(Error::Api { code: 171, .. })
        ));
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
