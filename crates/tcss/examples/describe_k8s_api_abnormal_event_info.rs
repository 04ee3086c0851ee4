//! Reads one Kubernetes API abnormal event and prints it as JSON, with its audit record
//! decoded beside the raw members.
//!
//! ```text
//! cargo run -p tencentcloud-tcss --example describe_k8s_api_abnormal_event_info -- \
//!     --id 10 [--endpoint URL] [--region REGION] [--language en-US]
//! ```
//!
//! Credentials come from the default chain: the `TENCENTCLOUD_SECRET_ID`,
//! `TENCENTCLOUD_SECRET_KEY` (and optional `TENCENTCLOUD_SESSION_TOKEN`) variables, else the
//! profile file. On an error the example prints the error with its causes, and the code,
//! message and request ID of a service error, to stderr and exits with status 1; a bad
//! command line exits with status 2.

use std::process::ExitCode;

use tencentcloud_runtime::{Config, Endpoint, Language};
use tencentcloud_tcss::Client;
use tencentcloud_tcss::audit::EventInfoExt;

const USAGE: &str = "usage: describe_k8s_api_abnormal_event_info --id <ID> \
                     [--endpoint <URL>] [--region <REGION>] [--language <zh-CN|en-US>]";

/// What the command line asked for.
struct Args {
    id: u64,
    endpoint: Option<String>,
    region: Option<String>,
    language: Option<Language>,
}

/// Why the command line did not yield [`Args`].
enum ArgsError {
    /// `--help` was asked for.
    Help,
    /// The command line is wrong; the message says how.
    Invalid(String),
}

impl From<String> for ArgsError {
    fn from(message: String) -> Self {
        ArgsError::Invalid(message)
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, ArgsError> {
    let mut id = None;
    let mut endpoint = None;
    let mut region = None;
    let mut language = None;

    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--id" => {
                let text = value()?;
                let parsed = text.parse().map_err(|_| {
                    format!("--id must be a whole number from 0 to 2^64-1, not `{text}`")
                })?;
                id = Some(parsed);
            }
            "--endpoint" => endpoint = Some(value()?),
            "--region" => region = Some(value()?),
            "--language" => {
                language = Some(value()?.parse().map_err(|e| format!("--language: {e}"))?)
            }
            "--help" | "-h" => return Err(ArgsError::Help),
            other => return Err(format!("unknown argument `{other}`").into()),
        }
    }

    let id = id.ok_or_else(|| "--id is required".to_owned())?;
    Ok(Args {
        id,
        endpoint,
        region,
        language,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(ArgsError::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(ArgsError::Invalid(message)) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let mut config = Config::builder();
    if let Some(url) = args.endpoint {
        config = config.endpoint(Endpoint::url(url));
    }
    if let Some(region) = args.region {
        config = config.region(region);
    }
    if let Some(language) = args.language {
        config = config.language(language);
    }
    let client = Client::new(config.build());

    let response = match client
        .describe_k8s_api_abnormal_event_info()
        .id(args.id)
        .send()
        .await
    {
        Ok(response) => response,
        Err(error) => {
            eprintln!("error: {error}");
            let mut cause = std::error::Error::source(&error);
            while let Some(inner) = cause {
                eprintln!("  caused by: {inner}");
                cause = inner.source();
            }
            if let Some(service) = error.service_error() {
                eprintln!("code: {}", service.code);
                eprintln!("message: {}", service.message);
            }
            if let Some(request_id) = error.request_id() {
                eprintln!("request id: {request_id}");
            }
            return ExitCode::FAILURE;
        }
    };

    // A malformed audit record is shown as its error rather than failing the whole output:
    // the raw members are still worth printing.
    let info = &response.info;
    let decoded = |result: Result<serde_json::Value, String>| {
        result.unwrap_or_else(|error| serde_json::json!({ "error": error }))
    };
    let audit_record = decoded(
        info.audit_record()
            .map_err(|e| e.to_string())
            .and_then(|record| serde_json::to_value(record).map_err(|e| e.to_string())),
    );
    let match_rule_scope = decoded(
        info.match_rule_scope()
            .map_err(|e| e.to_string())
            .and_then(|scope| serde_json::to_value(scope).map_err(|e| e.to_string())),
    );
    let output = serde_json::json!({
        "request_id": response.request_id,
        "event": info,
        "decoded": {
            "audit_record": audit_record,
            "match_rule_scope": match_rule_scope,
        },
    });

    match serde_json::to_string_pretty(&output) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: the event could not be printed as JSON: {error}");
            ExitCode::FAILURE
        }
    }
}
