//! Broken and fuzzed descriptions never panic the generator and never leave a partial tree.
//!
//! Hand-broken descriptions (one concern per case) and randomly mutated ones go through the
//! whole `cargo xtask generate` path: parse, check, render, format and write into an output
//! directory that already holds an earlier generated tree and an unrelated file. A run that
//! fails must leave every file and directory there as it was; a run that succeeds must leave
//! exactly what it planned. Faster in-memory properties cover parse, check and render alone.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use serde_json::{Value, json};
use tencentcloud_codegen::check::{self, Selection};
use tencentcloud_codegen::emit::{self, Header};
use tencentcloud_codegen::{parse, plan, write};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn valid_description() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("everything/api.json")).unwrap()).unwrap()
}

fn runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/runtime")
}

/// A scratch directory under cargo's test temp dir: `spec/api.json` and an output tree.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    /// A fresh scratch directory whose output already holds the fixture's generated tree
    /// and a file of someone else's.
    fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, Ordering::Relaxed);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bad-specs-{}-{number}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("spec")).unwrap();

        let scratch = Scratch { root };
        let (plan, _) = plan::generate(&fixture("everything/api.json"), &runtime_dir()).unwrap();
        write::apply(&scratch.out(), &plan).unwrap();
        std::fs::write(scratch.out().join("NOTES.md"), "not generated\n").unwrap();
        scratch
    }

    fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    fn api_path(&self) -> PathBuf {
        self.root.join("spec/api.json")
    }

    /// Every directory and file under the output, files with their bytes.
    fn tree(&self) -> Vec<(String, Option<Vec<u8>>)> {
        fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Option<Vec<u8>>)>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
            entries.sort_by_key(|entry| entry.path());
            for entry in entries {
                let path = entry.path();
                let name = path.strip_prefix(base).unwrap().display().to_string();
                if path.is_dir() {
                    out.push((name, None));
                    walk(&path, base, out);
                } else {
                    out.push((name, Some(std::fs::read(&path).unwrap())));
                }
            }
        }
        let mut tree = Vec::new();
        walk(&self.out(), &self.out(), &mut tree);
        tree
    }

    /// Runs `cargo xtask generate`'s stages on `api` (bytes of `api.json`) into the output.
    /// Panics are caught and returned as `Err(Some(message))`; a rejection is `Err(None)`.
    fn generate(&self, api: &[u8]) -> Result<(), Option<String>> {
        std::fs::write(self.api_path(), api).unwrap();
        let run = catch_unwind(AssertUnwindSafe(|| {
            let (plan, _) = plan::generate(&self.api_path(), &runtime_dir())?;
            write::apply(&self.out(), &plan).map(|_| plan)
        }));
        match run {
            Ok(Ok(plan)) => {
                assert_eq!(write::stale_files(&self.out(), &plan).unwrap(), []);
                Ok(())
            }
            Ok(Err(error)) => {
                // The message is a sentence naming the file or what went wrong.
                assert!(!error.to_string().is_empty());
                Err(None)
            }
            Err(panic) => Err(Some(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default(),
            )),
        }
    }

    /// Checks that a failed run changed nothing and left no scratch directory behind.
    fn assert_untouched(&self, label: &str, before: &[(String, Option<Vec<u8>>)]) {
        let after = self.tree();
        let changed: Vec<&str> = after
            .iter()
            .filter(|entry| !before.contains(entry))
            .chain(before.iter().filter(|entry| !after.contains(entry)))
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(
            changed.is_empty(),
            "{label}: a failed run changed {changed:?}"
        );
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Sets the value at `path` (object keys, or list indices as numbers) in `description`.
fn set(mut description: Value, path: &[&str], value: Value) -> Value {
    let (last, parents) = path.split_last().unwrap();
    let mut slot = &mut description;
    for key in parents {
        slot = match key.parse::<usize>() {
            Ok(index) => &mut slot[index],
            Err(_) => &mut slot[*key],
        };
    }
    match (last.parse::<usize>(), slot) {
        (Ok(index), Value::Array(items)) => items[index] = value,
        (_, Value::Object(members)) => {
            members.insert((*last).to_owned(), value);
        }
        (_, other) => *other = value,
    }
    description
}

fn remove(mut description: Value, path: &[&str]) -> Value {
    let (last, parents) = path.split_last().unwrap();
    let mut slot = &mut description;
    for key in parents {
        slot = &mut slot[*key];
    }
    slot.as_object_mut().unwrap().remove(*last);
    description
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// Descriptions broken one way each, as bytes of `api.json`.
fn hand_broken() -> Vec<(&'static str, Vec<u8>)> {
    let valid = valid_description();
    let text = valid.to_string();
    let bytes = |value: Value| value.to_string().into_bytes();
    let member = |name: &str, ty: &str, element: &str| json!({"name": name, "type": ty, "member": element, "document": "x"});
    let get_members = ["objects", "GetThingRequest", "members"];

    vec![
        ("empty file", Vec::new()),
        ("only whitespace", b"  \n\t ".to_vec()),
        ("null", b"null".to_vec()),
        ("a list", b"[]".to_vec()),
        ("cut in half", text.as_bytes()[..text.len() / 2].to_vec()),
        ("trailing garbage", format!("{text} }}").into_bytes()),
        (
            "not UTF-8",
            [b"{\"metadata\": \"".as_slice(), &[0xff, 0xfe], b"\"}"].concat(),
        ),
        (
            "byte order mark",
            [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat(),
        ),
        (
            "nested past the parser's limit",
            nested(10_000).into_bytes(),
        ),
        ("no metadata", bytes(remove(valid.clone(), &["metadata"]))),
        (
            "metadata is text",
            bytes(set(valid.clone(), &["metadata"], json!("x"))),
        ),
        (
            "version is a number",
            bytes(set(valid.clone(), &["metadata", "apiVersion"], json!(1))),
        ),
        (
            "empty service name",
            bytes(set(
                valid.clone(),
                &["metadata", "serviceShortName"],
                json!(""),
            )),
        ),
        (
            "upper-case service name",
            bytes(set(
                valid.clone(),
                &["metadata", "serviceShortName"],
                json!("Thing"),
            )),
        ),
        (
            "service name with a slash",
            bytes(set(
                valid.clone(),
                &["metadata", "serviceShortName"],
                json!("../x"),
            )),
        ),
        (
            "service name is a keyword",
            bytes(set(
                valid.clone(),
                &["metadata", "serviceShortName"],
                json!("self"),
            )),
        ),
        (
            "actions is a list",
            bytes(set(valid.clone(), &["actions"], json!([]))),
        ),
        ("no objects", bytes(remove(valid.clone(), &["objects"]))),
        (
            "action without input",
            bytes(remove(valid.clone(), &["actions", "GetThing", "input"])),
        ),
        (
            "input names no object",
            bytes(set(
                valid.clone(),
                &["actions", "GetThing", "input"],
                json!("Nowhere"),
            )),
        ),
        (
            "input is its output",
            bytes(set(
                valid.clone(),
                &["actions", "GetThing", "input"],
                json!("GetThingResponse"),
            )),
        ),
        (
            "two actions share an input",
            bytes(set(
                valid.clone(),
                &["actions", "CreateThing", "input"],
                json!("GetThingRequest"),
            )),
        ),
        (
            "empty action name",
            bytes(set(
                valid.clone(),
                &["actions", ""],
                json!({"input": "GetThingRequest", "output": "GetThingResponse"}),
            )),
        ),
        (
            "lower-case action name",
            bytes(set(
                valid.clone(),
                &["actions", "new"],
                json!({"input": "GetThingRequest", "output": "GetThingResponse"}),
            )),
        ),
        (
            "action named like the client",
            bytes(set(
                valid.clone(),
                &["actions", "Client"],
                json!({"input": "GetThingRequest", "output": "GetThingResponse"}),
            )),
        ),
        (
            "members is an object",
            bytes(set(valid.clone(), &get_members, json!({}))),
        ),
        (
            "a member is a number",
            bytes(set(valid.clone(), &get_members, json!([1]))),
        ),
        (
            "unknown member type",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("A", "int32", "int32")]),
            )),
        ),
        (
            "unknown list element",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("A", "list", "uint32")]),
            )),
        ),
        (
            "dangling object member",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("A", "object", "Missing")]),
            )),
        ),
        (
            "scalar type with an object element",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("A", "int", "GetThingRequest")]),
            )),
        ),
        (
            "empty member name",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("", "string", "string")]),
            )),
        ),
        (
            "member name of digits",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("123", "string", "string")]),
            )),
        ),
        (
            "member names that collide",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([
                    member("PublicIP", "string", "string"),
                    member("PublicIp", "string", "string"),
                    member("public_ip", "string", "string")
                ]),
            )),
        ),
        (
            "the same member twice",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("A", "string", "string"), member("A", "int", "int64")]),
            )),
        ),
        (
            "keyword member names",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([
                    member("self", "string", "string"),
                    member("Self", "string", "string"),
                    member("_", "bool", "bool"),
                    member("r#type", "bool", "bool"),
                    member("crate", "bool", "bool")
                ]),
            )),
        ),
        (
            "member names of symbols",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([
                    member("a-b c", "string", "string"),
                    member("Größe", "string", "string"),
                    member("\u{0}", "string", "string"),
                    member("💥", "string", "string")
                ]),
            )),
        ),
        (
            "member named like a builder method",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([
                    member("Send", "string", "string"),
                    member("AsRequest", "string", "string")
                ]),
            )),
        ),
        (
            "a request that holds itself",
            bytes(set(
                valid.clone(),
                &get_members,
                json!([member("Again", "object", "GetThingRequest")]),
            )),
        ),
        (
            "objects that hold each other",
            bytes(set(
                set(
                    valid.clone(),
                    &get_members,
                    json!([member("Other", "object", "CreateThingRequest")]),
                ),
                &["objects", "CreateThingRequest", "members"],
                json!([member("Back", "object", "GetThingRequest")]),
            )),
        ),
        (
            "an object named Result",
            bytes(set(
                valid.clone(),
                &["objects", "Result"],
                json!({"members": [member("Option", "object", "Option")], "usage": "out"}),
            )),
        ),
        (
            "an object named like the model's helpers",
            bytes(set(
                valid.clone(),
                &["objects", "MissingMember"],
                json!({"members": [], "usage": "both"}),
            )),
        ),
        (
            "an object with a symbol name",
            bytes(set(
                valid.clone(),
                &["objects", "Ob-ject é"],
                json!({"members": [], "usage": "both"}),
            )),
        ),
        (
            "a huge number",
            text.replacen("\"required\":true", "\"required\":1e400", 1)
                .into_bytes(),
        ),
        (
            "required is text",
            text.replacen("\"required\":true", "\"required\":\"yes\"", 1)
                .into_bytes(),
        ),
        (
            "unclosed HTML in a document",
            bytes(set(
                valid.clone(),
                &["actions", "GetThing", "document"],
                json!("<p><ul><li><a href=\"x <b>&#xZZ;&amp &#99999999;"),
            )),
        ),
        (
            "a duplicated key",
            text.replacen("\"metadata\":", "\"metadata\":{},\"metadata\":", 1)
                .into_bytes(),
        ),
    ]
}

