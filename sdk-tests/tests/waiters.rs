//! Generated waiters end to end: `wait_until_uhost_instance_state` polls
//! DescribeUHostInstance until every host is in the state, and times out saying what it
//! last saw.

#[path = "../../runtime/tests/support/mod.rs"]
mod support;

use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk::uhost::UHostInstanceSetState as State;
use ucloud_sdk::{Client, Error, Waiter};

/// Answers DescribeUHostInstance: host `a` is Running at once, host `b` from the
/// `ready_at`-th call on.
async fn hosts(ready_at: usize) -> TestServer {
    TestServer::start(move |req, n| {
        assert_eq!(req.param("Action"), Some("DescribeUHostInstance"));
        let ids: Vec<&str> = ["UHostIds.0", "UHostIds.1"]
            .iter()
            .filter_map(|k| req.param(k))
            .collect();
        let b = if n + 1 >= ready_at {
            "Running"
        } else {
            "Initializing"
        };
        let set: Vec<_> = ids
            .iter()
            .map(|id| json!({"UHostId": id, "State": if *id == "a" { "Running" } else { b }}))
            .collect();
        Reply::ok(json!({"TotalCount": set.len(), "UHostSet": set}))
    })
    .await
}

fn client(server: &TestServer) -> Client {
    Client::new(support::config(server).region("cn-bj2").build().unwrap()).unwrap()
}

fn fast() -> Waiter {
    Waiter::new().delays(Duration::from_millis(5), Duration::from_millis(20))
}

#[tokio::test]
async fn waits_until_every_host_is_running() {
    let server = hosts(3).await;
    let client = client(&server);
    let running = client
        .uhost()
        .wait_until_uhost_instance_state(["a", "b"], State::Running, fast())
        .await
        .unwrap();
    assert_eq!(running.len(), 2);
    assert!(running.iter().all(|h| h.state == Some(State::Running)));
    assert_eq!(server.count(), 3, "polled until the third answer");
}

#[tokio::test]
async fn gives_up_at_the_deadline_saying_what_it_saw() {
    let server = hosts(usize::MAX).await;
    let client = client(&server);
    let err = client
        .uhost()
        .wait_until_uhost_instance_state(
            ["a", "b"],
            State::Running,
            fast().timeout(Duration::from_millis(100)),
        )
        .await
        .unwrap_err();
    match &err {
        Error::WaitTimeout {
            action,
            polls,
            last_state,
            ..
        } => {
            assert_eq!(action, "DescribeUHostInstance");
            assert!(*polls > 1, "{polls}");
            assert_eq!(last_state, "a: Running; b: Initializing");
        }
        other => panic!("expected WaitTimeout, got {other:?}"),
    }
    assert!(err.to_string().contains("b: Initializing"), "{err}");
}
