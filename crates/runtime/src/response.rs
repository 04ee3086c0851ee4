//! Reading the API 3.0 response envelope:
//! `{"Response": {..., "RequestId": "..."}}` on success and
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}` on error.

use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, ServiceError, excerpt};

/// A successful response: the envelope had no `Error`.
#[derive(Debug, Clone)]
pub struct RawResponse {
    action: &'static str,
    request_id: String,
    body: Bytes,
}

impl RawResponse {
    /// The ID the service assigned to the request (empty if the service sent none).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The whole HTTP body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Deserializes the value of `Response` into `T`, which ignores `RequestId` and unknown
    /// fields itself. A failure is [`Error::Decode`] with an excerpt and the request ID.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        #[derive(Deserialize)]
        struct Envelope<T> {
            #[serde(rename = "Response")]
            response: T,
        }

        serde_json::from_slice::<Envelope<T>>(&self.body)
            .map(|envelope| envelope.response)
            .map_err(|error| Error::Decode {
                action: self.action,
                reason: format!("the `Response` does not have the expected shape: {error}"),
                request_id: Some(self.request_id.clone()).filter(|id| !id.is_empty()),
                excerpt: excerpt(&self.body),
                source: Some(error),
            })
    }
}

/// The parts of the envelope every response shares; the rest is skipped unparsed.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "Response")]
    response: Option<HeadResponse>,
}

#[derive(Deserialize)]
struct HeadResponse {
    #[serde(rename = "Error")]
    error: Option<HeadError>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct HeadError {
    #[serde(rename = "Code", default)]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// Turns an HTTP status and body into the response, or the error they describe.
pub(crate) fn read_response(
    action: &'static str,
    host: &str,
    status: http::StatusCode,
    body: Bytes,
) -> Result<RawResponse, Error> {
    if !status.is_success() {
        return Err(Error::HttpStatus {
            action,
            host: host.to_owned(),
            status,
            request_id: scan_request_id(&body),
            excerpt: excerpt(&body),
        });
    }

    let head: Head = serde_json::from_slice(&body).map_err(|error| Error::Decode {
        action,
        reason: "the body is not the JSON envelope of the API".to_owned(),
        request_id: scan_request_id(&body),
        excerpt: excerpt(&body),
        source: Some(error),
    })?;

    let Some(response) = head.response else {
        return Err(Error::Decode {
            action,
            reason: "the body has no `Response` object".to_owned(),
            request_id: None,
            excerpt: excerpt(&body),
            source: None,
        });
    };

    let request_id = response.request_id.unwrap_or_default();
    if let Some(error) = response.error {
        return Err(Error::Service(ServiceError {
            code: error.code,
            message: error.message,
            request_id,
        }));
    }
    Ok(RawResponse {
        action,
        request_id,
        body,
    })
}

/// Finds `"RequestId": "<id>"` in a body that may not parse, such as a truncated one.
fn scan_request_id(body: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"RequestId\"";

    let start = body.windows(KEY.len()).position(|window| window == KEY)? + KEY.len();
    let rest = trim_start(&body[start..]);
    let rest = trim_start(rest.strip_prefix(b":")?);
    let rest = rest.strip_prefix(b"\"")?;
    let end = rest.iter().position(|&byte| byte == b'"')?;

    let id = std::str::from_utf8(&rest[..end]).ok()?;
    let plausible = !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plausible.then(|| id.to_owned())
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count();
    &bytes[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    fn read(status: u16, body: &str) -> Result<RawResponse, Error> {
        read_response(
            "DescribeThings",
            "example.com",
            StatusCode::from_u16(status).unwrap(),
            Bytes::copy_from_slice(body.as_bytes()),
        )
    }

    #[test]
    fn success_keeps_body_and_request_id() {
        let response = read(200, r#"{"Response": {"Total": 3, "RequestId": "abc-1"}}"#).unwrap();

        assert_eq!(response.request_id(), "abc-1");
        #[derive(Deserialize)]
        struct Out {
            #[serde(rename = "Total")]
            total: u64,
        }
        assert_eq!(response.decode::<Out>().unwrap().total, 3);
    }

    #[test]
    fn decode_failure_carries_request_id_and_excerpt() {
        let response = read(200, r#"{"Response": {"Total": "x", "RequestId": "abc-2"}}"#).unwrap();

        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Out {
            #[serde(rename = "Total")]
            total: u64,
        }
        let error = response.decode::<Out>().unwrap_err();
        assert!(matches!(error, Error::Decode { .. }));
        assert_eq!(error.request_id(), Some("abc-2"));
        assert!(error.to_string().contains(r#""Total": "x""#), "{error}");
    }

    #[test]
    fn error_answers_table() {
        // (status, body, expected kind, expected request id)
        let cases: &[(u16, &str, &str, Option<&str>)] = &[
            (
                200,
                r#"{"Response": {"Error": {"Code": "ResourceNotFound.EventNotFound", "Message": "no"}, "RequestId": "r1"}}"#,
                "service",
                Some("r1"),
            ),
            (
                502,
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                "status",
                None,
            ),
            (
                500,
                r#"{"Response": {"RequestId": "r2"}}"#,
                "status",
                Some("r2"),
            ),
            (
                200,
                r#"{"Response": {"RequestId": "r3", "Items": [1, 2"#,
                "decode",
                Some("r3"),
            ),
            (200, r#"{"Response": {"Items": [1, 2"#, "decode", None),
            (200, "", "decode", None),
            (200, "not json", "decode", None),
            (200, r#"{"Other": {}}"#, "decode", None),
            (200, r#"{"Response": null}"#, "decode", None),
            (200, r#"[1, 2]"#, "decode", None),
        ];
        for (status, body, kind, request_id) in cases {
            let error = read(*status, body).unwrap_err();
            let actual = match &error {
                Error::Service(_) => "service",
                Error::HttpStatus { .. } => "status",
                Error::Decode { .. } => "decode",
                _ => "other",
            };
            assert_eq!(actual, *kind, "{body}: {error}");
            assert_eq!(error.request_id(), *request_id, "{body}");
        }
    }

    #[test]
    fn service_error_keeps_whole_code_and_message() {
        let error = read(
            200,
            r#"{"Response": {"Error": {"Code": "ResourceNotFound.EventNotFound", "Message": "gone"}, "RequestId": "r1"}}"#,
        )
        .unwrap_err();

        let service = error.service_error().unwrap();
        assert_eq!(service.code, "ResourceNotFound.EventNotFound");
        assert_eq!(service.message, "gone");
        assert_eq!(service.category(), "ResourceNotFound");
    }

    #[test]
    fn request_id_scan_table() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"{"Response": {"RequestId": "a-1"}}"#, Some("a-1")),
            (r#"{"Response": {"RequestId" :  "b_2", "X": ["#, Some("b_2")),
            (r#"{"Response": {"RequestId": "cut"#, None),
            (r#"{"Response": {"RequestId": 5}}"#, None),
            (r#"{"Response": {"RequestId": "has space"}}"#, None),
            ("<html>", None),
        ];
        for (body, expected) in cases {
            assert_eq!(
                scan_request_id(body.as_bytes()).as_deref(),
                *expected,
                "{body}"
            );
        }
    }
}
