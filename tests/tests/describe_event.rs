//! The seed's example response, served by the emulator, decoded by the generated client.

mod common;

use tencentcloud_tcss::audit::parse_audit_record;

#[tokio::test]
async fn seed_response_decodes_with_every_value_checked() {
    let emulator = common::emulator().await;
    let client = common::client_for(&emulator);

    let response = client
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .expect("the emulator answers with the example response");

    let info = &response.info;
    assert_eq!(info.alarm_count, 1);
    assert_eq!(info.cluster_id, "cls-abhq0j4o-666");
    assert_eq!(info.cluster_master_ip, "10.0.1.92");
    assert_eq!(info.cluster_name, "clsfoo***");
    assert_eq!(info.cluster_running_status, "CSR_RUN****");
    assert!(info.desc.starts_with("Anonymous user access requests"));
    assert!(
        info.desc
            .ends_with("such as entering containers to run commands.")
    );
    assert_eq!(info.first_create_time, "2024-10-22T11:00:45Z");
    assert_eq!(info.last_create_time, "2024-10-22T11:00:45Z");
    assert_eq!(info.high_light_fields, vec!["RequestUser".to_owned()]);
    assert_eq!(info.k8s_version, "1.0.1");
    assert_eq!(info.match_rule_id, "SYSTEM");
    assert_eq!(info.match_rule_name, "System rule");
    assert_eq!(info.match_rule_type, "ANONYMOUS_ACCESS");
    assert_eq!(info.risk_level, "HIGH");
    assert!(info.running_component.is_empty());
    assert_eq!(info.status, "EVENT_UNDEAL");
    assert!(
        info.suggestion
            .starts_with("Enabling anonymous users poses")
    );
    assert!(
        info.suggestion
            .contains("\n1. Modify the API Server configuration file")
    );
    assert_eq!(info.high_light_fields_val, None);
    assert_eq!(info.rule_type_zh, None);

    let rule = &info.match_rule;
    assert_eq!(rule.action.as_deref(), Some("RULE_MODE_ALERT"));
    assert_eq!(rule.is_delete, Some(false));
    assert_eq!(rule.risk_level.as_deref(), Some("HIGH"));
    assert_eq!(rule.status, Some(false));
    assert_eq!(rule.rule_type_zh, None);
    assert_eq!(
        rule.scope.as_deref(),
        Some(r#"{"RequestUser": "system:anonymous", "RequestUserGroups": "system:anonymous"}"#)
    );

    let record = parse_audit_record(&info.info).expect("the audit record decodes");
    assert_eq!(record.verb.as_deref(), Some("list"));
    assert_eq!(record.source_ips, vec!["10.0.0.4".to_owned()]);
    let user = record.request_user.expect("the record names its user");
    assert_eq!(user.username.as_deref(), Some("system:anonymous"));
    assert_eq!(user.groups, vec!["system:unauthenticated".to_owned()]);
    assert_eq!(record.response_status_code, Some(200));

    // The emulator gives every answer a fresh request ID; the client must carry it through.
    let answered = emulator
        .last_request()
        .expect("the emulator logged the call");
    assert_eq!(
        answered.answer.request_id.as_deref(),
        Some(response.request_id.as_str())
    );
    assert_ne!(response.request_id, "8d8d41ab-6dfd-4f66-ad09-4a882485e733");
}

#[tokio::test]
async fn decoded_seed_response_matches_its_snapshot() {
    let emulator = common::emulator().await;
    let client = common::client_for(&emulator);

    let response = client
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .expect("the emulator answers with the example response");

    insta::assert_json_snapshot!("decoded_seed_response", response, {
        ".RequestId" => "[request id]",
    });
}

#[tokio::test]
async fn the_id_reaches_the_emulator_exactly_even_at_u64_max() {
    let emulator = common::emulator().await;
    let client = common::client_for(&emulator);

    client
        .describe_k8s_api_abnormal_event_info()
        .id(u64::MAX)
        .send()
        .await
        .expect("any u64 is a valid ID");

    let logged = emulator
        .last_request()
        .expect("the emulator logged the call");
    let raw = String::from_utf8(logged.raw_body.to_vec()).expect("the body is UTF-8");
    assert_eq!(raw, r#"{"ID":18446744073709551615}"#);
}

#[tokio::test]
async fn registered_responses_are_answered_per_id() {
    let emulator = common::emulator().await;
    emulator.register_response_for(
        "DescribeK8sApiAbnormalEventInfo",
        "ID",
        serde_json::json!(7),
        serde_json::json!({"Info": {"ClusterID": "cls-seven", "AlarmCount": "42"}}),
    );
    let client = common::client_for(&emulator);

    let seven = client
        .describe_k8s_api_abnormal_event_info()
        .id(7)
        .send()
        .await
        .unwrap();
    let ten = client
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .unwrap();

    assert_eq!(seven.info.cluster_id, "cls-seven");
    assert_eq!(
        seven.info.alarm_count, 42,
        "a count given as text still decodes"
    );
    assert_eq!(
        seven.info.match_rule_name, "",
        "missing members decode to their default"
    );
    assert_eq!(ten.info.cluster_id, "cls-abhq0j4o-666");
}
