//! The mock transport of the `testing` feature, as a user's test uses it: what it checks,
//! what it records, how it answers and how its failures surface. The action tables are
//! written by hand here; `ucloud-sdk` generates them from the documentation.

use serde::{Deserialize, Serialize};
use serde_json::json;
use ucloud_sdk_runtime::testing::{
    ActionInfo, Mock, Reply, EXPECTATION_FAILED, MISSING_PARAMETER, SIGNATURE_ERROR, UNKNOWN_ACTION,
};
use ucloud_sdk_runtime::{Action, CallOptions, Client, Credentials, Error, RetryPolicy, Secret};

const DESCRIBE_EXAMPLE: &str = r#"{"Action": "DescribeUHostInstanceResponse", "RetCode": 0,
    "TotalCount": 1, "UHostSet": [{"UHostId": "uhost-example", "State": "Running"}]}"#;

static ACTIONS: &[ActionInfo] = &[
    ActionInfo::new(
        "uhost",
        "CreateUHostInstance",
        &[
            "Region",
            "Zone",
            "ImageId",
            "LoginMode",
            "Disks",
            "Disks.N.IsBoot",
            "Disks.N.Type",
            "Disks.N.Size",
        ],
        Some(r#"{"RetCode": 0, "UHostIds": ["uhost-from-the-page"]}"#),
    ),
    ActionInfo::new(
        "uhost",
        "DescribeUHostInstance",
        &["Region"],
        Some(DESCRIBE_EXAMPLE),
    ),
    ActionInfo::new(
        "uhost",
        "StopUHostInstance",
        &["Region", "Zone", "UHostId"],
        None,
    ),
    // Two products with an action of the same name and different requirements.
    ActionInfo::new("ulb", "DescribeThing", &["A", "B"], None),
    ActionInfo::new("unet", "DescribeThing", &["A"], None),
];

static CREATE: Action = Action::new(
    "uhost",
    "CreateUHostInstance",
    Action::REGION | Action::REGION_REQUIRED | Action::ZONE | Action::ZONE_REQUIRED,
);
static DESCRIBE: Action =
    Action::new("uhost", "DescribeUHostInstance", Action::REGION).with_read_only(true);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Disk {
    is_boot: String,
    #[serde(rename = "Type")]
    kind: String,
    size: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRequest {
    image_id: String,
    login_mode: String,
    /// Sent base64-encoded, as the page says: a type of your own encodes it itself.
    password: Secret,
    disks: Vec<Disk>,
}

/// Serialises as UCloud's response does: what a test hands the mock.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct CreateResponse {
    #[serde(rename = "UHostIds")]
    uhost_ids: Vec<String>,
}

fn create_request() -> CreateRequest {
    CreateRequest {
        image_id: "uimage-1".into(),
        login_mode: "Password".into(),
        password: Secret::new(base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            "UCloud.cn",
        )),
        disks: vec![Disk {
            is_boot: "True".into(),
            kind: "CLOUD_SSD".into(),
            size: 20,
        }],
    }
}

/// A client of `mock` with a region and a zone, and no retries.
fn client(mock: &Mock) -> Client {
    let config = mock
        .config()
        .region("cn-bj2")
        .zone("cn-bj2-04")
        .retry_policy(RetryPolicy::no_retry())
        .build()
        .unwrap();
    mock.client(config)
}

async fn create(client: &Client, req: &CreateRequest) -> Result<CreateResponse, Error> {
    client.invoke(&CREATE, req).await
}

