//! `cargo xtask regenerate [--check]`: spec/ -> the generated crates of this workspace.

use tencentcloud_codegen::{plan, write};

/// Regenerates (or with `check`, only compares) and prints what was stale.
pub fn run(check: bool) -> Result<(), String> {
    let root = crate::workspace_root();
    let plan = plan::regenerate(&root).map_err(|e| e.to_string())?;

    if check {
        let stale = write::stale_files(&root, &plan).map_err(|e| e.to_string())?;
        if stale.is_empty() {
            println!("generated code is up to date ({} files)", plan.files.len());
            return Ok(());
        }
        for item in &stale {
            eprintln!("stale: {item}");
        }
        return Err(format!(
            "{} generated file(s) are stale; run `cargo xtask regenerate`",
            stale.len()
        ));
    }

    let changed = write::apply(&root, &plan).map_err(|e| e.to_string())?;
    if changed.is_empty() {
        println!("generated code is up to date ({} files)", plan.files.len());
    }
    for item in &changed {
        println!("updated: {}", item.path());
    }
    Ok(())
}
