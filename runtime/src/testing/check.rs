//! What the mock checks in every request, as UCloud would: the signature and the key, and
//! the parameters the action's documentation requires.

use std::collections::BTreeSet;

use crate::{sign, Credentials};

/// Why the request's signature would not verify, if it would not.
pub(super) fn signature(form: &[(&str, &str)], credentials: &Credentials) -> Option<String> {
    let param = |name: &str| form.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let public_key = credentials.public_key();
    match param("PublicKey") {
        None => return Some("PublicKey is missing".to_owned()),
        Some(sent) if sent != public_key => {
            return Some(format!(
                "PublicKey {sent:?} is not the mock's ({public_key:?}): build the client's \
                 configuration from Mock::config(), or give the mock the client's key pair \
                 with Mock::with_credentials"
            ))
        }
        Some(_) => {}
    }
    let token = credentials.security_token().map(|t| t.expose());
    if param("SecurityToken") != token {
        return Some(match token {
            Some(_) => "SecurityToken is missing or is not the mock's".to_owned(),
            None => "SecurityToken is sent, but the mock's credentials have none".to_owned(),
        });
    }
    let expected = sign::signature(form.iter().copied(), credentials.private_key().expose());
    match param("Signature") {
        None => Some("Signature is missing".to_owned()),
        Some(sent) if sent != expected => Some(format!(
            "the signature does not verify with the private key of PublicKey {public_key:?}"
        )),
        Some(_) => None,
    }
}

/// A required parameter the request leaves out, and why it is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Missing {
    /// The parameter, with list indexes filled in: `Disks.1.IsBoot`.
    pub name: String,
    /// Sent, but with an empty value.
    pub empty: bool,
    /// The entry of the description that requires it: `Disks.N.IsBoot`.
    pub rule: &'static str,
}

impl Missing {
    /// `required parameter Disks.1.IsBoot is missing (required in every item of Disks)`.
    pub(super) fn describe(&self) -> String {
        let what = if self.empty { "is empty" } else { "is missing" };
        let mut text = format!("required parameter {} {what}", self.name);
        if let Some((parent, _)) = self.rule.rsplit_once('.') {
            match parent.strip_suffix(".N") {
                Some(list) => text.push_str(&format!(" (required in every item of {list})")),
                None => text.push_str(&format!(" (required in every {parent} that is sent)")),
            }
        }
        text
    }
}

/// The parameters of `required` (wire names, `N` for a list index) that `form` lacks.
///
/// A name is sent when a parameter of that name, or below it (`Disks.0.Size` for `Disks`),
/// is. A rule below a list (`Disks.N.IsBoot`) applies to every item that is sent; one
/// below a structure (`NetworkInterface.N.EIP.Bandwidth`) only when the structure is.
pub(super) fn missing(required: &[&'static str], form: &[(&str, &str)]) -> Vec<Missing> {
    let mut out = Vec::new();
    for rule in required {
        let segments: Vec<&str> = rule.split('.').collect();
        walk(rule, String::new(), &segments, form, &mut out);
    }
    out
}

fn walk(
    rule: &'static str,
    prefix: String,
    segments: &[&str],
    form: &[(&str, &str)],
    out: &mut Vec<Missing>,
) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    if *first == "N" {
        for index in indexes(&prefix, form) {
            walk(rule, format!("{prefix}.{index}"), rest, form, out);
        }
        return;
    }
    let name = if prefix.is_empty() {
        (*first).to_owned()
    } else {
        format!("{prefix}.{first}")
    };
    match sent(&name, form) {
        Sent::Value | Sent::Below if !rest.is_empty() => walk(rule, name, rest, form, out),
        Sent::Value | Sent::Below => {}
        Sent::Empty if rest.is_empty() => out.push(Missing {
            name,
            empty: true,
            rule,
        }),
        Sent::No if rest.is_empty() => out.push(Missing {
            name,
            empty: false,
            rule,
        }),
        // A structure or list that is not sent requires nothing below it.
        Sent::Empty | Sent::No => {}
    }
}

