//! `Client::from_env` with the real process environment and a temporary HOME: keys from
//! the files, from the variables, and from neither (the instance metadata service).
//!
//! This binary holds a single test, so changing the process environment races with
//! nothing.

mod support;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::{Client, Config};

#[tokio::test]
async fn from_env_reads_process_variables_and_home_profile_files() {
    let server = TestServer::always(Reply::ok(json!({"Ok": true}))).await;
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::create_dir(home.path().join(".ucloud")).unwrap();
    std::fs::write(
        home.path().join(".ucloud/config.json"),
        format!(
            r#"[{{"profile": "default", "active": true, "region": "cn-file", "zone": "cn-file-01",
                 "project_id": "org-file", "base_url": "{}", "timeout_sec": 9}}]"#,
            server.url()
        ),
    )
    .unwrap();
    std::fs::write(
        home.path().join(".ucloud/credential.json"),
        r#"[{"public_key": "pub-file", "private_key": "priv-file", "profile": "default"}]"#,
    )
    .unwrap();

    for (name, _) in std::env::vars() {
        if name.starts_with("UCLOUD_") {
            std::env::remove_var(name);
        }
    }
    std::env::set_var("HOME", home.path());
    std::env::set_var("UCLOUD_REGION", "cn-env");

    let config = Config::from_env().unwrap();
    assert_eq!(
        config.region(),
        Some("cn-env"),
        "environment beats the file"
    );
    assert_eq!(config.zone(), Some("cn-file-01"));
    assert_eq!(config.timeout(), std::time::Duration::from_secs(9));

    let client = Client::from_env().unwrap();
    let v = client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(v["Ok"], true);
    let req = &server.requests()[0];
    assert_eq!(req.param("PublicKey"), Some("pub-file"));
    assert!(req.signature_valid("priv-file"));
    assert_eq!(req.param("Region"), Some("cn-env"));
    assert_eq!(req.param("ProjectId"), Some("org-file"));

    // Keys from the environment replace the file's pair.
    std::env::set_var("UCLOUD_PUBLIC_KEY", "pub-env");
    std::env::set_var("UCLOUD_PRIVATE_KEY", "priv-env");
    let client = Client::from_env().unwrap();
    client.call("DescribeThing", json!({})).await.unwrap();
    let req = &server.requests()[1];
    assert_eq!(req.param("PublicKey"), Some("pub-env"));
    assert!(req.signature_valid("priv-env"));

    // No keys anywhere: the default chain ends with the instance metadata service, asked
    // at the first call (not here: this machine is no UHost).
    std::env::remove_var("UCLOUD_PUBLIC_KEY");
    std::env::remove_var("UCLOUD_PRIVATE_KEY");
    std::fs::remove_file(home.path().join(".ucloud/credential.json")).unwrap();
    let config = Config::from_env().unwrap();
    assert!(config.credentials().is_none());
    let described = format!("{:?}", config.credentials_provider());
    assert!(
        described.contains("http://100.80.80.80/meta-data/v1/uam/security-credentials"),
        "{described}"
    );
    assert_eq!(
        config.region(),
        Some("cn-env"),
        "the rest is configured as before"
    );
    assert!(Client::from_env().is_ok());
}
