//! What a run produces: every file rendered and formatted in memory before anything is
//! written, plus the directories the run owns whole (files there that it does not produce
//! are stale).

use std::path::{Path, PathBuf};

use crate::check::{self, Selection, Service};
use crate::emit::{self, CrateDirs, GeneratedFile, Header};
use crate::error::CodegenError;
use crate::parse;

/// The files of one run and the directories it owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Every file, formatted, paths relative to the output root.
    pub files: Vec<GeneratedFile>,
    /// Directories (relative, `/`-separated) whose whole content the run produces.
    pub owned_dirs: Vec<String>,
}

/// The command `cargo xtask regenerate` runs: every `spec/<service>/<version>/` with a
/// `service.json` becomes `crates/<service>-model/` and `crates/<service>/src/generated/`,
/// and `spec/common-errors.json` becomes the runtime's `common_error_code.rs`.
pub fn regenerate(root: &Path) -> Result<Plan, CodegenError> {
    let mut files = Vec::new();
    let mut owned_dirs = Vec::new();

    for spec_dir in service_spec_dirs(&root.join("spec"))? {
        let relative = spec_dir
            .strip_prefix(root)
            .unwrap_or(&spec_dir)
            .display()
            .to_string()
            .replace('\\', "/");
        let service = check::load(
            &spec_dir.join("api.json"),
            Some(&spec_dir.join("service.json")),
            Selection::Listed,
        )
        .map_err(|e| relativize(e, root))?;
        let header = Header {
            command: "cargo xtask regenerate".to_owned(),
            source: relative,
        };
        owned(&service, &mut owned_dirs);
        files.extend(emit::service_files(&service, &header)?);
    }

    let errors_path = root.join("spec/common-errors.json");
    let text = parse::read_text(&errors_path)?;
    let relative_errors = Path::new("spec/common-errors.json");
    let errors = parse::parse_common_errors(relative_errors, &text)?;
    let header = Header {
        command: "cargo xtask regenerate".to_owned(),
        source: "spec/common-errors.json".to_owned(),
    };
    files.push(emit::common_error_code_file(
        &errors,
        relative_errors,
        "crates/runtime/src",
        &header,
    )?);

    emit::format_all(&mut files, Some(root))?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Plan { files, owned_dirs })
}

/// The command `cargo xtask generate`: every action of the description at `api_path`
/// (with `service.json` beside it when present) as a standalone workspace whose runtime
/// dependency is `runtime_dir`.
pub fn generate(api_path: &Path, runtime_dir: &Path) -> Result<(Plan, Service), CodegenError> {
    let side = api_path.with_file_name("service.json");
    let side = side.exists().then_some(side);
    let service = check::load(api_path, side.as_deref(), Selection::All)?;
    let header = Header {
        command: "cargo xtask generate".to_owned(),
        source: api_path.display().to_string(),
    };

    let mut files = emit::service_files(&service, &header)?;
    files.extend(emit::standalone_files(&service, &header, runtime_dir)?);
    emit::format_all(&mut files, None)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let mut owned_dirs = Vec::new();
    owned(&service, &mut owned_dirs);
    Ok((Plan { files, owned_dirs }, service))
}

/// Renders a checked service's crates in memory, formatted, as `regenerate` would; for
/// tests and tools that look at the output.
pub fn render(service: &Service, header: &Header) -> Result<Vec<GeneratedFile>, CodegenError> {
    let mut files = emit::service_files(service, header)?;
    emit::format_all(&mut files, None)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn owned(service: &Service, owned_dirs: &mut Vec<String>) {
    let dirs = CrateDirs::for_service(service);
    owned_dirs.push(format!("{}/src", dirs.model));
    owned_dirs.push(format!("{}/src/generated", dirs.client));
}

/// `spec/<service>/<version>/` directories holding a `service.json`, sorted.
fn service_spec_dirs(spec: &Path) -> Result<Vec<PathBuf>, CodegenError> {
    let read = |dir: &Path| -> Result<Vec<PathBuf>, CodegenError> {
        let entries = std::fs::read_dir(dir).map_err(|source| CodegenError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        dirs.sort();
        Ok(dirs)
    };

    let mut found = Vec::new();
    for service in read(spec)? {
        for version in read(&service)? {
            if version.join("service.json").exists() {
                found.push(version);
            }
        }
    }
    Ok(found)
}

/// Shows spec paths relative to the workspace root in messages.
fn relativize(error: CodegenError, root: &Path) -> CodegenError {
    let strip = |path: PathBuf| {
        path.strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or(path)
    };
    match error {
        CodegenError::Malformed { path, reason } => CodegenError::Malformed {
            path: strip(path),
            reason,
        },
        CodegenError::UnknownType {
            path,
            owner,
            member,
            ty,
            element,
        } => CodegenError::UnknownType {
            path: strip(path),
            owner,
            member,
            ty,
            element,
        },
        CodegenError::DanglingReference {
            path,
            owner,
            member,
            target,
        } => CodegenError::DanglingReference {
            path: strip(path),
            owner,
            member,
            target,
        },
        CodegenError::DuplicateMember {
            path,
            owner,
            member,
        } => CodegenError::DuplicateMember {
            path: strip(path),
            owner,
            member,
        },
        CodegenError::Naming {
            path,
            owner,
            reason,
        } => CodegenError::Naming {
            path: strip(path),
            owner,
            reason,
        },
        CodegenError::UnknownAction { path, api, action } => CodegenError::UnknownAction {
            path: strip(path),
            api: strip(api),
            action,
        },
        other => other,
    }
}
