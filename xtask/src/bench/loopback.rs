//! Calls per second and latency over loopback, each client in a child process of its own
//! so its peak memory is its own: our generated client, and raw reqwest posting a request
//! signed once beforehand (the floor of an HTTP client on this machine).
//!
//! The parent runs [`super::server::SeedServer`]; each child runs [`worker`] and prints one
//! JSON line of [`LoopbackFigures`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};
use tencentcloud_runtime::{Config, Endpoint, REQUEST_CLIENT};

use super::measure::percentile;
use super::signing::INPUTS;

/// How long each client warms up before it is measured.
pub const WARM_UP: Duration = Duration::from_millis(500);
/// How long each client is measured.
pub const MEASURE: Duration = Duration::from_millis(2500);

/// What one client run measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoopbackFigures {
    /// Successful calls while measuring.
    pub calls: u64,
    /// Failed calls while measuring (the figures are not trusted when this is not 0).
    pub errors: u64,
    /// Length of the measured period.
    pub seconds: f64,
    /// Median latency of one call.
    pub p50_us: f64,
    /// 99th-percentile latency of one call.
    pub p99_us: f64,
    /// The process's peak resident memory (`VmHWM`).
    pub peak_rss_kib: u64,
}

impl LoopbackFigures {
    /// Successful calls per second.
    pub fn calls_per_second(&self) -> f64 {
        self.calls as f64 / self.seconds
    }
}

/// The Rust clients a worker can drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustClient {
    /// `tencentcloud_tcss::Client`, quota off.
    Ours,
    /// `reqwest::Client` posting prebuilt signed bytes.
    RawReqwest,
}

impl RustClient {
    /// The worker's command-line name.
    pub fn name(self) -> &'static str {
        match self {
            RustClient::Ours => "ours",
            RustClient::RawReqwest => "reqwest",
        }
    }

    fn from_name(name: &str) -> Option<RustClient> {
        [RustClient::Ours, RustClient::RawReqwest]
            .into_iter()
            .find(|client| client.name() == name)
    }
}

/// Runs the child side: `bench-worker loopback <client> <url> <concurrency>`; prints the
/// figures as one JSON line.
pub fn worker(args: &[&str]) -> Result<(), String> {
    let [client, url, concurrency] = args else {
        return Err("usage: bench-worker loopback <ours|reqwest> <url> <concurrency>".to_owned());
    };
    let client = RustClient::from_name(client).ok_or_else(|| format!("unknown client {client}"))?;
    let concurrency: usize = concurrency
        .parse()
        .map_err(|_| format!("concurrency must be a number, not {concurrency}"))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the async runtime: {e}"))?;
    let figures = runtime.block_on(drive(client, url, concurrency))?;
    println!(
        "{}",
        serde_json::to_string(&figures).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// One call of the client under test; `true` when it succeeded.
type Call = Arc<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = bool> + Send>> + Send + Sync>;

async fn drive(
    client: RustClient,
    url: &str,
    concurrency: usize,
) -> Result<LoopbackFigures, String> {
    let call: Call = match client {
        RustClient::Ours => {
            let client = tencentcloud_tcss::Client::new(
                Config::builder()
                    .credentials_static(INPUTS.secret_id, INPUTS.secret_key)
                    .endpoint(Endpoint::url(url))
                    .quota_enabled(false)
                    .build(),
            );
            Arc::new(move || {
                let request = client.describe_k8s_api_abnormal_event_info().id(10);
                Box::pin(async move { request.send().await.is_ok() })
            })
        }
        RustClient::RawReqwest => {
            let (client, request) = prebuilt(url)?;
            Arc::new(move || {
                let request = request.try_clone().expect("a bytes body clones");
                let client = client.clone();
                Box::pin(async move {
                    match client.execute(request).await {
                        Ok(response) => {
                            response.status().is_success() && response.bytes().await.is_ok()
                        }
                        Err(_) => false,
                    }
                })
            })
        }
    };

    run_loops(&call, concurrency, WARM_UP).await;
    let started = Instant::now();
    let outcomes = run_loops(&call, concurrency, MEASURE).await;
    let seconds = started.elapsed().as_secs_f64();

    let mut latencies: Vec<u64> = Vec::new();
    let mut errors = 0;
    for (task_latencies, task_errors) in outcomes {
        latencies.extend(task_latencies);
        errors += task_errors;
    }
    latencies.sort_unstable();
    Ok(LoopbackFigures {
        calls: latencies.len() as u64,
        errors,
        seconds,
        p50_us: percentile(&latencies, 0.50) as f64 / 1_000.0,
        p99_us: percentile(&latencies, 0.99) as f64 / 1_000.0,
        peak_rss_kib: peak_rss_kib().unwrap_or(0),
    })
}

/// `concurrency` loops calling back to back for `period`; each returns its successful
/// calls' latencies in nanoseconds and its error count.
async fn run_loops(call: &Call, concurrency: usize, period: Duration) -> Vec<(Vec<u64>, u64)> {
    let deadline = Instant::now() + period;
    let loops: Vec<_> = (0..concurrency)
        .map(|_| {
            let call = Arc::clone(call);
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(16_384);
                let mut errors = 0;
                while Instant::now() < deadline {
                    let started = Instant::now();
                    if call().await {
                        latencies.push(started.elapsed().as_nanos() as u64);
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();

    let mut outcomes = Vec::with_capacity(loops.len());
    for handle in loops {
        outcomes.push(handle.await.unwrap_or_default());
    }
    outcomes
}

/// A pooled reqwest client and the request our client would send, signed once.
fn prebuilt(url: &str) -> Result<(reqwest::Client, reqwest::Request), String> {
    let host = url
        .strip_prefix("http://")
        .ok_or("the loopback URL is http")?
        .trim_end_matches('/');
    let canonical = CanonicalRequest::new(
        "POST",
        "/",
        "",
        &[("content-type", "application/json"), ("host", host)],
        INPUTS.body.as_bytes(),
    );
    let scope = CredentialScope::new(INPUTS.timestamp, INPUTS.service);
    let string_to_sign = StringToSign::new(INPUTS.timestamp, &scope, &canonical);
    let signature = sign::signature(INPUTS.secret_key, &scope, &string_to_sign);
    let authorization = sign::authorization(
        INPUTS.secret_id,
        &scope,
        canonical.signed_headers(),
        &signature,
    );

    let client = reqwest::Client::builder()
        .build()
        .map_err(|e| format!("could not build the reqwest client: {e}"))?;
    let request = client
        .post(format!("{url}/"))
        .header("content-type", "application/json")
        .header("authorization", authorization)
        .header("x-tc-action", "DescribeK8sApiAbnormalEventInfo")
        .header("x-tc-version", "2020-11-01")
        .header("x-tc-timestamp", INPUTS.timestamp.to_string())
        .header("x-tc-requestclient", REQUEST_CLIENT)
        .body(INPUTS.body)
        .build()
        .map_err(|e| format!("could not build the prebuilt request: {e}"))?;
    Ok((client, request))
}

/// This process's peak resident set (`VmHWM` of /proc/self/status), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
