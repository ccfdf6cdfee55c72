//! Retries: which failures, how many attempts, mutating actions, re-signing.

mod support;

use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer, PRIVATE_KEY};
use ucloud_sdk_runtime::{Action, CallOptions, Client, Error, RetryPolicy};

static DESCRIBE: Action = Action::new("uhost", "DescribeUHostInstance", Action::REGION);
static CREATE: Action = Action::new("uhost", "CreateUHostInstance", Action::REGION);

async fn invoke(
    client: &Client,
    action: &'static Action,
) -> Result<ucloud_sdk_runtime::Response<serde_json::Value>, Error> {
    client.invoke_with_meta(action, &json!({"Name": "x"})).await
}

fn retry_3() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20))
}

fn client(server: &TestServer, policy: RetryPolicy) -> Client {
    Client::new(
        support::config(server)
            .retry_policy(policy)
            .build()
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn read_only_action_is_retried_until_success() {
    let server = TestServer::sequence(vec![
        Reply::status_json(503, "busy"),
        Reply::status_json(502, "bad gateway"),
        Reply::ok(json!({"TotalCount": 7})),
    ])
    .await;
    let resp = invoke(&client(&server, retry_3()), &DESCRIBE)
        .await
        .unwrap();
    assert_eq!(resp.value["TotalCount"], 7);
    assert_eq!(resp.attempts, 3);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn retries_stop_at_max_attempts_with_the_last_error() {
    let server =
        TestServer::always(Reply::json(r#"{"RetCode":2001,"Message":"internal busy"}"#)).await;
    let err = invoke(&client(&server, retry_3().with_max_attempts(4)), &DESCRIBE)
        .await
        .unwrap_err();
    assert_eq!(err.ret_code(), Some(2001));
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn each_retryable_kind_is_retried() {
    let replies = [
        Reply::status_json(429, "slow down"),
        Reply::status_json(504, "gateway timeout"),
        Reply::json(r#"{"RetCode":5000,"Message":"try later"}"#),
        Reply::ResetAfter(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{".to_vec()),
    ];
    for first in replies {
        let server = TestServer::sequence(vec![first.clone(), Reply::ok(json!({}))]).await;
        let resp = invoke(&client(&server, retry_3()), &DESCRIBE).await;
        assert!(resp.is_ok(), "{first:?}: {resp:?}");
        assert_eq!(server.count(), 2, "{first:?}");
    }
}

#[tokio::test]
async fn non_retryable_failures_are_not_retried() {
    for reply in [
        Reply::json(r#"{"RetCode":171,"Message":"Signature VerifyAC Error"}"#),
        Reply::status_json(500, "oops"),
        Reply::status_json(400, "bad request"),
        Reply::json(r#"{"RetCode":"zero"}"#),
        Reply::json("[0]"),
    ] {
        let server = TestServer::always(reply.clone()).await;
        let err = invoke(&client(&server, retry_3()), &DESCRIBE)
            .await
            .unwrap_err();
        assert!(!err.is_retryable(), "{reply:?}");
        assert_eq!(server.count(), 1, "{reply:?}");
    }
}

#[tokio::test]
async fn mutating_action_is_not_retried_by_default() {
    let server = TestServer::always(Reply::status_json(503, "busy")).await;
    let err = invoke(&client(&server, retry_3()), &CREATE)
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "retryable in kind, yet not retried");
    assert_eq!(server.count(), 1);

    // The generic call applies the same rule by name.
    let server = TestServer::always(Reply::status_json(503, "busy")).await;
    client(&server, retry_3())
        .call("DeleteUHostInstance", json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);
    client(&server, retry_3())
        .call("ListUHostInstance", json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn mutating_action_is_retried_when_the_call_opts_in() {
    let server =
        TestServer::sequence(vec![Reply::status_json(503, "busy"), Reply::ok(json!({}))]).await;
    let c = client(&server, retry_3());
    let resp = c
        .with_options(CallOptions::new().retry_mutating(true))
        .invoke_with_meta::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn mutating_action_is_retried_when_the_policy_opts_in() {
    let server =
        TestServer::sequence(vec![Reply::status_json(502, "x"), Reply::ok(json!({}))]).await;
    let resp = invoke(
        &client(&server, retry_3().with_retry_mutating(true)),
        &CREATE,
    )
    .await
    .unwrap();
    assert_eq!(resp.attempts, 2);
    // And a call can opt out again.
    let server = TestServer::always(Reply::status_json(502, "x")).await;
    let c = client(&server, retry_3().with_retry_mutating(true));
    c.with_options(CallOptions::new().retry_mutating(false))
        .invoke::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn every_attempt_is_signed_with_a_fresh_timestamp() {
    let server = TestServer::sequence(vec![
        Reply::status_json(503, "busy"),
        Reply::status_json(503, "busy"),
        Reply::ok(json!({})),
    ])
    .await;
    let policy = retry_3()
        .with_base_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(40));
    invoke(&client(&server, policy), &DESCRIBE).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let stamps: Vec<u128> = requests
        .iter()
        .map(|r| r.header("u-timestamp-ms").unwrap().parse().unwrap())
        .collect();
    for r in &requests {
        assert!(r.signature_valid(PRIVATE_KEY));
    }
    // Backoff (at least 10 ms) separates the attempts, so each stamp is newer.
    assert!(stamps[0] < stamps[1] && stamps[1] < stamps[2], "{stamps:?}");
}

#[tokio::test]
async fn backoff_does_not_outlive_the_call_timeout() {
    let server = TestServer::always(Reply::status_json(503, "busy")).await;
    let policy = RetryPolicy::new()
        .with_max_attempts(10)
        .with_base_delay(Duration::from_secs(30))
        .with_max_delay(Duration::from_secs(30));
    let c = Client::new(
        support::config(&server)
            .retry_policy(policy)
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let err = invoke(&c, &DESCRIBE).await.unwrap_err();
    // The backoff (15 s or more) does not fit in 2 s: the last error is returned at once.
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(server.count(), 1);
    assert!(started.elapsed() < Duration::from_secs(10));
}

// --- Bodies cut short ------------------------------------------------------------------

/// A complete `DescribeUHostInstance`-like answer, and the same cut inside `UHostSet`.
fn full_and_cut() -> (String, Reply) {
    let full = json!({
        "RetCode": 0,
        "TotalCount": 2,
        "UHostSet": [{"UHostId": "uhost-1", "Name": "a"}, {"UHostId": "uhost-2", "Name": "b"}]
    })
    .to_string();
    let cut = Reply::truncated(&full, full.find("uhost-2").unwrap());
    (full, cut)
}

#[tokio::test]
async fn a_read_only_call_whose_body_is_cut_short_is_retried_and_succeeds() {
    let (full, cut) = full_and_cut();
    // Cut inside the JSON with the right Content-Length, cut by the connection before its
    // Content-Length, and not JSON at all (a proxy's page): each is retried.
    let cut_by_connection = Reply::Raw(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{}",
            full.len(),
            &full[..20]
        )
        .into_bytes(),
    );
    let html = Reply::Http {
        status: 200,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: b"<html>maintenance</html>".to_vec(),
    };
    for first in [cut, cut_by_connection, html] {
        let server = TestServer::sequence(vec![first.clone(), Reply::json(full.clone())]).await;
        let resp = invoke(&client(&server, retry_3()), &DESCRIBE)
            .await
            .unwrap_or_else(|e| panic!("{first:?}: {e}"));
        assert_eq!(resp.attempts, 2, "{first:?}");
        assert_eq!(resp.value["UHostSet"][1]["UHostId"], "uhost-2");
        assert_eq!(server.count(), 2);
    }
}

#[tokio::test]
async fn a_mutating_call_whose_body_is_cut_short_is_not_retried_unless_opted_in() {
    let (full, cut) = full_and_cut();
    let server = TestServer::sequence(vec![cut.clone(), Reply::json(full.clone())]).await;
    let err = invoke(&client(&server, retry_3()), &CREATE)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::MalformedBody {
                truncated: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        server.count(),
        1,
        "the create may have happened: not repeated"
    );

    let server = TestServer::sequence(vec![cut, Reply::json(full)]).await;
    let resp = client(&server, retry_3())
        .with_options(CallOptions::new().retry_mutating(true))
        .invoke_with_meta::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
}

#[tokio::test]
async fn when_retries_run_out_the_error_still_says_the_body_was_cut_short() {
    let (_, cut) = full_and_cut();
    let server = TestServer::always(cut).await;
    let err = invoke(&client(&server, retry_3()), &DESCRIBE)
        .await
        .unwrap_err();
    assert_eq!(server.count(), 3);
    match &err {
        Error::MalformedBody {
            truncated,
            body_excerpt,
            ..
        } => {
            assert!(truncated);
            assert!(body_excerpt.contains("uhost-1"), "{body_excerpt}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("cut short"), "{err}");
}

// --- Retry-After -------------------------------------------------------------------------

/// The gap between the first two requests, by the clock the client stamps them with.
fn gap_ms(server: &TestServer) -> u128 {
    let stamps: Vec<u128> = server
        .requests()
        .iter()
        .map(|r| r.header("u-timestamp-ms").unwrap().parse().unwrap())
        .collect();
    stamps[1] - stamps[0]
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_before_the_next_attempt() {
    let server = TestServer::sequence(vec![
        Reply::status_json(503, "busy").with_header("Retry-After", "1"),
        Reply::ok(json!({"TotalCount": 1})),
    ])
    .await;
    // The backoff alone would be 5 ms or less.
    let resp = invoke(&client(&server, retry_3()), &DESCRIBE)
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
    assert!(gap_ms(&server) >= 1000, "{} ms", gap_ms(&server));
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_until() {
    // Made when the reply is, two seconds ahead: whole seconds, so at least one second
    // after the client reads it.
    let server = TestServer::start(|_, n| {
        let at = std::time::SystemTime::now() + Duration::from_secs(2);
        match n {
            0 => Reply::status_json(429, "slow down")
                .with_header("Retry-After", &httpdate::fmt_http_date(at)),
            _ => Reply::ok(json!({})),
        }
    })
    .await;
    let resp = invoke(&client(&server, retry_3()), &DESCRIBE)
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
    let gap = gap_ms(&server);
    assert!((950..4000).contains(&gap), "{gap} ms");
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_ends_the_call_with_the_error() {
    let server =
        TestServer::always(Reply::status_json(503, "busy").with_header("Retry-After", "120")).await;
    let c = Client::new(
        support::config(&server)
            .retry_policy(retry_3())
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let err = invoke(&c, &DESCRIBE).await.unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(server.count(), 1, "not retried");
    // Returned at once rather than at the deadline.
    assert!(started.elapsed() < Duration::from_secs(4));
}
