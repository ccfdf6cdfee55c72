//! UCloud's request signature as an OpenAPI security scheme. OpenAPI has no type for a
//! signature computed over the form, so the scheme is an `apiKey` naming `PublicKey`, and the
//! signature is written out in `x-ucloud-signature` (as `runtime/src/sign.rs` computes it and
//! <https://docs.ucloud.cn/api/summary/signature> documents it, with that page's example).

use serde_json::{json, Value};

/// The scheme's name under `components.securitySchemes`.
pub const NAME: &str = "UCloudSignature";

const DESCRIPTION: &str = "\
UCloud authenticates each call by two more form parameters: `PublicKey` (the key pair's \
public key) and `Signature`, the lower-case hex SHA-1 of every other parameter sent (including \
`Action`, `PublicKey` and, with temporary STS credentials, `SecurityToken`), sorted by name in \
byte order, each name followed by its value with no separator and no escaping, followed by the \
private key. Booleans are `true`/`false`; a float with no fraction is written without one (`42`), \
never in exponent notation. `x-ucloud-signature` spells this out with the documented example.

An `apiKey` scheme can name only a query, header or cookie parameter, so this one says `query`; \
UCloud reads `PublicKey` and `Signature` from the form body like every other parameter. A \
generic client must add both to the form itself (a request hook that signs the form): OpenAPI \
cannot express a signature over the body.";

/// The scheme object.
pub fn scheme() -> Value {
    json!({
        "type": "apiKey",
        "in": "query",
        "name": "PublicKey",
        "description": DESCRIPTION,
        "x-ucloud-signature": {
            "parameter": "Signature",
            "digest": "sha1, lower-case hex",
            "signs": "every parameter sent except Signature, sorted by name (byte order), \
                      each name followed by its value, unescaped, then the private key",
            "alsoSent": {
                "SecurityToken": "with temporary (STS) credentials; signed like the others"
            },
            "docs": "https://docs.ucloud.cn/api/summary/signature",
            "example": {
                "parameters": {
                    "Action": "DescribeUHostInstance",
                    "Limit": "10",
                    "PublicKey": "ucloudsomeone@example.com1296235120854146120",
                    "Region": "cn-bj2"
                },
                "privateKey": "46f09bb9fab4f12dfc160dae12273d5332b5debe",
                "signed": "ActionDescribeUHostInstanceLimit10PublicKey\
                           ucloudsomeone@example.com1296235120854146120Regioncn-bj2\
                           46f09bb9fab4f12dfc160dae12273d5332b5debe",
                "signature": "cba5cf5ec4d4233d206b1b54951e3787350a642f"
            }
        }
    })
}

#[cfg(test)]
mod tests {
    /// The example in the scheme is the documented one: its string to sign is the sorted
    /// parameters plus the private key, and the runtime's test checks the same signature.
    #[test]
    fn example_string_to_sign_follows_the_rule() {
        let scheme = super::scheme();
        let example = &scheme["x-ucloud-signature"]["example"];
        let mut signed = String::new();
        for (name, value) in example["parameters"].as_object().unwrap() {
            signed.push_str(name);
            signed.push_str(value.as_str().unwrap());
        }
        signed.push_str(example["privateKey"].as_str().unwrap());
        assert_eq!(example["signed"], signed.as_str());
    }
}
