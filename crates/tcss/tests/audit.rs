//! The typed views of an event's JSON-in-string members, against the service's own example
//! and against every variation of it that the service is known or likely to send.

use serde_json::{Map, Value, json};
use tencentcloud_tcss::audit::{
    AuditRecord, Location, ParseError, parse_audit_record, parse_highlight_values, parse_scope,
};

/// The `Info` member of the example event in the action's documentation, unescaped once:
/// `SourceIPS`, `RequestUser`, `RequestObject` and `ResponseObject` hold JSON text, and
/// `groups` inside `RequestUser` holds JSON text again.
const SEED_INFO: &str = r##"{"Verb": "list", "AuditID": "4e477a26-b171-4702-a2ac-1ac494ae8c85", "PodNameIP": "", "SourceIPS": "[\"10.0.0.4\"]", "UserAgent": "tcss_agent_cluster/v0.0.0 (linux/amd64) kubernetes/$Format", "RequestURI": "/api/v1/namespaces?limit=1", "RequestUser": "{\"groups\":\"[\\\"system:unauthenticated\\\"]\",\"uid\":\"\",\"username\":\"system:anonymous\"}", "MountHostDir": "", "RequestObject": "{\"metadata\":\"\"}", "ResponseObject": "{\"metadata\":\"\"}", "ResponseStatusCode": "200"}"##;

/// The `MatchRule.Scope` member of the same example.
const SEED_SCOPE: &str =
    r#"{"RequestUser": "system:anonymous", "RequestUserGroups": "system:anonymous"}"#;

/// The fields of the seed record as a JSON object, for tests that change one of them.
fn seed_fields() -> Map<String, Value> {
    match serde_json::from_str(SEED_INFO) {
        Ok(Value::Object(fields)) => fields,
        other => panic!("the seed record is not a JSON object: {other:?}"),
    }
}

/// The seed record with `name` set to `value`, as `Info` text.
fn seed_with(name: &str, value: Value) -> String {
    let mut fields = seed_fields();
    fields.insert(name.to_owned(), value);
    Value::Object(fields).to_string()
}

/// A record's decoded fields, without the raw map, which differs between encodings.
fn decoded(mut record: AuditRecord) -> AuditRecord {
    record.raw = Map::new();
    if let Some(user) = record.request_user.as_mut() {
        user.raw = Map::new();
    }
    record
}

fn parse(info: &str) -> AuditRecord {
    parse_audit_record(info).unwrap_or_else(|e| panic!("{info}: {e}"))
}

#[test]
fn the_seed_record_decodes_every_field() {
    let record = parse(SEED_INFO);

    assert_eq!(record.verb.as_deref(), Some("list"));
    assert_eq!(
        record.audit_id.as_deref(),
        Some("4e477a26-b171-4702-a2ac-1ac494ae8c85")
    );
    assert_eq!(record.pod_name_ip, None);
    assert_eq!(record.source_ips, ["10.0.0.4"]);
    assert_eq!(
        record.user_agent.as_deref(),
        Some("tcss_agent_cluster/v0.0.0 (linux/amd64) kubernetes/$Format")
    );
    assert_eq!(
        record.request_uri.as_deref(),
        Some("/api/v1/namespaces?limit=1")
    );
    assert_eq!(record.mount_host_dir, None);
    assert_eq!(record.request_object, Some(json!({"metadata": ""})));
    assert_eq!(record.response_object, Some(json!({"metadata": ""})));
    assert_eq!(record.response_status_code, Some(200));

    let user = record
        .request_user
        .as_ref()
        .expect("the seed record names a user");
    assert_eq!(user.username.as_deref(), Some("system:anonymous"));
    assert_eq!(user.uid, None);
    assert_eq!(user.groups, ["system:unauthenticated"]);
    assert_eq!(user.raw["groups"], json!("[\"system:unauthenticated\"]"));
    assert_eq!(user.raw.len(), 3);

    assert_eq!(record.raw, seed_fields());
    assert_eq!(record.raw.len(), 11);
    assert_eq!(record.raw["SourceIPS"], json!("[\"10.0.0.4\"]"));
}

#[test]
fn the_seed_record_parses_through_from_str_too() {
    let record: AuditRecord = SEED_INFO.parse().expect("the seed record parses");
    assert_eq!(record, parse(SEED_INFO));
}

