//! Reading values that the service may have written as JSON inside JSON strings.
//!
//! Parts of an event arrive as JSON text inside a JSON string, sometimes two or three levels
//! deep, and sometimes as the plain structure. Each function here accepts both forms, treats
//! null and blank text as absent, and reports anything else that does not fit as a
//! [`ParseError`] at the [`Location`] it is given. None of them panics on any input.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::error::{Location, ParseError};

/// How many JSON strings may be wrapped around one value before decoding gives up. Real
/// events nest three; the bound keeps hostile input from costing quadratic time.
pub(crate) const MAX_LAYERS: usize = 8;

/// Text after JSON strings have been peeled off it.
enum Peeled {
    /// Nothing but whitespace was left.
    Empty,

    /// Text that was not to be decoded, trimmed.
    Bare(String),

    /// The first decoded value that is not a string.
    Decoded(Value),
}

/// Decodes `text` as JSON, and again while the result is a JSON string, stopping at text for
/// which `is_encoded` says it is plain text rather than JSON.
fn peel(
    text: &str,
    location: &Location,
    is_encoded: fn(&str) -> bool,
) -> Result<Peeled, ParseError> {
    let mut text = Cow::Borrowed(text);

    for _ in 0..MAX_LAYERS {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(Peeled::Empty);
        }

        if !is_encoded(trimmed) {
            return Ok(Peeled::Bare(trimmed.to_owned()));
        }

        match serde_json::from_str(trimmed) {
            Ok(Value::String(inner)) => text = Cow::Owned(inner),
            Ok(decoded) => return Ok(Peeled::Decoded(decoded)),
            Err(reason) => {
                return Err(ParseError::InvalidJson {
                    location: location.clone(),
                    reason,
                });
            }
        }
    }

    Err(ParseError::TooManyLayers {
        location: location.clone(),
    })
}

/// Whether text begins like a JSON list, object or string.
fn starts_like_json(text: &str) -> bool {
    text.starts_with(['[', '{', '"'])
}

/// Whether text begins like a JSON string.
fn starts_like_json_string(text: &str) -> bool {
    text.starts_with('"')
}

/// Any JSON value, decoded from the JSON strings around it. `None` for null or blank text.
pub(super) fn json(value: &Value, location: &Location) -> Result<Option<Value>, ParseError> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => json_in_text(text, location),
        other => Ok(Some(other.clone())),
    }
}

/// Any JSON value held by `text`, decoded from the JSON strings around it. `None` for null or
/// blank text.
pub(super) fn json_in_text(text: &str, location: &Location) -> Result<Option<Value>, ParseError> {
    match peel(text, location, |_| true)? {
        Peeled::Empty | Peeled::Decoded(Value::Null) => Ok(None),
        Peeled::Bare(text) => Ok(Some(Value::String(text))),
        Peeled::Decoded(value) => Ok(Some(value)),
    }
}

/// A JSON object, decoded from the JSON strings around it. `None` for null or blank text.
pub(super) fn object(
    value: &Value,
    location: &Location,
) -> Result<Option<Map<String, Value>>, ParseError> {
    match json(value, location)? {
        None => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(ParseError::shape(location, "a JSON object", &other)),
    }
}

/// A JSON object held by `text`, decoded from the JSON strings around it. `None` for null or
/// blank text.
pub(super) fn object_in_text(
    text: &str,
    location: &Location,
) -> Result<Option<Map<String, Value>>, ParseError> {
    object(&Value::String(text.to_owned()), location)
}

/// Text; numbers and true/false become their JSON spelling. `None` for null or blank text.
pub(super) fn text(value: &Value, location: &Location) -> Result<Option<String>, ParseError> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) if text.trim().is_empty() => Ok(None),
        Value::String(text) => Ok(Some(text.clone())),
        Value::Bool(_) | Value::Number(_) => Ok(Some(value.to_string())),
        other => Err(ParseError::shape(location, "text", other)),
    }
}

