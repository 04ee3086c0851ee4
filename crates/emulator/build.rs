//! Embeds the repository's `spec/` into the emulator.
//!
//! Writes `$OUT_DIR/embedded_spec.rs`: one entry per `spec/<service>/<version>/` that holds
//! a `service.json`, each file pulled in with `include_str!`, so a new action's example is
//! embedded without editing code. Cargo reruns this when anything under `spec/` changes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let spec_root = manifest_dir.join("../../spec");
    println!("cargo::rerun-if-changed={}", spec_root.display());

    let mut code = String::from("&[\n");
    for service_dir in sorted_dirs(&spec_root) {
        for version_dir in sorted_dirs(&service_dir) {
            if version_dir.join("service.json").is_file() {
                write_entry(&mut code, &spec_root, &version_dir);
            }
        }
    }
    code.push_str("]\n");

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("embedded_spec.rs"), code).expect("OUT_DIR is writable");
}

/// Appends one `EmbeddedService { .. }` literal.
fn write_entry(code: &mut String, spec_root: &Path, version_dir: &Path) {
    let relative = version_dir
        .strip_prefix(spec_root)
        .expect("version dirs lie under spec/");
    let origin = format!("spec/{}", relative.display());
    let file = |name: &str| version_dir.join(name).display().to_string();

    let _ = writeln!(code, "    EmbeddedService {{");
    let _ = writeln!(code, "        origin: {origin:?},");
    let _ = writeln!(code, "        api: include_str!({:?}),", file("api.json"));
    let _ = writeln!(
        code,
        "        service: include_str!({:?}),",
        file("service.json")
    );
    let _ = writeln!(code, "        examples: &[");
    let examples = sorted_entries(&version_dir.join("examples"));
    for example in examples
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
    {
        let Some(action) = example.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        let _ = writeln!(
            code,
            "            ({action:?}, include_str!({:?})),",
            example.display().to_string()
        );
    }
    let _ = writeln!(code, "        ],");
    let _ = writeln!(code, "    }},");
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    sorted_entries(dir)
        .into_iter()
        .filter(|path| path.is_dir())
        .collect()
}

/// The entries of a directory, sorted; none when it does not exist.
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(read) => read
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}
