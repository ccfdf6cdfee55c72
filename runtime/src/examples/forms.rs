//! The typed and the generic form of a request: what [`Client::send`] puts on the wire for a
//! typed request, against what [`Client::call`] puts there for the same wire parameters. The
//! generated `typed_generic` test runs [`assert_typed_is_generic`] over one case per action
//! of the SDK.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use crate::{Client, Config, Credentials, Request};

/// The `Region` the comparison's client is configured with.
pub const REGION: &str = "cn-forms-region";
/// The `Zone` the comparison's client is configured with.
pub const ZONE: &str = "cn-forms-zone";
/// The `ProjectId` the comparison's client is configured with.
pub const PROJECT_ID: &str = "org-forms-project";

/// A future of [`TypedCase::send`]: sent on the calling thread.
pub type LocalFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

/// One action's case: its request as wire-shaped JSON, and how to send it typed.
#[derive(Clone, Copy)]
pub struct TypedCase {
    /// The action, as sent in `Action` (the generic call names it).
    pub action: &'static str,
    /// The request as wire-shaped JSON (`{"Disks": [{"Size": 40}]}`).
    pub json: &'static str,
    /// Reads the request type from the JSON and sends it with [`Client::send`]:
    /// [`send_typed::<XRequest>`](send_typed).
    pub send: for<'a> fn(&'a Client, &'a str) -> LocalFuture<'a>,
}

/// Reads `R` from wire-shaped `json` (its `Deserialize`, as an application would) and sends
/// it with [`Client::send`].
pub fn send_typed<'a, R>(client: &'a Client, json: &'a str) -> LocalFuture<'a>
where
    R: Request + DeserializeOwned + 'static,
{
    Box::pin(async move {
        let req: R = match serde_json::from_str(json) {
            Ok(req) => req,
            Err(e) => return Err(format!("the request does not read from its JSON: {e}")),
        };
        match client.send(&req).await {
            Ok(_) => Ok(()),
            Err(e) => Err(format!("the typed call failed: {e}")),
        }
    })
}

/// Fails unless every case's typed form is its generic form: for each, a client configured
/// with [`REGION`], [`ZONE`] and [`PROJECT_ID`] sends the typed request, then the same JSON
/// through [`Client::call`], and the two requests must carry the same parameters (names and
/// values) and the same `Signature`.
///
/// # Panics
///
/// Listing how many cases differ of how many, and how each differs (the first fifty).
pub fn assert_typed_is_generic(cases: &[TypedCase]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds");
    let differing: Vec<String> = runtime.block_on(async {
        let mut differing = Vec::new();
        for case in cases {
            if let Err(why) = compare(case).await {
                differing.push(format!("{}: {why}", case.action));
            }
        }
        differing
    });
    const SHOWN: usize = 50;
    assert!(
        differing.is_empty(),
        "{} of {} actions: the typed form differs from the generic form\n{}{}",
        differing.len(),
        cases.len(),
        differing[..differing.len().min(SHOWN)].join("\n"),
        if differing.len() > SHOWN { "\n…" } else { "" }
    );
}

/// Sends one case both ways; says how the two forms differ, if they do.
async fn compare(case: &TypedCase) -> Result<(), String> {
    let recorder = Arc::new(Recorder::default());
    let config = Config::builder()
        .credentials(Credentials::new("forms-public-key", "forms-private-key"))
        .region(REGION)
        .zone(ZONE)
        .project_id(PROJECT_ID)
        .build()
        .map_err(|e| e.to_string())?;
    let client = Client::with_transport(config, Arc::clone(&recorder));
    (case.send)(&client, case.json).await?;
    let wire: Value = serde_json::from_str(case.json).map_err(|e| format!("bad JSON: {e}"))?;
    client
        .call(case.action, wire)
        .await
        .map_err(|e| format!("the generic call failed: {e}"))?;
    let sent = recorder.take();
    match sent.as_slice() {
        [typed, generic] => difference(typed, generic),
        other => Err(format!("{} requests sent, not 2", other.len())),
    }
}

/// `Ok` when the forms are the same; else what only one has and what differs.
fn difference(typed: &[(String, String)], generic: &[(String, String)]) -> Result<(), String> {
    if typed == generic {
        return Ok(());
    }
    let mut notes = Vec::new();
    for (name, value) in typed {
        match generic.iter().find(|(n, _)| n == name) {
            None => notes.push(format!("only typed {name}={value}")),
            Some((_, other)) if other != value && name != "Signature" => {
                notes.push(format!("{name}: typed {value:?}, generic {other:?}"))
            }
            Some(_) => {}
        }
    }
    for (name, value) in generic {
        if !typed.iter().any(|(n, _)| n == name) {
            notes.push(format!("only generic {name}={value}"));
        }
    }
    if notes.is_empty() {
        notes.push("the same parameters in another order or with another signature".into());
    }
    Err(notes.join("; "))
}

/// A transport that keeps each request's form and answers `{"RetCode": 0}`.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<Vec<(String, String)>>>,
}

impl Recorder {
    fn take(&self) -> Vec<Vec<(String, String)>> {
        std::mem::take(&mut *self.sent.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Transport for Recorder {
    fn send<'a>(
        &'a self,
        request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        let form = request
            .form()
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(form);
        Box::pin(async { Ok(HttpResponse::new(200, r#"{"RetCode":0}"#)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_named() {
        let pair = |n: &str, v: &str| (n.to_owned(), v.to_owned());
        let typed = [
            pair("Action", "X"),
            pair("Limit", "1"),
            pair("Signature", "a"),
        ];
        let generic = [
            pair("Action", "X"),
            pair("Region", "r"),
            pair("Signature", "b"),
        ];
        let why = difference(&typed, &generic).unwrap_err();
        assert_eq!(why, "only typed Limit=1; only generic Region=r");
        assert!(difference(&typed, &typed).is_ok());
    }
}
