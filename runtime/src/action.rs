//! [`Action`]: the static description of one API action that generated code hands to
//! the runtime; [`Request`], the trait that ties a typed request to its action and
//! response; and the rule that decides whether an action is read-only.

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
pub struct Action {
    /// Product the action belongs to, e.g. `"uhub"` (used in the `User-Agent`).
    pub product: &'static str,
    /// Action name sent as the `Action` parameter, e.g. `"GetRepoImage"`.
    pub name: &'static str,
    /// Common parameter flags ([`Action::REGION`], [`Action::ZONE_REQUIRED`], ...).
    pub common: u8,
    /// Whether the action only reads state, when the description says so (generated
    /// actions do, from the SDK's spec); `None` judges by the name (see [`is_read_only`]).
    pub read_only: Option<bool>,
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

    /// Describes an action; whether it is read-only is judged by its name (see
    /// [`is_read_only`]) unless [`with_read_only`](Action::with_read_only) says.
    pub const fn new(product: &'static str, name: &'static str, common: u8) -> Self {
        Action {
            product,
            name,
            common,
            read_only: None,
        }
    }

    /// The action, saying whether it only reads state (and so is safe to retry).
    pub const fn with_read_only(mut self, read_only: bool) -> Self {
        self.read_only = Some(read_only);
        self
    }

    /// Whether the action only reads state: as described, or else by its name (see
    /// [`is_read_only`]). Read-only actions are retried on transient errors; others only
    /// when the caller opts in.
    pub fn is_read_only(&self) -> bool {
        self.read_only.unwrap_or_else(|| is_read_only(self.name))
    }
}

/// Name prefixes of actions that only read state. See [`is_read_only`].
pub const READ_ONLY_PREFIXES: &[&str] = &[
    "Describe", "Get", "List", "Query", "Check", "Search", "Inquire", "Stat", "Fetch",
];

/// Whether an action only reads state, judged by its name: the rule for actions the
/// generated SDK does not describe ([`Client::call`](crate::Client::call), hand-written
/// [`Action`]s); the generated ones carry the spec's judgement.
///
/// An action is read-only iff its name starts with one of [`READ_ONLY_PREFIXES`]
/// (`Describe`, `Get`, `List`, `Query`, `Check`, `Search`, `Inquire`, `Stat`, `Fetch`)
/// followed by an upper-case letter, a digit or the end of the name; so `GetRepoImage`
/// and `DescribeUHostInstance` are read-only while `Getaway` would not be. Every other
/// action (`Create…`, `Delete…`, `Allocate…`, `Download…`, `Verify…`, …) is treated as
/// mutating and is not retried unless the caller opts in
/// ([`CallOptions::retry_mutating`](crate::CallOptions::retry_mutating) or
/// [`RetryPolicy::retry_mutating`](crate::RetryPolicy::retry_mutating)).
pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|prefix| {
        action.strip_prefix(prefix).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_classification() {
        for name in [
            "DescribeUHostInstance",
            "GetRepoImage",
            "ListUHubRepo",
            "QueryPayInfo",
            "CheckUDTSTask",
            "StatWafQPSTrend",
            "FetchUDBInstanceEarliestRecoverTime",
            "Get",
        ] {
            assert!(is_read_only(name), "{name} should be read-only");
        }
        for name in [
            "CreateUHostInstance",
            "AllocateBackendBatch",
            "DeleteRepo",
            "Getaway",
            "Statement",
            "DownloadCertificate",
            "",
        ] {
            assert!(!is_read_only(name), "{name} should be mutating");
        }
    }
}
