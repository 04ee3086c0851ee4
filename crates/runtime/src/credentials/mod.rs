//! Credentials and the providers that find them.
//!
//! A [`ProvideCredentials`] implementation is asked before every attempt. The providers here
//! read fixed values, the environment or the INI profile file; [`DefaultCredentialsChain`]
//! tries the environment, then the file; [`CachedCredentials`] keeps what another provider
//! returned until it is about to expire and lets one refresh run at a time.
//!
//! Environment lookups are injectable so tests never read the real environment or home.

mod cache;
mod chain;
mod environment;
mod profile_file;

pub use cache::CachedCredentials;
pub use chain::DefaultCredentialsChain;
pub use environment::EnvironmentCredentials;
pub use profile_file::ProfileFileCredentials;

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

/// A boxed, sendable future, so traits with async methods stay object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A SecretId/SecretKey pair, with a session token when they are temporary.
///
/// `Debug` shows the SecretId only; the key and the token are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-lived credentials without a session token or expiry.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            expiry: None,
        }
    }

    /// Adds the session token that temporary credentials need (sent as `X-TC-Token`).
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Sets the moment after which the credentials are no longer valid.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The SecretId; it is not secret and names the account in the `Authorization` header.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token of temporary credentials.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// When the credentials expire, if they do.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"** redacted **")
            .field("token", &self.token.as_ref().map(|_| "** redacted **"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Something that can produce credentials when a request is signed.
///
/// Called before every attempt, so implementations that do I/O should be wrapped in
/// [`CachedCredentials`].
pub trait ProvideCredentials: Send + Sync {
    /// Returns the credentials to sign the next request with.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// Why credentials could not be provided. Messages name the variable or file involved, never
/// a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// No source had credentials.
    #[error("no credentials were found; {searched}")]
    NotFound {
        /// What was looked at, in words.
        searched: String,
    },

    /// An environment variable that must be set together with another is missing.
    #[error("the environment variable {variable} is not set")]
    MissingVariable {
        /// The variable's name.
        variable: &'static str,
    },

    /// An environment variable is set but empty or only whitespace.
    #[error("the environment variable {variable} is empty")]
    EmptyVariable {
        /// The variable's name.
        variable: &'static str,
    },

    /// The credentials file exists but could not be read.
    #[error("the credentials file {} could not be read", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// A line of the credentials file is neither a section header, a `key = value` pair, a
    /// comment nor blank.
    #[error("line {line} of the credentials file {} is not `[section]` or `key = value`", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
    },

    /// The credentials file has no section of the profile.
    #[error("the credentials file {} has no [{section}] section", path.display())]
    MissingSection {
        /// The file.
        path: PathBuf,
        /// The profile's section name.
        section: String,
    },

    /// A key is missing from the profile's section.
    #[error("the [{section}] section of the credentials file {} has no `{key}`", path.display())]
    MissingKey {
        /// The file.
        path: PathBuf,
        /// The profile's section name.
        section: String,
        /// The key.
        key: &'static str,
    },

    /// A key of the profile's section is empty.
    #[error("`{key}` in the [{section}] section of the credentials file {} is empty", path.display())]
    EmptyKey {
        /// The file.
        path: PathBuf,
        /// The profile's section name.
        section: String,
        /// The key.
        key: &'static str,
    },

    /// A custom provider failed.
    #[error("the credentials provider failed: {message}")]
    Provider {
        /// What went wrong.
        message: String,
        /// The underlying error, if any.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// Always provides the same credentials.
#[derive(Debug, Clone)]
pub struct StaticCredentials {
    credentials: Credentials,
}

impl StaticCredentials {
    /// Provides `credentials` on every call.
    pub fn new(credentials: Credentials) -> Self {
        StaticCredentials { credentials }
    }
}

impl ProvideCredentials for StaticCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move { Ok(self.credentials.clone()) })
    }
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move { Ok(self.clone()) })
    }
}

/// Looks up an environment variable; replaced in tests.
pub(crate) type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The lookup of the real process environment.
pub(crate) fn process_env() -> EnvLookup {
    Arc::new(|name: &str| std::env::var(name).ok())
}
