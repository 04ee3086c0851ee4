//! Checking request parameters against the action's input object, as the service does.
//!
//! Per object, members are checked in the order the description lists them (missing, then
//! wrongly typed, descending into nested objects and lists), then parameters the object does
//! not define. The first problem wins; its message names the parameter by its full path,
//! such as `Filters.0.Name`, the way the service flattens nested parameters.

use serde_json::{Map, Value};

use crate::api_error::ApiError;
use crate::description::{MemberShape, ServiceDescription, ValueShape};
use crate::error_codes;

/// Checks the parameters of a request for the action whose input object is `input`.
pub(crate) fn validate_parameters(
    description: &ServiceDescription,
    input: &str,
    parameters: &Map<String, Value>,
) -> Result<(), ApiError> {
    check_object(description, input, parameters, "")
}

fn check_object(
    description: &ServiceDescription,
    object: &str,
    values: &Map<String, Value>,
    prefix: &str,
) -> Result<(), ApiError> {
    // Every object reachable from an input was resolved when the description was loaded.
    let members = description.object(object).unwrap_or_default();

    for member in members {
        let path = format!("{prefix}{}", member.name);
        match values.get(&member.name) {
            None if member.required => {
                return Err(ApiError::new(
                    error_codes::MISSING_PARAMETER,
                    format!("The request is missing the required parameter `{path}`."),
                ));
            }
            None => {}
            Some(value) => check_member(description, member, value, &path)?,
        }
    }

    if let Some(unknown) = values
        .keys()
        .find(|key| !members.iter().any(|m| &m.name == *key))
    {
        return Err(ApiError::new(
            error_codes::UNKNOWN_PARAMETER,
            format!("The parameter `{prefix}{unknown}` is not defined for this request."),
        ));
    }
    Ok(())
}

fn check_member(
    description: &ServiceDescription,
    member: &MemberShape,
    value: &Value,
    path: &str,
) -> Result<(), ApiError> {
    if !member.list {
        return check_value(description, &member.value, value, path);
    }

    let Value::Array(elements) = value else {
        return Err(invalid(path, "a list", value));
    };
    for (index, element) in elements.iter().enumerate() {
        check_value(
            description,
            &member.value,
            element,
            &format!("{path}.{index}"),
        )?;
    }
    Ok(())
}

fn check_value(
    description: &ServiceDescription,
    shape: &ValueShape,
    value: &Value,
    path: &str,
) -> Result<(), ApiError> {
    let (fits, expected) = match shape {
        ValueShape::UInt64 => (value.as_u64().is_some(), "a non-negative integer"),
        ValueShape::Int64 => (value.as_i64().is_some(), "an integer"),
        // Limitation: `date` and `datetime` members are only checked to be strings, not
        // parsed; the generated clients send them as the caller gave them.
        ValueShape::String => (value.is_string(), "a string"),
        ValueShape::Bool => (value.is_boolean(), "a boolean"),
        ValueShape::Float => (value.is_number(), "a number"),
        ValueShape::Object(object) => {
            let Value::Object(values) = value else {
                return Err(invalid(path, "an object", value));
            };
            return check_object(description, object, values, &format!("{path}."));
        }
    };
    if fits {
        Ok(())
    } else {
        Err(invalid(path, expected, value))
    }
}

fn invalid(path: &str, expected: &str, value: &Value) -> ApiError {
    ApiError::new(
        error_codes::INVALID_PARAMETER,
        format!(
            "The parameter `{path}` must be {expected}, but the request has {}.",
            describe(value)
        ),
    )
}

