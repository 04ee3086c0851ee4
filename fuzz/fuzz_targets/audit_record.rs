//! The typed views of the event's JSON-in-string members against arbitrary text: the
//! audit record, the rule scope and the highlighted values. Errors are fine, including
//! their messages; panics are not.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_tcss::audit::{
    ParseError, parse_audit_record, parse_highlight_values, parse_scope,
};

fn describe(error: &ParseError) {
    let _ = error.to_string();
    let _ = error.location().field_path();
    let _ = std::error::Error::source(error).map(ToString::to_string);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    match parse_audit_record(text) {
        Ok(record) => {
            let _ = format!("{record:?}");
        }
        Err(error) => describe(&error),
    }
    match parse_scope(text) {
        Ok(values) => {
            let _ = format!("{values:?}");
        }
        Err(error) => describe(&error),
    }
    match parse_highlight_values(text) {
        Ok(values) => {
            let _ = format!("{values:?}");
        }
        Err(error) => describe(&error),
    }
});