enum Sent {
    /// `name` itself, with a value.
    Value,
    /// Parameters below `name` (`name.0`, `name.Field`).
    Below,
    /// `name` itself, empty, and nothing below it.
    Empty,
    No,
}

fn sent(name: &str, form: &[(&str, &str)]) -> Sent {
    let mut empty = false;
    for (n, value) in form {
        if *n == name {
            if !value.is_empty() {
                return Sent::Value;
            }
            empty = true;
        } else if n.strip_prefix(name).is_some_and(|r| r.starts_with('.')) {
            return Sent::Below;
        }
    }
    if empty {
        Sent::Empty
    } else {
        Sent::No
    }
}

/// The list indexes sent below `list`: `3` for `Disks.3.Size` under `Disks`.
fn indexes(list: &str, form: &[(&str, &str)]) -> BTreeSet<u64> {
    form.iter()
        .filter_map(|(name, _)| {
            let rest = name.strip_prefix(list)?.strip_prefix('.')?;
            let index = rest.split('.').next()?;
            index.parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(missing: &[Missing]) -> Vec<String> {
        missing.iter().map(Missing::describe).collect()
    }

    const CREATE: &[&str] = &[
        "ImageId",
        "Disks",
        "Disks.N.IsBoot",
        "Disks.N.Size",
        "NetworkInterface.N.EIP.Bandwidth",
    ];

    #[test]
    fn required_names_lists_and_items() {
        let complete = [
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Size", "20"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Size", "100"),
            ("ImageId", "uimage-1"),
            ("NetworkInterface.0.EIP.Bandwidth", "2"),
        ];
        assert_eq!(missing(CREATE, &complete), []);
        // The structure below the list item is optional: without it, nothing below it
        // is required.
        assert_eq!(missing(CREATE, &complete[..5]), []);

        let form = [
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Size", "20"),
            ("Disks.10.Size", "100"),
            ("ImageId", ""),
            ("NetworkInterface.0.EIP.PayMode", "Traffic"),
        ];
        assert_eq!(
            names(&missing(CREATE, &form)),
            [
                "required parameter ImageId is empty",
                "required parameter Disks.10.IsBoot is missing (required in every item of Disks)",
                "required parameter NetworkInterface.0.EIP.Bandwidth is missing (required in \
                 every NetworkInterface.N.EIP that is sent)",
            ]
        );
        assert_eq!(
            names(&missing(CREATE, &[])),
            [
                "required parameter ImageId is missing",
                "required parameter Disks is missing"
            ]
        );
    }

    #[test]
    fn a_prefix_is_not_a_parameter() {
        // `ImageIds` is not `ImageId`, `Disks2.0` is not an item of `Disks`.
        let form = [("ImageIds.0", "x"), ("Disks2.0.IsBoot", "True")];
        assert_eq!(
            names(&missing(&["ImageId", "Disks.N.IsBoot"], &form)),
            ["required parameter ImageId is missing"]
        );
        // A list of values: `UHostIds.0`, with nothing below the index.
        assert_eq!(missing(&["UHostIds"], &[("UHostIds.0", "uhost-1")]), []);
    }

    #[test]
    fn signatures_and_keys() {
        let credentials = Credentials::new("pub", "priv");
        let mut form = vec![("Action", "X"), ("PublicKey", "pub"), ("Limit", "10")];
        let good = sign::signature(form.iter().copied(), "priv");
        form.push(("Signature", &good));
        assert_eq!(signature(&form, &credentials), None);

        let other = Credentials::new("pub", "other-private-key");
        let error = signature(&form, &other).unwrap();
        assert!(error.contains("does not verify"), "{error}");

        let other = Credentials::new("someone-else", "priv");
        let error = signature(&form, &other).unwrap();
        assert!(error.contains("Mock::config()"), "{error}");

        let with_token = credentials.clone().with_security_token("tok");
        let error = signature(&form, &with_token).unwrap();
        assert!(error.contains("SecurityToken"), "{error}");

        form.pop();
        assert_eq!(
            signature(&form, &credentials).as_deref(),
            Some("Signature is missing")
        );
    }
}
