//! `cargo xtask generate --spec <api.json> --out <dir>`: every action of any description as
//! a standalone workspace whose runtime dependency is this checkout's `crates/runtime`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tencentcloud_codegen::{plan, write};

/// Parses the arguments after `generate` and writes the workspace.
pub fn run(args: &[&str]) -> Result<(), String> {
    let (spec, out) = parse_args(args)?;
    let started = Instant::now();

    let root = crate::workspace_root();
    let runtime = root.join("crates/runtime");
    let (plan, service) = plan::generate(&spec, &runtime).map_err(|e| e.to_string())?;
    write::apply(&out, &plan).map_err(|e| e.to_string())?;
    copy_lockfile(&root, &out)?;

    println!(
        "generated {} actions and {} objects of `{}` {} into {} ({} files) in {:.2?}",
        service.actions.len(),
        service.objects.len(),
        service.name,
        service.version,
        out.display(),
        plan.files.len(),
        started.elapsed()
    );
    println!(
        "check it with: cargo check --manifest-path {}",
        out.join("Cargo.toml").display()
    );
    Ok(())
}

fn parse_args(args: &[&str]) -> Result<(PathBuf, PathBuf), String> {
    let mut values = crate::flags::paths("generate", args, &["--spec", "--out"])?;
    let spec = values
        .remove("--spec")
        .ok_or("generate needs `--spec <api.json>`")?;
    let out = values
        .remove("--out")
        .ok_or("generate needs `--out <dir>`")?;
    Ok((spec, out))
}

/// Starts the new workspace from this checkout's lock file, so it resolves the same
/// dependency versions and builds without fetching the index. An existing lock file stays.
fn copy_lockfile(root: &Path, out: &Path) -> Result<(), String> {
    let target = out.join("Cargo.lock");
    if target.exists() {
        return Ok(());
    }
    std::fs::copy(root.join("Cargo.lock"), &target)
        .map(|_| ())
        .map_err(|e| format!("cannot copy Cargo.lock to {}: {e}", target.display()))
}
