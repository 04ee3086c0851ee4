//! Compiles what the generator writes for each fixture, as a standalone workspace, with
//! clippy and `-D warnings`: snapshots show the code, this proves it builds cleanly.

use std::path::Path;
use std::process::Command;

use tencentcloud_codegen::{plan, write};

#[test]
fn fixtures_compile_without_warnings() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();

    for fixture in ["everything", "hazards"] {
        let out = scratch.join("fixtures").join(fixture);
        let api = fixtures.join(fixture).join("api.json");
        let (plan, _) = plan::generate(&api, &root.join("crates/runtime")).unwrap();
        write::apply(&out, &plan).unwrap();
        if !out.join("Cargo.lock").exists() {
            std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
        }

        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args([
                "clippy",
                "--offline",
                "--quiet",
                "--all-targets",
                "--manifest-path",
            ])
            .arg(out.join("Cargo.toml"))
            .args(["--", "-D", "warnings"])
            .env("CARGO_TARGET_DIR", scratch.join("fixture-target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");

        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "fixture {fixture} does not build:\n{stderr}"
        );
        assert!(
            !stderr.contains("warning"),
            "fixture {fixture} warns:\n{stderr}"
        );
    }
}
