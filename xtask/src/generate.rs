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
    let mut spec = None;
    let mut out = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let slot = match *arg {
            "--spec" => &mut spec,
            "--out" => &mut out,
            other => return Err(format!("generate does not take `{other}`")),
        };
        let value = rest
            .next()
            .ok_or_else(|| format!("`{arg}` needs a value"))?;
        *slot = Some(PathBuf::from(value));
    }

    let spec = spec.ok_or("generate needs `--spec <api.json>`")?;
    let out = out.ok_or("generate needs `--out <dir>`")?;
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?
            .join(out)
    };
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
