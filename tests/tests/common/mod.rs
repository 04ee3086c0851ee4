//! What the end-to-end tests share: an emulator and a client pointed at it.

use std::time::Duration;

use tencentcloud_emulator::Emulator;
use tencentcloud_runtime::{Config, ConfigBuilder, Endpoint, RetryConfig};
use tencentcloud_tcss::Client;

/// Starts an emulator with the spec's example responses and default credentials.
pub async fn emulator() -> Emulator {
    Emulator::start()
        .await
        .expect("the emulator starts on 127.0.0.1")
}

/// A config builder for `emulator` with its permanent credentials, fast retries and a
/// short timeout.
pub fn config_for(emulator: &Emulator) -> ConfigBuilder {
    let credentials = emulator.credentials();
    Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials_static(credentials.secret_id(), credentials.secret_key())
        .timeout(Duration::from_secs(5))
        .retry(
            RetryConfig::new()
                .with_base_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(50)),
        )
}

/// A client for `emulator` with the defaults of [`config_for`].
pub fn client_for(emulator: &Emulator) -> Client {
    Client::new(config_for(emulator).build())
}
