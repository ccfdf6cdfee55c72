//! The mock checks the replies a test gives as JSON against the action's response type, as
//! the client will decode them: an unknown key at any depth, a value of the wrong type or a
//! required field missing fails the call and the test, naming the JSON path (and the key
//! likely meant). Typed replies pass by construction; the pages' examples, error replies and
//! raw bodies are not checked; actions given without a response type are not either.

use serde_json::json;
use ucloud_sdk_runtime::testing::{
    ActionInfo, Mock, Reply, ResponseType, TypedAction, EXPECTATION_FAILED,
};
use ucloud_sdk_runtime::{model, open_enum, request, Client, Error};

const PRODUCT: &str = "uhost";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HostState {
    Running,
    Stopped,
    Unknown(String),
}
open_enum!(HostState { Running = "Running", Stopped = "Stopped" } Unknown);

#[derive(Clone)]
pub struct HostSet {
    pub uhost_id: String,
    pub state: Option<HostState>,
    pub disks: Vec<DiskSet>,
}
model!(HostSet: blank { uhost_id: "UHostId" Str, state: "State" OptEnum(HostState), disks: "DiskSet" Models(DiskSet) });

#[derive(Clone, Default)]
pub struct DiskSet {
    pub size: Option<i64>,
}
model!(DiskSet: default { size: "Size" OptInt });

#[derive(Clone, Default)]
pub struct DescribeResponse {
    pub total_count: Option<i64>,
    pub uhost_set: Vec<HostSet>,
    pub extra: Option<serde_json::Value>,
}
model!(DescribeResponse: default {
    total_count: "TotalCount" OptInt,
    uhost_set: "UHostSet" Models(HostSet),
    extra: "Extra" OptJson
});

#[derive(Clone, Default)]
pub struct DescribeRequest {
    pub limit: Option<i64>,
}
model!(DescribeRequest: default { limit: "Limit" OptInt });
request!(DescribeRequest => DescribeResponse, PRODUCT, "DescribeUHostInstance"; read_only = true);

static TYPED: &[TypedAction] = &[TypedAction::new(
    ActionInfo::new(
        PRODUCT,
        "DescribeUHostInstance",
        &[],
        // A page's example is UCloud's word: answered as it is, unknown key and all.
        Some(r#"{"RetCode": 0, "UHostSet": [{"UHostId": "uhost-page", "Extra2": 1}]}"#),
    ),
    ResponseType::of::<DescribeResponse>(),
)];

static UNTYPED: &[ActionInfo] = &[ActionInfo::new(PRODUCT, "DescribeUHostInstance", &[], None)];

fn client(mock: &Mock) -> Client {
    mock.client(mock.config().build().unwrap())
}

/// The message of the call's error, which must be the mock's failure.
async fn failure(mock: &Mock, reply: serde_json::Value) -> String {
    mock.expect("DescribeUHostInstance").returns(reply);
    let err = client(mock)
        .send(&DescribeRequest::default())
        .await
        .expect_err("the call fails");
    assert_eq!(err.ret_code(), Some(EXPECTATION_FAILED), "{err}");
    let failures = mock.take_failures();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        err.to_string().contains(&failures[0]),
        "{err} / {failures:?}"
    );
    failures[0].clone()
}

#[tokio::test]
async fn an_unknown_key_at_the_top_is_named_with_the_key_meant() {
    let mock = Mock::new(TYPED);
    let message = failure(&mock, json!({ "UhostSet": [{ "UHostId": "uhost-1" }] })).await;
    assert_eq!(
        message,
        "call #1 DescribeUHostInstance: the reply has a key DescribeResponse does not know: \
         `UhostSet` (did you mean `UHostSet`?)"
    );
}

