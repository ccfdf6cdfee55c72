//! A mock transport for tests of code that calls UCloud: no network, no server (feature
//! `testing`).
//!
//! A [`Mock`] plays UCloud for one test. A [`Client`](crate::Client) built by
//! [`Mock::client`] sends it every request, and it
//!
//! - **checks each request** as UCloud would, against the description of its action (an
//!   [`ActionInfo`], which `ucloud-sdk` generates for every action from its documentation
//!   page): the action exists, the signature verifies with the mock's key pair, and every
//!   parameter the page marks required is sent (`ImageId`; at least one item of a required
//!   list `Disks`; `Disks.N.IsBoot` in every item of `Disks` that is sent). An empty value
//!   counts as missing. `Region`, `Zone` and `ProjectId` count when the client fills them
//!   from its configuration: the mock sees the request as sent;
//! - **checks what the test expects**: [`Mock::expect`] names an action, optionally the
//!   values of some of its parameters, and the reply;
//! - **records every request** ([`Mock::calls`], [`Mock::actions`]) for assertions;
//! - **answers** with the reply of the first matching expectation: a typed value (anything
//!   `Serialize`, such as a generated `…Response`) or JSON ([`Expectation::returns`]), an
//!   API error ([`Expectation::fails`]), any HTTP answer or transport failure
//!   ([`Reply`]); or, for a call no expectation answers, the response example of the
//!   action's documentation page;
//! - **checks each reply the test gives** as a success (JSON or typed, from `returns`,
//!   `replies` or `replies_with`) against the action's response type, when it knows it (a
//!   [`TypedAction`], as `ucloud-sdk` generates): the reply must decode as the client
//!   will decode it (a value of a wrong type, a required field missing: the JSON path is
//!   named), and hold no key the type does not know, at any depth (`UhostSet`,
//!   `UHostSet.0.Stat`), with the key likely meant (`did you mean UHostSet?`: equal
//!   ignoring case, or within two edits) or the keys known there. The top-level `Action`,
//!   `RetCode` and `Message` are the envelope's. Not checked: the pages' examples (UCloud's
//!   own word), API errors, raw bodies ([`Reply::status`]), and actions given as a plain
//!   [`ActionInfo`]. Typed replies pass by construction. The client's own decoding stays
//!   lenient (unknown keys ignored).
//!
//! # How failures surface
//!
//! A request that breaks a rule gets an [`Error::Api`](crate::Error::Api) back, whose
//! message starts with `mock transport:` and names the call, the action and the parameter
//! (`mock transport: call #1 CreateUHostInstance: required parameter Disks.0.IsBoot is
//! missing (required in every item of Disks)`); its `RetCode` is UCloud's where UCloud has
//! one (below). The mock also records the failure, so that code which swallows the error
//! still fails the test: [`Mock::verify`] panics with every failure and every expectation
//! that was not met, and dropping the `Mock` does the same if `verify` was not called (a
//! test that fails anyway is left to its own panic). [`Mock::take_failures`] clears the
//! failures a test provokes on purpose.
//!
//! | rule broken | `RetCode` |
//! |---|---|
//! | the action is unknown | [`UNKNOWN_ACTION`] (161, as UCloud) |
//! | the signature, `PublicKey` or `SecurityToken` is wrong | [`SIGNATURE_ERROR`] (171, as UCloud) |
//! | a required parameter is missing or empty | [`MISSING_PARAMETER`] (160) |
//! | an expectation's parameter differs, calls come out of order, no reply is at hand, or the test's reply does not fit the response type | [`EXPECTATION_FAILED`] (-1, never UCloud's) |
//!
//! None of them is retried.
//!
//! # Keys
//!
//! The mock verifies signatures with its own key pair, [`PUBLIC_KEY`] and [`PRIVATE_KEY`]
//! unless [`Mock::with_credentials`] gives it another, as UCloud knows the private key of
//! each public key. Build the client's configuration from [`Mock::config`], which carries
//! that pair, or give the mock the pair the code under test uses.
//!
//! # Example
//!
//! ```
//! use serde_json::json;
//! use ucloud_sdk_runtime::testing::{ActionInfo, Mock};
//!
//! // `ucloud-sdk` generates these for every action (`ucloud_sdk::testing::actions()`).
//! static ACTIONS: &[ActionInfo] = &[ActionInfo::new(
//!     "uhub",
//!     "CreateRepo",
//!     &["RepoName"],
//!     Some(r#"{"RetCode": 0, "Action": "CreateRepoResponse"}"#),
//! )];
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = Mock::new(ACTIONS);
//! mock.expect("CreateRepo")
//!     .param("RepoName", "my-repo")
//!     .returns(json!({ "Message": "created" }));
//! let client = mock.client(mock.config().build().unwrap());
//!
//! let created = client
//!     .call("CreateRepo", json!({ "RepoName": "my-repo" }))
//!     .await
//!     .unwrap();
//! assert_eq!(created["Message"], "created");
//! assert_eq!(mock.actions(), ["CreateRepo"]);
//!
//! // No expectation left: the page's example answers.
//! client.call("CreateRepo", json!({ "RepoName": "other" })).await.unwrap();
//!
//! // A required parameter missing: an error, and a failure the mock keeps.
//! let err = client.call("CreateRepo", json!({})).await.unwrap_err();
//! assert!(err.to_string().contains("required parameter RepoName is missing"));
//! assert_eq!(mock.take_failures().len(), 1);
//! mock.verify();
//! # }
//! ```

