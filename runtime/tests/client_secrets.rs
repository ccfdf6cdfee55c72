//! Secrets (private key, signatures, security token, `Secret` values) never appear in
//! trace output, `Debug` output or error messages.

mod support;

use std::time::Duration;

use base64::Engine as _;
use serde::Serialize;
use serde_json::json;
use support::trace::Capture;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::{
    Action, Client, Config, Credentials, Environment, Error, RetryPolicy, Secret,
};

const PRIVATE_KEY: &str = "PRIVATE-d3adb33f-never-log-me";
const TOKEN: &str = "TOKEN-5ts-never-log-me";
const PASSWORD: &str = "PASSWORD-hunter2-never-log-me";
const DB_PASSWORD: &str = "DBPASS-plain-secret-never-log-me";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRequest {
    zone: Option<String>,
    name: String,
    #[serde(serialize_with = "ucloud_sdk_runtime::encode::base64")]
    password: Secret,
    db_password: Option<Secret>,
}

static CREATE: Action = Action::new("uhost", "CreateUHostInstance", Action::ZONE);

fn request() -> CreateRequest {
    CreateRequest {
        zone: None,
        name: "visible-name".into(),
        password: PASSWORD.into(),
        db_password: Some(DB_PASSWORD.into()),
    }
}

fn forbidden(signatures: &[String]) -> Vec<String> {
    let mut words = vec![
        PRIVATE_KEY.to_owned(),
        TOKEN.to_owned(),
        PASSWORD.to_owned(),
        DB_PASSWORD.to_owned(),
        base64::engine::general_purpose::STANDARD.encode(PASSWORD),
    ];
    words.extend(signatures.iter().cloned());
    words
}

fn assert_clean(what: &str, text: &str, words: &[String]) {
    for w in words {
        assert!(
            !text.contains(w.as_str()),
            "{what} contains the secret {w:?}:\n{text}"
        );
    }
}

fn config(server: &TestServer) -> Config {
    support::config(server)
        .credentials(Credentials::new(support::PUBLIC_KEY, PRIVATE_KEY).with_security_token(TOKEN))
        .zone("cn-bj2-04")
        .retry_policy(
            RetryPolicy::new()
                .with_retry_mutating(true)
                .with_base_delay(Duration::from_millis(1)),
        )
        .build()
        .unwrap()
}

#[tokio::test]
async fn secrets_stay_out_of_traces_debug_output_and_errors() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let server = TestServer::sequence(vec![
        // First call: fails twice retryably, then for good.
        Reply::status_json(503, "busy").with_request_id("rid-secret-1"),
        Reply::json(r#"{"RetCode":2000,"Message":"retry"}"#),
        Reply::json(r#"{"RetCode":171,"Message":"Signature VerifyAC Error"}"#)
            .with_request_id("rid-secret-2"),
        // Second call: succeeds, with a field the type does not know.
        Reply::ok(json!({"UHostIds": ["uhost-1"], "Unknown": 1})).with_request_id("rid-secret-3"),
        // Third call: JSON, but not a response (not retried, unlike a body that is not JSON).
        Reply::json(r#"["<html>oops</html>"]"#),
    ])
    .await;
    let client = Client::new(config(&server)).unwrap();
    let handle = client.clone();

    let err1 = handle
        .invoke::<_, serde_json::Value>(&CREATE, &request())
        .await
        .unwrap_err();
    assert_eq!(err1.ret_code(), Some(171));
    let ok: serde_json::Value = handle.invoke(&CREATE, &request()).await.unwrap();
    assert_eq!(ok["UHostIds"][0], "uhost-1");
    let err2 = handle
        .invoke::<_, serde_json::Value>(&CREATE, &request())
        .await
        .unwrap_err();
    assert!(matches!(err2, Error::Decode { .. }));

    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    let signatures: Vec<String> = requests
        .iter()
        .map(|r| r.param("Signature").unwrap().to_owned())
        .collect();
    // The secrets were really sent (and signed), so finding none in the output means something.
    for r in &requests {
        assert!(r.signature_valid(PRIVATE_KEY));
        assert_eq!(r.param("SecurityToken"), Some(TOKEN));
        assert_eq!(r.param("DbPassword"), Some(DB_PASSWORD));
    }
    let words = forbidden(&signatures);

    let log = capture.text();
    // The capture saw the calls at every level, parameters included...
    assert!(log.contains("ucloud_call"), "{log}");
    assert!(log.contains("CreateUHostInstance"), "{log}");
    assert!(
        log.contains("rid-secret-1") && log.contains("rid-secret-3"),
        "{log}"
    );
    assert!(log.contains("event TRACE"), "{log}");
    // One span per call, with the request id, attempt and duration recorded on it.
    assert_eq!(
        log.matches("ucloud_call: action=\"CreateUHostInstance\"")
            .count(),
        3,
        "{log}"
    );
    for field in ["request_id=\"rid-secret-3\"", "attempt=3", "duration_ms="] {
        assert!(
            log.lines()
                .any(|l| l.starts_with("record span#") && l.contains(field)),
            "{field}: {log}"
        );
    }
    assert!(log.contains("Name=visible-name"), "{log}");
    assert!(
        log.contains("Password=***") && log.contains("SecurityToken=***"),
        "{log}"
    );
    // ...and no secret.
    assert_clean("the trace output", &log, &words);

    for (what, text) in [
        ("Config Debug", format!("{:?}", client.config())),
        ("Client Debug", format!("{client:?}")),
        (
            "Credentials Debug",
            format!("{:?}", client.config().credentials().unwrap()),
        ),
        ("request Debug", format!("{:?}", request())),
        ("error 1 Debug", format!("{err1:?}")),
        ("error 1 Display", err1.to_string()),
        ("error 2 Debug", format!("{err2:?}")),
        ("error 2 Display", err2.to_string()),
    ] {
        assert_clean(what, &text, &words);
    }
    assert!(format!("{:?}", client.config()).contains(support::PUBLIC_KEY));
}

#[test]
fn builder_and_environment_debug_hide_secrets() {
    let builder = Config::builder()
        .public_key("pub")
        .private_key(PRIVATE_KEY)
        .security_token(TOKEN);
    let words = forbidden(&[]);
    assert_clean("ConfigBuilder Debug", &format!("{builder:?}"), &words);
    let env = Environment::new()
        .with_var("UCLOUD_PUBLIC_KEY", "pub")
        .with_var("UCLOUD_PRIVATE_KEY", PRIVATE_KEY)
        .with_var("UCLOUD_SECURITY_TOKEN", TOKEN);
    let text = format!("{env:?}");
    assert!(text.contains("UCLOUD_PRIVATE_KEY"), "{text}");
    assert_clean("Environment Debug", &text, &words);
    let config = builder.build_with(&env).unwrap();
    assert_clean("Config Debug", &format!("{config:?}"), &words);
}

#[test]
fn configuration_errors_do_not_echo_secrets() {
    let words = forbidden(&[]);
    let errors = [
        Config::builder()
            .private_key(PRIVATE_KEY)
            .build()
            .unwrap_err(),
        Config::builder().security_token(TOKEN).build().unwrap_err(),
        Config::builder()
            .build_with(&Environment::new().with_var("UCLOUD_PRIVATE_KEY", PRIVATE_KEY))
            .unwrap_err(),
    ];
    for e in errors {
        assert_clean("configuration error", &format!("{e} {e:?}"), &words);
    }
}
