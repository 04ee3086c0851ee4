//! Checks the signer against vectors computed by the official Python SDK's signer
//! (see `vectors/make_signing_vectors.py`).

use serde::Deserialize;
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

#[derive(Deserialize)]
struct Document {
    signed_headers: String,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    method: String,
    path: String,
    query: String,
    content_type: String,
    host: String,
    payload: String,
    timestamp: i64,
    service: String,
    secret_id: String,
    secret_key: String,
    date: String,
    credential_scope: String,
    canonical_request_hash: String,
    string_to_sign: String,
    signature: String,
}

#[test]
fn every_vector_of_the_official_signer_matches() {
    let document: Document =
        serde_json::from_str(include_str!("vectors/signing_vectors.json")).unwrap();
    assert!(
        document.vectors.len() >= 50,
        "only {} vectors",
        document.vectors.len()
    );

    for (index, vector) in document.vectors.iter().enumerate() {
        let context = format!("vector {index} ({} {})", vector.service, vector.timestamp);

        let canonical = CanonicalRequest::new(
            &vector.method,
            &vector.path,
            &vector.query,
            &[
                ("Content-Type", &vector.content_type),
                ("Host", &vector.host),
            ],
            vector.payload.as_bytes(),
        );
        assert_eq!(
            canonical.signed_headers(),
            document.signed_headers,
            "{context}"
        );
        assert_eq!(
            canonical.hash_hex(),
            vector.canonical_request_hash,
            "{context}"
        );

        let scope = CredentialScope::new(vector.timestamp, &vector.service);
        assert_eq!(scope.date(), vector.date, "{context}");
        assert_eq!(scope.as_str(), vector.credential_scope, "{context}");

        let string_to_sign = StringToSign::new(vector.timestamp, &scope, &canonical);
        assert_eq!(string_to_sign.as_str(), vector.string_to_sign, "{context}");
        assert_eq!(
            sign::signature(&vector.secret_key, &scope, &string_to_sign),
            vector.signature
        );

        let authorization = sign::authorization(
            &vector.secret_id,
            &scope,
            canonical.signed_headers(),
            &vector.signature,
        );
        assert!(
            authorization.starts_with(&format!("TC3-HMAC-SHA256 Credential={}/", vector.secret_id))
        );
    }
}

#[test]
fn vectors_cover_the_cases_that_matter() {
    let document: Document =
        serde_json::from_str(include_str!("vectors/signing_vectors.json")).unwrap();
    let vectors = &document.vectors;

    let count =
        |predicate: &dyn Fn(&Vector) -> bool| vectors.iter().filter(|v| predicate(v)).count();
    assert!(count(&|v| v.payload.is_empty()) >= 3, "empty bodies");
    assert!(count(&|v| !v.payload.is_ascii()) >= 5, "non-ASCII bodies");
    assert!(count(&|v| v.secret_key.len() >= 100) >= 2, "long keys");
    assert!(count(&|v| v.method == "GET") >= 2, "query strings");
    assert!(
        count(&|v| v.timestamp.rem_euclid(86_400) == 86_399) >= 3,
        "just before midnight"
    );
    assert!(
        count(&|v| v.timestamp.rem_euclid(86_400) == 0) >= 3,
        "at midnight"
    );
}
