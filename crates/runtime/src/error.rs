//! The one error type of a call, and the service's own error answer.
//!
//! [`Error`] separates where a call failed: while building the request, while finding
//! credentials, while sending it, waiting for it, reading the HTTP status, decoding the body,
//! or because the service answered with an error. No variant carries a secret.

use std::fmt;
use std::time::Duration;

use crate::common_error_code::CommonErrorCode;
use crate::credentials::CredentialsError;
use crate::transport::TransportError;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required member of the request was not set; nothing was sent.
    #[error("the {action} request is missing the required member `{member}`")]
    MissingParameter {
        /// The action being built.
        action: &'static str,
        /// The member, possibly a path such as `Filters[0].Name`.
        member: String,
    },

    /// A member of the request has a value the request cannot carry; nothing was sent.
    #[error("the {action} request has an invalid member `{member}`: {reason}")]
    InvalidParameter {
        /// The action being built.
        action: &'static str,
        /// The member, possibly a path such as `Filters[0].Name`.
        member: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The request could not be serialized to JSON; nothing was sent.
    #[error("the {action} request could not be serialized to JSON")]
    Serialize {
        /// The action being built.
        action: &'static str,
        /// The serializer's error.
        #[source]
        source: serde_json::Error,
    },

    /// The configured endpoint is not a usable URL; nothing was sent.
    #[error("the endpoint `{url}` cannot be used: {reason}")]
    InvalidEndpoint {
        /// The endpoint as configured.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    /// No usable credentials were found; nothing was sent.
    #[error("no usable credentials to sign the {action} request")]
    Credentials {
        /// The action being sent.
        action: &'static str,
        /// What the credentials provider reported.
        #[source]
        source: CredentialsError,
    },

    /// The request could not be delivered or its response could not be read.
    #[error("the {action} request to {host} could not be completed ({})", sent_note(*sent))]
    Dispatch {
        /// The action being sent.
        action: &'static str,
        /// The host the request was for.
        host: String,
        /// Whether the request may have reached the server.
        sent: bool,
        /// What the transport reported.
        #[source]
        source: TransportError,
    },

    /// No response arrived within the per-attempt timeout; the request may have been
    /// processed.
    #[error("the {action} request to {host} got no response within {timeout:?}")]
    Timeout {
        /// The action being sent.
        action: &'static str,
        /// The host the request was for.
        host: String,
        /// The timeout that elapsed.
        timeout: Duration,
    },

    /// The server answered with a status other than 2xx, often with an HTML page from a
    /// gateway rather than the API's JSON.
    #[error(
        "the {action} request to {host} failed with HTTP status {status}{}: {excerpt}",
        request_id_note(request_id.as_deref())
    )]
    HttpStatus {
        /// The action being sent.
        action: &'static str,
        /// The host the request was for.
        host: String,
        /// The HTTP status.
        status: http::StatusCode,
        /// The request ID, when the body carried one.
        request_id: Option<String>,
        /// The start of the body, whitespace collapsed.
        excerpt: String,
    },

    /// The response body is not the JSON envelope expected, or its `Response` does not fit
    /// the expected shape.
    #[error(
        "the {action} response could not be decoded ({reason}){}: {excerpt}",
        request_id_note(request_id.as_deref())
    )]
    Decode {
        /// The action whose response this is.
        action: &'static str,
        /// What is wrong with the body.
        reason: String,
        /// The request ID, when it could be read.
        request_id: Option<String>,
        /// The start of the body, whitespace collapsed.
        excerpt: String,
        /// The JSON parser's error, when there is one.
        #[source]
        source: Option<serde_json::Error>,
    },

    /// The service processed the request and answered with an error.
    #[error(transparent)]
    Service(ServiceError),
}

impl Error {
    /// A required member of `action`'s request is not set; `member` may be a path such as
    /// `Filters[0].Name`.
    pub fn missing_parameter(action: &'static str, member: impl Into<String>) -> Error {
        Error::MissingParameter {
            action,
            member: member.into(),
        }
    }

    /// A member of `action`'s request has a value that cannot be sent, for `reason`.
    pub fn invalid_parameter(
        action: &'static str,
        member: impl Into<String>,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidParameter {
            action,
            member: member.into(),
            reason: reason.into(),
        }
    }

    /// The request of `action` could not be serialized.
    pub fn serialize(action: &'static str, source: serde_json::Error) -> Error {
        Error::Serialize { action, source }
    }

    /// The request ID the service assigned, when the failure happened after it answered and
    /// the ID could be read.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(service) => Some(&service.request_id),
            Error::HttpStatus { request_id, .. } | Error::Decode { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The service's error answer, when the failure is one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(service) => Some(service),
            _ => None,
        }
    }
}

/// An error answer of the service: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// The whole code, sub-code included, such as `ResourceNotFound.EventNotFound`.
    pub code: String,
    /// The service's message.
    pub message: String,
    /// The ID the service assigned to the request; quote it to support.
    pub request_id: String,
}

impl ServiceError {
    /// The part of the code before the first `.`, such as `ResourceNotFound` of
    /// `ResourceNotFound.EventNotFound`; the whole code when it has no `.`.
    pub fn category(&self) -> &str {
        self.code
            .split_once('.')
            .map_or(&self.code, |(category, _)| category)
    }

