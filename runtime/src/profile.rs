//! Configuration from the environment and from ucloud-cli's profile files.
//!
//! Environment variables (empty values count as unset):
//!
//! | variable | meaning |
//! |---|---|
//! | `UCLOUD_PUBLIC_KEY`, `UCLOUD_PRIVATE_KEY` | API key pair (both or neither) |
//! | `UCLOUD_SECURITY_TOKEN` | STS security token, used with the key pair from the environment |
//! | `UCLOUD_REGION`, `UCLOUD_ZONE`, `UCLOUD_PROJECT_ID` | defaults for the common parameters |
//! | `UCLOUD_API_BASE_URL` | base URL |
//! | `UCLOUD_TIMEOUT_SECOND` | call timeout in seconds (a positive number) |
//! | `UCLOUD_PROFILE` | profile to use from the files below |
//! | `UCLOUD_SHARED_CONFIG_FILE` | instead of `~/.ucloud/config.json` |
//! | `UCLOUD_SHARED_CREDENTIAL_FILE` | instead of `~/.ucloud/credential.json` |
//!
//! Profile files, as ucloud-cli writes them: `config.json` is a JSON array of
//! `{"project_id", "region", "zone", "base_url", "timeout_sec", "profile", "active"}` and
//! `credential.json` a JSON array of `{"public_key", "private_key", "profile"}`. The
//! profile used is the one named by [`ConfigBuilder::profile`](crate::ConfigBuilder::profile),
//! else `UCLOUD_PROFILE`, else the first entry of `config.json` with `"active": true`,
//! else `default`. A default file that does not exist is skipped; a file named by a
//! variable that does not exist, an unreadable file or a malformed one is an error naming
//! the file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::{Credentials, Error, Result, Secret};

/// `UCLOUD_PUBLIC_KEY`
pub const ENV_PUBLIC_KEY: &str = "UCLOUD_PUBLIC_KEY";
/// `UCLOUD_PRIVATE_KEY`
pub const ENV_PRIVATE_KEY: &str = "UCLOUD_PRIVATE_KEY";
/// `UCLOUD_SECURITY_TOKEN`
pub const ENV_SECURITY_TOKEN: &str = "UCLOUD_SECURITY_TOKEN";
/// `UCLOUD_PROJECT_ID`
pub const ENV_PROJECT_ID: &str = "UCLOUD_PROJECT_ID";
/// `UCLOUD_REGION`
pub const ENV_REGION: &str = "UCLOUD_REGION";
/// `UCLOUD_ZONE`
pub const ENV_ZONE: &str = "UCLOUD_ZONE";
/// `UCLOUD_API_BASE_URL`
pub const ENV_BASE_URL: &str = "UCLOUD_API_BASE_URL";
/// `UCLOUD_TIMEOUT_SECOND`
pub const ENV_TIMEOUT: &str = "UCLOUD_TIMEOUT_SECOND";
/// `UCLOUD_METADATA_DISABLED`: `true` (or `1`) leaves the instance metadata service out
/// of the default credential chain, as
/// [`ConfigBuilder::without_instance_metadata`](crate::ConfigBuilder::without_instance_metadata)
/// does; `false` (or `0`) or unset leaves it in.
pub const ENV_METADATA_DISABLED: &str = "UCLOUD_METADATA_DISABLED";
/// `UCLOUD_PROFILE`
pub const ENV_PROFILE: &str = "UCLOUD_PROFILE";
/// `UCLOUD_SHARED_CONFIG_FILE`
pub const ENV_CONFIG_FILE: &str = "UCLOUD_SHARED_CONFIG_FILE";
/// `UCLOUD_SHARED_CREDENTIAL_FILE`
pub const ENV_CREDENTIAL_FILE: &str = "UCLOUD_SHARED_CREDENTIAL_FILE";

/// The environment configuration is read from: variables and a home directory.
///
/// [`Environment::from_process`] takes them from the process; tests and embedders can
/// build one by hand so that nothing depends on (or races on) the process environment.
/// `Debug` lists variable names only.
#[derive(Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    home: Option<PathBuf>,
}