fn api_error(err: &Error) -> (i64, &str) {
    match err {
        Error::Api { code, message, .. } => (*code, message.as_str()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

// --- Answers and records -----------------------------------------------------------------

#[tokio::test]
async fn a_typed_reply_answers_and_the_call_is_recorded_as_sent() {
    let mock = Mock::new(ACTIONS);
    mock.expect("CreateUHostInstance")
        .param("ImageId", "uimage-1")
        .param("Disks.0.Size", 20)
        .returns(CreateResponse {
            uhost_ids: vec!["uhost-1".into()],
        });
    let client = client(&mock);
    let response = create(&client, &create_request()).await.unwrap();
    assert_eq!(response.uhost_ids, ["uhost-1"]);

    let calls = mock.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(
        (call.number(), call.product(), call.action()),
        (1, "uhost", "CreateUHostInstance")
    );
    assert_eq!(call.param("Disks.0.IsBoot"), Some("True"));
    assert_eq!(
        call.param("Region"),
        Some("cn-bj2"),
        "filled from the config"
    );
    assert_eq!(
        call.param("Password"),
        Some("VUNsb3VkLmNu"),
        "as sent: base64"
    );
    assert_eq!(
        call.param("PublicKey"),
        Some(mock.credentials().public_key())
    );
    assert_eq!(call.param("Signature"), None, "not recorded");
    let names: Vec<&str> = call.params().iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "in the order sent");
    mock.verify();
}

#[tokio::test]
async fn the_pages_example_answers_a_call_no_expectation_is_for() {
    let mock = Mock::new(ACTIONS);
    let client = client(&mock);
    let response = client
        .invoke_with_meta::<_, serde_json::Value>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    assert_eq!(response.value["UHostSet"][0]["UHostId"], "uhost-example");
    assert_eq!(response.request_id.as_deref(), Some("mock-1"));
    // Expectations come first; the example again once they are used up.
    mock.expect("DescribeUHostInstance")
        .returns(json!({"TotalCount": 0, "UHostSet": []}));
    for expected in [0, 1] {
        let value: serde_json::Value = client.invoke(&DESCRIBE, &json!({})).await.unwrap();
        assert_eq!(value["TotalCount"], expected);
    }
    let typed = mock.calls_to("CreateUHostInstance");
    assert!(typed.is_empty());
    assert_eq!(mock.actions(), ["DescribeUHostInstance"; 3]);
    mock.verify();
}

#[tokio::test]
async fn times_repeatedly_and_replies_made_from_the_call() {
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeUHostInstance")
        .times(2)
        .returns(json!({"UHostSet": [{"State": "Starting"}]}));
    mock.expect("DescribeUHostInstance")
        .repeatedly()
        .replies_with(|call| {
            let id = call.list("UHostIds").join(",");
            Reply::ok(json!({"UHostSet": [{"UHostId": id, "State": "Running"}]}))
        });
    let client = client(&mock);
    let mut states = Vec::new();
    for _ in 0..4 {
        let value: serde_json::Value = client
            .invoke(&DESCRIBE, &json!({"UHostIds": ["uhost-1", "uhost-2"]}))
            .await
            .unwrap();
        states.push(value["UHostSet"][0]["State"].as_str().unwrap().to_owned());
    }
    assert_eq!(states, ["Starting", "Starting", "Running", "Running"]);
    assert_eq!(mock.calls()[3].list("UHostIds"), ["uhost-1", "uhost-2"]);
    mock.verify();
}

#[tokio::test]
async fn api_errors_statuses_and_transport_failures_reach_the_caller() {
    let mock = Mock::new(ACTIONS);
    mock.expect("StopUHostInstance")
        .fails(8039, "uhost not exist");
    mock.expect("StopUHostInstance")
        .replies(Reply::status(500, "<html>oops</html>").request_id("rid-500"));
    mock.expect("StopUHostInstance")
        .replies(Reply::transport_error("connection reset"));
    mock.expect("StopUHostInstance")
        .replies(Reply::connect_error("connection refused"));
    let client = client(&mock);
    let stop = || client.call("StopUHostInstance", json!({"UHostId": "uhost-1"}));

    let err = stop().await.unwrap_err();
    assert_eq!(api_error(&err), (8039, "uhost not exist"));
    assert_eq!(err.request_id(), Some("mock-1"));
    match stop().await.unwrap_err() {
        Error::HttpStatus {
            status,
            body_excerpt,
            request_id,
            ..
        } => {
            assert_eq!((status, body_excerpt.as_str()), (500, "<html>oops</html>"));
            assert_eq!(request_id.as_deref(), Some("rid-500"));
        }
        other => panic!("{other:?}"),
    }
    match stop().await.unwrap_err() {
        Error::Transport {
            message, connect, ..
        } => assert_eq!((message.as_str(), connect), ("connection reset", false)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        stop().await.unwrap_err(),
        Error::Transport { connect: true, .. }
    ));
    assert!(mock.failures().is_empty(), "{:?}", mock.failures());
    mock.verify();
}

// --- What the mock checks ----------------------------------------------------------------

#[tokio::test]
async fn a_missing_required_parameter_fails_the_call_naming_action_and_parameter() {
    let mock = Mock::new(ACTIONS);
    mock.expect("CreateUHostInstance")
        .returns(CreateResponse::default());
    let client = client(&mock);
    let mut req = create_request();
    req.disks.push(Disk {
        is_boot: String::new(),
        kind: "CLOUD_SSD".into(),
        size: 100,
    });
    let err = create(&client, &req).await.unwrap_err();
    let (code, message) = api_error(&err);
    assert_eq!(code, MISSING_PARAMETER);
    assert_eq!(
        message,
        "mock transport: call #1 CreateUHostInstance: required parameter Disks.1.IsBoot is \
         empty (required in every item of Disks)"
    );
    assert!(!err.is_retryable());
    assert_eq!(mock.failures().len(), 1);
    assert!(mock.failures()[0].contains("Disks.1.IsBoot"));

    // Every missing parameter is named; the expectation is still there for a good call.
    req.disks.clear();
    req.image_id.clear();
    let err = create(&client, &req).await.unwrap_err();
    assert_eq!(
        api_error(&err).1,
        "mock transport: call #2 CreateUHostInstance: required parameter ImageId is empty; \
         required parameter Disks is missing"
    );
    assert_eq!(mock.take_failures().len(), 2);
    create(&client, &create_request()).await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn common_parameters_count_when_the_configuration_fills_them() {
    let mock = Mock::new(ACTIONS);
    mock.expect("StopUHostInstance").times(2).returns(json!({}));
    // The client fills Region and Zone from its configuration.
    client(&mock)
        .call("StopUHostInstance", json!({"UHostId": "uhost-1"}))
        .await
        .unwrap();
    // Without a zone in the configuration, the mock sees none: the page requires it.
    let no_zone = mock.client(mock.config().region("cn-bj2").build().unwrap());
    let err = no_zone
        .call("StopUHostInstance", json!({"UHostId": "uhost-1"}))
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&err).1,
        "mock transport: call #2 StopUHostInstance: required parameter Zone is missing"
    );
    // Or the request sets it.
    no_zone
        .call(
            "StopUHostInstance",
            json!({"UHostId": "uhost-1", "Zone": "cn-bj2-05"}),
        )
        .await
        .unwrap();
    assert_eq!(mock.take_failures().len(), 1);
    mock.verify();
}

/// Describes a host with a client of `mock` that signs with `credentials`.
async fn describe_as(mock: &Mock, credentials: Credentials) -> Result<serde_json::Value, Error> {
    let config = ucloud_sdk_runtime::Config::builder()
        .credentials(credentials)
        .region("cn-bj2")
        .build()
        .unwrap();
    mock.client(config).invoke(&DESCRIBE, &json!({})).await
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_refused_as_ucloud_would() {
    let mock = Mock::new(ACTIONS);
    let err = describe_as(&mock, Credentials::new("someone", "else"))
        .await
        .unwrap_err();
    let (code, message) = api_error(&err);
    assert_eq!(code, SIGNATURE_ERROR);
    assert!(message.contains("PublicKey \"someone\""), "{message}");

    // The public key right, the private key wrong: the signature does not verify.
    let public_key = mock.credentials().public_key().to_owned();
    let err = describe_as(&mock, Credentials::new(public_key, "guess"))
        .await
        .unwrap_err();
    assert!(api_error(&err).1.contains("does not verify"), "{err}");
    assert_eq!(mock.take_failures().len(), 2);

    // The mock can be given the code's own key pair, security token included.
    let keys = Credentials::new("app-key", "app-secret").with_security_token("sts-token");
    let mock = Mock::new(ACTIONS).with_credentials(keys.clone());
    let value = describe_as(&mock, keys).await.unwrap();
    assert_eq!(value["TotalCount"], 1);
    assert_eq!(mock.calls()[0].param("SecurityToken"), Some("sts-token"));
    mock.verify();
}

#[tokio::test]
async fn an_action_the_mock_does_not_know_is_refused() {
    let mock = Mock::new(ACTIONS);
    let err = client(&mock)
        .call("DescribeNothing", json!({}))
        .await
        .unwrap_err();
    let (code, message) = api_error(&err);
    assert_eq!(code, UNKNOWN_ACTION);
    assert!(
        message.contains("the mock knows no action \"DescribeNothing\" (5 actions known"),
        "{message}"
    );
    assert_eq!(mock.take_failures().len(), 1);
}

#[test]
#[should_panic(expected = "Mock::expect: the mock knows no action \"CreateNothing\"")]
fn expecting_an_unknown_action_panics() {
    let _ = Mock::new(ACTIONS).expect("CreateNothing");
}

#[tokio::test]
async fn the_product_picks_among_actions_of_the_same_name() {
    static ULB: Action = Action::new("ulb", "DescribeThing", 0);
    static UNET: Action = Action::new("unet", "DescribeThing", 0);
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeThing").repeatedly().returns(json!({}));
    let client = client(&mock);
    let only_a = json!({"A": "1"});
    client
        .invoke::<_, serde_json::Value>(&UNET, &only_a)
        .await
        .unwrap();
    let err = client
        .invoke::<_, serde_json::Value>(&ULB, &only_a)
        .await
        .unwrap_err();
    assert!(
        api_error(&err)
            .1
            .ends_with("required parameter B is missing"),
        "{err}"
    );
    // A call by name has no product: what every DescribeThing requires.
    client.call("DescribeThing", only_a).await.unwrap();
    assert_eq!(mock.take_failures().len(), 1);
    mock.verify();
}

// --- Expectations --------------------------------------------------------------------------

#[tokio::test]
async fn parameter_expectations_pick_the_reply_and_name_the_parameter_that_differs() {
    let mock = Mock::new(ACTIONS);
    for id in ["uhost-a", "uhost-b"] {
        mock.expect("StopUHostInstance")
            .param("UHostId", id)
            .no_param("Force")
            .returns(json!({"UHostId": id}));
    }
    let client = client(&mock);
    let stop = |body| client.call("StopUHostInstance", body);
    // In any order: the expectation whose parameters match answers.
    let b = stop(json!({"UHostId": "uhost-b"})).await.unwrap();
    assert_eq!(b["UHostId"], "uhost-b");
    let err = stop(json!({"UHostId": "uhost-c"})).await.unwrap_err();
    let (code, message) = api_error(&err);
    assert_eq!(code, EXPECTATION_FAILED);
    assert_eq!(
        message,
        "mock transport: call #2 StopUHostInstance: parameter UHostId is \"uhost-c\", \
         expectation #1 wants \"uhost-a\""
    );
    let err = stop(json!({"UHostId": "uhost-a", "Force": true}))
        .await
        .unwrap_err();
    assert!(
        api_error(&err)
            .1
            .ends_with("parameter Force is sent (\"true\"), expectation #1 wants it left out"),
        "{err}"
    );
    let a = stop(json!({"UHostId": "uhost-a"})).await.unwrap();
    assert_eq!(a["UHostId"], "uhost-a");
    assert_eq!(mock.take_failures().len(), 2);
    mock.verify();
}

#[tokio::test]
async fn in_order_expectations_refuse_calls_out_of_order() {
    let mock = Mock::new(ACTIONS).in_order();
    mock.expect("CreateUHostInstance")
        .returns(CreateResponse::default());
    mock.expect("DescribeUHostInstance")
        .repeatedly()
        .returns(json!({"UHostSet": [{"State": "Running"}]}));
    mock.expect("StopUHostInstance").returns(json!({}));
    let client = client(&mock);

    let err = client
        .invoke::<_, serde_json::Value>(&DESCRIBE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&err).1,
        "mock transport: call #1 DescribeUHostInstance: out of order: expectation #1 \
         (CreateUHostInstance) comes first"
    );
    create(&client, &create_request()).await.unwrap();
    for _ in 0..2 {
        client
            .invoke::<_, serde_json::Value>(&DESCRIBE, &json!({}))
            .await
            .unwrap();
    }
    client
        .call("StopUHostInstance", json!({"UHostId": "uhost-1"}))
        .await
        .unwrap();
    // Past the repeated expectation, it is used up: the page's example answers.
    let value: serde_json::Value = client.invoke(&DESCRIBE, &json!({})).await.unwrap();
    assert_eq!(value["UHostSet"][0]["UHostId"], "uhost-example");
    assert_eq!(mock.take_failures().len(), 1);
    mock.verify();
}

#[tokio::test]
async fn without_examples_a_call_no_expectation_answers_fails() {
    let mock = Mock::new(ACTIONS).without_examples();
    mock.expect("DescribeUHostInstance").returns(json!({}));
    let client = client(&mock);
    client
        .invoke::<_, serde_json::Value>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    let err = client
        .invoke::<_, serde_json::Value>(&DESCRIBE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&err),
        (
            EXPECTATION_FAILED,
            "mock transport: call #2 DescribeUHostInstance: no reply: the expectations for \
             DescribeUHostInstance answer 1 call and are used up, and the mock answers nothing \
             from examples (without_examples)"
        )
    );
    assert_eq!(mock.take_failures().len(), 1);
    // And an action whose page has no example, with examples on.
    let mock = Mock::new(ACTIONS);
    let err = client_call_stop(&mock).await;
    assert!(
        api_error(&err).1.ends_with(
            "no reply: no expectation for StopUHostInstance, and its page has no response \
             example"
        ),
        "{err}"
    );
    assert_eq!(mock.take_failures().len(), 1);
}

