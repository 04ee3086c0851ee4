//! `cargo xtask bench [--spec <api.json>]`: one run that measures our SDK against the floor
//! of each job and against the official Python and Node.js SDKs, prints one table and writes
//! it to `target/bench/report.json` (and `report.md`).
//!
//! Measured, each against a baseline taken in the same run (the machine is shared, so the
//! ratios say more than the absolute figures):
//! 1. signing one request: the floor (the same hash calls made directly), ours, the peers;
//! 2. decoding the seed response: `serde_json::Value`, ours, the peers' model decoding; and
//!    the audit record inside it;
//! 3. calls per second, p50/p99 latency and peak memory over loopback against a local server
//!    that answers the seed response, with 1 and 32 calls in flight, quota off: raw reqwest
//!    posting prebuilt signed bytes, our generated client, the peers' clients; every client
//!    in a child process of its own;
//! 4. taking a quota slot, alone and with 64 tasks, against a tokio semaphore;
//! 5. code generation: `regenerate` of spec/, and with `--spec` `generate` plus `cargo check`
//!    of a whole description.
//!
//! The peers are installed at pinned versions into `target/bench-peers` from their
//! registries; one that cannot be installed is reported as such and the run goes on.
//! A debug build re-runs itself in release mode first, so every Rust figure is optimized.

mod codegen;
mod decoding;
mod loopback;
mod measure;
mod peers;
mod quota;
mod report;
mod server;
mod signing;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::json;

use loopback::{LoopbackFigures, RustClient};
use peers::{Installed, Peer};
use report::{Metric, PeerStatus, Report, Row, Section, Target};

/// Calls in flight in the two loopback runs.
const CONCURRENCIES: [usize; 2] = [1, 32];

const FLOOR: &str = "floor: sha2 + hmac called directly";
const OURS_SIGN: &str = "ours: tencentcloud_runtime::sign";
const VALUE: &str = "serde_json::Value";
const OURS_TYPED: &str = "ours: generated types";
const RAW_REQWEST: &str = "raw reqwest, prebuilt signed bytes";
const OURS_CLIENT: &str = "ours: tencentcloud_tcss::Client";
const SEMAPHORE: &str = "tokio::sync::Semaphore permit";
const OURS_QUOTA: &str = "ours: RateLimiter slot";
const PYTHON: &str = "Python SDK";
const NODE: &str = "Node.js SDK";

/// Runs the whole comparison.
pub fn run(args: &[&str]) -> Result<(), String> {
    let spec = parse_args(args)?;
    if cfg!(debug_assertions) {
        return rerun_in_release(args);
    }

    let root = crate::workspace_root();
    let target = target_dir(&root);
    let out_dir = target.join("bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;

    let load_at_start = load_average();
    step("installing the pinned peer SDKs into target/bench-peers");
    let scratch = target.join("bench-peers");
    let python = peers::python(&root, &scratch);
    let node = peers::node(&root, &scratch);
    for (name, peer) in [(PYTHON, &python), (NODE, &node)] {
        if let Err(reason) = peer {
            eprintln!("bench: the {name} could not be installed and is left out: {reason}");
        }
    }

    step("signing");
    let signing = signing_section(&python, &node);
    step("decoding");
    let decoding = decoding_section(&root, &python, &node);
    let audit = audit_section();
    step("loopback calls (about a minute)");
    let mut sections = vec![signing, decoding, audit];
    sections.extend(loopback_sections(&python, &node)?);
    step("quota");
    sections.extend(quota_sections());
    step("code generation");
    sections.extend(codegen_sections(&root, spec.as_deref(), &out_dir));

    let report = Report {
        finished_at_unix: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs()),
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average: [load_at_start, load_average()],
        peers: [(PYTHON, &python), (NODE, &node)]
            .into_iter()
            .map(|(name, peer)| peer_status(name, peer))
            .collect(),
        targets: targets(&sections),
        sections,
    };

    let table = report.table();
    let targets = report.target_lines();
    println!();
    print!("{table}");
    println!();
    print!("{targets}");
    for status in &report.peers {
        println!("- {}: {} ({})", status.name, status.packages, status.status);
    }
    println!(
        "- {} CPUs; load average at start {}, at end {}",
        report.cpus, report.load_average[0], report.load_average[1]
    );

    let json_path = out_dir.join("report.json");
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&json_path, json + "\n")
        .map_err(|e| format!("cannot write {}: {e}", json_path.display()))?;
    let markdown_path = out_dir.join("report.md");
    std::fs::write(&markdown_path, format!("{table}\n{targets}"))
        .map_err(|e| format!("cannot write {}: {e}", markdown_path.display()))?;
    println!("\nwritten to {}", json_path.display());
    Ok(())
}

