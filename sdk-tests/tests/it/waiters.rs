//! Generated waiters with the mock transport: `wait_until_uhost_instance_state` polls
//! DescribeUHostInstance until every host is in the state, and times out saying what it
//! last saw. tokio's paused clock skips the waits.

use std::time::Duration;

use serde_json::json;
use ucloud_sdk::testing::{self, Mock, Reply};
use ucloud_sdk::uhost::UHostInstanceSetState as State;
use ucloud_sdk::{Client, Error, Waiter};

/// Host `a` is Running at once; host `b` from the `ready_at`-th call on.
fn hosts(ready_at: usize) -> (Mock, Client) {
    let mock = Mock::new(testing::actions());
    let calls = std::sync::atomic::AtomicUsize::new(0);
    mock.expect("DescribeUHostInstance")
        .repeatedly()
        .replies_with(move |call| {
            let n = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            let b = if n >= ready_at {
                "Running"
            } else {
                "Initializing"
            };
            let set: Vec<_> = call
                .list("UHostIds")
                .into_iter()
                .map(|id| json!({"UHostId": id, "State": if id == "a" { "Running" } else { b }}))
                .collect();
            Reply::ok(json!({"TotalCount": set.len(), "UHostSet": set}))
        });
    let config = mock.config().region("cn-bj2").build().unwrap();
    let client = Client::from(mock.client(config));
    (mock, client)
}

#[tokio::test(start_paused = true)]
async fn waits_until_every_host_is_running() {
    let (mock, client) = hosts(3);
    let running = client
        .uhost()
        .wait_until_uhost_instance_state(["a", "b"], State::Running, Waiter::new())
        .await
        .unwrap();
    assert_eq!(running.len(), 2);
    assert!(running.iter().all(|h| h.state == Some(State::Running)));
    assert_eq!(mock.calls().len(), 3, "polled until the third answer");
    assert_eq!(mock.calls()[0].list("UHostIds"), ["a", "b"]);
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn gives_up_at_the_deadline_saying_what_it_saw() {
    let (mock, client) = hosts(usize::MAX);
    let err = client
        .uhost()
        .wait_until_uhost_instance_state(
            ["a", "b"],
            State::Running,
            Waiter::new().timeout(Duration::from_secs(60)),
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
            assert!(*polls > 3, "{polls}");
            assert_eq!(last_state, "a: Running; b: Initializing");
        }
        other => panic!("expected WaitTimeout, got {other:?}"),
    }
    assert!(err.to_string().contains("b: Initializing"), "{err}");
    mock.verify();
}
