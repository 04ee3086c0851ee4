//! Verifying a request's TC3-HMAC-SHA256 signature as the service does.
//!
//! The emulator recomputes the signature with the runtime's pure `sign` module from what
//! actually arrived: the method, path and query, the values of the headers the client
//! listed in `SignedHeaders` (lower-cased and trimmed by the canonical form), the body,
//! `X-TC-Timestamp` and the secret key it knows for the SecretId. Nothing here reads a clock.

use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

use crate::api_error::ApiError;
use crate::authorization::parse_authorization;
use crate::credentials::CredentialStore;
use crate::error_codes;
use crate::headers::header_value;

/// How far `X-TC-Timestamp` may be from the emulator's clock, in seconds.
pub(crate) const MAX_CLOCK_DIFFERENCE_SECS: i64 = 300;

/// Headers the service insists on signing.
const REQUIRED_SIGNED_HEADERS: &[&str] = &["content-type", "host"];

/// What the signature covers, as received.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignedRequest<'a> {
    /// The HTTP method.
    pub(crate) method: &'a str,
    /// The URL path.
    pub(crate) path: &'a str,
    /// The URL query, without `?`.
    pub(crate) query: &'a str,
    /// All headers, names lower-case.
    pub(crate) headers: &'a [(String, String)],
    /// The body bytes.
    pub(crate) body: &'a [u8],
}

/// Who signed a request that passed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verified {
    /// The SecretId of the signer.
    pub(crate) secret_id: String,
    /// The service named in the credential scope.
    pub(crate) service: String,
}

/// Verifies the signature of `request` at the emulator's time `now` (Unix seconds).
pub(crate) fn verify(
    request: &SignedRequest<'_>,
    now: i64,
    credentials: &CredentialStore,
) -> Result<Verified, ApiError> {
    let header = |name: &str| header_value(request.headers, name);
    let auth_error = |message: String| ApiError::new(error_codes::INVALID_AUTHORIZATION, message);

    let raw_authorization = header("authorization")
        .ok_or_else(|| auth_error("The request has no Authorization header.".into()))?;
    let authorization = parse_authorization(raw_authorization)
        .map_err(|err| auth_error(format!("The Authorization header is malformed: {err}.")))?;

    let timestamp = timestamp(header("x-tc-timestamp"))?;

    let credential = credentials.find(authorization.secret_id).ok_or_else(|| {
        ApiError::new(
            error_codes::SECRET_ID_NOT_FOUND,
            format!("The SecretId `{}` is not known.", authorization.secret_id),
        )
    })?;

    if (now - timestamp).abs() > MAX_CLOCK_DIFFERENCE_SECS {
        return Err(ApiError::new(
            error_codes::SIGNATURE_EXPIRE,
            format!(
                "The signature has expired: X-TC-Timestamp is {timestamp} but the server time \
                 is {now}; they may differ by at most {MAX_CLOCK_DIFFERENCE_SECS} seconds."
            ),
        ));
    }

    for required in REQUIRED_SIGNED_HEADERS {
        if !authorization
            .signed_header_names()
            .any(|name| name == *required)
        {
            return Err(auth_error(format!(
                "The Authorization SignedHeaders `{}` must include `{required}`.",
                authorization.signed_headers
            )));
        }
    }
    // Limitation: a signed header that appears several times is verified with its first
    // value only; clients send each signed header once.
    let mut signed = Vec::new();
    for name in authorization.signed_header_names() {
        let value = header(name).ok_or_else(|| {
            auth_error(format!(
                "The signed header `{name}` is not present in the request."
            ))
        })?;
        signed.push((name, value));
    }

    let scope = CredentialScope::new(timestamp, authorization.service);
    if scope.date() != authorization.date {
        return Err(ApiError::new(
            error_codes::SIGNATURE_FAILURE,
            format!(
                "The credential date {} is not the UTC date of X-TC-Timestamp ({}).",
                authorization.date,
                scope.date()
            ),
        ));
    }

    let canonical = CanonicalRequest::new(
        request.method,
        request.path,
        request.query,
        &signed,
        request.body,
    );
    let string_to_sign = StringToSign::new(timestamp, &scope, &canonical);
    let expected = sign::signature(credential.secret_key(), &scope, &string_to_sign);
    if expected != authorization.signature
        || canonical.signed_headers() != authorization.signed_headers
    {
        return Err(ApiError::new(
            error_codes::SIGNATURE_FAILURE,
            "The request signature does not match the signature computed with the secret key \
             of this SecretId; check the secret key and the canonical request \
             (SignedHeaders must be sorted).",
        ));
    }

    check_token(credential.token(), header("x-tc-token"))?;

    Ok(Verified {
        secret_id: authorization.secret_id.to_owned(),
        service: authorization.service.to_owned(),
    })
}

/// Parses `X-TC-Timestamp`.
fn timestamp(value: Option<&str>) -> Result<i64, ApiError> {
    let value = value.ok_or_else(|| {
        ApiError::new(
            error_codes::MISSING_PARAMETER,
            "The request is missing the required header X-TC-Timestamp.",
        )
    })?;
    value.trim().parse().map_err(|_| {
        ApiError::new(
            error_codes::INVALID_PARAMETER,
            format!("X-TC-Timestamp `{value}` is not a Unix time in seconds."),
        )
    })
}

