//! The signer against an independent, deliberately plain TC3-HMAC-SHA256 written here with
//! `hmac` and `sha2` directly. The plain version is first shown to reproduce every vector of
//! the official Python SDK's signer (`vectors/signing_vectors.json`); then both must agree on
//! random inputs of the same kinds the vectors hold: methods, paths, queries, content
//! types, hosts, services, Unicode payloads, keys of any length and timestamps up to 2100.

use hmac::{Hmac, Mac};
use proptest::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

/// What a signature depends on.
#[derive(Debug, Clone, Deserialize)]
struct Input {
    method: String,
    path: String,
    query: String,
    content_type: String,
    host: String,
    payload: String,
    timestamp: i64,
    service: String,
    secret_key: String,
}

/// A committed vector: its inputs and what the official signer produced.
#[derive(Deserialize)]
struct Vector {
    #[serde(flatten)]
    input: Input,
    date: String,
    canonical_request_hash: String,
    string_to_sign: String,
    signature: String,
}

#[derive(Deserialize)]
struct Document {
    vectors: Vec<Vector>,
}

/// Every intermediate value of the plain signer.
#[derive(Debug, PartialEq, Eq)]
struct Signed {
    date: String,
    canonical_request_hash: String,
    string_to_sign: String,
    signature: String,
}

/// TC3-HMAC-SHA256 as the API documentation lays it out, step by step, for inputs whose
/// header values are already lower-case and trimmed.
fn plain_sign(input: &Input) -> Signed {
    let payload_hash = lower_hex(&Sha256::digest(input.payload.as_bytes()));
    let canonical_request = [
        input.method.as_str(),
        input.path.as_str(),
        input.query.as_str(),
        &format!("content-type:{}\nhost:{}\n", input.content_type, input.host),
        "content-type;host",
        &payload_hash,
    ]
    .join("\n");
    let canonical_request_hash = lower_hex(&Sha256::digest(canonical_request.as_bytes()));

    let date = civil_date(input.timestamp);
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{}\n{date}/{}/tc3_request\n{canonical_request_hash}",
        input.timestamp, input.service
    );

    let secret_date = hmac(
        format!("TC3{}", input.secret_key).as_bytes(),
        date.as_bytes(),
    );
    let secret_service = hmac(&secret_date, input.service.as_bytes());
    let secret_signing = hmac(&secret_service, b"tc3_request");
    let signature = lower_hex(&hmac(&secret_signing, string_to_sign.as_bytes()));

    Signed {
        date,
        canonical_request_hash,
        string_to_sign,
        signature,
    }
}

/// The crate's signer, through its public steps.
fn crate_sign(input: &Input) -> Signed {
    let canonical = CanonicalRequest::new(
        &input.method,
        &input.path,
        &input.query,
        &[("Content-Type", &input.content_type), ("Host", &input.host)],
        input.payload.as_bytes(),
    );
    let scope = CredentialScope::new(input.timestamp, &input.service);
    let string_to_sign = StringToSign::new(input.timestamp, &scope, &canonical);
    Signed {
        date: scope.date().to_owned(),
        canonical_request_hash: canonical.hash_hex(),
        signature: sign::signature(&input.secret_key, &scope, &string_to_sign),
        string_to_sign: string_to_sign.as_str().to_owned(),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `YYYY-MM-DD` of a non-negative Unix timestamp, by counting whole years and months.
fn civil_date(timestamp: i64) -> String {
    let is_leap = |year: i64| (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let mut days = timestamp / 86_400;

    let mut year = 1970;
    loop {
        let length = if is_leap(year) { 366 } else { 365 };
        if days < length {
            break;
        }
        days -= length;
        year += 1;
    }

    let february = if is_leap(year) { 29 } else { 28 };
    let months = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 1;
    for length in months {
        if days < length {
            break;
        }
        days -= length;
        month += 1;
    }

    format!("{year:04}-{month:02}-{:02}", days + 1)
}

fn vectors() -> Vec<Vector> {
    let document: Document =
        serde_json::from_str(include_str!("vectors/signing_vectors.json")).unwrap();
    document.vectors
}

#[test]
fn the_plain_signer_reproduces_every_official_vector() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 62, "the committed vectors changed; recount");

    for (index, vector) in vectors.iter().enumerate() {
        let expected = Signed {
            date: vector.date.clone(),
            canonical_request_hash: vector.canonical_request_hash.clone(),
            string_to_sign: vector.string_to_sign.clone(),
            signature: vector.signature.clone(),
        };
        assert_eq!(plain_sign(&vector.input), expected, "vector {index}");
    }
}

#[test]
fn the_plain_calendar_handles_the_edges() {
    let cases = [
        (0, "1970-01-01"),
        (86_399, "1970-01-01"),
        (86_400, "1970-01-02"),
        (951_782_400, "2000-02-29"),
        (951_868_800, "2000-03-01"),
        (1_709_164_800, "2024-02-29"),
        (2_147_483_647, "2038-01-19"),
        (4_107_542_399, "2100-02-28"),
        (4_107_542_400, "2100-03-01"),
    ];
    for (timestamp, date) in cases {
        assert_eq!(civil_date(timestamp), date, "{timestamp}");
    }
}

/// Inputs of the kinds the official vectors hold, with values drawn at random.
fn inputs() -> impl Strategy<Value = Input> {
    let host = (
        "[a-z][a-z0-9-]{0,12}",
        prop::collection::vec("[a-z0-9][a-z0-9-]{0,10}", 0..4),
        prop::option::of(1u16..),
    )
        .prop_map(|(first, rest, port)| {
            let mut host = std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(".");
            if let Some(port) = port {
                host.push_str(&format!(":{port}"));
            }
            host
        });
    let get_or_post = prop_oneof![
        ("[A-Za-z]{1,20}", 0u32..1000, "[A-Za-z0-9%]{0,30}").prop_map(|(action, limit, name)| {
            (
                "GET".to_owned(),
                format!("Action={action}&Limit={limit}&Name={name}"),
                String::new(),
            )
        }),
        any::<String>().prop_map(|payload| ("POST".to_owned(), String::new(), payload)),
    ];

    (
        get_or_post,
        prop_oneof![Just("/"), Just("/api/v3/")],
        prop_oneof![
            Just("application/json"),
            Just("application/x-www-form-urlencoded"),
            Just("application/json; charset=utf-8"),
        ],
        host,
        0i64..=4_107_542_399,
        "[a-z][a-z0-9]{0,15}",
        "[A-Za-z0-9]{1,500}",
    )
        .prop_map(
            |((method, query, payload), path, content_type, host, timestamp, service, key)| Input {
                method,
                path: path.to_owned(),
                query,
                content_type: content_type.to_owned(),
                host,
                payload,
                timestamp,
                service,
                secret_key: key,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_signer_agrees_with_the_plain_signer(input in inputs()) {
        prop_assert_eq!(crate_sign(&input), plain_sign(&input));
    }

    #[test]
    fn header_case_and_padding_do_not_change_the_signature(
        input in inputs(),
        pad in "[ \t]{0,3}",
    ) {
        let mut shouted = input.clone();
        shouted.content_type = format!("{pad}{}{pad}", input.content_type.to_uppercase());
        shouted.host = format!("{pad}{}{pad}", input.host.to_uppercase());
        prop_assert_eq!(crate_sign(&shouted), crate_sign(&input));
    }
}
