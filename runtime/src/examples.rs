//! Checks of UCloud's documented examples against the generated types: the generated
//! example tests of `ucloud-sdk` call these, one test per page example.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use base64::Engine as _;

use crate::encode::EncodeError;
use crate::model::{Model, Slot};
use crate::{Request, Secret};

mod forms;

pub use forms::{
    assert_typed_is_generic, send_typed, LocalFuture, TypedCase, PROJECT_ID, REGION, ZONE,
};

/// Decodes `json` like the client does and returns the paths of fields present in the
/// JSON that `T` does not know (ignoring `RetCode`, `Action` and `Message` at the top).
pub fn check_response<T: DeserializeOwned>(json: &str) -> Result<Vec<String>, String> {
    decode_with_unknown::<T>(json).map(|(_, unknown)| unknown)
}

/// Decodes `json` like the client does (tolerantly; unknown fields are skipped).
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    decode_with_unknown(json).map(|(value, _)| value)
}

// The helpers generic over the type checked keep their generic part to a call or two, and
// without closures: the example tests instantiate them for each of ~1,800 types.
fn decode_with_unknown<T: DeserializeOwned>(json: &str) -> Result<(T, Vec<String>), String> {
    match crate::decode::decode::<T>(&parse(json)?) {
        Ok(decoded) => Ok(decoded),
        Err(e) => Err(e.to_string()),
    }
}

fn parse(json: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))
}

/// Fails unless `json` decodes into `T` with every field known, and `T` serialises back
/// to `expected`: the check the generated example tests run on each page's response
/// example. `expected` is the example as the SDK writes it back (the generator derives it
/// from the example and the page's types): the example itself, without `RetCode`, `Action`
/// and `Message`, nulls and empty lists, and with the values the tolerant decoding reads
/// (`"7"` for an integer field) in their typed form.
///
/// # Panics
///
/// When the example does not decode, has fields `T` does not know, or serialises to other
/// JSON than `expected`.
pub fn assert_response_example<T: DeserializeOwned + Serialize>(json: &str, expected: &str) {
    let (value, unknown) = match decode_with_unknown::<T>(json) {
        Ok(decoded) => decoded,
        Err(e) => panic!("the example does not decode: {e}"),
    };
    check_written_back(unknown, serde_json::to_value(&value), expected);
}

fn check_written_back(unknown: Vec<String>, written: serde_json::Result<Value>, expected: &str) {
    assert!(
        unknown.is_empty(),
        "fields the type does not know: {unknown:?}"
    );
    let written = written.expect("a response serialises to JSON");
    let expected: Value = serde_json::from_str(expected).expect("the expected JSON parses");
    assert_eq!(
        written, expected,
        "the decoded example does not serialise back to the example"
    );
}

/// Fails unless `req` encodes to exactly `expected` (sorted by name), and the request read
/// back from those parameters, as wire-shaped JSON (`Disks.0.Size=40` is
/// `{"Disks": [{"Size": "40"}]}`), encodes to them too: the check the generated example
/// tests run on each page's request example. Each encoding is done both ways the client
/// can (from the request's field table, and through `Serialize`), and the two must agree.
///
/// # Panics
///
/// When the encoded parameters differ from `expected`, or the request cannot be read back.
pub fn assert_request_example<T: Request + DeserializeOwned>(req: &T, expected: &[(&str, &str)]) {
    let expected = owned(expected);
    assert_eq!(encode_request(req), expected);
    let wire = wire_json(&expected);
    let back: T = match crate::decode::decode::<T>(&wire) {
        Ok((back, _)) => back,
        Err(e) => panic!("the request does not read back from {wire}: {e}"),
    };
    assert_eq!(encode_request(&back), expected, "read back from {wire}");
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Form parameters as the nested JSON they flatten from: `A.0.B=x` → `{"A": [{"B": "x"}]}`.
/// Values stay strings; the tolerant decoder reads them as the fields' types.
pub fn wire_json(params: &[(String, String)]) -> Value {
    let mut root = Value::Object(Map::new());
    for (name, value) in params {
        let mut at = &mut root;
        let segments: Vec<&str> = name.split('.').collect();
        for (i, seg) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let next_is_index = segments
                .get(i + 1)
                .is_some_and(|s| s.parse::<usize>().is_ok());
            let fresh = || {
                if next_is_index {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Map::new())
                }
            };
            at = match (at, seg.parse::<usize>()) {
                (Value::Array(items), Ok(index)) => {
                    while items.len() <= index {
                        items.push(Value::Null);
                    }
                    let slot = &mut items[index];
                    if slot.is_null() && !last {
                        *slot = fresh();
                    }
                    slot
                }
                (Value::Object(map), _) => {
                    let slot = map.entry(seg.to_string()).or_insert_with(|| {
                        if last {
                            Value::Null
                        } else {
                            fresh()
                        }
                    });
                    slot
                }
                // A name used both as a value and a group: keep the first.
                (other, _) => other,
            };
            if last && at.is_null() {
                *at = Value::String(value.clone());
            }
        }
    }
    root
}

