//! Secrets (private key, signatures, security token, `Secret` values) never appear in
//! trace output, `Debug` output or error messages. The calls go over the mock transport,
//! which verifies that the secrets were really sent and signed.

use crate::support;

use std::time::Duration;

use base64::Engine as _;
use serde::Serialize;
use serde_json::json;
use support::trace::Capture;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::credentials::{
    AssumeRoleProvider, InstanceMetadataProvider, ProvideCredentials,
};
use ucloud_sdk_runtime::testing::{self, ActionInfo, Mock};
use ucloud_sdk_runtime::{Action, Config, Credentials, Environment, Error, RetryPolicy, Secret};

const PRIVATE_KEY: &str = "PRIVATE-d3adb33f-never-log-me";
const TOKEN: &str = "TOKEN-5ts-never-log-me";
const PASSWORD: &str = "PASSWORD-hunter2-never-log-me";
const DB_PASSWORD: &str = "DBPASS-plain-secret-never-log-me";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRequest {
    zone: Option<String>,
    name: String,
    /// Sent base64-encoded, as the page says: a type of your own encodes it itself.
    password: Secret,
    db_password: Option<Secret>,
}

static CREATE: Action = Action::new("uhost", "CreateUHostInstance", Action::ZONE);

fn request() -> CreateRequest {
    CreateRequest {
        zone: None,
        name: "visible-name".into(),
        password: Secret::new(base64::engine::general_purpose::STANDARD.encode(PASSWORD)),
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

static ACTIONS: &[ActionInfo] = &[ActionInfo::new(
    "uhost",
    "CreateUHostInstance",
    &["Zone", "Name", "Password"],
    None,
)];

fn credentials() -> Credentials {
    Credentials::new(support::PUBLIC_KEY, PRIVATE_KEY).with_security_token(TOKEN)
}

fn config(mock: &Mock) -> Config {
    support::mock_config(mock)
        .credentials(credentials())
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

    let mock = Mock::new(ACTIONS)
        .with_credentials(credentials())
        .in_order();
    let create = || mock.expect("CreateUHostInstance");
    // First call: fails twice retryably, then for good.
    create().replies(testing::Reply::status(503, "busy").request_id("rid-secret-1"));
    create().fails(2000, "retry");
    create().replies(
        testing::Reply::api_error(171, "Signature VerifyAC Error").request_id("rid-secret-2"),
    );
    // Second call: succeeds, with a field the type does not know.
    create().replies(
        testing::Reply::ok(json!({"UHostIds": ["uhost-1"], "Unknown": 1}))
            .request_id("rid-secret-3"),
    );
    // Third call: JSON, but not a response (not retried, unlike a body that is not JSON).
    create().replies(testing::Reply::status(200, r#"["<html>oops</html>"]"#));
    let client = mock.client(config(&mock));
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

    // The secrets were really sent, and signed (the mock verified every signature), so
    // finding none in the output means something.
    let calls = mock.calls();
    assert_eq!(calls.len(), 5);
    for call in &calls {
        assert_eq!(call.param("SecurityToken"), Some(TOKEN));
        assert_eq!(call.param("DbPassword"), Some(DB_PASSWORD));
    }
    mock.verify();
    let signatures: Vec<String> = calls
        .iter()
        .map(|call| {
            let pairs = call.params().iter().map(|(n, v)| (n.as_str(), v.as_str()));
            ucloud_sdk_runtime::sign::signature(pairs, PRIVATE_KEY)
        })
        .collect();
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

const MD_PRIVATE: &str = "MDPRIV-instance-role-never-log-me";
const MD_TOKEN: &str = "MDTOKEN-instance-role-never-log-me";
const STS_SECRET: &str = "STSSECRET-assumed-role-never-log-me";
const STS_TOKEN: &str = "STSTOKEN-assumed-role-never-log-me";

fn in_an_hour() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600
}

fn provider_secrets(signatures: &[String]) -> Vec<String> {
    let mut words = forbidden(signatures);
    words.extend([MD_PRIVATE, MD_TOKEN, STS_SECRET, STS_TOKEN].map(String::from));
    words
}

/// Temporary credentials from the metadata service and from STS: their secrets were sent
/// and signed with, and appear in no trace, `Debug` output or error, also when an answer
/// is malformed around them.
#[tokio::test]
async fn provider_secrets_stay_out_of_traces_debug_output_and_errors() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let md_answer = json!({"RetCode": 0, "Data": {"PublicKey": "md-pub",
        "PrivateKey": MD_PRIVATE, "SecurityToken": MD_TOKEN, "Expiration": in_an_hour()}})
    .to_string();
    let metadata = TestServer::sequence(vec![
        Reply::json(md_answer.clone()),
        // Malformed around the secrets: an unreadable expiry, a cut-short body.
        Reply::json(md_answer.replace("\"Expiration\":", "\"Expiration\":\"x\",\"_\":")),
        Reply::truncated(&md_answer, md_answer.len() - 2),
    ])
    .await;
    let sts_answer = json!({"RetCode": 0, "Action": "AssumeRoleResponse", "Credentials": {
        "AccessKeyId": "sts-pub", "AccessKeySecret": STS_SECRET, "SecurityToken": STS_TOKEN,
        "Expiration": "2100-01-01T00:00:00Z"}})
    .to_string();
    let api = TestServer::start(move |request, _| {
        if request.param("Action") != Some("AssumeRole") {
            return Reply::ok(json!({}));
        }
        match request.param("RoleSessionName") {
            Some("good") => Reply::json(sts_answer.clone()),
            Some("cut") => Reply::truncated(&sts_answer, sts_answer.len() - 3),
            _ => Reply::json(sts_answer.replace("\"AccessKeyId\"", "\"Other\"")),
        }
    })
    .await;

    let md = InstanceMetadataProvider::new().endpoint(metadata.url());
    let md_client = support::client_with_provider(&api, md.clone());
    md_client.call("DescribeThing", json!({})).await.unwrap();
    let role = |session: &str| {
        AssumeRoleProvider::new(support::client(&api), "ucs:iam::1:role/r", session)
    };
    let sts_client = support::client_with_provider(&api, role("good"));
    sts_client.call("DescribeThing", json!({})).await.unwrap();

    let mut errors = vec![
        md.provide_credentials().await.unwrap_err(),
        md.provide_credentials().await.unwrap_err(),
    ];
    for session in ["cut", "missing"] {
        let client = support::client_with_provider(&api, role(session));
        errors.push(client.call("DescribeThing", json!({})).await.unwrap_err());
    }

    let requests = api.requests();
    let described: Vec<_> = requests
        .iter()
        .filter(|r| r.param("Action") == Some("DescribeThing"))
        .collect();
    assert_eq!(described.len(), 2);
    // The secrets were really used, so finding none in the output means something.
    assert!(described[0].signature_valid(MD_PRIVATE));
    assert_eq!(described[0].param("SecurityToken"), Some(MD_TOKEN));
    assert!(described[1].signature_valid(STS_SECRET));
    assert_eq!(described[1].param("SecurityToken"), Some(STS_TOKEN));
    let signatures: Vec<String> = requests
        .iter()
        .map(|r| r.param("Signature").unwrap().to_owned())
        .collect();
    let words = provider_secrets(&signatures);

    let log = capture.text();
    assert!(log.contains("refreshing credentials"), "{log}");
    assert!(log.contains("credentials refreshed"), "{log}");
    assert_clean("the trace output", &log, &words);
    for e in &errors {
        assert!(matches!(e, Error::Credentials { .. }), "{e:?}");
        assert_clean("a provider error", &format!("{e} {e:?}"), &words);
    }
    for (what, text) in [
        ("metadata client Debug", format!("{md_client:?}")),
        ("STS client Debug", format!("{sts_client:?}")),
        ("metadata provider Debug", format!("{md:?}")),
        ("STS provider Debug", format!("{:?}", role("good"))),
        (
            "provided credentials Debug",
            format!("{:?}", md_client.config().credentials_provider()),
        ),
    ] {
        assert_clean(what, &text, &words);
    }
}
