//! The client: one call is credentials, quota, a signed attempt, and retries.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use tracing::Instrument;

use crate::config::Config;
use crate::endpoint::ResolvedEndpoint;
use crate::error::Error;
use crate::rate_limit::{self, RateLimiter};
use crate::request::{RequestInput, build_request};
use crate::response::{RawResponse, read_response};
use crate::retry::is_retryable;
use crate::spec::{ActionSpec, ServiceSpec};

/// A client of one service. Cheap to clone; clones share configuration and quota.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    service: &'static ServiceSpec,
    config: Config,
}

impl Client {
    /// A client of `service` with `config`.
    pub fn new(service: &'static ServiceSpec, config: Config) -> Client {
        Client {
            inner: Arc::new(Inner { service, config }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static ServiceSpec {
        self.inner.service
    }

    /// Signs and sends `body` (the JSON request object) for `action`, waiting for the
    /// action's quota and retrying as configured. Returns the response once the envelope has
    /// no `Error`.
    pub async fn call(
        &self,
        action: &'static ActionSpec,
        body: Vec<u8>,
    ) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "tencentcloud.call",
            service = self.inner.service.name,
            action = action.name,
        );
        self.call_with_retries(action, Bytes::from(body))
            .instrument(span)
            .await
    }

    async fn call_with_retries(
        &self,
        action: &'static ActionSpec,
        body: Bytes,
    ) -> Result<RawResponse, Error> {
        let config = &self.inner.config;
        let retry = config.retry();
        let started = tokio::time::Instant::now();
        let deadline = retry.total_deadline().map(|total| started + total);
        let mut attempt = 1;

        loop {
            let span = tracing::info_span!(
                "tencentcloud.attempt",
                attempt,
                request_id = tracing::field::Empty,
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            );
            let result = self
                .attempt(action, body.clone(), deadline)
                .instrument(span)
                .await;

            let error = match result {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            if attempt >= retry.max_attempts() || !is_retryable(&error, action.read_only) {
                return Err(error);
            }

            let wait = retry.backoff(attempt, fastrand::f64());
            if deadline.is_some_and(|deadline| tokio::time::Instant::now() + wait >= deadline) {
                tracing::debug!(%error, "no time left to retry");
                return Err(error);
            }
            tracing::debug!(%error, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One signed request, limited by the per-attempt timeout and by the call's `deadline`.
    async fn attempt(
        &self,
        action: &'static ActionSpec,
        body: Bytes,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<RawResponse, Error> {
        let config = &self.inner.config;
        let service = self.inner.service;

        let endpoint = config.endpoint().resolve(service)?;
        let credentials = config
            .credentials()
            .provide_credentials()
            .await
            .map_err(|source| Error::Credentials {
                action: action.name,
                source,
            })?;

        let limiter: Option<Arc<RateLimiter>> = match action.quota {
            Some(quota) if config.quota_enabled() => Some(rate_limit::shared(
                credentials.secret_id(),
                service.name,
                action.name,
                quota,
            )),
            _ => None,
        };
        let _slot = match &limiter {
            Some(limiter) => match deadline {
                Some(deadline) => {
                    match tokio::time::timeout_at(deadline, limiter.acquire()).await {
                        Ok(slot) => Some(slot),
                        Err(_elapsed) => return Err(deadline_passed(action, &endpoint, config)),
                    }
                }
                None => Some(limiter.acquire().await),
            },
            None => None,
        };

        // The slot may have taken a while: the attempt gets what is left of the deadline.
        let timeout = match deadline {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if left.is_zero() {
                    return Err(deadline_passed(action, &endpoint, config));
                }
                config.timeout().min(left)
            }
            None => config.timeout(),
        };

        let request = build_request(RequestInput {
            service,
            action: action.name,
            endpoint: &endpoint,
            region: config.region(),
            language: config.language(),
            credentials: &credentials,
            timestamp: unix_timestamp(config.now()),
            body,
        })?;

        let sent_at = tokio::time::Instant::now();
        let outcome = tokio::time::timeout(timeout, config.transport().send(request)).await;
        let span = tracing::Span::current();
        span.record("latency_ms", sent_at.elapsed().as_millis() as u64);

        let response = match outcome {
            Err(_elapsed) => {
                return Err(Error::Timeout {
                    action: action.name,
                    host: endpoint.host().to_owned(),
                    timeout,
                });
            }
            Ok(Err(source)) => {
                return Err(Error::Dispatch {
                    action: action.name,
                    host: endpoint.host().to_owned(),
                    sent: source.sent(),
                    source,
                });
            }
            Ok(Ok(response)) => response,
        };
        span.record("status", response.status().as_u16());

        let (parts, body) = response.into_parts();
        let result = read_response(action.name, endpoint.host(), parts.status, body);
        match &result {
            Ok(response) => {
                span.record("request_id", response.request_id());
                tracing::debug!("attempt succeeded");
            }
            Err(error) => {
                if let Some(request_id) = error.request_id() {
                    span.record("request_id", request_id);
                }
                tracing::debug!(%error, "attempt failed");
            }
        }
        result
    }
}

/// The error for a call whose total deadline ran out before an attempt could be sent.
fn deadline_passed(action: &ActionSpec, endpoint: &ResolvedEndpoint, config: &Config) -> Error {
    Error::Timeout {
        action: action.name,
        host: endpoint.host().to_owned(),
        timeout: config.retry().total_deadline().unwrap_or_default(),
    }
}

/// Seconds since the Unix epoch, as the signature and `X-TC-Timestamp` want.
fn unix_timestamp(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}
