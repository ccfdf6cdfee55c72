//! Typed requests as `model!`'s `request` and `request_group` markers make them: extra
//! parameters (sent, signed, shown redacted, refused where they would shadow a field or
//! the protocol), and strict reading from JSON (an unknown key is an error naming it).
//! Sending goes to a real HTTP server on 127.0.0.1 that checks the signature on its own.

use crate::support;

use serde_json::json;
use support::{Reply, TestServer, PRIVATE_KEY};
use ucloud_sdk_runtime::__private::Model as _;
use ucloud_sdk_runtime::{model, request, Client, Error, ExtraParams as _, Extras, Secret};

const PRODUCT: &str = "demo";

#[derive(Clone)]
#[non_exhaustive]
pub struct LaunchDisks {
    pub size: i64,
    pub kind: Option<String>,
}
model!(LaunchDisks: blank request_group { size: "Size" Int, kind: "Type" OptStr });

#[derive(Clone, Default)]
#[non_exhaustive]
pub struct LaunchEip {
    pub bandwidth: Option<i64>,
}
model!(LaunchEip: default request_group { bandwidth: "Bandwidth" OptInt });

#[derive(Clone)]
#[non_exhaustive]
pub struct LaunchRequest {
    pub disks: Vec<LaunchDisks>,
    pub eip: Option<LaunchEip>,
    pub name: String,
    pub zone: Option<String>,
    extras: Extras,
}
model!(LaunchRequest: blank in_wire_order request {
    disks: "Disks" Models(LaunchDisks),
    eip: "EIP" OptModel(LaunchEip),
    name: "Name" Str,
    zone: "Zone" OptStr,
});

#[derive(Clone, Default)]
#[non_exhaustive]
pub struct LaunchResponse {
    pub id: Option<String>,
}
model!(LaunchResponse: default { id: "Id" OptStr });

request!(LaunchRequest => LaunchResponse, PRODUCT, "Launch"; read_only = false);

fn launch() -> LaunchRequest {
    let mut req = LaunchRequest::blank();
    req.name = "web".into();
    req.disks = vec![LaunchDisks {
        size: 40,
        kind: None,
    }];
    req
}

