//! The service description the emulator serves, read from the files in `spec/`.
//!
//! Only what the emulator needs is parsed: from `api.json` the version, the actions and the
//! members of the objects their requests use (name, type, element type, required); from
//! `service.json` which actions are served and their quotas; from `examples/<Action>.json`
//! the example responses. Unknown keys are ignored, so a newer official file still loads.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};
use thiserror::Error;

/// One version of one service, ready to be served.
#[derive(Debug, Clone)]
pub struct ServiceDescription {
    name: String,
    version: String,
    actions: BTreeMap<String, ActionDescription>,
    objects: BTreeMap<String, Vec<MemberShape>>,
}

/// What the emulator knows about one action.
#[derive(Debug, Clone)]
pub(crate) struct ActionDescription {
    /// The object that describes the request parameters.
    pub(crate) input: String,
    /// Requests allowed per second per SecretId, if limited.
    pub(crate) quota_per_second: Option<u32>,
    /// The value of `Response` in the example response, if there is one.
    pub(crate) example: Option<Map<String, Value>>,
}

/// One member of a request object, as the validator needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemberShape {
    /// The member name as sent on the wire.
    pub(crate) name: String,
    /// Whether the member is a list of `value`.
    pub(crate) list: bool,
    /// The type of the value, or of each element of a list.
    pub(crate) value: ValueShape,
    /// Whether a request must carry the member.
    pub(crate) required: bool,
}

/// The JSON form a member's value must take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ValueShape {
    /// A non-negative integer that fits 64 bits.
    UInt64,
    /// A signed integer that fits 64 bits.
    Int64,
    /// Any JSON string (also dates and times, which are strings on the wire).
    String,
    /// `true` or `false`.
    Bool,
    /// Any JSON number.
    Float,
    /// A JSON object described by the named object.
    Object(String),
}

/// A spec file that cannot be read or served; the message names the file and the item.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SpecError {
    /// A file could not be read.
    #[error("could not read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file is not JSON of the expected shape.
    #[error("{file} is not a valid description: {source}")]
    Json {
        /// The file.
        file: String,
        /// What serde reported, with line and column.
        source: serde_json::Error,
    },
    /// The file contents contradict each other or cannot be served.
    #[error("{file}: {problem}")]
    Invalid {
        /// The file that holds the offending item.
        file: String,
        /// A sentence naming the action, object or member concerned.
        problem: String,
    },
    /// A directory holds no service description.
    #[error("found no service.json under {root} (expected <service>/<version>/service.json)")]
    NoService {
        /// The directory searched.
        root: PathBuf,
    },
}

/// The raw text of one service's spec files.
pub(crate) struct SpecSources<'a> {
    /// Where the files came from, for error messages (`spec/tcss/v20201101`).
    pub(crate) origin: &'a str,
    /// `api.json`.
    pub(crate) api: &'a str,
    /// `service.json`.
    pub(crate) service: &'a str,
    /// `examples/<Action>.json`, by action name.
    pub(crate) examples: Vec<(String, &'a str)>,
}

#[derive(Deserialize)]
struct ApiFile {
    metadata: ApiMetadata,
    actions: BTreeMap<String, ApiAction>,
    objects: BTreeMap<String, ApiObject>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiMetadata {
    api_version: String,
    service_short_name: String,
}

#[derive(Deserialize)]
struct ApiAction {
    input: String,
}

#[derive(Deserialize)]
struct ApiObject {
    members: Vec<ApiMember>,
}

#[derive(Deserialize)]
struct ApiMember {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    member: String,
    #[serde(default)]
    required: bool,
}

#[derive(Deserialize)]
struct ServiceFile {
    service: String,
    version: String,
    actions: BTreeMap<String, ServiceAction>,
}

#[derive(Deserialize)]
struct ServiceAction {
    quota_per_second: Option<u32>,
}

impl ServiceDescription {
    /// Loads one service version from a directory holding `api.json`, `service.json` and
    /// optionally `examples/<Action>.json`.
    pub fn load(dir: &Path) -> Result<Self, SpecError> {
        let api = read(&dir.join("api.json"))?;
        let service = read(&dir.join("service.json"))?;

        let mut examples = Vec::new();
        let examples_dir = dir.join("examples");
        if examples_dir.is_dir() {
            for entry in read_dir(&examples_dir)? {
                let Some(action) = entry.file_stem().and_then(|stem| stem.to_str()) else {
                    continue;
                };
                if entry.extension().is_some_and(|ext| ext == "json") {
                    examples.push((action.to_owned(), read(&entry)?));
                }
            }
        }

        let origin = dir.display().to_string();
        ServiceDescription::parse(&SpecSources {
            origin: &origin,
            api: &api,
            service: &service,
            examples: examples
                .iter()
                .map(|(action, text)| (action.clone(), text.as_str()))
                .collect(),
        })
    }

