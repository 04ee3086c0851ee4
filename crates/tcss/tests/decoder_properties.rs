//! The decoders never panic, whatever arrives: the generated response type on arbitrary
//! bytes and on arbitrary JSON shaped like (and unlike) a real answer, and the audit views
//! on arbitrary text and on JSON nested in JSON strings. What decodes also survives a round
//! trip through serialization unchanged.

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use tencentcloud_tcss::audit::{parse_audit_record, parse_highlight_values, parse_scope};
use tencentcloud_tcss::model::DescribeK8sApiAbnormalEventInfoResponse as Response;

/// Member names of the response, its event, the event's rule and the audit record, so
/// generated objects hit real fields as often as unknown ones.
const KEYS: &[&str] = &[
    "Info",
    "RequestId",
    "AlarmCount",
    "ClusterID",
    "ClusterMasterIP",
    "ClusterName",
    "ClusterRunningStatus",
    "Desc",
    "FirstCreateTime",
    "HighLightFields",
    "HighLightFieldsVal",
    "K8sVersion",
    "LastCreateTime",
    "MatchRule",
    "MatchRuleID",
    "MatchRuleName",
    "MatchRuleType",
    "RiskLevel",
    "RunningComponent",
    "Status",
    "Suggestion",
    "Action",
    "IsDelete",
    "Scope",
    "RuleID",
    "Verb",
    "AuditID",
    "PodNameIP",
    "SourceIPS",
    "UserAgent",
    "RequestURI",
    "RequestUser",
    "MountHostDir",
    "RequestObject",
    "ResponseObject",
    "ResponseStatusCode",
    "groups",
    "uid",
    "username",
    "Unknown",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => ".{0,8}",
    ]
}

/// Scalars of every JSON kind, including numbers spelled as text and numbers at the edges
/// of the integer types.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        prop_oneof![Just(u64::MAX), Just(0), Just(1 << 53)].prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
        any::<i64>().prop_map(|n| Value::from(n.to_string())),
        any::<u64>().prop_map(|n| Value::from(format!("{n}0"))),
        prop::num::f64::ANY.prop_map(|n| Value::from(n.to_string())),
        prop_oneof![Just("true"), Just("1"), Just("0"), Just(""), Just(" ")].prop_map(Value::from),
    ]
}

/// Any JSON value, up to a few levels deep.
fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A value wrapped in `layers` JSON strings, as the service nests JSON in JSON.
fn encoded(value: Value, layers: usize) -> Value {
    (0..layers).fold(value, |inner, _| Value::String(inner.to_string()))
}

/// The example response with the member at `path` replaced.
fn example_with(path: &[String], replacement: Value) -> Value {
    let mut example: Value = serde_json::from_str(include_str!(
        "../../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json"
    ))
    .unwrap();
    let mut slot = &mut example["Response"];
    for key in path {
        if !slot.is_object() {
            break;
        }
        slot = &mut slot[key.as_str()];
    }
    *slot = replacement;
    example["Response"].take()
}

/// Decodes `bytes`; what decodes must serialize and decode again to the same value.
fn decode_and_round_trip(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(first) = serde_json::from_slice::<Response>(bytes) {
        let text = serde_json::to_vec(&first).unwrap();
        let second: Response = serde_json::from_slice(&text).map_err(|error| {
            TestCaseError::fail(format!("{error}: {}", String::from_utf8_lossy(&text)))
        })?;
        prop_assert_eq!(first, second);
    }
    Ok(())
}

fn audit_views(text: &str) {
    for result in [parse_scope(text), parse_highlight_values(text)] {
        if let Err(error) = result {
            let _ = (error.to_string(), error.location().field_path());
        }
    }
    match parse_audit_record(text) {
        Ok(record) => {
            let _ = format!("{record:?}");
        }
        Err(error) => {
            let _ = (error.to_string(), error.location().field_path());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn the_response_decoder_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_and_round_trip(&bytes)?;
    }

    #[test]
    fn the_response_decoder_survives_arbitrary_json(response in value()) {
        decode_and_round_trip(response.to_string().as_bytes())?;
    }

    #[test]
    fn the_response_decoder_survives_a_changed_member(
        path in prop::collection::vec(key(), 1..4),
        replacement in value(),
    ) {
        let response = example_with(&path, replacement);
        decode_and_round_trip(response.to_string().as_bytes())?;
    }

    #[test]
    fn a_changed_member_of_the_example_still_decodes_leniently(
        path in prop::collection::vec(prop::sample::select(&KEYS[..2]).prop_map(str::to_owned), 1..3),
        replacement in prop_oneof![Just(Value::Null), Just(json!({})), Just(json!([]))],
    ) {
        // Missing, null and empty values never fail a response.
        let response = example_with(&path, replacement);
        prop_assert!(serde_json::from_value::<Response>(response).is_ok());
    }

    #[test]
    fn the_audit_views_survive_arbitrary_text(text in ".{0,300}") {
        audit_views(&text);
    }

    #[test]
    fn the_audit_views_survive_nested_json(record in value(), layers in 0usize..5) {
        let nested = encoded(record, layers);
        audit_views(&nested.to_string());
        if let Value::String(text) = nested {
            audit_views(&text);
        }
    }

    #[test]
    fn the_audit_record_survives_nested_members(
        members in prop::collection::vec((key(), value(), 0usize..4), 0..10),
        layers in 0usize..3,
    ) {
        let record: Map<String, Value> = members
            .into_iter()
            .map(|(key, value, depth)| (key, encoded(value, depth)))
            .collect();
        let text = encoded(Value::Object(record), layers);
        match text {
            Value::String(text) => audit_views(&text),
            other => audit_views(&other.to_string()),
        }
    }
}
