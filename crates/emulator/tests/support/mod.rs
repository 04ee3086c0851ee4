//! A small signing client and helpers shared by the emulator's integration tests.
//!
//! Requests are signed with the runtime's `sign` module, exactly as a real client signs
//! them, and sent with reqwest to the emulator on 127.0.0.1.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde_json::{Value, json};
use tencentcloud_emulator::{Credential, Emulator};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

/// The action the embedded spec serves.
pub const ACTION: &str = "DescribeK8sApiAbnormalEventInfo";
/// Its API version.
pub const VERSION: &str = "2020-11-01";
/// Its service.
pub const SERVICE: &str = "tcss";

/// Seconds since the Unix epoch on the system clock.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// One request to build, sign and send; every part can be changed to provoke an error.
#[derive(Clone)]
pub struct Call {
    url: String,
    pub action: Option<String>,
    pub version: Option<String>,
    pub service: String,
    pub body: Vec<u8>,
    /// Sent instead of `body` after signing `body`, to tamper with a signed request.
    pub sent_body: Option<Vec<u8>>,
    pub secret_id: String,
    pub secret_key: String,
    pub token: Option<String>,
    pub timestamp: i64,
    pub content_type: String,
    pub signed_headers: Vec<String>,
    pub extra_headers: Vec<(String, String)>,
    /// Replaces the computed `Authorization` value.
    pub authorization: Option<String>,
    pub method: reqwest::Method,
    pub path: String,
    pub timeout: Option<Duration>,
}

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    pub body: Bytes,
}

impl Reply {
    /// The body as JSON; panics with the body when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "body is not JSON ({err}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// `Response.Error.Code`, if the reply is an error envelope.
    pub fn error_code(&self) -> Option<String> {
        self.json()["Response"]["Error"]["Code"]
            .as_str()
            .map(str::to_owned)
    }

    /// `Response.Error.Message`.
    pub fn error_message(&self) -> String {
        self.json()["Response"]["Error"]["Message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// `Response.RequestId`.
    pub fn request_id(&self) -> String {
        self.json()["Response"]["RequestId"]
            .as_str()
            .expect("a RequestId")
            .to_owned()
    }

    /// Asserts the reply is a 200 error envelope with `code` and returns its message.
    #[track_caller]
    pub fn expect_error(&self, code: &str) -> String {
        assert_eq!(self.status, 200, "{}", String::from_utf8_lossy(&self.body));
        assert_eq!(
            self.error_code().as_deref(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(is_request_id(&self.request_id()), "{}", self.request_id());
        self.error_message()
    }

    /// Asserts the reply is a 200 success envelope and returns the value of `Response`.
    #[track_caller]
    pub fn expect_success(&self) -> Value {
        assert_eq!(self.status, 200, "{}", String::from_utf8_lossy(&self.body));
        assert_eq!(
            self.error_code(),
            None,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(is_request_id(&self.request_id()), "{}", self.request_id());
        self.json()["Response"].clone()
    }
}

/// Whether `id` looks like the service's request IDs (a version 4 UUID).
pub fn is_request_id(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && id
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && groups[2].starts_with('4')
}

/// A correct call of [`ACTION`] with `{"ID": 10}` and the emulator's permanent credentials.
pub fn call(emulator: &Emulator) -> Call {
    Call::new(emulator.url(), emulator.credentials())
}

impl Call {
    /// A correct call to the emulator at `url` signed with `credential`.
    pub fn new(url: String, credential: &Credential) -> Call {
        Call {
            url,
            action: Some(ACTION.into()),
            version: Some(VERSION.into()),
            service: SERVICE.into(),
            body: json!({"ID": 10}).to_string().into_bytes(),
            sent_body: None,
            secret_id: credential.secret_id().into(),
            secret_key: credential.secret_key().into(),
            token: credential.token().map(str::to_owned),
            timestamp: now_unix(),
            content_type: "application/json; charset=utf-8".into(),
            signed_headers: vec!["content-type".into(), "host".into()],
            extra_headers: Vec::new(),
            authorization: None,
            method: reqwest::Method::POST,
            path: "/".into(),
            timeout: None,
        }
    }

    pub fn action(mut self, action: &str) -> Self {
        self.action = Some(action.into());
        self
    }

    pub fn version(mut self, version: &str) -> Self {
        self.version = Some(version.into());
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = body.to_string().into_bytes();
        self
    }

    pub fn credential(mut self, credential: &Credential) -> Self {
        self.secret_id = credential.secret_id().into();
        self.secret_key = credential.secret_key().into();
        self.token = credential.token().map(str::to_owned);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.extra_headers.push((name.into(), value.into()));
        self
    }

    /// The host as reqwest sends it in `Host`.
    fn host(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned()
    }

    /// The headers to send, `Authorization` included.
    pub fn headers(&self) -> Vec<(String, String)> {
        let host = self.host();
        let mut headers = vec![
            ("Content-Type".to_owned(), self.content_type.clone()),
            ("X-TC-Timestamp".to_owned(), self.timestamp.to_string()),
        ];
        if let Some(action) = &self.action {
            headers.push(("X-TC-Action".into(), action.clone()));
        }
        if let Some(version) = &self.version {
            headers.push(("X-TC-Version".into(), version.clone()));
        }
        if let Some(token) = &self.token {
            headers.push(("X-TC-Token".into(), token.clone()));
        }
        headers.extend(self.extra_headers.iter().cloned());

        let all_with_host: Vec<(String, String)> = headers
            .iter()
            .cloned()
            .chain([("host".to_owned(), host)])
            .collect();
        let signed: Vec<(&str, &str)> = self
            .signed_headers
            .iter()
            .filter_map(|name| {
                all_with_host
                    .iter()
                    .find(|(known, _)| known.eq_ignore_ascii_case(name))
                    .map(|(_, value)| (name.as_str(), value.as_str()))
            })
            .collect();
        let canonical =
            CanonicalRequest::new(self.method.as_str(), &self.path, "", &signed, &self.body);
        let scope = CredentialScope::new(self.timestamp, &self.service);
        let string_to_sign = StringToSign::new(self.timestamp, &scope, &canonical);
        let signature = sign::signature(&self.secret_key, &scope, &string_to_sign);
        let authorization = self.authorization.clone().unwrap_or_else(|| {
            sign::authorization(
                &self.secret_id,
                &scope,
                canonical.signed_headers(),
                &signature,
            )
        });
        headers.push(("Authorization".into(), authorization));
        headers
    }

    /// Sends the call and reads the whole reply; panics on a transport error.
    pub async fn send(self) -> Reply {
        self.try_send().await.expect("the emulator answers")
    }

    /// Sends the call; a transport error (timeout, refused connection) is returned.
    pub async fn try_send(self) -> Result<Reply, reqwest::Error> {
        let headers = self.headers();
        let mut builder = reqwest::Client::builder().no_proxy();
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let client = builder.build().expect("a reqwest client");

        let url = format!("{}{}", self.url.trim_end_matches('/'), self.path);
        let mut request = client.request(self.method.clone(), url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let body = self.sent_body.clone().unwrap_or_else(|| self.body.clone());
        let response = request.body(body).send().await?;

        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|value| value.to_str().unwrap().to_owned());
        let content_length = response.content_length();
        let body = response.bytes().await?;
        Ok(Reply {
            status,
            content_type,
            content_length,
            body,
        })
    }
}

pub mod frozen_clock;
