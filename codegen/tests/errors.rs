//! Every way a description can be rejected: the message names the file, the action or
//! object and the member, and a failed run writes nothing.

use std::path::{Path, PathBuf};

use tencentcloud_codegen::check::{self, Selection};
use tencentcloud_codegen::parse;
use tencentcloud_codegen::{plan, write};

const API_PATH: &str = "spec/demo/v1/api.json";

/// A description with one action whose input holds `members` (JSON array text) and whose
/// output holds `Item`; `extra_objects` adds object definitions (JSON object members).
fn description(members: &str, extra_objects: &str) -> String {
    format!(
        r#"{{
        "metadata": {{"apiVersion": "2020-01-01", "serviceShortName": "demo"}},
        "actions": {{"GetItem": {{"input": "GetItemRequest", "output": "GetItemResponse"}}}},
        "objects": {{
            "GetItemRequest": {{"type": "object", "members": {members}}},
            "GetItemResponse": {{"type": "object", "members": [
                {{"name": "Item", "type": "object", "member": "Item", "output_required": true}},
                {{"name": "RequestId", "type": "string", "member": "string"}}
            ]}},
            "Item": {{"usage": "out", "members": [
                {{"name": "Name", "type": "string", "member": "string"}}
            ]}}
            {extra_objects}
        }}
    }}"#
    )
}

fn check_error(api: &str) -> String {
    let parsed = match parse::parse_api(Path::new(API_PATH), api) {
        Ok(parsed) => parsed,
        Err(error) => return error.to_string(),
    };
    check::check(&parsed, None, Selection::All)
        .map(|_| "no error".to_owned())
        .unwrap_or_else(|error| error.to_string())
}

#[test]
fn each_rejection_names_file_owner_and_member() {
    let cases: &[(&str, String, &[&str])] = &[
        (
            "unknown list element type",
            description(
                r#"[{"name": "Ids", "type": "list", "member": "uint32"}]"#,
                "",
            ),
            &[
                API_PATH,
                "member `Ids`",
                "object `GetItemRequest` (input of action `GetItem`)",
                "`list` with element `uint32`",
            ],
        ),
        (
            "unknown member type",
            description(
                r#"[{"name": "When", "type": "timestamp", "member": "string"}]"#,
                "",
            ),
            &[
                API_PATH,
                "member `When`",
                "object `GetItemRequest`",
                "`timestamp`",
            ],
        ),
        (
            "int that is neither uint64 nor int64",
            description(
                r#"[{"name": "Count", "type": "int", "member": "bool"}]"#,
                "",
            ),
            &[API_PATH, "member `Count`", "`int` with element `bool`"],
        ),
        (
            "dangling object reference",
            description(
                r#"[{"name": "Filter", "type": "object", "member": "Filtre"}]"#,
                "",
            ),
            &[
                API_PATH,
                "member `Filter`",
                "object `GetItemRequest`",
                "object `Filtre`",
            ],
        ),
        (
            "dangling reference in a nested object",
            description(
                r#"[{"name": "Spec", "type": "object", "member": "Spec"}]"#,
                r#", "Spec": {"members": [{"name": "Part", "type": "list", "member": "Nope"}]}"#,
            ),
            &[API_PATH, "member `Part`", "object `Spec`", "object `Nope`"],
        ),
        (
            "duplicate member",
            description(
                r#"[{"name": "ID", "type": "int", "member": "uint64"},
                    {"name": "ID", "type": "string", "member": "string"}]"#,
                "",
            ),
            &[
                API_PATH,
                "object `GetItemRequest`",
                "member `ID` more than once",
            ],
        ),
        (
            "member that cannot be an identifier",
            description(
                r#"[{"name": "名前", "type": "string", "member": "string"}]"#,
                "",
            ),
            &[
                API_PATH,
                "member `名前`",
                "object `GetItemRequest`",
                "Rust identifier",
            ],
        ),
        (
            "object named like the model's own type",
            description(
                r#"[{"name": "M", "type": "object", "member": "MissingMember"}]"#,
                r#", "MissingMember": {"members": []}"#,
            ),
            &[
                API_PATH,
                "object `MissingMember`",
                "model crate defines itself",
            ],
        ),
        (
            "object named like a primitive type",
            description(
                r#"[{"name": "M", "type": "list", "member": "u64"}]"#,
                r#", "u64": {"members": []}"#,
            ),
            &[API_PATH, "object `u64`", "model crate defines itself"],
        ),
        (
            "setters that clash",
            description(
                r#"[{"name": "Send", "type": "string", "member": "string"},
                    {"name": "SetSend", "type": "string", "member": "string"}]"#,
                "",
            ),
            &[API_PATH, "object `GetItemRequest`", "setter clashes"],
        ),
        (
            "malformed member",
            description(r#"[{"name": "Broken", "member": "string"}]"#, ""),
            &[
                API_PATH,
                "is malformed",
                "object `GetItemRequest`",
                "member `Broken`",
                "`type`",
            ],
        ),
        (
            "malformed JSON",
            "{\"metadata\": ".to_owned(),
            &[API_PATH, "is malformed", "line 1"],
        ),
        (
            "object defined twice",
            description("[]", r#", "Item": {"members": []}"#),
            &[API_PATH, "is malformed", "`Item` is defined twice"],
        ),
    ];

    for (case, api, expected) in cases {
        let message = check_error(api);
        for part in *expected {
            assert!(message.contains(part), "{case}: {message:?} lacks {part:?}");
        }
    }
}