/// The hidden child side of the loopback runs: `bench-worker loopback ...`; and
/// `bench-worker serve`, the seed server alone until killed, for profiling a worker.
pub fn worker(args: &[&str]) -> Result<(), String> {
    match args {
        ["loopback", rest @ ..] => loopback::worker(rest),
        ["serve"] => {
            let server = server::SeedServer::start()?;
            println!("{}", server.url());
            loop {
                std::thread::park();
            }
        }
        _ => Err(format!("unknown bench worker: {}", args.join(" "))),
    }
}

fn parse_args(args: &[&str]) -> Result<Option<PathBuf>, String> {
    match args {
        [] => Ok(None),
        ["--spec", path] => {
            let path = PathBuf::from(path);
            let path = if path.is_absolute() {
                path
            } else {
                std::env::current_dir()
                    .map_err(|e| format!("cannot read the current directory: {e}"))?
                    .join(path)
            };
            if !path.is_file() {
                return Err(format!("--spec: {} is not a file", path.display()));
            }
            Ok(Some(path))
        }
        _ => Err(format!(
            "bench takes only `--spec <api.json>`, not `{}`",
            args.join(" ")
        )),
    }
}

/// Builds xtask in release mode and runs the same command there.
fn rerun_in_release(args: &[&str]) -> Result<(), String> {
    step("building xtask in release mode to measure optimized code");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let spec: Vec<String> = match parse_args(args)? {
        Some(path) => vec!["--spec".to_owned(), path.display().to_string()],
        None => Vec::new(),
    };
    let status = Command::new(cargo)
        .args(["run", "--release", "--package", "xtask", "--", "bench"])
        .args(&spec)
        .current_dir(crate::workspace_root())
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the release run of the benchmarks failed ({status})"
        ))
    }
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// The first three fields of `/proc/loadavg`, or `unknown`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn step(what: &str) {
    eprintln!("bench: {what}");
}

/// One figure a peer's driver printed.
#[derive(Deserialize)]
struct PeerMicro {
    ns_per_op: f64,
    #[serde(default)]
    authorization: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
}

fn time_row(subject: &str, ns: f64, note: impl Into<String>) -> Row {
    Row::new(subject, vec![Metric::new("time", ns, "ns")], note)
}

fn peer_micro_row(
    subject: &str,
    peer: &Installed,
    task: &serde_json::Value,
    note: &str,
    check: impl Fn(&PeerMicro) -> Option<String>,
) -> Row {
    let peer = match peer {
        Ok(peer) => peer,
        Err(reason) => return Row::missing(subject, format!("not installed ({reason})")),
    };
    match peer.run::<_, PeerMicro>(task) {
        Ok(figures) => {
            let mut note = format!("{}; {note}", peer.packages);
            if let Some(problem) = check(&figures) {
                note = format!("{note}; WARNING: {problem}");
            }
            time_row(subject, figures.ns_per_op, note)
        }
        Err(reason) => Row::missing(subject, reason),
    }
}

fn signing_section(python: &Installed, node: &Installed) -> Section {
    let inputs = &signing::INPUTS;
    let prepared = signing::FloorInputs::new(inputs);
    let ours = signing::ours(inputs);
    let (floor_ns, ours_ns) = measure::paired_ns_per_op(
        || signing::floor(inputs, &prepared),
        || signing::ours(inputs),
    );

    let task = json!({ "task": "sign", "inputs": inputs });
    let same = |figures: &PeerMicro| {
        (figures.authorization.as_deref() != Some(ours.as_str()))
            .then(|| "its Authorization differs from ours".to_owned())
    };
    Section::new(
        "signing one request",
        vec![
            time_row(
                FLOOR,
                floor_ns,
                "2 SHA-256 + 4 HMAC-SHA256 fed piece by piece; date and key prepared once",
            ),
            time_row(
                OURS_SIGN,
                ours_ns,
                "canonical request, scope, string to sign, signature, Authorization",
            ),
            peer_micro_row(
                PYTHON,
                python,
                &task,
                "AbstractClient._get_tc3_signature + UTC date + Authorization; same value as ours",
                same,
            ),
            peer_micro_row(
                NODE,
                node,
                &task,
                "Sign.sign3 (returns the Authorization); same value as ours",
                same,
            ),
        ],
    )
}

