//! Connections under load, against a keep-alive server on 127.0.0.1 that counts the
//! requests it is answering and the connections it has open: the limit on requests in
//! flight holds exactly, the sockets stay within the limit plus the idle pool, and idle
//! connections are closed after the idle timeout.

use crate::support;

use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::config::{DEFAULT_MAX_CONNECTIONS, DEFAULT_POOL_IDLE_TIMEOUT};
use ucloud_sdk_runtime::{Action, Client, Config};

static DESCRIBE: Action = Action::new("uhost", "DescribeUHostInstance", 0);

/// Far above any wait here: a test that takes this long has hung.
const GENEROUS: Duration = Duration::from_secs(15);

/// A keep-alive server that answers every request after `delay`.
async fn slow_server(delay: Duration) -> TestServer {
    TestServer::keep_alive(move |_, _| Reply::after(delay, Reply::ok(json!({"TotalCount": 1}))))
        .await
}

/// `calls` concurrent calls, each on its own task; panics unless all succeed.
async fn burst(client: &Client, calls: usize) {
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move {
                c.invoke::<_, serde_json::Value>(&DESCRIBE, &json!({}))
                    .await
            })
        })
        .collect();
    for t in tasks {
        let resp = t.await.unwrap().unwrap();
        assert_eq!(resp["TotalCount"], 1);
    }
}

/// The default limit under 256 concurrent calls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_limit_holds_under_256_concurrent_calls() {
    let server = slow_server(Duration::from_millis(20)).await;
    let config: Config = support::config(&server).build().unwrap();
    let (max, idle) = (config.max_connections(), config.pool_max_idle_per_host());
    assert_eq!(
        (max, idle),
        (DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS)
    );
    assert_eq!(config.pool_idle_timeout(), Some(DEFAULT_POOL_IDLE_TIMEOUT));
    let client = Client::new(config).unwrap();

    burst(&client, 256).await;
    assert_eq!(server.count(), 256);
    // Requests in flight: exactly bounded (the client holds a permit for each).
    assert!(
        server.max_active() <= max,
        "{} > {max}",
        server.max_active()
    );
    // Sockets: the busy ones, plus idle ones (a connection opened for a request just as
    // another freed up waits idle, or is closed when the idle pool is full).
    assert!(
        server.max_open() <= max + idle,
        "{} sockets open at once",
        server.max_open()
    );
    // Afterwards only the idle pool stays open.
    let open = server.settle_open(idle, GENEROUS).await;
    assert!(open <= idle, "{open} left open");
}

/// A smaller limit, a smaller idle pool and a short idle timeout, all from `Config`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_limit_idle_pool_and_idle_timeout_hold() {
    let server = slow_server(Duration::from_millis(5)).await;
    let config = support::config(&server)
        .max_connections(8)
        .pool_max_idle_per_host(2)
        .pool_idle_timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();

    burst(&client, 256).await;
    assert!(server.max_active() <= 8, "{}", server.max_active());
    assert!(server.max_open() <= 8 + 2, "{}", server.max_open());
    // At most two stay idle, and they are closed once idle for 300 ms.
    let open = server.settle_open(2, GENEROUS).await;
    assert!(open <= 2, "{open} left open");
    assert_eq!(server.settle_open(0, GENEROUS).await, 0, "idle timeout");
    // The client still works after its pool emptied.
    burst(&client, 4).await;
}

/// What the limit prevents: with room for all of them, the same kind of burst does reach
/// the server at once (so the assertions above can fail).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_limit_the_burst_reaches_the_server_at_once() {
    let server = slow_server(Duration::from_millis(500)).await;
    let config = support::config(&server)
        .max_connections(1024)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    burst(&client, 256).await;
    assert!(
        server.max_active() > DEFAULT_MAX_CONNECTIONS,
        "{}",
        server.max_active()
    );
    assert!(server.max_open() > DEFAULT_MAX_CONNECTIONS);
}

#[tokio::test]
async fn a_limit_of_zero_is_refused_and_a_huge_one_is_no_limit() {
    let err = Config::builder()
        .credentials(ucloud_sdk_runtime::Credentials::new("a", "b"))
        .max_connections(0)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("max_connections"), "{err}");
    let server = slow_server(Duration::ZERO).await;
    let config = support::config(&server)
        .max_connections(usize::MAX)
        .build()
        .unwrap();
    burst(&Client::new(config).unwrap(), 4).await;
}