#[test]
fn hand_broken_descriptions_never_panic_nor_write_a_partial_tree() {
    let scratch = Scratch::new("hand-broken");
    let mut rejected = 0;

    for (label, api) in hand_broken() {
        let before = scratch.tree();
        match scratch.generate(&api) {
            Err(Some(panic)) => panic!("{label}: the generator panicked: {panic}"),
            Err(None) => {
                rejected += 1;
                scratch.assert_untouched(label, &before);
            }
            // Some hazards are meant to be generated (colliding names, recursion); the run
            // then replaced the tree with exactly its plan. Put the fixture's tree back.
            Ok(()) => {
                let (plan, _) =
                    plan::generate(&fixture("everything/api.json"), &runtime_dir()).unwrap();
                write::apply(&scratch.out(), &plan).unwrap();
            }
        }
        assert!(scratch.out().join("NOTES.md").exists(), "{label}");
    }

    assert!(
        rejected >= 30,
        "only {rejected} broken descriptions were rejected"
    );
}

#[test]
fn a_write_that_fails_leaves_the_tree_as_it_was() {
    let scratch = Scratch::new("failed-write");
    // A directory where the run must write a file.
    let cargo_toml = scratch.out().join("crates/everything/Cargo.toml");
    std::fs::remove_file(&cargo_toml).unwrap();
    std::fs::create_dir_all(cargo_toml.join("in-the-way")).unwrap();
    // And a stale file, so the run has something to replace.
    let lib = scratch.out().join("crates/everything-model/src/lib.rs");
    std::fs::write(&lib, "// stale\n").unwrap();
    let before = scratch.tree();

    let valid = std::fs::read(fixture("everything/api.json")).unwrap();
    assert_eq!(scratch.generate(&valid), Err(None), "the write fails");

    scratch.assert_untouched("failed write", &before);
}

