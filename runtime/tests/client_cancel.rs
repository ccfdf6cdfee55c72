//! Cancelling calls in flight: sockets and memory come back.
//!
//! This binary counts the bytes its heap holds (a counting global allocator) and holds one
//! test, so that nothing else allocates or opens sockets while it measures. Resident memory
//! is printed, not checked: the allocator keeps freed pages for reuse, so it grows after
//! the first burst without anything being held.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::{Action, Client};

/// The system allocator, counting the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments; the counter is
// only arithmetic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// Sockets this process has open (Linux: `/proc/self/fd` entries that are sockets).
fn open_sockets() -> Option<usize> {
    let entries = std::fs::read_dir("/proc/self/fd").ok()?;
    Some(
        entries
            .flatten()
            .filter(|e| {
                std::fs::read_link(e.path())
                    .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"))
            })
            .count(),
    )
}

/// [`open_sockets`] once it has stopped changing: a connection the test server has just
/// counted as closed may hold its socket a moment longer, which would make the count
/// depend on timing.
async fn settled_sockets() -> Option<usize> {
    let mut last = open_sockets();
    let mut same = 0;
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        let now = open_sockets();
        same = if now == last { same + 1 } else { 0 };
        if same == 10 {
            break;
        }
        last = now;
    }
    last
}

fn resident_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

static DESCRIBE: Action = Action::new("uhost", "DescribeUHostInstance", 0);

const CALLS: usize = 1000;
/// Requests on the wire at once; the other calls wait for a permit. Both kinds are
/// cancelled. (512 sockets on each side stay well under the usual limit of 1024 files.)
const ON_THE_WIRE: usize = 256;

/// Starts `CALLS` calls against a server that never answers, waits until `ON_THE_WIRE` of
/// them reached it, cancels them all, and waits until their sockets are closed.
async fn cancel_round(client: &Client, server: &TestServer) -> isize {
    let before = server.count();
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move {
                c.invoke::<_, serde_json::Value>(&DESCRIBE, &json!({"Limit": 100}))
                    .await
            })
        })
        .collect();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while server.count() < before + ON_THE_WIRE {
        assert!(
            tokio::time::Instant::now() < deadline,
            "requests did not arrive"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let in_flight = live_bytes();
    for t in &tasks {
        t.abort();
    }
    for t in tasks {
        assert!(t.await.unwrap_err().is_cancelled());
    }
    assert_eq!(
        server.settle_open(0, Duration::from_secs(30)).await,
        0,
        "the server still sees open connections"
    );
    // What the test server recorded is not the client's memory.
    server.forget_requests();
    in_flight
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_1000_calls_in_flight_releases_sockets_and_memory() {
    let server = TestServer::keep_alive(|_, _| Reply::Hang).await;
    let config = support::config(&server)
        .max_connections(ON_THE_WIRE)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();

    // A first round grows what is kept for reuse (the runtime's task slab, timer wheel,
    // buffers); after it, nothing should grow.
    cancel_round(&client, &server).await;
    let sockets = settled_sockets().await;
    let baseline = live_bytes();
    let rss = resident_kb();
    let mut peak = 0;
    for _ in 0..3 {
        peak = peak.max(cancel_round(&client, &server).await - baseline);
    }
    let after = live_bytes() - baseline;
    let sockets_after = settled_sockets().await;
    eprintln!(
        "heap: {} KiB over the baseline with {CALLS} calls in flight, {} KiB after 3 rounds cancelled; \
         resident {:?} -> {:?} KiB; sockets {:?} -> {:?}",
        peak / 1024,
        after / 1024,
        rss,
        resident_kb(),
        sockets,
        sockets_after
    );
    assert_eq!(sockets_after, sockets, "sockets came back");
    assert!(
        peak > 1024 * 1024,
        "the calls held memory while in flight: {peak} bytes"
    );
    assert!(
        after < 64 * 1024,
        "{after} bytes more than before 3,000 cancelled calls"
    );
}
