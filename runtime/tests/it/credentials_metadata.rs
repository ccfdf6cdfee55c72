//! The instance metadata service provider against a local server playing
//! `http://100.80.80.80`: paths, headers, answers of both versions, failures, and a client
//! that refreshes its credentials once for many concurrent calls.

use crate::support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use support::{Recorded, Reply, TestServer};
use ucloud_sdk_runtime::credentials::{InstanceMetadataProvider, ProvideCredentials};
use ucloud_sdk_runtime::{Client, Error};

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A v1 answer (the format of the Go SDK's test vector) with keys numbered `n`.
fn v1_answer(n: usize, expiration: u64) -> Reply {
    Reply::json(
        json!({"RetCode": 0, "Message": "", "Data": {
            "PublicKey": format!("md-pub-{n}"), "PrivateKey": format!("md-priv-{n}"),
            "SecurityToken": format!("md-token-{n}"), "Expiration": expiration,
            "ProjectID": "org-xp2ucn", "RoleName": "UHostInstance", "UHostID": "uhost-1"}})
        .to_string(),
    )
}

fn provider(server: &TestServer) -> InstanceMetadataProvider {
    InstanceMetadataProvider::new().endpoint(server.url())
}

async fn error_of(provider: &InstanceMetadataProvider) -> (String, bool) {
    match provider.provide_credentials().await {
        Err(Error::Credentials {
            provider,
            message,
            not_found,
        }) => (format!("{provider}: {message}"), not_found),
        other => panic!("expected a credentials error, got {other:?}"),
    }
}

#[tokio::test]
async fn v1_reads_the_role_credentials_of_the_instance() {
    let expiration = unix_now() + 3600;
    let server = TestServer::always(v1_answer(7, expiration)).await;
    let credentials = provider(&server).provide_credentials().await.unwrap();
    assert_eq!(credentials.public_key(), "md-pub-7");
    assert_eq!(credentials.private_key().expose(), "md-priv-7");
    assert_eq!(credentials.security_token().unwrap().expose(), "md-token-7");
    assert_eq!(
        credentials.expiry(),
        Some(UNIX_EPOCH + Duration::from_secs(expiration))
    );
    let request = &server.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/meta-data/v1/uam/security-credentials");

    let named = provider(&server).role_name("UHostInstance");
    named.provide_credentials().await.unwrap();
    assert_eq!(
        server.requests()[1].target,
        "/meta-data/v1/uam/security-credentials/UHostInstance"
    );
}

#[tokio::test]
async fn v2_sends_its_options_as_headers_and_reads_iso_expiry() {
    let server = TestServer::always(Reply::json(
        json!({"RetCode": 0, "Message": "", "Data": {
            "AccessKeyId": "STS.3iXw5eCvtFQBwXmVVypLUa",
            "AccessKeySecret": "PmZfAbCdEfGhIjKlMnOpQrStUvWxYzDiHw",
            "SecurityToken": "AAE7TokenString", "Expiration": "2025-11-11T04:32:54Z",
            "CharacterName": "ucs:iam::60036:role/ucs-service-role/ServiceRoleForUK8S",
            "ProjectID": "org-hlrtnn", "HostID": "uhost-abc123", "UHostID": "uhost-abc123"}})
        .to_string(),
    ))
    .await;
    let provider = InstanceMetadataProvider::v2("ServiceRoleForUK8S")
        .endpoint(server.url())
        .duration_seconds(3600)
        .session_name("full-test-session")
        .role_policy("eyJWZXJzaW9uIjoiMSJ9");
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.public_key(), "STS.3iXw5eCvtFQBwXmVVypLUa");
    assert_eq!(
        credentials.private_key().expose(),
        "PmZfAbCdEfGhIjKlMnOpQrStUvWxYzDiHw"
    );
    assert_eq!(
        credentials.security_token().unwrap().expose(),
        "AAE7TokenString"
    );
    assert_eq!(
        credentials.expiry(),
        Some(UNIX_EPOCH + Duration::from_secs(1_762_835_574))
    );
    let request = &server.requests()[0];
    assert_eq!(
        request.target,
        "/meta-data/v2/iam/security-credentials/ServiceRoleForUK8S"
    );
    assert_eq!(request.header("Duration-Seconds"), Some("3600"));
    assert_eq!(request.header("Session-Name"), Some("full-test-session"));
    assert_eq!(request.header("Role-Policy"), Some("eyJWZXJzaW9uIjoiMSJ9"));
}

