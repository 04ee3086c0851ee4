//! Rust names for the description's names: pure functions, tested by tables below.
//!
//! Rules:
//! - Members become snake_case fields (`ClusterID` -> `cluster_id`). A Rust keyword becomes a
//!   raw identifier (`Type` -> `r#type`); `self`, `Self`, `super` and `crate` cannot be raw and
//!   get a trailing underscore instead (`self_`).
//! - Members of one object that snake-case to the same field (`PublicIP`, `PublicIp`) are
//!   ordered by their wire name (byte order, so `PublicIP` before `PublicIp`); the first keeps
//!   the field name and the others get `_2`, `_3`, ... in that order.
//! - Objects keep their names (`Result`, `Option`, `Error` and `Value` included: generated code
//!   writes std paths in full, so nothing can be shadowed); only `Self` becomes `Self_`.
//! - Module and file names are the snake_case of the object or action, with a trailing
//!   underscore for keywords and `_2`, `_3`, ... for clashes.
//! - Error code variants are the UpperCamelCase of the code without its dots
//!   (`FailedOperation.TaskNotFound` -> `FailedOperationTaskNotFound`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves in edition 2024 (strict, reserved and the 2024 `gen`).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `word` is reserved by Rust.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Whether `name` is a plain ASCII identifier: letters, digits and `_`, not starting with a
/// digit. Keywords count as identifiers here; [`escape_keyword`] handles them.
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphabetic() || first == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name != "_"
}

/// Makes a keyword usable: `type` -> `r#type`, `self` -> `self_`; other words unchanged.
pub fn escape_keyword(word: &str) -> String {
    if NOT_RAW.contains(&word) {
        format!("{word}_")
    } else if is_keyword(word) {
        format!("r#{word}")
    } else {
        word.to_owned()
    }
}

/// The snake_case of a wire name, or `None` when it cannot become an identifier.
pub fn snake(name: &str) -> Option<String> {
    let snake = name.to_snake_case();
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    };
    is_plain_identifier(&snake).then_some(snake)
}

/// Field names for the members of one object, in the members' order; `Err` carries the
/// wire name that cannot become an identifier.
pub fn field_names(members: &[&str]) -> Result<Vec<String>, String> {
    let mut bases = Vec::with_capacity(members.len());
    for member in members {
        bases.push(snake(member).ok_or_else(|| (*member).to_owned())?);
    }

    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| members[a].cmp(members[b]));

    let taken_by_first: BTreeSet<&str> = bases.iter().map(String::as_str).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut names = vec![String::new(); members.len()];
    for index in order {
        let base = &bases[index];
        let mut name = base.clone();
        let mut counter = 2;
        while used.contains(&name) || (name != *base && taken_by_first.contains(name.as_str())) {
            name = format!("{base}_{counter}");
            counter += 1;
        }
        used.insert(name.clone());
        names[index] = name;
    }

    Ok(names.iter().map(|name| escape_keyword(name)).collect())
}

/// The type name of an object, or `None` when it is not an identifier.
pub fn type_name(object: &str) -> Option<String> {
    if !is_plain_identifier(object) {
        return None;
    }
    Some(if object == "Self" {
        "Self_".to_owned()
    } else {
        escape_keyword(object)
    })
}

/// Module (and file) names for a set of names, keyed by the name; clashes get `_2`, `_3`, ...
/// in the names' byte order. `Err` carries a name that cannot become an identifier.
pub fn module_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeMap<String, String>, String> {
    let mut sorted: Vec<&str> = names.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();

    let mut used = BTreeSet::new();
    let mut modules = BTreeMap::new();
    for name in sorted {
        let base = snake(name).ok_or_else(|| name.to_owned())?;
        let base = if is_keyword(&base) || base == "_" {
            format!("{base}_")
        } else {
            base
        };
        let mut module = base.clone();
        let mut counter = 2;
        while used.contains(&module) {
            module = format!("{base}_{counter}");
            counter += 1;
        }
        used.insert(module.clone());
        modules.insert(name.to_owned(), module);
    }
    Ok(modules)
}

/// The method name of an action on the client: snake_case, keywords escaped.
pub fn method_name(action: &str) -> Option<String> {
    snake(action).map(|name| escape_keyword(&name))
}