impl Environment {
    /// An empty environment: no variables, no home directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `UCLOUD_*`, `HOME` and `USERPROFILE` variables of the process (values that are
    /// not valid UTF-8 are skipped); the home directory is `HOME`, or `USERPROFILE` on
    /// Windows.
    pub fn from_process() -> Self {
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| k.starts_with("UCLOUD_") || k == "HOME" || k == "USERPROFILE")
            .collect();
        Environment { vars, home: None }
    }

    /// Sets a variable.
    pub fn with_var(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    /// Sets the home directory (overrides `HOME`/`USERPROFILE`).
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// A variable's value; empty values count as unset.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The home directory, if known.
    pub fn home(&self) -> Option<PathBuf> {
        self.home.clone().or_else(|| {
            self.var("HOME")
                .or_else(|| self.var("USERPROFILE"))
                .map(PathBuf::from)
        })
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("home", &self.home)
            .finish()
    }
}

/// Settings found in one source.
#[derive(Default)]
pub(crate) struct Layer {
    pub credentials: Option<Credentials>,
    pub region: Option<String>,
    pub zone: Option<String>,
    pub project_id: Option<String>,
    pub base_url: Option<String>,
    pub timeout: Option<Duration>,
    /// The instance metadata service is left out of the credential chain.
    pub metadata_disabled: bool,
}

/// Reads the `UCLOUD_*` variables.
pub(crate) fn from_env(env: &Environment) -> Result<Layer> {
    let credentials = env_credentials(env)?;
    let timeout = match env.var(ENV_TIMEOUT) {
        None => None,
        Some(text) => Some(parse_timeout(text).ok_or_else(|| {
            Error::config(format!(
                "{ENV_TIMEOUT} must be a positive number of seconds, not {text:?}"
            ))
        })?),
    };
    let metadata_disabled = match env.var(ENV_METADATA_DISABLED) {
        None => false,
        Some(text) => parse_flag(text).ok_or_else(|| {
            Error::config(format!(
                "{ENV_METADATA_DISABLED} must be true or false (or 1 or 0), not {text:?}"
            ))
        })?,
    };
    let owned = |name| env.var(name).map(str::to_owned);
    Ok(Layer {
        credentials,
        region: owned(ENV_REGION),
        zone: owned(ENV_ZONE),
        project_id: owned(ENV_PROJECT_ID),
        base_url: owned(ENV_BASE_URL),
        timeout,
        metadata_disabled,
    })
}

/// `true`/`1` or `false`/`0`, in any case and without surrounding spaces.
fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// The key pair (and token) of `UCLOUD_PUBLIC_KEY`, `UCLOUD_PRIVATE_KEY` and
/// `UCLOUD_SECURITY_TOKEN`; `None` if neither key is set, an error if only one is.
pub(crate) fn env_credentials(env: &Environment) -> Result<Option<Credentials>> {
    Ok(match (env.var(ENV_PUBLIC_KEY), env.var(ENV_PRIVATE_KEY)) {
        (Some(public), Some(private)) => {
            let creds = Credentials::new(public, private);
            Some(match env.var(ENV_SECURITY_TOKEN) {
                Some(token) => creds.with_security_token(token),
                None => creds,
            })
        }
        (Some(_), None) => {
            return Err(Error::config(format!(
                "{ENV_PUBLIC_KEY} is set but {ENV_PRIVATE_KEY} is not"
            )))
        }
        (None, Some(_)) => {
            return Err(Error::config(format!(
                "{ENV_PRIVATE_KEY} is set but {ENV_PUBLIC_KEY} is not"
            )))
        }
        (None, None) => None,
    })
}

