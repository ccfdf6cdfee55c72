//! Retries: which failures, how many attempts, mutating actions, re-signing, backoff and
//! `Retry-After` within the call's timeout. The retry logic over the mock transport (waits
//! on tokio's paused clock, so they take no time); what is HTTP (a connection reset, a body
//! the connection cuts short, the timestamp header, `Retry-After` as a server sends it)
//! against a real server on 127.0.0.1.

use crate::support;

use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer, PRIVATE_KEY};
use ucloud_sdk_runtime::testing::{self, ActionInfo, Mock};
use ucloud_sdk_runtime::{Action, CallOptions, Client, Error, RetryPolicy};

static DESCRIBE: Action =
    Action::new("uhost", "DescribeUHostInstance", Action::REGION).with_read_only(true);
static CREATE: Action = Action::new("uhost", "CreateUHostInstance", Action::REGION);

/// What these tests call. They are about retries, so nothing is required.
static ACTIONS: &[ActionInfo] = &[
    info("DescribeUHostInstance"),
    info("CreateUHostInstance"),
    info("DeleteUHostInstance"),
    info("ListUHostInstance"),
];

const fn info(name: &'static str) -> ActionInfo {
    ActionInfo::new("uhost", name, &[], None)
}

async fn invoke(
    client: &Client,
    action: &'static Action,
) -> Result<ucloud_sdk_runtime::Response<serde_json::Value>, Error> {
    client.invoke_with_meta(action, &json!({"Name": "x"})).await
}

fn retry_3() -> RetryPolicy {
    support::quick_retries().with_max_attempts(3)
}

/// A mock that answers every call by name with the next of `replies`.
fn mock_answering(action: &str, replies: Vec<testing::Reply>) -> Mock {
    let mock = Mock::new(ACTIONS).without_examples();
    for reply in replies {
        mock.expect(action).replies(reply);
    }
    mock
}

fn mock_client(mock: &Mock, policy: RetryPolicy) -> Client {
    mock.client(
        support::mock_config(mock)
            .retry_policy(policy)
            .build()
            .unwrap(),
    )
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

fn busy(status: u16) -> testing::Reply {
    testing::Reply::status(status, "busy")
}

fn ok() -> testing::Reply {
    testing::Reply::ok(json!({}))
}

#[tokio::test]
async fn read_only_action_is_retried_until_success() {
    let mock = mock_answering(
        "DescribeUHostInstance",
        vec![
            busy(503),
            busy(502),
            testing::Reply::ok(json!({"TotalCount": 7})),
        ],
    );
    let resp = invoke(&mock_client(&mock, retry_3()), &DESCRIBE)
        .await
        .unwrap();
    assert_eq!(resp.value["TotalCount"], 7);
    assert_eq!(resp.attempts, 3);
    assert_eq!(mock.actions().len(), 3);
    mock.verify();
}

#[tokio::test]
async fn retries_stop_at_max_attempts_with_the_last_error() {
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeUHostInstance")
        .times(4)
        .fails(2001, "internal busy");
    let err = invoke(
        &mock_client(&mock, retry_3().with_max_attempts(4)),
        &DESCRIBE,
    )
    .await
    .unwrap_err();
    assert_eq!(err.ret_code(), Some(2001));
    mock.verify();
}

#[tokio::test]
async fn each_retryable_kind_is_retried() {
    let replies = [
        busy(429),
        busy(504),
        testing::Reply::api_error(5000, "try later"),
        testing::Reply::transport_error("connection reset by peer"),
        testing::Reply::connect_error("connection refused"),
    ];
    for first in replies {
        let mock = mock_answering("DescribeUHostInstance", vec![first.clone(), ok()]);
        let resp = invoke(&mock_client(&mock, retry_3()), &DESCRIBE).await;
        assert_eq!(resp.map(|r| r.attempts).ok(), Some(2), "{first:?}");
        mock.verify();
    }
}

#[tokio::test]
async fn non_retryable_failures_are_not_retried() {
    for reply in [
        testing::Reply::api_error(171, "Signature VerifyAC Error"),
        testing::Reply::status(500, "oops"),
        testing::Reply::status(400, "bad request"),
        testing::Reply::ok(json!({"RetCode": "zero"})),
        testing::Reply::status(200, "[0]"),
    ] {
        let mock = mock_answering("DescribeUHostInstance", vec![reply.clone()]);
        let err = invoke(&mock_client(&mock, retry_3()), &DESCRIBE)
            .await
            .unwrap_err();
        assert!(!err.is_retryable(), "{reply:?}");
        assert_eq!(mock.actions().len(), 1, "{reply:?}");
        mock.verify();
    }
}

#[tokio::test]
async fn mutating_action_is_not_retried_by_default() {
    let mock = mock_answering("CreateUHostInstance", vec![busy(503)]);
    let err = invoke(&mock_client(&mock, retry_3()), &CREATE)
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "retryable in kind, yet not retried");
    assert_eq!(mock.actions().len(), 1);
    mock.verify();

    // The generic call knows no spec: every action is mutating, whatever its name, until
    // the options say it may be retried.
    let mock = Mock::new(ACTIONS);
    mock.expect("DeleteUHostInstance").replies(busy(503));
    mock.expect("ListUHostInstance").replies(busy(503));
    mock.expect("ListUHostInstance").times(3).replies(busy(503));
    let client = mock_client(&mock, retry_3());
    client
        .call("DeleteUHostInstance", json!({}))
        .await
        .unwrap_err();
    client
        .call("ListUHostInstance", json!({}))
        .await
        .unwrap_err();
    client
        .with_options(CallOptions::new().retry_mutating(true))
        .call("ListUHostInstance", json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        mock.actions(),
        [
            "DeleteUHostInstance",
            "ListUHostInstance",
            "ListUHostInstance",
            "ListUHostInstance",
            "ListUHostInstance"
        ]
    );
    mock.verify();
}

