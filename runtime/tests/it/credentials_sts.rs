//! STS role assumption: `AssumeRole` through a base client against a local API server,
//! the role's credentials signing the calls, one `AssumeRole` for many concurrent calls,
//! and failures.

use crate::support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use support::{Recorded, Reply, TestServer};
use ucloud_sdk_runtime::credentials::{AssumeRoleProvider, ProvideCredentials};
use ucloud_sdk_runtime::{Client, Config, Error};

const ROLE: &str = "ucs:iam::60036:role/deployer";

/// `2025-…Z`-style UTC time `secs` from now, as STS writes `Expiration`.
fn iso_in(secs: u64) -> String {
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + secs;
    let (days, rest) = (t / 86_400, t % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn assume_role_answer(n: usize, expiration: String) -> Reply {
    Reply::ok(json!({"Action": "AssumeRoleResponse", "Credentials": {
        "AccessKeyId": format!("sts-pub-{n}"), "AccessKeySecret": format!("sts-priv-{n}"),
        "SecurityToken": format!("sts-token-{n}"), "Expiration": expiration}}))
}

/// One server for both: `AssumeRole` answered by `assume(n)` (n counts `AssumeRole`s),
/// anything else with success.
async fn server(assume: impl Fn(usize) -> Reply + Send + Sync + 'static) -> TestServer {
    let assumed = std::sync::atomic::AtomicUsize::new(0);
    TestServer::keep_alive(move |request, _| {
        if request.param("Action") == Some("AssumeRole") {
            assume(assumed.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
        } else {
            Reply::ok(json!({}))
        }
    })
    .await
}

fn assume_roles(server: &TestServer) -> Vec<Recorded> {
    let requests = server.requests();
    requests
        .into_iter()
        .filter(|r| r.param("Action") == Some("AssumeRole"))
        .collect()
}

fn role(server: &TestServer) -> AssumeRoleProvider {
    let base = support::client(server);
    AssumeRoleProvider::new(base, ROLE, "ci-run-42")
}

#[tokio::test]
async fn assume_role_is_signed_by_the_base_keys_and_its_credentials_sign_the_calls() {
    let server = server(|n| assume_role_answer(n, iso_in(3600))).await;
    let provider = role(&server)
        .duration_seconds(3600)
        .policy(r#"{"Version":"1"}"#);
    let config = Config::builder()
        .base_url(server.url())
        .region("cn-bj2")
        .credentials_provider(provider)
        .build()
        .unwrap();
    assert!(config.credentials().is_none());
    let client = Client::new(config).unwrap();
    client.call("DescribeThing", json!({})).await.unwrap();
    client.call("DescribeThing", json!({})).await.unwrap();

    let assume = assume_roles(&server);
    assert_eq!(assume.len(), 1, "the role's credentials are cached");
    let a = &assume[0];
    assert_eq!(a.param("PublicKey"), Some(support::PUBLIC_KEY));
    assert!(a.signature_valid(support::PRIVATE_KEY));
    assert_eq!(a.param("RoleUrn"), Some(ROLE));
    assert_eq!(a.param("RoleSessionName"), Some("ci-run-42"));
    assert_eq!(a.param("DurationSeconds"), Some("3600"));
    assert_eq!(a.param("Policy"), Some(r#"{"Version":"1"}"#));
    assert_eq!(a.param("Region"), None, "AssumeRole takes no Region");
    assert_eq!(a.param("SecurityToken"), None);

    let calls: Vec<Recorded> = server
        .requests()
        .into_iter()
        .filter(|r| r.param("Action") == Some("DescribeThing"))
        .collect();
    assert_eq!(calls.len(), 2);
    for c in calls {
        assert_eq!(c.param("PublicKey"), Some("sts-pub-0"));
        assert_eq!(c.param("SecurityToken"), Some("sts-token-0"));
        assert!(c.signature_valid("sts-priv-0"));
        assert_eq!(c.param("Region"), Some("cn-bj2"));
    }
}

#[tokio::test]
async fn fifty_calls_with_expired_role_credentials_assume_the_role_once() {
    // The first credentials are already expired; the second ones last an hour and take
    // 300 ms to come.
    let server = server(|n| {
        if n == 0 {
            assume_role_answer(0, "2020-01-01T00:00:00Z".to_owned())
        } else {
            Reply::after(
                Duration::from_millis(300),
                assume_role_answer(n, iso_in(3600)),
            )
        }
    })
    .await;
    let client = support::client_with_provider(&server, role(&server));
    client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(assume_roles(&server).len(), 1);

    support::call_concurrently(&client, "DescribeThing", 50).await;
    assert_eq!(assume_roles(&server).len(), 2, "exactly one refresh");
    let signed_by_new = server
        .requests()
        .iter()
        .filter(|r| r.param("PublicKey") == Some("sts-pub-1") && r.signature_valid("sts-priv-1"))
        .count();
    assert_eq!(signed_by_new, 50);
}

async fn failure_of(assume: Reply) -> (Error, TestServer) {
    let server = server(move |_| assume.clone()).await;
    let client = support::client_with_provider(&server, role(&server));
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    (err, server)
}

#[tokio::test]
async fn failures_are_credentials_errors_naming_the_role_and_the_cause() {
    let cases = [
        (
            Reply::json(r#"{"RetCode": 171, "Message": "Signature VerifyAC Error"}"#)
                .with_request_id("rid-sts"),
            vec![
                "UCloud API error 171",
                "Signature VerifyAC Error",
                "rid-sts",
            ],
        ),
        (
            Reply::ok(json!({"Credentials": {}})),
            vec!["no Credentials.AccessKeyId"],
        ),
        (Reply::ok(json!({})), vec!["no Credentials object"]),
        (
            assume_role_answer(0, "next tuesday".to_owned()),
            vec!["Credentials.Expiration \"next tuesday\""],
        ),
        (
            Reply::status_json(403, "forbidden"),
            vec!["HTTP status 403"],
        ),
    ];
    for (reply, expected) in cases {
        let (err, server) = failure_of(reply).await;
        let Error::Credentials {
            provider,
            message,
            not_found,
        } = &err
        else {
            panic!("expected a credentials error, got {err:?}");
        };
        assert!(!not_found);
        assert!(provider.contains(ROLE), "{provider}");
        for e in expected {
            assert!(message.contains(e), "{e}: {message}");
        }
        let described = server
            .requests()
            .iter()
            .filter(|r| r.param("Action") == Some("DescribeThing"))
            .count();
        assert_eq!(described, 0, "nothing is sent without credentials");
    }
}

#[tokio::test]
async fn assume_role_is_retried_on_transient_errors() {
    let server = server(|n| match n {
        0 => Reply::status_json(503, "busy"),
        n => assume_role_answer(n, iso_in(3600)),
    })
    .await;
    let credentials = role(&server).provide_credentials().await.unwrap();
    assert_eq!(credentials.public_key(), "sts-pub-1");
    assert_eq!(assume_roles(&server).len(), 2);
}
