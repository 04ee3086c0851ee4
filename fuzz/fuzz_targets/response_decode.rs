//! Every generated action's response type against arbitrary bytes: the first two bytes pick
//! the action, the rest is decoded with serde_json (see `fuzz_support::check_response`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((action, body)) = fuzz_support::select_action(data) {
        (action.check)(body);
    }
});