    /// Loads every service version under a spec root laid out as
    /// `<root>/<service>/<version>/service.json`, like the repository's `spec/`.
    pub fn load_all(root: &Path) -> Result<Vec<Self>, SpecError> {
        let mut services = Vec::new();
        for service_dir in read_dir(root)?.into_iter().filter(|path| path.is_dir()) {
            for version_dir in read_dir(&service_dir)? {
                if version_dir.join("service.json").is_file() {
                    services.push(ServiceDescription::load(&version_dir)?);
                }
            }
        }
        if services.is_empty() {
            return Err(SpecError::NoService {
                root: root.to_owned(),
            });
        }
        Ok(services)
    }

    /// Builds a description from the text of its files.
    pub(crate) fn parse(sources: &SpecSources<'_>) -> Result<Self, SpecError> {
        let origin = sources.origin;
        let api_name = format!("{origin}/api.json");
        let service_name = format!("{origin}/service.json");
        let api: ApiFile = parse_json(&api_name, sources.api)?;
        let service: ServiceFile = parse_json(&service_name, sources.service)?;
        let invalid = |file: &str, problem: String| SpecError::Invalid {
            file: file.into(),
            problem,
        };

        if api.metadata.service_short_name != service.service
            || api.metadata.api_version != service.version
        {
            return Err(invalid(
                &service_name,
                format!(
                    "it describes {} {} but api.json describes {} {}",
                    service.service,
                    service.version,
                    api.metadata.service_short_name,
                    api.metadata.api_version
                ),
            ));
        }

        let mut actions = BTreeMap::new();
        let mut objects = BTreeMap::new();
        for (name, side) in &service.actions {
            let Some(action) = api.actions.get(name) else {
                return Err(invalid(
                    &service_name,
                    format!("action {name} is listed but api.json does not describe it"),
                ));
            };
            collect_objects(&api, &action.input, &mut objects)
                .map_err(|problem| invalid(&api_name, format!("action {name}: {problem}")))?;

            let example = match sources.examples.iter().find(|(action, _)| action == name) {
                Some((_, text)) => Some(parse_example(
                    &format!("{origin}/examples/{name}.json"),
                    text,
                )?),
                None => None,
            };
            let description = ActionDescription {
                input: action.input.clone(),
                quota_per_second: side.quota_per_second,
                example,
            };
            actions.insert(name.clone(), description);
        }

        Ok(ServiceDescription {
            name: service.service,
            version: service.version,
            actions,
            objects,
        })
    }

    /// The service name, which clients put in the credential scope (`tcss`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The API version, which clients send as `X-TC-Version` (`2020-11-01`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The names of the actions served.
    pub fn action_names(&self) -> impl Iterator<Item = &str> {
        self.actions.keys().map(String::as_str)
    }

    /// The quota of an action in requests per second per SecretId, if it is served and limited.
    pub fn quota_per_second(&self, action: &str) -> Option<u32> {
        self.actions.get(action)?.quota_per_second
    }

    /// The description of a served action.
    pub(crate) fn action(&self, action: &str) -> Option<&ActionDescription> {
        self.actions.get(action)
    }

