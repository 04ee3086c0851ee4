//! Parsing the `Authorization` header of a TC3-HMAC-SHA256 request.
//!
//! The header reads `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request,
//! SignedHeaders=<names joined by ;>, Signature=<64 hex digits>`. This module only checks
//! the form; whether the signature is right is decided in `signature_check`.

use thiserror::Error;

/// The only signing algorithm API 3.0 knows.
const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The parts of a well-formed `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Authorization<'a> {
    /// The SecretId that signed the request.
    pub(crate) secret_id: &'a str,
    /// The credential scope's date, `YYYY-MM-DD`.
    pub(crate) date: &'a str,
    /// The credential scope's service, such as `tcss`.
    pub(crate) service: &'a str,
    /// The signed header names as sent, joined by `;`.
    pub(crate) signed_headers: &'a str,
    /// The signature in lower-case hex.
    pub(crate) signature: &'a str,
}

impl Authorization<'_> {
    /// The signed header names, in the order the client listed them.
    pub(crate) fn signed_header_names(&self) -> impl Iterator<Item = &str> {
        self.signed_headers.split(';')
    }
}

/// Why an `Authorization` header is not in the TC3 form.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum AuthorizationError {
    /// The header does not start with the algorithm name and a space.
    #[error("the Authorization header must start with `{ALGORITHM} `")]
    Algorithm,
    /// One of the three parts is absent.
    #[error("the Authorization header has no `{0}=` part")]
    MissingPart(&'static str),
    /// A part appears twice or is not one of the three known parts.
    #[error("the Authorization header has an unexpected part `{0}`")]
    UnexpectedPart(String),
    /// The credential is not `<SecretId>/<date>/<service>/tc3_request`.
    #[error(
        "the Authorization credential `{0}` is not of the form \
         <SecretId>/<YYYY-MM-DD>/<service>/tc3_request"
    )]
    Credential(String),
    /// The signed header list is empty or holds a name that is not lower-case.
    #[error("the Authorization SignedHeaders `{0}` must be lower-case header names joined by `;`")]
    SignedHeaders(String),
    /// The signature is not 64 lower-case hex digits.
    #[error("the Authorization Signature must be 64 lower-case hex digits")]
    Signature,
}

/// Parses an `Authorization` header value.
pub(crate) fn parse_authorization(value: &str) -> Result<Authorization<'_>, AuthorizationError> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or(AuthorizationError::Algorithm)?;

    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',').map(str::trim) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return Err(AuthorizationError::UnexpectedPart(part.to_owned())),
        };
        if slot.replace(value).is_some() {
            return Err(AuthorizationError::UnexpectedPart(part.to_owned()));
        }
    }

    let credential = credential.ok_or(AuthorizationError::MissingPart("Credential"))?;
    let signed_headers = signed_headers.ok_or(AuthorizationError::MissingPart("SignedHeaders"))?;
    let signature = signature.ok_or(AuthorizationError::MissingPart("Signature"))?;

    let (secret_id, date, service) = parse_credential(credential)
        .ok_or_else(|| AuthorizationError::Credential(credential.to_owned()))?;

    let well_formed_name = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !signed_headers.split(';').all(well_formed_name) {
        return Err(AuthorizationError::SignedHeaders(signed_headers.to_owned()));
    }

    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if signature.len() != 64 || !signature.bytes().all(lower_hex) {
        return Err(AuthorizationError::Signature);
    }

    Ok(Authorization {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

/// Splits `<SecretId>/<date>/<service>/tc3_request` into its first three parts.
fn parse_credential(credential: &str) -> Option<(&str, &str, &str)> {
    let mut parts = credential.split('/');
    let (secret_id, date, service, terminator) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let date_shaped = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let complete = parts.next().is_none()
        && !secret_id.is_empty()
        && !service.is_empty()
        && terminator == "tc3_request";
    (complete && date_shaped).then_some((secret_id, date, service))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE: &str = "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";

    fn header(credential: &str, signed_headers: &str, signature: &str) -> String {
        format!(
            "TC3-HMAC-SHA256 Credential={credential}, SignedHeaders={signed_headers}, \
             Signature={signature}"
        )
    }

    #[test]
    fn parses_a_well_formed_header() {
        let value = header(
            "AKIDz8krbsJ5/2019-02-25/cvm/tc3_request",
            "content-type;host",
            SIGNATURE,
        );
        let parsed = parse_authorization(&value).unwrap();
        assert_eq!(
            parsed,
            Authorization {
                secret_id: "AKIDz8krbsJ5",
                date: "2019-02-25",
                service: "cvm",
                signed_headers: "content-type;host",
                signature: SIGNATURE,
            }
        );
        assert_eq!(
            parsed.signed_header_names().collect::<Vec<_>>(),
            ["content-type", "host"]
        );
    }

    #[test]
    fn parts_may_come_in_any_order_and_without_spaces() {
        let value = format!(
            "TC3-HMAC-SHA256 Signature={SIGNATURE},SignedHeaders=host,\
             Credential=ID/2024-01-31/tcss/tc3_request"
        );
        let parsed = parse_authorization(&value).unwrap();
        assert_eq!(
            (parsed.secret_id, parsed.service, parsed.signed_headers),
            ("ID", "tcss", "host")
        );
    }

    #[test]
    fn rejects_malformed_headers() {
        let good_credential = "ID/2024-01-31/tcss/tc3_request";
        let cases: Vec<(String, AuthorizationError)> = vec![
            ("".into(), AuthorizationError::Algorithm),
            ("Bearer abc".into(), AuthorizationError::Algorithm),
            (
                header(good_credential, "host", SIGNATURE).replace("TC3-HMAC-SHA256", "HMAC"),
                AuthorizationError::Algorithm,
            ),
            (
                format!("TC3-HMAC-SHA256 Credential={good_credential}, Signature={SIGNATURE}"),
                AuthorizationError::MissingPart("SignedHeaders"),
            ),
            (
                format!("TC3-HMAC-SHA256 Credential={good_credential}, SignedHeaders=host"),
                AuthorizationError::MissingPart("Signature"),
            ),
            (
                format!("{}, Extra=1", header(good_credential, "host", SIGNATURE)),
                AuthorizationError::UnexpectedPart("Extra=1".into()),
            ),
            (
                format!(
                    "{}, Signature={SIGNATURE}",
                    header(good_credential, "host", SIGNATURE)
                ),
                AuthorizationError::UnexpectedPart(format!("Signature={SIGNATURE}")),
            ),
            (
                header("ID/2024-01-31/tcss", "host", SIGNATURE),
                AuthorizationError::Credential("ID/2024-01-31/tcss".into()),
            ),
            (
                header("ID/2024-01-31/tcss/tc2_request", "host", SIGNATURE),
                AuthorizationError::Credential("ID/2024-01-31/tcss/tc2_request".into()),
            ),
            (
                header("ID/20240131/tcss/tc3_request", "host", SIGNATURE),
                AuthorizationError::Credential("ID/20240131/tcss/tc3_request".into()),
            ),
            (
                header("/2024-01-31/tcss/tc3_request", "host", SIGNATURE),
                AuthorizationError::Credential("/2024-01-31/tcss/tc3_request".into()),
            ),
            (
                header(good_credential, "Content-Type;host", SIGNATURE),
                AuthorizationError::SignedHeaders("Content-Type;host".into()),
            ),
            (
                header(good_credential, "content-type;;host", SIGNATURE),
                AuthorizationError::SignedHeaders("content-type;;host".into()),
            ),
            (
                header(good_credential, "host", "abc"),
                AuthorizationError::Signature,
            ),
            (
                header(good_credential, "host", &SIGNATURE.to_uppercase()),
                AuthorizationError::Signature,
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_authorization(&value), Err(expected), "{value}");
        }
    }
}
