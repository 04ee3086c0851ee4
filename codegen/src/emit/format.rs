//! Runs rustfmt over the generated Rust files, once for all of them.
//!
//! prettyplease output is close to rustfmt's but not equal, and `cargo fmt --check` covers
//! the generated crates too, so every file takes rustfmt's final form. The files are laid
//! out in a scratch directory with their real relative paths (rustfmt follows `mod`
//! declarations) and read back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::GeneratedFile;
use crate::error::CodegenError;

static SCRATCH_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Formats the `.rs` files among `files` in place, with the rustfmt configuration of
/// `config_dir` when given.
pub fn rustfmt(files: &mut [GeneratedFile], config_dir: Option<&Path>) -> Result<(), CodegenError> {
    let scratch = Scratch::new()?;

    let mut paths = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if !file.path.ends_with(".rs") {
            continue;
        }
        let path = scratch.0.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failure("prepare", &e))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| failure("prepare", &e))?;
        paths.push((index, path));
    }
    if paths.is_empty() {
        return Ok(());
    }

    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut command = Command::new(&rustfmt);
    command.arg("--edition").arg("2024");
    if let Some(dir) = config_dir.filter(|dir| has_rustfmt_config(dir)) {
        command.arg("--config-path").arg(dir);
    }
    command.args(paths.iter().map(|(_, path)| path));

    let output = command.output().map_err(|e| CodegenError::Format {
        reason: format!(
            "cannot run {} ({e}); install it with `rustup component add rustfmt`",
            Path::new(&rustfmt).display()
        ),
    })?;
    if !output.status.success() {
        return Err(CodegenError::Format {
            reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }

    for (index, path) in paths {
        files[index].contents =
            std::fs::read_to_string(&path).map_err(|e| failure("read back", &e))?;
    }
    Ok(())
}

fn has_rustfmt_config(dir: &Path) -> bool {
    dir.join("rustfmt.toml").exists() || dir.join(".rustfmt.toml").exists()
}

fn failure(step: &str, error: &std::io::Error) -> CodegenError {
    CodegenError::Format {
        reason: format!("cannot {step} the scratch files: {error}"),
    }
}

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self, CodegenError> {
        let dir = std::env::temp_dir().join(format!(
            "tencentcloud-codegen-fmt-{}-{}",
            std::process::id(),
            SCRATCH_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| failure("create", &e))?;
        Ok(Self(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
