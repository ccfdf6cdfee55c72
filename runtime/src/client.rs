//! [`Client`], [`CallOptions`] and [`Response`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use tokio::sync::Semaphore;

use super::call::{self, Target};
use super::encode;
use super::transport::{HttpTransport, Transport};
use crate::{Action, Config, Request, Result, RetryPolicy};

/// A UCloud API client. Cheap to clone (the configuration, the transport and its
/// connection pool are shared behind an `Arc`).
///
/// It carries per-call options ([`Client::with_options`]) and makes every call: typed
/// requests with [`Client::send`], any action by name with [`Client::call`]. The generated
/// product clients of `ucloud-sdk` each own a clone of it.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    options: CallOptions,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) transport: Box<dyn Transport>,
    /// One permit per request in flight, [`Config::max_connections`] in all: a request
    /// holds one from before it is sent until its body is read.
    pub(crate) in_flight: Semaphore,
}

impl Client {
    /// A client for `config`, sending over [`HttpTransport`] (reqwest with rustls, with
    /// the pool settings of `config`).
    pub fn new(config: Config) -> Result<Client> {
        let http = HttpTransport::new(&config)?;
        Ok(Client::with_transport(config, http))
    }

    /// A client for `config` that sends its requests over `transport`: a test double such
    /// as the mock of the `testing` feature, or your own [`Transport`] (see the
    /// [`transport`](crate::transport) module).
    ///
    /// Everything but the HTTP exchange stays the client's whatever the transport:
    /// signing, common parameters, retries, timeouts, the limit of
    /// [`max_connections`](Config::max_connections) requests in flight, `RetCode` and
    /// decoding. The pool settings of `config` only configure [`HttpTransport`].
    pub fn with_transport(config: Config, transport: impl Transport + 'static) -> Client {
        // Far more than anyone means; past it the semaphore would refuse to be built.
        let max = config.max_connections().min(Semaphore::MAX_PERMITS);
        Client {
            inner: Arc::new(Inner {
                config,
                transport: Box::new(transport),
                in_flight: Semaphore::new(max),
            }),
            options: CallOptions::default(),
        }
    }

    /// A client configured from the environment and the profile files (see
    /// [`Config::from_env`]).
    pub fn from_env() -> Result<Client> {
        Client::new(Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// A clone of this client whose calls use `options` (merged over the options it
    /// already has). Use it to change the timeout or retries of product API calls:
    /// `client.with_options(CallOptions::new().timeout(t)).uhub()…`.
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            options: self.options.merged(options),
        }
    }

    /// Calls any action by name with a JSON object of parameters, and returns the whole
    /// response object (including `RetCode` and `Action`) once `RetCode` is 0.
    ///
    /// Parameters are encoded like typed requests (nested objects join names with dots,
    /// arrays are numbered from 0). `Region`, `Zone` and `ProjectId` are filled as on every
    /// call (see [`CallOptions::region`]): from the call's options or else the
    /// configuration, when the parameters leave them out.
    /// Signing and timeouts are as for typed calls. The action is treated as mutating (this
    /// call does not know its documentation), so it is not retried unless the options say
    /// it may be: `client.with_options(CallOptions::new().retry_mutating(true))`.
    ///
    /// Values are sent as given: this call does not know the action's documentation, so
    /// it cannot know which parameters UCloud wants base64-encoded (a host's `Password`,
    /// for one). Encode those yourself, or use the typed request, which does:
    ///
    /// ```no_run
    /// # async fn example(client: ucloud_sdk_runtime::Client) -> ucloud_sdk_runtime::Result<()> {
    /// use base64::Engine as _;
    /// let password = base64::engine::general_purpose::STANDARD.encode("my-password");
    /// client
    ///     .call("ResetUHostInstancePassword", serde_json::json!({
    ///         "UHostId": "uhost-xxx",
    ///         "Password": password,
    ///     }))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn call(&self, action: &str, params: serde_json::Value) -> Result<serde_json::Value> {
        self.call_with_meta(action, &params).await.map(|r| r.value)
    }

    /// Like [`call`](Client::call), also returning the request id, the number of attempts
    /// and the response fields the SDK does not know.
    pub async fn call_with_meta(
        &self,
        action: &str,
        params: &serde_json::Value,
    ) -> Result<Response<serde_json::Value>> {
        let params = match params {
            serde_json::Value::Object(_) | serde_json::Value::Null => encode::to_params(params),
            _ => Err(encode::EncodeError(
                "parameters must be a JSON object".into(),
            )),
        }
        .map_err(|e| encode::encode_error(action, e))?;
        call::execute(self, Target::generic(action), params).await
    }

    /// Calls the action of a typed request (a generated `…Request`, see [`Request`]):
    /// encodes it as form parameters (its fields, then its extra parameters, see
    /// [`ExtraParams`](crate::model::ExtraParams)), fills the common parameters (see
    /// [`CallOptions::region`]), signs, POSTs, retries, checks `RetCode` and decodes the
    /// response leniently.
    ///
    /// A request that breaks a rule the SDK checks before sending is refused with
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest), and nothing is sent: a list the action requires (`Disks`)
    /// left empty, at any depth, or an extra parameter that names a documented one.
    pub async fn send<R: Request + ?Sized>(&self, req: &R) -> Result<R::Response> {
        // Not through `send_with_meta`: one generic future less per action sent.
        let params = encode::request_params(req)?;
        Ok(call::execute(self, Target::of(&R::ACTION), params)
            .await?
            .value)
    }

    /// Like [`send`](Client::send), also returning the request id, the number of attempts
    /// and the response fields the SDK does not know.
    pub async fn send_with_meta<R: Request + ?Sized>(
        &self,
        req: &R,
    ) -> Result<Response<R::Response>> {
        let params = encode::request_params(req)?;
        call::execute(self, Target::of(&R::ACTION), params).await
    }

    /// Calls `action` with any serialisable request and decodes the response into any
    /// type: for actions or types the generated SDK does not have. See
    /// [`send`](Client::send).
    pub async fn invoke<Req, Resp>(&self, action: &Action, req: &Req) -> Result<Resp>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
    {
        Ok(self.invoke_with_meta(action, req).await?.value)
    }

    /// Like [`invoke`](Client::invoke), also returning the request id, the number of
    /// attempts and unknown response fields.
    pub async fn invoke_with_meta<Req, Resp>(
        &self,
        action: &Action,
        req: &Req,
    ) -> Result<Response<Resp>>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
    {
        self.execute(action, encode::to_params(req)).await
    }

    /// Calls `action` with encoded parameters (or says why they could not be encoded).
    async fn execute<Resp: DeserializeOwned>(
        &self,
        action: &Action,
        params: std::result::Result<encode::Params, encode::EncodeError>,
    ) -> Result<Response<Resp>> {
        let params = match params {
            Ok(params) => params,
            Err(e) => return Err(encode::encode_error(action.name, e)),
        };
        call::execute(self, Target::of(action), params).await
    }

    /// The options calls through this client use.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .field("options", &self.options)
            .finish()
    }
}