mod check;
mod expect;
mod mock;
mod record;
mod reply;
mod reply_check;

pub use expect::Expectation;
pub use mock::{Mock, MockTransport};
pub use record::Call;
pub use reply::Reply;
pub use reply_check::ResponseType;

/// The public key of the mock's default key pair.
pub const PUBLIC_KEY: &str = "ucloud-sdk-mock-public-key";
/// The private key of the mock's default key pair.
pub const PRIVATE_KEY: &str = "ucloud-sdk-mock-private-key";

/// `RetCode` of a request for an action the mock does not know (UCloud's "Action does not
/// exist").
pub const UNKNOWN_ACTION: i64 = 161;
/// `RetCode` of a request whose signature does not verify, or whose `PublicKey` or
/// `SecurityToken` is not the mock's (UCloud's "signature error").
pub const SIGNATURE_ERROR: i64 = 171;
/// `RetCode` of a request without a parameter its action requires (or with an empty one).
pub const MISSING_PARAMETER: i64 = 160;
/// `RetCode` of a request that breaks the test's expectations: a parameter with another
/// value than expected, a call out of order, a call with no reply at hand. Not a code
/// UCloud uses.
pub const EXPECTATION_FAILED: i64 = -1;

/// One action as the mock transport knows it (generated for every action of `ucloud-sdk`;
/// [`ActionInfo::new`] describes one of your own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionInfo {
    /// The product, as in the action's [`Action::product`](crate::Action::product).
    pub product: &'static str,
    /// The action's name, as sent in `Action`.
    pub name: &'static str,
    /// Wire names of the parameters the documentation requires, `N` for a list index:
    /// `ImageId`; `Disks` (a required list: at least one item); `Disks.N.IsBoot`
    /// (required in every item of `Disks` that is sent).
    pub required: &'static [&'static str],
    /// The page's response example (JSON text), when it has one without page defects.
    pub example: Option<&'static str>,
}

/// An [`ActionInfo`] with the action's response type, which the mock checks the replies a
/// test gives against (generated for every action of `ucloud-sdk`). It reads as its
/// `ActionInfo` (`Deref`).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TypedAction {
    /// The action.
    pub info: ActionInfo,
    /// The type its successful responses decode into.
    pub response: ResponseType,
}

impl ActionInfo {
    /// The action `name` of `product`, the wire names of the parameters it requires (`N`
    /// for a list index: `Disks.N.IsBoot`) and its response example (JSON text), if any.
    pub const fn new(
        product: &'static str,
        name: &'static str,
        required: &'static [&'static str],
        example: Option<&'static str>,
    ) -> Self {
        ActionInfo {
            product,
            name,
            required,
            example,
        }
    }
}

impl TypedAction {
    /// The action `info`, whose successful responses decode into `response`.
    pub const fn new(info: ActionInfo, response: ResponseType) -> Self {
        TypedAction { info, response }
    }
}

impl std::ops::Deref for TypedAction {
    type Target = ActionInfo;
    fn deref(&self) -> &ActionInfo {
        &self.info
    }
}

/// What [`Mock::new`] takes for each action: an [`ActionInfo`] (replies then go
/// unchecked) or a [`TypedAction`].
pub trait KnownAction {
    /// The action's description.
    fn info(&self) -> &'static ActionInfo;
    /// Its response type, when known.
    fn response(&self) -> Option<ResponseType>;
}

impl KnownAction for &'static ActionInfo {
    fn info(&self) -> &'static ActionInfo {
        self
    }
    fn response(&self) -> Option<ResponseType> {
        None
    }
}

impl KnownAction for &'static TypedAction {
    fn info(&self) -> &'static ActionInfo {
        &self.info
    }
    fn response(&self) -> Option<ResponseType> {
        Some(self.response)
    }
}
