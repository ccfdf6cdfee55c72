//! The environment and profile-file providers with an injected environment and a temporary
//! home, the chain, and how a configuration chooses between keys and providers.

use crate::support;

use std::path::Path;

use serde_json::json;
use support::{Reply, TestServer};
use ucloud_sdk_runtime::credentials::{
    ChainProvider, EnvironmentProvider, InstanceMetadataProvider, ProfileProvider,
    ProvideCredentials,
};
use ucloud_sdk_runtime::{Client, Config, Credentials, Environment, Error};

const CREDENTIAL_JSON: &str = r#"[
    {"public_key": "pub-default", "private_key": "priv-default", "profile": "default"},
    {"public_key": "pub-work", "private_key": "priv-work", "profile": "work"}
]"#;

fn home_with(credential: Option<&str>) -> tempfile::TempDir {
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::create_dir(home.path().join(".ucloud")).unwrap();
    if let Some(c) = credential {
        std::fs::write(home.path().join(".ucloud/credential.json"), c).unwrap();
    }
    home
}

fn env_in(home: &Path) -> Environment {
    Environment::new().with_home(home)
}

async fn error_of(provider: &dyn ProvideCredentials) -> (String, String, bool) {
    match provider.provide_credentials().await {
        Err(Error::Credentials {
            provider,
            message,
            not_found,
        }) => (provider, message, not_found),
        other => panic!("expected a credentials error, got {other:?}"),
    }
}

#[tokio::test]
async fn environment_provider() {
    let env = Environment::new()
        .with_var("UCLOUD_PUBLIC_KEY", "pub-env")
        .with_var("UCLOUD_PRIVATE_KEY", "priv-env")
        .with_var("UCLOUD_SECURITY_TOKEN", "tok-env");
    let c = EnvironmentProvider::with_environment(env)
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(
        c,
        Credentials::new("pub-env", "priv-env").with_security_token("tok-env")
    );
    assert_eq!(c.expiry(), None);

    let (provider, message, not_found) =
        error_of(&EnvironmentProvider::with_environment(Environment::new())).await;
    assert!(not_found);
    assert!(provider.contains("UCLOUD_PUBLIC_KEY"), "{provider}");
    assert_eq!(message, "not set");

    let half = Environment::new().with_var("UCLOUD_PUBLIC_KEY", "pub-env");
    let (_, message, not_found) = error_of(&EnvironmentProvider::with_environment(half)).await;
    assert!(!not_found, "half a key pair is a mistake, not an absence");
    assert!(message.contains("UCLOUD_PRIVATE_KEY is not"), "{message}");
}

#[tokio::test]
async fn profile_provider() {
    let home = home_with(Some(CREDENTIAL_JSON));
    let p = ProfileProvider::with_environment(env_in(home.path()));
    let c = p.provide_credentials().await.unwrap();
    assert_eq!(c.public_key(), "pub-default");
    let c = p
        .clone()
        .profile("work")
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(c.private_key().expose(), "priv-work");
    let env = env_in(home.path()).with_var("UCLOUD_PROFILE", "work");
    let c = ProfileProvider::with_environment(env)
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(c.public_key(), "pub-work");

    let (provider, _, not_found) = error_of(&p.clone().profile("nobody")).await;
    assert!(not_found);
    assert!(provider.contains("has no profile \"nobody\""), "{provider}");

    let empty = home_with(None);
    let (provider, _, not_found) =
        error_of(&ProfileProvider::with_environment(env_in(empty.path()))).await;
    assert!(not_found);
    assert!(provider.contains("(not found)"), "{provider}");

    let broken = home_with(Some("[{"));
    let (_, message, not_found) =
        error_of(&ProfileProvider::with_environment(env_in(broken.path()))).await;
    assert!(!not_found, "a malformed file is not skipped");
    assert!(
        message.contains("credential.json") && message.contains("not valid JSON"),
        "{message}"
    );
}