/// A list of text: a JSON list, a JSON string holding one (at any depth), or a single bare
/// item such as `10.0.0.4`, the form rule scopes use for the same fields. Empty for null or
/// blank text.
pub(super) fn text_list(value: &Value, location: &Location) -> Result<Vec<String>, ParseError> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| list_item(item, &location.item(index)))
            .collect(),
        Value::String(text) => match peel(text, location, starts_like_json)? {
            Peeled::Empty => Ok(Vec::new()),
            Peeled::Bare(item) => Ok(vec![item]),
            Peeled::Decoded(decoded) => text_list(&decoded, location),
        },
        other => Err(ParseError::shape(location, "a list of text", other)),
    }
}

/// One item of a list of text; numbers and true/false become their JSON spelling.
fn list_item(value: &Value, location: &Location) -> Result<String, ParseError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Bool(_) | Value::Number(_) => Ok(value.to_string()),
        other => Err(ParseError::shape(location, "text", other)),
    }
}

/// An HTTP status code, given as a number or as text (`"200"`, also inside JSON strings).
/// `None` for null or blank text.
pub(super) fn status_code(value: &Value, location: &Location) -> Result<Option<u16>, ParseError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(number) => number
            .as_u64()
            .and_then(|code| u16::try_from(code).ok())
            .map(Some)
            .ok_or_else(|| ParseError::status_code(location, &number.to_string())),
        Value::String(text) => match peel(text, location, starts_like_json_string)? {
            Peeled::Empty => Ok(None),
            Peeled::Bare(digits) => digits
                .parse()
                .map(Some)
                .map_err(|_| ParseError::status_code(location, &digits)),
            Peeled::Decoded(decoded) => status_code(&decoded, location),
        },
        other => Err(ParseError::shape(location, "a status code", other)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn at() -> Location {
        Location::field("Field")
    }

    /// Wraps `value` in `layers` JSON strings, as the service does.
    fn encoded(value: Value, layers: usize) -> Value {
        (0..layers).fold(value, |inner, _| Value::String(inner.to_string()))
    }

    #[test]
    fn json_values_are_unwrapped_from_any_number_of_strings() {
        let cases: &[(Value, Option<Value>)] = &[
            (json!(null), None),
            (json!(""), None),
            (json!("  \n"), None),
            (json!("null"), None),
            (json!({"a": 1}), Some(json!({"a": 1}))),
            (json!("{\"a\": 1}"), Some(json!({"a": 1}))),
            (encoded(json!({"a": "b"}), 3), Some(json!({"a": "b"}))),
            (encoded(json!([1, 2]), 2), Some(json!([1, 2]))),
            (json!(7), Some(json!(7))),
            (json!("7"), Some(json!(7))),
        ];

        for (input, expected) in cases {
            let decoded = json(input, &at()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(&decoded, expected, "input {input}");
        }
    }

    #[test]
    fn json_values_that_are_not_json_are_errors() {
        for input in [
            json!("{"),
            json!("{\"a\":}"),
            json!("plain words"),
            json!("\"{\\\"a\\\"\""),
        ] {
            let error = json(&input, &at()).expect_err(&input.to_string());
            assert!(
                matches!(error, ParseError::InvalidJson { .. }),
                "{input}: {error}"
            );
            assert_eq!(error.location(), &at());
        }
    }

    #[test]
    fn nesting_deeper_than_the_bound_is_an_error() {
        assert!(json(&encoded(json!({}), MAX_LAYERS), &at()).is_ok());

        let error = json(&encoded(json!({}), MAX_LAYERS + 1), &at()).unwrap_err();
        assert!(matches!(error, ParseError::TooManyLayers { .. }), "{error}");
    }

    #[test]
    fn objects_reject_other_kinds() {
        let cases = [
            (json!([]), "a list"),
            (json!("[1]"), "a list"),
            (json!(3), "a number"),
            (json!(true), "true or false"),
            (json!("\"5\""), "a number"),
        ];

        for (input, found) in cases {
            match object(&input, &at()) {
                Err(ParseError::UnexpectedShape {
                    found: actual,
                    expected,
                    ..
                }) => {
                    assert_eq!(actual, found, "input {input}");
                    assert_eq!(expected, "a JSON object");
                }
                other => panic!("{input}: expected a shape error, got {other:?}"),
            }
        }
    }

    #[test]
    fn text_lists_accept_every_form_the_service_uses() {
        let cases: &[(Value, &[&str])] = &[
            (json!(null), &[]),
            (json!(""), &[]),
            (json!(" "), &[]),
            (json!("[]"), &[]),
            (json!(["a", "b"]), &["a", "b"]),
            (json!("[\"10.0.0.4\"]"), &["10.0.0.4"]),
            (encoded(json!(["x", "y"]), 2), &["x", "y"]),
            (json!("10.255.0.43"), &["10.255.0.43"]),
            (json!(" system:anonymous "), &["system:anonymous"]),
            (json!("\"10.0.0.4\""), &["10.0.0.4"]),
            (json!([1, true, ""]), &["1", "true", ""]),
            (json!("null"), &["null"]),
        ];

        for (input, expected) in cases {
            let list = text_list(input, &at()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(&list, expected, "input {input}");
        }
    }

    #[test]
    fn text_lists_report_the_offending_item() {
        let cases = [
            (json!("[\"a\""), Location::field("Field")),
            (json!("{\"a\": 1}"), Location::field("Field")),
            (json!(3), Location::field("Field")),
            (json!(["a", {"b": 1}]), Location::field("Field[1]")),
            (json!("[[\"a\"]]"), Location::field("Field[0]")),
        ];

        for (input, location) in cases {
            let error = text_list(&input, &at()).expect_err(&input.to_string());
            assert_eq!(error.location(), &location, "input {input}: {error}");
        }
    }

    #[test]
    fn status_codes_are_read_from_numbers_and_text() {
        let cases: &[(Value, Option<u16>)] = &[
            (json!(null), None),
            (json!(""), None),
            (json!(200), Some(200)),
            (json!("200"), Some(200)),
            (json!(" 404 "), Some(404)),
            (json!("\"503\""), Some(503)),
            (encoded(json!("201"), 2), Some(201)),
            (json!(0), Some(0)),
            (json!(65535), Some(65535)),
            (json!("\"\""), None),
        ];

        for (input, expected) in cases {
            let code = status_code(input, &at()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(&code, expected, "input {input}");
        }
    }

    #[test]
    fn status_codes_that_are_not_whole_numbers_in_range_are_errors() {
        let cases = [
            (json!("OK"), "OK"),
            (json!(-1), "-1"),
            (json!(65536), "65536"),
            (json!(200.5), "200.5"),
            (json!("2OO"), "2OO"),
        ];

        for (input, value) in cases {
            match status_code(&input, &at()) {
                Err(ParseError::InvalidStatusCode { value: actual, .. }) => {
                    assert_eq!(actual, value, "input {input}");
                }
                other => panic!("{input}: expected a status code error, got {other:?}"),
            }
        }

        let long = "9".repeat(100);
        let error = status_code(&Value::String(long), &at()).unwrap_err();
        assert!(
            error
                .to_string()
                .contains(&format!("`{}...`", "9".repeat(64))),
            "{error}"
        );
    }

    #[test]
    fn text_accepts_scalars_and_rejects_structures() {
        let cases: &[(Value, Option<&str>)] = &[
            (json!(null), None),
            (json!(""), None),
            (json!("list"), Some("list")),
            (json!(12), Some("12")),
            (json!(false), Some("false")),
        ];

        for (input, expected) in cases {
            let value = text(input, &at()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(value.as_deref(), *expected, "input {input}");
        }

        assert!(text(&json!([]), &at()).is_err());
        assert!(text(&json!({}), &at()).is_err());
    }
}
