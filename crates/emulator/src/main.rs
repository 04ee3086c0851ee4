//! `tencentcloud-emulator`: runs the emulator on 127.0.0.1 until Ctrl-C.
//!
//! Prints the URL and the test credentials it accepts, so a client can be pointed at it by
//! hand: `tencentcloud-emulator --port 9000`, then set the printed variables.

use std::path::PathBuf;
use std::process::ExitCode;

use tencentcloud_emulator::{Credential, Emulator};

const USAGE: &str = "\
Usage: tencentcloud-emulator [--port PORT] [--spec-dir DIR]

Serves a local stand-in for the Tencent Cloud services in spec/ on 127.0.0.1
until Ctrl-C.

Options:
  --port PORT      port to listen on (default: any free port)
  --spec-dir DIR   serve the descriptions under DIR instead of the built-in spec/
  -h, --help       show this help";

/// What the command line asked for.
struct Options {
    port: u16,
    spec_dir: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 0,
        spec_dir: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => {
                let value = args.next().ok_or("--port needs a value")?;
                options.port = value
                    .parse()
                    .map_err(|_| format!("--port `{value}` is not a port number"))?;
            }
            "--spec-dir" => {
                options.spec_dir = Some(args.next().ok_or("--spec-dir needs a directory")?.into());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(options))
}

fn print_credentials(title: &str, credential: &Credential) {
    println!("{title}");
    println!("  export TENCENTCLOUD_SECRET_ID={}", credential.secret_id());
    println!(
        "  export TENCENTCLOUD_SECRET_KEY={}",
        credential.secret_key()
    );
    if let Some(token) = credential.token() {
        println!("  export TENCENTCLOUD_SESSION_TOKEN={token}");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("tencentcloud-emulator: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let mut builder = Emulator::builder().port(options.port);
    if let Some(dir) = &options.spec_dir {
        builder = builder.spec_dir(dir);
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(err) => {
            eprintln!("tencentcloud-emulator: {err}");
            return ExitCode::FAILURE;
        }
    };

    println!("tencentcloud-emulator listening on {}", emulator.url());
    for service in emulator.services() {
        let actions: Vec<&str> = service.action_names().collect();
        println!(
            "  serves {} {}: {}",
            service.name(),
            service.version(),
            actions.join(", ")
        );
    }
    println!();
    print_credentials(
        "Permanent test credentials it accepts:",
        emulator.credentials(),
    );
    print_credentials(
        "Temporary test credentials it accepts (the token is required):",
        emulator.session_credentials(),
    );
    println!();
    println!("Press Ctrl-C to stop.");

    if let Err(err) = tokio::signal::ctrl_c().await {
        eprintln!("tencentcloud-emulator: cannot wait for Ctrl-C: {err}");
        return ExitCode::FAILURE;
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