#[tokio::test]
async fn mutating_action_is_retried_when_the_call_opts_in() {
    let mock = mock_answering("CreateUHostInstance", vec![busy(503), ok()]);
    let resp = mock_client(&mock, retry_3())
        .with_options(CallOptions::new().retry_mutating(true))
        .invoke_with_meta::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
    mock.verify();
}

#[tokio::test]
async fn mutating_action_is_retried_when_the_policy_opts_in() {
    let mock = mock_answering("CreateUHostInstance", vec![busy(502), ok()]);
    let resp = invoke(
        &mock_client(&mock, retry_3().with_retry_mutating(true)),
        &CREATE,
    )
    .await
    .unwrap();
    assert_eq!(resp.attempts, 2);
    mock.verify();
    // And a call can opt out again.
    let mock = mock_answering("CreateUHostInstance", vec![busy(502)]);
    mock_client(&mock, retry_3().with_retry_mutating(true))
        .with_options(CallOptions::new().retry_mutating(false))
        .invoke::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(mock.actions().len(), 1);
    mock.verify();
}

#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    // The mock checks the signature of every attempt it receives.
    let mock = mock_answering("DescribeUHostInstance", vec![busy(503), busy(503), ok()]);
    invoke(&mock_client(&mock, retry_3()), &DESCRIBE)
        .await
        .unwrap();
    assert_eq!(mock.actions().len(), 3);
    assert!(mock.failures().is_empty(), "{:?}", mock.failures());
    mock.verify();
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

