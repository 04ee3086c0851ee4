//! What the fuzz targets share: the table of generated actions and the property every
//! response type must keep.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

include!(concat!(env!("OUT_DIR"), "/actions.rs"));

/// A generated action and the check of its response type.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    /// The action's name.
    pub name: &'static str,
    /// Decodes a body as the action's response type; see [`check_response`].
    pub check: fn(&[u8]),
}

/// The action an input is for: its first two bytes (big-endian) modulo the number of
/// actions, since a whole description has more than 256. The rest is the body to decode.
pub fn select_action(data: &[u8]) -> Option<(Action, &[u8])> {
    let (selector, body) = match data {
        [high, low, body @ ..] => (usize::from(*high) << 8 | usize::from(*low), body),
        _ => return None,
    };
    Some((ACTIONS[selector % ACTIONS.len()], body))
}

/// Decodes `body` as `T` with serde_json, as `RawResponse::decode` does with the value of
/// `Response`. Failing is fine; panicking is not. What decodes must survive a round trip:
/// serialized again it decodes to an equal value, so nothing lenient decoding accepts is
/// changed by being stored and read back.
pub fn check_response<T>(body: &[u8])
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let Ok(first) = serde_json::from_slice::<T>(body) else {
        return;
    };

    let text = serde_json::to_vec(&first).expect("a decoded response serializes");
    let second: T = serde_json::from_slice(&text).unwrap_or_else(|error| {
        panic!(
            "a re-serialized response does not decode: {error}\n{}",
            String::from_utf8_lossy(&text)
        )
    });
    assert_eq!(first, second, "a response changed across a round trip");
}
