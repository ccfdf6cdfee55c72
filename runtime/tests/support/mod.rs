//! A small HTTP/1.1 server on 127.0.0.1 for the client tests of HTTP behaviour: it records
//! every request and answers with scripted replies, including misbehaving ones (hanging,
//! resetting the connection, streaming huge bodies, redirecting, sending garbage, cutting
//! bodies short). Tests of everything else use the mock transport (`mock_config`).
//!
//! By default each connection carries one request and every reply says `Connection: close`;
//! [`TestServer::keep_alive`] serves many requests per connection, as a real API endpoint
//! does. The server counts the connections it has open, and the most it had open at once.

#![allow(dead_code)]

pub mod trace;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha1::{Digest, Sha1};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use ucloud_sdk_runtime::testing::Mock;
use ucloud_sdk_runtime::{Config, ConfigBuilder, Credentials, RetryPolicy};

pub const PUBLIC_KEY: &str = "ucloudsomeone@example.com1296235120854146120";
pub const PRIVATE_KEY: &str = "46f09bb9fab4f12dfc160dae12273d5332b5debe";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The form body, decoded, in the order sent.
    pub form: Vec<(String, String)>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Recomputes the signature from the received form with `private_key` and compares.
    pub fn signature_valid(&self, private_key: &str) -> bool {
        match self.param("Signature") {
            Some(sent) => sent == expected_signature(&self.form, private_key),
            None => false,
        }
    }
}