#[tokio::test(start_paused = true)]
async fn backoff_does_not_outlive_the_call_timeout() {
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeUHostInstance").replies(busy(503));
    let policy = RetryPolicy::new()
        .with_max_attempts(10)
        .with_base_delay(Duration::from_secs(30))
        .with_max_delay(Duration::from_secs(30));
    let config = support::mock_config(&mock)
        .retry_policy(policy)
        .timeout(Duration::from_secs(2));
    let started = tokio::time::Instant::now();
    let err = invoke(&mock.client(config.build().unwrap()), &DESCRIBE)
        .await
        .unwrap_err();
    // The backoff (15 s or more) does not fit in 2 s: the last error is returned at once.
    assert!(
        matches!(err, Error::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(
        started.elapsed(),
        Duration::ZERO,
        "no wait on the paused clock"
    );
    mock.verify();
}

// --- Bodies cut short ------------------------------------------------------------------

/// A complete `DescribeUHostInstance`-like answer, and the same cut inside `UHostSet`.
fn full_and_cut() -> (String, testing::Reply) {
    let full = json!({
        "RetCode": 0,
        "TotalCount": 2,
        "UHostSet": [{"UHostId": "uhost-1", "Name": "a"}, {"UHostId": "uhost-2", "Name": "b"}]
    })
    .to_string();
    let cut = testing::Reply::status(200, &full[..full.find("uhost-2").unwrap()]);
    (full, cut)
}

#[tokio::test]
async fn a_read_only_call_whose_body_is_cut_short_is_retried_and_succeeds() {
    let (full, cut) = full_and_cut();
    // Cut inside the JSON, and not JSON at all (a proxy's page): each is retried.
    let html = testing::Reply::status(200, "<html>maintenance</html>");
    for first in [cut, html] {
        let mock = mock_answering(
            "DescribeUHostInstance",
            vec![first.clone(), testing::Reply::status(200, full.clone())],
        );
        let resp = invoke(&mock_client(&mock, retry_3()), &DESCRIBE)
            .await
            .unwrap_or_else(|e| panic!("{first:?}: {e}"));
        assert_eq!(resp.attempts, 2, "{first:?}");
        assert_eq!(resp.value["UHostSet"][1]["UHostId"], "uhost-2");
        mock.verify();
    }
}

#[tokio::test]
async fn a_body_the_connection_cuts_short_or_resets_is_retried() {
    let full = json!({"RetCode": 0, "TotalCount": 1}).to_string();
    // Over HTTP: the connection ends before the Content-Length, or is reset mid-body.
    let cut_by_connection = Reply::Raw(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{}",
            full.len(),
            &full[..10]
        )
        .into_bytes(),
    );
    let reset = Reply::ResetAfter(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{".to_vec());
    for first in [cut_by_connection, reset] {
        let server = TestServer::sequence(vec![first.clone(), Reply::json(full.clone())]).await;
        let resp = invoke(&client(&server, retry_3()), &DESCRIBE)
            .await
            .unwrap_or_else(|e| panic!("{first:?}: {e}"));
        assert_eq!(resp.attempts, 2, "{first:?}");
        assert_eq!(resp.value["TotalCount"], 1);
        assert_eq!(server.count(), 2);
    }
}

#[tokio::test]
async fn a_mutating_call_whose_body_is_cut_short_is_not_retried_unless_opted_in() {
    let (full, cut) = full_and_cut();
    let full = testing::Reply::status(200, full);
    let mock = mock_answering("CreateUHostInstance", vec![cut.clone()]);
    let err = invoke(&mock_client(&mock, retry_3()), &CREATE)
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
        mock.actions().len(),
        1,
        "the create may have happened: not repeated"
    );
    mock.verify();

    let mock = mock_answering("CreateUHostInstance", vec![cut, full]);
    let resp = mock_client(&mock, retry_3())
        .with_options(CallOptions::new().retry_mutating(true))
        .invoke_with_meta::<_, serde_json::Value>(&CREATE, &json!({}))
        .await
        .unwrap();
    assert_eq!(resp.attempts, 2);
    mock.verify();
}

#[tokio::test]
async fn when_retries_run_out_the_error_still_says_the_body_was_cut_short() {
    let (_, cut) = full_and_cut();
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeUHostInstance").times(3).replies(cut);
    let err = invoke(&mock_client(&mock, retry_3()), &DESCRIBE)
        .await
        .unwrap_err();
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
    mock.verify();
}

// --- Retry-After, the logic ------------------------------------------------------------

/// Calls `DescribeUHostInstance` on the paused clock within `timeout`: the first attempt
/// gets `first`, and a second one, if `retried`, succeeds (without it, a second attempt is
/// a failure of the mock). Returns the attempts or the error, and the time it took.
async fn after_first(
    first: testing::Reply,
    timeout: Duration,
    policy: RetryPolicy,
    retried: bool,
) -> (Result<u32, Error>, Duration, Mock) {
    let mock = Mock::new(ACTIONS).without_examples();
    mock.expect("DescribeUHostInstance").replies(first);
    if retried {
        mock.expect("DescribeUHostInstance").replies(ok());
    }
    let config = support::mock_config(&mock)
        .retry_policy(policy)
        .timeout(timeout);
    let client = mock.client(config.build().unwrap());
    let started = tokio::time::Instant::now();
    let result = invoke(&client, &DESCRIBE).await.map(|r| r.attempts);
    (result, started.elapsed(), mock)
}

#[tokio::test(start_paused = true)]
async fn retry_after_longer_than_the_backoff_is_waited_exactly() {
    let first = busy(503).header("Retry-After", "7");
    let (result, took, mock) = after_first(first, Duration::from_secs(20), retry_3(), true).await;
    assert_eq!(result.unwrap(), 2);
    assert_eq!(took, Duration::from_secs(7));
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn retry_after_shorter_than_the_backoff_leaves_the_backoff() {
    let first = busy(429).header("Retry-After", "0");
    let policy = RetryPolicy::new().with_base_delay(Duration::from_secs(2));
    let (result, took, mock) = after_first(first, Duration::from_secs(20), policy, true).await;
    assert_eq!(result.unwrap(), 2);
    // The first backoff: half of 2 s and up to 1 s of jitter.
    assert!(
        (Duration::from_secs(1)..=Duration::from_secs(2)).contains(&took),
        "{took:?}"
    );
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn retry_after_past_the_deadline_returns_the_error_at_once() {
    let first = busy(503).header("Retry-After", "30");
    let (result, took, mock) = after_first(first, Duration::from_secs(20), retry_3(), false).await;
    assert!(
        matches!(result, Err(Error::HttpStatus { status: 503, .. })),
        "{result:?}"
    );
    assert_eq!(took, Duration::ZERO);
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn retry_after_does_not_make_a_failure_retryable() {
    // A 500 is not retried, nor a mutating action without the opt-in, whatever the header.
    let (result, took, mock) = after_first(
        busy(500).header("Retry-After", "1"),
        Duration::from_secs(20),
        retry_3(),
        false,
    )
    .await;
    assert!(matches!(result, Err(Error::HttpStatus { status: 500, .. })));
    assert_eq!(took, Duration::ZERO);
    mock.verify();

    let mock = Mock::new(ACTIONS).without_examples();
    mock.expect("CreateUHostInstance")
        .replies(busy(503).header("Retry-After", "1"));
    let err = invoke(&mock_client(&mock, retry_3()), &CREATE)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::HttpStatus { status: 503, .. }));
    mock.verify();
}

// --- Retry-After over HTTP--------------------------------------------------------------------

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