#[test]
fn a_dangling_action_input_names_the_action() {
    let api =
        description("[]", "").replace(r#""input": "GetItemRequest""#, r#""input": "GetItemInput""#);
    let message = check_error(&api);
    assert!(
        message.contains("the input of action `GetItem`"),
        "{message}"
    );
    assert!(message.contains("object `GetItemInput`"), "{message}");
}

#[test]
fn the_side_file_may_only_list_described_actions() {
    let api = parse::parse_api(Path::new(API_PATH), &description("[]", "")).unwrap();
    let side = parse::parse_service(
        Path::new("spec/demo/v1/service.json"),
        r#"{"service": "demo", "version": "2020-01-01",
            "endpoints": {"international": "a", "mainland": "b", "regional": "c"},
            "actions": {"GetItems": {"read_only": true}}}"#,
    )
    .unwrap();

    let message = check::check(&api, Some(&side), Selection::Listed)
        .unwrap_err()
        .to_string();
    assert!(message.contains("spec/demo/v1/service.json"), "{message}");
    assert!(message.contains("action `GetItems`"), "{message}");
    assert!(message.contains(API_PATH), "{message}");
}

#[test]
fn error_codes_that_clash_are_rejected() {
    let api = parse::parse_api(Path::new(API_PATH), &description("[]", "")).unwrap();
    let side = parse::parse_service(
        Path::new("spec/demo/v1/service.json"),
        r#"{"service": "demo", "version": "2020-01-01",
            "endpoints": {"international": "a", "mainland": "b", "regional": "c"},
            "actions": {"GetItem": {"read_only": true, "errors": [
                {"code": "FailedOperation.A", "description": "x"},
                {"code": "FailedOperationA", "description": "y"}]}}}"#,
    )
    .unwrap();

    let message = check::check(&api, Some(&side), Selection::Listed)
        .unwrap_err()
        .to_string();
    assert!(message.contains("action `GetItem`"), "{message}");
    assert!(
        message.contains("`FailedOperation.A` and `FailedOperationA`"),
        "{message}"
    );
}

/// A scratch workspace with a spec and an already generated crate.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, api: &str) -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("spec/demo/v1")).unwrap();
        std::fs::create_dir_all(root.join("crates/demo-model/src")).unwrap();
        std::fs::write(root.join("spec/demo/v1/api.json"), api).unwrap();
        std::fs::write(
            root.join("spec/demo/v1/service.json"),
            r#"{"service": "demo", "version": "2020-01-01",
                "endpoints": {"international": "a", "mainland": "b", "regional": "c"},
                "actions": {"GetItem": {"read_only": true}}}"#,
        )
        .unwrap();
        std::fs::write(root.join("spec/common-errors.json"), r#"{"errors": []}"#).unwrap();
        std::fs::write(root.join("crates/demo-model/src/lib.rs"), "// old\n").unwrap();
        Self(root)
    }

    /// Every file under the root with its text.
    fn snapshot(&self) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
            entries.sort_by_key(|e| e.path());
            for entry in entries {
                if entry.path().is_dir() {
                    walk(&entry.path(), out);
                } else {
                    out.push((entry.path(), std::fs::read_to_string(entry.path()).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &mut out);
        out
    }
}

#[test]
fn a_rejected_spec_writes_nothing() {
    let broken = description(
        r#"[{"name": "Filter", "type": "object", "member": "Filtre"}]"#,
        "",
    );
    let scratch = Scratch::new("rejected-spec", &broken);
    let before = scratch.snapshot();

    let message = plan::regenerate(&scratch.0).unwrap_err().to_string();

    assert!(message.starts_with("spec/demo/v1/api.json:"), "{message}");
    assert!(message.contains("member `Filter`"), "{message}");
    assert_eq!(scratch.snapshot(), before);
}

#[test]
fn a_valid_spec_replaces_the_generated_crate_and_then_is_up_to_date() {
    let scratch = Scratch::new("valid-spec", &description("[]", ""));

    let plan = plan::regenerate(&scratch.0).unwrap();
    let stale = write::stale_files(&scratch.0, &plan).unwrap();
    assert!(
        stale
            .iter()
            .any(|s| s.path() == "crates/demo-model/src/lib.rs"),
        "{stale:?}"
    );

    write::apply(&scratch.0, &plan).unwrap();
    assert_eq!(write::stale_files(&scratch.0, &plan).unwrap(), []);
    let lib = std::fs::read_to_string(scratch.0.join("crates/demo-model/src/lib.rs")).unwrap();
    assert!(lib.starts_with("// Generated by `cargo xtask regenerate` from spec/demo/v1;"));

    std::fs::write(scratch.0.join("crates/demo-model/src/stray.rs"), "").unwrap();
    let stale = write::stale_files(&scratch.0, &plan).unwrap();
    assert_eq!(
        stale,
        [write::Stale::Extra(
            "crates/demo-model/src/stray.rs".to_owned()
        )]
    );
    write::apply(&scratch.0, &plan).unwrap();
    assert!(!scratch.0.join("crates/demo-model/src/stray.rs").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".codegen"))
        .collect();
    assert!(leftovers.is_empty(), "staging directory left behind");
}