/// The same member as it travels inside the response body, escaped once more.
const SEED_INFO_ON_THE_WIRE: &str = r##"{"Info": "{\"Verb\": \"list\", \"AuditID\": \"4e477a26-b171-4702-a2ac-1ac494ae8c85\", \"PodNameIP\": \"\", \"SourceIPS\": \"[\\\"10.0.0.4\\\"]\", \"UserAgent\": \"tcss_agent_cluster/v0.0.0 (linux/amd64) kubernetes/$Format\", \"RequestURI\": \"/api/v1/namespaces?limit=1\", \"RequestUser\": \"{\\\"groups\\\":\\\"[\\\\\\\"system:unauthenticated\\\\\\\"]\\\",\\\"uid\\\":\\\"\\\",\\\"username\\\":\\\"system:anonymous\\\"}\", \"MountHostDir\": \"\", \"RequestObject\": \"{\\\"metadata\\\":\\\"\\\"}\", \"ResponseObject\": \"{\\\"metadata\\\":\\\"\\\"}\", \"ResponseStatusCode\": \"200\"}"}"##;

#[test]
fn the_seed_fixture_is_the_member_on_the_wire_unescaped_once() {
    let event: Value = serde_json::from_str(SEED_INFO_ON_THE_WIRE).expect("the event is JSON");
    let info = event["Info"].as_str().expect("Info is a string");

    assert_eq!(info, SEED_INFO);
}

#[test]
fn encoded_and_plain_forms_decode_alike() {
    let plain_user = json!({
        "groups": ["system:unauthenticated"],
        "uid": "",
        "username": "system:anonymous"
    });
    let once_encoded_groups = json!({
        "groups": "[\"system:unauthenticated\"]",
        "uid": "",
        "username": "system:anonymous"
    });
    let encoded_twice = |value: Value| json!(json!(value.to_string()).to_string());

    let variants = [
        (
            "SourceIPS as a list",
            seed_with("SourceIPS", json!(["10.0.0.4"])),
        ),
        (
            "SourceIPS as a bare address",
            seed_with("SourceIPS", json!("10.0.0.4")),
        ),
        (
            "SourceIPS encoded twice",
            seed_with("SourceIPS", encoded_twice(json!(["10.0.0.4"]))),
        ),
        (
            "RequestUser as an object",
            seed_with("RequestUser", plain_user.clone()),
        ),
        (
            "RequestUser with groups once",
            seed_with("RequestUser", once_encoded_groups),
        ),
        (
            "RequestUser as text",
            seed_with("RequestUser", json!(plain_user.to_string())),
        ),
        (
            "RequestUser encoded twice",
            seed_with("RequestUser", encoded_twice(plain_user)),
        ),
        (
            "RequestObject as an object",
            seed_with("RequestObject", json!({"metadata": ""})),
        ),
        (
            "ResponseObject as an object",
            seed_with("ResponseObject", json!({"metadata": ""})),
        ),
        (
            "status code as a number",
            seed_with("ResponseStatusCode", json!(200)),
        ),
        (
            "status code encoded twice",
            seed_with("ResponseStatusCode", json!("\"200\"")),
        ),
        ("Info encoded once more", json!(SEED_INFO).to_string()),
        (
            "Info encoded twice more",
            json!(json!(SEED_INFO).to_string()).to_string(),
        ),
        ("Info with blanks around it", format!("\n  {SEED_INFO}  \n")),
    ];

    let expected = decoded(parse(SEED_INFO));
    for (variant, info) in variants {
        assert_eq!(decoded(parse(&info)), expected, "{variant}: {info}");
    }
}

#[test]
fn blank_info_is_an_empty_record() {
    for info in ["", "   ", "\n\t", "{}", "null", "\"\"", "\"{}\""] {
        assert_eq!(parse(info), AuditRecord::default(), "Info {info:?}");
    }
}

#[test]
fn blank_fields_are_absent() {
    let blank = json!("");
    let info = json!({
        "Verb": blank, "AuditID": blank, "PodNameIP": blank, "SourceIPS": blank,
        "UserAgent": blank, "RequestURI": blank, "RequestUser": blank, "MountHostDir": blank,
        "RequestObject": blank, "ResponseObject": blank, "ResponseStatusCode": blank
    })
    .to_string();

    let record = parse(&info);

    assert_eq!(decoded(record.clone()), AuditRecord::default());
    assert_eq!(record.raw.len(), 11);
}

