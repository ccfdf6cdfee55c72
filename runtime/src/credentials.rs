//! [`Credentials`]: the API key pair and an optional STS security token.

use std::fmt;

use crate::Secret;

/// An API key pair from the UAPI console, optionally with an STS security token.
///
/// `Debug` shows the public key only; the private key and the token print as `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    public_key: String,
    private_key: Secret,
    security_token: Option<Secret>,
}

impl Credentials {
    /// A key pair.
    pub fn new(public_key: impl Into<String>, private_key: impl Into<Secret>) -> Self {
        Credentials {
            public_key: public_key.into(),
            private_key: private_key.into(),
            security_token: None,
        }
    }

    /// Adds an STS security token; it is sent (and signed) as `SecurityToken`.
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The public key, sent as `PublicKey`.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The private key, used to sign requests and never sent.
    pub fn private_key(&self) -> &Secret {
        &self.private_key
    }

    /// The STS security token, if any.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("public_key", &self.public_key)
            .field("private_key", &"***")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}
