//! The client's encode, sign and decode steps without network, for `cargo xtask bench`.
//! Behind the `bench` feature; not part of the stable API.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The parameters the client signs for `req` sent as `action` with `config`: encoded,
/// `Region`/`Zone`/`ProjectId` filled in from `config`, `Action`, `PublicKey` and
/// `SecurityToken` added, sorted by name. No network; for benchmarks.
pub fn prepare_request<T: Serialize + ?Sized>(
    req: &T,
    action: &crate::Action,
    config: &crate::Config,
) -> crate::Result<Vec<(String, String)>> {
    let params = crate::encode::to_params(req).map_err(|e| crate::Error::Encode {
        action: action.name.to_owned(),
        message: e.0,
    })?;
    let params = crate::call::prepare(params, &crate::call::Target::of(action), config)?;
    Ok(params.into_iter().map(|p| (p.name, p.value)).collect())
}

/// The signature the client computes over prepared parameters.
pub fn sign(params: &[(String, String)], private_key: &str) -> String {
    crate::sign::signature(
        params.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        private_key,
    )
}

/// The exact text [`sign`] hashes with SHA-1 for `params` and `private_key` (names and
/// values in signing order, then the key): the floor the bench compares signing with.
pub fn string_to_sign(params: &[(String, String)], private_key: &str) -> String {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    sorted.sort_unstable();
    let mut text = String::new();
    for (name, value) in sorted {
        text.push_str(name);
        text.push_str(value);
    }
    text.push_str(private_key);
    text
}

/// [`prepare_request`] then [`sign`], with `Signature` appended: the form the client
/// posts for `req` (before URL encoding). No network; for benchmarks.
pub fn signed_request<T: Serialize + ?Sized>(
    req: &T,
    action: &crate::Action,
    config: &crate::Config,
) -> crate::Result<Vec<(String, String)>> {
    let mut params = prepare_request(req, action, config)?;
    let signature = sign(&params, config.credentials().private_key().expose());
    params.push(("Signature".to_owned(), signature));
    Ok(params)
}

/// What the client does with a successful HTTP response's body: checks `RetCode` and
/// decodes it leniently into `T`. For benchmarks.
pub fn decode_body<T: DeserializeOwned>(body: Vec<u8>, action: &str) -> crate::Result<T> {
    crate::call::decode_body::<T>(body, action).map(|r| r.value)
}
