//! Decoding the seed response: into the generated types as `RawResponse::decode` does,
//! against parsing the same bytes into `serde_json::Value`; and the audit record in the
//! event's `Info`, against parsing that text into `serde_json::Value`.

use serde::Deserialize;
use tencentcloud_tcss::audit::{AuditRecord, parse_audit_record};
use tencentcloud_tcss::model::DescribeK8sApiAbnormalEventInfoResponse;

/// The whole seed envelope, from the spec's example.
pub const SEED: &[u8] =
    include_bytes!("../../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json");

/// The envelope around the action's output, as the runtime reads it.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "Response")]
    response: T,
}

/// Our decoding of a whole response body.
pub fn typed(body: &[u8]) -> DescribeK8sApiAbnormalEventInfoResponse {
    serde_json::from_slice::<Envelope<DescribeK8sApiAbnormalEventInfoResponse>>(body)
        .expect("the seed decodes into the generated types")
        .response
}

/// The untyped reference on the same bytes.
pub fn value(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("the seed is JSON")
}

/// The seed event's `Info` text, the audit record.
pub fn seed_audit_text() -> String {
    typed(SEED).info.info
}

/// Our decoding of the audit record, nested JSON texts included.
pub fn audit_typed(info: &str) -> AuditRecord {
    parse_audit_record(info).expect("the seed's audit record parses")
}

/// The untyped reference on the audit record text (the outer level only).
pub fn audit_value(info: &str) -> serde_json::Value {
    serde_json::from_str(info).expect("the seed's audit record is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_decodes_both_ways() {
        let typed = typed(SEED);
        assert_eq!(typed.request_id, "8d8d41ab-6dfd-4f66-ad09-4a882485e733");
        assert_eq!(value(SEED)["Response"]["Info"]["AlarmCount"], 1);

        let record = audit_typed(&seed_audit_text());
        assert_eq!(record.source_ips, ["10.0.0.4"]);
        assert_eq!(audit_value(&seed_audit_text())["Verb"], "list");
    }
}