/// Checks `X-TC-Token` against what the credentials need. An empty header counts as absent.
fn check_token(needed: Option<&str>, sent: Option<&str>) -> Result<(), ApiError> {
    let sent = sent.map(str::trim).filter(|token| !token.is_empty());
    let problem = match (needed, sent) {
        (None, None) => return Ok(()),
        (Some(needed), Some(sent)) if needed == sent => return Ok(()),
        (Some(_), None) => "These credentials are temporary and need X-TC-Token, which is absent.",
        (Some(_), Some(_)) => "X-TC-Token does not belong to these credentials.",
        (None, Some(_)) => "X-TC-Token was sent with credentials that take no token.",
    };
    Err(ApiError::new(error_codes::TOKEN_FAILURE, problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credential;

    const NOW: i64 = 1_729_594_845; // 2024-10-22T11:00:45Z
    const BODY: &[u8] = br#"{"ID":10}"#;

    fn store() -> CredentialStore {
        let mut store = CredentialStore::default();
        store.insert(Credential::new("AKIDperm", "perm-key"));
        store.insert(Credential::new("AKIDtemp", "temp-key").with_token("the-token"));
        store
    }

    /// A request as a correct client sends it, signed with `content-type;host`.
    struct Draft {
        secret_id: &'static str,
        secret_key: &'static str,
        timestamp: i64,
        service: &'static str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Draft {
        fn new() -> Self {
            Draft {
                secret_id: "AKIDperm",
                secret_key: "perm-key",
                timestamp: NOW,
                service: "tcss",
                headers: vec![
                    (
                        "content-type".into(),
                        "application/json; charset=utf-8".into(),
                    ),
                    ("host".into(), "127.0.0.1:9000".into()),
                    (
                        "x-tc-action".into(),
                        "DescribeK8sApiAbnormalEventInfo".into(),
                    ),
                ],
                body: BODY.to_vec(),
            }
        }

        /// Signs the draft and returns the headers to send.
        fn signed(&self, signed_names: &[&str]) -> Vec<(String, String)> {
            let signed: Vec<(&str, &str)> = signed_names
                .iter()
                .map(|name| (*name, header_value(&self.headers, name).unwrap()))
                .collect();
            let canonical = CanonicalRequest::new("POST", "/", "", &signed, &self.body);
            let scope = CredentialScope::new(self.timestamp, self.service);
            let string_to_sign = StringToSign::new(self.timestamp, &scope, &canonical);
            let signature = sign::signature(self.secret_key, &scope, &string_to_sign);
            let authorization = sign::authorization(
                self.secret_id,
                &scope,
                canonical.signed_headers(),
                &signature,
            );

            let mut headers = self.headers.clone();
            headers.push(("authorization".into(), authorization));
            headers.push(("x-tc-timestamp".into(), self.timestamp.to_string()));
            headers
        }
    }

    fn run(headers: &[(String, String)], body: &[u8], now: i64) -> Result<Verified, String> {
        let request = SignedRequest {
            method: "POST",
            path: "/",
            query: "",
            headers,
            body,
        };
        verify(&request, now, &store()).map_err(|err| err.code)
    }

    fn set(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
        headers.retain(|(known, _)| known != name);
        headers.push((name.into(), value.into()));
    }

    fn remove(headers: &mut Vec<(String, String)>, name: &str) {
        headers.retain(|(known, _)| known != name);
    }

    #[test]
    fn accepts_a_correctly_signed_request() {
        let headers = Draft::new().signed(&["content-type", "host"]);
        let verified = run(&headers, BODY, NOW).unwrap();
        assert_eq!(
            verified,
            Verified {
                secret_id: "AKIDperm".into(),
                service: "tcss".into()
            }
        );
    }

    #[test]
    fn decides_each_case_like_the_service() {
        type Mutation = fn(&mut Vec<(String, String)>, &mut Vec<u8>, &mut i64);
        let cases: &[(&str, Mutation, Result<(), &str>)] = &[
            ("unchanged", |_, _, _| {}, Ok(())),
            (
                "values differ only in case and surrounding spaces",
                |h, _, _| set(h, "content-type", "  Application/JSON; Charset=UTF-8 "),
                Ok(()),
            ),
            (
                "an unsigned header changed",
                |h, _, _| set(h, "x-tc-action", "SomethingElse"),
                Ok(()),
            ),
            ("clock 300 s ahead", |_, _, now| *now += 300, Ok(())),
            ("clock 300 s behind", |_, _, now| *now -= 300, Ok(())),
            (
                "clock 301 s ahead",
                |_, _, now| *now += 301,
                Err(error_codes::SIGNATURE_EXPIRE),
            ),
            (
                "clock 301 s behind",
                |_, _, now| *now -= 301,
                Err(error_codes::SIGNATURE_EXPIRE),
            ),
            (
                "no Authorization",
                |h, _, _| remove(h, "authorization"),
                Err(error_codes::INVALID_AUTHORIZATION),
            ),
            (
                "Authorization of another scheme",
                |h, _, _| set(h, "authorization", "Basic dXNlcjpwYXNz"),
                Err(error_codes::INVALID_AUTHORIZATION),
            ),
            (
                "no timestamp",
                |h, _, _| remove(h, "x-tc-timestamp"),
                Err(error_codes::MISSING_PARAMETER),
            ),
            (
                "timestamp not a number",
                |h, _, _| set(h, "x-tc-timestamp", "yesterday"),
                Err(error_codes::INVALID_PARAMETER),
            ),
            (
                "body changed after signing",
                |_, body, _| *body = br#"{"ID":11}"#.to_vec(),
                Err(error_codes::SIGNATURE_FAILURE),
            ),
            (
                "signed header changed after signing",
                |h, _, _| set(h, "host", "127.0.0.1:9001"),
                Err(error_codes::SIGNATURE_FAILURE),
            ),
            (
                "signed header removed",
                |h, _, _| remove(h, "content-type"),
                Err(error_codes::INVALID_AUTHORIZATION),
            ),
        ];

        for (name, mutate, expected) in cases {
            let mut headers = Draft::new().signed(&["content-type", "host"]);
            let mut body = BODY.to_vec();
            let mut now = NOW;
            mutate(&mut headers, &mut body, &mut now);

            let outcome = run(&headers, &body, now).map(|_| ());
            assert_eq!(outcome, expected.map_err(String::from), "case: {name}");
        }
    }

    /// What a case expects: acceptance or the error code.
    type Expected = Result<(), &'static str>;

    #[test]
    fn decides_each_signing_mistake_like_the_service() {
        let cases: &[(&str, Draft, &[&str], Expected)] = &[
            (
                "x-tc-action signed too",
                Draft::new(),
                &["content-type", "host", "x-tc-action"],
                Ok(()),
            ),
            (
                "unknown SecretId",
                Draft {
                    secret_id: "AKIDnobody",
                    ..Draft::new()
                },
                &["content-type", "host"],
                Err(error_codes::SECRET_ID_NOT_FOUND),
            ),
            (
                "wrong secret key",
                Draft {
                    secret_key: "not-the-key",
                    ..Draft::new()
                },
                &["content-type", "host"],
                Err(error_codes::SIGNATURE_FAILURE),
            ),
            (
                "host not signed",
                Draft::new(),
                &["content-type"],
                Err(error_codes::INVALID_AUTHORIZATION),
            ),
            (
                "signed for another service",
                Draft {
                    service: "cvm",
                    ..Draft::new()
                },
                &["content-type", "host"],
                Ok(()),
            ),
            (
                "temporary credentials without a token",
                Draft {
                    secret_id: "AKIDtemp",
                    secret_key: "temp-key",
                    ..Draft::new()
                },
                &["content-type", "host"],
                Err(error_codes::TOKEN_FAILURE),
            ),
        ];

        for (name, draft, signed_names, expected) in cases {
            let headers = draft.signed(signed_names);
            let outcome = run(&headers, BODY, NOW).map(|_| ());
            assert_eq!(outcome, expected.map_err(String::from), "case: {name}");
        }
    }

    #[test]
    fn credential_date_must_match_the_timestamp() {
        let mut headers = Draft::new().signed(&["content-type", "host"]);
        let authorization = header_value(&headers, "authorization").unwrap().to_owned();
        set(
            &mut headers,
            "authorization",
            &authorization.replace("2024-10-22", "2024-10-21"),
        );

        assert_eq!(
            run(&headers, BODY, NOW),
            Err(error_codes::SIGNATURE_FAILURE.into())
        );
    }

    #[test]
    fn checks_the_session_token() {
        let cases: &[(Option<&str>, Option<&str>, Expected)] = &[
            (None, None, Ok(())),
            (None, Some(""), Ok(())),
            (None, Some("stray"), Err(error_codes::TOKEN_FAILURE)),
            (Some("t"), Some("t"), Ok(())),
            (Some("t"), Some(" t "), Ok(())),
            (Some("t"), None, Err(error_codes::TOKEN_FAILURE)),
            (Some("t"), Some(""), Err(error_codes::TOKEN_FAILURE)),
            (Some("t"), Some("u"), Err(error_codes::TOKEN_FAILURE)),
        ];
        for (needed, sent, expected) in cases {
            let outcome = check_token(*needed, *sent).map_err(|err| err.code);
            assert_eq!(
                outcome,
                expected.map_err(String::from),
                "needed {needed:?}, sent {sent:?}"
            );
        }
    }

    #[test]
    fn temporary_credentials_pass_with_their_token() {
        let draft = Draft {
            secret_id: "AKIDtemp",
            secret_key: "temp-key",
            ..Draft::new()
        };
        let mut headers = draft.signed(&["content-type", "host"]);
        headers.push(("x-tc-token".into(), "the-token".into()));

        assert_eq!(
            run(&headers, BODY, NOW).map(|v| v.secret_id),
            Ok("AKIDtemp".into())
        );
    }
}
