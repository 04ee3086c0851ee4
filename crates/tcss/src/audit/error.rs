//! What can go wrong while reading a JSON-in-string field, and where it went wrong.

use std::fmt;

use serde_json::Value;

use super::decode::MAX_LAYERS;

/// The longest excerpt of an offending value that an error message quotes.
const EXCERPT_CHARS: usize = 64;

/// The place in the event that a [`ParseError`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The event's `Info` string as a whole.
    AuditRecord,

    /// One field of the audit record, named as the service names it. Members of a nested
    /// object follow a dot and list items their index: `RequestUser.groups[1]`.
    AuditRecordField(String),

    /// The `Scope` string of the event's `MatchRule`.
    MatchRuleScope,

    /// The event's `HighLightFieldsVal` string.
    HighlightValues,
}

impl Location {
    /// The path of the audit record field, when the location is one.
    pub fn field_path(&self) -> Option<&str> {
        match self {
            Location::AuditRecordField(path) => Some(path),
            _ => None,
        }
    }

    /// The location of the audit record field `name`.
    pub(super) fn field(name: &str) -> Location {
        Location::AuditRecordField(name.to_owned())
    }

    /// The location of the member `name` of the object at this location.
    pub(super) fn member(&self, name: &str) -> Location {
        match self {
            Location::AuditRecord => Location::field(name),
            Location::AuditRecordField(path) => {
                Location::AuditRecordField(format!("{path}.{name}"))
            }
            other => other.clone(),
        }
    }

    /// The location of the item at `index` of the list at this location.
    pub(super) fn item(&self, index: usize) -> Location {
        match self {
            Location::AuditRecordField(path) => {
                Location::AuditRecordField(format!("{path}[{index}]"))
            }
            other => other.clone(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::AuditRecord => f.write_str("the audit record (`Info`)"),
            Location::AuditRecordField(path) => write!(f, "the audit record field `{path}`"),
            Location::MatchRuleScope => f.write_str("the match rule scope (`MatchRule.Scope`)"),
            Location::HighlightValues => {
                f.write_str("the highlighted field values (`HighLightFieldsVal`)")
            }
        }
    }
}

/// A JSON-in-string field of an event that could not be read.
///
/// Every variant names the [`Location`] it is about; [`ParseError::location`] returns it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The text at the location should hold JSON but does not.
    #[error("{location} is not valid JSON: {reason}")]
    InvalidJson {
        /// Where the text was found.
        location: Location,
        /// What the JSON parser objected to.
        reason: serde_json::Error,
    },

    /// The value at the location is valid JSON of the wrong kind.
    #[error("{location} holds {found} where {expected} was expected")]
    UnexpectedShape {
        /// Where the value was found.
        location: Location,
        /// The kind of value that was expected, such as "a JSON object".
        expected: &'static str,
        /// The kind of value that was found, such as "a list".
        found: &'static str,
    },

    /// The value at the location is not an HTTP status code.
    #[error(
        "{location} holds `{value}`, which is not a status code (a whole number from 0 to 65535)"
    )]
    InvalidStatusCode {
        /// Where the value was found.
        location: Location,
        /// The start of the offending value.
        value: String,
    },

    /// The value at the location is a JSON string inside a JSON string, and so on, more
    /// often than any real event nests them.
    #[error("{location} is wrapped in more than {MAX_LAYERS} layers of JSON strings")]
    TooManyLayers {
        /// Where the value was found.
        location: Location,
    },
}

impl ParseError {
    /// The place in the event that the error is about.
    pub fn location(&self) -> &Location {
        match self {
            ParseError::InvalidJson { location, .. }
            | ParseError::UnexpectedShape { location, .. }
            | ParseError::InvalidStatusCode { location, .. }
            | ParseError::TooManyLayers { location } => location,
        }
    }

    /// An error for the wrong kind of value: `found` where `expected` should be.
    pub(super) fn shape(location: &Location, expected: &'static str, found: &Value) -> ParseError {
        ParseError::UnexpectedShape {
            location: location.clone(),
            expected,
            found: kind(found),
        }
    }

    /// An error for a value that is not a status code, quoting at most the start of it.
    pub(super) fn status_code(location: &Location, value: &str) -> ParseError {
        let mut excerpt: String = value.chars().take(EXCERPT_CHARS).collect();
        if value.chars().nth(EXCERPT_CHARS).is_some() {
            excerpt.push_str("...");
        }

        ParseError::InvalidStatusCode {
            location: location.clone(),
            value: excerpt,
        }
    }
}

/// The kind of a JSON value, as an error message names it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a JSON object",
    }
}
