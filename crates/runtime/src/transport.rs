//! Moving a signed request to the server and its response back.
//!
//! [`Transport`] is the seam tests replace; [`ReqwestTransport`] is the real one: reqwest
//! with rustls, pooled connections, a connect timeout and proxies from the usual environment
//! variables (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`). The total time of an
//! attempt is limited by the client, not here, so replacement transports are limited too.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;

use crate::credentials::BoxFuture;

/// Sends one HTTP request and returns its whole response.
pub trait Transport: Send + Sync {
    /// Sends `request` and reads the whole response body.
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, unreachable, connect timeout).
    Connect,
    /// The TLS handshake failed.
    Tls,
    /// Anything else: the connection broke, the response was malformed.
    Other,
}

/// A failure of the transport, with whether the request may have reached the server.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    sent: bool,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// No connection could be made, so the request was certainly not sent.
    pub fn connect(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError {
            kind: TransportErrorKind::Connect,
            sent: false,
            source: source.into(),
        }
    }

    /// The TLS handshake failed, so the request was certainly not sent.
    pub fn tls(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError {
            kind: TransportErrorKind::Tls,
            sent: false,
            source: source.into(),
        }
    }

    /// Another failure; `sent` says whether the request may have reached the server.
    pub fn other(source: impl Into<Box<dyn std::error::Error + Send + Sync>>, sent: bool) -> Self {
        TransportError {
            kind: TransportErrorKind::Other,
            sent,
            source: source.into(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request may have reached the server.
    pub fn sent(&self) -> bool {
        self.sent
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TransportErrorKind::Connect => f.write_str("could not connect to the server"),
            TransportErrorKind::Tls => f.write_str("the TLS handshake with the server failed"),
            TransportErrorKind::Other => f.write_str("the HTTP exchange with the server failed"),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// The default transport: reqwest with rustls.
///
/// The reqwest client is built on first use, so creating a configuration cannot fail; a
/// client that cannot be built fails every request with a TLS error.
#[derive(Clone)]
pub struct ReqwestTransport {
    connect_timeout: Duration,
    client: Arc<OnceLock<Result<reqwest::Client, Arc<reqwest::Error>>>>,
}

impl ReqwestTransport {
    /// A pooled client that gives up connecting after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Self {
        ReqwestTransport {
            connect_timeout,
            client: Arc::new(OnceLock::new()),
        }
    }

    /// Uses an already configured reqwest client (for custom proxies, roots or pools).
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport {
            connect_timeout: Duration::ZERO,
            client: Arc::new(OnceLock::from(Ok(client))),
        }
    }

    fn client(&self) -> Result<&reqwest::Client, TransportError> {
        let built = self.client.get_or_init(|| {
            reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .use_rustls_tls()
                .build()
                .map_err(Arc::new)
        });
        built
            .as_ref()
            .map_err(|error| TransportError::tls(Arc::clone(error)))
    }
}

impl fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReqwestTransport").finish_non_exhaustive()
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)
                .map_err(|error| TransportError::other(error, false))?;

            let mut response = self.client()?.execute(request).await.map_err(classify)?;

            let mut builder = http::Response::builder()
                .status(response.status())
                .version(response.version());
            if let Some(headers) = builder.headers_mut() {
                *headers = std::mem::take(response.headers_mut());
            }
            let body = response
                .bytes()
                .await
                .map_err(|error| TransportError::other(error, true))?;
            builder
                .body(body)
                .map_err(|error| TransportError::other(error, true))
        })
    }
}

/// Sorts a reqwest failure into connect, TLS or other, deciding whether it was sent.
fn classify(error: reqwest::Error) -> TransportError {
    if !error.is_connect() {
        return TransportError::other(error, true);
    }
    if mentions_tls(&error) {
        return TransportError::tls(error);
    }
    TransportError::connect(error)
}

/// Whether a connect failure came from the TLS layer.
///
// Limitation: reqwest does not expose the TLS error as a type we can match without
// depending on rustls directly, so the chain's messages are inspected instead.
fn mentions_tls(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        let message = error.to_string().to_ascii_lowercase();
        if message.contains("certificate")
            || message.contains("tls")
            || message.contains("handshake")
        {
            return true;
        }
        current = error.source();
    }
    false
}
