//! [`Action`]: the static description of one API action that generated code hands to
//! the runtime; and [`Request`], the trait that ties a typed request to its action and
//! response. Whether an action only reads state is a fact of its spec, which generated
//! code states; the runtime has no rule of its own (no list of action names or prefixes).

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A typed request: what [`Client::send`](crate::Client::send) needs to call its action.
///
/// Every generated `…Request` type implements it (through [`request!`](crate::request!)), so
/// its action's metadata is `XRequest::ACTION` and any request can be sent with
/// `client.send(&req)`. Implement it for your own types to call an action the generated
/// SDK does not have.
pub trait Request: Serialize {
    /// What the action returns, decoded leniently.
    type Response: DeserializeOwned;
    /// The action this request calls.
    const ACTION: Action;

    /// The request's field table, when it has one: the client then encodes it straight
    /// from the table into form parameters instead of through [`Serialize`] (the same
    /// parameters, in about half the time). Generated requests return `Some(self)`; the
    /// default, `None`, sends your own types through `Serialize`.
    fn as_model(&self) -> Option<&dyn crate::model::Model> {
        None
    }
}

/// One UCloud API action as the generated code describes it.
///
/// `common` is a set of the flag constants below: which of the common parameters
/// `Region`, `Zone` and `ProjectId` the action's documentation lists, and which of them it
/// marks as required. The client fills each of the three on every action, listed or not,
/// when the request leaves it unset (see [`CallOptions::region`](crate::CallOptions::region));
/// a `_REQUIRED` flag makes a call that cannot fill the parameter fail before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Action {
    /// Product the action belongs to, e.g. `"uhub"` (used in the `User-Agent`).
    pub product: &'static str,
    /// Action name sent as the `Action` parameter, e.g. `"GetRepoImage"`.
    pub name: &'static str,
    /// Common parameter flags ([`Action::REGION`], [`Action::ZONE_REQUIRED`], ...).
    pub common: u8,
    /// Whether the action only reads state (generated actions say so from the SDK's spec);
    /// `false` unless [`with_read_only`](Action::with_read_only) says.
    pub read_only: bool,
}

impl Action {
    /// The documentation lists `Region` (a description: the client sends the configured
    /// `Region` on every action).
    pub const REGION: u8 = 1;
    /// `Region` is required.
    pub const REGION_REQUIRED: u8 = 2;
    /// The documentation lists `Zone`.
    pub const ZONE: u8 = 4;
    /// `Zone` is required.
    pub const ZONE_REQUIRED: u8 = 8;
    /// The documentation lists `ProjectId`.
    pub const PROJECT_ID: u8 = 16;
    /// `ProjectId` is required.
    pub const PROJECT_ID_REQUIRED: u8 = 32;

    /// Describes an action, mutating unless [`with_read_only`](Action::with_read_only)
    /// says otherwise.
    pub const fn new(product: &'static str, name: &'static str, common: u8) -> Self {
        Action {
            product,
            name,
            common,
            read_only: false,
        }
    }

    /// The action, saying whether it only reads state (and so is safe to retry).
    pub const fn with_read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// Whether the action only reads state. Read-only actions are retried on transient
    /// errors; others only when the caller opts in
    /// ([`CallOptions::retry_mutating`](crate::CallOptions::retry_mutating) or
    /// [`RetryPolicy::retry_mutating`](crate::RetryPolicy::retry_mutating)).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_is_mutating_unless_described_read_only() {
        // No name decides: a `Describe…` action is mutating until its spec says otherwise.
        let described = Action::new("uhost", "DescribeUHostInstance", 0);
        assert!(!described.is_read_only());
        assert!(described.with_read_only(true).is_read_only());
        assert!(!Action::new("x", "Y", 0)
            .with_read_only(false)
            .is_read_only());
    }
}
