//! [`Mock`], the test's handle on the mock, and [`MockTransport`], the transport it gives
//! clients: what they share, and how a request is checked and answered.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::check::{self, Missing};
use super::expect::{Answer, Expectation, Rule};
use super::record::Call;
use super::reply::Reply;
use super::{
    ActionInfo, KnownAction, ResponseType, EXPECTATION_FAILED, MISSING_PARAMETER, PRIVATE_KEY,
    PUBLIC_KEY, SIGNATURE_ERROR, UNKNOWN_ACTION,
};
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use crate::{Client, Config, ConfigBuilder, Credentials};

/// UCloud played for one test: see the [module](super) for what it checks and how its
/// failures surface.
///
/// The `Mock` is the test's handle: it queues expectations and reads what happened. The
/// [`MockTransport`] it gives ([`Mock::transport`], or a whole client with
/// [`Mock::client`]) is what clients send to; both share one state.
///
/// Dropping the `Mock` fails the test (panics) if a request broke a rule or an expectation
/// was not met and [`verify`](Mock::verify) has not reported it, unless the test is
/// panicking already.
pub struct Mock {
    shared: Arc<Shared>,
}

/// The transport of a [`Mock`]: give it to [`Client::with_transport`]. Cheap to clone;
/// clones answer from the same mock.
#[derive(Clone)]
pub struct MockTransport {
    shared: Arc<Shared>,
}

struct Shared {
    /// The descriptions by action name (several products may have an action of a name).
    actions: HashMap<&'static str, Vec<&'static ActionInfo>>,
    /// The response types of the actions that have one, by product and name.
    responses: HashMap<(&'static str, &'static str), ResponseType>,
    /// How many descriptions there are.
    known: usize,
    state: Mutex<State>,
}

struct State {
    credentials: Credentials,
    in_order: bool,
    examples: bool,
    expectations: Vec<Rule>,
    calls: Vec<Call>,
    failures: Vec<String>,
    /// Failures already reported by `verify`.
    reported: usize,
}

impl Mock {
    /// A mock that knows `actions` (`ucloud_sdk::testing::actions()`, or a table of your
    /// own), verifies signatures with [`PUBLIC_KEY`] and [`PRIVATE_KEY`], answers calls in
    /// any order and falls back to the pages' response examples. Replies a test gives as
    /// JSON are checked against the response type of actions given as [`TypedAction`]s
    /// (see [`Expectation::returns`]).
    ///
    /// [`TypedAction`]: super::TypedAction
    pub fn new<A: KnownAction>(actions: impl IntoIterator<Item = A>) -> Mock {
        let mut by_name: HashMap<&'static str, Vec<&'static ActionInfo>> = HashMap::new();
        let mut responses = HashMap::new();
        for action in actions {
            let info = action.info();
            if let Some(response) = action.response() {
                responses
                    .entry((info.product, info.name))
                    .or_insert(response);
            }
            let known = by_name.entry(info.name).or_default();
            if !known.iter().any(|k| k.product == info.product) {
                known.push(info);
            }
        }
        let known = by_name.values().map(Vec::len).sum();
        Mock {
            shared: Arc::new(Shared {
                actions: by_name,
                responses,
                known,
                state: Mutex::new(State {
                    credentials: Credentials::new(PUBLIC_KEY, PRIVATE_KEY),
                    in_order: false,
                    examples: true,
                    expectations: Vec::new(),
                    calls: Vec::new(),
                    failures: Vec::new(),
                    reported: 0,
                }),
            }),
        }
    }

    /// Verifies signatures with `credentials` instead of the default pair: those the code
    /// under test configures its client with. A security token in them must be sent.
    pub fn with_credentials(self, credentials: Credentials) -> Mock {
        self.shared.state().credentials = credentials;
        self
    }

    /// Expects the calls in the order of the expectations: each request must be for the
    /// action of the first expectation not yet used up.
    pub fn in_order(self) -> Mock {
        self.shared.state().in_order = true;
        self
    }

