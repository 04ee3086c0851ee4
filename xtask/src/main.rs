//! Maintainer commands, run as `cargo xtask <command>`.
//!
//! Commands are matched by hand so that adding one is a new arm and a new file, without a
//! command-line parsing dependency compiled into every build of the workspace.

mod bench;
mod demo;
mod examples;
mod flags;
mod generate;
mod regenerate;
mod soak;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate [--check]                 spec/ -> generated crates; --check only compares
  generate --spec <api.json> --out <dir>
                                       every action of a description as a standalone workspace
  check-examples --spec <api.json> --examples <examples.json> [--out <dir>]
                                       decode a description's example responses into its types
  demo                                 start the emulator, call it through the example, stop it
  bench [--spec <api.json>]            measure against the floor and the official SDKs, print
                                       one table, write target/bench/report.json
  soak [--calls N] [--concurrency N]   10,000 calls, 64 at a time, with faults, against the
                                       emulator; checks nothing is lost, late or leaked
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let result = match args.as_slice() {
        ["regenerate"] => regenerate::run(false),
        ["regenerate", "--check"] => regenerate::run(true),
        ["generate", rest @ ..] => generate::run(rest),
        ["demo"] => demo::run(),
        ["check-examples", rest @ ..] => examples::run(rest),
        ["bench", rest @ ..] => bench::run(rest),
        ["bench-worker", rest @ ..] => bench::worker(rest),
        ["soak", rest @ ..] => soak::run(rest),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command: {}\n\n{USAGE}", args.join(" "))),
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
