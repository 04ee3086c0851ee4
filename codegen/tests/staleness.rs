//! The committed generated files match what spec/ generates, and a change in spec/ is
//! reported with the file it makes stale.

use std::path::{Path, PathBuf};

use tencentcloud_codegen::{plan, write};

/// The workspace root (the parent of `codegen/`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits inside the workspace")
        .to_path_buf()
}

#[test]
fn committed_generated_code_is_up_to_date() {
    let root = workspace_root();
    let plan = plan::regenerate(&root).expect("spec/ generates");
    let stale = write::stale_files(&root, &plan).unwrap();
    let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        stale.is_empty(),
        "stale generated files; run `cargo xtask regenerate`:\n{}",
        list.join("\n")
    );
}

#[test]
fn changing_a_member_in_spec_names_the_stale_file() {
    let root = workspace_root();
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("changed-spec");
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(copy.join("spec/tcss/v20201101")).unwrap();
    for file in [
        "spec/tcss/v20201101/service.json",
        "spec/common-errors.json",
    ] {
        std::fs::copy(root.join(file), copy.join(file)).unwrap();
    }
    let api = std::fs::read_to_string(root.join("spec/tcss/v20201101/api.json")).unwrap();
    let changed = api.replacen("\"K8sVersion\"", "\"KubernetesVersion\"", 1);
    assert_ne!(api, changed);
    std::fs::write(copy.join("spec/tcss/v20201101/api.json"), changed).unwrap();

    let plan = plan::regenerate(&copy).unwrap();
    let stale = write::stale_files(&root, &plan).unwrap();

    assert_eq!(
        stale,
        [write::Stale::Differs(
            "crates/tcss-model/src/objects/k8s_api_abnormal_event_info.rs".to_owned()
        )]
    );
    assert_eq!(
        stale[0].to_string(),
        "crates/tcss-model/src/objects/k8s_api_abnormal_event_info.rs differs from what the \
         spec generates"
    );
}
