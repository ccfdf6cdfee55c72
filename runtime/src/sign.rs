//! UCloud request signature.
//!
//! Sort the parameters by name (byte order), concatenate every name and value without
//! any escaping, append the private key, and take the hex SHA-1 of the result. The
//! signature covers exactly the values that are sent, including `PublicKey` and, for STS
//! credentials, `SecurityToken`; the `Signature` parameter itself is excluded.

use sha1::{Digest, Sha1};

use crate::encode::Params;

/// Signs `params` (in any order) with `private_key`.
pub fn signature<'a, I>(params: I, private_key: &str) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut sorted: Vec<(&str, &str)> = params
        .into_iter()
        .filter(|(name, _)| *name != "Signature")
        .collect();
    sorted.sort_unstable();
    let mut hasher = Sha1::new();
    for (name, value) in sorted {
        hasher.update(name.as_bytes());
        hasher.update(value.as_bytes());
    }
    hasher.update(private_key.as_bytes());
    hex(hasher.finalize().as_ref())
}

/// [`signature`] of encoded parameters, sorted by name: hashed from their buffer, where
/// each name is followed by its value. (With a repeated name, whose values order the text
/// too, it falls back to [`signature`].)
///
/// The pieces are copied into one text and hashed at once: SHA-1 fed a piece at a time
/// runs its block function once more per piece, which costs more than the copy. The
/// private key is hashed from where it is, not copied into that text.
pub(crate) fn params_signature(params: &Params, private_key: &str) -> String {
    if !params.sorted_and_unique() {
        return signature(params.iter().map(|p| (p.name, p.value)), private_key);
    }
    let mut text = Vec::with_capacity(params.text_len());
    for piece in params.signed_text() {
        text.extend_from_slice(piece);
    }
    let mut hasher = Sha1::new();
    hasher.update(&text);
    hasher.update(private_key.as_bytes());
    hex(&hasher.finalize())
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC_KEY: &str = "ucloudsomeone@example.com1296235120854146120";
    const PRIVATE_KEY: &str = "46f09bb9fab4f12dfc160dae12273d5332b5debe";

    fn sign(params: &[(&str, &str)]) -> String {
        signature(params.iter().copied(), PRIVATE_KEY)
    }

    #[test]
    fn documented_example() {
        let params = [
            ("Action", "DescribeUHostInstance"),
            ("Region", "cn-bj2"),
            ("Limit", "10"),
            ("PublicKey", PUBLIC_KEY),
        ];
        assert_eq!(sign(&params), "cba5cf5ec4d4233d206b1b54951e3787350a642f");
    }

    fn create_uhost() -> Vec<(&'static str, &'static str)> {
        vec![
            ("Action", "CreateUHostInstance"),
            ("CPU", "2"),
            ("ChargeType", "Month"),
            ("DiskSpace", "10"),
            ("ImageId", "f43736e1-65a5-4bea-ad2e-8a46e18883c2"),
            ("LoginMode", "Password"),
            ("Memory", "2048"),
            ("Name", "Host01"),
            ("Password", "VUNsb3VkLmNu"),
            ("Quantity", "1"),
            ("Region", "cn-bj2"),
            ("Zone", "cn-bj2-04"),
            ("PublicKey", PUBLIC_KEY),
        ]
    }

    #[test]
    fn create_uhost_instance() {
        assert_eq!(
            sign(&create_uhost()),
            "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"
        );
    }

    #[test]
    fn security_token_is_signed() {
        let mut params = create_uhost();
        params.push(("SecurityToken", "some_stoken"));
        assert_eq!(sign(&params), "170c480ad176a247b324eb92a2cfe536aacfbd04");
    }

    #[test]
    fn list_parameters_sort_by_bytes() {
        let names: Vec<String> = (0..12).map(|i| format!("Backends.{i}")).collect();
        let values = ["foo", "bar", "42"];
        let mut params: Vec<(&str, &str)> = vec![
            ("Action", "AllocateBackendBatch"),
            ("PublicKey", PUBLIC_KEY),
        ];
        for (i, name) in names.iter().enumerate() {
            params.push((name, values[i % 3]));
        }
        assert_eq!(sign(&params), "6bc32642779f8cb0bb3d3f128b1c0688abf9a1a3");
    }

    /// The fast path over encoded parameters gives the documented signatures, also with a
    /// repeated name (which falls back to the general path).
    #[test]
    fn encoded_parameters_sign_the_same() {
        let sorted = |pairs: &[(&str, &str)]| {
            let mut params = Params::default();
            for (name, value) in pairs {
                params.push(name, value, false);
            }
            params.sort();
            params
        };
        let params = sorted(&create_uhost());
        assert!(params.sorted_and_unique());
        assert_eq!(
            params_signature(&params, PRIVATE_KEY),
            "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"
        );
        let mut pairs = create_uhost();
        pairs.push(("Name", "Host00"));
        let params = sorted(&pairs);
        assert!(!params.sorted_and_unique());
        assert_eq!(params_signature(&params, PRIVATE_KEY), sign(&pairs));
        assert_eq!(hex(&[0x00, 0x9f, 0xff]), "009fff");
    }

    #[test]
    fn order_of_input_does_not_matter_and_signature_is_excluded() {
        let mut params = create_uhost();
        let expected = sign(&params);
        params.reverse();
        params.push(("Signature", "whatever"));
        assert_eq!(sign(&params), expected);
    }
}
