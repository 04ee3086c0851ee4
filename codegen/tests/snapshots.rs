//! Snapshots of everything the generator writes for the small fixtures: every member type,
//! optional and nullable members, lists of objects, nesting, recursion, and the naming
//! hazards of real descriptions.

use std::path::Path;

use tencentcloud_codegen::check::{self, Repr, Selection, Service, TypeRef};
use tencentcloud_codegen::emit::Header;
use tencentcloud_codegen::plan;

/// A fixture checked with every action selected, using its side file when it has one.
fn load_fixture(name: &str) -> Service {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let side = dir.join("service.json");
    let side = side.exists().then_some(side);
    check::load(&dir.join("api.json"), side.as_deref(), Selection::All)
        .unwrap_or_else(|e| panic!("fixture {name} does not check: {e}"))
}

fn snapshot_fixture(name: &str) {
    let service = load_fixture(name);
    let header = Header {
        command: "cargo xtask generate".to_owned(),
        source: format!("codegen/tests/fixtures/{name}"),
    };
    let files = plan::render(&service, &header).expect("fixture renders");
    assert!(!files.is_empty());

    for file in files {
        let snapshot = format!("{name}__{}", file.path.replace('/', "__"));
        insta::assert_snapshot!(snapshot, file.contents);
    }
}

#[test]
fn everything_fixture() {
    snapshot_fixture("everything");
}

#[test]
fn hazards_fixture() {
    snapshot_fixture("hazards");
}

#[test]
fn recursive_members_are_boxed_and_optional() {
    let service = load_fixture("everything");
    let object = |name: &str| service.objects.iter().find(|o| o.name == name).unwrap();
    let member = |object_name: &str, member: &str| {
        object(object_name)
            .members
            .iter()
            .find(|m| m.name == member)
            .unwrap()
            .clone()
    };

    for (object_name, member_name) in [("Thing", "Parent"), ("Thing", "Partner"), ("Peer", "Back")]
    {
        let member = member(object_name, member_name);
        assert!(member.boxed, "{object_name}.{member_name} should be boxed");
        assert_eq!(member.repr, Repr::Optional, "{object_name}.{member_name}");
    }

    let others = member("Peer", "Others");
    assert!(!others.boxed, "a list already allocates");
    assert!(matches!(others.ty, TypeRef::List(_)));
    assert!(member("Spec", "Child").boxed);
    assert!(!member("Spec", "Inner").boxed);
}

#[test]
fn sides_decide_representation() {
    let service = load_fixture("everything");
    let object = |name: &str| service.objects.iter().find(|o| o.name == name).unwrap();
    let repr = |object_name: &str, member: &str| {
        object(object_name)
            .members
            .iter()
            .find(|m| m.name == member)
            .unwrap()
            .repr
    };

    assert!(object("Spec").input_side && object("Spec").output_side);
    assert!(object("Filter").input_side && !object("Filter").output_side);
    assert!(!object("Thing").input_side && object("Thing").output_side);

    let cases = [
        ("GetThingRequest", "Id", Repr::Optional),
        ("Spec", "Depth", Repr::Optional),
        ("Thing", "Score", Repr::Plain),
        ("Thing", "Count", Repr::Optional),
        ("Thing", "Note", Repr::Optional),
        ("GetThingResponse", "Maybe", Repr::Optional),
        ("GetThingResponse", "Total", Repr::Plain),
        ("GetThingResponse", "RequestId", Repr::Plain),
    ];
    for (object_name, member, expected) in cases {
        assert_eq!(
            repr(object_name, member),
            expected,
            "{object_name}.{member}"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let header = Header {
        command: "cargo xtask generate".to_owned(),
        source: "fixture".to_owned(),
    };
    let first = plan::render(&load_fixture("hazards"), &header).unwrap();
    let second = plan::render(&load_fixture("hazards"), &header).unwrap();
    assert_eq!(first, second);
}