#[tokio::test]
async fn v2_options_on_the_v1_path_are_refused_before_any_request() {
    let server = TestServer::always(v1_answer(0, unix_now() + 3600)).await;
    let (message, not_found) = error_of(&provider(&server).duration_seconds(900)).await;
    assert!(!not_found);
    assert!(
        message.contains("InstanceMetadataProvider::v2"),
        "{message}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn off_a_uhost_or_without_the_role_there_are_no_credentials_to_find() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (message, not_found) = error_of(&InstanceMetadataProvider::new().endpoint(closed)).await;
    assert!(not_found, "{message}");
    assert!(message.contains("cannot connect"), "{message}");

    let server = TestServer::always(Reply::status_json(404, "no such role")).await;
    let (message, not_found) = error_of(&provider(&server)).await;
    assert!(not_found, "{message}");
    assert!(message.contains("404"), "{message}");
}

#[tokio::test]
async fn failures_say_what_went_wrong() {
    let cases = [
        (Reply::status_json(500, "oops"), "HTTP status 500"),
        (
            Reply::json(r#"{"RetCode": 161, "Message": "Role not found"}"#),
            "RetCode 161: Role not found",
        ),
        (Reply::json("<html>"), "not JSON"),
        (
            Reply::json(r#"{"RetCode": 0, "Data": {"PublicKey": "p", "PrivateKey": "s"}}"#),
            "no Data.Expiration",
        ),
    ];
    for (reply, expected) in cases {
        let server = TestServer::always(reply).await;
        let (message, not_found) = error_of(&provider(&server)).await;
        assert!(!not_found, "{message}");
        assert!(message.contains(expected), "{expected}: {message}");
        assert!(
            message.contains(&server.url()),
            "names the service: {message}"
        );
    }

    let server = TestServer::always(Reply::Hang).await;
    let slow = provider(&server).timeout(Duration::from_millis(200));
    let (message, not_found) = error_of(&slow).await;
    assert!(!not_found, "{message}");
    assert!(message.contains("timed out"), "{message}");
}

/// An API server, and a metadata server answering request `n` with keys numbered `n`
/// that expire `lifetime` seconds after it is asked, after `delay` (from the second
/// request on).
async fn servers(lifetime: u64, delay: Duration) -> (TestServer, TestServer, Client) {
    let api = TestServer::keep_alive(|_, _| Reply::ok(json!({}))).await;
    let metadata = TestServer::start(move |_, n| {
        let answer = v1_answer(n, unix_now() + lifetime);
        if n == 0 {
            answer
        } else {
            Reply::after(delay, answer)
        }
    })
    .await;
    let client = support::client_with_provider(&api, provider(&metadata));
    (api, metadata, client)
}

/// Runs 50 calls at once; returns how many requests each public key signed.
async fn fifty_calls(client: &Client, api: &TestServer) -> HashMap<String, usize> {
    let before = api.count();
    support::call_concurrently(client, "DescribeThing", 50).await;
    let requests: Vec<Recorded> = api.requests().split_off(before);
    assert_eq!(requests.len(), 50);
    let mut by_key = HashMap::new();
    for r in &requests {
        let public = r.param("PublicKey").unwrap().to_owned();
        let n = public.trim_start_matches("md-pub-");
        assert!(r.signature_valid(&format!("md-priv-{n}")), "{public}");
        assert_eq!(
            r.param("SecurityToken"),
            Some(format!("md-token-{n}").as_str())
        );
        *by_key.entry(public).or_insert(0) += 1;
    }
    by_key
}

#[tokio::test]
async fn fifty_calls_with_expired_credentials_make_one_refresh_and_all_wait_for_it() {
    // Credentials that last at most 2 s, refreshed within 300 ms.
    let (api, metadata, client) = servers(2, Duration::from_millis(300)).await;
    client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(metadata.count(), 1);
    assert_eq!(api.requests()[0].param("PublicKey"), Some("md-pub-0"));

    tokio::time::sleep(Duration::from_millis(2100)).await;
    let by_key = fifty_calls(&client, &api).await;
    assert_eq!(metadata.count(), 2, "exactly one refresh");
    assert_eq!(by_key.get("md-pub-1"), Some(&50), "{by_key:?}");
}

#[tokio::test]
async fn fifty_calls_near_expiry_make_one_refresh_and_do_not_wait_for_it() {
    // Credentials of 5 to 6 s: refreshed from half their lifetime on (2.5 to 3 s), valid
    // until they expire; the refresh takes 500 ms.
    let (api, metadata, client) = servers(6, Duration::from_millis(500)).await;
    client.call("DescribeThing", json!({})).await.unwrap();
    tokio::time::sleep(Duration::from_millis(3100)).await;

    let by_key = fifty_calls(&client, &api).await;
    assert_eq!(metadata.count(), 2, "exactly one refresh");
    let old = by_key.get("md-pub-0").copied().unwrap_or(0);
    let new = by_key.get("md-pub-1").copied().unwrap_or(0);
    assert_eq!(old + new, 50, "{by_key:?}");
    assert!(
        new >= 1,
        "the caller that refreshed uses the new keys: {by_key:?}"
    );
    assert!(old >= 1, "the others go on with the valid keys: {by_key:?}");

    client.call("DescribeThing", json!({})).await.unwrap();
    let last = api.requests().pop().unwrap();
    assert_eq!(last.param("PublicKey"), Some("md-pub-1"));
    assert_eq!(metadata.count(), 2);
}

#[tokio::test]
async fn a_failed_refresh_ahead_of_expiry_keeps_the_valid_credentials() {
    let api = TestServer::always(Reply::ok(json!({}))).await;
    let answers = Arc::new(std::sync::Mutex::new(vec![
        Reply::status_json(503, "down"),
        v1_answer(0, unix_now() + 5),
    ]));
    let metadata = TestServer::start(move |_, _| answers.lock().unwrap().pop().unwrap()).await;
    let client = support::client_with_provider(&api, provider(&metadata));
    client.call("DescribeThing", json!({})).await.unwrap();
    tokio::time::sleep(Duration::from_millis(3100)).await;
    // The refresh fails; the call goes on with the keys that are still valid, and the
    // next ones do not ask again right away.
    client.call("DescribeThing", json!({})).await.unwrap();
    client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(metadata.count(), 2);
    for r in api.requests() {
        assert_eq!(r.param("PublicKey"), Some("md-pub-0"));
        assert!(r.signature_valid("md-priv-0"));
    }
}

#[tokio::test]
async fn a_failed_first_fetch_fails_the_call_and_the_next_call_tries_again() {
    let api = TestServer::always(Reply::ok(json!({}))).await;
    let metadata = TestServer::sequence(vec![
        Reply::json(r#"{"RetCode": 161, "Message": "Role not found"}"#),
        v1_answer(1, unix_now() + 3600),
    ])
    .await;
    let client = support::client_with_provider(&api, provider(&metadata));
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    assert!(
        matches!(&err, Error::Credentials { message, .. } if message.contains("Role not found")),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert_eq!(api.count(), 0);
    client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(api.requests()[0].param("PublicKey"), Some("md-pub-1"));
    assert_eq!(metadata.count(), 2);
}