/// The constant name of an action's `ActionSpec`: SHOUTY_SNAKE_CASE.
pub fn const_name(action: &str) -> Option<String> {
    let name = action.to_shouty_snake_case();
    is_plain_identifier(&name).then_some(name)
}

/// The enum variant of an error code, or `None` when it cannot become an identifier.
pub fn error_variant(code: &str) -> Option<String> {
    let name = code.replace('.', " ").to_upper_camel_case();
    (is_plain_identifier(&name) && !is_keyword(&name)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_with_keywords_escaped() {
        let cases = [
            ("ClusterID", "cluster_id"),
            ("K8sVersion", "k8s_version"),
            ("HighLightFieldsVal", "high_light_fields_val"),
            ("RuleTypeZH", "rule_type_zh"),
            ("ID", "id"),
            ("Type", "r#type"),
            ("Match", "r#match"),
            ("Async", "r#async"),
            ("Gen", "r#gen"),
            ("Self", "self_"),
            ("Super", "super_"),
            ("Crate", "crate_"),
            ("3DModel", "_3d_model"),
        ];
        for (member, expected) in cases {
            assert_eq!(field_names(&[member]).unwrap(), [expected], "{member}");
        }
    }

    #[test]
    fn colliding_members_are_numbered_in_wire_name_order() {
        let cases: [(&[&str], &[&str]); 4] = [
            (&["PublicIP", "PublicIp"], &["public_ip", "public_ip_2"]),
            (&["PublicIp", "PublicIP"], &["public_ip_2", "public_ip"]),
            (&["A", "a", "A_"], &["a", "a_3", "a_2"]),
            (
                &["PublicIp2", "PublicIP", "PublicIp"],
                &["public_ip2", "public_ip", "public_ip_2"],
            ),
        ];
        for (members, expected) in cases {
            assert_eq!(field_names(members).unwrap(), expected, "{members:?}");
        }
    }

    #[test]
    fn a_numbered_name_never_takes_another_members_name() {
        let names = field_names(&["Ab2", "AB", "Ab", "Ab_2"]).unwrap();
        let unique: BTreeSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn names_that_cannot_be_identifiers_are_reported() {
        assert_eq!(field_names(&["Ok", "名字"]).unwrap_err(), "名字");
        assert_eq!(type_name("Bad-Name"), None);
        assert_eq!(method_name(""), None);
        assert_eq!(error_variant("名字"), None);
    }

    #[test]
    fn objects_keep_their_names() {
        let cases = [
            ("Result", "Result"),
            ("Option", "Option"),
            ("Error", "Error"),
            ("Value", "Value"),
            ("Vec", "Vec"),
            ("Self", "Self_"),
            ("K8sApiAbnormalEventInfo", "K8sApiAbnormalEventInfo"),
        ];
        for (object, expected) in cases {
            assert_eq!(type_name(object).as_deref(), Some(expected), "{object}");
        }
    }

    #[test]
    fn module_names_are_unique_and_never_keywords() {
        let modules = module_names(["Type", "Self", "PortInfo", "Port_Info", "ABTest"]).unwrap();
        let expected = [
            ("ABTest", "ab_test"),
            ("PortInfo", "port_info"),
            ("Port_Info", "port_info_2"),
            ("Self", "self_"),
            ("Type", "type_"),
        ];
        for (name, module) in expected {
            assert_eq!(modules[name], module, "{name}");
        }
    }

    #[test]
    fn actions_and_error_codes() {
        assert_eq!(
            method_name("DescribeK8sApiAbnormalEventInfo").as_deref(),
            Some("describe_k8s_api_abnormal_event_info")
        );
        assert_eq!(
            const_name("DescribeK8sApiAbnormalEventInfo").as_deref(),
            Some("DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO")
        );
        let codes = [
            ("InternalError", "InternalError"),
            (
                "FailedOperation.TaskNotFound",
                "FailedOperationTaskNotFound",
            ),
            (
                "RequestLimitExceeded.IPLimitExceeded",
                "RequestLimitExceededIpLimitExceeded",
            ),
        ];
        for (code, variant) in codes {
            assert_eq!(error_variant(code).as_deref(), Some(variant), "{code}");
        }
    }
}