#[tokio::test]
async fn a_chain_takes_the_first_provider_with_credentials_and_stops_at_failures() {
    let home = home_with(Some(CREDENTIAL_JSON));
    let nothing = EnvironmentProvider::with_environment(Environment::new());
    let files = ProfileProvider::with_environment(env_in(home.path()));
    let c = ChainProvider::first_try(nothing.clone())
        .or_else(files.clone())
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(c.public_key(), "pub-default");

    // A failing provider ends the chain, even when a later one has credentials.
    let half = EnvironmentProvider::with_environment(
        Environment::new().with_var("UCLOUD_PRIVATE_KEY", "priv"),
    );
    let (_, message, not_found) = error_of(&ChainProvider::first_try(half).or_else(files)).await;
    assert!(!not_found);
    assert!(message.contains("UCLOUD_PUBLIC_KEY is not"), "{message}");

    // None has any: every one is listed.
    let empty = home_with(None);
    let chain = ChainProvider::first_try(nothing)
        .or_else(ProfileProvider::with_environment(env_in(empty.path())));
    let (_, message, not_found) = error_of(&chain).await;
    assert!(not_found);
    assert!(
        message.contains("UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY: not set"),
        "{message}"
    );
    assert!(message.contains("credential.json (not found)"), "{message}");
}

#[tokio::test]
async fn configured_keys_win_over_the_instance_metadata_service() {
    // The metadata server would answer, but keys from the environment or the files come
    // first: it is never asked.
    let metadata = TestServer::always(Reply::status_json(500, "must not be asked")).await;
    let api = TestServer::always(Reply::ok(json!({}))).await;
    let home = home_with(Some(CREDENTIAL_JSON));
    for env in [
        env_in(home.path()),
        Environment::new()
            .with_var("UCLOUD_PUBLIC_KEY", "pub-default")
            .with_var("UCLOUD_PRIVATE_KEY", "priv-default"),
    ] {
        let config = Config::builder()
            .base_url(api.url())
            .instance_metadata(InstanceMetadataProvider::new().endpoint(metadata.url()))
            .build_with(&env)
            .unwrap();
        assert_eq!(config.credentials().unwrap().public_key(), "pub-default");
        Client::new(config)
            .unwrap()
            .call("DescribeThing", json!({}))
            .await
            .unwrap();
    }
    assert_eq!(metadata.count(), 0);
    assert!(api
        .requests()
        .iter()
        .all(|r| r.signature_valid("priv-default")));
}

#[tokio::test]
async fn an_explicit_provider_wins_over_the_environment_and_cannot_be_mixed_with_keys() {
    let api = TestServer::always(Reply::ok(json!({}))).await;
    let env = Environment::new()
        .with_var("UCLOUD_PUBLIC_KEY", "pub-env")
        .with_var("UCLOUD_PRIVATE_KEY", "priv-env");
    let config = Config::builder()
        .base_url(api.url())
        .credentials_provider(Credentials::new("pub-provided", "priv-provided"))
        .build_with(&env)
        .unwrap();
    assert!(config.credentials().is_none());
    Client::new(config)
        .unwrap()
        .call("DescribeThing", json!({}))
        .await
        .unwrap();
    assert_eq!(api.requests()[0].param("PublicKey"), Some("pub-provided"));
    assert!(api.requests()[0].signature_valid("priv-provided"));

    let err = Config::builder()
        .credentials(Credentials::new("p", "s"))
        .credentials_provider(Credentials::new("p2", "s2"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config { message } if message.contains("both a key pair and a credentials provider")),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_default_chain_uses_the_instance_metadata_service_last() {
    let expiration = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let metadata = TestServer::always(Reply::json(
        json!({"RetCode": 0, "Data": {"PublicKey": "md-pub", "PrivateKey": "md-priv",
            "SecurityToken": "md-token", "Expiration": expiration}})
        .to_string(),
    ))
    .await;
    let api = TestServer::always(Reply::ok(json!({}))).await;
    let home = home_with(None);
    let config = Config::builder()
        .base_url(api.url())
        .instance_metadata(InstanceMetadataProvider::new().endpoint(metadata.url()))
        .build_with(&env_in(home.path()))
        .unwrap();
    let client = Client::new(config).unwrap();
    assert_eq!(metadata.count(), 0, "asked at the first call, not before");
    client.call("DescribeThing", json!({})).await.unwrap();
    client.call("DescribeThing", json!({})).await.unwrap();
    assert_eq!(metadata.count(), 1);
    for r in api.requests() {
        assert_eq!(r.param("PublicKey"), Some("md-pub"));
        assert_eq!(r.param("SecurityToken"), Some("md-token"));
        assert!(r.signature_valid("md-priv"));
    }
}