async fn client_call_stop(mock: &Mock) -> Error {
    client(mock)
        .call("StopUHostInstance", json!({"UHostId": "uhost-1"}))
        .await
        .unwrap_err()
}

#[test]
#[should_panic(expected = "the page of StopUHostInstance has no response example")]
fn returns_example_needs_an_example() {
    Mock::new(ACTIONS)
        .expect("StopUHostInstance")
        .returns_example();
}

// --- Failures fail the test ------------------------------------------------------------------

/// Code under test that swallows errors: the mock still fails the test.
async fn stop_quietly(client: &Client, id: &str) {
    let _ = client
        .call("StopUHostInstance", json!({"UHostID": id}))
        .await;
}

#[tokio::test]
#[should_panic(
    expected = "mock transport: 2 problems:\n  - call #1 StopUHostInstance: \
                           required parameter UHostId is missing\n  - expectation #1 \
                           (StopUHostInstance) was not met: 0 of at least 1 call made"
)]
async fn verify_fails_the_test_with_the_failures_of_swallowed_errors() {
    let mock = Mock::new(ACTIONS);
    mock.expect("StopUHostInstance")
        .repeatedly()
        .returns(json!({}));
    let client =
        client(&mock).with_options(CallOptions::new().retry_policy(RetryPolicy::no_retry()));
    stop_quietly(&client, "uhost-1").await;
    // The failure first, then the expectation it left unmet.
    mock.verify();
}

