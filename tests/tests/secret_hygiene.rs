//! No SecretKey and no session token ever shows: not in any line `tracing` writes at TRACE
//! level, not in the `Debug` or `Display` of configuration, credentials or clients, and not
//! anywhere in an error's source chain, on the success path and on every failure path. The
//! signature may show; the key it was made with may not.
//!
//! Every test signs with the same distinctive secrets and shares one global subscriber that
//! captures everything (the emulator in this process included) into a buffer, so each test
//! checks what all tests wrote so far.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tencentcloud_emulator::{Credential, Emulator, Fault};
use tencentcloud_runtime::{
    CachedCredentials, Config, Credentials, DefaultCredentialsChain, Endpoint,
    EnvironmentCredentials, Error, ProfileFileCredentials, ProvideCredentials, RetryConfig,
    StaticCredentials,
};
use tencentcloud_tcss::Client;

const SECRET_ID: &str = "AKIDHygienePermanent0000000000000000";
const SECRET_KEY: &str = "SKEY-hygiene-permanent-7f3a91c2e5";
const SESSION_ID: &str = "AKIDHygieneSession00000000000000000";
const SESSION_KEY: &str = "SKEY-hygiene-session-0b6d24e8aa";
const SESSION_TOKEN: &str = "TOKEN-hygiene-session-5c9e1f7d33";
/// A key the emulator does not accept, for signature failures.
const WRONG_KEY: &str = "SKEY-hygiene-wrong-e41a7b0c96";
/// A token the emulator does not accept.
const WRONG_TOKEN: &str = "TOKEN-hygiene-wrong-2d8f6a19c0";

/// Every value that must never show, and a distinctive piece of each (a secret cut short in
/// an excerpt must not show either).
const SECRETS: &[&str] = &[
    SECRET_KEY,
    "permanent-7f3a91c2e5",
    SESSION_KEY,
    "session-0b6d24e8aa",
    SESSION_TOKEN,
    "session-5c9e1f7d33",
    WRONG_KEY,
    "wrong-e41a7b0c96",
    WRONG_TOKEN,
    "wrong-2d8f6a19c0",
];

/// Everything the global subscriber wrote.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the TRACE subscriber once for this test binary and returns its buffer.
fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        let writer = capture.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        capture
    })
}

fn captured() -> String {
    String::from_utf8_lossy(&capture().0.lock().unwrap()).into_owned()
}

/// Fails naming where a secret showed.
fn assert_no_secret(place: &str, text: &str) {
    for secret in SECRETS {
        if let Some(at) = text.find(secret) {
            let start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
            let end = text[at..]
                .find('\n')
                .map_or(text.len(), |newline| at + newline);
            panic!(
                "{place} shows the secret {secret:?}:\n{}",
                &text[start..end]
            );
        }
    }
}

