//! `cargo xtask check-examples --spec <api.json> --examples <examples.json> [--out <dir>]`:
//! how many of a description's example responses decode into the types generated from it.
//!
//! Generates the description into a scratch workspace (default `target/check-examples`),
//! adds a small program to its model crate that decodes every example response into its
//! action's response type, runs it and prints the tally with the reason of each failure.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use tencentcloud_codegen::{plan, write};

/// Parses the arguments after `check-examples`, generates, and runs the decoder.
pub fn run(args: &[&str]) -> Result<(), String> {
    let (spec, examples, out) = parse_args(args)?;
    let root = crate::workspace_root();
    let out = out.unwrap_or_else(|| root.join("target/check-examples"));
    let examples = std::fs::canonicalize(&examples)
        .map_err(|e| format!("cannot read the examples file {}: {e}", examples.display()))?;

    let (plan, service) =
        plan::generate(&spec, &root.join("crates/runtime")).map_err(|e| e.to_string())?;
    write::apply(&out, &plan).map_err(|e| e.to_string())?;
    if !out.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", out.display()))?;
    }

    // The scratch workspace names its model crate after the service.
    let model_dir = out.join("crates").join(format!("{}-model", service.name));
    let program = decoder_program(&service);
    let examples_dir = model_dir.join("examples");
    std::fs::create_dir_all(&examples_dir)
        .map_err(|e| format!("cannot create {}: {e}", examples_dir.display()))?;
    std::fs::write(examples_dir.join("decode_examples.rs"), program)
        .map_err(|e| format!("cannot write the decoder program: {e}"))?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--release", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .args(["--package", &format!("tencentcloud-{}-model", service.name)])
        .args(["--example", "decode_examples", "--"])
        .arg(&examples)
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("some example responses did not decode ({status})"))
    }
}

fn parse_args(args: &[&str]) -> Result<(PathBuf, PathBuf, Option<PathBuf>), String> {
    let known = ["--spec", "--examples", "--out"];
    let mut values = crate::flags::paths("check-examples", args, &known)?;
    let spec = values
        .remove("--spec")
        .ok_or("check-examples needs `--spec <api.json>`")?;
    let examples = values
        .remove("--examples")
        .ok_or("check-examples needs `--examples <examples.json>`")?;
    Ok((spec, examples, values.remove("--out")))
}

/// The decoder: one match arm per action, from the action name to its response type.
fn decoder_program(service: &tencentcloud_codegen::check::Service) -> String {
    let mut arms = String::new();
    for action in &service.actions {
        let response = &service.objects[action.output].rust_name;
        let _ = writeln!(
            arms,
            "        {:?} => serde_json::from_value::<tencentcloud_{}_model::{response}>(response).map(drop),",
            action.name,
            service.name.replace('-', "_"),
        );
    }
    format!(
        r#"//! Written by `cargo xtask check-examples`: decodes every example response.

fn decode(action: &str, response: serde_json::Value) -> Result<(), serde_json::Error> {{
    match action {{
{arms}        _ => Ok(()),
    }}
}}

fn main() {{
    let path = std::env::args().nth(1).expect("the examples file");
    let text = std::fs::read_to_string(&path).expect("the examples file is readable");
    let file: serde_json::Value = serde_json::from_str(&text).expect("the examples file is JSON");
    let actions = file["actions"].as_object().expect("the examples file has `actions`");

    let (mut total, mut invalid_json, mut decoded, mut failed) = (0, 0, 0, 0);
    for (action, examples) in actions {{
        for example in examples.as_array().into_iter().flatten() {{
            total += 1;
            let output = example["output"].as_str().unwrap_or_default();
            let Ok(envelope) = serde_json::from_str::<serde_json::Value>(output) else {{
                invalid_json += 1;
                continue;
            }};
            let response = envelope.get("Response").cloned().unwrap_or(envelope);
            match decode(action, response) {{
                Ok(()) => decoded += 1,
                Err(error) => {{
                    failed += 1;
                    println!("{{action}}: {{error}}");
                }}
            }}
        }}
    }}
    println!(
        "examples: total={{total}} valid_json={{}} decoded={{decoded}} failed={{failed}} not_json={{invalid_json}}",
        total - invalid_json
    );
    if failed > 0 {{
        std::process::exit(1);
    }}
}}
"#
    )
}