/// Per-call overrides of the client's configuration. Unset fields keep the client's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    retry_mutating: Option<bool>,
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overall timeout of the call, across retries.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retry policy for the call.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Allows (or forbids) retrying this call even if the action is mutating. Use it for
    /// actions you know to be idempotent.
    pub fn retry_mutating(mut self, retry: bool) -> Self {
        self.retry_mutating = Some(retry);
        self
    }

    /// The `Region` of the calls: it wins over the configuration's, and loses to one the
    /// request sets itself.
    ///
    /// The common parameters `Region`, `Zone` and `ProjectId` follow one rule on every
    /// action, typed ([`Client::send`]) or generic ([`Client::call`]), as in UCloud's
    /// official SDKs: when the request leaves one unset (or empty), the call's option is
    /// sent, else the configuration's ([`Config::region`]), whether the action's page lists
    /// the parameter or not. A page that marks one required makes a call with none of the
    /// three fail before anything is sent ([`Error::Config`](crate::Error::Config)).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The `Zone` of the calls (see [`region`](CallOptions::region) for the rule).
    pub fn zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = Some(zone.into());
        self
    }

    /// The `ProjectId` of the calls (see [`region`](CallOptions::region) for the rule): a
    /// sub-account's project, say, for calls of another project than the configured one.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The call's `Region`, when it sets one (an empty one counts as unset).
    pub(crate) fn region_value(&self) -> Option<&str> {
        self.region.as_deref().filter(|v| !v.is_empty())
    }

    pub(crate) fn zone_value(&self) -> Option<&str> {
        self.zone.as_deref().filter(|v| !v.is_empty())
    }

    pub(crate) fn project_id_value(&self) -> Option<&str> {
        self.project_id.as_deref().filter(|v| !v.is_empty())
    }

    /// `other`'s fields where set, else this one's.
    pub(crate) fn merged(&self, other: CallOptions) -> CallOptions {
        CallOptions {
            timeout: other.timeout.or(self.timeout),
            retry: other.retry.or_else(|| self.retry.clone()),
            retry_mutating: other.retry_mutating.or(self.retry_mutating),
            region: other.region.or_else(|| self.region.clone()),
            zone: other.zone.or_else(|| self.zone.clone()),
            project_id: other.project_id.or_else(|| self.project_id.clone()),
        }
    }

    /// The effective timeout and retry policy under `config`.
    pub(crate) fn resolve(&self, config: &Config) -> (Duration, RetryPolicy) {
        let timeout = self.timeout.unwrap_or(config.timeout());
        let mut retry = self
            .retry
            .clone()
            .unwrap_or_else(|| config.retry_policy().clone());
        if let Some(m) = self.retry_mutating {
            retry = retry.with_retry_mutating(m);
        }
        (timeout, retry)
    }
}

/// A decoded response with what the transport learned about it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded response.
    pub value: T,
    /// The `X-UCLOUD-REQUEST-UUID` response header, if present.
    pub request_id: Option<String>,
    /// Attempts made (1 when the first succeeded).
    pub attempts: u32,
    /// Paths of fields in the response that `T` does not know (see
    /// [`check_response`](crate::examples::check_response)).
    pub unknown_fields: Vec<String>,
}

impl<T> Response<T> {
    /// The decoded response.
    pub fn into_inner(self) -> T {
        self.value
    }
}
