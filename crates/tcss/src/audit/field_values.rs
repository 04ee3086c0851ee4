//! The maps from audit record field to value that an event carries as JSON text: the scope
//! of the rule it matched and the values that made it match.

use std::collections::BTreeMap;

use serde_json::Value;

use super::decode;
use super::error::{Location, ParseError};

/// Audit record field names (`RequestUser`, `SourceIPS`, ...) and the text given for each.
///
/// Values are kept as the service wrote them: text stays text, including text that looks
/// like JSON, and any other JSON value becomes its JSON spelling (`200`, `true`, `["a"]`);
/// null becomes empty text.
pub type FieldValues = BTreeMap<String, String>;

/// Reads the `Scope` string of a `MatchRule`: which values of which audit record fields the
/// rule matches, such as `{"RequestUser": "system:anonymous"}`.
///
/// Blank text gives an empty map; anything but a JSON object (possibly inside JSON strings)
/// is an error.
pub fn parse_scope(scope: &str) -> Result<FieldValues, ParseError> {
    field_values(scope, &Location::MatchRuleScope)
}

/// Reads an event's `HighLightFieldsVal` string: the matched value of each highlighted
/// audit record field.
///
/// Blank text gives an empty map; anything but a JSON object (possibly inside JSON strings)
/// is an error.
pub fn parse_highlight_values(values: &str) -> Result<FieldValues, ParseError> {
    field_values(values, &Location::HighlightValues)
}

/// Reads a JSON object of field names and values from `text`.
fn field_values(text: &str, location: &Location) -> Result<FieldValues, ParseError> {
    let Some(object) = decode::object_in_text(text, location)? else {
        return Ok(FieldValues::new());
    };

    Ok(object
        .into_iter()
        .map(|(name, value)| (name, value_text(value)))
        .collect())
}

/// The text of one value of a field map.
fn value_text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_become_maps_of_text() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("  ", &[]),
            ("{}", &[]),
            ("null", &[]),
            (
                r#"{"RequestUser": "system:anonymous", "RequestUserGroups": "system:anonymous"}"#,
                &[
                    ("RequestUser", "system:anonymous"),
                    ("RequestUserGroups", "system:anonymous"),
                ],
            ),
            (r#""{\"Verb\":\"update\"}""#, &[("Verb", "update")]),
            (
                r#"{"ResponseStatusCode": 200, "Privileged": true, "Gone": null}"#,
                &[
                    ("Gone", ""),
                    ("Privileged", "true"),
                    ("ResponseStatusCode", "200"),
                ],
            ),
            (
                r#"{"SourceIPS": ["10.0.0.4"]}"#,
                &[("SourceIPS", r#"["10.0.0.4"]"#)],
            ),
            (
                r#"{"SourceIPS": "[\"10.0.0.4\"]"}"#,
                &[("SourceIPS", r#"["10.0.0.4"]"#)],
            ),
        ];

        for (input, expected) in cases {
            let map = parse_scope(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            let expected: FieldValues = expected
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(map, expected, "input {input}");

            let map = parse_highlight_values(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(map, expected, "input {input}");
        }
    }

    #[test]
    fn scopes_that_are_not_objects_are_errors_naming_the_member() {
        let cases = [
            r#"{"RequestURI":"/apis/","RequestUser":""name":"leader")\""}"#,
            "{",
            "[]",
            r#""[1]""#,
            "7",
            "RequestUser=system:anonymous",
        ];

        for input in cases {
            let error = parse_scope(input).expect_err(input);
            assert_eq!(error.location(), &Location::MatchRuleScope, "{input}");
            assert!(
                error
                    .to_string()
                    .starts_with("the match rule scope (`MatchRule.Scope`) ")
            );

            let error = parse_highlight_values(input).expect_err(input);
            assert_eq!(error.location(), &Location::HighlightValues, "{input}");
            assert!(
                error.to_string().contains("`HighLightFieldsVal`"),
                "{error}"
            );
        }
    }
}
