//! TC3-HMAC-SHA256 request signing, as a pure function of its inputs.
//!
//! Signing happens in four steps, each with its own type so a test (or a server that
//! verifies requests) can check every intermediate value:
//!
//! 1. [`CanonicalRequest`]: method, path, query, the signed headers and the payload hash,
//!    one per line.
//! 2. [`CredentialScope`]: the UTC date of the timestamp, the service and `tc3_request`.
//! 3. [`StringToSign`]: the algorithm, the timestamp, the scope and the hash of step 1.
//! 4. [`signature`]: an HMAC chain over date, service and `tc3_request` keyed by the
//!    secret key, then an HMAC of the string to sign; [`authorization`] assembles the
//!    `Authorization` header value.
//!
//! Nothing here reads a clock, the network or the environment.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The last element of every credential scope.
const SCOPE_TERMINATOR: &str = "tc3_request";

/// The canonical form of a request that the signature covers.
///
/// Header names and values are lower-cased and trimmed, then sorted by name; the payload is
/// represented by its SHA-256 hash in lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    signed_headers: String,
}

impl CanonicalRequest {
    /// Builds the canonical request.
    ///
    /// `headers` are all the headers to sign, in any order and case and possibly with
    /// surrounding whitespace; `query` is the already encoded query string (empty for POST).
    pub fn new(
        method: &str,
        path: &str,
        query: &str,
        headers: &[(&str, &str)],
        payload: &[u8],
    ) -> Self {
        let mut normalized: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| {
                (
                    name.trim().to_ascii_lowercase(),
                    value.trim().to_lowercase(),
                )
            })
            .collect();
        normalized.sort();

        let canonical_headers: String = normalized
            .iter()
            .map(|(name, value)| format!("{name}:{value}\n"))
            .collect();
        let signed_headers = normalized
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(";");

        let text = format!(
            "{method}\n{path}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
            method = method.to_ascii_uppercase(),
            payload_hash = sha256_hex(payload),
        );
        CanonicalRequest {
            text,
            signed_headers,
        }
    }

    /// The names of the signed headers, lower-cased, sorted and joined by `;`
    /// (`content-type;host`).
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// The canonical request text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The SHA-256 of the canonical request in lower-case hex, as it enters the string to sign.
    pub fn hash_hex(&self) -> String {
        sha256_hex(self.text.as_bytes())
    }
}

/// The scope a signature is valid for: `<UTC date>/<service>/tc3_request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialScope {
    date: String,
    service: String,
    text: String,
}

impl CredentialScope {
    /// Builds the scope for a request sent at `timestamp` (seconds since the Unix epoch) to
    /// `service` (the signing service name, such as `cvm`).
    pub fn new(timestamp: i64, service: &str) -> Self {
        let date = utc_date(timestamp);
        let text = format!("{date}/{service}/{SCOPE_TERMINATOR}");
        CredentialScope {
            date,
            service: service.to_owned(),
            text,
        }
    }

    /// The UTC date of the timestamp, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The signing service name.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The scope text, such as `2019-02-25/cvm/tc3_request`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The text that is finally signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    text: String,
}

impl StringToSign {
    /// Combines the algorithm, the request timestamp, the scope and the canonical request hash.
    pub fn new(timestamp: i64, scope: &CredentialScope, canonical: &CanonicalRequest) -> Self {
        let text = format!(
            "{ALGORITHM}\n{timestamp}\n{}\n{}",
            scope.as_str(),
            canonical.hash_hex()
        );
        StringToSign { text }
    }

    /// The string to sign.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Computes the request signature in lower-case hex.
///
/// The signing key is derived from `secret_key` through the scope's date and service, so a
/// leaked signature is only good for one service on one day.
pub fn signature(
    secret_key: &str,
    scope: &CredentialScope,
    string_to_sign: &StringToSign,
) -> String {
    let date_key = hmac_sha256(format!("TC3{secret_key}").as_bytes(), scope.date.as_bytes());
    let service_key = hmac_sha256(&date_key, scope.service.as_bytes());
    let signing_key = hmac_sha256(&service_key, SCOPE_TERMINATOR.as_bytes());
    hex::encode(hmac_sha256(
        &signing_key,
        string_to_sign.as_str().as_bytes(),
    ))
}

/// Assembles the `Authorization` header value.
pub fn authorization(
    secret_id: &str,
    scope: &CredentialScope,
    signed_headers: &str,
    signature: &str,
) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, \
         Signature={signature}",
        scope = scope.as_str(),
    )
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Formats the UTC calendar date of a Unix timestamp as `YYYY-MM-DD`.
fn utc_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
///
/// Works in 400-year eras, which repeat exactly, and counts years from March so the leap day
/// falls at the end of a year.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    const TIMESTAMP: i64 = 1_551_113_065;

    struct Published {
        secret_key: &'static str,
        headers: &'static [(&'static str, &'static str)],
        canonical_hash: &'static str,
        signature: &'static str,
    }

    /// The two worked examples of the API 3.0 signing documentation.
    const PUBLISHED: &[Published] = &[
        Published {
            secret_key: "********************************",
            headers: &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Host", "cvm.tencentcloudapi.com"),
                ("X-TC-Action", "DescribeInstances"),
            ],
            canonical_hash: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
            signature: "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
        },
        Published {
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            headers: &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Host", "cvm.tencentcloudapi.com"),
            ],
            canonical_hash: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
            signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        },
    ];

    #[test]
    fn published_examples_match_byte_for_byte() {
        for case in PUBLISHED {
            let canonical = CanonicalRequest::new("POST", "/", "", case.headers, BODY.as_bytes());
            assert_eq!(
                canonical.hash_hex(),
                case.canonical_hash,
                "{}",
                canonical.as_str()
            );

            let scope = CredentialScope::new(TIMESTAMP, "cvm");
            assert_eq!(scope.as_str(), "2019-02-25/cvm/tc3_request");

            let string_to_sign = StringToSign::new(TIMESTAMP, &scope, &canonical);
            assert_eq!(
                signature(case.secret_key, &scope, &string_to_sign),
                case.signature
            );
        }
    }

    #[test]
    fn canonical_request_normalizes_headers() {
        let canonical = CanonicalRequest::new(
            "post",
            "/",
            "",
            &[
                ("  Host ", " Example.COM "),
                ("content-TYPE", "Application/JSON"),
            ],
            b"",
        );

        assert_eq!(canonical.signed_headers(), "content-type;host");
        assert_eq!(
            canonical.as_str(),
            "POST\n/\n\ncontent-type:application/json\nhost:example.com\n\ncontent-type;host\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn authorization_names_id_scope_headers_and_signature() {
        let scope = CredentialScope::new(TIMESTAMP, "cvm");
        assert_eq!(
            authorization("AKIDEXAMPLE", &scope, "content-type;host", "abc123"),
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, Signature=abc123"
        );
    }

    #[test]
    fn utc_dates_table() {
        let cases: &[(i64, &str)] = &[
            (0, "1970-01-01"),
            (-1, "1969-12-31"),
            (86_399, "1970-01-01"),
            (86_400, "1970-01-02"),
            (951_782_400, "2000-02-29"),
            (951_868_799, "2000-02-29"),
            (951_868_800, "2000-03-01"),
            (1_551_113_065, "2019-02-25"),
            (1_709_164_800, "2024-02-29"),
            (1_735_689_599, "2024-12-31"),
            (1_735_689_600, "2025-01-01"),
            (4_107_542_400, "2100-03-01"),
        ];
        for (timestamp, expected) in cases {
            assert_eq!(utc_date(*timestamp), *expected, "timestamp {timestamp}");
        }
    }
}