    /// The members of a request object (only objects reachable from an action's input).
    pub(crate) fn object(&self, name: &str) -> Option<&[MemberShape]> {
        self.objects.get(name).map(Vec::as_slice)
    }
}

/// Resolves `name` and every object its members reach into `objects`.
fn collect_objects(
    api: &ApiFile,
    name: &str,
    objects: &mut BTreeMap<String, Vec<MemberShape>>,
) -> Result<(), String> {
    if objects.contains_key(name) {
        return Ok(());
    }
    let object = api
        .objects
        .get(name)
        .ok_or_else(|| format!("object {name} is not described"))?;

    // Insert before recursing so a self-referencing object terminates.
    objects.insert(name.to_owned(), Vec::new());
    let mut members = Vec::with_capacity(object.members.len());
    for member in &object.members {
        let shape = member_shape(api, member)
            .map_err(|problem| format!("member {name}.{}: {problem}", member.name))?;
        if let ValueShape::Object(target) = &shape.value {
            collect_objects(api, target, objects)?;
        }
        members.push(shape);
    }
    objects.insert(name.to_owned(), members);
    Ok(())
}

/// Maps the `type` and `member` of one member to the shape the validator checks.
fn member_shape(api: &ApiFile, member: &ApiMember) -> Result<MemberShape, String> {
    let element = match member.member.as_str() {
        "uint64" => ValueShape::UInt64,
        "int64" => ValueShape::Int64,
        "string" | "date" | "datetime" | "datetime_iso" => ValueShape::String,
        "bool" => ValueShape::Bool,
        "float" | "double" => ValueShape::Float,
        object if api.objects.contains_key(object) => ValueShape::Object(object.to_owned()),
        other => {
            return Err(format!(
                "element type `{other}` is neither a scalar nor an object"
            ));
        }
    };

    let fits = matches!(
        (member.kind.as_str(), &element),
        ("int", ValueShape::UInt64 | ValueShape::Int64)
            | ("string", ValueShape::String)
            | ("bool", ValueShape::Bool)
            | ("float", ValueShape::Float)
            | ("object", ValueShape::Object(_))
            | ("list", _)
    );
    if !fits {
        return Err(format!(
            "type `{}` does not go with element type `{}`",
            member.kind, member.member
        ));
    }

    Ok(MemberShape {
        name: member.name.clone(),
        list: member.kind == "list",
        value: element,
        required: member.required,
    })
}

/// Parses an example file: the whole envelope, `{"Response": {...}}`.
fn parse_example(file: &str, text: &str) -> Result<Map<String, Value>, SpecError> {
    let envelope: Value = parse_json(file, text)?;
    match envelope.get("Response") {
        Some(Value::Object(response)) => Ok(response.clone()),
        _ => Err(SpecError::Invalid {
            file: file.to_owned(),
            problem: "an example must be an object with a `Response` object".into(),
        }),
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, SpecError> {
    serde_json::from_str(text).map_err(|source| SpecError::Json {
        file: file.to_owned(),
        source,
    })
}

fn read(path: &Path) -> Result<String, SpecError> {
    fs::read_to_string(path).map_err(|source| SpecError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The entries of a directory, sorted so loading is deterministic.
fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let read_error = |source| SpecError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_error)? {
        entries.push(entry.map_err(read_error)?.path());
    }
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = r#"{
        "version": "1.0",
        "metadata": {"apiVersion": "2020-11-01", "serviceShortName": "tcss", "extra": 1},
        "actions": {
            "DescribeThing": {"input": "DescribeThingRequest", "output": "DescribeThingResponse"},
            "Unserved": {"input": "UnservedRequest", "output": "UnservedResponse"}
        },
        "objects": {
            "DescribeThingRequest": {"type": "object", "members": [
                {"name": "ID", "type": "int", "member": "uint64", "required": true},
                {"name": "Filters", "type": "list", "member": "Filter"},
                {"name": "Since", "type": "string", "member": "date"}
            ]},
            "Filter": {"type": "object", "members": [
                {"name": "Name", "type": "string", "member": "string", "required": true},
                {"name": "Next", "type": "object", "member": "Filter"}
            ]},
            "DescribeThingResponse": {"type": "object", "members": []},
            "UnservedRequest": {"type": "object", "members": [
                {"name": "X", "type": "int", "member": "mystery"}
            ]}
        }
    }"#;

    const SERVICE: &str = r#"{
        "service": "tcss", "version": "2020-11-01",
        "endpoints": {"international": "tcss.intl.tencentcloudapi.com"},
        "actions": {"DescribeThing": {"read_only": true, "quota_per_second": 20, "errors": []}}
    }"#;

    fn parse(
        api: &str,
        service: &str,
        examples: Vec<(String, &str)>,
    ) -> Result<ServiceDescription, SpecError> {
        ServiceDescription::parse(&SpecSources {
            origin: "fixture",
            api,
            service,
            examples,
        })
    }

    #[test]
    fn parses_served_actions_with_their_objects_and_quota() {
        let example = r#"{"Response": {"Thing": 1, "RequestId": "x"}}"#;
        let description = parse(API, SERVICE, vec![("DescribeThing".into(), example)]).unwrap();

        assert_eq!(
            (description.name(), description.version()),
            ("tcss", "2020-11-01")
        );
        assert_eq!(
            description.action_names().collect::<Vec<_>>(),
            ["DescribeThing"]
        );
        assert_eq!(description.quota_per_second("DescribeThing"), Some(20));
        assert_eq!(description.quota_per_second("Unserved"), None);

        let action = description.action("DescribeThing").unwrap();
        assert_eq!(action.input, "DescribeThingRequest");
        assert_eq!(action.example.as_ref().unwrap()["Thing"], 1);

        let request = description.object("DescribeThingRequest").unwrap();
        assert_eq!(
            request[0],
            MemberShape {
                name: "ID".into(),
                list: false,
                value: ValueShape::UInt64,
                required: true
            }
        );
        assert_eq!(request[1].value, ValueShape::Object("Filter".into()));
        assert!(request[1].list);
        assert_eq!(request[2].value, ValueShape::String);
        assert_eq!(
            description.object("Filter").unwrap()[1].value,
            ValueShape::Object("Filter".into())
        );
        assert!(
            description.object("UnservedRequest").is_none(),
            "unserved inputs are not resolved"
        );
    }

    #[test]
    fn rejects_descriptions_it_cannot_serve() {
        let other_version =
            SERVICE.replace("\"version\": \"2020-11-01\"", "\"version\": \"2017-03-12\"");
        let unknown_action = SERVICE.replace("\"DescribeThing\":", "\"DescribeNothing\":");
        let bad_type = API.replace(
            r#""type": "int", "member": "uint64""#,
            r#""type": "string", "member": "uint64""#,
        );
        let missing_object = API.replace(r#""member": "Filter"}"#, r#""member": "Filtre"}"#);

        type Case<'a> = (String, String, Vec<(String, &'a str)>, &'a str);
        let cases: Vec<Case> = vec![
            (
                API.into(),
                "{".into(),
                vec![],
                "fixture/service.json is not a valid description",
            ),
            (
                API.into(),
                other_version,
                vec![],
                "describes tcss 2017-03-12 but api.json describes tcss 2020-11-01",
            ),
            (
                API.into(),
                unknown_action,
                vec![],
                "action DescribeNothing is listed",
            ),
            (
                bad_type,
                SERVICE.into(),
                vec![],
                "member DescribeThingRequest.ID: type `string` does not go",
            ),
            (
                missing_object,
                SERVICE.into(),
                vec![],
                "element type `Filtre` is neither",
            ),
            (
                API.into(),
                SERVICE.into(),
                vec![("DescribeThing".into(), "{\"Response\": 1}")],
                "fixture/examples/DescribeThing.json: an example must be",
            ),
            (
                API.into(),
                SERVICE.into(),
                vec![(
                    "DescribeThing".into(),
                    "{\"Response\": {\"Desc\": \"a\" \"B\": 1}}",
                )],
                "fixture/examples/DescribeThing.json is not a valid description",
            ),
        ];
        for (api, service, examples, expected) in cases {
            let message = parse(&api, &service, examples).unwrap_err().to_string();
            assert!(
                message.contains(expected),
                "expected `{expected}` in `{message}`"
            );
        }
    }
}
