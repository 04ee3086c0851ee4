//! `cargo xtask soak`: many calls through the generated client against the emulator, with
//! faults, checking that nothing is lost, leaked or late.
//!
//! 10,000 calls (`--calls`) run 64 at a time (`--concurrency`) through
//! `tencentcloud_tcss::Client` against an emulator started in this process. One call in
//! twenty gets a fault injected before its first attempt, the four kinds in turn (an HTML
//! 5xx page, a truncated body, a delay past the per-attempt timeout, throttling); the
//! transport records what each attempt actually met (see `recording_transport`).
//!
//! The client keeps the generated action's real quota of 20 requests per second and its
//! real limiter, so the default run takes about nine minutes.
//!
//! Checks, each failing the command:
//! - every call ends once, as a success or an error of the class its last attempt's fault
//!   explains; a call that met no fault succeeds; none is missing, none panics;
//! - no call takes longer than the retry deadline plus [`DEADLINE_EPSILON`];
//! - the emulator never throttles the client for going over the quota on its own;
//! - every planned fault is applied by the emulator and met by exactly one attempt (a delay
//!   is met by every attempt the client gives up on, so timeouts without a planned delay
//!   are counted and shown, not failed);
//! - resident memory at the end is within [`RSS_TOLERANCE_PERCENT`] of what it was after
//!   the first [`BASELINE_CALLS`] calls.
//!
//! The last line is the summary:
//! `soak: calls=N ok=A err=B lost=0 panics=0 quota_violations=0 rss_growth=X%`.

mod plan;
mod recording_transport;
mod rss;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tencentcloud_emulator::Emulator;
use tencentcloud_runtime::{Config, Endpoint, Error, ReqwestTransport, RetryConfig};
use tencentcloud_tcss::Client;
use tokio::task::JoinSet;

use plan::{FaultKind, FaultPlan};
use recording_transport::{Met, RecordingTransport};

/// Calls unless `--calls` says otherwise.
const DEFAULT_CALLS: usize = 10_000;

/// Calls in flight unless `--concurrency` says otherwise.
const DEFAULT_CONCURRENCY: usize = 64;

/// The client's per-attempt timeout.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(1);

/// How long a delayed answer waits: well past the per-attempt timeout.
const FAULT_DELAY: Duration = Duration::from_secs(2);

/// Attempts per call, the first included.
const MAX_ATTEMPTS: u32 = 3;

/// The retry policy's total deadline per call. Calls queue for the quota (64 callers share
/// 20 slots a second), and that wait counts toward the deadline, so it is generous.
const DEADLINE: Duration = Duration::from_secs(30);

/// How far past the deadline a call may end: the deadline is enforced by timers, and the
/// task that notices has to be scheduled on a busy two-core machine.
const DEADLINE_EPSILON: Duration = Duration::from_millis(250);

/// Calls after which resident memory is first read.
const BASELINE_CALLS: usize = 1_000;

/// How much resident memory may grow between the baseline and the end.
const RSS_TOLERANCE_PERCENT: f64 = 20.0;

/// Progress is reported every this many calls.
const PROGRESS_EVERY: usize = 1_000;

/// Parses the arguments after `soak` and runs it.
pub fn run(args: &[&str]) -> Result<(), String> {
    let settings = Settings::parse(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| format!("could not start the async runtime: {error}"))?;
    runtime.block_on(soak(settings))
}

/// What to run.
#[derive(Debug, Clone, Copy)]
struct Settings {
    calls: usize,
    concurrency: usize,
}

impl Settings {
    fn parse(args: &[&str]) -> Result<Settings, String> {
        let mut settings = Settings {
            calls: DEFAULT_CALLS,
            concurrency: DEFAULT_CONCURRENCY,
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let slot = match *arg {
                "--calls" => &mut settings.calls,
                "--concurrency" => &mut settings.concurrency,
                other => return Err(format!("soak does not take `{other}`")),
            };
            let value = rest
                .next()
                .ok_or_else(|| format!("`{arg}` needs a value"))?;
            *slot = value
                .parse()
                .ok()
                .filter(|&n: &usize| n > 0)
                .ok_or_else(|| format!("`{arg}` needs a positive whole number, not `{value}`"))?;
        }
        Ok(settings)
    }
}