/// Checks the error's `Display`, `Debug` and every source's, then the captured logs.
fn assert_error_is_clean(label: &str, error: &(dyn std::error::Error + 'static)) {
    let mut depth = 0;
    let mut current = Some(error);
    while let Some(error) = current {
        assert_no_secret(
            &format!("{label}: Display of source {depth}"),
            &error.to_string(),
        );
        assert_no_secret(
            &format!("{label}: Debug of source {depth}"),
            &format!("{error:?}"),
        );
        assert_no_secret(
            &format!("{label}: pretty Debug of source {depth}"),
            &format!("{error:#?}"),
        );
        current = error.source();
        depth += 1;
    }
    assert_logs_are_clean(label);
}

fn assert_logs_are_clean(label: &str) {
    assert_no_secret(&format!("{label}: the TRACE log"), &captured());
}

#[test]
fn the_check_finds_a_secret_anywhere_in_a_text() {
    for text in [
        format!("key={SECRET_KEY}"),
        format!("line one\nx-tc-token: {SESSION_TOKEN} and more\n"),
        "a cut-off key: ...permanent-7f3a91c2e5".to_owned(),
    ] {
        let found = std::panic::catch_unwind(|| assert_no_secret("sample", &text));
        assert!(found.is_err(), "{text:?} passed the check");
    }
    assert_no_secret(
        "sample",
        "Signature=0123abcd, SecretId=AKIDHygienePermanent",
    );
}

async fn emulator() -> Emulator {
    capture();
    Emulator::builder()
        .credentials(Credential::new(SECRET_ID, SECRET_KEY))
        .session_credentials(Credential::new(SESSION_ID, SESSION_KEY).with_token(SESSION_TOKEN))
        .start()
        .await
        .expect("the emulator starts on 127.0.0.1")
}

/// A config for `emulator` signing with `credentials`; no retries unless asked.
fn config(emulator: &Emulator, credentials: impl ProvideCredentials + 'static) -> Config {
    Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials(credentials)
        .timeout(Duration::from_secs(5))
        .retry(RetryConfig::disabled())
        .build()
}

fn permanent() -> Credentials {
    Credentials::new(SECRET_ID, SECRET_KEY)
}

fn session() -> Credentials {
    Credentials::new(SESSION_ID, SESSION_KEY).with_token(SESSION_TOKEN)
}

/// Sends one request with `client`, checks every output of the outcome, and returns it.
async fn call(label: &str, client: &Client) -> Result<(), Error> {
    let result = client
        .describe_k8s_api_abnormal_event_info()
        .id(7)
        .send()
        .await;
    match &result {
        Ok(response) => {
            assert_no_secret(
                &format!("{label}: Debug of the response"),
                &format!("{response:?}"),
            );
            assert_logs_are_clean(label);
        }
        Err(error) => assert_error_is_clean(label, error),
    }
    result.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn success_paths_log_the_call_but_no_secret() {
    let emulator = emulator().await;

    for (label, credentials) in [("permanent", permanent()), ("session", session())] {
        let config = config(&emulator, StaticCredentials::new(credentials.clone()));
        let client = Client::new(config.clone());

        call(label, &client).await.expect("the call succeeds");

        assert_no_secret("Debug of Credentials", &format!("{credentials:?}"));
        let builder = Config::builder().credentials(StaticCredentials::new(credentials.clone()));
        assert_no_secret("Debug of ConfigBuilder", &format!("{builder:?}"));
        assert_no_secret("Debug of Config", &format!("{config:?}"));
        assert_no_secret("pretty Debug of Config", &format!("{config:#?}"));
        assert_no_secret("Debug of Client", &format!("{client:?}"));
        assert_no_secret(
            "Debug of StaticCredentials",
            &format!("{:?}", StaticCredentials::new(credentials.clone())),
        );
        assert_no_secret(
            "Debug of CachedCredentials",
            &format!(
                "{:?}",
                CachedCredentials::new(StaticCredentials::new(credentials))
            ),
        );
    }
    assert_no_secret("Debug of the emulator", &format!("{emulator:?}"));
    assert_no_secret(
        "Debug of the request log",
        &format!("{:?}", emulator.requests()),
    );

    // The capture works: the calls were traced, signature and all.
    let logs = captured();
    assert!(logs.contains("tencentcloud.call"), "{logs}");
    assert!(logs.contains("TRACE") || logs.contains("DEBUG"), "{logs}");
    assert!(
        emulator
            .requests()
            .iter()
            .any(|r| r.token() == Some(SESSION_TOKEN))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_and_authentication_errors_show_no_secret() {
    let emulator = emulator().await;
    let client = |credentials: Credentials| {
        Client::new(config(&emulator, StaticCredentials::new(credentials)))
    };

    emulator.register_error(
        "DescribeK8sApiAbnormalEventInfo",
        "ResourceNotFound.EventNotFound",
        "No event has this ID.",
    );
    let error = call("service error", &client(session())).await.unwrap_err();
    assert_eq!(
        error.service_error().unwrap().code,
        "ResourceNotFound.EventNotFound"
    );
    emulator.clear_responses();

    let cases = [
        (
            "wrong SecretKey",
            Credentials::new(SECRET_ID, WRONG_KEY),
            "AuthFailure",
        ),
        (
            "wrong session token",
            Credentials::new(SESSION_ID, SESSION_KEY).with_token(WRONG_TOKEN),
            "AuthFailure",
        ),
        (
            "session key without its token",
            Credentials::new(SESSION_ID, SESSION_KEY),
            "AuthFailure",
        ),
        (
            "unknown SecretId",
            Credentials::new("AKIDUnknown", SECRET_KEY),
            "AuthFailure",
        ),
    ];
    for (label, credentials, category) in cases {
        let error = call(label, &client(credentials)).await.unwrap_err();
        let service = error
            .service_error()
            .unwrap_or_else(|| panic!("{label}: {error:?}"));
        assert_eq!(service.category(), category, "{label}: {service:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_faults_show_no_secret() {
    let emulator = emulator().await;
    let client = Client::new(config(&emulator, StaticCredentials::new(session())));

    emulator.inject(Fault::server_error(502));
    let error = call("HTML 502", &client).await.unwrap_err();
    assert!(matches!(error, Error::HttpStatus { .. }), "{error:?}");

    emulator.inject(Fault::TruncatedBody);
    let error = call("truncated body", &client).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");

    emulator.inject(Fault::Delay(Duration::from_secs(2)));
    let slow = Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials(StaticCredentials::new(session()))
        .timeout(Duration::from_millis(200))
        .retry(RetryConfig::disabled())
        .build();
    let error = call("timeout", &Client::new(slow)).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");

    // Throttled twice, then retried into success; then throttled past the retries.
    let retrying = Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials(StaticCredentials::new(session()))
        .retry(
            RetryConfig::new()
                .with_base_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(20)),
        )
        .build();
    let retrying = Client::new(retrying);
    emulator.inject(Fault::Throttle.times(2));
    call("throttled then retried", &retrying)
        .await
        .expect("the third attempt succeeds");
    emulator.inject(Fault::Throttle.times(3));
    let error = call("throttled past the retries", &retrying)
        .await
        .unwrap_err();
    assert_eq!(error.service_error().unwrap().code, "RequestLimitExceeded");

    // Nothing listens here any more: a connection failure.
    let address = emulator.url();
    emulator.shutdown().await;
    let gone = Config::builder()
        .endpoint(Endpoint::url(address))
        .credentials(StaticCredentials::new(session()))
        .retry(RetryConfig::disabled())
        .build();
    let error = call("connection refused", &Client::new(gone))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Dispatch { .. }), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_parameter_shows_no_secret() {
    let emulator = emulator().await;
    let client = Client::new(config(&emulator, StaticCredentials::new(session())));

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::MissingParameter { .. }), "{error:?}");
    assert_error_is_clean("missing parameter", &error);
    assert!(emulator.requests().is_empty(), "nothing was sent");
}

/// A credentials file in the temporary directory, removed when dropped.
struct ProfileFile(PathBuf);

impl ProfileFile {
    fn new(name: &str, text: &str) -> ProfileFile {
        let path = std::env::temp_dir().join(format!(
            "tencentcloud-hygiene-{}-{name}.ini",
            std::process::id()
        ));
        std::fs::write(&path, text).unwrap();
        ProfileFile(path)
    }
}

impl Drop for ProfileFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credential_provider_failures_show_no_secret() {
    let emulator = emulator().await;

    // Broken files that hold the secrets in the places a careless message would quote.
    let files = [
        (
            "syntax",
            format!("[default]\nsecret_id = {SECRET_ID}\n{SECRET_KEY}\n"),
        ),
        (
            "key without equals",
            format!("[default]\nsecret_key {SECRET_KEY}\ntoken {SESSION_TOKEN}\n"),
        ),
        (
            "missing section",
            format!("[other]\nsecret_id = {SECRET_ID}\nsecret_key = {SECRET_KEY}\n"),
        ),
        (
            "missing id",
            format!("[default]\nsecret_key = {SECRET_KEY}\ntoken = {SESSION_TOKEN}\n"),
        ),
        (
            "missing key",
            format!("[default]\nsecret_id = {SECRET_ID}\ntoken = {SESSION_TOKEN}\n"),
        ),
        (
            "empty key",
            format!("[default]\nsecret_id = {SECRET_ID}\nsecret_key =\n; {SECRET_KEY}\n"),
        ),
        (
            "secret as section",
            format!("[{SECRET_KEY}]\nsecret_id = {SECRET_ID}\n"),
        ),
        (
            "wrong key in file",
            format!("[default]\nsecret_id = {SECRET_ID}\nsecret_key = {WRONG_KEY}\n"),
        ),
    ];
    for (label, text) in &files {
        let file = ProfileFile::new(&label.replace(' ', "-"), text);
        let provider = ProfileFileCredentials::from_path(&file.0);
        assert_no_secret(
            &format!("{label}: Debug of the provider"),
            &format!("{provider:?}"),
        );
        if let Err(error) = provider.provide_credentials().await {
            assert_error_is_clean(label, &error);
        }

        let client = Client::new(config(
            &emulator,
            ProfileFileCredentials::from_path(&file.0),
        ));
        let error = call(label, &client).await.unwrap_err();
        assert!(
            matches!(error, Error::Credentials { .. } | Error::Service(_)),
            "{label}: {error:?}"
        );
    }

    // A directory where the file should be: it cannot be read.
    let directory = std::env::temp_dir();
    let error = ProfileFileCredentials::from_path(&directory)
        .provide_credentials()
        .await
        .unwrap_err();
    assert_error_is_clean("unreadable file", &error);

    // The environment, looked up through a table rather than the real environment.
    let environments: [(&str, &[(&str, &str)]); 4] = [
        ("key without id", &[("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)]),
        (
            "token without key",
            &[
                ("TENCENTCLOUD_SECRET_ID", SECRET_ID),
                ("TENCENTCLOUD_SESSION_TOKEN", SESSION_TOKEN),
            ],
        ),
        (
            "empty id",
            &[
                ("TENCENTCLOUD_SECRET_ID", " "),
                ("TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
            ],
        ),
        ("nothing", &[]),
    ];
    for (label, variables) in environments {
        let variables: Vec<(String, String)> = variables
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = move |name: &str| {
            variables
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };

        let environment = EnvironmentCredentials::from_lookup(lookup.clone());
        assert_no_secret(&format!("{label}: Debug"), &format!("{environment:?}"));
        let error = environment.provide_credentials().await.unwrap_err();
        assert_error_is_clean(&format!("environment, {label}"), &error);

        let chain = DefaultCredentialsChain::from_lookup(lookup);
        assert_no_secret(
            &format!("{label}: Debug of the chain"),
            &format!("{chain:?}"),
        );
        let client = Client::new(config(&emulator, chain));
        let error = call(&format!("default chain, {label}"), &client)
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Credentials { .. }),
            "{label}: {error:?}"
        );
    }
}
