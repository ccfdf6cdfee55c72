//! The common parameters as a sub-account relies on them, and extra parameters, through the
//! generated SDK on the `testing` feature's mock transport: what reaches the wire.

use ucloud_sdk::iam::{AddUserToGroupRequest, AddUserToGroupRequired};
use ucloud_sdk::testing::{self, Mock};
use ucloud_sdk::uhost::DescribeUHostInstanceRequest;
use ucloud_sdk::{CallOptions, Client, Error, ExtraParams as _};

fn add_alice() -> AddUserToGroupRequest {
    AddUserToGroupRequest::new(AddUserToGroupRequired {
        user_name: "alice".into(),
        group_name: "dev".into(),
    })
}

/// A sub-account must send its `ProjectId` ("子帐号必须填写"). iam's `AddUserToGroup` page
/// lists neither `ProjectId` nor `Region`, yet the configured ones are sent, as the official
/// SDKs send them; the call's options win over the configuration.
#[tokio::test]
async fn a_sub_accounts_project_reaches_an_action_whose_page_does_not_list_it() {
    let mock = Mock::new(testing::actions());
    let config = mock
        .config()
        .region("cn-bj2")
        .project_id("org-sub-account")
        .build()
        .unwrap();
    let client = Client::from(mock.client(config));
    client.iam().add_user_to_group(add_alice()).await.unwrap();
    let other = client.with_options(CallOptions::new().project_id("org-other"));
    other.iam().add_user_to_group(add_alice()).await.unwrap();

    let calls = mock.calls();
    assert_eq!(calls[0].action(), "AddUserToGroup");
    assert_eq!(calls[0].param("ProjectId"), Some("org-sub-account"));
    assert_eq!(calls[0].param("Region"), Some("cn-bj2"));
    assert_eq!(
        calls[0].param("Zone"),
        None,
        "no Zone configured: none sent"
    );
    assert_eq!(calls[1].param("ProjectId"), Some("org-other"));
    mock.verify();
}

/// An extra parameter is sent and signed (the mock verifies the signature); one that names
/// a documented parameter is refused before anything is sent.
#[tokio::test]
async fn extra_parameters_are_signed_and_documented_names_refused() {
    let mock = Mock::new(testing::actions());
    let client = Client::from(mock.client(mock.config().region("cn-bj2").build().unwrap()));
    let req = DescribeUHostInstanceRequest::new()
        .limit(5)
        .extra("LifeCycle", "1")
        .extra_secret("Token", "s3cret");
    let shown = format!("{req:?}");
    assert!(
        shown.contains(r#"extras: {"LifeCycle": "1", "Token": Secret(***)}"#),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");
    client.uhost().describe_uhost_instance(req).await.unwrap();
    let calls = mock.calls();
    assert_eq!(calls[0].param("LifeCycle"), Some("1"));
    assert_eq!(calls[0].param("Token"), Some("s3cret"));
    assert_eq!(calls[0].param("Limit"), Some("5"));

    let req = DescribeUHostInstanceRequest::new().extra("Limit", "5");
    let err = client
        .uhost()
        .describe_uhost_instance(req)
        .await
        .unwrap_err();
    match err {
        Error::InvalidRequest {
            action, parameter, ..
        } => assert_eq!(
            (action.as_str(), parameter.as_str()),
            ("DescribeUHostInstance", "Limit")
        ),
        other => panic!("expected InvalidRequest, got {other}"),
    }
    assert_eq!(mock.calls().len(), 1, "the refused request was not sent");
    mock.verify();
}
