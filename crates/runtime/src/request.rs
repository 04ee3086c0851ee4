//! Building the signed HTTP request of one attempt.
//!
//! A pure function of its inputs, the timestamp included, so a test can rebuild exactly what
//! was sent.

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderName, HeaderValue};

use crate::credentials::Credentials;
use crate::endpoint::ResolvedEndpoint;
use crate::error::Error;
use crate::language::Language;
use crate::sign::{self, CanonicalRequest, CredentialScope, StringToSign};
use crate::spec::ServiceSpec;

/// The media type of every request body.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// The value of `X-TC-RequestClient`: this runtime and its version.
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_", env!("CARGO_PKG_VERSION"));

/// Everything one attempt's request is made of.
pub(crate) struct RequestInput<'a> {
    pub service: &'a ServiceSpec,
    pub action: &'static str,
    pub endpoint: &'a ResolvedEndpoint,
    pub region: Option<&'a str>,
    pub language: Option<Language>,
    pub credentials: &'a Credentials,
    pub timestamp: i64,
    pub body: Bytes,
}

/// Builds the POST request with the API headers and a TC3 signature over `content-type;host`.
pub(crate) fn build_request(input: RequestInput<'_>) -> Result<http::Request<Bytes>, Error> {
    let host = input.endpoint.host();
    let canonical = CanonicalRequest::new(
        "POST",
        input.endpoint.path(),
        "",
        &[("content-type", CONTENT_TYPE_JSON), ("host", host)],
        &input.body,
    );
    let scope = CredentialScope::new(input.timestamp, input.service.name);
    let string_to_sign = StringToSign::new(input.timestamp, &scope, &canonical);
    let signature = sign::signature(input.credentials.secret_key(), &scope, &string_to_sign);
    let authorization = sign::authorization(
        input.credentials.secret_id(),
        &scope,
        canonical.signed_headers(),
        &signature,
    );

    let mut request = http::Request::post(input.endpoint.uri())
        .body(input.body)
        .map_err(|error| Error::InvalidEndpoint {
            url: input.endpoint.uri(),
            reason: error.to_string(),
        })?;

    // Each value goes straight into the header map: one copy, none for the signature.
    let headers = request.headers_mut();
    headers.reserve(10);
    let mut insert = |name: HeaderName, value: Result<HeaderValue, http::Error>| {
        let value = value.map_err(|_| {
            // The value is not echoed: it may be a session token.
            Error::invalid_parameter(
                input.action,
                name.as_str(),
                "it cannot be sent as an HTTP header",
            )
        })?;
        headers.insert(name, value);
        Ok::<(), Error>(())
    };
    let text = |value: &str| HeaderValue::from_str(value).map_err(http::Error::from);

    insert(HOST, text(host))?;
    insert(
        CONTENT_TYPE,
        Ok(HeaderValue::from_static(CONTENT_TYPE_JSON)),
    )?;
    insert(
        AUTHORIZATION,
        HeaderValue::try_from(authorization).map_err(http::Error::from),
    )?;
    insert(HeaderName::from_static("x-tc-action"), text(input.action))?;
    insert(
        HeaderName::from_static("x-tc-version"),
        text(input.service.version),
    )?;
    insert(
        HeaderName::from_static("x-tc-timestamp"),
        Ok(HeaderValue::from(input.timestamp)),
    )?;
    insert(
        HeaderName::from_static("x-tc-requestclient"),
        Ok(HeaderValue::from_static(REQUEST_CLIENT)),
    )?;
    if let Some(region) = input.region {
        insert(HeaderName::from_static("x-tc-region"), text(region))?;
    }
    if let Some(token) = input.credentials.token() {
        insert(HeaderName::from_static("x-tc-token"), text(token))?;
    }
    if let Some(language) = input.language {
        insert(
            HeaderName::from_static("x-tc-language"),
            text(language.as_str()),
        )?;
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use crate::spec::EndpointSpec;

    const SERVICE: ServiceSpec = ServiceSpec {
        name: "tcss",
        version: "2020-11-01",
        endpoints: EndpointSpec {
            international: "tcss.intl.tencentcloudapi.com",
            mainland: "tcss.tencentcloudapi.com",
            regional: "tcss.{region}.tencentcloudapi.com",
        },
    };

    fn build(
        region: Option<&str>,
        language: Option<Language>,
        credentials: &Credentials,
    ) -> http::Request<Bytes> {
        let endpoint = Endpoint::International.resolve(&SERVICE).unwrap();
        build_request(RequestInput {
            service: &SERVICE,
            action: "DescribeThings",
            endpoint: &endpoint,
            region,
            language,
            credentials,
            timestamp: 1_551_113_065,
            body: Bytes::from_static(b"{}"),
        })
        .unwrap()
    }

    fn header<'a>(request: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
        request
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap())
    }

    #[test]
    fn api_headers_are_set() {
        let request = build(None, None, &Credentials::new("AKID", "key"));

        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "https://tcss.intl.tencentcloudapi.com/");
        let expected = [
            ("host", "tcss.intl.tencentcloudapi.com"),
            ("content-type", "application/json"),
            ("x-tc-action", "DescribeThings"),
            ("x-tc-version", "2020-11-01"),
            ("x-tc-timestamp", "1551113065"),
            ("x-tc-requestclient", REQUEST_CLIENT),
        ];
        for (name, value) in expected {
            assert_eq!(header(&request, name), Some(value), "{name}");
        }
        for absent in ["x-tc-region", "x-tc-token", "x-tc-language"] {
            assert_eq!(header(&request, absent), None, "{absent}");
        }
        assert!(REQUEST_CLIENT.starts_with("SDK_RUST_"));
    }

    #[test]
    fn optional_headers_appear_when_set() {
        let credentials = Credentials::new("AKID", "key").with_token("session");
        let request = build(Some("ap-guangzhou"), Some(Language::EnUs), &credentials);

        assert_eq!(header(&request, "x-tc-region"), Some("ap-guangzhou"));
        assert_eq!(header(&request, "x-tc-token"), Some("session"));
        assert_eq!(header(&request, "x-tc-language"), Some("en-US"));
    }

    #[test]
    fn authorization_signs_content_type_and_host() {
        let request = build(None, None, &Credentials::new("AKID", "key"));

        let canonical = CanonicalRequest::new(
            "POST",
            "/",
            "",
            &[
                ("content-type", "application/json"),
                ("host", "tcss.intl.tencentcloudapi.com"),
            ],
            b"{}",
        );
        let scope = CredentialScope::new(1_551_113_065, "tcss");
        let expected_signature = sign::signature(
            "key",
            &scope,
            &StringToSign::new(1_551_113_065, &scope, &canonical),
        );
        let expected =
            sign::authorization("AKID", &scope, "content-type;host", &expected_signature);
        assert_eq!(header(&request, "authorization"), Some(expected.as_str()));
    }

    #[test]
    fn unsendable_token_is_an_error_without_the_token() {
        let endpoint = Endpoint::International.resolve(&SERVICE).unwrap();
        let credentials = Credentials::new("AKID", "key").with_token("bad\ntoken");
        let error = build_request(RequestInput {
            service: &SERVICE,
            action: "DescribeThings",
            endpoint: &endpoint,
            region: None,
            language: None,
            credentials: &credentials,
            timestamp: 0,
            body: Bytes::new(),
        })
        .unwrap_err();

        assert!(error.to_string().contains("x-tc-token"), "{error}");
        assert!(!error.to_string().contains("bad"), "{error}");
    }
}
