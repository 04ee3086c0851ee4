//! Decoding of the generated tcss types: the seed's example, lenient handling of what the
//! service really sends, and exact 64-bit integers both ways.

use serde::de::DeserializeOwned;
use tencentcloud_tcss_model::{
    DescribeK8sApiAbnormalEventInfoRequest, DescribeK8sApiAbnormalEventInfoResponse,
    K8sApiAbnormalEventInfo, K8sApiAbnormalRuleScopeInfo, MissingMember,
};

const EXAMPLE: &str =
    include_str!("../../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json");

/// Decodes the value of `Response`, as the runtime does.
fn decode_response<T: DeserializeOwned>(body: &str) -> Result<T, serde_json::Error> {
    let mut envelope: serde_json::Value = serde_json::from_str(body)?;
    serde_json::from_value(envelope["Response"].take())
}

fn decode_event(info: serde_json::Value) -> K8sApiAbnormalEventInfo {
    let body = serde_json::json!({"Response": {"Info": info, "RequestId": "r-1"}}).to_string();
    decode_response::<DescribeK8sApiAbnormalEventInfoResponse>(&body)
        .unwrap()
        .info
}

#[test]
fn the_seed_example_decodes_with_every_value() {
    let response: DescribeK8sApiAbnormalEventInfoResponse = decode_response(EXAMPLE).unwrap();
    let info = &response.info;

    assert_eq!(response.request_id, "8d8d41ab-6dfd-4f66-ad09-4a882485e733");
    assert_eq!(info.alarm_count, 1);
    assert_eq!(info.cluster_id, "cls-abhq0j4o-666");
    assert_eq!(info.cluster_master_ip, "10.0.1.92");
    assert_eq!(info.cluster_name, "clsfoo***");
    assert_eq!(info.cluster_running_status, "CSR_RUN****");
    assert!(
        info.desc
            .starts_with("Anonymous user access requests to your K8s API Server")
    );
    assert!(
        info.desc
            .ends_with("such as entering containers to run commands.")
    );
    assert_eq!(info.first_create_time, "2024-10-22T11:00:45Z");
    assert_eq!(info.high_light_fields, ["RequestUser"]);
    assert!(
        info.info
            .starts_with(r#"{"Verb": "list", "AuditID": "4e477a26-"#)
    );
    assert!(info.info.contains(r#""SourceIPS": "[\"10.0.0.4\"]""#));
    assert!(info.info.ends_with(r#""ResponseStatusCode": "200"}"#));
    assert_eq!(info.k8s_version, "1.0.1");
    assert_eq!(info.last_create_time, "2024-10-22T11:00:45Z");
    assert_eq!(info.match_rule_id, "SYSTEM");
    assert_eq!(info.match_rule_name, "System rule");
    assert_eq!(info.match_rule_type, "ANONYMOUS_ACCESS");
    assert_eq!(info.risk_level, "HIGH");
    assert!(info.running_component.is_empty());
    assert_eq!(info.status, "EVENT_UNDEAL");
    assert!(
        info.suggestion
            .starts_with("Enabling anonymous users poses relatively high")
    );
    assert!(
        info.suggestion
            .contains("\n1. Modify the API Server configuration file")
    );
    assert!(
        info.suggestion
            .ends_with("Back up the configuration file before making changes.")
    );
    assert_eq!(info.high_light_fields_val, None);
    assert_eq!(info.rule_type_zh, None);

    let rule = &info.match_rule;
    assert_eq!(rule.action.as_deref(), Some("RULE_MODE_ALERT"));
    assert_eq!(rule.is_delete, Some(false));
    assert_eq!(rule.risk_level.as_deref(), Some("HIGH"));
    assert_eq!(
        rule.scope.as_deref(),
        Some(r#"{"RequestUser": "system:anonymous", "RequestUserGroups": "system:anonymous"}"#)
    );
    assert_eq!(rule.status, Some(false));
    assert_eq!(rule.rule_type_zh, None);
}

#[test]
fn missing_null_and_unknown_members_never_fail() {
    let body = r#"{"Response": {
        "Info": {
            "AlarmCount": null,
            "ClusterID": null,
            "HighLightFields": null,
            "MatchRule": null,
            "HighLightFieldsVal": null,
            "RuleTypeZH": "命令执行",
            "SomethingNew": {"nested": [1, 2, 3]},
            "AnotherNewNumber": 12
        },
        "RequestId": "r-2",
        "NewTopLevel": true
    }}"#;

    let response: DescribeK8sApiAbnormalEventInfoResponse = decode_response(body).unwrap();
    let info = response.info;

    assert_eq!(response.request_id, "r-2");
    assert_eq!(info.alarm_count, 0);
    assert_eq!(info.cluster_id, "");
    assert!(info.high_light_fields.is_empty());
    assert_eq!(info.match_rule, K8sApiAbnormalRuleScopeInfo::default());
    assert_eq!(info.high_light_fields_val, None);
    assert_eq!(info.rule_type_zh.as_deref(), Some("命令执行"));
    assert_eq!(info.desc, "");

    let empty: DescribeK8sApiAbnormalEventInfoResponse =
        decode_response(r#"{"Response": {}}"#).unwrap();
    assert_eq!(empty, DescribeK8sApiAbnormalEventInfoResponse::default());
}

#[test]
fn numbers_as_text_and_text_as_numbers_convert() {
    let info = decode_event(serde_json::json!({
        "AlarmCount": "10",
        "ClusterID": 12345,
        "K8sVersion": 1.5,
        "Status": true,
        "RunningComponent": ["etcd", 7, null],
        "MatchRule": {"IsDelete": "true", "Status": 0, "Scope": {"RequestUser": "x"}},
    }));

    assert_eq!(info.alarm_count, 10);
    assert_eq!(info.cluster_id, "12345");
    assert_eq!(info.k8s_version, "1.5");
    assert_eq!(info.status, "true");
    assert_eq!(info.running_component, ["etcd", "7"]);
    assert_eq!(info.match_rule.is_delete, Some(true));
    assert_eq!(info.match_rule.status, Some(false));
    assert_eq!(
        info.match_rule.scope.as_deref(),
        Some(r#"{"RequestUser":"x"}"#)
    );
}

#[test]
fn empty_text_is_no_number_and_garbage_still_fails() {
    assert_eq!(
        decode_event(serde_json::json!({"AlarmCount": ""})).alarm_count,
        0
    );
    assert_eq!(
        decode_event(serde_json::json!({"AlarmCount": " 7 "})).alarm_count,
        7
    );
    assert_eq!(
        decode_event(serde_json::json!({"AlarmCount": 3.0})).alarm_count,
        3
    );

    let cases = [
        (
            serde_json::json!({"AlarmCount": "many"}),
            "unsigned integer",
        ),
        (serde_json::json!({"AlarmCount": -1}), "unsigned integer"),
        (serde_json::json!({"AlarmCount": 1.5}), "unsigned integer"),
        (
            serde_json::json!({"MatchRule": {"Status": "maybe"}}),
            "a boolean",
        ),
        (
            serde_json::json!({"MatchRule": "not an object"}),
            "K8sApiAbnormalRuleScopeInfo",
        ),
    ];
    for (info, expected) in cases {
        let body = serde_json::json!({"Response": {"Info": info}}).to_string();
        let error = decode_response::<DescribeK8sApiAbnormalEventInfoResponse>(&body)
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{info}: {error}");
    }
}

#[test]
fn uint64_members_keep_u64_max_exactly_both_ways() {
    let mut request = DescribeK8sApiAbnormalEventInfoRequest::default();
    request.id = Some(u64::MAX);
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"ID":18446744073709551615}"#
    );

    for alarm_count in [
        serde_json::json!(u64::MAX),
        serde_json::json!("18446744073709551615"),
    ] {
        let info = decode_event(serde_json::json!({"AlarmCount": alarm_count}));
        assert_eq!(info.alarm_count, u64::MAX);

        let text = serde_json::to_string(&info).unwrap();
        assert!(
            text.contains(r#""AlarmCount":18446744073709551615"#),
            "{text}"
        );
        let again: K8sApiAbnormalEventInfo = serde_json::from_str(&text).unwrap();
        assert_eq!(again.alarm_count, u64::MAX);
    }

    let too_big = serde_json::json!({"Response": {"Info": {"AlarmCount": "18446744073709551616"}}});
    assert!(
        decode_response::<DescribeK8sApiAbnormalEventInfoResponse>(&too_big.to_string()).is_err()
    );
}

#[test]
fn requests_serialize_only_what_is_set() {
    let request = DescribeK8sApiAbnormalEventInfoRequest::default();
    assert_eq!(serde_json::to_string(&request).unwrap(), "{}");

    let mut scope = K8sApiAbnormalRuleScopeInfo::default();
    scope.action = Some("RULE_MODE_ALERT".to_owned());
    scope.is_delete = Some(false);
    assert_eq!(
        serde_json::to_string(&scope).unwrap(),
        r#"{"Action":"RULE_MODE_ALERT","IsDelete":false}"#
    );
}

#[test]
fn validate_names_the_missing_member() {
    let mut request = DescribeK8sApiAbnormalEventInfoRequest::default();
    let missing = request.validate().unwrap_err();
    assert_eq!(missing, MissingMember::new("ID"));
    assert_eq!(missing.to_string(), "the required member `ID` is not set");

    request.id = Some(10);
    assert_eq!(request.validate(), Ok(()));

    let mut scope = K8sApiAbnormalRuleScopeInfo::default();
    assert_eq!(scope.validate().unwrap_err().path, "Action");
    scope.action = Some("RULE_MODE_ALERT".to_owned());
    assert_eq!(scope.validate().unwrap_err().path, "Scope");
    scope.scope = Some("{}".to_owned());
    assert_eq!(scope.validate(), Ok(()));
}

#[test]
fn missing_member_paths_nest() {
    let nested = MissingMember::new("Name")
        .within_list("Filters", 2)
        .within("Spec");
    assert_eq!(nested.path, "Spec.Filters[2].Name");
}
