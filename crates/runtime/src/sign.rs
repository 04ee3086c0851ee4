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

use std::borrow::Cow;
use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The last element of every credential scope.
const SCOPE_TERMINATOR: &str = "tc3_request";

/// A SHA-256 digest in lower-case hex.
type HexDigest = [u8; 64];

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
        // Signing runs on every attempt, so names and values that are already in canonical
        // form (the usual case) are borrowed rather than copied.
        let mut normalized: Vec<(Cow<'_, str>, Cow<'_, str>)> = headers
            .iter()
            .map(|(name, value)| (lower_ascii(name.trim()), lower_unicode(value.trim())))
            .collect();
        normalized.sort();

        let headers_len: usize = normalized
            .iter()
            .map(|(name, value)| 2 * name.len() + value.len() + 3)
            .sum();
        let mut signed_headers = String::with_capacity(headers_len);
        for (index, (name, _)) in normalized.iter().enumerate() {
            if index > 0 {
                signed_headers.push(';');
            }
            signed_headers.push_str(name);
        }

        let mut text =
            String::with_capacity(method.len() + path.len() + query.len() + headers_len + 64 + 8);
        text.push_str(&upper_ascii(method));
        text.push('\n');
        text.push_str(path);
        text.push('\n');
        text.push_str(query);
        text.push('\n');
        for (name, value) in &normalized {
            text.push_str(name);
            text.push(':');
            text.push_str(value);
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&signed_headers);
        text.push('\n');
        text.push_str(hex_str(&sha256_hex(payload)));

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
        hex_str(&sha256_hex(self.text.as_bytes())).to_owned()
    }
}

/// The scope a signature is valid for: `<UTC date>/<service>/tc3_request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialScope {
    /// The whole scope; the date and the service are its first two elements.
    text: String,
    date_len: usize,
    service_len: usize,
}

impl CredentialScope {
    /// Builds the scope for a request sent at `timestamp` (seconds since the Unix epoch) to
    /// `service` (the signing service name, such as `cvm`).
    pub fn new(timestamp: i64, service: &str) -> Self {
        let mut text = String::with_capacity(10 + service.len() + SCOPE_TERMINATOR.len() + 2);
        push_utc_date(&mut text, timestamp);
        let date_len = text.len();
        text.push('/');
        text.push_str(service);
        text.push('/');
        text.push_str(SCOPE_TERMINATOR);
        CredentialScope {
            text,
            date_len,
            service_len: service.len(),
        }
    }

    /// The UTC date of the timestamp, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.text[..self.date_len]
    }

    /// The signing service name.
    pub fn service(&self) -> &str {
        let start = self.date_len + 1;
        &self.text[start..start + self.service_len]
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
        let mut text = String::with_capacity(ALGORITHM.len() + 20 + scope.text.len() + 64 + 3);
        text.push_str(ALGORITHM);
        text.push('\n');
        let _ = write!(text, "{timestamp}");
        text.push('\n');
        text.push_str(scope.as_str());
        text.push('\n');
        text.push_str(hex_str(&sha256_hex(canonical.text.as_bytes())));
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
    let mut key = Vec::with_capacity(3 + secret_key.len());
    key.extend_from_slice(b"TC3");
    key.extend_from_slice(secret_key.as_bytes());

    let date_key = hmac_sha256(&key, scope.date().as_bytes());
    let service_key = hmac_sha256(&date_key, scope.service().as_bytes());
    let signing_key = hmac_sha256(&service_key, SCOPE_TERMINATOR.as_bytes());
    let signature = hmac_sha256(&signing_key, string_to_sign.as_str().as_bytes());
    let mut hex = [0u8; 64];
    hex::encode_to_slice(signature, &mut hex).expect("32 bytes make 64 hex digits");
    hex_str(&hex).to_owned()
}

/// Assembles the `Authorization` header value.
pub fn authorization(
    secret_id: &str,
    scope: &CredentialScope,
    signed_headers: &str,
    signature: &str,
) -> String {
    let parts = [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        scope.as_str(),
        ", SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ];
    let mut value = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        value.push_str(part);
    }
    value
}

fn sha256_hex(data: &[u8]) -> HexDigest {
    let mut hex = [0u8; 64];
    hex::encode_to_slice(Sha256::digest(data), &mut hex).expect("32 bytes make 64 hex digits");
    hex
}

fn hex_str(hex: &HexDigest) -> &str {
    std::str::from_utf8(hex).expect("hex digits are ASCII")
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `text` in ASCII lower case, borrowed when it already is.
fn lower_ascii(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` in ASCII upper case, borrowed when it already is.
fn upper_ascii(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte.is_ascii_lowercase()) {
        Cow::Owned(text.to_ascii_uppercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` in Unicode lower case, borrowed when it is ASCII without capitals.
fn lower_unicode(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Formats the UTC calendar date of a Unix timestamp as `YYYY-MM-DD`.
#[cfg(test)]
fn utc_date(timestamp: i64) -> String {
    let mut date = String::new();
    push_utc_date(&mut date, timestamp);
    date
}

/// Appends the UTC calendar date of a Unix timestamp as `YYYY-MM-DD`.
fn push_utc_date(out: &mut String, timestamp: i64) {
    let days = timestamp.div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        let _ = write!(out, "{year:04}-{month:02}-{day:02}");
        return;
    }

    let digits = [
        year / 1000,
        year / 100 % 10,
        year / 10 % 10,
        year % 10,
        -1,
        i64::from(month / 10),
        i64::from(month % 10),
        -1,
        i64::from(day / 10),
        i64::from(day % 10),
    ];
    for digit in digits {
        out.push(match digit {
            -1 => '-',
            digit => char::from(b'0' + digit as u8),
        });
    }
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
    fn case_folding_borrows_only_what_is_already_canonical() {
        let lower: &[(&str, &str, bool)] = &[
            ("application/json", "application/json", true),
            ("Application/JSON", "application/json", false),
            (
                "tcss.intl.tencentcloudapi.com",
                "tcss.intl.tencentcloudapi.com",
                true,
            ),
            ("Caf\u{c9}", "caf\u{e9}", false),
            ("\u{1c5}x", "\u{1c6}x", false),
            ("", "", true),
        ];
        for &(input, expected, borrowed) in lower {
            let folded = lower_unicode(input);
            assert_eq!(folded, expected, "{input:?}");
            assert_eq!(matches!(folded, Cow::Borrowed(_)), borrowed, "{input:?}");
        }

        assert_eq!(lower_ascii("Content-Type"), "content-type");
        assert!(matches!(lower_ascii("host"), Cow::Borrowed("host")));
        assert_eq!(upper_ascii("post"), "POST");
        assert!(matches!(upper_ascii("POST"), Cow::Borrowed("POST")));
    }

    #[test]
    fn scope_exposes_date_and_service() {
        let scope = CredentialScope::new(TIMESTAMP, "tcss");
        assert_eq!(scope.date(), "2019-02-25");
        assert_eq!(scope.service(), "tcss");
        assert_eq!(scope.as_str(), "2019-02-25/tcss/tc3_request");

        let far = CredentialScope::new(253_402_300_800, "cvm");
        assert_eq!((far.date(), far.service()), ("10000-01-01", "cvm"));
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
            (253_402_300_799, "9999-12-31"),
            (253_402_300_800, "10000-01-01"),
        ];
        for (timestamp, expected) in cases {
            assert_eq!(utc_date(*timestamp), *expected, "timestamp {timestamp}");
        }
    }
}
