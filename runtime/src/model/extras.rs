//! Extra parameters: what a typed request sends besides its documented fields, for a
//! parameter the API takes that the page does not list.
//!
//! A generated request holds an [`Extras`] (the `request` marker of
//! [`model!`](crate::model!) says so), and [`ExtraParams`] gives every such request
//! `.extra(name, value)` and `.extra_secret(name, value)`. Names are flattened wire names
//! (`DeploymentId`, `Disks.0.Type`). The client checks them when it encodes the request
//! ([`check`]): a name the request documents, or one the protocol reserves, is refused with
//! [`Error::InvalidRequest`](crate::Error::InvalidRequest) naming it, so an extra parameter
//! never shadows a field or the signature.

use std::fmt;

use super::{Model, Slot};
use crate::Secret;

/// The parameters the runtime sets itself: an extra parameter may not name them.
const PROTOCOL: [&str; 4] = ["Action", "PublicKey", "Signature", "SecurityToken"];

/// A typed request's extra parameters, in the order they were added (one per name).
#[derive(Clone, Default, PartialEq)]
pub struct Extras {
    items: Vec<(String, Value)>,
}

#[derive(Clone, PartialEq)]
enum Value {
    Plain(String),
    Secret(Secret),
}

impl Extras {
    /// No extra parameter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets parameter `name` to `value` (replacing an earlier value of that name).
    pub fn set(&mut self, name: String, value: String) {
        self.put(name, Value::Plain(value));
    }

    /// Sets parameter `name` to a secret `value`: sent as is, redacted in `Debug` and logs.
    pub fn set_secret(&mut self, name: String, value: Secret) {
        self.put(name, Value::Secret(value));
    }

    fn put(&mut self, name: String, value: Value) {
        match self.items.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => *v = value,
            None => self.items.push((name, value)),
        }
    }

    /// No extra parameter is set.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of extra parameters.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Each parameter's name, value and whether the value is a secret, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, bool)> + '_ {
        self.items.iter().map(|(name, value)| match value {
            Value::Plain(v) => (name.as_str(), v.as_str(), false),
            Value::Secret(s) => (name.as_str(), s.expose(), true),
        })
    }
}

/// `{"DeploymentId": "x", "Token": Secret(***)}`.
impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.items {
            match value {
                Value::Plain(v) => map.entry(name, v),
                Value::Secret(s) => map.entry(name, s),
            };
        }
        map.finish()
    }
}

/// `.extra(name, value)` and `.extra_secret(name, value)` on every generated request
/// (which [`model!`](crate::model!) implements it for): parameters the request sends
/// besides its fields, for one the API takes that its page does not list.
///
/// ```
/// # use ucloud_sdk_runtime::{ExtraParams, Extras};
/// # #[derive(Default)] struct DeleteThingRequest { extras: Extras }
/// # impl ExtraParams for DeleteThingRequest {
/// #     fn extras(&self) -> &Extras { &self.extras }
/// #     fn extras_mut(&mut self) -> &mut Extras { &mut self.extras }
/// # }
/// let req = DeleteThingRequest::default()
///     .extra("DeploymentId", "deploy-1")
///     .extra("Disks.0.Encrypted", "true")
///     .extra_secret("Token", "s3cret");
/// assert_eq!(req.extras().len(), 3);
/// ```
///
/// Names are flattened wire names (`Disks.0.Type`); values are sent as given (base64-encode
/// one the API wants encoded). Setting a name again replaces its value. The client refuses,
/// with [`Error::InvalidRequest`](crate::Error::InvalidRequest) naming the parameter, a name
/// that is empty, that the request documents (set the field instead), or that the protocol
/// reserves (`Action`, `PublicKey`, `Signature`, `SecurityToken`). `Region`, `Zone` and
/// `ProjectId` are allowed where the request does not document them. Extra parameters are
/// signed like the others, and shown in `Debug`, secret ones as `Secret(***)`.
pub trait ExtraParams {
    /// The request's extra parameters.
    fn extras(&self) -> &Extras;
    /// The request's extra parameters, to change.
    fn extras_mut(&mut self) -> &mut Extras;

    /// The request, also sending parameter `name` (a flattened wire name) as `value`.
    fn extra(mut self, name: impl Into<String>, value: impl Into<String>) -> Self
    where
        Self: Sized,
    {
        self.extras_mut().set(name.into(), value.into());
        self
    }

    /// The request, also sending parameter `name` as the secret `value` (redacted in
    /// `Debug` and logs).
    fn extra_secret(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self
    where
        Self: Sized,
    {
        self.extras_mut().set_secret(name.into(), value.into());
        self
    }
}

/// Why an extra parameter of `request` cannot be sent: `(name, reason)`.
pub(crate) fn check(request: &dyn Model, extras: &Extras) -> Result<(), (String, String)> {
    for (name, _, _) in extras.iter() {
        if name.is_empty() {
            return Err((String::new(), "an extra parameter needs a name".into()));
        }
        if PROTOCOL.contains(&name) {
            let reason = "the client sets this parameter itself".to_owned();
            return Err((name.to_owned(), reason));
        }
        if let Some(field) = documented(request, name) {
            let reason = format!(
                "{} documents it as {field}: set the field instead of an extra parameter",
                request.type_name()
            );
            return Err((name.to_owned(), reason));
        }
    }
    Ok(())
}

/// The documented field that `name` (`Disks.0.Type`) is, or is within, in `request`'s
/// field tables: `Some("Disks.N.Type")`. `None` when a segment names nothing the tables
/// list (a parameter of the request's own, or of one of its groups, that the page omits).
fn documented(request: &dyn Model, name: &str) -> Option<String> {
    let mut blank = request.blank_dyn()?;
    let mut at: &mut dyn Model = &mut *blank;
    let mut path: Vec<&str> = Vec::new();
    let mut segments = name.split('.');
    while let Some(segment) = segments.next() {
        path.push(segment);
        // A group's slot hands out a fresh item to look into; a value's ends the walk.
        let here = at;
        at = match here.slot(segment) {
            Slot::Unknown => return None,
            Slot::Model(m) => m,
            Slot::OptModel(m) => m.insert_blank(),
            Slot::Models(list) => match segments.next() {
                Some(index) => {
                    path.push(if index.parse::<usize>().is_ok() {
                        "N"
                    } else {
                        index
                    });
                    list.push_blank()
                }
                None => return Some(path.join(".")),
            },
            _ => return Some(path.join(".")),
        };
    }
    Some(path.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_replace_by_name_and_redact_secrets() {
        let mut extras = Extras::new();
        extras.set("DeploymentId".into(), "a".into());
        extras.set_secret("Token".into(), Secret::new("s3cret"));
        extras.set("DeploymentId".into(), "b".into());
        let listed: Vec<_> = extras.iter().collect();
        assert_eq!(
            listed,
            [("DeploymentId", "b", false), ("Token", "s3cret", true)]
        );
        let shown = format!("{extras:?}");
        assert_eq!(shown, r#"{"DeploymentId": "b", "Token": Secret(***)}"#);
    }
}