#[tokio::test]
async fn a_nested_typo_is_named_by_its_path() {
    let mock = Mock::new(TYPED);
    let reply = json!({ "UHostSet": [{ "UHostId": "uhost-1", "Stat": "Running" }] });
    let message = failure(&mock, reply).await;
    assert!(
        message.ends_with("`UHostSet.0.Stat` (did you mean `State`?)"),
        "{message}"
    );
    // Deeper, with nothing near: the known keys there are listed.
    let reply = json!({ "UHostSet": [{ "UHostId": "u", "DiskSet": [{ "Capacity": 20 }] }] });
    let message = failure(&mock, reply).await;
    assert!(
        message.ends_with("`UHostSet.0.DiskSet.0.Capacity`; known keys there: Size"),
        "{message}"
    );
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_named_by_its_path() {
    let mock = Mock::new(TYPED);
    let message = failure(&mock, json!({ "TotalCount": "many" })).await;
    assert!(
        message.contains("the reply does not decode as DescribeResponse: at `TotalCount`:"),
        "{message}"
    );
    let message = failure(
        &mock,
        json!({ "UHostSet": [{ "UHostId": "u", "DiskSet": [{ "Size": [1] }] }] }),
    )
    .await;
    assert!(
        message.contains("at `UHostSet.0.DiskSet.0.Size`"),
        "{message}"
    );
}

#[tokio::test]
async fn a_required_field_missing_is_named() {
    let mock = Mock::new(TYPED);
    let message = failure(&mock, json!({ "UHostSet": [{ "State": "Running" }] })).await;
    assert!(
        message.contains("at `UHostSet.0`: missing field `UHostId`"),
        "{message}"
    );
}

#[tokio::test]
async fn verify_reports_a_bad_reply_like_a_bad_request() {
    let mock = Mock::new(TYPED);
    mock.expect("DescribeUHostInstance")
        .returns(json!({ "UhostSet": [] }));
    // Code under test that swallows the error still fails the test.
    let _ = client(&mock).send(&DescribeRequest::default()).await;
    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .err()
        .and_then(|p| p.downcast_ref::<String>().cloned())
        .expect("verify panics");
    assert!(report.contains("did you mean `UHostSet`?"), "{report}");
}

#[tokio::test]
async fn right_replies_pass_and_only_test_written_successes_are_checked() {
    let mock = Mock::new(TYPED);
    // Right JSON, with the envelope's own keys, lenient values and any JSON in a JSON field.
    mock.expect("DescribeUHostInstance").returns(json!({
        "Action": "DescribeUHostInstanceResponse", "RetCode": 0, "Message": "",
        "TotalCount": "1",
        "UHostSet": [{ "UHostId": "uhost-1", "State": "running", "DiskSet": [{ "Size": 20 }] }],
        "Extra": { "Anything": [1, { "Goes": true }] }
    }));
    // A typed reply passes by construction.
    let typed = DescribeResponse {
        uhost_set: vec![HostSet {
            uhost_id: "uhost-2".into(),
            state: Some(HostState::Stopped),
            disks: Vec::new(),
        }],
        ..DescribeResponse::default()
    };
    mock.expect("DescribeUHostInstance").returns(typed);
    // API errors and raw bodies are not responses to decode.
    mock.expect("DescribeUHostInstance").fails(230, "not found");
    mock.expect("DescribeUHostInstance")
        .replies(Reply::status(200, r#"{"RetCode": 0, "Whatever": 1}"#));
    let client = client(&mock);
    let req = DescribeRequest::default();
    let first = client.send(&req).await.unwrap();
    assert_eq!(first.uhost_set[0].state, Some(HostState::Running));
    assert_eq!(
        client.send(&req).await.unwrap().uhost_set[0].uhost_id,
        "uhost-2"
    );
    assert!(matches!(
        client.send(&req).await,
        Err(Error::Api { code: 230, .. })
    ));
    assert!(client.send(&req).await.is_ok());
    // The page's example, unknown key and all.
    let from_page = client.send(&req).await.unwrap();
    assert_eq!(from_page.uhost_set[0].uhost_id, "uhost-page");
    mock.verify();
}

#[tokio::test]
async fn actions_without_a_response_type_are_not_checked() {
    let mock = Mock::new(UNTYPED);
    mock.expect("DescribeUHostInstance")
        .returns(json!({ "UhostSet": [] }));
    client(&mock)
        .send(&DescribeRequest::default())
        .await
        .unwrap();
    mock.verify();
}
