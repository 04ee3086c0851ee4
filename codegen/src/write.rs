//! Stage 4: compare a plan with the tree, or replace what is stale.
//!
//! Writing stages every file in a scratch directory inside the output root first; only when
//! all of them are written are the stale directories and files swapped in by renames, so a
//! failed run leaves the tree as it was. Unchanged files are not touched (their timestamps
//! stay, so cargo does not rebuild).

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::CodegenError;
use crate::plan::Plan;

/// A generated file that does not match the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The file is missing.
    Missing(String),
    /// The file's text differs.
    Differs(String),
    /// The file sits in a generated directory but the plan does not produce it.
    Extra(String),
}

impl Stale {
    /// The file's path relative to the output root.
    pub fn path(&self) -> &str {
        match self {
            Stale::Missing(path) | Stale::Differs(path) | Stale::Extra(path) => path,
        }
    }
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stale::Missing(path) => write!(f, "{path} is missing"),
            Stale::Differs(path) => write!(f, "{path} differs from what the spec generates"),
            Stale::Extra(path) => write!(f, "{path} is no longer generated"),
        }
    }
}

/// Every file of `plan` that is missing, different or extra under `root`, sorted by path.
pub fn stale_files(root: &Path, plan: &Plan) -> Result<Vec<Stale>, CodegenError> {
    let mut stale = Vec::new();
    let planned: BTreeSet<&str> = plan.files.iter().map(|f| f.path.as_str()).collect();

    for file in &plan.files {
        match std::fs::read(root.join(&file.path)) {
            Ok(existing) if existing == file.contents.as_bytes() => {}
            Ok(_) => stale.push(Stale::Differs(file.path.clone())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                stale.push(Stale::Missing(file.path.clone()));
            }
            Err(source) => {
                return Err(CodegenError::Read {
                    path: root.join(&file.path),
                    source,
                });
            }
        }
    }

    for dir in &plan.owned_dirs {
        for path in list_files(&root.join(dir), dir)? {
            if !planned.contains(path.as_str()) {
                stale.push(Stale::Extra(path));
            }
        }
    }

    stale.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(stale)
}

/// Brings `root` in line with `plan`; returns what was stale. Nothing changes on error
/// before the swap, and the swap is one rename per stale directory or file.
pub fn apply(root: &Path, plan: &Plan) -> Result<Vec<Stale>, CodegenError> {
    let stale = stale_files(root, plan)?;
    if stale.is_empty() {
        return Ok(stale);
    }

    let owner_dir = |path: &str| {
        plan.owned_dirs
            .iter()
            .find(|dir| path.starts_with(&format!("{dir}/")))
            .cloned()
    };
    let mut dirs_to_swap = BTreeSet::new();
    let mut files_to_swap = BTreeSet::new();
    for item in &stale {
        match owner_dir(item.path()) {
            Some(dir) => {
                dirs_to_swap.insert(dir);
            }
            None => {
                files_to_swap.insert(item.path().to_owned());
            }
        }
    }

    std::fs::create_dir_all(root).map_err(|source| CodegenError::Write {
        path: root.to_path_buf(),
        source,
    })?;
    let staging = Staging::new(root)?;
    for file in &plan.files {
        let in_swapped_dir = owner_dir(&file.path).is_some_and(|d| dirs_to_swap.contains(&d));
        if in_swapped_dir || files_to_swap.contains(&file.path) {
            staging.write(&file.path, &file.contents)?;
        }
    }

    for dir in &dirs_to_swap {
        let target = root.join(dir);
        let old = staging.old_path(dir);
        if target.exists() {
            rename(&target, &old)?;
        }
        let staged = staging.path(dir);
        if !staged.exists() {
            std::fs::create_dir_all(&staged).map_err(|source| CodegenError::Write {
                path: staged.clone(),
                source,
            })?;
        }
        if let Some(parent) = target.parent() {
            create_dir(parent)?;
        }
        rename(&staged, &target)?;
    }
    for file in &files_to_swap {
        if let Some(parent) = root.join(file).parent() {
            create_dir(parent)?;
        }
        rename(&staging.path(file), &root.join(file))?;
    }

    Ok(stale)
}

/// Files under `dir`, as `/`-separated paths starting with `relative`.
fn list_files(dir: &Path, relative: &str) -> Result<Vec<String>, CodegenError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(CodegenError::Read {
                path: dir.to_path_buf(),
                source,
            });
        }
    };

    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CodegenError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{relative}/{name}");
        if entry.path().is_dir() {
            files.extend(list_files(&entry.path(), &path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

fn rename(from: &Path, to: &Path) -> Result<(), CodegenError> {
    std::fs::rename(from, to).map_err(|source| CodegenError::Write {
        path: to.to_path_buf(),
        source,
    })
}

fn create_dir(dir: &Path) -> Result<(), CodegenError> {
    std::fs::create_dir_all(dir).map_err(|source| CodegenError::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// A scratch directory inside the output root (so renames stay on one file system),
/// removed with whatever is left in it when dropped.
struct Staging(PathBuf);

impl Staging {
    fn new(root: &Path) -> Result<Self, CodegenError> {
        let dir = root.join(format!(".codegen-staging-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        create_dir(&dir.join("new"))?;
        create_dir(&dir.join("old"))?;
        Ok(Self(dir))
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join("new").join(relative)
    }

    fn old_path(&self, relative: &str) -> PathBuf {
        self.0.join("old").join(relative.replace('/', "__"))
    }

    fn write(&self, relative: &str, contents: &str) -> Result<(), CodegenError> {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            create_dir(parent)?;
        }
        std::fs::write(&path, contents).map_err(|source| CodegenError::Write { path, source })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
