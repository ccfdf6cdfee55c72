//! Timeouts against servers that accept and never answer (or stall mid-body, or answer
//! late): the timeout fires, nothing hangs, and a stalled attempt is retried while the call
//! still has time.

use crate::support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::{Action, CallOptions, Client, Error, RetryPolicy};

static DESCRIBE: Action = Action::new("uhost", "DescribeUHostInstance", 0).with_read_only(true);
static CREATE: Action = Action::new("uhost", "CreateUHostInstance", 0);

/// Far above any timeout used here: a test that takes this long has hung.
const GENEROUS: Duration = Duration::from_secs(15);

fn client_with_timeout(server: &TestServer, timeout: Duration) -> Client {
    Client::new(support::config(server).timeout(timeout).build().unwrap()).unwrap()
}

async fn describe(
    client: &Client,
) -> Result<ucloud_sdk_runtime::Response<serde_json::Value>, Error> {
    client.invoke_with_meta(&DESCRIBE, &json!({})).await
}

#[tokio::test]
async fn silent_server_times_out() {
    let server = TestServer::always(Reply::Hang).await;
    let client = client_with_timeout(&server, Duration::from_millis(300));
    let started = Instant::now();
    let err = describe(&client).await.unwrap_err();
    match &err {
        Error::Timeout {
            action, attempts, ..
        } => {
            assert_eq!(action, "DescribeUHostInstance");
            // Each attempt that may be retried gets a third of the call, the last one
            // what is left (fewer attempts if a backoff would not fit).
            assert!((1..=3).contains(attempts), "{attempts}");
            assert_eq!(*attempts as usize, server.count());
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < GENEROUS);
}

#[tokio::test]
async fn a_call_that_cannot_be_retried_gets_one_attempt_of_the_whole_timeout() {
    let server = TestServer::always(Reply::Hang).await;
    let client = client_with_timeout(&server, Duration::from_millis(300));
    let err = client
        .invoke::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert_eq!(server.count(), 1);
}

/// The default per-attempt timeout: a read-only call whose first attempt stalls is retried
/// and succeeds before its deadline (1.5 s; each attempt may take 0.5 s).
#[tokio::test]
async fn a_stalled_attempt_is_retried_within_the_deadline() {
    for stall in [
        Reply::Hang,
        Reply::after(Duration::from_secs(30), Reply::ok(json!({"TotalCount": 0}))),
        Reply::HangAfter(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"RetCode\":0,".to_vec()),
    ] {
        let server =
            TestServer::sequence(vec![stall.clone(), Reply::ok(json!({"TotalCount": 1}))]).await;
        let client = client_with_timeout(&server, Duration::from_millis(1500));
        let resp = describe(&client)
            .await
            .unwrap_or_else(|e| panic!("{stall:?}: {e}"));
        assert_eq!(resp.attempts, 2);
        assert_eq!(resp.value["TotalCount"], 1);
        assert_eq!(server.count(), 2);
    }
}

/// A mutating call is not retried, so the default does not cut its one attempt short: a
/// slow answer (0.7 s, more than a third of the 1.5 s call) still arrives.
#[tokio::test]
async fn a_slow_mutating_call_is_not_cut_short() {
    let server = TestServer::always(Reply::after(
        Duration::from_millis(700),
        Reply::ok(json!({"UHostIds": ["uhost-1"]})),
    ))
    .await;
    let client = client_with_timeout(&server, Duration::from_millis(1500));
    let resp = client
        .invoke_with_meta::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap();
    assert_eq!(resp.attempts, 1);
    assert_eq!(resp.value["UHostIds"][0], "uhost-1");
}

#[tokio::test]
async fn server_stalling_mid_body_times_out() {
    let server = TestServer::always(Reply::HangAfter(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"RetCode\":0,".to_vec(),
    ))
    .await;
    let client = client_with_timeout(&server, Duration::from_millis(300));
    let started = Instant::now();
    let err = describe(&client).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < GENEROUS);
}

#[tokio::test]
async fn per_call_timeout_overrides_the_client() {
    let server = TestServer::always(Reply::Hang).await;
    let client = client_with_timeout(&server, Duration::from_secs(600));
    let started = Instant::now();
    let err =
        describe(&client.with_options(CallOptions::new().timeout(Duration::from_millis(200))))
            .await
            .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < GENEROUS);
}

#[tokio::test]
async fn attempt_timeout_lets_a_read_only_call_retry() {
    let server = TestServer::sequence(vec![Reply::Hang, Reply::ok(json!({"TotalCount": 1}))]).await;
    let policy = RetryPolicy::new()
        .with_base_delay(Duration::from_millis(5))
        .with_attempt_timeout(Some(Duration::from_millis(300)));
    let client = Client::new(
        support::config(&server)
            .retry_policy(policy)
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = Instant::now();
    let resp = describe(&client).await.unwrap();
    assert_eq!(resp.attempts, 2);
    assert_eq!(resp.value["TotalCount"], 1);
    assert!(started.elapsed() < GENEROUS);
}

#[tokio::test]
async fn attempt_timeout_does_not_retry_a_mutating_call() {
    let server = TestServer::sequence(vec![Reply::Hang, Reply::ok(json!({}))]).await;
    let policy = RetryPolicy::new().with_attempt_timeout(Some(Duration::from_millis(200)));
    let client = Client::new(
        support::config(&server)
            .retry_policy(policy)
            .build()
            .unwrap(),
    )
    .unwrap();
    let err = client
        .invoke::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn many_concurrent_calls_all_time_out() {
    let server = TestServer::always(Reply::Hang).await;
    let client = client_with_timeout(&server, Duration::from_millis(300));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let c = client.clone();
        tasks.push(tokio::spawn(
            async move { c.call("DescribeX", json!({})).await },
        ));
    }
    for t in tasks {
        assert!(matches!(t.await.unwrap(), Err(Error::Timeout { .. })));
    }
    assert!(started.elapsed() < GENEROUS);
    assert!(server.count() >= 20, "every call reached the server");
}
