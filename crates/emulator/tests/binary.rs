//! The `tencentcloud-emulator` binary prints its URL and credentials and serves until stopped.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use support::Call;
use tencentcloud_emulator::Credential;

/// Reads `export NAME=value` from the binary's output.
fn exported<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    let prefix = format!("export {name}=");
    lines
        .iter()
        .filter_map(|line| line.trim().strip_prefix(&prefix))
        .collect()
}

#[tokio::test]
async fn the_binary_prints_what_a_client_needs_and_serves_it() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tencentcloud-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");

    let stdout = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let done = line.starts_with("Press Ctrl-C");
        lines.push(line);
        if done {
            break;
        }
    }

    let url = lines[0]
        .strip_prefix("tencentcloud-emulator listening on ")
        .unwrap()
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        lines.iter().any(|line| line.contains("tcss 2020-11-01")),
        "{lines:?}"
    );

    let ids = exported(&lines, "TENCENTCLOUD_SECRET_ID");
    let keys = exported(&lines, "TENCENTCLOUD_SECRET_KEY");
    let tokens = exported(&lines, "TENCENTCLOUD_SESSION_TOKEN");
    assert_eq!(
        (ids.len(), keys.len(), tokens.len()),
        (2, 2, 1),
        "{lines:?}"
    );

    let permanent = Credential::new(ids[0], keys[0]);
    Call::new(url.clone(), &permanent)
        .send()
        .await
        .expect_success();
    let session = Credential::new(ids[1], keys[1]).with_token(tokens[0]);
    Call::new(url, &session).send().await.expect_success();

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn the_binary_explains_its_usage_and_rejects_unknown_arguments() {
    let binary = env!("CARGO_BIN_EXE_tencentcloud-emulator");

    let help = Command::new(binary).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--port PORT"));

    let wrong = Command::new(binary).arg("--prot").output().unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("unknown argument `--prot`"));

    let bad_port = Command::new(binary)
        .args(["--port", "http"])
        .output()
        .unwrap();
    assert_eq!(bad_port.status.code(), Some(2));
}
