//! The bodies the emulator sends: the API 3.0 JSON envelope and a gateway's HTML page.

use serde_json::{Map, Value, json};

use crate::api_error::ApiError;

/// `{"Response": {...response, "RequestId": id}}`; a `RequestId` in `response` is replaced.
pub(crate) fn success_body(response: &Map<String, Value>, request_id: &str) -> Vec<u8> {
    let mut response = response.clone();
    response.insert("RequestId".into(), Value::String(request_id.to_owned()));
    to_bytes(&json!({ "Response": response }))
}

/// `{"Response": {"Error": {"Code", "Message"}, "RequestId": id}}`.
pub(crate) fn error_body(error: &ApiError, request_id: &str) -> Vec<u8> {
    to_bytes(&json!({
        "Response": {
            "Error": {"Code": error.code, "Message": error.message},
            "RequestId": request_id,
        }
    }))
}

/// The HTML page a load balancer shows for a failing upstream.
pub(crate) fn html_error_page(status: http::StatusCode) -> String {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1>\
         </center>\r\n<hr><center>tencentcloud-emulator</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// Reads `Error.Code` and `Error.Message` back from a stored response, if it is an error.
pub(crate) fn stored_error(response: &Map<String, Value>) -> Option<ApiError> {
    let error = response.get("Error")?;
    let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default();
    Some(ApiError::new(text("Code"), text("Message")))
}

fn to_bytes(value: &Value) -> Vec<u8> {
    // Serializing a `Value` cannot fail: its keys are strings and it holds no foreign types.
    serde_json::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn success_carries_the_fresh_request_id() {
        let response = json!({"Info": {"ID": 1}, "RequestId": "stale"});
        let body = success_body(response.as_object().unwrap(), "fresh");
        assert_eq!(
            parse(&body),
            json!({"Response": {"Info": {"ID": 1}, "RequestId": "fresh"}})
        );
    }

    #[test]
    fn error_has_the_service_shape() {
        let body = error_body(&ApiError::new("InvalidAction", "No such action."), "id-1");
        assert_eq!(
            parse(&body),
            json!({"Response": {
                "Error": {"Code": "InvalidAction", "Message": "No such action."},
                "RequestId": "id-1"
            }})
        );
    }

    #[test]
    fn html_page_names_the_status() {
        let page = html_error_page(http::StatusCode::BAD_GATEWAY);
        assert!(
            page.starts_with("<html>") && page.contains("502 Bad Gateway"),
            "{page}"
        );
    }

    #[test]
    fn stored_errors_are_recognised() {
        let error = json!({"Error": {"Code": "ResourceNotFound", "Message": "gone"}});
        assert_eq!(
            stored_error(error.as_object().unwrap()),
            Some(ApiError::new("ResourceNotFound", "gone"))
        );
        assert_eq!(stored_error(json!({"Info": {}}).as_object().unwrap()), None);
    }
}