/// UCloud's signature, computed independently of the SDK.
pub fn expected_signature(form: &[(String, String)], private_key: &str) -> String {
    let mut params: Vec<&(String, String)> =
        form.iter().filter(|(k, _)| k != "Signature").collect();
    params.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut text = String::new();
    for (k, v) in params {
        text.push_str(k);
        text.push_str(v);
    }
    text.push_str(private_key);
    Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// Accept and never answer.
    Hang,
    /// Send these bytes (e.g. the head of a response), then stall forever.
    HangAfter(Vec<u8>),
    /// These bytes, then reset the connection (RST).
    ResetAfter(Vec<u8>),
    /// A 200 whose body is `total` bytes of JSON-looking filler, with `Content-Length`
    /// if `declare_length`, else chunked; stops when the client goes away.
    Stream { total: u64, declare_length: bool },
    /// Waits, then gives the reply (a slow server).
    After(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::status_json(200, body)
    }

    pub fn status_json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Http {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
        }
    }

    /// A successful UCloud response with extra fields from `fields` (a JSON object).
    pub fn ok(fields: serde_json::Value) -> Reply {
        let mut obj = serde_json::json!({"RetCode": 0, "Action": "TestResponse"});
        if let (Some(o), serde_json::Value::Object(f)) = (obj.as_object_mut(), fields) {
            o.extend(f);
        }
        Reply::json(obj.to_string())
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Http { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    pub fn with_request_id(self, id: &str) -> Reply {
        self.with_header("X-UCLOUD-REQUEST-UUID", id)
    }

    /// A complete 200 response whose body is only the first `keep` bytes of `body`: the
    /// HTTP framing is right (`Content-Length` says `keep`), the JSON is cut short.
    pub fn truncated(body: &str, keep: usize) -> Reply {
        Reply::Http {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes()[..keep].to_vec(),
        }
    }

    /// This reply after `delay`.
    pub fn after(delay: Duration, reply: Reply) -> Reply {
        Reply::After(delay, Box::new(reply))
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

struct State {
    /// The requests recorded, and how many there were (also those forgotten since).
    requests: Mutex<Vec<Recorded>>,
    received: AtomicUsize,
    handler: Box<Handler>,
    streamed: AtomicU64,
    stream_done: tokio::sync::Notify,
    keep_alive: bool,
    /// Connections accepted, open now, and the most open at once.
    accepted: AtomicUsize,
    open: AtomicUsize,
    max_open: AtomicUsize,
    /// Requests being answered now (read, reply not yet written), and the most at once.
    active: AtomicUsize,
    max_active: AtomicUsize,
}

/// Counts a connection as open while it lives.
struct OpenConnection(Arc<State>);

impl OpenConnection {
    fn new(state: Arc<State>) -> Self {
        state.accepted.fetch_add(1, Ordering::SeqCst);
        let now = state.open.fetch_add(1, Ordering::SeqCst) + 1;
        state.max_open.fetch_max(now, Ordering::SeqCst);
        OpenConnection(state)
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts a request as being answered while it lives.
struct ActiveRequest<'s>(&'s State);

impl<'s> ActiveRequest<'s> {
    fn new(state: &'s State) -> Self {
        let now = state.active.fetch_add(1, Ordering::SeqCst) + 1;
        state.max_active.fetch_max(now, Ordering::SeqCst);
        ActiveRequest(state)
    }
}

impl Drop for ActiveRequest<'_> {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The server; stops accepting when dropped (connections end with the test's runtime).
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<State>,
    accept: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl TestServer {
    /// Answers request number `n` (from 0) with `handler(request, n)`, one request per
    /// connection.
    pub async fn start(
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        TestServer::start_with(false, handler).await
    }

    /// Like [`start`](TestServer::start), but connections stay open for further requests
    /// (HTTP/1.1 keep-alive) unless a reply closes them.
    pub async fn keep_alive(
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        TestServer::start_with(true, handler).await
    }

    async fn start_with(
        keep_alive: bool,
        handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            requests: Mutex::new(Vec::new()),
            received: AtomicUsize::new(0),
            handler: Box::new(handler),
            streamed: AtomicU64::new(0),
            stream_done: tokio::sync::Notify::new(),
            keep_alive,
            accepted: AtomicUsize::new(0),
            open: AtomicUsize::new(0),
            max_open: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            max_active: AtomicUsize::new(0),
        });
        let accept_state = Arc::clone(&state);
        let accept = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, Arc::clone(&accept_state)));
            }
        });
        TestServer {
            addr,
            state,
            accept,
        }
    }

    /// Answers every request with `reply`.
    pub async fn always(reply: Reply) -> TestServer {
        TestServer::start(move |_, _| reply.clone()).await
    }

    /// Answers request n with `replies[n]`, and with the last one after that.
    pub async fn sequence(replies: Vec<Reply>) -> TestServer {
        assert!(!replies.is_empty());
        TestServer::start(move |_, n| replies[n.min(replies.len() - 1)].clone()).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().unwrap().clone()
    }

    /// Requests received so far.
    pub fn count(&self) -> usize {
        self.state.received.load(Ordering::SeqCst)
    }

    /// Forgets the requests recorded so far (and the memory they took); `count` goes on.
    pub fn forget_requests(&self) {
        *self.state.requests.lock().unwrap() = Vec::new();
    }

    /// Waits until a `Reply::Stream` reply has ended (sent everything, or the client left).
    pub async fn stream_finished(&self) {
        self.state.stream_done.notified().await;
    }

    /// Body bytes written by `Reply::Stream` replies so far.
    pub fn streamed(&self) -> u64 {
        self.state.streamed.load(Ordering::SeqCst)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.state.accepted.load(Ordering::SeqCst)
    }

    /// Connections open now (accepted, and neither side has closed them).
    pub fn open(&self) -> usize {
        self.state.open.load(Ordering::SeqCst)
    }

    /// The most connections that were open at once.
    pub fn max_open(&self) -> usize {
        self.state.max_open.load(Ordering::SeqCst)
    }

    /// The most requests that were being answered at once.
    pub fn max_active(&self) -> usize {
        self.state.max_active.load(Ordering::SeqCst)
    }

    /// Waits (up to `limit`) until at most `n` connections are open; returns how many are.
    pub async fn settle_open(&self, n: usize, limit: Duration) -> usize {
        let deadline = tokio::time::Instant::now() + limit;
        while self.open() > n && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.open()
    }
}

/// The default retry policy with quick backoff: 5 ms, at most 20 ms.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::new()
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20))
}

/// A configuration for `server` with the documented test keys and quick retries.
pub fn config(server: &TestServer) -> ConfigBuilder {
    Config::builder()
        .credentials(Credentials::new(PUBLIC_KEY, PRIVATE_KEY))
        .base_url(server.url())
        .timeout(Duration::from_secs(20))
        .retry_policy(quick_retries())
}

/// A configuration for `mock` (its key pair), with the timeout and quick retries of
/// [`config`].
pub fn mock_config(mock: &Mock) -> ConfigBuilder {
    mock.config()
        .timeout(Duration::from_secs(20))
        .retry_policy(quick_retries())
}

pub fn client(server: &TestServer) -> ucloud_sdk_runtime::Client {
    ucloud_sdk_runtime::Client::new(config(server).build().unwrap()).unwrap()
}