fn parse_timeout(text: &str) -> Option<Duration> {
    let secs: f64 = text.trim().parse().ok()?;
    if secs > 0.0 {
        Duration::try_from_secs_f64(secs).ok()
    } else {
        None
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SharedConfig {
    project_id: Option<String>,
    region: Option<String>,
    zone: Option<String>,
    base_url: Option<String>,
    timeout_sec: Option<f64>,
    profile: Option<String>,
    active: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SharedCredential {
    public_key: Option<String>,
    private_key: Option<Secret>,
    profile: Option<String>,
}

/// Settings from the profile files, and what was tried (for error messages).
pub(crate) struct Files {
    pub layer: Layer,
    /// Where credentials were looked for, e.g. `credential file /h/.ucloud/credential.json (not found)`.
    pub credential_source: String,
}

/// Reads the profile files. `profile` is the explicitly chosen profile, if any.
pub(crate) fn from_files(env: &Environment, profile: Option<&str>) -> Result<Files> {
    let config_file = file_path(env, ENV_CONFIG_FILE, "config.json")?;
    let credential_file = file_path(env, ENV_CREDENTIAL_FILE, "credential.json")?;

    let configs: Option<Vec<SharedConfig>> = config_file.as_ref().map(load).transpose()?.flatten();
    let credentials: Option<Vec<SharedCredential>> =
        credential_file.as_ref().map(load).transpose()?.flatten();

    let profile = match profile.or_else(|| env.var(ENV_PROFILE)) {
        Some(p) => p.to_owned(),
        None => configs
            .iter()
            .flatten()
            .find(|c| c.active == Some(true))
            .and_then(|c| c.profile.clone())
            .unwrap_or_else(|| "default".to_owned()),
    };

    let mut layer = Layer::default();
    if let Some(c) = configs
        .iter()
        .flatten()
        .find(|c| c.profile.as_deref() == Some(profile.as_str()))
    {
        let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        layer.region = nonempty(&c.region);
        layer.zone = nonempty(&c.zone);
        layer.project_id = nonempty(&c.project_id);
        layer.base_url = nonempty(&c.base_url);
        layer.timeout = c
            .timeout_sec
            .filter(|t| *t > 0.0)
            .and_then(|t| Duration::try_from_secs_f64(t).ok());
    }

    let credential_source = match (&credential_file, &credentials) {
        (None, _) => {
            "a credential file (no home directory to find ~/.ucloud/credential.json in)".to_owned()
        }
        (Some(f), None) => format!("credential file {} (not found)", f.path.display()),
        (Some(f), Some(list)) => {
            let path = f.path.display();
            match list
                .iter()
                .find(|c| c.profile.as_deref() == Some(profile.as_str()))
            {
                None => format!("credential file {path} (has no profile {profile:?})"),
                Some(c) => {
                    let public = c.public_key.as_deref().filter(|k| !k.is_empty());
                    let private = c.private_key.as_ref().filter(|k| !k.expose().is_empty());
                    match (public, private) {
                        (Some(public), Some(private)) => {
                            layer.credentials = Some(Credentials::new(public, private.clone()));
                        }
                        _ => {
                            return Err(Error::config(format!(
                                "credential file {path}: profile {profile:?} lacks public_key or private_key"
                            )))
                        }
                    }
                    format!("credential file {path} (profile {profile:?})")
                }
            }
        }
    };

    Ok(Files {
        layer,
        credential_source,
    })
}

/// A profile file and whether a variable named it (then it must exist).
struct ProfileFile {
    path: PathBuf,
    named: bool,
}

fn file_path(env: &Environment, var: &str, default_name: &str) -> Result<Option<ProfileFile>> {
    if let Some(named) = env.var(var) {
        let path = match named.strip_prefix("~/") {
            Some(rest) => env
                .home()
                .ok_or_else(|| {
                    Error::config(format!(
                        "{var} is {named:?} but there is no home directory to expand ~ with"
                    ))
                })?
                .join(rest),
            None => PathBuf::from(named),
        };
        return Ok(Some(ProfileFile { path, named: true }));
    }
    Ok(env.home().map(|home| ProfileFile {
        path: home.join(".ucloud").join(default_name),
        named: false,
    }))
}

/// Loads a JSON array from `file`; `None` if it is a default file that does not exist.
fn load<T: serde::de::DeserializeOwned>(file: &ProfileFile) -> Result<Option<Vec<T>>> {
    let text = match std::fs::read_to_string(&file.path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !file.named => return Ok(None),
        Err(e) => return Err(file_error(&file.path, format!("cannot be read: {e}"))),
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| file_error(&file.path, format!("is not valid JSON: {e}")))?;
    if !value.is_array() {
        return Err(file_error(
            &file.path,
            "must hold a JSON array of profiles".into(),
        ));
    }
    let (list, _unknown) = crate::decode::decode::<Vec<T>>(&value)
        .map_err(|e| file_error(&file.path, format!("is malformed {e}")))?;
    Ok(Some(list))
}

fn file_error(path: &Path, what: String) -> Error {
    Error::config(format!("profile file {} {what}", path.display()))
}