#[test]
fn blank_members_of_the_request_user_are_absent() {
    let cases = [
        json!({}),
        json!("{}"),
        json!({"username": "", "uid": "", "groups": ""}),
        json!({"username": null, "uid": null, "groups": null}),
        json!("{\"username\":\"\",\"uid\":\"\",\"groups\":\"[]\"}"),
    ];

    for request_user in cases {
        let record = parse(&json!({ "RequestUser": request_user }).to_string());
        let user = record
            .request_user
            .unwrap_or_else(|| panic!("{request_user}: no user"));

        assert_eq!(user.username, None, "{request_user}");
        assert_eq!(user.uid, None, "{request_user}");
        assert!(user.groups.is_empty(), "{request_user}");
    }
}

#[test]
fn missing_fields_are_absent() {
    let record = parse(r#"{"Verb": "get", "RequestUser": "{\"username\":\"alice\"}"}"#);

    assert_eq!(record.verb.as_deref(), Some("get"));
    assert_eq!(record.audit_id, None);
    assert_eq!(record.pod_name_ip, None);
    assert!(record.source_ips.is_empty());
    assert_eq!(record.user_agent, None);
    assert_eq!(record.request_uri, None);
    assert_eq!(record.mount_host_dir, None);
    assert_eq!(record.request_object, None);
    assert_eq!(record.response_object, None);
    assert_eq!(record.response_status_code, None);

    let user = record.request_user.expect("the user is given");
    assert_eq!(user.username.as_deref(), Some("alice"));
    assert_eq!(user.uid, None);
    assert!(user.groups.is_empty());
}

#[test]
fn fields_the_record_does_not_name_stay_in_the_raw_map() {
    let record = parse(&seed_with("Namespace", json!("kube-system")));

    assert_eq!(record.raw["Namespace"], json!("kube-system"));
    assert_eq!(decoded(record), decoded(parse(SEED_INFO)));
}

#[test]
fn numbers_and_text_convert_where_the_field_allows() {
    // (field in the data, value given, member of the serialized record, value expected there)
    let cases = [
        (
            "ResponseStatusCode",
            json!("404"),
            "response_status_code",
            json!(404),
        ),
        (
            "ResponseStatusCode",
            json!(" 500 "),
            "response_status_code",
            json!(500),
        ),
        (
            "ResponseStatusCode",
            json!(201),
            "response_status_code",
            json!(201),
        ),
        ("AuditID", json!(12345), "audit_id", json!("12345")),
        (
            "SourceIPS",
            json!("[1, \"10.0.0.5\"]"),
            "source_ips",
            json!(["1", "10.0.0.5"]),
        ),
        (
            "MountHostDir",
            json!("/etc"),
            "mount_host_dir",
            json!("/etc"),
        ),
        (
            "PodNameIP",
            json!("web-0/10.0.0.9"),
            "pod_name_ip",
            json!("web-0/10.0.0.9"),
        ),
        (
            "RequestObject",
            json!("[1,2]"),
            "request_object",
            json!([1, 2]),
        ),
    ];

    for (field, value, member, expected) in cases {
        let record = parse(&seed_with(field, value.clone()));
        let serialized = serde_json::to_value(record).expect("the record serializes");
        assert_eq!(serialized[member], expected, "{field} = {value}");
    }
}

#[test]
fn malformed_values_are_errors_naming_their_field() {
    let user_with_groups = |groups: &str| {
        json!({"groups": groups, "uid": "", "username": "system:anonymous"}).to_string()
    };

    let cases = [
        (
            seed_with("SourceIPS", json!("[\"10.0.0.4\"")),
            "SourceIPS",
            "is not valid JSON: ",
        ),
        (
            seed_with("SourceIPS", json!("{\"ip\": 1}")),
            "SourceIPS",
            "holds a JSON object where a list of text was expected",
        ),
        (
            seed_with("SourceIPS", json!([["10.0.0.4"]])),
            "SourceIPS[0]",
            "holds a list where text was expected",
        ),
        (
            seed_with("RequestUser", json!("{\"groups\":")),
            "RequestUser",
            "is not valid JSON: ",
        ),
        (
            seed_with("RequestUser", json!("system:anonymous")),
            "RequestUser",
            "is not valid JSON: ",
        ),
        (
            seed_with("RequestUser", json!("[]")),
            "RequestUser",
            "holds a list where a JSON object was expected",
        ),
        (
            seed_with(
                "RequestUser",
                json!(user_with_groups("[\"system:unauthenticated\"")),
            ),
            "RequestUser.groups",
            "is not valid JSON: ",
        ),
        (
            seed_with("RequestUser", json!({"username": ["a"]})),
            "RequestUser.username",
            "holds a list where text was expected",
        ),
        (
            seed_with("RequestUser", json!({"groups": [{}]})),
            "RequestUser.groups[0]",
            "holds a JSON object where text was expected",
        ),
        (
            seed_with("RequestObject", json!("{\"metadata\":")),
            "RequestObject",
            "is not valid JSON: ",
        ),
        (
            seed_with("ResponseObject", json!("{metadata}")),
            "ResponseObject",
            "is not valid JSON: ",
        ),
        (
            seed_with("ResponseStatusCode", json!("OK")),
            "ResponseStatusCode",
            "holds `OK`, which is not a status code",
        ),
        (
            seed_with("ResponseStatusCode", json!(70000)),
            "ResponseStatusCode",
            "holds `70000`, which is not a status code",
        ),
        (
            seed_with("ResponseStatusCode", json!({"code": 200})),
            "ResponseStatusCode",
            "holds a JSON object where a status code was expected",
        ),
        (
            seed_with("Verb", json!({"verb": "list"})),
            "Verb",
            "holds a JSON object where text was expected",
        ),
    ];

    for (info, path, message) in cases {
        let error = parse_audit_record(&info).expect_err(&info);

        assert_eq!(
            error.location(),
            &Location::AuditRecordField(path.to_owned()),
            "{error}"
        );
        assert_eq!(error.location().field_path(), Some(path));
        let expected_start = format!("the audit record field `{path}` {message}");
        assert!(
            error.to_string().starts_with(&expected_start),
            "{error}\nwanted {expected_start}"
        );
    }
}

#[test]
fn info_that_is_not_a_json_object_is_an_error_about_the_record() {
    let cases = [
        ("{", "is not valid JSON: "),
        ("{\"Verb\": \"list\",}", "is not valid JSON: "),
        ("Verb=list", "is not valid JSON: "),
        ("[1]", "holds a list where a JSON object was expected"),
        ("\"[1]\"", "holds a list where a JSON object was expected"),
        ("42", "holds a number where a JSON object was expected"),
    ];

    for (info, message) in cases {
        let error = parse_audit_record(info).expect_err(info);

        assert_eq!(error.location(), &Location::AuditRecord, "{info}");
        assert_eq!(error.location().field_path(), None);
        assert!(
            error
                .to_string()
                .starts_with(&format!("the audit record (`Info`) {message}"))
        );
    }
}

#[test]
fn runaway_encoding_is_an_error_not_a_hang() {
    let mut info = Value::String(SEED_INFO.to_owned());
    for _ in 0..12 {
        info = Value::String(info.to_string());
    }

    let error = parse_audit_record(info.as_str().expect("text")).expect_err("too deep");

    assert!(matches!(error, ParseError::TooManyLayers { .. }), "{error}");
    assert_eq!(error.location(), &Location::AuditRecord);
}

#[test]
fn the_seed_scope_and_highlight_values_become_maps() {
    let expected = [
        ("RequestUser", "system:anonymous"),
        ("RequestUserGroups", "system:anonymous"),
    ];

    let scope = parse_scope(SEED_SCOPE).expect("the seed scope parses");
    let pairs: Vec<(&str, &str)> = scope
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(pairs, expected);

    let highlights = parse_highlight_values(
        r#"{"RequestUser":"system:anonymous","RequestUserGroups":"system:anonymous"}"#,
    )
    .expect("the highlight values parse");
    assert_eq!(highlights, scope);
}

#[test]
fn rule_scopes_with_many_fields_keep_every_value_as_text() {
    let scope = parse_scope(
        r#"{"RequestURI":"/apis/apps/v1","ResponseStatusCode":"200","SourceIPS":"10.255.0.43","UserAgent":"snapshot-controller","Verb":"update"}"#,
    )
    .expect("the scope parses");

    assert_eq!(scope.len(), 5);
    assert_eq!(scope["RequestURI"], "/apis/apps/v1");
    assert_eq!(scope["ResponseStatusCode"], "200");
    assert_eq!(scope["SourceIPS"], "10.255.0.43");
    assert_eq!(scope["UserAgent"], "snapshot-controller");
    assert_eq!(scope["Verb"], "update");
}

#[test]
fn blank_scope_and_highlight_values_are_empty_maps() {
    for text in ["", " ", "{}", "null", "\"\""] {
        assert!(parse_scope(text).expect(text).is_empty(), "{text:?}");
        assert!(
            parse_highlight_values(text).expect(text).is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn a_scope_with_broken_quoting_is_an_error_naming_the_scope() {
    let scope =
        r#"{"RequestURI":"/apis/x.k8s.io/v","RequestUser":""name":"leader")\"","Verb":"update"}"#;

    let error = parse_scope(scope).expect_err("the quoting is broken");

    assert_eq!(error.location(), &Location::MatchRuleScope);
    assert!(
        error
            .to_string()
            .starts_with("the match rule scope (`MatchRule.Scope`) is not valid JSON: "),
        "{error}"
    );
}

#[test]
fn the_record_serializes_its_decoded_fields_only() {
    let serialized = serde_json::to_value(parse(SEED_INFO)).expect("the record serializes");

    assert_eq!(
        serialized,
        json!({
            "verb": "list",
            "audit_id": "4e477a26-b171-4702-a2ac-1ac494ae8c85",
            "pod_name_ip": null,
            "source_ips": ["10.0.0.4"],
            "user_agent": "tcss_agent_cluster/v0.0.0 (linux/amd64) kubernetes/$Format",
            "request_uri": "/api/v1/namespaces?limit=1",
            "request_user": {
                "username": "system:anonymous",
                "uid": null,
                "groups": ["system:unauthenticated"]
            },
            "mount_host_dir": null,
            "request_object": {"metadata": ""},
            "response_object": {"metadata": ""},
            "response_status_code": 200
        })
    );
}

#[test]
fn every_truncation_of_the_seed_is_an_error_about_the_record() {
    let cuts = SEED_INFO.char_indices().map(|(at, _)| at).skip(1);

    for cut in cuts {
        let info = &SEED_INFO[..cut];
        let error = parse_audit_record(info).expect_err(info);
        assert_eq!(error.location(), &Location::AuditRecord, "{info}");
    }

    assert_eq!(parse(&SEED_INFO[..0]), AuditRecord::default());
}

/// A small deterministic generator (xorshift), so the garbage is the same on every run.
struct Garbage(u64);

impl Garbage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Text of up to 80 characters drawn mostly from JSON's punctuation.
    fn text(&mut self) -> String {
        const ALPHABET: &[char] = &[
            '{', '}', '[', ']', '"', '\\', ':', ',', ' ', '0', '7', '-', '.', 'e', 'n', 'u', 'l',
            'é', '\u{0}',
        ];
        let len = (self.next() % 80) as usize;
        (0..len)
            .map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize])
            .collect()
    }
}

/// Runs every parser on `text`; a panic fails the test, and any error must name a place.
fn parse_everything(text: &str) {
    let errors = [
        parse_audit_record(text).err(),
        parse_scope(text).err(),
        parse_highlight_values(text).err(),
    ];

    for error in errors.into_iter().flatten() {
        assert!(error.to_string().starts_with("the "), "{text:?}: {error}");
    }
}

#[test]
fn garbage_never_panics() {
    let mut garbage = Garbage(0x9e37_79b9_7f4a_7c15);
    for _ in 0..5_000 {
        parse_everything(&garbage.text());
    }

    for (at, _) in SEED_INFO.char_indices() {
        let mut damaged = SEED_INFO.to_owned();
        damaged.remove(at);
        parse_everything(&damaged);
    }

    for field in [
        "SourceIPS",
        "RequestUser",
        "RequestObject",
        "ResponseStatusCode",
    ] {
        for _ in 0..200 {
            parse_everything(&seed_with(field, json!(garbage.text())));
        }
    }

    parse_everything(&"[".repeat(100_000));
    parse_everything(&"{\"a\":".repeat(100_000));
    parse_everything(&"\"".repeat(100_000));
    parse_everything(&"\\\"".repeat(100_000));
}
