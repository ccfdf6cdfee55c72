//! Configuration from explicit settings, an injected environment and profile files in a
//! temporary home directory; precedence and error messages.

use crate::support;

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::credentials::InstanceMetadataProvider;
use ucloud_sdk_runtime::{Client, Config, Credentials, Environment, Error};

const CONFIG_JSON: &str = r#"[
    {"project_id": "org-file-default", "region": "cn-bj2", "zone": "cn-bj2-02",
     "base_url": "https://api.ucloud.cn", "timeout_sec": 15, "profile": "default", "active": false},
    {"project_id": "org-file-active", "region": "cn-sh2", "zone": "cn-sh2-02",
     "base_url": "https://api.ucloud.cn", "timeout_sec": 45, "profile": "work", "active": true}
]"#;

const CREDENTIAL_JSON: &str = r#"[
    {"public_key": "pub-default", "private_key": "priv-default", "profile": "default"},
    {"public_key": "pub-work", "private_key": "priv-work", "profile": "work"}
]"#;

fn home_with(config: Option<&str>, credential: Option<&str>) -> tempfile::TempDir {
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::create_dir(home.path().join(".ucloud")).unwrap();
    if let Some(c) = config {
        std::fs::write(home.path().join(".ucloud/config.json"), c).unwrap();
    }
    if let Some(c) = credential {
        std::fs::write(home.path().join(".ucloud/credential.json"), c).unwrap();
    }
    home
}

fn env_in(home: &Path) -> Environment {
    Environment::new().with_home(home)
}