#[tokio::test]
#[should_panic(
    expected = "expectation #1 (StopUHostInstance with UHostId = \"uhost-1\") was \
                           not met: 0 of 1 call made"
)]
async fn dropping_the_mock_reports_unmet_expectations() {
    let mock = Mock::new(ACTIONS);
    mock.expect("StopUHostInstance")
        .param("UHostId", "uhost-1")
        .returns(json!({}));
    let _client = client(&mock);
}

#[tokio::test]
#[should_panic(expected = "reported when the Mock was dropped")]
async fn dropping_the_mock_reports_failures_verify_did_not() {
    let mock = Mock::new(ACTIONS);
    stop_quietly(&client(&mock), "uhost-1").await;
}

#[tokio::test]
async fn a_reply_that_asks_for_a_retry_is_retried_by_the_client() {
    let mock = Mock::new(ACTIONS);
    mock.expect("DescribeUHostInstance")
        .returns(json!({"RetCode": 2000, "Message": "busy"}));
    let client = mock.client(
        mock.config()
            .region("cn-bj2")
            .retry_policy(RetryPolicy::new().with_base_delay(std::time::Duration::ZERO))
            .build()
            .unwrap(),
    );
    let response = client
        .invoke_with_meta::<_, serde_json::Value>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    assert_eq!(response.attempts, 2, "the example answered the retry");
    assert_eq!(mock.actions().len(), 2, "one record per attempt");
    mock.verify();
}
