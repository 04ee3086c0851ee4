//! Lists the response type of every action of the model crate this package depends on, as
//! `$OUT_DIR/actions.rs`, so the response decoder target covers whatever was generated.
//!
//! The model crate is found through the `tencentcloud-tcss-model = { path = ... }` line of
//! this package's manifest; its actions are the `pub struct <Action>Response` items in
//! `src/actions/*.rs`.

use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let manifest_path = manifest_dir.join("Cargo.toml");
    println!("cargo::rerun-if-changed={}", manifest_path.display());

    let model_dir = model_dir(&manifest_dir, &manifest_path);
    let actions_dir = model_dir.join("src/actions");
    println!("cargo::rerun-if-changed={}", actions_dir.display());

    let mut actions = response_types(&actions_dir);
    actions.sort();
    assert!(
        !actions.is_empty(),
        "no `pub struct <Action>Response` in {}; generate the model crate first",
        actions_dir.display()
    );

    let mut table = String::from(
        "/// Every action of the model crate with the check of its response type.\n\
         pub const ACTIONS: &[Action] = &[\n",
    );
    for response in &actions {
        let action = response.trim_end_matches("Response");
        table.push_str(&format!(
            "    Action {{ name: \"{action}\", \
             check: crate::check_response::<tencentcloud_tcss_model::{response}> }},\n"
        ));
    }
    table.push_str("];\n");

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("actions.rs");
    std::fs::write(&out, table).unwrap();
}

/// The directory of the model crate named in the manifest, relative to the manifest.
fn model_dir(manifest_dir: &Path, manifest_path: &Path) -> PathBuf {
    let manifest = std::fs::read_to_string(manifest_path).unwrap();
    let line = manifest
        .lines()
        .find(|line| line.trim_start().starts_with("tencentcloud-tcss-model"))
        .expect("the manifest depends on tencentcloud-tcss-model");
    let path = line
        .split("path = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the tencentcloud-tcss-model dependency has a `path = \"...\"`");
    manifest_dir.join(path)
}

/// Names of the `pub struct <Action>Response` items in the files of `dir`.
fn response_types(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));

    let mut found = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let name = line
                .strip_prefix("pub struct ")
                .and_then(|rest| rest.split([' ', '{']).next());
            if let Some(name) = name.filter(|name| name.ends_with("Response")) {
                found.push(name.to_owned());
            }
        }
    }
    found
}