/// Fails unless a secret in the field named `wire` of `T` never shows: not in `Debug`, and
/// redacted in the parameters as logged, whether encoded from the field table or through
/// `Serialize`, in plain text or base64. The check the generated secret tests run on every
/// field the documentation makes a secret.
///
/// # Panics
///
/// When `T` has no secret field named `wire`, or the secret shows anywhere.
pub fn assert_secret_redacted<T: Model + Serialize + std::fmt::Debug>(wire: &str) {
    const CANARY: &str = "canary-Secret-value";
    let mut value = T::blank();
    let secret = Secret::new(CANARY);
    match (&mut value as &mut dyn Model).slot(wire) {
        Slot::Secret(s) | Slot::Base64Secret(s) => *s = secret,
        Slot::OptSecret(s) | Slot::OptBase64Secret(s) => *s = Some(secret),
        Slot::Secrets(list) => list.push(secret),
        _ => panic!("{} has no secret field {wire}", std::any::type_name::<T>()),
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(CANARY);
    let shows = |text: &str| text.contains(CANARY) || text.contains(&encoded);
    let debug = format!("{value:?}");
    assert!(!shows(&debug), "Debug shows the secret {wire}: {debug}");
    assert!(
        debug.contains("***"),
        "Debug shows no redacted value: {debug}"
    );
    // A blank request leaves its required lists empty: the secret is what is checked here.
    let by_table = crate::encode::model_params(&value).map(|e| e.params);
    let by_serde = crate::encode::to_params(&value);
    for (how, params) in [("the field table", by_table), ("Serialize", by_serde)] {
        let params = params.unwrap_or_else(|e| panic!("cannot encode through {how}: {e}"));
        let logged = crate::encode::redacted(&params);
        assert!(!shows(&logged), "logged through {how}: {logged}");
        assert!(
            params
                .iter()
                .any(|p| p.sensitive && p.name.starts_with(wire)),
            "{wire} is not marked secret through {how}: {logged}"
        );
    }
}

/// The form parameters `req` encodes to through `Serialize` (without `Action`,
/// `PublicKey`, `Signature` or defaults), sorted by name. The client encodes generated
/// requests from their field table instead; [`assert_request_example`] checks the two agree.
///
/// # Panics
///
/// If `req` cannot be encoded (the client returns [`Error::Encode`](crate::Error::Encode) then).
pub fn encode<T: Serialize + ?Sized>(req: &T) -> Vec<(String, String)> {
    without_sensitivity(sorted(crate::encode::to_params(req)))
}

/// The form parameters the client sends for `req`, sorted by name, after checking that
/// encoding it from its field table and through `Serialize` give the same parameters (and
/// redact the same ones in logs).
fn encode_request<T: Request + ?Sized>(req: &T) -> Vec<(String, String)> {
    agreed(
        crate::encode::request_params(req),
        crate::encode::to_params(req),
    )
}

/// The parameters encoded from the field table, once checked against those encoded
/// through `Serialize`.
fn agreed(
    by_table: crate::Result<crate::encode::Params>,
    by_serde: Result<crate::encode::Params, EncodeError>,
) -> Vec<(String, String)> {
    let by_table = sorted(by_table.map_err(|e| EncodeError(e.to_string())));
    let by_serde = sorted(by_serde);
    assert_eq!(
        by_table, by_serde,
        "the field table and Serialize encode the request differently"
    );
    without_sensitivity(by_table)
}

/// Name, value and whether the value is redacted in logs, sorted by name.
fn sorted(
    params: Result<crate::encode::Params, crate::encode::EncodeError>,
) -> Vec<(String, String, bool)> {
    let mut params = params.unwrap_or_else(|e| panic!("cannot encode the request: {e}"));
    params.sort();
    params
        .iter()
        .map(|p| (p.name.to_owned(), p.value.to_owned(), p.sensitive))
        .collect()
}

fn without_sensitivity(params: Vec<(String, String, bool)>) -> Vec<(String, String)> {
    params
        .into_iter()
        .map(|(name, value, _sensitive)| (name, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_json_nests_lists_and_groups() {
        let params: Vec<(String, String)> = [
            ("Disks.0.Size", "40"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Disks.1.Size", "20"),
            ("Name", "web"),
            ("NetworkInterface.0.EIP.Bandwidth", "2"),
            ("Tags.0", "a"),
            ("Tags.1", "b"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            wire_json(&params),
            json!({
                "Disks": [{"Size": "40", "Type": "CLOUD_SSD"}, {"Size": "20"}],
                "Name": "web",
                "NetworkInterface": [{"EIP": {"Bandwidth": "2"}}],
                "Tags": ["a", "b"]
            })
        );
    }
}
