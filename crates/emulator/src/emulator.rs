//! Starting and controlling an emulator: the public face of the crate.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::credentials::{Credential, CredentialStore};
use crate::description::{ServiceDescription, SpecError};
use crate::embedded::embedded_services;
use crate::faults::{FaultQueue, Injection};
use crate::quota::QuotaTracker;
use crate::request_log::{AtomicCounters, Counters, LoggedRequest, RequestLog};
use crate::responses::ResponseBook;
use crate::server::serve;
use crate::state::{State, lock};

/// How many requests the log keeps unless told otherwise.
const DEFAULT_LOG_CAPACITY: usize = 10_000;

/// Why an emulator could not start.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StartError {
    /// The port could not be bound.
    #[error("the emulator could not listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for (0 for any).
        port: u16,
        /// Why.
        source: io::Error,
    },
    /// A service description could not be loaded.
    #[error("the emulator could not load its service description: {0}")]
    Spec(#[from] SpecError),
    /// There is nothing to serve.
    #[error(
        "the emulator has no service to serve: spec/ was empty when it was built and no spec \
         directory or service was given"
    )]
    NoService,
    /// `start` was called outside a Tokio runtime.
    #[error("the emulator must be started from inside a Tokio runtime")]
    NoRuntime,
}

/// A running emulator on `127.0.0.1`. Dropping it stops the server.
///
/// Every method takes `&self`, so a test can share the emulator (for example behind an
/// `Arc`) while requests are in flight.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    state: Arc<State>,
    credentials: Credential,
    session_credentials: Credential,
    shutdown: watch::Sender<()>,
    server: JoinHandle<()>,
}

impl Emulator {
    /// Starts an emulator with the defaults: any free port, the embedded `spec/`, the
    /// default credentials, quotas enforced.
    pub async fn start() -> Result<Emulator, StartError> {
        Emulator::builder().start().await
    }

    /// Options for starting an emulator.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// The base URL, `http://127.0.0.1:PORT`, to use as a client's endpoint.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the emulator listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The permanent credentials the emulator accepts (no session token).
    pub fn credentials(&self) -> &Credential {
        &self.credentials
    }

    /// Temporary credentials the emulator accepts only together with their session token
    /// in `X-TC-Token`.
    pub fn session_credentials(&self) -> &Credential {
        &self.session_credentials
    }

    /// The service versions served.
    pub fn services(&self) -> &[ServiceDescription] {
        &self.state.services
    }

    /// Answers every later request for `action` with `response` instead of the example.
    ///
    /// `response` is the value of `Response` or the whole envelope `{"Response": {...}}`;
    /// its `RequestId` is replaced by a fresh one. A response holding `Error` is answered as
    /// that error. A later registration for the same action replaces this one.
    pub fn register_response(&self, action: &str, response: Value) {
        lock(&self.state.responses).register(action, response);
    }

    /// Answers later requests for `action` whose top-level parameter `member` equals `value`
    /// with `response`; these take precedence over [`register_response`](Self::register_response).
    pub fn register_response_for(
        &self,
        action: &str,
        member: &str,
        value: impl Into<Value>,
        response: Value,
    ) {
        lock(&self.state.responses).register_for(action, member, value.into(), response);
    }

    /// Answers every later request for `action` with the service error `code`.
    pub fn register_error(&self, action: &str, code: &str, message: &str) {
        self.register_response(action, json!({"Error": {"Code": code, "Message": message}}));
    }

    /// Forgets every registered response, so the examples answer again.
    pub fn clear_responses(&self) {
        lock(&self.state.responses).clear();
    }

    /// Makes the next matching request(s) misbehave; see [`Fault`](crate::Fault).
    ///
    /// Injections apply in the order they were made; each request takes at most one fault.
    pub fn inject(&self, injection: impl Into<Injection>) {
        lock(&self.state.faults).push(injection.into());
    }

    /// Drops every fault not yet applied.
    pub fn clear_faults(&self) {
        lock(&self.state.faults).clear();
    }

