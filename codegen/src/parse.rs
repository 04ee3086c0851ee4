//! Stage 1: serde types mirroring the spec files, read with the file name at hand.
//!
//! The mirrors accept unknown keys so a newer official description still parses. Each
//! action, object and member is decoded on its own so an error names where it happened.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};

use crate::error::CodegenError;

/// An `api.json` in Tencent's API 3.0 description format.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiDescription {
    /// The file it was read from, for error messages.
    pub path: PathBuf,
    /// Service name and version.
    pub metadata: Metadata,
    /// Actions by name.
    pub actions: BTreeMap<String, ActionDef>,
    /// Objects by name, including each action's input and output object.
    pub objects: BTreeMap<String, ObjectDef>,
}

/// The `metadata` block of a description.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Metadata {
    /// API version, such as `2020-11-01`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Short service name, such as `tcss`.
    #[serde(rename = "serviceShortName")]
    pub service_short_name: String,
}

/// One action of a description.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActionDef {
    /// HTML documentation.
    #[serde(default)]
    pub document: String,
    /// Name of the input object.
    pub input: String,
    /// Name of the output object.
    pub output: String,
    /// `online` or `deprecated`.
    #[serde(default)]
    pub status: Option<String>,
}

/// One object of a description.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ObjectDef {
    /// HTML documentation.
    #[serde(default)]
    pub document: String,
    /// The members in the description's order.
    #[serde(skip)]
    pub members: Vec<MemberDef>,
    /// `in`, `out` or `both` for data objects; absent on action inputs and outputs.
    #[serde(default)]
    pub usage: Option<String>,
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberDef {
    /// Name on the wire, such as `ClusterID`.
    pub name: String,
    /// `int`, `float`, `bool`, `string`, `list` or `object`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Element type: a primitive name or an object name.
    pub member: String,
    /// Whether a request must carry it.
    #[serde(default)]
    pub required: Option<bool>,
    /// Whether the service promises to return it.
    #[serde(default)]
    pub output_required: Option<bool>,
    /// Whether the service may return `null` for it.
    #[serde(default)]
    pub value_allowed_null: Option<bool>,
    /// Whether the description hides it.
    #[serde(default)]
    pub disabled: Option<bool>,
    /// HTML documentation.
    #[serde(default)]
    pub document: String,
}

/// The side file `service.json`: what the official format lacks.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServiceFile {
    /// The file it was read from, for error messages.
    #[serde(skip)]
    pub path: PathBuf,
    /// Short service name, such as `tcss`.
    pub service: String,
    /// API version, such as `2020-11-01`.
    pub version: String,
    /// The service's domains.
    pub endpoints: EndpointsDef,
    /// The actions to generate, with what the description lacks about them.
    pub actions: BTreeMap<String, ActionExtra>,
}

/// Domains of a service.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EndpointsDef {
    /// The international domain.
    pub international: String,
    /// The mainland China domain.
    pub mainland: String,
    /// The regional template with `{region}`.
    pub regional: String,
}

/// What the side file adds to one action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActionExtra {
    /// Whether the action only reads (retried more freely).
    pub read_only: bool,
    /// Requests per second the service allows.
    #[serde(default)]
    pub quota_per_second: Option<u32>,
    /// The action's own error codes.
    #[serde(default)]
    pub errors: Vec<ErrorCodeDef>,
}

/// An error code with its description.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ErrorCodeDef {
    /// The code, such as `ResourceNotFound` or `AuthFailure.SignatureExpire`.
    pub code: String,
    /// What it means, in plain text.
    pub description: String,
}

/// The file `common-errors.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CommonErrorsFile {
    /// The common error codes of API 3.0.
    pub errors: Vec<ErrorCodeDef>,
}

