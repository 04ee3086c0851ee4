//! The emulator answers only with codes that spec/common-errors.json lists.

use serde_json::Value;
use tencentcloud_emulator::error_codes;

#[test]
fn every_code_the_emulator_answers_is_a_common_error_code() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/common-errors.json"
    ));
    let listed: Value = serde_json::from_str(text).unwrap();
    let codes: Vec<&str> = listed["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["code"].as_str().unwrap())
        .collect();

    for code in error_codes::ALL {
        assert!(
            codes.contains(code),
            "{code} is not in spec/common-errors.json"
        );
    }
}