    /// The requests received so far, oldest first (up to the log capacity), with answers.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.state.log).entries()
    }

    /// The newest request received.
    pub fn last_request(&self) -> Option<LoggedRequest> {
        lock(&self.state.log).last()
    }

    /// Empties the request log (the counters keep counting).
    pub fn clear_requests(&self) {
        lock(&self.state.log).clear();
    }

    /// What the emulator did since it started.
    pub fn counters(&self) -> Counters {
        self.state.counters.snapshot()
    }

    /// Stops accepting connections and waits until the requests in progress are answered.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(());
        if let Err(err) = (&mut self.server).await {
            tracing::warn!(error = %err, "the emulator's server task failed");
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(());
        self.server.abort();
    }
}

/// Options for an [`Emulator`]; [`start`](EmulatorBuilder::start) launches it.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    port: u16,
    spec_dir: Option<PathBuf>,
    services: Vec<ServiceDescription>,
    credentials: Credential,
    session_credentials: Credential,
    more_credentials: Vec<Credential>,
    clock_skew_secs: i64,
    enforce_quota: bool,
    log_capacity: usize,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            port: 0,
            spec_dir: None,
            services: Vec::new(),
            credentials: Credential::default_permanent(),
            session_credentials: Credential::default_session(),
            more_credentials: Vec::new(),
            clock_skew_secs: 0,
            enforce_quota: true,
            log_capacity: DEFAULT_LOG_CAPACITY,
        }
    }
}

impl EmulatorBuilder {
    /// Listens on this port of 127.0.0.1; 0 (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Serves the descriptions under `dir` (laid out like the repository's `spec/`:
    /// `<service>/<version>/{api.json,service.json,examples/}`) instead of the embedded ones.
    pub fn spec_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.spec_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Serves this description too.
    pub fn service(mut self, description: ServiceDescription) -> Self {
        self.services.push(description);
        self
    }

    /// Replaces the default permanent credentials.
    pub fn credentials(mut self, credential: Credential) -> Self {
        self.credentials = credential;
        self
    }

    /// Replaces the default temporary credentials; give them a token with
    /// [`Credential::with_token`].
    pub fn session_credentials(mut self, credential: Credential) -> Self {
        self.session_credentials = credential;
        self
    }

    /// Accepts these credentials as well.
    pub fn accept(mut self, credential: Credential) -> Self {
        self.more_credentials.push(credential);
        self
    }

    /// Runs the emulator's clock `secs` seconds ahead of the system clock (behind when
    /// negative), to provoke `AuthFailure.SignatureExpire` from correctly timed clients.
    pub fn clock_skew_secs(mut self, secs: i64) -> Self {
        self.clock_skew_secs = secs;
        self
    }

    /// Whether to answer `RequestLimitExceeded` above an action's quota (on by default).
    pub fn enforce_quota(mut self, enforce: bool) -> Self {
        self.enforce_quota = enforce;
        self
    }

    /// How many requests the log keeps (10 000 by default); older ones are dropped.
    pub fn log_capacity(mut self, capacity: usize) -> Self {
        self.log_capacity = capacity;
        self
    }

    /// Loads the descriptions, binds the port and starts serving in a background task.
    pub async fn start(self) -> Result<Emulator, StartError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(StartError::NoRuntime);
        }

        let mut services = match &self.spec_dir {
            Some(dir) => ServiceDescription::load_all(dir)?,
            None => embedded_services()?,
        };
        services.extend(self.services);
        if services.is_empty() {
            return Err(StartError::NoService);
        }

        let mut credentials = CredentialStore::default();
        credentials.insert(self.credentials.clone());
        credentials.insert(self.session_credentials.clone());
        for credential in self.more_credentials {
            credentials.insert(credential);
        }

        let bind_error = |source| StartError::Bind {
            port: self.port,
            source,
        };
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;

        let state = Arc::new(State {
            services,
            credentials,
            clock_skew_secs: self.clock_skew_secs,
            enforce_quota: self.enforce_quota,
            responses: Mutex::new(ResponseBook::default()),
            faults: Mutex::new(FaultQueue::default()),
            quota: Mutex::new(QuotaTracker::default()),
            log: Mutex::new(RequestLog::new(self.log_capacity)),
            counters: AtomicCounters::default(),
        });
        let (shutdown, stop) = watch::channel(());
        let server = tokio::spawn(serve(listener, state.clone(), stop));
        tracing::info!(%addr, "emulator listening");

        Ok(Emulator {
            addr,
            state,
            credentials: self.credentials,
            session_credentials: self.session_credentials,
            shutdown,
            server,
        })
    }
}
