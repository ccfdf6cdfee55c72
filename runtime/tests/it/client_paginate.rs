//! `Client::paginate` across several pages, over the mock transport.

use crate::support;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ucloud_sdk_runtime::testing::{ActionInfo, Mock, Reply};
use ucloud_sdk_runtime::{Action, Client, Error, Paging, Request};

static ACTIONS: &[ActionInfo] = &[ActionInfo::new("uhub", "GetRepoImage", &["RepoName"], None)];

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetRepoImageRequest {
    project_id: Option<String>,
    repo_name: String,
    offset: Option<i64>,
    limit: Option<i64>,
}

impl GetRepoImageRequest {
    fn new(repo_name: &str) -> Self {
        GetRepoImageRequest {
            project_id: None,
            repo_name: repo_name.into(),
            offset: None,
            limit: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ImageInfo {
    image_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct GetRepoImageResponse {
    total_count: Option<i64>,
    image_set: Vec<ImageInfo>,
}

impl Request for GetRepoImageRequest {
    type Response = GetRepoImageResponse;
    const ACTION: Action = Action::new("uhub", "GetRepoImage", Action::PROJECT_ID);
}

/// A mock serving `total` images named img-0…, honouring Offset and Limit (default 20),
/// and reporting TotalCount only if `report_total`; and a client of it.
fn image_mock(total: usize, report_total: bool) -> (Mock, Client) {
    let mock = Mock::new(ACTIONS).without_examples();
    mock.expect("GetRepoImage")
        .repeatedly()
        .replies_with(move |call| {
            let offset: usize = call.param("Offset").map_or(0, |o| o.parse().unwrap());
            let limit: usize = call.param("Limit").map_or(20, |l| l.parse().unwrap());
            let page: Vec<_> = (offset..total.min(offset + limit))
                .map(|i| json!({"ImageName": format!("img-{i}")}))
                .collect();
            let mut body = json!({"ImageSet": page});
            if report_total {
                body["TotalCount"] = json!(total);
            }
            Reply::ok(body)
        });
    let client = client(&mock);
    (mock, client)
}

fn client(mock: &Mock) -> Client {
    mock.client(support::mock_config(mock).build().unwrap())
}

fn stream_names(
    client: &ucloud_sdk_runtime::Client,
    req: GetRepoImageRequest,
) -> impl futures_core::Stream<Item = ucloud_sdk_runtime::Result<ImageInfo>> + '_ {
    client.paginate(
        &req,
        Paging::new("Offset", "Limit"),
        |p: GetRepoImageResponse| (p.total_count, p.image_set),
    )
}

async fn collect(client: &ucloud_sdk_runtime::Client, req: GetRepoImageRequest) -> Vec<String> {
    let mut names = Vec::new();
    let mut stream = stream_names(client, req);
    while let Some(item) = stream.next().await {
        names.push(item.unwrap().image_name.unwrap());
    }
    names
}

fn expected(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("img-{i}")).collect()
}

fn offsets(mock: &Mock) -> Vec<String> {
    mock.calls()
        .iter()
        .map(|r| r.param("Offset").unwrap_or("-").to_owned())
        .collect()
}

#[tokio::test]
async fn walks_every_page_until_total_count() {
    let (mock, client) = image_mock(25, true);
    let mut req = GetRepoImageRequest::new("repo");
    req.limit = Some(10);
    assert_eq!(collect(&client, req).await, expected(0..25));
    assert_eq!(offsets(&mock), vec!["0", "10", "20"]);
    for r in mock.calls() {
        assert_eq!(r.param("RepoName"), Some("repo"));
        assert_eq!(r.param("Limit"), Some("10"));
    }
}

#[tokio::test]
async fn stops_at_total_count_even_when_pages_are_full() {
    let (mock, client) = image_mock(30, true);
    let mut req = GetRepoImageRequest::new("repo");
    req.limit = Some(10);
    assert_eq!(collect(&client, req).await.len(), 30);
    assert_eq!(mock.calls().len(), 3, "no fourth request for an empty page");
}

#[tokio::test]
async fn without_total_count_stops_at_a_short_page() {
    let (mock, client) = image_mock(23, false);
    let mut req = GetRepoImageRequest::new("repo");
    req.limit = Some(5);
    assert_eq!(collect(&client, req).await, expected(0..23));
    assert_eq!(offsets(&mock), vec!["0", "5", "10", "15", "20"]);
}

#[tokio::test]
async fn without_total_count_or_limit_stops_at_an_empty_page() {
    let (mock, client) = image_mock(45, false);
    assert_eq!(
        collect(&client, GetRepoImageRequest::new("repo")).await,
        expected(0..45)
    );
    // Server default page of 20: 0, 20, 40 (short but no Limit to compare), 45 (empty).
    assert_eq!(offsets(&mock), vec!["0", "20", "40", "45"]);
}

#[tokio::test]
async fn starts_at_the_requests_own_offset() {
    let (mock, client) = image_mock(12, true);
    let mut req = GetRepoImageRequest::new("repo");
    req.offset = Some(7);
    req.limit = Some(3);
    assert_eq!(collect(&client, req).await, expected(7..12));
    assert_eq!(offsets(&mock), vec!["7", "10"]);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let mock = Mock::new(ACTIONS);
    mock.expect("GetRepoImage")
        .returns(json!({"TotalCount": 10, "ImageSet": [{"ImageName": "a"}, {"ImageName": "b"}]}));
    mock.expect("GetRepoImage").fails(292, "project not exist");
    let client = client(&mock);
    let mut req = GetRepoImageRequest::new("repo");
    req.limit = Some(2);
    let items: Vec<_> = stream_names(&client, req).collect().await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().image_name.as_deref(), Some("a"));
    assert_eq!(items[1].as_ref().unwrap().image_name.as_deref(), Some("b"));
    assert!(matches!(items[2], Err(Error::Api { code: 292, .. })));
    assert_eq!(mock.calls().len(), 2);
}

#[tokio::test]
async fn the_stream_can_be_sent_to_another_task() {
    let (mock, client) = image_mock(7, true);
    let task = tokio::spawn(async move {
        let mut req = GetRepoImageRequest::new("repo");
        req.limit = Some(3);
        collect(&client, req).await
    });
    assert_eq!(task.await.unwrap(), expected(0..7));
    assert_eq!(offsets(&mock), vec!["0", "3", "6"]);
}

/// An action paged by parameters of other names: the runtime moves the one the spec names.
#[derive(Debug, Clone, Serialize)]
struct ListThingsRequest {
    #[serde(rename = "Start")]
    start: Option<i64>,
    #[serde(rename = "Max")]
    max: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct ListThingsResponse {
    #[serde(rename = "Total")]
    total: Option<i64>,
    #[serde(rename = "Things")]
    things: Vec<String>,
}

impl Request for ListThingsRequest {
    type Response = ListThingsResponse;
    const ACTION: Action = Action::new("demo", "ListThings", 0);
}

static THINGS: &[ActionInfo] = &[ActionInfo::new("demo", "ListThings", &[], None)];

#[tokio::test]
async fn pages_by_the_parameters_the_spec_names() {
    let mock = Mock::new(THINGS).without_examples();
    mock.expect("ListThings").repeatedly().replies_with(|call| {
        assert_eq!(
            call.param("Offset"),
            None,
            "no parameter the spec does not name"
        );
        let start: usize = call.param("Start").map_or(0, |o| o.parse().unwrap());
        let max: usize = call.param("Max").unwrap().parse().unwrap();
        let page: Vec<String> = (start..7.min(start + max))
            .map(|i| format!("t{i}"))
            .collect();
        Reply::ok(json!({"Things": page, "Total": 7}))
    });
    let client = client(&mock);
    let req = ListThingsRequest {
        start: Some(2),
        max: Some(2),
    };
    let things: Vec<String> = client
        .paginate(
            &req,
            Paging::new("Start", "Max"),
            |p: ListThingsResponse| (p.total, p.things),
        )
        .map(|t| t.unwrap())
        .collect()
        .await;
    assert_eq!(things, ["t2", "t3", "t4", "t5", "t6"]);
    let starts: Vec<_> = mock
        .calls()
        .iter()
        .map(|c| c.param("Start").unwrap().to_owned())
        .collect();
    assert_eq!(starts, ["2", "4", "6"]);
}