fn config_error(result: Result<Config, Error>) -> String {
    match result {
        Err(Error::Config { message }) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn defaults() {
    let c = Config::builder()
        .credentials(Credentials::new("p", "s"))
        .build()
        .unwrap();
    assert_eq!(c.base_url().as_str(), "https://api.ucloud.cn/");
    assert_eq!(c.timeout(), Duration::from_secs(30));
    assert_eq!(c.max_body_size(), 64 * 1024 * 1024);
    assert_eq!(
        c.retry_policy(),
        &ucloud_sdk_runtime::RetryPolicy::default()
    );
    assert_eq!(c.region(), None);
}

#[test]
fn invalid_user_agent_suffix_or_zero_timeout_is_refused() {
    let builder = || Config::builder().credentials(Credentials::new("p", "s"));
    let msg = config_error(builder().user_agent_suffix("app\r\nX-Evil: 1").build());
    assert!(msg.contains("User-Agent"), "{msg}");
    let msg = config_error(builder().timeout(Duration::ZERO).build());
    assert!(msg.contains("timeout"), "{msg}");
}

#[test]
fn environment_variables() {
    let env = Environment::new()
        .with_var("UCLOUD_PUBLIC_KEY", "pub-env")
        .with_var("UCLOUD_PRIVATE_KEY", "priv-env")
        .with_var("UCLOUD_SECURITY_TOKEN", "tok-env")
        .with_var("UCLOUD_REGION", "cn-gd")
        .with_var("UCLOUD_ZONE", "cn-gd-02")
        .with_var("UCLOUD_PROJECT_ID", "org-env")
        .with_var("UCLOUD_API_BASE_URL", "http://api.service.ucloud.cn")
        .with_var("UCLOUD_TIMEOUT_SECOND", "12");
    let c = Config::builder().build_with(&env).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-env");
    assert_eq!(c.credentials().unwrap().private_key().expose(), "priv-env");
    assert_eq!(
        c.credentials().unwrap().security_token().unwrap().expose(),
        "tok-env"
    );
    assert_eq!(c.region(), Some("cn-gd"));
    assert_eq!(c.zone(), Some("cn-gd-02"));
    assert_eq!(c.project_id(), Some("org-env"));
    assert_eq!(c.base_url().as_str(), "http://api.service.ucloud.cn/");
    assert_eq!(c.timeout(), Duration::from_secs(12));
}

#[test]
fn profile_files_use_the_active_profile() {
    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let c = Config::builder().build_with(&env_in(home.path())).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-work");
    assert_eq!(c.credentials().unwrap().private_key().expose(), "priv-work");
    assert_eq!(c.region(), Some("cn-sh2"));
    assert_eq!(c.zone(), Some("cn-sh2-02"));
    assert_eq!(c.project_id(), Some("org-file-active"));
    assert_eq!(c.timeout(), Duration::from_secs(45));
}

#[test]
fn home_comes_from_the_home_variable_too() {
    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let env = Environment::new().with_var("HOME", home.path().to_str().unwrap());
    let c = Config::builder().build_with(&env).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-work");
}

#[test]
fn ucloud_profile_and_builder_profile_choose_the_profile() {
    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let env = env_in(home.path()).with_var("UCLOUD_PROFILE", "default");
    let c = Config::builder().build_with(&env).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-default");
    assert_eq!(c.region(), Some("cn-bj2"));
    assert_eq!(c.timeout(), Duration::from_secs(15));

    let c = Config::builder().profile("work").build_with(&env).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-work");
    assert_eq!(c.region(), Some("cn-sh2"));
}

#[test]
fn without_an_active_profile_the_default_one_is_used() {
    let config = CONFIG_JSON.replace("\"active\": true", "\"active\": false");
    let home = home_with(Some(&config), Some(CREDENTIAL_JSON));
    let c = Config::builder().build_with(&env_in(home.path())).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-default");
    assert_eq!(c.project_id(), Some("org-file-default"));
}

#[test]
fn precedence_is_explicit_then_environment_then_files() {
    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let env = env_in(home.path())
        .with_var("UCLOUD_REGION", "cn-env")
        .with_var("UCLOUD_ZONE", "cn-env-01")
        .with_var("UCLOUD_PUBLIC_KEY", "pub-env")
        .with_var("UCLOUD_PRIVATE_KEY", "priv-env");

    // Region: all three sources; Zone: environment and file; ProjectId, timeout: file only.
    let c = Config::builder()
        .region("cn-explicit")
        .build_with(&env)
        .unwrap();
    assert_eq!(c.region(), Some("cn-explicit"));
    assert_eq!(c.zone(), Some("cn-env-01"));
    assert_eq!(c.project_id(), Some("org-file-active"));
    assert_eq!(c.timeout(), Duration::from_secs(45));
    assert_eq!(
        c.credentials().unwrap().public_key(),
        "pub-env",
        "environment keys beat the file"
    );

    let c = Config::builder()
        .credentials(Credentials::new("pub-explicit", "priv-explicit"))
        .timeout(Duration::from_secs(3))
        .build_with(&env)
        .unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-explicit");
    assert_eq!(
        c.credentials().unwrap().private_key().expose(),
        "priv-explicit"
    );
    assert_eq!(c.timeout(), Duration::from_secs(3));

    // Empty variables count as unset.
    let env = env_in(home.path()).with_var("UCLOUD_REGION", "");
    assert_eq!(
        Config::builder().build_with(&env).unwrap().region(),
        Some("cn-sh2")
    );
}

#[test]
fn named_files_and_tilde_expansion() {
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::create_dir(home.path().join("conf")).unwrap();
    std::fs::write(home.path().join("conf/c.json"), CONFIG_JSON).unwrap();
    let cred_path = home.path().join("elsewhere-credential.json");
    std::fs::write(&cred_path, CREDENTIAL_JSON).unwrap();
    let env = env_in(home.path())
        .with_var("UCLOUD_SHARED_CONFIG_FILE", "~/conf/c.json")
        .with_var("UCLOUD_SHARED_CREDENTIAL_FILE", cred_path.to_str().unwrap());
    let c = Config::builder().build_with(&env).unwrap();
    assert_eq!(c.credentials().unwrap().public_key(), "pub-work");
    assert_eq!(c.region(), Some("cn-sh2"));
}

#[test]
fn missing_keys_say_which_sources_were_tried() {
    let home = home_with(None, None);
    let builder = || Config::builder().without_instance_metadata();
    let msg = config_error(builder().build_with(&env_in(home.path())));
    assert!(msg.contains("explicit configuration"), "{msg}");
    assert!(
        msg.contains("UCLOUD_PUBLIC_KEY") && msg.contains("UCLOUD_PRIVATE_KEY"),
        "{msg}"
    );
    let cred = home.path().join(".ucloud").join("credential.json");
    assert!(
        msg.contains(&format!("{} (not found)", cred.display())),
        "{msg}"
    );

    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let env = env_in(home.path()).with_var("UCLOUD_PROFILE", "nobody");
    let msg = config_error(builder().build_with(&env));
    assert!(msg.contains("has no profile \"nobody\""), "{msg}");

    // `build` uses the builder alone: no chain.
    let msg = config_error(Config::builder().region("x").build());
    assert!(msg.contains("no API key pair"), "{msg}");
}

/// `UCLOUD_METADATA_DISABLED` does what `without_instance_metadata` does, from the
/// environment; a value that is neither true nor false is an error naming the variable.
#[test]
fn the_environment_can_leave_the_metadata_service_out() {
    let home = home_with(None, None);
    let with = |value: &str| env_in(home.path()).with_var("UCLOUD_METADATA_DISABLED", value);
    for disabled in ["true", "TRUE", "1", " true "] {
        let msg = config_error(Config::builder().build_with(&with(disabled)));
        assert!(msg.contains("no API key pair found"), "{disabled}: {msg}");
    }
    // Left in: the chain is built, and would ask the metadata service at the first call.
    for enabled in ["false", "0"] {
        let config = Config::builder().build_with(&with(enabled));
        assert!(config.is_ok(), "{enabled}: {config:?}");
        assert!(
            config.unwrap().credentials().is_none(),
            "{enabled}: no fixed keys"
        );
    }
    assert!(Config::builder().build_with(&env_in(home.path())).is_ok());
    let msg = config_error(Config::builder().build_with(&with("yes")));
    assert!(
        msg.contains("UCLOUD_METADATA_DISABLED") && msg.contains("\"yes\""),
        "{msg}"
    );
}

/// A port on 127.0.0.1 nothing listens on: connecting is refused at once.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

#[tokio::test]
async fn without_keys_the_default_chain_ends_with_the_metadata_service_at_the_first_call() {
    let server = TestServer::always(Reply::ok(json!({}))).await;
    let home = home_with(None, None);
    let metadata = InstanceMetadataProvider::new().endpoint(closed_port_url());
    let metadata_url = metadata.url();
    let config = Config::builder()
        .base_url(server.url())
        .instance_metadata(metadata)
        .build_with(&env_in(home.path()))
        .expect("no keys is not an error before the first call");
    assert!(config.credentials().is_none());
    let client = Client::new(config).unwrap();
    let err = client.call("DescribeThing", json!({})).await.unwrap_err();
    let Error::Credentials {
        message, not_found, ..
    } = &err
    else {
        panic!("expected a credentials error, got {err:?}");
    };
    assert!(*not_found, "{err}");
    let cred = home.path().join(".ucloud").join("credential.json");
    for source in [
        "no API key pair found",
        "explicit configuration",
        "UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY: not set",
        &format!("{} (not found)", cred.display()),
        &format!("instance metadata service {metadata_url}: cannot connect"),
    ] {
        assert!(message.contains(source), "{source}: {message}");
    }
    assert_eq!(server.count(), 0, "nothing is sent without credentials");
}

#[test]
fn half_a_key_pair_is_an_error() {
    let msg = config_error(
        Config::builder().build_with(&Environment::new().with_var("UCLOUD_PUBLIC_KEY", "p")),
    );
    assert!(msg.contains("UCLOUD_PRIVATE_KEY"), "{msg}");
    let msg = config_error(Config::builder().public_key("p").build());
    assert!(msg.contains("no private key"), "{msg}");
    let home = home_with(None, Some(r#"[{"public_key": "p", "profile": "default"}]"#));
    let msg = config_error(Config::builder().build_with(&env_in(home.path())));
    assert!(
        msg.contains("credential.json") && msg.contains("private_key"),
        "{msg}"
    );
}

#[test]
fn malformed_files_are_named_with_what_is_wrong() {
    let cases = [
        ("[{\"region\": ", "is not valid JSON"),
        ("{\"region\": \"cn-bj2\"}", "must hold a JSON array"),
        (
            "[{\"profile\": \"default\", \"active\": \"maybe\"}]",
            "0.active",
        ),
        (
            "[{\"profile\": \"default\", \"timeout_sec\": \"soon\"}]",
            "0.timeout_sec",
        ),
    ];
    for (text, what) in cases {
        let home = home_with(Some(text), Some(CREDENTIAL_JSON));
        let msg = config_error(Config::builder().build_with(&env_in(home.path())));
        assert!(msg.contains("config.json"), "{text}: {msg}");
        assert!(msg.contains(what), "{text}: {msg}");
    }
    let home = home_with(Some(CONFIG_JSON), Some("not json"));
    let msg = config_error(Config::builder().build_with(&env_in(home.path())));
    assert!(
        msg.contains("credential.json") && msg.contains("not valid JSON"),
        "{msg}"
    );
}

#[test]
fn unreadable_or_missing_named_files_are_errors() {
    // A directory where the file should be cannot be read.
    let home = home_with(None, None);
    std::fs::create_dir(home.path().join(".ucloud/config.json")).unwrap();
    let msg = config_error(Config::builder().build_with(&env_in(home.path())));
    assert!(
        msg.contains("config.json") && msg.contains("cannot be read"),
        "{msg}"
    );

    // A file a variable names must exist.
    let env = Environment::new().with_var(
        "UCLOUD_SHARED_CREDENTIAL_FILE",
        "/nonexistent/dir/cred.json",
    );
    let msg = config_error(Config::builder().build_with(&env));
    assert!(
        msg.contains("/nonexistent/dir/cred.json") && msg.contains("cannot be read"),
        "{msg}"
    );
}

#[test]
fn bad_timeout_variable_is_named() {
    for bad in ["abc", "-3", "0"] {
        let env = Environment::new().with_var("UCLOUD_TIMEOUT_SECOND", bad);
        let msg = config_error(
            Config::builder()
                .public_key("p")
                .private_key("s")
                .build_with(&env),
        );
        assert!(msg.contains("UCLOUD_TIMEOUT_SECOND"), "{bad}: {msg}");
    }
}

#[test]
fn plain_http_needs_opt_in_except_loopback_and_internal_endpoint() {
    let builder = || Config::builder().credentials(Credentials::new("p", "s"));
    assert!(builder()
        .base_url("http://api.service.ucloud.cn")
        .build()
        .is_ok());
    assert!(builder().base_url("http://127.0.0.1:8080").build().is_ok());
    assert!(builder().base_url("http://[::1]:8080").build().is_ok());
    assert!(builder().base_url("http://localhost").build().is_ok());
    let msg = config_error(builder().base_url("http://api.ucloud.cn").build());
    assert!(msg.contains("allow_insecure_http"), "{msg}");
    assert!(builder()
        .base_url("http://api.ucloud.cn")
        .allow_insecure_http(true)
        .build()
        .is_ok());
    // From a profile file too.
    let home = home_with(
        Some(r#"[{"profile": "default", "base_url": "http://proxy.example.com"}]"#),
        Some(CREDENTIAL_JSON),
    );
    let msg = config_error(Config::builder().build_with(&env_in(home.path())));
    assert!(msg.contains("proxy.example.com"), "{msg}");
}

#[tokio::test]
async fn a_client_from_an_environment_calls_the_configured_endpoint() {
    let server = TestServer::always(Reply::ok(json!({"Answer": 42}))).await;
    let home = home_with(Some(CONFIG_JSON), Some(CREDENTIAL_JSON));
    let env = env_in(home.path()).with_var("UCLOUD_API_BASE_URL", server.url());
    let client = Client::new(Config::builder().build_with(&env).unwrap()).unwrap();
    let v = client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(v["Answer"], 42);
    let req = &server.requests()[0];
    assert_eq!(req.param("PublicKey"), Some("pub-work"));
    assert!(req.signature_valid("priv-work"));
    assert_eq!(req.param("Region"), Some("cn-sh2"));
    assert_eq!(req.param("ProjectId"), Some("org-file-active"));
}