/// How one call ended.
#[derive(Debug)]
struct Outcome {
    index: usize,
    elapsed: Duration,
    result: Result<(), ErrorClass>,
}

/// The class of a failed call's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ErrorClass {
    HttpStatus,
    Decode,
    Timeout,
    Throttled,
    Other,
}

impl ErrorClass {
    fn of(error: &Error) -> ErrorClass {
        match error {
            Error::HttpStatus { .. } => ErrorClass::HttpStatus,
            Error::Decode { .. } => ErrorClass::Decode,
            Error::Timeout { .. } => ErrorClass::Timeout,
            Error::Service(service) if service.category() == "RequestLimitExceeded" => {
                ErrorClass::Throttled
            }
            _ => ErrorClass::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ErrorClass::HttpStatus => "http-status",
            ErrorClass::Decode => "decode",
            ErrorClass::Timeout => "timeout",
            ErrorClass::Throttled => "throttled",
            ErrorClass::Other => "other",
        }
    }

    /// The class a call ends with when its last attempt met `kind`.
    fn explained_by(kind: FaultKind) -> ErrorClass {
        match kind {
            FaultKind::ServerError => ErrorClass::HttpStatus,
            FaultKind::TruncatedBody => ErrorClass::Decode,
            FaultKind::Delay => ErrorClass::Timeout,
            FaultKind::Throttle => ErrorClass::Throttled,
        }
    }
}

/// Everything the checks need, gathered while the calls run.
struct Tally {
    outcomes: Vec<Option<Outcome>>,
    twice: usize,
    panics: usize,
    baseline_rss_kib: Option<u64>,
}

async fn soak(settings: Settings) -> Result<(), String> {
    let started = Instant::now();
    let emulator = Emulator::builder()
        // The log would keep every request; the transport records what the checks need.
        .log_capacity(0)
        .start()
        .await
        .map_err(|error| format!("the emulator did not start: {error}"))?;
    let emulator = Arc::new(emulator);
    let plan = FaultPlan::new(FAULT_DELAY);

    let transport = Arc::new(RecordingTransport::new(
        ReqwestTransport::new(Duration::from_secs(5)),
        Arc::clone(&emulator),
        plan.clone(),
        settings.calls,
    ));
    let credentials = emulator.credentials();
    let config = Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials_static(credentials.secret_id(), credentials.secret_key())
        .timeout(ATTEMPT_TIMEOUT)
        .retry(
            RetryConfig::new()
                .with_max_attempts(MAX_ATTEMPTS)
                .with_base_backoff(Duration::from_millis(50))
                .with_max_backoff(Duration::from_millis(500))
                .with_total_deadline(Some(DEADLINE)),
        )
        .transport(SharedTransport(Arc::clone(&transport)))
        .build();
    let client = Client::new(config);

    println!(
        "soak: {} calls, {} at a time, against {} (quota {}/s per SecretId, attempt timeout \
         {ATTEMPT_TIMEOUT:?}, {MAX_ATTEMPTS} attempts, deadline {DEADLINE:?})",
        settings.calls,
        settings.concurrency,
        emulator.url(),
        quota_per_second(),
    );

    let tally = run_calls(&client, settings, started).await;
    let counters = emulator.counters();
    let end_rss_kib = rss::resident_kib()?;
    let elapsed = started.elapsed();
    drop(client);

    let report = Report::new(&settings, &plan, &transport, tally, counters, end_rss_kib);
    report.print(elapsed);
    match report.failures.is_empty() {
        true => Ok(()),
        false => Err(format!("the soak failed: {}", report.failures.join("; "))),
    }
}

/// The generated action's quota, for the report.
fn quota_per_second() -> u32 {
    tencentcloud_tcss::DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO
        .quota
        .map_or(0, |quota| quota.per_second)
}

