//! The generated `uhub` product API through the runtime, end to end (needs `--features uhub`).

#[path = "../../../runtime/tests/support/mod.rs"]
mod support;

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use support::{Reply, TestServer, PRIVATE_KEY};
use ucloud_sdk::uhub::GetRepoImageRequest;
use ucloud_sdk::{CallOptions, Client, Error};

/// Serves `total` images, honouring Offset and Limit, and checks every signature.
async fn uhub_server(total: usize) -> TestServer {
    TestServer::start(move |req, _| {
        if !req.signature_valid(PRIVATE_KEY) || req.param("Action") != Some("GetRepoImage") {
            return Reply::json(r#"{"RetCode":171,"Message":"Signature VerifyAC Error"}"#);
        }
        let offset: usize = req.param("Offset").map_or(0, |o| o.parse().unwrap());
        let limit: usize = req.param("Limit").map_or(20, |l| l.parse().unwrap());
        let page: Vec<_> = (offset..total.min(offset + limit))
            .map(|i| json!({"ImageName": format!("img-{i}"), "PullCount": "3", "LatestTag": "v1"}))
            .collect();
        Reply::ok(json!({"TotalCount": total, "ImageSet": page})).with_request_id("rid-uhub")
    })
    .await
}

#[tokio::test]
async fn get_repo_image_with_project_default() {
    let server = uhub_server(3).await;
    let client = Client::new(
        support::config(&server)
            .project_id("org-7")
            .build()
            .unwrap(),
    )
    .unwrap();
    let resp = client
        .uhub()
        .get_repo_image(GetRepoImageRequest::new("repo"))
        .await
        .unwrap();
    assert_eq!(resp.total_count, Some(3));
    assert_eq!(resp.image_set.len(), 3);
    assert_eq!(resp.image_set[2].pull_count, Some(3));
    let sent = &server.requests()[0];
    assert_eq!(sent.param("RepoName"), Some("repo"));
    assert_eq!(sent.param("ProjectId"), Some("org-7"));
    assert!(sent.header("user-agent").unwrap().contains("product/uhub"));
}

#[tokio::test]
async fn get_repo_image_stream_walks_all_pages() {
    let server = uhub_server(7).await;
    let client = Client::from(support::client(&server));
    let mut req = GetRepoImageRequest::new("repo");
    req.limit = Some(3);
    let names: Vec<String> = client
        .uhub()
        .get_repo_image_stream(req)
        .map(|item| item.unwrap().image_name.unwrap())
        .collect()
        .await;
    assert_eq!(
        names,
        (0..7).map(|i| format!("img-{i}")).collect::<Vec<_>>()
    );
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn product_api_options_apply() {
    let server = TestServer::always(Reply::Hang).await;
    let client = Client::from(support::client(&server));
    let err = client
        .uhub()
        .with_options(CallOptions::new().timeout(Duration::from_millis(200)))
        .get_repo_image(GetRepoImageRequest::new("repo"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}