fn decoding_section(root: &Path, python: &Installed, node: &Installed) -> Section {
    let seed = decoding::SEED;
    let (value_ns, typed_ns) =
        measure::paired_ns_per_op(|| decoding::value(seed), || decoding::typed(seed));

    let seed_path = root.join("spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json");
    let task = json!({ "task": "decode", "seed_path": seed_path });
    let expected = decoding::typed(seed).request_id;
    let same = |figures: &PeerMicro| {
        (figures.request_id.as_deref() != Some(expected.as_str()))
            .then(|| "it read another RequestId".to_owned())
    };
    Section::new(
        format!("decoding the seed response ({} bytes)", seed.len()),
        vec![
            time_row(VALUE, value_ns, "serde_json::from_slice of the same bytes"),
            time_row(
                OURS_TYPED,
                typed_ns,
                "RawResponse::decode: lenient typed decoding of the envelope",
            ),
            peer_micro_row(
                PYTHON,
                python,
                &task,
                "json.loads + tcss models' DescribeK8sApiAbnormalEventInfoResponse._deserialize, \
                 as TcssClient does",
                same,
            ),
            peer_micro_row(
                NODE,
                node,
                &task,
                "JSON.parse + Error check, as the client does; the SDK has no runtime model \
                 classes (its types are TypeScript declarations only)",
                same,
            ),
        ],
    )
}

fn audit_section() -> Section {
    let info = decoding::seed_audit_text();
    let (value_ns, typed_ns) = measure::paired_ns_per_op(
        || decoding::audit_value(&info),
        || decoding::audit_typed(&info),
    );
    Section::new(
        format!("decoding the audit record ({} bytes of Info)", info.len()),
        vec![
            time_row(
                VALUE,
                value_ns,
                "the outer level only; nested JSON stays text",
            ),
            time_row(
                "ours: audit::parse_audit_record",
                typed_ns,
                "nested SourceIPS and RequestUser texts decoded too; no peer has this",
            ),
        ],
    )
}

fn loopback_row(subject: &str, figures: Result<LoopbackFigures, String>, note: String) -> Row {
    let figures = match figures {
        Ok(figures) => figures,
        Err(reason) => return Row::missing(subject, reason),
    };
    let mut note = note;
    if figures.errors > 0 {
        note = format!("{note}; WARNING: {} calls failed", figures.errors);
    }
    Row::new(
        subject,
        vec![
            Metric::new("calls/s", figures.calls_per_second(), "calls/s"),
            Metric::new("p50", figures.p50_us, "µs"),
            Metric::new("p99", figures.p99_us, "µs"),
            Metric::new("peak memory", figures.peak_rss_kib as f64, "KiB"),
        ],
        note,
    )
}

