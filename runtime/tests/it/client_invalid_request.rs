//! A request that leaves a required list empty, at any depth, is refused before sending:
//! `Error::InvalidRequest` names the parameter, and the transport sees nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures_util::StreamExt as _;
use ucloud_sdk_runtime::paginate::PageSplit;
use ucloud_sdk_runtime::transport::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError,
};
use ucloud_sdk_runtime::{model, request, Client, Config, Credentials, Error};

const PRODUCT: &str = "demo";

#[derive(Clone, Default)]
pub struct Disk {
    pub size: Option<i64>,
    pub snapshots: Vec<String>,
}
model!(Disk: default { size: "Size" OptInt, snapshots: "SnapshotIds" Strs required });

#[derive(Clone, Default)]
pub struct CreateRequest {
    pub disks: Vec<Disk>,
    pub tags: Vec<String>,
}
model!(CreateRequest: default { disks: "Disks" Models(Disk) required, tags: "Tags" Strs });
request!(CreateRequest => CreateResponse, PRODUCT, "CreateThing"; read_only = false);

#[derive(Clone, Default)]
pub struct CreateResponse {
    pub ids: Vec<String>,
}
model!(CreateResponse: default { ids: "Ids" Strs });

/// Answers every request with an empty success, counting them.
#[derive(Default)]
struct Counting(AtomicUsize);

impl Transport for Counting {
    fn send<'a>(
        &'a self,
        _request: HttpRequest<'a>,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok(HttpResponse::new(200, r#"{"RetCode": 0, "Ids": ["x"]}"#)) })
    }
}

fn client() -> (Client, Arc<Counting>) {
    let config = Config::builder()
        .credentials(Credentials::new("pub", "priv"))
        .build()
        .unwrap();
    let sent = Arc::new(Counting::default());
    (Client::with_transport(config, sent.clone()), sent)
}

fn disk(snapshots: &[&str]) -> Disk {
    Disk {
        size: Some(20),
        snapshots: snapshots.iter().map(|s| s.to_string()).collect(),
    }
}

fn refused(result: ucloud_sdk_runtime::Result<CreateResponse>) -> (String, String, String) {
    match result {
        Err(Error::InvalidRequest {
            action,
            parameter,
            reason,
        }) => (action, parameter, reason),
        other => panic!("expected InvalidRequest, got {:?}", other.map(|r| r.ids)),
    }
}

#[tokio::test]
async fn an_empty_required_list_is_refused_without_sending() {
    let (client, sent) = client();
    let (action, parameter, reason) = refused(client.send(&CreateRequest::default()).await);
    assert_eq!(
        (action.as_str(), parameter.as_str(), reason.as_str()),
        (
            "CreateThing",
            "Disks",
            "a required list left empty (it must have at least one item)"
        )
    );
    let err = client.send(&CreateRequest::default()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request for CreateThing: parameter Disks: a required list left empty (it must have at least one item)"
    );
    assert!(!err.is_retryable());
    assert_eq!(sent.0.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn nested_required_lists_are_checked_in_every_item() {
    let (client, sent) = client();
    let req = CreateRequest {
        disks: vec![disk(&["snap-1"]), disk(&[])],
        tags: Vec::new(),
    };
    let (_, parameter, _) = refused(client.send(&req).await);
    assert_eq!(parameter, "Disks.1.SnapshotIds");
    assert!(client.send_with_meta(&req).await.is_err());
    assert_eq!(sent.0.load(Ordering::SeqCst), 0);

    // Every required list has items (an optional one may be empty): sent.
    let req = CreateRequest {
        disks: vec![disk(&["snap-1"])],
        tags: Vec::new(),
    };
    assert_eq!(client.send(&req).await.unwrap().ids, ["x"]);
    assert_eq!(sent.0.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn pagination_refuses_it_too() {
    let (client, sent) = client();
    let split: PageSplit<CreateResponse, String> = |r| (None, r.ids);
    let paging = ucloud_sdk_runtime::Paging::new("Offset", "Limit");
    let mut items = client.paginate(&CreateRequest::default(), paging, split);
    match items.next().await {
        Some(Err(Error::InvalidRequest { parameter, .. })) => assert_eq!(parameter, "Disks"),
        other => panic!(
            "expected InvalidRequest, got {:?}",
            other.map(|r| r.is_ok())
        ),
    }
    assert!(items.next().await.is_none());
    assert_eq!(sent.0.load(Ordering::SeqCst), 0);
}
