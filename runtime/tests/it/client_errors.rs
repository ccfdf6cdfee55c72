//! Every error kind. Those that come from what the answer says (`RetCode`, status, a body
//! that is not a response) over the mock transport; those of HTTP (connections, framing,
//! size limits while streaming, redirects) from real (and hostile) servers on 127.0.0.1.

use crate::support;

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::testing::{self, ActionInfo, Mock};
use ucloud_sdk_runtime::{Action, CallOptions, Client, Error, RetryPolicy};

static ACTIONS: &[ActionInfo] = &[ActionInfo::new("uhub", "GetRepoImage", &["RepoName"], None)];

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Image {
    image_name: Option<String>,
    pull_count: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct GetRepoImageResponse {
    total_count: Option<i64>,
    image_set: Vec<Image>,
}

static GET_REPO_IMAGE: Action = Action::new("uhub", "GetRepoImage", Action::PROJECT_ID);

async fn get(client: &Client) -> Result<GetRepoImageResponse, Error> {
    client
        .invoke(&GET_REPO_IMAGE, &json!({"RepoName": "r"}))
        .await
}

/// A client that does not retry, so each test sees exactly one attempt.
fn single_shot(server: &TestServer) -> Client {
    support::client(server).with_options(CallOptions::new().retry_policy(RetryPolicy::no_retry()))
}

/// The mock's answer to one `GetRepoImage` call with `reply`, from a client that does not
/// retry.
async fn answered(reply: testing::Reply) -> Result<GetRepoImageResponse, Error> {
    let mock = Mock::new(ACTIONS);
    mock.expect("GetRepoImage").replies(reply);
    let config = support::mock_config(&mock).retry_policy(RetryPolicy::no_retry());
    let result = get(&mock.client(config.build().unwrap())).await;
    mock.verify();
    result
}

#[tokio::test]
async fn api_error_carries_code_message_action_and_request_id() {
    let reply = testing::Reply::api_error(8039, "repo not exist").request_id("rid-42");
    let err = answered(reply).await.unwrap_err();
    match &err {
        Error::Api {
            code,
            message,
            action,
            request_id,
        } => {
            assert_eq!(*code, 8039);
            assert_eq!(message, "repo not exist");
            assert_eq!(action, "GetRepoImage");
            assert_eq!(request_id.as_deref(), Some("rid-42"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.request_id(), Some("rid-42"));
    assert!(err.to_string().contains("repo not exist"));
}

#[tokio::test]
async fn ret_code_as_string_is_understood() {
    let reply = testing::Reply::ok(json!({"RetCode": "171", "Message": "bad sig"}));
    let err = answered(reply).await.unwrap_err();
    assert_eq!(err.ret_code(), Some(171));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn http_500_with_html_page_is_a_status_error_with_a_bounded_excerpt() {
    let page = format!(
        "<html><head><title>500 Internal Server Error</title></head><body>{}</body></html>",
        "x".repeat(10_000)
    );
    let mock = Mock::new(ACTIONS);
    mock.expect("GetRepoImage")
        .replies(testing::Reply::status(500, page).request_id("rid-500"));
    // With the default retries: 500 is not retryable, even for a read-only action.
    let err = get(&mock.client(mock.config().build().unwrap()))
        .await
        .unwrap_err();
    match &err {
        Error::HttpStatus {
            status,
            body_excerpt,
            request_id,
            ..
        } => {
            assert_eq!(*status, 500);
            assert!(
                body_excerpt.starts_with("<html><head><title>500"),
                "{body_excerpt}"
            );
            assert!(body_excerpt.len() <= ucloud_sdk_runtime::error::BODY_EXCERPT_LIMIT);
            assert_eq!(request_id.as_deref(), Some("rid-500"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.is_retryable());
    assert_eq!(mock.actions().len(), 1);
    mock.verify();
}

#[tokio::test]
async fn html_page_with_status_200_is_a_malformed_body() {
    let page = "<!DOCTYPE html><html><body>Gateway maintenance</body></html>";
    let err = answered(testing::Reply::status(200, page))
        .await
        .unwrap_err();
    match &err {
        Error::MalformedBody {
            truncated,
            message,
            body_excerpt,
            ..
        } => {
            assert!(!truncated);
            assert!(message.contains("expected value"), "{message}");
            assert!(body_excerpt.contains("Gateway maintenance"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("is not JSON"), "{err}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn truncated_json_is_a_malformed_body_that_says_so() {
    let body = r#"{"RetCode":0,"TotalCount":3,"ImageSet":[{"ImageName":"a"#;
    let err = answered(testing::Reply::status(200, body))
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
    let text = err.to_string();
    assert!(text.contains("cut short"), "{text}");
    assert!(text.contains("ImageName"), "excerpt shown: {text}");
}

#[tokio::test]
async fn body_shorter_than_its_content_length_is_a_transport_error() {
    let server = TestServer::always(Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"RetCode\":0,\"Tot"
            .to_vec(),
    ))
    .await;
    let err = get(&single_shot(&server)).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());
    let text = err.to_string();
    assert!(
        text.contains("the response body was cut short after") && text.contains(" of 500 bytes"),
        "{text}"
    );
}

#[tokio::test]
async fn empty_body_is_a_malformed_body() {
    let err = answered(testing::Reply::status(200, "")).await.unwrap_err();
    match &err {
        Error::MalformedBody {
            message, truncated, ..
        } => {
            assert!(message.contains("empty"), "{message}");
            assert!(truncated);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn json_without_ret_code_or_not_an_object_is_a_decode_error() {
    for body in [
        r#"{"error":"proxy says no"}"#,
        "[1,2,3]",
        r#"{"RetCode":"zero"}"#,
    ] {
        let err = answered(testing::Reply::status(200, body))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
    }
}

#[tokio::test]
async fn field_that_cannot_be_decoded_names_its_path() {
    let reply = testing::Reply::ok(json!({
        "TotalCount": 2,
        "ImageSet": [{"ImageName": "a", "PullCount": 1}, {"ImageName": "b", "PullCount": "many"}]
    }));
    let err = answered(reply).await.unwrap_err();
    match &err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "ImageSet.1.PullCount");
            assert!(message.contains("many"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

/// Several hundred MB offered; the client must stop near the limit.
async fn huge_body(declare_length: bool) {
    const TOTAL: u64 = 512 * 1024 * 1024;
    const LIMIT: u64 = 1024 * 1024;
    let server = TestServer::always(Reply::Stream {
        total: TOTAL,
        declare_length,
    })
    .await;
    let client = Client::new(
        support::config(&server)
            .max_body_size(LIMIT)
            .build()
            .unwrap(),
    )
    .unwrap();
    let started = Instant::now();
    let err = get(&client).await.unwrap_err();
    match &err {
        Error::BodyTooLarge { limit, .. } => assert_eq!(*limit, LIMIT),
        other => panic!("{other:?}"),
    }
    assert!(!err.is_retryable());
    assert_eq!(server.count(), 1, "not retried");
    assert!(started.elapsed() < Duration::from_secs(30));
    // The client stopped reading and closed the connection: once the server's writes
    // fail, it has pushed no more than the limit plus what socket buffers hold (a few
    // MB), far from the 512 MB offered.
    tokio::time::timeout(Duration::from_secs(60), server.stream_finished())
        .await
        .expect("the server noticed that the client went away");
    let streamed = server.streamed();
    assert!(
        streamed < 64 * 1024 * 1024,
        "server pushed {streamed} bytes"
    );
}

#[tokio::test]
async fn huge_chunked_body_is_refused_while_streaming() {
    huge_body(false).await;
}

#[tokio::test]
async fn huge_body_with_content_length_is_refused_up_front() {
    huge_body(true).await;
}

#[tokio::test]
async fn body_just_under_the_limit_is_accepted() {
    let filler = " ".repeat(1000);
    let body = format!(r#"{{"RetCode":0,"TotalCount":1}}{filler}"#);
    let limit = body.len() as u64;
    let server = TestServer::always(Reply::json(body)).await;
    let client = Client::new(
        support::config(&server)
            .max_body_size(limit)
            .build()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(get(&client).await.unwrap().total_count, Some(1));
    let client = Client::new(
        support::config(&server)
            .max_body_size(limit - 1)
            .build()
            .unwrap(),
    )
    .unwrap();
    assert!(matches!(
        get(&client).await,
        Err(Error::BodyTooLarge { .. })
    ));
}

#[tokio::test]
async fn connection_reset_mid_body_is_a_transport_error() {
    let server = TestServer::always(Reply::ResetAfter(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"RetCode\":0,\"ImageSet\":[".to_vec(),
    ))
    .await;
    let err = get(&single_shot(&server)).await.unwrap_err();
    match &err {
        Error::Transport { message, .. } => assert!(!message.is_empty()),
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
}

#[tokio::test]
async fn redirect_to_another_host_is_not_followed() {
    let elsewhere = TestServer::always(Reply::ok(json!({"TotalCount": 1}))).await;
    for status in [301, 302, 307] {
        let server = TestServer::always(Reply::Http {
            status,
            headers: vec![(
                "Location".into(),
                format!(
                    "http://localhost:{}/",
                    elsewhere.url().rsplit(':').next().unwrap()
                ),
            )],
            body: Vec::new(),
        })
        .await;
        let err = get(&support::client(&server)).await.unwrap_err();
        match &err {
            Error::HttpStatus { status: s, .. } => assert_eq!(*s, status),
            other => panic!("{other:?}"),
        }
        assert_eq!(server.count(), 1);
    }
    assert_eq!(
        elsewhere.count(),
        0,
        "the redirect target was never contacted"
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_marked_as_connect() {
    // Bind, learn the port, close: nothing listens there any more.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = ucloud_sdk_runtime::Config::builder()
        .credentials(ucloud_sdk_runtime::Credentials::new("pub", "priv"))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::no_retry())
        .build()
        .unwrap();
    let err = get(&Client::new(config).unwrap()).await.unwrap_err();
    match &err {
        Error::Transport { connect, .. } => assert!(*connect),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn errors_from_status_502_503_504_429_are_retryable() {
    for status in [429, 502, 503, 504] {
        let err = answered(testing::Reply::status(status, "{}"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::HttpStatus { .. }), "{err:?}");
        assert!(err.is_retryable(), "{status}");
    }
}

#[tokio::test]
async fn a_body_over_the_limit_from_any_transport_is_refused() {
    // A transport that ignores the limit (the mock does) still gets the client's check.
    let mock = Mock::new(ACTIONS);
    let body = format!(r#"{{"RetCode":0,"TotalCount":1}}{}"#, " ".repeat(100));
    let limit = body.len() as u64 - 1;
    mock.expect("GetRepoImage")
        .replies(testing::Reply::status(200, body).request_id("rid-big"));
    let config = mock.config().max_body_size(limit).build().unwrap();
    match get(&mock.client(config)).await {
        Err(Error::BodyTooLarge {
            limit: l,
            request_id,
            ..
        }) => assert_eq!((l, request_id.as_deref()), (limit, Some("rid-big"))),
        other => panic!("{other:?}"),
    }
    mock.verify();
}
