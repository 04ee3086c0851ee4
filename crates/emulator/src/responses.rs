//! Responses a test registered, chosen per action and optionally per parameter value.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// Registered responses. The newest registration that matches wins; a registration for a
/// parameter value beats one for the whole action.
#[derive(Debug, Default)]
pub(crate) struct ResponseBook {
    by_action: HashMap<String, Value>,
    by_value: Vec<ValueResponse>,
}

/// A response for requests of `action` whose top-level parameter `member` equals `value`.
#[derive(Debug)]
struct ValueResponse {
    action: String,
    member: String,
    value: Value,
    response: Value,
}

impl ResponseBook {
    /// Registers the response for every request of `action`.
    pub(crate) fn register(&mut self, action: &str, response: Value) {
        self.by_action.insert(action.to_owned(), response);
    }

    /// Registers the response for requests of `action` whose `member` equals `value`.
    pub(crate) fn register_for(
        &mut self,
        action: &str,
        member: &str,
        value: Value,
        response: Value,
    ) {
        self.by_value.push(ValueResponse {
            action: action.to_owned(),
            member: member.to_owned(),
            value,
            response,
        });
    }

    /// Forgets every registration.
    pub(crate) fn clear(&mut self) {
        self.by_action.clear();
        self.by_value.clear();
    }

    /// The registered response for a request, as registered (see [`response_object`]).
    pub(crate) fn pick(&self, action: &str, parameters: &Map<String, Value>) -> Option<&Value> {
        let by_value = self.by_value.iter().rev().find(|registered| {
            registered.action == action
                && parameters.get(&registered.member) == Some(&registered.value)
        });
        by_value
            .map(|registered| &registered.response)
            .or_else(|| self.by_action.get(action))
    }
}

/// The contents of `Response` for a registered value: either the value itself or, when it is
/// a whole envelope `{"Response": {...}}`, what the envelope holds. `None` when that is not
/// a JSON object.
pub(crate) fn response_object(registered: &Value) -> Option<&Map<String, Value>> {
    match registered.get("Response") {
        Some(Value::Object(inner)) => Some(inner),
        _ => registered.as_object(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn params(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn value_registrations_beat_action_registrations_and_newest_wins() {
        let mut book = ResponseBook::default();
        book.register("Describe", json!({"Which": "action"}));
        book.register_for("Describe", "ID", json!(10), json!({"Which": "ten"}));
        book.register_for("Describe", "ID", json!(10), json!({"Which": "ten, newer"}));
        book.register_for("Describe", "ID", json!(11), json!({"Which": "eleven"}));

        let cases = [
            (
                "Describe",
                json!({"ID": 10}),
                Some(json!({"Which": "ten, newer"})),
            ),
            (
                "Describe",
                json!({"ID": 11}),
                Some(json!({"Which": "eleven"})),
            ),
            (
                "Describe",
                json!({"ID": 12}),
                Some(json!({"Which": "action"})),
            ),
            (
                "Describe",
                json!({"ID": "10"}),
                Some(json!({"Which": "action"})),
            ),
            ("Other", json!({"ID": 10}), None),
        ];
        for (action, parameters, expected) in cases {
            assert_eq!(
                book.pick(action, &params(parameters.clone())),
                expected.as_ref(),
                "{action} {parameters}"
            );
        }

        book.clear();
        assert_eq!(book.pick("Describe", &params(json!({"ID": 10}))), None);
    }

    #[test]
    fn a_response_may_be_registered_with_or_without_its_envelope() {
        let bare = json!({"Info": {"ID": 1}});
        let wrapped = json!({"Response": {"Info": {"ID": 1}}});
        assert_eq!(response_object(&bare), response_object(&wrapped));
        assert_eq!(response_object(&bare).unwrap()["Info"]["ID"], 1);
        assert_eq!(response_object(&json!([1, 2])), None);
        assert_eq!(response_object(&json!("text")), None);
    }
}