/// Reads a file into a string, naming it on failure.
pub fn read_text(path: &Path) -> Result<String, CodegenError> {
    std::fs::read_to_string(path).map_err(|source| CodegenError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses an `api.json` text; `path` only names the file in errors.
pub fn parse_api(path: &Path, text: &str) -> Result<ApiDescription, CodegenError> {
    let malformed = |reason: String| CodegenError::Malformed {
        path: path.to_path_buf(),
        reason,
    };

    let StrictValue(top) = serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
    let mut top = match top {
        serde_json::Value::Object(top) => top,
        other => return Err(malformed(format!("the top level is {}", kind(&other)))),
    };

    let metadata: Metadata =
        take_as(&mut top, "metadata", "the top level").map_err(|e| malformed(e.to_string()))?;

    let action_values = take_map(&mut top, "actions").map_err(malformed)?;
    let mut actions = BTreeMap::new();
    for (name, value) in action_values {
        let action: ActionDef = serde_json::from_value(value)
            .map_err(|e| malformed(format!("action `{name}`: {e}")))?;
        actions.insert(name, action);
    }

    let object_values = take_map(&mut top, "objects").map_err(malformed)?;
    let mut objects = BTreeMap::new();
    for (name, value) in object_values {
        let object = parse_object(&name, value).map_err(malformed)?;
        objects.insert(name, object);
    }

    Ok(ApiDescription {
        path: path.to_path_buf(),
        metadata,
        actions,
        objects,
    })
}

/// Parses a `service.json` text; `path` only names the file in errors.
pub fn parse_service(path: &Path, text: &str) -> Result<ServiceFile, CodegenError> {
    let mut service: ServiceFile = parse_whole(path, text)?;
    service.path = path.to_path_buf();
    Ok(service)
}

/// Parses a `common-errors.json` text; `path` only names the file in errors.
pub fn parse_common_errors(path: &Path, text: &str) -> Result<CommonErrorsFile, CodegenError> {
    parse_whole(path, text)
}

fn parse_whole<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, CodegenError> {
    serde_json::from_str(text).map_err(|e| CodegenError::Malformed {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

fn parse_object(name: &str, value: serde_json::Value) -> Result<ObjectDef, String> {
    let mut fields = match value {
        serde_json::Value::Object(fields) => fields,
        other => {
            return Err(format!(
                "object `{name}` is {}, not a JSON object",
                kind(&other)
            ));
        }
    };

    let members = fields.remove("members").unwrap_or(serde_json::Value::Null);
    let mut object: ObjectDef = serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|e| format!("object `{name}`: {e}"))?;

    let members = match members {
        serde_json::Value::Array(members) => members,
        serde_json::Value::Null => return Err(format!("object `{name}` has no `members` list")),
        other => return Err(format!("object `{name}` has `members` {}", kind(&other))),
    };
    for (index, member) in members.into_iter().enumerate() {
        let label = member
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(|n| format!("member `{n}`"))
            .unwrap_or_else(|| format!("member #{}", index + 1));
        let member: MemberDef =
            serde_json::from_value(member).map_err(|e| format!("object `{name}`, {label}: {e}"))?;
        object.members.push(member);
    }

    Ok(object)
}

fn take_as<T: DeserializeOwned>(
    top: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    place: &str,
) -> Result<T, String> {
    let value = top
        .remove(key)
        .ok_or_else(|| format!("{place} has no `{key}`"))?;
    serde_json::from_value(value).map_err(|e| format!("`{key}`: {e}"))
}

fn take_map(
    top: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Vec<(String, serde_json::Value)>, String> {
    match top.remove(key) {
        Some(serde_json::Value::Object(map)) => Ok(map.into_iter().collect()),
        Some(other) => Err(format!("`{key}` is {}, not a JSON object", kind(&other))),
        None => Err(format!("the top level has no `{key}`")),
    }
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Any JSON value, rejecting an object that repeats a key at any depth: plain maps keep the
/// last duplicate silently, which would hide a second definition of an action or object.
struct StrictValue(serde_json::Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictValueVisitor)
    }
}

struct StrictValueVisitor;

impl<'de> Visitor<'de> for StrictValueVisitor {
    type Value = StrictValue;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(value.into()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(value.into()))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(value.into()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Value::Null))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut access: A) -> Result<StrictValue, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = access.next_element()? {
            items.push(item);
        }
        Ok(StrictValue(serde_json::Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<StrictValue, A::Error> {
        let mut map = serde_json::Map::new();
        while let Some((key, StrictValue(value))) = access.next_entry::<String, StrictValue>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!("`{key}` is defined twice")));
            }
            map.insert(key, value);
        }
        Ok(StrictValue(serde_json::Value::Object(map)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(text: &str) -> Result<ApiDescription, String> {
        parse_api(Path::new("spec/x/api.json"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_a_minimal_description_and_tolerates_unknown_keys() {
        let parsed = api(r#"{
            "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "x", "extra": 1},
            "actions": {"Get": {"input": "GetRequest", "output": "GetResponse", "new": true}},
            "objects": {"GetRequest": {"members": [
                {"name": "ID", "type": "int", "member": "uint64", "required": true, "z": 0}
            ], "type": "object"}},
            "version": "1.0"
        }"#)
        .unwrap();

        assert_eq!(parsed.metadata.service_short_name, "x");
        assert_eq!(parsed.actions["Get"].input, "GetRequest");
        let member = &parsed.objects["GetRequest"].members[0];
        assert_eq!((member.name.as_str(), member.required), ("ID", Some(true)));
    }

    #[test]
    fn malformed_files_name_file_and_place() {
        let cases = [
            ("{", "spec/x/api.json is malformed: EOF while parsing"),
            (
                r#"{"actions": {}, "objects": {}}"#,
                "the top level has no `metadata`",
            ),
            (
                r#"{"metadata": {"apiVersion": "1", "serviceShortName": "x"},
                    "actions": {"A": {"input": "AReq"}}, "objects": {}}"#,
                "action `A`: missing field `output`",
            ),
            (
                r#"{"metadata": {"apiVersion": "1", "serviceShortName": "x"}, "actions": {},
                    "objects": {"O": {"members": [{"name": "M", "member": "string"}]}}}"#,
                "object `O`, member `M`: missing field `type`",
            ),
            (
                r#"{"metadata": {"apiVersion": "1", "serviceShortName": "x"}, "actions": {},
                    "objects": {"O": {"members": []}, "O": {"members": []}}}"#,
                "`O` is defined twice",
            ),
            (
                r#"{"metadata": {"apiVersion": "1", "serviceShortName": "x"}, "actions": {},
                    "objects": {"O": {"document": "no members"}}}"#,
                "object `O` has no `members` list",
            ),
        ];

        for (text, expected) in cases {
            let message = api(text).unwrap_err();
            assert!(message.contains(expected), "{message:?} lacks {expected:?}");
            assert!(
                message.starts_with("spec/x/api.json is malformed"),
                "{message}"
            );
        }
    }

    #[test]
    fn side_file_errors_name_the_file() {
        let err = parse_service(Path::new("spec/x/service.json"), r#"{"service": "x"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("spec/x/service.json is malformed: missing field"),
            "{err}"
        );
    }
}
