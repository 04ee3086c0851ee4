//! Answering one HTTP request: faults first, then the checks the service makes, in its order.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::{HeaderValue, Method, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::api_error::ApiError;
use crate::envelope::{error_body, html_error_page, stored_error, success_body};
use crate::error_codes;
use crate::faults::Fault;
use crate::headers::{header_pairs, header_value};
use crate::quota::QuotaKey;
use crate::request_id::new_request_id;
use crate::request_log::{Answer, AtomicCounters, LoggedRequest};
use crate::responses::response_object;
use crate::routing::{check_language, route};
use crate::signature_check::{self, SignedRequest};
use crate::state::{State, lock};

/// The largest body the service accepts (10 MiB).
const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// What arrived, once the body has been read.
struct Received {
    method: Method,
    uri: http::Uri,
    headers: Vec<(String, String)>,
    /// The body, or `None` when it could not be read whole.
    body: Option<Bytes>,
    parsed: Option<Value>,
}

/// What goes back, before it becomes an HTTP response.
struct Reply {
    status: StatusCode,
    html: bool,
    body: Vec<u8>,
    request_id: Option<String>,
    error: Option<ApiError>,
}

impl Reply {
    fn success(response: &Map<String, Value>) -> Reply {
        let request_id = new_request_id();
        let body = success_body(response, &request_id);
        Reply {
            status: StatusCode::OK,
            html: false,
            body,
            request_id: Some(request_id),
            error: None,
        }
    }

    fn error(error: ApiError) -> Reply {
        let request_id = new_request_id();
        let body = error_body(&error, &request_id);
        Reply {
            status: StatusCode::OK,
            html: false,
            body,
            request_id: Some(request_id),
            error: Some(error),
        }
    }

    fn html(status: u16) -> Reply {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        let body = html_error_page(status).into_bytes();
        Reply {
            status,
            html: true,
            body,
            request_id: None,
            error: None,
        }
    }
}

/// Answers one request and records it in the log.
pub(crate) async fn handle(
    state: Arc<State>,
    request: http::Request<Incoming>,
) -> Response<Full<Bytes>> {
    let received_at = SystemTime::now();
    AtomicCounters::bump(&state.counters.requests);
    let received = receive(request).await;

    let fault = lock(&state.faults).take(header_value(&received.headers, "x-tc-action"));
    if fault.is_some() {
        AtomicCounters::bump(&state.counters.faults_injected);
    }

    let mut reply = match &fault {
        Some(Fault::ServerError { status }) => Reply::html(*status),
        Some(Fault::Throttle) => Reply::error(ApiError::new(
            error_codes::REQUEST_LIMIT_EXCEEDED,
            "The request rate exceeds the limit of this action.",
        )),
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(*delay).await;
            answer(&state, &received)
        }
        Some(Fault::TruncatedBody) | None => answer(&state, &received),
    };
    if fault == Some(Fault::TruncatedBody) {
        reply.body.truncate(reply.body.len() / 2);
    }

    count(&state, &reply);
    tracing::debug!(
        action = header_value(&received.headers, "x-tc-action"),
        status = reply.status.as_u16(),
        code = reply.error.as_ref().map(|error| error.code.as_str()),
        request_id = reply.request_id.as_deref(),
        fault = ?fault,
        "answered a request",
    );

    let body = Bytes::from(reply.body);
    let mut response = Response::new(Full::new(body.clone()));
    *response.status_mut() = reply.status;
    let content_type = if reply.html {
        "text/html; charset=utf-8"
    } else {
        "application/json"
    };
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));

    let logged = LoggedRequest {
        received_at,
        method: received.method.to_string(),
        uri: received.uri.to_string(),
        headers: received.headers,
        raw_body: received.body.unwrap_or_default(),
        body: received.parsed,
        answer: Answer {
            status: reply.status.as_u16(),
            request_id: reply.request_id,
            error_code: reply.error.as_ref().map(|error| error.code.clone()),
            error_message: reply.error.map(|error| error.message),
            fault,
            body,
        },
    };
    lock(&state.log).push(logged);

    response
}