/// Runs every call, `concurrency` at a time, each in its own task so a panic is caught.
async fn run_calls(client: &Client, settings: Settings, started: Instant) -> Tally {
    let mut tally = Tally {
        outcomes: (0..settings.calls).map(|_| None).collect(),
        twice: 0,
        panics: 0,
        baseline_rss_kib: None,
    };
    let mut tasks = JoinSet::new();
    let mut task_calls = HashMap::new();
    let mut next = 0;
    let mut done = 0;

    loop {
        while next < settings.calls && tasks.len() < settings.concurrency {
            let handle = tasks.spawn(one_call(client.clone(), next));
            task_calls.insert(handle.id(), next);
            next += 1;
        }

        let Some(joined) = tasks.join_next_with_id().await else {
            break;
        };
        done += 1;
        match joined {
            Ok((id, outcome)) => {
                task_calls.remove(&id);
                let index = outcome.index;
                match &mut tally.outcomes[index] {
                    Some(_) => tally.twice += 1,
                    slot => *slot = Some(outcome),
                }
            }
            Err(error) => {
                let index = task_calls.remove(&error.id());
                tally.panics += 1;
                eprintln!("soak: call {index:?} did not finish: {error}");
            }
        }

        if done == BASELINE_CALLS.min(settings.calls) {
            tally.baseline_rss_kib = rss::resident_kib().ok();
        }
        if done % PROGRESS_EVERY == 0 || done == settings.calls {
            let rss = rss::resident_kib().map_or_else(|_| "?".to_owned(), mib);
            println!(
                "soak: {done}/{} calls done after {:.1?}, resident memory {rss}",
                settings.calls,
                started.elapsed()
            );
        }
    }
    tally
}

/// One call through the generated client; its `ID` is its index.
async fn one_call(client: Client, index: usize) -> Outcome {
    let started = Instant::now();
    let result = client
        .describe_k8s_api_abnormal_event_info()
        .id(index as u64)
        .send()
        .await;
    Outcome {
        index,
        elapsed: started.elapsed(),
        result: result.map(|_| ()).map_err(|error| ErrorClass::of(&error)),
    }
}

/// Lets the client own a handle to the transport the soak reads afterwards.
struct SharedTransport(Arc<RecordingTransport>);

impl tencentcloud_runtime::Transport for SharedTransport {
    fn send(
        &self,
        request: http::Request<bytes::Bytes>,
    ) -> tencentcloud_runtime::BoxFuture<
        '_,
        Result<http::Response<bytes::Bytes>, tencentcloud_runtime::TransportError>,
    > {
        self.0.send(request)
    }
}

/// Figures and failed checks of a finished soak.
struct Report {
    lines: Vec<String>,
    failures: Vec<String>,
    summary: String,
}

