//! `cargo xtask demo`: the whole path from spec to wire with no cloud account.
//!
//! Starts the emulator on 127.0.0.1, runs the client crate's
//! `describe_k8s_api_abnormal_event_info` example against it with the emulator's
//! credentials, prints what the emulator saw, and stops it.

use std::process::Command;

use tencentcloud_emulator::Emulator;

/// The event the demo asks for; the emulator answers any ID with the spec's example.
const EVENT_ID: &str = "10";

pub fn run() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| format!("could not start the async runtime: {error}"))?;
    runtime.block_on(demo())
}

async fn demo() -> Result<(), String> {
    // Build first, in the open: on a fresh clone this takes minutes, and a silent `cargo run`
    // would look like a hung demo.
    eprintln!("demo: building the describe_k8s_api_abnormal_event_info example");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = Command::new(&cargo)
        .args(["build", "--package", "tencentcloud-tcss"])
        .args(["--example", "describe_k8s_api_abnormal_event_info"])
        .status()
        .map_err(|error| format!("could not run cargo to build the example: {error}"))?;
    if !built.success() {
        return Err(format!("building the example failed ({built})"));
    }

    let emulator = Emulator::start()
        .await
        .map_err(|error| format!("the emulator did not start: {error}"))?;
    let url = emulator.url();
    let credentials = emulator.credentials().clone();
    eprintln!("demo: emulator listening on {url}");
    eprintln!(
        "demo: running the describe_k8s_api_abnormal_event_info example with --id {EVENT_ID}"
    );

    // The example is a separate program, as a user would run it: credentials reach it through
    // the environment, the default chain's first source.
    let mut command = Command::new(cargo);
    command
        .args(["run", "--quiet", "--package", "tencentcloud-tcss"])
        .args(["--example", "describe_k8s_api_abnormal_event_info", "--"])
        .args(["--id", EVENT_ID, "--endpoint", &url, "--language", "en-US"])
        .env("TENCENTCLOUD_SECRET_ID", credentials.secret_id())
        .env("TENCENTCLOUD_SECRET_KEY", credentials.secret_key())
        .env_remove("TENCENTCLOUD_SESSION_TOKEN")
        .env_remove("TENCENTCLOUD_CREDENTIALS_FILE");
    let status = tokio::task::spawn_blocking(move || command.status())
        .await
        .map_err(|error| format!("the example's runner failed: {error}"))?
        .map_err(|error| format!("could not run cargo for the example: {error}"))?;

    let requests = emulator.requests();
    for request in &requests {
        let answer = &request.answer;
        eprintln!(
            "demo: the emulator verified a signed {} request and answered HTTP {} ({}), request ID {}",
            request.action().unwrap_or("?"),
            answer.status,
            answer.error_code.as_deref().unwrap_or("success"),
            answer.request_id.as_deref().unwrap_or("none"),
        );
    }
    emulator.shutdown().await;
    eprintln!("demo: emulator stopped");

    if !status.success() {
        return Err(format!("the example failed ({status})"));
    }
    if requests.len() != 1 || !requests[0].answer.is_success() {
        return Err(format!(
            "expected one successful call at the emulator, saw {} request(s)",
            requests.len()
        ));
    }
    Ok(())
}
