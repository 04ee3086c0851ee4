//! Everything a client is configured with, and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::credentials::CachedCredentials;
use crate::credentials::{Credentials, DefaultCredentialsChain, ProvideCredentials};
use crate::endpoint::Endpoint;
use crate::language::Language;
use crate::retry::RetryConfig;
use crate::transport::{ReqwestTransport, Transport};

/// How long connecting may take by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one attempt may take by default, from sending to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The settings of a client. Cheap to clone; `Debug` shows no secret.
#[derive(Clone)]
pub struct Config {
    credentials: Arc<dyn ProvideCredentials>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<Language>,
    retry: RetryConfig,
    quota_enabled: bool,
    connect_timeout: Duration,
    timeout: Duration,
    transport: Arc<dyn Transport>,
    clock: Clock,
}

/// Where a client reads the time it signs with; replaceable so a test can fix it.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

impl Config {
    /// Starts from the defaults: credentials from the environment or the profile file, the
    /// international endpoint, no region, retries and quota on, the reqwest transport.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The credentials provider.
    pub fn credentials(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// Where requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The region sent as `X-TC-Region`, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The language of the service's messages, if chosen.
    pub fn language(&self) -> Option<Language> {
        self.language
    }

    /// How failed attempts are retried.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// Whether each action's request quota is enforced by waiting.
    pub fn quota_enabled(&self) -> bool {
        self.quota_enabled
    }

    /// How long connecting may take (used by the default transport).
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// How long one attempt may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The current time by the configured clock (the system clock unless replaced).
    pub fn now(&self) -> SystemTime {
        (self.clock)()
    }

    /// The transport requests are sent through.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::builder().build()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("language", &self.language)
            .field("retry", &self.retry)
            .field("quota_enabled", &self.quota_enabled)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`]; every setting has a default.
#[derive(Default)]
pub struct ConfigBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<Language>,
    retry: Option<RetryConfig>,
    quota_enabled: Option<bool>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    transport: Option<Arc<dyn Transport>>,
    clock: Option<Clock>,
}

impl ConfigBuilder {
    /// Uses `provider` for credentials instead of the default chain.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Uses a fixed SecretId and SecretKey.
    pub fn credentials_static(
        self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.credentials(Credentials::new(secret_id, secret_key))
    }

    /// Sends requests to `endpoint` instead of the international domain.
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Sends `X-TC-Region` with `region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Asks the service for messages in `language`.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Replaces the retry policy; [`RetryConfig::disabled`] switches retries off.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Switches the client-side request quota on (the default) or off.
    pub fn quota_enabled(mut self, enabled: bool) -> Self {
        self.quota_enabled = Some(enabled);
        self
    }

    /// Limits how long the default transport may take to connect.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Limits how long one attempt may take, from sending to the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends requests through `transport` instead of the default reqwest one.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Signs with the time `clock` returns instead of the system clock; for tests that
    /// need the exact bytes of a signed request.
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Finishes the configuration.
    pub fn build(self) -> Config {
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        Config {
            credentials: self.credentials.unwrap_or_else(|| {
                Arc::new(CachedCredentials::new(DefaultCredentialsChain::new()))
            }),
            endpoint: self.endpoint,
            region: self.region,
            language: self.language,
            retry: self.retry.unwrap_or_default(),
            quota_enabled: self.quota_enabled.unwrap_or(true),
            connect_timeout,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            transport: self
                .transport
                .unwrap_or_else(|| Arc::new(ReqwestTransport::new(connect_timeout))),
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemTime::now)),
        }
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let config = Config::default();

        assert_eq!(config.endpoint(), &Endpoint::International);
        assert_eq!(config.region(), None);
        assert_eq!(config.language(), None);
        assert!(config.retry().is_enabled());
        assert!(config.quota_enabled());
        assert_eq!(config.timeout(), DEFAULT_TIMEOUT);
        assert_eq!(config.connect_timeout(), DEFAULT_CONNECT_TIMEOUT);
    }

    #[test]
    fn debug_shows_settings_but_no_credentials() {
        let config = Config::builder()
            .credentials_static("AKID-debug", "debug-secret")
            .region("ap-singapore")
            .build();

        let printed = format!("{config:?}");
        assert!(printed.contains("ap-singapore"), "{printed}");
        assert!(!printed.contains("debug-secret"), "{printed}");
    }
}