fn rust_loopback(
    client: RustClient,
    url: &str,
    concurrency: usize,
) -> Result<LoopbackFigures, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let output = Command::new(exe)
        .args(["bench-worker", "loopback", client.name(), url])
        .arg(concurrency.to_string())
        .output()
        .map_err(|e| format!("could not start the {} worker: {e}", client.name()))?;
    if !output.status.success() {
        return Err(format!(
            "the {} worker failed ({}): {}",
            client.name(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("the {} worker printed no figures: {e}", client.name()))
}

fn peer_loopback(peer: &Peer, url: &str, concurrency: usize) -> Result<LoopbackFigures, String> {
    peer.run(&json!({
        "task": "loopback",
        "url": url,
        "concurrency": concurrency,
        "warm_up_s": loopback::WARM_UP.as_secs_f64(),
        "measure_s": loopback::MEASURE.as_secs_f64(),
        "inputs": signing::INPUTS,
    }))
}

/// Runs of each Rust client per concurrency, alternating with the other.
const RUST_RUNS: usize = 3;
const RUST_RUNS_NOTE: &str = "best of 3 runs alternating with the other Rust client";

/// Raw reqwest and ours, [`RUST_RUNS`] times each, alternating so that a slow moment of the
/// shared machine does not fall on one client only; each keeps its best run.
fn alternating_rust_runs(
    url: &str,
    concurrency: usize,
) -> (
    Result<LoopbackFigures, String>,
    Result<LoopbackFigures, String>,
) {
    let mut raw = Vec::with_capacity(RUST_RUNS);
    let mut ours = Vec::with_capacity(RUST_RUNS);
    for _ in 0..RUST_RUNS {
        raw.push(rust_loopback(RustClient::RawReqwest, url, concurrency));
        ours.push(rust_loopback(RustClient::Ours, url, concurrency));
    }
    (best_run(raw), best_run(ours))
}

/// The run with the most calls per second (interference on a shared machine only ever
/// slows a run down); the first failure if any run failed.
fn best_run(runs: Vec<Result<LoopbackFigures, String>>) -> Result<LoopbackFigures, String> {
    let runs = runs.into_iter().collect::<Result<Vec<_>, String>>()?;
    runs.into_iter()
        .max_by(|a, b| a.calls_per_second().total_cmp(&b.calls_per_second()))
        .ok_or_else(|| "no run".to_owned())
}

fn loopback_sections(python: &Installed, node: &Installed) -> Result<Vec<Section>, String> {
    let server = server::SeedServer::start()?;
    let url = server.url();

    let mut sections = Vec::new();
    for concurrency in CONCURRENCIES {
        let (raw, ours) = alternating_rust_runs(&url, concurrency);
        let mut rows = vec![
            loopback_row(
                RAW_REQWEST,
                raw,
                format!("one pooled reqwest::Client, body not decoded; {RUST_RUNS_NOTE}"),
            ),
            loopback_row(
                OURS_CLIENT,
                ours,
                format!(
                    "signs every call, reads the envelope, decodes the typed response; \
                     {RUST_RUNS_NOTE}"
                ),
            ),
        ];
        let peers = [
            (
                PYTHON,
                python,
                "TcssClient.DescribeK8sApiAbnormalEventInfo; one client per thread",
            ),
            (
                NODE,
                node,
                "CommonClient.request with a keep-alive http.Agent (the SDK's default closes \
                 every connection); one client",
            ),
        ];
        for (subject, peer, note) in peers {
            rows.push(match peer {
                Ok(peer) => loopback_row(
                    subject,
                    peer_loopback(peer, &url, concurrency),
                    format!("{}; {note}", peer.packages),
                ),
                Err(reason) => Row::missing(subject, format!("not installed ({reason})")),
            });
        }
        sections.push(Section::new(
            format!("loopback, {concurrency} in flight"),
            rows,
        ));
    }
    Ok(sections)
}

fn quota_sections() -> Vec<Section> {
    let figures = quota::measure();
    let note = "take and give back; fresh limiter per 1024, so nothing waits";
    vec![
        Section::new(
            "quota slot, alone",
            vec![
                time_row(SEMAPHORE, figures.uncontended.1, "the same pattern"),
                time_row(OURS_QUOTA, figures.uncontended.0, note),
            ],
        ),
        Section::new(
            format!("quota slot, {} tasks on 2 threads", quota::TASKS),
            vec![
                time_row(SEMAPHORE, figures.contended.1, "the same pattern"),
                time_row(OURS_QUOTA, figures.contended.0, note),
            ],
        ),
    ]
}

fn seconds_row(subject: &str, seconds: f64, note: impl Into<String>) -> Row {
    Row::new(subject, vec![Metric::new("time", seconds, "s")], note)
}

fn codegen_sections(root: &Path, spec: Option<&Path>, out_dir: &Path) -> Vec<Section> {
    let regenerate = match codegen::regenerate(root) {
        Ok(figures) => vec![
            seconds_row(
                "parse spec/ api.json into serde_json::Value",
                figures.parse_s,
                "the least any generator does",
            ),
            seconds_row(
                "regenerate spec/",
                figures.regenerate_s,
                format!(
                    "in memory, this release build: parse, check, emit, rustfmt; {} files; \
                     median of 3",
                    figures.files
                ),
            ),
        ],
        Err(reason) => vec![Row::missing("regenerate spec/", reason)],
    };
    let mut sections = vec![Section::new("code generation, spec/", regenerate)];

    let whole = match spec {
        None => vec![Row::missing(
            "generate + cargo check of a whole description",
            "pass --spec <api.json>",
        )],
        Some(spec) => match codegen::whole_spec(spec, out_dir) {
            Ok(figures) => {
                let source = format!(
                    "{} ({} actions, {} objects)",
                    figures.path.display(),
                    figures.actions,
                    figures.objects
                );
                vec![
                    seconds_row(
                        "parse the description into serde_json::Value",
                        figures.parse_s,
                        source,
                    ),
                    seconds_row(
                        "generate",
                        figures.generate_s,
                        "cargo xtask generate into target/bench/spec-workspace",
                    ),
                    seconds_row(
                        "cargo check, first",
                        figures.check_first_s,
                        "whatever target/bench/spec-target lacked: dependencies on a first run, \
                         little on a repeat",
                    ),
                    seconds_row(
                        "cargo check, generated crates",
                        figures.check_generated_s,
                        "after touching them; dependencies already built",
                    ),
                ]
            }
            Err(reason) => vec![Row::missing("generate + cargo check --spec", reason)],
        },
    };
    sections.push(Section::new("code generation, --spec", whole));
    sections
}

fn peer_status(name: &'static str, peer: &Installed) -> PeerStatus {
    match peer {
        Ok(peer) => PeerStatus {
            name,
            packages: peer.packages.clone(),
            status: "installed".to_owned(),
        },
        Err(reason) => PeerStatus {
            name,
            packages: match name {
                PYTHON => format!(
                    "tencentcloud-sdk-python-common=={}, tencentcloud-sdk-python-tcss=={}",
                    peers::PYTHON_COMMON,
                    peers::PYTHON_TCSS
                ),
                _ => format!("tencentcloud-sdk-nodejs-common@{}", peers::NODE_COMMON),
            },
            status: format!("not installed: {reason}"),
        },
    }
}

/// The goals of the comparison, each with what this run measured.
fn targets(sections: &[Section]) -> Vec<Target> {
    let ratio = |title: &str, subject: &str, metric: &str| -> Option<f64> {
        let section = sections.iter().find(|s| s.title.starts_with(title))?;
        let row = section.row(subject)?;
        row.metrics
            .iter()
            .find(|m| m.name == metric)
            .and_then(|m| m.ratio)
    };
    let value = |title: &str, subject: &str, metric: &str| -> Option<f64> {
        sections
            .iter()
            .find(|s| s.title.starts_with(title))?
            .row(subject)?
            .value(metric)
    };
    let show = |value: Option<f64>| value.map_or("n/a".to_owned(), |v| format!("{v:.2}×"));

    let mut targets = Vec::new();

    let signing = ratio("signing", OURS_SIGN, "time");
    targets.push(Target {
        goal: "signing within 1.3× of the floor".to_owned(),
        measured: show(signing),
        met: signing.map(|r| r <= 1.3),
    });

    let ours = value("signing", OURS_SIGN, "time");
    let slower = |peer: &str| Some(value("signing", peer, "time")? / ours?);
    let (python, node) = (slower(PYTHON), slower(NODE));
    targets.push(Target {
        goal: "official SDKs at least 20× slower than ours at signing one request".to_owned(),
        measured: format!("Python {}, Node.js {}", show(python), show(node)),
        met: match (python, node) {
            (Some(python), Some(node)) => Some(python >= 20.0 && node >= 20.0),
            _ => None,
        },
    });

    let ours_calls = value("loopback, 1 ", OURS_CLIENT, "calls/s");
    let fewer = |peer: &str| Some(ours_calls? / value("loopback, 1 ", peer, "calls/s")?);
    let (python, node) = (fewer(PYTHON), fewer(NODE));
    targets.push(Target {
        goal: "official SDKs at least 20× slower than ours per loopback call (1 in flight)"
            .to_owned(),
        measured: format!("Python {}, Node.js {}", show(python), show(node)),
        met: match (python, node) {
            (Some(python), Some(node)) => Some(python >= 20.0 && node >= 20.0),
            _ => None,
        },
    });

    let decoding = ratio("decoding the seed", OURS_TYPED, "time");
    targets.push(Target {
        goal: "typed decoding no slower than serde_json::Value".to_owned(),
        measured: show(decoding),
        met: decoding.map(|r| r <= 1.0),
    });

    let [single, many] =
        CONCURRENCIES.map(|c| ratio(&format!("loopback, {c} "), OURS_CLIENT, "calls/s"));
    targets.push(Target {
        goal: "loopback calls/s at least 0.9× raw reqwest at 1 and 32 in flight".to_owned(),
        measured: format!("{} and {}", show(single), show(many)),
        met: match (single, many) {
            (Some(single), Some(many)) => Some(single >= 0.9 && many >= 0.9),
            _ => None,
        },
    });

    let quota = value("quota slot, alone", OURS_QUOTA, "time");
    targets.push(Target {
        goal: "quota acquire under 1 µs uncontended".to_owned(),
        measured: quota.map_or("n/a".to_owned(), |ns| report::format_value(ns, "ns")),
        met: quota.map(|ns| ns < 1_000.0),
    });
    targets
}