/// A client of `server` whose credentials come from `provider`.
pub fn client_with_provider(
    server: &TestServer,
    provider: impl ucloud_sdk_runtime::credentials::ProvideCredentials + 'static,
) -> ucloud_sdk_runtime::Client {
    let config = Config::builder()
        .base_url(server.url())
        .credentials_provider(provider)
        .build()
        .unwrap();
    ucloud_sdk_runtime::Client::new(config).unwrap()
}

/// Calls `action` `n` times at once (each on its own task); panics if one fails.
pub async fn call_concurrently(client: &ucloud_sdk_runtime::Client, action: &str, n: usize) {
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let (client, action) = (client.clone(), action.to_owned());
            tokio::spawn(async move { client.call(&action, serde_json::json!({})).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
}

async fn serve(mut socket: TcpStream, state: Arc<State>) {
    let _open = OpenConnection::new(Arc::clone(&state));
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut socket, &mut buf).await else {
            return;
        };
        let n = {
            let mut requests = state.requests.lock().unwrap();
            requests.push(request.clone());
            state.received.fetch_add(1, Ordering::SeqCst)
        };
        let reply = (state.handler)(&request, n);
        let active = ActiveRequest::new(&state);
        if !reply_to(&mut socket, &state, reply, active).await {
            return;
        }
    }
}

/// Sends `reply`; `true` if the connection stays open for another request. The request
/// stops counting as active just before its reply is written: the client can have read
/// the reply (and sent its next request) only after that.
async fn reply_to(
    socket: &mut TcpStream,
    state: &State,
    mut reply: Reply,
    active: ActiveRequest<'_>,
) -> bool {
    while let Reply::After(delay, then) = reply {
        tokio::time::sleep(delay).await;
        reply = *then;
    }
    if matches!(reply, Reply::Http { .. } | Reply::Raw(_)) {
        drop(active);
    }
    match reply {
        Reply::Http {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            if !state.keep_alive {
                head.push_str("Connection: close\r\n");
            }
            head.push_str("\r\n");
            let mut bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
            if socket.write_all(&bytes).await.is_err() {
                return false;
            }
            if state.keep_alive {
                return true;
            }
            let _ = socket.shutdown().await;
        }
        Reply::Raw(bytes) => {
            let _ = socket.write_all(&bytes).await;
            let _ = socket.shutdown().await;
        }
        Reply::Hang => until_closed(socket).await,
        Reply::HangAfter(bytes) => {
            let _ = socket.write_all(&bytes).await;
            let _ = socket.flush().await;
            until_closed(socket).await;
        }
        Reply::ResetAfter(bytes) => {
            let _ = socket.write_all(&bytes).await;
            let _ = socket.flush().await;
            // Let the bytes reach the client before the RST discards them.
            tokio::time::sleep(Duration::from_millis(50)).await;
            let _ = socket.set_zero_linger();
        }
        Reply::Stream {
            total,
            declare_length,
        } => {
            stream_body(socket, state, total, declare_length).await;
            state.stream_done.notify_one();
        }
        Reply::After(..) => unreachable!("unwrapped above"),
    }
    false
}

/// Answers nothing and keeps the connection until the client closes it.
async fn until_closed(socket: &mut TcpStream) {
    let mut sink = [0u8; 1024];
    while matches!(socket.read(&mut sink).await, Ok(n) if n > 0) {}
}

async fn stream_body(socket: &mut TcpStream, state: &State, total: u64, declare_length: bool) {
    let framing = if declare_length {
        format!("Content-Length: {total}")
    } else {
        "Transfer-Encoding: chunked".to_owned()
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 0u64;
    while sent < total {
        let n = chunk.len().min((total - sent) as usize);
        let result = if declare_length {
            socket.write_all(&chunk[..n]).await
        } else {
            let mut framed = format!("{n:x}\r\n").into_bytes();
            framed.extend_from_slice(&chunk[..n]);
            framed.extend_from_slice(b"\r\n");
            socket.write_all(&framed).await
        };
        if result.is_err() {
            return;
        }
        sent += n as u64;
        state.streamed.fetch_add(n as u64, Ordering::SeqCst);
    }
    if !declare_length {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Reads one request; `buf` carries bytes read past it to the next call.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Recorded> {
    let mut tmp = [0u8; 8192];
    let header_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let n = socket.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < header_end + 4 + length {
        let n = socket.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    }
    let body = buf[header_end + 4..header_end + 4 + length].to_vec();
    buf.drain(..header_end + 4 + length);
    let form = parse_form(&body);
    Some(Recorded {
        method,
        target,
        headers,
        body,
        form,
    })
}

/// Decodes `application/x-www-form-urlencoded`.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