/// Parses, checks and renders in memory, as the generator's front half does.
fn front_half(api: &str) {
    let Ok(parsed) = parse::parse_api(Path::new("spec/fuzz/api.json"), api) else {
        return;
    };
    let header = Header {
        command: "test".to_owned(),
        source: "fuzz".to_owned(),
    };
    if let Ok(service) = check::check(&parsed, None, Selection::All) {
        let _ = emit::service_files(&service, &header);
    }
}

/// Keys and values of the description format, so mutations keep some of its shape.
fn spec_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "metadata",
            "actions",
            "objects",
            "members",
            "name",
            "type",
            "member",
            "input",
            "output",
            "required",
            "usage",
            "document",
            "int",
            "float",
            "bool",
            "string",
            "list",
            "object",
            "uint64",
            "int64",
            "date",
            "GetThingRequest",
            "GetThingResponse",
            "Spec",
            "Type",
            "Self",
            "Result",
            "in",
            "out",
            "both",
            "",
        ])
        .prop_map(str::to_owned),
        ".{0,6}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        spec_word().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(spec_word(), inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// The fixture with the node that `choices` lead to (one choice per level, picking a member
/// or an item) replaced, or set to null.
fn mutate(mut description: Value, choices: &[usize], replacement: Option<Value>) -> Value {
    replace_at(
        &mut description,
        choices,
        replacement.unwrap_or(Value::Null),
    );
    description
}

