//! What the client sends: parameters, signature, headers, common-parameter defaults.
//! The documented signature vectors, the form as encoded on the wire and the headers
//! against a real HTTP server on 127.0.0.1 that recomputes signatures on its own; the
//! parameters the client chooses over the mock transport (which verifies every signature
//! too).

use crate::support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::json;
use support::{Reply, TestServer, PRIVATE_KEY, PUBLIC_KEY};
use ucloud_sdk_runtime::testing::{self, ActionInfo, Mock};
use ucloud_sdk_runtime::{Action, Client, Credentials, Error, Secret};

/// What the mock knows of the actions called here: the parameters these tests rely on.
static ACTIONS: &[ActionInfo] = &[
    ActionInfo::new(
        "uhost",
        "CreateUHostInstance",
        &["Region", "Zone", "ImageId", "LoginMode", "Password"],
        None,
    ),
    ActionInfo::new(
        "uaccount",
        "GetRegion",
        &[],
        Some(r#"{"RetCode": 0, "Regions": []}"#),
    ),
    ActionInfo::new("ulb", "AllocateBackendBatch", &["Backends"], None),
    ActionInfo::new("uhost", "DescribeX", &[], Some(r#"{"RetCode": 0}"#)),
];

/// A client of `mock` with its key pair and `defaults` (region, zone, project) set.
fn mock_client(mock: &Mock, defaults: [Option<&str>; 3]) -> Client {
    let [region, zone, project] = defaults.map(|d| d.unwrap_or_default());
    let config = support::mock_config(mock)
        .region(region)
        .zone(zone)
        .project_id(project);
    mock.client(config.build().unwrap())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Disk {
    is_boot: String,
    size: i64,
    #[serde(rename = "Type")]
    kind: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Eip {
    bandwidth: i64,
    pay_mode: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkInterface {
    #[serde(rename = "EIP")]
    eip: Option<Eip>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateUHostInstanceRequest {
    region: Option<String>,
    zone: Option<String>,
    project_id: Option<String>,
    image_id: String,
    #[serde(rename = "CPU")]
    cpu: Option<i64>,
    memory: Option<i64>,
    login_mode: String,
    /// Sent base64-encoded, as the page says: a type of your own encodes it itself.
    password: Secret,
    name: Option<String>,
    charge_type: Option<String>,
    quantity: Option<i64>,
    disk_space: Option<i64>,
    disks: Vec<Disk>,
    network_interface: Vec<NetworkInterface>,
    min_cpu_platform_ratio: Option<f64>,
    security_group_id: Option<String>,
}

impl CreateUHostInstanceRequest {
    fn new(image_id: &str, login_mode: &str, password: &str) -> Self {
        CreateUHostInstanceRequest {
            region: None,
            zone: None,
            project_id: None,
            image_id: image_id.into(),
            cpu: None,
            memory: None,
            login_mode: login_mode.into(),
            password: Secret::new(base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                password,
            )),
            name: None,
            charge_type: None,
            quantity: None,
            disk_space: None,
            disks: Vec::new(),
            network_interface: Vec::new(),
            min_cpu_platform_ratio: None,
            security_group_id: None,
        }
    }

    /// The request behind the documented signature vector.
    fn documented() -> Self {
        CreateUHostInstanceRequest {
            region: Some("cn-bj2".into()),
            zone: Some("cn-bj2-04".into()),
            cpu: Some(2),
            memory: Some(2048),
            name: Some("Host01".into()),
            charge_type: Some("Month".into()),
            quantity: Some(1),
            disk_space: Some(10),
            ..Self::new(
                "f43736e1-65a5-4bea-ad2e-8a46e18883c2",
                "Password",
                "UCloud.cn",
            )
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct CreateUHostInstanceResponse {
    #[serde(rename = "UHostIds")]
    uhost_ids: Vec<String>,
}

static CREATE_UHOST: Action = Action::new(
    "uhost",
    "CreateUHostInstance",
    Action::REGION
        | Action::REGION_REQUIRED
        | Action::ZONE
        | Action::ZONE_REQUIRED
        | Action::PROJECT_ID,
);

/// Answers like UCloud: RetCode 171 when the signature does not verify.
async fn verifying_server(ok: serde_json::Value) -> TestServer {
    TestServer::start(move |req, _| {
        if req.signature_valid(PRIVATE_KEY) {
            Reply::ok(ok.clone()).with_request_id("req-123")
        } else {
            Reply::json(r#"{"RetCode":171,"Action":"X","Message":"Signature VerifyAC Error"}"#)
        }
    })
    .await
}

fn sorted_form(req: &support::Recorded) -> Vec<(String, String)> {
    let mut form = req.form.clone();
    form.sort();
    form
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn documented_create_request_is_sent_and_signed_as_specified() {
    let server = verifying_server(json!({"UHostIds": ["uhost-1"]})).await;
    let client = support::client(&server);
    let resp: CreateUHostInstanceResponse = client
        .invoke(&CREATE_UHOST, &CreateUHostInstanceRequest::documented())
        .await
        .unwrap();
    assert_eq!(resp.uhost_ids, vec!["uhost-1"]);

    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.target, "/");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut expected = pairs(&[
        ("Action", "CreateUHostInstance"),
        ("CPU", "2"),
        ("ChargeType", "Month"),
        ("DiskSpace", "10"),
        ("ImageId", "f43736e1-65a5-4bea-ad2e-8a46e18883c2"),
        ("LoginMode", "Password"),
        ("Memory", "2048"),
        ("Name", "Host01"),
        ("Password", "VUNsb3VkLmNu"),
        ("Quantity", "1"),
        ("Region", "cn-bj2"),
        ("Zone", "cn-bj2-04"),
        ("PublicKey", PUBLIC_KEY),
    ]);
    expected.push((
        "Signature".into(),
        "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65".into(),
    ));
    expected.sort();
    assert_eq!(sorted_form(req), expected);
}

#[tokio::test]
async fn security_token_is_sent_and_signed() {
    // The mock verifies the signature over the form, token included.
    let credentials = Credentials::new(PUBLIC_KEY, PRIVATE_KEY).with_security_token("some_stoken");
    let mock = Mock::new(ACTIONS).with_credentials(credentials.clone());
    mock.expect("CreateUHostInstance").returns(json!({}));
    let config = support::mock_config(&mock).credentials(credentials);
    let _: CreateUHostInstanceResponse = mock
        .client(config.build().unwrap())
        .invoke(&CREATE_UHOST, &CreateUHostInstanceRequest::documented())
        .await
        .unwrap();
    let call = &mock.calls()[0];
    assert_eq!(call.param("SecurityToken"), Some("some_stoken"));
    mock.verify();
}

#[tokio::test]
async fn documented_describe_example_over_the_wire() {
    let server = verifying_server(json!({"TotalCount": 0, "UHostSet": []})).await;
    let client = Client::new(support::config(&server).region("cn-bj2").build().unwrap()).unwrap();
    let value = client
        .call("DescribeUHostInstance", json!({"Limit": 10}))
        .await
        .unwrap();
    assert_eq!(value["RetCode"], 0);
    assert_eq!(value["TotalCount"], 0);
    let req = &server.requests()[0];
    let mut expected = pairs(&[
        ("Action", "DescribeUHostInstance"),
        ("Limit", "10"),
        ("PublicKey", PUBLIC_KEY),
        ("Region", "cn-bj2"),
        ("Signature", "cba5cf5ec4d4233d206b1b54951e3787350a642f"),
    ]);
    expected.sort();
    assert_eq!(sorted_form(req), expected);
}

#[tokio::test]
async fn nested_lists_structs_and_awkward_values_arrive_intact() {
    let server = verifying_server(json!({})).await;
    let client = Client::new(
        support::config(&server)
            .region("cn-sh2")
            .zone("cn-sh2-02")
            .project_id("org-123")
            .build()
            .unwrap(),
    )
    .unwrap();
    let mut req = CreateUHostInstanceRequest::new("img-1", "Password", "p@ss w&rd=+%é");
    req.disks = vec![
        Disk {
            is_boot: "True".into(),
            size: 20,
            kind: "CLOUD_SSD".into(),
        },
        Disk {
            is_boot: "False".into(),
            size: 100,
            kind: "CLOUD_RSSD".into(),
        },
    ];
    req.network_interface = vec![NetworkInterface {
        eip: Some(Eip {
            bandwidth: 5,
            pay_mode: Some("Traffic".into()),
        }),
    }];
    req.min_cpu_platform_ratio = Some(0.5);
    req.name = Some("a b&c=d+e/é 中文".into());
    req.region = Some("cn-gd".into());
    let _: CreateUHostInstanceResponse = client.invoke(&CREATE_UHOST, &req).await.unwrap();

    let sent = &server.requests()[0];
    assert!(sent.signature_valid(PRIVATE_KEY));
    assert_eq!(sent.param("Disks.0.IsBoot"), Some("True"));
    assert_eq!(sent.param("Disks.1.Size"), Some("100"));
    assert_eq!(sent.param("Disks.1.Type"), Some("CLOUD_RSSD"));
    assert_eq!(sent.param("NetworkInterface.0.EIP.Bandwidth"), Some("5"));
    assert_eq!(
        sent.param("NetworkInterface.0.EIP.PayMode"),
        Some("Traffic")
    );
    assert_eq!(sent.param("MinCpuPlatformRatio"), Some("0.5"));
    assert_eq!(sent.param("Name"), Some("a b&c=d+e/é 中文"));
    // The request's Region wins over the configuration; Zone and ProjectId are defaulted.
    assert_eq!(sent.param("Region"), Some("cn-gd"));
    assert_eq!(sent.param("Zone"), Some("cn-sh2-02"));
    assert_eq!(sent.param("ProjectId"), Some("org-123"));
    // Base64 of the UTF-8 password, decoded back by the server.
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(sent.param("Password").unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), "p@ss w&rd=+%é");
    // None is left out.
    assert_eq!(sent.param("SecurityGroupId"), None);
    assert_eq!(sent.param("CPU"), None);
}

#[tokio::test]
async fn required_common_parameter_missing_fails_before_any_request() {
    let mock = Mock::new(ACTIONS);
    let client = mock_client(&mock, [Some("cn-bj2"), None, None]);
    let err = client
        .invoke::<_, CreateUHostInstanceResponse>(
            &CREATE_UHOST,
            &CreateUHostInstanceRequest::new("img", "Password", "pw"),
        )
        .await
        .unwrap_err();
    match &err {
        Error::Config { message } => {
            assert!(message.contains("Zone"), "{message}");
            assert!(message.contains("CreateUHostInstance"), "{message}");
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
    assert!(mock.calls().is_empty());
    mock.verify();
}

/// The one rule of the official SDKs: the configured common parameters go with every
/// action, whatever its page lists, typed or generic; the call's options win over the
/// configuration, and the request's own value over both.
#[tokio::test]
async fn common_parameters_go_with_every_action() {
    static NO_COMMON: Action = Action::new("uaccount", "GetRegion", 0);
    let mock = Mock::new(ACTIONS);
    let client = mock_client(&mock, [Some("cn-bj2"), Some("cn-bj2-04"), Some("org-1")]);
    let _: serde_json::Value = client.invoke(&NO_COMMON, &json!({})).await.unwrap();
    client.call("GetRegion", json!({})).await.unwrap();
    let options = ucloud_sdk_runtime::CallOptions::new()
        .zone("cn-bj2-05")
        .project_id("org-2");
    let _: serde_json::Value = client
        .with_options(options)
        .invoke(&NO_COMMON, &json!({"ProjectId": "org-3"}))
        .await
        .unwrap();
    let calls = mock.calls();
    for call in &calls[..2] {
        let names: Vec<&str> = call.params().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["Action", "ProjectId", "PublicKey", "Region", "Zone"],
            "and the Signature ({})",
            call.product()
        );
        assert_eq!(call.param("ProjectId"), Some("org-1"));
    }
    assert_eq!(calls[2].param("Region"), Some("cn-bj2"), "configured");
    assert_eq!(calls[2].param("Zone"), Some("cn-bj2-05"), "the call's");
    assert_eq!(calls[2].param("ProjectId"), Some("org-3"), "the request's");
    mock.verify();
}

#[tokio::test]
async fn headers_name_the_sdk_product_and_time() {
    let server = verifying_server(json!({})).await;
    let client = Client::new(
        support::config(&server)
            .user_agent_suffix("my-app/1.2")
            .region("cn-bj2")
            .zone("cn-bj2-04")
            .build()
            .unwrap(),
    )
    .unwrap();
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let _: CreateUHostInstanceResponse = client
        .invoke(
            &CREATE_UHOST,
            &CreateUHostInstanceRequest::new("i", "Password", "p"),
        )
        .await
        .unwrap();
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let req = &server.requests()[0];
    let ua = req.header("user-agent").unwrap();
    assert_eq!(
        ua,
        format!(
            "ucloud-sdk-rust/{} product/uhost my-app/1.2",
            env!("CARGO_PKG_VERSION")
        )
    );
    let ts: u128 = req.header("u-timestamp-ms").unwrap().parse().unwrap();
    assert!(before <= ts && ts <= after, "{before} <= {ts} <= {after}");
}

#[tokio::test]
async fn request_id_and_unknown_fields_are_kept_on_responses() {
    let mock = Mock::new(ACTIONS);
    mock.expect("CreateUHostInstance").replies(
        testing::Reply::ok(json!({"UHostIds": ["a"], "Brand": "new"})).request_id("req-123"),
    );
    let resp = mock_client(&mock, [Some("r"), Some("z"), None])
        .invoke_with_meta::<_, CreateUHostInstanceResponse>(
            &CREATE_UHOST,
            &CreateUHostInstanceRequest::new("i", "Password", "p"),
        )
        .await
        .unwrap();
    assert_eq!(resp.request_id.as_deref(), Some("req-123"));
    assert_eq!(resp.attempts, 1);
    // `Action` and `RetCode` are the response's envelope, not unknown fields.
    assert_eq!(resp.unknown_fields, vec!["Brand"]);
    assert_eq!(resp.value.uhost_ids, vec!["a"]);
    mock.verify();
}

#[tokio::test]
async fn generic_call_encodes_json_and_cannot_forge_reserved_parameters() {
    let mock = Mock::new(ACTIONS);
    mock.expect("AllocateBackendBatch")
        .returns(json!({"Data": {"Ok": true}}));
    let client = mock_client(&mock, [None; 3]);
    let value = client
        .call(
            "AllocateBackendBatch",
            json!({
                "Backends": ["foo", "bar", 42, "foo", "bar", 42, "foo", "bar", 42, "foo", "bar", 42],
                "PublicKey": "someone-else",
                "Signature": "forged",
                "Action": "DeleteEverything"
            }),
        )
        .await
        .unwrap();
    assert_eq!(value["Data"]["Ok"], true);
    let call = &mock.calls()[0];
    assert_eq!(call.action(), "AllocateBackendBatch");
    assert_eq!(call.param("Action"), Some("AllocateBackendBatch"));
    assert_eq!(call.param("PublicKey"), Some(testing::PUBLIC_KEY));
    assert_eq!(call.list("Backends")[11], "42");
    // Action, PublicKey and twelve backends (and the Signature, which verified).
    assert_eq!(call.params().len(), 14);

    let err = client.call("X", json!([1, 2])).await.unwrap_err();
    assert!(matches!(err, Error::Encode { .. }), "{err:?}");
    assert_eq!(mock.calls().len(), 1);
    mock.verify();
}

#[tokio::test]
async fn per_client_options_apply_to_every_call() {
    let server = TestServer::always(Reply::Hang).await;
    let client = support::client(&server)
        .with_options(ucloud_sdk_runtime::CallOptions::new().timeout(Duration::from_millis(200)));
    let started = std::time::Instant::now();
    let err = client.call("DescribeX", json!({})).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_rejected() {
    let mock = Mock::new(ACTIONS);
    let config = support::mock_config(&mock)
        .credentials(Credentials::new(testing::PUBLIC_KEY, "not-the-private-key"))
        .build()
        .unwrap();
    let err = mock
        .client(config)
        .call("DescribeX", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.ret_code(), Some(171), "{err:?}");
    let failures = mock.take_failures();
    assert!(failures[0].contains("does not verify"), "{failures:?}");
}
