//! Finding the service version and action a verified request is for.

use crate::api_error::ApiError;
use crate::description::{ActionDescription, ServiceDescription};
use crate::error_codes;

/// Values the service accepts in `X-TC-Language`.
const LANGUAGES: &[&str] = &["zh-CN", "en-US"];

/// Picks the description of `action` in `version` of `service` (the credential scope's
/// service name).
///
/// An action that no version of the service offers is `InvalidAction`; an action offered
/// only by other versions, or a version that does not exist, is `NoSuchVersion`.
pub(crate) fn route<'a>(
    services: &'a [ServiceDescription],
    service: &str,
    action: &str,
    version: &str,
) -> Result<(&'a ServiceDescription, &'a ActionDescription), ApiError> {
    let candidates: Vec<&ServiceDescription> = services
        .iter()
        .filter(|description| description.name() == service)
        .collect();
    if candidates.is_empty() {
        let served: Vec<&str> = services.iter().map(ServiceDescription::name).collect();
        return Err(ApiError::new(
            error_codes::SIGNATURE_FAILURE,
            format!(
                "The credential scope names service `{service}`, which this endpoint does not \
                 serve (it serves {}).",
                served.join(", ")
            ),
        ));
    }

    if !candidates
        .iter()
        .any(|description| description.action(action).is_some())
    {
        return Err(ApiError::new(
            error_codes::INVALID_ACTION,
            format!("The action `{action}` does not exist in service {service}."),
        ));
    }

    let found = candidates
        .iter()
        .find(|description| description.version() == version);
    match found.and_then(|description| Some((*description, description.action(action)?))) {
        Some(pair) => Ok(pair),
        None => {
            let versions: Vec<&str> = candidates
                .iter()
                .filter(|description| description.action(action).is_some())
                .map(|description| description.version())
                .collect();
            Err(ApiError::new(
                error_codes::NO_SUCH_VERSION,
                format!(
                    "The version `{version}` of action `{action}` does not exist; \
                     service {service} offers it in version {}.",
                    versions.join(", ")
                ),
            ))
        }
    }
}

/// Checks `X-TC-Language`, which is optional.
pub(crate) fn check_language(language: Option<&str>) -> Result<(), ApiError> {
    match language {
        Some(language) if !LANGUAGES.contains(&language) => Err(ApiError::new(
            error_codes::INVALID_PARAMETER_VALUE,
            format!(
                "X-TC-Language `{language}` is not one of {}.",
                LANGUAGES.join(", ")
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::description::SpecSources;

    fn service(name: &str, version: &str, actions: &[&str]) -> ServiceDescription {
        let api_actions: Vec<String> = actions
            .iter()
            .map(|a| format!(r#""{a}": {{"input": "Empty"}}"#))
            .collect();
        let side_actions: Vec<String> = actions.iter().map(|a| format!(r#""{a}": {{}}"#)).collect();
        let api = format!(
            r#"{{"metadata": {{"apiVersion": "{version}", "serviceShortName": "{name}"}},
                "actions": {{{}}}, "objects": {{"Empty": {{"members": []}}}}}}"#,
            api_actions.join(",")
        );
        let side = format!(
            r#"{{"service": "{name}", "version": "{version}", "actions": {{{}}}}}"#,
            side_actions.join(",")
        );
        let sources = SpecSources {
            origin: "fixture",
            api: &api,
            service: &side,
            examples: vec![],
        };
        ServiceDescription::parse(&sources).unwrap()
    }

    #[test]
    fn routes_by_service_action_and_version() {
        let services = [
            service("tcss", "2020-11-01", &["DescribeA", "DescribeB"]),
            service("tcss", "2018-01-01", &["DescribeOld"]),
            service("cvm", "2017-03-12", &["DescribeInstances"]),
        ];
        let cases: &[(&str, &str, &str, Result<&str, &str>)] = &[
            ("tcss", "DescribeA", "2020-11-01", Ok("2020-11-01")),
            ("tcss", "DescribeOld", "2018-01-01", Ok("2018-01-01")),
            ("cvm", "DescribeInstances", "2017-03-12", Ok("2017-03-12")),
            (
                "tcss",
                "DescribeZ",
                "2020-11-01",
                Err(error_codes::INVALID_ACTION),
            ),
            (
                "tcss",
                "DescribeInstances",
                "2017-03-12",
                Err(error_codes::INVALID_ACTION),
            ),
            (
                "tcss",
                "DescribeA",
                "2019-01-01",
                Err(error_codes::NO_SUCH_VERSION),
            ),
            (
                "tcss",
                "DescribeOld",
                "2020-11-01",
                Err(error_codes::NO_SUCH_VERSION),
            ),
            (
                "cbs",
                "DescribeA",
                "2020-11-01",
                Err(error_codes::SIGNATURE_FAILURE),
            ),
        ];
        for (name, action, version, expected) in cases {
            let outcome = route(&services, name, action, version)
                .map(|(description, _)| description.version())
                .map_err(|err| err.code);
            assert_eq!(
                outcome,
                expected.map_err(String::from),
                "{name} {action} {version}"
            );
        }
    }

    #[test]
    fn no_such_version_says_which_versions_exist() {
        let services = [service("tcss", "2020-11-01", &["DescribeA"])];
        let message = route(&services, "tcss", "DescribeA", "2021-01-01")
            .unwrap_err()
            .message;
        assert!(
            message.contains("`2021-01-01`") && message.contains("2020-11-01"),
            "{message}"
        );
    }

    #[test]
    fn language_is_optional_but_must_be_known() {
        assert!(check_language(None).is_ok());
        assert!(check_language(Some("en-US")).is_ok());
        assert!(check_language(Some("zh-CN")).is_ok());
        let error = check_language(Some("fr-FR")).unwrap_err();
        assert_eq!(error.code, error_codes::INVALID_PARAMETER_VALUE);
        assert!(error.message.contains("fr-FR"));
    }
}