    /// Answers no call from the pages' response examples: a call no expectation answers is
    /// a failure.
    pub fn without_examples(self) -> Mock {
        self.shared.state().examples = false;
        self
    }

    /// The credentials the mock verifies signatures with.
    pub fn credentials(&self) -> Credentials {
        self.shared.state().credentials.clone()
    }

    /// A configuration builder with the mock's credentials; add the region, zone, project
    /// and options the code under test expects, then `build()`.
    pub fn config(&self) -> ConfigBuilder {
        Config::builder().credentials(self.credentials())
    }

    /// The transport, for [`Client::with_transport`].
    pub fn transport(&self) -> MockTransport {
        MockTransport {
            shared: Arc::clone(&self.shared),
        }
    }

    /// A client for `config` that sends to this mock.
    pub fn client(&self, config: Config) -> Client {
        Client::with_transport(config, self.transport())
    }

    /// Expects a call of `action`; say how to answer with one of the [`Expectation`]'s
    /// reply methods, which registers it.
    ///
    /// # Panics
    ///
    /// When the mock does not know `action`.
    pub fn expect(&self, action: &str) -> Expectation<'_> {
        if !self.shared.actions.contains_key(action) {
            panic!(
                "Mock::expect: the mock knows no action {action:?} ({} actions known; is \
                 its product's feature enabled?)",
                self.shared.known
            );
        }
        Expectation::new(self, action)
    }

    /// Registers `rule`, numbering it.
    pub(super) fn register(&self, rule: Rule) {
        let mut state = self.shared.state();
        let number = state.expectations.len() + 1;
        state.expectations.push(Rule { number, ..rule });
    }

    /// Whether a page of `action` has a response example.
    pub(super) fn has_example(&self, action: &str) -> bool {
        let infos = self.shared.actions.get(action);
        infos.is_some_and(|infos| infos.iter().any(|info| info.example.is_some()))
    }

    /// Every request received, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.state().calls.clone()
    }

    /// The requests of `action`, in order.
    pub fn calls_to(&self, action: &str) -> Vec<Call> {
        let state = self.shared.state();
        state
            .calls
            .iter()
            .filter(|c| c.action == action)
            .cloned()
            .collect()
    }

    /// The action of every request received, in order.
    pub fn actions(&self) -> Vec<String> {
        let state = self.shared.state();
        state.calls.iter().map(|c| c.action.clone()).collect()
    }

    /// The rules requests broke so far, one message each.
    pub fn failures(&self) -> Vec<String> {
        self.shared.state().failures.clone()
    }

    /// Returns the failures so far and forgets them: for a test that provokes them on
    /// purpose.
    pub fn take_failures(&self) -> Vec<String> {
        let mut state = self.shared.state();
        state.reported = 0;
        std::mem::take(&mut state.failures)
    }

    /// Fails the test (panics) with every rule a request broke and every expectation that
    /// was not used up, if there are any.
    pub fn verify(&self) {
        if let Some(report) = self.report() {
            panic!("{report}");
        }
    }

    /// What [`verify`](Mock::verify) would panic with; marks the failures as reported.
    fn report(&self) -> Option<String> {
        let mut state = self.shared.state();
        let mut problems: Vec<String> = state.failures[state.reported..].to_vec();
        state.reported = state.failures.len();
        for rule in state.expectations.iter().filter(|rule| !rule.met()) {
            let wanted = match rule.times {
                Some(1) => "1 call".to_owned(),
                Some(n) => format!("{n} calls"),
                None => "at least 1 call".to_owned(),
            };
            problems.push(format!(
                "expectation #{} ({}) was not met: {} of {wanted} made",
                rule.number,
                rule.describe(),
                rule.used,
            ));
        }
        if problems.is_empty() {
            return None;
        }
        let mut report = format!(
            "mock transport: {} problem{}:",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        for problem in problems {
            report.push_str("\n  - ");
            report.push_str(&problem);
        }
        report.push_str(&format!("\nrequests received: {:?}", state.action_names()));
        Some(report)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Some(report) = self.report() {
            panic!("{report}\n(reported when the Mock was dropped: call mock.verify() to check earlier)");
        }
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.state();
        f.debug_struct("Mock")
            .field("actions", &self.shared.known)
            .field("calls", &state.action_names())
            .field("failures", &state.failures)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockTransport").finish_non_exhaustive()
    }
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic in a test's `replies_with` cannot leave the state half changed: it is
        // called without the lock.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Checks and records `request`, and answers it.
    fn answer(&self, request: &HttpRequest<'_>) -> Result<HttpResponse, TransportError> {
        let action = request.action();
        let (call, answer) = {
            let mut state = self.state();
            let call = Call {
                number: state.calls.len() + 1,
                product: request.product().to_owned(),
                action: action.to_owned(),
                params: request
                    .form()
                    .iter()
                    .filter(|(name, _)| *name != "Signature")
                    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                    .collect(),
            };
            state.calls.push(call.clone());
            match self.check(&mut state, request, &call) {
                Ok(answer) => (call, answer),
                Err((code, problem)) => return fail(&mut state, &call, code, problem),
            }
        };
        let reply = match answer {
            Answer::Reply(reply) => reply,
            Answer::With(make) => make(&call),
            // The page's example is not checked: it is UCloud's, not the test's.
            Answer::Example => return self.answer_from_example(request, &call),
        };
        if let Some(problem) = self.reply_problem(request, &reply) {
            return fail(&mut self.state(), &call, EXPECTATION_FAILED, problem);
        }
        reply.respond(action, call.number)
    }

    /// What is wrong with a reply the test gave, as the response of the request's action:
    /// `None` when it is right, is not a success given as JSON (an error, a raw body, a
    /// transport failure), or the action's response type is not known. When several
    /// products have an action of the name (a call by name), a reply right for any of them
    /// is right.
    fn reply_problem(&self, request: &HttpRequest<'_>, reply: &Reply) -> Option<String> {
        let json = reply.success_json()?;
        let types: Vec<ResponseType> = self
            .infos(request)?
            .iter()
            .filter_map(|info| self.responses.get(&(info.product, info.name)).copied())
            .collect();
        let mut first = None;
        for response in types {
            let problems = response.problems(&json);
            if problems.is_empty() {
                return None;
            }
            first.get_or_insert(problems);
        }
        first.map(|problems| problems.join("; "))
    }

    /// Answers a call no expectation answers with the page's example, or fails it.
    fn answer_from_example(
        &self,
        request: &HttpRequest<'_>,
        call: &Call,
    ) -> Result<HttpResponse, TransportError> {
        match self.example(request) {
            Some(example) => Reply::status(200, example)
                .header("Content-Type", "application/json")
                .respond(&call.action, call.number),
            None => {
                let mut state = self.state();
                let problem = self.no_reply(&state, request);
                fail(&mut state, call, EXPECTATION_FAILED, problem)
            }
        }
    }

    /// Checks the request against the action and the expectations, and finds its answer;
    /// or the `RetCode` and message of the first rule it breaks.
    fn check(
        &self,
        state: &mut State,
        request: &HttpRequest<'_>,
        call: &Call,
    ) -> Result<Answer, (i64, String)> {
        let Some(required) = self.required(request) else {
            return Err((
                UNKNOWN_ACTION,
                format!(
                    "the mock knows no action {:?} ({} actions known; is its product's \
                     feature enabled?)",
                    request.action(),
                    self.known
                ),
            ));
        };
        if let Some(problem) = check::signature(request.form(), &state.credentials) {
            return Err((SIGNATURE_ERROR, problem));
        }
        let missing = check::missing(&required, request.form());
        if !missing.is_empty() {
            let problems: Vec<String> = missing.iter().map(Missing::describe).collect();
            return Err((MISSING_PARAMETER, problems.join("; ")));
        }
        let rule = match state.next_rule(call) {
            Ok(rule) => rule,
            Err(problem) => return Err((EXPECTATION_FAILED, problem)),
        };
        Ok(match rule {
            Some(i) => {
                if state.in_order {
                    // Calls have moved past the expectations before this one.
                    for earlier in &mut state.expectations[..i] {
                        earlier.times = Some(earlier.used);
                    }
                }
                let rule = &mut state.expectations[i];
                rule.used += 1;
                rule.answer.clone()
            }
            None if state.examples => Answer::Example,
            None => return Err((EXPECTATION_FAILED, self.no_reply(state, request))),
        })
    }

    /// The descriptions of the request's action: the one of its product, else all of that
    /// name (for [`Client::call`], which names no product).
    fn infos(&self, request: &HttpRequest<'_>) -> Option<Vec<&'static ActionInfo>> {
        let known = self.actions.get(request.action())?;
        let of_product: Vec<_> = known
            .iter()
            .copied()
            .filter(|info| info.product == request.product())
            .collect();
        Some(if of_product.is_empty() {
            known.clone()
        } else {
            of_product
        })
    }

    /// What the request's action requires: when several products have an action of that
    /// name, what all of them require.
    fn required(&self, request: &HttpRequest<'_>) -> Option<Vec<&'static str>> {
        let infos = self.infos(request)?;
        let (first, others) = infos.split_first()?;
        Some(
            first
                .required
                .iter()
                .copied()
                .filter(|name| others.iter().all(|info| info.required.contains(name)))
                .collect(),
        )
    }

    fn example(&self, request: &HttpRequest<'_>) -> Option<&'static str> {
        self.infos(request)?.iter().find_map(|info| info.example)
    }

    /// Why a call has no reply: no expectation left, and no example to fall back to.
    fn no_reply(&self, state: &State, request: &HttpRequest<'_>) -> String {
        let action = request.action();
        let expected = state.expectations.iter().filter(|r| r.action == action);
        let calls: usize = expected.map(|r| r.times.unwrap_or(r.used)).sum();
        let expectations = match calls {
            0 => format!("no reply: no expectation for {action}"),
            n => format!(
                "no reply: the expectations for {action} answer {n} call{} and are used up",
                if n == 1 { "" } else { "s" }
            ),
        };
        let examples = if state.examples {
            "its page has no response example"
        } else {
            "the mock answers nothing from examples (without_examples)"
        };
        format!("{expectations}, and {examples}")
    }
}

/// Records that `call` broke a rule, and answers it with an API error saying which.
fn fail(
    state: &mut State,
    call: &Call,
    code: i64,
    problem: String,
) -> Result<HttpResponse, TransportError> {
    let message = format!("call #{} {}: {problem}", call.number, call.action);
    state.failures.push(message.clone());
    Reply::api_error(code, format!("mock transport: {message}")).respond(&call.action, call.number)
}

impl State {
    /// The index of the expectation that answers `call`, `None` if none is for its
    /// action; an error when the call's parameters are not what the expectations for its
    /// action want, or calls must come in order and this one does not.
    ///
    /// In any order, the first open expectation for the action whose parameters match
    /// answers. In order, the first open expectation must be for the action (past those
    /// that answer any number of calls and have answered one) and must match.
    fn next_rule(&self, call: &Call) -> Result<Option<usize>, String> {
        let mut open = self.expectations.iter().filter(|rule| rule.open());
        let rule = if self.in_order {
            match open.find(|rule| rule.action == call.action || !rule.met()) {
                Some(rule) if rule.action != call.action => {
                    return Err(format!(
                        "out of order: expectation #{} ({}) comes first",
                        rule.number,
                        rule.describe()
                    ))
                }
                found => found,
            }
        } else {
            let mut for_action = open.filter(|rule| rule.action == call.action).peekable();
            let first = for_action.peek().copied();
            for_action
                .find(|rule| rule.mismatch(call).is_none())
                .or(first)
        };
        match rule {
            Some(rule) => match rule.mismatch(call) {
                Some(problem) => Err(problem),
                None => Ok(Some(rule.number - 1)),
            },
            None => Ok(None),
        }
    }

    fn action_names(&self) -> Vec<&str> {
        self.calls.iter().map(|c| c.action.as_str()).collect()
    }
}

impl Transport for MockTransport {
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        let response = self.shared.answer(&request);
        Box::pin(std::future::ready(response))
    }
}
