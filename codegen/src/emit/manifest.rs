//! `Cargo.toml` texts of the generated crates and of a standalone workspace.

use std::path::Path;

use super::{CrateDirs, package_names};
use crate::check::Service;

/// The model crate's manifest; it depends on serde and serde_json only.
pub fn model(service: &Service) -> String {
    let (model, _) = package_names(service);
    format!(
        r#"[package]
name = "{model}"
description = "Data types of the Tencent Cloud {name} API {version}."
edition.workspace = true
license.workspace = true
publish.workspace = true
version.workspace = true
rust-version.workspace = true

[dependencies]
serde.workspace = true
serde_json.workspace = true

[lints]
workspace = true
"#,
        name = service.name,
        version = service.version,
    )
}

/// The client crate's manifest, for standalone workspaces (the checkout's is hand-written).
pub fn client(service: &Service) -> String {
    let (model, client) = package_names(service);
    format!(
        r#"[package]
name = "{client}"
description = "Async client of the Tencent Cloud {name} API {version}."
edition.workspace = true
license.workspace = true
publish.workspace = true
version.workspace = true
rust-version.workspace = true

[dependencies]
serde_json.workspace = true
tencentcloud-runtime.workspace = true
{model}.workspace = true

[lints]
workspace = true
"#,
        name = service.name,
        version = service.version,
    )
}

/// A workspace of just the service's two crates, using the runtime at `runtime_dir`.
pub fn standalone_workspace(service: &Service, dirs: &CrateDirs, runtime_dir: &Path) -> String {
    let (model, _) = package_names(service);
    let runtime = runtime_dir.display().to_string().replace('\\', "/");
    format!(
        r#"[workspace]
resolver = "3"
members = ["{model_dir}", "{client_dir}"]

[workspace.package]
edition = "2024"
license = "Apache-2.0"
publish = false
version = "0.1.0"
rust-version = "1.95"

[workspace.dependencies]
tencentcloud-runtime = {{ path = "{runtime}" }}
{model} = {{ path = "{model_dir}" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["float_roundtrip"] }}

[workspace.lints.rust]
missing_docs = "warn"
unsafe_code = "forbid"
"#,
        model_dir = dirs.model,
        client_dir = dirs.client,
    )
}