async fn verifying_server() -> TestServer {
    TestServer::start(move |req, _| {
        if req.signature_valid(PRIVATE_KEY) {
            Reply::ok(json!({ "Id": "x-1" }))
        } else {
            Reply::json(r#"{"RetCode":171,"Message":"Signature VerifyAC Error"}"#)
        }
    })
    .await
}

#[tokio::test]
async fn extra_parameters_are_sent_and_signed() {
    let server = verifying_server().await;
    let client = Client::new(support::config(&server).build().unwrap()).unwrap();
    let req = launch()
        .extra("DeploymentId", "deploy-1")
        .extra("Disks.0.Encrypted", "true")
        .extra("EIP.PayMode", "Traffic")
        .extra("Zone2", "first")
        .extra("Zone2", "replaced")
        .extra_secret("Token", "s3cret");
    let resp = client.send(&req).await.unwrap();
    assert_eq!(resp.id.as_deref(), Some("x-1"), "the signature verified");
    let sent = &server.requests()[0];
    assert_eq!(sent.param("DeploymentId"), Some("deploy-1"));
    assert_eq!(sent.param("Disks.0.Encrypted"), Some("true"));
    assert_eq!(sent.param("Disks.0.Size"), Some("40"));
    assert_eq!(sent.param("EIP.PayMode"), Some("Traffic"));
    assert_eq!(sent.param("Zone2"), Some("replaced"));
    assert_eq!(sent.param("Token"), Some("s3cret"));
    // `send_with_meta` and `Serialize` (what `invoke` encodes) send them too.
    client.send_with_meta(&req).await.unwrap();
    let _: LaunchResponse = client
        .invoke(
            &<LaunchRequest as ucloud_sdk_runtime::Request>::ACTION,
            &req,
        )
        .await
        .unwrap();
    let requests = server.requests();
    for sent in &requests[1..] {
        assert_eq!(sent.param("DeploymentId"), Some("deploy-1"));
        assert_eq!(sent.param("Token"), Some("s3cret"));
    }
}

/// A name the request documents, at any depth, or one the protocol reserves, is refused
/// before anything is sent, naming the parameter.
#[tokio::test]
async fn extra_parameters_may_not_shadow_fields_or_the_protocol() {
    let server = verifying_server().await;
    let client = Client::new(support::config(&server).build().unwrap()).unwrap();
    for (name, why) in [
        ("Name", "Name"),
        ("Zone", "Zone"),
        ("Disks.0.Type", "Disks.N.Type"),
        ("Disks.3.Size", "Disks.N.Size"),
        ("Disks.0", "Disks.N"),
        ("EIP.Bandwidth", "EIP.Bandwidth"),
        ("Signature", "the client sets"),
        ("PublicKey", "the client sets"),
        ("Action", "the client sets"),
        ("SecurityToken", "the client sets"),
        ("", "a name"),
    ] {
        let req = launch().extra(name, "x");
        match client.send(&req).await.unwrap_err() {
            Error::InvalidRequest {
                action,
                parameter,
                reason,
            } => {
                assert_eq!((action.as_str(), parameter.as_str()), ("Launch", name));
                assert!(reason.contains(why), "{name}: {reason}");
            }
            other => panic!("{name}: expected InvalidRequest, got {other}"),
        }
    }
    assert_eq!(server.count(), 0, "nothing was sent");
}

#[test]
fn debug_shows_extras_with_secrets_redacted_and_eq_compares_them() {
    let req = launch()
        .extra("DeploymentId", "deploy-1")
        .extra_secret("Token", Secret::from("s3cret"));
    // `Model` and `ExtraParams` are both in scope: `extras` is not ambiguous.
    assert_eq!(req.extras().len(), 2);
    let shown = format!("{req:?}");
    assert!(
        shown.ends_with(r#"extras: {"DeploymentId": "deploy-1", "Token": Secret(***)} }"#),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(
        !format!("{:?}", launch()).contains("extras"),
        "none: not shown"
    );
    assert_ne!(req, launch());
    assert_eq!(req.clone(), req);
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"Disks": [{"Size": 40}], "Name": "web", "DeploymentId": "deploy-1", "Token": "s3cret"})
    );
}

/// Reading a request from JSON refuses a key it does not know, at the top or in a group,
/// naming the key, the type and the nearest known key; a response skips it.
#[test]
fn requests_read_strictly_and_responses_leniently() {
    let read = |value: serde_json::Value| serde_json::from_value::<LaunchRequest>(value);
    let ok = read(json!({"Name": "web", "Disks": [{"Size": 40}]})).unwrap();
    assert_eq!(ok, launch());
    for (value, expected) in [
        (
            json!({"Name": "web", "zone": "z"}),
            r#"unknown parameter "zone" for LaunchRequest (did you mean "Zone"?)"#,
        ),
        (
            json!({"Nmae": "web"}),
            r#"unknown parameter "Nmae" for LaunchRequest (did you mean "Name"?)"#,
        ),
        (
            json!({"Name": "web", "DeploymentId": "d"}),
            r#"unknown parameter "DeploymentId" for LaunchRequest"#,
        ),
        (
            json!({"Name": "web", "Disks": [{"Size": 1, "Typ": "SSD"}]}),
            r#"unknown parameter "Typ" for LaunchDisks (did you mean "Type"?)"#,
        ),
        (
            json!({"Name": "web", "EIP": {"bandwidth": 2}}),
            r#"unknown parameter "bandwidth" for LaunchEip (did you mean "Bandwidth"?)"#,
        ),
    ] {
        let err = read(value.clone()).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{value}: {err}");
        if !expected.contains("did you mean") {
            assert!(!err.contains("did you mean"), "{err}");
        }
    }
    let resp: LaunchResponse = serde_json::from_value(json!({"Id": "a", "New": 1})).unwrap();
    assert_eq!(resp.id.as_deref(), Some("a"));
}