/// Names the kind of a JSON value for an error message.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a fractional or out-of-range number",
        Value::Number(number) if number.as_i64().is_some_and(i64::is_negative) => {
            "a negative number"
        }
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::description::SpecSources;

    const API: &str = r#"{
        "metadata": {"apiVersion": "2020-11-01", "serviceShortName": "demo"},
        "actions": {"Describe": {"input": "DescribeRequest"}},
        "objects": {
            "DescribeRequest": {"members": [
                {"name": "ID", "type": "int", "member": "uint64", "required": true},
                {"name": "Offset", "type": "int", "member": "int64"},
                {"name": "Name", "type": "string", "member": "string"},
                {"name": "Ratio", "type": "float", "member": "float"},
                {"name": "Strict", "type": "bool", "member": "bool"},
                {"name": "Tags", "type": "list", "member": "string"},
                {"name": "Filters", "type": "list", "member": "Filter"},
                {"name": "Page", "type": "object", "member": "Page"}
            ]},
            "Filter": {"members": [
                {"name": "Name", "type": "string", "member": "string", "required": true},
                {"name": "Values", "type": "list", "member": "string"}
            ]},
            "Page": {"members": [{"name": "Size", "type": "int", "member": "uint64"}]}
        }
    }"#;

    const SERVICE: &str = r#"{"service": "demo", "version": "2020-11-01",
        "actions": {"Describe": {"quota_per_second": 20}}}"#;

    fn check(parameters: Value) -> Result<(), (String, String)> {
        let sources = SpecSources {
            origin: "fixture",
            api: API,
            service: SERVICE,
            examples: vec![],
        };
        let description = ServiceDescription::parse(&sources).unwrap();
        let Value::Object(parameters) = parameters else {
            panic!("parameters must be an object")
        };
        validate_parameters(&description, "DescribeRequest", &parameters)
            .map_err(|err| (err.code, err.message))
    }

    #[test]
    fn accepts_well_typed_requests() {
        let cases = [
            json!({"ID": 10}),
            json!({"ID": 0}),
            json!({"ID": u64::MAX}),
            json!({"ID": 1, "Offset": -5, "Name": "x", "Ratio": 0.5, "Strict": true}),
            json!({"ID": 1, "Ratio": 3, "Tags": [], "Filters": []}),
            json!({"ID": 1, "Filters": [{"Name": "a", "Values": ["b", "c"]}], "Page": {"Size": 2}}),
        ];
        for case in cases {
            assert_eq!(check(case.clone()), Ok(()), "{case}");
        }
    }

    #[test]
    fn rejects_each_kind_of_mistake_naming_the_parameter() {
        let cases = [
            (json!({}), error_codes::MISSING_PARAMETER, "`ID`"),
            (json!({"Name": "x"}), error_codes::MISSING_PARAMETER, "`ID`"),
            (
                json!({"ID": "10"}),
                error_codes::INVALID_PARAMETER,
                "`ID` must be a non-negative integer, but the request has a string",
            ),
            (
                json!({"ID": -1}),
                error_codes::INVALID_PARAMETER,
                "`ID` must be a non-negative integer, but the request has a negative number",
            ),
            (
                json!({"ID": 1.5}),
                error_codes::INVALID_PARAMETER,
                "a fractional or out-of-range number",
            ),
            (
                json!({"ID": null}),
                error_codes::INVALID_PARAMETER,
                "`ID` must be a non-negative integer, but the request has null",
            ),
            (json!({"ID": true}), error_codes::INVALID_PARAMETER, "`ID`"),
            (
                json!({"ID": 1, "Offset": 1.0}),
                error_codes::INVALID_PARAMETER,
                "`Offset` must be an integer",
            ),
            (
                json!({"ID": 1, "Name": 5}),
                error_codes::INVALID_PARAMETER,
                "`Name` must be a string",
            ),
            (
                json!({"ID": 1, "Ratio": "0.5"}),
                error_codes::INVALID_PARAMETER,
                "`Ratio` must be a number",
            ),
            (
                json!({"ID": 1, "Strict": "true"}),
                error_codes::INVALID_PARAMETER,
                "`Strict` must be a boolean",
            ),
            (
                json!({"ID": 1, "Tags": "a"}),
                error_codes::INVALID_PARAMETER,
                "`Tags` must be a list",
            ),
            (
                json!({"ID": 1, "Tags": ["a", 2]}),
                error_codes::INVALID_PARAMETER,
                "`Tags.1` must be a string",
            ),
            (
                json!({"ID": 1, "Filters": [{"Values": []}]}),
                error_codes::MISSING_PARAMETER,
                "`Filters.0.Name`",
            ),
            (
                json!({"ID": 1, "Filters": [{"Name": "a"}, "b"]}),
                error_codes::INVALID_PARAMETER,
                "`Filters.1` must be an object",
            ),
            (
                json!({"ID": 1, "Filters": [{"Name": "a", "Value": []}]}),
                error_codes::UNKNOWN_PARAMETER,
                "`Filters.0.Value`",
            ),
            (
                json!({"ID": 1, "Page": {"Size": -2}}),
                error_codes::INVALID_PARAMETER,
                "`Page.Size`",
            ),
            (
                json!({"ID": 1, "Id": 1}),
                error_codes::UNKNOWN_PARAMETER,
                "`Id` is not defined",
            ),
            (
                json!({"ID": 1, "Region": "ap-guangzhou"}),
                error_codes::UNKNOWN_PARAMETER,
                "`Region`",
            ),
        ];
        for (parameters, code, excerpt) in cases {
            let (actual_code, message) = check(parameters.clone()).unwrap_err();
            assert_eq!(actual_code, code, "{parameters}: {message}");
            assert!(
                message.contains(excerpt),
                "{parameters}: expected `{excerpt}` in `{message}`"
            );
        }
    }
}
