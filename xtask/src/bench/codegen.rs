//! Code generation: `regenerate` of spec/ in memory, and for a whole description given with
//! `--spec`, `generate` into a scratch workspace plus `cargo check` of it.
//!
//! The baseline of each is reading and parsing the same description into
//! `serde_json::Value`, the least any generator must do with it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use tencentcloud_codegen::plan;

use super::measure;

/// The description `regenerate` reads for the tcss service.
const SPEC_API: &str = "spec/tcss/v20201101/api.json";

/// How often `regenerate` runs; the median is reported.
const REGENERATE_RUNS: usize = 3;

/// Seconds spent on spec/.
pub struct RegenerateFigures {
    /// Reading and parsing spec/'s api.json into `serde_json::Value`.
    pub parse_s: f64,
    /// `plan::regenerate`: parse, check, emit and rustfmt, all in memory.
    pub regenerate_s: f64,
    /// Files the run produced.
    pub files: usize,
}

/// Seconds spent on the description given with `--spec`.
pub struct SpecFigures {
    /// The description.
    pub path: PathBuf,
    /// Its actions and objects.
    pub actions: usize,
    pub objects: usize,
    /// Reading and parsing it into `serde_json::Value`.
    pub parse_s: f64,
    /// `cargo xtask generate` into the scratch workspace (parse, check, emit, rustfmt, write).
    pub generate_s: f64,
    /// `cargo check` of the workspace, including dependencies not yet built in its target.
    pub check_first_s: f64,
    /// `cargo check` again after touching the generated crates: their own cost.
    pub check_generated_s: f64,
}

/// Times `regenerate` of this workspace's spec/.
pub fn regenerate(root: &Path) -> Result<RegenerateFigures, String> {
    let api = root.join(SPEC_API);
    let parse_s = measure::ns_per_op(|| parse_description(&api)) / 1e9;

    let mut runs = Vec::with_capacity(REGENERATE_RUNS);
    let mut files = 0;
    for _ in 0..REGENERATE_RUNS {
        let started = Instant::now();
        let plan = plan::regenerate(root).map_err(|e| format!("regenerate failed: {e}"))?;
        runs.push(started.elapsed().as_secs_f64());
        files = plan.files.len();
    }
    Ok(RegenerateFigures {
        parse_s,
        regenerate_s: measure::median(&mut runs),
        files,
    })
}

/// Times generating the description at `spec` into `scratch` and checking it.
pub fn whole_spec(spec: &Path, scratch: &Path) -> Result<SpecFigures, String> {
    let description = parse_description(spec);
    let count = |key: &str| description[key].as_object().map_or(0, |items| items.len());
    let (actions, objects) = (count("actions"), count("objects"));
    let parse_s = measure::ns_per_op(|| parse_description(spec)) / 1e9;

    let out = scratch.join("spec-workspace");
    let spec_text = spec.display().to_string();
    let out_text = out.display().to_string();
    let started = Instant::now();
    crate::generate::run(&["--spec", &spec_text, "--out", &out_text])?;
    let generate_s = started.elapsed().as_secs_f64();

    let target = scratch.join("spec-target");
    let check_first_s = cargo_check(&out, &target)?;
    touch_generated(&out)?;
    let check_generated_s = cargo_check(&out, &target)?;

    Ok(SpecFigures {
        path: spec.to_path_buf(),
        actions,
        objects,
        parse_s,
        generate_s,
        check_first_s,
        check_generated_s,
    })
}

fn parse_description(path: &Path) -> serde_json::Value {
    let text =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn cargo_check(workspace: &Path, target: &Path) -> Result<f64, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let started = Instant::now();
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--workspace", "--manifest-path"])
        .arg(workspace.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("could not run cargo check: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        return Err(format!(
            "cargo check of the generated workspace failed:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(elapsed)
}

/// Marks every generated crate's `lib.rs` as changed so the next check rebuilds them all.
fn touch_generated(workspace: &Path) -> Result<(), String> {
    let crates = workspace.join("crates");
    let entries =
        std::fs::read_dir(&crates).map_err(|e| format!("cannot list {}: {e}", crates.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let lib = entry.path().join("src/lib.rs");
        if lib.exists() {
            std::fs::File::options()
                .append(true)
                .open(&lib)
                .and_then(|file| file.set_modified(SystemTime::now()))
                .map_err(|e| format!("cannot touch {}: {e}", lib.display()))?;
        }
    }
    Ok(())
}