    /// The common category of the code, when it is one of the API's common codes.
    pub fn common_code(&self) -> Option<CommonErrorCode> {
        CommonErrorCode::from_code(&self.code)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the service answered with error {}: {} (request ID {})",
            self.code, self.message, self.request_id
        )
    }
}

impl std::error::Error for ServiceError {}

fn sent_note(sent: bool) -> &'static str {
    if sent {
        "it may have reached the server"
    } else {
        "it was not sent"
    }
}

fn request_id_note(request_id: Option<&str>) -> String {
    request_id
        .map(|id| format!(" (request ID {id})"))
        .unwrap_or_default()
}

/// Longest body excerpt kept in an error, in characters.
pub(crate) const EXCERPT_CHARS: usize = 300;

/// The start of a body for an error message: lossy UTF-8, whitespace runs collapsed to one
/// space, cut at [`EXCERPT_CHARS`] characters with `…` marking the cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut words = text.split_whitespace();
    let mut out = String::new();
    let mut chars = 0;

    if let Some(first) = words.next() {
        out.push_str(first);
        chars += first.chars().count();
    }
    for word in words {
        if chars >= EXCERPT_CHARS {
            break;
        }
        out.push(' ');
        out.push_str(word);
        chars += 1 + word.chars().count();
    }

    if chars > EXCERPT_CHARS {
        out = out.chars().take(EXCERPT_CHARS).collect();
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    fn service(code: &str) -> ServiceError {
        ServiceError {
            code: code.into(),
            message: "m".into(),
            request_id: "rid".into(),
        }
    }

    #[test]
    fn categories_and_common_codes_table() {
        let cases: &[(&str, &str, Option<CommonErrorCode>)] = &[
            (
                "ResourceNotFound.EventNotFound",
                "ResourceNotFound",
                Some(CommonErrorCode::ResourceNotFound),
            ),
            (
                "AuthFailure.SignatureExpire",
                "AuthFailure",
                Some(CommonErrorCode::AuthFailure),
            ),
            (
                "InternalError",
                "InternalError",
                Some(CommonErrorCode::InternalError),
            ),
            (
                "RequestLimitExceeded.UinLimitExceeded",
                "RequestLimitExceeded",
                Some(CommonErrorCode::RequestLimitExceeded),
            ),
            (
                "InvalidParameterValue",
                "InvalidParameterValue",
                Some(CommonErrorCode::InvalidParameterValue),
            ),
            ("SomeNewCategory.Thing", "SomeNewCategory", None),
            ("", "", None),
        ];
        for (code, category, common) in cases {
            let error = service(code);
            assert_eq!(error.category(), *category, "{code}");
            assert_eq!(error.common_code(), *common, "{code}");
        }
    }

    #[test]
    fn every_common_code_names_itself() {
        for code in CommonErrorCode::ALL {
            assert_eq!(CommonErrorCode::from_code(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn messages_read_as_sentences_with_context() {
        let missing = Error::missing_parameter("DescribeThings", "Filters[0].Name");
        assert_eq!(
            missing.to_string(),
            "the DescribeThings request is missing the required member `Filters[0].Name`"
        );

        let status = Error::HttpStatus {
            action: "DescribeThings",
            host: "example.com".into(),
            status: http::StatusCode::BAD_GATEWAY,
            request_id: None,
            excerpt: "<html> bad gateway </html>".into(),
        };
        assert_eq!(
            status.to_string(),
            "the DescribeThings request to example.com failed with HTTP status 502 Bad Gateway: \
             <html> bad gateway </html>"
        );

        let answered = Error::Service(service("ResourceNotFound.X"));
        assert_eq!(
            answered.to_string(),
            "the service answered with error ResourceNotFound.X: m (request ID rid)"
        );
        assert_eq!(answered.request_id(), Some("rid"));
    }

    #[test]
    fn decode_error_chains_to_the_parser_error() {
        let parse = serde_json::from_slice::<serde_json::Value>(b"{\"Response\": {").unwrap_err();
        let error = Error::Decode {
            action: "DescribeThings",
            reason: "the body is not valid JSON".into(),
            request_id: Some("abc".into()),
            excerpt: "{\"Response\": {".into(),
            source: Some(parse),
        };

        assert!(error.to_string().contains("(request ID abc)"));
        assert!(error.source().is_some());
        assert_eq!(error.request_id(), Some("abc"));
    }

    #[test]
    fn excerpt_table() {
        let long = "a".repeat(EXCERPT_CHARS + 50);
        let cut = format!("{}…", "a".repeat(EXCERPT_CHARS));
        let cases: &[(&[u8], &str)] = &[
            (b"", ""),
            (
                b"  <html>\n  <body>502</body>\n</html>\n",
                "<html> <body>502</body> </html>",
            ),
            (b"\xff\xfeok", "\u{fffd}\u{fffd}ok"),
            (long.as_bytes(), &cut),
        ];
        for (body, expected) in cases {
            assert_eq!(excerpt(body), *expected);
        }
    }
}
