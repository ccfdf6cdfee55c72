//! The client's encode, sign and decode steps without network, for `cargo xtask bench`.
//! Behind the `bench` feature; not part of the stable API.

use serde::de::DeserializeOwned;

use crate::encode::Params;

/// A request's parameters as the client signs them: encoded, `Region`/`Zone`/`ProjectId`
/// filled in from the configuration, `Action`, `PublicKey` and `SecurityToken` added,
/// sorted by name.
#[derive(Debug, Clone)]
pub struct Prepared(Params);

impl Prepared {
    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parameters as pairs, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|p| (p.name.to_owned(), p.value.to_owned()))
            .collect()
    }
}

/// A prepared request and its signature: what the client posts (before URL encoding).
#[derive(Debug, Clone)]
pub struct Signed {
    /// The parameters signed.
    pub params: Prepared,
    /// The `Signature` parameter.
    pub signature: String,
}

impl Signed {
    /// The parameters as pairs, `Signature` last.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = self.params.pairs();
        pairs.push(("Signature".to_owned(), self.signature.clone()));
        pairs
    }
}

/// The parameters the client signs for `req` sent with `config`, encoded as the client
/// encodes it (from the field table of a generated request). No network.
pub fn prepare_request<R: crate::Request + ?Sized>(
    req: &R,
    config: &crate::Config,
) -> crate::Result<Prepared> {
    let action = &R::ACTION;
    let params = crate::encode::request_params(req)?;
    let options = crate::CallOptions::default();
    let target = crate::call::Target::of(action);
    let params = crate::call::prepare(params, &target, config, &options)?;
    Ok(Prepared(params))
}

/// The signature the client computes over prepared parameters.
pub fn sign(params: &Prepared, private_key: &str) -> String {
    crate::sign::params_signature(&params.0, private_key)
}

/// The exact text [`sign`] hashes with SHA-1 (names and values in signing order, then the
/// key): the floor the bench compares signing with.
pub fn string_to_sign(params: &Prepared, private_key: &str) -> String {
    assert!(
        params.0.sorted_and_unique(),
        "prepared parameters are sorted, and the bench's request repeats no name"
    );
    let mut text: Vec<u8> = params.0.signed_text().flatten().copied().collect();
    text.extend_from_slice(private_key.as_bytes());
    String::from_utf8(text).expect("names and values are strings")
}

/// [`prepare_request`] then [`sign`]: everything the client does before it posts `req`.
/// No network; for benchmarks.
pub fn signed_request<R: crate::Request + ?Sized>(
    req: &R,
    config: &crate::Config,
) -> crate::Result<Signed> {
    let params = prepare_request(req, config)?;
    let credentials = config
        .credentials()
        .ok_or_else(|| crate::Error::config("the bench signs with fixed keys"))?;
    let signature = sign(&params, credentials.private_key().expose());
    Ok(Signed { params, signature })
}

/// What the client does with a successful HTTP response's body: checks `RetCode` and
/// decodes it leniently into `T`. For benchmarks.
pub fn decode_body<T: DeserializeOwned>(body: Vec<u8>, action: &str) -> crate::Result<T> {
    crate::call::decode_body::<T>(body, action).map(|r| r.value)
}
