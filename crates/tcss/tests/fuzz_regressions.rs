//! Inputs that once failed the `response_decode` fuzz target (see `fuzz/`), kept so they
//! never do again.

use serde::{Deserialize, Serialize};
use tencentcloud_tcss::model::lenient;

/// A response member of type `float`, decoded as every generated response decodes one.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct FloatMember {
    #[serde(rename = "Value", default, deserialize_with = "lenient::optional")]
    value: Option<f64>,
}

fn decode(text: &str) -> FloatMember {
    serde_json::from_str(text).unwrap()
}

/// The first finding, over the whole official description: `ExportProgress` sent as
/// `11854674407370955161500` decoded, printed as `1.1854674407370955e22`, and read back as a
/// different number, because serde_json's default float parser may miss the nearest f64 by
/// one unit in the last place. The workspace now turns on `float_roundtrip`.
#[test]
fn floats_decode_to_the_nearest_value_and_survive_a_round_trip() {
    let cases = [
        ("11854674407370955161500", 1.1854674407370955e22),
        ("1.1854674407370955e22", 1.1854674407370955e22),
        ("\"11854674407370955161500\"", 1.1854674407370955e22),
        ("0.1", 0.1),
        ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("9007199254740993", 9007199254740992.0),
        ("1.7976931348623157e308", f64::MAX),
    ];

    for (number, expected) in cases {
        let first = decode(&format!(r#"{{"Value": {number}}}"#));
        assert_eq!(first.value, Some(expected), "{number}");

        let again = decode(&serde_json::to_string(&first).unwrap());
        assert_eq!(again, first, "{number} changed across a round trip");
    }
}