impl Report {
    fn new(
        settings: &Settings,
        plan: &FaultPlan,
        transport: &RecordingTransport,
        tally: Tally,
        counters: tencentcloud_emulator::Counters,
        end_rss_kib: u64,
    ) -> Report {
        let mut lines = Vec::new();
        let mut failures = Vec::new();

        // Faults: planned, applied by the emulator, met by attempts.
        let planned = plan.planned(settings.calls);
        let planned_total: usize = planned.iter().map(|(_, count)| count).sum();
        let mut met_by_kind: BTreeMap<FaultKind, usize> = BTreeMap::new();
        let mut faulted_calls = 0;
        let mut attempts = 0;
        for index in 0..settings.calls {
            let summary = transport.summary(index);
            attempts += summary.attempts as usize;
            if !summary.faults.is_empty() {
                faulted_calls += 1;
            }
            for (kind, count) in summary.faults {
                *met_by_kind.entry(kind).or_default() += usize::from(count);
            }
        }
        lines.push(format!(
            "faults planned: {planned_total} ({}); applied by the emulator: {}",
            planned
                .iter()
                .map(|(kind, count)| format!("{} {count}", kind.name()))
                .collect::<Vec<_>>()
                .join(", "),
            counters.faults_injected
        ));
        lines.push(format!(
            "attempts: {attempts} (emulator saw {} requests); calls that met a fault: \
             {faulted_calls} ({:.1}%); attempts that met each kind: {}",
            counters.requests,
            percent(faulted_calls as f64, settings.calls as f64),
            FaultKind::ALL
                .iter()
                .map(|kind| format!("{} {}", kind.name(), met_by_kind.get(kind).unwrap_or(&0)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if counters.faults_injected != planned_total as u64 {
            failures.push(format!(
                "the emulator applied {} faults, {planned_total} were planned",
                counters.faults_injected
            ));
        }
        for &(kind, planned) in &planned {
            let met = met_by_kind.get(&kind).copied().unwrap_or(0);
            if kind == FaultKind::Delay && met > planned {
                lines.push(format!(
                    "timeouts without a planned delay: {} (slow answers on a busy machine)",
                    met - planned
                ));
            } else if met != planned {
                failures.push(format!(
                    "{planned} {} faults were planned, attempts met {met}",
                    kind.name()
                ));
            }
        }

        // Outcomes: once each, explained by what their attempts met, within the deadline.
        let mut ok = 0;
        let mut errors_by_class: BTreeMap<ErrorClass, usize> = BTreeMap::new();
        let mut unexplained = Vec::new();
        let mut late = Vec::new();
        let mut durations = Vec::with_capacity(settings.calls);
        let mut lost = 0;
        for (index, outcome) in tally.outcomes.iter().enumerate() {
            let Some(outcome) = outcome else {
                lost += 1;
                continue;
            };
            durations.push(outcome.elapsed);
            if outcome.elapsed > DEADLINE + DEADLINE_EPSILON {
                late.push(index);
            }

            let summary = transport.summary(index);
            let explained = match outcome.result {
                Ok(()) => {
                    ok += 1;
                    true
                }
                Err(class) => {
                    *errors_by_class.entry(class).or_default() += 1;
                    match summary.last {
                        Some(Met::Fault(kind)) => ErrorClass::explained_by(kind) == class,
                        _ => false,
                    }
                }
            };
            if !explained || summary.unexpected {
                unexplained.push(format!(
                    "call {index}: {:?}, attempts {summary:?}",
                    outcome.result
                ));
            }
        }
        let err: usize = errors_by_class.values().sum();
        lost -= tally.panics.min(lost);
        lines.push(format!(
            "errors by class: {}",
            if errors_by_class.is_empty() {
                "none".to_owned()
            } else {
                errors_by_class
                    .iter()
                    .map(|(class, count)| format!("{} {count}", class.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
        durations.sort_unstable();
        let quantile = |q: f64| {
            let index = ((durations.len() as f64 - 1.0) * q).round() as usize;
            durations.get(index).copied().unwrap_or_default()
        };
        lines.push(format!(
            "call duration: p50 {:.2?}, p99 {:.2?}, max {:.2?} (deadline {DEADLINE:?}, \
             allowed {DEADLINE_EPSILON:?} past it); most of it is the wait for a quota slot",
            quantile(0.5),
            quantile(0.99),
            quantile(1.0)
        ));
        if !unexplained.is_empty() {
            failures.push(format!(
                "{} calls ended in a way their attempts do not explain, first: {}",
                unexplained.len(),
                unexplained[0]
            ));
        }
        if !late.is_empty() {
            failures.push(format!(
                "{} calls outlived the deadline, first: call {}",
                late.len(),
                late[0]
            ));
        }
        if tally.twice > 0 {
            failures.push(format!("{} calls ended twice", tally.twice));
        }
        if lost > 0 {
            failures.push(format!("{lost} calls never ended"));
        }
        if tally.panics > 0 {
            failures.push(format!("{} calls panicked", tally.panics));
        }
        if counters.throttled_by_quota > 0 {
            failures.push(format!(
                "the emulator throttled {} requests for going over the quota",
                counters.throttled_by_quota
            ));
        }

        // Memory.
        let baseline = tally.baseline_rss_kib.unwrap_or(end_rss_kib);
        let growth = percent(end_rss_kib as f64 - baseline as f64, baseline as f64);
        lines.push(format!(
            "resident memory: {} after {} calls, {} at the end",
            mib(baseline),
            BASELINE_CALLS.min(settings.calls),
            mib(end_rss_kib)
        ));
        if growth > RSS_TOLERANCE_PERCENT {
            failures.push(format!(
                "resident memory grew {growth:.1}%, more than {RSS_TOLERANCE_PERCENT}%"
            ));
        }

        let summary = format!(
            "soak: calls={} ok={ok} err={err} lost={lost} panics={} quota_violations={} \
             rss_growth={growth:.1}%",
            settings.calls, tally.panics, counters.throttled_by_quota
        );
        Report {
            lines,
            failures,
            summary,
        }
    }

    fn print(&self, elapsed: Duration) {
        for line in &self.lines {
            println!("soak: {line}");
        }
        for failure in &self.failures {
            println!("soak: FAILED: {failure}");
        }
        println!("soak: took {elapsed:.1?}");
        println!("{}", self.summary);
    }
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        part * 100.0 / whole
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