fn replace_at(slot: &mut Value, choices: &[usize], replacement: Value) {
    let Some((&choice, rest)) = choices.split_first() else {
        *slot = replacement;
        return;
    };
    match slot {
        Value::Object(members) if !members.is_empty() => {
            let key = members.keys().nth(choice % members.len()).unwrap().clone();
            replace_at(members.get_mut(&key).unwrap(), rest, replacement);
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            replace_at(&mut items[choice % len], rest, replacement);
        }
        other => *other = replacement,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mutated_descriptions_never_panic_the_front_half(
        choices in prop::collection::vec(any::<usize>(), 1..6),
        replacement in prop::option::of(json_value()),
    ) {
        let api = mutate(valid_description(), &choices, replacement).to_string();
        front_half(&api);
    }

    #[test]
    fn damaged_text_never_panics_the_front_half(
        cut in any::<prop::sample::Index>(),
        length in 0usize..40,
        insert in ".{0,12}",
    ) {
        let text = valid_description().to_string();
        let start = cut.index(text.len());
        let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap();
        let end = (start + length).min(text.len());
        let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap();
        front_half(&format!("{}{insert}{}", &text[..start], &text[end..]));
    }
}

proptest! {
    // Each case formats and writes a whole tree when it is accepted, so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn mutated_descriptions_never_write_a_partial_tree(
        choices in prop::collection::vec(any::<usize>(), 1..6),
        replacement in prop::option::of(json_value()),
    ) {
        let scratch = Scratch::new("mutated");
        let before = scratch.tree();
        let api = mutate(valid_description(), &choices, replacement).to_string();

        match scratch.generate(api.as_bytes()) {
            Err(Some(panic)) => prop_assert!(false, "the generator panicked: {}", panic),
            Err(None) => scratch.assert_untouched("mutated", &before),
            Ok(()) => prop_assert!(scratch.out().join("NOTES.md").exists()),
        }
    }
}
