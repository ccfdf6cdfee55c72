//! A user's test of code that calls UCloud, with the `testing` feature's mock transport: no
//! network, no server. The scenario of the README's example (create a host, wait until it
//! runs), and the same code sending a wrong or a missing parameter, which must fail the test
//! with a message naming the action and the parameter.

use serde_json::json;
use ucloud_sdk::testing::{self, Mock};
use ucloud_sdk::uhost::{
    CreateUHostInstanceDisks, CreateUHostInstanceDisksRequired, CreateUHostInstanceRequest,
    CreateUHostInstanceRequired, CreateUHostInstanceResponse, IsBoot, UHostInstanceSetState,
};
use ucloud_sdk::{Client, Error, Waiter};

/// The code under test: creates a host from `image` (with a boot disk of `size` GB, or no
/// disk at all) and waits until it runs.
async fn launch(client: &Client, image: &str, size: Option<i64>) -> ucloud_sdk::Result<String> {
    let disks = size
        .map(|size| {
            CreateUHostInstanceDisks::new(CreateUHostInstanceDisksRequired {
                is_boot: IsBoot::True,
                type_: "CLOUD_SSD".into(),
                size,
            })
        })
        .into_iter()
        .collect();
    let req = CreateUHostInstanceRequest::new(CreateUHostInstanceRequired {
        image_id: image.into(),
        disks,
        login_mode: "Password".into(),
    })
    .password("a-strong-password");
    let created = client.uhost().create_uhost_instance(req).await?;
    let id = created.uhost_ids.first().cloned().unwrap_or_default();
    client
        .uhost()
        .wait_until_uhost_instance_state(
            [id.as_str()],
            UHostInstanceSetState::Running,
            Waiter::new(),
        )
        .await?;
    Ok(id)
}

fn mock_with_a_host_that_starts() -> Mock {
    let mock = Mock::new(testing::actions());
    let mut created = CreateUHostInstanceResponse::default();
    created.uhost_ids = vec!["uhost-1".into()];
    mock.expect("CreateUHostInstance")
        .param("ImageId", "uimage-1")
        .param("Disks.0.IsBoot", "True")
        .returns(created);
    for state in ["Initializing", "Running"] {
        mock.expect("DescribeUHostInstance")
            .param("UHostIds.0", "uhost-1")
            .returns(json!({ "UHostSet": [{ "UHostId": "uhost-1", "State": state }] }));
    }
    mock
}

fn client(mock: &Mock) -> Client {
    let config = mock
        .config()
        .region("cn-bj2")
        .zone("cn-bj2-04")
        .build()
        .unwrap();
    Client::from(mock.client(config))
}

#[tokio::test(start_paused = true)]
async fn launch_creates_a_host_and_waits_until_it_runs() {
    let mock = mock_with_a_host_that_starts();
    let client = client(&mock);
    assert_eq!(
        launch(&client, "uimage-1", Some(20)).await.unwrap(),
        "uhost-1"
    );
    let create = &mock.calls_to("CreateUHostInstance")[0];
    assert_eq!(create.param("Disks.0.Size"), Some("20"));
    assert_eq!(
        create.param("Password"),
        Some("YS1zdHJvbmctcGFzc3dvcmQ="),
        "base64, as the page asks"
    );
    assert_eq!(
        mock.actions(),
        [
            "CreateUHostInstance",
            "DescribeUHostInstance",
            "DescribeUHostInstance"
        ]
    );
    mock.verify();
}

/// The wrong image id gets an error back, the mock keeps the failure, and `verify` fails the
/// test, listing what the code did not do.
#[tokio::test(start_paused = true)]
#[should_panic(expected = "expectation #1 (CreateUHostInstance with ImageId = \"uimage-1\"")]
async fn a_wrong_parameter_fails_naming_the_action_and_the_parameter() {
    let mock = mock_with_a_host_that_starts();
    let client = client(&mock);
    let err = launch(&client, "uimage-2", Some(20)).await.unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert!(
        message.contains("CreateUHostInstance") && message.contains("ImageId"),
        "{message}"
    );
    // The mock keeps the failure too, so code that swallowed the error would still fail.
    let failures = mock.failures();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("ImageId"), "{failures:?}");
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn an_empty_required_list_is_refused_before_sending() {
    let mock = Mock::new(testing::actions());
    let client = client(&mock);
    // No disk: `Disks` is required (at least one item); the client refuses it itself.
    let err = launch(&client, "uimage-1", None).await.unwrap_err();
    match &err {
        Error::InvalidRequest {
            action, parameter, ..
        } => assert_eq!(
            (action.as_str(), parameter.as_str()),
            ("CreateUHostInstance", "Disks")
        ),
        other => panic!("expected InvalidRequest, got {other}"),
    }
    assert!(mock.calls().is_empty(), "nothing was sent");
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn a_missing_required_parameter_fails_like_uclouds_own_check() {
    let mock = Mock::new(testing::actions());
    let client = client(&mock);
    // By name, without the SDK's types: the mock checks what the page requires.
    let err = client
        .call(
            "CreateUHostInstance",
            json!({ "ImageId": "uimage-1", "LoginMode": "Password" }),
        )
        .await
        .unwrap_err();
    assert_eq!(err.ret_code(), Some(160), "{err}");
    assert!(err.to_string().contains("Disks"), "{err}");
    assert_eq!(mock.take_failures().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_misspelt_reply_fails_naming_the_key_meant() {
    let mock = Mock::new(testing::actions());
    // `UhostSet` for `UHostSet`: the code under test would read an empty list.
    mock.expect("DescribeUHostInstance")
        .returns(json!({ "UhostSet": [{ "UHostId": "uhost-1", "State": "Running" }] }));
    mock.expect("DescribeUHostInstance")
        .returns(json!({ "UHostSet": [{ "UHostId": "uhost-1", "Stat": "Running" }] }));
    let client = client(&mock);
    for wanted in [
        "`UhostSet` (did you mean `UHostSet`?)",
        "`UHostSet.0.Stat` (did you mean `State`?)",
    ] {
        let err = client
            .uhost()
            .describe_uhost_instance(ucloud_sdk::uhost::DescribeUHostInstanceRequest::new())
            .await
            .unwrap_err();
        assert!(err.to_string().contains(wanted), "{err}");
    }
    assert_eq!(mock.take_failures().len(), 2);
}
