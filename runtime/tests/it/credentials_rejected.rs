//! Credentials UCloud refuses (RetCode 171, a bad signature; 174, an unknown token): a call
//! signed with a provider's credentials tells the provider, which drops them, and is tried
//! once more with new ones. Against a server on 127.0.0.1 that refuses some key pairs.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::credentials::{ProvideCredentials, ProvideCredentialsFuture};
use ucloud_sdk_runtime::{Client, Config, Credentials, Error, RetryPolicy};

/// Hands out a new key pair (`pub-0`, `pub-1`, …) each time it is asked; the client caches
/// them, so it is asked again only when the cache lets go.
/// Clones share the count.
#[derive(Debug, Default, Clone)]
struct Rotating {
    fetched: Arc<AtomicUsize>,
}

impl Rotating {
    fn fetches(&self) -> usize {
        self.fetched.load(Ordering::SeqCst)
    }
}

impl ProvideCredentials for Rotating {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let n = self.fetched.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(Credentials::new(format!("pub-{n}"), format!("priv-{n}"))) })
    }
}

/// Answers `code` to requests signed with a public key in `refused`, success to the rest.
async fn refusing(code: i64, refused: &'static [&'static str]) -> TestServer {
    TestServer::start(move |request, _| {
        let key = request.param("PublicKey").unwrap_or_default();
        if refused.contains(&key) {
            Reply::json(json!({"RetCode": code, "Message": "signature error"}).to_string())
        } else {
            Reply::ok(json!({}))
        }
    })
    .await
}

/// A client whose credentials come from `provider`, with retries off: renewing refused
/// credentials is not a retry of a failed request.
fn client(server: &TestServer, provider: Rotating) -> Client {
    let config = Config::builder()
        .base_url(server.url())
        .credentials_provider(provider)
        .retry_policy(RetryPolicy::no_retry())
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

fn public_keys(server: &TestServer) -> Vec<String> {
    let requests = server.requests();
    let keys = requests
        .iter()
        .map(|r| r.param("PublicKey").unwrap_or_default());
    keys.map(str::to_owned).collect()
}

#[tokio::test]
async fn refused_provider_credentials_are_renewed_and_the_call_tried_again() {
    for code in [171, 174] {
        let server = refusing(code, &["pub-0"]).await;
        let provider = Rotating::default();
        let client = client(&server, provider.clone());
        // A mutating action: the refused request was not carried out, so trying it again
        // duplicates nothing.
        client
            .call("CreateThing", json!({"Name": "a"}))
            .await
            .unwrap();
        assert_eq!(public_keys(&server), ["pub-0", "pub-1"], "RetCode {code}");
        assert!(server.requests()[1].signature_valid("priv-1"));
        // The new credentials are cached: the next call neither asks nor is refused.
        client
            .call("CreateThing", json!({"Name": "b"}))
            .await
            .unwrap();
        assert_eq!(public_keys(&server), ["pub-0", "pub-1", "pub-1"]);
        assert_eq!(provider.fetches(), 2, "RetCode {code}");
    }
}

#[tokio::test]
async fn credentials_are_renewed_once_per_call() {
    let server = refusing(171, &["pub-0", "pub-1", "pub-2"]).await;
    let provider = Rotating::default();
    let client = client(&server, provider.clone());
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    assert!(matches!(err, Error::Api { code: 171, .. }), "{err:?}");
    assert_eq!(public_keys(&server), ["pub-0", "pub-1"]);
    // The next call starts again from the last credentials refused.
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    assert!(matches!(err, Error::Api { code: 171, .. }), "{err:?}");
    assert_eq!(public_keys(&server), ["pub-0", "pub-1", "pub-1", "pub-2"]);
}

#[tokio::test]
async fn fixed_keys_and_other_errors_are_not_tried_again() {
    // Fixed keys would be the same on a second try.
    let server = refusing(171, &[support::PUBLIC_KEY]).await;
    let config = support::config(&server).retry_policy(RetryPolicy::no_retry());
    let client = Client::new(config.build().unwrap()).unwrap();
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    assert!(matches!(err, Error::Api { code: 171, .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1);

    // Another refusal (no permission) says nothing about the credentials.
    let server = refusing(299, &["pub-0"]).await;
    let provider = Rotating::default();
    let err = client_with(&server, &provider).await;
    assert!(matches!(err, Error::Api { code: 299, .. }), "{err:?}");
    assert_eq!(public_keys(&server), ["pub-0"]);
    assert_eq!(provider.fetches(), 1);
}

async fn client_with(server: &TestServer, provider: &Rotating) -> Error {
    let client = client(server, provider.clone());
    client.call("DescribeThing", json!({})).await.unwrap_err()
}