/// Reads the whole body, up to the size limit.
async fn receive(request: http::Request<Incoming>) -> Received {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => Some(collected.to_bytes()),
        Err(err) => {
            tracing::debug!(error = %err, "could not read a request body");
            None
        }
    };
    let parsed = body
        .as_ref()
        .and_then(|bytes| serde_json::from_slice(bytes).ok());
    Received {
        method: parts.method,
        uri: parts.uri,
        headers: header_pairs(&parts.headers),
        body,
        parsed,
    }
}

fn count(state: &State, reply: &Reply) {
    let counters = &state.counters;
    match &reply.error {
        Some(_) => AtomicCounters::bump(&counters.failed),
        None if !reply.html => AtomicCounters::bump(&counters.succeeded),
        None => {}
    }
}

/// Makes the service's checks in its order and picks the answer.
fn answer(state: &State, received: &Received) -> Reply {
    match checked_response(state, received) {
        Ok(response) => match stored_error(&response) {
            Some(error) => Reply::error(error),
            None => Reply::success(&response),
        },
        Err(error) => Reply::error(error),
    }
}

fn checked_response(state: &State, received: &Received) -> Result<Map<String, Value>, ApiError> {
    let header = |name: &str| header_value(&received.headers, name);

    if received.method != Method::POST || received.uri.path() != "/" {
        return Err(ApiError::new(
            error_codes::INVALID_REQUEST,
            format!(
                "The emulator answers only POST /, not {} {}.",
                received.method,
                received.uri.path()
            ),
        ));
    }
    let Some(body) = &received.body else {
        return Err(ApiError::new(
            error_codes::REQUEST_SIZE_LIMIT_EXCEEDED,
            format!("The request body could not be read whole or exceeds {MAX_BODY_BYTES} bytes."),
        ));
    };

    let signed = SignedRequest {
        method: received.method.as_str(),
        path: received.uri.path(),
        query: received.uri.query().unwrap_or(""),
        headers: &received.headers,
        body,
    };
    let verified = signature_check::verify(&signed, state.now_unix(), &state.credentials)?;

    check_language(header("x-tc-language"))?;
    let action_name = header("x-tc-action").ok_or_else(|| missing_header("X-TC-Action"))?;
    let version = header("x-tc-version").ok_or_else(|| missing_header("X-TC-Version"))?;
    let (service, action) = route(&state.services, &verified.service, action_name, version)?;

    if let Some(per_second) = action.quota_per_second.filter(|_| state.enforce_quota) {
        let key = QuotaKey {
            secret_id: verified.secret_id.clone(),
            service: verified.service.clone(),
            action: action_name.to_owned(),
        };
        if !lock(&state.quota).try_admit(key, per_second, Instant::now()) {
            AtomicCounters::bump(&state.counters.throttled_by_quota);
            return Err(ApiError::new(
                error_codes::REQUEST_LIMIT_EXCEEDED,
                format!(
                    "The request rate of action {action_name} exceeds its limit of {per_second} \
                     requests per second for this SecretId."
                ),
            ));
        }
    }

    let content_type = header("content-type").unwrap_or_default();
    if !content_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(ApiError::new(
            error_codes::INVALID_REQUEST,
            format!("The emulator accepts only JSON bodies, not Content-Type `{content_type}`."),
        ));
    }
    let parameters = match &received.parsed {
        Some(Value::Object(parameters)) => parameters.clone(),
        None if body.iter().all(u8::is_ascii_whitespace) => Map::new(),
        _ => {
            return Err(ApiError::new(
                error_codes::INVALID_REQUEST,
                "The request body is not a JSON object.",
            ));
        }
    };
    crate::validate::validate_parameters(service, &action.input, &parameters)?;

    let registered = lock(&state.responses)
        .pick(action_name, &parameters)
        .cloned();
    match registered {
        Some(registered) => response_object(&registered).cloned().ok_or_else(|| {
            ApiError::new(
                error_codes::INTERNAL_ERROR,
                format!("The response registered for {action_name} is not a JSON object."),
            )
        }),
        None => Ok(action.example.clone().unwrap_or_default()),
    }
}

fn missing_header(name: &str) -> ApiError {
    ApiError::new(
        error_codes::MISSING_PARAMETER,
        format!("The request is missing the required header {name}."),
    )
}
