//! Checks of UCloud's documented examples against the generated types: the generated
//! example tests of `ucloud-sdk` call these, one test per page example.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Decodes `json` like the client does and returns the paths of fields present in the
/// JSON that `T` does not know (ignoring `RetCode`, `Action` and `Message` at the top).
pub fn check_response<T: DeserializeOwned>(json: &str) -> Result<Vec<String>, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))?;
    crate::decode::decode::<T>(&value)
        .map(|(_, unknown)| unknown)
        .map_err(|e| e.to_string())
}

/// Fails unless `json` decodes into `T` with every field known: the check the generated
/// example tests run on each page's response example.
///
/// # Panics
///
/// When the example does not decode or has fields `T` does not know.
pub fn assert_response_example<T: DeserializeOwned>(json: &str) {
    match check_response::<T>(json) {
        Ok(unknown) => assert!(
            unknown.is_empty(),
            "fields the type does not know: {unknown:?}"
        ),
        Err(e) => panic!("the example does not decode: {e}"),
    }
}

/// Fails unless `req` encodes to exactly `expected` (sorted by name): the check the
/// generated example tests run on each page's request example.
///
/// # Panics
///
/// When the encoded parameters differ from `expected`.
pub fn assert_request_example<T: Serialize>(req: &T, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(encode(req), expected);
}

/// The form parameters the client would send for `req` (without `Action`,
/// `PublicKey`, `Signature` or defaults), sorted by name.
///
/// # Panics
///
/// If `req` cannot be encoded (the client returns [`Error::Encode`](crate::Error::Encode) then).
pub fn encode<T: Serialize>(req: &T) -> Vec<(String, String)> {
    let mut params =
        crate::encode::to_params(req).unwrap_or_else(|e| panic!("cannot encode the request: {e}"));
    params.sort();
    params
        .iter()
        .map(|p| (p.name.to_owned(), p.value.to_owned()))
        .collect()
}
