//! [`Expectation`]: one call the test expects, and how it is answered; and the rule it
//! registers.

use std::fmt::Display;
use std::sync::Arc;

use serde::Serialize;

use super::mock::Mock;
use super::record::Call;
use super::reply::Reply;

/// A registered expectation.
pub(super) struct Rule {
    /// Its place among the expectations, from 1.
    pub number: usize,
    pub action: String,
    /// Parameters with the value they must have, or `None`: must not be sent.
    pub params: Vec<(String, Option<String>)>,
    /// How many calls it answers; `None`: any number, at least one.
    pub times: Option<usize>,
    pub used: usize,
    pub answer: Answer,
}

/// How an expectation answers.
#[derive(Clone)]
pub(super) enum Answer {
    Reply(Reply),
    Example,
    With(Arc<dyn Fn(&Call) -> Reply + Send + Sync>),
}

/// One call the test expects: the action, optionally some of its parameters' values, how
/// many times, and the reply. Nothing is registered until a reply method (`returns`,
/// `returns_example`, `fails`, `replies`, `replies_with`) is called.
#[must_use = "an expectation is registered by its reply method: returns, returns_example, fails, replies or replies_with"]
pub struct Expectation<'m> {
    mock: &'m Mock,
    action: String,
    params: Vec<(String, Option<String>)>,
    times: Option<usize>,
}

impl<'m> Expectation<'m> {
    pub(super) fn new(mock: &'m Mock, action: &str) -> Self {
        Expectation {
            mock,
            action: action.to_owned(),
            params: Vec::new(),
            times: Some(1),
        }
    }

    /// The call must send parameter `name` (a wire name: `ImageId`, `Disks.0.IsBoot`)
    /// with `value`, as sent (`true`, `2`, base64 text for base64 parameters).
    pub fn param(mut self, name: impl Into<String>, value: impl Display) -> Self {
        self.params.push((name.into(), Some(value.to_string())));
        self
    }

    /// The call must not send parameter `name`.
    pub fn no_param(mut self, name: impl Into<String>) -> Self {
        self.params.push((name.into(), None));
        self
    }

    /// The expectation answers `n` calls (1 by default) with the same reply, and is met
    /// when it has.
    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }

    /// The expectation answers every call of its action from now on (with
    /// [`in_order`](Mock::in_order): until a call of another action), and is met once it
    /// has answered one. For a reply made from each call ([`replies_with`](Self::replies_with)),
    /// such as the pages of a list.
    pub fn repeatedly(mut self) -> Self {
        self.times = None;
        self
    }

    /// Answers with a successful response of `value`'s fields: see [`Reply::ok`].
    pub fn returns(self, value: impl Serialize) {
        self.register(Answer::Reply(Reply::ok(value)));
    }

    /// Answers with the response example of the action's documentation page.
    ///
    /// # Panics
    ///
    /// When the page has no usable example.
    pub fn returns_example(self) {
        if !self.mock.has_example(&self.action) {
            panic!(
                "Expectation::returns_example: the page of {} has no response example",
                self.action
            );
        }
        self.register(Answer::Example);
    }

    /// Answers with an API error: `RetCode` `code` and `message`.
    pub fn fails(self, code: i64, message: impl Into<String>) {
        self.register(Answer::Reply(Reply::api_error(code, message)));
    }

    /// Answers with `reply`: any HTTP response or transport failure.
    pub fn replies(self, reply: Reply) {
        self.register(Answer::Reply(reply));
    }

    /// Answers with what `reply` makes of the call (to echo a parameter, count calls, …).
    pub fn replies_with(self, reply: impl Fn(&Call) -> Reply + Send + Sync + 'static) {
        self.register(Answer::With(Arc::new(reply)));
    }

    fn register(self, answer: Answer) {
        self.mock.register(Rule {
            number: 0,
            action: self.action,
            params: self.params,
            times: self.times,
            used: 0,
            answer,
        });
    }
}

impl Rule {
    /// It can answer another call.
    pub(super) fn open(&self) -> bool {
        self.times.is_none_or(|n| self.used < n)
    }

    /// It answered the calls it was for.
    pub(super) fn met(&self) -> bool {
        self.used >= self.times.unwrap_or(1)
    }

    /// `CreateUHostInstance with ImageId = "uimage-1"`.
    pub(super) fn describe(&self) -> String {
        let mut text = self.action.clone();
        for (i, (name, value)) in self.params.iter().enumerate() {
            text.push_str(if i == 0 { " with " } else { ", " });
            match value {
                Some(value) => text.push_str(&format!("{name} = {value:?}")),
                None => text.push_str(&format!("no {name}")),
            }
        }
        text
    }

    /// The first parameter of the call that is not as expected.
    pub(super) fn mismatch(&self, call: &Call) -> Option<String> {
        self.params
            .iter()
            .find_map(|(name, expected)| match (expected, call.param(name)) {
                (Some(expected), Some(sent)) if sent == expected => None,
                (Some(expected), Some(sent)) => Some(format!(
                    "parameter {name} is {sent:?}, expectation #{} wants {expected:?}",
                    self.number
                )),
                (Some(expected), None) => Some(format!(
                    "parameter {name} is not sent, expectation #{} wants {expected:?}",
                    self.number
                )),
                (None, Some(sent)) => Some(format!(
                    "parameter {name} is sent ({sent:?}), expectation #{} wants it left out",
                    self.number
                )),
                (None, None) => None,
            })
    }
}
